//! The dashboard over HTTP: who gets the page, what the session cookie looks like, CSRF on
//! the forms, and that API clients keep their JSON.

use crate::support::{OPERATOR_TOKEN, PASSWORD, Server, json, user};
use migration::on_every_backend;
use migration::testing::Backend;
use reqwest::header::{ACCEPT, COOKIE, HOST, LOCATION, SET_COOKIE};
use reqwest::{Client, Response, redirect};

const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// A client that shows redirects instead of following them, like a test of a browser's view.
fn browser_like() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

async fn sign_in(server: &Server, form: &[(&str, &str)]) -> Response {
    browser_like()
        .post(server.url("/admin/sign-in"))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// `name=value` of the session cookie a response sets, and the whole header.
fn session_cookie(response: &Response) -> Option<(String, String)> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("lexbase_session="))
        .map(|header| {
            let pair = header.split(';').next().unwrap_or_default().to_owned();
            (pair, header.to_owned())
        })
}

async fn page(server: &Server, cookie: &str) -> (u16, String) {
    let response = browser_like()
        .get(server.url("/admin/migrations"))
        .header(ACCEPT, BROWSER_ACCEPT)
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The value of the hidden CSRF field in a page.
fn csrf(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    page[at..].split('"').next().unwrap().to_owned()
}

async fn nobody_gets_the_page_without_signing_in(backend: Backend) {
    let server = Server::start(backend).await;
    let response = browser_like()
        .get(server.url("/admin/migrations"))
        .header(ACCEPT, BROWSER_ACCEPT)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()[LOCATION], "/admin/sign-in");
    let body = response.text().await.unwrap();
    assert!(!body.contains("m2025"), "{body}");
    // A forged operator cookie is no session either.
    let (status, body) = page(&server, "lexbase_session=op.99999999999.00ff").await;
    assert_eq!(status, 303, "{body}");
    server.running.stop().await;
}

async fn an_admin_signs_in_with_the_form_and_sees_every_migration(backend: Backend) {
    let server = Server::start(backend).await;
    user(&server, "ops@firm.test", "admin").await;
    let response = sign_in(
        &server,
        &[("email", "ops@firm.test"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()[LOCATION], "/admin/migrations");
    let (cookie, header) = session_cookie(&response).expect("a session cookie");
    let attributes = header.to_ascii_lowercase();
    assert!(attributes.contains("httponly"), "{header}");
    assert!(attributes.contains("samesite=strict"), "{header}");
    assert!(attributes.contains("path=/admin"), "{header}");
    assert!(!attributes.contains("secure"), "loopback: {header}");

    let (status, body) = page(&server, &cookie).await;
    assert_eq!(status, 200, "{body}");
    for plan in migration::plans() {
        assert!(body.contains(plan.name()), "{} missing", plan.name());
    }
    assert!(body.contains("Retry migrations"));
    assert!(body.contains("in sync"));
    assert!(!body.contains("<script"), "the page needs no script");
    assert!(!body.contains("style="), "no inline style (CSP)");
    server.running.stop().await;
}

async fn a_lawyer_is_refused_with_403(backend: Backend) {
    let server = Server::start(backend).await;
    user(&server, "lawyer@firm.test", "lawyer").await;
    let response = sign_in(
        &server,
        &[("email", "lawyer@firm.test"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(response.status(), 403);
    assert!(
        session_cookie(&response).is_none(),
        "no session for a lawyer"
    );
    let token = crate::support::login(&server, "lawyer@firm.test").await;
    let response = browser_like()
        .get(server.url("/admin/migrations"))
        .header(ACCEPT, BROWSER_ACCEPT)
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_and_a_throttled_attempt_get_the_same_answer() {
    let server = Server::start(Backend::Sqlite).await;
    user(&server, "ops@firm.test", "admin").await;
    let mut answers = Vec::new();
    for _ in 0..7 {
        let response = sign_in(
            &server,
            &[("email", "ops@firm.test"), ("password", "not the password")],
        )
        .await;
        answers.push((response.status().as_u16(), response.text().await.unwrap()));
    }
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert_eq!(answers[0].0, 401);
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cookie_is_secure_when_the_page_is_not_on_loopback() {
    let server = Server::start(Backend::Sqlite).await;
    let response = browser_like()
        .post(server.url("/admin/sign-in"))
        .header(HOST, "lexbase.firm.example")
        .form(&[("operator_token", OPERATOR_TOKEN)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let (_, header) = session_cookie(&response).unwrap();
    assert!(header.to_ascii_lowercase().contains("secure"), "{header}");
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_retry_form_needs_the_sessions_csrf_token() {
    let server = Server::start(Backend::Sqlite).await;
    let response = sign_in(&server, &[("operator_token", OPERATOR_TOKEN)]).await;
    let (cookie, _) = session_cookie(&response).unwrap();
    let (_, body) = page(&server, &cookie).await;
    let token = csrf(&body);
    let post = |csrf: String| {
        let (server, cookie) = (&server, cookie.clone());
        async move {
            browser_like()
                .post(server.url("/admin/dashboard/retry"))
                .header(COOKIE, cookie)
                .form(&[("csrf", csrf)])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(post(String::new()).await, 403, "no token");
    assert_eq!(post("00".repeat(32)).await, 403, "a wrong token");
    assert_eq!(post(token).await, 303, "the session's token");
    // Without a session, the form is sent to sign in.
    let response = browser_like()
        .post(server.url("/admin/dashboard/retry"))
        .form(&[("csrf", "00")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()[LOCATION], "/admin/sign-in");
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_ends_an_admin_session_everywhere() {
    let server = Server::start(Backend::Sqlite).await;
    user(&server, "ops@firm.test", "admin").await;
    let response = sign_in(
        &server,
        &[("email", "ops@firm.test"), ("password", PASSWORD)],
    )
    .await;
    let (cookie, _) = session_cookie(&response).unwrap();
    let (_, body) = page(&server, &cookie).await;
    let response = browser_like()
        .post(server.url("/admin/sign-out"))
        .header(COOKIE, &cookie)
        .form(&[("csrf", csrf(&body))])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    // The token behind the cookie is revoked, so a copy of the cookie no longer works.
    let (status, _) = page(&server, &cookie).await;
    assert_eq!(status, 303);
    server.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_clients_keep_the_json_answer() {
    let server = Server::start(Backend::Sqlite).await;
    let (status, body) = json(server.get("/admin/migrations", Some(OPERATOR_TOKEN)).await).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "applied");
    let (status, body) = json(server.get("/admin/migrations", None).await).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "unauthenticated");
    // A browser-style Accept with the operator token as bearer gets the page (read-only).
    let response = browser_like()
        .get(server.url("/admin/migrations"))
        .header(ACCEPT, BROWSER_ACCEPT)
        .bearer_auth(OPERATOR_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    server.running.stop().await;
}

on_every_backend!(
    nobody_gets_the_page_without_signing_in,
    an_admin_signs_in_with_the_form_and_sees_every_migration,
    a_lawyer_is_refused_with_403,
);
