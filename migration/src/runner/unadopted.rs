//! `up` on a database that Alembic built and nobody adopted: its tables exist, lexbase records
//! nothing, so the first migration would fail on `CREATE TABLE users` (and on MariaDB, which
//! cannot roll DDL back, leave a trace). Refused before anything runs, with the way out.

use super::session::Session;
use crate::error::{Error, Result};
use crate::schema::live;
use crate::tracking;

/// Refuses when the database has `alembic_version` and application tables but lexbase records
/// no migration at all.
///
/// # Errors
/// [`Error::NotAdopted`] naming how many tables exist; a catalog query failing.
pub(super) async fn refuse(session: &Session) -> Result<()> {
    if !tracking::read(session.db()).await?.is_empty() {
        return Ok(());
    }
    let tables = live::table_names(session.db()).await?;
    if !tables.iter().any(|t| t == "alembic_version") {
        return Ok(());
    }
    let application: Vec<&String> = tables
        .iter()
        .filter(|t| !live::TRACKING_TABLES.contains(&t.as_str()))
        .collect();
    if application.is_empty() {
        return Ok(());
    }
    Err(Error::NotAdopted {
        tables: application.len(),
    })
}
