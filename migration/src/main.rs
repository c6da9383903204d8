//! `migration`: apply and inspect lexbase's schema migrations.

use clap::Parser;
use migration::cli::{Cli, exit_code, run};

#[tokio::main]
async fn main() {
    // A missing .env is normal; the variables may come from the environment.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    if let Err(error) = run(cli).await {
        eprintln!("error: {error}");
        std::process::exit(exit_code(&error));
    }
}
