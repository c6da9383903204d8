//! SQL for [`Op`]s, per backend: the shared pieces (column definitions, `CREATE TABLE`,
//! indexes, foreign keys) here, what differs in [`postgres`], [`mysql`] and [`sqlite`].

mod mysql;
mod postgres;
mod sqlite;

use super::Op;
use crate::ddl;
use crate::plan::{Mode, Script};
use crate::schema::{Column, ForeignKey, Index, Kind, OnDelete, ServerDefault, Table};
use sea_orm::DbBackend;
use sea_orm::sea_query::{
    ColumnDef, ColumnType, ConditionalStatement, Expr, ExprTrait, ForeignKey as Fk,
    ForeignKeyAction, ForeignKeyCreateStatement, Index as Ix, IndexColumn, IndexCreateStatement,
    StringLen, Table as Sq, TableCreateStatement,
};

/// The statements `ops` run on `backend`, in order.
pub fn render(ops: &[Op], backend: DbBackend) -> Vec<String> {
    let mut s = Script::new(backend);
    for op in ops {
        match backend {
            DbBackend::Postgres => postgres::op(&mut s, op),
            DbBackend::MySql => mysql::op(&mut s, op),
            _ => sqlite::op(&mut s, op),
        }
    }
    s.finish()
}

/// The operations every backend renders alike: whole tables and the column changes
/// `ALTER TABLE` makes the same way everywhere. The backends' own `op` hand these here.
fn common(s: &mut Script, step: &Op) {
    let backend = s.backend();
    match step {
        Op::CreateTable { name, table } => {
            s.schema(&create_table(name, table, backend));
            push_table_indexes(s, name, table);
        }
        Op::DropTable { name, .. } => {
            s.schema(&Sq::drop().table(name.clone()).take());
        }
        Op::RenameTable { from, to } => {
            s.schema(&Sq::rename().table(from.clone(), to.clone()).take());
        }
        Op::AddColumn {
            table,
            name,
            column,
        } => {
            let column = column_def(name, column, backend);
            s.schema(&Sq::alter().table(table.clone()).add_column(column).take());
        }
        Op::DropColumn { table, name, .. } => {
            s.schema(
                &Sq::alter()
                    .table(table.clone())
                    .drop_column(name.clone())
                    .take(),
            );
        }
        Op::RenameColumn { table, from, to } => {
            let (from, to) = (from.clone(), to.clone());
            s.schema(
                &Sq::alter()
                    .table(table.clone())
                    .rename_column(from, to)
                    .take(),
            );
        }
        // Each backend renders the rest itself.
        _ => {}
    }
}

/// How the runner must run `ops` on `backend`: outside a transaction on PostgreSQL when they
/// add enum values, with foreign keys off on SQLite when they rebuild a table.
pub fn mode(ops: &[Op], backend: DbBackend) -> Mode {
    let adds_enum_values =
        |op: &Op| matches!(op, Op::AlterEnum { from, to, .. } if postgres::only_adds(from, to));
    let any = |pred: &dyn Fn(&Op) -> bool| {
        ops.iter().any(|op| {
            pred(op) || matches!(op, Op::Rebuild { changes, .. } if changes.iter().any(pred))
        })
    };
    match backend {
        DbBackend::Postgres if any(&adds_enum_values) => Mode::Autocommit,
        DbBackend::Sqlite if ops.iter().any(|op| matches!(op, Op::Rebuild { .. })) => {
            Mode::ForeignKeysOff
        }
        _ => Mode::Transaction,
    }
}

/// `"name"` (`` `name` `` on MySQL), for the few statements written by hand.
fn q(backend: DbBackend, name: &str) -> String {
    if backend == DbBackend::MySql {
        format!("`{}`", name.replace('`', "``"))
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// A string literal.
fn lit(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn column_type(kind: &Kind, column: &str, backend: DbBackend) -> ColumnType {
    match kind {
        Kind::Integer => ColumnType::Integer,
        Kind::BigInteger => ColumnType::BigInteger,
        Kind::Varchar(n) => ColumnType::String(StringLen::N(*n)),
        Kind::MediumText if backend == DbBackend::MySql => {
            ColumnType::custom("mediumtext".to_owned())
        }
        Kind::LongText if backend == DbBackend::MySql => ColumnType::custom("longtext".to_owned()),
        Kind::Text | Kind::MediumText | Kind::LongText => ColumnType::Text,
        Kind::Double => ColumnType::Double,
        Kind::Boolean => ColumnType::Boolean,
        // UTC in DATETIME(6) on MySQL/MariaDB, as the migrations keep it there.
        Kind::TimestampTz if backend == DbBackend::MySql => {
            ColumnType::custom("datetime(6)".to_owned())
        }
        Kind::TimestampTz => ColumnType::TimestampWithTimeZone,
        Kind::Timestamp => ColumnType::Timestamp,
        Kind::Json => ColumnType::Json,
        Kind::JsonBinary => ColumnType::JsonBinary,
        Kind::Enum { name, values } => ColumnType::Enum {
            name: name.clone().unwrap_or_else(|| column.to_owned()).into(),
            variants: values.iter().map(|v| v.clone().into()).collect(),
        },
        Kind::Other(spelling) => ColumnType::custom(spelling.clone()),
    }
}

pub(crate) fn default_expr(default: &ServerDefault, backend: DbBackend) -> Expr {
    match default {
        // DATETIME(6) holds UTC on MySQL/MariaDB: the current UTC time, not the session's.
        ServerDefault::CurrentTimestamp if backend == DbBackend::MySql => {
            Expr::cust("UTC_TIMESTAMP(6)")
        }
        ServerDefault::CurrentTimestamp => Expr::current_timestamp(),
        ServerDefault::Number(n) | ServerDefault::Expression(n) => Expr::cust(n.clone()),
        ServerDefault::Boolean(b) => Expr::val(*b),
        ServerDefault::Text(t) => Expr::val(t.clone()),
    }
}

/// The full definition of a column on `backend` (SQLite enums get their CHECK).
fn column_def(name: &str, column: &Column, backend: DbBackend) -> ColumnDef {
    let mut def =
        ColumnDef::new_with_type(name.to_owned(), column_type(&column.kind, name, backend));
    if !column.nullable {
        def.not_null();
    } else if backend == DbBackend::MySql {
        def.null();
    }
    if let Some(default) = &column.default {
        def.default(default_expr(default, backend));
    }
    if column.auto_increment {
        def.auto_increment();
    }
    if let (Some(collation), DbBackend::MySql) = (&column.collation, backend) {
        def.extra(format!("COLLATE {collation}"));
    }
    if let (Kind::Enum { values, .. }, DbBackend::Sqlite) = (&column.kind, backend) {
        def.check(Expr::col(name.to_owned()).is_in(values.iter().cloned()));
    }
    def
}

fn action(rule: OnDelete) -> ForeignKeyAction {
    match rule {
        OnDelete::NoAction => ForeignKeyAction::NoAction,
        OnDelete::Cascade => ForeignKeyAction::Cascade,
        OnDelete::SetNull => ForeignKeyAction::SetNull,
        OnDelete::SetDefault => ForeignKeyAction::SetDefault,
    }
}

/// The conventional name of an unnamed foreign key (`fk_<table>_<columns>`).
fn key_name(table: &str, key: &ForeignKey) -> String {
    key.name.clone().unwrap_or_else(|| {
        let columns: Vec<&str> = key.columns.iter().map(String::as_str).collect();
        crate::schema::names::foreign_key_name(table, &columns)
    })
}

fn foreign_key(table: &str, key: &ForeignKey) -> ForeignKeyCreateStatement {
    let mut fk = Fk::create();
    fk.name(key_name(table, key))
        .from_tbl(table.to_owned())
        .to_tbl(key.target.clone())
        .on_delete(action(key.on_delete))
        .on_update(ForeignKeyAction::NoAction);
    for column in &key.columns {
        fk.from_col(column.clone());
    }
    for column in &key.target_columns {
        fk.to_col(column.clone());
    }
    fk
}

/// `CREATE TABLE` with the columns in order, the primary key, the foreign keys and (where the
/// backend has them) unique constraints; indexes come separately ([`index`]).
fn create_table(name: &str, table: &Table, backend: DbBackend) -> TableCreateStatement {
    let mut create = ddl::create_table(backend, name.to_owned());
    let single_key = table.primary_key.len() == 1;
    for (column, shape) in &table.columns {
        let mut def = column_def(column, shape, backend);
        if single_key && table.primary_key[0] == *column {
            def.primary_key();
        }
        create.col(def);
    }
    if table.primary_key.len() > 1 {
        let mut key = Ix::create();
        for column in &table.primary_key {
            key.col(column.clone());
        }
        create.primary_key(&mut key);
    }
    for key in &table.foreign_keys {
        create.foreign_key(&mut foreign_key(name, key));
    }
    if backend != DbBackend::MySql {
        for index in table.indexes.iter().filter(|i| i.constraint) {
            let mut unique = Ix::create();
            unique.name(index.name.clone()).unique();
            for column in &index.columns {
                unique.col(column.clone());
            }
            create.index(&mut unique);
        }
    }
    create
}

/// `CREATE [UNIQUE] INDEX`, as `backend` can say it; `None` for what it must not create
/// (an implicit MySQL index, a constraint made by `CREATE TABLE`, an expression index the
/// model has no text for).
fn index(table: &str, index: &Index, backend: DbBackend) -> Option<IndexCreateStatement> {
    if index.implicit || index.expression {
        return None;
    }
    let mut create = Ix::create();
    create.name(index.name.clone()).table(table.to_owned());
    if index.unique {
        create.unique();
    }
    for column in &index.columns {
        match (backend, index.prefix_lengths.get(column)) {
            (DbBackend::MySql, Some(length)) => {
                create.col::<IndexColumn>((column.clone(), *length).into());
            }
            _ => {
                create.col(column.clone());
            }
        }
    }
    if let (Some(predicate), false) = (&index.predicate, backend == DbBackend::MySql) {
        create.and_where(Expr::cust(predicate.clone()));
    }
    Some(create)
}

/// Renders [`index`] (or an expression index's own text) into `s`.
fn push_index(s: &mut Script, table: &str, idx: &Index) {
    if idx.expression {
        if let Some(definition) = &idx.definition {
            s.raw(definition.clone());
        }
        return;
    }
    if let Some(create) = index(table, idx, s.backend()) {
        s.schema(&create);
    }
}

/// Every index of a new table that `CREATE TABLE` did not make itself.
fn push_table_indexes(s: &mut Script, name: &str, table: &Table) {
    for idx in &table.indexes {
        if idx.constraint && s.backend() != DbBackend::MySql {
            continue;
        }
        push_index(s, name, idx);
    }
}
