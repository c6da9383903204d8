//! The service crate's one error type.

/// What a service operation can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Hashing or verifying a password failed for a reason other than a wrong password
    /// (bad parameters, a corrupt stored hash). Never carries the password.
    #[error("password hashing failed: {0}")]
    PasswordHash(String),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
