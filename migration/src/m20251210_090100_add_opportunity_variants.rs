//! Funding proposals: the variants column (Alembic `0002`).

use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;
use sea_orm::sea_query::{ColumnDef, Table};

/// Adds `funding_opportunities.variants`, a JSON list (JSONB on PostgreSQL) defaulting to `[]`.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "add variants to funding opportunities"
    }

    fn alembic_revision(&self) -> Option<&'static str> {
        Some("0002")
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(
            Table::alter().table("funding_opportunities").add_column(
                ColumnDef::new("variants")
                    .json_binary()
                    .not_null()
                    .default("[]"),
            ),
        );
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(
            Table::alter()
                .table("funding_opportunities")
                .drop_column("variants"),
        );
        s.finish()
    }
}
