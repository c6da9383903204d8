//! `stamp --from-alembic`: adopting a database that one of the upstream Alembic histories
//! built, so `up` can take it from there without touching its rows.
//!
//! What must be checked is that the live tables are exactly what the *adopted* migrations
//! create. The entities cannot say that: they describe head, and later migrations add
//! columns and indexes to the same tables. So the adopted migrations' own `up` statements are
//! run in a scratch space of the same backend (an in-memory SQLite database; on PostgreSQL a
//! schema inside a transaction that is always rolled back; on MariaDB/MySQL a temporary
//! database, dropped afterwards, which needs the CREATE privilege), and that scratch schema
//! is read with the same introspection `check` uses and compared, table by table and enum by
//! enum, with the live ones of the same names. Names count too where later statements refer
//! to them: index names (downgrades drop indexes by name) and, on MariaDB/MySQL, foreign key
//! names (its downgrades drop foreign keys by name). Tables (and enum types) that the
//! remaining migrations would create must not exist yet either. Any difference refuses;
//! nothing is recorded. `alembic_version` is left as it is.

use super::scratch::{self, KeyNames};
use super::session::Session;
use super::{Runner, step};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::schema::diff::compare;
use crate::schema::{Snapshot, expected, live};
use crate::tracking;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde::Serialize;
use std::path::PathBuf;

/// The upstream histories, oldest revision first (SCHEMA.md, "Alembic revisions we adopt").
/// Alembic records only the newest revision of a history, which implies all before it.
pub const ALEMBIC_HISTORIES: [&[&str]; 4] = [
    &["04bd3fd5e6c2", "4d6abf4eecda"],
    &["001"],
    &["989ceebf408f"],
    &["0001", "0002", "0003"],
];

/// How `stamp --from-alembic` should adopt (every field has the CLI flag of its name).
#[derive(Debug, Clone, Default)]
pub struct AdoptOptions {
    /// `--plan`: print the reconciliation plan as SQL, change nothing.
    pub plan_only: bool,
    /// `--assume REVISION`: the revision a database without `alembic_version` (made by
    /// SQLAlchemy's `create_all`) stands at; verified exactly like a recorded one.
    pub assume: Option<String>,
    /// `--naive-timezone TZ`: the zone naive upstream timestamps were written in (IANA name;
    /// default UTC).
    pub naive_timezone: Option<String>,
    /// `--rename-aside TABLE=NEW`: upstream tables that carry a lexbase name with another
    /// shape, renamed aside before lexbase creates its own.
    pub rename_aside: Vec<(String, String)>,
    /// `--backup DIR`: where to write a backup before the plan runs.
    pub backup: Option<PathBuf>,
}

/// One `--rename-aside TABLE=NEW` flag as `(TABLE, NEW)`.
///
/// # Errors
/// [`Error::Config`] naming the flag when it is not `TABLE=NEW` with two plain names.
pub fn parse_rename_aside(text: &str) -> Result<(String, String)> {
    let plain = |name: &str| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    match text.split_once('=') {
        Some((table, new)) if plain(table) && plain(new) && table != new => {
            Ok((table.to_owned(), new.to_owned()))
        }
        _ => Err(Error::Config(format!(
            "--rename-aside {text}: expected TABLE=NEW, two different plain table names"
        ))),
    }
}

/// What adoption found, planned and recorded.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Adoption {
    /// The revisions `alembic_version` holds (or the assumed one).
    pub revisions: Vec<String>,
    /// The lexbase migrations now recorded as applied (in order); with `--plan`, those that
    /// would be.
    pub adopted: Vec<String>,
    /// Those that were recorded already.
    pub already: Vec<String>,
    /// Tables lexbase does not manage, left as they are.
    pub left_alone: Vec<String>,
    /// The reconciliation plan, as the SQL statements it runs (run unless `plan_only`).
    pub plan: Vec<String>,
    /// Why each step of the plan is there, in plan order.
    pub notes: Vec<String>,
    /// Whether the plan was only printed.
    pub plan_only: bool,
}

impl Runner {
    /// Adopts the database's Alembic revisions: verifies and records the migrations they map
    /// to, with their checksums.
    ///
    /// # Errors
    /// [`Error::AdoptionMismatch`] listing every difference (or an unknown revision);
    /// [`Error::Config`] when there is no `alembic_version` row.
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name()))]
    pub async fn adopt(&self, options: &AdoptOptions) -> Result<Adoption> {
        let _ = options;
        self.locked(async |session| {
            let backend = session.backend();
            let revisions = alembic_versions(session).await?;
            let indices = adopted(self.catalog(), &revisions)?;
            let records = tracking::read(session.db()).await?;
            let (already, fresh): (Vec<usize>, Vec<usize>) = indices.iter().partition(|&&i| {
                self.catalog()
                    .get(i)
                    .and_then(|e| records.get(e.name()))
                    .is_some_and(|r| r.applied_at.is_some())
            });
            let names = |list: &[usize]| -> Vec<String> {
                list.iter()
                    .filter_map(|&i| self.catalog().get(i))
                    .map(|e| e.name().to_owned())
                    .collect()
            };
            if !fresh.is_empty() {
                let statements: Vec<String> = indices
                    .iter()
                    .filter_map(|&i| self.catalog().get(i))
                    .flat_map(|e| e.plan().up(backend))
                    .collect();
                let (want, want_keys) = scratch::snapshot(session, &statements).await?;
                let found = live::snapshot(session.db()).await?;
                let found_keys = scratch::foreign_key_names(session.db()).await?;
                let mut differences = differences(backend, &want, &found);
                differences.extend(key_name_differences(&want_keys, &found_keys));
                if !differences.is_empty() {
                    return Err(Error::AdoptionMismatch {
                        revisions: revisions.join(", "),
                        adopted: names(&indices).join(", "),
                        differences,
                    });
                }
            }
            for &i in &fresh {
                let Some(entry) = self.catalog().get(i) else {
                    continue;
                };
                let note = format!(
                    "{} revision {}",
                    tracking::ADOPTED_NOTE_PREFIX,
                    entry.alembic_revision().unwrap_or("?")
                );
                tracing::info!("Adopting {} ({note})", entry.name());
                session
                    .run(&tracking::after_up(
                        backend,
                        entry.name(),
                        entry.checksum(),
                        step::now(),
                        None,
                        Some(&note),
                    ))
                    .await?;
            }
            Ok(Adoption {
                revisions,
                adopted: names(&fresh),
                already: names(&already),
                ..Adoption::default()
            })
        })
        .await
    }
}

async fn alembic_versions(session: &Session) -> Result<Vec<String>> {
    let tables = live::table_names(session.db()).await?;
    if !tables.iter().any(|t| t == "alembic_version") {
        return Err(Error::Config(
            "there is no alembic_version table: nothing to adopt".to_owned(),
        ));
    }
    let rows = session
        .db()
        .query_all_raw(Statement::from_string(
            session.backend(),
            "SELECT version_num FROM alembic_version",
        ))
        .await?;
    let mut revisions = rows
        .iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect::<Result<Vec<_>, _>>()?;
    revisions.sort();
    if revisions.is_empty() {
        return Err(Error::Config(
            "alembic_version is empty: nothing to adopt".to_owned(),
        ));
    }
    Ok(revisions)
}

/// The catalog indexes `revisions` stand for: each revision and the earlier ones of its
/// history, in catalog order.
///
/// # Errors
/// [`Error::AdoptionMismatch`] for a revision no lexbase migration ports.
pub fn adopted(catalog: &Catalog, revisions: &[String]) -> Result<Vec<usize>> {
    let mut indices = Vec::new();
    let mut unknown = Vec::new();
    for revision in revisions {
        let history = ALEMBIC_HISTORIES
            .iter()
            .find_map(|h| h.iter().position(|r| r == revision).map(|p| &h[..=p]));
        let Some(history) = history else {
            unknown.push(format!(
                "alembic_version holds '{revision}', which no lexbase migration ports"
            ));
            continue;
        };
        for revision in history {
            match catalog
                .entries()
                .iter()
                .position(|e| e.alembic_revision() == Some(revision))
            {
                Some(i) => indices.push(i),
                None => unknown.push(format!("no lexbase migration ports revision '{revision}'")),
            }
        }
    }
    if !unknown.is_empty() {
        return Err(Error::AdoptionMismatch {
            revisions: revisions.join(", "),
            adopted: "nothing".to_owned(),
            differences: unknown,
        });
    }
    indices.sort_unstable();
    indices.dedup();
    Ok(indices)
}

/// Each difference between what the adopted migrations create (`want`) and the live tables
/// of the same names, plus live tables or enum types that later migrations would create.
fn differences(backend: DbBackend, want: &Snapshot, found: &Snapshot) -> Vec<String> {
    let mut same_names = Snapshot::default();
    for (name, table) in &found.tables {
        if want.tables.contains_key(name) {
            same_names.tables.insert(name.clone(), table.clone());
        }
    }
    for (name, values) in &found.enum_types {
        if want.enum_types.contains_key(name) {
            same_names.enum_types.insert(name.clone(), values.clone());
        }
    }
    // Indexes MySQL made for foreign keys are the server's business, not the migrations'.
    let mut explicit = want.clone();
    for table in explicit.tables.values_mut() {
        table.indexes.retain(|index| !index.implicit);
    }
    // A renamed index is one of these lines too (`... is named X here`): later migrations
    // refer to indexes by name.
    // Foreign key names matter only where later migrations drop keys by name (MariaDB/MySQL),
    // which `key_name_differences` checks.
    let mut lines: Vec<String> = compare(&explicit, &same_names)
        .iter()
        .filter(|d| !matches!(d, crate::schema::diff::Difference::ForeignKeyName { .. }))
        .map(ToString::to_string)
        .collect();
    let head = expected::snapshot(backend);
    for table in head.tables.keys() {
        if !want.tables.contains_key(table) && found.tables.contains_key(table) {
            lines.push(format!(
                "table {table}: exists already, but a migration that is not being adopted creates it"
            ));
        }
    }
    for name in head.enum_types.keys() {
        if !want.enum_types.contains_key(name) && found.enum_types.contains_key(name) {
            lines.push(format!(
                "enum type {name}: exists already, but a migration that is not being adopted creates it"
            ));
        }
    }
    lines
}

fn key_name_differences(want: &KeyNames, found: &KeyNames) -> Vec<String> {
    want.iter()
        .filter(|key| !found.contains(key))
        .filter_map(|(table, columns, name)| {
            let other = found.iter().find(|(t, c, _)| t == table && c == columns)?;
            Some(format!(
                "table {table}: foreign key ({columns}) is named {} here, {name} in the \
                 migrations; later migrations refer to it by name",
                other.2
            ))
        })
        .collect()
}
