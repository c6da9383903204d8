//! The service crate's one error type, and the one place database errors are classified.

use sea_orm::{DbErr, SqlErr};
use std::collections::BTreeMap;
use std::fmt;

/// Per-field validation messages: field name → every reason it was refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, Vec<String>>);

impl FieldErrors {
    /// Adds one reason for `field`.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.entry(field.into()).or_default().push(message.into());
    }

    /// Whether no field was refused.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The reasons given for `field` (empty if it passed).
    pub fn get(&self, field: &str) -> &[String] {
        self.0.get(field).map(Vec::as_slice).unwrap_or_default()
    }

    /// `Ok(())` when empty, otherwise [`Error::Validation`] with every reason.
    ///
    /// # Errors
    /// [`Error::Validation`] when any field was refused.
    pub fn into_result(self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self))
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (field, messages) in &self.0 {
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            write!(f, "{field}: {}", messages.join(", "))?;
        }
        Ok(())
    }
}

/// What a service operation can fail with. Nothing here knows about HTTP; the API picks a
/// status for each variant.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The row does not exist, or the actor may not see it (the two are indistinguishable
    /// on purpose).
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken, or the row is still referenced by other rows.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The input was refused; every invalid field is listed with its reasons.
    #[error("invalid input: {0}")]
    Validation(FieldErrors),
    /// Unknown e-mail address or wrong password (deliberately not saying which).
    #[error("wrong e-mail address or password")]
    Unauthenticated,
    /// Hashing or verifying a password failed for a reason other than a wrong password
    /// (bad parameters, a corrupt stored hash). Never carries the password.
    #[error("password hashing failed: {0}")]
    PasswordHash(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(DbErr),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The one translation of database errors: a unique-key violation or a foreign-key violation
/// (a row still referenced, or a reference to a row that vanished) is a [`Error::Conflict`];
/// anything else is [`Error::Database`].
pub fn map_db_err(err: DbErr) -> Error {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            Error::Conflict("a row with the same unique key already exists".to_owned())
        }
        Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
            Error::Conflict("the row is referenced by, or references, other rows".to_owned())
        }
        _ => Error::Database(err),
    }
}

/// Whether `err` means the database went away under the request (connection refused, killed
/// or reset, pool exhausted, server shutting down) rather than the statement being wrong: the
/// request may succeed when tried again.
pub fn is_connection_lost(err: &DbErr) -> bool {
    use sea_orm::{RuntimeErr, sqlx};
    let sqlx_error = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    match sqlx_error.as_ref() {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => {
            // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, connection_*.
            let sqlstate = db.code().unwrap_or_default();
            if matches!(sqlstate.as_ref(), "57P01" | "57P02" | "57P03")
                || sqlstate.starts_with("08")
            {
                return true;
            }
            // MySQL/MariaDB: connection killed (1927), server shutdown (1053), and the client
            // errors for a vanished server (2006, 2013).
            db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
                .is_some_and(|e| matches!(e.number(), 1053 | 1927 | 2006 | 2013))
        }
        _ => false,
    }
}

/// `Ok` when an update or delete touched a row; [`Error::NotFound`] when its id (and, for a
/// lawyer's data, the ownership predicate in its `WHERE`) matched nothing.
pub(crate) fn require_row(rows_affected: u64) -> Result<()> {
    if rows_affected == 0 {
        Err(Error::NotFound)
    } else {
        Ok(())
    }
}

/// Runs two checks' results together so that a caller sees the refused fields of both.
pub(crate) fn both<T>(first: Result<()>, second: Result<T>) -> Result<T> {
    match (first, second) {
        (Ok(()), second) => second,
        (Err(Error::Validation(mut a)), Err(Error::Validation(b))) => {
            for (field, messages) in b.0 {
                a.0.entry(field).or_default().extend(messages);
            }
            Err(Error::Validation(a))
        }
        (Err(e), _) => Err(e),
    }
}

impl From<validator::ValidationErrors> for Error {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut fields = FieldErrors::default();
        for (field, list) in errors.field_errors() {
            for error in list {
                let message = error
                    .message
                    .as_ref()
                    .map_or_else(|| error.code.to_string(), ToString::to_string);
                fields.add(field.to_string(), message);
            }
        }
        Error::Validation(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclassified_database_error_stays_a_database_error() {
        let mapped = map_db_err(DbErr::Custom("boom".to_owned()));
        assert!(matches!(mapped, Error::Database(_)));
    }

    #[test]
    fn field_errors_list_every_field_and_reason() {
        let mut fields = FieldErrors::default();
        fields.add("name", "is empty");
        fields.add("email", "is not an e-mail address");
        fields.add("email", "is too long");
        assert_eq!(
            fields.to_string(),
            "email: is not an e-mail address, is too long; name: is empty"
        );
        assert!(matches!(fields.into_result(), Err(Error::Validation(_))));
    }
}
