//! Checks that the entities describe the schema: rendered DDL, indexes and enum types.

use sea_orm::sea_query::{IndexCreateStatement, TableCreateStatement};
use sea_orm::{DbBackend, EntityTrait, Schema};

use crate::auditor::embedding_cache::Embedding;
use crate::prelude::*;
use crate::proposals::ingestion_run::ErrorList;

fn table_sql<E: EntityTrait>(backend: DbBackend, entity: E) -> String {
    let stmt: TableCreateStatement = Schema::new(backend).create_table_from_entity(entity);
    backend.build(&stmt).to_string()
}

fn index_sql<E: EntityTrait>(backend: DbBackend, entity: E) -> Vec<String> {
    let stmts: Vec<IndexCreateStatement> = Schema::new(backend).create_index_from_entity(entity);
    stmts.iter().map(|s| backend.build(s).to_string()).collect()
}

#[test]
fn table_names_lists_all_nineteen_tables_once_in_schema_order() {
    let names = crate::table_names();
    let mut unique = names.to_vec();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 19);
    assert_eq!(names[0], "users");
    assert_eq!(names[7], "verification_log");
    assert_eq!(names[13], "compliance_deficiencies");
    assert_eq!(names[18], "ingestion_runs");
}

#[test]
fn users_email_is_a_unique_varchar_255() {
    let sql = table_sql(DbBackend::Postgres, User);
    assert!(
        sql.contains(r#""email" varchar(255) NOT NULL UNIQUE"#),
        "{sql}"
    );
    assert!(
        sql.contains(r#""created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP"#),
        "{sql}"
    );
    assert!(index_sql(DbBackend::Postgres, User).is_empty());
}

#[test]
fn legal_foreign_keys_refuse_deleting_a_referenced_row() {
    let sql = table_sql(DbBackend::Postgres, Client);
    assert!(
        sql.contains(r#"FOREIGN KEY ("lawyer_id") REFERENCES "users" ("id") ON DELETE NO ACTION"#),
        "{sql}"
    );
}

#[test]
fn compliance_questions_are_unique_over_exactly_section_and_code() {
    let indexes = index_sql(DbBackend::Postgres, ComplianceQuestion);
    assert_eq!(
        indexes,
        [concat!(
            r#"CREATE UNIQUE INDEX "idx-compliance_questions-section_question_code" "#,
            r#"ON "compliance_questions" ("section_id", "question_code")"#
        )]
    );
    let sql = table_sql(DbBackend::Postgres, ComplianceQuestion);
    assert!(
        sql.contains(r#"REFERENCES "compliance_sections" ("id") ON DELETE CASCADE"#),
        "{sql}"
    );
    assert!(sql.contains(r#""priority" varchar(20),"#), "{sql}");
}

#[test]
fn proposal_templates_get_both_the_single_indexes_and_the_composite_unique_key() {
    let mut indexes = index_sql(DbBackend::Postgres, ProposalTemplate);
    indexes.sort();
    assert_eq!(
        indexes,
        [
            r#"CREATE INDEX "idx-proposal_templates-funding_opportunity_id" ON "proposal_templates" ("funding_opportunity_id")"#,
            r#"CREATE INDEX "idx-proposal_templates-hash" ON "proposal_templates" ("hash")"#,
            r#"CREATE UNIQUE INDEX "idx-proposal_templates-template_unique" ON "proposal_templates" ("funding_opportunity_id", "hash")"#,
        ]
    );
    let sql = table_sql(DbBackend::Postgres, ProposalTemplate);
    assert!(
        sql.contains(r#""updated_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP"#),
        "{sql}"
    );
}

#[test]
fn funding_opportunity_status_is_the_native_statusenum_on_postgres() {
    let sql = table_sql(DbBackend::Postgres, FundingOpportunity);
    assert!(sql.contains(r#""status" statusenum NOT NULL"#), "{sql}");
    assert!(sql.contains(r#""variants" jsonb NOT NULL"#), "{sql}");

    let schema = Schema::new(DbBackend::Postgres);
    let types: Vec<String> = schema
        .create_enum_from_entity(FundingOpportunity)
        .iter()
        .map(|t| DbBackend::Postgres.build(t).to_string())
        .collect();
    assert_eq!(
        types,
        [r#"CREATE TYPE "statusenum" AS ENUM ('raw', 'reviewed', 'approved', 'rejected')"#]
    );
}

#[test]
fn every_enum_type_name_and_value_matches_the_schema() {
    let schema = Schema::new(DbBackend::Postgres);
    let mut types: Vec<String> = [
        schema.create_enum_from_entity(ProposalTemplate),
        schema.create_enum_from_entity(Document),
        schema.create_enum_from_entity(Source),
    ]
    .concat()
    .iter()
    .map(|t| DbBackend::Postgres.build(t).to_string())
    .collect();
    types.sort();
    assert_eq!(
        types,
        [
            r#"CREATE TYPE "documentsourceenum" AS ENUM ('pdf', 'url', 'upload')"#,
            r#"CREATE TYPE "ocrstatusenum" AS ENUM ('not_needed', 'pending', 'done', 'failed')"#,
            r#"CREATE TYPE "sourcetypeenum" AS ENUM ('crawler', 'api')"#,
            r#"CREATE TYPE "templatestatusenum" AS ENUM ('ready', 'failed', 'pending')"#,
        ]
    );
    let sql = table_sql(DbBackend::Postgres, Source);
    assert!(sql.contains(r#""type" sourcetypeenum NOT NULL"#), "{sql}");
}

#[test]
fn mysql_renders_the_enums_inline() {
    let sql = table_sql(DbBackend::MySql, Document);
    assert!(
        sql.contains("`ocr_status` ENUM('not_needed', 'pending', 'done', 'failed') NOT NULL"),
        "{sql}"
    );
}

#[test]
fn json_newtypes_are_stored_as_plain_json_arrays() {
    let embedding = sea_orm::Value::from(Embedding(vec![0.5, -1.0]));
    assert_eq!(
        embedding,
        sea_orm::Value::Json(Some(Box::new(serde_json::json!([0.5, -1.0]))))
    );
    let errors = sea_orm::Value::from(ErrorList(vec![serde_json::json!({"url": "x"})]));
    assert_eq!(
        errors,
        sea_orm::Value::Json(Some(Box::new(serde_json::json!([{"url": "x"}]))))
    );
}

#[test]
fn json_defaults_render_on_every_backend() {
    for backend in [DbBackend::Postgres, DbBackend::MySql, DbBackend::Sqlite] {
        let sql = table_sql(backend, IngestionRun);
        assert!(sql.contains("DEFAULT ('[]')"), "{sql}");
        let sql = table_sql(backend, Source);
        assert!(sql.contains("DEFAULT ('{}')"), "{sql}");
        let sql = table_sql(backend, FundingOpportunity);
        assert!(sql.contains("NOT NULL DEFAULT ('[]')"), "{sql}");
    }
}
