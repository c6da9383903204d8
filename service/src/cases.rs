//! Cases: a client's matters. A case belongs to a lawyer through its client, so every
//! statement carries `client_id IN (SELECT id FROM clients WHERE lawyer_id = actor)`.
//! Lists filter by status and client, newest first, with keyset pagination ([`crate::page`]).

use crate::actor::Actor;
use crate::error::{Error, Result, both, map_db_err, require_row};
use crate::page::{Page, PageRequest, paginate};
use crate::sql::insert_from_select;
use crate::validation;
use entity::legal::case;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use validator::Validate;

/// A case's own fields, for creating and for replacing them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct CaseInput {
    /// Short title, 1 to 500 characters.
    #[validate(
        length(min = 1, max = 500, message = "must be 1 to 500 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub title: String,
    /// Workflow state such as `active`, `pending` or `closed`, 1 to 100 characters.
    #[validate(
        length(min = 1, max = 100, message = "must be 1 to 100 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub status: String,
    /// Longer description, at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub description: Option<String>,
}

/// Which cases to list.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, Deserialize, Validate)]
pub struct CaseFilter {
    /// Only cases in this status.
    #[validate(
        length(max = 100, message = "must be at most 100 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub status: Option<String>,
    /// Only this client's cases.
    pub client_id: Option<i32>,
}

/// Creates a case for the client `client_id`, which must be the actor's.
///
/// # Errors
/// [`Error::Validation`] for invalid fields, [`Error::NotFound`] when the client does not
/// exist or is another lawyer's.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, client_id))]
pub async fn create(
    conn: &impl ConnectionTrait,
    actor: Actor,
    client_id: i32,
    input: &CaseInput,
) -> Result<case::Model> {
    validation::check(input)?;
    let owned_client = crate::clients::owned_client_row(
        actor,
        client_id,
        [
            Expr::val(input.title.clone()),
            Expr::val(input.status.clone()),
            Expr::val(input.description.clone()),
        ],
    );
    let columns = [
        case::Column::ClientId,
        case::Column::Title,
        case::Column::Status,
        case::Column::Description,
    ];
    let id = insert_from_select(conn, case::Entity, columns, owned_client)
        .await?
        .ok_or(Error::NotFound)?;
    find_by_id(conn, actor, id).await
}

/// The case `id`, if the actor may see it.
///
/// # Errors
/// [`Error::NotFound`] when it does not exist or is another lawyer's.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn find_by_id(conn: &impl ConnectionTrait, actor: Actor, id: i32) -> Result<case::Model> {
    case::Entity::find_by_id(id)
        .filter(actor.owns_client(case::Column::ClientId))
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)
}

/// One page of the actor's cases (everyone's for an admin), newest first.
///
/// # Errors
/// [`Error::Validation`] for a bad status filter, limit or cursor.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn list_for_lawyer(
    conn: &impl ConnectionTrait,
    actor: Actor,
    filter: &CaseFilter,
    page: &PageRequest,
) -> Result<Page<case::Model>> {
    let keyset = both(validation::check(filter), page.keyset())?;
    let mut query = case::Entity::find().filter(actor.owns_client(case::Column::ClientId));
    if let Some(status) = &filter.status {
        query = query.filter(case::Column::Status.eq(status.clone()));
    }
    if let Some(client_id) = filter.client_id {
        query = query.filter(case::Column::ClientId.eq(client_id));
    }
    if let Some(before) = keyset.before_id {
        query = query.filter(case::Column::Id.lt(before));
    }
    let rows = query
        .order_by_desc(case::Column::Id)
        .limit(keyset.limit + 1)
        .all(conn)
        .await
        .map_err(map_db_err)?;
    Ok(paginate(rows, keyset.limit, |row| row.id))
}

/// Replaces the case's title, status and description and stamps `updated_at`.
///
/// # Errors
/// [`Error::Validation`] for invalid fields, [`Error::NotFound`] as in [`find_by_id`] (and
/// then nothing changes).
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn update(
    conn: &impl ConnectionTrait,
    actor: Actor,
    id: i32,
    input: &CaseInput,
) -> Result<case::Model> {
    validation::check(input)?;
    let updated = case::Entity::update_many()
        .col_expr(case::Column::Title, Expr::val(input.title.clone()))
        .col_expr(case::Column::Status, Expr::val(input.status.clone()))
        .col_expr(
            case::Column::Description,
            Expr::val(input.description.clone()),
        )
        .col_expr(case::Column::UpdatedAt, Expr::val(chrono::Utc::now()))
        .filter(case::Column::Id.eq(id))
        .filter(actor.owns_client(case::Column::ClientId))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    require_row(updated.rows_affected)?;
    find_by_id(conn, actor, id).await
}

/// Deletes the case.
///
/// # Errors
/// [`Error::NotFound`] as in [`find_by_id`].
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn delete(conn: &impl ConnectionTrait, actor: Actor, id: i32) -> Result<()> {
    let deleted = case::Entity::delete_many()
        .filter(case::Column::Id.eq(id))
        .filter(actor.owns_client(case::Column::ClientId))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    require_row(deleted.rows_affected)?;
    Ok(())
}
