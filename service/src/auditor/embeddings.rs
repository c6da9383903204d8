//! The embedding cache, keyed by the SHA-256 of the embedded text.
//!
//! Every read is an access: `access_count` goes up by one and `last_accessed` moves to now,
//! in the same statement that finds (or inserts) the row, so concurrent readers never lose an
//! increment: `INSERT ... ON CONFLICT (text_hash) DO UPDATE` on PostgreSQL and SQLite,
//! `INSERT ... ON DUPLICATE KEY UPDATE` on MySQL/MariaDB, then a read.

use crate::error::{Result, map_db_err};
use crate::validation;
use entity::auditor::embedding_cache::{self as cache, Embedding};
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use validator::{Validate, ValidationError};

/// An embedding to cache.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewEmbedding {
    /// [`sha256_hex`](entity::digest::sha256_hex) of the embedded text.
    #[validate(custom(function = "validation::sha256_hex"))]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9a-f]{64}$"))]
    pub text_hash: String,
    /// The embedding vector; not empty, finite values.
    #[validate(custom(function = "finite_vector"))]
    pub embedding: Vec<f32>,
    /// The model that made it, 1 to 100 characters.
    #[validate(
        length(min = 1, max = 100, message = "must be 1 to 100 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub model_name: String,
}

fn finite_vector(values: &[f32]) -> Result<(), ValidationError> {
    if values.is_empty() || !values.iter().all(|v| v.is_finite()) {
        let mut error = ValidationError::new("vector");
        error.message = Some("must be a non-empty list of finite numbers".into());
        return Err(error);
    }
    Ok(())
}

fn one_more_access() -> Expr {
    Func::coalesce([
        Expr::col((cache::Entity, cache::Column::AccessCount)),
        Expr::val(0),
    ])
    .add(1)
}

/// The cached embedding for `text_hash`, counting the access; `None` when not cached.
///
/// # Errors
/// [`crate::Error::Database`] only.
#[tracing::instrument(skip_all)]
pub async fn get(conn: &impl ConnectionTrait, text_hash: &str) -> Result<Option<cache::Model>> {
    if validation::sha256_hex(text_hash).is_err() {
        return Ok(None);
    }
    let touched = cache::Entity::update_many()
        .col_expr(cache::Column::AccessCount, one_more_access())
        .col_expr(cache::Column::LastAccessed, Expr::val(chrono::Utc::now()))
        .filter(cache::Column::TextHash.eq(text_hash))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    if touched.rows_affected == 0 {
        return Ok(None);
    }
    read(conn, text_hash).await
}

/// The cached embedding for `input.text_hash`, inserting `input` when absent. Either way it
/// counts as one access (a new row starts at `access_count = 1`).
///
/// # Errors
/// [`crate::Error::Validation`] for invalid fields.
#[tracing::instrument(skip_all)]
pub async fn get_or_insert(
    conn: &impl ConnectionTrait,
    input: &NewEmbedding,
) -> Result<cache::Model> {
    validation::check(input)?;
    let now = chrono::Utc::now();
    let dim = i32::try_from(input.embedding.len()).unwrap_or(i32::MAX);
    let mut upsert = Query::insert();
    upsert
        .into_table(cache::Entity)
        .columns([
            cache::Column::TextHash,
            cache::Column::Embedding,
            cache::Column::EmbeddingDim,
            cache::Column::ModelName,
            cache::Column::LastAccessed,
            cache::Column::AccessCount,
        ])
        .values_panic([
            input.text_hash.clone().into(),
            Embedding(input.embedding.clone()).into(),
            dim.into(),
            input.model_name.clone().into(),
            now.into(),
            1.into(),
        ])
        .on_conflict(
            OnConflict::column(cache::Column::TextHash)
                .value(cache::Column::AccessCount, one_more_access())
                .value(cache::Column::LastAccessed, now)
                .to_owned(),
        );
    conn.execute(&upsert).await.map_err(map_db_err)?;
    read(conn, &input.text_hash).await?.ok_or_else(|| {
        crate::Error::Database(sea_orm::DbErr::RecordNotFound(input.text_hash.clone()))
    })
}

async fn read(conn: &impl ConnectionTrait, text_hash: &str) -> Result<Option<cache::Model>> {
    cache::Entity::find()
        .filter(cache::Column::TextHash.eq(text_hash))
        .one(conn)
        .await
        .map_err(map_db_err)
}
