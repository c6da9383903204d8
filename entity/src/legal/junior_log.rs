//! `junior_logs`: actions a lawyer delegated to the junior assistant, with its responses.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One junior-assistant action.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = JuniorLog))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "junior_logs")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The lawyer who requested the action.
    #[sea_orm(indexed)]
    pub lawyer_id: i32,
    /// What was asked of the assistant.
    #[sea_orm(column_type = "Text")]
    pub action: String,
    /// Context supplied with the request.
    #[sea_orm(column_type = "Text")]
    pub context: Option<String>,
    /// The assistant's response.
    #[sea_orm(column_type = "Text")]
    pub response: Option<String>,
    /// When the action was logged (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()", indexed)]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub timestamp: UtcDateTime,
}

/// The requesting lawyer.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The lawyer who requested the action.
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::LawyerId",
        to = "super::user::Column::Id",
        on_delete = "NoAction"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
