//! `seed`: seed lexbase, ingest the FTA guide, run backfills, make synthetic data.

use clap::Parser;
use seed::cli::{Cli, exit_code, init_tracing, run};
use seed::config::Config;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // A missing .env is normal; the variables may come from the environment.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    init_tracing();
    let outcome = match Config::from_env() {
        Ok(config) => run(cli, config).await,
        Err(error) => Err(error),
    };
    if let Err(error) = outcome {
        eprintln!("error: {error}");
        std::process::exit(exit_code(&error));
    }
    Ok(())
}
