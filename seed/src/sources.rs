//! The three default ingestion sources (from upstream's backfill script), inserted by `seed` and by
//! `backfill sources` — only into an empty `sources` table, decided in the insert itself
//! (`... WHERE NOT EXISTS (SELECT 1 FROM sources)`) while the seed lock is held.

use crate::db::{build_error, literal_rows};
use crate::error::Result;
use crate::report::Tally;
use entity::proposals::source;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Value};

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
    let rows = literal_rows(
        &["provider", "kind", "domain", "config", "enabled"],
        DEFAULTS.iter().map(|&(provider, kind, domain, config)| {
            let row: Vec<Value> = vec![
                provider.into(),
                kind.into(),
                domain.into(),
                config.into(),
                true.into(),
            ];
            row
        }),
    )?;
    // PostgreSQL types the literals as text: the enum and JSON columns need them cast.
    let (kind, config) = (Expr::col(("v", "kind")), Expr::col(("v", "config")));
    let (kind, config) = if backend == DbBackend::Postgres {
        (kind.cast_as("sourcetypeenum"), config.cast_as("json"))
    } else {
        (kind, config)
    };
    let select = Query::select()
        .column(("v", "provider"))
        .expr(kind)
        .column(("v", "domain"))
        .expr(config)
        .column(("v", "enabled"))
        .from_subquery(rows, "v")
        .and_where(Expr::not_exists(
            Query::select()
                .expr(Expr::val(1))
                .from(source::Entity)
                .to_owned(),
        ))
        .to_owned();
    let insert = Query::insert()
        .into_table(source::Entity)
        .columns([
            source::Column::Provider,
            source::Column::Type,
            source::Column::Domain,
            source::Column::Config,
            source::Column::Enabled,
        ])
        .select_from(select)
        .map_err(build_error)?
        .to_owned();
    let inserted = txn.execute(&insert).await?.rows_affected();
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
