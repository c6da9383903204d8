//! The application's connection pool, usable behind a transaction-pooling proxy
//! (`DATABASE_POOLER=transaction`: PgBouncer with `pool_mode = transaction`, including
//! Debian's 1.18, which cannot track prepared statements).
//!
//! sqlx 0.9 prepares every statement sea-orm sends under a name (`sqlx_s_1`, `sqlx_s_2`, …,
//! numbered per client connection) and caches it on that connection. Behind a transaction
//! pooler each transaction may run on another server connection: a cached name is missing
//! there, or another client's statement of the same name already exists. A statement cache
//! of capacity 0 alone does not help: the statements stay named (sea-orm offers no way to ask
//! for unnamed ones), are never closed, and sqlx parses and binds a statement in two protocol
//! exchanges, between which the pooler may hand the server connection to someone else.
//!
//! So in this mode sqlx caches nothing ([`Pooler::apply`]),
//! and every statement runs inside a transaction, which pins one server connection for its
//! duration and first drops what earlier clients left prepared there (`DEALLOCATE ALL`).
//! Without a pooler, [`AppDb`] is the plain pool.

use sea_orm::{
    AccessMode, ConnectOptions, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, DbErr, ExecResult, IsolationLevel, QueryResult, Statement, TransactionError,
    TransactionOptions, TransactionTrait,
};
use sea_orm_migration::async_trait::async_trait;
use std::future::Future;
use std::pin::Pin;

mod liveness;
pub use liveness::Liveness;

/// What sits between the application and PostgreSQL (`DATABASE_POOLER`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pooler {
    /// Nothing, or a pooler in session mode (the default): prepared statements are cached.
    #[default]
    None,
    /// A transaction-mode pooler: no statement cache, one transaction per statement.
    Transaction,
}

impl Pooler {
    /// What `options` need behind this pooler: behind a transaction pooler, no statement
    /// cache (a cached statement would be looked for on another server connection).
    pub fn apply(self, options: &mut ConnectOptions) {
        if self == Pooler::Transaction {
            options.map_sqlx_postgres_opts(|o| o.statement_cache_capacity(0));
        }
    }
}

impl std::str::FromStr for Pooler {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "none" | "session" => Ok(Pooler::None),
            "transaction" => Ok(Pooler::Transaction),
            other => Err(format!(
                "expected none, session or transaction, got '{other}'"
            )),
        }
    }
}

/// A connection pool that is safe behind the configured [`Pooler`].
#[derive(Debug, Clone)]
pub struct AppDb {
    pool: DatabaseConnection,
    pinned: bool,
    liveness: Liveness,
}

impl AppDb {
    /// Wraps `pool`, connected with options that [`Pooler::apply`] adapted to `pooler` and
    /// `liveness` [`Liveness::apply`]ed to. Only PostgreSQL statements are pinned: the pooler is PostgreSQL's.
    pub fn new(pool: DatabaseConnection, pooler: Pooler, liveness: Liveness) -> Self {
        let pinned =
            pooler == Pooler::Transaction && pool.get_database_backend() == DbBackend::Postgres;
        Self {
            pool,
            pinned,
            liveness,
        }
    }

    /// `result`, noting a failure so that the next checkouts check their connection.
    fn noted<T>(&self, result: Result<T, DbErr>) -> Result<T, DbErr> {
        if result.is_err() {
            self.liveness.failed();
        }
        result
    }

    /// The pool itself (for its statistics, or when session state does not matter).
    pub fn pool(&self) -> &DatabaseConnection {
        &self.pool
    }

    /// Whether every statement runs in a transaction of its own.
    pub fn is_pinned(&self) -> bool {
        self.pinned
    }

    /// A transaction on one server connection with no statement left over by earlier clients.
    async fn clean_transaction(
        &self,
        options: TransactionOptions,
    ) -> Result<DatabaseTransaction, DbErr> {
        let txn = self.noted(self.pool.begin_with_options(options).await)?;
        if self.pinned {
            txn.execute_unprepared("DEALLOCATE ALL").await?;
        }
        Ok(txn)
    }

    async fn pinned_statement<T, F>(&self, run: F) -> Result<T, DbErr>
    where
        F: for<'c> FnOnce(&'c DatabaseTransaction) -> BoxFuture<'c, Result<T, DbErr>> + Send,
        T: Send,
    {
        let txn = self
            .clean_transaction(TransactionOptions::default())
            .await?;
        match run(&txn).await {
            Ok(value) => {
                txn.commit().await?;
                Ok(value)
            }
            Err(error) => {
                // The statement's error matters, not a rollback's on a broken connection.
                let _ = txn.rollback().await;
                Err(error)
            }
        }
    }
}

type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

#[async_trait]
impl ConnectionTrait for AppDb {
    fn get_database_backend(&self) -> DbBackend {
        self.pool.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        let result = if self.pinned {
            self.pinned_statement(|txn| Box::pin(txn.execute_raw(stmt)))
                .await
        } else {
            self.pool.execute_raw(stmt).await
        };
        self.noted(result)
    }

    /// The simple query protocol prepares nothing: no transaction needed.
    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.noted(self.pool.execute_unprepared(sql).await)
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        let result = if self.pinned {
            self.pinned_statement(|txn| Box::pin(txn.query_one_raw(stmt)))
                .await
        } else {
            self.pool.query_one_raw(stmt).await
        };
        self.noted(result)
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let result = if self.pinned {
            self.pinned_statement(|txn| Box::pin(txn.query_all_raw(stmt)))
                .await
        } else {
            self.pool.query_all_raw(stmt).await
        };
        self.noted(result)
    }
}

#[async_trait]
impl TransactionTrait for AppDb {
    type Transaction = DatabaseTransaction;

    async fn begin(&self) -> Result<DatabaseTransaction, DbErr> {
        self.clean_transaction(TransactionOptions::default()).await
    }

    async fn begin_with_config(
        &self,
        isolation_level: Option<IsolationLevel>,
        access_mode: Option<AccessMode>,
    ) -> Result<DatabaseTransaction, DbErr> {
        self.clean_transaction(TransactionOptions {
            isolation_level,
            access_mode,
            ..TransactionOptions::default()
        })
        .await
    }

    async fn begin_with_options(
        &self,
        options: TransactionOptions,
    ) -> Result<DatabaseTransaction, DbErr> {
        self.clean_transaction(options).await
    }

    async fn transaction<F, T, E>(&self, callback: F) -> Result<T, TransactionError<E>>
    where
        F: for<'c> FnOnce(
                &'c DatabaseTransaction,
            ) -> Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'c>>
            + Send,
        T: Send,
        E: std::fmt::Display + std::fmt::Debug + Send,
    {
        self.transaction_with_config(callback, None, None).await
    }

    async fn transaction_with_config<F, T, E>(
        &self,
        callback: F,
        isolation_level: Option<IsolationLevel>,
        access_mode: Option<AccessMode>,
    ) -> Result<T, TransactionError<E>>
    where
        F: for<'c> FnOnce(
                &'c DatabaseTransaction,
            ) -> Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'c>>
            + Send,
        T: Send,
        E: std::fmt::Display + std::fmt::Debug + Send,
    {
        let txn = self
            .begin_with_config(isolation_level, access_mode)
            .await
            .map_err(TransactionError::Connection)?;
        match callback(&txn).await {
            Ok(value) => {
                txn.commit().await.map_err(TransactionError::Connection)?;
                Ok(value)
            }
            Err(error) => {
                let _ = txn.rollback().await;
                Err(TransactionError::Transaction(error))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::Pooler;

    #[test]
    fn the_pooler_setting_names_its_modes() {
        assert_eq!("transaction".parse::<Pooler>(), Ok(Pooler::Transaction));
        assert_eq!(" Transaction ".parse::<Pooler>(), Ok(Pooler::Transaction));
        assert_eq!("session".parse::<Pooler>(), Ok(Pooler::None));
        assert_eq!("".parse::<Pooler>(), Ok(Pooler::None));
        assert!(
            "statement"
                .parse::<Pooler>()
                .unwrap_err()
                .contains("statement")
        );
    }
}
