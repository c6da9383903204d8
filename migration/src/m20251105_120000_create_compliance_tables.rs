//! FTA compliance review: CORTAP's four tables (Alembic `989ceebf408f`), named as upstream's
//! models name them, with the composite unique keys upstream only had in its models.

use crate::ddl::{
    create_table, drop_table, foreign_key, id, index, integer, string, text, timestamp,
    timestamp_now, unique_index,
};
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;
use sea_orm::sea_query::ForeignKeyAction::Cascade;

/// Creates compliance_sections, compliance_questions, compliance_indicators and
/// compliance_deficiencies.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "create compliance review tables"
    }

    fn alembic_revision(&self) -> Option<&'static str> {
        Some("989ceebf408f")
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(
            create_table(backend, "compliance_sections")
                .col(id())
                .col(string("section_code", 50).not_null())
                .col(string("section_name", 255).not_null())
                .col(string("page_range", 50))
                .col(text("purpose"))
                .col(timestamp_now("created_at"))
                .col(timestamp("updated_at")),
        );
        s.schema(&unique_index(
            "uq_compliance_sections_section_code",
            "compliance_sections",
            &["section_code"],
        ));
        s.schema(
            create_table(backend, "compliance_questions")
                .col(id())
                .col(integer("section_id").not_null())
                .col(string("question_code", 50).not_null())
                .col(text("question_text").not_null())
                .col(text("basic_requirement"))
                .col(text("applicability"))
                .col(text("detailed_explanation"))
                .col(text("instructions_for_reviewer"))
                .col(integer("question_order"))
                .col(timestamp_now("created_at"))
                .col(timestamp("updated_at"))
                .foreign_key(&mut foreign_key(
                    "compliance_questions",
                    "section_id",
                    "compliance_sections",
                    Cascade,
                )),
        );
        s.schema(&unique_index(
            "uq_compliance_questions_section_id_question_code",
            "compliance_questions",
            &["section_id", "question_code"],
        ));
        s.schema(&index(
            "ix_compliance_questions_section_id_question_order",
            "compliance_questions",
            &["section_id", "question_order"],
        ));
        s.schema(
            create_table(backend, "compliance_indicators")
                .col(id())
                .col(integer("question_id").not_null())
                .col(string("letter", 5).not_null())
                .col(text("indicator_text").not_null())
                .col(integer("indicator_order"))
                .col(timestamp_now("created_at"))
                .col(timestamp("updated_at"))
                .foreign_key(&mut foreign_key(
                    "compliance_indicators",
                    "question_id",
                    "compliance_questions",
                    Cascade,
                )),
        );
        s.schema(&unique_index(
            "uq_compliance_indicators_question_id_letter",
            "compliance_indicators",
            &["question_id", "letter"],
        ));
        s.schema(
            create_table(backend, "compliance_deficiencies")
                .col(id())
                .col(integer("question_id").not_null())
                .col(string("deficiency_code", 50).not_null())
                .col(text("deficiency_title").not_null())
                .col(text("determination").not_null())
                .col(text("corrective_action"))
                .col(integer("deficiency_order"))
                .col(timestamp_now("created_at"))
                .col(timestamp("updated_at"))
                .foreign_key(&mut foreign_key(
                    "compliance_deficiencies",
                    "question_id",
                    "compliance_questions",
                    Cascade,
                )),
        );
        s.schema(&unique_index(
            "uq_compliance_deficiencies_question_id_deficiency_code",
            "compliance_deficiencies",
            &["question_id", "deficiency_code"],
        ));
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        for table in [
            "compliance_deficiencies",
            "compliance_indicators",
            "compliance_questions",
            "compliance_sections",
        ] {
            s.schema(&drop_table(table));
        }
        s.finish()
    }
}
