//! `verification_log`: one row per verified answer, with its scores and trust label.
//!
//! Upstream's docs speak of 25 columns; the real table has these 23.

use crate::UtcDateTime;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The audit record of one answer verification.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = Verification))]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "verification_log")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Public identifier of the verification (a UUID in text form).
    #[sea_orm(column_type = "String(StringLen::N(36))", unique)]
    pub verification_id: String,
    /// When the row was inserted (server default).
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: UtcDateTime,
    /// The answer that was verified.
    #[sea_orm(column_type = "Text")]
    pub answer_text: String,
    /// Hex SHA-256 of the answer.
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub answer_hash: String,
    /// Number of sentences in the answer.
    #[sea_orm(default_value = 0)]
    pub answer_sentences: Option<i32>,
    /// Whether the answer cites anything.
    #[sea_orm(default_value = false)]
    pub has_citations: Option<bool>,
    /// The citations found, as produced by the verifier.
    pub citations: Option<Json>,
    /// Number of sources consulted.
    #[sea_orm(default_value = 0)]
    pub source_count: Option<i32>,
    /// Fingerprints of the sources consulted.
    pub source_fingerprints: Option<Json>,
    /// Number of sentences backed by a source.
    #[sea_orm(default_value = 0)]
    pub verified_sentences: Option<i32>,
    /// `verified_sentences / answer_sentences`, 0 to 1.
    #[sea_orm(default_value = 0.0)]
    pub verification_rate: Option<f64>,
    /// Overall confidence, 0 to 1.
    #[sea_orm(indexed)]
    pub confidence_score: f64,
    /// `✅ Verified`, `⚠️ Review` or `🚫 Rejected` (hence `utf8mb4` on MySQL).
    #[sea_orm(column_type = "String(StringLen::N(20))", indexed)]
    pub trust_label: String,
    /// Semantic similarity component of the score.
    pub semantic_similarity: Option<f64>,
    /// Retrieval quality component of the score.
    pub retrieval_quality: Option<f64>,
    /// Citation presence component of the score.
    pub citation_presence: Option<f64>,
    /// Coverage component of the score.
    pub coverage: Option<f64>,
    /// How many times verification was retried.
    #[sea_orm(default_value = 0)]
    pub retry_attempts: Option<i32>,
    /// Anything else the verifier recorded.
    pub extra_metadata: Option<Json>,
    /// False once the verification has been invalidated.
    #[sea_orm(default_value = true, indexed)]
    pub is_valid: Option<bool>,
    /// When the verification was invalidated, if it was.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub invalidated_at: Option<UtcDateTime>,
    /// How long verification took, in milliseconds.
    pub duration_ms: Option<f64>,
}

/// The verification log has no foreign keys.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
