//! The priority data migration ranks existing questions and its down removes the column.

use crate::support::{count, exec, fresh, scalar};
use migration::on_every_backend;
use migration::schema::live;
use migration::testing::Backend;

async fn priority_is_high_for_title_vi_questions_and_medium_for_the_rest(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    let names: Vec<&str> = migration::plans().iter().map(|p| p.name()).collect();
    let position = names
        .iter()
        .position(|n| n.ends_with("add_question_priority"))
        .unwrap();
    db.migrate_to(&format!("+{position}")).await.unwrap();

    exec(
        &conn,
        "INSERT INTO compliance_sections (section_code, section_name) VALUES ('TVI', 'Title VI')",
    )
    .await;
    for code in ["TVI1", "TVI10-1", "5307:1", "SCC-PARTIAL"] {
        exec(
            &conn,
            &format!(
                "INSERT INTO compliance_questions (section_id, question_code, question_text) \
             VALUES (1, '{code}', 'Question {code}')"
            ),
        )
        .await;
    }
    db.migrate_to("+1").await.unwrap();
    for (code, expected) in [
        ("TVI1", "high"),
        ("TVI10-1", "high"),
        ("5307:1", "medium"),
        ("SCC-PARTIAL", "medium"),
    ] {
        let got = scalar(
            &conn,
            &format!("SELECT priority FROM compliance_questions WHERE question_code = '{code}'"),
        )
        .await;
        assert_eq!(got.as_deref(), Some(expected), "{code}");
    }

    // The column holds rows: the destructive guard wants --force.
    db.rollback_to("-1", true).await.unwrap();
    let snapshot = live::snapshot(&conn).await.unwrap();
    let questions = &snapshot.tables["compliance_questions"];
    assert!(!questions.columns.contains_key("priority"));
    assert_eq!(
        count(&conn, "compliance_questions").await,
        4,
        "down keeps the rows"
    );
}

on_every_backend!(priority_is_high_for_title_vi_questions_and_medium_for_the_rest);
