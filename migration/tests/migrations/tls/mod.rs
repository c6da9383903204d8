//! Verified TLS to private PostgreSQL and MariaDB servers whose certificates come from a CA
//! made for the test: full verification with the right CA migrates over an encrypted session;
//! another CA or a wrong host name is refused with one line; `require` encrypts without
//! verifying.

mod server;

use crate::support::{fails, succeeds};
use migration::config::DatabaseUrl;
use sea_orm::{ConnectionTrait, Statement};
use server::{MariaDb, Postgres};
use std::time::Duration;

/// The first column of `sql`'s first row, over a connection made as lexbase makes them.
async fn ask(url: &str, sql: &str) -> String {
    let url = DatabaseUrl::parse("test URL", url).unwrap();
    let db = url.connect(Duration::from_secs(10)).await.unwrap();
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    let value: String = row.try_get_by_index(0).unwrap();
    db.close().await.unwrap();
    value
}

/// A refusal: exit 1, one line on stderr naming `expected`, no panic or backtrace.
fn refused(url: &str, expected: &str) {
    let stderr = fails(url, &["status"], 1);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: cannot connect to "), "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_verify_full_with_the_right_ca_migrates_and_require_encrypts_too() {
    let server = Postgres::start();
    let ca = server.certificates.path("ca.crt");
    let verified = server.url(
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    );
    succeeds(&verified, &["up"]);
    let current = succeeds(&verified, &["current"]);
    assert!(current.contains("(head)"), "{current}");
    let encrypted = "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
    assert_eq!(ask(&verified, encrypted).await, "true");
    // No CA at all: encrypted, not verified (a wrong host name does not matter either).
    let required = server.url("127.0.0.1", "sslmode=require");
    succeeds(&required, &["status"]);
    assert_eq!(ask(&required, encrypted).await, "true");
}

#[test]
fn postgres_refuses_another_ca_or_a_wrong_host_name_in_one_line() {
    let server = Postgres::start();
    let (ca, wrong) = (
        server.certificates.path("ca.crt"),
        server.certificates.path("wrong-ca.crt"),
    );
    refused(
        &server.url(
            "localhost",
            &format!("sslmode=verify-full&sslrootcert={wrong}"),
        ),
        "UnknownIssuer",
    );
    refused(
        &server.url(
            "127.0.0.1",
            &format!("sslmode=verify-full&sslrootcert={ca}"),
        ),
        "not valid for name",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_verify_identity_with_the_right_ca_migrates_and_refuses_the_wrong_ones() {
    let server = MariaDb::start();
    let (ca, wrong) = (
        server.certificates.path("ca.crt"),
        server.certificates.path("wrong-ca.crt"),
    );
    let verified = server.url(
        "localhost",
        &format!("ssl-mode=VERIFY_IDENTITY&ssl-ca={ca}"),
    );
    succeeds(&verified, &["up"]);
    let cipher = "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS \
                  WHERE VARIABLE_NAME = 'Ssl_cipher'";
    assert!(!ask(&verified, cipher).await.is_empty(), "not encrypted");
    refused(
        &server.url(
            "localhost",
            &format!("ssl-mode=VERIFY_IDENTITY&ssl-ca={wrong}"),
        ),
        "UnknownIssuer",
    );
    refused(
        &server.url(
            "127.0.0.1",
            &format!("ssl-mode=VERIFY_IDENTITY&ssl-ca={ca}"),
        ),
        "not valid for name",
    );
    let required = server.url("127.0.0.1", "ssl-mode=REQUIRED");
    succeeds(&required, &["status"]);
    assert!(!ask(&required, cipher).await.is_empty(), "not encrypted");
}
