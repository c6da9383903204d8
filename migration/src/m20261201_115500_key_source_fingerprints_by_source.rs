//! Auditor: one source fingerprint per `source_id` (a unique key), and two sources may have
//! the same text (`source_hash` loses its unique key, keeps an index).
//!
//! Without a unique `source_id`, concurrent first stores of one source inserted several rows;
//! a unique `source_hash` made two sources with one text conflict. The service now upserts on
//! `source_id` in one statement. Rows that the race left behind are deleted first, keeping the
//! newest per source: the service only ever read the newest, so no row that could be seen is
//! lost.

use crate::ddl::{drop_index, index, unique_index};
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;

const TABLE: &str = "source_fingerprints";
const BY_SOURCE: &str = "ix_source_fingerprints_source_id";
const BY_HASH: &str = "ix_source_fingerprints_source_hash";

/// Makes `source_id` the unique key of source_fingerprints instead of `source_hash`.
///
/// `down` restores the old keys; it fails when two sources now share a text.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "key source fingerprints by source_id, not by text hash"
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        // The derived table lets MySQL delete from the table it reads.
        s.raw(
            "DELETE FROM source_fingerprints WHERE id NOT IN \
             (SELECT id FROM (SELECT MAX(id) AS id FROM source_fingerprints \
             GROUP BY source_id) AS newest)",
        );
        s.schema(&drop_index(BY_SOURCE, TABLE));
        s.schema(&unique_index(BY_SOURCE, TABLE, &["source_id"]));
        s.schema(&drop_index(BY_HASH, TABLE));
        s.schema(&index(BY_HASH, TABLE, &["source_hash"]));
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(&drop_index(BY_HASH, TABLE));
        s.schema(&unique_index(BY_HASH, TABLE, &["source_hash"]));
        s.schema(&drop_index(BY_SOURCE, TABLE));
        s.schema(&index(BY_SOURCE, TABLE, &["source_id"]));
        s.finish()
    }
}
