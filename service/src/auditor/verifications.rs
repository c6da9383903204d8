//! The verification log: one row per verified answer, found by its `verification_id`, and
//! invalidated (never deleted) when its sources change.

use crate::error::{Error, Result, map_db_err, require_row};
use crate::validation;
use entity::auditor::verification_log as log;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::prelude::Json;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use validator::Validate;

/// A verification result to store. Absent optional counters take the column defaults.
///
/// The fields are the columns of `verification_log`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewVerification {
    /// Caller-chosen id (a UUID upstream), 1 to 36 characters, unique.
    #[validate(
        length(min = 1, max = 36, message = "must be 1 to 36 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 36))]
    pub verification_id: String,
    /// The verified answer; not blank, at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub answer_text: String,
    #[validate(
        length(min = 1, max = 64, message = "must be 1 to 64 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub answer_hash: String,
    #[validate(range(min = 0, message = "must not be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub answer_sentences: Option<i32>,
    pub has_citations: Option<bool>,
    #[validate(custom(function = "validation::json_no_nul"))]
    pub citations: Option<Json>,
    #[validate(range(min = 0, message = "must not be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub source_count: Option<i32>,
    #[validate(custom(function = "validation::json_no_nul"))]
    pub source_fingerprints: Option<Json>,
    #[validate(range(min = 0, message = "must not be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub verified_sentences: Option<i32>,
    #[validate(custom(function = "validation::finite"))]
    pub verification_rate: Option<f64>,
    /// Between 0 and 1.
    #[validate(range(min = 0.0, max = 1.0, message = "must be between 0 and 1"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0, maximum = 1.0))]
    pub confidence_score: f64,
    /// Such as `✅ Verified`, `⚠️ Review`, `🚫 Rejected`; 1 to 20 characters.
    #[validate(
        length(min = 1, max = 20, message = "must be 1 to 20 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20))]
    pub trust_label: String,
    #[validate(custom(function = "validation::finite"))]
    pub semantic_similarity: Option<f64>,
    #[validate(custom(function = "validation::finite"))]
    pub retrieval_quality: Option<f64>,
    #[validate(custom(function = "validation::finite"))]
    pub citation_presence: Option<f64>,
    #[validate(custom(function = "validation::finite"))]
    pub coverage: Option<f64>,
    #[validate(range(min = 0, message = "must not be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub retry_attempts: Option<i32>,
    #[validate(custom(function = "validation::json_no_nul"))]
    pub extra_metadata: Option<Json>,
    #[validate(custom(function = "validation::finite"))]
    pub duration_ms: Option<f64>,
}

fn or_default<T>(value: Option<T>) -> sea_orm::ActiveValue<Option<T>>
where
    Option<T>: Into<sea_orm::Value>,
{
    value.map_or(NotSet, |v| Set(Some(v)))
}

/// Stores a verification result.
///
/// # Errors
/// [`Error::Validation`] for invalid fields, [`Error::Conflict`] when the `verification_id`
/// is already stored.
#[tracing::instrument(skip_all)]
pub async fn store(conn: &impl ConnectionTrait, input: &NewVerification) -> Result<log::Model> {
    validation::check(input)?;
    let input = input.clone();
    log::ActiveModel {
        verification_id: Set(input.verification_id),
        answer_text: Set(input.answer_text),
        answer_hash: Set(input.answer_hash),
        answer_sentences: or_default(input.answer_sentences),
        has_citations: or_default(input.has_citations),
        citations: Set(input.citations),
        source_count: or_default(input.source_count),
        source_fingerprints: Set(input.source_fingerprints),
        verified_sentences: or_default(input.verified_sentences),
        verification_rate: or_default(input.verification_rate),
        confidence_score: Set(input.confidence_score),
        trust_label: Set(input.trust_label),
        semantic_similarity: Set(input.semantic_similarity),
        retrieval_quality: Set(input.retrieval_quality),
        citation_presence: Set(input.citation_presence),
        coverage: Set(input.coverage),
        retry_attempts: or_default(input.retry_attempts),
        extra_metadata: Set(input.extra_metadata),
        duration_ms: Set(input.duration_ms),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(map_db_err)
}

/// The verification stored under `verification_id`.
///
/// # Errors
/// [`Error::NotFound`] when there is none.
#[tracing::instrument(skip_all)]
pub async fn find(conn: &impl ConnectionTrait, verification_id: &str) -> Result<log::Model> {
    if verification_id.contains('\0') {
        return Err(Error::NotFound);
    }
    log::Entity::find()
        .filter(log::Column::VerificationId.eq(verification_id))
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)
}

/// Marks the verification invalid (`is_valid = false`) and stamps `invalidated_at`; a second
/// call keeps the first stamp.
///
/// # Errors
/// [`Error::NotFound`] when there is none.
#[tracing::instrument(skip_all)]
pub async fn invalidate(conn: &impl ConnectionTrait, verification_id: &str) -> Result<log::Model> {
    if verification_id.contains('\0') {
        return Err(Error::NotFound);
    }
    let stamp = Func::coalesce([
        Expr::col(log::Column::InvalidatedAt),
        Expr::val(chrono::Utc::now()),
    ]);
    let updated = log::Entity::update_many()
        .col_expr(log::Column::IsValid, Expr::val(false))
        .col_expr(log::Column::InvalidatedAt, stamp.into())
        .filter(log::Column::VerificationId.eq(verification_id))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    require_row(updated.rows_affected)?;
    find(conn, verification_id).await
}
