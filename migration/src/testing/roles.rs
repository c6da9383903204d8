//! Test support for least-privilege roles: an owner and an application role with names unique
//! to the test, set up on a [`TestDb`] by `migration roles`' own statements, and dropped (with
//! whatever they own or were granted) when the handle goes out of scope.

use super::{Backend, COUNTER, TestDb};
use crate::cli::roles::{self, Password, Request};
use crate::config::DatabaseUrl;
use sea_orm::{ConnectionTrait, DbErr};
use std::sync::atomic::Ordering;

/// The password both test roles get (MariaDB checks it; the test PostgreSQL trusts loopback).
pub const ROLE_PASSWORD: &str = "role-password-for-tests";

/// An owner and an application role on one test database.
#[derive(Debug)]
pub struct TestRoles {
    /// The application role's name.
    pub app: String,
    /// The owner (migrator) role's name.
    pub migrator: String,
    /// The test database's URL as the application role.
    pub app_url: String,
    /// The test database's URL as the migrator.
    pub migrator_url: String,
    backend: Backend,
    admin_url: String,
}

/// `url` with another user and password.
fn as_user(url: &str, user: &str) -> Result<String, DbErr> {
    let mut parsed =
        url::Url::parse(url).map_err(|e| DbErr::Custom(format!("bad test URL: {e}")))?;
    parsed
        .set_username(user)
        .and_then(|()| parsed.set_password(Some(ROLE_PASSWORD)))
        .map_err(|()| DbErr::Custom("test URL cannot carry a user".to_owned()))?;
    Ok(parsed.to_string())
}

impl TestRoles {
    /// Names for a fresh pair of roles on `db`, not yet created ([`TestRoles::apply`] does).
    ///
    /// # Errors
    /// `db` being SQLite, which has no roles, or its URL not parsing.
    pub fn new(db: &TestDb) -> Result<Self, DbErr> {
        if db.backend == Backend::Sqlite {
            return Err(DbErr::Custom("SQLite has no roles".to_owned()));
        }
        let tag = format!(
            "{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let (app, migrator) = (
            format!("lexbase_t_app_{tag}"),
            format!("lexbase_t_own_{tag}"),
        );
        Ok(Self {
            app_url: as_user(&db.url, &app)?,
            migrator_url: as_user(&db.url, &migrator)?,
            app,
            migrator,
            backend: db.backend,
            admin_url: db.url.clone(),
        })
    }

    /// Creates the roles on `db` (as the test server's administrator).
    ///
    /// # Errors
    /// As [`TestRoles::apply`].
    pub async fn create(db: &TestDb) -> crate::Result<Self> {
        let roles = Self::new(db)?;
        roles.apply().await?;
        Ok(roles)
    }

    /// The request `migration roles --apply` would make for these roles, with passwords.
    pub fn request(&self) -> crate::Result<Request> {
        let url = self.admin()?;
        let password = |variable: &str| {
            Some(Password {
                variable: variable.to_owned(),
                value: Some(ROLE_PASSWORD.to_owned()),
            })
        };
        Ok(Request {
            app: self.app.clone(),
            migrator: self.migrator.clone(),
            app_password: password("TEST_APP_PASSWORD"),
            migrator_password: password("TEST_MIGRATOR_PASSWORD"),
            database: url.database_name().unwrap_or_default(),
            schema: "public".to_owned(),
            host: "%".to_owned(),
        })
    }

    /// Runs `migration roles`' statements for these roles (again: they are idempotent).
    ///
    /// # Errors
    /// The statements failing.
    pub async fn apply(&self) -> crate::Result<()> {
        let url = self.admin()?;
        let statements = roles::statements(url.backend(), &self.request()?)?;
        roles::apply(&url, &statements, crate::config::DEFAULT_CONNECT_TIMEOUT).await
    }

    /// A runner connected as the migrator.
    ///
    /// # Errors
    /// As [`crate::Runner::new`].
    pub fn migrator_runner(&self) -> crate::Result<crate::Runner> {
        let url = DatabaseUrl::parse("migrator URL", &self.migrator_url)?;
        crate::Runner::new(url, crate::Options::default())
    }

    /// Migrates the database to `target` as the migrator.
    ///
    /// # Errors
    /// As [`crate::Runner::up`].
    pub async fn migrate_to(&self, target: &str) -> crate::Result<crate::Report> {
        let runner = self.migrator_runner()?;
        let target = crate::target::Target::parse(runner.catalog(), target)?;
        runner.up(target).await
    }

    fn admin(&self) -> crate::Result<DatabaseUrl> {
        DatabaseUrl::parse("test database URL", &self.admin_url)
    }

    async fn drop_roles(backend: Backend, admin: &str, app: &str, migrator: &str) -> Option<()> {
        // The test database, where the roles own and were granted things; the server when
        // the database is already gone (and took those with it).
        let db = match super::connect_quietly(admin).await {
            Ok(db) => db,
            Err(_) => super::connect_quietly(&super::server_url(backend))
                .await
                .ok()?,
        };
        let statements = if backend == Backend::Postgres {
            vec![
                format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE usename IN ('{app}', '{migrator}')"
                ),
                // Ownership and grants in this database; the database's own grant goes too.
                format!("DROP OWNED BY \"{app}\", \"{migrator}\""),
                format!("DROP ROLE IF EXISTS \"{app}\", \"{migrator}\""),
            ]
        } else {
            vec![format!("DROP USER IF EXISTS '{app}'@'%', '{migrator}'@'%'")]
        };
        for statement in statements {
            let _ = db.execute_unprepared(&statement).await;
        }
        let _ = db.close().await;
        Some(())
    }
}

impl Drop for TestRoles {
    fn drop(&mut self) {
        let backend = self.backend;
        let (admin, app, migrator) = (
            self.admin_url.clone(),
            self.app.clone(),
            self.migrator.clone(),
        );
        // As TestDb's drop: a thread of its own, outside whatever runtime the test is in.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(Self::drop_roles(backend, &admin, &app, &migrator));
        })
        .join();
    }
}
