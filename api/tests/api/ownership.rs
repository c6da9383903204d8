//! A second lawyer gets 404 on every route that takes the first lawyer's ids, and changes
//! nothing.

use crate::support::{Server, call, login, user};
use migration::on_every_backend;
use migration::testing::Backend;
use reqwest::Method;
use serde_json::{Value, json};

async fn ids_of(server: &Server, token: &str) -> (i64, i64, i64, i64, i64, i64) {
    let post = |path: &'static str, body: Value| async move {
        let (status, created) = call(server, Method::POST, path, Some(token), Some(&body)).await;
        assert_eq!(status, 201, "{path}: {created}");
        created["id"].as_i64().unwrap()
    };
    let client = post(
        "/clients",
        json!({"name": "Tech Solutions Pvt Ltd", "contact": "+91-9876543210"}),
    )
    .await;
    let (status, case) = call(
        server,
        Method::POST,
        &format!("/clients/{client}/cases"),
        Some(token),
        Some(&json!({"title": "Contract Dispute Resolution", "status": "active"})),
    )
    .await;
    assert_eq!(status, 201, "{case}");
    let case = case["id"].as_i64().unwrap();
    let opinion = post("/property-opinions", json!({"client_id": client, "status": "pending", "document_url": "https://storage.example.com/docs/prop_123.pdf"})).await;
    let query = post(
        "/research-queries",
        json!({"query_text": "adverse possession of agricultural land"}),
    )
    .await;
    let junior = post("/junior-logs", json!({"action": "draft notice"})).await;
    let inference = post(
        "/inference-logs",
        json!({"query_id": query, "model_used": "m", "tokens": 10, "cost": 0.5}),
    )
    .await;
    (client, case, opinion, query, junior, inference)
}

async fn a_second_lawyer_gets_404_on_the_first_lawyers_ids_and_changes_nothing(backend: Backend) {
    let server = Server::start(backend).await;
    user(&server, "a@x.test", "lawyer").await;
    user(&server, "b@x.test", "lawyer").await;
    let a = login(&server, "a@x.test").await;
    let b = login(&server, "b@x.test").await;
    let (client, case, opinion, query, junior, inference) = ids_of(&server, &a).await;

    let reads = [
        format!("/clients/{client}"),
        format!("/clients/{client}/cases"),
        format!("/cases/{case}"),
        format!("/property-opinions/{opinion}"),
        format!("/research-queries/{query}"),
        format!("/junior-logs/{junior}"),
        format!("/inference-logs/{inference}"),
        format!("/inference-logs?query_id={query}"),
    ];
    let mut before = Vec::new();
    for path in &reads {
        let (status, body) = call(&server, Method::GET, path, Some(&a), None).await;
        assert_eq!(status, 200, "{path}: {body}");
        before.push(body);
    }
    let missing = [
        "/clients/999999",
        "/cases/999999",
        "/property-opinions/999999",
        "/research-queries/999999",
        "/junior-logs/999999",
        "/inference-logs/999999",
    ];
    for path in reads.iter().map(String::as_str).chain(missing) {
        let (status, body) = call(&server, Method::GET, path, Some(&b), None).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (404, Some("not_found")),
            "B GET {path}: {body}"
        );
    }
    let writes = [
        (
            Method::PUT,
            format!("/clients/{client}"),
            json!({"name": "Hijacked"}),
        ),
        (
            Method::POST,
            format!("/clients/{client}/cases"),
            json!({"title": "Injected", "status": "active"}),
        ),
        (
            Method::PUT,
            format!("/cases/{case}"),
            json!({"title": "Hijacked", "status": "closed"}),
        ),
        (
            Method::PUT,
            format!("/property-opinions/{opinion}"),
            json!({"status": "done"}),
        ),
        (
            Method::POST,
            "/property-opinions".to_owned(),
            json!({"client_id": client, "status": "pending"}),
        ),
        (
            Method::POST,
            "/inference-logs".to_owned(),
            json!({"query_id": query, "tokens": 1}),
        ),
    ];
    for (method, path, body) in writes {
        let (status, answer) = call(&server, method.clone(), &path, Some(&b), Some(&body)).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (404, Some("not_found")),
            "B {method} {path}: {answer}"
        );
    }
    for path in [
        format!("/cases/{case}"),
        format!("/property-opinions/{opinion}"),
        format!("/clients/{client}"),
    ] {
        let (status, _) = call(&server, Method::DELETE, &path, Some(&b), None).await;
        assert_eq!(status, 404, "B DELETE {path}");
    }
    // B's own lists do not show A's rows.
    for path in ["/clients", "/property-opinions", "/junior-logs"] {
        let (status, body) = call(&server, Method::GET, path, Some(&b), None).await;
        assert_eq!(status, 200);
        assert_eq!(body.as_array().map(Vec::len), Some(0), "B {path}: {body}");
    }
    let (_, cases) = call(&server, Method::GET, "/cases", Some(&b), None).await;
    assert_eq!(cases["items"].as_array().map(Vec::len), Some(0));
    let (_, search) = call(
        &server,
        Method::GET,
        "/research-queries?q=adverse%20possession",
        Some(&b),
        None,
    )
    .await;
    assert_eq!(search["items"].as_array().map(Vec::len), Some(0));

    // Nothing changed for A.
    for (path, expected) in reads.iter().zip(before) {
        let (status, body) = call(&server, Method::GET, path, Some(&a), None).await;
        assert_eq!(status, 200);
        assert_eq!(body, expected, "{path} changed");
    }
    server.running.stop().await;
}

on_every_backend!(a_second_lawyer_gets_404_on_the_first_lawyers_ids_and_changes_nothing);
