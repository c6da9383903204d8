//! The migration crate's one error type.

/// What can go wrong while configuring, connecting or migrating.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `DATABASE_URL` (or another variable) is missing or malformed.
    #[error("{0}")]
    Config(String),
    /// The database could not be reached or refused the credentials.
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The URL with its password masked.
        url: String,
        /// Why, in one line.
        reason: String,
    },
    /// A statement or migration failed.
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
