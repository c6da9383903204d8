//! The service layer: everything the API and the seeder do with the data, free of HTTP.
//!
//! Every function takes `&impl ConnectionTrait`, so it runs on a pool or inside a transaction,
//! and typed input structs that are validated before anything is written. Operations on a
//! lawyer's data take an [`Actor`] and put the ownership rule into the SQL statement itself.
//! Failures are one [`Error`].

pub mod actor;
pub mod auditor;
pub mod cases;
pub mod clients;
pub mod compliance;
pub mod error;
pub mod inference_logs;
pub mod junior_logs;
pub mod page;
pub mod password;
pub mod property_opinions;
pub mod proposals;
pub mod research;
pub mod sql;
mod template;
pub mod users;
pub mod validation;

pub use actor::{Actor, ActorSource, Role};
pub use error::{Error, FieldErrors, Result, is_connection_lost, map_db_err};
pub use page::{Page, PageRequest};
pub use sql::Window;
