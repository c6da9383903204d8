//! `documents`: files stored for funding opportunities, deduplicated by content hash.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use super::enums::{DocumentSource, OcrStatus};

/// One stored document.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = Document))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The opportunity the document belongs to; NULL for a document not (yet) attached.
    pub funding_opportunity_id: Option<i32>,
    /// How the document arrived.
    pub source: DocumentSource,
    /// Where the file is stored.
    #[sea_orm(column_type = "Text")]
    pub storage_path: String,
    /// MIME type.
    #[sea_orm(column_type = "Text")]
    pub mime: Option<String>,
    /// Hex SHA-256 of the file: one row per distinct file.
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub sha256: String,
    /// Page count, when known.
    pub pages: Option<i32>,
    /// Text-recognition state.
    pub ocr_status: OcrStatus,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
}

/// The document's opportunity.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The opportunity the document belongs to.
    #[sea_orm(
        belongs_to = "super::funding_opportunity::Entity",
        from = "Column::FundingOpportunityId",
        to = "super::funding_opportunity::Column::Id",
        on_delete = "Cascade"
    )]
    FundingOpportunity,
}

impl Related<super::funding_opportunity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FundingOpportunity.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
