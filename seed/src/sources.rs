//! The three default ingestion sources (SCHEMA.md), inserted by `seed` and by
//! `backfill sources` — only into an empty `sources` table, decided in the insert itself
//! (`... WHERE NOT EXISTS (SELECT 1 FROM sources)`) while the seed lock is held.

use crate::db::Sql;
use crate::error::Result;
use crate::report::Tally;
use sea_orm::{ConnectionTrait, DbBackend};

/// A default source: (provider, type, domain, config JSON).
pub const DEFAULTS: [(&str, &str, &str, &str); 3] = [
    (
        "grants.gov",
        "api",
        "grants.gov",
        r#"{"filters": {"status": "open"}, "rate_limit": 100}"#,
    ),
    ("UK Government", "crawler", "gov.uk", "{}"),
    ("European Commission", "crawler", "ec.europa.eu", "{}"),
];

/// Inserts the default sources if, and only if, `sources` is empty, in one statement, on a
/// connection that already holds the seed lock ([`crate::lock::Locked`]).
///
/// # Errors
/// A failing statement.
pub async fn insert_if_empty(txn: &impl ConnectionTrait) -> Result<Tally> {
    let backend = txn.get_database_backend();
    let (enum_cast, json_cast) = if backend == DbBackend::Postgres {
        ("CAST(v.kind AS sourcetypeenum)", "CAST(v.config AS json)")
    } else {
        ("v.kind", "v.config")
    };
    let mut sql = Sql::new(backend);
    sql.push("INSERT INTO sources (provider, type, domain, config, enabled) SELECT v.provider, ")
        .push(enum_cast)
        .push(", v.domain, ")
        .push(json_cast)
        .push(", v.enabled FROM (");
    for (i, (provider, kind, domain, config)) in DEFAULTS.iter().enumerate() {
        sql.push(if i == 0 {
            "SELECT "
        } else {
            " UNION ALL SELECT "
        })
        .bind(*provider)
        .push(" AS provider, ")
        .bind(*kind)
        .push(" AS kind, ")
        .bind(*domain)
        .push(" AS domain, ")
        .bind(*config)
        .push(" AS config, ")
        .bind(true)
        .push(" AS enabled");
    }
    sql.push(") v WHERE NOT EXISTS (SELECT 1 FROM sources)");
    let inserted = txn.execute_raw(sql.build()).await?.rows_affected();
    Ok(Tally {
        table: "sources",
        created: inserted,
        updated: 0,
        present: if inserted == 0 {
            DEFAULTS.len() as u64
        } else {
            0
        },
    })
}
