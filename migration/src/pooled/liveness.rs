//! When the application's pooled connections are checked before use ([`Liveness`]).

use sea_orm::ConnectOptions;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// When pooled connections are checked before use. A ping on every checkout is a round trip
/// per statement, so only a connection idle for [`Liveness::IDLE`] is pinged, and, for a
/// second after any statement failed, every one: a server that killed connections (restart,
/// `pg_terminate_backend`, a proxy) leaves dead ones in the pool, and the retry of a read must
/// get a live one.
#[derive(Debug, Clone)]
pub struct Liveness {
    start: Instant,
    /// Milliseconds after `start` until which every checkout pings.
    suspect_until: Arc<AtomicU64>,
}

impl Default for Liveness {
    fn default() -> Self {
        Self {
            start: Instant::now(),
            suspect_until: Arc::new(AtomicU64::new(0)),
        }
    }
}

impl Liveness {
    /// How long a connection may sit idle before it is pinged at checkout.
    pub const IDLE: Duration = Duration::from_secs(30);
    /// How long every checkout pings after a statement failed.
    pub const AFTER_FAILURE: Duration = Duration::from_secs(1);

    fn now_ms(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    pub(super) fn failed(&self) {
        let until = self
            .now_ms()
            .saturating_add(Self::AFTER_FAILURE.as_millis() as u64);
        self.suspect_until.fetch_max(until, Ordering::Relaxed);
    }

    fn suspect(&self) -> bool {
        self.now_ms() < self.suspect_until.load(Ordering::Relaxed)
    }

    /// Installs the checks on `options` (PostgreSQL and MariaDB; a SQLite file drops no
    /// connection).
    pub fn apply(&self, options: &mut ConnectOptions) {
        options.test_before_acquire_if_idle_for(Self::IDLE);
        let pg = self.clone();
        options.map_sqlx_postgres_before_acquire(move |conn, _| {
            let suspect = pg.suspect();
            Box::pin(async move {
                if suspect {
                    sea_orm::sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        });
        let my = self.clone();
        options.map_sqlx_mysql_before_acquire(move |conn, _| {
            let suspect = my.suspect();
            Box::pin(async move {
                if suspect {
                    sea_orm::sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::Liveness;

    #[test]
    fn checkouts_are_pinged_only_after_a_failure() {
        let liveness = Liveness::default();
        assert!(!liveness.suspect());
        liveness.clone().failed();
        assert!(liveness.suspect(), "clones share the state");
    }
}
