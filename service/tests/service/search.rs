//! Full-text search: relevant rows first, only the actor's, and PostgreSQL's GIN index used.

use crate::support::{field_errors, migrated, recording, user};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};
use service::Actor;
use service::research::{self, NewQuery, SearchRequest};

async fn ask(conn: &DatabaseConnection, actor: Actor, text: &str) -> i32 {
    let query = NewQuery {
        query_text: text.to_owned(),
        response_text: None,
    };
    research::create(conn, actor, &query).await.unwrap().id
}

fn request(text: &str) -> SearchRequest {
    SearchRequest {
        text: text.to_owned(),
        limit: None,
    }
}

async fn search_returns_the_most_relevant_of_the_actors_queries_first(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    let priya = user(&conn, "Priya", "lawyer").await;
    let once = ask(
        &conn,
        amit,
        "Adverse possession of agricultural land in Punjab",
    )
    .await;
    let twice = ask(
        &conn,
        amit,
        "adverse possession: when does adverse possession run against heirs",
    )
    .await;
    ask(&conn, amit, "Tenancy law in Mumbai").await;
    ask(&conn, amit, "Possession of a stolen car").await; // one term only: no match
    ask(
        &conn,
        priya,
        "adverse possession adverse possession adverse possession",
    )
    .await;

    let hits = research::search(&conn, amit, &request("ADVERSE possession"))
        .await
        .unwrap();
    let ids: Vec<i32> = hits.iter().map(|hit| hit.query.id).collect();
    assert_eq!(ids, [twice, once], "{hits:#?}");
    assert!(hits[0].rank > hits[1].rank);

    let limited = SearchRequest {
        text: "adverse possession".to_owned(),
        limit: Some(1),
    };
    assert_eq!(
        research::search(&conn, amit, &limited).await.unwrap().len(),
        1
    );
    assert!(
        research::search(&conn, amit, &request("insolvency"))
            .await
            .unwrap()
            .is_empty()
    );
    let refused = research::search(&conn, amit, &request("%_ --")).await;
    assert_eq!(field_errors(refused).get("text").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_search_uses_the_gin_index() {
    let (db, conn) = migrated(Backend::Postgres).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    conn.execute_unprepared(&format!(
        "INSERT INTO research_queries (lawyer_id, query_text) \
         SELECT {}, 'query number ' || g || ' about tenancy law' FROM generate_series(1, 500) g",
        amit.user_id
    ))
    .await
    .unwrap();
    ask(&conn, amit, "adverse possession of agricultural land").await;
    conn.execute_unprepared("ANALYZE research_queries")
        .await
        .unwrap();

    // Record the statement the service really runs, then ask PostgreSQL how it runs it.
    let (recorder, statements) = recording(&db).await;
    let hits = research::search(&recorder, amit, &request("adverse possession"))
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    let search = statements.lock().unwrap().last().cloned().unwrap();
    let txn = conn.begin().await.unwrap();
    txn.execute_unprepared("SET LOCAL enable_seqscan = off")
        .await
        .unwrap();
    let explain = Statement {
        sql: format!("EXPLAIN {}", search.sql),
        ..search
    };
    let plan: Vec<String> = txn
        .query_all_raw(explain)
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).unwrap())
        .collect();
    txn.rollback().await.unwrap();
    assert!(
        plan.iter()
            .any(|line| line.contains("ix_research_queries_query_text_fts")),
        "plan:\n{}",
        plan.join("\n")
    );
}

on_every_backend!(search_returns_the_most_relevant_of_the_actors_queries_first);
