//! `migration roles`: the statements that set up least-privilege database roles, printed for
//! review or run with `--apply`.
//!
//! Two roles: the *migrator* owns every schema object and runs migrations
//! (`MIGRATION_DATABASE_URL`); the *application* role (`DATABASE_URL`) may only read and write
//! rows. On PostgreSQL existing tables, sequences and types are handed to the migrator, and
//! default privileges give the application role its rights on whatever the migrator creates
//! later. On MariaDB/MySQL database-level grants cover later tables by themselves. SQLite has
//! no roles (access is the file's permissions): the command says so and exits 0, so a deploy
//! script may call it on every backend.
//!
//! Every statement is idempotent, so re-running converges instead of failing. Passwords come
//! from environment variables named on the command line; printed statements carry a
//! placeholder naming the variable, and only the statements sent to the server hold the value.

mod statements;

pub use statements::{Statement, statements};

use crate::config::DatabaseUrl;
use crate::error::{Error, Result};
use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
use std::process::ExitCode;
use std::time::Duration;

/// The flags of `migration roles`.
#[derive(Debug, Clone, clap::Args)]
pub struct RolesArgs {
    /// The application's role: SELECT, INSERT, UPDATE and DELETE on rows, nothing else.
    #[arg(long, value_name = "NAME")]
    pub app_user: String,
    /// The owner role: owns the schema objects and runs the migrations.
    #[arg(long, value_name = "NAME")]
    pub migrator_user: String,
    /// Run the statements (connected as a user that may create roles) instead of printing them.
    #[arg(long)]
    pub apply: bool,
    /// Set the application role's password from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub app_password_env: Option<String>,
    /// Set the migrator role's password from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub migrator_password_env: Option<String>,
    /// PostgreSQL: the schema the migrations create their objects in.
    #[arg(long, default_value = "public")]
    pub schema: String,
    /// MariaDB/MySQL: the host part of both accounts ('%' is any host).
    #[arg(long, default_value = "%")]
    pub account_host: String,
}

/// A password to set: the variable it comes from (shown) and, when applying, its value.
#[derive(Clone)]
pub struct Password {
    /// The environment variable named on the command line.
    pub variable: String,
    /// Its value; `None` when only printing.
    pub value: Option<String>,
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Password(${})", self.variable)
    }
}

/// What to create: two roles with rights on one database.
#[derive(Debug, Clone)]
pub struct Request {
    /// The application role.
    pub app: String,
    /// The owner role.
    pub migrator: String,
    /// The application role's password, if one is to be set.
    pub app_password: Option<Password>,
    /// The migrator role's password, if one is to be set.
    pub migrator_password: Option<Password>,
    /// The database the grants are on.
    pub database: String,
    /// PostgreSQL schema.
    pub schema: String,
    /// MariaDB/MySQL account host.
    pub host: String,
}

/// Runs `migration roles`: prints the statements, or applies them on the configured database.
///
/// # Errors
/// [`Error::Config`] for a bad role name, an unset password variable or a URL without a
/// database; [`Error::Connect`] or [`Error::Database`] when applying fails.
pub async fn run(args: &RolesArgs, connect_timeout: Duration) -> Result<ExitCode> {
    let url = DatabaseUrl::for_migrating()?;
    if url.backend() == DbBackend::Sqlite {
        say!(
            "SQLite has no database roles: access is the database file's permissions. \
             Nothing to do."
        );
        return Ok(ExitCode::SUCCESS);
    }
    let password = |variable: &Option<String>| {
        variable
            .as_ref()
            .map(|name| read_password(name, args.apply))
            .transpose()
    };
    let request = Request {
        app: args.app_user.clone(),
        migrator: args.migrator_user.clone(),
        app_password: password(&args.app_password_env)?,
        migrator_password: password(&args.migrator_password_env)?,
        database: url.database_name().ok_or_else(|| {
            Error::Config("the database URL names no database to grant on".to_owned())
        })?,
        schema: args.schema.clone(),
        host: args.account_host.clone(),
    };
    let statements = statements(url.backend(), &request)?;
    // The statements strip superuser and friends from both roles: never from the one applying.
    let connected = url::Url::parse(url.expose())
        .map(|u| u.username().to_owned())
        .unwrap_or_default();
    if args.apply && [&request.app, &request.migrator].contains(&&connected) {
        return Err(Error::Config(format!(
            "refusing to restrict '{connected}', the role this command is connected as: \
             connect as an administrator other than the two roles"
        )));
    }
    if args.apply {
        apply(&url, &statements, connect_timeout).await?;
        say!(
            "Roles {} (owner) and {} (rows only) are set up on {}.",
            request.migrator,
            request.app,
            url.masked()
        );
    } else {
        for statement in &statements {
            say!("{};", statement.shown);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the password variable `name` (its value only when it will be sent).
fn read_password(name: &str, needed: bool) -> Result<Password> {
    let value = if needed {
        let value = std::env::var(name)
            .ok()
            .filter(|v| !v.is_empty())
            .ok_or_else(|| Error::Config(format!("{name} (a role's password) is not set")))?;
        Some(value)
    } else {
        None
    };
    Ok(Password {
        variable: name.to_owned(),
        value,
    })
}

/// Runs `statements` on `url` (PostgreSQL: in one transaction, so a failure changes nothing).
///
/// # Errors
/// [`Error::Connect`]; [`Error::Database`] naming the statement (as shown) that failed.
pub async fn apply(url: &DatabaseUrl, statements: &[Statement], timeout: Duration) -> Result<()> {
    let db = url.connect(timeout).await?;
    let failed = |statement: &Statement, e: sea_orm::DbErr| {
        Error::Database(sea_orm::DbErr::Custom(format!("{}: {e}", statement.shown)))
    };
    if url.backend() == DbBackend::Postgres {
        let txn = db.begin().await?;
        for statement in statements {
            txn.execute_unprepared(statement.sent())
                .await
                .map_err(|e| failed(statement, e))?;
        }
        txn.commit().await?;
    } else {
        for statement in statements {
            db.execute_unprepared(statement.sent())
                .await
                .map_err(|e| failed(statement, e))?;
        }
    }
    db.close().await?;
    Ok(())
}
