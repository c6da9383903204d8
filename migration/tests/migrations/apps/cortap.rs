//! CORTAP in its three real states: (a) stuck at 989ceebf408f with the later tables from
//! create_all, (b) at its head 9dc402e9cbef, (c) create_all with no Alembic at all.

use super::flow::{Adoptable, adopts};
use super::rows::Changes;
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
/// renamed from the models' uq_section_question_code) and fills the NULL `created_at`s.
const PLANNED: &[&str] = &[
    "uq_compliance_questions_section_id_question_code",
    "created_at",
];

/// Upstream's nullable `created_at` holds a NULL in one row of each compliance table;
/// lexbase declares it NOT NULL with a default, from which the plan fills it.
const FILLED: &[&str] = &[
    "compliance_sections.created_at",
    "compliance_questions.created_at",
    "compliance_indicators.created_at",
    "compliance_deficiencies.created_at",
];

async fn cortap_stuck_at_989ceebf408f_is_adopted_leaving_the_later_tables_alone(backend: Backend) {
    let state = Adoptable {
        file: "cortap_stuck.sql",
        flags: &[],
        planned: PLANNED,
        changes: Changes {
            left_alone: &WITH_UNUSED,
            filled: FILLED,
            ..Changes::NONE
        },
    };
    adopts(&state, backend).await;
}

async fn cortap_at_its_head_is_adopted_for_the_revision_lexbase_ports(backend: Backend) {
    let state = Adoptable {
        file: "cortap_head.sql",
        flags: &[],
        planned: PLANNED,
        changes: Changes {
            left_alone: &WITH_UNUSED,
            filled: FILLED,
            ..Changes::NONE
        },
    };
    adopts(&state, backend).await;
}

async fn cortap_built_by_create_all_is_adopted_when_its_revision_is_assumed(backend: Backend) {
    let state = Adoptable {
        file: "cortap_create_all.sql",
        flags: &["--assume", "989ceebf408f"],
        planned: PLANNED,
        changes: Changes {
            left_alone: &LATER,
            filled: FILLED,
            ..Changes::NONE
        },
    };
    adopts(&state, backend).await;
}

on_every_backend!(
    cortap_stuck_at_989ceebf408f_is_adopted_leaving_the_later_tables_alone,
    cortap_at_its_head_is_adopted_for_the_revision_lexbase_ports,
    cortap_built_by_create_all_is_adopted_when_its_revision_is_assumed,
);
