//! The OpenAPI document and the router agree: every documented operation is routed, and the
//! docs are served.

use crate::support::{Server, json};
use migration::testing::Backend;

/// Replaces `{param}` segments with a value that parses as an id or a code.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                "1"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    let server = Server::start(Backend::Sqlite).await;
    let (status, spec) = json(server.get("/openapi.json", None).await).await;
    assert_eq!(status, 200);
    let paths = spec["paths"].as_object().expect("paths");
    assert!(paths.contains_key("/health"));
    let mut checked = 0;
    for (path, operations) in paths {
        for method in operations.as_object().unwrap().keys() {
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let response = server
                .http
                .request(method.clone(), server.url(&concrete(path)))
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.unwrap_or_default();
            assert_ne!(
                status, 405,
                "{method} {path} is documented but not routed for that method"
            );
            assert_ne!(
                body["code"], "no_route",
                "{method} {path} is documented but not routed"
            );
            checked += 1;
        }
    }
    assert!(checked >= 4, "only {checked} operations documented");
    server.running.stop().await;
}

#[tokio::test]
async fn an_undocumented_route_would_be_noticed() {
    // The checker's own sanity: a path missing from the router is reported as `no_route`.
    let server = Server::start(Backend::Sqlite).await;
    let (status, body) = json(
        server
            .get(&concrete("/clients/{id}/nonexistent"), None)
            .await,
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (404, Some("no_route")));
    server.running.stop().await;
}

#[tokio::test]
async fn the_docs_page_is_served() {
    let server = Server::start(Backend::Sqlite).await;
    let response = server.get("/docs", None).await;
    assert_eq!(response.status().as_u16(), 200);
    let html = response.text().await.unwrap();
    assert!(html.to_lowercase().contains("<html"), "{html}");
    server.running.stop().await;
}
