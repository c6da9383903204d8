//! `compliance_questions`: the review questions of a section.
//!
//! The migration also creates a non-unique index over `(section_id, question_order)`, which an
//! entity cannot express (only single-column indexes and unique keys).

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One review question.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ComplianceQuestion))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "compliance_questions")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The section the question belongs to.
    #[sea_orm(unique_key = "section_question_code")]
    pub section_id: i32,
    /// The guide's question identifier (e.g. `5307:1`, `TVI10-1`), unique within a section.
    #[sea_orm(
        column_type = "String(StringLen::N(50))",
        unique_key = "section_question_code"
    )]
    pub question_code: String,
    /// The question itself.
    #[sea_orm(column_type = "Text")]
    pub question_text: String,
    /// The requirement the question checks.
    #[sea_orm(column_type = "Text")]
    pub basic_requirement: Option<String>,
    /// Which recipients the question applies to.
    #[sea_orm(column_type = "Text")]
    pub applicability: Option<String>,
    /// Longer explanation from the guide.
    #[sea_orm(column_type = "Text")]
    pub detailed_explanation: Option<String>,
    /// Guidance for the reviewer.
    #[sea_orm(column_type = "Text")]
    pub instructions_for_reviewer: Option<String>,
    /// 1-based position within the section.
    pub question_order: Option<i32>,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// When the row was last updated; NULL until the first update.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub updated_at: Option<UtcDateTime>,
    /// `high` or `medium`; added by a later migration, hence last and nullable.
    #[sea_orm(column_type = "String(StringLen::N(20))")]
    pub priority: Option<String>,
}

/// The question's section, indicators and deficiencies.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The section the question belongs to.
    #[sea_orm(
        belongs_to = "super::section::Entity",
        from = "Column::SectionId",
        to = "super::section::Column::Id",
        on_delete = "Cascade"
    )]
    Section,
    /// Indicators of compliance for this question.
    #[sea_orm(has_many = "super::indicator::Entity")]
    Indicator,
    /// Deficiencies a reviewer may find for this question.
    #[sea_orm(has_many = "super::deficiency::Entity")]
    Deficiency,
}

impl Related<super::section::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Section.def()
    }
}

impl Related<super::indicator::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Indicator.def()
    }
}

impl Related<super::deficiency::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Deficiency.def()
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
