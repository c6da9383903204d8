//! Issue 9, item 4: every upstream database as the real app leaves it (`upstream_apps/`,
//! written from UPSTREAM.md's facts), on every backend where the app can build it, adopted by
//! `stamp --from-alembic` with every row kept, then brought to head with `check` clean; and
//! the one the app itself could not finish building refused without a change.

mod auditor;
mod cortap;
mod fidelity;
mod fixture;
mod flow;
mod harness;
mod lindia;
mod reading;
mod reqagent;
pub mod rows;
