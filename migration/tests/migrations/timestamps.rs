//! Timestamps past 2038 and MariaDB's existing rows: UTC in `DATETIME(6)` there, keeping
//! every instant through the conversion.

use crate::support::{exec, fresh, migrated, scalar};
use chrono::{DateTime, TimeZone, Utc};
use entity::auth::api_token;
use entity::legal::{case, user};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ConnectionTrait, EntityTrait, Statement};

fn at(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 0, 0, 0).unwrap()
}

async fn a_case_updated_in_2040_and_a_token_expiring_in_2100_are_stored(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    exec(
        &conn,
        "INSERT INTO users (name, email, password_hash, role) VALUES ('A', 'a@x.test', 'h', 'lawyer')",
    )
    .await;
    exec(
        &conn,
        "INSERT INTO clients (lawyer_id, name) VALUES (1, 'C')",
    )
    .await;
    exec(
        &conn,
        "INSERT INTO cases (client_id, title, status, updated_at) \
         VALUES (1, 'Long matter', 'active', '2040-01-01 00:00:00.123456')",
    )
    .await;
    // A bound value too, as the entities bind instants (a bare `DateTime<Utc>` would be NULL
    // on MariaDB: see `entity::UtcDateTime`).
    let expiry = at(2100, 6, 30);
    conn.execute_raw(Statement::from_sql_and_values(
        conn.get_database_backend(),
        match backend {
            Backend::Postgres => {
                "INSERT INTO api_tokens (user_id, token_hash, expires_at) VALUES (1, $1, $2)"
            }
            _ => "INSERT INTO api_tokens (user_id, token_hash, expires_at) VALUES (1, ?, ?)",
        },
        ["a".repeat(64).into(), entity::UtcDateTime(expiry).into()],
    ))
    .await
    .unwrap();

    let read = case::Entity::find().one(&conn).await.unwrap().unwrap();
    let later = at(2040, 1, 1) + chrono::Duration::microseconds(123_456);
    assert_eq!(read.updated_at, Some(later.into()), "microseconds kept too");
    let age = Utc::now() - *read.created_at;
    assert!(
        age.num_minutes().abs() < 5,
        "the server default is UTC now: {}",
        read.created_at
    );
    let token = api_token::Entity::find().one(&conn).await.unwrap().unwrap();
    assert_eq!(token.expires_at, expiry);
    if backend == Backend::MySql {
        assert_eq!(
            scalar(&conn, "SELECT CAST(updated_at AS CHAR) FROM cases").await,
            Some("2040-01-01 00:00:00.123456".to_owned())
        );
    }
}

/// Rows written while the columns were `TIMESTAMP` keep their instant through the migration,
/// whatever time zone the writing session used.
async fn mariadb_rows_keep_their_instant_through_the_datetime_conversion() {
    let (db, conn) = fresh(Backend::MySql).await;
    db.migrate_to("m20261201_115439_compare_mysql_key_columns_as_binary")
        .await
        .unwrap();
    exec(
        &conn,
        "SET time_zone = '+05:30'; \
         INSERT INTO users (name, email, password_hash, role, created_at, locked_until) \
         VALUES ('A', 'a@x.test', 'h', 'lawyer', '2030-06-01 12:00:00', NULL); \
         SET time_zone = '+00:00'",
    )
    .await;
    db.migrate().await.unwrap();
    let conn = db.connect().await.unwrap();
    assert_eq!(
        scalar(&conn, "SELECT CAST(created_at AS CHAR) FROM users").await,
        Some("2030-06-01 06:30:00.000000".to_owned()),
        "12:00 at +05:30 is 06:30 UTC"
    );
    let read = user::Entity::find().one(&conn).await.unwrap().unwrap();
    assert_eq!(
        read.created_at,
        Utc.with_ymd_and_hms(2030, 6, 1, 6, 30, 0).unwrap()
    );
    assert_eq!(read.locked_until, None);

    // And back: down restores TIMESTAMP with the same instant.
    db.rollback_to("-2", false).await.unwrap();
    assert_eq!(
        scalar(&conn, "SELECT CAST(created_at AS CHAR) FROM users").await,
        Some("2030-06-01 06:30:00".to_owned())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_timestamps_keep_their_instant_through_the_conversion() {
    mariadb_rows_keep_their_instant_through_the_datetime_conversion().await;
}

on_every_backend!(a_case_updated_in_2040_and_a_token_expiring_in_2100_are_stored);
