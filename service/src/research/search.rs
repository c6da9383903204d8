//! Full-text search over research queries, ranked by relevance, always within the actor's
//! own queries (everyone's for an admin).
//!
//! The contract on every backend: a row matches when it contains every term of the search
//! text; better matches come first, ties newest first; at most `limit` rows.
//!
//! - PostgreSQL: `to_tsvector('english', query_text) @@ plainto_tsquery('english', $1)`,
//!   ranked by `ts_rank`. The expression is exactly the one indexed by
//!   `ix_research_queries_query_text_fts`, so the GIN index serves the search. English
//!   stemming applies (`possessions` finds `possession`) and stop words are ignored.
//! - SQLite and MariaDB/MySQL: terms are the runs of letters and digits in the search text;
//!   each must occur in `query_text` as a case-insensitive substring (`LIKE` with the
//!   wildcards escaped; SQLite folds ASCII case only), and the rank is the total number of
//!   occurrences of the terms. No stemming, no stop words, no index: a scan of the actor's
//!   rows.

use crate::actor::Actor;
use crate::error::{Error, FieldErrors, Result, map_db_err};
use crate::page::{DEFAULT_LIMIT, MAX_LIMIT};
use crate::validation;
use entity::legal::research_query;
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// What to search for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
pub struct SearchRequest {
    /// Words to look for, 1 to 1000 characters, with at least one letter or digit.
    #[validate(
        length(min = 1, max = 1000, message = "must be 1 to 1000 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub text: String,
    /// Most rows to return, 1 to 100; 20 when absent.
    #[validate(range(min = 1, max = 100, message = "must be 1 to 100"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub limit: Option<u64>,
}

/// One matching research query and how well it matched (higher is better; comparable only
/// within one search).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// The matching query.
    pub query: research_query::Model,
    /// Relevance: `ts_rank` on PostgreSQL, the number of term occurrences elsewhere.
    pub rank: f64,
}

/// Searches the actor's research queries; see the module documentation for the contract.
///
/// # Errors
/// [`Error::Validation`] for blank text, text without any word, or a bad limit.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn search(
    conn: &impl ConnectionTrait,
    actor: Actor,
    request: &SearchRequest,
) -> Result<Vec<SearchHit>> {
    validation::check(request)?;
    let backend = conn.get_database_backend();
    let terms = terms(&request.text, backend);
    if terms.is_empty() {
        let mut errors = FieldErrors::default();
        errors.add("text", "must contain a letter or digit");
        return Err(Error::Validation(errors));
    }
    let limit = request.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT);
    let owner = (!actor.is_admin()).then_some(actor.user_id);
    let statement = match backend {
        DbBackend::Postgres => postgres(&request.text, owner, limit),
        _ => fallback(backend, &terms, owner, limit),
    };
    let rows = conn.query_all_raw(statement).await.map_err(map_db_err)?;
    rows.iter()
        .map(|row| {
            Ok(SearchHit {
                query: research_query::Model::from_query_result(row, "")?,
                rank: row.try_get::<f64>("", "relevance")?,
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(map_db_err)
}

/// The distinct lower-cased runs of letters and digits, in order of appearance.
fn terms(text: &str, backend: DbBackend) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let word = if backend == DbBackend::Sqlite {
            word.to_ascii_lowercase() // SQLite's LOWER() folds ASCII only.
        } else {
            word.to_lowercase()
        };
        if !word.is_empty() && !terms.contains(&word) {
            terms.push(word);
        }
    }
    terms
}

fn postgres(text: &str, owner: Option<i32>, limit: u64) -> Statement {
    const DOCUMENT: &str = "to_tsvector('english', query_text)";
    const QUERY: &str = "plainto_tsquery('english', $1)";
    let mut values: Vec<Value> = vec![text.into()];
    let mut sql = format!(
        "SELECT research_queries.*, CAST(ts_rank({DOCUMENT}, {QUERY}) AS double precision) \
         AS relevance FROM research_queries WHERE {DOCUMENT} @@ {QUERY}"
    );
    if let Some(owner) = owner {
        sql.push_str(" AND lawyer_id = $2");
        values.push(owner.into());
    }
    sql.push_str(&format!(" ORDER BY relevance DESC, id DESC LIMIT {limit}"));
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

fn fallback(backend: DbBackend, terms: &[String], owner: Option<i32>, limit: u64) -> Statement {
    let length = if backend == DbBackend::MySql {
        "CHAR_LENGTH"
    } else {
        "LENGTH"
    };
    let mut values: Vec<Value> = Vec::new();
    let mut occurrences = Vec::new();
    for term in terms {
        // Occurrences of a term: how much shorter the text gets without it, in terms.
        occurrences.push(format!(
            "({length}(LOWER(query_text)) - {length}(REPLACE(LOWER(query_text), ?, ''))) / {}",
            term.chars().count()
        ));
        values.push(term.as_str().into());
    }
    let mut conditions = Vec::new();
    for term in terms {
        conditions.push("LOWER(query_text) LIKE ? ESCAPE '!'".to_owned());
        values.push(format!("%{}%", escape_like(term)).into());
    }
    if let Some(owner) = owner {
        conditions.push("lawyer_id = ?".to_owned());
        values.push(owner.into());
    }
    // `* 1e0` makes the rank a double on both backends (MySQL's `/` yields a DECIMAL).
    let sql = format!(
        "SELECT research_queries.*, ({}) * 1e0 AS relevance FROM research_queries \
         WHERE {} ORDER BY relevance DESC, id DESC LIMIT {limit}",
        occurrences.join(" + "),
        conditions.join(" AND "),
    );
    Statement::from_sql_and_values(backend, sql, values)
}

/// Escapes `LIKE` wildcards with `!` (the `ESCAPE` character used above).
fn escape_like(term: &str) -> String {
    let mut escaped = String::with_capacity(term.len());
    for c in term.chars() {
        if matches!(c, '!' | '%' | '_') {
            escaped.push('!');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_distinct_lower_cased_words() {
        assert_eq!(
            terms("Adverse possession; ADVERSE land-law 50%", DbBackend::MySql),
            ["adverse", "possession", "land", "law", "50"]
        );
        assert!(terms("  -- ; '", DbBackend::Sqlite).is_empty());
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like("50%_off!"), "50!%!_off!!");
    }
}
