//! Legal practice: foreign-key and full-text indexes (Alembic `4d6abf4eecda`).

use crate::ddl::{drop_index, index};
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;

/// (index, table, column, referenced table) for the foreign-key indexes this migration adds.
const FOREIGN_KEY_INDEXES: [(&str, &str, &str, &str); 6] = [
    ("ix_clients_lawyer_id", "clients", "lawyer_id", "users"),
    ("ix_cases_client_id", "cases", "client_id", "clients"),
    (
        "ix_inference_logs_query_id",
        "inference_logs",
        "query_id",
        "research_queries",
    ),
    (
        "ix_property_opinions_client_id",
        "property_opinions",
        "client_id",
        "clients",
    ),
    (
        "ix_research_queries_lawyer_id",
        "research_queries",
        "lawyer_id",
        "users",
    ),
    (
        "ix_junior_logs_lawyer_id",
        "junior_logs",
        "lawyer_id",
        "users",
    ),
];

const FULL_TEXT_INDEX: &str = "ix_research_queries_query_text_fts";

/// Adds an index on each legal foreign key, and on PostgreSQL the GIN full-text index that
/// research search relies on.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "add legal foreign-key and full-text indexes"
    }

    fn alembic_revision(&self) -> Option<&'static str> {
        Some("4d6abf4eecda")
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        for (name, table, column, _) in FOREIGN_KEY_INDEXES {
            s.schema(&index(name, table, &[column]));
        }
        if backend == DbBackend::Postgres {
            s.raw(format!(
                "CREATE INDEX \"{FULL_TEXT_INDEX}\" ON \"research_queries\" \
                 USING gin (to_tsvector('english', \"query_text\"))"
            ));
        }
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        if backend == DbBackend::Postgres {
            s.raw(format!("DROP INDEX \"{FULL_TEXT_INDEX}\""));
        }
        for (name, table, column, target) in FOREIGN_KEY_INDEXES.into_iter().rev() {
            if backend == DbBackend::MySql {
                // InnoDB let our index replace the one it made for the foreign key and refuses
                // to drop it alone. Re-creating the key brings back InnoDB's own index, so the
                // schema is exactly what the previous migration left.
                s.raw(format!(
                    "ALTER TABLE `{table}` DROP FOREIGN KEY `fk_{table}_{column}`, \
                     DROP INDEX `{name}`"
                ));
                s.raw(format!(
                    "ALTER TABLE `{table}` ADD CONSTRAINT `fk_{table}_{column}` \
                     FOREIGN KEY (`{column}`) REFERENCES `{target}` (`id`) \
                     ON DELETE NO ACTION ON UPDATE NO ACTION"
                ));
            } else {
                s.schema(&drop_index(name, table));
            }
        }
        s.finish()
    }
}
