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

fn refs(node: &serde_json::Value, out: &mut Vec<String>) {
    match node {
        serde_json::Value::Object(map) => {
            if let Some(target) = map.get("$ref").and_then(|r| r.as_str()) {
                out.push(target.to_owned());
            }
            map.values().for_each(|v| refs(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// Finding 10: every schema has its own name (no `Model` shared by all entities), every
/// `$ref` resolves, every status a route can answer is documented, and parameters carry the
/// bounds the server enforces.
#[tokio::test]
async fn the_document_names_each_schema_once_and_states_what_the_server_enforces() {
    let server = Server::start(Backend::Sqlite).await;
    let (_, spec) = json(server.get("/openapi.json", None).await).await;
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    assert!(
        !schemas.contains_key("Model"),
        "entities share the name Model"
    );
    for name in [
        "Client",
        "Case",
        "Verification",
        "SourceFingerprint",
        "IngestionRun",
        "ErrorBody",
    ] {
        assert!(schemas.contains_key(name), "{name} missing");
    }
    let mut all = Vec::new();
    refs(&spec, &mut all);
    for target in &all {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{target}"));
        assert!(schemas.contains_key(name), "{target} does not resolve");
    }
    let item_ref = &spec["paths"]["/clients"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["items"]["$ref"];
    assert_eq!(item_ref, "#/components/schemas/Client");
    let case_ref = &spec["paths"]["/cases/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["$ref"];
    assert_eq!(case_ref, "#/components/schemas/Case");

    for (path, operations) in spec["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            assert!(responses.contains_key("503"), "{method} {path}: 503");
            for (status, response) in responses {
                // Generators (openapi-python-client) refuse a response without one.
                assert!(
                    response["description"].is_string(),
                    "{method} {path} {status}: description"
                );
            }
            if operation.get("security").is_some() {
                assert!(responses.contains_key("401"), "{method} {path}: 401");
            }
            if operation.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(responses.contains_key(status), "{method} {path}: {status}");
                }
            }
        }
    }
    let limit = spec["paths"]["/cases"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert_eq!(
        (&limit["schema"]["minimum"], &limit["schema"]["maximum"]),
        (&serde_json::json!(1), &serde_json::json!(100))
    );
    let id = &spec["paths"]["/clients/{id}"]["get"]["parameters"][0]["schema"];
    assert_eq!(id["minimum"], 1);
    let login = &spec["paths"]["/auth/login"]["post"]["responses"];
    assert!(login.get("429").is_some() && login.get("423").is_none());
    let credentials = &schemas["Credentials"];
    assert_eq!(
        credentials["additionalProperties"], false,
        "unknown fields are refused"
    );
    server.running.stop().await;
}
