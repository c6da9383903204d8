//! Builders for the model values a generated migration spells out: tables, columns, indexes,
//! foreign keys.

use super::owned;
use crate::schema::{Check, Column, ForeignKey, Index, Kind, OnDelete, ServerDefault, Table};

/// A table definition to fill with [`Table::column`] and friends.
pub fn table() -> Table {
    Table::default()
}

impl Table {
    /// Appends a column.
    #[must_use]
    pub fn column(mut self, name: &str, column: Column) -> Table {
        self.columns.insert(name.to_owned(), column);
        self
    }
    /// Sets the primary key.
    #[must_use]
    pub fn primary_key(mut self, columns: &[&str]) -> Table {
        self.primary_key = owned(columns);
        self
    }
    /// Adds an index or unique key.
    #[must_use]
    pub fn index(mut self, index: Index) -> Table {
        self.indexes.insert(index);
        self
    }
    /// Adds a foreign key.
    #[must_use]
    pub fn foreign_key(mut self, key: ForeignKey) -> Table {
        self.foreign_keys.insert(key);
        self
    }
    /// Adds a CHECK constraint.
    #[must_use]
    pub fn check(mut self, name: Option<&str>, clause: &str) -> Table {
        self.checks.insert(Check {
            name: name.map(str::to_owned),
            clause: clause.to_owned(),
        });
        self
    }
}

/// `integer`, nullable.
pub fn integer() -> Column {
    Column::new(Kind::Integer)
}
/// `bigint`, nullable.
pub fn big_integer() -> Column {
    Column::new(Kind::BigInteger)
}
/// `varchar(length)`, nullable.
pub fn varchar(length: u32) -> Column {
    Column::new(Kind::Varchar(length))
}
/// `text`, nullable.
pub fn text() -> Column {
    Column::new(Kind::Text)
}
/// MariaDB `MEDIUMTEXT` (text elsewhere), nullable.
pub fn medium_text() -> Column {
    Column::new(Kind::MediumText)
}
/// MariaDB `LONGTEXT` (text elsewhere), nullable.
pub fn long_text() -> Column {
    Column::new(Kind::LongText)
}
/// `double precision`, nullable.
pub fn double() -> Column {
    Column::new(Kind::Double)
}
/// `boolean`, nullable.
pub fn boolean() -> Column {
    Column::new(Kind::Boolean)
}
/// Timestamp with time zone, nullable.
pub fn timestamp_tz() -> Column {
    Column::new(Kind::TimestampTz)
}
/// Timestamp without time zone, nullable.
pub fn timestamp() -> Column {
    Column::new(Kind::Timestamp)
}
/// JSON, nullable.
pub fn json() -> Column {
    Column::new(Kind::Json)
}
/// JSONB on PostgreSQL (JSON elsewhere), nullable.
pub fn json_binary() -> Column {
    Column::new(Kind::JsonBinary)
}
/// An enumeration (a native type named `name` on PostgreSQL), nullable.
pub fn enumeration(name: &str, values: &[&str]) -> Column {
    Column::new(Kind::Enum {
        name: Some(name.to_owned()),
        values: owned(values),
    })
}
/// Any other type, spelled as the database spells it.
pub fn other(spelling: &str) -> Column {
    Column::new(Kind::Other(spelling.to_owned()))
}

impl Column {
    /// NOT NULL.
    #[must_use]
    pub fn not_null(mut self) -> Column {
        self.nullable = false;
        self
    }
    /// Filled by the database (SERIAL, AUTO_INCREMENT).
    #[must_use]
    pub fn auto_increment(mut self) -> Column {
        self.auto_increment = true;
        self
    }
    /// Server default: the current time.
    #[must_use]
    pub fn default_now(mut self) -> Column {
        self.default = Some(ServerDefault::CurrentTimestamp);
        self
    }
    /// Server default: a number.
    #[must_use]
    pub fn default_number(mut self, number: &str) -> Column {
        self.default = Some(ServerDefault::Number(number.to_owned()));
        self
    }
    /// Server default: a boolean.
    #[must_use]
    pub fn default_bool(mut self, value: bool) -> Column {
        self.default = Some(ServerDefault::Boolean(value));
        self
    }
    /// Server default: a string (JSON as its text).
    #[must_use]
    pub fn default_text(mut self, text: &str) -> Column {
        self.default = Some(ServerDefault::Text(text.to_owned()));
        self
    }
    /// Server default: an SQL expression.
    #[must_use]
    pub fn default_expr(mut self, sql: &str) -> Column {
        self.default = Some(ServerDefault::Expression(sql.to_owned()));
        self
    }
    /// A collation of its own (MariaDB/MySQL).
    #[must_use]
    pub fn collation(mut self, name: &str) -> Column {
        self.collation = Some(name.to_owned());
        self
    }
}

/// A plain index on `columns`.
pub fn index(name: &str, columns: &[&str]) -> Index {
    Index::new(name, columns)
}

impl Index {
    /// UNIQUE.
    #[must_use]
    pub fn unique(mut self) -> Index {
        self.unique = true;
        self
    }
    /// A unique constraint rather than a unique index (PostgreSQL).
    #[must_use]
    pub fn constraint(mut self) -> Index {
        self.unique = true;
        self.constraint = true;
        self
    }
    /// Partial: only rows where `predicate` holds (not on MariaDB/MySQL, which has none).
    #[must_use]
    pub fn predicate(mut self, predicate: &str) -> Index {
        self.predicate = Some(predicate.to_owned());
        self
    }
    /// MariaDB/MySQL: index only the first `length` characters of text column `column`.
    #[must_use]
    pub fn prefix(mut self, column: &str, length: u32) -> Index {
        self.prefix_lengths.insert(column.to_owned(), length);
        self
    }
    /// An expression index, re-created from the database's own `CREATE INDEX` text.
    #[must_use]
    pub fn definition(mut self, sql: &str) -> Index {
        self.expression = true;
        self.definition = Some(sql.to_owned());
        self
    }
}

/// A foreign key named `name` from `columns` to `target(target_columns)`, `ON DELETE NO
/// ACTION` unless [`ForeignKey::on_delete`] says otherwise.
pub fn foreign_key(
    name: &str,
    columns: &[&str],
    target: &str,
    target_columns: &[&str],
) -> ForeignKey {
    ForeignKey {
        name: Some(name.to_owned()),
        columns: owned(columns),
        target: target.to_owned(),
        target_columns: owned(target_columns),
        on_delete: OnDelete::NoAction,
    }
}

impl ForeignKey {
    /// What deleting the referenced row does.
    #[must_use]
    pub fn on_delete(mut self, rule: OnDelete) -> ForeignKey {
        self.on_delete = rule;
        self
    }
}
