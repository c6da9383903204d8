//! `stamp --from-alembic` adopts a database that lindia-db's Alembic history built.
//!
//! The upstream DDL below is what Alembic emits for revision `04bd3fd5e6c2` (seeds/000:
//! seven tables, indexes `ix_users_email` UNIQUE, `ix_cases_status`,
//! `ix_junior_logs_timestamp`; constraints declared SQLAlchemy's way: trailing
//! `PRIMARY KEY (id)`, foreign keys unnamed where SQLAlchemy leaves them unnamed), with the
//! column types SCHEMA.md settles on (timezone-aware timestamps, a double `cost`). On
//! MariaDB the foreign keys carry the names the port's migrations give them, as an Alembic
//! naming convention would: MariaDB drops foreign keys by name, so adoption checks them.

use crate::support::{count, current, exec, fails, fresh, head, migration, scalar, succeeds};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::DatabaseConnection;

const UPSTREAM: &str = "
CREATE TABLE users (
    ID,
    name VARCHAR(255) NOT NULL,
    email VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(50) NOT NULL,
    created_at TS DEFAULT NOW NOT NULL,
    PRIMARY KEY (id)
) OPTIONS;
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE TABLE clients (
    ID,
    lawyer_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    contact VARCHAR(255),
    address VARCHAR(500),
    created_at TS DEFAULT NOW NOT NULL,
    PRIMARY KEY (id),
    FK(clients_lawyer_id) FOREIGN KEY(lawyer_id) REFERENCES users (id)
) OPTIONS;
CREATE TABLE cases (
    ID,
    client_id INTEGER NOT NULL,
    title VARCHAR(500) NOT NULL,
    status VARCHAR(100) NOT NULL,
    description TEXT,
    created_at TS DEFAULT NOW NOT NULL,
    updated_at TS_NULL,
    PRIMARY KEY (id),
    FK(cases_client_id) FOREIGN KEY(client_id) REFERENCES clients (id)
) OPTIONS;
CREATE INDEX ix_cases_status ON cases (status);
CREATE TABLE property_opinions (
    ID,
    client_id INTEGER NOT NULL,
    document_url VARCHAR(1000),
    status VARCHAR(100) NOT NULL,
    notes TEXT,
    created_at TS DEFAULT NOW NOT NULL,
    PRIMARY KEY (id),
    FK(property_opinions_client_id) FOREIGN KEY(client_id) REFERENCES clients (id)
) OPTIONS;
CREATE TABLE research_queries (
    ID,
    lawyer_id INTEGER NOT NULL,
    query_text TEXT NOT NULL,
    response_text TEXT,
    Q(timestamp) TS DEFAULT NOW NOT NULL,
    PRIMARY KEY (id),
    FK(research_queries_lawyer_id) FOREIGN KEY(lawyer_id) REFERENCES users (id)
) OPTIONS;
CREATE TABLE junior_logs (
    ID,
    lawyer_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    context TEXT,
    response TEXT,
    Q(timestamp) TS DEFAULT NOW NOT NULL,
    PRIMARY KEY (id),
    FK(junior_logs_lawyer_id) FOREIGN KEY(lawyer_id) REFERENCES users (id)
) OPTIONS;
CREATE INDEX ix_junior_logs_timestamp ON junior_logs (Q(timestamp));
CREATE TABLE inference_logs (
    ID,
    query_id INTEGER NOT NULL,
    model_used VARCHAR(255),
    tokens INTEGER,
    cost DOUBLE,
    response_hash VARCHAR(255),
    Q(timestamp) TS DEFAULT NOW NOT NULL,
    PRIMARY KEY (id),
    FK(inference_logs_query_id) FOREIGN KEY(query_id) REFERENCES research_queries (id)
) OPTIONS;
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('04bd3fd5e6c2');
INSERT INTO users (name, email, password_hash, role) VALUES
    ('Amit Sharma', 'amit.sharma@legalindia.ai', 'hash-1', 'lawyer'),
    ('Priya Patel', 'priya.patel@legalindia.ai', 'hash-2', 'lawyer');
INSERT INTO clients (lawyer_id, name, contact, address) VALUES
    (1, 'Tech Solutions Pvt Ltd', '+91-9876543210', 'Mumbai, Maharashtra'),
    (2, 'Green Properties LLC', '+91-9876543211', 'Delhi, NCR');
INSERT INTO cases (client_id, title, status, description) VALUES
    (1, 'Contract Dispute Resolution', 'active', 'Dispute over service level agreement breach');
INSERT INTO property_opinions (client_id, document_url, status, notes) VALUES
    (2, 'https://storage.example.com/docs/prop_123.pdf', 'pending',
     'Initial review requested for land title verification')
";

/// The upstream script spelled for `backend`.
fn upstream(backend: Backend) -> Vec<String> {
    let (id, ts, ts_null, now, double, options) = match backend {
        Backend::Postgres => (
            "id SERIAL NOT NULL",
            "TIMESTAMP WITH TIME ZONE",
            "TIMESTAMP WITH TIME ZONE",
            "now()",
            "DOUBLE PRECISION",
            "",
        ),
        Backend::MySql => (
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "TIMESTAMP",
            "TIMESTAMP NULL",
            "CURRENT_TIMESTAMP",
            "DOUBLE",
            "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        ),
        Backend::Sqlite => (
            "id INTEGER NOT NULL",
            "DATETIME",
            "DATETIME",
            "(CURRENT_TIMESTAMP)",
            "FLOAT",
            "",
        ),
    };
    let mut text = UPSTREAM
        .replace("TS_NULL", ts_null)
        .replace("ID,", &format!("{id},"))
        .replace("DEFAULT NOW", &format!("DEFAULT {now}"))
        .replace(" TS ", &format!(" {ts} "))
        .replace("DOUBLE,", &format!("{double},"))
        .replace("OPTIONS", options);
    let quote = if backend == Backend::MySql { '`' } else { '"' };
    text = text.replace("Q(timestamp)", &format!("{quote}timestamp{quote}"));
    while let Some(start) = text.find("FK(") {
        let end = start + text[start..].find(')').unwrap();
        let name = &text[start + 3..end];
        let named = if backend == Backend::MySql {
            format!("CONSTRAINT fk_{name}")
        } else {
            String::new()
        };
        text.replace_range(start..=end, &named);
    }
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn build_upstream(
    conn: &DatabaseConnection,
    backend: Backend,
    edit: impl Fn(String) -> String,
) {
    for statement in upstream(backend) {
        exec(conn, &edit(statement)).await;
    }
}

async fn an_upstream_lindia_database_is_adopted_and_brought_to_head(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    build_upstream(&conn, backend, |s| s).await;

    let adopted = succeeds(&db.url, &["stamp", "--from-alembic"]);
    assert!(
        adopted.contains("as m20251016_132455_create_legal_tables;"),
        "{adopted}"
    );
    assert_eq!(current(&db.url), "m20251016_132455_create_legal_tables");
    succeeds(&db.url, &["verify"]);

    let upgraded = succeeds(&db.url, &["up"]);
    assert!(
        !upgraded.contains("-> m20251016_132455_create_legal_tables,"),
        "the adopted migration ran again:\n{upgraded}"
    );
    assert_eq!(current(&db.url), format!("{} (head)", head()));
    assert_eq!(count(&conn, "users").await, 2);
    assert_eq!(count(&conn, "clients").await, 2);
    assert_eq!(count(&conn, "cases").await, 1);
    assert_eq!(count(&conn, "property_opinions").await, 1);
    assert_eq!(
        scalar(&conn, "SELECT email FROM users WHERE id = 2")
            .await
            .as_deref(),
        Some("priya.patel@legalindia.ai")
    );
    assert_eq!(
        scalar(&conn, "SELECT address FROM clients WHERE id = 1")
            .await
            .as_deref(),
        Some("Mumbai, Maharashtra")
    );
    assert_eq!(succeeds(&db.url, &["check"]).trim(), "No differences.");
    assert_eq!(
        scalar(&conn, "SELECT version_num FROM alembic_version")
            .await
            .as_deref(),
        Some("04bd3fd5e6c2"),
        "alembic_version is left alone"
    );
}

async fn a_database_whose_tables_cannot_become_lexbases_is_not_adopted(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    // Upstream, but users.name as unbounded text (narrowing it could cut values) and no
    // inference_logs.tokens (which the migration creates).
    build_upstream(&conn, backend, |s| {
        s.replace(
            "name VARCHAR(255) NOT NULL,\n    email",
            "name TEXT NOT NULL,\n    email",
        )
        .replace("    tokens INTEGER,\n", "")
    })
    .await;

    let stderr = fails(&db.url, &["stamp", "--from-alembic"], 1);
    assert!(
        stderr.contains("refusing to adopt 04bd3fd5e6c2"),
        "{stderr}"
    );
    assert!(
        stderr.contains("column users.name: text cannot become varchar(255)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("column inference_logs.tokens: missing"),
        "{stderr}"
    );
    assert_eq!(current(&db.url), "", "nothing was recorded");
    let status = migration(Some(&db.url), &["status"]);
    assert!(status.status.success());
}

on_every_backend!(
    an_upstream_lindia_database_is_adopted_and_brought_to_head,
    a_database_whose_tables_cannot_become_lexbases_is_not_adopted,
);
