//! Which lexbase migrations a database stands for: the revisions `alembic_version` holds (or
//! `--assume` names), each implying the earlier ones of its history; revisions upstream wrote
//! after the ones lexbase ports; and the other histories a merged chain carries.

use super::super::session::Session;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::schema::live;
use sea_orm::{ConnectionTrait, Statement};

/// The upstream histories, oldest revision first (SCHEMA.md, "Alembic revisions we adopt").
/// Alembic records only the newest revision of a history, which implies all before it.
pub const ALEMBIC_HISTORIES: [&[&str]; 4] = [
    &["04bd3fd5e6c2", "4d6abf4eecda"],
    &["001"],
    &["989ceebf408f"],
    &["0001", "0002", "0003"],
];

/// Upstream revisions newer than the ones lexbase ports, with the newest ported revision
/// each implies (UPSTREAM.md: lindia's branch head, CORTAP's and ReqAgent's heads). Their
/// own tables are not lexbase's: adoption leaves them alone.
pub const LATER_REVISIONS: [(&str, &str); 3] = [
    ("2f2b503de8e1", "4d6abf4eecda"),
    ("9dc402e9cbef", "989ceebf408f"),
    ("0004", "0003"),
];

/// A table the first revision of each history creates (same order as
/// [`ALEMBIC_HISTORIES`]): a database holding it carries that history, also when its
/// `alembic_version` names another history's revision (one chain merging several apps).
const FIRST_TABLES: [&str; 4] = [
    "users",
    "verification_log",
    "compliance_sections",
    "funding_opportunities",
];

/// The revisions to adopt: what `alembic_version` holds, or `assume` for a database without
/// one (`create_all` builds no `alembic_version`).
///
/// # Errors
/// [`Error::NotAdoptable`] in one line when there is nothing to adopt; [`Error::Config`]
/// when `assume` contradicts the recorded revision.
pub async fn recorded(session: &Session, assume: Option<&str>) -> Result<Vec<String>> {
    let tables = live::table_names(session.db()).await?;
    let mut revisions = Vec::new();
    if tables.iter().any(|t| t == "alembic_version") {
        let rows = session
            .db()
            .query_all_raw(Statement::from_string(
                session.backend(),
                "SELECT version_num FROM alembic_version",
            ))
            .await?;
        revisions = rows
            .iter()
            .map(|row| row.try_get_by_index::<String>(0))
            .collect::<Result<Vec<_>, _>>()?;
        revisions.sort();
    }
    match (assume, revisions.is_empty()) {
        (Some(assumed), true) => Ok(vec![assumed.to_owned()]),
        (Some(assumed), false) if revisions.iter().any(|r| r == assumed) => Ok(revisions),
        (Some(assumed), false) => Err(Error::Config(format!(
            "--assume {assumed}: alembic_version holds {}; --assume is for a database without a recorded revision",
            revisions.join(", ")
        ))),
        (None, false) => Ok(revisions),
        (None, true) if tables.iter().any(|t| t == "alembic_version") => {
            Err(Error::NotAdoptable(unbuilt(&tables)))
        }
        (None, true) => Err(Error::NotAdoptable(
            "there is no alembic_version table: nothing to adopt (a database built by create_all \
             is adopted with --assume REVISION, the revision its tables stand at)"
                .to_owned(),
        )),
    }
}

/// The line for an empty `alembic_version`.
fn unbuilt(tables: &[String]) -> String {
    if FIRST_TABLES.iter().any(|t| tables.iter().any(|l| l == t)) {
        "alembic_version is empty: nothing to adopt (if create_all built the tables, name their \
         revision with --assume REVISION)"
            .to_owned()
    } else {
        "alembic_version is empty and no table of an upstream history exists: the app never \
         finished building this database, so there is nothing to adopt"
            .to_owned()
    }
}

/// The catalog indexes `revisions` stand for: each revision and the earlier ones of its
/// history, plus every other history whose first table `tables` holds (a merged chain), in
/// catalog order.
///
/// # Errors
/// [`Error::NotAdoptable`] for a revision no lexbase migration ports.
pub fn adopted(catalog: &Catalog, revisions: &[String], tables: &[String]) -> Result<Vec<usize>> {
    let mut indices = Vec::new();
    let mut unknown = Vec::new();
    let mut histories = Vec::new();
    for revision in revisions {
        let ported = LATER_REVISIONS
            .iter()
            .find(|(later, _)| later == revision)
            .map_or(revision.as_str(), |(_, ported)| ported);
        let found = ALEMBIC_HISTORIES
            .iter()
            .enumerate()
            .find_map(|(n, h)| h.iter().position(|r| *r == ported).map(|p| (n, &h[..=p])));
        match found {
            Some((n, history)) => {
                histories.push(n);
                indices.extend(ports(catalog, history, &mut unknown));
            }
            None => unknown.push(format!(
                "alembic_version holds '{revision}', which no lexbase migration ports"
            )),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::NotAdoptable(unknown.join("; ")));
    }
    for (n, history) in ALEMBIC_HISTORIES.iter().enumerate() {
        if !histories.contains(&n) && tables.iter().any(|t| t == FIRST_TABLES[n]) {
            indices.extend(ports(catalog, history, &mut unknown));
        }
    }
    indices.sort_unstable();
    indices.dedup();
    Ok(indices)
}

fn ports(catalog: &Catalog, history: &[&str], unknown: &mut Vec<String>) -> Vec<usize> {
    history
        .iter()
        .filter_map(|revision| {
            let at = catalog
                .entries()
                .iter()
                .position(|e| e.alembic_revision() == Some(revision));
            if at.is_none() {
                unknown.push(format!("no lexbase migration ports revision '{revision}'"));
            }
            at
        })
        .collect()
}
