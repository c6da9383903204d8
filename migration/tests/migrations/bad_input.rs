//! The binary answers a bad `DATABASE_URL` with one clear line and a non-zero exit.

use std::process::{Command, Output};

fn migration(url: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_migration"));
    command.args(args).current_dir(std::env::temp_dir());
    match url {
        Some(url) => command.env("DATABASE_URL", url),
        None => command.env_remove("DATABASE_URL"),
    };
    command.output().expect("run migration binary")
}

fn one_line_error(output: &Output) -> String {
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(stderr.trim().lines().count(), 1, "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn a_missing_database_url_is_named() {
    let output = migration(None, &["status"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(one_line_error(&output).contains("DATABASE_URL is not set"));
}

#[test]
fn a_malformed_database_url_is_named_without_echoing_it() {
    let output = migration(Some("postgres//user:topsecret@host/db"), &["status"]);
    assert_eq!(output.status.code(), Some(2));
    let line = one_line_error(&output);
    assert!(line.contains("DATABASE_URL"));
    assert!(!line.contains("topsecret"));
}

#[test]
fn an_unreachable_server_is_reported_without_the_password() {
    let output = migration(
        Some("postgres://app:topsecret@127.0.0.1:1/legal"),
        &["status"],
    );
    let line = one_line_error(&output);
    assert!(line.contains("cannot connect"), "{line}");
    assert!(!line.contains("topsecret"), "{line}");
    assert!(line.contains("***"), "{line}");
}

#[test]
fn a_wrong_password_is_reported_without_the_password() {
    let server = std::env::var("TEST_MYSQL_URL")
        .unwrap_or_else(|_| migration::testing::DEFAULT_MYSQL_URL.to_owned());
    let mut url = url::Url::parse(&server).unwrap();
    url.set_password(Some("wrong-topsecret")).unwrap();
    let output = migration(Some(url.as_str()), &["status"]);
    let line = one_line_error(&output);
    assert!(line.contains("cannot connect"), "{line}");
    assert!(!line.contains("wrong-topsecret"), "{line}");
}

#[test]
fn an_unknown_verb_prints_usage_and_exits_2() {
    let output = migration(Some("sqlite::memory:"), &["upp"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Usage"));
}
