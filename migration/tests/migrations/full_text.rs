//! PostgreSQL's research search can use the GIN full-text index.

use crate::support::{exec, migrated};
use migration::testing::Backend;
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};

#[tokio::test]
async fn full_text_search_uses_the_gin_index_on_postgres() {
    let (_db, conn) = migrated(Backend::Postgres).await;
    exec(&conn, "INSERT INTO users (name, email, password_hash, role) VALUES ('A', 'a@x.test', 'h', 'lawyer')").await;
    exec(&conn, "INSERT INTO research_queries (lawyer_id, query_text) \
                 SELECT 1, 'query number ' || g || ' about tenancy law' FROM generate_series(1, 500) g").await;
    exec(&conn, "INSERT INTO research_queries (lawyer_id, query_text) VALUES (1, 'adverse possession of agricultural land')").await;
    exec(&conn, "ANALYZE research_queries").await;

    let txn = conn.begin().await.unwrap();
    // With sequential scans priced out, the planner can only pick an index whose expression
    // matches the query's exactly: this fails if the index or the query drift apart.
    txn.execute_unprepared("SET LOCAL enable_seqscan = off")
        .await
        .unwrap();
    let rows = txn
        .query_all_raw(Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "EXPLAIN SELECT id FROM research_queries \
             WHERE to_tsvector('english', query_text) @@ plainto_tsquery('english', 'adverse possession')",
        ))
        .await
        .unwrap();
    let plan: Vec<String> = rows
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect();
    txn.rollback().await.unwrap();
    assert!(
        plan.iter()
            .any(|line| line.contains("ix_research_queries_query_text_fts")),
        "plan:\n{}",
        plan.join("\n")
    );
}
