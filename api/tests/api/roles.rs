//! The API with least-privilege roles: it migrates as the owner role
//! (`MIGRATION_DATABASE_URL`) and serves as the application role (`DATABASE_URL`), which may
//! only read and write rows.

use crate::support::{PASSWORD, Server, call, login};
use migration::testing::roles::TestRoles;
use migration::testing::{Backend, TestDb};
use reqwest::Method;
use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::json;

async fn the_api_serves_as_the_app_role_after_migrating_as_the_owner(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    let roles = TestRoles::create(&db).await.unwrap();
    let admin_url = db.url.clone();
    let server = Server::start_on(
        db,
        &[
            ("DATABASE_URL", &roles.app_url),
            ("MIGRATION_DATABASE_URL", &roles.migrator_url),
        ],
    )
    .await;
    let (status, health) = call(&server, Method::GET, "/health", None, None).await;
    assert_eq!(status, 200, "{health}");
    assert_eq!(health["migrations"]["state"], "applied");

    // The first lawyer is written by the application role itself, like any row.
    let app = Database::connect(&roles.app_url).await.unwrap();
    let lawyer = service::users::NewUser {
        name: "Roles Lawyer".to_owned(),
        email: "roles@x.test".to_owned(),
        password: PASSWORD.to_owned(),
        role: "lawyer".to_owned(),
    };
    service::users::register(&app, &lawyer).await.unwrap();
    let token = login(&server, "roles@x.test").await;
    let (status, created) = call(
        &server,
        Method::POST,
        "/clients",
        Some(&token),
        Some(&json!({"name": "Least Privilege Ltd"})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let (status, listed) = call(&server, Method::GET, "/clients", Some(&token), None).await;
    assert_eq!(status, 200, "{listed}");
    assert!(
        listed.to_string().contains("Least Privilege Ltd"),
        "{listed}"
    );
    let (status, _) = call(&server, Method::POST, "/auth/logout", Some(&token), None).await;
    assert_eq!(status, 204);

    // The server's connections are the application role's; the schema is the owner's.
    let admin = Database::connect(&admin_url).await.unwrap();
    let (sessions, owner) = if backend == Backend::Postgres {
        (
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND usename = $1",
            Some("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> $1"),
        )
    } else {
        (
            "SELECT COUNT(*) FROM information_schema.processlist WHERE db = DATABASE() \
             AND user = ?",
            None,
        )
    };
    let backend_db = admin.get_database_backend();
    let count = |sql: &str, value: &str| {
        let statement = Statement::from_sql_and_values(backend_db, sql, [value.into()]);
        let admin = &admin;
        async move {
            let row = admin.query_one_raw(statement).await.unwrap().unwrap();
            row.try_get_by_index::<i64>(0).unwrap()
        }
    };
    assert!(
        count(sessions, &roles.app).await > 0,
        "no session as the app role"
    );
    if let Some(owner) = owner {
        assert_eq!(
            count(owner, &roles.migrator).await,
            0,
            "a table the owner does not own"
        );
    }
    admin.close().await.unwrap();
    app.close().await.unwrap();
    server.running.stop().await;
}

mod the_api_serves_as_the_app_role_after_migrating_as_the_owner {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::the_api_serves_as_the_app_role_after_migrating_as_the_owner(super::Backend::Postgres)
            .await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn mariadb() {
        super::the_api_serves_as_the_app_role_after_migrating_as_the_owner(super::Backend::MySql)
            .await
    }
}
