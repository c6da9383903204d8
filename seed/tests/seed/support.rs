//! Shared helpers: migrated test databases, running the `seed` binary, table checksums.

use entity::{auditor, compliance, legal, proposals};
use migration::testing::{Backend, TestDb};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, EntityTrait, Statement,
};
use std::path::PathBuf;
use std::process::{Command, Output};

/// A fresh database migrated to head, and a connection to it.
pub async fn migrated(backend: Backend) -> (TestDb, DatabaseConnection) {
    let db = TestDb::create(backend).await.expect("create test database");
    db.migrate().await.expect("migrate to head");
    let conn = db.connect().await.expect("connect to test database");
    (db, conn)
}

/// The review guide written for these tests (`seed/tests/data/review_guide.json`): the FTA
/// extraction's structure and every quirk, small enough that its counts are known by hand.
pub fn test_guide() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/review_guide.json")
}

/// The full FTA extraction, when it is there: `FTA_DATA_PATH` (a relative path is taken from
/// the repository root, as the Makefile does), else `../shared/data/` beside the repository.
/// When it is not, `None` and a one-line note on stderr, so the test passes trivially; unless
/// `LEXBASE_REQUIRE_FULL_GUIDE=1` (CI), which makes its absence a failure.
pub fn full_guide() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = root.join(
        std::env::var_os("FTA_DATA_PATH")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("../shared/data/FTA_Complete_Extraction.json")),
    );
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var("LEXBASE_REQUIRE_FULL_GUIDE").as_deref() != Ok("1"),
        "LEXBASE_REQUIRE_FULL_GUIDE=1 but the full guide is not at {}",
        path.display()
    );
    eprintln!(
        "note: the full FTA guide is not at {} (set FTA_DATA_PATH); this test checks nothing",
        path.display()
    );
    None
}

/// A `seed` command against `db`, with a fixed default password unless one is given.
pub fn seed_command(db: &TestDb, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_seed"));
    command
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env("SEED_DEFAULT_PASSWORD", "correct horse battery staple")
        .env("RUST_LOG", "warn")
        .env_remove("FTA_DATA_PATH");
    command
}

/// Runs `seed args...` against `db` and returns its output.
pub fn run_seed(db: &TestDb, args: &[&str]) -> Output {
    seed_command(db, args).output().expect("run seed")
}

/// Runs `seed args...` and insists it succeeded; returns stdout.
pub fn seed_ok(db: &TestDb, args: &[&str]) -> String {
    let output = run_seed(db, args);
    assert!(
        output.status.success(),
        "seed {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Starts four copies of `seed args...` at once and waits for all of them.
pub fn run_four_at_once(db: &TestDb, args: &[&str]) -> Vec<Output> {
    let children: Vec<_> = (0..4)
        .map(|_| {
            seed_command(db, args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn seed")
        })
        .collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait for seed"))
        .collect()
}

/// The (created, updated, present) columns of `table`'s line in a summary.
pub fn summary_row(stdout: &str, table: &str) -> (u64, u64, u64) {
    let line = stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(table))
        .unwrap_or_else(|| panic!("no {table} line in:\n{stdout}"));
    let n: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(|t| t.parse().unwrap())
        .collect();
    (n[0], n[1], n[2])
}

/// `SELECT COUNT(*) FROM table`.
pub async fn count(conn: &DatabaseConnection, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), &sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn rows<E>(conn: &DatabaseConnection) -> String
where
    E: EntityTrait,
    E::Model: std::fmt::Debug,
{
    let mut lines: Vec<String> = E::find()
        .all(conn)
        .await
        .unwrap()
        .iter()
        .map(|m| format!("{m:?}"))
        .collect();
    lines.sort();
    lines.join("\n")
}

/// Every row of every table, as text: equal snapshots mean nothing changed, timestamps
/// included.
pub async fn snapshot(conn: &DatabaseConnection) -> String {
    [
        rows::<legal::user::Entity>(conn).await,
        rows::<legal::client::Entity>(conn).await,
        rows::<legal::case::Entity>(conn).await,
        rows::<legal::property_opinion::Entity>(conn).await,
        rows::<legal::research_query::Entity>(conn).await,
        rows::<legal::junior_log::Entity>(conn).await,
        rows::<legal::inference_log::Entity>(conn).await,
        rows::<auditor::verification_log::Entity>(conn).await,
        rows::<auditor::embedding_cache::Entity>(conn).await,
        rows::<auditor::source_fingerprint::Entity>(conn).await,
        rows::<compliance::section::Entity>(conn).await,
        rows::<compliance::question::Entity>(conn).await,
        rows::<compliance::indicator::Entity>(conn).await,
        rows::<compliance::deficiency::Entity>(conn).await,
        rows::<proposals::funding_opportunity::Entity>(conn).await,
        rows::<proposals::proposal_template::Entity>(conn).await,
        rows::<proposals::document::Entity>(conn).await,
        rows::<proposals::source::Entity>(conn).await,
        rows::<proposals::ingestion_run::Entity>(conn).await,
    ]
    .join("\n--\n")
}

/// A one-connection pool on which foreign keys are not enforced, to plant orphans.
pub async fn without_foreign_keys(db: &TestDb) -> DatabaseConnection {
    let mut options = ConnectOptions::new(db.url.clone());
    options.max_connections(1).sqlx_logging(false);
    let conn = Database::connect(options).await.unwrap();
    let off = match db.backend {
        Backend::Sqlite => "PRAGMA foreign_keys = OFF",
        Backend::Postgres => "SET session_replication_role = replica",
        Backend::MySql => "SET FOREIGN_KEY_CHECKS = 0",
    };
    conn.execute_unprepared(off).await.unwrap();
    conn
}

/// A file in the temp directory, removed on drop.
pub struct TempFile(pub PathBuf);

impl TempFile {
    /// Writes `contents` to a fresh file named after `name`.
    pub fn new(name: &str, contents: &[u8]) -> Self {
        let dir = std::env::temp_dir().join("lexbase-seed-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path = dir.join(format!("{}-{nanos}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        Self(path)
    }

    /// The path as a command-line argument.
    pub fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
