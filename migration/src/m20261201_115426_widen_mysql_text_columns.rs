//! MariaDB/MySQL: every unbounded text column becomes `LONGTEXT` (up to 4 GiB), as PostgreSQL's
//! and SQLite's `text` are. `TEXT` stops at 64 KiB there, so longer values failed on MariaDB
//! alone. The service bounds each field (`service::validation`), the same on every backend.
//! Nothing changes on PostgreSQL or SQLite.

use crate::ddl::mysql_modify;
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;

/// Every `text` column the earlier migrations create, per table, with whether it is NOT NULL.
const TEXT_COLUMNS: &[(&str, &[(&str, bool)])] = &[
    ("cases", &[("description", false)]),
    ("property_opinions", &[("notes", false)]),
    (
        "research_queries",
        &[("query_text", true), ("response_text", false)],
    ),
    (
        "junior_logs",
        &[("action", true), ("context", false), ("response", false)],
    ),
    ("verification_log", &[("answer_text", true)]),
    ("source_fingerprints", &[("text", true)]),
    ("compliance_sections", &[("purpose", false)]),
    (
        "compliance_questions",
        &[
            ("question_text", true),
            ("basic_requirement", false),
            ("applicability", false),
            ("detailed_explanation", false),
            ("instructions_for_reviewer", false),
        ],
    ),
    ("compliance_indicators", &[("indicator_text", true)]),
    (
        "compliance_deficiencies",
        &[
            ("deficiency_title", true),
            ("determination", true),
            ("corrective_action", false),
        ],
    ),
    (
        "funding_opportunities",
        &[("source_url", true), ("editable_text", false)],
    ),
    (
        "proposal_templates",
        &[
            ("docx_path", false),
            ("pdf_path", false),
            ("notes", false),
            ("hash", false),
        ],
    ),
    ("documents", &[("storage_path", true), ("mime", false)]),
    ("sources", &[("provider", true), ("domain", false)]),
];

/// Widens MariaDB/MySQL `TEXT` columns to `LONGTEXT`.
///
/// `down` narrows them again; on a database holding a value over 64 KiB it fails (strict
/// mode) rather than truncate it.
pub struct Migration;

fn script(backend: DbBackend, kind: &str) -> Vec<String> {
    let mut s = Script::new(backend);
    if backend == DbBackend::MySql {
        for (table, columns) in TEXT_COLUMNS {
            let definitions: Vec<(&str, String)> = columns
                .iter()
                .map(|(column, not_null)| {
                    let null = if *not_null { "NOT NULL" } else { "NULL" };
                    (*column, format!("{kind} {null}"))
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
        "widen mysql text columns to longtext"
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        script(backend, "LONGTEXT")
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        script(backend, "TEXT")
    }
}
