//! The command line's arguments (clap derive).

use crate::runner::Options;
use crate::settings::MigrationSettings;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "migration",
    version,
    about = "Apply and inspect lexbase's schema migrations (Alembic's verbs)",
    after_help = "TARGET: head, base, +N, -N, a migration name, a unique prefix of one, or the \
                  Alembic revision it ports (see `history`).\n\
                  The database is MIGRATION_DATABASE_URL if set, else DATABASE_URL."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Output format of current, status, history and check.
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The `MIGRATION_*` settings (flags or variables).
    #[command(flatten)]
    pub settings: MigrationSettings,
}

/// Text for people, JSON for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Alembic-style lines.
    Text,
    /// One JSON document.
    Json,
}

/// `--backend` of `sql`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// PostgreSQL.
    Postgres,
    /// MariaDB / MySQL.
    #[value(alias = "mariadb")]
    Mysql,
    /// SQLite.
    Sqlite,
}

impl Backend {
    /// The sea-orm backend.
    pub fn db(self) -> sea_orm::DbBackend {
        match self {
            Backend::Postgres => sea_orm::DbBackend::Postgres,
            Backend::Mysql => sea_orm::DbBackend::MySql,
            Backend::Sqlite => sea_orm::DbBackend::Sqlite,
        }
    }
}

/// Flags of the commands that may drop data.
#[derive(Debug, Clone, clap::Args)]
pub struct Destructive {
    /// Proceed even when tables or columns holding rows would be dropped.
    #[arg(long)]
    pub force: bool,
    /// Write a backup into this directory first (SQLite file, pg_dump, mariadb-dump).
    #[arg(long, value_name = "DIR")]
    pub backup: Option<PathBuf>,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations up to TARGET (default head; +N applies the next N).
    #[command(allow_negative_numbers = true, visible_alias = "upgrade")]
    Up {
        /// head, +N, a name, a unique prefix or an Alembic revision; with --sql also
        /// FROM:TO.
        #[arg(default_value = "head")]
        target: String,
        /// Print the SQL instead of running it, as `sql` does (from base, or FROM of
        /// FROM:TO); the database is not touched.
        #[arg(long, conflicts_with_all = ["backup", "out_of_order"])]
        sql: bool,
        /// Write a backup into this directory first.
        #[arg(long, value_name = "DIR")]
        backup: Option<PathBuf>,
        /// Also apply pending migrations that sort before applied ones.
        #[arg(long)]
        out_of_order: bool,
    },
    /// Roll back to TARGET (default -1; base rolls back everything).
    #[command(allow_negative_numbers = true, visible_alias = "downgrade")]
    Down {
        /// -N, base, a name or a unique prefix (that migration stays applied); with --sql
        /// also FROM:TO.
        #[arg(default_value = "-1")]
        target: String,
        /// Print the SQL instead of running it, as `sql` does (from head, or FROM of
        /// FROM:TO); the database is not touched.
        #[arg(long, conflicts_with_all = ["force", "backup"])]
        sql: bool,
        #[command(flatten)]
        guard: Destructive,
    },
    /// Print the current revision (empty when nothing is applied).
    Current {
        /// Exit 1 unless every migration is applied.
        #[arg(long)]
        check_heads: bool,
        /// Name the database, then show the current migration in full (as `history -v`).
        #[arg(short, long)]
        verbose: bool,
    },
    /// List the migrations, newest first.
    History {
        /// Add applied-at time, duration, checksum and path.
        #[arg(short, long)]
        verbose: bool,
        /// Mark the current revision (needs the database).
        #[arg(short = 'i', long)]
        indicate_current: bool,
        /// Only [FROM]:[TO], both ends included (`current:`, `-3:current`, `base:current`).
        #[arg(short = 'r', long, value_name = "RANGE", allow_hyphen_values = true)]
        rev_range: Option<String>,
    },
    /// Print the head revision.
    Heads {
        /// Show the head migration in full (as `history -v`).
        #[arg(short, long)]
        verbose: bool,
    },
    /// Show each migration as applied, pending, changed, unverified or incomplete.
    Status,
    /// Record migrations as applied up to TARGET without running them.
    #[command(allow_negative_numbers = true)]
    Stamp {
        /// The revision to record (everything after it is un-recorded).
        #[arg(required_unless_present = "from_alembic")]
        target: Option<String>,
        /// Forget everything recorded first (also migrations the code no longer has).
        #[arg(long)]
        purge: bool,
        /// Adopt a database built by Alembic: map alembic_version, verify, reconcile, record.
        #[arg(long, conflicts_with_all = ["target", "purge"])]
        from_alembic: bool,
        /// With --from-alembic: print the reconciliation plan as SQL and change nothing.
        #[arg(long, requires = "from_alembic")]
        plan: bool,
        /// With --from-alembic: the revision a database without alembic_version stands at.
        #[arg(long, value_name = "REVISION", requires = "from_alembic")]
        assume: Option<String>,
        /// With --from-alembic: the zone naive upstream timestamps were written in (default UTC).
        #[arg(long, value_name = "TZ", requires = "from_alembic")]
        naive_timezone: Option<String>,
        /// With --from-alembic: rename an upstream table of another shape aside: TABLE=NEW.
        #[arg(long, value_name = "TABLE=NEW", requires = "from_alembic")]
        rename_aside: Vec<String>,
        /// With --from-alembic: write a backup to DIR before the plan runs.
        #[arg(long, value_name = "DIR", requires = "from_alembic")]
        backup: Option<std::path::PathBuf>,
    },
    /// Create a migration from the entities' changes (or an empty one) and register it.
    #[command(alias = "generate", alias = "revision")]
    New {
        /// What it does, e.g. "add case priority".
        message: String,
        /// Compare the entities with the schema the history builds and write the operations
        /// (the default).
        #[arg(long, conflicts_with = "empty")]
        autogenerate: bool,
        /// Write an empty migration instead.
        #[arg(long)]
        empty: bool,
        /// A rename to make instead of a drop and an add: OLD=NEW (table) or TABLE.OLD=NEW.
        #[arg(long, value_name = "OLD=NEW", conflicts_with = "empty")]
        rename: Vec<String>,
        /// Compare with the live database (at head) instead of the history: drift repair.
        #[arg(long, conflicts_with = "empty")]
        from_database: bool,
        /// Replay the history on this backend (default: DATABASE_URL's, else SQLite).
        #[arg(long, value_enum, conflicts_with = "empty")]
        backend: Option<Backend>,
    },
    /// Print the SQL that up (or down) would run, without touching any database.
    #[command(allow_negative_numbers = true)]
    Sql {
        /// Render for this backend (default: the backend of DATABASE_URL, which is not used).
        #[arg(long, value_enum)]
        backend: Option<Backend>,
        /// [FROM:]TO, default base:head; FROM later than TO prints the downgrade.
        range: Option<String>,
    },
    /// Compare the live schema with the entities; exit 1 on any difference.
    Check,
    /// Compare the committed SQL snapshots (migration/snapshots/) with what every migration
    /// renders; exit 1 naming each file and its first differing line.
    Snapshots {
        /// Rewrite the snapshots that differ (after a deliberate change; review the diff).
        #[arg(long)]
        write: bool,
    },
    /// Check every applied migration's checksum; exit 1 on any problem.
    Verify,
    /// Accept a migration's current state (changed source, vanished, incomplete).
    Repair {
        /// The migration to accept.
        #[arg(long, value_name = "NAME")]
        accept: String,
    },
    /// Drop every table, then apply every migration.
    Fresh {
        #[command(flatten)]
        guard: Destructive,
    },
    /// Roll back every migration, then apply them all.
    Refresh {
        #[command(flatten)]
        guard: Destructive,
    },
    /// Roll back every migration.
    Reset {
        #[command(flatten)]
        guard: Destructive,
    },
    /// Print (or --apply) the statements that create the owner and application roles.
    Roles(super::roles::RolesArgs),
}

impl Cli {
    pub(super) fn options(&self, guard: Option<&Destructive>) -> Options {
        Options {
            force: guard.is_some_and(|g| g.force),
            backup: guard.and_then(|g| g.backup.clone()),
            out_of_order: matches!(
                self.command,
                Command::Up {
                    out_of_order: true,
                    ..
                }
            ),
            ..self.settings.options()
        }
    }
}
