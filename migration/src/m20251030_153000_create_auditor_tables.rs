//! Verification auditor: JuraGPT's three tables (Alembic `001`). No foreign keys.

use crate::ddl::{
    boolean, create_table, double, drop_table, id, index, integer, json, string, text, timestamp,
    timestamp_now, unique_index,
};
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;

/// Creates verification_log, embedding_cache and source_fingerprints.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "create verification auditor tables"
    }

    fn alembic_revision(&self) -> Option<&'static str> {
        Some("001")
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(
            create_table(backend, "verification_log")
                .col(id())
                .col(string("verification_id", 36).not_null())
                .col(timestamp_now("created_at"))
                .col(text("answer_text").not_null())
                .col(string("answer_hash", 64).not_null())
                .col(integer("answer_sentences").default(0))
                .col(boolean("has_citations").default(false))
                .col(json("citations"))
                .col(integer("source_count").default(0))
                .col(json("source_fingerprints"))
                .col(integer("verified_sentences").default(0))
                .col(double("verification_rate").default(0.0))
                .col(double("confidence_score").not_null())
                .col(string("trust_label", 20).not_null())
                .col(double("semantic_similarity"))
                .col(double("retrieval_quality"))
                .col(double("citation_presence"))
                .col(double("coverage"))
                .col(integer("retry_attempts").default(0))
                .col(json("extra_metadata"))
                .col(boolean("is_valid").default(true))
                .col(timestamp("invalidated_at"))
                .col(double("duration_ms")),
        );
        s.schema(&unique_index(
            "ix_verification_log_verification_id",
            "verification_log",
            &["verification_id"],
        ));
        for (name, column) in [
            ("ix_verification_log_confidence_score", "confidence_score"),
            ("ix_verification_log_trust_label", "trust_label"),
            ("ix_verification_log_is_valid", "is_valid"),
        ] {
            s.schema(&index(name, "verification_log", &[column]));
        }
        s.schema(
            create_table(backend, "embedding_cache")
                .col(id())
                .col(string("text_hash", 64).not_null())
                .col(json("embedding").not_null())
                .col(integer("embedding_dim").not_null())
                .col(string("model_name", 100).not_null())
                .col(timestamp_now("created_at"))
                .col(timestamp("last_accessed").not_null())
                .col(integer("access_count").default(0)),
        );
        s.schema(&unique_index(
            "ix_embedding_cache_text_hash",
            "embedding_cache",
            &["text_hash"],
        ));
        s.schema(
            create_table(backend, "source_fingerprints")
                .col(id())
                .col(string("source_id", 100).not_null())
                .col(string("source_hash", 64).not_null())
                .col(text("text").not_null())
                .col(integer("text_length").not_null())
                .col(integer("version").default(1))
                .col(timestamp_now("created_at"))
                .col(timestamp("updated_at"))
                .col(json("extra_metadata")),
        );
        s.schema(&index(
            "ix_source_fingerprints_source_id",
            "source_fingerprints",
            &["source_id"],
        ));
        s.schema(&unique_index(
            "ix_source_fingerprints_source_hash",
            "source_fingerprints",
            &["source_hash"],
        ));
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        for table in ["source_fingerprints", "embedding_cache", "verification_log"] {
            s.schema(&drop_table(table));
        }
        s.finish()
    }
}
