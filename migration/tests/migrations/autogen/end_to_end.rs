//! A generated file, written into a copy of the workspace, is rustfmt-clean, registered in
//! `lib.rs` and compiles; the same migration renders on every backend.

use migration::autogen::{self, Migration, write};
use migration::ops::plan::Renames;
use migration::schema::{Column, Kind, ServerDefault, expected};
use sea_orm::DbBackend;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Copies the workspace's sources (no `target/`, no databases) into `to`, with `entity` and
/// `migration` under package names of their own: cargo names path packages' artifacts by
/// package name, so the copy's would otherwise replace the workspace's own in the shared
/// target directory.
fn copy_workspace(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .args([
            "-r",
            "Cargo.toml",
            "Cargo.lock",
            "entity",
            "migration",
            "service",
            "seed",
            "api",
        ])
        .arg(to)
        .current_dir(from)
        .status()
        .expect("cp");
    assert!(status.success());
    let edit = |file: &str, from: &str, into: &str| {
        let path = to.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from}");
        std::fs::write(&path, text.replacen(from, into, 1)).unwrap();
    };
    edit(
        "Cargo.toml",
        r#"entity = { path = "entity" }"#,
        r#"entity = { path = "entity", package = "lexbase_e2e_entity" }"#,
    );
    edit(
        "Cargo.toml",
        r#"migration = { path = "migration" }"#,
        r#"migration = { path = "migration", package = "lexbase_e2e_migration" }"#,
    );
    edit(
        "entity/Cargo.toml",
        r#"name = "entity""#,
        r#"name = "lexbase_e2e_entity""#,
    );
    edit(
        "migration/Cargo.toml",
        "name = \"migration\"\n",
        "name = \"lexbase_e2e_migration\"\n",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_migration_compiles_in_a_copy_of_the_crate() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned();
    let copy = tempdir();
    copy_workspace(&workspace, &copy);

    // The real history against the real entities with one field added to `cases`.
    let plans = migration::plans();
    let base = autogen::history(plans.iter().map(AsRef::as_ref), DbBackend::Sqlite, None)
        .await
        .unwrap();
    let mut entities = expected::snapshot(DbBackend::Sqlite);
    let mut priority = Column::new(Kind::Varchar(20));
    priority.nullable = false;
    priority.default = Some(ServerDefault::Text("normal".to_owned()));
    entities
        .tables
        .get_mut("cases")
        .unwrap()
        .columns
        .insert("priority".to_owned(), priority);
    let migration = Migration::between(
        &base,
        &autogen::desired(entities, &base),
        &Renames::default(),
    )
    .unwrap();
    assert!(!migration.is_empty());
    for backend in [DbBackend::Sqlite, DbBackend::Postgres, DbBackend::MySql] {
        let up = migration::ops::render(&migration.upgrade, backend);
        assert!(up.iter().any(|s| s.contains("priority")), "{up:?}");
        assert!(!migration::ops::render(&migration.downgrade, backend).is_empty());
    }
    let src = copy.join("migration/src");
    let now = chrono::Utc::now();
    let file = migration::generate::create_with(
        &src,
        "add case priority",
        now,
        |message| write::source(message, &migration),
        |backend, direction| {
            let ops = match direction {
                migration::runner::Direction::Up => &migration.upgrade,
                migration::runner::Direction::Down => &migration.downgrade,
            };
            (
                migration::ops::render(ops, backend),
                migration::ops::mode(ops, backend),
            )
        },
    )
    .unwrap();
    let name = file.file_stem().unwrap().to_string_lossy().into_owned();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    assert!(
        lib.contains(&format!("mod {name};"))
            && lib.contains(&format!("Box::new({name}::Migration)"))
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("add_column(") && text.contains("drop_column("),
        "{text}"
    );

    let fmt = Command::new("rustfmt")
        .args(["--edition", "2024", "--check"])
        .arg(&file)
        .output()
        .expect("rustfmt");
    assert!(
        fmt.status.success(),
        "not rustfmt-clean:\n{}",
        String::from_utf8_lossy(&fmt.stdout)
    );

    // Under nextest the workspace's target directory is free, and its dependencies are
    // reused; `cargo test` holds it, so a directory of its own is used then (slower).
    let target = if std::env::var_os("NEXTEST_RUN_ID").is_some() {
        PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .parent()
            .unwrap()
            .to_owned()
    } else {
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("autogen-e2e-target")
    };
    // Only the library: the binary would replace the workspace's own `migration` binary.
    let build = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "build",
            "--quiet",
            "--offline",
            "-p",
            "lexbase_e2e_migration",
            "--lib",
        ])
        // A clean environment: variables cargo set for this test process would change the
        // dependencies' fingerprints and rebuild them.
        .env_clear()
        .envs(
            [
                "PATH",
                "HOME",
                "CARGO_HOME",
                "RUSTUP_HOME",
                "RUSTUP_TOOLCHAIN",
            ]
            .iter()
            .filter_map(|k| std::env::var_os(k).map(|v| (*k, v))),
        )
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(&copy)
        .output()
        .expect("cargo build");
    let _ = std::fs::remove_dir_all(&copy);
    assert!(
        build.status.success(),
        "the generated migration does not build:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "lexbase-autogen-e2e-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
