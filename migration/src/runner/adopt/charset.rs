//! MariaDB/MySQL tables in another character set than lexbase's `utf8mb4` (an old server's
//! default was latin1): converted before anything else, so they hold what lexbase stores
//! (emoji, any script). Converting from a narrower set keeps every value. The schema model
//! carries no table character set, so this is the one reconciliation step outside
//! [`crate::ops`].

use crate::error::Result;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::BTreeMap;

/// The character set and collation lexbase creates its MariaDB/MySQL tables with.
const CHARSET: &str = "utf8mb4";
const COLLATION: &str = "utf8mb4_unicode_ci";

/// `(note, statement)` for each of `tables` that is not `utf8mb4` (none off MariaDB/MySQL).
///
/// # Errors
/// The catalog query failing.
pub async fn conversions(
    db: &impl ConnectionTrait,
    tables: &[&String],
) -> Result<Vec<(String, String)>> {
    if db.get_database_backend() != DbBackend::MySql {
        return Ok(Vec::new());
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::MySql,
            "SELECT CAST(table_name AS CHAR), CAST(table_collation AS CHAR) \
             FROM information_schema.tables WHERE table_schema = DATABASE()",
        ))
        .await?;
    let mut collations = BTreeMap::new();
    for row in rows {
        let name: String = row.try_get_by_index(0)?;
        let collation: Option<String> = row.try_get_by_index(1)?;
        collations.insert(name, collation.unwrap_or_default());
    }
    Ok(tables
        .iter()
        .filter_map(|table| {
            let collation = collations.get(table.as_str())?;
            (!collation.starts_with(CHARSET)).then(|| {
                (
                    format!("convert table {table} from {collation} to {CHARSET} ({COLLATION})"),
                    format!(
                        "ALTER TABLE `{}` CONVERT TO CHARACTER SET {CHARSET} COLLATE {COLLATION}",
                        table.replace('`', "``")
                    ),
                )
            })
        })
        .collect())
}
