//! Test-only entity sets: a small library (authors, books, reviews, loans) as the base, and
//! one variant per change the corpus makes.

use sea_orm::entity::prelude::*;

/// One entity module: `entity!(name, "table", { fields } [, { relations }])`.
macro_rules! entity {
    ($module:ident, $table:literal, { $($fields:tt)* } $(, { $($relations:tt)* })?) => {
        pub mod $module {
            #[allow(unused_imports)]
            use super::{Genre, GenreMore, GenreLess};
            use sea_orm::entity::prelude::*;
            #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
            #[sea_orm(table_name = $table)]
            pub struct Model { $($fields)* }
            #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
            pub enum Relation { $($($relations)*)? }
            impl ActiveModelBehavior for ActiveModel {}
        }
    };
}

/// A book's genre (`genre` on PostgreSQL).
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "genre")]
pub enum Genre {
    #[sea_orm(string_value = "fiction")]
    Fiction,
    #[sea_orm(string_value = "history")]
    History,
    #[sea_orm(string_value = "science")]
    Science,
}

/// [`Genre`] with a value added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "genre")]
pub enum GenreMore {
    #[sea_orm(string_value = "fiction")]
    Fiction,
    #[sea_orm(string_value = "history")]
    History,
    #[sea_orm(string_value = "science")]
    Science,
    #[sea_orm(string_value = "poetry")]
    Poetry,
}

/// [`Genre`] with `science` removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "genre")]
pub enum GenreLess {
    #[sea_orm(string_value = "fiction")]
    Fiction,
    #[sea_orm(string_value = "history")]
    History,
}

/// A publisher's kind (a new enum type, `publisherkind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "publisherkind")]
pub enum PublisherKind {
    #[sea_orm(string_value = "press")]
    Press,
    #[sea_orm(string_value = "imprint")]
    Imprint,
}

// --- The base ---------------------------------------------------------------------------

entity!(authors, "authors", {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))")]
    pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique)]
    pub email: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub bio: Option<String>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTimeUtc,
});

entity!(books, "books", {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(indexed)]
    pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub title: String,
    pub genre: Genre,
    pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(reviews, "reviews", {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub book_id: i32,
    pub stars: i32,
    #[sea_orm(column_type = "Text")]
    pub note: Option<String>,
}, {
    #[sea_orm(belongs_to = "super::books::Entity", from = "Column::BookId", to = "super::books::Column::Id", on_delete = "Cascade")]
    Book,
});

entity!(loans, "loans", {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub book_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))")]
    pub borrower: Option<String>,
});

// --- Variants -----------------------------------------------------------------------------

entity!(books_subtitle, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: Genre,
    pub pages: Option<i32>,
    #[sea_orm(column_type = "String(StringLen::N(100))")] pub subtitle: Option<String>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(authors_active, "authors", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))")] pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique)] pub email: Option<String>,
    #[sea_orm(column_type = "Text")] pub bio: Option<String>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")] pub created_at: DateTimeUtc,
    #[sea_orm(default_value = true)] pub active: bool,
    #[sea_orm(column_type = "JsonBinary", default_expr = "Expr::cust(\"'[]'\")")] pub tags: Json,
});

entity!(authors_no_bio, "authors", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))")] pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique)] pub email: Option<String>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")] pub created_at: DateTimeUtc,
});

entity!(authors_long_name, "authors", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(300))")] pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique)] pub email: Option<String>,
    #[sea_orm(column_type = "Text")] pub bio: Option<String>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")] pub created_at: DateTimeUtc,
});

entity!(authors_no_default, "authors", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))")] pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique)] pub email: Option<String>,
    #[sea_orm(column_type = "Text")] pub bio: Option<String>,
    pub created_at: DateTimeUtc,
});

entity!(authors_unique_name, "authors", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))", unique)] pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique)] pub email: Option<String>,
    #[sea_orm(column_type = "Text")] pub bio: Option<String>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")] pub created_at: DateTimeUtc,
});

entity!(authors_email_not_unique, "authors", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))")] pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub email: Option<String>,
    #[sea_orm(column_type = "Text")] pub bio: Option<String>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")] pub created_at: DateTimeUtc,
});

entity!(authors_full_name, "authors", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))")] pub full_name: String,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique)] pub email: Option<String>,
    #[sea_orm(column_type = "Text")] pub bio: Option<String>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")] pub created_at: DateTimeUtc,
});

entity!(books_long_title, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(500))")] pub title: String,
    pub genre: Genre,
    pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_big_pages, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: Genre,
    pub pages: Option<f64>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_pages_default, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: Genre,
    #[sea_orm(default_value = 0)] pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_pages_required, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: Genre,
    #[sea_orm(default_value = 0)] pub pages: i32,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_optional_title, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: Option<String>,
    pub genre: Genre,
    pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_title_indexed, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))", indexed)] pub title: String,
    pub genre: Genre,
    pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_author_not_indexed, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: Genre,
    pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_unique_title, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed, unique_key = "author_title")] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique_key = "author_title")] pub title: String,
    pub genre: Genre,
    pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_no_author_key, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: Genre,
    pub pages: Option<i32>,
});

entity!(books_cascade, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: Genre,
    pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id", on_delete = "Cascade")]
    Author,
});

entity!(books_more_genres, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: GenreMore,
    pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_fewer_genres, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: GenreLess,
    pub pages: Option<i32>,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(books_isbn_required, "books", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub author_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub title: String,
    pub genre: Genre,
    pub pages: Option<i32>,
    #[sea_orm(column_type = "String(StringLen::N(20))")] pub isbn: String,
}, {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Author,
});

entity!(loans_with_key, "loans", {
    #[sea_orm(primary_key)] pub id: i32,
    pub book_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))")] pub borrower: Option<String>,
}, {
    #[sea_orm(belongs_to = "super::books::Entity", from = "Column::BookId", to = "super::books::Column::Id", on_delete = "Cascade")]
    Book,
});

entity!(lendings, "lendings", {
    #[sea_orm(primary_key)] pub id: i32,
    pub book_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))")] pub borrower: Option<String>,
});

entity!(publishers, "publishers", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(100))", unique)] pub name: String,
    pub kind: super::PublisherKind,
    #[sea_orm(default_expr = "Expr::current_timestamp()")] pub created_at: DateTimeUtc,
});

entity!(chapters, "chapters", {
    #[sea_orm(primary_key)] pub id: i32,
    #[sea_orm(indexed)] pub book_id: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")] pub heading: String,
    #[sea_orm(default_value = 1)] pub position: i32,
}, {
    #[sea_orm(belongs_to = "super::books::Entity", from = "Column::BookId", to = "super::books::Column::Id", on_delete = "Cascade")]
    Book,
});

// Keeps the derive's imports in use in every module.
#[allow(dead_code)]
fn _uses(_: DateTimeUtc) {}
