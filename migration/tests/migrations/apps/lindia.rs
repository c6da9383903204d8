//! lindia-db as its own Alembic, its `db_init.py` and its branch head leave it.

use super::flow::{Adoptable, adopts, refuses};
use super::rows::Changes;
use crate::support::{exec, scalar};
use migration::on_every_backend;
use migration::testing::Backend;

/// What every lindia plan must do: make ix_users_email the one unique index (the constraint
/// beside it goes), tighten the nullable timestamps, add the indexes lexbase's second
/// migration has and upstream's lacks.
const PLANNED: &[&str] = &["ix_users_email", "created_at", "ix_junior_logs_lawyer_id"];

async fn lindia_at_4d6abf4eecda_is_adopted_with_every_row_kept(backend: Backend) {
    let state = Adoptable {
        file: "lindia_alembic.sql",
        flags: &[],
        planned: PLANNED,
        changes: Changes::NONE,
    };
    adopts(&state, backend).await;
}

async fn lindia_built_by_create_all_is_adopted_when_its_revision_is_assumed(backend: Backend) {
    let state = Adoptable {
        file: "lindia_create_all.sql",
        flags: &["--assume", "4d6abf4eecda"],
        planned: PLANNED,
        changes: Changes::NONE,
    };
    adopts(&state, backend).await;
}

async fn lindia_built_by_create_all_is_not_adopted_without_an_assumed_revision(backend: Backend) {
    let args = ["stamp", "--from-alembic"];
    let stderr = refuses("lindia_create_all.sql", backend, &args).await;
    assert!(stderr.contains("alembic_version"), "{stderr}");
    assert!(stderr.contains("--assume"), "{stderr}");
}

async fn lindia_at_its_branch_head_keeps_its_own_documents_only_when_renamed_aside(
    backend: Backend,
) {
    let args = ["stamp", "--from-alembic"];
    let stderr = refuses("lindia_branch_head.sql", backend, &args).await;
    assert!(stderr.contains("documents"), "{stderr}");
    assert!(stderr.contains("--rename-aside"), "{stderr}");

    let state = Adoptable {
        file: "lindia_branch_head.sql",
        flags: &["--rename-aside", "documents=lindia_documents"],
        planned: &["ix_users_email", "created_at", "lindia_documents"],
        changes: Changes {
            left_alone: &["uploads", "documents"],
            renamed: &[("documents", "lindia_documents")],
            ..Changes::NONE
        },
    };
    adopts(&state, backend).await;
}

on_every_backend!(
    lindia_at_4d6abf4eecda_is_adopted_with_every_row_kept,
    lindia_built_by_create_all_is_adopted_when_its_revision_is_assumed,
    lindia_built_by_create_all_is_not_adopted_without_an_assumed_revision,
    lindia_at_its_branch_head_keeps_its_own_documents_only_when_renamed_aside,
);

/// MariaDB only: a latin1 table cannot hold what lexbase promises to store (emoji), so after
/// adoption and `up` it must.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lindia_in_mariadbs_old_default_charset_is_adopted_and_then_holds_emoji() {
    let state = Adoptable {
        file: "lindia_latin1.sql",
        flags: &[],
        planned: PLANNED,
        changes: Changes::NONE,
    };
    let db = adopts(&state, Backend::MySql).await;
    let conn = db.connect().await.unwrap();
    let name = "Zoë 🧑‍⚖️ राजेश";
    exec(
        &conn,
        &format!("UPDATE clients SET name = '{name}' WHERE id = 1"),
    )
    .await;
    let stored = scalar(&conn, "SELECT name FROM clients WHERE id = 1").await;
    assert_eq!(stored.as_deref(), Some(name));
}
