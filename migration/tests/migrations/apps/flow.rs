//! What every upstream state goes through: built from its fixture, its rows and schema read,
//! then adopted (plan first, which must change nothing), brought to head and checked; or, for
//! a database that cannot be adopted, refused without a change.

use super::fixture;
use super::rows::{Changes, Rows};
use crate::support::{current, fails, fresh, head, migration, succeeds, texts};
use migration::schema::{Snapshot, live};
use migration::testing::{Backend, TestDb};
use sea_orm::DatabaseConnection;
use std::collections::BTreeSet;

/// An upstream state that adoption must take over.
pub struct Adoptable {
    /// The state file in `upstream_apps/`.
    pub file: &'static str,
    /// Flags after `stamp --from-alembic` (`--assume`, `--naive-timezone`, `--rename-aside`).
    pub flags: &'static [&'static str],
    /// Names the plan must mention (steps every backend needs).
    pub planned: &'static [&'static str],
    /// What the flags allow adoption to do to the rows.
    pub changes: Changes<'static>,
}

/// Runs the binary, asserts it succeeded, returns stdout and stderr together (adoption may
/// list the tables it leaves alone on either).
fn runs(url: &str, args: &[&str]) -> String {
    let output = migration(Some(url), args);
    let (stdout, stderr) = texts(&output);
    assert!(
        output.status.success(),
        "migration {args:?} failed ({:?}):\nstdout: {stdout}\nstderr: {stderr}",
        output.status
    );
    format!("{stdout}{stderr}")
}

async fn schema(conn: &DatabaseConnection) -> Snapshot {
    live::snapshot(conn).await.expect("read the live schema")
}

/// Builds `file` on a fresh `backend` database.
pub async fn built(file: &str, backend: Backend) -> (TestDb, DatabaseConnection) {
    let (db, conn) = fresh(backend).await;
    fixture::build(&conn, backend, file).await;
    (db, conn)
}

/// Asserts that nothing about the database changed since `rows` (every table then) and
/// `before` were read, and that no migration is recorded.
async fn unchanged(
    conn: &DatabaseConnection,
    url: &str,
    rows: &Rows,
    before: &Snapshot,
    what: &str,
) {
    // Not even the tracking tables: a plan or a refusal creates nothing.
    let tables: BTreeSet<String> = live::table_names(conn)
        .await
        .expect("list the tables")
        .into_iter()
        .collect();
    assert!(
        tables.iter().eq(rows.tables.keys()),
        "{what} created or dropped a table: {tables:?}"
    );
    assert_eq!(&Rows::read(conn).await, rows, "{what} changed a row");
    assert_eq!(&schema(conn).await, before, "{what} changed the schema");
    assert_eq!(current(url), "", "{what} recorded a migration");
}

/// Plan, adopt, `up`, `check`, with every row compared to the upstream ones at each step;
/// returns the adopted database (dropped when the handle is).
pub async fn adopts(state: &Adoptable, backend: Backend) -> TestDb {
    let (db, conn) = built(state.file, backend).await;
    let rows = Rows::read(&conn).await;
    let before = schema(&conn).await;

    let mut args = vec!["stamp", "--from-alembic", "--plan"];
    args.extend(state.flags);
    let plan = runs(&db.url, &args);
    for name in state.planned {
        assert!(
            plan.contains(name),
            "the plan does not mention {name}:\n{plan}"
        );
    }
    unchanged(&conn, &db.url, &rows, &before, "--plan").await;

    args.retain(|a| *a != "--plan");
    let adopted = runs(&db.url, &args);
    for table in state.changes.left_alone {
        let shown = renamed(state, table);
        assert!(
            adopted.contains(shown),
            "adoption does not list {shown} as left alone:\n{adopted}"
        );
    }
    rows.assert_kept_in(&Rows::read(&conn).await, &state.changes);

    let upgraded = succeeds(&db.url, &["up"]);
    assert_eq!(
        current(&db.url),
        format!("{} (head)", head()),
        "up did not reach head:\n{upgraded}"
    );
    rows.assert_kept_in(&Rows::read(&conn).await, &state.changes);
    let after = schema(&conn).await;
    for table in state.changes.left_alone {
        let (was, now) = (&before.tables[*table], &after.tables[renamed(state, table)]);
        if renamed(state, table) == *table {
            assert_eq!(
                was, now,
                "table {table} was left alone, yet its shape changed"
            );
        } else {
            assert_eq!(
                was.columns, now.columns,
                "table {table} changed its columns"
            );
        }
    }
    assert_eq!(succeeds(&db.url, &["check"]).trim(), "No differences.");
    succeeds(&db.url, &["verify"]);
    db
}

fn renamed<'a>(state: &'a Adoptable, table: &'a str) -> &'a str {
    state
        .changes
        .renamed
        .iter()
        .find(|(old, _)| *old == table)
        .map_or(table, |(_, new)| new)
}

/// Runs `args` on a fresh `file` database, asserts the refusal's exit status (1) and that
/// nothing changed; returns stderr.
pub async fn refuses(file: &str, backend: Backend, args: &[&str]) -> String {
    let (db, conn) = built(file, backend).await;
    let rows = Rows::read(&conn).await;
    let before = schema(&conn).await;
    let stderr = fails(&db.url, args, 1);
    unchanged(&conn, &db.url, &rows, &before, "a refused adoption").await;
    stderr
}
