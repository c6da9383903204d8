//! FTA compliance review guide (read only): sections in guide order, and questions with
//! their indicators and deficiencies loaded in a fixed number of statements, however many
//! questions there are (one statement per table, children by `IN (subquery)`; never one per
//! question).
//!
//! Orders are `*_order` ascending with unnumbered rows last, then id; sections are in the
//! order they were imported (id), which is the guide's order.

use crate::error::{Error, Result, map_db_err};
use entity::compliance::{deficiency, indicator, question, section};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, Select};
use serde::Serialize;
use std::collections::HashMap;

/// A question with its indicators and deficiencies, each in order.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionTree {
    /// The question.
    pub question: question::Model,
    /// Its indicators of compliance.
    pub indicators: Vec<indicator::Model>,
    /// The deficiencies a reviewer may find.
    pub deficiencies: Vec<deficiency::Model>,
}

/// A section with every question tree in it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionTree {
    /// The section.
    pub section: section::Model,
    /// Its questions, in order, each with its children.
    pub questions: Vec<QuestionTree>,
}

/// Every section, in guide order.
///
/// # Errors
/// [`Error::Database`] only.
#[tracing::instrument(skip_all)]
pub async fn list_sections(conn: &impl ConnectionTrait) -> Result<Vec<section::Model>> {
    section::Entity::find()
        .order_by_asc(section::Column::Id)
        .all(conn)
        .await
        .map_err(map_db_err)
}

/// `ORDER BY column IS NULL, column, id`: the same order on every backend.
fn in_order<E: EntityTrait>(select: Select<E>, column: E::Column, id: E::Column) -> Select<E> {
    select
        .order_by(Expr::col(column).is_null(), Order::Asc)
        .order_by_asc(column)
        .order_by_asc(id)
}

/// One question with its indicators and deficiencies: three statements.
///
/// # Errors
/// [`Error::NotFound`] when there is no such question.
#[tracing::instrument(skip_all, fields(question_id))]
pub async fn question_tree(conn: &impl ConnectionTrait, question_id: i32) -> Result<QuestionTree> {
    let question = question::Entity::find_by_id(question_id)
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)?;
    let indicators = in_order(
        indicator::Entity::find().filter(indicator::Column::QuestionId.eq(question_id)),
        indicator::Column::IndicatorOrder,
        indicator::Column::Id,
    )
    .all(conn)
    .await
    .map_err(map_db_err)?;
    let deficiencies = in_order(
        deficiency::Entity::find().filter(deficiency::Column::QuestionId.eq(question_id)),
        deficiency::Column::DeficiencyOrder,
        deficiency::Column::Id,
    )
    .all(conn)
    .await
    .map_err(map_db_err)?;
    Ok(QuestionTree {
        question,
        indicators,
        deficiencies,
    })
}

/// A section with all its question trees: four statements, whatever the number of questions.
///
/// # Errors
/// [`Error::NotFound`] when there is no such section.
#[tracing::instrument(skip_all, fields(section_id))]
pub async fn section_tree(conn: &impl ConnectionTrait, section_id: i32) -> Result<SectionTree> {
    let section = section::Entity::find_by_id(section_id)
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)?;
    let questions = in_order(
        question::Entity::find().filter(question::Column::SectionId.eq(section_id)),
        question::Column::QuestionOrder,
        question::Column::Id,
    )
    .all(conn)
    .await
    .map_err(map_db_err)?;
    let of_section = || {
        Query::select()
            .column(question::Column::Id)
            .from(question::Entity)
            .and_where(question::Column::SectionId.eq(section_id))
            .take()
    };
    let indicators = in_order(
        indicator::Entity::find().filter(indicator::Column::QuestionId.in_subquery(of_section())),
        indicator::Column::IndicatorOrder,
        indicator::Column::Id,
    )
    .all(conn)
    .await
    .map_err(map_db_err)?;
    let deficiencies = in_order(
        deficiency::Entity::find().filter(deficiency::Column::QuestionId.in_subquery(of_section())),
        deficiency::Column::DeficiencyOrder,
        deficiency::Column::Id,
    )
    .all(conn)
    .await
    .map_err(map_db_err)?;

    let mut indicators_of: HashMap<i32, Vec<indicator::Model>> = HashMap::new();
    for row in indicators {
        indicators_of.entry(row.question_id).or_default().push(row);
    }
    let mut deficiencies_of: HashMap<i32, Vec<deficiency::Model>> = HashMap::new();
    for row in deficiencies {
        deficiencies_of
            .entry(row.question_id)
            .or_default()
            .push(row);
    }
    let questions = questions
        .into_iter()
        .map(|question| QuestionTree {
            indicators: indicators_of.remove(&question.id).unwrap_or_default(),
            deficiencies: deficiencies_of.remove(&question.id).unwrap_or_default(),
            question,
        })
        .collect();
    Ok(SectionTree { section, questions })
}

/// The id of the section with `code`.
///
/// # Errors
/// [`Error::NotFound`] when no section has that code.
#[tracing::instrument(skip_all)]
pub async fn section_id_by_code(conn: &impl ConnectionTrait, code: &str) -> Result<i32> {
    section::Entity::find()
        .filter(section::Column::SectionCode.eq(code))
        .one(conn)
        .await
        .map_err(map_db_err)?
        .map(|s| s.id)
        .ok_or(Error::NotFound)
}

/// The id of the question with `code` (the first section's, in section order, when several
/// sections reuse a code).
///
/// # Errors
/// [`Error::NotFound`] when no question has that code.
#[tracing::instrument(skip_all)]
pub async fn question_id_by_code(conn: &impl ConnectionTrait, code: &str) -> Result<i32> {
    question::Entity::find()
        .filter(question::Column::QuestionCode.eq(code))
        .order_by_asc(question::Column::SectionId)
        .order_by_asc(question::Column::Id)
        .one(conn)
        .await
        .map_err(map_db_err)?
        .map(|q| q.id)
        .ok_or(Error::NotFound)
}
