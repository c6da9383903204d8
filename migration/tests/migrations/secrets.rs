//! A password in the URL query (`?password=`, `?sslpassword=`) is masked wherever the command
//! line shows the URL, in output and in errors.

use crate::support::{fails, migration, succeeds, texts};
use migration::testing::{Backend, TestDb};

const SECRET: &str = "query-secret-51c0";

#[tokio::test]
async fn status_masks_a_password_given_in_the_url_query() {
    let db = TestDb::create(Backend::Postgres)
        .await
        .expect("test database");
    let separator = if db.url.contains('?') { '&' } else { '?' };
    // The test server trusts local connections: the password is sent but not needed.
    let url = format!("{}{separator}sslmode=disable&password={SECRET}", db.url);
    let stdout = succeeds(&url, &["status"]);
    assert!(stdout.contains("Database: postgres://"), "{stdout}");
    assert!(stdout.contains("password=***"), "{stdout}");
    let json = succeeds(&url, &["status", "--format", "json"]);
    for output in [&stdout, &json] {
        assert!(!output.contains(SECRET), "{output}");
    }
}

#[test]
fn a_connect_error_masks_every_password_in_the_url() {
    let url = format!(
        "postgres://lexbase:userinfo-secret-9d@127.0.0.1:1/nowhere?password={SECRET}&sslpassword=key-secret-3e"
    );
    let stderr = fails(&url, &["current"], 1);
    assert!(stderr.contains("cannot connect"), "{stderr}");
    let (stdout, _) = texts(&migration(Some(&url), &["status"]));
    for secret in [SECRET, "userinfo-secret-9d", "key-secret-3e"] {
        assert!(
            !stderr.contains(secret) && !stdout.contains(secret),
            "{stderr}{stdout}"
        );
    }
}
