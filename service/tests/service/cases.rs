//! Cases: filters, keyset pagination, `updated_at`, and deleting clients that have cases.

use crate::support::{field_errors, migrated, user};
use migration::on_every_backend;
use migration::testing::Backend;
use service::cases::{self, CaseFilter, CaseInput};
use service::clients::{self, ClientInput};
use service::property_opinions::{self, OpinionInput};
use service::{Error, PageRequest};

fn case(title: &str, status: &str) -> CaseInput {
    CaseInput {
        title: title.to_owned(),
        status: status.to_owned(),
        description: None,
    }
}

async fn cases_page_newest_first_with_an_opaque_cursor_and_a_status_filter(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    let client = ClientInput {
        name: "Green Properties LLC".to_owned(),
        contact: None,
        address: None,
    };
    let client = clients::create(&conn, amit, &client).await.unwrap();
    let mut ids = Vec::new();
    for n in 1..=5 {
        let status = if n % 2 == 0 { "closed" } else { "active" };
        ids.push(
            cases::create(&conn, amit, client.id, &case(&format!("Case {n}"), status))
                .await
                .unwrap()
                .id,
        );
    }
    ids.reverse();

    let mut seen = Vec::new();
    let mut request = PageRequest {
        limit: Some(2),
        cursor: None,
    };
    loop {
        let page = cases::list_for_lawyer(&conn, amit, &CaseFilter::default(), &request)
            .await
            .unwrap();
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|c| c.id));
        match page.next_cursor {
            Some(cursor) => request.cursor = Some(cursor),
            None => break,
        }
    }
    assert_eq!(seen, ids, "every case once, newest first");

    let active = CaseFilter {
        status: Some("active".to_owned()),
        client_id: Some(client.id),
    };
    let page = cases::list_for_lawyer(&conn, amit, &active, &PageRequest::default())
        .await
        .unwrap();
    assert_eq!(page.items.len(), 3);
    assert!(page.items.iter().all(|c| c.status == "active"));
    assert_eq!(page.next_cursor, None);

    let forged = PageRequest {
        limit: None,
        cursor: Some("djE6LTE".to_owned()),
    }; // "v1:-1"
    let refused = cases::list_for_lawyer(&conn, amit, &CaseFilter::default(), &forged).await;
    assert_eq!(field_errors(refused).get("cursor").len(), 1);
}

async fn updating_a_case_stamps_updated_at(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    let client = ClientInput {
        name: "Tech Solutions".to_owned(),
        contact: None,
        address: None,
    };
    let client = clients::create(&conn, amit, &client).await.unwrap();
    let created = cases::create(&conn, amit, client.id, &case("Dispute", "active"))
        .await
        .unwrap();
    assert_eq!(created.updated_at, None);
    // The same values again still count as an update (MySQL reports matched rows).
    let updated = cases::update(&conn, amit, created.id, &case("Dispute", "active"))
        .await
        .unwrap();
    assert!(updated.updated_at.is_some());
    let closed = cases::update(&conn, amit, created.id, &case("Dispute", "closed"))
        .await
        .unwrap();
    assert_eq!(closed.status, "closed");
    assert_eq!(closed.created_at, created.created_at);
}

async fn deleting_a_client_with_cases_is_a_conflict(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    let client = ClientInput {
        name: "Tech Solutions".to_owned(),
        contact: None,
        address: None,
    };
    let client = clients::create(&conn, amit, &client).await.unwrap();
    let dispute = cases::create(&conn, amit, client.id, &case("Dispute", "active"))
        .await
        .unwrap();
    let opinion = OpinionInput {
        document_url: None,
        status: "pending".to_owned(),
        notes: None,
    };
    let opinion = property_opinions::create(&conn, amit, client.id, &opinion)
        .await
        .unwrap();

    let refused = clients::delete(&conn, amit, client.id).await;
    assert!(matches!(refused, Err(Error::Conflict(_))), "{refused:?}");
    assert!(clients::find_by_id(&conn, amit, client.id).await.is_ok());

    cases::delete(&conn, amit, dispute.id).await.unwrap();
    let refused = clients::delete(&conn, amit, client.id).await;
    assert!(
        matches!(refused, Err(Error::Conflict(_))),
        "the opinion still refers to it"
    );
    property_opinions::delete(&conn, amit, opinion.id)
        .await
        .unwrap();
    clients::delete(&conn, amit, client.id).await.unwrap();
    assert!(matches!(
        clients::find_by_id(&conn, amit, client.id).await,
        Err(Error::NotFound)
    ));
}

on_every_backend!(
    cases_page_newest_first_with_an_opaque_cursor_and_a_status_filter,
    updating_a_case_stamps_updated_at,
    deleting_a_client_with_cases_is_a_conflict,
);
