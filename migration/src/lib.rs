//! lexbase's schema history and the library behind the migration command line.
//!
//! The `m*` modules are frozen migrations: each renders its statements per backend (see
//! [`plan`]) and never imports `entity`. [`runner`] applies them under a cross-process lock
//! with checksums ([`upgrade`] and [`status`] are what the API server calls at start-up);
//! [`cli`] is the command line; [`Migrator`] still hands them to sea-orm-migration, so
//! sea-orm-cli keeps working.

pub mod autogen;
pub mod catalog;
pub mod checksum;
pub mod cli;
pub mod config;
pub mod ddl;
pub mod error;
pub mod generate;
pub mod masking;
pub mod ops;
pub mod plan;
pub mod pooled;
pub mod runner;
pub mod schema;
pub mod settings;
pub mod snapshots;
pub mod sql;
pub mod state;
pub mod target;
pub mod testing;
pub mod tracking;

mod m20251016_132455_create_legal_tables;
mod m20251016_150000_add_legal_indexes;
mod m20251030_153000_create_auditor_tables;
mod m20251105_120000_create_compliance_tables;
mod m20251206_103000_add_question_priority;
mod m20251210_090000_create_funding_opportunities;
mod m20251210_090100_add_opportunity_variants;
mod m20251210_090200_create_proposal_tables;
mod m20260101_000000_add_user_lockout;
mod m20260102_000000_create_api_tokens;
mod m20261201_115426_widen_mysql_text_columns;
mod m20261201_115439_compare_mysql_key_columns_as_binary;
mod m20261201_115448_store_mysql_timestamps_as_datetime;
mod m20261201_115500_key_source_fingerprints_by_source;

pub use error::{Error, Result};
pub use plan::Plan;
pub use runner::{Health, Options, Report, Runner, status, upgrade};
pub use sea_orm_migration::MigratorTrait;
pub use settings::MigrationSettings;

use sea_orm_migration::MigrationTrait;

/// Every migration, oldest first. New migrations are appended here (by `new`).
pub fn plans() -> Vec<Box<dyn Plan>> {
    vec![
        Box::new(m20251016_132455_create_legal_tables::Migration),
        Box::new(m20251016_150000_add_legal_indexes::Migration),
        Box::new(m20251030_153000_create_auditor_tables::Migration),
        Box::new(m20251105_120000_create_compliance_tables::Migration),
        Box::new(m20251206_103000_add_question_priority::Migration),
        Box::new(m20251210_090000_create_funding_opportunities::Migration),
        Box::new(m20251210_090100_add_opportunity_variants::Migration),
        Box::new(m20251210_090200_create_proposal_tables::Migration),
        Box::new(m20260101_000000_add_user_lockout::Migration),
        Box::new(m20260102_000000_create_api_tokens::Migration),
        Box::new(m20261201_115426_widen_mysql_text_columns::Migration),
        Box::new(m20261201_115439_compare_mysql_key_columns_as_binary::Migration),
        Box::new(m20261201_115448_store_mysql_timestamps_as_datetime::Migration),
        Box::new(m20261201_115500_key_source_fingerprints_by_source::Migration),
    ]
}

/// The migrator sea-orm-migration runs: the [`plans`] in order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        plans()
            .into_iter()
            .map(|plan| Box::new(plan::Step(plan)) as Box<dyn MigrationTrait>)
            .collect()
    }
}
