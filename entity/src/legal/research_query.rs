//! `research_queries`: legal research questions a lawyer asked and the answers received.
//!
//! On PostgreSQL `query_text` also carries the GIN full-text index
//! `ix_research_queries_query_text_fts`, which an entity cannot express; the migration owns it.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One research query.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ResearchQuery))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "research_queries")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The lawyer who asked.
    #[sea_orm(indexed)]
    pub lawyer_id: i32,
    /// The question as asked.
    #[sea_orm(column_type = "Text")]
    pub query_text: String,
    /// The answer, once there is one.
    #[sea_orm(column_type = "Text")]
    pub response_text: Option<String>,
    /// When the query was asked (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub timestamp: UtcDateTime,
}

/// The asking lawyer and the inferences made for the query.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The lawyer who asked.
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::LawyerId",
        to = "super::user::Column::Id",
        on_delete = "NoAction"
    )]
    User,
    /// Model calls made to answer the query.
    #[sea_orm(has_many = "super::inference_log::Entity")]
    InferenceLog,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::inference_log::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InferenceLog.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
