//! `cases`: matters a lawyer handles for a client.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A client's case.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = Case))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The client the case belongs to.
    #[sea_orm(indexed)]
    pub client_id: i32,
    /// Short title; unique per client by convention (the seeder's natural key).
    #[sea_orm(column_type = "String(StringLen::N(500))")]
    pub title: String,
    /// Workflow state such as `active`, `pending` or `closed` (an open set, hence a string).
    #[sea_orm(column_type = "String(StringLen::N(100))", indexed)]
    pub status: String,
    /// Longer description.
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// When the row was last updated; NULL until the first update.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub updated_at: Option<UtcDateTime>,
}

/// The case's client.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The client the case belongs to.
    #[sea_orm(
        belongs_to = "super::client::Entity",
        from = "Column::ClientId",
        to = "super::client::Column::Id",
        on_delete = "NoAction"
    )]
    Client,
}

impl Related<super::client::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Client.def()
    }
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        crate::timestamps::touch(&mut self.updated_at, insert);
        Ok(self)
    }
}
