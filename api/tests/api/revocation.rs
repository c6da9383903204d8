//! A token is checked in the same statement as the read it authorizes (`GET /clients/{id}`):
//! a logout on one replica is refused by every other replica at once, and another lawyer's
//! client is a 404 exactly like a missing one.

use crate::support::{Server, json, login, user};
use api::server::Running;
use migration::on_every_backend;
use migration::testing::Backend;
use reqwest::Method;
use serde_json::Value;

async fn at(replica: &Running, method: Method, path: &str, token: Option<&str>) -> (u16, Value) {
    let mut request =
        reqwest::Client::new().request(method, format!("http://{}{path}", replica.addr));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    json(request.send().await.unwrap()).await
}

async fn a_logout_on_one_replica_is_refused_by_the_other_at_once(backend: Backend) {
    let a = Server::start(backend).await;
    let b = api::start(crate::support::config(&a._db, &[]))
        .await
        .unwrap();
    user(&a, "first@replicas.test", "lawyer").await;
    user(&a, "second@replicas.test", "lawyer").await;
    user(&a, "admin@replicas.test", "admin").await;
    let admin = login(&a, "admin@replicas.test").await;
    let first = login(&a, "first@replicas.test").await;
    let second = login(&a, "second@replicas.test").await;
    let (status, created) = crate::support::call(
        &a,
        Method::POST,
        "/clients",
        Some(&first),
        Some(&serde_json::json!({"name": "Mehta Textiles"})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let path = format!("/clients/{}", created["id"]);

    let (status, read) = at(&b, Method::GET, &path, Some(&first)).await;
    assert_eq!(
        (status, read["name"].as_str()),
        (200, Some("Mehta Textiles"))
    );
    let (status, other) = at(&b, Method::GET, &path, Some(&second)).await;
    let (missing_status, missing) = at(&b, Method::GET, "/clients/2147483647", Some(&first)).await;
    assert_eq!((status, missing_status), (404, 404), "{other} {missing}");
    assert_eq!(
        other, missing,
        "someone else's client reads like a missing one"
    );
    let (status, _) = at(&b, Method::GET, &path, Some(&admin)).await;
    assert_eq!(status, 200, "an admin reads every client");
    for token in [None, Some("not-a-token"), Some("")] {
        let (status, body) = at(&b, Method::GET, &path, token).await;
        assert_eq!(status, 401, "{token:?}: {body}");
    }

    let (status, body) = at(&a.running, Method::POST, "/auth/logout", Some(&first)).await;
    assert!((200..300).contains(&status), "{status}: {body}");
    let (status, body) = at(&b, Method::GET, &path, Some(&first)).await;
    assert_eq!(
        status, 401,
        "a revoked token still reads on the other replica: {body}"
    );
    let (status, _) = at(&b, Method::GET, "/clients", Some(&first)).await;
    assert_eq!(status, 401);
    let (status, _) = at(&b, Method::GET, &path, Some(&second)).await;
    assert_eq!(status, 404, "the other lawyer's token is untouched");
    b.stop().await;
}

on_every_backend!(a_logout_on_one_replica_is_refused_by_the_other_at_once);
