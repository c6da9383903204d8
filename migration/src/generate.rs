//! Writing a new, registered migration file from a message.

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Where the migration sources live (fixed at build time, so this works from any directory).
pub fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// `"Add case priority!"` → `"add_case_priority"`; `None` when nothing ASCII is left.
pub fn slug(message: &str) -> Option<String> {
    let mut slug = String::new();
    for c in message.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('_') {
            slug.push('_');
        }
    }
    let slug = slug.trim_end_matches('_').to_owned();
    (!slug.is_empty()).then_some(slug)
}

/// Creates `mYYYYMMDD_HHMMSS_<slug>.rs` with empty up/down, registers it in `lib.rs` and
/// writes its (empty) SQL snapshots beside `src/` in `snapshots/`.
///
/// # Errors
/// [`Error::Config`] for an empty or non-ASCII-only message or an existing file; I/O errors
/// as [`Error::Config`] naming the file. Nothing is written when it fails.
pub fn create(message: &str, now: DateTime<Utc>) -> Result<PathBuf> {
    create_in(&source_dir(), message, now)
}

/// [`create`] in another source directory (tests use a copy).
///
/// # Errors
/// As [`create`].
pub fn create_in(dir: &Path, message: &str, now: DateTime<Utc>) -> Result<PathBuf> {
    create_with(dir, message, now, skeleton, |_, _| {
        (Vec::new(), crate::plan::Mode::Transaction)
    })
}

/// Writes `mYYYYMMDD_HHMMSS_<slug>.rs` in `dir` with the text `body(message)`, registers it
/// in `dir/lib.rs` and writes its SQL snapshots (`rendered(backend, direction)`: the
/// statements and run mode the file will render) beside `src/` in `snapshots/`: what
/// autogenerate writes through.
///
/// # Errors
/// As [`create`].
pub fn create_with(
    dir: &Path,
    message: &str,
    now: DateTime<Utc>,
    body: impl FnOnce(&str) -> String,
    rendered: impl Fn(sea_orm::DbBackend, crate::runner::Direction) -> (Vec<String>, crate::plan::Mode),
) -> Result<PathBuf> {
    let slug = slug(message).ok_or_else(|| {
        Error::Config(
            "the migration message must contain letters or digits (ASCII), e.g. \"add case priority\""
                .to_owned(),
        )
    })?;
    let name = format!("m{}_{slug}", now.format("%Y%m%d_%H%M%S"));
    let file = dir.join(format!("{name}.rs"));
    let lib = dir.join("lib.rs");
    if file.exists() {
        return Err(Error::Config(format!("{} already exists", file.display())));
    }
    let io = |path: &Path, e: std::io::Error| Error::Config(format!("{}: {e}", path.display()));
    let lib_text = std::fs::read_to_string(&lib).map_err(|e| io(&lib, e))?;
    let registered = register(&lib_text, &name).ok_or_else(|| {
        Error::Config(format!("{} has no migration list to add to", lib.display()))
    })?;
    std::fs::write(&file, body(message)).map_err(|e| io(&file, e))?;
    if let Err(e) = std::fs::write(&lib, registered) {
        let _ = std::fs::remove_file(&file);
        return Err(io(&lib, e));
    }
    // An empty skeleton renders nothing on every backend: its snapshots say so, and the
    // snapshot test asks for `snapshots --write` once the migration is filled in.
    let snapshots = dir.parent().map_or_else(
        || dir.join("snapshots"),
        |crate_dir| crate_dir.join("snapshots"),
    );
    crate::snapshots::write_new(&snapshots, &name, rendered)?;
    Ok(file)
}

/// `lib.rs` with `mod name;` after the last migration module and the plan appended last.
fn register(lib: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = lib.lines().collect();
    let last_mod = lines.iter().rposition(|l| l.starts_with("mod m"))?;
    let last_plan = lines
        .iter()
        .rposition(|l| l.trim_start().starts_with("Box::new(m"))?;
    let mut out = Vec::with_capacity(lines.len() + 2);
    for (i, line) in lines.iter().enumerate() {
        out.push((*line).to_owned());
        if i == last_mod {
            out.push(format!("mod {name};"));
        }
        if i == last_plan {
            out.push(format!("        Box::new({name}::Migration),"));
        }
    }
    Some(out.join("\n") + "\n")
}

fn skeleton(message: &str) -> String {
    let message = message.trim().replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"//! {message}

use crate::plan::{{Plan, Script, module_name}};
use sea_orm::DbBackend;

/// {message}
pub struct Migration;

impl Plan for Migration {{
    fn name(&self) -> &'static str {{
        module_name(module_path!())
    }}

    fn message(&self) -> &'static str {{
        "{message}"
    }}

    fn up(&self, backend: DbBackend) -> Vec<String> {{
        let mut s = Script::new(backend);
        // s.schema(&...); s.query(&...); s.raw("...");
        s.finish()
    }}

    fn down(&self, backend: DbBackend) -> Vec<String> {{
        let mut s = Script::new(backend);
        s.finish()
    }}
}}
"#
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn slugs_keep_ascii_words_only() {
        assert_eq!(
            slug("Add case priority!").as_deref(),
            Some("add_case_priority")
        );
        assert_eq!(slug("  ✅ émoji only ✅ ").as_deref(), Some("moji_only"));
        assert_eq!(slug("✅ ⚠️"), None);
        assert_eq!(slug(""), None);
    }
}
