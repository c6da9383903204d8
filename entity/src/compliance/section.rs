//! `compliance_sections`: the sections of the FTA Comprehensive Review Guide.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One review guide section.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ComplianceSection))]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "compliance_sections")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The guide's own section identifier (e.g. `"9"` for Procurement); a string, not a number.
    #[sea_orm(column_type = "String(StringLen::N(50))", unique)]
    pub section_code: String,
    /// Section title.
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub section_name: String,
    /// Pages of the guide the section spans, as printed.
    #[sea_orm(column_type = "String(StringLen::N(50))")]
    pub page_range: Option<String>,
    /// The section's stated purpose.
    #[sea_orm(column_type = "Text")]
    pub purpose: Option<String>,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// When the row was last updated; NULL until the first update.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub updated_at: Option<UtcDateTime>,
}

/// The section's questions.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Questions in this section.
    #[sea_orm(has_many = "super::question::Entity")]
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
