//! Invalid input is refused field by field, all fields at once, and nothing is written.

use crate::support::{field_errors, legal_snapshot, migrated, user};
use migration::on_every_backend;
use migration::testing::Backend;
use service::cases::CaseInput;
use service::clients::{self, ClientInput};
use service::users::{self, NewUser};
use service::{PageRequest, cases, research};

async fn every_invalid_field_is_reported_at_once_and_nothing_is_written(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let before = legal_snapshot(&conn).await;
    let refused = users::register(
        &conn,
        &NewUser {
            name: String::new(),
            email: "not an address".to_owned(),
            password: "short".to_owned(),
            role: "boss".to_owned(),
        },
    )
    .await;
    let fields = field_errors(refused);
    assert_eq!(
        fields.0.keys().collect::<Vec<_>>(),
        ["email", "name", "password", "role"],
        "{fields}"
    );
    assert_eq!(fields.get("password"), ["must be 12 to 1024 bytes"]);
    assert_eq!(fields.get("role"), ["must be lawyer, admin or service"]);
    assert_eq!(legal_snapshot(&conn).await, before);

    let amit = user(&conn, "Amit", "lawyer").await;
    let before = legal_snapshot(&conn).await;
    let refused = clients::create(
        &conn,
        amit,
        &ClientInput {
            name: "é".repeat(256),
            contact: Some("x".repeat(256)),
            address: Some("a\0b".to_owned()),
        },
    )
    .await;
    let fields = field_errors(refused);
    assert_eq!(
        fields.0.keys().collect::<Vec<_>>(),
        ["address", "contact", "name"]
    );
    assert_eq!(fields.get("address"), ["must not contain a NUL byte"]);
    assert_eq!(legal_snapshot(&conn).await, before);

    // Limits are in characters: 255 two-byte characters fit a varchar(255).
    let client = clients::create(
        &conn,
        amit,
        &ClientInput {
            name: "é".repeat(255),
            contact: None,
            address: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(client.name.chars().count(), 255);

    let before = legal_snapshot(&conn).await;
    let refused = cases::create(
        &conn,
        amit,
        client.id,
        &CaseInput {
            title: "   ".to_owned(),
            status: "s".repeat(101),
            description: Some("\0".to_owned()),
        },
    )
    .await;
    let fields = field_errors(refused);
    assert_eq!(
        fields.0.keys().collect::<Vec<_>>(),
        ["description", "status", "title"]
    );
    assert_eq!(legal_snapshot(&conn).await, before);

    // Paging parameters are checked the same way.
    let refused = research::list_for_lawyer(
        &conn,
        amit,
        &PageRequest {
            limit: Some(1000),
            cursor: Some("not-a-cursor".to_owned()),
        },
    )
    .await;
    assert_eq!(field_errors(refused).0.len(), 2);
}

on_every_backend!(every_invalid_field_is_reported_at_once_and_nothing_is_written);
