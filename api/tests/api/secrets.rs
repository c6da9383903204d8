//! A password given as a URL query parameter (`?password=...`) never reaches a response, an
//! error or a log line, like one in the URL's userinfo.

use crate::support::{OPERATOR_TOKEN, Server, config};
use migration::testing::{Backend, TestDb};

const SECRET: &str = "query-secret-7f3a9";

fn with_secret(url: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}sslmode=disable&password={SECRET}")
}

#[tokio::test]
async fn the_operator_page_masks_a_password_in_the_url_query() {
    let db = TestDb::create(Backend::Postgres)
        .await
        .expect("test database");
    // The test server trusts local connections, so the password is sent but not needed.
    let url = with_secret(&db.url);
    let server = Server::start_on(db, &[("DATABASE_URL", &url)]).await;
    let page = server
        .http
        .get(server.url("/admin/migrations"))
        .header(reqwest::header::ACCEPT, "text/html")
        .bearer_auth(OPERATOR_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let text = page.text().await.unwrap();
    assert!(!text.contains(SECRET), "{text}");
    assert!(
        text.contains("password=***"),
        "the page names the database: {text}"
    );
}

#[tokio::test]
async fn a_start_up_connect_error_masks_a_password_in_the_url_query() {
    let db = TestDb::create(Backend::Postgres)
        .await
        .expect("test database");
    let unreachable = with_secret("postgres://lexbase:userinfo-secret-2b@127.0.0.1:1/nowhere");
    let config = config(
        &db,
        &[("DB_CONNECT_RETRIES", "1"), ("DATABASE_URL", &unreachable)],
    );
    let Err(error) = api::start(config).await else {
        panic!("a server started on port 1");
    };
    let error = error.to_string();
    assert!(error.contains("cannot connect"), "{error}");
    for secret in [SECRET, "userinfo-secret-2b"] {
        assert!(!error.contains(secret), "{error}");
    }
}
