//! Revision targets as Alembic spells them: `head`, `base`, `current`, `+N`, `-N`, a migration
//! name, a unique prefix of one, or the Alembic revision a migration ports; and ranges
//! `[FROM]:[TO]` for `history -r` and `sql`.

use crate::catalog::Catalog;
use crate::error::{Error, Result};

/// Where a command should take the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The newest migration.
    Head,
    /// Before the first migration.
    Base,
    /// The database's current revision (needs the database).
    Current,
    /// `+N` / `-N` from the current revision.
    Relative(i64),
    /// A migration, by its index in the catalog.
    Revision(usize),
}

impl Target {
    /// Reads `text`, resolving names against `catalog`.
    ///
    /// # Errors
    /// [`Error::UnknownRevision`] with close matches, or [`Error::AmbiguousRevision`] listing
    /// the candidates.
    pub fn parse(catalog: &Catalog, text: &str) -> Result<Self> {
        let text = text.trim();
        match text {
            "head" | "heads" => return Ok(Target::Head),
            "base" => return Ok(Target::Base),
            "current" => return Ok(Target::Current),
            _ => {}
        }
        if let Some(digits) = text.strip_prefix('+').or_else(|| text.strip_prefix('-'))
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            let n: i64 = digits
                .parse()
                .map_err(|_| Error::BadTarget(format!("'{text}' is too large")))?;
            return Ok(Target::Relative(if text.starts_with('-') { -n } else { n }));
        }
        resolve(catalog, text).map(Target::Revision)
    }
}

/// The migration `text` names: its full name, its Alembic revision, or a unique prefix of
/// either.
///
/// # Errors
/// As [`Target::parse`].
pub fn resolve(catalog: &Catalog, text: &str) -> Result<usize> {
    let entries = catalog.entries();
    if let Some(i) = entries
        .iter()
        .position(|e| e.name() == text || e.alembic_revision() == Some(text))
    {
        return Ok(i);
    }
    let candidates: Vec<usize> = (0..entries.len())
        .filter(|&i| {
            let entry = &entries[i];
            !text.is_empty()
                && (entry.name().starts_with(text)
                    || entry
                        .alembic_revision()
                        .is_some_and(|r| r.starts_with(text)))
        })
        .collect();
    match candidates.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::UnknownRevision {
            given: text.to_owned(),
            suggestions: close_matches(catalog, text),
        }),
        many => Err(Error::AmbiguousRevision {
            given: text.to_owned(),
            candidates: many.iter().map(|&i| entries[i].name().to_owned()).collect(),
        }),
    }
}

/// Up to three migrations whose name, name without its timestamp, or Alembic revision is
/// close to `text`, best first.
fn close_matches(catalog: &Catalog, text: &str) -> Vec<String> {
    let mut scored: Vec<(f64, &'static str)> = catalog
        .entries()
        .iter()
        .map(|entry| {
            let name = entry.name();
            let slug = name.get(17..).unwrap_or(name);
            let score = [Some(name), Some(slug), entry.alembic_revision()]
                .into_iter()
                .flatten()
                .map(|candidate| strsim::normalized_damerau_levenshtein(text, candidate))
                .fold(0.0, f64::max);
            (score, name)
        })
        .filter(|(score, _)| *score >= 0.6)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = scored.first().map_or(0.0, |(score, _)| *score);
    scored
        .into_iter()
        .filter(|(score, _)| *score >= best - 0.1)
        .take(3)
        .map(|(_, name)| name.to_owned())
        .collect()
}

/// A `[FROM]:[TO]` range, or a lone `TO` (from base). Missing ends are base and head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Where it starts.
    pub from: Target,
    /// Where it ends.
    pub to: Target,
}

impl Range {
    /// Reads `text` (`None`: `base:head`).
    ///
    /// # Errors
    /// As [`Target::parse`], for either end.
    pub fn parse(catalog: &Catalog, text: Option<&str>) -> Result<Self> {
        let Some(text) = text else {
            return Ok(Range {
                from: Target::Base,
                to: Target::Head,
            });
        };
        let (from, to) = text.split_once(':').unwrap_or(("", text));
        let end = |part: &str, default| {
            if part.trim().is_empty() {
                Ok(default)
            } else {
                Target::parse(catalog, part)
            }
        };
        Ok(Range {
            from: end(from, Target::Base)?,
            to: end(to, Target::Head)?,
        })
    }
}

/// A point in the history: `None` is base, `Some(i)` is "migration `i` and all before it".
pub type Position = Option<usize>;

/// The position `target` names, relative ones counted from `from`.
///
/// # Errors
/// [`Error::BadTarget`] for `current` (which needs the database: the caller resolves it) and
/// for a relative step past head or base.
pub fn position(catalog: &Catalog, target: Target, from: Position) -> Result<Position> {
    let last = catalog.entries().len().checked_sub(1);
    match target {
        Target::Head => Ok(last),
        Target::Base => Ok(None),
        Target::Revision(i) => Ok(Some(i)),
        Target::Current => Err(Error::BadTarget(
            "'current' needs a database here".to_owned(),
        )),
        Target::Relative(n) => {
            let start = from.map_or(0, |i| i as i64 + 1);
            let end = start + n;
            let len = catalog.entries().len() as i64;
            if end < 0 || end > len {
                return Err(Error::BadTarget(format!(
                    "relative revision {n:+} goes past {}",
                    if end < 0 { "base" } else { "head" }
                )));
            }
            Ok(usize::try_from(end).ok().and_then(|e| e.checked_sub(1)))
        }
    }
}

impl Range {
    /// Whether either end is `current` (which needs the database).
    pub fn mentions_current(&self) -> bool {
        self.from == Target::Current || self.to == Target::Current
    }

    /// The migrations `history -r` lists, newest first, read as Alembic reads a range: both
    /// ends included; `current` is the database's revision (`current_at`); a relative start
    /// `-N` counts down from the end (stopping at base) and a relative end `+N` counts up from
    /// the start (stopping at head).
    ///
    /// # Errors
    /// [`Error::BadTarget`] for a start after the end, two relative ends, a relative start
    /// `+N` or a relative end `-N` (Alembic refuses those too).
    pub fn history(&self, catalog: &Catalog, current_at: Position) -> Result<Vec<usize>> {
        let last = catalog.entries().len().checked_sub(1);
        let fixed = |target: Target| match target {
            Target::Head => Ok(last),
            Target::Base => Ok(None),
            Target::Current => Ok(current_at),
            Target::Revision(i) => Ok(Some(i)),
            Target::Relative(n) => Err(Error::BadTarget(format!(
                "relative revision {n:+} needs the other end of the range to be a revision"
            ))),
        };
        // The first migration shown (`None`: none) and the last (`None`: base, so none).
        let (first, end) = match (self.from, self.to) {
            (Target::Relative(n), to) if n < 0 => {
                let end = fixed(to)?;
                let steps = usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX);
                (end.map(|e| e.saturating_sub(steps)), end)
            }
            (Target::Relative(n), _) => {
                return Err(Error::BadTarget(format!(
                    "a range cannot start at {n:+}: a relative start counts down from its end"
                )));
            }
            (from, Target::Relative(n)) if n > 0 => {
                let start = fixed(from)?;
                let steps = usize::try_from(n).unwrap_or(usize::MAX);
                let end = match start {
                    None => steps.checked_sub(1),
                    Some(i) => Some(i.saturating_add(steps)),
                };
                (
                    Some(start.unwrap_or(0)),
                    end.map(|e| last.map_or(e, |l| e.min(l))),
                )
            }
            (_, Target::Relative(n)) => {
                return Err(Error::BadTarget(format!(
                    "a range cannot end at {n:+}: a relative end counts up from its start"
                )));
            }
            (from, to) => match (fixed(from)?, fixed(to)?) {
                (Some(start), None) => {
                    let name = catalog.get(start).map_or("?", |e| e.name());
                    return Err(Error::BadTarget(format!(
                        "{name} is not before base: write the range as FROM:TO, oldest first"
                    )));
                }
                (start, end) => (Some(start.unwrap_or(0)), end),
            },
        };
        let (Some(first), Some(end)) = (first, end) else {
            return Ok(Vec::new());
        };
        if first > end {
            let name = |i: usize| catalog.get(i).map_or("?", |e| e.name());
            return Err(Error::BadTarget(format!(
                "{} is not before {}: write the range as FROM:TO, oldest first",
                name(first),
                name(end)
            )));
        }
        Ok((first..=end).rev().collect())
    }
}
