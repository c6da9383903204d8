//! `funding_opportunities`: grant calls found by ingestion, with their extracted variants.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use super::enums::OpportunityStatus;

/// One funding opportunity.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = FundingOpportunity))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "funding_opportunities")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Where the opportunity was found; identifies it.
    #[sea_orm(column_type = "Text", unique)]
    pub source_url: String,
    /// The raw extraction, as ingested.
    pub json_data: Option<Json>,
    /// Text a reviewer may edit.
    #[sea_orm(column_type = "Text")]
    pub editable_text: Option<String>,
    /// Review state.
    #[sea_orm(indexed)]
    pub status: OpportunityStatus,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// Funding variants (JSONB on PostgreSQL). Left untyped on purpose: legacy rows hold
    /// other shapes, which the variants backfill normalises to a list of objects.
    // An expression, not a `default_value`: sea-query parenthesises it, and `('[]')` is the only
    // JSON default MySQL accepts.
    #[sea_orm(column_type = "JsonBinary", default_expr = "Expr::cust(\"'[]'\")")]
    pub variants: Json,
}

/// Templates and documents made for the opportunity.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Proposal templates generated for this opportunity.
    #[sea_orm(has_many = "super::proposal_template::Entity")]
    ProposalTemplate,
    /// Documents attached to this opportunity.
    #[sea_orm(has_many = "super::document::Entity")]
    Document,
}

impl Related<super::proposal_template::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProposalTemplate.def()
    }
}

impl Related<super::document::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Document.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
