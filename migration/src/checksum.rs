//! Migration checksums: sha256 of a migration's source file, normalised so that line endings
//! and trailing whitespace (what editors and git's autocrlf change on their own) do not count,
//! while any change to the code does.

use sha2::{Digest, Sha256};

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

/// The hex sha256 of [`normalize`]d `text`.
pub fn checksum(text: &str) -> String {
    format!("{:x}", Sha256::digest(normalize(text).as_bytes()))
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
        assert_eq!(checksum(&crlf), checksum(ORIGINAL));
        assert_eq!(checksum(trailing), checksum(ORIGINAL));
    }

    #[test]
    fn a_real_change_changes_the_checksum() {
        let edited = ORIGINAL.replace("users", "clients");
        let reindented = ORIGINAL.replace("    create", "  create");
        assert_ne!(checksum(&edited), checksum(ORIGINAL));
        assert_ne!(checksum(&reindented), checksum(ORIGINAL));
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
