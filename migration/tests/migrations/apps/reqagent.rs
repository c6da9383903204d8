//! ReqAgent: on PostgreSQL what its start-up `create_all` builds (its migrations fail there);
//! on SQLite and MariaDB the wreck its failed start leaves, which cannot be adopted.

use super::flow::{Adoptable, adopts, refuses};
use super::rows::Changes;
use migration::testing::Backend;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reqagent_built_by_create_all_on_postgres_is_adopted_when_0003_is_assumed() {
    let state = Adoptable {
        file: "reqagent_create_all.sql",
        flags: &["--assume", "0003"],
        // Unique indexes renamed to lexbase's names, the two keys create_all never made.
        planned: &[
            "uq_documents_sha256",
            "uq_funding_opportunities_source_url",
            "uq_template_unique",
            "ix_funding_opportunities_status",
        ],
        changes: Changes {
            left_alone: &[
                "parsed_data_feedback",
                "post_edit_feedback",
                "admin_users",
                "blog_posts",
                "security_events",
            ],
            ..Changes::NONE
        },
    };
    adopts(&state, Backend::Postgres).await;
}

/// Refused in one line, with or without an assumed revision, and nothing touched.
async fn a_reqagent_database_its_app_could_not_build_is_refused_in_one_line(backend: Backend) {
    for args in [
        &["stamp", "--from-alembic"][..],
        &["stamp", "--from-alembic", "--assume", "0003"][..],
    ] {
        let stderr = refuses("reqagent_failed.sql", backend, args).await;
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains("funding_opportunities") || stderr.contains("alembic_version"),
            "{args:?} does not say why: {stderr}"
        );
    }
}

mod a_reqagent_database_its_app_could_not_build_is_refused {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::a_reqagent_database_its_app_could_not_build_is_refused_in_one_line(
            migration::testing::Backend::Sqlite,
        )
        .await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn mariadb() {
        super::a_reqagent_database_its_app_could_not_build_is_refused_in_one_line(
            migration::testing::Backend::MySql,
        )
        .await
    }
}
