//! Issue 14: no 500 from any input, no tenant can hurt another. One test per finding, on
//! every backend it applies to.

use crate::support::{PASSWORD, Server, call, client_from, json, signed_in, user};
use migration::on_every_backend;
use migration::testing::Backend;
use reqwest::Method;
use serde_json::{Value, json};

async fn create_query(server: &Server, token: &str) -> i64 {
    let (status, body) = call(
        server,
        Method::POST,
        "/research-queries",
        Some(token),
        Some(&json!({"query_text": "limitation period"})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().unwrap()
}

/// Finding 1: Huge costs are refused, and sums of the largest accepted ones stay computable for the
/// lawyer and for admins, grouped either way.
async fn no_cost_can_break_the_cost_summary(backend: Backend) {
    let server = Server::start(backend).await;
    let lawyer = signed_in(&server, "l@x.test", "lawyer").await;
    let admin = signed_in(&server, "a@x.test", "admin").await;
    let query = create_query(&server, &lawyer).await;
    let (status, body) = call(
        &server,
        Method::POST,
        "/inference-logs",
        Some(&lawyer),
        Some(&json!({"query_id": query, "cost": 1e308})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["cost"].is_array(), "{body}");
    for _ in 0..2 {
        let (status, _) = call(
            &server,
            Method::POST,
            "/inference-logs",
            Some(&lawyer),
            Some(&json!({"query_id": query, "cost": 1_000_000.0, "model_used": "m"})),
        )
        .await;
        assert_eq!(status, 201);
    }
    for token in [&lawyer, &admin] {
        for by in ["model", "lawyer"] {
            let (status, body) = call(
                &server,
                Method::GET,
                &format!("/inference-logs/summary?by={by}"),
                Some(token),
                None,
            )
            .await;
            assert_eq!(status, 200, "{body}");
            assert_eq!(body[0]["cost"], json!(2_000_000.0), "{by}: {body}");
        }
    }
    server.running.stop().await;
}

async fn attempt(
    client: &reqwest::Client,
    server: &Server,
    email: &str,
    password: &str,
) -> (u16, Value) {
    json(
        client
            .post(server.url("/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Finding 2: Failures from one address never keep the lawyer out at another; throttled attempts
/// answer exactly like a wrong password; tokens issued before stay valid.
async fn a_guessing_address_cannot_lock_a_lawyer_out(backend: Backend) {
    let db = migration::testing::TestDb::create(backend).await.unwrap();
    let server = Server::start_on(db, &[("LOGIN_ATTEMPTS_PER_MINUTE", "1000")]).await;
    user(&server, "lawyer@x.test", "lawyer").await;
    let attacker = client_from([127, 0, 0, 2]);
    let lawyer = client_from([127, 0, 0, 3]);
    let (status, before) = attempt(&lawyer, &server, "lawyer@x.test", PASSWORD).await;
    assert_eq!(status, 200);
    let old_token = before["token"].as_str().unwrap().to_owned();

    let (_, unknown) = attempt(&attacker, &server, "nobody@x.test", "wrong password!!").await;
    for _ in 0..8 {
        let (status, body) = attempt(&attacker, &server, "lawyer@x.test", "wrong password!!").await;
        assert_eq!((status, &body), (401, &unknown));
    }
    // From the guessing address even the right password is now refused, like a failure.
    let (status, body) = attempt(&attacker, &server, "lawyer@x.test", PASSWORD).await;
    assert_eq!((status, &body), (401, &unknown), "throttled like a failure");
    // The lawyer, elsewhere, signs in at once, and the earlier token still works.
    let (status, body) = attempt(&lawyer, &server, "lawyer@x.test", PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = call(&server, Method::GET, "/me", Some(&old_token), None).await;
    assert_eq!(status, 200);
    server.running.stop().await;
}

/// Finding 2: An address over its quota is told to wait, whatever account it names (so 429 says
/// nothing about accounts).
async fn an_address_over_its_sign_in_quota_is_told_to_wait(backend: Backend) {
    let db = migration::testing::TestDb::create(backend).await.unwrap();
    let server = Server::start_on(db, &[("LOGIN_ATTEMPTS_PER_MINUTE", "3")]).await;
    user(&server, "lawyer@x.test", "lawyer").await;
    let client = client_from([127, 0, 0, 4]);
    for _ in 0..3 {
        let (status, _) = attempt(&client, &server, "nobody@x.test", "wrong password!!").await;
        assert_eq!(status, 401);
    }
    let response = client
        .post(server.url("/auth/login"))
        .json(&json!({"email": "lawyer@x.test", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait >= 1);
    let (_, body) = json(response).await;
    assert_eq!(body["code"], "too_many_requests");
    let (status, _) = attempt(
        &client_from([127, 0, 0, 5]),
        &server,
        "lawyer@x.test",
        PASSWORD,
    )
    .await;
    assert_eq!(status, 200, "another address is not affected");
    server.running.stop().await;
}

/// Finding 3: Texts up to the documented maximum are stored on every backend (MariaDB answered 500
/// past 64 KiB); longer ones are a 422.
async fn long_texts_are_stored_up_to_their_documented_maximum(backend: Backend) {
    let server = Server::start(backend).await;
    let lawyer = signed_in(&server, "l@x.test", "lawyer").await;
    let (_, client) = call(
        &server,
        Method::POST,
        "/clients",
        Some(&lawyer),
        Some(&json!({"name": "C"})),
    )
    .await;
    let id = client["id"].as_i64().unwrap();
    let longest = "é".repeat(100_000);
    let (status, body) = call(
        &server,
        Method::POST,
        &format!("/clients/{id}/cases"),
        Some(&lawyer),
        Some(&json!({"title": "T", "status": "active", "description": longest})),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(
        body["description"].as_str().map(|d| d.chars().count()),
        Some(100_000)
    );
    let (status, body) = call(
        &server,
        Method::POST,
        "/junior-logs",
        Some(&lawyer),
        Some(&json!({"action": "a".repeat(100_001)})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["fields"]["action"].is_array(), "{body}");
    server.running.stop().await;
}

fn verification(id: &str) -> Value {
    json!({"verification_id": id, "answer_text": "a", "answer_hash": "h",
           "confidence_score": 0.5, "trust_label": "ok"})
}

/// Findings 4 and 5: Keys compare byte for byte; fingerprints stay one row per source under
/// concurrency and two sources may share a text.
async fn keys_are_exact_and_fingerprints_never_wedge(backend: Backend) {
    let server = Server::start(backend).await;
    let machine = signed_in(&server, "svc@x.test", "service").await;
    let put = |source: &str, text: &str| {
        let body = json!({"source_id": source, "text": text});
        let request = server
            .http
            .put(server.url("/source-fingerprints"))
            .bearer_auth(&machine)
            .json(&body);
        async move { json(request.send().await.unwrap()).await }
    };
    let (status, upper) = put("Key-X", "upper").await;
    assert_eq!(status, 200, "{upper}");
    let (status, lower) = put("key-X", "upper").await;
    assert_eq!(status, 200, "two sources may share a text: {lower}");
    assert_ne!(upper["id"], lower["id"]);
    let (_, read) = call(
        &server,
        Method::GET,
        "/source-fingerprints/Key-X",
        Some(&machine),
        None,
    )
    .await;
    assert_eq!(read["version"], 1, "key-X did not overwrite Key-X: {read}");

    let (status, _) = call(
        &server,
        Method::POST,
        "/verifications",
        Some(&machine),
        Some(&verification("VX-1")),
    )
    .await;
    assert_eq!(status, 201);
    let (status, body) = call(
        &server,
        Method::POST,
        "/verifications",
        Some(&machine),
        Some(&verification("vx-1")),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, _) = call(
        &server,
        Method::GET,
        "/verifications/%E2%80%AE",
        Some(&machine),
        None,
    )
    .await;
    assert_eq!(status, 404);

    let puts = (0..10).map(|n| put("brand-new", if n % 2 == 0 { "one" } else { "two" }));
    for (status, body) in futures::future::join_all(puts).await {
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = put("brand-new", "three").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["text"], "three");
    server.running.stop().await;
}

/// Finding 6: Out-of-range times are a 422, never a panic or a 500.
async fn extreme_times_are_refused_with_422(backend: Backend) {
    let server = Server::start(backend).await;
    let lawyer = signed_in(&server, "l@x.test", "lawyer").await;
    for time in [
        "-262143-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "%2B262142-01-01T00:00:00Z",
    ] {
        for path in ["/junior-logs", "/inference-logs/summary"] {
            for parameter in ["to", "from"] {
                let (status, body) = call(
                    &server,
                    Method::GET,
                    &format!("{path}?{parameter}={time}"),
                    Some(&lawyer),
                    None,
                )
                .await;
                assert_eq!(status, 422, "{path}?{parameter}={time}: {body}");
            }
        }
    }
    server.running.stop().await;
}

/// Finding 7: NUL inside JSON fields is a 422 and in a path a 404.
async fn nul_in_json_and_paths_is_refused(backend: Backend) {
    let server = Server::start(backend).await;
    let machine = signed_in(&server, "svc@x.test", "service").await;
    let nul = json!({"k": "a\u{0}b"});
    let mut with_nul = verification("v-nul");
    with_nul["citations"] = json!([nul.clone()]);
    with_nul["extra_metadata"] = nul.clone();
    let (status, body) = call(
        &server,
        Method::POST,
        "/verifications",
        Some(&machine),
        Some(&with_nul),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = call(
        &server,
        Method::PUT,
        "/source-fingerprints",
        Some(&machine),
        Some(&json!({"source_id": "s", "text": "t", "extra_metadata": nul})),
    )
    .await;
    assert_eq!(status, 422);
    for path in [
        "/compliance/sections/%00",
        "/verifications/a%00b",
        "/compliance/questions/%00",
    ] {
        let (status, _) = call(&server, Method::GET, path, Some(&machine), None).await;
        assert_eq!(status, 404, "{path}");
    }
    server.running.stop().await;
}

/// Finding 8: Lawyers read shared resources; writing them needs an admin or a service account.
async fn lawyers_may_only_read_shared_resources(backend: Backend) {
    let server = Server::start(backend).await;
    let lawyer = signed_in(&server, "l@x.test", "lawyer").await;
    let machine = signed_in(&server, "svc@x.test", "service").await;
    let (status, _) = call(
        &server,
        Method::POST,
        "/verifications",
        Some(&machine),
        Some(&verification("v-1")),
    )
    .await;
    assert_eq!(status, 201);
    let writes: [(Method, &str, Option<Value>); 7] = [
        (Method::POST, "/verifications", Some(verification("v-2"))),
        (Method::POST, "/verifications/v-1/invalidate", None),
        (
            Method::PUT,
            "/source-fingerprints",
            Some(json!({"source_id": "s", "text": "t"})),
        ),
        (
            Method::POST,
            "/funding-opportunities/1/templates",
            Some(json!({"status": "ready"})),
        ),
        (Method::POST, "/sources/1/ingestion-runs", None),
        (
            Method::POST,
            "/ingestion-runs/1/finish",
            Some(json!({"items_seen": 0, "items_ingested": 0, "errors": []})),
        ),
        (
            Method::PUT,
            "/embeddings",
            Some(json!({"text_hash": "a".repeat(64), "embedding": [0.5], "model_name": "m"})),
        ),
    ];
    for (method, path, body) in &writes {
        let (status, answer) =
            call(&server, method.clone(), path, Some(&lawyer), body.as_ref()).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (403, Some("forbidden")),
            "{method} {path}"
        );
    }
    let (status, body) = call(
        &server,
        Method::GET,
        "/verifications/v-1",
        Some(&lawyer),
        None,
    )
    .await;
    assert_eq!(
        (status, body["is_valid"].as_bool()),
        (200, Some(true)),
        "read, and nothing changed"
    );
    let (status, _) = call(
        &server,
        Method::POST,
        "/verifications/v-1/invalidate",
        Some(&machine),
        None,
    )
    .await;
    assert_eq!(status, 200);
    server.running.stop().await;
}

/// Finding 11: Headers, 405 bodies, request ids, strict ids.
async fn responses_carry_safe_headers_and_ids_have_one_spelling(backend: Backend) {
    let server = Server::start(backend).await;
    let lawyer = signed_in(&server, "l@x.test", "lawyer").await;
    let response = server.get("/clients", Some(&lawyer)).await;
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let response = server
        .post(
            "/auth/login",
            None,
            &json!({"email": "l@x.test", "password": PASSWORD}),
        )
        .await;
    assert_eq!(response.headers()["cache-control"], "no-store");
    let docs = server.get("/docs", None).await;
    let csp = docs.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );

    let (status, body) = call(&server, Method::PATCH, "/clients", Some(&lawyer), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (405, Some("method_not_allowed")),
        "{body}"
    );

    let echoed = |id: String| {
        let request = server
            .http
            .get(server.url("/health"))
            .header("x-request-id", id);
        async move {
            let response = request.send().await.unwrap();
            response.headers()["x-request-id"]
                .to_str()
                .unwrap()
                .to_owned()
        }
    };
    assert_eq!(echoed("trace-42.a_b".to_owned()).await, "trace-42.a_b");
    let long = "x".repeat(5_000);
    let replaced = echoed(long.clone()).await;
    assert!(replaced != long && replaced.len() <= 64, "{replaced}");
    let replaced = echoed("evil\"id; level=error".to_owned()).await;
    assert!(
        !replaced.contains('"') && !replaced.contains(' '),
        "{replaced}"
    );

    let (_, client) = call(
        &server,
        Method::POST,
        "/clients",
        Some(&lawyer),
        Some(&json!({"name": "C"})),
    )
    .await;
    let id = client["id"].as_i64().unwrap();
    let (status, _) = call(
        &server,
        Method::GET,
        &format!("/clients/{id}"),
        Some(&lawyer),
        None,
    )
    .await;
    assert_eq!(status, 200);
    for alias in [format!("%2B{id}"), format!("0{id}"), format!("{id}.0")] {
        let (status, body) = call(
            &server,
            Method::GET,
            &format!("/clients/{alias}"),
            Some(&lawyer),
            None,
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("bad_request")),
            "{alias}"
        );
    }
    server.running.stop().await;
}

on_every_backend!(
    no_cost_can_break_the_cost_summary,
    a_guessing_address_cannot_lock_a_lawyer_out,
    an_address_over_its_sign_in_quota_is_told_to_wait,
    long_texts_are_stored_up_to_their_documented_maximum,
    keys_are_exact_and_fingerprints_never_wedge,
    extreme_times_are_refused_with_422,
    nul_in_json_and_paths_is_refused,
    lawyers_may_only_read_shared_resources,
    responses_carry_safe_headers_and_ids_have_one_spelling,
);
