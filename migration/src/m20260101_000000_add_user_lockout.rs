//! Legal practice: account lockout bookkeeping on `users` (failed sign-ins and the lock's end).

use crate::ddl::{integer, timestamp};
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;
use sea_orm::sea_query::Table;

/// Adds `users.failed_login_count` (NOT NULL, default 0) and `users.locked_until` (NULL).
///
/// One column per `ALTER TABLE`: SQLite accepts a single change per statement.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "add account lockout columns to users"
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(
            Table::alter()
                .table("users")
                .add_column(integer("failed_login_count").not_null().default(0)),
        );
        s.schema(
            Table::alter()
                .table("users")
                .add_column(timestamp("locked_until")),
        );
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(Table::alter().table("users").drop_column("locked_until"));
        s.schema(
            Table::alter()
                .table("users")
                .drop_column("failed_login_count"),
        );
        s.finish()
    }
}
