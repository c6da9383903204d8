//! The migration command line: Alembic's verbs (`up`, `down`, `current`, `history`, `heads`,
//! `stamp`, ...), sea-orm-cli's `fresh`/`refresh`/`reset`, and lexbase's `status`, `sql`,
//! `check`, `verify` and `repair`. It reads `MIGRATION_DATABASE_URL` or `DATABASE_URL`.

/// `println!` that ignores a closed stdout (`migration history | head`) instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod args;
mod output;
pub mod roles;

pub use args::{Backend, Cli, Command, Destructive, Format};

use crate::catalog::Catalog;
use crate::config::DatabaseUrl;
use crate::error::{Error, Result};
use crate::runner::adopt::{self, AdoptOptions};
use crate::runner::{Options, Runner};
use crate::target::{Range, Target, position};
use crate::{autogen, generate, snapshots, sql};
use sea_orm::DbBackend;
use std::process::ExitCode;

/// Prints the library's progress lines (`Running upgrade ...`) on stdout, as Alembic does:
/// each line is the event alone, without the spans it was logged in (those are for the API
/// server's logs).
pub fn init_logging() {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stdout)
        .with_ansi(false)
        .event_format(Plain)
        .with_env_filter(tracing_subscriber::EnvFilter::new("migration=info"))
        .try_init();
}

/// An event's message and fields, nothing else.
struct Plain;

impl<S, N> tracing_subscriber::fmt::FormatEvent<S, N> for Plain
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    N: for<'a> tracing_subscriber::fmt::FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &tracing_subscriber::fmt::FmtContext<'_, S, N>,
        mut writer: tracing_subscriber::fmt::format::Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Runs one command, printing to stdout. `Ok` carries the exit status of commands that
/// report a finding rather than fail (`check`, `verify`, `current --check-heads`).
///
/// # Errors
/// Any [`Error`]; [`Error::exit_code`] gives its exit status.
pub async fn run(cli: Cli) -> Result<ExitCode> {
    let format = cli.format;
    let guard = match &cli.command {
        Command::Down { guard, .. }
        | Command::Fresh { guard }
        | Command::Refresh { guard }
        | Command::Reset { guard } => Some(guard.clone()),
        Command::Up {
            backup: Some(dir), ..
        } => Some(Destructive {
            force: false,
            backup: Some(dir.clone()),
        }),
        _ => None,
    };
    let options = cli.options(guard.as_ref());
    match cli.command {
        Command::New {
            message,
            empty: true,
            ..
        } => {
            let path = generate::create(&message, chrono::Utc::now())?;
            say!("Generated {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            message,
            rename,
            from_database,
            backend,
            ..
        } => {
            let mut request = autogen::run::Request {
                backend: backend.map(Backend::db),
                from_database,
                ..Default::default()
            };
            for flag in &rename {
                request.renames.add(flag)?;
            }
            let outcome = autogen::run::autogenerate(
                &generate::source_dir(),
                &message,
                chrono::Utc::now(),
                &request,
            )
            .await?;
            for line in autogen::run::summary(&outcome.migration.upgrade) {
                say!("{line}");
            }
            match outcome.file {
                Some(path) => say!("Generated {}", path.display()),
                None => say!("No changes detected."),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Snapshots { write } => {
            let dir = snapshots::dir();
            let plans = crate::plans();
            if write {
                let changed = snapshots::write(&dir, &plans)?;
                for file in &changed {
                    say!("Wrote snapshots/{file}");
                }
                if changed.is_empty() {
                    say!("Snapshots are up to date.");
                }
                return Ok(ExitCode::SUCCESS);
            }
            let mismatches = snapshots::check(&dir, &plans)?;
            for mismatch in &mismatches {
                say!("{mismatch}");
            }
            if mismatches.is_empty() {
                say!("Snapshots match what every migration renders.");
                return Ok(ExitCode::SUCCESS);
            }
            say!(
                "Run `migration snapshots --write` (make alembic-snapshots) after a deliberate \
                 change, and review the diff."
            );
            Ok(ExitCode::FAILURE)
        }
        Command::Sql { backend, range } => {
            print_sql(backend, range.as_deref(), Target::Base)?;
            Ok(ExitCode::SUCCESS)
        }
        // Alembic's offline mode: `up`/`down TARGET --sql` print what `sql` prints.
        Command::Up {
            target, sql: true, ..
        } => {
            print_sql(None, Some(&target), Target::Base)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Down {
            target, sql: true, ..
        } => {
            print_sql(None, Some(&target), Target::Head)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Heads { verbose } => {
            output::heads(&offline_catalog()?, verbose, format);
            Ok(ExitCode::SUCCESS)
        }
        Command::History {
            verbose,
            indicate_current,
            rev_range,
        } => {
            let catalog = offline_catalog()?;
            // Check the range before connecting: a typo needs no database to be reported.
            let range = Range::parse(&catalog, rev_range.as_deref())?;
            let overview = if verbose || indicate_current || range.mentions_current() {
                Some(runner(options)?.overview().await?)
            } else {
                None
            };
            let current = overview.as_ref().and_then(|o| o.applied().last().copied());
            let shown = range.history(&catalog, current)?;
            output::history(
                &catalog,
                overview.as_ref(),
                &shown,
                verbose,
                indicate_current,
                format,
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Roles(args) => roles::run(&args, options.connect_timeout).await,
        command => run_on_database(command, options, format).await,
    }
}

/// The catalog for commands that need only names and order: checksummed for the backend of
/// the configured database, or SQLite's when none is configured.
fn offline_catalog() -> Result<Catalog> {
    let backend = DatabaseUrl::for_migrating().map_or(DbBackend::Sqlite, |url| url.backend());
    Catalog::new(backend)
}

/// Prints the SQL that takes a database from one end of `range` (`[FROM:]TO`; without FROM,
/// `from`) to the other, rendered for `backend` or for DATABASE_URL's backend (never
/// connected to).
fn print_sql(backend: Option<Backend>, range: Option<&str>, from: Target) -> Result<()> {
    let backend = match backend {
        Some(backend) => backend.db(),
        None => DatabaseUrl::for_migrating()
            .map_err(|e| {
                Error::Config(format!(
                    "the SQL is rendered for DATABASE_URL's backend, or use `sql --backend \
                     postgres|mysql|sqlite` ({e})"
                ))
            })?
            .backend(),
    };
    let catalog = Catalog::new(backend)?;
    let mut parsed = Range::parse(&catalog, range)?;
    if !range.is_some_and(|text| text.contains(':')) {
        parsed.from = from;
    }
    let range = parsed;
    let from = position(&catalog, range.from, None)?;
    let to = position(&catalog, range.to, from)?;
    let script = sql::render(&catalog, backend, from, to);
    let _ = std::io::Write::write_all(&mut std::io::stdout(), script.as_bytes());
    Ok(())
}

fn runner(options: Options) -> Result<Runner> {
    Runner::new(DatabaseUrl::for_migrating()?, options)
}

async fn run_on_database(command: Command, options: Options, format: Format) -> Result<ExitCode> {
    let runner = runner(options)?;
    let target = |text: &str| Target::parse(runner.catalog(), text);
    match command {
        Command::Up { target: text, .. } => {
            let target = target(&text)?;
            output::report(&runner.up(target).await?);
        }
        Command::Down { target: text, .. } => {
            let target = target(&text)?;
            output::report(&runner.down(target).await?);
        }
        Command::Reset { .. } => output::report(&runner.reset().await?),
        Command::Refresh { .. } => output::report(&runner.refresh().await?),
        Command::Fresh { .. } => output::report(&runner.fresh().await?),
        Command::Stamp {
            from_alembic: true,
            plan,
            assume,
            naive_timezone,
            rename_aside,
            backup,
            ..
        } => {
            let options = AdoptOptions {
                plan_only: plan,
                assume,
                naive_timezone,
                rename_aside: rename_aside
                    .iter()
                    .map(|pair| adopt::parse_rename_aside(pair))
                    .collect::<Result<_>>()?,
                backup,
            };
            output::adoption(&runner.adopt(&options).await?);
        }
        Command::Stamp {
            target: text,
            purge,
            ..
        } => {
            let target = target(text.as_deref().unwrap_or("head"))?;
            output::stamped(&runner.stamp(target, purge).await?);
        }
        Command::Repair { accept } => say!("{}", runner.repair(&accept).await?),
        Command::Current {
            check_heads,
            verbose,
        } => {
            let overview = runner.overview().await?;
            let database = runner.url().masked();
            output::current(runner.catalog(), &overview, &database, verbose, format);
            if check_heads && !overview.at_head() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Status => {
            let overview = runner.overview().await?;
            output::status(&overview, runner.url().masked(), format);
            overview.ensure_intact()?;
            overview.ensure_in_order()?;
        }
        Command::Verify => {
            if !output::verify(&runner.overview().await?, format) {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Check => {
            if !output::check(&runner.check().await?, format) {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::New { .. }
        | Command::Snapshots { .. }
        | Command::Sql { .. }
        | Command::Heads { .. }
        | Command::History { .. }
        | Command::Roles(_) => {}
    }
    Ok(ExitCode::SUCCESS)
}
