//! Timestamp bookkeeping shared by every `ActiveModelBehavior` that keeps an `updated_at`.
//!
//! Written once here so that every table stamps its rows the same way (UTC, application side).

use crate::UtcDateTime;
use sea_orm::ActiveValue::{self, Set};
use sea_orm::Value;

/// The current instant in UTC, the only clock the entities read.
pub(crate) fn now() -> UtcDateTime {
    UtcDateTime::now()
}

/// Stamps `updated_at` on an update and leaves it alone on an insert.
///
/// On insert the column keeps whatever the caller set, or the server default when `NotSet`
/// (NULL for most tables, `CURRENT_TIMESTAMP` for `proposal_templates`). Generic over the
/// column type so that nullable (`Option<UtcDateTime>`) and NOT NULL columns share it.
pub(crate) fn touch<T>(updated_at: &mut ActiveValue<T>, insert: bool)
where
    T: From<UtcDateTime> + Into<Value>,
{
    if !insert {
        *updated_at = Set(T::from(now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_stamps_updated_at() {
        let before = now();
        let mut updated_at: ActiveValue<Option<UtcDateTime>> = ActiveValue::NotSet;
        touch(&mut updated_at, false);
        match updated_at {
            ActiveValue::Set(Some(stamp)) => assert!(stamp >= before),
            other => panic!("updated_at was not stamped: {other:?}"),
        }
    }

    #[test]
    fn an_insert_leaves_updated_at_to_the_caller_or_the_server() {
        let mut updated_at: ActiveValue<UtcDateTime> = ActiveValue::NotSet;
        touch(&mut updated_at, true);
        assert!(matches!(updated_at, ActiveValue::NotSet));
    }
}
