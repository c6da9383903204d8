//! FTA compliance review tables (upstream CORTAP): sections of the review guide, their
//! questions, and each question's indicators and deficiencies.
//!
//! Children are deleted with their parent (`ON DELETE CASCADE`).

pub mod deficiency;
pub mod indicator;
pub mod question;
pub mod section;
