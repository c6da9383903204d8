//! Sign-in with account lockout.
//!
//! [`MAX_FAILED_LOGINS`] consecutive failures lock the account for
//! [`LOCK_DURATION_MINUTES`]; the count is incremented in SQL (`failed_login_count + 1`), so
//! concurrent failures are all counted, and locking starts a new count. A success resets it.
//! While locked, even the right password is refused. Unknown e-mail addresses and wrong
//! passwords fail with the same [`Error::Unauthenticated`], and the unknown-address path still
//! verifies a password (against a fixed dummy hash), so timing does not tell them apart.

use super::User;
use crate::error::{Error, Result, map_db_err};
use crate::password;
use chrono::{Duration, Utc};
use entity::legal::user;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use std::fmt;

/// Consecutive failed sign-ins that lock an account.
pub const MAX_FAILED_LOGINS: i32 = 5;
/// How long a locked account refuses sign-in.
pub const LOCK_DURATION_MINUTES: i64 = 15;

/// An argon2id hash (current parameters) of a random password nobody knows: verified against
/// when the e-mail address is unknown, so that path costs the same as a wrong password.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$HARf+ZoCQAjmczIuf6j2+A$uKfeTRT2fHdBKgzGqJ1N879GstwmhgT+Rjzj8hpo6Rk";

/// An e-mail address and password to sign in with.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Deserialize)]
pub struct Credentials {
    /// E-mail address, any case.
    pub email: String,
    /// Password.
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

/// Signs a user in: checks the password, enforces the lockout, and re-hashes the stored
/// password when it was made with other parameters than today's.
///
/// # Errors
/// [`Error::Unauthenticated`] for an unknown address or a wrong password (the same error for
/// both), [`Error::Locked`] while the account is locked (whatever the password).
#[tracing::instrument(skip_all)]
pub async fn authenticate(conn: &impl ConnectionTrait, credentials: &Credentials) -> Result<User> {
    let email = credentials.email.to_lowercase();
    let found = if email.contains('\0') {
        None // PostgreSQL cannot even compare such text; no account can have it.
    } else {
        user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(conn)
            .await
            .map_err(map_db_err)?
    };
    let Some(row) = found else {
        // Spend the same time as a real verification, and fail the same way.
        let _ = password::verify(&credentials.password, DUMMY_HASH);
        return Err(Error::Unauthenticated);
    };

    let matches = password::verify(&credentials.password, &row.password_hash)?;
    let now = Utc::now();
    if let Some(until) = row.locked_until
        && until > now
    {
        return Err(Error::Locked { until });
    }
    if !matches {
        record_failure(conn, row.id, now + Duration::minutes(LOCK_DURATION_MINUTES)).await?;
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
            update = update.col_expr(
                user::Column::PasswordHash,
                Expr::val(password::hash(&credentials.password)?),
            );
        }
        update
            .filter(user::Column::Id.eq(row.id))
            .exec(conn)
            .await
            .map_err(map_db_err)?;
    }
    row.try_into()
}

/// Counts one failure; the one that reaches [`MAX_FAILED_LOGINS`] locks the account until
/// `lock_until` and starts a new count.
///
/// `locked_until` is assigned first: MySQL evaluates `SET` left to right with the new values,
/// the others with the old ones, and this order reads the old count on every backend.
async fn record_failure(
    conn: &impl ConnectionTrait,
    id: i32,
    lock_until: chrono::DateTime<Utc>,
) -> Result<()> {
    let reaches_limit = || {
        Expr::col(user::Column::FailedLoginCount)
            .add(1)
            .gte(MAX_FAILED_LOGINS)
    };
    user::Entity::update_many()
        .col_expr(
            user::Column::LockedUntil,
            Expr::case(reaches_limit(), Expr::val(lock_until))
                .finally(Expr::col(user::Column::LockedUntil))
                .into(),
        )
        .col_expr(
            user::Column::FailedLoginCount,
            Expr::case(reaches_limit(), Expr::val(0))
                .finally(Expr::col(user::Column::FailedLoginCount).add(1))
                .into(),
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
