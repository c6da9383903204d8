//! Instants past 2038 (MariaDB's `TIMESTAMP` ends on 2038-01-19) bound through the entities:
//! a case updated in 2040 and a token expiring in 2100 read back exactly, and compare right.

use crate::support::{migrated, user};
use chrono::{DateTime, Duration, TimeZone, Utc};
use entity::UtcDateTime;
use entity::auth::api_token;
use entity::legal::case;
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use service::cases::{self, CaseInput};
use service::clients::{self, ClientInput};

fn at(year: i32, month: u32, day: u32) -> UtcDateTime {
    let instant: DateTime<Utc> = Utc.with_ymd_and_hms(year, month, day, 12, 30, 45).unwrap();
    UtcDateTime(instant + Duration::microseconds(123_456))
}

async fn a_case_updated_in_2040_and_a_token_expiring_in_2100_round_trip(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let lawyer = user(&conn, "Lawyer", "lawyer").await;
    let client = clients::create(
        &conn,
        lawyer,
        &ClientInput {
            name: "Far Future Ltd".to_owned(),
            contact: None,
            address: None,
        },
    )
    .await
    .unwrap();

    // Inserted through the entity with the 2040 instant bound ...
    let updated = at(2040, 1, 1);
    let created = case::ActiveModel {
        client_id: Set(client.id),
        title: Set("Long matter".to_owned()),
        status: Set("active".to_owned()),
        updated_at: Set(Some(updated)),
        ..Default::default()
    }
    .insert(&conn)
    .await
    .unwrap();
    assert_eq!(created.updated_at, Some(updated));
    // ... and set again by an UPDATE binding it, on a case the service created.
    let other = cases::create(
        &conn,
        lawyer,
        client.id,
        &CaseInput {
            title: "Other matter".to_owned(),
            status: "active".to_owned(),
            description: None,
        },
    )
    .await
    .unwrap();
    case::Entity::update_many()
        .col_expr(case::Column::UpdatedAt, Expr::val(at(2040, 1, 2)))
        .filter(case::Column::Id.eq(other.id))
        .exec(&conn)
        .await
        .unwrap();
    let other = cases::find_by_id(&conn, lawyer, other.id).await.unwrap();
    assert_eq!(other.updated_at, Some(at(2040, 1, 2)));

    let read = cases::find_by_id(&conn, lawyer, created.id).await.unwrap();
    assert_eq!(read.updated_at, Some(updated));
    let found = case::Entity::find()
        .filter(case::Column::UpdatedAt.eq(updated))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "a bound 2040 instant compares equal");

    let expires = at(2100, 6, 30);
    let token = api_token::ActiveModel {
        user_id: Set(lawyer.user_id),
        token_hash: Set("a".repeat(64)),
        expires_at: Set(expires),
        ..Default::default()
    }
    .insert(&conn)
    .await
    .unwrap();
    assert_eq!(token.expires_at, expires);
    let live = api_token::Entity::find()
        .filter(api_token::Column::ExpiresAt.gt(UtcDateTime::now()))
        .filter(api_token::Column::ExpiresAt.lt(at(2100, 7, 1)))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(
        live.len(),
        1,
        "compared with bound instants on both sides of 2038"
    );
    assert_eq!(live[0].expires_at, expires);
}

on_every_backend!(a_case_updated_in_2040_and_a_token_expiring_in_2100_round_trip);
