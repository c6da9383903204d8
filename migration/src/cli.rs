//! The migration command line: sea-orm-migration's verbs, reading `DATABASE_URL`.

use crate::config::{DEFAULT_CONNECT_TIMEOUT, DatabaseUrl};
use crate::error::{Error, Result};
use crate::{Migrator, generate};
use clap::{Parser, Subcommand};
use sea_orm_migration::{MigrationStatus, MigratorTrait};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "migration",
    about = "Apply and inspect lexbase's schema migrations"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations (all, or the next N).
    Up {
        /// How many to apply.
        #[arg(short = 'n', long)]
        num: Option<u32>,
    },
    /// Roll back applied migrations (one, or the last N).
    Down {
        /// How many to roll back.
        #[arg(short = 'n', long, default_value_t = 1)]
        num: u32,
    },
    /// Show each migration as applied or pending.
    Status,
    /// Drop every table, then apply all migrations.
    Fresh,
    /// Roll back all applied migrations, then apply all.
    Refresh,
    /// Roll back all applied migrations.
    Reset,
    /// Create a new migration file with empty up/down and register it.
    Generate {
        /// What the migration does, e.g. "add case priority".
        message: String,
    },
}

/// Runs one command against the database named by `DATABASE_URL`, printing to stdout.
///
/// # Errors
/// A bad or unreachable `DATABASE_URL`, or a failing migration.
pub async fn run(cli: Cli) -> Result<()> {
    if let Command::Generate { message } = &cli.command {
        let path = generate::create(message, chrono::Utc::now())?;
        println!("Generated {}", path.display());
        return Ok(());
    }
    let url = DatabaseUrl::from_env("DATABASE_URL")?;
    let db = url.connect(DEFAULT_CONNECT_TIMEOUT).await?;
    match cli.command {
        Command::Up { num } => Migrator::up(&db, num).await?,
        Command::Down { num } => Migrator::down(&db, Some(num)).await?,
        Command::Fresh => Migrator::fresh(&db).await?,
        Command::Refresh => Migrator::refresh(&db).await?,
        Command::Reset => Migrator::reset(&db).await?,
        Command::Status | Command::Generate { .. } => {}
    }
    print_status(&db, &url).await
}

async fn print_status(db: &sea_orm::DatabaseConnection, url: &DatabaseUrl) -> Result<()> {
    let migrations = Migrator::get_migration_with_status(db).await?;
    println!("Database: {}", url.masked());
    for migration in &migrations {
        let state = match migration.status() {
            MigrationStatus::Applied => "applied",
            MigrationStatus::Pending => "pending",
        };
        println!("  {state:<8} {}", migration.name());
    }
    let pending = migrations
        .iter()
        .filter(|m| m.status() == MigrationStatus::Pending)
        .count();
    println!("{} applied, {pending} pending", migrations.len() - pending);
    Ok(())
}

/// The exit code for an error: 2 for configuration mistakes, 1 otherwise.
pub fn exit_code(error: &Error) -> i32 {
    match error {
        Error::Config(_) => 2,
        _ => 1,
    }
}
