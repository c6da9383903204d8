//! Source fingerprints: the current text of each verification source, its SHA-256 and a
//! version that goes up by one each time the text actually changes.
//!
//! One row per `source_id` is kept. The version is bumped in SQL
//! (`version = version + 1 ... WHERE source_id = ? AND source_hash <> ?`), so storing the same
//! text again changes nothing and a changed text bumps it exactly once.

use crate::error::{Result, map_db_err};
use crate::validation;
use entity::auditor::source_fingerprint as fingerprint;
use entity::digest::sha256_hex;
use sea_orm::prelude::Json;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait};
use sea_orm::{QueryFilter, QueryOrder};
use serde::Deserialize;
use validator::Validate;

/// A source's current text.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
pub struct SourceText {
    /// The source's id, 1 to 100 characters.
    #[validate(
        length(min = 1, max = 100, message = "must be 1 to 100 characters"),
        custom(function = "validation::not_blank")
    )]
    pub source_id: String,
    /// The text.
    #[validate(custom(function = "validation::no_nul"))]
    pub text: String,
    /// Free-form metadata stored with the text.
    pub extra_metadata: Option<Json>,
}

/// Stores `input` as the source's current text: inserts version 1 for a new source, bumps the
/// version when the text's hash differs from the stored one, and changes nothing otherwise.
///
/// # Errors
/// [`Error::Validation`](crate::Error::Validation) for invalid fields;
/// [`Error::Conflict`](crate::Error::Conflict) when another source already
/// has exactly this text (`source_hash` is unique).
#[tracing::instrument(skip_all)]
pub async fn upsert(conn: &impl ConnectionTrait, input: &SourceText) -> Result<fingerprint::Model> {
    validation::check(input)?;
    let hash = sha256_hex(&input.text);
    let length = i32::try_from(input.text.chars().count()).unwrap_or(i32::MAX);
    let version = Func::coalesce([Expr::col(fingerprint::Column::Version), Expr::val(1)]).add(1);
    fingerprint::Entity::update_many()
        .col_expr(fingerprint::Column::Version, version)
        .col_expr(fingerprint::Column::SourceHash, Expr::val(hash.clone()))
        .col_expr(fingerprint::Column::Text, Expr::val(input.text.clone()))
        .col_expr(fingerprint::Column::TextLength, Expr::val(length))
        .col_expr(
            fingerprint::Column::ExtraMetadata,
            Expr::val(input.extra_metadata.clone()),
        )
        .col_expr(
            fingerprint::Column::UpdatedAt,
            Expr::val(chrono::Utc::now()),
        )
        .filter(fingerprint::Column::SourceId.eq(input.source_id.clone()))
        .filter(fingerprint::Column::SourceHash.ne(hash.clone()))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    if let Some(current) = find(conn, &input.source_id).await? {
        return Ok(current); // Bumped just now, or the same text as stored.
    }
    fingerprint::ActiveModel {
        source_id: Set(input.source_id.clone()),
        source_hash: Set(hash),
        text: Set(input.text.clone()),
        text_length: Set(length),
        version: Set(Some(1)),
        extra_metadata: Set(input.extra_metadata.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(map_db_err)
}

/// The source's current fingerprint, if it has one.
///
/// # Errors
/// [`Error::Database`](crate::Error::Database) only.
#[tracing::instrument(skip_all)]
pub async fn find(
    conn: &impl ConnectionTrait,
    source_id: &str,
) -> Result<Option<fingerprint::Model>> {
    if source_id.contains('\0') {
        return Ok(None);
    }
    fingerprint::Entity::find()
        .filter(fingerprint::Column::SourceId.eq(source_id))
        .order_by_desc(fingerprint::Column::Id)
        .one(conn)
        .await
        .map_err(map_db_err)
}
