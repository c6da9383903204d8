//! Keyset pagination with opaque cursors.
//!
//! A cursor is the base64url text of `v1:<id>`, the id of the last row handed out. Lists are
//! ordered newest first by id, so the next page is `id < cursor`: stable under inserts and
//! cheap at any depth (no `OFFSET`). Callers must treat cursors as opaque.

use crate::error::{FieldErrors, Result};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

/// Rows per page when the caller does not say.
pub const DEFAULT_LIMIT: u64 = 20;
/// The most rows a page may ask for.
pub const MAX_LIMIT: u64 = 100;

/// Which page to fetch.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    /// Rows per page, 1 to [`MAX_LIMIT`]; [`DEFAULT_LIMIT`] when absent.
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page; absent for the first page.
    pub cursor: Option<String>,
}

/// One page of rows.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The rows, newest first.
    pub items: Vec<T>,
    /// Where the next page starts; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// A decoded, checked [`PageRequest`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Keyset {
    pub limit: u64,
    pub before_id: Option<i32>,
}

impl PageRequest {
    /// Checks the limit and decodes the cursor, reporting both at once.
    pub(crate) fn keyset(&self) -> Result<Keyset> {
        let mut errors = FieldErrors::default();
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            errors.add("limit", format!("must be 1 to {MAX_LIMIT}"));
        }
        let before_id = match self.cursor.as_deref().map(decode) {
            None => None,
            Some(Some(id)) => Some(id),
            Some(None) => {
                errors.add("cursor", "is not a cursor this service issued");
                None
            }
        };
        errors.into_result()?;
        Ok(Keyset { limit, before_id })
    }
}

/// The cursor that resumes after the row with `id`.
pub(crate) fn encode(id: i32) -> String {
    URL_SAFE_NO_PAD.encode(format!("v1:{id}"))
}

fn decode(cursor: &str) -> Option<i32> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let id: i32 = text.strip_prefix("v1:")?.parse().ok()?;
    (id > 0).then_some(id)
}

/// Cuts `rows` (fetched with one row more than `limit`) into a page.
pub(crate) fn paginate<T>(mut rows: Vec<T>, limit: u64, id_of: impl Fn(&T) -> i32) -> Page<T> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let next_cursor = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|row| encode(id_of(row)))
    } else {
        None
    };
    Page {
        items: rows,
        next_cursor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn a_cursor_round_trips() {
        assert_eq!(decode(&encode(42)), Some(42));
    }

    #[test]
    fn foreign_cursors_are_refused() {
        for bad in [
            "",
            "42",
            "!!!",
            &URL_SAFE_NO_PAD.encode("v1:-3"),
            &URL_SAFE_NO_PAD.encode("v2:3"),
        ] {
            assert_eq!(decode(bad), None, "{bad}");
        }
        let request = PageRequest {
            limit: Some(0),
            cursor: Some("nonsense".to_owned()),
        };
        match request.keyset() {
            Err(Error::Validation(fields)) => {
                assert!(!fields.get("limit").is_empty());
                assert!(!fields.get("cursor").is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
}
