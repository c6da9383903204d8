//! The proposal backfills from SCHEMA.md: template hashes, variants normalisation, default
//! sources and orphan cleanup.
//!
//! Each walks its table by primary key (keyset pagination, `id > last ORDER BY id LIMIT n`),
//! one transaction per batch, so memory stays flat and work already committed stays done: the
//! selection predicate itself (`hash IS NULL`, "variants not canonical", "orphaned") skips it
//! on the next run. `--dry-run` walks the same batches, computes the same changes and writes
//! nothing.

pub mod canonical;
pub mod cleanup;
pub mod hashes;
pub mod progress;
pub mod sources;
pub mod textfile;
mod update;
pub mod variants;

pub(crate) use update::update_by_id;

use crate::error::Result;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement,
    TransactionTrait,
};
use std::fmt;
use std::time::{Duration, Instant};

/// Default rows per batch.
pub const DEFAULT_BATCH_SIZE: u64 = 1000;

/// Largest batch: its statements must stay under SQLite's 32,766 bind parameters (two per row
/// in an update, one per id in a delete).
pub const MAX_BATCH_SIZE: u64 = 10_000;

/// One backfill operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `proposal_templates.hash` where NULL.
    Hashes,
    /// `funding_opportunities.variants` into canonical shape.
    Variants,
    /// The default sources into an empty `sources`.
    Sources,
    /// Templates, documents and ingestion runs whose parent is gone.
    Cleanup,
}

impl Operation {
    /// Every operation, in the order `backfill all` runs them.
    pub const ALL: [Operation; 4] = [
        Operation::Hashes,
        Operation::Variants,
        Operation::Sources,
        Operation::Cleanup,
    ];

    /// The operation's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Operation::Hashes => "hashes",
            Operation::Variants => "variants",
            Operation::Sources => "sources",
            Operation::Cleanup => "cleanup",
        }
    }
}

/// How to run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Compute and report, write nothing.
    pub dry_run: bool,
    /// Rows per batch (and per transaction), 1 to [`MAX_BATCH_SIZE`].
    pub batch_size: u64,
    /// Stop each operation after this many batches (to test resumption).
    pub max_batches: Option<u64>,
}

/// Where [`run`] reports as it goes, besides its log lines.
#[derive(Debug, Clone, Default)]
pub struct Reporting {
    /// A Prometheus textfile rewritten after each operation.
    pub metrics_file: Option<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            dry_run: false,
            batch_size: DEFAULT_BATCH_SIZE,
            max_batches: None,
        }
    }
}

/// What one operation did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Rows looked at.
    pub examined: u64,
    /// Rows changed (updated, inserted or deleted).
    pub changed: u64,
    /// Rows that needed a change that could not be made (explained in `note`).
    pub skipped: u64,
    /// Batches (transactions) run.
    pub batches: u64,
    /// Whether the run stopped at `max_batches` before the end.
    pub stopped_early: bool,
    /// Anything the operator should know.
    pub note: Option<String>,
}

/// The result of an operation: its outcome, or the error that stopped it.
#[derive(Debug)]
pub struct Run {
    /// Which operation.
    pub operation: Operation,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Outcome or error.
    pub result: Result<Outcome>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Runs `operations` in order; a failing one does not stop the rest.
pub async fn run(db: &DatabaseConnection, operations: &[Operation], options: Options) -> Vec<Run> {
    run_reporting(db, operations, options, &Reporting::default()).await
}

/// As [`run`], and after each operation writes the results so far to
/// `reporting.metrics_file` (a failure to write is logged and does not stop the backfill).
#[tracing::instrument(skip_all, fields(dry_run = options.dry_run, batch_size = options.batch_size))]
pub async fn run_reporting(
    db: &DatabaseConnection,
    operations: &[Operation],
    options: Options,
    reporting: &Reporting,
) -> Vec<Run> {
    let options = Options {
        batch_size: options.batch_size.clamp(1, MAX_BATCH_SIZE),
        ..options
    };
    let mut runs = Vec::new();
    for &operation in operations {
        let started = Instant::now();
        let result = match operation {
            Operation::Hashes => hashes::run(db, options).await,
            Operation::Variants => variants::run(db, options).await,
            Operation::Sources => sources::run(db, options).await,
            Operation::Cleanup => cleanup::run(db, options).await,
        };
        if let Err(error) = &result {
            tracing::error!(operation = operation.name(), %error, "backfill failed");
        }
        let elapsed = started.elapsed();
        if let Ok(outcome) = &result {
            tracing::info!(
                operation = operation.name(),
                examined = outcome.examined,
                changed = outcome.changed,
                skipped = outcome.skipped,
                batches = outcome.batches,
                seconds = elapsed.as_secs_f64(),
                "backfill finished"
            );
        }
        runs.push(Run {
            operation,
            dry_run: options.dry_run,
            result,
            elapsed,
        });
        if let Some(path) = &reporting.metrics_file {
            let text = textfile::render(&runs, chrono::Utc::now());
            if let Err(error) = textfile::write(path, &text) {
                tracing::warn!(path = %path.display(), %error, "cannot write the metrics file");
            }
        }
    }
    runs
}

/// The end-of-run summary table.
#[derive(Debug)]
pub struct Summary<'a>(pub &'a [Run]);

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dry = self.0.first().is_some_and(|r| r.dry_run);
        let changed = if dry { "would change" } else { "changed" };
        writeln!(
            f,
            "{:<9}  {:>9}  {:>12}  {:>8}  {:>7}  {:>8}  status",
            "operation", "examined", changed, "skipped", "batches", "seconds"
        )?;
        for run in self.0 {
            let secs = run.elapsed.as_secs_f64();
            match &run.result {
                Ok(o) => {
                    let status = match (&o.note, o.stopped_early) {
                        (_, true) => "stopped at --max-batches".to_owned(),
                        (Some(note), false) => format!("ok ({note})"),
                        (None, false) => "ok".to_owned(),
                    };
                    writeln!(
                        f,
                        "{:<9}  {:>9}  {:>12}  {:>8}  {:>7}  {:>8.2}  {status}",
                        run.operation.name(),
                        o.examined,
                        o.changed,
                        o.skipped,
                        o.batches,
                        secs
                    )?;
                }
                Err(e) => writeln!(
                    f,
                    "{:<9}  {:>9}  {:>12}  {:>8}  {:>7}  {:>8.2}  FAILED: {e}",
                    run.operation.name(),
                    "-",
                    "-",
                    "-",
                    "-",
                    secs
                )?,
            }
        }
        Ok(())
    }
}

/// Begins one batch's transaction. On PostgreSQL its commit does not wait for the WAL flush
/// (`synchronous_commit = off`, this transaction only): a crash can lose the last few
/// batches' commits but never corrupts anything, and a backfill redoes lost batches on its
/// next run because its selection is "not done yet".
///
/// # Errors
/// A failing `BEGIN` or `SET`.
pub(crate) async fn begin_batch(db: &DatabaseConnection) -> Result<DatabaseTransaction> {
    let txn = db.begin().await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared("SET LOCAL synchronous_commit TO OFF")
            .await?;
    }
    Ok(txn)
}

/// Commits batches. On PostgreSQL a batch's write runs on its own connection while the next
/// batch is read and computed (at most one write in flight, awaited before the next is
/// started, so writes stay in order and an error stops the run). That is safe because each
/// batch's selection does not depend on the previous batch being committed (see the hashes
/// backfill's duplicate rule). SQLite and MySQL write in line: a reader holding SQLite's
/// shared lock would block the writer it waits for.
pub(crate) struct Writer {
    pipelined: bool,
    pending: Option<tokio::task::JoinHandle<Result<()>>>,
}

impl Writer {
    /// A writer for `backend`.
    pub(crate) fn new(backend: DbBackend) -> Self {
        Self {
            pipelined: backend == DbBackend::Postgres,
            pending: None,
        }
    }

    /// Runs `statement` in `txn` and commits, after the previous write has finished.
    ///
    /// # Errors
    /// The previous write's error, or this one's when not pipelined.
    pub(crate) async fn write(
        &mut self,
        txn: DatabaseTransaction,
        statement: Statement,
    ) -> Result<()> {
        self.wait().await?;
        let job = async move {
            txn.execute_raw(statement).await?;
            txn.commit().await?;
            Ok(())
        };
        if self.pipelined {
            self.pending = Some(tokio::spawn(job));
            Ok(())
        } else {
            job.await
        }
    }

    /// Waits for the write in flight, if any.
    ///
    /// # Errors
    /// That write's error.
    pub(crate) async fn wait(&mut self) -> Result<()> {
        match self.pending.take() {
            None => Ok(()),
            Some(handle) => handle.await.map_err(|e| {
                crate::Error::Database(sea_orm::DbErr::Custom(format!("batch write: {e}")))
            })?,
        }
    }
}
