//! Canonical JSON as upstream's Python produced it, so template hashes match theirs:
//! `json.dumps(value, sort_keys=True)` with Python's default separators (`", "`, `": "`) and
//! `ensure_ascii` (non-ASCII as `\uXXXX`), and `datetime.isoformat()` for UTC instants.

use chrono::{DateTime, Timelike, Utc};

/// Python's `datetime.isoformat()` of a UTC instant.
pub fn isoformat(at: DateTime<Utc>) -> String {
    if at.nanosecond() / 1000 == 0 {
        at.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
    } else {
        at.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string()
    }
}

/// `json.dumps(value, sort_keys=True)` with Python's defaults.
pub fn python_dumps(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value as J;
    match value {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Number(n) => out.push_str(&n.to_string()),
        J::String(s) => write_string(s, out),
        J::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(item, out);
            }
            out.push(']');
        }
        J::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_string(key, out);
                out.push_str(": ");
                if let Some(v) = map.get(key) {
                    write_value(v, out);
                }
            }
            out.push('}');
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (' '..='\u{7f}').contains(&c) => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    #[test]
    fn dumps_matches_python_sort_keys_output() {
        let value = json!({"b": 1, "a": [null, true, "é\n"], "c": {"z": "x", "y": 2}});
        assert_eq!(
            python_dumps(&value),
            r#"{"a": [null, true, "\u00e9\n"], "b": 1, "c": {"y": 2, "z": "x"}}"#
        );
    }

    #[test]
    fn isoformat_drops_a_zero_fraction_like_python() {
        let at = Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap();
        assert_eq!(isoformat(at), "2025-01-02T03:04:05+00:00");
        let at = at + chrono::Duration::microseconds(120);
        assert_eq!(isoformat(at), "2025-01-02T03:04:05.000120+00:00");
    }
}
