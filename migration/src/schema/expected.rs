//! The schema the entities describe, as a [`Snapshot`] for one backend.
//!
//! Most of it comes from SeaORM itself (`ColumnTrait::def`, `Schema::create_index_from_entity`,
//! the relations' foreign keys). What entities cannot express is listed in [`extra_indexes`].

use super::{Column, ForeignKey, Index, Kind, OnDelete, Snapshot, Table};
use sea_orm::sea_query::{ColumnType, ForeignKeyAction, StringLen};
use sea_orm::sea_query::{TableName, TableRef};
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, IdenStatic, Iterable, Schema};

/// The expected schema of every entity on `backend`.
pub fn snapshot(backend: DbBackend) -> Snapshot {
    let mut snapshot = Snapshot::default();
    macro_rules! add {
        ($($entity:path),+ $(,)?) => {
            $( add_entity(&mut snapshot, backend, $entity); )+
        };
    }
    entity::with_all_entities!(add);
    for (table, index) in extra_indexes(backend) {
        if let Some(shape) = snapshot.tables.get_mut(table) {
            shape.indexes.insert(index);
        }
    }
    if backend == DbBackend::Postgres {
        for table in snapshot.tables.values() {
            for column in table.columns.values() {
                if let Kind::Enum {
                    name: Some(name),
                    values,
                } = &column.kind
                {
                    snapshot.enum_types.insert(name.clone(), values.clone());
                }
            }
        }
    }
    snapshot
}

/// Indexes the schema has that entity attributes cannot describe: a composite non-unique
/// index, and PostgreSQL's full-text GIN index on an expression.
pub fn extra_indexes(backend: DbBackend) -> Vec<(&'static str, Index)> {
    let mut extras = vec![(
        "compliance_questions",
        Index {
            name: "ix_compliance_questions_section_id_question_order".to_owned(),
            columns: vec!["section_id".to_owned(), "question_order".to_owned()],
            unique: false,
            partial: false,
            expression: false,
            implicit: false,
        },
    )];
    if backend == DbBackend::Postgres {
        extras.push((
            "research_queries",
            Index {
                name: "ix_research_queries_query_text_fts".to_owned(),
                columns: Vec::new(),
                unique: false,
                partial: false,
                expression: true,
                implicit: false,
            },
        ));
    }
    extras
}

fn add_entity<E: EntityTrait>(snapshot: &mut Snapshot, backend: DbBackend, entity: E) {
    let schema = Schema::new(backend);
    let mut table = Table::default();
    for column in E::Column::iter() {
        let def = column.def();
        let name = column.as_str().to_owned();
        if def.is_unique() {
            table.indexes.insert(Index {
                name: format!("unique {name}"),
                columns: vec![name.clone()],
                unique: true,
                partial: false,
                expression: false,
                implicit: false,
            });
        }
        table.columns.insert(
            name,
            Column {
                kind: kind(def.get_column_type(), backend),
                nullable: def.is_null(),
            },
        );
    }
    for index in schema.create_index_from_entity(entity) {
        let spec = index.get_index_spec();
        table.indexes.insert(Index {
            name: spec.get_name().unwrap_or_default().to_owned(),
            columns: spec.get_column_names(),
            unique: index.is_unique_key(),
            partial: false,
            expression: false,
            implicit: false,
        });
    }
    for key in schema
        .create_table_from_entity(entity)
        .get_foreign_key_create_stmts()
    {
        let key = key.get_foreign_key();
        table.foreign_keys.insert(ForeignKey {
            columns: key.get_columns(),
            target: key.get_ref_table().map(table_name).unwrap_or_default(),
            target_columns: key.get_ref_columns(),
            on_delete: match key.get_on_delete() {
                Some(ForeignKeyAction::Cascade) => OnDelete::Cascade,
                Some(ForeignKeyAction::SetNull) => OnDelete::SetNull,
                Some(ForeignKeyAction::SetDefault) => OnDelete::SetDefault,
                _ => OnDelete::NoAction,
            },
        });
    }
    snapshot
        .tables
        .insert(entity.table_name().to_owned(), table);
}

/// The bare table name of a table reference, without any schema qualifier.
fn table_name(table: &TableRef) -> String {
    match table {
        TableRef::Table(TableName(_, name), _) => name.to_string(),
        _ => String::new(),
    }
}

/// What `column_type` becomes on `backend`, in the terms [`super::live`] reads back.
fn kind(column_type: &ColumnType, backend: DbBackend) -> Kind {
    match column_type {
        ColumnType::Integer => Kind::Integer,
        ColumnType::BigInteger => Kind::BigInteger,
        ColumnType::String(StringLen::N(n)) => Kind::Varchar(*n),
        ColumnType::String(_) if backend == DbBackend::MySql => Kind::Varchar(255),
        ColumnType::String(_) => Kind::Other("varchar".to_owned()),
        ColumnType::Text => Kind::Text,
        ColumnType::Double => Kind::Double,
        ColumnType::Boolean => Kind::Boolean,
        ColumnType::TimestampWithTimeZone => Kind::TimestampTz,
        ColumnType::Timestamp | ColumnType::DateTime => Kind::Timestamp,
        ColumnType::Json => Kind::Json,
        ColumnType::JsonBinary if backend == DbBackend::MySql => Kind::Json,
        ColumnType::JsonBinary => Kind::JsonBinary,
        ColumnType::Enum { name, variants } => match backend {
            DbBackend::Postgres => Kind::Enum {
                name: Some(name.to_string()),
                values: variants.iter().map(ToString::to_string).collect(),
            },
            DbBackend::MySql => Kind::Enum {
                name: None,
                values: variants.iter().map(ToString::to_string).collect(),
            },
            _ => Kind::Enum {
                name: None,
                values: Vec::new(),
            },
        },
        other => Kind::Other(format!("{other:?}")),
    }
}
