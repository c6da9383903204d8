//! Names of indexes, unique keys and foreign keys on the desired side.
//!
//! Entities cannot name them. The migration history can: [`reconcile`] gives each desired
//! index and foreign key the name (and, for an index, the exact flavour: partial predicate,
//! constraint or index, prefix lengths) of the history's object of the same shape. What the
//! history does not have is named by SCHEMA.md's convention: `ix_<table>_<columns>`,
//! `uq_<table>_<columns>`, `fk_<table>_<columns>`.

use super::{Index, Snapshot};

/// `ix_<table>_<columns>` (or `uq_...` for a unique key).
pub fn index_name(table: &str, columns: &[&str], unique: bool) -> String {
    let prefix = if unique { "uq" } else { "ix" };
    format!("{prefix}_{table}_{}", columns.join("_"))
}

/// `fk_<table>_<columns>`.
pub fn foreign_key_name(table: &str, columns: &[&str]) -> String {
    format!("fk_{table}_{}", columns.join("_"))
}

/// Gives `desired`'s indexes and foreign keys the names `base` (the schema the migration
/// history builds) has for objects of the same shape, on tables of the same name.
pub fn reconcile(desired: &mut Snapshot, base: &Snapshot) {
    for (name, table) in &mut desired.tables {
        let Some(history) = base.tables.get(name) else {
            continue;
        };
        let wanted = std::mem::take(&mut table.indexes);
        for index in wanted {
            let same = history
                .indexes
                .iter()
                .find(|old| !old.implicit && old.same_shape(&index));
            table.indexes.insert(match same {
                Some(old) => old.clone(),
                None => index,
            });
        }
        let wanted = std::mem::take(&mut table.foreign_keys);
        for mut key in wanted {
            let same = history.foreign_keys.iter().find(|old| {
                old.columns == key.columns
                    && old.target == key.target
                    && old.target_columns == key.target_columns
            });
            if let Some(old_name) = same.and_then(|old| old.name.clone()) {
                key.name = Some(old_name);
            }
            table.foreign_keys.insert(key);
        }
    }
}

/// Whether `index` is named as the convention would name it.
pub fn conventional(table: &str, index: &Index) -> bool {
    let columns: Vec<&str> = index.columns.iter().map(String::as_str).collect();
    index.name == index_name(table, &columns, index.unique)
}
