//! MariaDB/MySQL: identifiers, hashes, codes and tokens compare byte for byte
//! (`utf8mb4_bin`), as they do on PostgreSQL and SQLite. Under the tables' default
//! `utf8mb4_unicode_ci` a lookup of `key-X` found `Key-X`, a unique key refused `vx-1` beside
//! `VX-1`, and characters the collation ignores matched anything. E-mail addresses keep the
//! case-insensitive collation (the service lower-cases them anyway). Nothing changes on
//! PostgreSQL or SQLite.

use crate::ddl::mysql_modify;
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;

/// A key column: name, type (as the earlier migrations left it) and whether it is NOT NULL.
type KeyColumn = (&'static str, &'static str, bool);

/// The key columns per table.
const KEY_COLUMNS: &[(&str, &[KeyColumn])] = &[
    (
        "inference_logs",
        &[("response_hash", "varchar(255)", false)],
    ),
    (
        "verification_log",
        &[
            ("verification_id", "varchar(36)", true),
            ("answer_hash", "varchar(64)", true),
        ],
    ),
    ("embedding_cache", &[("text_hash", "varchar(64)", true)]),
    (
        "source_fingerprints",
        &[
            ("source_id", "varchar(100)", true),
            ("source_hash", "varchar(64)", true),
        ],
    ),
    (
        "compliance_sections",
        &[("section_code", "varchar(50)", true)],
    ),
    (
        "compliance_questions",
        &[("question_code", "varchar(50)", true)],
    ),
    ("compliance_indicators", &[("letter", "varchar(5)", true)]),
    (
        "compliance_deficiencies",
        &[("deficiency_code", "varchar(50)", true)],
    ),
    // LONGTEXT since m20261201_115426_widen_mysql_text_columns.
    ("funding_opportunities", &[("source_url", "LONGTEXT", true)]),
    ("proposal_templates", &[("hash", "LONGTEXT", false)]),
    ("documents", &[("sha256", "varchar(64)", true)]),
    ("api_tokens", &[("token_hash", "varchar(64)", true)]),
];

/// Gives MariaDB/MySQL key columns the binary collation.
///
/// `down` restores `utf8mb4_unicode_ci`; it fails on a unique key that holds two values
/// differing only in case, rather than drop one.
pub struct Migration;

fn script(backend: DbBackend, collation: &str) -> Vec<String> {
    let mut s = Script::new(backend);
    if backend == DbBackend::MySql {
        for (table, columns) in KEY_COLUMNS {
            let definitions: Vec<(&str, String)> = columns
                .iter()
                .map(|(column, kind, not_null)| {
                    let null = if *not_null { "NOT NULL" } else { "NULL" };
                    let definition =
                        format!("{kind} CHARACTER SET utf8mb4 COLLATE {collation} {null}");
                    (*column, definition)
                })
                .collect();
            let borrowed: Vec<(&str, &str)> =
                definitions.iter().map(|(c, d)| (*c, d.as_str())).collect();
            s.raw(mysql_modify(table, &borrowed));
        }
    }
    s.finish()
}

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "compare mysql key columns byte for byte (utf8mb4_bin)"
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        script(backend, "utf8mb4_bin")
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        script(backend, "utf8mb4_unicode_ci")
    }
}
