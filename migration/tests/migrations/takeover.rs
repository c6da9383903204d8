//! Taking over each upstream database as its Alembic history builds it (lindia-db, the
//! auditor, CORTAP, ReqAgent, and one chain merging all four), on every backend: `--plan`
//! first (which must change nothing), then adoption, `up` and `check`, with every row of
//! every table compared before and after (timestamps as instants, JSON as values).
//!
//! The fixtures in `upstream/` were written for this project from what UPSTREAM.md records
//! of the four histories; `upstream_rows` reads them.

use crate::support::{current, exec, fresh, head, migration, succeeds, texts};
use crate::upstream_rows::Rows;
use migration::on_every_backend;
use migration::schema::live;
use migration::testing::Backend;
use sea_orm::DatabaseConnection;

const LINDIA: &str = include_str!("upstream/lindia.sql");
const AUDITOR: &str = include_str!("upstream/auditor.sql");
const CORTAP: &str = include_str!("upstream/cortap.sql");
const REQAGENT: &str = include_str!("upstream/reqagent.sql");

/// The fixture's statements for `backend`: `--[pg,mysql] ` lines kept only on the backends
/// they name, other `--` lines dropped, placeholders spelt the way SQLAlchemy emits them.
fn statements(fixture: &str, backend: Backend) -> Vec<String> {
    let tag = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "pg",
        Backend::MySql => "mysql",
    };
    let mut text = String::new();
    for line in fixture.lines() {
        let kept = match line.strip_prefix("--[") {
            Some(rest) => rest
                .split_once("] ")
                .filter(|(tags, _)| tags.split(',').any(|t| t == tag))
                .map(|(_, sql)| sql),
            None if line.trim_start().starts_with("--") => None,
            None => Some(line),
        };
        if let Some(line) = kept {
            text.push_str(line);
            text.push('\n');
        }
    }
    let text = enums(&text, backend);
    let (id, tstz, ts, now, json, jsonb, boolean, float, options, quote, utc) = match backend {
        Backend::Postgres => (
            "id SERIAL NOT NULL",
            "TIMESTAMP WITH TIME ZONE",
            "TIMESTAMP WITHOUT TIME ZONE",
            "now()",
            "JSON",
            "JSONB",
            "BOOLEAN",
            "FLOAT",
            "",
            '"',
            "+00",
        ),
        Backend::MySql => (
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "DATETIME",
            "DATETIME",
            "CURRENT_TIMESTAMP",
            "JSON",
            "JSON",
            "BOOL",
            "FLOAT",
            " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
            '`',
            "",
        ),
        Backend::Sqlite => (
            "id INTEGER NOT NULL",
            "DATETIME",
            "DATETIME",
            "(CURRENT_TIMESTAMP)",
            "JSON",
            "JSON",
            "BOOLEAN",
            "FLOAT",
            "",
            '"',
            "",
        ),
    };
    text.replace("{id}", id)
        .replace("{tstz}", tstz)
        .replace("{ts}", ts)
        .replace("{now}", now)
        .replace("{jsonb}", jsonb)
        .replace("{json}", json)
        .replace("{bool}", boolean)
        .replace("{float}", float)
        .replace("{options}", options)
        .replace("{timestamp}", &format!("{quote}timestamp{quote}"))
        .replace("{utc}", utc)
        .split(";\n")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `{enum:NAME:a,b}`: the native type on PostgreSQL, an inline ENUM on MariaDB, VARCHAR of
/// the longest value on SQLite.
fn enums(text: &str, backend: Backend) -> String {
    let mut out = text.to_owned();
    while let Some(start) = out.find("{enum:") {
        let end = start + out[start..].find('}').expect("closed {enum:...}");
        let (name, values) = out[start + 6..end]
            .split_once(':')
            .expect("{enum:NAME:values}");
        let values: Vec<&str> = values.split(',').collect();
        let spelt = match backend {
            Backend::Postgres => name.to_owned(),
            Backend::MySql => format!(
                "ENUM({})",
                values
                    .iter()
                    .map(|v| format!("'{v}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Backend::Sqlite => format!(
                "VARCHAR({})",
                values.iter().map(|v| v.len()).max().unwrap_or(1)
            ),
        };
        out.replace_range(start..=end, &spelt);
    }
    out
}

/// Builds `fixtures` on `conn` and records `revision` the way Alembic does.
async fn build(conn: &DatabaseConnection, backend: Backend, fixtures: &[&str], revision: &str) {
    exec(
        conn,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, \
         CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
    )
    .await;
    exec(
        conn,
        &format!("INSERT INTO alembic_version (version_num) VALUES ('{revision}')"),
    )
    .await;
    for fixture in fixtures {
        for sql in statements(fixture, backend) {
            exec(conn, &sql).await;
        }
    }
}

fn runs(url: &str, args: &[&str]) -> String {
    let output = migration(Some(url), args);
    let (stdout, stderr) = texts(&output);
    assert!(
        output.status.success(),
        "migration {args:?} failed:\nstdout: {stdout}\nstderr: {stderr}"
    );
    stdout
}

/// Plan (nothing changes), adopt, `up`, `check`; every upstream row kept at each step.
async fn takes_over(
    backend: Backend,
    fixtures: &[&str],
    revision: &str,
    planned: &[&str],
    left_alone: &[&str],
) {
    let (db, conn) = fresh(backend).await;
    build(&conn, backend, fixtures, revision).await;
    let before = Rows::read(&conn).await;
    let schema = live::snapshot(&conn).await.expect("read the schema");

    let plan = runs(&db.url, &["stamp", "--from-alembic", "--plan"]);
    for name in planned {
        assert!(
            plan.contains(name),
            "the plan does not mention {name}:\n{plan}"
        );
    }
    assert!(plan.contains("Nothing was changed (--plan)"), "{plan}");
    assert_eq!(Rows::read(&conn).await, before, "--plan changed a row");
    assert_eq!(
        live::snapshot(&conn).await.expect("read the schema"),
        schema,
        "--plan changed the schema"
    );
    assert_eq!(current(&db.url), "", "--plan recorded a migration");

    let output = migration(Some(&db.url), &["stamp", "--from-alembic"]);
    let (adopted, stderr) = texts(&output);
    assert!(
        output.status.success(),
        "adoption failed: {stderr}\nafter planning:\n{plan}"
    );
    assert!(adopted.contains("Adopted Alembic revision"), "{adopted}");
    for table in left_alone {
        assert!(
            adopted.contains(table),
            "{table} is not listed as left alone:\n{adopted}"
        );
    }
    before.assert_kept_in(&Rows::read(&conn).await);

    succeeds(&db.url, &["up"]);
    assert_eq!(current(&db.url), format!("{} (head)", head()));
    before.assert_kept_in(&Rows::read(&conn).await);
    assert_eq!(succeeds(&db.url, &["check"]).trim(), "No differences.");
    succeeds(&db.url, &["verify"]);
}

async fn lindia_built_by_alembic_is_taken_over_with_every_row_kept(backend: Backend) {
    // The unique key on email becomes lexbase's ix_users_email; the non-unique duplicate goes.
    takes_over(
        backend,
        &[LINDIA],
        "4d6abf4eecda",
        &["ix_users_email", "ix_junior_logs_lawyer_id"],
        &[],
    )
    .await;
}

async fn the_auditor_built_by_alembic_is_taken_over_with_every_row_kept(backend: Backend) {
    takes_over(
        backend,
        &[AUDITOR],
        "001",
        &["verification_log", "created_at"],
        &[],
    )
    .await;
}

async fn cortap_built_by_alembic_is_taken_over_with_every_row_kept(backend: Backend) {
    takes_over(
        backend,
        &[CORTAP],
        "989ceebf408f",
        &[
            "uq_compliance_sections_section_code",
            "uq_compliance_questions_section_id_question_code",
            "create table compliance_indicators",
        ],
        &["indicators_of_compliance", "possible_deficiencies"],
    )
    .await;
}

async fn reqagent_built_by_alembic_is_taken_over_with_every_row_kept(backend: Backend) {
    takes_over(
        backend,
        &[REQAGENT],
        "0003",
        &["uq_documents_sha256", "uq_funding_opportunities_source_url"],
        &[],
    )
    .await;
}

async fn a_chain_merging_all_four_histories_is_taken_over_whole(backend: Backend) {
    takes_over(
        backend,
        &[LINDIA, AUDITOR, CORTAP, REQAGENT],
        "0003",
        &[
            "ix_users_email",
            "uq_documents_sha256",
            "uq_compliance_sections_section_code",
        ],
        &["indicators_of_compliance"],
    )
    .await;
}

on_every_backend!(
    lindia_built_by_alembic_is_taken_over_with_every_row_kept,
    the_auditor_built_by_alembic_is_taken_over_with_every_row_kept,
    cortap_built_by_alembic_is_taken_over_with_every_row_kept,
    reqagent_built_by_alembic_is_taken_over_with_every_row_kept,
    a_chain_merging_all_four_histories_is_taken_over_whole,
);

/// The auditor's `created_at` is nullable upstream and NOT NULL with a default in lexbase:
/// a NULL is filled from the default, and the plan says so.
async fn a_null_where_lexbase_says_not_null_is_filled_from_the_default_the_plan_names(
    backend: Backend,
) {
    let (db, conn) = fresh(backend).await;
    build(&conn, backend, &[AUDITOR], "001").await;
    exec(
        &conn,
        "UPDATE embedding_cache SET created_at = NULL WHERE id = 2",
    )
    .await;
    let plan = runs(&db.url, &["stamp", "--from-alembic", "--plan"]);
    assert!(
        plan.contains("fill embedding_cache.created_at from its default")
            && plan.contains("embedding_cache id='2'"),
        "{plan}"
    );
    runs(&db.url, &["stamp", "--from-alembic"]);
    let filled = Rows::read(&conn).await;
    assert!(filled.value("embedding_cache", "created_at", 1).is_some());
    assert_eq!(
        filled.value("embedding_cache", "created_at", 0).as_deref(),
        Some("2025-04-01T08:00:00.000000Z"),
        "a value that was there is kept"
    );
}

/// A unique key lexbase adds, over values the rows repeat: refused, naming them, nothing
/// changed.
async fn a_unique_key_the_rows_would_break_is_refused_naming_them(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    build(&conn, backend, &[CORTAP], "989ceebf408f").await;
    exec(
        &conn,
        "UPDATE compliance_questions SET question_code = 'TVI10-1' WHERE id = 3",
    )
    .await;
    let before = Rows::read(&conn).await;
    let stderr = crate::support::fails(&db.url, &["stamp", "--from-alembic"], 1);
    assert!(
        stderr.contains("uq_compliance_questions_section_id_question_code")
            && stderr.contains("(section_id, question_code) = ('2', 'TVI10-1') in 2 rows"),
        "{stderr}"
    );
    assert_eq!(Rows::read(&conn).await, before);
    assert_eq!(current(&db.url), "");
}

/// A stored value the native enum would not allow: refused, naming the row.
/// (SQLite only: elsewhere the upstream column is a native enum already, which holds nothing
/// else.)
async fn a_value_outside_the_enum_is_refused_naming_its_row(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    build(&conn, backend, &[REQAGENT], "0003").await;
    exec(
        &conn,
        "UPDATE funding_opportunities SET status = 'archived' WHERE id = 2",
    )
    .await;
    let stderr = crate::support::fails(&db.url, &["stamp", "--from-alembic"], 1);
    assert!(
        stderr.contains("funding_opportunities id='2': status 'archived' is not one of raw, reviewed, approved, rejected"),
        "{stderr}"
    );
    assert_eq!(current(&db.url), "");
}

on_every_backend!(
    a_null_where_lexbase_says_not_null_is_filled_from_the_default_the_plan_names,
    a_unique_key_the_rows_would_break_is_refused_naming_them,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_value_outside_the_enum_is_refused_naming_its_row_on_sqlite() {
    a_value_outside_the_enum_is_refused_naming_its_row(Backend::Sqlite).await;
}
