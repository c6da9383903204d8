//! SQL snapshots: what every migration runs, committed as text.
//!
//! Each migration renders its statements per backend (see [`crate::plan`]). Those statements
//! are committed as `migration/snapshots/<migration>.<sqlite|postgres|mysql>.<up|down>.sql`,
//! so a change to a shared helper (`ddl.rs`), to `plan.rs` or to sea-query that alters what an
//! already-written migration runs shows up as a snapshot diff in review, and the snapshot test
//! fails until the snapshots are rewritten on purpose (`migration snapshots --write`). The
//! recorded checksum of an applied migration ([`crate::checksum::of_statements`]) is taken of
//! exactly this text.

use crate::error::{Error, Result};
use crate::plan::{Mode, Plan};
use crate::runner::Direction;
use crate::sql::backend_name;
use sea_orm::DbBackend;
use std::path::{Path, PathBuf};

/// The backends every migration is rendered for, in file-name order.
pub const BACKENDS: [DbBackend; 3] = [DbBackend::MySql, DbBackend::Postgres, DbBackend::Sqlite];

/// Where the snapshots of this source tree live (fixed at build time).
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots")
}

/// `up` or `down`, as the file names spell it.
fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

/// `<migration>.<backend>.<up|down>.sql`.
pub fn file_name(migration: &str, backend: DbBackend, direction: Direction) -> String {
    format!(
        "{migration}.{}.{}.sql",
        backend_name(backend),
        direction_word(direction)
    )
}

/// The snapshot text of `statements`: a header line naming what it is (and, when the runner
/// does not run it in one transaction, a second line saying how: part of what runs, so part
/// of the checksum), then each statement on its own line ending in `;`, a blank line between
/// statements.
pub fn script(
    migration: &str,
    backend: DbBackend,
    direction: Direction,
    mode: Mode,
    statements: &[String],
) -> String {
    let mut out = format!(
        "-- {migration}: {} on {}\n",
        direction.word(),
        backend_name(backend)
    );
    match mode {
        Mode::Transaction => {}
        Mode::Autocommit => out.push_str("-- runs statement by statement, outside a transaction\n"),
        Mode::ForeignKeysOff => out.push_str(
            "-- runs with PRAGMA foreign_keys = OFF around its transaction (a table rebuild)\n",
        ),
    }
    for (i, sql) in statements.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(sql);
        out.push_str(";\n");
    }
    out
}

/// What `plan` renders for `backend` in `direction`, as snapshot text.
pub fn render(plan: &dyn Plan, backend: DbBackend, direction: Direction) -> String {
    let statements = match direction {
        Direction::Up => plan.up(backend),
        Direction::Down => plan.down(backend),
    };
    script(
        plan.name(),
        backend,
        direction,
        plan.mode(backend, direction),
        &statements,
    )
}

/// Where a committed snapshot and what the code renders part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// No snapshot file for a migration, backend and direction.
    Missing {
        /// The file that should exist.
        file: String,
    },
    /// The file differs from what the code renders.
    Differs {
        /// The file.
        file: String,
        /// 1-based line number of the first differing line.
        line: usize,
        /// That line in the file (`None` past its end).
        committed: Option<String>,
        /// That line as the code renders it (`None` past its end).
        rendered: Option<String>,
    },
    /// A snapshot file that no migration renders.
    Stale {
        /// The file.
        file: String,
    },
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let clip = |line: &Option<String>| match line {
            None => "<end of file>".to_owned(),
            Some(text) if text.chars().count() > 200 => {
                format!("{}...", text.chars().take(200).collect::<String>())
            }
            Some(text) => text.clone(),
        };
        match self {
            Mismatch::Missing { file } => write!(f, "snapshots/{file}: missing"),
            Mismatch::Stale { file } => {
                write!(f, "snapshots/{file}: no migration renders it")
            }
            Mismatch::Differs {
                file,
                line,
                committed,
                rendered,
            } => write!(
                f,
                "snapshots/{file}:{line}: the migration now renders something else\n    \
                 committed: {}\n    rendered:  {}",
                clip(committed),
                clip(rendered)
            ),
        }
    }
}

/// The first line where `committed` and `rendered` differ: `(line number, committed line,
/// rendered line)`, or `None` when they are equal.
pub fn first_difference(
    committed: &str,
    rendered: &str,
) -> Option<(usize, Option<String>, Option<String>)> {
    if committed == rendered {
        return None;
    }
    let mut left = committed.lines();
    let mut right = rendered.lines();
    let mut number = 0;
    loop {
        number += 1;
        match (left.next(), right.next()) {
            (None, None) => {
                // Same lines, different line ends or a trailing newline: name the last line.
                return Some((number.max(2) - 1, None, None));
            }
            (a, b) if a == b => {}
            (a, b) => return Some((number, a.map(str::to_owned), b.map(str::to_owned))),
        }
    }
}

/// Every way the snapshots in `dir` depart from what `plans` render.
///
/// # Errors
/// [`Error::Config`] when the directory cannot be read.
pub fn check(dir: &Path, plans: &[Box<dyn Plan>]) -> Result<Vec<Mismatch>> {
    let mut out = Vec::new();
    let mut expected = Vec::new();
    for plan in plans {
        for backend in BACKENDS {
            for direction in [Direction::Up, Direction::Down] {
                let file = file_name(plan.name(), backend, direction);
                let rendered = render(plan.as_ref(), backend, direction);
                match std::fs::read_to_string(dir.join(&file)) {
                    Err(_) => out.push(Mismatch::Missing { file: file.clone() }),
                    Ok(committed) => {
                        if let Some((line, committed, rendered)) =
                            first_difference(&committed, &rendered)
                        {
                            out.push(Mismatch::Differs {
                                file: file.clone(),
                                line,
                                committed,
                                rendered,
                            });
                        }
                    }
                }
                expected.push(file);
            }
        }
    }
    for file in sql_files(dir)? {
        if !expected.contains(&file) {
            out.push(Mismatch::Stale { file });
        }
    }
    Ok(out)
}

/// Writes every snapshot of `plans` into `dir` that is missing or differs, and removes stale
/// ones; returns the files written or removed.
///
/// # Errors
/// [`Error::Config`] naming the file that could not be written.
pub fn write(dir: &Path, plans: &[Box<dyn Plan>]) -> Result<Vec<String>> {
    let mut changed = Vec::new();
    for mismatch in check(dir, plans)? {
        match mismatch {
            Mismatch::Missing { file } | Mismatch::Differs { file, .. } => changed.push(file),
            Mismatch::Stale { file } => {
                std::fs::remove_file(dir.join(&file))
                    .map_err(|e| Error::Config(format!("cannot remove snapshots/{file}: {e}")))?;
                changed.push(file);
            }
        }
    }
    for plan in plans {
        for backend in BACKENDS {
            for direction in [Direction::Up, Direction::Down] {
                let file = file_name(plan.name(), backend, direction);
                if changed.contains(&file) {
                    write_file(dir, &file, &render(plan.as_ref(), backend, direction))?;
                }
            }
        }
    }
    Ok(changed)
}

/// Writes the six snapshot files of a migration that is not compiled yet (`new`), from what
/// it will render: `rendered(backend, direction)` gives its statements and run mode.
///
/// # Errors
/// [`Error::Config`] naming the file that could not be written.
pub fn write_new(
    dir: &Path,
    migration: &str,
    rendered: impl Fn(DbBackend, Direction) -> (Vec<String>, Mode),
) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for backend in BACKENDS {
        for direction in [Direction::Up, Direction::Down] {
            let file = file_name(migration, backend, direction);
            let (statements, mode) = rendered(backend, direction);
            let text = script(migration, backend, direction, mode, &statements);
            write_file(dir, &file, &text)?;
            written.push(dir.join(file));
        }
    }
    Ok(written)
}

fn write_file(dir: &Path, file: &str, text: &str) -> Result<()> {
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(dir.join(file), text))
        .map_err(|e| Error::Config(format!("cannot write snapshots/{file}: {e}")))
}

fn sql_files(dir: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::Config(format!("cannot read {}: {e}", dir.display())));
        }
    };
    let mut files: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_first_differing_line_is_named_with_both_versions() {
        let committed = "-- m: upgrade on sqlite\nCREATE TABLE a (id integer);\n";
        let rendered = "-- m: upgrade on sqlite\nCREATE TABLE a (id bigint);\n";
        let (line, was, now) = first_difference(committed, rendered).unwrap();
        assert_eq!(line, 2);
        assert_eq!(was.as_deref(), Some("CREATE TABLE a (id integer);"));
        assert_eq!(now.as_deref(), Some("CREATE TABLE a (id bigint);"));
        assert_eq!(first_difference(committed, committed), None);
    }

    #[test]
    fn an_added_statement_is_found_past_the_end_of_the_committed_file() {
        let committed = "-- m\nA;\n";
        let rendered = "-- m\nA;\n\nB;\n";
        let (line, was, now) = first_difference(committed, rendered).unwrap();
        assert_eq!((line, was, now), (3, None, Some(String::new())));
    }

    #[test]
    fn statements_end_in_semicolons_with_a_blank_line_between() {
        let text = script(
            "m1",
            DbBackend::Postgres,
            Direction::Up,
            Mode::Transaction,
            &["A".to_owned(), "B".to_owned()],
        );
        assert_eq!(text, "-- m1: upgrade on postgres\nA;\n\nB;\n");
        let autocommit = script(
            "m1",
            DbBackend::Postgres,
            Direction::Up,
            Mode::Autocommit,
            &[],
        );
        assert_ne!(
            autocommit.lines().nth(1),
            None,
            "the run mode is part of the text"
        );
    }
}
