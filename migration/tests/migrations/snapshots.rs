//! SQL snapshots: every migration's rendered statements are committed, and any change to what
//! a migration renders (its own code, a shared helper, sea-query) fails here, naming the file
//! and the first differing line.

use migration::plan::Plan;
use migration::runner::Direction;
use migration::snapshots::{self, Mismatch};
use sea_orm::DbBackend;

#[test]
fn every_migration_renders_exactly_its_committed_snapshots() {
    let mismatches = snapshots::check(&snapshots::dir(), &migration::plans()).unwrap();
    let report: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
    assert!(
        mismatches.is_empty(),
        "the SQL snapshots differ from what the migrations render:\n{}\n\
         After a deliberate change run `make alembic-snapshots` and review the diff.",
        report.join("\n")
    );
}

/// A real migration whose rendering differs by one character on one backend: what an edit
/// of a shared helper in `ddl.rs` looks like from outside.
struct OneCharacterOff(Box<dyn Plan>);

impl Plan for OneCharacterOff {
    fn name(&self) -> &'static str {
        self.0.name()
    }
    fn message(&self) -> &'static str {
        self.0.message()
    }
    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut statements = self.0.up(backend);
        if backend == DbBackend::MySql {
            statements[0] = statements[0].replacen("utf8mb4", "utf8mb3", 1);
        }
        statements
    }
    fn down(&self, backend: DbBackend) -> Vec<String> {
        self.0.down(backend)
    }
}

#[test]
fn a_one_character_change_in_what_a_migration_renders_names_the_file_and_line() {
    let mut plans = migration::plans();
    let first = plans.remove(0);
    let name = first.name();
    let plans: Vec<Box<dyn Plan>> = vec![Box::new(OneCharacterOff(first))];
    let mismatches = snapshots::check(&snapshots::dir(), &plans).unwrap();
    let differs: Vec<&Mismatch> = mismatches
        .iter()
        .filter(|m| matches!(m, Mismatch::Differs { .. }))
        .collect();
    let [
        Mismatch::Differs {
            file,
            line,
            committed,
            rendered,
        },
    ] = differs.as_slice()
    else {
        panic!("expected exactly one differing file, got {mismatches:?}");
    };
    assert_eq!(
        file,
        &snapshots::file_name(name, DbBackend::MySql, Direction::Up)
    );
    assert_eq!(*line, 2, "the first statement follows the header line");
    assert!(committed.as_deref().unwrap().contains("utf8mb4"));
    assert!(rendered.as_deref().unwrap().contains("utf8mb3"));
    let shown = differs[0].to_string();
    assert!(shown.contains(&format!("snapshots/{file}:2")), "{shown}");
}

#[test]
fn writing_snapshots_creates_missing_files_and_removes_stale_ones() {
    let dir = std::env::temp_dir().join(format!("lexbase-snapshots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("m20000101_000000_gone.sqlite.up.sql"), "-- gone\n").unwrap();
    let plans = migration::plans();
    let written = snapshots::write(&dir, &plans).unwrap();
    assert_eq!(written.len(), plans.len() * 6 + 1, "{written:?}");
    assert!(snapshots::check(&dir, &plans).unwrap().is_empty());
    assert!(!dir.join("m20000101_000000_gone.sqlite.up.sql").exists());
    assert!(snapshots::write(&dir, &plans).unwrap().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn new_writes_the_snapshots_of_the_migration_it_creates() {
    let root = std::env::temp_dir().join(format!("lexbase-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let src = root.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(
        migration::generate::source_dir().join("lib.rs"),
        src.join("lib.rs"),
    )
    .unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2030-01-02T03:04:05Z")
        .unwrap()
        .to_utc();
    let file = migration::generate::create_in(&src, "Add case priority", now).unwrap();
    assert!(file.ends_with("m20300102_030405_add_case_priority.rs"));
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    assert!(lib.contains("Box::new(m20300102_030405_add_case_priority::Migration),"));
    for backend in snapshots::BACKENDS {
        for direction in [Direction::Up, Direction::Down] {
            let name =
                snapshots::file_name("m20300102_030405_add_case_priority", backend, direction);
            let text = std::fs::read_to_string(root.join("snapshots").join(&name)).unwrap();
            assert_eq!(
                text.lines().count(),
                1,
                "{name}: an empty migration runs nothing"
            );
        }
    }
    std::fs::remove_dir_all(&root).unwrap();
}
