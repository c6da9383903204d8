//! Server defaults in one spelling for every backend.
//!
//! PostgreSQL prints `'[]'::jsonb` and `now()`, MariaDB `'[]'` and `current_timestamp()`,
//! SQLite whatever the `CREATE TABLE` said (`('[]')`, `TRUE`), and the entities' expressions
//! render differently again. [`normalise`] reads any of them, knowing the column's type, into
//! a [`ServerDefault`], so equal defaults compare equal.

use super::Kind;

/// A column's server default, normalised.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ServerDefault {
    /// The current time (`CURRENT_TIMESTAMP`, `now()`, `current_timestamp()`).
    CurrentTimestamp,
    /// A number, canonical (`0`, `0.0` and `'0'::integer` are all `0`).
    Number(String),
    /// A boolean (MariaDB's `1`/`0` on a boolean column too).
    Boolean(bool),
    /// A string literal, unquoted; JSON as compact JSON text.
    Text(String),
    /// Any other expression, whitespace collapsed.
    Expression(String),
}

/// Reads a default as a catalog (or an entity) spells it; `None` for no default or `NULL`.
pub fn normalise(kind: &Kind, raw: &str) -> Option<ServerDefault> {
    let mut text = strip_parens(raw.trim());
    loop {
        let stripped = strip_cast(&text);
        let stripped = strip_parens(&stripped);
        if stripped == text {
            break;
        }
        text = stripped;
    }
    let upper = text.to_ascii_uppercase();
    if text.is_empty() || upper == "NULL" {
        return None;
    }
    if matches!(
        upper.as_str(),
        "CURRENT_TIMESTAMP" | "CURRENT_TIMESTAMP()" | "NOW()" | "LOCALTIMESTAMP"
    ) || upper.starts_with("CURRENT_TIMESTAMP(")
        // MySQL/MariaDB's DATETIME(6) timestamps default to the UTC time.
        || upper.starts_with("UTC_TIMESTAMP")
    {
        return Some(ServerDefault::CurrentTimestamp);
    }
    let literal = unquote(&text);
    let quoted = literal.is_some();
    let value = literal.unwrap_or_else(|| text.clone());
    Some(match kind {
        Kind::Boolean => match value.to_ascii_lowercase().as_str() {
            "1" | "true" | "t" => ServerDefault::Boolean(true),
            "0" | "false" | "f" => ServerDefault::Boolean(false),
            _ => ServerDefault::Expression(collapse(&value)),
        },
        Kind::Integer | Kind::BigInteger | Kind::Double => match number(&value) {
            Some(n) => ServerDefault::Number(n),
            None => ServerDefault::Expression(collapse(&value)),
        },
        Kind::Json | Kind::JsonBinary if quoted => {
            match serde_json::from_str::<serde_json::Value>(&value) {
                Ok(json) => ServerDefault::Text(json.to_string()),
                Err(_) => ServerDefault::Text(value),
            }
        }
        _ if quoted => ServerDefault::Text(value),
        _ => match (value.to_ascii_uppercase().as_str(), number(&value)) {
            ("TRUE", _) => ServerDefault::Boolean(true),
            ("FALSE", _) => ServerDefault::Boolean(false),
            (_, Some(n)) => ServerDefault::Number(n),
            _ => ServerDefault::Expression(collapse(&value)),
        },
    })
}

/// `0`, `0.0`, `-1`, `1e3` in one spelling; `None` for anything that is not a number.
fn number(text: &str) -> Option<String> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(i.to_string());
    }
    let f = text.parse::<f64>().ok().filter(|f| f.is_finite())?;
    if f.fract() == 0.0 && f.abs() < 1e15 {
        // The guard keeps the value inside i64's exact range.
        #[allow(clippy::cast_possible_truncation)]
        return Some((f as i64).to_string());
    }
    Some(f.to_string())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `'it''s'` → `it's`; `None` unless the whole text is one quoted literal.
fn unquote(text: &str) -> Option<String> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            chars.next_if_eq(&'\'')?;
        } else if c == '\\' && chars.peek() == Some(&'\'') {
            // MariaDB escapes quotes with a backslash in information_schema.
            continue;
        }
        out.push(c);
    }
    Some(out)
}

/// Removes parentheses around the whole text.
fn strip_parens(text: &str) -> String {
    let mut text = text.trim().to_owned();
    while text.starts_with('(') && text.ends_with(')') && encloses(&text) {
        text = text[1..text.len() - 1].trim().to_owned();
    }
    text
}

/// Whether the first `(` closes at the last character.
fn encloses(text: &str) -> bool {
    let mut depth = 0;
    let mut in_quote = false;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            '(' if !in_quote => depth += 1,
            ')' if !in_quote => {
                depth -= 1;
                if depth == 0 && i + 1 != text.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// Removes a trailing PostgreSQL cast (`'x'::character varying` → `'x'`).
fn strip_cast(text: &str) -> String {
    let mut in_quote = false;
    let mut depth = 0;
    let bytes = text.as_bytes();
    let mut cut = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\'' => in_quote = !in_quote,
            b'(' if !in_quote => depth += 1,
            b')' if !in_quote => depth -= 1,
            b':' if !in_quote && depth == 0 && bytes.get(i + 1) == Some(&b':') => {
                cut = Some(i);
                break;
            }
            _ => {}
        }
    }
    match cut {
        Some(i) => text[..i].trim().to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(kind: &Kind, raw: &str) -> Option<ServerDefault> {
        normalise(kind, raw)
    }

    #[test]
    fn every_backends_spelling_of_a_default_reads_the_same() {
        let now = Some(ServerDefault::CurrentTimestamp);
        for raw in [
            "CURRENT_TIMESTAMP",
            "now()",
            "current_timestamp()",
            "(CURRENT_TIMESTAMP)",
        ] {
            assert_eq!(n(&Kind::TimestampTz, raw), now, "{raw}");
        }
        let empty_list = Some(ServerDefault::Text("[]".to_owned()));
        for raw in ["'[]'::jsonb", "'[]'", "('[]')", "'[ ]'::json"] {
            assert_eq!(n(&Kind::JsonBinary, raw), empty_list, "{raw}");
        }
        let yes = Some(ServerDefault::Boolean(true));
        for raw in ["true", "TRUE", "1", "'1'"] {
            assert_eq!(n(&Kind::Boolean, raw), yes, "{raw}");
        }
        let zero = Some(ServerDefault::Number("0".to_owned()));
        for raw in ["0", "0.0", "'0'::integer", "(0)"] {
            assert_eq!(n(&Kind::Double, raw), zero, "{raw}");
        }
        assert_eq!(
            n(&Kind::Varchar(10), "'it''s'::character varying"),
            Some(ServerDefault::Text("it's".to_owned()))
        );
        assert_eq!(n(&Kind::Text, "NULL"), None);
        assert_eq!(n(&Kind::Text, "NULL::text"), None);
    }

    #[test]
    fn different_defaults_stay_different() {
        assert_ne!(n(&Kind::Integer, "0"), n(&Kind::Integer, "1"));
        assert_ne!(n(&Kind::Text, "'a'"), n(&Kind::Text, "'b'"));
        assert_ne!(n(&Kind::Json, "'[]'"), n(&Kind::Json, "'{}'"));
    }
}
