//! `compliance_indicators`: the lettered indicators of compliance under a question.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One indicator of compliance.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ComplianceIndicator))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "compliance_indicators")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The question the indicator belongs to.
    #[sea_orm(unique_key = "question_letter")]
    pub question_id: i32,
    /// The guide's label (`a`, `b`, `b.1`, ...), unique within a question.
    #[sea_orm(
        column_type = "String(StringLen::N(5))",
        unique_key = "question_letter"
    )]
    pub letter: String,
    /// The indicator itself.
    #[sea_orm(column_type = "Text")]
    pub indicator_text: String,
    /// 1-based position within the question.
    pub indicator_order: Option<i32>,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// When the row was last updated; NULL until the first update.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub updated_at: Option<UtcDateTime>,
}

/// The indicator's question.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The question the indicator belongs to.
    #[sea_orm(
        belongs_to = "super::question::Entity",
        from = "Column::QuestionId",
        to = "super::question::Column::Id",
        on_delete = "Cascade"
    )]
    Question,
}

impl Related<super::question::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Question.def()
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
