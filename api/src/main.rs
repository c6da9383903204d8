//! `api`: lexbase's HTTP server.

use api::config::Config;

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
