//! The seed lock: one writer at a time for the operations whose natural keys have no unique
//! index (clients, cases, property opinions, the default sources), so that
//! `INSERT ... SELECT ... WHERE NOT EXISTS` cannot race with itself.
//!
//! - PostgreSQL: `pg_advisory_xact_lock` inside the transaction (released at commit).
//! - MariaDB/MySQL: `GET_LOCK` on a dedicated connection taken *before* the transaction
//!   begins (so the transaction's snapshot is younger than the previous holder's commit) and
//!   released after the commit; the connection is closed either way, which also releases it.
//! - SQLite: `BEGIN IMMEDIATE` takes the database's write lock up front; others wait for it
//!   through the busy timeout.

use crate::error::{Error, Result};
use sea_orm::sea_query::{Func, Query};
use sea_orm::sqlx::mysql::MySqlPoolOptions;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, SqlxMySqlConnector, TransactionOptions, TransactionTrait,
};

/// The advisory lock key on PostgreSQL ("lexbase" seed).
const PG_LOCK_KEY: i64 = 0x6c65_7862_7365_6564;
/// The named lock on MariaDB/MySQL.
const MYSQL_LOCK_NAME: &str = "lexbase_seed";
/// How long MariaDB/MySQL waits for another seeder, in seconds.
const MYSQL_LOCK_TIMEOUT_S: u32 = 120;

/// A transaction that holds the seed lock. Dropping it without [`Locked::commit`] rolls back
/// and releases the lock.
pub struct Locked {
    txn: DatabaseTransaction,
    session: Option<DatabaseConnection>,
}

impl Locked {
    /// Begins a transaction on `db` and takes the seed lock, waiting for other seeders.
    ///
    /// # Errors
    /// [`Error::Database`] when the lock cannot be had in time or the transaction fails.
    pub async fn begin(db: &DatabaseConnection) -> Result<Self> {
        match db.get_database_backend() {
            DbBackend::Postgres => {
                let txn = db.begin().await?;
                let lock = Query::select()
                    .expr(Func::cust("pg_advisory_xact_lock").arg(PG_LOCK_KEY))
                    .to_owned();
                txn.execute(&lock).await?;
                Ok(Self { txn, session: None })
            }
            DbBackend::Sqlite => {
                let txn = db
                    .begin_with_options(TransactionOptions {
                        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                        ..TransactionOptions::default()
                    })
                    .await?;
                Ok(Self { txn, session: None })
            }
            _ => {
                let options = db.get_mysql_connection_pool().connect_options();
                let pool = MySqlPoolOptions::new()
                    .max_connections(1)
                    .connect_with((*options).clone())
                    .await
                    .map_err(|e| DbErr::Custom(format!("seed lock connection: {e}")))?;
                let session = SqlxMySqlConnector::from_sqlx_mysql_pool(pool);
                let get_lock = Query::select()
                    .expr(
                        Func::cust("GET_LOCK")
                            .arg(MYSQL_LOCK_NAME)
                            .arg(MYSQL_LOCK_TIMEOUT_S),
                    )
                    .to_owned();
                let got = crate::db::column::<Option<i64>>(&session, &get_lock).await?;
                if got.first().copied().flatten() != Some(1) {
                    return Err(Error::Database(DbErr::Custom(format!(
                        "another seeder held the lock for more than {MYSQL_LOCK_TIMEOUT_S} s"
                    ))));
                }
                let txn = session.begin().await?;
                Ok(Self {
                    txn,
                    session: Some(session),
                })
            }
        }
    }

    /// The locked transaction, to run statements on.
    pub fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Commits, then releases the lock.
    ///
    /// # Errors
    /// [`Error::Database`] when the commit fails (the lock is released regardless).
    pub async fn commit(self) -> Result<()> {
        let committed = self.txn.commit().await;
        if let Some(session) = self.session {
            let release = Query::select()
                .expr(Func::cust("RELEASE_LOCK").arg(MYSQL_LOCK_NAME))
                .to_owned();
            let _ = session.execute(&release).await;
            let _ = session.close().await;
        }
        Ok(committed?)
    }
}
