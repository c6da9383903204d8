//! Funding proposals: the templates generated for an opportunity, documents deduplicated by
//! their SHA-256, and ingestion runs (started, then finished with counts and errors). Not a
//! lawyer's data: these operations take no actor.

use crate::error::{Error, Result, map_db_err};
use crate::validation;
use entity::proposals::enums::{DocumentSource, OcrStatus, TemplateStatus};
use entity::proposals::ingestion_run::ErrorList;
use entity::proposals::{document, funding_opportunity, ingestion_run, proposal_template, source};
use sea_orm::prelude::Json;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait};
use sea_orm::{PaginatorTrait, QueryFilter, QueryOrder, SqlErr};
use serde::Deserialize;
use validator::Validate;

/// A generated proposal template.
///
/// The fields are the columns of `proposal_templates`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewTemplate {
    /// Where the DOCX is stored, at most 4,096 characters.
    #[validate(
        length(max = validation::PATH_MAX, message = "must be at most 4096 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 4096))]
    pub docx_path: Option<String>,
    /// Where the PDF is stored, at most 4,096 characters.
    #[validate(
        length(max = validation::PATH_MAX, message = "must be at most 4096 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 4096))]
    pub pdf_path: Option<String>,
    pub status: TemplateStatus,
    /// Notes, at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub notes: Option<String>,
    /// Content hash, at most 255 characters; unique per opportunity when present.
    #[validate(
        length(max = validation::SHORT_TEXT_MAX, message = "must be at most 255 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub hash: Option<String>,
}

/// A document to store once per content hash.
///
/// The fields are the columns of `documents`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewDocument {
    pub funding_opportunity_id: Option<i32>,
    pub source: DocumentSource,
    /// Where the document is stored; not blank, at most 4,096 characters.
    #[validate(
        length(max = validation::PATH_MAX, message = "must be at most 4096 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 4096))]
    pub storage_path: String,
    /// MIME type, at most 255 characters.
    #[validate(
        length(max = validation::SHORT_TEXT_MAX, message = "must be at most 255 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub mime: Option<String>,
    /// Lower-case hexadecimal SHA-256 of the content: the deduplication key.
    #[validate(custom(function = "validation::sha256_hex"))]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9a-f]{64}$"))]
    pub sha256: String,
    #[validate(range(min = 0, message = "must not be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub pages: Option<i32>,
    pub ocr_status: OcrStatus,
}

/// A stored document and whether this call stored it (`false`: it was already there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// The stored row (the earlier one when deduplicated).
    pub document: document::Model,
    /// Whether this call inserted it.
    pub created: bool,
}

/// How an ingestion run ended.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct RunOutcome {
    /// Items looked at.
    #[validate(range(min = 0, message = "must not be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub items_seen: i32,
    /// Items stored.
    #[validate(range(min = 0, message = "must not be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub items_ingested: i32,
    /// One JSON value per error met.
    #[validate(custom(function = "validation::json_list_no_nul"))]
    pub errors: Vec<Json>,
}

async fn opportunity_exists(conn: &impl ConnectionTrait, id: i32) -> Result<()> {
    let found = funding_opportunity::Entity::find_by_id(id)
        .count(conn)
        .await
        .map_err(map_db_err)?;
    if found == 0 {
        Err(Error::NotFound)
    } else {
        Ok(())
    }
}

/// The templates of the opportunity `opportunity_id`, oldest first.
///
/// # Errors
/// [`Error::NotFound`] when there is no such opportunity.
#[tracing::instrument(skip_all, fields(opportunity_id))]
pub async fn templates_of(
    conn: &impl ConnectionTrait,
    opportunity_id: i32,
) -> Result<Vec<proposal_template::Model>> {
    opportunity_exists(conn, opportunity_id).await?;
    proposal_template::Entity::find()
        .filter(proposal_template::Column::FundingOpportunityId.eq(opportunity_id))
        .order_by_asc(proposal_template::Column::Id)
        .all(conn)
        .await
        .map_err(map_db_err)
}

/// Adds a template to the opportunity `opportunity_id`.
///
/// # Errors
/// [`Error::Validation`] for invalid fields, [`Error::NotFound`] when there is no such
/// opportunity, [`Error::Conflict`] when it already has a template with this hash.
#[tracing::instrument(skip_all, fields(opportunity_id))]
pub async fn create_template(
    conn: &impl ConnectionTrait,
    opportunity_id: i32,
    input: &NewTemplate,
) -> Result<proposal_template::Model> {
    validation::check(input)?;
    opportunity_exists(conn, opportunity_id).await?;
    proposal_template::ActiveModel {
        funding_opportunity_id: Set(opportunity_id),
        docx_path: Set(input.docx_path.clone()),
        pdf_path: Set(input.pdf_path.clone()),
        status: Set(input.status),
        notes: Set(input.notes.clone()),
        hash: Set(input.hash.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(map_db_err)
}

async fn document_by_hash(
    conn: &impl ConnectionTrait,
    sha256: &str,
) -> Result<Option<document::Model>> {
    document::Entity::find()
        .filter(document::Column::Sha256.eq(sha256))
        .one(conn)
        .await
        .map_err(map_db_err)
}

/// Stores a document unless one with the same SHA-256 exists, in which case that one is
/// returned. Two concurrent calls with one hash store one row: the loser's unique-key
/// violation is answered with the winner's row.
///
/// # Errors
/// [`Error::Validation`] for invalid fields, [`Error::NotFound`] when the named opportunity
/// does not exist.
#[tracing::instrument(skip_all)]
pub async fn store_document(
    conn: &impl ConnectionTrait,
    input: &NewDocument,
) -> Result<StoredDocument> {
    validation::check(input)?;
    if let Some(document) = document_by_hash(conn, &input.sha256).await? {
        return Ok(StoredDocument {
            document,
            created: false,
        });
    }
    if let Some(opportunity_id) = input.funding_opportunity_id {
        opportunity_exists(conn, opportunity_id).await?;
    }
    let inserted = document::ActiveModel {
        funding_opportunity_id: Set(input.funding_opportunity_id),
        source: Set(input.source),
        storage_path: Set(input.storage_path.clone()),
        mime: Set(input.mime.clone()),
        sha256: Set(input.sha256.clone()),
        pages: Set(input.pages),
        ocr_status: Set(input.ocr_status),
        ..Default::default()
    }
    .insert(conn)
    .await;
    match inserted {
        Ok(document) => Ok(StoredDocument {
            document,
            created: true,
        }),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            let document = document_by_hash(conn, &input.sha256)
                .await?
                .ok_or_else(|| map_db_err(e))?;
            Ok(StoredDocument {
                document,
                created: false,
            })
        }
        Err(e) => Err(map_db_err(e)),
    }
}

/// Starts an ingestion run of the source `source_id` (no items, no errors yet).
///
/// # Errors
/// [`Error::NotFound`] when there is no such source.
#[tracing::instrument(skip_all, fields(source_id))]
pub async fn start_run(
    conn: &impl ConnectionTrait,
    source_id: i32,
) -> Result<ingestion_run::Model> {
    let found = source::Entity::find_by_id(source_id)
        .count(conn)
        .await
        .map_err(map_db_err)?;
    if found == 0 {
        return Err(Error::NotFound);
    }
    ingestion_run::ActiveModel {
        source_id: Set(source_id),
        items_seen: Set(0),
        items_ingested: Set(0),
        errors: Set(ErrorList::default()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(map_db_err)
}

/// Finishes the run `run_id`: stamps `finished_at` and records its counts and errors.
///
/// # Errors
/// [`Error::Validation`] for negative counts or more items ingested than seen,
/// [`Error::NotFound`] when there is no such run, [`Error::Conflict`] when it already finished.
#[tracing::instrument(skip_all, fields(run_id))]
pub async fn finish_run(
    conn: &impl ConnectionTrait,
    run_id: i32,
    outcome: &RunOutcome,
) -> Result<ingestion_run::Model> {
    let mut checked = validation::check(outcome);
    if checked.is_ok() && outcome.items_ingested > outcome.items_seen {
        let mut errors = crate::FieldErrors::default();
        errors.add("items_ingested", "must not exceed items_seen");
        checked = errors.into_result();
    }
    checked?;
    let finished = ingestion_run::Entity::update_many()
        .col_expr(
            ingestion_run::Column::FinishedAt,
            Expr::val(chrono::Utc::now()),
        )
        .col_expr(
            ingestion_run::Column::ItemsSeen,
            Expr::val(outcome.items_seen),
        )
        .col_expr(
            ingestion_run::Column::ItemsIngested,
            Expr::val(outcome.items_ingested),
        )
        .col_expr(
            ingestion_run::Column::Errors,
            Expr::val(ErrorList(outcome.errors.clone())),
        )
        .filter(ingestion_run::Column::Id.eq(run_id))
        .filter(ingestion_run::Column::FinishedAt.is_null())
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    let run = ingestion_run::Entity::find_by_id(run_id)
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)?;
    if finished.rows_affected == 0 {
        return Err(Error::Conflict(
            "the ingestion run has already finished".to_owned(),
        ));
    }
    Ok(run)
}

/// Every ingestion source, in id order.
///
/// # Errors
/// [`Error::Database`] only.
#[tracing::instrument(skip_all)]
pub async fn list_sources(conn: &impl ConnectionTrait) -> Result<Vec<source::Model>> {
    source::Entity::find()
        .order_by_asc(source::Column::Id)
        .all(conn)
        .await
        .map_err(map_db_err)
}
