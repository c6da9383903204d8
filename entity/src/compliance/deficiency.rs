//! `compliance_deficiencies`: the deficiencies a reviewer may find for a question.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One possible deficiency.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ComplianceDeficiency))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "compliance_deficiencies")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The question the deficiency belongs to.
    #[sea_orm(unique_key = "question_deficiency_code")]
    pub question_id: i32,
    /// The guide's deficiency code, unique within a question (the literal `"None"` occurs).
    #[sea_orm(
        column_type = "String(StringLen::N(50))",
        unique_key = "question_deficiency_code"
    )]
    pub deficiency_code: String,
    /// Short title.
    #[sea_orm(column_type = "Text")]
    pub deficiency_title: String,
    /// The determination a reviewer records.
    #[sea_orm(column_type = "Text")]
    pub determination: String,
    /// Suggested corrective action.
    #[sea_orm(column_type = "Text")]
    pub corrective_action: Option<String>,
    /// 1-based position within the question.
    pub deficiency_order: Option<i32>,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// When the row was last updated; NULL until the first update.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub updated_at: Option<UtcDateTime>,
}

/// The deficiency's question.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The question the deficiency belongs to.
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
