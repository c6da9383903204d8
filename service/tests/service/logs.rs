//! Junior logs by time window; inference totals per model and per lawyer, computed in SQL.

use crate::support::{migrated, user};
use chrono::{DateTime, Duration, TimeZone, Utc};
use entity::legal::{inference_log, junior_log};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::inference_logs::{self, NewInference, Totals};
use service::junior_logs::{self, NewJuniorLog};
use service::research::{self, NewQuery};
use service::{Actor, Window};

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, hour, 0, 0).unwrap()
}

async fn append(conn: &DatabaseConnection, actor: Actor, action: &str) -> i32 {
    let log = NewJuniorLog {
        action: action.to_owned(),
        context: None,
        response: None,
    };
    junior_logs::append(conn, actor, &log).await.unwrap().id
}

async fn junior_logs_are_listed_by_time_window_oldest_first(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    for (hour, action) in [(12, "noon"), (10, "ten"), (11, "eleven")] {
        let id = append(&conn, amit, action).await;
        junior_log::Entity::update_many()
            .col_expr(junior_log::Column::Timestamp, Expr::val(at(hour)))
            .filter(junior_log::Column::Id.eq(id))
            .exec(&conn)
            .await
            .unwrap();
    }
    let fresh = append(&conn, amit, "just now").await; // the server's own timestamp

    let morning = Window {
        from: at(10),
        to: at(12),
    };
    let actions: Vec<String> = junior_logs::list_in_window(&conn, amit, &morning)
        .await
        .unwrap()
        .into_iter()
        .map(|log| log.action)
        .collect();
    assert_eq!(
        actions,
        ["ten", "eleven"],
        "from inclusive, to exclusive, in time order"
    );

    let today = Window {
        from: Utc::now() - Duration::hours(1),
        to: Utc::now() + Duration::hours(1),
    };
    let recent = junior_logs::list_in_window(&conn, amit, &today)
        .await
        .unwrap();
    assert_eq!(recent.iter().map(|log| log.id).collect::<Vec<_>>(), [fresh]);

    let backwards = Window {
        from: at(12),
        to: at(10),
    };
    assert!(
        junior_logs::list_in_window(&conn, amit, &backwards)
            .await
            .is_err()
    );
}

fn call(model: Option<&str>, tokens: Option<i32>, cost: Option<f64>) -> NewInference {
    NewInference {
        model_used: model.map(str::to_owned),
        tokens,
        cost,
        response_hash: None,
    }
}

async fn inference_totals_are_summed_per_model_and_per_lawyer_in_the_window(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    let priya = user(&conn, "Priya", "lawyer").await;
    let admin = user(&conn, "Root", "admin").await;
    let query = |text: &str| NewQuery {
        query_text: text.to_owned(),
        response_text: None,
    };
    let amits = research::create(&conn, amit, &query("stamp duty"))
        .await
        .unwrap()
        .id;
    let priyas = research::create(&conn, priya, &query("land title"))
        .await
        .unwrap()
        .id;
    for input in [
        call(Some("gpt-4"), Some(100), Some(0.5)),
        call(Some("gpt-4"), Some(50), Some(0.25)),
        call(Some("claude"), Some(10), None),
    ] {
        inference_logs::record(&conn, amit, amits, &input)
            .await
            .unwrap();
    }
    inference_logs::record(
        &conn,
        priya,
        priyas,
        &call(Some("gpt-4"), Some(1000), Some(5.0)),
    )
    .await
    .unwrap();
    let old = inference_logs::record(&conn, amit, amits, &call(Some("gpt-4"), Some(7), Some(7.0)))
        .await
        .unwrap();
    inference_log::Entity::update_many()
        .col_expr(inference_log::Column::Timestamp, Expr::val(at(9)))
        .filter(inference_log::Column::Id.eq(old.id))
        .exec(&conn)
        .await
        .unwrap();

    let window = Window {
        from: Utc::now() - Duration::hours(1),
        to: Utc::now() + Duration::hours(1),
    };
    let totals = |label: &str, calls, tokens, cost| Totals {
        label: Some(label.to_owned()),
        calls,
        tokens,
        cost,
    };
    assert_eq!(
        inference_logs::totals_per_model(&conn, amit, &window)
            .await
            .unwrap(),
        [totals("claude", 1, 10, 0.0), totals("gpt-4", 2, 150, 0.75)]
    );
    assert_eq!(
        inference_logs::totals_per_model(&conn, admin, &window)
            .await
            .unwrap(),
        [totals("claude", 1, 10, 0.0), totals("gpt-4", 3, 1150, 5.75)]
    );
    let mut per_lawyer = inference_logs::totals_per_lawyer(&conn, admin, &window)
        .await
        .unwrap();
    per_lawyer.sort_by_key(|t| t.label.as_deref().and_then(|l| l.parse::<i32>().ok()));
    assert_eq!(
        per_lawyer,
        [
            totals(&amit.user_id.to_string(), 3, 160, 0.75),
            totals(&priya.user_id.to_string(), 1, 1000, 5.0)
        ]
    );
    assert_eq!(
        inference_logs::totals_per_lawyer(&conn, priya, &window)
            .await
            .unwrap(),
        [totals(&priya.user_id.to_string(), 1, 1000, 5.0)]
    );
    let listed = inference_logs::list_for_query(&conn, amit, amits)
        .await
        .unwrap();
    assert_eq!(listed.len(), 4);
}

on_every_backend!(
    junior_logs_are_listed_by_time_window_oldest_first,
    inference_totals_are_summed_per_model_and_per_lawyer_in_the_window,
);
