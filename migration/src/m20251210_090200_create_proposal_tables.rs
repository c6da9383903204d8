//! Funding proposals: templates, documents, sources and ingestion runs, with their four
//! enumerations (Alembic `0003`).

use crate::ddl::{
    create_table, drop_table, enumeration, foreign_key, id, index, integer, json, string, text,
    timestamp, timestamp_now, unique_index,
};
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;
use sea_orm::sea_query::ForeignKeyAction::Cascade;
use sea_orm::sea_query::extension::postgres::Type;
use sea_orm::sea_query::{ColumnDef, ConditionalStatement, Expr, ExprTrait, Index, IndexColumn};

/// The four enumerations this migration owns, with their values.
const ENUMS: [(&str, &[&str]); 4] = [
    ("templatestatusenum", &["ready", "failed", "pending"]),
    ("documentsourceenum", &["pdf", "url", "upload"]),
    (
        "ocrstatusenum",
        &["not_needed", "pending", "done", "failed"],
    ),
    ("sourcetypeenum", &["crawler", "api"]),
];

/// Creates proposal_templates, documents, sources and ingestion_runs.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "create proposal templates, documents, sources and ingestion runs"
    }

    fn alembic_revision(&self) -> Option<&'static str> {
        Some("0003")
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let [template_status, document_source, ocr_status, source_type] = ENUMS;
        let mut s = Script::new(backend);
        for (name, values) in ENUMS {
            s.create_type(Type::create().as_enum(name).values(values.iter().copied()));
        }
        s.schema(
            create_table(backend, "proposal_templates")
                .col(id())
                .col(integer("funding_opportunity_id").not_null())
                .col(text("docx_path"))
                .col(text("pdf_path"))
                .col(enumeration(
                    backend,
                    "status",
                    template_status.0,
                    template_status.1,
                ))
                .col(text("notes"))
                .col(text("hash"))
                .col(timestamp_now("created_at"))
                .col(timestamp_now("updated_at"))
                .foreign_key(&mut foreign_key(
                    "proposal_templates",
                    "funding_opportunity_id",
                    "funding_opportunities",
                    Cascade,
                )),
        );
        let mut unique_template = unique_index(
            "uq_template_unique",
            "proposal_templates",
            &["funding_opportunity_id", "hash"],
        );
        if backend != DbBackend::MySql {
            // MySQL has no partial indexes; there NULL hashes never collide anyway.
            unique_template.and_where(Expr::col("hash").is_not_null());
        }
        s.schema(&unique_template);
        s.schema(&index(
            "ix_proposal_templates_funding_opportunity_id",
            "proposal_templates",
            &["funding_opportunity_id"],
        ));
        // MySQL indexes a text column by a prefix; a sha256 hex digest fits in 64 characters.
        s.schema(
            Index::create()
                .name("ix_proposal_templates_hash")
                .table("proposal_templates")
                .col::<IndexColumn>(if backend == DbBackend::MySql {
                    ("hash", 64).into()
                } else {
                    "hash".into()
                }),
        );
        s.schema(
            create_table(backend, "documents")
                .col(id())
                .col(integer("funding_opportunity_id"))
                .col(enumeration(
                    backend,
                    "source",
                    document_source.0,
                    document_source.1,
                ))
                .col(text("storage_path").not_null())
                .col(text("mime"))
                .col(string("sha256", 64).not_null())
                .col(integer("pages"))
                .col(enumeration(
                    backend,
                    "ocr_status",
                    ocr_status.0,
                    ocr_status.1,
                ))
                .col(timestamp_now("created_at"))
                .foreign_key(&mut foreign_key(
                    "documents",
                    "funding_opportunity_id",
                    "funding_opportunities",
                    Cascade,
                )),
        );
        s.schema(&unique_index(
            "uq_documents_sha256",
            "documents",
            &["sha256"],
        ));
        s.schema(
            create_table(backend, "sources")
                .col(id())
                .col(text("provider").not_null())
                .col(enumeration(backend, "type", source_type.0, source_type.1))
                .col(text("domain"))
                .col(json("config").default("{}"))
                .col(ColumnDef::new("enabled").boolean().not_null().default(true))
                .col(timestamp_now("created_at")),
        );
        s.schema(
            create_table(backend, "ingestion_runs")
                .col(id())
                .col(integer("source_id").not_null())
                .col(timestamp_now("started_at"))
                .col(timestamp("finished_at"))
                .col(integer("items_seen").not_null())
                .col(integer("items_ingested").not_null())
                .col(json("errors").not_null().default("[]"))
                .foreign_key(&mut foreign_key(
                    "ingestion_runs",
                    "source_id",
                    "sources",
                    Cascade,
                )),
        );
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        for table in [
            "ingestion_runs",
            "sources",
            "documents",
            "proposal_templates",
        ] {
            s.schema(&drop_table(table));
        }
        for (name, _) in ENUMS.into_iter().rev() {
            s.drop_type(Type::drop().name(name));
        }
        s.finish()
    }
}
