//! Sign-in: the password check, the failure count and re-hashing.
//!
//! The service never locks an account: a lock that any caller can trigger lets anyone keep a
//! lawyer out of their own account (and told callers which addresses exist). Guessing is
//! throttled by whoever knows the caller (the API: per client address, and per account and
//! client address, with growing delays). Here every failure is counted in
//! `users.failed_login_count` (incremented in SQL, so concurrent failures are all counted;
//! a success resets it) for operators to see.
//!
//! Unknown e-mail addresses and wrong passwords fail with the same [`Error::Unauthenticated`],
//! and the unknown-address path still verifies a password (against a fixed dummy hash), so
//! timing does not tell them apart.
//!
//! Argon2 is CPU-bound work; database statements are I/O. [`authenticate_with`] runs the
//! first through a [`Hashing`] (the API's runs on the bounded blocking pool) and awaits the
//! second where it was called, so no blocking thread waits on the database.

use super::User;
use crate::error::{Error, Result, map_db_err};
use crate::password;
use chrono::Utc;
use entity::legal::user;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use std::fmt;
use std::future::Future;

/// An argon2id hash (current parameters) of a random password nobody knows: verified against
/// when the e-mail address is unknown, so that path costs the same as a wrong password.
pub const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$HARf+ZoCQAjmczIuf6j2+A$uKfeTRT2fHdBKgzGqJ1N879GstwmhgT+Rjzj8hpo6Rk";

/// Where password hashing runs.
pub trait Hashing: Sync {
    /// Runs `work` (an argon2 hash or verification) and returns its outcome.
    fn run<T, F>(&self, work: F) -> impl Future<Output = Result<T>> + Send
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T> + Send + 'static;
}

/// Hashing on the calling thread: for command-line tools and tests.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inline;

impl Hashing for Inline {
    fn run<T, F>(&self, work: F) -> impl Future<Output = Result<T>> + Send
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T> + Send + 'static,
    {
        std::future::ready(work())
    }
}

/// An e-mail address and password to sign in with.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// E-mail address, any case.
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub email: String,
    /// Password.
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// [`authenticate_with`] hashing [`Inline`].
///
/// # Errors
/// As [`authenticate_with`].
pub async fn authenticate(conn: &impl ConnectionTrait, credentials: &Credentials) -> Result<User> {
    authenticate_with(conn, credentials, &Inline).await
}

/// Spends what a sign-in attempt costs (one argon2 verification) and fails it like a wrong
/// password: for attempts refused before the password is looked at (a throttled caller), so
/// that neither the answer nor its timing differs.
///
/// # Errors
/// Always [`Error::Unauthenticated`].
pub async fn refuse_like_a_failure(hashing: &impl Hashing, password: &str) -> Result<User> {
    let password = password.to_owned();
    let _ = hashing
        .run(move || password::verify(&password, DUMMY_HASH))
        .await;
    Err(Error::Unauthenticated)
}

/// Signs a user in: checks the password, counts a failure, and re-hashes the stored password
/// when it was made with other parameters than today's. Argon2 runs through `hashing`.
///
/// # Errors
/// [`Error::Unauthenticated`] for an unknown address or a wrong password (the same error for
/// both).
#[tracing::instrument(skip_all)]
pub async fn authenticate_with(
    conn: &impl ConnectionTrait,
    credentials: &Credentials,
    hashing: &impl Hashing,
) -> Result<User> {
    let email = credentials.email.to_lowercase();
    let found = if email.contains('\0') || email.chars().count() > 255 {
        None // No account can have such an address (PostgreSQL cannot even compare NUL).
    } else {
        user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(conn)
            .await
            .map_err(map_db_err)?
    };
    let Some(row) = found else {
        return refuse_like_a_failure(hashing, &credentials.password).await;
    };

    let (password, stored, id) = (
        credentials.password.clone(),
        row.password_hash.clone(),
        row.id,
    );
    let matches = hashing
        .run(move || Ok(stored_hash_matches(id, &password, &stored)))
        .await?;
    if !matches {
        record_failure(conn, row.id).await?;
        return Err(Error::Unauthenticated);
    }

    let rehash = password::needs_rehash(&row.password_hash);
    if rehash || row.failed_login_count != 0 || row.locked_until.is_some() {
        let mut update = user::Entity::update_many()
            .col_expr(user::Column::FailedLoginCount, Expr::val(0))
            .col_expr(
                user::Column::LockedUntil,
                Expr::val(Option::<chrono::DateTime<Utc>>::None),
            );
        if rehash {
            let password = credentials.password.clone();
            let fresh = hashing.run(move || password::hash(&password)).await?;
            update = update.col_expr(user::Column::PasswordHash, Expr::val(fresh));
        }
        update
            .filter(user::Column::Id.eq(row.id))
            .exec(conn)
            .await
            .map_err(map_db_err)?;
    }
    row.try_into()
}

/// Whether `password` matches the stored hash. A stored hash that is not a usable hash (an
/// upstream placeholder such as `$2b$12$dummy_hash_1`) matches nothing: the sign-in fails like a
/// wrong password, after the same argon2 work, and the log says which account (never the hash).
pub(super) fn stored_hash_matches(user_id: i32, password: &str, stored: &str) -> bool {
    match password::verify(password, stored) {
        Ok(matches) => matches,
        Err(error) => {
            tracing::warn!(user_id, %error, "a stored password hash is unusable; the sign-in fails");
            let _ = password::verify(password, DUMMY_HASH);
            false
        }
    }
}

/// Counts one failed sign-in, in SQL so that concurrent failures are all counted.
async fn record_failure(conn: &impl ConnectionTrait, id: i32) -> Result<()> {
    user::Entity::update_many()
        .col_expr(
            user::Column::FailedLoginCount,
            Expr::col(user::Column::FailedLoginCount).add(1),
        )
        .filter(user::Column::Id.eq(id))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        assert!(!password::needs_rehash(DUMMY_HASH), "{DUMMY_HASH}");
        assert!(!password::verify("", DUMMY_HASH).unwrap());
    }
}
