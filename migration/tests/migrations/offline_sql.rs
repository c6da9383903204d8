//! `sql` prints exactly what `up` and `down` run: fed to each backend's own command-line
//! client on an empty database, it builds the schema the entities describe, tracking rows
//! included.

use crate::support::{current, fresh, head, migration, succeeds};
use migration::on_every_backend;
use migration::schema::live;
use migration::testing::{Backend, TestDb};
use std::io::Write;
use std::process::{Command, Stdio};

/// The backend's own client, reading a script on stdin, against the test database.
fn client(db: &TestDb) -> Command {
    match db.backend {
        Backend::Sqlite => {
            let mut command = Command::new("sqlite3");
            command.args([
                "-bail",
                db.url
                    .trim_start_matches("sqlite://")
                    .trim_end_matches("?mode=rwc"),
            ]);
            command
        }
        Backend::Postgres => {
            let mut command = Command::new("psql");
            command.args(["-q", "-v", "ON_ERROR_STOP=1", &db.url]);
            command
        }
        Backend::MySql => {
            let url = url::Url::parse(&db.url).unwrap();
            let mut command = Command::new("mariadb");
            command.args([
                "--host",
                url.host_str().unwrap(),
                "--port",
                &url.port().unwrap_or(3306).to_string(),
                "--user",
                url.username(),
                url.path().trim_start_matches('/'),
            ]);
            if let Some(password) = url.password() {
                command.env("MYSQL_PWD", password);
            }
            command
        }
    }
}

fn pipe(db: &TestDb, script: &str) {
    let mut child = client(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "client failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn backend_flag(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
        Backend::MySql => "mysql",
    }
}

async fn sql_output_run_by_the_backend_client_builds_the_entity_schema(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    // No database at all: no DATABASE_URL.
    let up = migration(None, &["sql", "--backend", backend_flag(backend)]);
    assert!(up.status.success());
    pipe(&db, &String::from_utf8_lossy(&up.stdout));

    assert_eq!(succeeds(&db.url, &["check"]).trim(), "No differences.");
    assert_eq!(current(&db.url), format!("{} (head)", head()));
    succeeds(&db.url, &["verify"]);

    let down = migration(
        None,
        &["sql", "--backend", backend_flag(backend), "head:base"],
    );
    assert!(down.status.success());
    pipe(&db, &String::from_utf8_lossy(&down.stdout));
    assert_eq!(
        live::table_names(&conn).await.unwrap(),
        ["lexbase_migration_checksums", "seaql_migrations"]
    );
    assert_eq!(current(&db.url), "");
}

on_every_backend!(sql_output_run_by_the_backend_client_builds_the_entity_schema);
