//! The `seed` command line: parse, connect, check the schema is at head and intact, run,
//! print.

use crate::backfill::{self, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, Operation, Options};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::{compliance, db, fixture, synthetic, users};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "seed",
    about = "Seed lexbase idempotently, ingest the FTA review guide, run backfills, make synthetic data",
    long_about = "Without a subcommand: the dev fixture (2 lawyers, 2 clients, 1 case, 1 property \
                  opinion), the default sources (into an empty table) and the shipped compliance \
                  sample. Every run is safe to repeat and to run concurrently."
)]
pub struct Cli {
    /// What to do (default: the dev fixture, default sources and compliance sample).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The operations.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest an FTA review guide extraction (FTA_Complete_Extraction.json format).
    Compliance {
        /// The file to ingest [env: FTA_DATA_PATH].
        #[arg(long = "from", value_name = "PATH")]
        from: Option<PathBuf>,
    },
    /// Run backfill operations over the proposal tables.
    Backfill {
        /// Which operation.
        #[arg(value_enum)]
        operation: BackfillOperation,
        /// Report what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Rows per batch (each batch is one transaction), 1 to 10000.
        #[arg(long, default_value_t = DEFAULT_BATCH_SIZE, value_parser = clap::value_parser!(u64).range(1..=MAX_BATCH_SIZE))]
        batch_size: u64,
        /// Stop each operation after N batches (the next run resumes).
        #[arg(long, value_name = "N")]
        max_batches: Option<u64>,
        /// Write the results as a Prometheus textfile here, rewritten after each operation.
        #[arg(long, value_name = "PATH", env = "BACKFILL_METRICS_FILE")]
        metrics_file: Option<PathBuf>,
    },
    /// Create an admin user (the first one cannot be created through the API). Its password
    /// is SEED_DEFAULT_PASSWORD, or a generated one printed once.
    Admin {
        /// The admin's e-mail address.
        #[arg(long)]
        email: String,
        /// The admin's display name.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Insert N synthetic rows into each of research_queries, inference_logs,
    /// funding_opportunities and proposal_templates (for benchmarks).
    Synthetic {
        /// Rows per table.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=50_000_000))]
        scale: u64,
    },
}

/// Backfill operation names on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackfillOperation {
    /// Template hashes where NULL.
    Hashes,
    /// Variants into canonical shape.
    Variants,
    /// Default sources into an empty table.
    Sources,
    /// Orphaned templates, documents and ingestion runs.
    Cleanup,
    /// All four, in that order.
    All,
}

impl BackfillOperation {
    fn operations(self) -> Vec<Operation> {
        match self {
            BackfillOperation::Hashes => vec![Operation::Hashes],
            BackfillOperation::Variants => vec![Operation::Variants],
            BackfillOperation::Sources => vec![Operation::Sources],
            BackfillOperation::Cleanup => vec![Operation::Cleanup],
            BackfillOperation::All => Operation::ALL.to_vec(),
        }
    }
}

/// Runs `cli` with `config`, printing results to stdout.
///
/// # Errors
/// Configuration, input, schema and database errors; [`Error::BackfillFailed`] when any
/// backfill operation failed (after the summary is printed).
pub async fn run(cli: Cli, config: Config) -> Result<()> {
    // Parse input before connecting: a bad file must fail without touching the database.
    let guide = match &cli.command {
        Some(Command::Compliance { from }) => {
            let path = from
                .clone()
                .or_else(|| config.fta_data_path.clone())
                .ok_or_else(|| {
                    Error::Config("seed compliance needs --from PATH (or FTA_DATA_PATH)".to_owned())
                })?;
            Some(compliance::model::load(&path)?)
        }
        _ => None,
    };
    let connections = if matches!(cli.command, Some(Command::Backfill { .. })) {
        2
    } else {
        1
    };
    let conn = config.connect(connections).await?;
    db::ensure_migrated(&config.database_url, &conn).await?;
    match cli.command {
        None => {
            let report = fixture::seed_all(&conn, config.default_password.as_deref()).await?;
            for line in &report.lines {
                println!("{line}");
            }
            print!("{}", report.summary());
        }
        Some(Command::Compliance { .. }) => {
            let guide = guide.unwrap_or_default();
            let report = compliance::ingest(&conn, &guide).await?;
            print!("{}", report.summary());
        }
        Some(Command::Backfill {
            operation,
            dry_run,
            batch_size,
            max_batches,
            metrics_file,
        }) => {
            let options = Options {
                dry_run,
                batch_size,
                max_batches,
            };
            let reporting = backfill::Reporting { metrics_file };
            let runs =
                backfill::run_reporting(&conn, &operation.operations(), options, &reporting).await;
            if dry_run {
                println!("dry run: nothing was written");
            }
            print!("{}", backfill::Summary(&runs));
            let failed = runs.iter().filter(|r| r.result.is_err()).count();
            if failed > 0 {
                return Err(Error::BackfillFailed(failed));
            }
        }
        Some(Command::Admin { email, name }) => {
            let line =
                users::create_admin(&conn, &name, &email, config.default_password.as_deref())
                    .await?;
            println!("{line}");
        }
        Some(Command::Synthetic { scale }) => {
            let generated = synthetic::generate(&conn, scale).await?;
            for (table, rows, secs) in &generated.tables {
                println!("{table:<22} {rows:>10} rows {secs:>8.3} s");
            }
            println!(
                "{} rows in {:.3} s ({:.0} rows/s)",
                generated.rows(),
                generated.elapsed.as_secs_f64(),
                generated.rows_per_second()
            );
        }
    }
    conn.close().await?;
    Ok(())
}

/// Logs to stderr; `RUST_LOG` overrides the default `info`.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// The exit code for an error: 2 for configuration mistakes, 1 otherwise.
pub fn exit_code(error: &Error) -> i32 {
    match error {
        Error::Config(_) | Error::Migration(migration::Error::Config(_)) => 2,
        _ => 1,
    }
}
