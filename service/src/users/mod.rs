//! Users: registration ([`register`], and [`register_unless_taken`] for idempotent seeding),
//! sign-in ([`authenticate`]), password changes and lookups.
//!
//! A [`User`] never carries the password hash: it is a secret and must not reach a response
//! or a log.

mod login;

pub use login::{
    Credentials, DUMMY_HASH, Hashing, Inline, authenticate, authenticate_with,
    refuse_like_a_failure,
};

use crate::actor::{Actor, Role};
use crate::error::{Error, Result, map_db_err, require_row};
use crate::{password, validation};
use entity::legal::user;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    TransactionSession, TransactionTrait,
};
use sea_orm::{ActiveValue::Set, prelude::DateTimeUtc, sea_query::Expr};
use serde::{Deserialize, Serialize};
use std::fmt;
use validator::Validate;

/// A user as the rest of the program sees it (no password hash).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Id.
    pub id: i32,
    /// Display name.
    pub name: String,
    /// Lower-cased e-mail address.
    pub email: String,
    /// Role.
    pub role: Role,
    /// When the account was created.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: DateTimeUtc,
}

impl User {
    /// The actor this user is when acting.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            role: self.role,
        }
    }
}

impl TryFrom<user::Model> for User {
    type Error = Error;

    fn try_from(row: user::Model) -> Result<Self> {
        let role = Role::parse(&row.role).ok_or_else(|| {
            Error::Database(DbErr::Type(format!("user {} has an unknown role", row.id)))
        })?;
        Ok(Self {
            id: row.id,
            name: row.name,
            email: row.email,
            role,
            created_at: row.created_at.into(),
        })
    }
}

/// A new account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// Display name, 1 to 255 characters.
    #[validate(
        length(min = 1, max = 255, message = "must be 1 to 255 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 255))]
    pub name: String,
    /// E-mail address (stored lower-cased), at most 255 characters.
    #[validate(
        email(message = "must be an e-mail address"),
        length(max = 255, message = "must be at most 255 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub email: String,
    /// Password, 12 to 1024 bytes.
    #[validate(custom(function = "validation::password"))]
    pub password: String,
    /// `lawyer`, `admin`, or `service` (a machine client that writes the shared auditor and
    /// proposal resources).
    #[validate(custom(function = "validation::role"))]
    #[cfg_attr(feature = "openapi", schema(pattern = "^(lawyer|admin|service)$"))]
    pub role: String,
}

impl fmt::Debug for NewUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUser")
            .field("name", &self.name)
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("role", &self.role)
            .finish()
    }
}

/// A password change: the current password proves it is the account holder.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The password in use now.
    pub current_password: String,
    /// The new password, 12 to 1024 bytes.
    #[validate(custom(function = "validation::password"))]
    pub new_password: String,
}

impl fmt::Debug for PasswordChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordChange { <redacted> }")
    }
}

/// Creates an account with an argon2id hash of the password.
///
/// # Errors
/// [`Error::Validation`] for invalid fields (all reported at once), [`Error::Conflict`] when
/// the e-mail address is already registered.
#[tracing::instrument(skip_all)]
pub async fn register(conn: &impl ConnectionTrait, input: &NewUser) -> Result<User> {
    register_with(conn, input, &Inline).await
}

/// [`register`], hashing the password through `hashing` (off the async workers).
///
/// # Errors
/// As [`register`].
pub async fn register_with(
    conn: &impl ConnectionTrait,
    input: &NewUser,
    hashing: &impl Hashing,
) -> Result<User> {
    validation::check(input)?;
    let password = input.password.clone();
    let password_hash = hashing.run(move || password::hash(&password)).await?;
    let row = user::ActiveModel {
        name: Set(input.name.clone()),
        email: Set(input.email.to_lowercase()),
        password_hash: Set(password_hash),
        role: Set(input.role.clone()),
        // Explicit, though the column has a default: SQLite (3.51) was seen to return NULL from
        // `RETURNING` for a column added by `ALTER TABLE` on a pooled connection.
        failed_login_count: Set(0),
        locked_until: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(|e| match map_db_err(e) {
        Error::Conflict(_) => Error::Conflict("e-mail address already registered".to_owned()),
        other => other,
    })?;
    row.try_into()
}

/// Creates the account unless its e-mail address is registered already (`Ok(None)` then,
/// and nothing changes). The insert runs in a transaction of its own (a savepoint when `conn`
/// is a transaction), so a duplicate leaves the caller's transaction usable, even on
/// PostgreSQL, where a failed statement would otherwise abort it.
///
/// # Errors
/// As [`register`], except that a registered address is not an error.
pub async fn register_unless_taken<C>(conn: &C, input: &NewUser) -> Result<Option<User>>
where
    C: ConnectionTrait + TransactionTrait,
{
    let attempt = conn.begin().await.map_err(map_db_err)?;
    match register(&attempt, input).await {
        Ok(user) => {
            attempt.commit().await.map_err(map_db_err)?;
            Ok(Some(user))
        }
        Err(Error::Conflict(_)) => {
            attempt.rollback().await.map_err(map_db_err)?;
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

/// The user `id`: a lawyer may only look themselves up; an admin anyone.
///
/// # Errors
/// [`Error::NotFound`] when there is no such user or it is another lawyer.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn find_by_id(conn: &impl ConnectionTrait, actor: Actor, id: i32) -> Result<User> {
    user::Entity::find_by_id(id)
        .filter(actor.owns(user::Column::Id))
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)?
        .try_into()
}

/// Changes the actor's own password after checking the current one.
///
/// # Errors
/// [`Error::Validation`] for a new password out of bounds, [`Error::Unauthenticated`] when
/// the current password is wrong, [`Error::NotFound`] when the actor's account is gone.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn change_password(
    conn: &impl ConnectionTrait,
    actor: Actor,
    input: &PasswordChange,
) -> Result<()> {
    validation::check(input)?;
    let row = user::Entity::find_by_id(actor.user_id)
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)?;
    if !login::stored_hash_matches(row.id, &input.current_password, &row.password_hash) {
        return Err(Error::Unauthenticated);
    }
    let updated = user::Entity::update_many()
        .col_expr(
            user::Column::PasswordHash,
            Expr::val(password::hash(&input.new_password)?),
        )
        .filter(user::Column::Id.eq(actor.user_id))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    require_row(updated.rows_affected)?;
    Ok(())
}
