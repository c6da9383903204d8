//! `sources`: where funding opportunities are ingested from.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use super::enums::SourceType;

/// One ingestion source.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = Source))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "sources")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Display name of the provider (e.g. `grants.gov`).
    #[sea_orm(column_type = "Text")]
    pub provider: String,
    /// How the source is ingested (column `type`).
    pub r#type: SourceType,
    /// The domain ingested from.
    #[sea_orm(column_type = "Text")]
    pub domain: Option<String>,
    /// Ingester settings such as filters and rate limits; `{}` by default.
    // An expression, not a `default_value`: sea-query parenthesises it, and `('{}')` is the only
    // JSON default MySQL accepts.
    #[sea_orm(default_expr = "Expr::cust(\"'{}'\")")]
    pub config: Option<Json>,
    /// Disabled sources are skipped by ingestion.
    #[sea_orm(default_value = true)]
    pub enabled: bool,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
}

/// The source's ingestion runs.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Runs that ingested from this source.
    #[sea_orm(has_many = "super::ingestion_run::Entity")]
    IngestionRun,
}

impl Related<super::ingestion_run::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::IngestionRun.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
