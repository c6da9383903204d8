//! `proposal_templates`: proposal documents generated for a funding opportunity.
//!
//! The migration's unique index `uq_template_unique (funding_opportunity_id, hash)` is partial
//! (`WHERE hash IS NOT NULL`) where the backend supports it. An entity can only state the plain
//! unique key, which enforces the same rule because NULLs never collide in a unique index.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use super::enums::TemplateStatus;

/// One generated proposal template.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ProposalTemplate))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "proposal_templates")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The opportunity the template was generated for.
    #[sea_orm(indexed, unique_key = "template_unique")]
    pub funding_opportunity_id: i32,
    /// Where the DOCX rendering is stored.
    #[sea_orm(column_type = "Text")]
    pub docx_path: Option<String>,
    /// Where the PDF rendering is stored.
    #[sea_orm(column_type = "Text")]
    pub pdf_path: Option<String>,
    /// Generation state.
    pub status: TemplateStatus,
    /// Free-form notes.
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    /// Hex SHA-256 identifying the template's content; NULL until the hash backfill runs.
    #[sea_orm(column_type = "Text", indexed, unique_key = "template_unique")]
    pub hash: Option<String>,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// When the row was last changed: the server sets it on insert, the application on update.
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: UtcDateTime,
}

/// The template's opportunity.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The opportunity the template was generated for.
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
