//! The compliance guide loads in a fixed number of statements, in order.

use crate::support::{migrated, recording};
use entity::compliance::{deficiency, indicator, question, section};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};
use service::{Error, compliance};

async fn section(conn: &DatabaseConnection, code: &str) -> i32 {
    section::ActiveModel {
        section_code: Set(code.to_owned()),
        section_name: Set(format!("Section {code}")),
        ..Default::default()
    }
    .insert(conn)
    .await
    .unwrap()
    .id
}

/// Inserts `questions` questions, in reverse order, each with three indicators and two
/// deficiencies (also inserted out of order).
async fn fill(conn: &DatabaseConnection, section_id: i32, questions: i32) {
    for n in (1..=questions).rev() {
        let q = question::ActiveModel {
            section_id: Set(section_id),
            question_code: Set(format!("TVI{n}")),
            question_text: Set(format!("Question {n}?")),
            question_order: Set(Some(n)),
            ..Default::default()
        }
        .insert(conn)
        .await
        .unwrap();
        for (order, letter) in [(3, "c"), (1, "a"), (2, "b.1")] {
            indicator::ActiveModel {
                question_id: Set(q.id),
                letter: Set(letter.to_owned()),
                indicator_text: Set(format!("Indicator {letter}")),
                indicator_order: Set(Some(order)),
                ..Default::default()
            }
            .insert(conn)
            .await
            .unwrap();
        }
        for (order, code) in [(2, "None"), (1, "D1")] {
            deficiency::ActiveModel {
                question_id: Set(q.id),
                deficiency_code: Set(code.to_owned()),
                deficiency_title: Set(format!("Deficiency {code}")),
                determination: Set("Not compliant".to_owned()),
                deficiency_order: Set(Some(order)),
                ..Default::default()
            }
            .insert(conn)
            .await
            .unwrap();
        }
    }
}

async fn the_question_tree_loads_in_a_fixed_number_of_statements(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let first = section(&conn, "9").await;
    let second = section(&conn, "10").await;
    fill(&conn, first, 12).await;
    fill(&conn, second, 1).await;

    let (counted, statements) = recording(&db).await;
    let sections = compliance::list_sections(&counted).await.unwrap();
    assert_eq!(
        sections.iter().map(|s| s.id).collect::<Vec<_>>(),
        [first, second]
    );

    statements.lock().unwrap().clear();
    let tree = compliance::section_tree(&counted, first).await.unwrap();
    assert_eq!(
        statements.lock().unwrap().len(),
        4,
        "section, questions, indicators, deficiencies"
    );
    assert_eq!(tree.questions.len(), 12);
    let codes: Vec<&str> = tree
        .questions
        .iter()
        .map(|q| q.question.question_code.as_str())
        .collect();
    assert_eq!(codes[..3], ["TVI1", "TVI2", "TVI3"]);
    for q in &tree.questions {
        let letters: Vec<&str> = q.indicators.iter().map(|i| i.letter.as_str()).collect();
        assert_eq!(letters, ["a", "b.1", "c"]);
        let codes: Vec<&str> = q
            .deficiencies
            .iter()
            .map(|d| d.deficiency_code.as_str())
            .collect();
        assert_eq!(codes, ["D1", "None"]);
        assert!(
            q.indicators
                .iter()
                .chain([])
                .all(|i| i.question_id == q.question.id)
        );
    }

    statements.lock().unwrap().clear();
    let one = compliance::question_tree(&counted, tree.questions[5].question.id)
        .await
        .unwrap();
    assert_eq!(
        statements.lock().unwrap().len(),
        3,
        "question, indicators, deficiencies"
    );
    assert_eq!(one, tree.questions[5]);

    assert!(matches!(
        compliance::question_tree(&conn, 999_999).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        compliance::section_tree(&conn, 999_999).await,
        Err(Error::NotFound)
    ));
}

on_every_backend!(the_question_tree_loads_in_a_fixed_number_of_statements);
