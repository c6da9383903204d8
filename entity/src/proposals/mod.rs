//! Funding proposal tables (upstream ReqAgent): funding opportunities, the proposal templates
//! and documents attached to them, and the sources they are ingested from with their runs.
//!
//! Children are deleted with their parent (`ON DELETE CASCADE`).

pub mod document;
pub mod enums;
pub mod funding_opportunity;
pub mod ingestion_run;
pub mod proposal_template;
pub mod source;
