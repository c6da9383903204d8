//! Checks shared by the input structs' `#[derive(Validate)]`, and the one call that turns
//! `validator`'s report into [`Error::Validation`](crate::Error::Validation).
//!
//! Lengths are counted in characters, as the columns count them. NUL bytes are refused
//! everywhere because PostgreSQL cannot store them in text; every other character (quotes,
//! SQL fragments, emoji, right-to-left text) is stored verbatim, since every statement binds
//! its values.

use crate::error::Result;
use std::borrow::Cow;
use validator::{Validate, ValidationError};

/// The most characters of a long free text (descriptions, notes, questions, answers, log
/// texts, source texts): the same on every backend, well under what a column holds (MariaDB
/// `LONGTEXT`, PostgreSQL and SQLite `text`) and under the 1 MiB request body.
pub const LONG_TEXT_MAX: u64 = 100_000;
/// The most characters of a storage path or URL kept as text (`docx_path`, `pdf_path`,
/// `storage_path`).
pub const PATH_MAX: u64 = 4_096;
/// The most characters of a short free text kept as text (`mime`, a template's `hash`).
pub const SHORT_TEXT_MAX: u64 = 255;
/// The highest cost one inference may record. Sums over any number of rows stay far inside
/// what a double holds, so `/inference-logs/summary` cannot overflow.
pub const MAX_COST: f64 = 1_000_000.0;
/// The earliest instant accepted in a time window (MariaDB's `DATETIME` range starts here).
pub const EARLIEST: &str = "1000-01-01T00:00:00Z";
/// The latest instant accepted in a time window (the end of MariaDB's `DATETIME` range).
pub const LATEST: &str = "9999-12-31T23:59:59Z";

/// The fewest bytes a password may have.
pub const PASSWORD_MIN_BYTES: usize = 12;
/// The most bytes a password may have (bounds the work a sign-in attempt can cause).
pub const PASSWORD_MAX_BYTES: usize = 1024;

/// Validates `input`, reporting every invalid field at once.
///
/// # Errors
/// [`Error::Validation`](crate::Error::Validation) listing each refused field with its reasons.
pub fn check(input: &impl Validate) -> Result<()> {
    input.validate().map_err(Into::into)
}

fn refuse(code: &'static str, message: &'static str) -> ValidationError {
    ValidationError::new(code).with_message(Cow::Borrowed(message))
}

/// Refuses text containing a NUL byte.
pub(crate) fn no_nul(text: &str) -> Result<(), ValidationError> {
    if text.contains('\0') {
        Err(refuse("nul_byte", "must not contain a NUL byte"))
    } else {
        Ok(())
    }
}

/// Refuses text that is empty or only whitespace (and NUL bytes).
pub(crate) fn not_blank(text: &str) -> Result<(), ValidationError> {
    no_nul(text)?;
    if text.trim().is_empty() {
        Err(refuse("blank", "must not be blank"))
    } else {
        Ok(())
    }
}

/// The password policy: 12 to 1024 bytes, no NUL. Public so that a password taken from
/// elsewhere (the seeder's `SEED_DEFAULT_PASSWORD`) is held to the same rule before use.
///
/// # Errors
/// The refusal, whose `message` says what the rule is.
pub fn password(text: &str) -> Result<(), ValidationError> {
    if !(PASSWORD_MIN_BYTES..=PASSWORD_MAX_BYTES).contains(&text.len()) {
        return Err(refuse("length", "must be 12 to 1024 bytes"));
    }
    no_nul(text)
}

/// `lawyer`, `admin` or `service`.
pub(crate) fn role(text: &str) -> Result<(), ValidationError> {
    match crate::actor::Role::parse(text) {
        Some(_) => Ok(()),
        None => Err(refuse("role", "must be lawyer, admin or service")),
    }
}

/// Refuses JSON with a NUL character in any string or object key (PostgreSQL's `jsonb`
/// cannot store `\u0000`, and `json` columns are compared through it).
pub(crate) fn json_no_nul(value: &serde_json::Value) -> Result<(), ValidationError> {
    fn has_nul(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(text) => text.contains('\0'),
            serde_json::Value::Array(items) => items.iter().any(has_nul),
            serde_json::Value::Object(map) => map
                .iter()
                .any(|(key, value)| key.contains('\0') || has_nul(value)),
            _ => false,
        }
    }
    if has_nul(value) {
        Err(refuse("nul_byte", "must not contain a NUL character"))
    } else {
        Ok(())
    }
}

/// [`json_no_nul`] for every element of a list.
pub(crate) fn json_list_no_nul(values: &[serde_json::Value]) -> Result<(), ValidationError> {
    values.iter().try_for_each(json_no_nul)
}

/// A cost from 0 to [`MAX_COST`].
pub(crate) fn cost(value: f64) -> Result<(), ValidationError> {
    if value.is_finite() && (0.0..=MAX_COST).contains(&value) {
        Ok(())
    } else {
        Err(refuse("cost", "must be a number from 0 to 1000000"))
    }
}

/// The accepted range of instants, [`EARLIEST`] to [`LATEST`].
pub fn time_range() -> std::ops::RangeInclusive<chrono::DateTime<chrono::Utc>> {
    let parse = |text: &str| {
        chrono::DateTime::parse_from_rfc3339(text)
            .map(|at| at.to_utc())
            .unwrap_or_default()
    };
    parse(EARLIEST)..=parse(LATEST)
}

/// A lower-case hexadecimal SHA-256 digest (64 characters).
pub(crate) fn sha256_hex(text: &str) -> Result<(), ValidationError> {
    if text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(())
    } else {
        Err(refuse("sha256", "must be 64 lower-case hexadecimal digits"))
    }
}

/// A finite number (no NaN or infinity, which not every backend stores).
pub(crate) fn finite(value: f64) -> Result<(), ValidationError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(refuse("finite", "must be a finite number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_measured_in_bytes() {
        assert!(password("ééééé").is_err(), "10 bytes, 5 characters");
        assert!(password("éééééé").is_ok(), "12 bytes, 6 characters");
        assert!(password(&"a".repeat(1025)).is_err());
        assert!(password("twelve bytes\0").is_err());
    }

    #[test]
    fn nul_is_found_anywhere_in_json() {
        assert!(json_no_nul(&serde_json::json!({"a": ["ok", {"b": "x\0"}]})).is_err());
        assert!(json_no_nul(&serde_json::json!({"k\0": 1})).is_err());
        assert!(json_no_nul(&serde_json::json!({"a": ["ok", 1, null]})).is_ok());
    }

    #[test]
    fn the_time_range_is_mariadbs_datetime_range() {
        let range = time_range();
        assert_eq!(range.start().to_rfc3339(), "1000-01-01T00:00:00+00:00");
        assert_eq!(range.end().to_rfc3339(), "9999-12-31T23:59:59+00:00");
    }

    #[test]
    fn only_lower_case_hex_digests_pass() {
        assert!(sha256_hex(&"a".repeat(64)).is_ok());
        assert!(sha256_hex(&"A".repeat(64)).is_err());
        assert!(sha256_hex("abc").is_err());
    }
}
