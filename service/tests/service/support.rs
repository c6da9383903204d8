//! Shared helpers: migrated databases, users without the cost of hashing, table snapshots and
//! a connection that records the statements it runs.

use entity::legal;
use migration::testing::{Backend, TestDb};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, Statement};
use service::{Actor, Error};
use std::sync::{Arc, Mutex};

/// An id no row has.
pub const MISSING: i32 = 999_999;

/// A fresh database migrated to head, and a connection to it.
pub async fn migrated(backend: Backend) -> (TestDb, DatabaseConnection) {
    let db = TestDb::create(backend).await.expect("create test database");
    // The runner migrates on a connection of its own, so this pool sees the final schema.
    db.migrate().await.expect("migrate to head");
    let conn = db.connect().await.expect("connect to test database");
    (db, conn)
}

/// Inserts a user with a placeholder hash (no argon2 work) and returns it as an actor.
pub async fn user(conn: &DatabaseConnection, name: &str, role: &str) -> Actor {
    let row = legal::user::ActiveModel {
        name: Set(name.to_owned()),
        email: Set(format!("{}@example.test", name.to_lowercase())),
        password_hash: Set("$argon2id$placeholder".to_owned()),
        role: Set(role.to_owned()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .unwrap();
    match role {
        "admin" => Actor::admin(row.id),
        "service" => Actor {
            user_id: row.id,
            role: service::Role::Service,
        },
        _ => Actor::lawyer(row.id),
    }
}

/// Every row of every legal table, as JSON text: equal snapshots mean nothing changed.
pub async fn legal_snapshot(conn: &DatabaseConnection) -> Vec<String> {
    macro_rules! dump {
        ($($entity:path),+) => {{
            let mut rows = Vec::new();
            $(
                for row in <$entity>::find().into_json().all(conn).await.unwrap() {
                    rows.push(format!("{}: {row}", stringify!($entity)));
                }
            )+
            rows
        }};
    }
    dump!(
        legal::user::Entity,
        legal::client::Entity,
        legal::case::Entity,
        legal::property_opinion::Entity,
        legal::research_query::Entity,
        legal::junior_log::Entity,
        legal::inference_log::Entity
    )
}

/// Asserts a `NotFound`, naming the operation when it is something else.
#[track_caller]
pub fn assert_not_found<T: std::fmt::Debug>(result: Result<T, Error>, operation: &str) {
    assert!(
        matches!(result, Err(Error::NotFound)),
        "{operation}: expected NotFound, got {result:?}"
    );
}

/// The validation errors of `result`, or a panic saying what it was instead.
#[track_caller]
pub fn field_errors<T: std::fmt::Debug>(result: Result<T, Error>) -> service::FieldErrors {
    match result {
        Err(Error::Validation(fields)) => fields,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// A second connection to `db` that records every statement it runs.
pub async fn recording(db: &TestDb) -> (DatabaseConnection, Arc<Mutex<Vec<Statement>>>) {
    let statements = Arc::new(Mutex::new(Vec::new()));
    let mut conn = db.connect().await.unwrap();
    let sink = Arc::clone(&statements);
    conn.set_metric_callback(move |info| sink.lock().unwrap().push(info.statement.clone()));
    (conn, statements)
}
