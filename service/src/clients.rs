//! Clients: the people and companies a lawyer represents. A lawyer sees only their own; an
//! admin sees all. Deleting a client that still has cases or opinions is a conflict.

use crate::actor::{Actor, ActorSource};
use crate::error::{Error, Result, map_db_err, require_row};
use crate::template::Template;
use crate::validation;
use entity::legal::client;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait};
use sea_orm::{Condition, FromQueryResult, Iterable, QueryFilter, QueryOrder};
use serde::Deserialize;
use validator::Validate;

/// A client's fields, for creating and for replacing them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct ClientInput {
    /// Person or company name, 1 to 255 characters.
    #[validate(
        length(min = 1, max = 255, message = "must be 1 to 255 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 255))]
    pub name: String,
    /// Phone number or e-mail, at most 255 characters.
    #[validate(
        length(max = 255, message = "must be at most 255 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub contact: Option<String>,
    /// Postal address, at most 500 characters.
    #[validate(
        length(max = 500, message = "must be at most 500 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub address: Option<String>,
}

/// Creates a client owned by the actor.
///
/// # Errors
/// [`Error::Validation`] for invalid fields; [`Error::Conflict`] if the actor's account is gone.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn create(
    conn: &impl ConnectionTrait,
    actor: Actor,
    input: &ClientInput,
) -> Result<client::Model> {
    validation::check(input)?;
    client::ActiveModel {
        lawyer_id: Set(actor.user_id),
        name: Set(input.name.clone()),
        contact: Set(input.contact.clone()),
        address: Set(input.address.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(map_db_err)
}

/// The client `id`, if the actor may see it.
///
/// # Errors
/// [`Error::NotFound`] when it does not exist or belongs to another lawyer.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn find_by_id(
    conn: &impl ConnectionTrait,
    actor: Actor,
    id: i32,
) -> Result<client::Model> {
    client::Entity::find_by_id(id)
        .filter(actor.owns(client::Column::LawyerId))
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)
}

/// `find_by_id_as`'s statement: the token check and the owned row, one round trip.
static FIND_AS: Template<3> = Template::new(|[token_hash, now, id]| {
    let mut select = Query::select();
    select.exprs(ActorSource::columns());
    for column in client::Column::iter() {
        select.column((client::Entity, column));
    }
    select
        .from_subquery(
            ActorSource::query([token_hash, now]),
            Alias::new(ActorSource::ALIAS),
        )
        .join(
            JoinType::LeftJoin,
            client::Entity,
            Condition::all()
                .add(Expr::col((client::Entity, client::Column::Id)).eq(id))
                .add(ActorSource::owns((
                    client::Entity,
                    client::Column::LawyerId,
                ))),
        )
        .take()
});

/// The client `id` for whoever `source` names, looked up in the same statement: one round
/// trip for checking the caller and reading the row.
///
/// # Errors
/// [`Error::Unauthenticated`] when `source` gives no actor (the credential is not valid);
/// [`Error::NotFound`] as in [`find_by_id`].
#[tracing::instrument(skip_all, fields(id))]
pub async fn find_by_id_as(
    conn: &impl ConnectionTrait,
    source: &ActorSource,
    id: i32,
) -> Result<(Actor, client::Model)> {
    let [token_hash, now] = source.values();
    let statement = FIND_AS.statement(conn.get_database_backend(), [token_hash, now, id.into()]);
    let row = conn
        .query_one_raw(statement)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::Unauthenticated)?;
    let actor = ActorSource::actor(&row)?;
    let present: Option<i32> = row.try_get("", "id").map_err(Error::Database)?;
    present.ok_or(Error::NotFound)?;
    let found = client::Model::from_query_result(&row, "").map_err(Error::Database)?;
    Ok((actor, found))
}

/// The actor's clients (every client for an admin), by name.
///
/// # Errors
/// [`Error::Database`] only.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn list_for_lawyer(
    conn: &impl ConnectionTrait,
    actor: Actor,
) -> Result<Vec<client::Model>> {
    client::Entity::find()
        .filter(actor.owns(client::Column::LawyerId))
        .order_by_asc(client::Column::Name)
        .order_by_asc(client::Column::Id)
        .all(conn)
        .await
        .map_err(map_db_err)
}

/// Replaces the client's fields.
///
/// # Errors
/// [`Error::Validation`] for invalid fields, [`Error::NotFound`] as in [`find_by_id`] (and
/// then nothing changes).
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn update(
    conn: &impl ConnectionTrait,
    actor: Actor,
    id: i32,
    input: &ClientInput,
) -> Result<client::Model> {
    validation::check(input)?;
    let updated = client::Entity::update_many()
        .col_expr(client::Column::Name, Expr::val(input.name.clone()))
        .col_expr(client::Column::Contact, Expr::val(input.contact.clone()))
        .col_expr(client::Column::Address, Expr::val(input.address.clone()))
        .filter(client::Column::Id.eq(id))
        .filter(actor.owns(client::Column::LawyerId))
        .exec(conn)
        .await
        .map_err(map_db_err)?;
    require_row(updated.rows_affected)?;
    find_by_id(conn, actor, id).await
}

/// Deletes the client.
///
/// # Errors
/// [`Error::NotFound`] as in [`find_by_id`]; [`Error::Conflict`] while the client still has
/// cases or property opinions (nothing is deleted).
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn delete(conn: &impl ConnectionTrait, actor: Actor, id: i32) -> Result<()> {
    let deleted = client::Entity::delete_many()
        .filter(client::Column::Id.eq(id))
        .filter(actor.owns(client::Column::LawyerId))
        .exec(conn)
        .await
        .map_err(|e| match map_db_err(e) {
            Error::Conflict(_) => {
                Error::Conflict("the client still has cases or property opinions".to_owned())
            }
            other => other,
        })?;
    require_row(deleted.rows_affected)?;
    Ok(())
}

/// `SELECT clients.id, values… FROM clients WHERE id = client_id AND <the actor owns it>`:
/// the source of an `INSERT … SELECT` of a client's child row (case, opinion), which inserts
/// nothing when the client is missing or another lawyer's.
pub(crate) fn owned_client_row<const N: usize>(
    actor: Actor,
    client_id: i32,
    values: [Expr; N],
) -> SelectStatement {
    let mut select = Query::select();
    select.column((client::Entity, client::Column::Id));
    for value in values {
        select.expr(value);
    }
    select
        .from(client::Entity)
        .and_where(client::Column::Id.eq(client_id))
        .cond_where(actor.owns(client::Column::LawyerId))
        .take()
}
