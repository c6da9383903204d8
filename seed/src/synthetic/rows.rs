//! The synthetic rows themselves: research queries rotating over topics and lawyers, and
//! funding opportunities whose `variants` come in every shape the variants backfill handles.

use sea_orm::Value;

const TOPICS: [&str; 8] = [
    "anticipatory bail",
    "specific performance of a sale agreement",
    "cheque dishonour under section 138",
    "adverse possession of agricultural land",
    "arbitration clause enforceability",
    "tenant eviction for personal need",
    "GST input tax credit reversal",
    "trademark passing off",
];
const ASKS: [&str; 4] = [
    "What is the limitation period for",
    "Summarise recent Supreme Court rulings on",
    "Which documents are needed to file for",
    "What are the defences available in",
];
/// How many shapes of `variants` the opportunities rotate through.
pub(super) const VARIANT_SHAPES: usize = 6;

/// One synthetic value: text (None for NULL) or an integer.
#[derive(Debug, Clone)]
pub(super) enum Cell {
    Int(i32),
    Text(Option<String>),
}

impl From<Cell> for Value {
    fn from(cell: Cell) -> Value {
        match cell {
            Cell::Int(i) => Value::from(i),
            Cell::Text(t) => Value::from(t),
        }
    }
}

/// Research query `i`: (lawyer_id, query_text, response_text).
pub(super) fn query_row(i: usize, lawyers: &[i32]) -> Vec<Cell> {
    let lawyer = lawyers[i % lawyers.len()];
    let ask = ASKS[i % ASKS.len()];
    let topic = TOPICS[(i / ASKS.len()) % TOPICS.len()];
    vec![
        Cell::Int(lawyer),
        Cell::Text(Some(format!("{ask} {topic}? (matter {i})"))),
        Cell::Text((!i.is_multiple_of(5)).then(|| {
            format!(
                "Draft answer on {topic}: see the leading authorities and the statute; ref {i}."
            )
        })),
    ]
}

/// Funding opportunity `i`: (source_url, json_data, editable_text, status, variants).
pub(super) fn opportunity_row(i: usize, tag: &str) -> Vec<Cell> {
    let statuses = ["raw", "reviewed", "approved", "rejected"];
    let variants = match i % VARIANT_SHAPES {
        0 => r#"[{"variant_title": "Standard", "grant_min": 10000, "grant_max": 50000, "currency": "GBP", "funding_type": "grant", "is_primary": true}]"#.to_owned(),
        1 => format!(r#"[{{"variant_title": "Pilot {i}", "grant_min": 5000, "grant_max": 20000, "notes": "extra key", "deadline": "2026-03-31"}}]"#),
        2 => r#"[{"variant_title": "Capital"}, "legacy text", 42, null]"#.to_owned(),
        3 => r#"{"variant_title": "Not a list", "grant_max": 1000}"#.to_owned(),
        4 => "[]".to_owned(),
        _ => r#""legacy""#.to_owned(),
    };
    vec![
        Cell::Text(Some(format!(
            "https://opportunities.example/synthetic/{tag}/{i:09}"
        ))),
        Cell::Text(Some(format!(
            r#"{{"title": "Community grant {i}", "amount": {}, "region": "UK"}}"#,
            1000 + (i % 97) * 500
        ))),
        Cell::Text(Some(format!(
            "Funding call {i}: community transport and digital inclusion."
        ))),
        Cell::Text(Some(statuses[i % statuses.len()].to_owned())),
        Cell::Text(Some(variants)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_shape_is_valid_json() {
        for i in 0..VARIANT_SHAPES {
            let row = opportunity_row(i, "t");
            let Cell::Text(Some(variants)) = &row[4] else {
                panic!("variants missing");
            };
            assert!(serde_json::from_str::<serde_json::Value>(variants).is_ok());
        }
    }
}
