//! Autogenerate, change by change: a base history (generated from the base entities, with
//! rows), a target entity set, the generated migration applied with `up` through the runner,
//! `check` clean against the target, every row kept, and `down` back to exactly the base.

mod cases;
mod check_blind_spots;
mod end_to_end;
mod entities;

use crate::support::{count, exec};
use migration::autogen::{self, Generated, Migration};
use migration::config::DatabaseUrl;
use migration::ops::plan::Renames;
use migration::schema::diff::compare;
use migration::schema::expected::Desired;
use migration::schema::{Snapshot, live};
use migration::target::Target;
use migration::testing::{Backend, TestDb};
use migration::{Options, Plan, Runner};
use sea_orm::DbBackend;

/// What a change should give.
pub enum Expect {
    /// A migration whose operations mention each of `has` and none of `lacks`
    /// (descriptions as `Op`'s Display says them), destructive or not.
    Ops {
        has: &'static [&'static str],
        lacks: &'static [&'static str],
        destructive: bool,
    },
    /// A refusal whose message contains this text.
    Refused(&'static str),
    /// No operations at all.
    Nothing,
}

/// One entity change.
pub struct Case {
    /// Adds the target entities.
    pub target: fn(&mut Desired),
    /// `--rename` flags.
    pub renames: &'static [&'static str],
    /// SQL run before `up` (to make rows fit a stricter schema).
    pub prepare: &'static [&'static str],
    /// `(query, expected first value)` after `up`; `None` only runs the statement.
    pub after_up: &'static [(&'static str, Option<&'static str>)],
    /// The outcome.
    pub expect: Expect,
}

/// The base entity set.
pub fn library(d: &mut Desired) {
    d.entity(entities::authors::Entity)
        .entity(entities::books::Entity)
        .entity(entities::reviews::Entity)
        .entity(entities::loans::Entity);
}

/// Rows in every base table: Unicode, emoji, NULLs, every enum value.
const ROWS: [&str; 4] = [
    "INSERT INTO authors (name, email, bio) VALUES ('Ada', 'ada@example.com', 'Analyst'), \
     ('Émile ✅', NULL, NULL)",
    "INSERT INTO books (author_id, title, genre, pages) VALUES (1, 'Notes', 'science', 120), \
     (2, 'Récits 🚫', 'fiction', NULL), (1, 'Annals', 'history', 300)",
    "INSERT INTO reviews (book_id, stars, note) VALUES (1, 5, 'great'), (2, 4, NULL), (3, 3, 'ok')",
    "INSERT INTO loans (book_id, borrower) VALUES (1, 'Zoë'), (2, NULL)",
];

fn snapshot_of(backend: DbBackend, add: fn(&mut Desired)) -> Snapshot {
    let mut desired = Desired::new(backend);
    add(&mut desired);
    desired.finish()
}

fn describe(ops: &[migration::ops::Op]) -> Vec<String> {
    let mut lines = Vec::new();
    for op in ops {
        lines.push(op.to_string());
        if let migration::ops::Op::Rebuild { changes, .. } = op {
            lines.extend(describe(changes));
        }
    }
    lines
}

fn lines(differences: &[migration::schema::diff::Difference]) -> String {
    differences
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The history's one migration: the base entities from nothing.
fn base_history(backend: DbBackend) -> Generated {
    let migration = Migration::between(
        &Snapshot::default(),
        &snapshot_of(backend, library),
        &Renames::default(),
    )
    .expect("the base plans");
    Generated {
        name: "m20990101_000001_create_library",
        message: "create the library",
        migration,
    }
}

/// The first column of the first row, as text (numbers too).
async fn first_value(conn: &sea_orm::DatabaseConnection, sql: &str) -> String {
    use sea_orm::ConnectionTrait;
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            sql,
        ))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or_else(|| panic!("{sql}: no row"));
    if let Ok(text) = row.try_get_by_index::<String>(0) {
        return text;
    }
    row.try_get_by_index::<i64>(0)
        .map(|n| n.to_string())
        .or_else(|_| row.try_get_by_index::<i32>(0).map(|n| n.to_string()))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Table row counts, by name.
async fn counts(
    conn: &sea_orm::DatabaseConnection,
    tables: impl Iterator<Item = &String>,
) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for table in tables {
        out.push((table.clone(), count(conn, table).await));
    }
    out
}

/// Runs one case on `backend`.
pub async fn run(backend: Backend, case: &Case) {
    let db = TestDb::create(backend).await.expect("test database");
    let b = db.db_backend();
    let url = DatabaseUrl::parse("test", &db.url).unwrap();
    let first = base_history(b);
    Runner::with_plans(
        url.clone(),
        Options::default(),
        vec![Box::new(first.clone())],
    )
    .unwrap()
    .up(Target::Head)
    .await
    .expect("base history up");
    let conn = db.connect().await.unwrap();
    let mut base = live::snapshot(&conn).await.unwrap();
    autogen::name_enums(&mut base, [&first as &dyn Plan]);
    for sql in ROWS {
        exec(&conn, sql).await;
    }
    let before = counts(&conn, base.tables.keys()).await;

    let desired = autogen::desired(snapshot_of(b, case.target), &base);
    let mut renames = Renames::default();
    for flag in case.renames {
        renames.add(flag).unwrap();
    }
    let outcome = Migration::between(&base, &desired, &renames);
    let (has, lacks, destructive) = match &case.expect {
        Expect::Refused(text) => {
            let message = outcome.expect_err("refused").to_string();
            assert!(message.contains(text), "{message}");
            return;
        }
        Expect::Nothing => {
            let migration = outcome.unwrap();
            assert!(migration.is_empty(), "{:?}", describe(&migration.upgrade));
            return;
        }
        Expect::Ops {
            has,
            lacks,
            destructive,
        } => (*has, *lacks, *destructive),
    };
    let migration = outcome.unwrap_or_else(|e| panic!("{e}"));
    let found = describe(&migration.upgrade);
    for text in has {
        assert!(
            found.iter().any(|l| l.contains(text)),
            "no `{text}` in {found:#?}"
        );
    }
    for text in lacks {
        assert!(
            !found.iter().any(|l| l.contains(text)),
            "`{text}` in {found:#?}"
        );
    }
    let is_destructive = migration
        .upgrade
        .iter()
        .any(|op| op.destructive().is_some());
    assert_eq!(is_destructive, destructive, "{found:#?}");

    let second = Generated {
        name: "m20990101_000002_change",
        message: "the change",
        migration,
    };
    let plans =
        || -> Vec<Box<dyn Plan>> { vec![Box::new(first.clone()), Box::new(second.clone())] };
    let forced = Options {
        force: true,
        ..Options::default()
    };
    for sql in case.prepare {
        exec(&conn, sql).await;
    }
    let prepared = counts(&conn, base.tables.keys()).await;
    Runner::with_plans(url.clone(), forced.clone(), plans())
        .unwrap()
        .up(Target::Head)
        .await
        .unwrap_or_else(|e| panic!("up: {e}\n{:#?}", second.up(b)));
    let after = live::snapshot(&conn).await.unwrap();
    let left = compare(&desired, &after);
    assert!(
        left.is_empty(),
        "check after up:\n{}\nstatements: {:#?}",
        lines(&left),
        second.up(b)
    );
    for (table, rows) in &prepared {
        let renamed = renames
            .tables
            .iter()
            .find(|(from, _)| from == table)
            .map(|(_, to)| to);
        let name = renamed.unwrap_or(table);
        if after.tables.contains_key(name) {
            assert_eq!(count(&conn, name).await, *rows, "rows of {name} after up");
        }
    }
    for (query, expected) in case.after_up {
        match expected {
            Some(value) => assert_eq!(first_value(&conn, query).await, *value, "{query}"),
            None => exec(&conn, query).await,
        }
    }
    Runner::with_plans(url, forced, plans())
        .unwrap()
        .down(Target::Revision(0))
        .await
        .unwrap_or_else(|e| panic!("down: {e}\n{:#?}", second.down(b)));
    let back = live::snapshot(&conn).await.unwrap();
    let mut named = back.clone();
    autogen::name_enums(&mut named, [&first as &dyn Plan]);
    let left = compare(&base, &named);
    assert!(
        left.is_empty(),
        "after down:\n{}\nstatements: {:#?}",
        lines(&left),
        second.down(b)
    );
    let kept = counts(
        &conn,
        base.tables.keys().filter(|t| back.tables.contains_key(*t)),
    )
    .await;
    for (table, rows) in kept {
        let was = before.iter().find(|(t, _)| *t == table).map(|(_, n)| *n);
        let dropped_by_up = !after.tables.contains_key(&table)
            && !renames.tables.iter().any(|(from, _)| *from == table);
        if !dropped_by_up {
            assert_eq!(
                Some(rows),
                prepared
                    .iter()
                    .find(|(t, _)| *t == table)
                    .map(|(_, n)| *n)
                    .or(was),
                "rows of {table} after down"
            );
        }
    }
}
