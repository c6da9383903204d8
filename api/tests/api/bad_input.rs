//! Each bad-input status, with its body.

use crate::support::{Server, call, login, user};
use migration::on_every_backend;
use migration::testing::Backend;
use reqwest::Method;
use serde_json::json;

async fn each_bad_input_gets_its_status_and_code(backend: Backend) {
    let server = Server::start(backend).await;
    user(&server, "a@x.test", "lawyer").await;
    let token = login(&server, "a@x.test").await;
    let send = |body: String, content_type: &'static str| {
        server
            .http
            .post(server.url("/clients"))
            .bearer_auth(&token)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let check = |response: reqwest::Response| async move {
        let status = response.status().as_u16();
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(
            body["message"].is_string() && body["fields"].is_object(),
            "{body}"
        );
        (
            status,
            body["code"].as_str().unwrap_or_default().to_owned(),
            body,
        )
    };

    let (status, code, _) = check(
        send("{\"name\": ".to_owned(), "application/json")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, code.as_str()), (400, "malformed_json"));
    let (status, code, _) = check(
        send("{\"name\": 42}".to_owned(), "application/json")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "validation_failed"));
    // An unknown field is refused, not ignored, and named.
    let (status, code, body) = check(
        send(
            "{\"name\": \"C\", \"lawyer_id\": 1}".to_owned(),
            "application/json",
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "validation_failed"));
    assert!(body["fields"]["lawyer_id"].is_array(), "{body}");
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(1024 * 1024 + 10));
    let (status, code, _) = check(send(big, "application/json").await.unwrap()).await;
    assert_eq!((status, code.as_str()), (413, "payload_too_large"));
    let (status, code, _) = check(send("name=x".to_owned(), "text/plain").await.unwrap()).await;
    assert_eq!((status, code.as_str()), (415, "unsupported_media_type"));

    let (status, body) = call(
        &server,
        Method::POST,
        "/clients",
        Some(&token),
        Some(&json!({"name": "", "contact": "c".repeat(300), "address": "a".repeat(501)})),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("validation_failed"))
    );
    for field in ["name", "contact", "address"] {
        assert!(
            body["fields"][field].is_array(),
            "{field} missing from {body}"
        );
    }
    let (status, clients) = call(&server, Method::GET, "/clients", Some(&token), None).await;
    assert_eq!(
        (status, clients.as_array().map(Vec::len)),
        (200, Some(0)),
        "nothing written"
    );

    let (status, body) = call(
        &server,
        Method::GET,
        "/clients/not-a-number",
        Some(&token),
        None,
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (400, Some("bad_request")));
    let (status, body) = call(&server, Method::GET, "/clients", Some("forged-token"), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("unauthenticated"))
    );

    let (_, client) = call(
        &server,
        Method::POST,
        "/clients",
        Some(&token),
        Some(&json!({"name": "C"})),
    )
    .await;
    let id = client["id"].as_i64().unwrap();
    let (status, _) = call(
        &server,
        Method::POST,
        &format!("/clients/{id}/cases"),
        Some(&token),
        Some(&json!({"title": "T", "status": "active"})),
    )
    .await;
    assert_eq!(status, 201);
    let (status, body) = call(
        &server,
        Method::DELETE,
        &format!("/clients/{id}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("conflict")));

    // Hostile strings are stored verbatim, never executed.
    let hostile = "Robert'); DROP TABLE clients; -- ✅ مرحبا";
    let (status, body) = call(
        &server,
        Method::POST,
        "/clients",
        Some(&token),
        Some(&json!({"name": hostile})),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(body["name"], hostile);
    server.running.stop().await;
}

on_every_backend!(each_bad_input_gets_its_status_and_code);
