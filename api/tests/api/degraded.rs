//! A server whose migrations fail starts degraded and heals through the retry route.

use crate::support::{OPERATOR_TOKEN, Server, json};
use migration::on_every_backend;
use migration::testing::{Backend, TestDb};
use sea_orm::ConnectionTrait;

async fn a_failed_migration_degrades_the_server_until_retry_heals_it(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    // A table in the way of the auditor migration (its second: on MariaDB the first is
    // created before the failure) makes migrating fail part-way.
    let conn = db.connect().await.unwrap();
    conn.execute_unprepared("CREATE TABLE embedding_cache (squatter integer)")
        .await
        .unwrap();
    let server = Server::start_on(db, &[]).await;

    let (status, body) = json(server.get("/health", None).await).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], "degraded");
    assert_eq!(body["migrations"]["state"], "failed");
    // Anonymous callers learn that migrating failed, not the failing SQL.
    let error = body["migrations"]["error"].as_str().unwrap();
    assert_eq!(error, api::routes::HIDDEN_ERROR);
    assert!(body["migrations"]["pending"].as_u64().unwrap() > 0);
    let (_, body) = json(server.get("/health", Some(OPERATOR_TOKEN)).await).await;
    let error = body["migrations"]["error"].as_str().unwrap();
    assert!(error.contains("embedding_cache"), "{error}");
    assert_eq!(body["schema"]["in_sync"], false, "{body}");
    assert!(
        body["schema"]["differences"].as_u64().unwrap() > 0,
        "{body}"
    );

    // Unknown paths are unknown, degraded or not; known ones are unavailable.
    let (status, body) = json(server.get("/no/such/path", None).await).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("no_route")));

    let (status, body) = json(server.get("/me", Some("whatever")).await).await;
    assert_eq!(status, 503);
    assert_eq!(body["code"], "migrations_pending");
    let credentials = serde_json::json!({"email": "a@x.test", "password": "twelve bytes or more"});
    let (status, body) = json(server.post("/auth/login", None, &credentials).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (503, Some("migrations_pending")),
        "login needs the schema too"
    );
    // A wrong bearer on an operator route cannot be checked against the missing token
    // table: 503, not 500; the operator token still works.
    let (status, body) = json(server.get("/admin/migrations", Some("wrong-token")).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (503, Some("database_unavailable"))
    );
    let (status, _) = json(server.get("/admin/migrations", Some(OPERATOR_TOKEN)).await).await;
    assert_eq!(status, 200);

    let (status, _) = json(
        server
            .post("/admin/migrations/retry", None, &serde_json::json!({}))
            .await,
    )
    .await;
    assert_eq!(status, 401, "the retry route is for operators only");

    conn.execute_unprepared("DROP TABLE embedding_cache")
        .await
        .unwrap();
    if backend == Backend::MySql {
        // Without transactional DDL the runner marks the failed migration incomplete and
        // refuses to go on until an operator has looked and settled it.
        let (status, body) = json(
            server
                .post(
                    "/admin/migrations/retry",
                    Some(OPERATOR_TOKEN),
                    &serde_json::json!({}),
                )
                .await,
        )
        .await;
        assert_eq!(
            (status, body["state"].as_str()),
            (200, Some("failed")),
            "{body}"
        );
        assert!(
            body["error"].as_str().unwrap().contains("incomplete"),
            "{body}"
        );
        // Settling it means undoing what took effect (its first table) and accepting it.
        conn.execute_unprepared("DROP TABLE verification_log")
            .await
            .unwrap();
        let url = migration::config::DatabaseUrl::parse("TEST", &server._db.url).unwrap();
        migration::Runner::new(url, migration::Options::default())
            .unwrap()
            .repair("m20251030_153000_create_auditor_tables")
            .await
            .unwrap();
    }
    let (status, body) = json(
        server
            .post(
                "/admin/migrations/retry",
                Some(OPERATOR_TOKEN),
                &serde_json::json!({}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "applied", "{body}");
    assert_eq!(body["pending"], 0);

    let (status, body) = json(server.get("/health", None).await).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ok");
    server.running.stop().await;
}

#[tokio::test]
async fn dev_create_tables_is_refused_on_postgres_outside_development() {
    let db = TestDb::create(Backend::Postgres).await.unwrap();
    let config = crate::support::config(&db, &[("DEV_CREATE_TABLES", "true")]);
    let error = api::start(config).await.unwrap_err();
    assert!(error.to_string().contains("DEV_CREATE_TABLES"), "{error}");
}

on_every_backend!(a_failed_migration_degrades_the_server_until_retry_heals_it);

#[tokio::test]
async fn dev_create_tables_serves_sqlite_without_migrating() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let server = Server::start_on(
        db,
        &[("AUTO_MIGRATE", "false"), ("DEV_CREATE_TABLES", "true")],
    )
    .await;
    let (status, body) = json(server.get("/health", None).await).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["migrations"]["state"], "dev_tables");
    crate::support::user(&server, "dev@x.test", "lawyer").await;
    let token = crate::support::login(&server, "dev@x.test").await;
    let (status, body) = crate::support::call(
        &server,
        reqwest::Method::POST,
        "/clients",
        Some(&token),
        Some(&serde_json::json!({"name": "Dev client"})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    server.running.stop().await;
}
