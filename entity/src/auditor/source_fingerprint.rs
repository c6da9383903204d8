//! `source_fingerprints`: versions of the source texts answers are verified against.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One version of a source text.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = SourceFingerprint))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "source_fingerprints")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Identifier of the source: one row per source, its current text.
    #[sea_orm(column_type = "String(StringLen::N(100))", unique)]
    pub source_id: String,
    /// Hex SHA-256 of `text` (two sources may share a text).
    #[sea_orm(column_type = "String(StringLen::N(64))", indexed)]
    pub source_hash: String,
    /// The source text.
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// Length of `text` in characters.
    pub text_length: i32,
    /// Version number of the source's text, from 1, up by one each time it changes.
    #[sea_orm(default_value = 1)]
    pub version: Option<i32>,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// When the row was last updated; NULL until the first update.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub updated_at: Option<UtcDateTime>,
    /// Anything else recorded about the source.
    pub extra_metadata: Option<Json>,
}

/// Source fingerprints have no foreign keys.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

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
