//! `funding_opportunities.variants` into its canonical shape.
//!
//! Canonical means: a JSON array whose every element is an object with exactly the keys
//! `variant_title`, `grant_min`, `grant_max`, `currency`, `funding_type`, `is_primary`, where
//! a key that was missing or `null` holds its default (`"Default Variant"`, `null`, `null`,
//! `"GBP"`, `"grant"`, `false`) and any other value is kept as it was. [`normalize`] maps any
//! value to that shape (a non-array becomes `[]`, non-object elements are dropped, extra keys
//! are removed); a row is rewritten only when `normalize(v) != v`, so canonical rows are
//! never touched and a second run changes nothing.

use super::progress::Progress;
use super::{Options, Outcome, Writer, begin_batch, update_by_id};
use crate::db::{as_text, count, get};
use crate::error::Result;
use entity::proposals::funding_opportunity::{Column, Entity};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{Map, Value as Json};

/// Makes a key's default value.
type MakeDefault = fn() -> Json;

/// The canonical keys with their defaults.
const DEFAULTS: [(&str, MakeDefault); 6] = [
    ("variant_title", || Json::from("Default Variant")),
    ("grant_min", || Json::Null),
    ("grant_max", || Json::Null),
    ("currency", || Json::from("GBP")),
    ("funding_type", || Json::from("grant")),
    ("is_primary", || Json::Bool(false)),
];

/// The canonical form of `variants` (see the module docs).
pub fn normalize(variants: &Json) -> Json {
    let Json::Array(items) = variants else {
        return Json::Array(Vec::new());
    };
    Json::Array(
        items
            .iter()
            .filter_map(Json::as_object)
            .map(|object| {
                let mut out = Map::new();
                for (key, default) in DEFAULTS {
                    let value = match object.get(key) {
                        None | Some(Json::Null) => default(),
                        Some(v) => v.clone(),
                    };
                    out.insert(key.to_owned(), value);
                }
                Json::Object(out)
            })
            .collect(),
    )
}

/// Whether `variants` is already canonical.
pub fn is_canonical(variants: &Json) -> bool {
    normalize(variants) == *variants
}

/// Runs the variants backfill.
///
/// # Errors
/// A failing statement; batches committed before it stay committed.
pub async fn run(db: &DatabaseConnection, options: Options) -> Result<Outcome> {
    let backend = db.get_database_backend();
    let total = count(db, Query::select().from(Entity).to_owned()).await?;
    let mut progress = Progress::start("variants", total);
    let mut outcome = Outcome::default();
    let mut last = 0i32;
    let mut writer = Writer::new(backend);
    loop {
        if options.max_batches.is_some_and(|m| outcome.batches >= m) {
            outcome.stopped_early = true;
            break;
        }
        let txn = begin_batch(db).await?;
        let select = Query::select()
            .column(Column::Id)
            .expr(as_text(backend, Column::Variants))
            .from(Entity)
            .and_where(Expr::col(Column::Id).gt(last))
            .order_by(Column::Id, Order::Asc)
            .limit(options.batch_size)
            .to_owned();
        let rows = txn.query_all(&select).await?;
        let Some(tail) = rows.last() else {
            txn.rollback().await?;
            break;
        };
        last = get(tail, 0)?;
        let mut updates = Vec::new();
        for row in &rows {
            let text: Option<String> = get(row, 1)?;
            // Text that is not JSON at all (possible on SQLite) is as non-canonical as a
            // non-array: it becomes [].
            let current = text
                .as_deref()
                .and_then(|t| serde_json::from_str::<Json>(t).ok());
            let canonical = current.as_ref().map(normalize);
            if current.is_none() || canonical != current {
                let canonical = canonical.unwrap_or_else(|| Json::Array(Vec::new()));
                updates.push((get::<i32>(row, 0)?, vec![canonical.to_string()]));
            }
        }
        outcome.examined += rows.len() as u64;
        outcome.changed += updates.len() as u64;
        outcome.batches += 1;
        if !options.dry_run && !updates.is_empty() {
            let update = update_by_id(
                backend,
                "funding_opportunities",
                &[("variants", Some("jsonb"))],
                updates,
                None,
                None,
            )?;
            writer.write(txn, update).await?;
        } else {
            txn.rollback().await?;
        }
        progress.advance(rows.len() as u64);
    }
    writer.wait().await?;
    progress.finish();
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn full(title: &str) -> Json {
        json!({"variant_title": title, "grant_min": null, "grant_max": null,
               "currency": "GBP", "funding_type": "grant", "is_primary": false})
    }

    #[test]
    fn a_non_list_becomes_empty() {
        for v in [json!({"a": 1}), json!("x"), json!(null), json!(3)] {
            assert_eq!(normalize(&v), json!([]));
        }
    }

    #[test]
    fn objects_get_exactly_the_canonical_keys_and_non_objects_are_dropped() {
        let v = json!([{"extra": 1, "grant_max": 500}, 4, "s", null, {"variant_title": null}]);
        let mut first = full("Default Variant");
        first["grant_max"] = json!(500);
        assert_eq!(normalize(&v), json!([first, full("Default Variant")]));
    }

    #[test]
    fn present_values_are_kept_and_canonical_is_a_fixed_point() {
        let v = json!([{"variant_title": "A", "currency": "EUR", "is_primary": true,
                        "grant_min": 1, "grant_max": 2.5, "funding_type": "loan"}]);
        assert!(is_canonical(&v));
        assert!(!is_canonical(&json!([{"variant_title": "A"}])));
        assert!(is_canonical(&normalize(&json!([{"x": 1}, 2]))));
        assert!(is_canonical(&json!([])));
    }
}
