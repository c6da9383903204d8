//! Legal practice: the seven tables of lindia-db's initial schema (Alembic `04bd3fd5e6c2`).

use crate::ddl::{
    create_table, double, drop_table, foreign_key, id, index, integer, string, text, timestamp,
    timestamp_now, unique_index,
};
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;
use sea_orm::sea_query::ForeignKeyAction::NoAction;

/// Creates users, clients, cases, property_opinions, research_queries, junior_logs and
/// inference_logs with the three indexes upstream's first revision had.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "create legal practice tables"
    }

    fn alembic_revision(&self) -> Option<&'static str> {
        Some("04bd3fd5e6c2")
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(
            create_table(backend, "users")
                .col(id())
                .col(string("name", 255).not_null())
                .col(string("email", 255).not_null())
                .col(string("password_hash", 255).not_null())
                .col(string("role", 50).not_null())
                .col(timestamp_now("created_at")),
        );
        s.schema(&unique_index("ix_users_email", "users", &["email"]));
        s.schema(
            create_table(backend, "clients")
                .col(id())
                .col(integer("lawyer_id").not_null())
                .col(string("name", 255).not_null())
                .col(string("contact", 255))
                .col(string("address", 500))
                .col(timestamp_now("created_at"))
                .foreign_key(&mut foreign_key("clients", "lawyer_id", "users", NoAction)),
        );
        s.schema(
            create_table(backend, "cases")
                .col(id())
                .col(integer("client_id").not_null())
                .col(string("title", 500).not_null())
                .col(string("status", 100).not_null())
                .col(text("description"))
                .col(timestamp_now("created_at"))
                .col(timestamp("updated_at"))
                .foreign_key(&mut foreign_key("cases", "client_id", "clients", NoAction)),
        );
        s.schema(&index("ix_cases_status", "cases", &["status"]));
        s.schema(
            create_table(backend, "property_opinions")
                .col(id())
                .col(integer("client_id").not_null())
                .col(string("document_url", 1000))
                .col(string("status", 100).not_null())
                .col(text("notes"))
                .col(timestamp_now("created_at"))
                .foreign_key(&mut foreign_key(
                    "property_opinions",
                    "client_id",
                    "clients",
                    NoAction,
                )),
        );
        s.schema(
            create_table(backend, "research_queries")
                .col(id())
                .col(integer("lawyer_id").not_null())
                .col(text("query_text").not_null())
                .col(text("response_text"))
                .col(timestamp_now("timestamp"))
                .foreign_key(&mut foreign_key(
                    "research_queries",
                    "lawyer_id",
                    "users",
                    NoAction,
                )),
        );
        s.schema(
            create_table(backend, "junior_logs")
                .col(id())
                .col(integer("lawyer_id").not_null())
                .col(text("action").not_null())
                .col(text("context"))
                .col(text("response"))
                .col(timestamp_now("timestamp"))
                .foreign_key(&mut foreign_key(
                    "junior_logs",
                    "lawyer_id",
                    "users",
                    NoAction,
                )),
        );
        s.schema(&index(
            "ix_junior_logs_timestamp",
            "junior_logs",
            &["timestamp"],
        ));
        s.schema(
            create_table(backend, "inference_logs")
                .col(id())
                .col(integer("query_id").not_null())
                .col(string("model_used", 255))
                .col(integer("tokens"))
                .col(double("cost"))
                .col(string("response_hash", 255))
                .col(timestamp_now("timestamp"))
                .foreign_key(&mut foreign_key(
                    "inference_logs",
                    "query_id",
                    "research_queries",
                    NoAction,
                )),
        );
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        for table in [
            "inference_logs",
            "junior_logs",
            "research_queries",
            "property_opinions",
            "cases",
            "clients",
            "users",
        ] {
            s.schema(&drop_table(table));
        }
        s.finish()
    }
}
