//! The FTA extraction format (`FTA_Complete_Extraction.json`) and its mapping onto the four
//! compliance tables: parsing with JSON paths in every error, first occurrence wins for a
//! repeated code, and column lengths checked before anything is written.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

#[derive(Deserialize)]
struct File {
    sections: Vec<SectionEntry>,
}

#[derive(Deserialize)]
struct SectionEntry {
    section: SectionHead,
    sub_areas: Vec<SubArea>,
}

#[derive(Deserialize)]
struct SectionHead {
    id: String,
    title: String,
    #[serde(default)]
    page_range: Option<String>,
    #[serde(default)]
    purpose: Option<String>,
}

#[derive(Deserialize)]
struct SubArea {
    id: String,
    question: String,
    #[serde(default)]
    basic_requirement: Option<String>,
    #[serde(default)]
    applicability: Option<String>,
    #[serde(default)]
    detailed_explanation: Option<String>,
    #[serde(default)]
    instructions_for_reviewer: Option<String>,
    #[serde(default)]
    indicators_of_compliance: Option<Vec<IndicatorEntry>>,
    #[serde(default)]
    deficiencies: Option<Vec<DeficiencyEntry>>,
}

#[derive(Deserialize)]
struct IndicatorEntry {
    indicator_id: String,
    text: String,
}

#[derive(Deserialize)]
struct DeficiencyEntry {
    code: String,
    title: String,
    determination: String,
    #[serde(default)]
    suggested_corrective_action: Option<String>,
}

/// A review guide mapped onto the compliance tables, duplicates removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Guide {
    /// Sections in file order.
    pub sections: Vec<Section>,
}

/// One `compliance_sections` row and its questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `section.id`.
    pub code: String,
    /// `section.title`.
    pub name: String,
    /// `section.page_range`.
    pub page_range: Option<String>,
    /// `section.purpose`.
    pub purpose: Option<String>,
    /// The section's questions (first occurrence of each code).
    pub questions: Vec<Question>,
}

/// One `compliance_questions` row and its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// `sub_areas[j].id`.
    pub code: String,
    /// `question`.
    pub text: String,
    /// `basic_requirement`.
    pub basic_requirement: Option<String>,
    /// `applicability`.
    pub applicability: Option<String>,
    /// `detailed_explanation`.
    pub detailed_explanation: Option<String>,
    /// `instructions_for_reviewer`.
    pub instructions_for_reviewer: Option<String>,
    /// `j + 1`.
    pub order: i32,
    /// Indicators, 1-based order.
    pub indicators: Vec<Indicator>,
    /// Deficiencies, 1-based order.
    pub deficiencies: Vec<Deficiency>,
}

/// One `compliance_indicators` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// `indicator_id`.
    pub letter: String,
    /// `text`.
    pub text: String,
    /// 1-based position.
    pub order: i32,
}

/// One `compliance_deficiencies` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deficiency {
    /// `code`.
    pub code: String,
    /// `title`.
    pub title: String,
    /// `determination`.
    pub determination: String,
    /// `suggested_corrective_action`.
    pub corrective_action: Option<String>,
    /// 1-based position.
    pub order: i32,
}

impl Guide {
    /// Rows per table: (sections, questions, indicators, deficiencies).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let questions = self.sections.iter().flat_map(|s| &s.questions);
        let (mut q, mut i, mut d) = (0, 0, 0);
        for question in questions {
            q += 1;
            i += question.indicators.len();
            d += question.deficiencies.len();
        }
        (self.sections.len(), q, i, d)
    }
}

/// Reads and maps the file at `path`.
///
/// # Errors
/// [`Error::Read`] when it cannot be read; [`Error::Input`] naming the file and the JSON path
/// when it is not valid JSON, lacks a required key or holds a value too long for its column.
pub fn load(path: &Path) -> Result<Guide> {
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    parse(path, &bytes)
}

/// Maps `bytes`, naming `path` in errors.
///
/// # Errors
/// As [`load`], without the read.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Guide> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let file: File = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let reason = e.inner().to_string();
        let mut at = e.path().to_string();
        // serde points a missing key at its object; name the key itself.
        if let Some(key) = reason
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            at = if at == "." {
                key.to_owned()
            } else {
                format!("{at}.{key}")
            };
        }
        Error::Input {
            path: path.to_owned(),
            at,
            reason,
        }
    })?;
    map(path, file)
}

fn map(path: &Path, file: File) -> Result<Guide> {
    let too_long = |at: String, max: usize| Error::Input {
        path: path.to_owned(),
        at,
        reason: format!("value longer than {max} characters"),
    };
    let check = |value: &str, max: usize, at: &dyn Fn() -> String| {
        if value.chars().count() > max {
            Err(too_long(at(), max))
        } else {
            Ok(())
        }
    };
    let mut guide = Guide::default();
    let mut section_codes = HashSet::new();
    for (s, entry) in file.sections.into_iter().enumerate() {
        let head = entry.section;
        check(&head.id, 50, &|| format!("sections[{s}].section.id"))?;
        check(&head.title, 255, &|| format!("sections[{s}].section.title"))?;
        if let Some(range) = &head.page_range {
            check(range, 50, &|| format!("sections[{s}].section.page_range"))?;
        }
        if !section_codes.insert(head.id.clone()) {
            continue;
        }
        let mut questions = Vec::new();
        let mut question_codes = HashSet::new();
        for (j, sub) in entry.sub_areas.into_iter().enumerate() {
            let at = |field: &str| format!("sections[{s}].sub_areas[{j}].{field}");
            check(&sub.id, 50, &|| at("id"))?;
            if !question_codes.insert(sub.id.clone()) {
                continue;
            }
            let mut indicators = Vec::new();
            let mut letters = HashSet::new();
            for (k, ind) in sub
                .indicators_of_compliance
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                check(&ind.indicator_id, 5, &|| {
                    at(&format!("indicators_of_compliance[{k}].indicator_id"))
                })?;
                if letters.insert(ind.indicator_id.clone()) {
                    indicators.push(Indicator {
                        letter: ind.indicator_id,
                        text: ind.text,
                        order: position(k),
                    });
                }
            }
            let mut deficiencies = Vec::new();
            let mut codes = HashSet::new();
            for (k, def) in sub.deficiencies.unwrap_or_default().into_iter().enumerate() {
                check(&def.code, 50, &|| at(&format!("deficiencies[{k}].code")))?;
                if codes.insert(def.code.clone()) {
                    deficiencies.push(Deficiency {
                        code: def.code,
                        title: def.title,
                        determination: def.determination,
                        corrective_action: def.suggested_corrective_action,
                        order: position(k),
                    });
                }
            }
            questions.push(Question {
                code: sub.id,
                text: sub.question,
                basic_requirement: sub.basic_requirement,
                applicability: sub.applicability,
                detailed_explanation: sub.detailed_explanation,
                instructions_for_reviewer: sub.instructions_for_reviewer,
                order: position(j),
                indicators,
                deficiencies,
            });
        }
        guide.sections.push(Section {
            code: head.id,
            name: head.title,
            page_range: head.page_range,
            purpose: head.purpose,
            questions,
        });
    }
    Ok(guide)
}

/// The 1-based position of the element at `index`.
fn position(index: usize) -> i32 {
    i32::try_from(index + 1).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parse_str(text: &str) -> Result<Guide> {
        parse(Path::new("guide.json"), text.as_bytes())
    }

    #[test]
    fn a_repeated_question_code_keeps_its_first_occurrence() {
        let guide = parse_str(
            r#"{"sections": [{"section": {"id": "9", "title": "P"}, "sub_areas": [
                {"id": "P1", "question": "first"},
                {"id": "P1", "question": "second"},
                {"id": "P2", "question": "third"}]}]}"#,
        )
        .unwrap();
        let questions = &guide.sections[0].questions;
        assert_eq!(questions.len(), 2);
        assert_eq!(questions[0].text, "first");
        assert_eq!(questions[1].order, 3);
    }

    #[test]
    fn a_missing_key_is_named_by_its_json_path() {
        let err = parse_str(
            r#"{"sections": [{"section": {"id": "L", "title": "T"}, "sub_areas": [
                {"id": "L1", "question": "q"}, {"question": "no id"}]}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("guide.json: "), "{err}");
        assert!(err.contains("at sections[0].sub_areas[1].id"), "{err}");
    }

    #[test]
    fn malformed_json_names_the_file() {
        let err = parse_str("{\"sections\": [").unwrap_err().to_string();
        assert!(err.starts_with("guide.json: "), "{err}");
    }

    #[test]
    fn a_letter_longer_than_its_column_is_refused() {
        let err = parse_str(
            r#"{"sections": [{"section": {"id": "L", "title": "T"}, "sub_areas": [
                {"id": "L1", "question": "q",
                 "indicators_of_compliance": [{"indicator_id": "abcdef", "text": "t"}]}]}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("sections[0].sub_areas[0].indicators_of_compliance[0].indicator_id"),
            "{err}"
        );
    }
}
