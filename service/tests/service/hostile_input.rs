//! Quotes, SQL fragments, emoji and right-to-left text are stored and returned verbatim;
//! NUL bytes are refused before they reach the database.

use crate::support::{field_errors, legal_snapshot, migrated, user};
use migration::on_every_backend;
use migration::testing::Backend;
use service::cases::{self, CaseInput};
use service::clients::{self, ClientInput};
use service::research::{self, NewQuery, SearchRequest};

const INJECTION: &str = "Robert'); DROP TABLE users; --";
const QUOTES: &str = r#"O'Brien & "Sons" \ backslash ` backtick 50% _under_"#;
const EMOJI: &str = "👩‍⚖️ ✅ Verified ⚠️ Review 🚫";
const RTL: &str = "עורך דין \u{200F}מחוז תל אביב – محامي القاهرة";

async fn hostile_strings_round_trip_verbatim_and_nul_is_refused(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    let input = ClientInput {
        name: INJECTION.to_owned(),
        contact: Some(EMOJI.to_owned()),
        address: Some(RTL.to_owned()),
    };
    let client = clients::create(&conn, amit, &input).await.unwrap();
    let read = clients::find_by_id(&conn, amit, client.id).await.unwrap();
    assert_eq!(
        (
            read.name.as_str(),
            read.contact.as_deref(),
            read.address.as_deref()
        ),
        (INJECTION, Some(EMOJI), Some(RTL))
    );

    let case = CaseInput {
        title: QUOTES.to_owned(),
        status: "active".to_owned(),
        description: Some(INJECTION.to_owned()),
    };
    let created = cases::create(&conn, amit, client.id, &case).await.unwrap();
    assert_eq!(
        (created.title.as_str(), created.description.as_deref()),
        (QUOTES, Some(INJECTION))
    );
    let filtered = cases::CaseFilter {
        status: Some("active' OR '1'='1".to_owned()),
        client_id: None,
    };
    let page = cases::list_for_lawyer(&conn, amit, &filtered, &Default::default())
        .await
        .unwrap();
    assert!(page.items.is_empty(), "a quoted filter is a value, not SQL");

    let query = NewQuery {
        query_text: format!("{QUOTES} {INJECTION}"),
        response_text: Some(EMOJI.to_owned()),
    };
    let stored = research::create(&conn, amit, &query).await.unwrap();
    assert_eq!(stored.query_text, query.query_text);
    let search = SearchRequest {
        text: "DROP TABLE users; --".to_owned(),
        limit: None,
    };
    let hits = research::search(&conn, amit, &search).await.unwrap();
    assert_eq!(
        hits.iter().map(|h| h.query.id).collect::<Vec<_>>(),
        [stored.id]
    );

    let before = legal_snapshot(&conn).await;
    let nul = ClientInput {
        name: "Nul\0Byte".to_owned(),
        contact: None,
        address: None,
    };
    assert_eq!(
        field_errors(clients::create(&conn, amit, &nul).await).get("name"),
        ["must not contain a NUL byte"]
    );
    let nul_query = NewQuery {
        query_text: "a\0b".to_owned(),
        response_text: None,
    };
    assert_eq!(
        field_errors(research::create(&conn, amit, &nul_query).await)
            .0
            .len(),
        1
    );
    assert_eq!(legal_snapshot(&conn).await, before);
}

on_every_backend!(hostile_strings_round_trip_verbatim_and_nul_is_refused);
