//! The FTA compliance ingest: a review guide in the extraction format, stored into
//! compliance_sections / questions / indicators / deficiencies in one transaction under the
//! seed lock. A re-run changes no row; a changed text updates its row in place (ids stay).

pub mod model;
pub mod upsert;

use crate::error::Result;
use crate::lock::Locked;
use crate::report::Report;
use model::Guide;
use sea_orm::{ConnectionTrait, DatabaseConnection, Value};
use std::path::Path;
pub use upsert::Mode;
use upsert::{Kind, Row, Spec, sync};

/// The sample guide the repository ships: the 23 review areas with a few questions each,
/// written for this project (not the FTA text). Plain `seed` inserts what is missing of it
/// and never overwrites a stored row (which may hold the real guide's text).
pub const SAMPLE: &str = include_str!("../../data/compliance_sample.json");

const SECTIONS: Spec = Spec {
    table: "compliance_sections",
    parent: None,
    code: "section_code",
    data: &[
        ("section_name", Kind::Text),
        ("page_range", Kind::Text),
        ("purpose", Kind::Text),
    ],
};

const QUESTIONS: Spec = Spec {
    table: "compliance_questions",
    parent: Some("section_id"),
    code: "question_code",
    data: &[
        ("question_text", Kind::Text),
        ("basic_requirement", Kind::Text),
        ("applicability", Kind::Text),
        ("detailed_explanation", Kind::Text),
        ("instructions_for_reviewer", Kind::Text),
        ("question_order", Kind::Int),
    ],
};

const INDICATORS: Spec = Spec {
    table: "compliance_indicators",
    parent: Some("question_id"),
    code: "letter",
    data: &[
        ("indicator_text", Kind::Text),
        ("indicator_order", Kind::Int),
    ],
};

const DEFICIENCIES: Spec = Spec {
    table: "compliance_deficiencies",
    parent: Some("question_id"),
    code: "deficiency_code",
    data: &[
        ("deficiency_title", Kind::Text),
        ("determination", Kind::Text),
        ("corrective_action", Kind::Text),
        ("deficiency_order", Kind::Int),
    ],
};

/// The shipped sample, parsed.
///
/// # Errors
/// [`crate::Error::Input`] if the sample were malformed (a test proves it is not).
pub fn sample() -> Result<Guide> {
    model::parse(
        Path::new("seed/data/compliance_sample.json"),
        SAMPLE.as_bytes(),
    )
}

/// Stores `guide`, in one transaction holding the seed lock.
///
/// # Errors
/// A failing statement; nothing is committed then.
pub async fn ingest(db: &DatabaseConnection, guide: &Guide) -> Result<Report> {
    let locked = Locked::begin(db).await?;
    let report = store(locked.txn(), guide, Mode::Upsert).await?;
    locked.commit().await?;
    Ok(report)
}

/// Stores `guide` through `txn`, which must hold the seed lock; `mode` says whether rows
/// that differ are updated or left alone.
///
/// # Errors
/// A failing statement.
pub async fn store(txn: &impl ConnectionTrait, guide: &Guide, mode: Mode) -> Result<Report> {
    let now = chrono::Utc::now();
    let mut report = Report::default();

    let rows = guide
        .sections
        .iter()
        .map(|s| Row {
            parent: 0,
            code: s.code.clone(),
            data: vec![
                s.name.clone().into(),
                s.page_range.clone().into(),
                s.purpose.clone().into(),
            ],
        })
        .collect();
    let (tally, section_ids) = sync(txn, &SECTIONS, rows, mode, now).await?;
    report.tallies.push(tally);

    let mut rows = Vec::new();
    for section in &guide.sections {
        let section_id = id_of(&section_ids, 0, &section.code)?;
        for q in &section.questions {
            rows.push(Row {
                parent: section_id,
                code: q.code.clone(),
                data: vec![
                    q.text.clone().into(),
                    q.basic_requirement.clone().into(),
                    q.applicability.clone().into(),
                    q.detailed_explanation.clone().into(),
                    q.instructions_for_reviewer.clone().into(),
                    Value::from(Some(q.order)),
                ],
            });
        }
    }
    let (tally, question_ids) = sync(txn, &QUESTIONS, rows, mode, now).await?;
    report.tallies.push(tally);

    let (mut indicators, mut deficiencies) = (Vec::new(), Vec::new());
    for section in &guide.sections {
        let section_id = id_of(&section_ids, 0, &section.code)?;
        for q in &section.questions {
            let question_id = id_of(&question_ids, section_id, &q.code)?;
            for i in &q.indicators {
                indicators.push(Row {
                    parent: question_id,
                    code: i.letter.clone(),
                    data: vec![i.text.clone().into(), Value::from(Some(i.order))],
                });
            }
            for d in &q.deficiencies {
                deficiencies.push(Row {
                    parent: question_id,
                    code: d.code.clone(),
                    data: vec![
                        d.title.clone().into(),
                        d.determination.clone().into(),
                        d.corrective_action.clone().into(),
                        Value::from(Some(d.order)),
                    ],
                });
            }
        }
    }
    report
        .tallies
        .push(sync(txn, &INDICATORS, indicators, mode, now).await?.0);
    report
        .tallies
        .push(sync(txn, &DEFICIENCIES, deficiencies, mode, now).await?.0);
    Ok(report)
}

fn id_of(ids: &upsert::Ids, parent: i32, code: &str) -> Result<i32> {
    ids.get(&(parent, code.to_owned())).copied().ok_or_else(|| {
        sea_orm::DbErr::RecordNotFound(format!("row with code {code} vanished during ingest"))
            .into()
    })
}
