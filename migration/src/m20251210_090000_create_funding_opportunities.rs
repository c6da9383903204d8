//! Funding proposals: ReqAgent's baseline table and its status enumeration (Alembic `0001`).

use crate::ddl::{
    create_table, drop_table, enumeration, id, index, json, text, timestamp_now, unique_index,
};
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;
use sea_orm::sea_query::extension::postgres::Type;

const STATUS_VALUES: [&str; 4] = ["raw", "reviewed", "approved", "rejected"];

/// Creates `statusenum` (PostgreSQL) and funding_opportunities.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "create funding opportunities"
    }

    fn alembic_revision(&self) -> Option<&'static str> {
        Some("0001")
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.create_type(Type::create().as_enum("statusenum").values(STATUS_VALUES));
        s.schema(
            create_table(backend, "funding_opportunities")
                .col(id())
                .col(text("source_url").not_null())
                .col(json("json_data"))
                .col(text("editable_text"))
                .col(enumeration(backend, "status", "statusenum", &STATUS_VALUES))
                .col(timestamp_now("created_at")),
        );
        s.schema(&unique_index(
            "uq_funding_opportunities_source_url",
            "funding_opportunities",
            &["source_url"],
        ));
        s.schema(&index(
            "ix_funding_opportunities_status",
            "funding_opportunities",
            &["status"],
        ));
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(&drop_table("funding_opportunities"));
        s.drop_type(Type::drop().name("statusenum"));
        s.finish()
    }
}
