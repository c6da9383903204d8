//! `/docs` in a browser that can reach nothing but the server: the reference renders with its
//! routes, from assets the binary serves itself.

use super::{Browser, Network};
use crate::support::Server;
use fantoccini::Locator;
use migration::testing::Backend;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_reference_renders_with_every_outside_request_blocked() {
    let server = Server::start(Backend::Sqlite).await;
    let browser = Browser::start(Network::LoopbackOnly).await;
    browser.client.goto(&server.url("/docs/")).await.unwrap();
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(".opblock-summary-path"))
        .await
        .expect("Swagger UI renders the operations");
    let mut paths = Vec::new();
    for element in browser
        .client
        .find_all(Locator::Css(".opblock-summary-path"))
        .await
        .unwrap()
    {
        paths.push(element.attr("data-path").await.unwrap().unwrap_or_default());
    }
    for expected in ["/health", "/clients/{id}", "/admin/migrations"] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} not in {paths:?}"
        );
    }
    // Everything the page loaded came from the server itself.
    let loaded = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name)",
            vec![],
        )
        .await
        .unwrap();
    let origin = server.url("/");
    let loaded: Vec<String> = serde_json::from_value(loaded).unwrap();
    assert!(!loaded.is_empty());
    for url in &loaded {
        assert!(url.starts_with(&origin), "loaded from outside: {url}");
    }
    // The control: the same page cannot reach a public host.
    let outside = browser
        .client
        .execute(
            "return fetch('https://cdn.jsdelivr.net/npm/@scalar/api-reference').then(() => 'reached', () => 'blocked')",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(outside, "blocked");
    browser.screenshot("docs-offline").await;
    browser.close().await;
    server.running.stop().await;
}
