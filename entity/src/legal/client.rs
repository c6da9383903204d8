//! `clients`: the people and companies a lawyer represents.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A lawyer's client.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = Client))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "clients")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The lawyer (a `users` row) who owns this client.
    #[sea_orm(indexed)]
    pub lawyer_id: i32,
    /// Person or company name; unique per lawyer by convention (the seeder's natural key).
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    /// Phone number or e-mail, free form.
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub contact: Option<String>,
    /// Postal address, free form.
    #[sea_orm(column_type = "String(StringLen::N(500))")]
    pub address: Option<String>,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
}

/// The client's owner and its dependent rows.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The owning lawyer.
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::LawyerId",
        to = "super::user::Column::Id",
        on_delete = "NoAction"
    )]
    User,
    /// The client's cases.
    #[sea_orm(has_many = "super::case::Entity")]
    Case,
    /// The client's property opinions.
    #[sea_orm(has_many = "super::property_opinion::Entity")]
    PropertyOpinion,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl Related<super::property_opinion::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PropertyOpinion.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
