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

/// `lawyer` or `admin`.
pub(crate) fn role(text: &str) -> Result<(), ValidationError> {
    match crate::actor::Role::parse(text) {
        Some(_) => Ok(()),
        None => Err(refuse("role", "must be lawyer or admin")),
    }
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
    fn only_lower_case_hex_digests_pass() {
        assert!(sha256_hex(&"a".repeat(64)).is_ok());
        assert!(sha256_hex(&"A".repeat(64)).is_err());
        assert!(sha256_hex("abc").is_err());
    }
}
