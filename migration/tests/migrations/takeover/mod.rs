//! Taking over each upstream database as its Alembic history builds it (lindia-db, the
//! auditor, CORTAP, ReqAgent, and one chain merging all four), on every backend: `--plan`
//! first (which must change nothing), then adoption, `up` and `check`, with every row of
//! every table compared before and after (timestamps as instants, JSON as values).
//!
//! The fixtures in `upstream/` were written for this project from what UPSTREAM.md records
//! of the four histories ([`fixture`] loads them); `apps::rows` reads their rows;
//! [`data`] covers the steps the data decides.

use crate::apps::rows::{Changes, Rows};
use crate::support::{current, fresh, head, migration, succeeds, texts};
use migration::on_every_backend;
use migration::schema::live;
use migration::testing::Backend;

mod data;
mod fixture;

use fixture::{AUDITOR, CORTAP, LINDIA, REQAGENT, build};

/// Runs the binary, asserts it succeeded, returns stdout.
pub fn runs(url: &str, args: &[&str]) -> String {
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
    let tables = live::table_names(&conn).await.expect("list the tables");
    assert!(
        !tables.iter().any(|t| t == "seaql_migrations"),
        "--plan created the tracking tables: {tables:?}"
    );

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
    before.assert_kept_in(&Rows::read(&conn).await, &Changes::NONE);

    succeeds(&db.url, &["up"]);
    assert_eq!(current(&db.url), format!("{} (head)", head()));
    before.assert_kept_in(&Rows::read(&conn).await, &Changes::NONE);
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

/// A zone the tz database does not know, or `--assume` on a database that records another
/// revision: bad input, one line, exit 2, nothing touched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_adoption_flags_are_refused_in_one_line() {
    let (db, conn) = fresh(Backend::Sqlite).await;
    build(&conn, Backend::Sqlite, &[LINDIA], "4d6abf4eecda").await;
    for (args, says) in [
        (
            &[
                "stamp",
                "--from-alembic",
                "--naive-timezone",
                "Mars/Olympus",
            ][..],
            "--naive-timezone Mars/Olympus",
        ),
        (
            &["stamp", "--from-alembic", "--assume", "001"][..],
            "alembic_version holds 4d6abf4eecda",
        ),
        (
            &["stamp", "--from-alembic", "--rename-aside", "documents"][..],
            "--rename-aside documents",
        ),
    ] {
        let stderr = crate::support::fails(&db.url, args, 2);
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    assert_eq!(current(&db.url), "");
}
