//! Replicas starting together on one fresh PostgreSQL database migrate it once.

use crate::support::json;
use migration::testing::{Backend, TestDb};
use sea_orm::{ConnectionTrait, Statement};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_started_at_once_both_become_healthy_and_migrate_once() {
    let db = TestDb::create(Backend::Postgres).await.unwrap();
    let (a, b) = tokio::join!(
        api::start(crate::support::config(&db, &[])),
        api::start(crate::support::config(&db, &[])),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let http = reqwest::Client::new();
    for running in [&a, &b] {
        let response = http
            .get(format!("http://{}/health", running.addr))
            .send()
            .await
            .unwrap();
        let (status, body) = json(response).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["migrations"]["state"], "applied");
    }
    let conn = db.connect().await.unwrap();
    let rows = conn
        .query_all_raw(Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT version, COUNT(*) FROM seaql_migrations GROUP BY version",
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), migration::plans().len());
    for row in rows {
        let count: i64 = row.try_get_by_index(1).unwrap();
        assert_eq!(count, 1, "a migration was recorded twice");
    }
    a.stop().await;
    b.stop().await;
}
