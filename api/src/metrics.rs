//! Prometheus metrics: `GET /metrics` on a listener of its own (`METRICS_ADDR`, loopback by
//! default), in the OpenMetrics text format.
//!
//! Each [`AppState`] owns its registry (no process-wide recorder), so servers started side by
//! side in one process (the tests) keep separate numbers. Counters and histograms are updated
//! as requests pass; gauges (pool, migrations, schema drift) are read from memory at scrape
//! time. A scrape never runs the schema comparison; its only query is a `SELECT 1` (bounded
//! to one second) for `lexbase_db_up`.

use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

/// The media type of the OpenMetrics text format.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabel {
    state: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SignInLabels {
    via: &'static str,
    outcome: &'static str,
}

type Timestamp = Gauge<f64, AtomicU64>;

/// Every metric the server exports.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    http_requests: Family<HttpLabels, Counter>,
    http_duration: Family<HttpLabels, Histogram, fn() -> Histogram>,
    pool_connections: Family<StateLabel, Gauge>,
    db_up: Gauge,
    db_ping: Timestamp,
    migrations_pending: Gauge,
    migration_state: Family<StateLabel, Gauge>,
    schema_drift: Gauge,
    schema_check_failed: Gauge,
    schema_checked: Timestamp,
    sign_ins: Family<SignInLabels, Counter>,
}

fn latency_histogram() -> Histogram {
    // 1 ms to ~16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Metrics {
    /// A fresh registry with every metric at zero.
    pub fn new(max_connections: u32) -> Self {
        let mut registry = Registry::with_prefix("lexbase");
        let http_requests = Family::<HttpLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests by method, route template and status",
            http_requests.clone(),
        );
        let http_duration: Family<HttpLabels, Histogram, fn() -> Histogram> =
            Family::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer an HTTP request, by method, route template and status",
            Unit::Seconds,
            http_duration.clone(),
        );
        let pool_connections = Family::<StateLabel, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Open connections of the application's pool, idle or in use",
            pool_connections.clone(),
        );
        let pool_max: Gauge = Gauge::default();
        pool_max.set(i64::from(max_connections));
        registry.register(
            "db_pool_max_connections",
            "Size limit of the application's pool (DB_MAX_CONNECTIONS); in use at this limit means requests wait",
            pool_max.clone(),
        );
        let db_up = Gauge::default();
        registry.register(
            "db_up",
            "1 when the database answered SELECT 1 within a second at this scrape",
            db_up.clone(),
        );
        let db_ping = Timestamp::default();
        registry.register_with_unit(
            "db_ping",
            "How long SELECT 1 took at this scrape",
            Unit::Seconds,
            db_ping.clone(),
        );
        let migrations_pending = Gauge::default();
        registry.register(
            "migrations_pending",
            "Migrations this build has that the database has not applied",
            migrations_pending.clone(),
        );
        let migration_state = Family::<StateLabel, Gauge>::default();
        registry.register(
            "migration_state",
            "Where migrating stands: 1 for the current state, 0 for the others",
            migration_state.clone(),
        );
        let schema_drift = Gauge::default();
        registry.register(
            "schema_drift",
            "Differences between the live schema and the entities at the last check",
            schema_drift.clone(),
        );
        let schema_check_failed = Gauge::default();
        registry.register(
            "schema_drift_check_failed",
            "1 when the last schema comparison could not run",
            schema_check_failed.clone(),
        );
        let schema_checked = Timestamp::default();
        registry.register_with_unit(
            "schema_drift_checked_timestamp",
            "When the schema was last compared (Unix time)",
            Unit::Seconds,
            schema_checked.clone(),
        );
        let sign_ins = Family::<SignInLabels, Counter>::default();
        registry.register(
            "sign_ins",
            "Sign-in attempts by channel (api, dashboard) and outcome (success, failed, locked)",
            sign_ins.clone(),
        );
        Self {
            registry,
            http_requests,
            http_duration,
            pool_connections,
            db_up,
            db_ping,
            migrations_pending,
            migration_state,
            schema_drift,
            schema_check_failed,
            schema_checked,
            sign_ins,
        }
    }

    /// Counts a sign-in attempt through `via` (`api` or `dashboard`) by its outcome; errors
    /// other than refused credentials (a database failure) are not sign-in attempts.
    pub fn record_sign_in<T>(&self, via: &'static str, outcome: &Result<T, ApiError>) {
        self.record_sign_in_as(via, outcome, false);
    }

    /// [`Metrics::record_sign_in`] of an attempt the throttle refused (answered like a wrong
    /// password, counted as `throttled`).
    pub fn record_sign_in_as<T>(
        &self,
        via: &'static str,
        outcome: &Result<T, ApiError>,
        throttled: bool,
    ) {
        let outcome = match outcome {
            Err(ApiError::Unauthenticated) if throttled => "throttled",
            Ok(_) => "success",
            Err(ApiError::Unauthenticated) => "failed",
            Err(ApiError::TooManyRequests { .. }) => "throttled",
            Err(_) => return,
        };
        self.sign_ins
            .get_or_create(&SignInLabels { via, outcome })
            .inc();
    }

    fn observe_pool(&self, db: &DatabaseConnection) {
        let (size, idle) = match db.get_database_backend() {
            DbBackend::Postgres => {
                let pool = db.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            DbBackend::MySql => {
                let pool = db.get_mysql_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => {
                let pool = db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
        };
        let idle = i64::try_from(idle).unwrap_or(i64::MAX);
        let gauge = |state| self.pool_connections.get_or_create(&StateLabel { state });
        gauge("idle").set(idle);
        gauge("in_use").set((i64::from(size) - idle).max(0));
    }

    /// Reads the gauges from `state` (memory only) and encodes everything.
    async fn render(&self, state: &AppState) -> Result<String, std::fmt::Error> {
        self.observe_pool(state.db.pool());
        let started = Instant::now();
        let ping = tokio::time::timeout(
            std::time::Duration::from_secs(1),
            state.db.execute_unprepared("SELECT 1"),
        )
        .await;
        self.db_up.set(i64::from(matches!(ping, Ok(Ok(_)))));
        self.db_ping.set(started.elapsed().as_secs_f64());
        let status = state.migrations.read().await.clone();
        self.migrations_pending
            .set(i64::try_from(status.pending).unwrap_or(i64::MAX));
        let current = status.state.word();
        for state in crate::migrations::MigrationState::ALL {
            let word = state.word();
            self.migration_state
                .get_or_create(&StateLabel { state: word })
                .set(i64::from(word == current));
        }
        let drift = state.drift.read().await.clone();
        self.schema_drift
            .set(i64::try_from(drift.differences.len()).unwrap_or(i64::MAX));
        self.schema_check_failed
            .set(i64::from(drift.error.is_some()));
        if let Some(at) = drift.checked_at {
            self.schema_checked
                .set(at.timestamp_millis() as f64 / 1000.0);
        }
        let mut text = String::with_capacity(16 * 1024);
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

/// Middleware counting and timing every request by its route template (`/clients/{id}`,
/// never the raw path; `unmatched` for paths no route has). Must be added with
/// `Router::layer`, which runs it after routing.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let response = next.run(request).await;
    let labels = HttpLabels {
        method,
        route,
        status: response.status().as_u16(),
    };
    metrics.http_requests.get_or_create(&labels).inc();
    metrics
        .http_duration
        .get_or_create(&labels)
        .observe(started.elapsed().as_secs_f64());
    response
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// The metrics listener's router: `GET /metrics` and nothing else.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", axum::routing::get(scrape))
        .with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    match state.metrics.render(&state).await {
        Ok(text) => ([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response(),
        Err(error) => ApiError::internal(error).into_response(),
    }
}
