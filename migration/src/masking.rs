//! Keeping database passwords out of output: the one place that masks a URL (the userinfo
//! password and the `password` / `sslpassword` query parameters) and scrubs a driver's error
//! text that may quote it. Every URL the project shows goes through [`mask_url`].

use std::borrow::Cow;

/// The query parameters that carry a secret (libpq's and sqlx's names). `passfile` names a
/// file, not a secret, and is shown.
const SECRET_PARAMETERS: [&str; 2] = ["password", "sslpassword"];

/// What a secret is replaced with.
const MASK: &str = "***";

fn is_secret(key: &str) -> bool {
    SECRET_PARAMETERS
        .iter()
        .any(|name| key.eq_ignore_ascii_case(name))
}

/// The URL with every password replaced by `***`: the userinfo password and the values of
/// the `password` and `sslpassword` query parameters. Anything that does not parse as a URL is
/// shown as `<database url>`, since there is no telling where its secrets are.
pub fn mask_url(raw: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(raw) else {
        return "<database url>".to_owned();
    };
    if parsed.password().is_some() && parsed.set_password(Some(MASK)).is_err() {
        return "<database url>".to_owned();
    }
    if parsed.query_pairs().any(|(key, _)| is_secret(&key)) {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(key, value)| {
                let value = if is_secret(&key) {
                    Cow::Borrowed(MASK)
                } else {
                    value
                };
                (key.into_owned(), value.into_owned())
            })
            .collect();
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    if parsed.as_str() == raw {
        raw.to_owned()
    } else {
        parsed.to_string()
    }
}

/// Every secret `raw` carries, as written in it and decoded: the userinfo password and the
/// secret query parameters' values.
pub fn secrets(raw: &str) -> Vec<String> {
    let Ok(parsed) = url::Url::parse(raw) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if let Some(password) = parsed.password() {
        found.push(password.to_owned());
        found.push(percent_decoded(password));
    }
    for (key, value) in parsed.query_pairs() {
        if is_secret(&key) {
            found.push(value.into_owned());
        }
    }
    if let Some(query) = parsed.query() {
        for pair in query.split('&') {
            if let Some((key, value)) = pair.split_once('=')
                && is_secret(key)
            {
                found.push(value.to_owned());
            }
        }
    }
    found.retain(|secret| !secret.is_empty() && secret != MASK);
    // The longest first, so that no secret is left half replaced by a shorter one it contains.
    found.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
    found.dedup();
    found
}

/// `text` with its `%XX` escapes decoded (a `+` stays a `+`, as in a URL's userinfo).
fn percent_decoded(text: &str) -> String {
    let escaped = format!("x={}", text.replace('+', "%2B"));
    url::form_urlencoded::parse(escaped.as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// `message` (a driver's error, say) with the URL `raw` masked and every secret it carries
/// replaced by `***` wherever else it appears, cut to its first line.
pub fn scrub(message: &str, raw: &str) -> String {
    let mut text = message.replace(raw, &mask_url(raw));
    for secret in secrets(raw) {
        text = text.replace(&secret, MASK);
    }
    text.lines().next().unwrap_or_default().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_userinfo_password_is_masked_and_the_rest_kept() {
        assert_eq!(
            mask_url("postgres://app:s3cret@db.internal:5432/legal"),
            "postgres://app:***@db.internal:5432/legal"
        );
    }

    #[test]
    fn a_url_without_secrets_is_shown_as_written() {
        for raw in [
            "sqlite://legal_ai.db?mode=rwc",
            "postgres://app@db/legal?passfile=/run/pgpass&sslmode=require",
        ] {
            assert_eq!(mask_url(raw), raw);
        }
    }

    #[test]
    fn password_query_parameters_are_masked_in_any_case() {
        let masked = mask_url(
            "postgres://app@db/x?sslmode=require&password=s3cr%26t&SSLPassword=k3y&passfile=/p",
        );
        assert!(
            !masked.contains("s3cr") && !masked.contains("k3y"),
            "{masked}"
        );
        assert!(
            masked.contains("sslmode=require") && masked.contains("passfile="),
            "{masked}"
        );
        assert_eq!(masked.matches(MASK).count(), 2, "{masked}");
    }

    #[test]
    fn scrubbing_removes_every_secret_from_an_error_text() {
        let raw = "postgres://app:p%40ss@db/x?password=qu3ry";
        let message = format!("error connecting to {raw}: password p@ss or qu3ry refused\nmore");
        let scrubbed = scrub(&message, raw);
        for secret in ["p%40ss", "p@ss", "qu3ry"] {
            assert!(!scrubbed.contains(secret), "{scrubbed}");
        }
        assert!(!scrubbed.contains("more"), "one line: {scrubbed}");
    }

    #[test]
    fn an_unparsable_url_is_not_echoed() {
        assert_eq!(mask_url("not a url with pass:hunter2"), "<database url>");
    }
}
