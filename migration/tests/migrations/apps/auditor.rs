//! The JuraGPT auditor as its Alembic (`001`) and its Docker image (`create_all`) leave it:
//! naive local timestamps, no server defaults, NULL where only the ORM had a default.

use super::flow::{Adoptable, adopts};
use super::rows::Changes;
use chrono_tz::Tz;
use migration::on_every_backend;
use migration::testing::Backend;

async fn the_auditor_at_001_is_adopted_with_every_row_kept(backend: Backend) {
    let state = Adoptable {
        file: "auditor_alembic.sql",
        flags: &[],
        // The server defaults lexbase declares and upstream never had.
        planned: &["answer_sentences", "access_count"],
        changes: Changes::NONE,
    };
    adopts(&state, backend).await;
}

/// The rows were written in Berlin's wall-clock time, winter and summer: each must come out
/// as the instant it meant there (an hour or two earlier in UTC), which the row comparison
/// checks by reading the upstream values in that zone and the adopted ones in UTC.
async fn the_auditor_built_by_create_all_is_adopted_reading_its_times_in_the_stated_zone(
    backend: Backend,
) {
    let state = Adoptable {
        file: "auditor_create_all.sql",
        flags: &["--assume", "001", "--naive-timezone", "Europe/Berlin"],
        planned: &["Europe/Berlin", "created_at", "answer_sentences"],
        changes: Changes {
            zone: Tz::Europe__Berlin,
            ..Changes::NONE
        },
    };
    adopts(&state, backend).await;
}

on_every_backend!(
    the_auditor_at_001_is_adopted_with_every_row_kept,
    the_auditor_built_by_create_all_is_adopted_reading_its_times_in_the_stated_zone,
);
