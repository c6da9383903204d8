//! Junior logs: actions a lawyer delegated to the junior assistant. Append-only; listed by
//! time window, oldest first.

use crate::actor::Actor;
use crate::error::{Error, Result, map_db_err};
use crate::sql::{Window, time_column};
use crate::validation;
use entity::legal::junior_log;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use sea_orm::{Order, QueryFilter, QueryOrder};
use serde::Deserialize;
use validator::Validate;

/// An action to log.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewJuniorLog {
    /// What was asked of the assistant; not blank, at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::not_blank")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub action: String,
    /// Context supplied with the request, at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub context: Option<String>,
    /// The assistant's response, at most 100,000 characters.
    #[validate(
        length(max = validation::LONG_TEXT_MAX, message = "must be at most 100000 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 100000))]
    pub response: Option<String>,
}

/// Appends an action to the actor's log.
///
/// # Errors
/// [`Error::Validation`] for invalid fields.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn append(
    conn: &impl ConnectionTrait,
    actor: Actor,
    input: &NewJuniorLog,
) -> Result<junior_log::Model> {
    validation::check(input)?;
    junior_log::ActiveModel {
        lawyer_id: Set(actor.user_id),
        action: Set(input.action.clone()),
        context: Set(input.context.clone()),
        response: Set(input.response.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(map_db_err)
}

/// The log entry `id`, if the actor may see it.
///
/// # Errors
/// [`Error::NotFound`] when it does not exist or is another lawyer's.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn find_by_id(
    conn: &impl ConnectionTrait,
    actor: Actor,
    id: i32,
) -> Result<junior_log::Model> {
    junior_log::Entity::find_by_id(id)
        .filter(actor.owns(junior_log::Column::LawyerId))
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)
}

/// The actor's entries (everyone's for an admin) logged within `window`, oldest first.
///
/// # Errors
/// [`Error::Validation`] for a window that ends before it starts.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn list_in_window(
    conn: &impl ConnectionTrait,
    actor: Actor,
    window: &Window,
) -> Result<Vec<junior_log::Model>> {
    window.check()?;
    let backend = conn.get_database_backend();
    junior_log::Entity::find()
        .filter(actor.owns(junior_log::Column::LawyerId))
        .filter(window.contains(backend, junior_log::Column::Timestamp))
        .order_by(
            time_column(backend, junior_log::Column::Timestamp),
            Order::Asc,
        )
        .order_by_asc(junior_log::Column::Id)
        .all(conn)
        .await
        .map_err(map_db_err)
}
