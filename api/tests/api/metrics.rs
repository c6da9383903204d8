//! `GET /metrics` on its own listener: route templates, sign-ins, pool, migrations, and schema
//! drift that is computed on start-up and on demand, never per scrape.

use crate::support::{OPERATOR_TOKEN, Server, json, user};
use migration::on_every_backend;
use migration::testing::{Backend, TestDb};
use sea_orm::ConnectionTrait;

async fn scrape(server: &Server) -> String {
    let addr = server.running.metrics_addr.expect("metrics listener");
    let response = server
        .http
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text")
    );
    response.text().await.unwrap()
}

/// The value of the sample whose line starts with `series` (name and labels), if any.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find(|line| line.starts_with(series) && line[series.len()..].starts_with(' '))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|value| value.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_are_counted_by_route_template_never_by_raw_path() {
    let server = Server::start(Backend::Sqlite).await;
    for id in [101, 202, 303] {
        server.get(&format!("/clients/{id}"), None).await;
    }
    server.get("/no/such/thing/42", None).await;
    let text = scrape(&server).await;
    let series = r#"lexbase_http_requests_total{method="GET",route="/clients/{id}",status="401"}"#;
    assert_eq!(sample(&text, series), Some(3.0), "{text}");
    assert!(!text.contains("/clients/101"), "raw paths leak into labels");
    assert!(
        !text.contains("/no/such/thing"),
        "unmatched paths leak into labels"
    );
    assert!(
        sample(
            &text,
            r#"lexbase_http_requests_total{method="GET",route="unmatched",status="404"}"#
        )
        .is_some(),
        "{text}"
    );
    let timed = r#"lexbase_http_request_duration_seconds_count{method="GET",route="/clients/{id}",status="401"}"#;
    assert_eq!(sample(&text, timed), Some(3.0), "{text}");
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_and_throttled_sign_ins_are_counted() {
    let server = Server::start(Backend::Sqlite).await;
    user(&server, "amit@firm.test", "lawyer").await;
    for _ in 0..6 {
        server
            .post(
                "/auth/login",
                None,
                &serde_json::json!({"email": "amit@firm.test", "password": "wrong password"}),
            )
            .await;
    }
    let text = scrape(&server).await;
    let failed = r#"lexbase_sign_ins_total{via="api",outcome="failed"}"#;
    // The sixth comes before the first delay has passed: refused like a failure, counted apart.
    let throttled = r#"lexbase_sign_ins_total{via="api",outcome="throttled"}"#;
    assert_eq!(sample(&text, failed), Some(5.0), "{text}");
    assert_eq!(sample(&text, throttled), Some(1.0), "{text}");
    server.running.stop().await;
}

async fn pool_and_migration_gauges_describe_the_server(backend: Backend) {
    let server = Server::start(backend).await;
    server.get("/health", None).await;
    let text = scrape(&server).await;
    assert_eq!(
        sample(&text, "lexbase_migrations_pending"),
        Some(0.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, r#"lexbase_migration_state{state="applied"}"#),
        Some(1.0)
    );
    assert_eq!(
        sample(&text, r#"lexbase_migration_state{state="failed"}"#),
        Some(0.0)
    );
    assert_eq!(sample(&text, "lexbase_schema_drift"), Some(0.0), "{text}");
    assert_eq!(sample(&text, "lexbase_db_pool_max_connections"), Some(8.0));
    assert_eq!(sample(&text, "lexbase_db_up"), Some(1.0), "{text}");
    let open = sample(&text, r#"lexbase_db_pool_connections{state="idle"}"#).unwrap()
        + sample(&text, r#"lexbase_db_pool_connections{state="in_use"}"#).unwrap();
    assert!((1.0..=8.0).contains(&open), "{text}");
    server.running.stop().await;
}

async fn schema_drift_is_computed_on_demand_not_per_scrape(backend: Backend) {
    let server = Server::start(backend).await;
    let conn = server._db.connect().await.unwrap();
    conn.execute_unprepared("CREATE TABLE intruder (id integer)")
        .await
        .unwrap();
    // Scrapes and health checks serve the start-up result...
    assert_eq!(
        sample(&scrape(&server).await, "lexbase_schema_drift"),
        Some(0.0)
    );
    let (_, health) = json(server.get("/health", None).await).await;
    assert_eq!(health["schema"]["in_sync"], true, "{health}");
    // ...until someone asks for a new comparison.
    let (status, _) = json(
        server
            .post(
                "/admin/migrations/retry",
                Some(OPERATOR_TOKEN),
                &serde_json::json!({}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        sample(&scrape(&server).await, "lexbase_schema_drift"),
        Some(1.0)
    );
    let (_, health) = json(server.get("/health", None).await).await;
    assert_eq!(health["schema"]["in_sync"], false, "{health}");
    assert_eq!(health["schema"]["differences"], 1, "{health}");
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_degraded_server_reports_failure_pending_and_drift() {
    let db = TestDb::create(Backend::Postgres).await.unwrap();
    db.connect()
        .await
        .unwrap()
        .execute_unprepared("CREATE TABLE verification_log (squatter integer)")
        .await
        .unwrap();
    let server = Server::start_on(db, &[]).await;
    let text = scrape(&server).await;
    assert_eq!(
        sample(&text, r#"lexbase_migration_state{state="failed"}"#),
        Some(1.0),
        "{text}"
    );
    assert!(sample(&text, "lexbase_migrations_pending").unwrap() > 0.0);
    assert!(sample(&text, "lexbase_schema_drift").unwrap() > 0.0);
    server.running.stop().await;
}

on_every_backend!(
    pool_and_migration_gauges_describe_the_server,
    schema_drift_is_computed_on_demand_not_per_scrape,
);
