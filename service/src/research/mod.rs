//! Research queries: a lawyer's legal research questions, listed newest first and searched by
//! relevance ([`search`]).

mod search;

pub use search::{SearchHit, SearchRequest, search};

use crate::actor::Actor;
use crate::error::{Error, Result, map_db_err};
use crate::page::{Page, PageRequest, paginate};
use crate::validation;
use entity::legal::research_query;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait};
use sea_orm::{QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use validator::Validate;

/// A question to record.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewQuery {
    /// The question as asked; not blank, at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub query_text: String,
    /// The answer, if there already is one; at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub response_text: Option<String>,
}

/// Records a research query asked by the actor.
///
/// # Errors
/// [`Error::Validation`] for invalid fields.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn create(
    conn: &impl ConnectionTrait,
    actor: Actor,
    input: &NewQuery,
) -> Result<research_query::Model> {
    validation::check(input)?;
    research_query::ActiveModel {
        lawyer_id: Set(actor.user_id),
        query_text: Set(input.query_text.clone()),
        response_text: Set(input.response_text.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(map_db_err)
}

/// The research query `id`, if the actor may see it.
///
/// # Errors
/// [`Error::NotFound`] when it does not exist or is another lawyer's.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn find_by_id(
    conn: &impl ConnectionTrait,
    actor: Actor,
    id: i32,
) -> Result<research_query::Model> {
    research_query::Entity::find_by_id(id)
        .filter(actor.owns(research_query::Column::LawyerId))
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)
}

/// One page of the actor's research queries (everyone's for an admin), newest first.
///
/// # Errors
/// [`Error::Validation`] for a bad limit or cursor.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn list_for_lawyer(
    conn: &impl ConnectionTrait,
    actor: Actor,
    page: &PageRequest,
) -> Result<Page<research_query::Model>> {
    let keyset = page.keyset()?;
    let mut query =
        research_query::Entity::find().filter(actor.owns(research_query::Column::LawyerId));
    if let Some(before) = keyset.before_id {
        query = query.filter(research_query::Column::Id.lt(before));
    }
    let rows = query
        .order_by_desc(research_query::Column::Id)
        .limit(keyset.limit + 1)
        .all(conn)
        .await
        .map_err(map_db_err)?;
    Ok(paginate(rows, keyset.limit, |row| row.id))
}
