//! The fixtures and the row comparison themselves: a comparison that missed a change, or read
//! a naive time in the wrong zone, would let every adoption test pass vacuously.

use super::fixture::states;
use super::flow::built;
use super::rows::{Changes, Rows};
use crate::support::{count, exec};
use chrono_tz::Tz;
use migration::on_every_backend;
use migration::testing::Backend;

/// Every state on `backend`, except the one the app left empty on purpose.
async fn every_fixture_table_holds_rows_and_compares_equal_to_itself(backend: Backend) {
    let files = states(backend);
    assert!(files.len() >= 9, "{files:?}");
    for file in files.iter().filter(|f| *f != "reqagent_failed.sql") {
        let (_db, conn) = built(file, backend).await;
        let rows = Rows::read(&conn).await;
        for (name, table) in &rows.tables {
            assert!(!table.rows.is_empty(), "{file}: table {name} has no rows");
            assert_eq!(
                count(&conn, name).await as usize,
                table.rows.len(),
                "{file}: {name}"
            );
        }
        assert!(
            rows.differences(&Rows::read(&conn).await, &Changes::NONE)
                .is_empty()
        );
    }
}

async fn the_row_comparison_names_a_changed_value_a_lost_row_and_a_touched_table(backend: Backend) {
    let (_db, conn) = built("lindia_branch_head.sql", backend).await;
    let before = Rows::read(&conn).await;
    exec(
        &conn,
        "UPDATE clients SET contact = 'changed' WHERE name = 'Green Properties LLC'",
    )
    .await;
    exec(&conn, "DELETE FROM inference_logs WHERE model_used IS NULL").await;
    exec(
        &conn,
        "UPDATE uploads SET filename = 'x' WHERE filename = 'नोट्स.docx'",
    )
    .await;
    let after = Rows::read(&conn).await;
    let found = before
        .differences(
            &after,
            &Changes {
                left_alone: &["uploads"],
                ..Changes::NONE
            },
        )
        .join("\n");
    assert!(
        found.contains("table clients, row 1, column contact"),
        "{found}"
    );
    assert!(
        found.contains("table inference_logs: 2 rows became 1"),
        "{found}"
    );
    assert!(
        found.contains("table uploads was left alone, yet it changed"),
        "{found}"
    );
    assert_eq!(found.lines().count(), 3, "{found}");
}

/// PostgreSQL converts the auditor's naive columns with its own zone database: the comparison
/// (chrono-tz) must agree with it in Berlin and disagree when told UTC. JSON turned jsonb or
/// text, and DOUBLE turned single precision, still compare equal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn naive_times_compare_as_the_instants_postgres_converts_them_to() {
    let (_db, conn) = built("auditor_alembic.sql", Backend::Postgres).await;
    let before = Rows::read(&conn).await;
    for column in ["created_at", "invalidated_at"] {
        exec(
            &conn,
            &format!(
                "ALTER TABLE verification_log ALTER COLUMN {column} TYPE timestamptz \
                 USING {column} AT TIME ZONE 'Europe/Berlin'"
            ),
        )
        .await;
    }
    exec(
        &conn,
        "ALTER TABLE verification_log ALTER COLUMN citations TYPE jsonb USING citations::jsonb, \
         ALTER COLUMN verification_rate TYPE real, \
         ALTER COLUMN extra_metadata TYPE text",
    )
    .await;
    let after = Rows::read(&conn).await;
    let in_berlin = before.differences(
        &after,
        &Changes {
            zone: Tz::Europe__Berlin,
            ..Changes::NONE
        },
    );
    let in_utc = before.differences(&after, &Changes::NONE);
    let naive = in_utc
        .iter()
        .filter(|d| d.contains("verification_log"))
        .count();
    assert!(
        in_utc.iter().all(|d| d.contains("verification_log")),
        "{in_utc:?}"
    );
    assert!(
        in_berlin.iter().all(|d| !d.contains("verification_log")),
        "{in_berlin:?}"
    );
    // Every created_at (3) and the one invalidated_at, read in UTC, were an hour or two off.
    assert_eq!(naive, 4, "{in_utc:?}");
}

on_every_backend!(
    every_fixture_table_holds_rows_and_compares_equal_to_itself,
    the_row_comparison_names_a_changed_value_a_lost_row_and_a_touched_table,
);
