//! `sql`: the statements `up` or `down` would run, tracking statements included, rendered for
//! a backend with no database at all (Alembic's offline mode). They come from the same
//! functions the runner executes, so what is printed is what runs.

use crate::catalog::Catalog;
use crate::plan::Mode;
use crate::runner::step::{self, Direction};
use crate::target::Position;
use crate::tracking;
use sea_orm::DbBackend;
use std::fmt::Write as _;

/// The backend's name as `--backend` spells it.
pub fn backend_name(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "postgres",
        DbBackend::MySql => "mysql",
        _ => "sqlite",
    }
}

/// The script that takes a database from `from` to `to` (up when `to` is later, down when it
/// is earlier), one statement per line, each ending in `;`.
pub fn render(catalog: &Catalog, backend: DbBackend, from: Position, to: Position) -> String {
    let name_of = |p: Position| {
        p.and_then(|i| catalog.get(i))
            .map_or("<base>", |entry| entry.name())
    };
    let (direction, steps): (Direction, Vec<usize>) = if to >= from {
        let start = from.map_or(0, |i| i + 1);
        let end = to.map_or(0, |i| i + 1);
        (Direction::Up, (start..end).collect())
    } else {
        let start = to.map_or(0, |i| i + 1);
        let end = from.map_or(0, |i| i + 1);
        (Direction::Down, (start..end).rev().collect())
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "-- lexbase migrations for {}: {} from {} to {}",
        backend_name(backend),
        direction.word(),
        name_of(from),
        name_of(to)
    );
    let _ = writeln!(
        out,
        "-- The statements `{}` runs, tracking tables included. Not shown: the migration lock \
         and (PostgreSQL) the session's lock_timeout / statement_timeout.",
        if direction == Direction::Up {
            "up"
        } else {
            "down"
        }
    );
    let emit = |out: &mut String, statements: &[String]| {
        for sql in statements {
            let _ = writeln!(out, "{sql};");
        }
    };
    out.push('\n');
    emit(&mut out, &tracking::create_tables(backend));
    let applied_at = step::now();
    for index in steps {
        let Some(entry) = catalog.get(index) else {
            continue;
        };
        let _ = writeln!(out, "\n-- {}", step::announce(catalog, index, direction));
        let (before, body, after) = step::statements(backend, entry, direction, applied_at, None);
        let mode = entry.plan().mode(backend, direction);
        let transactional = tracking::transactional(backend) && mode != Mode::Autocommit;
        if mode == Mode::ForeignKeysOff {
            out.push_str("PRAGMA foreign_keys = OFF;\n");
        }
        if transactional {
            out.push_str("BEGIN;\n");
        }
        emit(&mut out, &before);
        emit(&mut out, &body);
        emit(&mut out, &after);
        if transactional {
            out.push_str("COMMIT;\n");
        }
        if mode == Mode::ForeignKeysOff {
            out.push_str("PRAGMA foreign_keys = ON;\n");
        }
    }
    out
}
