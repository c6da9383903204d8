//! Migration checksums.
//!
//! [`FORMAT`] 2, what is recorded now: the sha256 of the statements a migration renders for
//! the database's backend, `up` and `down`, as their SQL snapshot text
//! ([`crate::snapshots`]). Whatever changes what would run changes it (an edit of the
//! migration, of a shared helper, a sea-query upgrade); a comment does not.
//!
//! [`SOURCE_FORMAT`] 1, what earlier lexbase versions recorded: the sha256 of the migration's
//! source file, normalised so that line endings and trailing whitespace do not count. Such
//! records are still understood, and rewritten in format 2 under the migration lock when the
//! source still has the recorded checksum (so nothing changed since it ran).

use crate::plan::Plan;
use crate::runner::Direction;
use crate::snapshots;
use entity::digest::sha256_hex;
use sea_orm::DbBackend;

/// The checksum format written now: the rendered statements.
pub const FORMAT: i32 = 2;
/// The checksum format of earlier versions: the migration's source file.
pub const SOURCE_FORMAT: i32 = 1;

/// The format-2 checksum of `plan` on `backend`: sha256 of its `up` and `down` snapshot text.
pub fn of_statements(plan: &dyn Plan, backend: DbBackend) -> String {
    let mut text = snapshots::render(plan, backend, Direction::Up);
    text.push_str(&snapshots::render(plan, backend, Direction::Down));
    sha256_hex(text)
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/sources.rs"));
}

/// The source text of the migration file named `name`, embedded at build time.
pub fn source_of(name: &str) -> Option<&'static str> {
    embedded::SOURCES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| *text)
}

/// `text` with CRLF (and lone CR) line ends turned into LF, trailing whitespace removed from
/// every line, and trailing blank lines dropped.
pub fn normalize(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = unified.lines().map(str::trim_end).collect();
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// The format-1 checksum of a migration's source text: hex sha256 of [`normalize`]d `text`.
pub fn of_source(text: &str) -> String {
    sha256_hex(normalize(text))
}

/// The first 12 hex digits of a checksum, for one-line messages.
pub fn short(checksum: &str) -> &str {
    checksum.get(..12).unwrap_or(checksum)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &str = "fn up() {\n    create(\"users\");\n}\n";

    #[test]
    fn line_endings_and_trailing_whitespace_do_not_change_the_checksum() {
        let crlf = ORIGINAL.replace('\n', "\r\n");
        let trailing = "fn up() {   \n    create(\"users\");\t\n}\n\n\n";
        assert_eq!(of_source(&crlf), of_source(ORIGINAL));
        assert_eq!(of_source(trailing), of_source(ORIGINAL));
    }

    #[test]
    fn a_real_change_changes_the_checksum() {
        let edited = ORIGINAL.replace("users", "clients");
        let reindented = ORIGINAL.replace("    create", "  create");
        assert_ne!(of_source(&edited), of_source(ORIGINAL));
        assert_ne!(of_source(&reindented), of_source(ORIGINAL));
    }

    /// A plan whose source text is given, rendering fixed statements.
    struct Fixed(&'static str, &'static str);

    impl Plan for Fixed {
        fn name(&self) -> &'static str {
            "m20990101_000000_fixed"
        }
        fn message(&self) -> &'static str {
            "fixed"
        }
        fn up(&self, _backend: DbBackend) -> Vec<String> {
            vec![self.1.to_owned()]
        }
        fn down(&self, _backend: DbBackend) -> Vec<String> {
            vec!["DROP TABLE t".to_owned()]
        }
        fn source(&self) -> Option<&'static str> {
            Some(self.0)
        }
    }

    #[test]
    fn a_comment_only_edit_keeps_the_checksum_of_what_runs() {
        let before = Fixed("fn up() {}", "CREATE TABLE t (id integer)");
        let commented = Fixed("// why\nfn up() {}", "CREATE TABLE t (id integer)");
        assert_eq!(
            of_statements(&before, DbBackend::Sqlite),
            of_statements(&commented, DbBackend::Sqlite)
        );
    }

    #[test]
    fn a_change_in_what_runs_changes_the_checksum_per_backend() {
        let before = Fixed("fn up() {}", "CREATE TABLE t (id integer)");
        let after = Fixed("fn up() {}", "CREATE TABLE t (id bigint)");
        assert_ne!(
            of_statements(&before, DbBackend::Sqlite),
            of_statements(&after, DbBackend::Sqlite)
        );
        let real = &crate::plans()[0];
        assert_ne!(
            of_statements(real.as_ref(), DbBackend::Postgres),
            of_statements(real.as_ref(), DbBackend::MySql),
            "each backend runs its own statements"
        );
    }

    #[test]
    fn every_migration_file_is_embedded() {
        for plan in crate::plans() {
            let source = plan.source();
            assert!(
                source.is_some_and(|text| text.contains("impl Plan for Migration")),
                "{} has no embedded source",
                plan.name()
            );
        }
    }
}
