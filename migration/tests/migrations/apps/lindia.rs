//! lindia-db as its own Alembic, its `db_init.py` and its branch head leave it.

use super::flow::{Adoptable, adopts, refuses};
use super::rows::Changes;
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
