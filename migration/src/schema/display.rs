//! How model values read in one-line messages (`check`, autogenerate's summary).

use super::{Column, ForeignKey, Index, Kind, OnDelete, ServerDefault};
use std::fmt;

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Integer => f.write_str("integer"),
            Kind::BigInteger => f.write_str("bigint"),
            Kind::Varchar(n) => write!(f, "varchar({n})"),
            Kind::Text => f.write_str("text"),
            Kind::MediumText => f.write_str("mediumtext"),
            Kind::LongText => f.write_str("longtext"),
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
        write!(f, "{} {null}", self.kind)?;
        if let Some(default) = &self.default {
            write!(f, " DEFAULT {default}")?;
        }
        Ok(())
    }
}

impl fmt::Display for ServerDefault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServerDefault::CurrentTimestamp => f.write_str("CURRENT_TIMESTAMP"),
            ServerDefault::Number(n) => f.write_str(n),
            ServerDefault::Boolean(b) => f.write_str(if *b { "TRUE" } else { "FALSE" }),
            ServerDefault::Text(t) => write!(f, "'{}'", t.replace('\'', "''")),
            ServerDefault::Expression(e) => f.write_str(e),
        }
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

impl fmt::Display for ForeignKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(name) = &self.name {
            write!(f, "{name} ")?;
        }
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
        write!(f, "{unique}{} ({what})", self.name)?;
        if let Some(predicate) = &self.predicate {
            write!(f, " WHERE {predicate}")?;
        }
        Ok(())
    }
}
