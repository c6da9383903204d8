//! `ingestion_runs`: one row per ingestion pass over a source.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The errors an ingestion run met, stored as a JSON array. The elements stay untyped because
/// each ingester reports its own shape.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize, FromJsonQueryResult)]
pub struct ErrorList(pub Vec<Json>);

/// One ingestion run.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = IngestionRun))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "ingestion_runs")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The source ingested from.
    pub source_id: i32,
    /// When the run started (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub started_at: UtcDateTime,
    /// When the run finished; NULL while it runs or if it died.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub finished_at: Option<UtcDateTime>,
    /// Items the run looked at.
    pub items_seen: i32,
    /// Items the run stored.
    pub items_ingested: i32,
    /// Errors met along the way; `[]` by default.
    // An expression, not a `default_value`: sea-query parenthesises it, and `('[]')` is the only
    // JSON default MySQL accepts.
    #[sea_orm(column_type = "Json", default_expr = "Expr::cust(\"'[]'\")")]
    pub errors: ErrorList,
}

/// The run's source.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The source ingested from.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id",
        on_delete = "Cascade"
    )]
    Source,
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
