//! A server that migrated at start-up reports itself healthy.

use crate::support::{Server, json};
use migration::on_every_backend;
use migration::testing::Backend;

async fn health_is_ok_after_migrating_at_start_up(backend: Backend) {
    let server = Server::start(backend).await;
    let (status, body) = json(server.get("/health", None).await).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"]["connected"], true);
    assert!(body["database"]["latency_ms"].as_f64().unwrap() >= 0.0);
    assert_eq!(body["migrations"]["state"], "applied");
    assert_eq!(body["migrations"]["pending"], 0);
    assert_eq!(body["migrations"]["current"], body["migrations"]["head"]);
    assert_eq!(body["schema"]["in_sync"], true, "{body}");
    assert_eq!(body["schema"]["differences"], 0);
    assert!(body["schema"]["checked_at"].is_string(), "{body}");
    server.running.stop().await;
}

async fn an_unknown_path_answers_404_in_the_error_format(backend: Backend) {
    let server = Server::start(backend).await;
    let (status, body) = json(server.get("/no/such/route", None).await).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "no_route");
    assert!(body["fields"].is_object());
    server.running.stop().await;
}

on_every_backend!(
    health_is_ok_after_migrating_at_start_up,
    an_unknown_path_answers_404_in_the_error_format,
);
