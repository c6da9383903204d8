//! Backfill results as a Prometheus textfile (`seed backfill --metrics-file PATH`, or
//! `BACKFILL_METRICS_FILE`): rewritten after each operation, atomically (a temporary file
//! renamed over it), for a collector such as node_exporter's textfile collector to pick up.
//! Nothing is pushed anywhere.

use super::Run;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::{Registry, Unit};
use std::path::Path;
use std::sync::atomic::AtomicU64;

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Labels {
    operation: &'static str,
    dry_run: bool,
}

type Seconds = Gauge<f64, AtomicU64>;

/// The metrics of `runs`, in the text format.
pub fn render(runs: &[Run], finished_at: chrono::DateTime<chrono::Utc>) -> String {
    let mut registry = Registry::with_prefix("lexbase_backfill");
    let examined = Family::<Labels, Gauge>::default();
    let changed = Family::<Labels, Gauge>::default();
    let skipped = Family::<Labels, Gauge>::default();
    let batches = Family::<Labels, Gauge>::default();
    let success = Family::<Labels, Gauge>::default();
    let duration = Family::<Labels, Seconds>::default();
    let last_run = Family::<Labels, Seconds>::default();
    registry.register(
        "rows_examined",
        "Rows the last backfill run looked at",
        examined.clone(),
    );
    registry.register(
        "rows_changed",
        "Rows the last backfill run changed (would change, in a dry run)",
        changed.clone(),
    );
    registry.register(
        "rows_skipped",
        "Rows the last backfill run could not change",
        skipped.clone(),
    );
    registry.register("batches", "Batches of the last run", batches.clone());
    registry.register(
        "success",
        "1 when the last run of the operation succeeded, 0 when it failed",
        success.clone(),
    );
    registry.register_with_unit(
        "duration",
        "Wall time of the last run",
        Unit::Seconds,
        duration.clone(),
    );
    registry.register_with_unit(
        "last_run_timestamp",
        "When the last run finished (Unix time)",
        Unit::Seconds,
        last_run.clone(),
    );
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    for run in runs {
        let labels = Labels {
            operation: run.operation.name(),
            dry_run: run.dry_run,
        };
        if let Ok(outcome) = &run.result {
            examined.get_or_create(&labels).set(count(outcome.examined));
            changed.get_or_create(&labels).set(count(outcome.changed));
            skipped.get_or_create(&labels).set(count(outcome.skipped));
            batches.get_or_create(&labels).set(count(outcome.batches));
        }
        success
            .get_or_create(&labels)
            .set(i64::from(run.result.is_ok()));
        duration
            .get_or_create(&labels)
            .set(run.elapsed.as_secs_f64());
        last_run
            .get_or_create(&labels)
            .set(finished_at.timestamp_millis() as f64 / 1000.0);
    }
    let mut text = String::new();
    // Writing to a String cannot fail.
    let _ = prometheus_client::encoding::text::encode(&mut text, &registry);
    text
}

/// Writes `text` to `path` atomically.
///
/// # Errors
/// The file cannot be written or renamed into place.
pub fn write(path: &Path, text: &str) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}
