//! The runbook's scenario in a real browser: a release whose migration fails leaves the server
//! degraded; the operator signs in, sees the failure and what is pending, fixes the cause,
//! clicks "Retry migrations" and sees the server healed, with no restart.

use super::{Browser, Network};
use crate::support::{OPERATOR_TOKEN, Server, json};
use fantoccini::Locator;
use migration::testing::{Backend, TestDb};
use sea_orm::ConnectionTrait;

async fn an_operator_heals_a_degraded_server_from_the_dashboard(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    // The cause: a table in the way of the auditor migration (its second table).
    let conn = db.connect().await.unwrap();
    conn.execute_unprepared("CREATE TABLE embedding_cache (squatter integer)")
        .await
        .unwrap();
    let server = Server::start_on(db, &[]).await;
    let browser = Browser::start(Network::Normal).await;

    browser
        .client
        .goto(&server.url("/admin/migrations"))
        .await
        .unwrap();
    assert_eq!(
        browser.path().await,
        "/admin/sign-in",
        "no page without signing in"
    );
    browser
        .type_into("input[name=operator_token]", OPERATOR_TOKEN)
        .await;
    browser.click("#operator-sign-in").await;

    assert_eq!(browser.path().await, "/admin/migrations");
    assert_eq!(browser.text("#state").await, "failed");
    let error = browser.text("#error").await;
    assert!(error.contains("embedding_cache"), "{error}");
    let pending: usize = browser.text("#pending").await.parse().unwrap();
    assert!(pending > 0);
    // On MariaDB the failed migration itself is `incomplete` (DDL is not transactional).
    let pending_rows = browser
        .client
        .find_all(Locator::Css(
            "#migrations tr[data-state=pending], #migrations tr[data-state=incomplete]",
        ))
        .await
        .unwrap();
    assert_eq!(
        pending_rows.len(),
        pending,
        "each pending migration is listed"
    );
    assert_eq!(browser.text("#schema-state").await, "out of sync");
    browser
        .screenshot(&format!("dashboard-degraded-{backend:?}").to_lowercase())
        .await;

    conn.execute_unprepared("DROP TABLE embedding_cache")
        .await
        .unwrap();
    browser.click("#retry").await;
    if backend == Backend::MySql {
        // No transactional DDL: the failed migration stays incomplete until an operator has
        // looked and settled it (`migration repair --accept NAME`).
        assert_eq!(browser.text("#state").await, "failed");
        let incomplete = browser
            .client
            .find_all(Locator::Css("#migrations tr[data-state=incomplete]"))
            .await
            .unwrap();
        assert_eq!(incomplete.len(), 1, "the half-applied migration is shown");
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
        browser.click("#retry").await;
    }

    assert_eq!(browser.path().await, "/admin/migrations");
    assert_eq!(browser.text("#state").await, "applied");
    assert_eq!(browser.text("#pending").await, "0");
    assert_eq!(browser.text("#schema-state").await, "in sync");
    let rows = browser
        .client
        .find_all(Locator::Css("#migrations tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), migration::plans().len());
    for row in rows {
        assert_eq!(
            row.attr("data-state").await.unwrap().as_deref(),
            Some("applied")
        );
    }
    let shot = browser
        .screenshot(&format!("dashboard-healed-{backend:?}").to_lowercase())
        .await;
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 10_000,
        "{}",
        shot.display()
    );
    browser.close().await;

    let (status, body) = json(server.get("/health", None).await).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["schema"]["in_sync"], true, "{body}");
    server.running.stop().await;
}

migration::on_every_backend!(an_operator_heals_a_degraded_server_from_the_dashboard);
