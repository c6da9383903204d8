//! Password hashing on the blocking pool, bounded: the API's [`service::users::Hashing`].

use service::users::Hashing;
use std::future::Future;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Runs argon2 on tokio's blocking pool, at most `HASHING_CONCURRENCY` at once, so a login
/// storm cannot take every blocking thread nor stall the async workers. Only the hashing
/// runs there; the sign-in's database statements stay on the async workers.
#[derive(Debug, Clone)]
pub struct BlockingPool {
    permits: Arc<Semaphore>,
}

impl BlockingPool {
    /// A pool running at most `concurrency` hashes at once.
    pub fn new(concurrency: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }
}

impl Hashing for BlockingPool {
    fn run<T, F>(&self, work: F) -> impl Future<Output = service::Result<T>> + Send
    where
        T: Send + 'static,
        F: FnOnce() -> service::Result<T> + Send + 'static,
    {
        let permits = Arc::clone(&self.permits);
        async move {
            let _permit = permits
                .acquire_owned()
                .await
                .map_err(|_| service::Error::PasswordHash("hashing pool closed".to_owned()))?;
            // The blocking thread does not inherit the request's span: hand it over.
            let span = tracing::Span::current();
            tokio::task::spawn_blocking(move || span.in_scope(work))
                .await
                .map_err(|e| service::Error::PasswordHash(format!("hashing task failed: {e}")))?
        }
    }
}
