//! What one new connection costs: connect, `SELECT 1`, close, through the connection lexbase's
//! commands open (`DatabaseUrl::connect_dedicated`), for each URL given, rounds interleaved so
//! the URLs share whatever else the machine is doing. Prints the median and mean per URL
//! (passwords masked). Used by `bench/tls.sh`.
//!
//!   cargo run --release -p migration --example connect_cost -- [--rounds N] URL...

use anyhow::{Context, bail};
use migration::config::DatabaseUrl;
use sea_orm::{ConnectionTrait, Statement};
use std::time::{Duration, Instant};

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1).peekable();
    let mut rounds = 50;
    if args.peek().map(String::as_str) == Some("--rounds") {
        args.next();
        rounds = args.next().context("--rounds needs a number")?.parse()?;
    }
    let urls = args
        .map(|raw| DatabaseUrl::parse("URL", &raw))
        .collect::<Result<Vec<_>, _>>()?;
    if urls.is_empty() {
        bail!("usage: connect_cost [--rounds N] URL...");
    }
    let mut times = vec![Vec::with_capacity(rounds); urls.len()];
    for _ in 0..rounds {
        for (url, samples) in urls.iter().zip(&mut times) {
            let started = Instant::now();
            let db = url.connect_dedicated(Duration::from_secs(10)).await?;
            db.query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT 1",
            ))
            .await?;
            db.close().await?;
            samples.push(started.elapsed());
        }
    }
    for (url, samples) in urls.iter().zip(&mut times) {
        samples.sort();
        let mean = samples.iter().sum::<Duration>() / u32::try_from(samples.len())?;
        println!(
            "{:>8.2} ms median {:>8.2} ms mean  {}",
            ms(samples[samples.len() / 2]),
            ms(mean),
            url.masked()
        );
    }
    Ok(())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
