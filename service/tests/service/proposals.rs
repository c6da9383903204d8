//! Templates of an opportunity, documents deduplicated by SHA-256, ingestion runs.

use crate::support::{MISSING, field_errors, migrated};
use entity::digest::sha256_hex;
use entity::proposals::enums::{
    DocumentSource, OcrStatus, OpportunityStatus, SourceType, TemplateStatus,
};
use entity::proposals::{funding_opportunity, source};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};
use service::Error;
use service::proposals::{self, NewDocument, NewTemplate, RunOutcome};

async fn opportunity(conn: &DatabaseConnection) -> i32 {
    funding_opportunity::ActiveModel {
        source_url: Set("https://grants.example.test/call/42".to_owned()),
        status: Set(OpportunityStatus::Raw),
        ..Default::default()
    }
    .insert(conn)
    .await
    .unwrap()
    .id
}

fn template(hash: &str) -> NewTemplate {
    NewTemplate {
        docx_path: Some(format!("/templates/{hash}.docx")),
        pdf_path: None,
        status: TemplateStatus::Ready,
        notes: None,
        hash: Some(hash.to_owned()),
    }
}

async fn templates_belong_to_their_opportunity_and_hashes_are_unique_there(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let id = opportunity(&conn).await;
    let first = proposals::create_template(&conn, id, &template("aaa"))
        .await
        .unwrap();
    let second = proposals::create_template(&conn, id, &template("bbb"))
        .await
        .unwrap();
    let listed = proposals::templates_of(&conn, id).await.unwrap();
    assert_eq!(listed, [first, second]);
    let duplicate = proposals::create_template(&conn, id, &template("aaa")).await;
    assert!(
        matches!(duplicate, Err(Error::Conflict(_))),
        "{duplicate:?}"
    );
    assert!(matches!(
        proposals::templates_of(&conn, MISSING).await,
        Err(Error::NotFound)
    ));
    let orphan = proposals::create_template(&conn, MISSING, &template("ccc")).await;
    assert!(matches!(orphan, Err(Error::NotFound)), "{orphan:?}");
}

async fn a_document_is_stored_once_per_sha256(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let id = opportunity(&conn).await;
    let document = NewDocument {
        funding_opportunity_id: Some(id),
        source: DocumentSource::Pdf,
        storage_path: "/docs/call-42.pdf".to_owned(),
        mime: Some("application/pdf".to_owned()),
        sha256: sha256_hex("%PDF-1.7 call 42"),
        pages: Some(12),
        ocr_status: OcrStatus::NotNeeded,
    };
    let first = proposals::store_document(&conn, &document).await.unwrap();
    assert!(first.created);
    let copy = NewDocument {
        storage_path: "/docs/copy.pdf".to_owned(),
        ..document.clone()
    };
    let second = proposals::store_document(&conn, &copy).await.unwrap();
    assert!(!second.created);
    assert_eq!(second.document, first.document);

    let bad = NewDocument {
        sha256: "ABC".to_owned(),
        pages: Some(-1),
        ..document
    };
    let fields = field_errors(proposals::store_document(&conn, &bad).await);
    assert_eq!(fields.0.keys().collect::<Vec<_>>(), ["pages", "sha256"]);
}

async fn an_ingestion_run_starts_empty_and_finishes_once_with_counts_and_errors(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let source_id = source::ActiveModel {
        provider: Set("grants.gov".to_owned()),
        r#type: Set(SourceType::Api),
        domain: Set(Some("grants.gov".to_owned())),
        ..Default::default()
    }
    .insert(&conn)
    .await
    .unwrap()
    .id;
    let run = proposals::start_run(&conn, source_id).await.unwrap();
    assert_eq!(
        (run.items_seen, run.items_ingested, run.finished_at),
        (0, 0, None)
    );
    assert!(run.errors.0.is_empty());

    let outcome = RunOutcome {
        items_seen: 10,
        items_ingested: 8,
        errors: vec![serde_json::json!({"url": "https://x.test/1", "error": "timeout"})],
    };
    let finished = proposals::finish_run(&conn, run.id, &outcome)
        .await
        .unwrap();
    assert_eq!((finished.items_seen, finished.items_ingested), (10, 8));
    assert_eq!(finished.errors.0, outcome.errors);
    assert!(finished.finished_at.is_some());
    assert!(matches!(
        proposals::finish_run(&conn, run.id, &outcome).await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        proposals::finish_run(&conn, MISSING, &outcome).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        proposals::start_run(&conn, MISSING).await,
        Err(Error::NotFound)
    ));
    let impossible = RunOutcome {
        items_seen: 1,
        items_ingested: 2,
        errors: vec![],
    };
    let fields = field_errors(proposals::finish_run(&conn, run.id, &impossible).await);
    assert_eq!(fields.get("items_ingested").len(), 1);
}

on_every_backend!(
    templates_belong_to_their_opportunity_and_hashes_are_unique_there,
    a_document_is_stored_once_per_sha256,
    an_ingestion_run_starts_empty_and_finishes_once_with_counts_and_errors,
);
