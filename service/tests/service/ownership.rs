//! The ownership matrix: lawyer B acting on lawyer A's rows gets `NotFound`, exactly as for a
//! missing id, and nothing changes; A and an admin see the rows.

use crate::support::{MISSING, assert_not_found, legal_snapshot, migrated, user};
use chrono::{Duration, Utc};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::DatabaseConnection;
use service::cases::{CaseFilter, CaseInput};
use service::clients::ClientInput;
use service::inference_logs::NewInference;
use service::junior_logs::NewJuniorLog;
use service::property_opinions::OpinionInput;
use service::research::{NewQuery, SearchRequest};
use service::{Actor, PageRequest, Window};
use service::{cases, clients, inference_logs, junior_logs, property_opinions, research, users};

/// The ids of one lawyer's rows of every kind.
struct Owned {
    client: i32,
    case: i32,
    opinion: i32,
    query: i32,
    junior_log: i32,
    inference_log: i32,
}

fn client_input() -> ClientInput {
    ClientInput {
        name: "Tech Solutions Pvt Ltd".to_owned(),
        contact: Some("+91-9876543210".to_owned()),
        address: Some("Mumbai, Maharashtra".to_owned()),
    }
}

fn case_input() -> CaseInput {
    CaseInput {
        title: "Contract Dispute Resolution".to_owned(),
        status: "active".to_owned(),
        description: Some("Dispute over service level agreement breach".to_owned()),
    }
}

fn opinion_input() -> OpinionInput {
    OpinionInput {
        document_url: Some("https://storage.example.com/docs/prop_123.pdf".to_owned()),
        status: "pending".to_owned(),
        notes: None,
    }
}

fn inference() -> NewInference {
    NewInference {
        model_used: Some("gpt-4".to_owned()),
        tokens: Some(100),
        cost: Some(0.5),
        response_hash: None,
    }
}

async fn rows_of(conn: &DatabaseConnection, lawyer: Actor) -> Owned {
    let client = clients::create(conn, lawyer, &client_input())
        .await
        .unwrap()
        .id;
    let case = cases::create(conn, lawyer, client, &case_input())
        .await
        .unwrap()
        .id;
    let opinion = property_opinions::create(conn, lawyer, client, &opinion_input())
        .await
        .unwrap()
        .id;
    let query_input = NewQuery {
        query_text: "adverse possession of agricultural land".to_owned(),
        response_text: None,
    };
    let query = research::create(conn, lawyer, &query_input)
        .await
        .unwrap()
        .id;
    let log = NewJuniorLog {
        action: "draft notice".to_owned(),
        context: None,
        response: None,
    };
    let junior_log = junior_logs::append(conn, lawyer, &log).await.unwrap().id;
    let inference_log = inference_logs::record(conn, lawyer, query, &inference())
        .await
        .unwrap()
        .id;
    Owned {
        client,
        case,
        opinion,
        query,
        junior_log,
        inference_log,
    }
}

async fn another_lawyers_rows_are_not_found_and_stay_unchanged(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let a = user(&conn, "Amit", "lawyer").await;
    let b = user(&conn, "Priya", "lawyer").await;
    let owned = rows_of(&conn, a).await;
    let c = &conn;
    let before = legal_snapshot(c).await;

    // Each operation, on A's id and on an id nobody has: the same NotFound.
    let pairs = [
        (
            owned.client,
            owned.case,
            owned.opinion,
            owned.query,
            owned.junior_log,
            owned.inference_log,
        ),
        (MISSING, MISSING, MISSING, MISSING, MISSING, MISSING),
    ];
    for (client, case, opinion, query, junior_log, inference_log) in pairs {
        assert_not_found(
            clients::find_by_id(c, b, client).await,
            "clients::find_by_id",
        );
        assert_not_found(
            clients::update(c, b, client, &client_input()).await,
            "clients::update",
        );
        assert_not_found(clients::delete(c, b, client).await, "clients::delete");
        assert_not_found(
            cases::create(c, b, client, &case_input()).await,
            "cases::create",
        );
        assert_not_found(cases::find_by_id(c, b, case).await, "cases::find_by_id");
        assert_not_found(
            cases::update(c, b, case, &case_input()).await,
            "cases::update",
        );
        assert_not_found(cases::delete(c, b, case).await, "cases::delete");
        assert_not_found(
            property_opinions::create(c, b, client, &opinion_input()).await,
            "property_opinions::create",
        );
        assert_not_found(
            property_opinions::find_by_id(c, b, opinion).await,
            "opinions::find_by_id",
        );
        assert_not_found(
            property_opinions::update(c, b, opinion, &opinion_input()).await,
            "opinions::update",
        );
        assert_not_found(
            property_opinions::delete(c, b, opinion).await,
            "opinions::delete",
        );
        assert_not_found(
            research::find_by_id(c, b, query).await,
            "research::find_by_id",
        );
        assert_not_found(
            junior_logs::find_by_id(c, b, junior_log).await,
            "junior_logs::find_by_id",
        );
        assert_not_found(
            inference_logs::record(c, b, query, &inference()).await,
            "inference_logs::record",
        );
        assert_not_found(
            inference_logs::find_by_id(c, b, inference_log).await,
            "inference_logs::find_by_id",
        );
        assert_not_found(
            inference_logs::list_for_query(c, b, query).await,
            "inference_logs::list_for_query",
        );
        assert_not_found(
            users::find_by_id(c, b, a.user_id).await,
            "users::find_by_id",
        );
    }
    assert_eq!(
        legal_snapshot(c).await,
        before,
        "B's attempts changed something"
    );

    // B's lists, searches and totals hold none of A's rows.
    let everything = Window {
        from: Utc::now() - Duration::days(1),
        to: Utc::now() + Duration::days(1),
    };
    let page = PageRequest::default();
    assert!(clients::list_for_lawyer(c, b).await.unwrap().is_empty());
    assert!(
        cases::list_for_lawyer(c, b, &CaseFilter::default(), &page)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert!(
        property_opinions::list_for_lawyer(c, b, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        research::list_for_lawyer(c, b, &page)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let search = SearchRequest {
        text: "adverse possession".to_owned(),
        limit: None,
    };
    assert!(research::search(c, b, &search).await.unwrap().is_empty());
    assert!(
        junior_logs::list_in_window(c, b, &everything)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        inference_logs::totals_per_model(c, b, &everything)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        inference_logs::totals_per_lawyer(c, b, &everything)
            .await
            .unwrap()
            .is_empty()
    );

    // A and an admin see them.
    let admin = user(c, "Root", "admin").await;
    for actor in [a, admin] {
        assert_eq!(
            clients::find_by_id(c, actor, owned.client)
                .await
                .unwrap()
                .id,
            owned.client
        );
        assert_eq!(
            cases::find_by_id(c, actor, owned.case).await.unwrap().id,
            owned.case
        );
        assert_eq!(
            property_opinions::find_by_id(c, actor, owned.opinion)
                .await
                .unwrap()
                .id,
            owned.opinion
        );
        assert_eq!(
            research::find_by_id(c, actor, owned.query)
                .await
                .unwrap()
                .id,
            owned.query
        );
        assert_eq!(
            junior_logs::find_by_id(c, actor, owned.junior_log)
                .await
                .unwrap()
                .id,
            owned.junior_log
        );
        assert_eq!(
            inference_logs::find_by_id(c, actor, owned.inference_log)
                .await
                .unwrap()
                .id,
            owned.inference_log
        );
        assert_eq!(research::search(c, actor, &search).await.unwrap().len(), 1);
        assert_eq!(
            junior_logs::list_in_window(c, actor, &everything)
                .await
                .unwrap()
                .len(),
            1
        );
    }
    let renamed = ClientInput {
        name: "Renamed by admin".to_owned(),
        ..client_input()
    };
    assert_eq!(
        clients::update(c, admin, owned.client, &renamed)
            .await
            .unwrap()
            .name,
        "Renamed by admin"
    );
}

on_every_backend!(another_lawyers_rows_are_not_found_and_stay_unchanged);
