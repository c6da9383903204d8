//! `migration`: apply and inspect lexbase's schema migrations.

// The command futures (traced runner commands awaiting the schema engine) nest deeper than
// rustc's default layout limit.
#![recursion_limit = "256"]

use clap::Parser;
use migration::cli::{Cli, init_logging, run};
use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    // A missing .env is normal; the variables may come from the environment.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    init_logging();
    match run(cli).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
