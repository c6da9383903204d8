//! Users the seeder creates, always through `service::users` like every other account (the
//! same validation, password policy and argon2id hashing): the fixture's two lawyers and
//! `seed admin`'s administrator. A registered address is reported, never changed.

use crate::error::Result;
use crate::report::Tally;
use entity::legal::user;
use rand::Rng;
use rand::distr::Alphanumeric;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    TransactionTrait,
};
use service::Role;
use service::users::{NewUser, register_unless_taken};
use std::collections::HashSet;

/// A fixture user: (name, email, role).
pub const USERS: [(&str, &str, Role); 2] = [
    ("Amit Sharma", "amit.sharma@legalindia.ai", Role::Lawyer),
    ("Priya Patel", "priya.patel@legalindia.ai", Role::Lawyer),
];

/// Length of a generated password (62 symbols: about 143 bits).
const GENERATED_PASSWORD_LEN: usize = 24;

/// The account to create, and the password to show once when it was generated (no
/// `default_password`).
fn new_user(
    name: &str,
    email: &str,
    role: Role,
    default_password: Option<&str>,
) -> (NewUser, Option<String>) {
    let generated = default_password.is_none().then(generate_password);
    let password = default_password
        .map(str::to_owned)
        .or_else(|| generated.clone())
        .unwrap_or_default();
    let input = NewUser {
        name: name.to_owned(),
        email: email.to_owned(),
        password,
        role: role.as_str().to_owned(),
    };
    (input, generated)
}

/// Creates the fixture users that do not exist, on a connection holding the seed lock: one
/// line per user (`Created user: ...` or `User already exists: ...`) and the users tally.
/// Only users that are created cost a password hash.
///
/// # Errors
/// A failing statement, or the service refusing a user.
pub async fn insert_fixture_users<C>(
    txn: &C,
    default_password: Option<&str>,
) -> Result<(Vec<String>, Tally)>
where
    C: ConnectionTrait + TransactionTrait,
{
    let mut lines = Vec::new();
    let mut users = Tally::new("users");
    // Read under the seed lock, so another seeder cannot add one meanwhile; an account made
    // meanwhile through the API is still caught by `register_unless_taken`.
    let existing: HashSet<String> = user::Entity::find()
        .select_only()
        .column(user::Column::Email)
        .filter(user::Column::Email.is_in(USERS.iter().map(|u| u.1)))
        .into_tuple::<String>()
        .all(txn)
        .await?
        .into_iter()
        .collect();
    for (name, email, role) in USERS {
        let created = if existing.contains(email) {
            None
        } else {
            let (input, generated) = new_user(name, email, role, default_password);
            register_unless_taken(txn, &input).await?.map(|_| generated)
        };
        lines.push(match &created {
            Some(Some(password)) => {
                format!("Created user: {email} (generated password: {password})")
            }
            Some(None) => format!("Created user: {email} (password from SEED_DEFAULT_PASSWORD)"),
            None => format!("User already exists: {email}"),
        });
        match created {
            Some(_) => users.created += 1,
            None => users.present += 1,
        }
    }
    Ok((lines, users))
}

/// Creates an admin (validation, lower-cased e-mail, argon2id); an existing e-mail address is
/// reported, not changed.
///
/// # Errors
/// [`crate::Error::Service`] carrying the service's validation or database error.
pub async fn create_admin(
    db: &DatabaseConnection,
    name: &str,
    email: &str,
    default_password: Option<&str>,
) -> Result<String> {
    let (input, generated) = new_user(name, email, Role::Admin, default_password);
    Ok(match register_unless_taken(db, &input).await? {
        Some(user) => match generated {
            Some(p) => format!("Created admin: {} (generated password: {p})", user.email),
            None => format!("Created admin: {}", user.email),
        },
        None => format!("User already exists: {}", email.to_lowercase()),
    })
}

/// A random password of [`GENERATED_PASSWORD_LEN`] letters and digits from the OS-seeded
/// thread generator.
fn generate_password() -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(GENERATED_PASSWORD_LEN)
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_are_long_and_differ() {
        let a = generate_password();
        assert_eq!(a.len(), GENERATED_PASSWORD_LEN);
        assert_ne!(a, generate_password());
    }
}
