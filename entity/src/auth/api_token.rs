//! `api_tokens`: one row per login. The token itself is never stored, only its SHA-256.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A login token.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ApiToken))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Whose token it is.
    #[sea_orm(indexed)]
    pub user_id: i32,
    /// Hex SHA-256 of the bearer token.
    #[serde(skip_serializing)]
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub token_hash: String,
    /// When it was issued.
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// When it stops being accepted.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: UtcDateTime,
    /// When it was revoked (logout), if it was.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub revoked_at: Option<UtcDateTime>,
}

/// The token's user.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The user the token authenticates.
    #[sea_orm(
        belongs_to = "crate::legal::user::Entity",
        from = "Column::UserId",
        to = "crate::legal::user::Column::Id",
        on_delete = "Cascade"
    )]
    User,
}

impl Related<crate::legal::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
