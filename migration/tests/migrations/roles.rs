//! `migration roles`: printed statements hide passwords; applied, the application role reads
//! and writes rows but cannot change the schema, and keeps its rights on tables the owner role
//! creates later.

use crate::support::{count, exec, fails, scalar, succeeds, texts};
use migration::testing::roles::{ROLE_PASSWORD, TestRoles};
use migration::testing::{Backend, TestDb};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

const SECRET: &str = "never-print-this-password";

#[test]
fn printed_statements_name_the_password_variable_but_never_its_value() {
    for url in [
        "postgres://admin@db.internal/legal",
        "mysql://admin@db.internal/legal",
    ] {
        let output = crate::support::command(
            Some(url),
            &[
                "roles",
                "--app-user",
                "lexbase_app",
                "--migrator-user",
                "lexbase_owner",
                "--app-password-env",
                "APP_DB_PASSWORD",
            ],
        )
        .env("APP_DB_PASSWORD", SECRET)
        .output()
        .unwrap();
        let (stdout, stderr) = texts(&output);
        assert!(output.status.success(), "{stderr}");
        assert!(!stdout.contains(SECRET) && !stderr.contains(SECRET));
        assert!(stdout.contains("$APP_DB_PASSWORD"), "{stdout}");
        assert!(
            stdout.contains("GRANT SELECT, INSERT, UPDATE, DELETE ON"),
            "{stdout}"
        );
    }
}

#[test]
fn on_sqlite_roles_say_they_do_not_apply_and_succeed() {
    let stdout = succeeds(
        "sqlite://unused.db?mode=rwc",
        &[
            "roles",
            "--app-user",
            "a",
            "--migrator-user",
            "b",
            "--apply",
        ],
    );
    assert!(stdout.contains("SQLite has no database roles"), "{stdout}");
}

#[test]
fn a_role_name_that_is_not_a_plain_identifier_is_refused_in_one_line() {
    let stderr = fails(
        "postgres://admin@db.internal/legal",
        &["roles", "--app-user", "app;drop", "--migrator-user", "b"],
        2,
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--app-user"), "{stderr}");
}

#[test]
fn applying_with_an_unset_password_variable_names_it() {
    let output = crate::support::command(
        Some("postgres://admin@db.internal/legal"),
        &[
            "roles",
            "--app-user",
            "a",
            "--migrator-user",
            "b",
            "--apply",
            "--migrator-password-env",
            "LEXBASE_TEST_UNSET_PASSWORD",
        ],
    )
    .env_remove("LEXBASE_TEST_UNSET_PASSWORD")
    .output()
    .unwrap();
    let (_, stderr) = texts(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("LEXBASE_TEST_UNSET_PASSWORD"), "{stderr}");
}

#[test]
fn applying_as_one_of_the_two_roles_is_refused_before_connecting() {
    let stderr = fails(
        "postgres://lexbase_owner@db.invalid/legal",
        &[
            "roles",
            "--apply",
            "--app-user",
            "lexbase_app",
            "--migrator-user",
            "lexbase_owner",
        ],
        2,
    );
    assert!(
        stderr.contains("refusing to restrict 'lexbase_owner'"),
        "{stderr}"
    );
}

/// `migration roles --apply` for `roles` on `db`, passwords from the environment.
fn apply_with_the_command_line(db: &TestDb, roles: &TestRoles) {
    let output = crate::support::command(
        Some(&db.url),
        &[
            "roles",
            "--apply",
            "--app-user",
            &roles.app,
            "--migrator-user",
            &roles.migrator,
            "--app-password-env",
            "TEST_APP_PASSWORD",
            "--migrator-password-env",
            "TEST_MIGRATOR_PASSWORD",
        ],
    )
    .env("TEST_APP_PASSWORD", ROLE_PASSWORD)
    .env("TEST_MIGRATOR_PASSWORD", ROLE_PASSWORD)
    .output()
    .unwrap();
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(!stdout.contains(ROLE_PASSWORD) && !stderr.contains(ROLE_PASSWORD));
}

async fn connect(url: &str) -> DatabaseConnection {
    Database::connect(url).await.unwrap()
}

/// Runs `sql`, which must be refused for lack of privilege.
async fn refused(conn: &DatabaseConnection, sql: &str) {
    let err = conn
        .execute_unprepared(sql)
        .await
        .expect_err(&format!("the application role ran {sql}"))
        .to_string();
    assert!(
        err.contains("denied") || err.contains("must be owner"),
        "{sql}: {err}"
    );
}

async fn the_app_role_writes_rows_but_cannot_drop_alter_or_create(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    let roles = TestRoles::new(&db).unwrap();
    // A database that predates the roles: its first migrations ran as the administrator.
    db.migrate_to("+5").await.unwrap();
    apply_with_the_command_line(&db, &roles);
    apply_with_the_command_line(&db, &roles);
    // The owner runs the rest, altering tables the administrator created (source_fingerprints'
    // indexes) and creating new ones (funding_opportunities, api_tokens).
    roles.migrate_to("head").await.unwrap();
    let migrated = succeeds(&roles.migrator_url, &["current"]);
    assert!(migrated.contains("(head)"), "{migrated}");

    let app = connect(&roles.app_url).await;
    exec(
        &app,
        "INSERT INTO users (name, email, password_hash, role) \
         VALUES ('A', 'a@example.com', 'x', 'lawyer')",
    )
    .await;
    exec(
        &app,
        "INSERT INTO funding_opportunities (source_url, status) VALUES ('https://x', 'raw')",
    )
    .await;
    exec(
        &app,
        "UPDATE funding_opportunities SET status = 'reviewed' WHERE source_url = 'https://x'",
    )
    .await;
    assert_eq!(
        count(&app, "funding_opportunities WHERE status = 'reviewed'").await,
        1
    );
    exec(&app, "DELETE FROM funding_opportunities").await;
    assert_eq!(count(&app, "funding_opportunities").await, 0);
    assert_eq!(count(&app, "users").await, 1);

    refused(&app, "DROP TABLE funding_opportunities").await;
    refused(&app, "DROP TABLE users").await;
    refused(&app, "ALTER TABLE users ADD COLUMN nickname VARCHAR(20)").await;
    refused(&app, "CREATE TABLE intruder (id INTEGER)").await;
    refused(&app, "TRUNCATE TABLE users").await;
    app.close().await.unwrap();

    // Roles applied again on the migrated database still converge.
    apply_with_the_command_line(&db, &roles);
    if backend == Backend::Postgres {
        let admin = db.connect().await.unwrap();
        let foreign = scalar(
            &admin,
            &format!(
                "SELECT COUNT(*)::text FROM pg_tables WHERE schemaname = 'public' \
                 AND tableowner <> '{}'",
                roles.migrator
            ),
        )
        .await;
        assert_eq!(
            foreign.as_deref(),
            Some("0"),
            "tables not owned by the migrator"
        );
        admin.close().await.unwrap();
    }
}

async fn a_table_the_owner_creates_later_is_open_to_the_app_role_for_rows_only(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    let roles = TestRoles::create(&db).await.unwrap();
    roles.migrate_to("head").await.unwrap();
    // A change made after the roles were set up, as a later migration by the owner would.
    let owner = connect(&roles.migrator_url).await;
    let serial = if backend == Backend::Postgres {
        "SERIAL PRIMARY KEY"
    } else {
        "INTEGER AUTO_INCREMENT PRIMARY KEY"
    };
    exec(
        &owner,
        &format!("CREATE TABLE later_notes (id {serial}, body TEXT NOT NULL)"),
    )
    .await;
    owner.close().await.unwrap();
    let app = connect(&roles.app_url).await;
    exec(&app, "INSERT INTO later_notes (body) VALUES ('first')").await;
    exec(&app, "UPDATE later_notes SET body = 'changed'").await;
    assert_eq!(
        scalar(&app, "SELECT body FROM later_notes")
            .await
            .as_deref(),
        Some("changed")
    );
    exec(&app, "DELETE FROM later_notes").await;
    refused(&app, "DROP TABLE later_notes").await;
    app.close().await.unwrap();
}

mod the_app_role_writes_rows_but_cannot_drop_alter_or_create {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::the_app_role_writes_rows_but_cannot_drop_alter_or_create(super::Backend::Postgres)
            .await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn mariadb() {
        super::the_app_role_writes_rows_but_cannot_drop_alter_or_create(super::Backend::MySql).await
    }
}

mod a_table_the_owner_creates_later_is_open_to_the_app_role_for_rows_only {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::a_table_the_owner_creates_later_is_open_to_the_app_role_for_rows_only(
            super::Backend::Postgres,
        )
        .await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn mariadb() {
        super::a_table_the_owner_creates_later_is_open_to_the_app_role_for_rows_only(
            super::Backend::MySql,
        )
        .await
    }
}
