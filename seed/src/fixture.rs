//! The development fixture (upstream's seed script): two lawyers, two clients, one case, one
//! property opinion.
//!
//! Idempotent by natural key. Users go through [`crate::users`] (the service layer), skipped
//! when their address is registered. Clients, cases and property opinions have no unique
//! index: each table gets one `INSERT ... SELECT ... WHERE NOT EXISTS` while the seed lock is
//! held.

use crate::db::{build_error, literal_rows};
use crate::error::Result;
use crate::lock::Locked;
use crate::report::{Report, Tally};
use entity::legal::{case, client, property_opinion, user};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait, Value};

/// A fixture client: (lawyer email, name, contact, address).
pub const CLIENTS: [(&str, &str, &str, &str); 2] = [
    (
        "amit.sharma@legalindia.ai",
        "Tech Solutions Pvt Ltd",
        "+91-9876543210",
        "Mumbai, Maharashtra",
    ),
    (
        "priya.patel@legalindia.ai",
        "Green Properties LLC",
        "+91-9876543211",
        "Delhi, NCR",
    ),
];

/// A fixture case: (lawyer email, client name, title, status, description).
pub const CASES: [(&str, &str, &str, &str, &str); 1] = [(
    "amit.sharma@legalindia.ai",
    "Tech Solutions Pvt Ltd",
    "Contract Dispute Resolution",
    "active",
    "Dispute over service level agreement breach",
)];

/// A fixture property opinion: (lawyer email, client name, document URL, status, notes).
pub const PROPERTY_OPINIONS: [(&str, &str, &str, &str, &str); 1] = [(
    "priya.patel@legalindia.ai",
    "Green Properties LLC",
    "https://storage.example.com/docs/prop_123.pdf",
    "pending",
    "Initial review requested for land title verification",
)];

/// Seeds everything plain `seed` seeds, in one transaction under the seed lock: the
/// fixture, the default sources and the shipped compliance sample.
///
/// `default_password` is given to every user created; without it each gets a generated one,
/// reported once in a `Created user:` line.
///
/// # Errors
/// A failing statement, or the service refusing a user; nothing is committed then.
pub async fn seed_all(db: &DatabaseConnection, default_password: Option<&str>) -> Result<Report> {
    let sample = crate::compliance::sample()?;
    let locked = Locked::begin(db).await?;
    let mut report = insert(locked.txn(), default_password).await?;
    report
        .tallies
        .push(crate::sources::insert_if_empty(locked.txn()).await?);
    report.extend(
        crate::compliance::store(
            locked.txn(),
            &sample,
            crate::compliance::Mode::InsertMissing,
        )
        .await?,
    );
    locked.commit().await?;
    Ok(report)
}

/// Inserts the fixture on a connection holding the seed lock: the users that are missing
/// (through the service; only they cost a password hash), then clients, cases and property
/// opinions.
///
/// # Errors
/// A failing statement, or the service refusing a user.
pub async fn insert<C>(txn: &C, default_password: Option<&str>) -> Result<Report>
where
    C: ConnectionTrait + TransactionTrait,
{
    let mut report = Report::default();
    let (lines, users) = crate::users::insert_fixture_users(txn, default_password).await?;
    report.lines.extend(lines);
    report.tallies.push(users);
    report.tallies.push(insert_clients(txn).await?);
    report.tallies.push(insert_cases(txn).await?);
    report.tallies.push(insert_property_opinions(txn).await?);
    Ok(report)
}

/// `FROM users u JOIN clients c ON c.lawyer_id = u.id JOIN (<rows>) v ON u.email = v.email
/// AND c.name = v.client`: each fixture row with the id of its client (of its lawyer).
fn with_client(rows: SelectStatement) -> SelectStatement {
    Query::select()
        .column(("c", client::Column::Id))
        .from_as(user::Entity, "u")
        .join_as(
            sea_orm::JoinType::InnerJoin,
            client::Entity,
            "c",
            Expr::col(("c", client::Column::LawyerId)).equals(("u", user::Column::Id)),
        )
        .join_subquery(
            sea_orm::JoinType::InnerJoin,
            rows,
            "v",
            Expr::col(("u", user::Column::Email))
                .equals(("v", "email"))
                .and(Expr::col(("c", client::Column::Name)).equals(("v", "client"))),
        )
        .to_owned()
}

async fn insert_clients(txn: &impl ConnectionTrait) -> Result<Tally> {
    let rows = literal_rows(
        &["email", "name", "contact", "address"],
        CLIENTS.iter().map(|&(email, name, contact, address)| {
            vec![email.into(), name.into(), contact.into(), address.into()]
        }),
    )?;
    let select = Query::select()
        .column(("u", user::Column::Id))
        .columns([("v", "name"), ("v", "contact"), ("v", "address")])
        .from_as(user::Entity, "u")
        .join_subquery(
            sea_orm::JoinType::InnerJoin,
            rows,
            "v",
            Expr::col(("u", user::Column::Email)).equals(("v", "email")),
        )
        .and_where(Expr::not_exists(
            Query::select()
                .expr(Expr::val(1))
                .from_as(client::Entity, "k")
                .and_where(
                    Expr::col(("k", client::Column::LawyerId)).equals(("u", user::Column::Id)),
                )
                .and_where(Expr::col(("k", client::Column::Name)).equals(("v", "name")))
                .to_owned(),
        ))
        .to_owned();
    let insert = Query::insert()
        .into_table(client::Entity)
        .columns([
            client::Column::LawyerId,
            client::Column::Name,
            client::Column::Contact,
            client::Column::Address,
        ])
        .select_from(select)
        .map_err(build_error)?
        .to_owned();
    tally(txn, "clients", CLIENTS.len(), insert).await
}

async fn insert_cases(txn: &impl ConnectionTrait) -> Result<Tally> {
    let rows = literal_rows(
        &["email", "client", "title", "status", "description"],
        CASES
            .iter()
            .map(|&(email, client, title, status, description)| {
                let row: Vec<Value> = vec![
                    email.into(),
                    client.into(),
                    title.into(),
                    status.into(),
                    description.into(),
                ];
                row
            }),
    )?;
    let select = with_client(rows)
        .columns([("v", "title"), ("v", "status"), ("v", "description")])
        .and_where(Expr::not_exists(
            Query::select()
                .expr(Expr::val(1))
                .from_as(case::Entity, "k")
                .and_where(
                    Expr::col(("k", case::Column::ClientId)).equals(("c", client::Column::Id)),
                )
                .and_where(Expr::col(("k", case::Column::Title)).equals(("v", "title")))
                .to_owned(),
        ))
        .to_owned();
    let insert = Query::insert()
        .into_table(case::Entity)
        .columns([
            case::Column::ClientId,
            case::Column::Title,
            case::Column::Status,
            case::Column::Description,
        ])
        .select_from(select)
        .map_err(build_error)?
        .to_owned();
    tally(txn, "cases", CASES.len(), insert).await
}

async fn insert_property_opinions(txn: &impl ConnectionTrait) -> Result<Tally> {
    let rows = literal_rows(
        &["email", "client", "document_url", "status", "notes"],
        PROPERTY_OPINIONS
            .iter()
            .map(|&(email, client, url, status, notes)| {
                let row: Vec<Value> = vec![
                    email.into(),
                    client.into(),
                    url.into(),
                    status.into(),
                    notes.into(),
                ];
                row
            }),
    )?;
    let select = with_client(rows)
        .columns([("v", "document_url"), ("v", "status"), ("v", "notes")])
        .and_where(Expr::not_exists(
            Query::select()
                .expr(Expr::val(1))
                .from_as(property_opinion::Entity, "k")
                .and_where(
                    Expr::col(("k", property_opinion::Column::ClientId))
                        .equals(("c", client::Column::Id)),
                )
                .and_where(
                    Expr::col(("k", property_opinion::Column::DocumentUrl))
                        .equals(("v", "document_url")),
                )
                .to_owned(),
        ))
        .to_owned();
    let insert = Query::insert()
        .into_table(property_opinion::Entity)
        .columns([
            property_opinion::Column::ClientId,
            property_opinion::Column::DocumentUrl,
            property_opinion::Column::Status,
            property_opinion::Column::Notes,
        ])
        .select_from(select)
        .map_err(build_error)?
        .to_owned();
    tally(txn, "property_opinions", PROPERTY_OPINIONS.len(), insert).await
}

async fn tally(
    txn: &impl ConnectionTrait,
    table: &'static str,
    expected: usize,
    insert: sea_orm::sea_query::InsertStatement,
) -> Result<Tally> {
    let created = txn.execute(&insert).await?.rows_affected();
    Ok(Tally {
        table,
        created,
        updated: 0,
        present: (expected as u64).saturating_sub(created),
    })
}
