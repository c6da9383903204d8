//! MariaDB/MySQL: every timestamp column becomes `DATETIME(6)` holding UTC. `TIMESTAMP` stops
//! at 2038-01-19 03:14:07 UTC, so a later case date or token expiry could not be stored, and
//! it kept whole seconds only. Values are converted in the session time zone, set to UTC
//! first (the application's connections use UTC too), so every stored instant is kept.
//! Server defaults become `UTC_TIMESTAMP(6)`, which does not depend on any client's time
//! zone. Nothing changes on PostgreSQL or SQLite.

use crate::ddl::mysql_modify;
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;

/// How a timestamp column is declared.
#[derive(Clone, Copy)]
enum Shape {
    /// NOT NULL with the current time as default.
    Now,
    /// NOT NULL, no default.
    Required,
    /// NULL by default.
    Optional,
}

use Shape::{Now, Optional, Required};

/// Every timestamp column the earlier migrations create, per table.
const TIMESTAMP_COLUMNS: &[(&str, &[(&str, Shape)])] = &[
    ("users", &[("created_at", Now), ("locked_until", Optional)]),
    ("clients", &[("created_at", Now)]),
    ("cases", &[("created_at", Now), ("updated_at", Optional)]),
    ("property_opinions", &[("created_at", Now)]),
    ("research_queries", &[("timestamp", Now)]),
    ("junior_logs", &[("timestamp", Now)]),
    ("inference_logs", &[("timestamp", Now)]),
    (
        "verification_log",
        &[("created_at", Now), ("invalidated_at", Optional)],
    ),
    (
        "embedding_cache",
        &[("created_at", Now), ("last_accessed", Required)],
    ),
    (
        "source_fingerprints",
        &[("created_at", Now), ("updated_at", Optional)],
    ),
    (
        "compliance_sections",
        &[("created_at", Now), ("updated_at", Optional)],
    ),
    (
        "compliance_questions",
        &[("created_at", Now), ("updated_at", Optional)],
    ),
    (
        "compliance_indicators",
        &[("created_at", Now), ("updated_at", Optional)],
    ),
    (
        "compliance_deficiencies",
        &[("created_at", Now), ("updated_at", Optional)],
    ),
    ("funding_opportunities", &[("created_at", Now)]),
    (
        "proposal_templates",
        &[("created_at", Now), ("updated_at", Now)],
    ),
    ("documents", &[("created_at", Now)]),
    ("sources", &[("created_at", Now)]),
    (
        "ingestion_runs",
        &[("started_at", Now), ("finished_at", Optional)],
    ),
    (
        "api_tokens",
        &[
            ("created_at", Now),
            ("expires_at", Required),
            ("revoked_at", Optional),
        ],
    ),
];

fn datetime(shape: Shape) -> &'static str {
    match shape {
        Now => "DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6)",
        Required => "DATETIME(6) NOT NULL",
        Optional => "DATETIME(6) NULL DEFAULT NULL",
    }
}

fn timestamp(shape: Shape) -> &'static str {
    match shape {
        Now => "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP",
        Required => "TIMESTAMP NOT NULL",
        // Explicit, so that a server with explicit_defaults_for_timestamp off does not make
        // it NOT NULL.
        Optional => "TIMESTAMP NULL DEFAULT NULL",
    }
}

fn script(backend: DbBackend, definition: fn(Shape) -> &'static str) -> Vec<String> {
    let mut s = Script::new(backend);
    if backend == DbBackend::MySql {
        s.raw("SET time_zone = '+00:00'");
        for (table, columns) in TIMESTAMP_COLUMNS {
            let definitions: Vec<(&str, &str)> = columns
                .iter()
                .map(|(column, shape)| (*column, definition(*shape)))
                .collect();
            s.raw(mysql_modify(table, &definitions));
        }
    }
    s.finish()
}

/// Stores MariaDB/MySQL timestamps as UTC `DATETIME(6)`.
///
/// `down` makes them `TIMESTAMP` again; it fails on a value past 2038-01-19 (strict mode)
/// rather than lose it.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "store mysql timestamps as utc datetime(6)"
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        script(backend, datetime)
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        script(backend, timestamp)
    }
}
