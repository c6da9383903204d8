//! `seed compliance --from PATH`: a review guide into the four compliance tables.
//!
//! Most tests ingest the guide written for these tests (`tests/data/review_guide.json`),
//! whose counts are known by hand; one checks the full FTA extraction when it is there.

use crate::support::{
    TempFile, count, full_guide, migrated, run_four_at_once, seed_ok, snapshot, summary_row,
    test_guide,
};
use entity::compliance::{deficiency, indicator, question, section};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::path::Path;

/// The test guide's rows, counted by hand from the file: 16 sub-areas of which 2 repeat a
/// code already seen in their section (`SCC1`, `P7`); of the kept questions' indicators one
/// letter repeats (`a` in `SCC-PARTIAL`), of their deficiencies one code (`P4-1`).
const TEST_GUIDE: [(&str, i64); 4] = [
    ("compliance_sections", 6),
    ("compliance_questions", 14),
    ("compliance_indicators", 25),
    ("compliance_deficiencies", 14),
];

/// The full FTA extraction's rows (SCHEMA.md: 173 questions, 524 indicators and 390
/// deficiencies as raw entries; these after the first-occurrence rule).
const FULL_GUIDE: [(&str, i64); 4] = [
    ("compliance_sections", 23),
    ("compliance_questions", 160),
    ("compliance_indicators", 493),
    ("compliance_deficiencies", 338),
];

async fn assert_counts(conn: &DatabaseConnection, expected: [(&str, i64); 4]) {
    for (table, n) in expected {
        assert_eq!(count(conn, table).await, n, "{table}");
    }
}

fn ingest(db: &migration::testing::TestDb, path: &Path) -> String {
    seed_ok(db, &["compliance", "--from", path.to_str().unwrap()])
}

async fn section_by_code(conn: &DatabaseConnection, code: &str) -> section::Model {
    section::Entity::find()
        .filter(section::Column::SectionCode.eq(code))
        .one(conn)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no section {code}"))
}

async fn questions_by_code(conn: &DatabaseConnection, code: &str) -> Vec<question::Model> {
    question::Entity::find()
        .filter(question::Column::QuestionCode.eq(code))
        .all(conn)
        .await
        .unwrap()
}

async fn question_by_code(conn: &DatabaseConnection, code: &str) -> question::Model {
    let mut found = questions_by_code(conn, code).await;
    assert_eq!(found.len(), 1, "question {code}: {found:?}");
    found.remove(0)
}

/// The quirks both guides share: a numeric section id, codes with `:` and `-`, a sub-letter
/// and a deficiency coded `None`.
async fn assert_quirks(conn: &DatabaseConnection) {
    let procurement = section_by_code(conn, "9").await;
    assert!(procurement.section_name.contains("PROCUREMENT"));
    for code in ["5307:1", "TVI10-1", "SCC-PARTIAL"] {
        question_by_code(conn, code).await;
    }
    let sub_letter = indicator::Entity::find()
        .filter(indicator::Column::Letter.eq("b.1"))
        .all(conn)
        .await
        .unwrap();
    assert!(!sub_letter.is_empty());
    let none = deficiency::Entity::find()
        .filter(deficiency::Column::DeficiencyCode.eq("None"))
        .all(conn)
        .await
        .unwrap();
    assert_eq!(none.len(), 1);
    assert_eq!(none[0].corrective_action, None);
}

async fn the_test_guide_ingests_with_exact_counts_and_every_quirk(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let stdout = ingest(&db, &test_guide());
    for (table, n) in TEST_GUIDE {
        assert_eq!(summary_row(&stdout, table), (n as u64, 0, 0), "{table}");
    }
    assert_counts(&conn, TEST_GUIDE).await;
    assert_quirks(&conn).await;
    let b1 = indicator::Entity::find()
        .filter(indicator::Column::Letter.eq("b.1"))
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(b1.question_id, question_by_code(&conn, "5307:1").await.id);
    assert_eq!(b1.indicator_order, Some(3));

    // A repeated code keeps its first occurrence, with that occurrence's position and
    // children: P7 is sub-areas 4 and 5 of section "9".
    let p7 = question_by_code(&conn, "P7").await;
    assert_eq!(p7.question_order, Some(4));
    assert!(p7.question_text.starts_with("Test question P7 (first)"));
    let p7_children = indicator::Entity::find()
        .filter(indicator::Column::QuestionId.eq(p7.id))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(p7_children.len(), 1, "{p7_children:?}");
    assert_eq!(question_by_code(&conn, "P8").await.question_order, Some(6));
    let scc1 = question_by_code(&conn, "SCC1").await;
    assert!(!scc1.question_text.contains("repeated"));

    // Likewise a repeated indicator letter and a repeated deficiency code.
    let partial = question_by_code(&conn, "SCC-PARTIAL").await;
    let letters: Vec<(String, Option<i32>, String)> = indicator::Entity::find()
        .filter(indicator::Column::QuestionId.eq(partial.id))
        .order_by_asc(indicator::Column::IndicatorOrder)
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.letter, i.indicator_order, i.indicator_text))
        .collect();
    assert_eq!(
        letters
            .iter()
            .map(|l| (l.0.as_str(), l.1))
            .collect::<Vec<_>>(),
        [("a", Some(1)), ("b", Some(2))]
    );
    assert!(!letters[0].2.contains("again"));
    let p4 = question_by_code(&conn, "P4").await;
    let p4_1 = deficiency::Entity::find()
        .filter(deficiency::Column::QuestionId.eq(p4.id))
        .filter(deficiency::Column::DeficiencyCode.eq("P4-1"))
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert!(!p4_1.deficiency_title.contains("again"));
}

async fn a_second_ingest_changes_no_row(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    ingest(&db, &test_guide());
    let before = snapshot(&conn).await;
    let stdout = ingest(&db, &test_guide());
    for (table, n) in TEST_GUIDE {
        assert_eq!(summary_row(&stdout, table), (0, 0, n as u64), "{table}");
    }
    assert_eq!(snapshot(&conn).await, before);
}

async fn an_edited_question_text_updates_that_row_in_place(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    ingest(&db, &test_guide());
    let before = question_by_code(&conn, "TVI10-1").await;

    let mut guide: serde_json::Value =
        serde_json::from_slice(&std::fs::read(test_guide()).unwrap()).unwrap();
    let mut edited = 0;
    for section in guide["sections"].as_array_mut().unwrap() {
        for sub in section["sub_areas"].as_array_mut().unwrap() {
            if sub["id"] == "TVI10-1" {
                sub["question"] = "Edited: does the recipient keep its Title VI records?".into();
                edited += 1;
            }
        }
    }
    assert_eq!(edited, 1);
    let file = TempFile::new("edited.json", &serde_json::to_vec(&guide).unwrap());
    let stdout = seed_ok(&db, &["compliance", "--from", file.arg()]);
    assert_eq!(summary_row(&stdout, "compliance_questions"), (0, 1, 13));
    assert_eq!(summary_row(&stdout, "compliance_indicators"), (0, 0, 25));

    let after = question_by_code(&conn, "TVI10-1").await;
    assert_eq!(after.id, before.id);
    assert_eq!(
        after.question_text,
        "Edited: does the recipient keep its Title VI records?"
    );
    assert_eq!(before.updated_at, None);
    assert!(after.updated_at.is_some());
    assert_counts(&conn, TEST_GUIDE).await;
    // Only that one row moved: every other question is as it was.
    let changed = question::Entity::find()
        .filter(question::Column::UpdatedAt.is_not_null())
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(changed.len(), 1);
}

async fn four_ingests_at_once_all_succeed_with_exact_counts(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let path = test_guide();
    let outputs = run_four_at_once(&db, &["compliance", "--from", path.to_str().unwrap()]);
    let mut created = 0;
    for output in &outputs {
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        created += summary_row(&stdout, "compliance_questions").0;
    }
    assert_eq!(created, 14, "exactly one run created the questions");
    assert_counts(&conn, TEST_GUIDE).await;
}

/// The shipped sample (23 areas, 45 questions) shares 6 section codes and 9 question codes
/// (L1, L2, SCC1, P1, P2, TVI1, 5307:1, 5307:2, C1) with the test guide, with other texts.
async fn a_guide_after_the_shipped_sample_replaces_the_shared_rows_text(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    seed_ok(&db, &[]);
    let stdout = ingest(&db, &test_guide());
    assert_eq!(summary_row(&stdout, "compliance_sections"), (0, 6, 0));
    assert_eq!(summary_row(&stdout, "compliance_questions"), (5, 9, 0));
    assert_eq!(count(&conn, "compliance_sections").await, 23);
    assert_eq!(count(&conn, "compliance_questions").await, 45 + 5);
    let l1 = question_by_code(&conn, "L1").await;
    assert!(l1.question_text.starts_with("Test question L1"), "{l1:?}");
}

async fn seeding_after_a_guide_leaves_its_text_alone(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    ingest(&db, &test_guide());
    let before = compliance_rows(&conn).await;
    let stdout = seed_ok(&db, &[]);
    assert_eq!(summary_row(&stdout, "compliance_sections"), (17, 0, 6));
    assert_eq!(summary_row(&stdout, "compliance_questions"), (36, 0, 9));
    let after = compliance_rows(&conn).await;
    for row in &before {
        assert!(after.contains(row), "changed or gone: {row}");
    }
    assert_eq!(count(&conn, "compliance_sections").await, 23);
}

/// Every compliance row, one string each (ids and timestamps included).
async fn compliance_rows(conn: &DatabaseConnection) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    rows.extend(
        section::Entity::find()
            .all(conn)
            .await
            .unwrap()
            .iter()
            .map(|r| format!("{r:?}")),
    );
    rows.extend(
        question::Entity::find()
            .all(conn)
            .await
            .unwrap()
            .iter()
            .map(|r| format!("{r:?}")),
    );
    rows.extend(
        indicator::Entity::find()
            .all(conn)
            .await
            .unwrap()
            .iter()
            .map(|r| format!("{r:?}")),
    );
    rows.extend(
        deficiency::Entity::find()
            .all(conn)
            .await
            .unwrap()
            .iter()
            .map(|r| format!("{r:?}")),
    );
    rows
}

/// The full extraction, when it is there: after the shipped sample it gives exactly the
/// guide's counts, keeps the quirks and the first P7 of section "9" (sub-areas 6 and 7 there),
/// and a second ingest changes nothing.
async fn the_full_guide_ingests_with_its_counts_and_quirks(backend: Backend) {
    let Some(path) = full_guide() else {
        return;
    };
    let (db, conn) = migrated(backend).await;
    seed_ok(&db, &[]);
    let stdout = ingest(&db, &path);
    assert_eq!(summary_row(&stdout, "compliance_sections"), (0, 23, 0));
    assert_counts(&conn, FULL_GUIDE).await;
    assert_quirks(&conn).await;

    let guide: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let subs = &guide["sections"][8]["sub_areas"];
    assert_eq!(
        (subs[5]["id"].as_str(), subs[6]["id"].as_str()),
        (Some("P7"), Some("P7"))
    );
    assert_ne!(subs[5]["question"], subs[6]["question"]);
    let procurement = section_by_code(&conn, "9").await;
    let p7: Vec<question::Model> = questions_by_code(&conn, "P7")
        .await
        .into_iter()
        .filter(|q| q.section_id == procurement.id)
        .collect();
    assert_eq!(p7.len(), 1);
    assert_eq!(p7[0].question_order, Some(6));
    assert_eq!(p7[0].question_text, subs[5]["question"].as_str().unwrap());

    let before = snapshot(&conn).await;
    let stdout = ingest(&db, &path);
    for (table, n) in FULL_GUIDE {
        assert_eq!(summary_row(&stdout, table), (0, 0, n as u64), "{table}");
    }
    assert_eq!(snapshot(&conn).await, before);
}

on_every_backend!(
    the_test_guide_ingests_with_exact_counts_and_every_quirk,
    a_second_ingest_changes_no_row,
    an_edited_question_text_updates_that_row_in_place,
    four_ingests_at_once_all_succeed_with_exact_counts,
    a_guide_after_the_shipped_sample_replaces_the_shared_rows_text,
    seeding_after_a_guide_leaves_its_text_alone,
    the_full_guide_ingests_with_its_counts_and_quirks,
);
