//! The seeder as the least-privilege application role: the database migrated by the owner
//! role, every seed, ingest, backfill and synthetic run by a role that may only read and write
//! rows.

use crate::support::{count, seed_command, test_guide};
use migration::testing::roles::TestRoles;
use migration::testing::{Backend, TestDb};

/// Runs `seed args...` as the application role and insists it succeeded.
fn seed_as_app(db: &TestDb, roles: &TestRoles, args: &[&str]) -> String {
    let output = seed_command(db, args)
        .env("DATABASE_URL", &roles.app_url)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "seed {args:?}: {stderr}\n{stdout}");
    stdout.into_owned()
}

async fn every_seed_operation_works_as_the_app_role(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    let roles = TestRoles::create(&db).await.unwrap();
    roles.migrate_to("head").await.unwrap();
    seed_as_app(&db, &roles, &[]);
    let again = seed_as_app(&db, &roles, &[]);
    assert!(again.contains("User already exists"), "{again}");
    let guide = test_guide();
    seed_as_app(
        &db,
        &roles,
        &["compliance", "--from", guide.to_str().unwrap()],
    );
    seed_as_app(&db, &roles, &["admin", "--email", "ops@x.test"]);
    seed_as_app(&db, &roles, &["synthetic", "--scale", "50"]);
    seed_as_app(&db, &roles, &["backfill", "all"]);
    let conn = db.connect().await.unwrap();
    assert!(count(&conn, "users").await >= 3);
    assert!(count(&conn, "compliance_sections").await > 0);
    conn.close().await.unwrap();
}

mod every_seed_operation_works_as_the_app_role {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::every_seed_operation_works_as_the_app_role(super::Backend::Postgres).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn mariadb() {
        super::every_seed_operation_works_as_the_app_role(super::Backend::MySql).await
    }
}
