//! PostgreSQL's catalogs (`information_schema`, `pg_index`, `pg_constraint`, `pg_enum`).

use super::{opt_text, query, split_list, text, varchar};
use crate::schema::{
    Check, Column, ForeignKey, Index, Kind, OnDelete, Table, default, normalise_predicate,
};
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::BTreeMap;

pub(super) async fn enums(
    db: &impl ConnectionTrait,
) -> Result<BTreeMap<String, Vec<String>>, DbErr> {
    let rows = query(
        db,
        "SELECT t.typname::text, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) \
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid \
         JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE n.nspname = current_schema() GROUP BY t.typname",
        Vec::new(),
    )
    .await?;
    rows.iter()
        .map(|row| Ok((text(row, 0)?, split_list(&text(row, 1)?))))
        .collect()
}

pub(super) async fn table(
    db: &impl ConnectionTrait,
    table: &str,
    enums: &BTreeMap<String, Vec<String>>,
) -> Result<Table, DbErr> {
    let mut shape = Table::default();
    let columns = query(
        db,
        "SELECT column_name::text, data_type::text, udt_name::text, \
         character_maximum_length::text, is_nullable::text, column_default::text, \
         is_identity::text \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        vec![table.into()],
    )
    .await?;
    for row in &columns {
        let data_type = text(row, 1)?;
        let udt = text(row, 2)?;
        let kind = match data_type.as_str() {
            "integer" => Kind::Integer,
            "bigint" => Kind::BigInteger,
            "character varying" => varchar(opt_text(row, 3)?),
            "text" => Kind::Text,
            "double precision" => Kind::Double,
            "boolean" => Kind::Boolean,
            "timestamp with time zone" => Kind::TimestampTz,
            "timestamp without time zone" => Kind::Timestamp,
            "json" => Kind::Json,
            "jsonb" => Kind::JsonBinary,
            "USER-DEFINED" if enums.contains_key(&udt) => Kind::Enum {
                values: enums.get(&udt).cloned().unwrap_or_default(),
                name: Some(udt),
            },
            _ => Kind::Other(udt),
        };
        let raw_default = opt_text(row, 5)?.unwrap_or_default();
        let serial = raw_default.starts_with("nextval(");
        let mut column = Column::new(kind);
        column.nullable = text(row, 4)? == "YES";
        column.auto_increment = serial || text(row, 6)? == "YES";
        if !serial {
            column.default = default::normalise(&column.kind, &raw_default);
        }
        shape.columns.insert(text(row, 0)?, column);
    }
    let indexes = query(
        db,
        "SELECT i.relname::text, ix.indisunique::text, ix.indisprimary::text, \
         pg_get_expr(ix.indpred, ix.indrelid)::text, (ix.indexprs IS NOT NULL)::text, \
         (SELECT string_agg(a.attname, ',' ORDER BY k.ord) \
            FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum), \
         EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid \
                 AND c.contype = 'u')::text, \
         pg_get_indexdef(ix.indexrelid)::text, n.nspname::text \
         FROM pg_index ix \
         JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = current_schema() AND t.relname = $1 ORDER BY 1",
        vec![table.into()],
    )
    .await?;
    for row in &indexes {
        let columns = split_list(&text(row, 5)?);
        if text(row, 2)? == "true" {
            shape.primary_key = columns;
            continue;
        }
        let expression = text(row, 4)? == "true";
        let schema = text(row, 8)?;
        let mut index = Index::new(text(row, 0)?, &[]);
        index.columns = columns;
        index.unique = text(row, 1)? == "true";
        index.predicate = opt_text(row, 3)?.map(|p| normalise_predicate(&p));
        index.expression = expression;
        index.constraint = text(row, 6)? == "true";
        // Only an expression index needs its text; unqualified, so it replays anywhere.
        index.definition = expression.then(|| {
            text(row, 7)
                .unwrap_or_default()
                .replace(&format!(" ON {schema}."), " ON ")
        });
        shape.indexes.insert(index);
    }
    let keys = query(
        db,
        "SELECT c.conname::text, dst.relname::text, c.confdeltype::text, \
         (SELECT string_agg(a.attname, ',' ORDER BY k.ord) \
            FROM unnest(c.conkey) WITH ORDINALITY AS k(n, ord) \
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n), \
         (SELECT string_agg(a.attname, ',' ORDER BY k.ord) \
            FROM unnest(c.confkey) WITH ORDINALITY AS k(n, ord) \
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) \
         FROM pg_constraint c \
         JOIN pg_class src ON src.oid = c.conrelid \
         JOIN pg_class dst ON dst.oid = c.confrelid \
         JOIN pg_namespace n ON n.oid = src.relnamespace \
         WHERE c.contype = 'f' AND n.nspname = current_schema() AND src.relname = $1",
        vec![table.into()],
    )
    .await?;
    for row in &keys {
        shape.foreign_keys.insert(ForeignKey {
            name: Some(text(row, 0)?),
            target: text(row, 1)?,
            on_delete: OnDelete::parse(&text(row, 2)?),
            columns: split_list(&text(row, 3)?),
            target_columns: split_list(&text(row, 4)?),
        });
    }
    let checks = query(
        db,
        "SELECT c.conname::text, pg_get_constraintdef(c.oid)::text FROM pg_constraint c \
         JOIN pg_class src ON src.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = src.relnamespace \
         WHERE c.contype = 'c' AND n.nspname = current_schema() AND src.relname = $1",
        vec![table.into()],
    )
    .await?;
    for row in &checks {
        shape.checks.insert(Check {
            name: Some(text(row, 0)?),
            clause: text(row, 1)?,
        });
    }
    Ok(shape)
}
