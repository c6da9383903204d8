//! Autogenerate: the entities (desired) against the schema the migration history builds,
//! replayed in a scratch database ([`history`]), as a migration of [`Op`]s with an exact
//! inverse ([`Migration`]), written as a source file by [`write`].
//!
//! The inputs are abstract so the same engine serves the real entity set and small test
//! ones: a desired [`Snapshot`] built from any entities ([`crate::schema::expected::Desired`])
//! and a base built by replaying any list of [`Plan`]s.

pub mod run;
pub mod write;

use crate::config::DatabaseUrl;
use crate::error::Result;
use crate::ops::plan::{Renames, plan};
use crate::ops::{self, Op};
use crate::plan::{Mode, Plan};
use crate::runner::{Direction, scratch};
use crate::schema::live::sqlite_ddl::{Token, tokens};
use crate::schema::{Kind, Snapshot, names};
use sea_orm::DbBackend;
use std::collections::BTreeMap;

/// The schema `plans` build on `backend`, replayed in a scratch database (SQLite: in memory;
/// PostgreSQL, MariaDB: next to `server`'s database), with the PostgreSQL enum type names of
/// its enum columns where the backend itself names none.
///
/// # Errors
/// A statement failing, or a server backend without a server.
pub async fn history<'a>(
    plans: impl IntoIterator<Item = &'a dyn Plan> + Clone,
    backend: DbBackend,
    server: Option<&DatabaseUrl>,
) -> Result<Snapshot> {
    let statements: Vec<String> = plans
        .clone()
        .into_iter()
        .flat_map(|p| p.up(backend))
        .collect();
    let mut base = scratch::replay(backend, server, &statements).await?;
    if backend != DbBackend::Postgres {
        name_enums(&mut base, plans);
    }
    Ok(base)
}

/// The entities' schema with the history's names for what has the same shape there.
pub fn desired(mut entities: Snapshot, base: &Snapshot) -> Snapshot {
    names::reconcile(&mut entities, base);
    entities
}

/// A generated migration: its operations and their exact inverse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// What `up` does.
    pub upgrade: Vec<Op>,
    /// What `down` does: `upgrade` undone, last step first.
    pub downgrade: Vec<Op>,
}

impl Migration {
    /// The migration from `base` to `desired`.
    ///
    /// # Errors
    /// As [`plan`].
    pub fn between(base: &Snapshot, desired: &Snapshot, renames: &Renames) -> Result<Self> {
        let upgrade = plan(base, desired, renames)?;
        let downgrade = ops::invert(&upgrade, base);
        Ok(Self { upgrade, downgrade })
    }

    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.upgrade.is_empty()
    }
}

/// A migration held in memory (tests, and histories that are not files): a [`Plan`] whose
/// statements are its operations rendered.
#[derive(Debug, Clone)]
pub struct Generated {
    /// `mYYYYMMDD_HHMMSS_slug`.
    pub name: &'static str,
    /// What it does.
    pub message: &'static str,
    /// Its operations.
    pub migration: Migration,
}

impl Plan for Generated {
    fn name(&self) -> &'static str {
        self.name
    }
    fn message(&self) -> &'static str {
        self.message
    }
    fn up(&self, backend: DbBackend) -> Vec<String> {
        ops::render(&self.migration.upgrade, backend)
    }
    fn down(&self, backend: DbBackend) -> Vec<String> {
        ops::render(&self.migration.downgrade, backend)
    }
    fn mode(&self, backend: DbBackend, direction: Direction) -> Mode {
        match direction {
            Direction::Up => ops::mode(&self.migration.upgrade, backend),
            Direction::Down => ops::mode(&self.migration.downgrade, backend),
        }
    }
    fn source(&self) -> Option<&'static str> {
        // Its text is its operations: leaked once per migration, which lives as long as the
        // process anyway.
        Some(Box::leak(format!("{:?}", self.migration).into_boxed_str()))
    }
}

/// Gives enum columns read without a type name (SQLite, MariaDB) the PostgreSQL type that
/// `plans` create with exactly their values (read from their PostgreSQL statements).
pub fn name_enums<'a>(base: &mut Snapshot, plans: impl IntoIterator<Item = &'a dyn Plan>) {
    let postgres: Vec<String> = plans
        .into_iter()
        .flat_map(|p| p.up(DbBackend::Postgres))
        .collect();
    let mut types: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for sql in &postgres {
        let t = tokens(sql);
        let word = |i: usize| match t.get(i) {
            Some(Token::Word(w)) => Some(w.to_ascii_uppercase()),
            _ => None,
        };
        let name = match t.get(2) {
            Some(Token::Word(w)) => w.clone(),
            _ => continue,
        };
        let literals = || -> Vec<String> {
            t.iter()
                .filter_map(|x| match x {
                    Token::Literal(l) => Some(l.clone()),
                    _ => None,
                })
                .collect()
        };
        match (word(0).as_deref(), word(1).as_deref(), word(3).as_deref()) {
            (Some("CREATE"), Some("TYPE"), Some("AS")) => {
                types.insert(name, literals());
            }
            (Some("DROP"), Some("TYPE"), _) => {
                types.remove(&name);
            }
            (Some("ALTER"), Some("TYPE"), Some("ADD")) => {
                let added = literals();
                if let Some(values) = types.get_mut(&name)
                    && let Some(value) = added.first()
                {
                    match added
                        .get(1)
                        .and_then(|b| values.iter().position(|v| v == b))
                    {
                        Some(at) => values.insert(at, value.clone()),
                        None => values.push(value.clone()),
                    }
                }
            }
            _ => {}
        }
    }
    for table in base.tables.values_mut() {
        for column in table.columns.values_mut() {
            if let Kind::Enum {
                name: name @ None,
                values,
            } = &mut column.kind
            {
                let mut matching = types.iter().filter(|(_, v)| *v == values);
                if let (Some((type_name, _)), None) = (matching.next(), matching.next()) {
                    *name = Some(type_name.clone());
                }
            }
        }
    }
}
