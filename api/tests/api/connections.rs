//! Finding 9: connections killed for real (`pg_terminate_backend`, MariaDB `KILL`) answer 503
//! `database_unavailable`, never 500, and reads are retried on a fresh connection.

use crate::support::{Server, call, signed_in};
use api::error::{ApiError, ConnectionLost};
use axum::response::IntoResponse;
use migration::config::DatabaseUrl;
use migration::testing::{Backend, TestDb};
use reqwest::Method;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde_json::json;
use std::time::{Duration, Instant};

async fn dedicated(url: &str) -> DatabaseConnection {
    DatabaseUrl::parse("TEST", url)
        .unwrap()
        .connect_dedicated(Duration::from_secs(10))
        .await
        .unwrap()
}

async fn scalar(conn: &DatabaseConnection, sql: &str) -> i64 {
    conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// Kills every other connection to the test database.
async fn kill_others(killer: &DatabaseConnection) {
    match killer.get_database_backend() {
        DbBackend::Postgres => {
            let _ = killer
                .execute_unprepared(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = current_database() AND pid <> pg_backend_pid()",
                )
                .await;
        }
        _ => {
            let Ok(rows) = killer
                .query_all_raw(Statement::from_string(
                    DbBackend::MySql,
                    "SELECT CAST(id AS SIGNED) FROM information_schema.processlist \
                     WHERE db = DATABASE() AND id <> CONNECTION_ID()",
                ))
                .await
            else {
                return;
            };
            for row in rows {
                if let Ok(id) = row.try_get_by_index::<i64>(0) {
                    let _ = killer.execute_unprepared(&format!("KILL {id}")).await;
                }
            }
        }
    }
}

async fn a_query_killed_mid_flight_is_a_503(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    let victim = dedicated(&db.url).await;
    let killer = dedicated(&db.url).await;
    let (id_sql, sleep_sql, kill) = match backend {
        Backend::Postgres => (
            "SELECT CAST(pg_backend_pid() AS BIGINT)",
            "SELECT pg_sleep(20)",
            "SELECT pg_terminate_backend",
        ),
        _ => (
            "SELECT CAST(CONNECTION_ID() AS SIGNED)",
            "SELECT SLEEP(20)",
            "KILL",
        ),
    };
    let id = scalar(&victim, id_sql).await;
    let running = tokio::spawn(async move { victim.execute_unprepared(sleep_sql).await });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let statement = if backend == Backend::Postgres {
        format!("{kill}({id})")
    } else {
        format!("{kill} {id}")
    };
    killer.execute_unprepared(&statement).await.unwrap();
    let error = running.await.unwrap().expect_err("the killed query fails");
    assert!(service::is_connection_lost(&error), "{error:?}");
    let response = ApiError::from(error).into_response();
    assert_eq!(response.status().as_u16(), 503);
    assert!(response.extensions().get::<ConnectionLost>().is_some());
}

async fn requests_while_connections_are_killed_never_answer_500(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    let server = Server::start_on(db, &[("DB_MAX_CONNECTIONS", "4")]).await;
    let token = signed_in(&server, "l@x.test", "lawyer").await;
    let (_, client) = call(
        &server,
        Method::POST,
        "/clients",
        Some(&token),
        Some(&json!({"name": "C"})),
    )
    .await;
    let path = format!("/clients/{}", client["id"]);
    let killer = dedicated(&server._db.url).await;
    let until = Instant::now() + Duration::from_secs(3);
    let killing = tokio::spawn(async move {
        while Instant::now() < until {
            kill_others(&killer).await;
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    });
    let mut statuses = Vec::new();
    while Instant::now() < until && statuses.len() < 400 {
        let reads = (0..4).map(|_| call(&server, Method::GET, &path, Some(&token), None));
        for (status, body) in futures::future::join_all(reads).await {
            assert!(
                status == 200 || (status == 503 && body["code"] == "database_unavailable"),
                "{status} {body}"
            );
            statuses.push(status);
        }
        let (status, body) = call(
            &server,
            Method::POST,
            "/junior-logs",
            Some(&token),
            Some(&json!({"action": "a"})),
        )
        .await;
        assert!(status == 201 || status == 503, "{status} {body}");
    }
    killing.await.unwrap();
    assert!(
        statuses.contains(&200),
        "reads succeeded while connections were killed"
    );
    let (status, _) = call(&server, Method::GET, &path, Some(&token), None).await;
    assert_eq!(status, 200, "the pool recovers");
    server.running.stop().await;
}

macro_rules! on_server_backends {
    ($($name:ident),+) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() { super::$name(migration::testing::Backend::Postgres).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn mariadb() { super::$name(migration::testing::Backend::MySql).await }
        }
    )+};
}

on_server_backends!(
    a_query_killed_mid_flight_is_a_503,
    requests_while_connections_are_killed_never_answer_500
);
