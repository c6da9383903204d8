//! Bearer tokens: 256 random bits handed to the client once, stored only as SHA-256.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use entity::auth::api_token;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use service::{Actor, ActorSource, Role};

/// Who a valid token belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The user's id.
    pub user_id: i32,
    /// The user's role.
    pub role: Role,
    /// The hash of the token used (to revoke it on logout).
    pub token_hash: String,
}

impl Principal {
    /// The service layer's view of who is acting.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.user_id,
            role: self.role,
        }
    }

    /// Whether the user may use admin routes.
    pub fn is_admin(&self) -> bool {
        self.actor().is_admin()
    }
}

/// The longest bearer token looked up (ours are 43 characters); longer ones are refused
/// without touching the database.
pub const MAX_TOKEN_LEN: usize = 256;

/// What is stored for a token: its hex SHA-256.
pub fn hash_token(token: &str) -> String {
    entity::digest::sha256_hex(token)
}

/// A fresh token: 32 random bytes (256 bits), base64url without padding.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Issues a token for `user_id` valid until `expires_at`; returns the token (never stored).
///
/// # Errors
/// The insert failing.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i32,
    expires_at: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = new_token();
    api_token::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(hash_token(&token)),
        expires_at: Set(expires_at.into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The principal of `token` if it exists, is not revoked and has not expired.
///
/// # Errors
/// The lookup failing, or the user's stored role not being one [`Role`] knows
/// ([`DbErr::Type`]).
pub async fn resolve(db: &impl ConnectionTrait, token: &str) -> Result<Option<Principal>, DbErr> {
    if token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Ok(None);
    }
    let token_hash = hash_token(token);
    let found = ActorSource::bearer(token_hash.as_str()).resolve(db).await?;
    Ok(found.map(|Actor { user_id, role }| Principal {
        user_id,
        role,
        token_hash,
    }))
}

/// Revokes the token with `token_hash`.
///
/// # Errors
/// The update failing.
pub async fn revoke(db: &impl ConnectionTrait, token_hash: &str) -> Result<(), DbErr> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_token::Column::TokenHash.eq(token_hash))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_256_bits_and_differ() {
        let a = new_token();
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).map(|b| b.len()).ok(), Some(32));
        assert_ne!(a, new_token());
    }

    #[test]
    fn a_token_hash_is_hex_sha256() {
        let h = hash_token("abc");
        assert_eq!(
            h,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
