//! FTA compliance review: the priority column and its data migration (the compliance docs'
//! own worked example, revising `989ceebf408f`).

use crate::ddl::string;
use crate::plan::{Plan, Script, module_name};
use sea_orm::DbBackend;
use sea_orm::sea_query::{Expr, ExprTrait, Query, Table};

/// Adds `compliance_questions.priority` and ranks existing questions: `high` for the
/// Title VI (`TVI%`) questions, `medium` for the rest.
pub struct Migration;

impl Plan for Migration {
    fn name(&self) -> &'static str {
        module_name(module_path!())
    }

    fn message(&self) -> &'static str {
        "add priority to compliance questions"
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(
            Table::alter()
                .table("compliance_questions")
                .add_column(string("priority", 20)),
        );
        s.query(Query::update().table("compliance_questions").value(
            "priority",
            Expr::case(Expr::col("question_code").like("TVI%"), "high").finally("medium"),
        ));
        s.finish()
    }

    fn down(&self, backend: DbBackend) -> Vec<String> {
        let mut s = Script::new(backend);
        s.schema(
            Table::alter()
                .table("compliance_questions")
                .drop_column("priority"),
        );
        s.finish()
    }
}
