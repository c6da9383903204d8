//! Bounds that keep every input storable and every sum computable, on every backend: costs,
//! long texts (MariaDB's `TEXT` stopped at 64 KiB), time windows, NUL inside JSON, and keys
//! that compare byte for byte (MariaDB's default collation ignored case).

use crate::support::{field_errors, migrated, user};
use chrono::{TimeZone, Utc};
use migration::on_every_backend;
use migration::testing::Backend;
use service::Window;
use service::auditor::fingerprints::{self, SourceText};
use service::auditor::verifications::{self, NewVerification};
use service::cases::{self, CaseInput};
use service::clients::{self, ClientInput};
use service::inference_logs::{self, NewInference};
use service::research::{self, NewQuery};
use service::validation::LONG_TEXT_MAX;

fn inference(cost: f64) -> NewInference {
    NewInference {
        model_used: Some("gpt".to_owned()),
        tokens: Some(i32::MAX),
        cost: Some(cost),
        response_hash: None,
    }
}

async fn huge_costs_are_refused_and_sums_of_the_largest_stay_computable(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    let admin = user(&conn, "Root", "admin").await;
    let query = research::create(
        &conn,
        amit,
        &NewQuery {
            query_text: "q".to_owned(),
            response_text: None,
        },
    )
    .await
    .unwrap();
    let refused = inference_logs::record(&conn, amit, query.id, &inference(1e308)).await;
    assert!(!field_errors(refused).get("cost").is_empty());
    for _ in 0..3 {
        inference_logs::record(&conn, amit, query.id, &inference(1_000_000.0))
            .await
            .unwrap();
    }
    let window = Window {
        from: Utc::now() - chrono::Duration::days(1),
        to: Utc::now() + chrono::Duration::days(1),
    };
    for actor in [amit, admin] {
        let per_model = inference_logs::totals_per_model(&conn, actor, &window)
            .await
            .unwrap();
        assert_eq!(per_model.len(), 1);
        assert_eq!(per_model[0].cost, 3_000_000.0);
        assert_eq!(per_model[0].tokens, 3 * i64::from(i32::MAX));
        let per_lawyer = inference_logs::totals_per_lawyer(&conn, actor, &window)
            .await
            .unwrap();
        assert_eq!(per_lawyer[0].cost, 3_000_000.0);
    }
}

async fn texts_up_to_the_documented_maximum_are_stored_and_longer_ones_refused(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    let client = clients::create(
        &conn,
        amit,
        &ClientInput {
            name: "C".to_owned(),
            contact: None,
            address: None,
        },
    )
    .await
    .unwrap();
    let max = usize::try_from(LONG_TEXT_MAX).unwrap();
    // Over 64 KiB in bytes: multi-byte characters, the maximum in characters.
    let longest = "é".repeat(max);
    let case = |description: &str| CaseInput {
        title: "t".to_owned(),
        status: "active".to_owned(),
        description: Some(description.to_owned()),
    };
    let stored = cases::create(&conn, amit, client.id, &case(&longest))
        .await
        .unwrap();
    assert_eq!(stored.description.as_deref(), Some(longest.as_str()));
    let refused = cases::create(&conn, amit, client.id, &case(&format!("{longest}x"))).await;
    assert!(!field_errors(refused).get("description").is_empty());
}

async fn windows_outside_the_storable_range_are_refused(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = user(&conn, "Amit", "lawyer").await;
    let year = |y: i32| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    for (from, to) in [
        (year(0), year(2020)),
        (year(-1), year(2020)),
        (
            year(2020),
            Utc.with_ymd_and_hms(262_142, 1, 1, 0, 0, 0).unwrap(),
        ),
        (chrono::DateTime::<Utc>::MIN_UTC, year(2020)),
    ] {
        let window = Window { from, to };
        let refused = inference_logs::totals_per_model(&conn, amit, &window).await;
        let fields = field_errors(refused);
        assert!(
            !fields.get("from").is_empty() || !fields.get("to").is_empty(),
            "{fields:?}"
        );
    }
    let widest = Window {
        from: year(1000),
        to: Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
    };
    assert!(
        service::junior_logs::list_in_window(&conn, amit, &widest)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn nul_inside_json_is_refused_before_the_database(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let nul = serde_json::json!({"note": "a\u{0}b"});
    let verification = NewVerification {
        verification_id: "v-1".to_owned(),
        answer_text: "a".to_owned(),
        answer_hash: "h".to_owned(),
        confidence_score: 0.5,
        trust_label: "ok".to_owned(),
        citations: Some(serde_json::json!(["x", nul.clone()])),
        source_fingerprints: Some(nul.clone()),
        extra_metadata: Some(serde_json::json!({"k\u{0}": 1})),
        ..Default::default()
    };
    let fields = field_errors(verifications::store(&conn, &verification).await);
    for field in ["citations", "source_fingerprints", "extra_metadata"] {
        assert!(!fields.get(field).is_empty(), "{field}: {fields:?}");
    }
    let text = SourceText {
        source_id: "s".to_owned(),
        text: "t".to_owned(),
        extra_metadata: Some(nul.clone()),
    };
    assert!(
        !field_errors(fingerprints::upsert(&conn, &text).await)
            .get("extra_metadata")
            .is_empty()
    );
    let outcome = service::proposals::RunOutcome {
        items_seen: 1,
        items_ingested: 1,
        errors: vec![nul],
    };
    assert!(
        !field_errors(service::proposals::finish_run(&conn, 1, &outcome).await)
            .get("errors")
            .is_empty()
    );
}

async fn keys_that_differ_only_in_case_are_different_keys(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let source = |id: &str, text: &str| SourceText {
        source_id: id.to_owned(),
        text: text.to_owned(),
        extra_metadata: None,
    };
    fingerprints::upsert(&conn, &source("Key-X", "upper"))
        .await
        .unwrap();
    fingerprints::upsert(&conn, &source("key-X", "lower"))
        .await
        .unwrap();
    let upper = fingerprints::find(&conn, "Key-X").await.unwrap().unwrap();
    assert_eq!((upper.text.as_str(), upper.version), ("upper", Some(1)));
    let lower = fingerprints::find(&conn, "key-X").await.unwrap().unwrap();
    assert_eq!(lower.text, "lower");
    assert!(fingerprints::find(&conn, "KEY-X").await.unwrap().is_none());

    let verification = |id: &str| NewVerification {
        verification_id: id.to_owned(),
        answer_text: "a".to_owned(),
        answer_hash: "h".to_owned(),
        confidence_score: 0.5,
        trust_label: "ok".to_owned(),
        ..Default::default()
    };
    verifications::store(&conn, &verification("VX-1"))
        .await
        .unwrap();
    verifications::store(&conn, &verification("vx-1"))
        .await
        .unwrap();
    // Characters a case-insensitive collation ignores do not match another key either.
    assert!(matches!(
        verifications::find(&conn, "\u{202E}").await,
        Err(service::Error::NotFound)
    ));
    assert!(matches!(
        verifications::find(&conn, "Vx-1").await,
        Err(service::Error::NotFound)
    ));
}

on_every_backend!(
    huge_costs_are_refused_and_sums_of_the_largest_stay_computable,
    texts_up_to_the_documented_maximum_are_stored_and_longer_ones_refused,
    windows_outside_the_storable_range_are_refused,
    nul_inside_json_is_refused_before_the_database,
    keys_that_differ_only_in_case_are_different_keys,
);
