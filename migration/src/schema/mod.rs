//! Schema shapes: what a live database contains ([`live`]), what the entities describe
//! ([`expected`]), and the differences between the two ([`diff`]).
//!
//! Both sides are normalised into one backend-neutral [`Snapshot`], so a comparison reads the
//! same on SQLite, PostgreSQL and MariaDB.

pub mod diff;
pub mod expected;
pub mod live;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A whole schema: its tables and (PostgreSQL only) its enumeration types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Tables by name.
    pub tables: BTreeMap<String, Table>,
    /// Enumeration types by name with their values (empty off PostgreSQL).
    pub enum_types: BTreeMap<String, Vec<String>>,
}

/// One table's columns, indexes and foreign keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Columns by name.
    pub columns: BTreeMap<String, Column>,
    /// Secondary indexes (primary keys excluded).
    pub indexes: BTreeSet<Index>,
    /// Foreign keys.
    pub foreign_keys: BTreeSet<ForeignKey>,
}

/// A column's type and nullability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The normalised type.
    pub kind: Kind,
    /// Whether NULL is allowed.
    pub nullable: bool,
}

/// A column type, normalised across backends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// 32-bit integer.
    Integer,
    /// 64-bit integer.
    BigInteger,
    /// `varchar(n)`.
    Varchar(u32),
    /// Unbounded text.
    Text,
    /// Double precision float.
    Double,
    /// Boolean.
    Boolean,
    /// Timestamp with time zone (MySQL's `timestamp`, stored in UTC).
    TimestampTz,
    /// Timestamp without time zone.
    Timestamp,
    /// JSON.
    Json,
    /// Binary JSON (JSONB on PostgreSQL).
    JsonBinary,
    /// An enumeration: its type name where the backend names it, and its values where known.
    Enum {
        /// The PostgreSQL type name.
        name: Option<String>,
        /// The allowed values, in order.
        values: Vec<String>,
    },
    /// Anything else, as the database spells it.
    Other(String),
}

/// A secondary index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Index {
    /// The index name (entity-derived indexes carry SeaORM's generated name).
    pub name: String,
    /// Indexed columns in order; empty for a pure expression index.
    pub columns: Vec<String>,
    /// UNIQUE or not.
    pub unique: bool,
    /// Has a WHERE clause (partial index).
    pub partial: bool,
    /// Indexes an expression rather than plain columns.
    pub expression: bool,
    /// Created by the database itself to back a foreign key (MySQL/MariaDB).
    pub implicit: bool,
}

/// A foreign key from some columns of a table to columns of another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    /// Referencing columns.
    pub columns: Vec<String>,
    /// Referenced table.
    pub target: String,
    /// Referenced columns.
    pub target_columns: Vec<String>,
    /// What deleting the referenced row does.
    pub on_delete: OnDelete,
}

/// Foreign-key delete rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OnDelete {
    /// NO ACTION (MySQL's RESTRICT is the same thing there).
    NoAction,
    /// CASCADE.
    Cascade,
    /// SET NULL.
    SetNull,
    /// SET DEFAULT.
    SetDefault,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Integer => f.write_str("integer"),
            Kind::BigInteger => f.write_str("bigint"),
            Kind::Varchar(n) => write!(f, "varchar({n})"),
            Kind::Text => f.write_str("text"),
            Kind::Double => f.write_str("double"),
            Kind::Boolean => f.write_str("boolean"),
            Kind::TimestampTz => f.write_str("timestamp with time zone"),
            Kind::Timestamp => f.write_str("timestamp"),
            Kind::Json => f.write_str("json"),
            Kind::JsonBinary => f.write_str("jsonb"),
            Kind::Enum { name, values } => {
                f.write_str("enum")?;
                if let Some(name) = name {
                    write!(f, " {name}")?;
                }
                if !values.is_empty() {
                    write!(f, " ({})", values.join(", "))?;
                }
                Ok(())
            }
            Kind::Other(raw) => f.write_str(raw),
        }
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let null = if self.nullable { "NULL" } else { "NOT NULL" };
        write!(f, "{} {null}", self.kind)
    }
}

impl fmt::Display for OnDelete {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OnDelete::NoAction => "NO ACTION",
            OnDelete::Cascade => "CASCADE",
            OnDelete::SetNull => "SET NULL",
            OnDelete::SetDefault => "SET DEFAULT",
        })
    }
}

impl OnDelete {
    /// Reads a delete rule as catalogs spell it (`CASCADE`, `c`, `NO ACTION`, `a`, ...).
    pub fn parse(rule: &str) -> OnDelete {
        match rule.trim().to_ascii_uppercase().as_str() {
            "CASCADE" | "C" => OnDelete::Cascade,
            "SET NULL" | "N" => OnDelete::SetNull,
            "SET DEFAULT" | "D" => OnDelete::SetDefault,
            _ => OnDelete::NoAction,
        }
    }
}

impl fmt::Display for ForeignKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "({}) -> {}({}) ON DELETE {}",
            self.columns.join(", "),
            self.target,
            self.target_columns.join(", "),
            self.on_delete
        )
    }
}

impl fmt::Display for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unique = if self.unique { "UNIQUE " } else { "" };
        let what = if self.expression {
            "<expression>".to_owned()
        } else {
            self.columns.join(", ")
        };
        let partial = if self.partial { " WHERE ..." } else { "" };
        write!(f, "{unique}{} ({what}){partial}", self.name)
    }
}
