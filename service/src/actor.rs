//! Who is acting: every operation on a lawyer's data takes an [`Actor`], and the ownership rule
//! becomes a predicate inside the SQL statement itself (never fetch, then check).

use crate::error::Error;
use crate::template::Template;
use chrono::Utc;
use entity::auth::api_token;
use entity::legal::{client, research_query, user};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, IntoColumnRef, Query, SelectStatement, Value};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryResult};
use sea_orm::{QueryFilter, QuerySelect, QueryTrait};
use serde::{Deserialize, Serialize};

/// A user's role. A new role is a variant here, its name in [`Role::as_str`] and an entry in
/// [`Role::ALL`]; parsing, validation and the API follow from those.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sees and changes only their own clients, cases, opinions, queries and logs.
    Lawyer,
    /// Sees and changes everything.
    Admin,
    /// A machine client (the auditor, the proposal ingester): writes the shared resources
    /// (verifications, fingerprints, embeddings, templates, documents, ingestion runs) and
    /// owns no lawyer's data.
    Service,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Lawyer, Role::Admin, Role::Service];

    /// The role as stored in `users.role` (and as the API spells it).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lawyer => "lawyer",
            Role::Admin => "admin",
            Role::Service => "service",
        }
    }

    /// Whether the role may write resources no lawyer owns (the auditor's and the proposal
    /// pipeline's); lawyers only read them.
    pub fn writes_shared(self) -> bool {
        matches!(self, Role::Admin | Role::Service)
    }

    /// Parses a stored role name; `None` for a name no role has.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == name)
    }
}

/// The user on whose behalf an operation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// The acting user's id.
    pub user_id: i32,
    /// The acting user's role.
    pub role: Role,
}

impl Actor {
    /// A lawyer acting on their own data.
    pub fn lawyer(user_id: i32) -> Self {
        Self {
            user_id,
            role: Role::Lawyer,
        }
    }

    /// An administrator, who sees everything.
    pub fn admin(user_id: i32) -> Self {
        Self {
            user_id,
            role: Role::Admin,
        }
    }

    /// Whether the actor sees every lawyer's rows.
    pub fn is_admin(self) -> bool {
        self.role == Role::Admin
    }

    /// `owner_column = actor` for a lawyer; no restriction for an admin.
    pub(crate) fn owns(self, owner_column: impl ColumnTrait) -> Condition {
        let condition = Condition::all();
        if self.is_admin() {
            condition
        } else {
            condition.add(owner_column.eq(self.user_id))
        }
    }

    /// `client_column IN (SELECT id FROM clients WHERE lawyer_id = actor)`, for rows that
    /// belong to a lawyer through their client.
    pub(crate) fn owns_client(self, client_column: impl ColumnTrait) -> Condition {
        if self.is_admin() {
            return Condition::all();
        }
        Condition::all().add(
            client_column.in_subquery(
                Query::select()
                    .column(client::Column::Id)
                    .from(client::Entity)
                    .and_where(client::Column::LawyerId.eq(self.user_id))
                    .take(),
            ),
        )
    }

    /// `query_column IN (SELECT id FROM research_queries WHERE lawyer_id = actor)`, for rows
    /// that belong to a lawyer through their research query.
    pub(crate) fn owns_query(self, query_column: impl ColumnTrait) -> Condition {
        if self.is_admin() {
            return Condition::all();
        }
        Condition::all().add(
            query_column.in_subquery(
                Query::select()
                    .column(research_query::Column::Id)
                    .from(research_query::Entity)
                    .and_where(research_query::Column::LawyerId.eq(self.user_id))
                    .take(),
            ),
        )
    }
}

/// The acting user, not yet known: the holder of a bearer token (given by its hash) while the
/// token is neither revoked nor expired. A read that takes one looks the user up inside its own
/// statement, so checking who asks and reading what they may see cost one round trip, and a
/// revoked token is refused by the very statement that would have read the row.
#[derive(Debug, Clone)]
pub struct ActorSource {
    token_hash: String,
}

/// The token check alone, for callers that need only the actor.
static RESOLVE: Template<2> = Template::new(ActorSource::query);

impl ActorSource {
    /// The alias of the source inside a statement that reads through it.
    pub(crate) const ALIAS: &'static str = "actor";
    /// The column with the acting user's id.
    pub const ID: &'static str = "actor_id";
    /// The column with the acting user's role name.
    pub const ROLE: &'static str = "actor_role";

    /// The holder of the token whose SHA-256 (hex) is `token_hash`.
    pub fn bearer(token_hash: impl Into<String>) -> Self {
        Self {
            token_hash: token_hash.into(),
        }
    }

    /// The values of [`ActorSource::query`]: the token's hash and the time of the check.
    pub(crate) fn values(&self) -> [Value; 2] {
        [self.token_hash.as_str().into(), Utc::now().into()]
    }

    /// `SELECT user_id AS actor_id, users.role AS actor_role` of the token with hash
    /// `token_hash`, not revoked and expiring after `now`: at most one row.
    pub(crate) fn query([token_hash, now]: [Value; 2]) -> SelectStatement {
        api_token::Entity::find()
            .select_only()
            .column_as(api_token::Column::UserId, Self::ID)
            .column_as(user::Column::Role, Self::ROLE)
            .inner_join(user::Entity)
            .filter(api_token::Column::TokenHash.eq(token_hash))
            .filter(api_token::Column::RevokedAt.is_null())
            .filter(api_token::Column::ExpiresAt.gt(now))
            .into_query()
    }

    /// The actor, if the token is valid.
    ///
    /// # Errors
    /// The lookup failing, or the user's stored role being one [`Role`] does not know
    /// ([`DbErr::Type`]).
    pub async fn resolve(&self, conn: &impl ConnectionTrait) -> Result<Option<Actor>, DbErr> {
        let statement = RESOLVE.statement(conn.get_database_backend(), self.values());
        match conn.query_one_raw(statement).await? {
            Some(row) => Self::actor_of(&row).map(Some),
            None => Ok(None),
        }
    }

    /// `(actor.actor_id, actor.actor_role)`, to select.
    pub(crate) fn columns() -> [Expr; 2] {
        [Self::ID, Self::ROLE].map(|c| Expr::col((Alias::new(Self::ALIAS), Alias::new(c))))
    }

    /// `owner_column = actor.actor_id OR actor.actor_role = 'admin'`: [`Actor::owns`] for an
    /// actor the statement itself looks up.
    pub(crate) fn owns(owner_column: impl IntoColumnRef) -> Condition {
        let [id, role] = Self::columns();
        Condition::any()
            .add(Expr::col(owner_column).eq(id))
            .add(role.eq(Role::Admin.as_str()))
    }

    /// The actor of a row read through the source.
    pub(crate) fn actor(row: &QueryResult) -> crate::error::Result<Actor> {
        Self::actor_of(row).map_err(Error::Database)
    }

    fn actor_of(row: &QueryResult) -> Result<Actor, DbErr> {
        let user_id: i32 = row.try_get("", Self::ID)?;
        let role: String = row.try_get("", Self::ROLE)?;
        let role = Role::parse(&role)
            .ok_or_else(|| DbErr::Type(format!("user {user_id} has an unknown role")))?;
        Ok(Actor { user_id, role })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::Role;

    #[test]
    fn every_role_parses_from_its_stored_name_and_serializes_as_it() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(
                serde_json::to_value(role).unwrap(),
                serde_json::json!(role.as_str())
            );
        }
        assert_eq!(Role::parse("Admin"), None);
        assert_eq!(Role::parse("paralegal"), None);
    }
}
