//! Start-up and shutdown: connect with retry, migrate under the lock (or degrade), serve
//! until SIGTERM/SIGINT, then let in-flight requests finish within a bound.

use crate::config::{Config, ConfigError};
use crate::migrations;
use crate::state::AppState;
use migration::pooled::{AppDb, Liveness};
use sea_orm::{Database, DatabaseConnection, DbBackend, DbErr, Schema};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Configuration refused.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The database never answered.
    #[error("cannot connect to {url} after {attempts} attempts: {reason}")]
    Connect {
        /// Masked URL.
        url: String,
        /// Attempts made.
        attempts: u32,
        /// Last failure, one line.
        reason: String,
    },
    /// Creating tables from entities failed (`DEV_CREATE_TABLES`).
    #[error("DEV_CREATE_TABLES failed: {0}")]
    CreateTables(DbErr),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// Address.
        addr: SocketAddr,
        /// Cause.
        source: std::io::Error,
    },
}

/// A running server.
#[derive(Debug)]
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Where `GET /metrics` listens (`METRICS_ADDR`), unless switched off.
    pub metrics_addr: Option<SocketAddr>,
    /// The state it serves (tests inspect it).
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    metrics_task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    /// Stops accepting, lets in-flight requests finish (bounded), and waits.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(metrics) = self.metrics_task.take() {
            metrics.abort();
        }
        let grace = self.state.config.shutdown_grace;
        let _ = tokio::time::timeout(grace, &mut self.task).await;
    }

    /// Waits until the server stops on its own.
    ///
    /// # Errors
    /// The serve loop failing.
    pub async fn wait(self) -> std::io::Result<()> {
        self.task.await.unwrap_or(Ok(()))
    }
}

async fn connect(config: &Config, liveness: &Liveness) -> Result<DatabaseConnection, StartError> {
    let mut options = config.database_url.connect_options(Duration::from_secs(10));
    options.max_connections(config.max_connections);
    liveness.apply(&mut options);
    config.database_pooler.apply(&mut options);
    let mut delay = Duration::from_millis(200);
    let attempts = config.connect_retries.max(1);
    let mut last = String::new();
    for attempt in 1..=attempts {
        match Database::connect(options.clone()).await {
            Ok(db) => return Ok(db),
            Err(error) => {
                last = config.database_url.scrub(&error.to_string());
                tracing::warn!(attempt, attempts, "database not reachable yet");
            }
        }
        if attempt < attempts {
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_secs(5));
        }
    }
    Err(StartError::Connect {
        url: config.database_url.masked(),
        attempts,
        reason: last.lines().next().unwrap_or_default().to_owned(),
    })
}

/// Creates every entity's table that is missing, straight from the entities (development
/// fallback; the migrations stay the source of truth).
async fn create_tables(db: &DatabaseConnection) -> Result<(), DbErr> {
    let backend: DbBackend = db.get_database_backend();
    let schema = Schema::new(backend);
    let mut builder = schema.builder();
    macro_rules! register {
        ($($entity:path),+ $(,)?) => { $( builder = builder.register($entity); )+ };
    }
    entity::with_all_entities!(register);
    builder.sync(db).await
}

/// Connects, migrates (or degrades), binds and serves in the background.
///
/// # Errors
/// Bad configuration, an unreachable database, or an address that cannot be bound. A failing
/// migration is not an error: the server starts degraded.
pub async fn start(config: Config) -> Result<Running, StartError> {
    config.check_combinations()?;
    let liveness = Liveness::default();
    let pool = connect(&config, &liveness).await?;
    let db = AppDb::new(pool, config.database_pooler, liveness);
    let addr = SocketAddr::new(config.host, config.port);
    let (auto_migrate, dev_create_tables) = (config.auto_migrate, config.dev_create_tables);
    let state = AppState::new(db, config);
    if auto_migrate {
        migrations::migrate(&state).await;
    } else if let Err(error) = migrations::refresh(&state).await {
        tracing::warn!(%error, "cannot read migration status");
    }
    if dev_create_tables && !state.migrations.read().await.state.serves_requests() {
        tracing::warn!("DEV_CREATE_TABLES: creating tables from the entities (development only)");
        create_tables(state.db.pool())
            .await
            .map_err(StartError::CreateTables)?;
        state.migrations.write().await.state = migrations::MigrationState::DevTables;
    }
    crate::drift::recheck(&state).await;
    let (metrics_addr, metrics_task) = match state.config.metrics_addr {
        Some(addr) => {
            let listener = TcpListener::bind(addr)
                .await
                .map_err(|source| StartError::Bind { addr, source })?;
            let addr = listener
                .local_addr()
                .map_err(|source| StartError::Bind { addr, source })?;
            let app = crate::metrics::router(state.clone());
            tracing::info!(%addr, "metrics listening");
            (
                Some(addr),
                Some(tokio::spawn(
                    async move { axum::serve(listener, app).await },
                )),
            )
        }
        None => (None, None),
    };
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| StartError::Bind { addr, source })?;
    let (tx, rx) = oneshot::channel::<()>();
    let app = crate::routes::router(state.clone());
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = rx.await;
        })
        .await
    });
    tracing::info!(%addr, "listening");
    Ok(Running {
        addr,
        metrics_addr,
        state,
        shutdown: Some(tx),
        task,
        metrics_task,
    })
}

/// Starts the server and runs it until SIGTERM or SIGINT.
///
/// # Errors
/// As [`start`].
pub async fn serve(config: Config) -> Result<(), StartError> {
    let running = start(config).await?;
    shutdown_signal().await;
    tracing::info!("shutting down: finishing in-flight requests");
    running.stop().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
