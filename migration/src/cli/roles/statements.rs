//! The statements of `migration roles`, per backend: each rendered twice, as shown (passwords
//! as placeholders naming their variable) and as sent.

use super::{Password, Request};
use crate::error::{Error, Result};
use sea_orm::DbBackend;
use sea_orm::sea_query::{
    Alias, IntoIden, MysqlQueryBuilder, PostgresQueryBuilder, QueryBuilder, QuotedBuilder, Value,
};

/// One statement: as printed (passwords as placeholders) and as sent.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Safe to print or log.
    pub shown: String,
    sent: String,
}

impl Statement {
    /// As sent to the server (may hold a password: never print it).
    pub(super) fn sent(&self) -> &str {
        &self.sent
    }
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
