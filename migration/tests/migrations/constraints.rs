//! Every unique key and every foreign key refuses a violating row.

use crate::support::{exec, migrated};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ConnectionTrait, DatabaseConnection, SqlErr};

/// Rows every check builds on: ids 1 everywhere.
const PARENTS: [&str; 10] = [
    "INSERT INTO users (name, email, password_hash, role) VALUES ('A', 'a@x.test', 'h', 'lawyer')",
    "INSERT INTO clients (lawyer_id, name) VALUES (1, 'C')",
    "INSERT INTO research_queries (lawyer_id, query_text) VALUES (1, 'q')",
    "INSERT INTO compliance_sections (section_code, section_name) VALUES ('1', 'S')",
    "INSERT INTO compliance_questions (section_id, question_code, question_text) VALUES (1, 'Q1', 'q')",
    "INSERT INTO compliance_indicators (question_id, letter, indicator_text) VALUES (1, 'a', 'i')",
    "INSERT INTO compliance_deficiencies (question_id, deficiency_code, deficiency_title, determination) VALUES (1, 'D1', 't', 'd')",
    "INSERT INTO funding_opportunities (source_url, status) VALUES ('https://x.test/1', 'raw')",
    "INSERT INTO proposal_templates (funding_opportunity_id, status, hash) VALUES (1, 'ready', 'h1')",
    "INSERT INTO documents (funding_opportunity_id, source, storage_path, sha256, ocr_status) VALUES (1, 'pdf', '/d', 'abc', 'done')",
];

const UNIQUE_VIOLATIONS: [&str; 11] = [
    "INSERT INTO users (name, email, password_hash, role) VALUES ('B', 'a@x.test', 'h', 'lawyer')",
    "INSERT INTO verification_log (verification_id, answer_text, answer_hash, confidence_score, trust_label) VALUES ('v1', 'a', 'h', 1, 'l')",
    "INSERT INTO embedding_cache (text_hash, embedding, embedding_dim, model_name, last_accessed) VALUES ('t1', '[]', 0, 'm', CURRENT_TIMESTAMP)",
    "INSERT INTO source_fingerprints (source_id, source_hash, text, text_length) VALUES ('s1', 'sh2', 't', 1)",
    "INSERT INTO compliance_sections (section_code, section_name) VALUES ('1', 'Again')",
    "INSERT INTO compliance_questions (section_id, question_code, question_text) VALUES (1, 'Q1', 'again')",
    "INSERT INTO compliance_indicators (question_id, letter, indicator_text) VALUES (1, 'a', 'again')",
    "INSERT INTO compliance_deficiencies (question_id, deficiency_code, deficiency_title, determination) VALUES (1, 'D1', 't', 'd')",
    "INSERT INTO funding_opportunities (source_url, status) VALUES ('https://x.test/1', 'reviewed')",
    "INSERT INTO proposal_templates (funding_opportunity_id, status, hash) VALUES (1, 'failed', 'h1')",
    "INSERT INTO documents (source, storage_path, sha256, ocr_status) VALUES ('url', '/e', 'abc', 'pending')",
];

/// Rows the unique checks collide with, beyond [`PARENTS`].
const FIRSTS: [&str; 3] = [
    "INSERT INTO verification_log (verification_id, answer_text, answer_hash, confidence_score, trust_label) VALUES ('v1', 'a', 'h', 1, 'l')",
    "INSERT INTO embedding_cache (text_hash, embedding, embedding_dim, model_name, last_accessed) VALUES ('t1', '[]', 0, 'm', CURRENT_TIMESTAMP)",
    "INSERT INTO source_fingerprints (source_id, source_hash, text, text_length) VALUES ('s1', 'sh1', 't', 1)",
];

const FOREIGN_KEY_VIOLATIONS: [&str; 12] = [
    "INSERT INTO clients (lawyer_id, name) VALUES (99, 'C')",
    "INSERT INTO cases (client_id, title, status) VALUES (99, 'T', 'active')",
    "INSERT INTO property_opinions (client_id, status) VALUES (99, 'pending')",
    "INSERT INTO research_queries (lawyer_id, query_text) VALUES (99, 'q')",
    "INSERT INTO junior_logs (lawyer_id, action) VALUES (99, 'a')",
    "INSERT INTO inference_logs (query_id) VALUES (99)",
    "INSERT INTO compliance_questions (section_id, question_code, question_text) VALUES (99, 'Q9', 'q')",
    "INSERT INTO compliance_indicators (question_id, letter, indicator_text) VALUES (99, 'b', 'i')",
    "INSERT INTO compliance_deficiencies (question_id, deficiency_code, deficiency_title, determination) VALUES (99, 'D9', 't', 'd')",
    "INSERT INTO proposal_templates (funding_opportunity_id, status) VALUES (99, 'ready')",
    "INSERT INTO documents (funding_opportunity_id, source, storage_path, sha256, ocr_status) VALUES (99, 'pdf', '/z', 'zzz', 'done')",
    "INSERT INTO ingestion_runs (source_id, items_seen, items_ingested) VALUES (99, 0, 0)",
];

async fn refused(conn: &DatabaseConnection, sql: &str) -> Option<SqlErr> {
    match conn.execute_unprepared(sql).await {
        Ok(_) => panic!("accepted: {sql}"),
        Err(e) => e.sql_err(),
    }
}

async fn every_unique_and_foreign_key_refuses_violating_rows(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    for sql in PARENTS.iter().chain(FIRSTS.iter()) {
        exec(&conn, sql).await;
    }
    for sql in UNIQUE_VIOLATIONS {
        let err = refused(&conn, sql).await;
        assert!(
            matches!(err, Some(SqlErr::UniqueConstraintViolation(_))),
            "{sql}: {err:?}"
        );
    }
    for sql in FOREIGN_KEY_VIOLATIONS {
        let err = refused(&conn, sql).await;
        assert!(
            matches!(err, Some(SqlErr::ForeignKeyConstraintViolation(_))),
            "{sql}: {err:?}"
        );
    }
    // Templates without a hash never collide (the partial unique key).
    exec(
        &conn,
        "INSERT INTO proposal_templates (funding_opportunity_id, status) VALUES (1, 'pending')",
    )
    .await;
    exec(
        &conn,
        "INSERT INTO proposal_templates (funding_opportunity_id, status) VALUES (1, 'pending')",
    )
    .await;
    // Deleting a user who still has clients is refused (ON DELETE NO ACTION).
    let err = refused(&conn, "DELETE FROM users WHERE id = 1").await;
    assert!(
        matches!(err, Some(SqlErr::ForeignKeyConstraintViolation(_))),
        "{err:?}"
    );
}

on_every_backend!(every_unique_and_foreign_key_refuses_violating_rows);
