//! Reads the schema of a live database from its catalogs into a [`Snapshot`].
//!
//! Hand-written catalog queries rather than sea-schema: sea-schema discovers into three
//! unrelated per-backend models (and its PostgreSQL discovery skips plain indexes), so a
//! common shape would need this normalisation anyway. Every query returns text only, which
//! decodes the same way on every driver.

use super::{Column, ForeignKey, Index, Kind, OnDelete, Snapshot, Table};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement};
use std::collections::BTreeMap;

/// The tracking tables the migrator owns, and Alembic's, which adopting an Alembic-built
/// database leaves in place; none of them is part of the application schema.
pub const TRACKING_TABLES: [&str; 3] = [
    "seaql_migrations",
    "lexbase_migration_checksums",
    "alembic_version",
];

/// Reads every application table (tracking tables excluded) of the connected database.
///
/// # Errors
/// Any catalog query failing.
pub async fn snapshot(db: &impl ConnectionTrait) -> Result<Snapshot, DbErr> {
    let backend = db.get_database_backend();
    let mut snapshot = Snapshot::default();
    for name in table_names(db).await? {
        if TRACKING_TABLES.contains(&name.as_str()) {
            continue;
        }
        let table = match backend {
            DbBackend::Postgres => postgres_table(db, &name).await?,
            DbBackend::MySql => mysql_table(db, &name).await?,
            _ => sqlite_table(db, &name).await?,
        };
        snapshot.tables.insert(name, table);
    }
    if backend == DbBackend::Postgres {
        snapshot.enum_types = postgres_enums(db).await?;
    }
    Ok(snapshot)
}

/// Names of all base tables, tracking tables included, sorted.
///
/// # Errors
/// The catalog query failing.
pub async fn table_names(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
        DbBackend::MySql => {
            "SELECT CAST(table_name AS CHAR) FROM information_schema.tables \
             WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
        _ => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        }
    };
    let rows = query(db, sql, Vec::new()).await?;
    rows.iter().map(|row| text(row, 0)).collect()
}

async fn query(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<Vec<QueryResult>, DbErr> {
    let backend = db.get_database_backend();
    db.query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
}

fn text(row: &QueryResult, index: usize) -> Result<String, DbErr> {
    Ok(opt_text(row, index)?.unwrap_or_default())
}

fn opt_text(row: &QueryResult, index: usize) -> Result<Option<String>, DbErr> {
    row.try_get_by_index::<Option<String>>(index)
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn postgres_table(db: &impl ConnectionTrait, table: &str) -> Result<Table, DbErr> {
    let mut shape = Table::default();
    let enums = postgres_enums(db).await?;
    let columns = query(
        db,
        "SELECT column_name::text, data_type::text, udt_name::text, \
         character_maximum_length::text, is_nullable::text \
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
        let nullable = text(row, 4)? == "YES";
        shape
            .columns
            .insert(text(row, 0)?, Column { kind, nullable });
    }
    let indexes = query(
        db,
        "SELECT i.relname::text, ix.indisunique::text, (ix.indpred IS NOT NULL)::text, \
         (ix.indexprs IS NOT NULL)::text, \
         (SELECT string_agg(a.attname, ',' ORDER BY k.ord) \
            FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) \
         FROM pg_index ix \
         JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = current_schema() AND t.relname = $1 AND NOT ix.indisprimary",
        vec![table.into()],
    )
    .await?;
    for row in &indexes {
        shape.indexes.insert(Index {
            name: text(row, 0)?,
            unique: text(row, 1)? == "true",
            partial: text(row, 2)? == "true",
            expression: text(row, 3)? == "true",
            columns: split_list(&text(row, 4)?),
            implicit: false,
        });
    }
    let keys = query(
        db,
        "SELECT dst.relname::text, c.confdeltype::text, \
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
            target: text(row, 0)?,
            on_delete: OnDelete::parse(&text(row, 1)?),
            columns: split_list(&text(row, 2)?),
            target_columns: split_list(&text(row, 3)?),
        });
    }
    Ok(shape)
}

async fn postgres_enums(db: &impl ConnectionTrait) -> Result<BTreeMap<String, Vec<String>>, DbErr> {
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

fn varchar(length: Option<String>) -> Kind {
    match length.and_then(|n| n.parse().ok()) {
        Some(n) => Kind::Varchar(n),
        None => Kind::Text,
    }
}

async fn mysql_table(db: &impl ConnectionTrait, table: &str) -> Result<Table, DbErr> {
    let mut shape = Table::default();
    // MariaDB's JSON is LONGTEXT guarded by a json_valid() check named after the column.
    let json_checks = query(
        db,
        "SELECT CAST(constraint_name AS CHAR) FROM information_schema.check_constraints \
         WHERE constraint_schema = DATABASE() AND table_name = ? \
         AND check_clause LIKE '%json_valid%'",
        vec![table.into()],
    )
    .await?
    .iter()
    .map(|row| text(row, 0))
    .collect::<Result<Vec<_>, _>>()?;
    let columns = query(
        db,
        "SELECT CAST(column_name AS CHAR), CAST(data_type AS CHAR), CAST(column_type AS CHAR), \
         CAST(character_maximum_length AS CHAR), CAST(is_nullable AS CHAR) \
         FROM information_schema.columns \
         WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position",
        vec![table.into()],
    )
    .await?;
    for row in &columns {
        let name = text(row, 0)?;
        let data_type = text(row, 1)?.to_ascii_lowercase();
        let column_type = text(row, 2)?;
        let kind = match data_type.as_str() {
            "int" => Kind::Integer,
            "bigint" => Kind::BigInteger,
            "varchar" => varchar(opt_text(row, 3)?),
            "longtext" if json_checks.contains(&name) => Kind::Json,
            "json" => Kind::Json,
            "text" | "mediumtext" | "longtext" => Kind::Text,
            "double" => Kind::Double,
            "tinyint" if column_type.starts_with("tinyint(1)") => Kind::Boolean,
            "timestamp" => Kind::TimestampTz,
            "datetime" => Kind::Timestamp,
            "enum" => Kind::Enum {
                name: None,
                values: mysql_enum_values(&column_type),
            },
            _ => Kind::Other(column_type),
        };
        let nullable = text(row, 4)? == "YES";
        shape.columns.insert(name, Column { kind, nullable });
    }
    let keys = query(
        db,
        "SELECT CAST(rc.constraint_name AS CHAR), CAST(rc.referenced_table_name AS CHAR), \
         CAST(rc.delete_rule AS CHAR), \
         CAST(GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position) AS CHAR), \
         CAST(GROUP_CONCAT(k.referenced_column_name ORDER BY k.ordinal_position) AS CHAR) \
         FROM information_schema.referential_constraints rc \
         JOIN information_schema.key_column_usage k \
           ON k.constraint_schema = rc.constraint_schema \
          AND k.constraint_name = rc.constraint_name AND k.table_name = rc.table_name \
         WHERE rc.constraint_schema = DATABASE() AND rc.table_name = ? \
         GROUP BY rc.constraint_name, rc.referenced_table_name, rc.delete_rule",
        vec![table.into()],
    )
    .await?;
    let mut key_names = Vec::new();
    for row in &keys {
        key_names.push(text(row, 0)?);
        let rule = text(row, 2)?;
        shape.foreign_keys.insert(ForeignKey {
            target: text(row, 1)?,
            // InnoDB treats RESTRICT and NO ACTION alike and reports either.
            on_delete: if rule == "RESTRICT" {
                OnDelete::NoAction
            } else {
                OnDelete::parse(&rule)
            },
            columns: split_list(&text(row, 3)?),
            target_columns: split_list(&text(row, 4)?),
        });
    }
    let indexes = query(
        db,
        "SELECT CAST(index_name AS CHAR), CAST(MIN(non_unique) AS CHAR), \
         CAST(GROUP_CONCAT(column_name ORDER BY seq_in_index) AS CHAR) \
         FROM information_schema.statistics \
         WHERE table_schema = DATABASE() AND table_name = ? AND index_name <> 'PRIMARY' \
         GROUP BY index_name",
        vec![table.into()],
    )
    .await?;
    for row in &indexes {
        let name = text(row, 0)?;
        shape.indexes.insert(Index {
            implicit: key_names.contains(&name),
            name,
            unique: text(row, 1)? == "0",
            columns: split_list(&text(row, 2)?),
            partial: false,
            expression: false,
        });
    }
    Ok(shape)
}

/// `enum('a','b')` → `["a", "b"]`.
fn mysql_enum_values(column_type: &str) -> Vec<String> {
    let inner = column_type
        .trim_start_matches("enum(")
        .trim_end_matches(')');
    inner
        .split(',')
        .map(|value| value.trim().trim_matches('\'').to_owned())
        .filter(|value| !value.is_empty())
        .collect()
}

async fn sqlite_table(db: &impl ConnectionTrait, table: &str) -> Result<Table, DbErr> {
    let mut shape = Table::default();
    let quoted = table.replace('"', "\"\"");
    let columns = query(
        db,
        "SELECT name, type, CAST(\"notnull\" AS TEXT), CAST(pk AS TEXT) \
         FROM pragma_table_info(?)",
        vec![table.into()],
    )
    .await?;
    for row in &columns {
        let declared = text(row, 1)?.to_ascii_lowercase();
        let kind = sqlite_kind(&declared);
        let nullable = text(row, 2)? == "0" && text(row, 3)? == "0";
        shape
            .columns
            .insert(text(row, 0)?, Column { kind, nullable });
    }
    let indexes = query(
        db,
        "SELECT name, CAST(\"unique\" AS TEXT), origin, CAST(partial AS TEXT) \
         FROM pragma_index_list(?) WHERE origin <> 'pk'",
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
        let expression = columns.len() < parts.len();
        shape.indexes.insert(Index {
            name,
            unique: text(row, 1)? == "1",
            partial: text(row, 3)? == "1",
            expression,
            columns,
            implicit: false,
        });
    }
    let keys = query(
        db,
        &format!(
            "SELECT CAST(id AS TEXT), \"table\", \"from\", \"to\", on_delete \
             FROM pragma_foreign_key_list('{}') ORDER BY id, seq",
            quoted.replace('\'', "''")
        ),
        Vec::new(),
    )
    .await?;
    let mut grouped: BTreeMap<String, ForeignKey> = BTreeMap::new();
    for row in &keys {
        let key = grouped.entry(text(row, 0)?).or_insert_with(|| ForeignKey {
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
    shape.foreign_keys.extend(grouped.into_values());
    Ok(shape)
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
