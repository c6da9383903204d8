//! SQLite's pragmas, completed by the table's own `CREATE TABLE` text ([`super::sqlite_ddl`]).

use super::sqlite_ddl;
use super::{opt_text, query, text, varchar};
use crate::schema::{
    Check, Column, ForeignKey, Index, Kind, OnDelete, Table, default, normalise_predicate,
};
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::BTreeMap;

pub(super) async fn table(db: &impl ConnectionTrait, table: &str) -> Result<Table, DbErr> {
    let mut shape = Table::default();
    let create = query(
        db,
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
        vec![table.into()],
    )
    .await?
    .first()
    .map(|row| text(row, 0))
    .transpose()?
    .unwrap_or_default();
    let extras = sqlite_ddl::extras(&create);
    let columns = query(
        db,
        "SELECT name, type, CAST(\"notnull\" AS TEXT), CAST(pk AS TEXT), dflt_value \
         FROM pragma_table_info(?) ORDER BY cid",
        vec![table.into()],
    )
    .await?;
    let mut primary: Vec<(u32, String)> = Vec::new();
    for row in &columns {
        let name = text(row, 0)?;
        let declared = text(row, 1)?.to_ascii_lowercase();
        let mut kind = sqlite_kind(&declared);
        if let Kind::Enum { values, .. } = &mut kind
            && let Some((_, allowed)) = extras.enum_checks.iter().find(|(c, _)| *c == name)
        {
            values.clone_from(allowed);
        }
        let pk: u32 = text(row, 3)?.parse().unwrap_or(0);
        if pk > 0 {
            primary.push((pk, name.clone()));
        }
        let mut column = Column::new(kind);
        column.nullable = text(row, 2)? == "0" && pk == 0;
        column.default = opt_text(row, 4)?.and_then(|raw| default::normalise(&column.kind, &raw));
        shape.columns.insert(name, column);
    }
    primary.sort();
    shape.primary_key = primary.into_iter().map(|(_, name)| name).collect();
    // A single INTEGER primary key is the rowid: filled in by SQLite, AUTOINCREMENT or not.
    if let [only] = shape.primary_key.as_slice()
        && let Some(column) = shape.columns.get_mut(only)
        && column.kind == Kind::Integer
    {
        column.auto_increment = true;
    }
    for (name, clause) in &extras.checks {
        shape.checks.insert(Check {
            name: name.clone(),
            clause: clause.clone(),
        });
    }
    read_indexes(db, table, &mut shape).await?;
    read_foreign_keys(db, table, &extras, &mut shape).await?;
    Ok(shape)
}

async fn read_indexes(
    db: &impl ConnectionTrait,
    table: &str,
    shape: &mut Table,
) -> Result<(), DbErr> {
    let indexes = query(
        db,
        "SELECT l.name, CAST(l.\"unique\" AS TEXT), l.origin, m.sql \
         FROM pragma_index_list(?) l LEFT JOIN sqlite_master m \
           ON m.type = 'index' AND m.name = l.name \
         WHERE l.origin <> 'pk'",
        vec![table.into()],
    )
    .await?;
    for row in &indexes {
        let name = text(row, 0)?;
        let parts = query(
            db,
            "SELECT name FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
            vec![name.clone().into()],
        )
        .await?;
        let columns: Vec<String> = parts
            .iter()
            .map(|part| opt_text(part, 0))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        let sql = opt_text(row, 3)?;
        let mut index = Index::new(name, &[]);
        index.expression = columns.len() < parts.len();
        index.columns = columns;
        index.unique = text(row, 1)? == "1";
        index.constraint = text(row, 2)? == "u";
        index.predicate = sql
            .as_deref()
            .and_then(sqlite_ddl::index_predicate)
            .map(|p| normalise_predicate(&p));
        if index.expression {
            index.definition = sql;
        }
        shape.indexes.insert(index);
    }
    Ok(())
}

async fn read_foreign_keys(
    db: &impl ConnectionTrait,
    table: &str,
    extras: &sqlite_ddl::Extras,
    shape: &mut Table,
) -> Result<(), DbErr> {
    let keys = query(
        db,
        "SELECT CAST(id AS TEXT), \"table\", \"from\", \"to\", on_delete \
         FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        vec![table.into()],
    )
    .await?;
    let mut grouped: BTreeMap<String, ForeignKey> = BTreeMap::new();
    for row in &keys {
        let key = grouped.entry(text(row, 0)?).or_insert_with(|| ForeignKey {
            name: None,
            columns: Vec::new(),
            target: String::new(),
            target_columns: Vec::new(),
            on_delete: OnDelete::NoAction,
        });
        key.target = text(row, 1)?;
        key.columns.push(text(row, 2)?);
        key.target_columns.push(text(row, 3)?);
        key.on_delete = OnDelete::parse(&text(row, 4)?);
    }
    for mut key in grouped.into_values() {
        key.name = extras
            .foreign_key_names
            .iter()
            .find(|(_, columns)| *columns == key.columns)
            .map(|(name, _)| name.clone());
        shape.foreign_keys.insert(key);
    }
    Ok(())
}

/// Maps a SQLite declared type (as sea-query writes it) to a [`Kind`].
fn sqlite_kind(declared: &str) -> Kind {
    if let Some(length) = declared
        .strip_prefix("varchar(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        return varchar(Some(length.to_owned()));
    }
    match declared {
        "integer" | "int" => Kind::Integer,
        "bigint" => Kind::BigInteger,
        "text" => Kind::Text,
        "double" | "real" | "float" => Kind::Double,
        "boolean" => Kind::Boolean,
        // SQLAlchemy (upstream's Alembic) writes DATETIME on SQLite for timezone-aware
        // columns too, and SQLite stores both as text: read it as the tz-aware kind every
        // lexbase timestamp has, so an adopted upstream database compares equal.
        "timestamp_with_timezone_text" | "datetime" => Kind::TimestampTz,
        "timestamp_text" | "datetime_text" => Kind::Timestamp,
        "json_text" | "json" => Kind::Json,
        "jsonb_text" => Kind::JsonBinary,
        "enum_text" => Kind::Enum {
            name: None,
            values: Vec::new(),
        },
        other => Kind::Other(other.to_owned()),
    }
}
