//! SeaORM entities for every lexbase table: models, relations, active enums and the
//! `ActiveModelBehavior` that stamps `updated_at`. Data only: no business logic, no I/O.
//!
//! The tables come from four upstream backends and are grouped the same way:
//! [`legal`] (law practice), [`auditor`] (answer verification), [`compliance`] (FTA review
//! guide) and [`proposals`] (funding proposals). [`prelude`] re-exports every `Entity` under a
//! CamelCase name. [`auth`] holds the API's login tokens. [`digest`] is the one SHA-256 helper.

pub mod auditor;
pub mod auth;
pub mod compliance;
pub mod digest;
pub mod legal;
pub mod prelude;
pub mod proposals;
mod timestamps;
mod utc_date_time;

pub use utc_date_time::UtcDateTime;

use sea_orm::EntityName;

/// The name of every upstream table, grouped by the backend it comes from (legal, auditor,
/// compliance, proposals), each group in the order its migration creates the tables. Read
/// from the entities themselves so the list cannot drift from them.
pub fn table_names() -> [&'static str; 19] {
    [
        legal::user::Entity.table_name(),
        legal::client::Entity.table_name(),
        legal::case::Entity.table_name(),
        legal::property_opinion::Entity.table_name(),
        legal::research_query::Entity.table_name(),
        legal::junior_log::Entity.table_name(),
        legal::inference_log::Entity.table_name(),
        auditor::verification_log::Entity.table_name(),
        auditor::embedding_cache::Entity.table_name(),
        auditor::source_fingerprint::Entity.table_name(),
        compliance::section::Entity.table_name(),
        compliance::question::Entity.table_name(),
        compliance::indicator::Entity.table_name(),
        compliance::deficiency::Entity.table_name(),
        proposals::funding_opportunity::Entity.table_name(),
        proposals::proposal_template::Entity.table_name(),
        proposals::document::Entity.table_name(),
        proposals::source::Entity.table_name(),
        proposals::ingestion_run::Entity.table_name(),
    ]
}

/// Calls the macro `$callback` with the path of every entity: the 19 tables of
/// [`table_names`] in its order, then the API's tables. The one list of entities, for code
/// that must visit all (schema comparison, creating tables in development).
#[macro_export]
macro_rules! with_all_entities {
    ($callback:ident) => {
        $callback!(
            $crate::legal::user::Entity,
            $crate::legal::client::Entity,
            $crate::legal::case::Entity,
            $crate::legal::property_opinion::Entity,
            $crate::legal::research_query::Entity,
            $crate::legal::junior_log::Entity,
            $crate::legal::inference_log::Entity,
            $crate::auditor::verification_log::Entity,
            $crate::auditor::embedding_cache::Entity,
            $crate::auditor::source_fingerprint::Entity,
            $crate::compliance::section::Entity,
            $crate::compliance::question::Entity,
            $crate::compliance::indicator::Entity,
            $crate::compliance::deficiency::Entity,
            $crate::proposals::funding_opportunity::Entity,
            $crate::proposals::proposal_template::Entity,
            $crate::proposals::document::Entity,
            $crate::proposals::source::Entity,
            $crate::proposals::ingestion_run::Entity,
            $crate::auth::api_token::Entity
        )
    };
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
