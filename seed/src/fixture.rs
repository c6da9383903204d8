//! The development fixture from SCHEMA.md: two lawyers, two clients, one case, one property
//! opinion.
//!
//! Idempotent by natural key, one statement per table: users by their unique email with
//! insert-or-ignore; clients, cases and property opinions (which have no unique index) with
//! `INSERT ... SELECT ... WHERE NOT EXISTS` while the seed lock is held.

use crate::db::Sql;
use crate::error::Result;
use crate::lock::Locked;
use crate::report::{Report, Tally};
use entity::legal::user;
use rand::Rng;
use rand::distr::Alphanumeric;
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait};
use std::collections::HashSet;

/// A fixture user: (name, email, role).
pub const USERS: [(&str, &str, &str); 2] = [
    ("Amit Sharma", "amit.sharma@legalindia.ai", "lawyer"),
    ("Priya Patel", "priya.patel@legalindia.ai", "lawyer"),
];

/// A fixture client: (lawyer email, name, contact, address).
pub const CLIENTS: [(&str, &str, &str, &str); 2] = [
    (
        "amit.sharma@legalindia.ai",
        "Tech Solutions Pvt Ltd",
        "+91-9876543210",
        "Mumbai, Maharashtra",
    ),
    (
        "priya.patel@legalindia.ai",
        "Green Properties LLC",
        "+91-9876543211",
        "Delhi, NCR",
    ),
];

/// A fixture case: (lawyer email, client name, title, status, description).
pub const CASES: [(&str, &str, &str, &str, &str); 1] = [(
    "amit.sharma@legalindia.ai",
    "Tech Solutions Pvt Ltd",
    "Contract Dispute Resolution",
    "active",
    "Dispute over service level agreement breach",
)];

/// A fixture property opinion: (lawyer email, client name, document URL, status, notes).
pub const PROPERTY_OPINIONS: [(&str, &str, &str, &str, &str); 1] = [(
    "priya.patel@legalindia.ai",
    "Green Properties LLC",
    "https://storage.example.com/docs/prop_123.pdf",
    "pending",
    "Initial review requested for land title verification",
)];

/// Length of a generated password (62 symbols: about 143 bits).
const GENERATED_PASSWORD_LEN: usize = 24;

/// A user about to be inserted, with the password to show if it was generated.
pub struct NewUser {
    name: &'static str,
    email: &'static str,
    role: &'static str,
    hash: String,
    shown_password: Option<String>,
}

impl std::fmt::Debug for NewUser {
    /// The email only: the hash and a generated password are secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// Seeds everything plain `seed` seeds, in one transaction under the seed lock: the
/// fixture, the default sources and the shipped compliance sample.
///
/// `default_password` is given to every user created; without it each gets a generated one,
/// reported once in a `Created user:` line.
///
/// # Errors
/// A failing statement or password hash; nothing is committed then.
pub async fn seed_all(db: &DatabaseConnection, default_password: Option<&str>) -> Result<Report> {
    let sample = crate::compliance::sample()?;
    let new_users = prepare_users(db, default_password).await?;
    let locked = Locked::begin(db).await?;
    let mut report = insert(locked.txn(), &new_users).await?;
    report
        .tallies
        .push(crate::sources::insert_if_empty(locked.txn()).await?);
    report.extend(
        crate::compliance::store(
            locked.txn(),
            &sample,
            crate::compliance::Mode::InsertMissing,
        )
        .await?,
    );
    locked.commit().await?;
    Ok(report)
}

/// Hashes a password for each fixture user that does not exist yet — outside the lock,
/// since hashing takes tens of milliseconds. Whether a user is created is decided by the
/// insert-or-ignore in [`insert`], never by this read.
///
/// # Errors
/// A failing query or password hash.
pub async fn prepare_users(
    db: &impl ConnectionTrait,
    default_password: Option<&str>,
) -> Result<Vec<NewUser>> {
    let emails: Vec<&str> = USERS.iter().map(|u| u.1).collect();
    let existing: HashSet<String> = user::Entity::find()
        .select_only()
        .column(user::Column::Email)
        .filter(user::Column::Email.is_in(emails))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut new_users = Vec::new();
    for (name, email, role) in USERS {
        if existing.contains(email) {
            continue;
        }
        let (password, shown_password) = match default_password {
            Some(p) => (p.to_owned(), None),
            None => {
                let p = generate_password();
                (p.clone(), Some(p))
            }
        };
        new_users.push(NewUser {
            name,
            email,
            role,
            hash: service::password::hash(&password)?,
            shown_password,
        });
    }
    Ok(new_users)
}

/// Inserts the fixture on a connection holding the seed lock: `new_users` with
/// insert-or-ignore, then clients, cases and property opinions.
///
/// # Errors
/// A failing statement.
pub async fn insert(txn: &impl ConnectionTrait, new_users: &[NewUser]) -> Result<Report> {
    let mut report = Report::default();
    let mut users = Tally::new("users");
    let mut created = HashSet::new();
    for new in new_users {
        // sea-query renders MySQL's do-nothing as invalid SQL, and MySQL's `ON DUPLICATE KEY
        // UPDATE email = email` reports 1 affected row for a duplicate under CLIENT_FOUND_ROWS
        // (which sqlx sets), so MySQL gets INSERT IGNORE: no other error is possible for
        // these literal, short values.
        let backend = txn.get_database_backend();
        let mut insert = Sql::new(backend);
        insert
            .push(if backend == DbBackend::MySql {
                "INSERT IGNORE INTO users (name, email, password_hash, role) VALUES "
            } else {
                "INSERT INTO users (name, email, password_hash, role) VALUES "
            })
            .tuple([
                new.name.to_owned(),
                new.email.to_lowercase(),
                new.hash.clone(),
                new.role.to_owned(),
            ]);
        if backend != DbBackend::MySql {
            insert.push(" ON CONFLICT (email) DO NOTHING");
        }
        if txn.execute_raw(insert.build()).await?.rows_affected() == 1 {
            created.insert(new.email);
        }
    }
    for (_, email, _) in USERS {
        match new_users.iter().find(|n| n.email == email) {
            Some(new) if created.contains(email) => {
                users.created += 1;
                report.lines.push(match &new.shown_password {
                    Some(p) => format!("Created user: {email} (generated password: {p})"),
                    None => format!("Created user: {email} (password from SEED_DEFAULT_PASSWORD)"),
                });
            }
            _ => {
                users.present += 1;
                report.lines.push(format!("User already exists: {email}"));
            }
        }
    }
    report.tallies.push(users);
    report.tallies.push(insert_clients(txn).await?);
    report.tallies.push(insert_cases(txn).await?);
    report.tallies.push(insert_property_opinions(txn).await?);
    Ok(report)
}

async fn insert_clients(txn: &impl ConnectionTrait) -> Result<Tally> {
    let mut sql = Sql::new(txn.get_database_backend());
    sql.push(
        "INSERT INTO clients (lawyer_id, name, contact, address) \
         SELECT u.id, v.name, v.contact, v.address FROM users u JOIN (",
    );
    for (i, (email, name, contact, address)) in CLIENTS.iter().enumerate() {
        sql.push(if i == 0 {
            "SELECT "
        } else {
            " UNION ALL SELECT "
        })
        .bind(*email)
        .push(" AS email, ")
        .bind(*name)
        .push(" AS name, ")
        .bind(*contact)
        .push(" AS contact, ")
        .bind(*address)
        .push(" AS address");
    }
    sql.push(
        ") v ON u.email = v.email WHERE NOT EXISTS \
         (SELECT 1 FROM clients c WHERE c.lawyer_id = u.id AND c.name = v.name)",
    );
    tally(txn, "clients", CLIENTS.len(), sql).await
}

async fn insert_cases(txn: &impl ConnectionTrait) -> Result<Tally> {
    let mut sql = Sql::new(txn.get_database_backend());
    sql.push(
        "INSERT INTO cases (client_id, title, status, description) \
         SELECT c.id, v.title, v.status, v.description \
         FROM users u JOIN clients c ON c.lawyer_id = u.id JOIN (",
    );
    for (i, (email, client, title, status, description)) in CASES.iter().enumerate() {
        sql.push(if i == 0 {
            "SELECT "
        } else {
            " UNION ALL SELECT "
        })
        .bind(*email)
        .push(" AS email, ")
        .bind(*client)
        .push(" AS client, ")
        .bind(*title)
        .push(" AS title, ")
        .bind(*status)
        .push(" AS status, ")
        .bind(*description)
        .push(" AS description");
    }
    sql.push(
        ") v ON u.email = v.email AND c.name = v.client WHERE NOT EXISTS \
         (SELECT 1 FROM cases k WHERE k.client_id = c.id AND k.title = v.title)",
    );
    tally(txn, "cases", CASES.len(), sql).await
}

async fn insert_property_opinions(txn: &impl ConnectionTrait) -> Result<Tally> {
    let mut sql = Sql::new(txn.get_database_backend());
    sql.push(
        "INSERT INTO property_opinions (client_id, document_url, status, notes) \
         SELECT c.id, v.document_url, v.status, v.notes \
         FROM users u JOIN clients c ON c.lawyer_id = u.id JOIN (",
    );
    for (i, (email, client, url, status, notes)) in PROPERTY_OPINIONS.iter().enumerate() {
        sql.push(if i == 0 {
            "SELECT "
        } else {
            " UNION ALL SELECT "
        })
        .bind(*email)
        .push(" AS email, ")
        .bind(*client)
        .push(" AS client, ")
        .bind(*url)
        .push(" AS document_url, ")
        .bind(*status)
        .push(" AS status, ")
        .bind(*notes)
        .push(" AS notes");
    }
    sql.push(
        ") v ON u.email = v.email AND c.name = v.client WHERE NOT EXISTS \
         (SELECT 1 FROM property_opinions p \
          WHERE p.client_id = c.id AND p.document_url = v.document_url)",
    );
    tally(txn, "property_opinions", PROPERTY_OPINIONS.len(), sql).await
}

async fn tally(
    txn: &impl ConnectionTrait,
    table: &'static str,
    expected: usize,
    sql: Sql,
) -> Result<Tally> {
    let created = txn.execute_raw(sql.build()).await?.rows_affected();
    Ok(Tally {
        table,
        created,
        updated: 0,
        present: (expected as u64).saturating_sub(created),
    })
}

/// A random password of [`GENERATED_PASSWORD_LEN`] letters and digits from the OS-seeded
/// thread generator.
/// Creates an admin through the service layer (validation, lower-cased e-mail, argon2id);
/// an existing e-mail address is reported, not changed.
///
/// # Errors
/// [`Error::Password`] carrying the service's validation or database error.
pub async fn create_admin(
    db: &impl ConnectionTrait,
    name: &str,
    email: &str,
    default_password: Option<&str>,
) -> Result<String> {
    let generated = default_password.is_none().then(generate_password);
    let input = service::users::NewUser {
        name: name.to_owned(),
        email: email.to_owned(),
        password: default_password
            .map(str::to_owned)
            .or_else(|| generated.clone())
            .unwrap_or_default(),
        role: "admin".to_owned(),
    };
    match service::users::register(db, &input).await {
        Ok(user) => Ok(match generated {
            Some(p) => format!("Created admin: {} (generated password: {p})", user.email),
            None => format!("Created admin: {}", user.email),
        }),
        Err(service::Error::Conflict(_)) => {
            Ok(format!("User already exists: {}", email.to_lowercase()))
        }
        Err(other) => Err(other.into()),
    }
}

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
