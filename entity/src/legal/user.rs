//! `users`: the lawyers and administrators who sign in.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A user account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = User))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Display name.
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    /// Sign-in address, stored lower-cased; unique through `ix_users_email`.
    #[sea_orm(column_type = "String(StringLen::N(255))", unique)]
    pub email: String,
    /// PHC-format password hash (argon2id). A secret: it must not reach a response or a log.
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub password_hash: String,
    /// `lawyer` or `admin`.
    #[sea_orm(column_type = "String(StringLen::N(50))")]
    pub role: String,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// Consecutive failed sign-ins since the last success or the last lock (the service
    /// increments it in SQL and resets it).
    #[sea_orm(default_value = 0)]
    pub failed_login_count: i32,
    /// Until when sign-in is refused after too many failures; NULL when not locked.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub locked_until: Option<UtcDateTime>,
}

/// Rows that point at a user.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Clients this lawyer represents.
    #[sea_orm(has_many = "super::client::Entity")]
    Client,
    /// Research queries this lawyer asked.
    #[sea_orm(has_many = "super::research_query::Entity")]
    ResearchQuery,
    /// Junior-assistant actions this lawyer requested.
    #[sea_orm(has_many = "super::junior_log::Entity")]
    JuniorLog,
    /// API login tokens issued to this user.
    #[sea_orm(has_many = "crate::auth::api_token::Entity")]
    ApiToken,
}

impl Related<super::client::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Client.def()
    }
}

impl Related<super::research_query::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ResearchQuery.def()
    }
}

impl Related<super::junior_log::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::JuniorLog.def()
    }
}

impl Related<crate::auth::api_token::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ApiToken.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
