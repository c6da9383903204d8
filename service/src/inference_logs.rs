//! Inference logs: the model calls made to answer a research query, and their cost. A log
//! belongs to a lawyer through its query; totals are computed by the database (`GROUP BY`).

use crate::actor::Actor;
use crate::error::{Error, Result, map_db_err};
use crate::sql::{Window, insert_from_select};
use crate::validation;
use entity::legal::{inference_log as log, research_query as query};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult};
use sea_orm::{JoinType, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// A model call to record.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewInference {
    /// Model identifier, at most 255 characters.
    #[validate(
        length(max = 255, message = "must be at most 255 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub model_used: Option<String>,
    /// Tokens consumed, not negative.
    #[validate(range(min = 0, message = "must not be negative"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub tokens: Option<i32>,
    /// Provider cost, from 0 to 1,000,000 (so that sums cannot overflow).
    #[validate(custom(function = "validation::cost"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0, maximum = 1000000.0))]
    pub cost: Option<f64>,
    /// Hash of the response text, at most 255 characters.
    #[validate(
        length(max = 255, message = "must be at most 255 characters"),
        custom(function = "validation::no_nul")
    )]
    #[cfg_attr(feature = "openapi", schema(max_length = 255))]
    pub response_hash: Option<String>,
}

/// Calls, tokens and cost summed over a group of inferences.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, FromQueryResult)]
pub struct Totals {
    /// What was grouped by: a model name (`None` for calls without one) or a lawyer's id.
    pub label: Option<String>,
    /// Number of calls.
    pub calls: i64,
    /// Tokens, summed (missing counts as 0).
    pub tokens: i64,
    /// Cost, summed (missing counts as 0).
    pub cost: f64,
}

/// Records an inference made for the research query `query_id`, which must be the actor's.
///
/// # Errors
/// [`Error::Validation`] for invalid fields, [`Error::NotFound`] when the query does not exist
/// or is another lawyer's.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, query_id))]
pub async fn record(
    conn: &impl ConnectionTrait,
    actor: Actor,
    query_id: i32,
    input: &NewInference,
) -> Result<log::Model> {
    validation::check(input)?;
    let owned_query = Query::select()
        .column((query::Entity, query::Column::Id))
        .expr(Expr::val(input.model_used.clone()))
        .expr(Expr::val(input.tokens))
        .expr(Expr::val(input.cost))
        .expr(Expr::val(input.response_hash.clone()))
        .from(query::Entity)
        .and_where(query::Column::Id.eq(query_id))
        .cond_where(actor.owns(query::Column::LawyerId))
        .take();
    let columns = [
        log::Column::QueryId,
        log::Column::ModelUsed,
        log::Column::Tokens,
        log::Column::Cost,
        log::Column::ResponseHash,
    ];
    let id = insert_from_select(conn, log::Entity, columns, owned_query)
        .await?
        .ok_or(Error::NotFound)?;
    find_by_id(conn, actor, id).await
}

/// The inference log `id`, if the actor may see it.
///
/// # Errors
/// [`Error::NotFound`] when it does not exist or is another lawyer's.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, id))]
pub async fn find_by_id(conn: &impl ConnectionTrait, actor: Actor, id: i32) -> Result<log::Model> {
    log::Entity::find_by_id(id)
        .filter(actor.owns_query(log::Column::QueryId))
        .one(conn)
        .await
        .map_err(map_db_err)?
        .ok_or(Error::NotFound)
}

/// The inferences made for the research query `query_id`, oldest first.
///
/// # Errors
/// [`Error::NotFound`] when the query does not exist or is another lawyer's.
#[tracing::instrument(skip_all, fields(actor = actor.user_id, query_id))]
pub async fn list_for_query(
    conn: &impl ConnectionTrait,
    actor: Actor,
    query_id: i32,
) -> Result<Vec<log::Model>> {
    crate::research::find_by_id(conn, actor, query_id).await?;
    log::Entity::find()
        .filter(log::Column::QueryId.eq(query_id))
        .filter(actor.owns_query(log::Column::QueryId))
        .order_by_asc(log::Column::Id)
        .all(conn)
        .await
        .map_err(map_db_err)
}

/// Totals per model over the actor's inferences (everyone's for an admin) within `window`,
/// by model name.
///
/// # Errors
/// [`Error::Validation`] for a window that ends before it starts.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn totals_per_model(
    conn: &impl ConnectionTrait,
    actor: Actor,
    window: &Window,
) -> Result<Vec<Totals>> {
    totals(
        conn,
        actor,
        window,
        Expr::col((log::Entity, log::Column::ModelUsed)),
    )
    .await
}

/// Totals per lawyer (the group is the lawyer's id, as text) within `window`: only the actor
/// for a lawyer, every lawyer for an admin.
///
/// # Errors
/// [`Error::Validation`] for a window that ends before it starts.
#[tracing::instrument(skip_all, fields(actor = actor.user_id))]
pub async fn totals_per_lawyer(
    conn: &impl ConnectionTrait,
    actor: Actor,
    window: &Window,
) -> Result<Vec<Totals>> {
    let lawyer = Expr::col((query::Entity, query::Column::LawyerId));
    totals(conn, actor, window, lawyer).await
}

async fn totals(
    conn: &impl ConnectionTrait,
    actor: Actor,
    window: &Window,
    group: Expr,
) -> Result<Vec<Totals>> {
    window.check()?;
    let backend = conn.get_database_backend();
    let statement = totals_statement(backend, actor, window, group);
    let rows = conn.query_all(&statement).await.map_err(map_db_err)?;
    rows.iter()
        .map(|row| Totals::from_query_result(row, ""))
        .collect::<Result<_, _>>()
        .map_err(map_db_err)
}

fn totals_statement(
    backend: DbBackend,
    actor: Actor,
    window: &Window,
    group: Expr,
) -> SelectStatement {
    // SUM over an integer is a DECIMAL on MySQL and a BIGINT elsewhere; say BIGINT everywhere.
    let integer = Alias::new(if backend == DbBackend::MySql {
        "SIGNED"
    } else {
        "BIGINT"
    });
    let text = Alias::new(if backend == DbBackend::MySql {
        "CHAR"
    } else {
        "TEXT"
    });
    let tokens = Func::coalesce([
        Expr::col((log::Entity, log::Column::Tokens)).sum(),
        Expr::val(0),
    ]);
    let cost = Func::coalesce([
        Expr::col((log::Entity, log::Column::Cost)).sum(),
        Expr::val(0.0),
    ]);
    Query::select()
        .expr_as(Func::cast_as(group.clone(), text), Alias::new("label"))
        .expr_as(
            Expr::col((log::Entity, log::Column::Id)).count(),
            Alias::new("calls"),
        )
        .expr_as(Func::cast_as(tokens, integer), Alias::new("tokens"))
        .expr_as(cost, Alias::new("cost"))
        .from(log::Entity)
        .join(
            JoinType::InnerJoin,
            query::Entity,
            Expr::col((query::Entity, query::Column::Id))
                .equals((log::Entity, log::Column::QueryId)),
        )
        .and_where(window.contains(backend, log::Column::Timestamp))
        .cond_where(actor.owns(query::Column::LawyerId))
        .add_group_by([group.clone()])
        .order_by_expr(group, sea_orm::Order::Asc)
        .take()
}
