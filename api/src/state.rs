//! The one `AppState` every handler receives.

use crate::config::Config;
use crate::drift::SchemaDrift;
use crate::hashing::BlockingPool;
use crate::metrics::Metrics;
use crate::migrations::MigrationStatus;
use crate::throttle::LoginThrottle;
use migration::pooled::AppDb;
use std::sync::Arc;
use tokio::sync::RwLock;

/// Shared server state: one reference count per clone (axum clones it for every extractor and
/// middleware of every request; one `Arc` there instead of one per field showed in profiles).
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

/// What [`AppState`] holds.
#[derive(Debug)]
pub struct Shared {
    /// The application's connection pool (behind a transaction pooler when
    /// `DATABASE_POOLER=transaction`).
    pub db: AppDb,
    /// The configuration read at start-up.
    pub config: Arc<Config>,
    /// Where migrating stands; domain routes answer 503 until it is `applied`.
    pub migrations: Arc<RwLock<MigrationStatus>>,
    /// Where password hashes run: the blocking pool, bounded by `HASHING_CONCURRENCY`.
    pub hashing: BlockingPool,
    /// Sign-in throttling per client address and per account and address.
    pub throttle: Arc<LoginThrottle>,
    /// The last schema comparison (start-up and on demand; never per request).
    pub drift: Arc<RwLock<SchemaDrift>>,
    /// The Prometheus registry this server exports.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// State for `db` with `config`, migrations not yet attempted.
    pub fn new(db: AppDb, config: Config) -> Self {
        let hashing = BlockingPool::new(config.hashing_concurrency);
        let throttle = Arc::new(LoginThrottle::new(config.login_attempts_per_minute));
        let metrics = Arc::new(Metrics::new(config.max_connections));
        Self(Arc::new(Shared {
            db,
            config: Arc::new(config),
            migrations: Arc::new(RwLock::new(MigrationStatus::default())),
            hashing,
            throttle,
            drift: Arc::new(RwLock::new(SchemaDrift::default())),
            metrics,
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
