//! [`UtcDateTime`]: the type of every timestamp field, an instant in UTC that binds so that
//! MariaDB keeps instants past 2038.
//!
//! sqlx sends a chrono `DateTime<Utc>` parameter to MySQL/MariaDB typed `TIMESTAMP`, and
//! MariaDB converts such a parameter through its `TIMESTAMP` range (which ends on
//! 2038-01-19) even when the column is `DATETIME(6)`: a case updated in 2040 was stored as
//! NULL, and a comparison with a token expiring in 2100 matched nothing. This type binds as
//! sea-query's `DateTime<FixedOffset>` value at offset zero instead, which sea-query-sqlx sends
//! to MySQL as the UTC wall-clock text (`2040-01-01 12:30:45.123456`, read into `DATETIME(6)`
//! exactly), to PostgreSQL as `timestamptz` and to SQLite as the same RFC 3339 text a
//! `DateTime<Utc>` writes. Reading goes through `DateTime<Utc>` as before, and JSON is a
//! `DateTime<Utc>`'s (`2040-01-01T12:30:45.123456Z`).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, QueryResult, TryGetError, TryGetable, Value};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Deref;

/// An instant in UTC, as every entity's timestamp field holds it (see the module docs for why
/// it is not a bare `DateTime<Utc>`). Derefs to, converts from and compares with
/// `DateTime<Utc>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UtcDateTime(pub DateTime<Utc>);

impl UtcDateTime {
    /// The current instant.
    pub fn now() -> Self {
        Self(Utc::now())
    }

    /// The `DateTime<Utc>` inside.
    pub fn into_inner(self) -> DateTime<Utc> {
        self.0
    }
}

impl Deref for UtcDateTime {
    type Target = DateTime<Utc>;

    fn deref(&self) -> &DateTime<Utc> {
        &self.0
    }
}

impl From<DateTime<Utc>> for UtcDateTime {
    fn from(instant: DateTime<Utc>) -> Self {
        Self(instant)
    }
}

impl From<UtcDateTime> for DateTime<Utc> {
    fn from(instant: UtcDateTime) -> Self {
        instant.0
    }
}

impl PartialEq<DateTime<Utc>> for UtcDateTime {
    fn eq(&self, other: &DateTime<Utc>) -> bool {
        self.0 == *other
    }
}

impl PartialOrd<DateTime<Utc>> for UtcDateTime {
    fn partial_cmp(&self, other: &DateTime<Utc>) -> Option<std::cmp::Ordering> {
        self.0.partial_cmp(other)
    }
}

impl fmt::Display for UtcDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl From<UtcDateTime> for Value {
    fn from(instant: UtcDateTime) -> Self {
        Value::ChronoDateTimeWithTimeZone(Some(instant.0.fixed_offset()))
    }
}

impl Nullable for UtcDateTime {
    fn null() -> Value {
        Value::ChronoDateTimeWithTimeZone(None)
    }
}

impl ValueType for UtcDateTime {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        match value {
            Value::ChronoDateTimeWithTimeZone(Some(instant)) => Ok(Self(instant.to_utc())),
            Value::ChronoDateTimeUtc(Some(instant)) => Ok(Self(instant)),
            Value::ChronoDateTime(Some(naive)) => Ok(Self(naive.and_utc())),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        "UtcDateTime".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::ChronoDateTimeWithTimeZone
    }

    fn column_type() -> ColumnType {
        ColumnType::TimestampWithTimeZone
    }
}

impl TryGetable for UtcDateTime {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        <DateTime<Utc> as TryGetable>::try_get_by(res, index).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn it_binds_as_an_instant_at_offset_zero_and_reads_back() {
        let instant = Utc.with_ymd_and_hms(2100, 6, 30, 12, 0, 0).unwrap();
        let value = Value::from(UtcDateTime(instant));
        assert!(
            matches!(&value, Value::ChronoDateTimeWithTimeZone(Some(t)) if t.offset().local_minus_utc() == 0)
        );
        assert_eq!(
            <UtcDateTime as ValueType>::try_from(value).ok(),
            Some(UtcDateTime(instant))
        );
        assert_eq!(UtcDateTime::null(), Value::ChronoDateTimeWithTimeZone(None));
    }

    #[test]
    fn json_is_that_of_a_utc_date_time() {
        let instant = Utc.with_ymd_and_hms(2040, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            serde_json::to_string(&UtcDateTime(instant)).ok(),
            serde_json::to_string(&instant).ok()
        );
    }
}
