//! CORTAP in its three real states: (a) stuck at 989ceebf408f with the later tables from
//! create_all, (b) at its head 9dc402e9cbef, (c) create_all with no Alembic at all.

use super::flow::{Adoptable, adopts};
use chrono_tz::Tz;
use migration::on_every_backend;
use migration::testing::Backend;

const LATER: [&str; 6] = [
    "recipients",
    "audit_reviews",
    "historical_assessments",
    "lessons_learned",
    "awards",
    "projects",
];

const WITH_UNUSED: [&str; 8] = [
    "indicators_of_compliance",
    "possible_deficiencies",
    LATER[0],
    LATER[1],
    LATER[2],
    LATER[3],
    LATER[4],
    LATER[5],
];

/// Every CORTAP plan gives compliance_questions lexbase's composite unique key (added, or
/// renamed from the models' uq_section_question_code).
const PLANNED: &[&str] = &["uq_compliance_questions_section_id_question_code"];

async fn cortap_stuck_at_989ceebf408f_is_adopted_leaving_the_later_tables_alone(backend: Backend) {
    let state = Adoptable {
        file: "cortap_stuck.sql",
        flags: &[],
        zone: Tz::UTC,
        left_alone: &WITH_UNUSED,
        renamed: &[],
        planned: PLANNED,
    };
    adopts(&state, backend).await;
}

async fn cortap_at_its_head_is_adopted_for_the_revision_lexbase_ports(backend: Backend) {
    let state = Adoptable {
        file: "cortap_head.sql",
        flags: &[],
        zone: Tz::UTC,
        left_alone: &WITH_UNUSED,
        renamed: &[],
        planned: PLANNED,
    };
    adopts(&state, backend).await;
}

async fn cortap_built_by_create_all_is_adopted_when_its_revision_is_assumed(backend: Backend) {
    let state = Adoptable {
        file: "cortap_create_all.sql",
        flags: &["--assume", "989ceebf408f"],
        zone: Tz::UTC,
        left_alone: &LATER,
        renamed: &[],
        planned: PLANNED,
    };
    adopts(&state, backend).await;
}

on_every_backend!(
    cortap_stuck_at_989ceebf408f_is_adopted_leaving_the_later_tables_alone,
    cortap_at_its_head_is_adopted_for_the_revision_lexbase_ports,
    cortap_built_by_create_all_is_adopted_when_its_revision_is_assumed,
);
