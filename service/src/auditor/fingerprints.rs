//! Source fingerprints: the current text of each verification source, its SHA-256 and a
//! version that goes up by one each time the text actually changes.
//!
//! One row per `source_id` (its unique key), written by one atomic upsert:
//! `INSERT ... ON CONFLICT (source_id) DO UPDATE` (`ON DUPLICATE KEY UPDATE` on MySQL/MariaDB)
//! whose assignments only take the new values when the stored hash differs, so storing the
//! same text again changes nothing, a changed text bumps the version exactly once, and any
//! number of concurrent first stores leave one row. Two sources may share a text.

use crate::error::{Result, map_db_err};
use crate::validation;
use entity::auditor::source_fingerprint as fingerprint;
use entity::digest::sha256_hex;
use sea_orm::prelude::Json;
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IdenStatic, QueryFilter};
use serde::Deserialize;
use validator::Validate;

/// A source's current text.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct SourceText {
    /// The source's id, 1 to 100 characters.
    #[validate(
        length(min = 1, max = 100, message = "must be 1 to 100 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub source_id: String,
    /// The text, at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub text: String,
    /// Free-form metadata stored with the text.
    #[validate(custom(function = "validation::json_no_nul"))]
    pub extra_metadata: Option<Json>,
}

/// Stores `input` as the source's current text: inserts version 1 for a new source, bumps the
/// version when the text's hash differs from the stored one, and changes nothing otherwise.
///
/// # Errors
/// [`Error::Validation`](crate::Error::Validation) for invalid fields.
#[tracing::instrument(skip_all)]
pub async fn upsert(conn: &impl ConnectionTrait, input: &SourceText) -> Result<fingerprint::Model> {
    validation::check(input)?;
    let backend = conn.get_database_backend();
    let hash = sha256_hex(&input.text);
    let length = i32::try_from(input.text.chars().count()).unwrap_or(i32::MAX);
    let changed = stored(fingerprint::Column::SourceHash)
        .ne(incoming(backend, fingerprint::Column::SourceHash));
    let if_changed = |column: fingerprint::Column| -> Expr {
        Expr::case(changed.clone(), incoming(backend, column))
            .finally(stored(column))
            .into()
    };
    let bumped = Func::coalesce([stored(fingerprint::Column::Version), Expr::val(1)]).add(1);
    let version: Expr = Expr::case(changed.clone(), bumped)
        .finally(stored(fingerprint::Column::Version))
        .into();
    // MySQL assigns left to right and later assignments see earlier ones, so the hash, which
    // every other assignment compares, is assigned last.
    let on_conflict = OnConflict::column(fingerprint::Column::SourceId)
        .value(fingerprint::Column::Version, version)
        .value(
            fingerprint::Column::Text,
            if_changed(fingerprint::Column::Text),
        )
        .value(
            fingerprint::Column::TextLength,
            if_changed(fingerprint::Column::TextLength),
        )
        .value(
            fingerprint::Column::ExtraMetadata,
            if_changed(fingerprint::Column::ExtraMetadata),
        )
        .value(
            fingerprint::Column::UpdatedAt,
            Expr::case(changed.clone(), Expr::val(chrono::Utc::now()))
                .finally(stored(fingerprint::Column::UpdatedAt)),
        )
        .value(
            fingerprint::Column::SourceHash,
            if_changed(fingerprint::Column::SourceHash),
        )
        .to_owned();
    let mut statement = Query::insert();
    statement
        .into_table(fingerprint::Entity)
        .columns([
            fingerprint::Column::SourceId,
            fingerprint::Column::SourceHash,
            fingerprint::Column::Text,
            fingerprint::Column::TextLength,
            fingerprint::Column::Version,
            fingerprint::Column::ExtraMetadata,
        ])
        .values_panic([
            input.source_id.clone().into(),
            hash.into(),
            input.text.clone().into(),
            length.into(),
            1.into(),
            input.extra_metadata.clone().into(),
        ])
        .on_conflict(on_conflict);
    conn.execute(&statement).await.map_err(map_db_err)?;
    find(conn, &input.source_id).await?.ok_or_else(|| {
        crate::Error::Database(sea_orm::DbErr::RecordNotFound(input.source_id.clone()))
    })
}

/// The stored value of `column` in an upsert's update.
fn stored(column: fingerprint::Column) -> Expr {
    Expr::col((fingerprint::Entity, column))
}

/// The value an upsert tried to insert into `column`.
fn incoming(backend: DbBackend, column: fingerprint::Column) -> Expr {
    let name = column.as_str();
    match backend {
        DbBackend::MySql => Expr::cust(format!("VALUES(`{name}`)")),
        _ => Expr::cust(format!("excluded.\"{name}\"")),
    }
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
        .one(conn)
        .await
        .map_err(map_db_err)
}
