//! Progress for long backfills: a bar on a terminal, a log line every few seconds otherwise.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often a line is logged when stderr is not a terminal.
const LOG_EVERY: Duration = Duration::from_secs(2);

/// Progress of one operation over `total` rows (an estimate taken at the start).
pub struct Progress {
    name: &'static str,
    total: u64,
    done: u64,
    bar: Option<ProgressBar>,
    last_log: Instant,
}

impl Progress {
    /// Starts reporting for `name`. A bar when stderr is a terminal, else log lines.
    pub fn start(name: &'static str, total: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{prefix:>9} [{bar:40}] {human_pos}/{human_len} rows, {elapsed} elapsed, eta {eta}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_prefix(name);
            bar
        });
        Self {
            name,
            total,
            done: 0,
            bar,
            last_log: Instant::now(),
        }
    }

    /// Records `rows` more rows examined.
    pub fn advance(&mut self, rows: u64) {
        self.done += rows;
        if let Some(bar) = &self.bar {
            bar.set_position(self.done);
        } else if self.last_log.elapsed() >= LOG_EVERY {
            self.last_log = Instant::now();
            tracing::info!(
                operation = self.name,
                done = self.done,
                total = self.total,
                "backfill progress"
            );
        }
    }

    /// Ends the bar (or logs the last line).
    pub fn finish(self) {
        match self.bar {
            Some(bar) => bar.finish_and_clear(),
            None => tracing::info!(
                operation = self.name,
                done = self.done,
                total = self.total,
                "backfill done"
            ),
        }
    }
}
