//! `property_opinions`: title opinions on a client's property documents.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A property opinion requested for a client.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = PropertyOpinion))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "property_opinions")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The client the opinion is for.
    #[sea_orm(indexed)]
    pub client_id: i32,
    /// Where the reviewed document is stored.
    #[sea_orm(column_type = "String(StringLen::N(1000))")]
    pub document_url: Option<String>,
    /// Workflow state such as `pending` (an open set, hence a string).
    #[sea_orm(column_type = "String(StringLen::N(100))")]
    pub status: String,
    /// Reviewer's notes.
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
}

/// The opinion's client.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The client the opinion is for.
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

impl ActiveModelBehavior for ActiveModel {}
