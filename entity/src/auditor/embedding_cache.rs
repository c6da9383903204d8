//! `embedding_cache`: embeddings keyed by the hash of the text they embed.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An embedding vector, stored as a JSON array of numbers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Embedding(pub Vec<f32>);

/// One cached embedding.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CachedEmbedding))]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "embedding_cache")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Hex SHA-256 of the embedded text: the cache key.
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub text_hash: String,
    /// The vector.
    #[sea_orm(column_type = "Json")]
    pub embedding: Embedding,
    /// Length of the vector, kept so it can be checked without decoding the JSON.
    pub embedding_dim: i32,
    /// The model that produced the vector.
    #[sea_orm(column_type = "String(StringLen::N(100))")]
    pub model_name: String,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// When the entry was last read; set by the application on every hit.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub last_accessed: UtcDateTime,
    /// How many times the entry was read.
    #[sea_orm(default_value = 0)]
    pub access_count: Option<i32>,
}

/// The embedding cache has no foreign keys.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
