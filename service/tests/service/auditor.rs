//! Verification log, embedding cache under concurrency, and fingerprint versions.

use crate::support::{field_errors, migrated};
use entity::digest::sha256_hex;
use futures::future::join_all;
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::EntityTrait;
use service::Error;
use service::auditor::embeddings::{self, NewEmbedding};
use service::auditor::fingerprints::{self, SourceText};
use service::auditor::verifications::{self, NewVerification};

async fn a_verification_is_stored_found_and_invalidated_once(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let input = NewVerification {
        verification_id: "6f1c2a4e-1111-4d5e-9a0b-123456789abc".to_owned(),
        answer_text: "Section 27 of the Limitation Act applies.".to_owned(),
        answer_hash: sha256_hex("Section 27 of the Limitation Act applies."),
        confidence_score: 0.91,
        trust_label: "✅ Verified".to_owned(),
        citations: Some(serde_json::json!(["Limitation Act, s. 27"])),
        ..Default::default()
    };
    let stored = verifications::store(&conn, &input).await.unwrap();
    assert_eq!(
        (stored.is_valid, stored.retry_attempts, stored.has_citations),
        (Some(true), Some(0), Some(false))
    );
    assert_eq!(stored.trust_label, "✅ Verified");
    assert!(matches!(
        verifications::store(&conn, &input).await,
        Err(Error::Conflict(_))
    ));

    let found = verifications::find(&conn, &input.verification_id)
        .await
        .unwrap();
    assert_eq!(found, stored);
    let invalid = verifications::invalidate(&conn, &input.verification_id)
        .await
        .unwrap();
    assert_eq!(invalid.is_valid, Some(false));
    let stamp = invalid.invalidated_at.expect("invalidated_at stamped");
    let again = verifications::invalidate(&conn, &input.verification_id)
        .await
        .unwrap();
    assert_eq!(again.invalidated_at, Some(stamp), "the first stamp stays");
    assert!(matches!(
        verifications::invalidate(&conn, "no-such-id").await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        verifications::find(&conn, "no-such-id").await,
        Err(Error::NotFound)
    ));

    let bad = NewVerification {
        confidence_score: 1.5,
        trust_label: String::new(),
        ..input
    };
    let fields = field_errors(verifications::store(&conn, &bad).await);
    assert_eq!(
        fields.0.keys().collect::<Vec<_>>(),
        ["confidence_score", "trust_label"]
    );
}

async fn concurrent_embedding_cache_hits_count_every_access(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let input = NewEmbedding {
        text_hash: sha256_hex("adverse possession"),
        embedding: vec![0.25, -1.5, 3.0],
        model_name: "all-MiniLM-L6-v2".to_owned(),
    };
    const TASKS: usize = 50;
    let results = join_all((0..TASKS).map(|_| embeddings::get_or_insert(&conn, &input))).await;
    let ids: Vec<i32> = results.into_iter().map(|r| r.unwrap().id).collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "one row for one text");

    let row = embeddings::get(&conn, &input.text_hash)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.access_count, Some(TASKS as i32 + 1));
    assert_eq!(row.embedding.0, input.embedding);
    assert_eq!(row.embedding_dim, 3);
    assert!(
        embeddings::get(&conn, &sha256_hex("never cached"))
            .await
            .unwrap()
            .is_none()
    );
}

async fn a_fingerprint_version_goes_up_once_per_changed_text(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let text = |body: &str| SourceText {
        source_id: "limitation-act-1963".to_owned(),
        text: body.to_owned(),
        extra_metadata: None,
    };
    let mut versions = Vec::new();
    for body in ["v one", "v one", "v two", "v two", "v three", "v one"] {
        let stored = fingerprints::upsert(&conn, &text(body)).await.unwrap();
        assert_eq!(stored.source_hash, sha256_hex(body));
        assert_eq!(stored.text, body);
        versions.push(stored.version.unwrap());
    }
    assert_eq!(versions, [1, 1, 2, 2, 3, 4]);
    let current = fingerprints::find(&conn, "limitation-act-1963")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((current.version, current.text_length), (Some(4), 5));
    assert!(current.updated_at.is_some());

    // Another source may have exactly the same text: it gets its own row.
    let twin = SourceText {
        source_id: "copy".to_owned(),
        ..text("v one")
    };
    let copy = fingerprints::upsert(&conn, &twin).await.unwrap();
    assert_eq!((copy.source_id.as_str(), copy.version), ("copy", Some(1)));
    assert_eq!(copy.source_hash, current.source_hash);
}

async fn concurrent_first_stores_of_a_source_leave_one_row_that_keeps_working(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let stores = (0..10).map(|n| {
        let conn = conn.clone();
        async move {
            let input = SourceText {
                source_id: "new-source".to_owned(),
                text: format!("text {}", n % 2),
                extra_metadata: None,
            };
            fingerprints::upsert(&conn, &input).await
        }
    });
    for outcome in join_all(stores).await {
        outcome.unwrap();
    }
    let rows = entity::auditor::source_fingerprint::Entity::find()
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let before = rows[0].version.unwrap();
    let next = SourceText {
        source_id: "new-source".to_owned(),
        text: "a text no store used".to_owned(),
        extra_metadata: None,
    };
    let stored = fingerprints::upsert(&conn, &next).await.unwrap();
    assert_eq!(stored.version, Some(before + 1));
    assert_eq!(stored.text, "a text no store used");
}

on_every_backend!(
    a_verification_is_stored_found_and_invalidated_once,
    concurrent_embedding_cache_hits_count_every_access,
    a_fingerprint_version_goes_up_once_per_changed_text,
    concurrent_first_stores_of_a_source_leave_one_row_that_keeps_working,
);
