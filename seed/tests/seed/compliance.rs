//! `seed compliance --from PATH`: the FTA extraction into the four compliance tables.

use crate::support::{
    TempFile, count, fta_path, migrated, run_four_at_once, seed_ok, snapshot, summary_row,
};
use entity::compliance::{deficiency, indicator, question, section};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

const COUNTS: [(&str, i64); 4] = [
    ("compliance_sections", 23),
    ("compliance_questions", 160),
    ("compliance_indicators", 493),
    ("compliance_deficiencies", 338),
];

async fn assert_counts(conn: &DatabaseConnection) {
    for (table, n) in COUNTS {
        assert_eq!(count(conn, table).await, n, "{table}");
    }
}

async fn question_by_code(conn: &DatabaseConnection, code: &str) -> question::Model {
    question::Entity::find()
        .filter(question::Column::QuestionCode.eq(code))
        .one(conn)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no question {code}"))
}

async fn the_full_guide_ingests_with_its_counts_and_quirks(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let path = fta_path();
    let stdout = seed_ok(&db, &["compliance", "--from", path.to_str().unwrap()]);
    for (table, n) in COUNTS {
        assert_eq!(summary_row(&stdout, table), (n as u64, 0, 0), "{table}");
    }
    assert_counts(&conn).await;

    let procurement = section::Entity::find()
        .filter(section::Column::SectionCode.eq("9"))
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert!(procurement.section_name.contains("PROCUREMENT"));
    for code in ["5307:1", "TVI10-1", "SCC-PARTIAL"] {
        question_by_code(&conn, code).await;
    }
    let letters = indicator::Entity::find()
        .filter(indicator::Column::Letter.eq("b.1"))
        .all(&conn)
        .await
        .unwrap();
    assert!(!letters.is_empty());
    let none = deficiency::Entity::find()
        .filter(deficiency::Column::DeficiencyCode.eq("None"))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(none.len(), 1);
    // First occurrence wins: P7 is sub-areas 6 and 7 of section 9 (index 8), with other texts.
    let guide: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let subs = &guide["sections"][8]["sub_areas"];
    assert_eq!(
        (subs[5]["id"].as_str(), subs[6]["id"].as_str()),
        (Some("P7"), Some("P7"))
    );
    assert_ne!(subs[5]["question"], subs[6]["question"]);
    let p7 = question::Entity::find()
        .filter(question::Column::QuestionCode.eq("P7"))
        .filter(question::Column::SectionId.eq(procurement.id))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(p7.len(), 1);
    assert_eq!(p7[0].question_order, Some(6));
    assert_eq!(p7[0].question_text, subs[5]["question"].as_str().unwrap());
}

async fn a_second_ingest_changes_no_row(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let path = fta_path();
    let args = ["compliance", "--from", path.to_str().unwrap()];
    seed_ok(&db, &args);
    let before = snapshot(&conn).await;
    let stdout = seed_ok(&db, &args);
    for (table, n) in COUNTS {
        assert_eq!(summary_row(&stdout, table), (0, 0, n as u64), "{table}");
    }
    assert_eq!(snapshot(&conn).await, before);
}

async fn an_edited_question_text_updates_that_row_in_place(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let path = fta_path();
    seed_ok(&db, &["compliance", "--from", path.to_str().unwrap()]);
    let before = question_by_code(&conn, "TVI10-1").await;
    let others_before = snapshot(&conn).await;

    let mut guide: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let mut edited = 0;
    for section in guide["sections"].as_array_mut().unwrap() {
        for sub in section["sub_areas"].as_array_mut().unwrap() {
            if sub["id"] == "TVI10-1" && edited == 0 {
                sub["question"] = "Edited: does the recipient keep its Title VI records?".into();
                edited += 1;
            }
        }
    }
    assert_eq!(edited, 1);
    let file = TempFile::new("edited.json", &serde_json::to_vec(&guide).unwrap());
    let stdout = seed_ok(&db, &["compliance", "--from", file.arg()]);
    assert_eq!(summary_row(&stdout, "compliance_questions"), (0, 1, 159));
    assert_eq!(summary_row(&stdout, "compliance_indicators"), (0, 0, 493));

    let after = question_by_code(&conn, "TVI10-1").await;
    assert_eq!(after.id, before.id);
    assert_eq!(
        after.question_text,
        "Edited: does the recipient keep its Title VI records?"
    );
    assert!(after.updated_at.is_some());
    assert_eq!(before.updated_at, None);
    assert_counts(&conn).await;
    // Only that one row moved: every other question is as it was.
    let changed = question::Entity::find()
        .filter(question::Column::UpdatedAt.is_not_null())
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(changed.len(), 1);
    assert_ne!(snapshot(&conn).await, others_before);
}

async fn four_ingests_at_once_all_succeed_with_exact_counts(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let path = fta_path();
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
    assert_eq!(created, 160, "exactly one run created the questions");
    assert_counts(&conn).await;
}

async fn the_shipped_sample_then_the_full_guide_gives_the_guide_counts(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    seed_ok(&db, &[]);
    let path = fta_path();
    let stdout = seed_ok(&db, &["compliance", "--from", path.to_str().unwrap()]);
    assert_eq!(summary_row(&stdout, "compliance_sections"), (0, 23, 0));
    assert_counts(&conn).await;
}

async fn seeding_after_the_full_guide_leaves_its_text_alone(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let path = fta_path();
    seed_ok(&db, &["compliance", "--from", path.to_str().unwrap()]);
    let before = compliance_rows(&conn).await;
    let stdout = seed_ok(&db, &[]);
    assert_eq!(summary_row(&stdout, "compliance_sections"), (0, 0, 23));
    assert_eq!(summary_row(&stdout, "compliance_questions"), (0, 0, 45));
    assert_eq!(compliance_rows(&conn).await, before);
    assert_counts(&conn).await;
}

async fn compliance_rows(conn: &DatabaseConnection) -> String {
    format!(
        "{:?}{:?}{:?}{:?}",
        section::Entity::find().all(conn).await.unwrap(),
        question::Entity::find().all(conn).await.unwrap(),
        indicator::Entity::find().all(conn).await.unwrap(),
        deficiency::Entity::find().all(conn).await.unwrap()
    )
}

on_every_backend!(
    seeding_after_the_full_guide_leaves_its_text_alone,
    the_full_guide_ingests_with_its_counts_and_quirks,
    a_second_ingest_changes_no_row,
    an_edited_question_text_updates_that_row_in_place,
    four_ingests_at_once_all_succeed_with_exact_counts,
    the_shipped_sample_then_the_full_guide_gives_the_guide_counts,
);
