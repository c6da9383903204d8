//! What the command line prints: Alembic's formats as text, or one JSON document.

use super::Format;
use crate::catalog::Catalog;
use crate::checksum::short;
use crate::runner::adopt::Adoption;
use crate::runner::{Direction, Report};
use crate::schema::diff::Difference;
use crate::state::{Migration, Overview, State};
use serde_json::json;

fn print_json(value: &serde_json::Value) {
    say!("{value:#}");
}

/// `name (head)` when nothing is pending, else `name`; `None` for base.
fn revision_words(current: Option<&str>, pending: usize) -> Option<String> {
    current.map(|name| {
        if pending == 0 {
            format!("{name} (head)")
        } else {
            name.to_owned()
        }
    })
}

fn report_position(report: &Report) -> String {
    revision_words(report.current.as_deref(), report.pending).unwrap_or_else(|| "<base>".to_owned())
}

/// `current` (`-v`: like Alembic, the database, then the current migration in full).
pub fn current(
    catalog: &Catalog,
    overview: &Overview,
    database: &str,
    verbose: bool,
    format: Format,
) {
    match format {
        Format::Json => print_json(&json!({
            "current": overview.current,
            "head": overview.head,
            "at_head": overview.at_head(),
            "pending": overview.pending,
        })),
        Format::Text if verbose => {
            say!("Current revision(s) for {database}:");
            if let Some(i) = overview.applied().last().copied() {
                let marks = if overview.pending == 0 { " (head)" } else { "" };
                verbose_entry(catalog, i, overview.migrations.get(i), marks);
            }
        }
        Format::Text => {
            if let Some(line) = revision_words(overview.current.as_deref(), overview.pending) {
                say!("{line}");
            }
        }
    }
}

/// `heads` (`-v`: the head migration in full).
pub fn heads(catalog: &Catalog, verbose: bool, format: Format) {
    let head = catalog.entries().len().checked_sub(1);
    let name = head.and_then(|i| catalog.get(i)).map(|e| e.name());
    match format {
        Format::Json => print_json(&json!({ "heads": name.into_iter().collect::<Vec<_>>() })),
        Format::Text => match (head, name) {
            (Some(i), Some(_)) if verbose => verbose_entry(catalog, i, None, " (head)"),
            (_, Some(name)) => say!("{name} (head)"),
            _ => {}
        },
    }
}

/// The creation time a migration's name carries (`mYYYYMMDD_HHMMSS_...`).
fn create_date(name: &str) -> Option<String> {
    let stamp = name.get(1..16)?;
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d_%H%M%S")
        .ok()
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
}

/// One migration as Alembic's verbose formats print a revision: revision, parent, path, then
/// the message with the revision id, what it revises and its date; lexbase adds the ported
/// Alembic revision, when applied and the checksum.
fn verbose_entry(catalog: &Catalog, i: usize, migration: Option<&Migration>, marks: &str) {
    let Some(entry) = catalog.get(i) else {
        return;
    };
    let parent = catalog.parent(i).unwrap_or("<base>");
    say!("Rev: {}{marks}", entry.name());
    say!("Parent: {parent}");
    if let Some(revision) = entry.alembic_revision() {
        say!("Alembic revision: {revision}");
    }
    say!("Path: migration/src/{}.rs", entry.name());
    if let Some(m) = migration {
        say!("Applied: {}", applied_words(m));
        say!("Checksum: {}", checksum_words(m));
    } else {
        say!("Checksum: {}", short(entry.checksum()));
    }
    say!("\n    {}\n", entry.message());
    say!("    Revision ID: {}", entry.name());
    say!("    Revises: {}", catalog.parent(i).unwrap_or(""));
    if let Some(date) = create_date(entry.name()) {
        say!("    Create Date: {date}");
    }
    say!();
}

/// `history`: the migrations `shown` (newest first), `<parent> -> <name> (head) (current),
/// <message>`; `(current)` only with `indicate_current`.
pub fn history(
    catalog: &Catalog,
    overview: Option<&Overview>,
    shown: &[usize],
    verbose: bool,
    indicate_current: bool,
    format: Format,
) {
    let current = overview.and_then(|o| o.applied().last().copied());
    let head = catalog.entries().len().checked_sub(1);
    let mut items = Vec::new();
    for &i in shown {
        let Some(entry) = catalog.get(i) else {
            continue;
        };
        let migration = overview.and_then(|o| o.migrations.get(i));
        let is_current = indicate_current && current == Some(i);
        let parent = catalog.parent(i).unwrap_or("<base>");
        let mut marks = String::new();
        if Some(i) == head {
            marks.push_str(" (head)");
        }
        if is_current {
            marks.push_str(" (current)");
        }
        match format {
            Format::Json => items.push(json!({
                "name": entry.name(),
                "parent": catalog.parent(i),
                "message": entry.message(),
                "alembic_revision": entry.alembic_revision(),
                "head": Some(i) == head,
                "current": is_current,
                "checksum": entry.checksum(),
                "state": migration.map(|m| m.state),
                "applied_at": migration.and_then(|m| m.applied_at),
                "duration_ms": migration.and_then(|m| m.duration_ms),
                "recorded_checksum": migration.and_then(|m| m.recorded_checksum.clone()),
            })),
            Format::Text if verbose => verbose_entry(catalog, i, migration, &marks),
            Format::Text => say!("{parent} -> {}{marks}, {}", entry.name(), entry.message()),
        }
    }
    if format == Format::Json {
        print_json(&json!({ "history": items }));
    }
}

fn applied_words(m: &Migration) -> String {
    let Some(at) = m.applied_at else {
        return "no".to_owned();
    };
    let when = chrono::DateTime::from_timestamp(at, 0).map_or_else(
        || at.to_string(),
        |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
    );
    let took = m
        .duration_ms
        .map(|ms| format!(" in {ms} ms"))
        .unwrap_or_default();
    let note = m
        .note
        .as_deref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    format!("{when}{took}{note}")
}

fn checksum_words(m: &Migration) -> String {
    let now = short(&m.checksum);
    match (&m.recorded_checksum, m.state) {
        (None, _) => format!("{now} (none recorded)"),
        (Some(_), State::Changed) => format!(
            "{now} (recorded {}: changed)",
            short(m.recorded_checksum.as_deref().unwrap_or_default())
        ),
        (Some(_), _) if m.recorded_of_source => {
            format!("{now} (recorded of its source file by an earlier version: unchanged)")
        }
        (Some(_), _) => format!("{now} (matches the record)"),
    }
}

/// `status`: every migration's state, then a summary.
pub fn status(overview: &Overview, database: String, format: Format) {
    if format == Format::Json {
        let mut value = json!(overview);
        value["database"] = json!(database);
        let mut problems = overview.refusals();
        problems.extend(overview.out_of_order());
        value["problems"] = json!(problems);
        print_json(&value);
        return;
    }
    say!("Database: {database}");
    let width = overview
        .migrations
        .iter()
        .map(|m| m.name.len())
        .max()
        .unwrap_or(0);
    for m in &overview.migrations {
        say!("  {:<12} {:<width$}  {}", m.state.word(), m.name, m.message);
    }
    for name in &overview.vanished {
        say!("  {:<12} {name}", "vanished");
    }
    for line in overview.out_of_order() {
        say!("Out of order: {line}; `up` applies it only with --out-of-order");
    }
    let applied = overview.migrations.len() - overview.pending;
    say!(
        "{applied} applied, {} pending; current: {}",
        overview.pending,
        overview.current.as_deref().unwrap_or("<base>")
    );
}

/// `verify`: every problem; `true` when there is none.
pub fn verify(overview: &Overview, format: Format) -> bool {
    let mut problems = overview.refusals();
    problems.extend(overview.warnings());
    let applied = overview.migrations.iter().filter(|m| m.applied).count();
    match format {
        Format::Json => print_json(&json!({ "ok": problems.is_empty(), "problems": problems })),
        Format::Text if problems.is_empty() => {
            say!("All {applied} applied migrations match what they run.");
        }
        Format::Text => {
            for line in &problems {
                say!("{line}");
            }
        }
    }
    problems.is_empty()
}

/// `check`: every difference; `true` when there is none.
pub fn check(differences: &[Difference], format: Format) -> bool {
    let lines: Vec<String> = differences.iter().map(ToString::to_string).collect();
    match format {
        Format::Json => print_json(&json!({ "differences": lines })),
        Format::Text if lines.is_empty() => say!("No differences."),
        Format::Text => {
            for line in &lines {
                say!("{line}");
            }
        }
    }
    lines.is_empty()
}

/// The line after `up`, `down`, `stamp`, `fresh`, `refresh`, `reset`.
pub fn report(report: &Report) {
    let at = report_position(report);
    if report.steps.is_empty() {
        say!("Nothing to do: the database is at {at}");
        return;
    }
    let ups = report
        .steps
        .iter()
        .filter(|(d, _)| *d == Direction::Up)
        .count();
    let downs = report.steps.len() - ups;
    let mut parts = Vec::new();
    if downs > 0 {
        parts.push(format!("{downs} rolled back"));
    }
    if ups > 0 {
        parts.push(format!("{ups} applied"));
    }
    say!("Done: {}; now at {at}", parts.join(", "));
}

/// The line after `stamp`.
pub fn stamped(report: &Report) {
    let recorded = report
        .steps
        .iter()
        .filter(|(d, _)| *d == Direction::Up)
        .count();
    let forgotten = report.steps.len() - recorded;
    let at = report_position(report);
    say!(
        "Stamped without running anything: {recorded} recorded, {forgotten} un-recorded; now at {at}"
    );
}

/// What `stamp --from-alembic` planned, left alone and recorded.
pub fn adoption(adoption: &Adoption) {
    say!("{adoption}");
}
