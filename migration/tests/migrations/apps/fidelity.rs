//! The fixtures say what UPSTREAM.md says, on each backend: the names SQLAlchemy and the
//! database give unnamed keys, the nullable timestamps, the shapes adoption must reconcile.
//! A fixture that drifted towards lexbase's schema would make the adoption tests easy.

use super::flow::built;
use crate::support::count;
use migration::on_every_backend;
use migration::schema::{Index, Snapshot, live};
use migration::testing::Backend;

async fn snapshot(file: &str, backend: Backend) -> Snapshot {
    let (_db, conn) = built(file, backend).await;
    live::snapshot(&conn).await.unwrap()
}

fn index<'a>(
    snapshot: &'a Snapshot,
    table: &str,
    columns: &[&str],
    unique: bool,
) -> Vec<&'a Index> {
    snapshot.tables[table]
        .indexes
        .iter()
        .filter(|i| i.columns == columns && i.unique == unique && !i.implicit)
        .collect()
}

async fn lindia_carries_a_unique_constraint_beside_ix_users_email_and_nullable_timestamps(
    backend: Backend,
) {
    let lindia = snapshot("lindia_alembic.sql", backend).await;
    let unique: Vec<&str> = index(&lindia, "users", &["email"], true)
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    let (constraint, foreign_key) = match backend {
        Backend::Postgres => ("users_email_key", Some("clients_lawyer_id_fkey")),
        Backend::MySql => ("email", Some("clients_ibfk_1")),
        Backend::Sqlite => ("sqlite_autoindex_users_1", None),
    };
    assert_eq!(unique, [constraint]);
    let plain = index(&lindia, "users", &["email"], false);
    assert_eq!(plain.len(), 1);
    assert_eq!(plain[0].name, "ix_users_email");
    for (table, column) in [("users", "created_at"), ("junior_logs", "timestamp")] {
        let column = &lindia.tables[table].columns[column];
        assert!(
            column.nullable && column.default.is_some(),
            "{table}: {column:?}"
        );
    }
    let clients = &lindia.tables["clients"].foreign_keys;
    assert_eq!(clients.len(), 1);
    let name = clients.first().unwrap().name.as_deref();
    if backend == Backend::Sqlite {
        assert!(name.is_none(), "{name:?}");
    } else {
        assert_eq!(name, foreign_key);
    }
    // On MariaDB InnoDB indexed every foreign key itself; 4d6abf4eecda's indexes replaced
    // three of those, the others stay (named after their column).
    let on = |table: &str, column: &str| -> Vec<String> {
        lindia.tables[table]
            .indexes
            .iter()
            .filter(|i| i.columns == [column])
            .map(|i| i.name.clone())
            .collect()
    };
    assert_eq!(on("clients", "lawyer_id"), ["ix_clients_lawyer_id"]);
    assert_eq!(on("cases", "client_id"), ["ix_cases_client_id"]);
    for (table, column) in [
        ("junior_logs", "lawyer_id"),
        ("research_queries", "lawyer_id"),
        ("property_opinions", "client_id"),
    ] {
        let expected: &[&str] = if backend == Backend::MySql {
            &[column]
        } else {
            &[]
        };
        assert_eq!(on(table, column), expected, "{table}");
    }
    let fts = lindia.tables["research_queries"]
        .indexes
        .iter()
        .any(|i| i.expression);
    assert_eq!(fts, backend == Backend::Postgres);
}

async fn the_auditor_has_its_real_column_counts_and_no_defaults_or_foreign_keys(backend: Backend) {
    let auditor = snapshot("auditor_create_all.sql", backend).await;
    for (table, columns) in [
        ("verification_log", 23),
        ("embedding_cache", 8),
        ("source_fingerprints", 9),
    ] {
        let table = &auditor.tables[table];
        assert_eq!(table.columns.len(), columns);
        assert!(table.foreign_keys.is_empty());
        assert!(table.columns.values().all(|c| c.default.is_none()));
    }
    assert_eq!(
        index(&auditor, "verification_log", &["verification_id"], true)[0].name,
        "ix_verification_log_verification_id"
    );
}

async fn cortap_has_its_real_row_counts_and_its_composite_key_only_from_create_all(
    backend: Backend,
) {
    let key = ["section_id", "question_code"];
    let stuck = snapshot("cortap_stuck.sql", backend).await;
    assert!(index(&stuck, "compliance_questions", &key, true).is_empty());
    assert!(stuck.tables.contains_key("indicators_of_compliance"));
    let models = snapshot("cortap_create_all.sql", backend).await;
    let found = index(&models, "compliance_questions", &key, true);
    if backend == Backend::Sqlite {
        assert_eq!(found[0].name, "sqlite_autoindex_compliance_questions_1");
    } else {
        assert_eq!(found[0].name, "uq_section_question_code");
    }
    assert!(!models.tables.contains_key("indicators_of_compliance"));
    for file in ["cortap_stuck.sql", "cortap_create_all.sql"] {
        let (_db, conn) = built(file, backend).await;
        for (table, rows) in [
            ("compliance_sections", 23),
            ("compliance_questions", 160),
            ("compliance_indicators", 493),
            ("compliance_deficiencies", 338),
        ] {
            assert_eq!(count(&conn, table).await, rows, "{file}: {table}");
        }
    }
    for snapshot in [&stuck, &models] {
        let indicators = &snapshot.tables["compliance_indicators"];
        assert!(indicators.columns["created_at"].nullable);
        assert!(snapshot.tables.contains_key("historical_assessments"));
    }
}

/// PostgreSQL only: the app cannot build this database anywhere else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reqagent_on_postgres_has_native_enums_unique_ix_indexes_and_no_template_key() {
    let reqagent = snapshot("reqagent_create_all.sql", Backend::Postgres).await;
    assert_eq!(reqagent.enum_types.len(), 5, "{:?}", reqagent.enum_types);
    assert_eq!(
        index(&reqagent, "documents", &["sha256"], true)[0].name,
        "ix_documents_sha256"
    );
    let templates = &reqagent.tables["proposal_templates"];
    assert!(templates.indexes.iter().all(|i| !i.unique));
    for table in [
        "funding_opportunities",
        "documents",
        "sources",
        "ingestion_runs",
    ] {
        assert_eq!(
            index(&reqagent, table, &["id"], false)[0].name,
            format!("ix_{table}_id")
        );
    }
}

on_every_backend!(
    lindia_carries_a_unique_constraint_beside_ix_users_email_and_nullable_timestamps,
    the_auditor_has_its_real_column_counts_and_no_defaults_or_foreign_keys,
    cortap_has_its_real_row_counts_and_its_composite_key_only_from_create_all,
);
