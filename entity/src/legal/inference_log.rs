//! `inference_logs`: model calls made to answer a research query, with their cost.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One model inference.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = InferenceLog))]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "inference_logs")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The research query this inference served.
    #[sea_orm(indexed)]
    pub query_id: i32,
    /// Model identifier as reported by the provider.
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub model_used: Option<String>,
    /// Tokens consumed.
    pub tokens: Option<i32>,
    /// Provider cost of the call.
    pub cost: Option<f64>,
    /// Hash of the response text.
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub response_hash: Option<String>,
    /// When the inference ran (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub timestamp: UtcDateTime,
}

/// The research query served.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The research query this inference served.
    #[sea_orm(
        belongs_to = "super::research_query::Entity",
        from = "Column::QueryId",
        to = "super::research_query::Column::Id",
        on_delete = "NoAction"
    )]
    ResearchQuery,
}

impl Related<super::research_query::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ResearchQuery.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
