//! Law practice tables (upstream lindia-db): lawyers, their clients, cases, property opinions,
//! and the logs of research queries, junior-assistant actions and model inferences.
//!
//! Every foreign key here is `ON DELETE NO ACTION`: deleting a user who still owns rows is
//! refused rather than cascading through a practice's records.

pub mod case;
pub mod client;
pub mod inference_log;
pub mod junior_log;
pub mod property_opinion;
pub mod research_query;
pub mod user;
