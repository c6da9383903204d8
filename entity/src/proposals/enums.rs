//! The proposal domain's enumerations: native `CREATE TYPE ... AS ENUM` types on PostgreSQL,
//! `ENUM(...)` columns on MySQL and strings on SQLite. The PostgreSQL type names and the
//! stored values are the upstream ones and must not change.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Review state of a funding opportunity (`statusenum`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "statusenum")]
#[serde(rename_all = "snake_case")]
pub enum OpportunityStatus {
    /// Ingested, not looked at yet.
    #[sea_orm(string_value = "raw")]
    Raw,
    /// Looked at by a person.
    #[sea_orm(string_value = "reviewed")]
    Reviewed,
    /// Accepted for a proposal.
    #[sea_orm(string_value = "approved")]
    Approved,
    /// Turned down.
    #[sea_orm(string_value = "rejected")]
    Rejected,
}

/// Generation state of a proposal template (`templatestatusenum`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "templatestatusenum")]
#[serde(rename_all = "snake_case")]
pub enum TemplateStatus {
    /// Generated and usable.
    #[sea_orm(string_value = "ready")]
    Ready,
    /// Generation failed.
    #[sea_orm(string_value = "failed")]
    Failed,
    /// Generation not finished.
    #[sea_orm(string_value = "pending")]
    Pending,
}

/// How a document arrived (`documentsourceenum`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "documentsourceenum")]
#[serde(rename_all = "snake_case")]
pub enum DocumentSource {
    /// A PDF file.
    #[sea_orm(string_value = "pdf")]
    Pdf,
    /// Fetched from a URL.
    #[sea_orm(string_value = "url")]
    Url,
    /// Uploaded by a user.
    #[sea_orm(string_value = "upload")]
    Upload,
}

/// Text-recognition state of a document (`ocrstatusenum`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "ocrstatusenum")]
#[serde(rename_all = "snake_case")]
pub enum OcrStatus {
    /// The document already carries text.
    #[sea_orm(string_value = "not_needed")]
    NotNeeded,
    /// OCR not run yet.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// OCR finished.
    #[sea_orm(string_value = "done")]
    Done,
    /// OCR failed.
    #[sea_orm(string_value = "failed")]
    Failed,
}

/// How a source is ingested (`sourcetypeenum`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "sourcetypeenum")]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    /// Pages are crawled.
    #[sea_orm(string_value = "crawler")]
    Crawler,
    /// A structured API is queried.
    #[sea_orm(string_value = "api")]
    Api,
}
