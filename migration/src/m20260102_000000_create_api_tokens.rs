//! API login tokens: opaque bearer tokens stored only as SHA-256 hashes.

use crate::ddl::{
    create_table, drop_table, foreign_key, id, index, integer, string, timestamp, timestamp_now,
    unique_index,
};
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;
use sea_orm::sea_query::ForeignKeyAction::Cascade;

/// Creates api_tokens: one row per login, revocable, expiring.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "create api tokens"
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(
            create_table(backend, "api_tokens")
                .col(id())
                .col(integer("user_id").not_null())
                .col(string("token_hash", 64).not_null())
                .col(timestamp_now("created_at"))
                .col(timestamp("expires_at").not_null())
                .col(timestamp("revoked_at"))
                .foreign_key(&mut foreign_key("api_tokens", "user_id", "users", Cascade)),
        );
        s.schema(&unique_index(
            "uq_api_tokens_token_hash",
            "api_tokens",
            &["token_hash"],
        ));
        s.schema(&index("ix_api_tokens_user_id", "api_tokens", &["user_id"]));
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(&drop_table("api_tokens"));
        s.finish()
    }
}
