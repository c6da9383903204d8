//! The binary answers a bad `DATABASE_URL` with one clear line and a non-zero exit.

use crate::support::migration;
use std::process::Output;

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

/// Names resolve before any connection is made, so an in-memory URL is enough.
const NO_DATABASE: &str = "sqlite::memory:";

#[test]
fn an_unknown_revision_is_named_with_its_close_matches() {
    let output = migration(Some(NO_DATABASE), &["up", "create_legal_tabels"]);
    assert_eq!(output.status.code(), Some(2));
    let line = one_line_error(&output);
    assert!(
        line.contains("Can't locate revision identified by 'create_legal_tabels'"),
        "{line}"
    );
    assert!(
        line.contains("m20251016_132455_create_legal_tables"),
        "{line}"
    );

    let output = migration(Some(NO_DATABASE), &["down", "xyz"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(one_line_error(&output).contains("Can't locate revision identified by 'xyz'"));
}

#[test]
fn an_ambiguous_prefix_lists_its_candidates() {
    let output = migration(Some(NO_DATABASE), &["up", "m20251016"]);
    assert_eq!(output.status.code(), Some(2));
    let line = one_line_error(&output);
    assert!(line.contains("ambiguous"), "{line}");
    assert!(
        line.contains("m20251016_132455_create_legal_tables"),
        "{line}"
    );
    assert!(
        line.contains("m20251016_150000_add_legal_indexes"),
        "{line}"
    );
}

#[test]
fn revisions_resolve_by_prefix_and_by_alembic_id() {
    let sql = migration(None, &["sql", "--backend", "sqlite", "4d6abf4eecda"]);
    let text = String::from_utf8_lossy(&sql.stdout);
    assert!(sql.status.success());
    assert!(
        text.contains("-> m20251016_150000_add_legal_indexes"),
        "{text}"
    );
    assert!(
        !text.contains("-> m20251030_153000_create_auditor_tables"),
        "{text}"
    );
    let sql = migration(None, &["sql", "--backend", "sqlite", "m20251030"]);
    assert!(
        String::from_utf8_lossy(&sql.stdout).contains("-> m20251030_153000_create_auditor_tables")
    );
}

#[test]
fn a_relative_target_the_wrong_way_is_refused() {
    let output = migration(Some(NO_DATABASE), &["up", "-1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(one_line_error(&output).contains("use down for -N"));
}

#[test]
fn an_unknown_flag_prints_usage_and_exits_2() {
    let output = migration(Some(NO_DATABASE), &["up", "--frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Usage"));
}

#[test]
fn new_refuses_a_message_without_letters_and_writes_nothing() {
    let sources = || {
        std::fs::read_dir(migration::generate::source_dir())
            .unwrap()
            .count()
    };
    let before = sources();
    for message in ["", "  ", "✅ ⚠️ 🚫"] {
        let output = migration(None, &["new", message]);
        assert_eq!(output.status.code(), Some(2), "{message:?}");
        assert!(one_line_error(&output).contains("letters or digits"));
    }
    assert_eq!(sources(), before);
}

#[test]
fn sql_needs_a_backend_but_no_database() {
    let output = migration(None, &["sql", "--backend", "postgres"]);
    assert!(output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("CREATE TABLE IF NOT EXISTS \"seaql_migrations\"")
    );
    let output = migration(None, &["sql"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(one_line_error(&output).contains("--backend"));
}

#[test]
fn the_test_only_migration_refuses_a_database_that_is_not_a_test_database() {
    let output = crate::support::command(Some("sqlite:///tmp/legal_ai.db?mode=rwc"), &["up"])
        .env(migration::catalog::SLOW_MIGRATION_VARIABLE, "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(one_line_error(&output).contains("only on test databases"));
}
