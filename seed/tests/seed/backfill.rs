//! `seed backfill`: each operation on crafted rows, dry runs, resumption.

use crate::support::{count, migrated, run_seed, snapshot, without_foreign_keys};
use chrono::{TimeZone, Utc};
use entity::proposals::enums::{OpportunityStatus, TemplateStatus};
use entity::proposals::{funding_opportunity, proposal_template, source};
use migration::on_every_backend;
use migration::testing::{Backend, TestDb};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryOrder,
};
use seed::backfill::hashes::{Template, template_hash};
use seed::backfill::{self, Operation, Options, Outcome};
use serde_json::{Value, json};

fn canonical(
    title: &str,
    min: Value,
    max: Value,
    currency: &str,
    kind: &str,
    primary: bool,
) -> Value {
    json!({"variant_title": title, "grant_min": min, "grant_max": max,
           "currency": currency, "funding_type": kind, "is_primary": primary})
}

/// (variants as stored, variants after the backfill), one opportunity each, in id order.
fn variant_cases() -> Vec<(Value, Value)> {
    let standard = canonical("Standard", json!(1000), json!(5000), "GBP", "grant", true);
    vec![
        (json!([standard.clone()]), json!([standard])),
        (
            json!([{"variant_title": "A", "grant_min": 1, "grant_max": 2, "currency": "EUR",
                    "funding_type": "loan", "is_primary": true, "notes": "extra", "x": {"y": 1}}]),
            json!([canonical("A", json!(1), json!(2), "EUR", "loan", true)]),
        ),
        (json!({"variant_title": "not a list"}), json!([])),
        (
            json!([{"grant_max": 5}, "text", 3, null, [1], {"variant_title": null}]),
            json!([
                canonical(
                    "Default Variant",
                    Value::Null,
                    json!(5),
                    "GBP",
                    "grant",
                    false
                ),
                canonical(
                    "Default Variant",
                    Value::Null,
                    Value::Null,
                    "GBP",
                    "grant",
                    false
                )
            ]),
        ),
        (json!("legacy"), json!([])),
        (json!([]), json!([])),
    ]
}

fn created() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 4, 5, 6, 7).unwrap()
}

/// Opportunities with every variants shape; four templates on the first (the last an exact
/// twin of the first), one already hashed; and one orphan of each kind.
async fn craft(db: &TestDb, conn: &DatabaseConnection) {
    for (i, (variants, _)) in variant_cases().into_iter().enumerate() {
        funding_opportunity::ActiveModel {
            source_url: Set(format!("https://opportunities.example/{i}")),
            status: Set(OpportunityStatus::Raw),
            variants: Set(variants),
            ..Default::default()
        }
        .insert(conn)
        .await
        .unwrap();
    }
    let templates = [
        (Some("a.docx"), Some("a.pdf"), TemplateStatus::Ready, None),
        (Some("b.docx"), None, TemplateStatus::Pending, None),
        (None, None, TemplateStatus::Failed, None),
        (
            Some("c.docx"),
            None,
            TemplateStatus::Ready,
            Some("already-set"),
        ),
        (Some("a.docx"), Some("a.pdf"), TemplateStatus::Ready, None),
    ];
    for (docx, pdf, status, hash) in templates {
        proposal_template::ActiveModel {
            funding_opportunity_id: Set(1),
            docx_path: Set(docx.map(str::to_owned)),
            pdf_path: Set(pdf.map(str::to_owned)),
            status: Set(status),
            hash: Set(hash.map(str::to_owned)),
            created_at: Set(created().into()),
            updated_at: Set(created().into()),
            ..Default::default()
        }
        .insert(conn)
        .await
        .unwrap();
    }
    let raw = without_foreign_keys(db).await;
    for sql in [
        "INSERT INTO proposal_templates (funding_opportunity_id, docx_path, status) \
         VALUES (9999, 'orphan.docx', 'ready')",
        "INSERT INTO documents (funding_opportunity_id, source, storage_path, sha256, ocr_status) \
         VALUES (9999, 'pdf', 'orphan.pdf', 'aaaa', 'pending')",
        "INSERT INTO documents (funding_opportunity_id, source, storage_path, sha256, ocr_status) \
         VALUES (NULL, 'upload', 'loose.pdf', 'bbbb', 'done')",
        "INSERT INTO ingestion_runs (source_id, items_seen, items_ingested) VALUES (9999, 1, 0)",
    ] {
        raw.execute_unprepared(sql).await.unwrap();
    }
    raw.close().await.unwrap();
}

fn outcome(runs: &[backfill::Run], operation: Operation) -> Outcome {
    let run = runs.iter().find(|r| r.operation == operation).unwrap();
    run.result.as_ref().unwrap().clone()
}

/// What the backfills decide, without timestamps: variants, hashes, sources, survivors.
async fn end_state(conn: &DatabaseConnection) -> String {
    let opportunities = funding_opportunity::Entity::find()
        .order_by_asc(funding_opportunity::Column::Id)
        .all(conn)
        .await
        .unwrap();
    let templates = proposal_template::Entity::find()
        .order_by_asc(proposal_template::Column::Id)
        .all(conn)
        .await
        .unwrap();
    let sources = source::Entity::find()
        .order_by_asc(source::Column::Id)
        .all(conn)
        .await
        .unwrap();
    let mut state = String::new();
    for o in opportunities {
        state += &format!("o{} {}\n", o.id, o.variants);
    }
    for t in templates {
        state += &format!("t{} {} {:?}\n", t.id, t.funding_opportunity_id, t.hash);
    }
    for s in sources {
        state += &format!(
            "s{} {} {:?} {:?} {:?} {}\n",
            s.id, s.provider, s.r#type, s.domain, s.config, s.enabled
        );
    }
    state += &format!(
        "documents {} runs {}\n",
        count(conn, "documents").await,
        count(conn, "ingestion_runs").await
    );
    state
}

async fn each_backfill_does_what_the_schema_says(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    craft(&db, &conn).await;
    let runs = backfill::run(&conn, &Operation::ALL, Options::default()).await;

    let hashes = outcome(&runs, Operation::Hashes);
    assert_eq!((hashes.examined, hashes.changed, hashes.skipped), (5, 4, 1));
    let templates = proposal_template::Entity::find()
        .order_by_asc(proposal_template::Column::Id)
        .all(&conn)
        .await
        .unwrap();
    let stored = |i: usize| templates[i].hash.clone();
    let expected = |docx: Option<&str>, pdf: Option<&str>, status: &str| {
        template_hash(&Template {
            opportunity_id: 1,
            docx_path: docx.map(str::to_owned),
            pdf_path: pdf.map(str::to_owned),
            status: status.to_owned(),
            created_at: created(),
        })
    };
    assert_eq!(
        stored(0),
        Some(expected(Some("a.docx"), Some("a.pdf"), "ready"))
    );
    assert_eq!(stored(1), Some(expected(Some("b.docx"), None, "pending")));
    assert_eq!(stored(2), Some(expected(None, None, "failed")));
    assert_eq!(stored(3).as_deref(), Some("already-set"));
    assert_eq!(stored(4), None, "the twin of the first template is skipped");
    assert!(templates[0].updated_at > created());
    assert_eq!(templates[3].updated_at, created());

    let variants = outcome(&runs, Operation::Variants);
    assert_eq!((variants.examined, variants.changed), (6, 4));
    let opportunities = funding_opportunity::Entity::find()
        .order_by_asc(funding_opportunity::Column::Id)
        .all(&conn)
        .await
        .unwrap();
    for (o, (_, after)) in opportunities.iter().zip(variant_cases()) {
        assert_eq!(o.variants, after, "opportunity {}", o.id);
    }

    assert_eq!(outcome(&runs, Operation::Sources).changed, 3);
    let sources = source::Entity::find().all(&conn).await.unwrap();
    let grants = sources.iter().find(|s| s.provider == "grants.gov").unwrap();
    assert_eq!(
        grants.config,
        Some(json!({"filters": {"status": "open"}, "rate_limit": 100}))
    );
    assert!(sources.iter().all(|s| s.enabled));

    let cleanup = outcome(&runs, Operation::Cleanup);
    assert_eq!(cleanup.changed, 3);
    assert_eq!(count(&conn, "proposal_templates").await, 5);
    assert_eq!(
        count(&conn, "documents").await,
        1,
        "the unattached document stays"
    );
    assert_eq!(count(&conn, "ingestion_runs").await, 0);

    let again = backfill::run(&conn, &Operation::ALL, Options::default()).await;
    for operation in Operation::ALL {
        assert_eq!(outcome(&again, operation).changed, 0, "{operation:?}");
    }
}

async fn a_dry_run_writes_nothing_and_predicts_the_real_run(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    craft(&db, &conn).await;
    let before = snapshot(&conn).await;
    let small = Options {
        batch_size: 2,
        ..Options::default()
    };
    let dry = backfill::run(
        &conn,
        &Operation::ALL,
        Options {
            dry_run: true,
            ..small
        },
    )
    .await;
    assert_eq!(snapshot(&conn).await, before, "the dry run wrote");
    let real = backfill::run(&conn, &Operation::ALL, small).await;
    for operation in Operation::ALL {
        let (d, r) = (outcome(&dry, operation), outcome(&real, operation));
        assert_eq!(
            (d.changed, d.skipped),
            (r.changed, r.skipped),
            "{operation:?}"
        );
    }
    assert_ne!(snapshot(&conn).await, before);
}

async fn an_interrupted_run_resumes_to_the_same_end_state(backend: Backend) {
    let (whole_db, whole) = migrated(backend).await;
    craft(&whole_db, &whole).await;
    let runs = backfill::run(&whole, &Operation::ALL, Options::default()).await;
    assert!(runs.iter().all(|r| r.result.is_ok()));

    let (db, conn) = migrated(backend).await;
    craft(&db, &conn).await;
    let interrupted = Options {
        batch_size: 2,
        max_batches: Some(1),
        ..Options::default()
    };
    let first = backfill::run(&conn, &Operation::ALL, interrupted).await;
    assert!(outcome(&first, Operation::Hashes).stopped_early);
    assert_ne!(end_state(&conn).await, end_state(&whole).await);
    // Restarted by the operator, as a process, with the same small batches.
    let output = run_seed(&db, &["backfill", "all", "--batch-size", "2"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(end_state(&conn).await, end_state(&whole).await);
}

async fn the_backfill_command_prints_a_summary_and_dry_run_says_so(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    craft(&db, &conn).await;
    let before = snapshot(&conn).await;
    let output = run_seed(&db, &["backfill", "all", "--dry-run"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("dry run: nothing was written"), "{stdout}");
    assert!(stdout.contains("would change"), "{stdout}");
    for name in ["hashes", "variants", "sources", "cleanup"] {
        assert!(stdout.lines().any(|l| l.starts_with(name)), "{stdout}");
    }
    assert_eq!(snapshot(&conn).await, before);
}

on_every_backend!(
    each_backfill_does_what_the_schema_says,
    a_dry_run_writes_nothing_and_predicts_the_real_run,
    an_interrupted_run_resumes_to_the_same_end_state,
    the_backfill_command_prints_a_summary_and_dry_run_says_so,
);

/// Every template's stored hash, and the hash its own row calls for.
async fn hashes_and_expected(conn: &DatabaseConnection) -> Vec<(Option<String>, String)> {
    proposal_template::Entity::find()
        .order_by_asc(proposal_template::Column::Id)
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|t| {
            let status = match t.status {
                TemplateStatus::Ready => "ready",
                TemplateStatus::Failed => "failed",
                TemplateStatus::Pending => "pending",
            };
            let expected = template_hash(&Template {
                opportunity_id: t.funding_opportunity_id,
                docx_path: t.docx_path.clone(),
                pdf_path: t.pdf_path.clone(),
                status: status.to_owned(),
                created_at: t.created_at.into(),
            });
            (t.hash, expected)
        })
        .collect()
}

async fn a_killed_backfill_resumes_to_the_complete_end_state(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    crate::support::seed_ok(&db, &[]);
    crate::support::seed_ok(&db, &["synthetic", "--scale", "3000"]);
    let mut child =
        crate::support::seed_command(&db, &["backfill", "hashes", "--batch-size", "10"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
    let hashed = || async {
        let sql = "SELECT COUNT(*) FROM proposal_templates WHERE hash IS NOT NULL";
        let row = conn
            .query_one_raw(sea_orm::Statement::from_string(db.db_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<i64>(0).unwrap()
    };
    // Kill it once some batches are committed.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while hashed().await == 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // A COMMIT the process sent before dying may still land: wait until the count settles.
    let mut partial = hashed().await;
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let now = hashed().await;
        if now == partial {
            break;
        }
        partial = now;
    }
    assert!(
        partial > 0 && partial < 3000,
        "killed after {partial} of 3000"
    );

    let output = run_seed(&db, &["backfill", "hashes", "--batch-size", "10"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().find(|l| l.starts_with("hashes")).unwrap();
    let changed: u64 = line.split_whitespace().nth(2).unwrap().parse().unwrap();
    assert_eq!(changed, 3000 - partial as u64, "{stdout}");
    for (stored, expected) in hashes_and_expected(&conn).await {
        assert_eq!(stored.as_deref(), Some(expected.as_str()));
    }
}

on_every_backend!(a_killed_backfill_resumes_to_the_complete_end_state);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backfill_leaves_its_counts_in_a_prometheus_textfile() {
    let (db, conn) = migrated(Backend::Sqlite).await;
    craft(&db, &conn).await;
    let dir = std::env::temp_dir().join(format!("lexbase-textfile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("backfill.prom");
    let reporting = backfill::Reporting {
        metrics_file: Some(file.clone()),
    };
    let runs =
        backfill::run_reporting(&conn, &Operation::ALL, Options::default(), &reporting).await;
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let hashes = outcome(&runs, Operation::Hashes);
    let line =
        |name: &str| format!("lexbase_backfill_{name}{{operation=\"hashes\",dry_run=\"false\"}}");
    let value = |name: &str| -> u64 {
        let series = line(name);
        text.lines()
            .find_map(|l| l.strip_prefix(&series))
            .unwrap_or_else(|| panic!("{series} missing from\n{text}"))
            .trim()
            .parse()
            .unwrap()
    };
    assert_eq!(value("rows_examined"), hashes.examined);
    assert_eq!(value("rows_changed"), hashes.changed);
    assert_eq!(value("rows_skipped"), hashes.skipped);
    assert_eq!(value("success"), 1);
    for operation in Operation::ALL {
        assert!(
            text.contains(&format!("operation=\"{}\"", operation.name())),
            "{text}"
        );
    }
}
