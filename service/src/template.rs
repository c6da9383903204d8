//! Statements rendered once per backend and run again with fresh values.
//!
//! Building a sea-query statement, rendering it and dropping it was about a sixth of the API
//! server's CPU time on its hottest read (BENCHMARKS.md, "API server"). A [`Template`] builds
//! its statement once per backend with stand-in values, remembers where each stand-in landed
//! among the statement's bound values, and from then on only puts the caller's values in those
//! places. The statement is still written with sea-query, in one place; a statement whose
//! stand-ins do not all come back as bound values (inlined into the SQL, say) is simply built
//! afresh each time, so a template is never wrong, at worst not faster.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{SelectStatement, Value, Values};
use sea_orm::{DbBackend, Statement};
use std::sync::OnceLock;

/// A `SELECT` with `N` parameters, rendered once per backend.
pub(crate) struct Template<const N: usize> {
    build: fn([Value; N]) -> SelectStatement,
    /// Per backend (MySQL, PostgreSQL, SQLite): the rendered SQL and where the values go, or
    /// `None` when this statement cannot be reused.
    rendered: [OnceLock<Option<Rendered>>; 3],
}

/// One backend's SQL and, for each bound value in order, where it comes from.
struct Rendered {
    sql: String,
    slots: Vec<Slot>,
}

enum Slot {
    /// The caller's value number `n`.
    Param(usize),
    /// A value the statement itself fixes (a role name, say).
    Fixed(Value),
}

impl<const N: usize> Template<N> {
    /// A template of the statement `build` makes from its `N` values.
    pub(crate) const fn new(build: fn([Value; N]) -> SelectStatement) -> Self {
        Self {
            build,
            rendered: [const { OnceLock::new() }; 3],
        }
    }

    /// The statement for `backend` with `values`, the same SQL and values that building it
    /// with sea-query gives.
    pub(crate) fn statement(&self, backend: DbBackend, values: [Value; N]) -> Statement {
        let index = match backend {
            DbBackend::MySql => 0,
            DbBackend::Postgres => 1,
            _ => 2,
        };
        let rendered = self.rendered[index].get_or_init(|| self.render(backend, &values));
        let Some(rendered) = rendered else {
            return backend.build(&(self.build)(values));
        };
        let bound = rendered
            .slots
            .iter()
            .map(|slot| match slot {
                Slot::Param(n) => values[*n].clone(),
                Slot::Fixed(value) => value.clone(),
            })
            .collect();
        Statement::from_sql_and_values(backend, rendered.sql.clone(), Values(bound))
    }

    /// Renders the statement with stand-ins shaped like `like` and finds them again among its
    /// bound values; `None` if a stand-in cannot be made or does not come back.
    fn render(&self, backend: DbBackend, like: &[Value; N]) -> Option<Rendered> {
        let mut stand_ins = Vec::with_capacity(N);
        for (n, value) in like.iter().enumerate() {
            stand_ins.push(stand_in(n, value)?);
        }
        let array: [Value; N] = stand_ins.clone().try_into().ok()?;
        let statement = backend.build(&(self.build)(array));
        let bound = statement.values.map(|values| values.0).unwrap_or_default();
        let slots: Vec<Slot> = bound
            .into_iter()
            .map(|value| match stand_ins.iter().position(|s| *s == value) {
                Some(n) => Slot::Param(n),
                None => Slot::Fixed(value),
            })
            .collect();
        let all_bound =
            (0..N).all(|n| slots.iter().any(|s| matches!(s, Slot::Param(p) if *p == n)));
        all_bound.then_some(Rendered {
            sql: statement.sql,
            slots,
        })
    }
}

/// A value of `like`'s type that no statement fixes by itself, different for each `n`.
fn stand_in(n: usize, like: &Value) -> Option<Value> {
    let n32 = i32::try_from(n).ok()?;
    Some(match like {
        Value::String(_) => Value::String(Some(format!("\u{1}lexbase-template-{n}\u{1}"))),
        Value::Int(_) => Value::Int(Some(i32::MIN + 7919 + n32)),
        Value::BigInt(_) => Value::BigInt(Some(i64::MIN + 7919 + i64::from(n32))),
        Value::ChronoDateTimeUtc(_) => {
            let at = DateTime::<Utc>::from_timestamp(1_234_567_890, 0)?;
            Value::ChronoDateTimeUtc(Some(at + TimeDelta::microseconds(i64::from(n32) + 1)))
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};

    fn sample([name, id, at]: [Value; 3]) -> SelectStatement {
        Query::select()
            .column(Alias::new("id"))
            .from(Alias::new("things"))
            .and_where(Expr::col(Alias::new("name")).eq(name.clone()))
            .and_where(Expr::col(Alias::new("kind")).eq("fixed"))
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .and_where(Expr::col(Alias::new("at")).lt(at))
            .and_where(Expr::col(Alias::new("alias")).ne(name))
            .take()
    }

    fn values(name: &str, id: i32, seconds: i64) -> [Value; 3] {
        [
            name.into(),
            id.into(),
            DateTime::<Utc>::from_timestamp(seconds, 0).unwrap().into(),
        ]
    }

    #[test]
    fn a_template_gives_what_building_the_statement_gives_on_every_backend() {
        static SAMPLE: Template<3> = Template::new(sample);
        for backend in [DbBackend::MySql, DbBackend::Postgres, DbBackend::Sqlite] {
            for (name, id, seconds) in [("a", 1, 10), ("fixed", -4, 99_999), ("", 0, 0)] {
                let fresh = backend.build(&sample(values(name, id, seconds)));
                let reused = SAMPLE.statement(backend, values(name, id, seconds));
                assert_eq!(reused.sql, fresh.sql, "{backend:?}");
                assert_eq!(reused.values, fresh.values, "{backend:?}");
            }
        }
    }

    #[test]
    fn a_statement_whose_values_cannot_be_stood_in_for_is_built_afresh() {
        static FLOATS: Template<1> = Template::new(|[limit]| {
            Query::select()
                .column(Alias::new("id"))
                .from(Alias::new("things"))
                .and_where(Expr::col(Alias::new("score")).gt(limit))
                .take()
        });
        let reused = FLOATS.statement(DbBackend::Postgres, [0.5_f64.into()]);
        assert!(reused.sql.contains("\"score\" > $1"), "{}", reused.sql);
        assert_eq!(reused.values, Some(Values(vec![0.5_f64.into()])));
        assert!(FLOATS.rendered[1].get().unwrap().is_none());
    }
}
