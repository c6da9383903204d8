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

use crate::config::DatabaseUrl;
use crate::error::{Error, Result};
use sea_orm::sea_query::{
    Alias, IntoIden, MysqlQueryBuilder, PostgresQueryBuilder, QueryBuilder, QuotedBuilder, Value,
};
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

/// One statement: as printed (passwords as placeholders) and as sent.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Safe to print or log.
    pub shown: String,
    sent: String,
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

/// The statements for `backend`, in order.
///
/// # Errors
/// [`Error::Config`] when a role name is not a plain identifier, both roles are the same, or
/// the backend has no roles.
pub fn statements(backend: DbBackend, request: &Request) -> Result<Vec<Statement>> {
    let longest = if backend == DbBackend::Postgres {
        63
    } else {
        32
    };
    for (flag, name) in [
        ("--app-user", &request.app),
        ("--migrator-user", &request.migrator),
    ] {
        check_name(flag, name, longest)?;
    }
    if request.app == request.migrator {
        return Err(Error::Config(
            "--app-user and --migrator-user must be different roles".to_owned(),
        ));
    }
    match backend {
        DbBackend::Postgres => Ok(postgres(request)),
        DbBackend::MySql => Ok(mysql(request)),
        _ => Err(Error::Config("SQLite has no database roles".to_owned())),
    }
}

/// Role names are plain identifiers, so they read the same quoted or not in every statement.
fn check_name(flag: &str, name: &str, longest: usize) -> Result<()> {
    let mut chars = name.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain && name.len() <= longest {
        return Ok(());
    }
    Err(Error::Config(format!(
        "{flag} '{name}' is not a plain role name: use lower-case letters, digits and _ \
         (at most {longest} characters, not starting with a digit)"
    )))
}

fn pg_ident(name: &str) -> String {
    let mut out = String::new();
    PostgresQueryBuilder.prepare_iden(&Alias::new(name).into_iden(), &mut out);
    out
}

fn my_ident(name: &str) -> String {
    let mut out = String::new();
    MysqlQueryBuilder.prepare_iden(&Alias::new(name).into_iden(), &mut out);
    out
}

/// A string literal for `backend`.
fn literal(backend: DbBackend, text: &str) -> String {
    let value = Value::from(text);
    match backend {
        DbBackend::MySql => MysqlQueryBuilder.value_to_string(&value),
        _ => PostgresQueryBuilder.value_to_string(&value),
    }
}

/// `prefix` + the password clause, shown with a placeholder and sent with the value.
fn with_password(backend: DbBackend, prefix: &str, clause: &str, password: &Password) -> Statement {
    let placeholder = format!("'<password from ${}>'", password.variable);
    let value = password
        .value
        .as_deref()
        .map_or_else(|| placeholder.clone(), |v| literal(backend, v));
    Statement {
        shown: format!("{prefix} {clause} {placeholder}"),
        sent: format!("{prefix} {clause} {value}"),
    }
}

fn plain(sql: String) -> Statement {
    Statement {
        shown: sql.clone(),
        sent: sql,
    }
}

fn postgres(r: &Request) -> Vec<Statement> {
    let (app, migrator) = (pg_ident(&r.app), pg_ident(&r.migrator));
    let (schema, database) = (pg_ident(&r.schema), pg_ident(&r.database));
    let schema_literal = literal(DbBackend::Postgres, &r.schema);
    let migrator_literal = literal(DbBackend::Postgres, &r.migrator);
    let mut out = Vec::new();
    for (name, password) in [
        (&r.migrator, &r.migrator_password),
        (&r.app, &r.app_password),
    ] {
        let (ident, quoted) = (pg_ident(name), literal(DbBackend::Postgres, name));
        out.push(plain(format!(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {quoted}) \
             THEN CREATE ROLE {ident} LOGIN; END IF; END $$"
        )));
        let alter = format!(
            "ALTER ROLE {ident} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION \
             NOBYPASSRLS"
        );
        out.push(match password {
            Some(password) => with_password(DbBackend::Postgres, &alter, "PASSWORD", password),
            None => plain(alter),
        });
    }
    out.extend(
        [
            format!("GRANT CONNECT ON DATABASE {database} TO {migrator}, {app}"),
            // PostgreSQL 15 no longer grants CREATE on public to everyone; older clusters did.
            format!("REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC, {app}"),
            format!("GRANT USAGE, CREATE ON SCHEMA {schema} TO {migrator}"),
            // The objects earlier migrations (or Alembic) created under another role. A table
            // takes its serial sequences along, so sequences come after tables.
            format!(
                "DO $$ DECLARE o record; BEGIN \
                 FOR o IN SELECT c.relname, c.relkind FROM pg_catalog.pg_class c \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                 WHERE n.nspname = {schema_literal} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') \
                 AND pg_catalog.pg_get_userbyid(c.relowner) <> {migrator_literal} LOOP \
                 EXECUTE format('ALTER %s %I.%I OWNER TO %I', CASE o.relkind WHEN 'v' THEN 'VIEW' \
                 WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, \
                 {schema_literal}, o.relname, {migrator_literal}); END LOOP; \
                 FOR o IN SELECT c.relname FROM pg_catalog.pg_class c \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                 WHERE n.nspname = {schema_literal} AND c.relkind = 'S' \
                 AND pg_catalog.pg_get_userbyid(c.relowner) <> {migrator_literal} LOOP \
                 EXECUTE format('ALTER SEQUENCE %I.%I OWNER TO %I', {schema_literal}, o.relname, \
                 {migrator_literal}); END LOOP; \
                 FOR o IN SELECT t.typname FROM pg_catalog.pg_type t \
                 JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
                 WHERE n.nspname = {schema_literal} AND t.typtype IN ('e', 'd') \
                 AND pg_catalog.pg_get_userbyid(t.typowner) <> {migrator_literal} LOOP \
                 EXECUTE format('ALTER TYPE %I.%I OWNER TO %I', {schema_literal}, o.typname, \
                 {migrator_literal}); END LOOP; END $$"
            ),
            format!("GRANT USAGE ON SCHEMA {schema} TO {app}"),
            // Revoke first, so a role that had more converges to rows only.
            format!("REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {app}"),
            format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {app}"
            ),
            format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {app}"),
            format!(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {migrator} IN SCHEMA {schema} \
                 GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}"
            ),
            format!(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {migrator} IN SCHEMA {schema} \
                 GRANT USAGE, SELECT ON SEQUENCES TO {app}"
            ),
        ]
        .into_iter()
        .map(plain),
    );
    out
}

fn mysql(r: &Request) -> Vec<Statement> {
    let host = literal(DbBackend::MySql, &r.host);
    let account = |name: &str| format!("{}@{host}", literal(DbBackend::MySql, name));
    let database = my_ident(&r.database);
    let mut out = Vec::new();
    for (name, password, rights) in [
        (&r.migrator, &r.migrator_password, "ALL PRIVILEGES"),
        (&r.app, &r.app_password, "SELECT, INSERT, UPDATE, DELETE"),
    ] {
        let account = account(name);
        out.push(plain(format!("CREATE USER IF NOT EXISTS {account}")));
        if let Some(password) = password {
            let alter = format!("ALTER USER {account}");
            out.push(with_password(
                DbBackend::MySql,
                &alter,
                "IDENTIFIED BY",
                password,
            ));
        }
        out.push(plain(format!(
            "GRANT {rights} ON {database}.* TO {account}"
        )));
    }
    out
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
            txn.execute_unprepared(&statement.sent)
                .await
                .map_err(|e| failed(statement, e))?;
        }
        txn.commit().await?;
    } else {
        for statement in statements {
            db.execute_unprepared(&statement.sent)
                .await
                .map_err(|e| failed(statement, e))?;
        }
    }
    db.close().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn request(password: Option<&str>) -> Request {
        Request {
            app: "lexbase_app".to_owned(),
            migrator: "lexbase_owner".to_owned(),
            app_password: Some(Password {
                variable: "APP_DB_PASSWORD".to_owned(),
                value: password.map(str::to_owned),
            }),
            migrator_password: None,
            database: "legal".to_owned(),
            schema: "public".to_owned(),
            host: "%".to_owned(),
        }
    }

    #[test]
    fn shown_statements_name_the_variable_and_sent_ones_carry_the_password() {
        for backend in [DbBackend::Postgres, DbBackend::MySql] {
            let statements = statements(backend, &request(Some("it's s3cret"))).unwrap();
            let shown: String = statements.iter().map(|s| s.shown.as_str()).collect();
            let sent: String = statements.iter().map(|s| s.sent.as_str()).collect();
            assert!(!shown.contains("s3cret"), "{shown}");
            assert!(shown.contains("$APP_DB_PASSWORD"), "{shown}");
            assert!(sent.contains("s3cret"), "{sent}");
        }
    }

    #[test]
    fn role_names_that_need_quoting_are_refused() {
        let mut bad = request(None);
        bad.app = "app\"; DROP ROLE postgres; --".to_owned();
        let err = statements(DbBackend::Postgres, &bad).unwrap_err();
        assert!(err.to_string().contains("--app-user"), "{err}");
        let mut same = request(None);
        same.app = same.migrator.clone();
        assert!(statements(DbBackend::MySql, &same).is_err());
    }
}
