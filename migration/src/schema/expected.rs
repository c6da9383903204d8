//! The schema entities describe, as a [`Snapshot`] for one backend.
//!
//! Most of it comes from SeaORM itself (`ColumnTrait::def`, `Schema::create_index_from_entity`,
//! the relations' foreign keys, the primary key). What entities cannot express is listed in
//! [`extra_indexes`]. Entities cannot name indexes or foreign keys either: [`Desired`] names
//! them by the convention of [`super::names`], and [`super::names::reconcile`] then takes the
//! real names from the migration history where the shapes match.
//!
//! [`snapshot`] is the real entity set ([`entity::with_all_entities!`]); any other list of
//! entities (the autogenerate tests use small ones) goes through [`Desired`].

use super::names::{foreign_key_name, index_name};
use super::{Column, ForeignKey, Index, Kind, OnDelete, Snapshot, Table, default};
use sea_orm::sea_query::{
    ColumnType, Expr, ForeignKeyAction, MysqlQueryBuilder, PostgresQueryBuilder, Query,
    SqliteQueryBuilder, StringLen, TableName, TableRef,
};
use sea_orm::{
    ColumnTrait, DbBackend, EntityTrait, IdenStatic, Iterable, PrimaryKeyToColumn, PrimaryKeyTrait,
    Schema,
};

/// The expected schema of every entity on `backend`, with the extra indexes.
pub fn snapshot(backend: DbBackend) -> Snapshot {
    let mut desired = Desired::new(backend);
    macro_rules! add {
        ($($entity:path),+ $(,)?) => {
            $( desired.entity($entity); )+
        };
    }
    entity::with_all_entities!(add);
    for (table, index) in extra_indexes(backend) {
        desired.index(table, index);
    }
    desired.finish()
}

/// Indexes the schema has that entity attributes cannot describe: a composite non-unique
/// index, and PostgreSQL's full-text GIN index on an expression.
pub fn extra_indexes(backend: DbBackend) -> Vec<(&'static str, Index)> {
    let mut extras = vec![(
        "compliance_questions",
        Index::new(
            "ix_compliance_questions_section_id_question_order",
            &["section_id", "question_order"],
        ),
    )];
    if backend == DbBackend::Postgres {
        let mut fts = Index::new("ix_research_queries_query_text_fts", &[]);
        fts.expression = true;
        extras.push(("research_queries", fts));
    }
    extras
}

/// Builds the desired [`Snapshot`] of any list of entities.
#[derive(Debug)]
pub struct Desired {
    backend: DbBackend,
    snapshot: Snapshot,
}

impl Desired {
    /// An empty schema for `backend`.
    pub fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            snapshot: Snapshot::default(),
        }
    }

    /// Adds `entity`'s table.
    pub fn entity<E: EntityTrait>(&mut self, entity: E) -> &mut Self {
        let backend = self.backend;
        let schema = Schema::new(backend);
        let table_name = entity.table_name().to_owned();
        let mut table = Table::default();
        let primary: Vec<String> = E::PrimaryKey::iter()
            .map(|key| key.into_column().as_str().to_owned())
            .collect();
        for column in E::Column::iter() {
            let def = column.def();
            let name = column.as_str().to_owned();
            let mut shape = Column::new(kind(def.get_column_type(), backend));
            shape.nullable = def.is_null() && !primary.contains(&name);
            shape.auto_increment = primary.len() == 1
                && primary.contains(&name)
                && <E::PrimaryKey as PrimaryKeyTrait>::auto_increment();
            shape.default = def
                .get_column_default()
                .and_then(|expr| default::normalise(&shape.kind, &render(backend, expr)));
            if def.is_unique() {
                let mut index = Index::new(index_name(&table_name, &[&name], true), &[&name]);
                index.unique = true;
                table.indexes.insert(index);
            }
            table.columns.insert(name, shape);
        }
        table.primary_key = primary;
        for index in schema.create_index_from_entity(entity) {
            let spec = index.get_index_spec();
            let columns = spec.get_column_names();
            let refs: Vec<&str> = columns.iter().map(String::as_str).collect();
            let unique = index.is_unique_key();
            let mut shape = Index::new(index_name(&table_name, &refs, unique), &refs);
            shape.unique = unique;
            table.indexes.insert(shape);
        }
        for key in schema
            .create_table_from_entity(entity)
            .get_foreign_key_create_stmts()
        {
            let key = key.get_foreign_key();
            let columns = key.get_columns();
            let refs: Vec<&str> = columns.iter().map(String::as_str).collect();
            table.foreign_keys.insert(ForeignKey {
                name: Some(foreign_key_name(&table_name, &refs)),
                target: key.get_ref_table().map(bare_name).unwrap_or_default(),
                target_columns: key.get_ref_columns(),
                columns,
                on_delete: match key.get_on_delete() {
                    Some(ForeignKeyAction::Cascade) => OnDelete::Cascade,
                    Some(ForeignKeyAction::SetNull) => OnDelete::SetNull,
                    Some(ForeignKeyAction::SetDefault) => OnDelete::SetDefault,
                    _ => OnDelete::NoAction,
                },
            });
        }
        self.snapshot.tables.insert(table_name, table);
        self
    }

    /// Adds an index entity attributes cannot describe to `table` (if that table is there).
    pub fn index(&mut self, table: &str, index: Index) -> &mut Self {
        if let Some(shape) = self.snapshot.tables.get_mut(table) {
            shape.indexes.insert(index);
        }
        self
    }

    /// The schema, with PostgreSQL's enum types collected from the columns that use them.
    pub fn finish(mut self) -> Snapshot {
        if self.backend == DbBackend::Postgres {
            for table in self.snapshot.tables.values() {
                for column in table.columns.values() {
                    if let Kind::Enum {
                        name: Some(name),
                        values,
                    } = &column.kind
                    {
                        self.snapshot
                            .enum_types
                            .insert(name.clone(), values.clone());
                    }
                }
            }
        }
        self.snapshot
    }
}

/// An expression as `backend` prints it (the text after `SELECT `).
fn render(backend: DbBackend, expr: &Expr) -> String {
    let select = Query::select().expr(expr.clone()).to_owned();
    let sql = match backend {
        DbBackend::Postgres => select.to_string(PostgresQueryBuilder),
        DbBackend::MySql => select.to_string(MysqlQueryBuilder),
        _ => select.to_string(SqliteQueryBuilder),
    };
    sql.strip_prefix("SELECT ").unwrap_or(&sql).to_owned()
}

/// The bare table name of a table reference, without any schema qualifier.
fn bare_name(table: &TableRef) -> String {
    match table {
        TableRef::Table(TableName(_, name), _) => name.to_string(),
        _ => String::new(),
    }
}

/// What `column_type` becomes on `backend`, in the terms [`super::live`] reads back.
fn kind(column_type: &ColumnType, backend: DbBackend) -> Kind {
    match column_type {
        ColumnType::Integer => Kind::Integer,
        // SQLite has one integer type: sea-query writes `integer` for both.
        ColumnType::BigInteger if backend == DbBackend::Sqlite => Kind::Integer,
        ColumnType::BigInteger => Kind::BigInteger,
        ColumnType::String(StringLen::N(n)) => Kind::Varchar(*n),
        ColumnType::String(_) if backend == DbBackend::MySql => Kind::Varchar(255),
        ColumnType::String(_) => Kind::Other("varchar".to_owned()),
        // Unbounded text is LONGTEXT on MySQL/MariaDB (TEXT stops at 64 KiB).
        ColumnType::Text if backend == DbBackend::MySql => Kind::LongText,
        ColumnType::Text => Kind::Text,
        ColumnType::Double => Kind::Double,
        ColumnType::Boolean => Kind::Boolean,
        ColumnType::TimestampWithTimeZone => Kind::TimestampTz,
        ColumnType::Timestamp | ColumnType::DateTime => Kind::Timestamp,
        ColumnType::Json => Kind::Json,
        ColumnType::JsonBinary if backend == DbBackend::MySql => Kind::Json,
        ColumnType::JsonBinary => Kind::JsonBinary,
        ColumnType::Enum { name, variants } => Kind::Enum {
            name: Some(name.to_string()),
            values: variants.iter().map(ToString::to_string).collect(),
        },
        other => Kind::Other(format!("{other:?}")),
    }
}
