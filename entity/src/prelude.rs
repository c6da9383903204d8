//! Every `Entity` under a CamelCase name, for `use entity::prelude::*`.

pub use crate::auditor::embedding_cache::Entity as EmbeddingCache;
pub use crate::auditor::source_fingerprint::Entity as SourceFingerprint;
pub use crate::auditor::verification_log::Entity as VerificationLog;
pub use crate::compliance::deficiency::Entity as ComplianceDeficiency;
pub use crate::compliance::indicator::Entity as ComplianceIndicator;
pub use crate::compliance::question::Entity as ComplianceQuestion;
pub use crate::compliance::section::Entity as ComplianceSection;
pub use crate::legal::case::Entity as Case;
pub use crate::legal::client::Entity as Client;
pub use crate::legal::inference_log::Entity as InferenceLog;
pub use crate::legal::junior_log::Entity as JuniorLog;
pub use crate::legal::property_opinion::Entity as PropertyOpinion;
pub use crate::legal::research_query::Entity as ResearchQuery;
pub use crate::legal::user::Entity as User;
pub use crate::proposals::document::Entity as Document;
pub use crate::proposals::funding_opportunity::Entity as FundingOpportunity;
pub use crate::proposals::ingestion_run::Entity as IngestionRun;
pub use crate::proposals::proposal_template::Entity as ProposalTemplate;
pub use crate::proposals::source::Entity as Source;
