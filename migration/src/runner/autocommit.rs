//! Running one migration statement by statement, each committed on its own: MariaDB/MySQL
//! (no transactional DDL) and migrations that must run outside a transaction. A row marks
//! the migration incomplete while it runs, so a failure (or a kill) leaves a trace.

use super::session::Session;
use super::step::{Direction, millis, now, one_line, statements};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::tracking;
use sea_orm::ConnectionTrait;
use std::time::{Duration, Instant};

/// MariaDB/MySQL commit every DDL statement on their own. Before the migration's statements
/// a row marks it incomplete; when one fails, that row names the statement, so `status`
/// shows exactly where it stopped. When the first one fails nothing took effect (a single
/// statement is atomic), so the mark is taken back: the migration is as it was.
pub(super) async fn run(
    session: &Session,
    catalog: &Catalog,
    index: usize,
    direction: Direction,
) -> Result<Duration> {
    let Some(entry) = catalog.get(index) else {
        return Ok(Duration::ZERO);
    };
    let backend = session.backend();
    let started = Instant::now();
    let (before, body, _) = statements(backend, entry, direction, 0, None);
    let note_before = match direction {
        Direction::Up => None,
        Direction::Down => tracking::read(session.db())
            .await?
            .remove(entry.name())
            .and_then(|record| record.note),
    };
    session.run(&before).await?;
    for (position, sql) in body.iter().enumerate() {
        if let Err(error) = session.db().execute_unprepared(sql).await {
            let reason = one_line(&error);
            if position == 0 {
                let outcome = untouched(session, catalog, index, direction, note_before).await;
                return Err(Error::MigrationFailed {
                    direction: direction.word(),
                    name: entry.name().to_owned(),
                    statement: sql.clone(),
                    reason,
                    outcome,
                });
            }
            let note = format!("{} failed at: {sql}: {reason}", direction.word());
            let marked = session
                .run(&tracking::mark_incomplete(
                    backend,
                    entry.name(),
                    entry.checksum(),
                    &note,
                ))
                .await;
            let outcome = match marked {
                Ok(()) => format!(
                    "MariaDB/MySQL cannot roll back DDL: the statements before this one took \
                     effect, and {} is marked incomplete in {} (see `status`)",
                    entry.name(),
                    tracking::CHECKSUMS_TABLE
                ),
                Err(e) => format!("and marking it incomplete failed too: {e}"),
            };
            return Err(Error::MigrationFailed {
                direction: direction.word(),
                name: entry.name().to_owned(),
                statement: sql.clone(),
                reason,
                outcome,
            });
        }
    }
    let elapsed = started.elapsed();
    let (_, _, after) = statements(backend, entry, direction, now(), Some(millis(elapsed)));
    session.run(&after).await?;
    Ok(elapsed)
}

/// Takes back the incomplete mark of a migration whose first statement failed, and says
/// where that leaves the database.
async fn untouched(
    session: &Session,
    catalog: &Catalog,
    index: usize,
    direction: Direction,
    note_before: Option<String>,
) -> String {
    let (Some(entry), backend) = (catalog.get(index), session.backend()) else {
        return String::new();
    };
    let (undo, left_at) = match direction {
        Direction::Up => (
            tracking::forget(backend, entry.name()),
            catalog.parent(index).unwrap_or("<base>"),
        ),
        Direction::Down => (
            tracking::restore_applied(backend, entry.name(), note_before.as_deref()),
            entry.name(),
        ),
    };
    match session.run(&undo).await {
        Ok(()) => format!(
            "nothing took effect (it was the first statement): the database is still at \
             {left_at}, and {} is not marked incomplete",
            entry.name()
        ),
        Err(e) => format!(
            "nothing took effect (it was the first statement), but taking back its \
             incomplete mark failed: {e}"
        ),
    }
}
