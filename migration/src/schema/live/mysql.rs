//! MariaDB/MySQL's `information_schema`.

use super::{opt_text, query, split_list, text, varchar};
use crate::schema::{Check, Column, ForeignKey, Index, Kind, OnDelete, Table, default};
use sea_orm::{ConnectionTrait, DbErr};

pub(super) async fn table(db: &impl ConnectionTrait, table: &str) -> Result<Table, DbErr> {
    let mut shape = Table::default();
    // MariaDB's JSON is LONGTEXT guarded by a json_valid() check named after the column.
    let mut json_columns = Vec::new();
    let checks = query(
        db,
        "SELECT CAST(constraint_name AS CHAR), CAST(check_clause AS CHAR) \
         FROM information_schema.check_constraints \
         WHERE constraint_schema = DATABASE() AND table_name = ?",
        vec![table.into()],
    )
    .await?;
    for row in &checks {
        let (name, clause) = (text(row, 0)?, text(row, 1)?);
        if clause.contains("json_valid") {
            json_columns.push(name);
        } else {
            shape.checks.insert(Check {
                name: Some(name),
                clause,
            });
        }
    }
    let table_collation = query(
        db,
        "SELECT CAST(table_collation AS CHAR) FROM information_schema.tables \
         WHERE table_schema = DATABASE() AND table_name = ?",
        vec![table.into()],
    )
    .await?
    .first()
    .map(|row| opt_text(row, 0))
    .transpose()?
    .flatten();
    let columns = query(
        db,
        "SELECT CAST(column_name AS CHAR), CAST(data_type AS CHAR), CAST(column_type AS CHAR), \
         CAST(character_maximum_length AS CHAR), CAST(is_nullable AS CHAR), \
         CAST(column_default AS CHAR), CAST(extra AS CHAR), CAST(collation_name AS CHAR) \
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
            "longtext" if json_columns.contains(&name) => Kind::Json,
            "json" => Kind::Json,
            // Each size as itself: lexbase's unbounded text is LONGTEXT here
            // (m20261201_115426_widen_mysql_text_columns); a 64 KiB TEXT is a difference.
            "text" => Kind::Text,
            "mediumtext" => Kind::MediumText,
            "longtext" => Kind::LongText,
            "double" => Kind::Double,
            "tinyint" if column_type.starts_with("tinyint(1)") => Kind::Boolean,
            // lexbase keeps UTC in DATETIME(6) here (TIMESTAMP ends in 2038; see
            // m20261201_115448_store_mysql_timestamps_as_datetime): that is its timestamp with
            // time zone on MySQL/MariaDB. A TIMESTAMP column is reported as itself.
            "datetime" if column_type == "datetime(6)" => Kind::TimestampTz,
            "datetime" => Kind::Timestamp,
            "enum" => Kind::Enum {
                name: None,
                values: enum_values(&column_type),
            },
            _ => Kind::Other(column_type),
        };
        let mut column = Column::new(kind);
        column.nullable = text(row, 4)? == "YES";
        column.default = opt_text(row, 5)?.and_then(|raw| default::normalise(&column.kind, &raw));
        column.auto_increment = text(row, 6)?.contains("auto_increment");
        let collation = opt_text(row, 7)?;
        if column.kind != Kind::Json && collation.is_some() && collation != table_collation {
            column.collation = collation;
        }
        shape.columns.insert(name, column);
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
        let name = text(row, 0)?;
        key_names.push(name.clone());
        let rule = text(row, 2)?;
        shape.foreign_keys.insert(ForeignKey {
            name: Some(name),
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
         CAST(GROUP_CONCAT(column_name ORDER BY seq_in_index) AS CHAR), \
         CAST(GROUP_CONCAT(CONCAT(column_name, '=', COALESCE(sub_part, '')) \
              ORDER BY seq_in_index) AS CHAR) \
         FROM information_schema.statistics \
         WHERE table_schema = DATABASE() AND table_name = ? \
         GROUP BY index_name",
        vec![table.into()],
    )
    .await?;
    for row in &indexes {
        let name = text(row, 0)?;
        let columns = split_list(&text(row, 2)?);
        if name == "PRIMARY" {
            shape.primary_key = columns;
            continue;
        }
        let mut index = Index::new(name, &[]);
        index.unique = text(row, 1)? == "0";
        // InnoDB names the index it makes for a foreign key after the key, or, for a key
        // declared without a name (`<table>_ibfk_N`, possibly renamed since), after its
        // first column; it drops that index by itself once another one serves the key.
        index.implicit = key_names.contains(&index.name)
            || (!index.unique
                && columns.first() == Some(&index.name)
                && shape.foreign_keys.iter().any(|k| k.columns == columns));
        index.columns = columns;
        for part in split_list(&text(row, 3)?) {
            if let Some((column, Ok(length))) = part
                .split_once('=')
                .map(|(c, l)| (c.to_owned(), l.parse::<u32>()))
            {
                index.prefix_lengths.insert(column, length);
            }
        }
        shape.indexes.insert(index);
    }
    Ok(shape)
}

/// `enum('a','b')` → `["a", "b"]`.
fn enum_values(column_type: &str) -> Vec<String> {
    let inner = column_type
        .trim_start_matches("enum(")
        .trim_end_matches(')');
    inner
        .split(',')
        .map(|value| value.trim().trim_matches('\'').to_owned())
        .filter(|value| !value.is_empty())
        .collect()
}
