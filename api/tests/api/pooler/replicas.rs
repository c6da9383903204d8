//! Three API replicas started at the same moment on a fresh database, the application's
//! connections through PgBouncer in transaction mode, migrating over a direct connection.

use super::PgBouncer;
use crate::support::{PASSWORD, json};
use api::server::Running;
use migration::testing::{Backend, TestDb};
use reqwest::Client;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

fn replica_config(db: &TestDb, bouncer: &PgBouncer) -> api::config::Config {
    let pooled = bouncer.url_for(&db.url);
    crate::support::config(
        db,
        &[
            ("DATABASE_URL", pooled.as_str()),
            ("MIGRATION_DATABASE_URL", db.url.as_str()),
            ("DATABASE_POOLER", "transaction"),
        ],
    )
}

async fn send(
    http: &Client,
    replica: &Running,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut request = http.request(method, format!("http://{}{path}", replica.addr));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    json(request.send().await.unwrap()).await
}

/// One lawyer's round: sign in on one replica, create a client on the next, read it and
/// list on the third. Returns every failure as a line.
async fn round(http: &Client, replicas: &[Running; 3], lawyer: usize, round: usize) -> Vec<String> {
    use reqwest::Method;
    let mut failures = Vec::new();
    let at = |step: usize| &replicas[(lawyer + round + step) % 3];
    let email = format!("lawyer{lawyer}@pooler.test");
    let (status, body) = send(
        http,
        at(0),
        Method::POST,
        "/auth/login",
        None,
        Some(&json!({"email": email, "password": PASSWORD})),
    )
    .await;
    if status != 200 {
        return vec![format!("login {status}: {body}")];
    }
    let token = body["token"].as_str().unwrap_or_default().to_owned();
    let name = format!("Client {lawyer}-{round}");
    let (status, created) = send(
        http,
        at(1),
        Method::POST,
        "/clients",
        Some(&token),
        Some(&json!({"name": name})),
    )
    .await;
    if status != 201 {
        return vec![format!("create {status}: {created}")];
    }
    let path = format!("/clients/{}", created["id"]);
    let (status, read) = send(http, at(2), Method::GET, &path, Some(&token), None).await;
    if status != 200 || read["name"] != name.as_str() {
        failures.push(format!("read {status}: {read}"));
    }
    let (status, list) = send(http, at(0), Method::GET, "/clients", Some(&token), None).await;
    let listed = list.as_array().map_or(0, Vec::len);
    if status != 200 || listed != round + 1 {
        failures.push(format!(
            "list {status}: {listed} clients after round {round}"
        ));
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_replicas_behind_pgbouncer_in_transaction_mode_serve_every_request() {
    let db = TestDb::create(Backend::Postgres).await.unwrap();
    let server = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| migration::testing::DEFAULT_POSTGRES_URL.to_owned());
    let bouncer = PgBouncer::start(&server);
    let (a, b, c) = tokio::join!(
        api::start(replica_config(&db, &bouncer)),
        api::start(replica_config(&db, &bouncer)),
        api::start(replica_config(&db, &bouncer)),
    );
    let replicas = [a.unwrap(), b.unwrap(), c.unwrap()];
    let direct = db.connect().await.unwrap();
    for lawyer in 0..3 {
        let input = service::users::NewUser {
            name: format!("Lawyer {lawyer}"),
            email: format!("lawyer{lawyer}@pooler.test"),
            password: PASSWORD.to_owned(),
            role: "lawyer".to_owned(),
        };
        service::users::register(&direct, &input).await.unwrap();
    }

    let http = Client::new();
    let mut failures = Vec::new();
    for r in 0..8 {
        let rounds = (0..3).map(|lawyer| round(&http, &replicas, lawyer, r));
        for lines in futures::future::join_all(rounds).await {
            failures.extend(lines);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures: {failures:#?}",
        failures.len()
    );

    let rows = direct
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
    let log = bouncer.log();
    assert!(!log.contains("prepared statement"), "{log}");
    for replica in replicas {
        replica.stop().await;
    }
}
