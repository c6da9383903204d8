//! Schema shapes: what a live database contains ([`live`]), what the entities describe
//! ([`expected`]), the names the migration history gave ([`names`]), and the differences
//! between two shapes ([`diff`]).
//!
//! Both sides are normalised into one backend-neutral [`Snapshot`], so a comparison reads the
//! same on SQLite, PostgreSQL and MariaDB. The same model is the vocabulary of the schema
//! operations ([`crate::ops`]) that autogenerate writes and adoption plans.
//!
//! What the model carries: columns in their order with type, nullability, server default
//! ([`ServerDefault`], normalised across backends), auto-increment and collation; the primary
//! key; secondary indexes and unique keys by their real names (and whether a unique key is a
//! constraint or an index, a partial index's predicate, an expression index's definition);
//! foreign keys with names and `ON DELETE`; other CHECK constraints; PostgreSQL enum types.
//! Enumeration CHECKs (SQLite) and MariaDB's `json_valid` CHECKs are folded into the column
//! type ([`Kind::Enum`], [`Kind::Json`]).

pub mod default;
pub mod diff;
mod display;
pub mod expected;
pub mod live;
pub mod names;

pub use default::ServerDefault;

use indexmap::IndexMap;
use std::collections::{BTreeMap, BTreeSet};

/// A whole schema: its tables and (PostgreSQL only) its enumeration types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Tables by name.
    pub tables: BTreeMap<String, Table>,
    /// Enumeration types by name with their values (empty off PostgreSQL).
    pub enum_types: BTreeMap<String, Vec<String>>,
}

/// One table. Equality ignores column order; iteration keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Columns by name, in table order.
    pub columns: IndexMap<String, Column>,
    /// Primary key columns, in key order (empty: none).
    pub primary_key: Vec<String>,
    /// Secondary indexes and unique keys (primary keys excluded).
    pub indexes: BTreeSet<Index>,
    /// Foreign keys.
    pub foreign_keys: BTreeSet<ForeignKey>,
    /// CHECK constraints the model does not fold into a column type. Kept by rebuilds, not
    /// compared (entities cannot declare them).
    pub checks: BTreeSet<Check>,
}

/// A column's type, nullability, server default and the rest of its definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The normalised type.
    pub kind: Kind,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// The server default, if any.
    pub default: Option<ServerDefault>,
    /// Filled by the database (SERIAL, AUTO_INCREMENT, SQLite's rowid alias).
    pub auto_increment: bool,
    /// A collation other than the table's (MariaDB/MySQL), where one is set.
    pub collation: Option<String>,
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
    /// Unbounded text (MariaDB's `TEXT` where the size is told apart).
    Text,
    /// MariaDB/MySQL `MEDIUMTEXT` (text elsewhere).
    MediumText,
    /// MariaDB/MySQL `LONGTEXT` (text elsewhere).
    LongText,
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
    /// An enumeration: its type name where the backend names it (PostgreSQL, and the
    /// entities), and its values where known.
    Enum {
        /// The PostgreSQL type name.
        name: Option<String>,
        /// The allowed values, in order.
        values: Vec<String>,
    },
    /// Anything else, as the database spells it.
    Other(String),
}

/// A secondary index or unique key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Index {
    /// The real name (for a desired index: the history's name, or the naming convention's).
    pub name: String,
    /// Indexed columns in order; empty for a pure expression index.
    pub columns: Vec<String>,
    /// UNIQUE or not.
    pub unique: bool,
    /// The WHERE predicate of a partial index, normalised (see [`normalise_predicate`]).
    pub predicate: Option<String>,
    /// Indexes an expression rather than plain columns.
    pub expression: bool,
    /// The database's own `CREATE INDEX` text for an index the model cannot express (an
    /// expression index), replayed verbatim to re-create it.
    pub definition: Option<String>,
    /// A unique *constraint* (PostgreSQL `UNIQUE`, SQLite's table-level `UNIQUE`) rather
    /// than a unique index.
    pub constraint: bool,
    /// Created by the database itself to back a foreign key (MySQL/MariaDB).
    pub implicit: bool,
    /// MySQL/MariaDB prefix lengths of text columns (characters), by column.
    pub prefix_lengths: BTreeMap<String, u32>,
}

/// A foreign key from some columns of a table to columns of another.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    /// The constraint name; `None` where the database keeps none.
    pub name: Option<String>,
    /// Referencing columns.
    pub columns: Vec<String>,
    /// Referenced table.
    pub target: String,
    /// Referenced columns.
    pub target_columns: Vec<String>,
    /// What deleting the referenced row does.
    pub on_delete: OnDelete,
}

/// A CHECK constraint the model does not fold into a column type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Check {
    /// The constraint name, where it has one.
    pub name: Option<String>,
    /// The condition, as the database prints it.
    pub clause: String,
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

impl Kind {
    /// Whether two kinds are the same type: an enumeration's type name counts only where
    /// both sides know it (SQLite and MariaDB name no enum types).
    pub fn same(&self, other: &Kind) -> bool {
        match (self, other) {
            (
                Kind::Enum {
                    name: a,
                    values: va,
                },
                Kind::Enum {
                    name: b,
                    values: vb,
                },
            ) => va == vb && (a.is_none() || b.is_none() || a == b),
            _ => self == other,
        }
    }

    /// Whether values of `self` always fit into `to` (so converting loses nothing).
    pub fn widens_to(&self, to: &Kind) -> bool {
        match (self, to) {
            (a, b) if a.same(b) => true,
            (Kind::Integer, Kind::BigInteger | Kind::Double) => true,
            (Kind::Varchar(a), Kind::Varchar(b)) => a <= b,
            (Kind::Varchar(_), Kind::Text | Kind::MediumText | Kind::LongText)
            | (Kind::Text, Kind::MediumText | Kind::LongText)
            | (Kind::MediumText, Kind::LongText) => true,
            (Kind::Json, Kind::JsonBinary) | (Kind::JsonBinary, Kind::Json) => true,
            (Kind::Enum { values: a, .. }, Kind::Enum { values: b, .. }) => {
                a.iter().all(|v| b.contains(v))
            }
            (Kind::Enum { .. }, Kind::Text | Kind::MediumText | Kind::LongText) => true,
            _ => false,
        }
    }
}

impl Column {
    /// A nullable column of `kind` with no default.
    pub fn new(kind: Kind) -> Self {
        Self {
            kind,
            nullable: true,
            default: None,
            auto_increment: false,
            collation: None,
        }
    }
}

impl Index {
    /// A plain (non-unique, non-partial) index named `name` on `columns`.
    pub fn new(name: impl Into<String>, columns: &[&str]) -> Self {
        Self {
            name: name.into(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            unique: false,
            predicate: None,
            expression: false,
            definition: None,
            constraint: false,
            implicit: false,
            prefix_lengths: BTreeMap::new(),
        }
    }

    /// Whether two indexes have the same shape (columns, uniqueness, expression), whatever
    /// their names, predicates and flavours: how an entity's index is matched.
    pub fn same_shape(&self, other: &Index) -> bool {
        if self.expression || other.expression {
            return self.expression == other.expression && self.name == other.name;
        }
        self.columns == other.columns && self.unique == other.unique
    }
}

/// A partial index's predicate in one spelling for every backend: identifier quotes and
/// redundant outer parentheses removed, whitespace collapsed, keywords upper-cased
/// (`("hash" IS NOT NULL)` and `hash is not null` both become `hash IS NOT NULL`).
pub fn normalise_predicate(raw: &str) -> String {
    let mut text = raw.trim().replace(['"', '`'], "");
    while text.starts_with('(') && text.ends_with(')') && balanced(&text[1..text.len() - 1]) {
        text = text[1..text.len() - 1].trim().to_owned();
    }
    text.split_whitespace()
        .map(|word| match word.to_ascii_uppercase().as_str() {
            w @ ("IS" | "NOT" | "NULL" | "AND" | "OR" | "TRUE" | "FALSE" | "IN") => w.to_owned(),
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}
