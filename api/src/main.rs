//! `api`: lexbase's HTTP server.

use api::config::Config;

// glibc's malloc was a fifth of the server's CPU under load (BENCHMARKS.md, "API server").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let _ = dotenvy::dotenv();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(2);
        }
    };
    api::telemetry::init(config.log_format);
    if let Err(error) = api::serve(config).await {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
