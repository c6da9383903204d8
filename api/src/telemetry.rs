//! Logging and tracing: the one subscriber `main` installs, and how errors are written to it.
//!
//! Requests run in a `request` span carrying the request id; the service functions and the
//! migration runner open their own spans inside it (`#[tracing::instrument]`), so every line
//! logged while handling a request can be traced back to it. With `LOG_FORMAT=json` each line
//! carries the current span's fields and the list of spans it sits in.

use crate::config::LogFormat;
use std::fmt;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// Installs the process-wide subscriber writing to stderr, filtered by `RUST_LOG` (default
/// `info`). Does nothing if one is installed already.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing::subscriber::set_global_default(subscriber(format, filter, std::io::stderr));
}

/// The subscriber `main` uses, writing to `writer` (tests pass a buffer).
pub fn subscriber<W>(
    format: LogFormat,
    filter: EnvFilter,
    writer: W,
) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    match format {
        LogFormat::Json => Box::new(
            builder
                .json()
                .with_current_span(true)
                .with_span_list(true)
                .finish(),
        ),
        LogFormat::Pretty => Box::new(builder.finish()),
    }
}

/// Displays an error followed by each of its sources: `outer: cause: root cause`.
pub struct Chain<'a>(pub &'a (dyn std::error::Error + 'static));

impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::error::ApiError;
    use axum::response::IntoResponse;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'w> MakeWriter<'w> for Buffer {
        type Writer = Buffer;
        fn make_writer(&'w self) -> Self::Writer {
            self.clone()
        }
    }

    #[derive(Debug, thiserror::Error)]
    #[error("reading the ledger failed")]
    struct Outer(#[source] std::io::Error);

    fn logged(format: LogFormat, work: impl FnOnce()) -> String {
        let buffer = Buffer::default();
        let subscriber = subscriber(format, EnvFilter::new("info"), buffer.clone());
        tracing::subscriber::with_default(subscriber, work);
        String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn an_internal_error_logs_its_whole_cause_chain_and_answers_without_it() {
        let root = std::io::Error::other("disk sector 7 unreadable");
        let mut response = None;
        let log = logged(LogFormat::Pretty, || {
            response = Some(ApiError::internal(Outer(root)).into_response());
        });
        assert!(
            log.contains("reading the ledger failed: disk sector 7 unreadable"),
            "{log}"
        );
        let response = response.unwrap();
        assert_eq!(response.status(), 500);
    }

    #[test]
    fn json_lines_carry_the_fields_of_the_spans_they_were_logged_in() {
        let log = logged(LogFormat::Json, || {
            let request = tracing::info_span!("request", request_id = "req-42");
            let _in_request = request.enter();
            let service = tracing::info_span!("find_by_id", actor = 7);
            let _in_service = service.enter();
            tracing::info!("looked up");
        });
        let line: serde_json::Value = serde_json::from_str(log.lines().next().unwrap()).unwrap();
        assert_eq!(line["span"]["actor"], 7, "{line}");
        assert_eq!(line["spans"][0]["request_id"], "req-42", "{line}");
    }
}
