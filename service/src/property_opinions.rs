//! Property opinions: title opinions on a client's property documents. Like cases, an
//! opinion belongs to a lawyer through its client, and every statement says so.

use crate::actor::Actor;
use crate::error::{Error, Result, map_db_err, require_row};
use crate::sql::insert_from_select;
use crate::validation;
use entity::legal::property_opinion as opinion;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use validator::Validate;

/// An opinion's own fields, for creating and for replacing them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct OpinionInput {
    /// Where the reviewed document is stored, at most 1000 characters.
    #[validate(
        length(max = 1000, message = "must be at most 1000 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub document_url: Option<String>,
    /// Workflow state such as `pending`, 1 to 100 characters.
    #[validate(
        length(min = 1, max = 100, message = "must be 1 to 100 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub status: String,
    /// Reviewer's notes, at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub notes: Option<String>,
}

/// Creates an opinion for the client `client_id`, which must be the actor's.
///
/// # Errors
/// [`Error::Validation`] for invalid fields, [`Error::NotFound`] when the client does not
/// exist or is another lawyer's.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, client_id))]
pub async fn create(
    conn: &impl ConnectionTrait,
    actor: Actor,
    client_id: i32,
    input: &OpinionInput,
) -> Result<opinion::Model> {
    validation::check(input)?;
    let owned_client = crate::clients::owned_client_row(
        actor,
        client_id,
        [
            Expr::val(input.document_url.clone()),
            Expr::val(input.status.clone()),
            Expr::val(input.notes.clone()),
        ],
    );
    let columns = [
        opinion::Column::ClientId,
        opinion::Column::DocumentUrl,
        opinion::Column::Status,
        opinion::Column::Notes,
    ];
    let id = insert_from_select(conn, opinion::Entity, columns, owned_client)
        .await?
        .ok_or(Error::NotFound)?;
    find_by_id(conn, actor, id).await
}

/// The opinion `id`, if the actor may see it.
///
/// # Errors
/// [`Error::NotFound`] when it does not exist or is another lawyer's.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn find_by_id(
    conn: &impl ConnectionTrait,
    actor: Actor,
    id: i32,
) -> Result<opinion::Model> {
    opinion::Entity::find_by_id(id)
        .filter(actor.owns_client(opinion::Column::ClientId))
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)
}

/// The actor's opinions (everyone's for an admin), newest first, optionally of one client.
///
/// # Errors
/// [`Error::Database`] only.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn list_for_lawyer(
    conn: &impl ConnectionTrait,
    actor: Actor,
    client_id: Option<i32>,
) -> Result<Vec<opinion::Model>> {
    let mut query = opinion::Entity::find().filter(actor.owns_client(opinion::Column::ClientId));
    if let Some(client_id) = client_id {
        query = query.filter(opinion::Column::ClientId.eq(client_id));
    }
    query
        .order_by_desc(opinion::Column::Id)
        .all(conn)
        .await
        .map_err(map_db_err)
}

/// Replaces the opinion's document URL, status and notes.
///
/// # Errors
/// [`Error::Validation`] for invalid fields, [`Error::NotFound`] as in [`find_by_id`] (and
/// then nothing changes).
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn update(
    conn: &impl ConnectionTrait,
    actor: Actor,
    id: i32,
    input: &OpinionInput,
) -> Result<opinion::Model> {
    validation::check(input)?;
    let updated = opinion::Entity::update_many()
        .col_expr(
            opinion::Column::DocumentUrl,
            Expr::val(input.document_url.clone()),
        )
        .col_expr(opinion::Column::Status, Expr::val(input.status.clone()))
        .col_expr(opinion::Column::Notes, Expr::val(input.notes.clone()))
        .filter(opinion::Column::Id.eq(id))
        .filter(actor.owns_client(opinion::Column::ClientId))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    require_row(updated.rows_affected)?;
    find_by_id(conn, actor, id).await
}

/// Deletes the opinion.
///
/// # Errors
/// [`Error::NotFound`] as in [`find_by_id`].
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn delete(conn: &impl ConnectionTrait, actor: Actor, id: i32) -> Result<()> {
    let deleted = opinion::Entity::delete_many()
        .filter(opinion::Column::Id.eq(id))
        .filter(actor.owns_client(opinion::Column::ClientId))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    require_row(deleted.rows_affected)?;
    Ok(())
}
