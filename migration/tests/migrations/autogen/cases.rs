//! The corpus: one entity change per test, each on SQLite, PostgreSQL and MariaDB.

use super::entities as e;
use super::{Case, Expect, run};
use migration::on_every_backend;
use migration::schema::expected::Desired;
use migration::testing::Backend;

/// The base set with one table replaced (or dropped, when `with` adds nothing).
macro_rules! replacing {
    ($($skip:literal),+ => |$d:ident| $body:expr) => {{
        fn target($d: &mut Desired) {
            let skip = [$($skip),+];
            if !skip.contains(&"authors") { $d.entity(e::authors::Entity); }
            if !skip.contains(&"books") { $d.entity(e::books::Entity); }
            if !skip.contains(&"reviews") { $d.entity(e::reviews::Entity); }
            if !skip.contains(&"loans") { $d.entity(e::loans::Entity); }
            #[allow(clippy::no_effect, clippy::unused_unit)]
            let () = { $body; };
        }
        target
    }};
}

const fn ops(
    has: &'static [&'static str],
    lacks: &'static [&'static str],
    destructive: bool,
) -> Expect {
    Expect::Ops {
        has,
        lacks,
        destructive,
    }
}

const fn case(target: fn(&mut Desired), expect: Expect) -> Case {
    Case {
        target,
        renames: &[],
        prepare: &[],
        after_up: &[],
        expect,
    }
}

macro_rules! corpus {
    ($($name:ident => $case:expr;)+) => {
        $(
            async fn $name(backend: Backend) {
                run(backend, &$case).await;
            }
        )+
        on_every_backend!($($name),+);
    };
}

corpus! {
    adds_a_nullable_column => case(
        replacing!("books" => |d| d.entity(e::books_subtitle::Entity)),
        ops(&["add column books.subtitle"], &["rebuild"], false),
    );
    adds_columns_with_server_defaults_to_a_table_with_rows => Case {
        after_up: &[("SELECT COUNT(*) FROM authors WHERE active = TRUE", Some("2"))],
        ..case(
            replacing!("authors" => |d| d.entity(e::authors_active::Entity)),
            ops(&["add column authors.active", "add column authors.tags"], &[], false),
        )
    };
    drops_a_column => case(
        replacing!("authors" => |d| d.entity(e::authors_no_bio::Entity)),
        ops(&["drop column authors.bio"], &[], true),
    );
    widens_a_varchar => case(
        replacing!("books" => |d| d.entity(e::books_long_title::Entity)),
        ops(&["alter column books.title: varchar(200) NOT NULL -> varchar(500) NOT NULL"], &[], false),
    );
    rebuilds_a_parent_table_keeping_its_child_rows => Case {
        after_up: &[("SELECT COUNT(*) FROM books WHERE author_id = 1", Some("2"))],
        ..case(
            replacing!("authors" => |d| d.entity(e::authors_long_name::Entity)),
            ops(&["alter column authors.name"], &[], false),
        )
    };
    changes_a_column_type => case(
        replacing!("books" => |d| d.entity(e::books_big_pages::Entity)),
        ops(&["alter column books.pages: integer NULL -> double NULL"], &[], false),
    );
    sets_a_server_default => Case {
        after_up: &[
            ("INSERT INTO books (author_id, title, genre) VALUES (1, 'Blank', 'fiction')", None),
            ("SELECT pages FROM books WHERE title = 'Blank'", Some("0")),
            ("DELETE FROM books WHERE title = 'Blank'", None),
        ],
        ..case(
            replacing!("books" => |d| d.entity(e::books_pages_default::Entity)),
            ops(&["DEFAULT 0"], &[], false),
        )
    };
    drops_a_server_default => case(
        replacing!("authors" => |d| d.entity(e::authors_no_default::Entity)),
        ops(&["alter column authors.created_at: timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP -> timestamp with time zone NOT NULL"], &[], false),
    );
    makes_a_column_nullable => case(
        replacing!("books" => |d| d.entity(e::books_optional_title::Entity)),
        ops(&["alter column books.title: varchar(200) NOT NULL -> varchar(200) NULL"], &[], false),
    );
    makes_a_column_not_null_with_a_default => Case {
        prepare: &["UPDATE books SET pages = 0 WHERE pages IS NULL"],
        ..case(
            replacing!("books" => |d| d.entity(e::books_pages_required::Entity)),
            ops(&["alter column books.pages: integer NULL -> integer NOT NULL DEFAULT 0"], &[], true),
        )
    };
    adds_an_index => case(
        replacing!("books" => |d| d.entity(e::books_title_indexed::Entity)),
        ops(&["create index ix_books_title (title) on books"], &["rebuild"], false),
    );
    drops_an_index_a_foreign_key_used => case(
        replacing!("books" => |d| d.entity(e::books_author_not_indexed::Entity)),
        ops(&["drop index ix_books_author_id (author_id) on books"], &["rebuild"], false),
    );
    adds_a_unique_key => case(
        replacing!("authors" => |d| d.entity(e::authors_unique_name::Entity)),
        ops(&["create index UNIQUE uq_authors_name (name) on authors"], &[], false),
    );
    drops_a_unique_key => case(
        replacing!("authors" => |d| d.entity(e::authors_email_not_unique::Entity)),
        ops(&["drop index UNIQUE uq_authors_email (email) on authors"], &[], false),
    );
    adds_a_composite_unique_key => case(
        replacing!("books" => |d| d.entity(e::books_unique_title::Entity)),
        ops(&["create index UNIQUE uq_books_author_id_title (author_id, title) on books"], &[], false),
    );
    adds_a_foreign_key => case(
        replacing!("loans" => |d| d.entity(e::loans_with_key::Entity)),
        ops(&["add foreign key loans fk_loans_book_id (book_id) -> books(id) ON DELETE CASCADE"], &[], false),
    );
    drops_a_foreign_key => case(
        replacing!("books" => |d| d.entity(e::books_no_author_key::Entity)),
        ops(&["drop foreign key books", "(author_id) -> authors(id)"], &[], false),
    );
    changes_on_delete => case(
        replacing!("books" => |d| d.entity(e::books_cascade::Entity)),
        ops(&["drop foreign key books", "ON DELETE CASCADE"], &[], false),
    );
    creates_a_table_with_a_new_enum_type => case(
        replacing!("none" => |d| d.entity(e::publishers::Entity)),
        ops(&["create enum type publisherkind (press, imprint)", "create table publishers"], &[], false),
    );
    creates_a_table_referencing_an_existing_one => case(
        replacing!("none" => |d| d.entity(e::chapters::Entity)),
        ops(&["create table chapters"], &[], false),
    );
    drops_a_table => case(
        replacing!("loans" => |_d| ()),
        ops(&["drop table loans"], &[], true),
    );
    drops_a_parent_and_its_child_in_order => case(
        replacing!("books", "reviews" => |_d| ()),
        ops(&["drop table reviews", "drop table books", "drop enum type genre"], &[], true),
    );
    adds_an_enum_value_with_rows_present => Case {
        after_up: &[
            ("INSERT INTO books (author_id, title, genre) VALUES (2, 'Odes', 'poetry')", None),
            ("SELECT COUNT(*) FROM books WHERE genre = 'poetry'", Some("1")),
            ("DELETE FROM books WHERE genre = 'poetry'", None),
            ("SELECT COUNT(*) FROM reviews", Some("3")),
        ],
        ..case(
            replacing!("books" => |d| d.entity(e::books_more_genres::Entity)),
            ops(&["alter enum type genre: (fiction, history, science) -> (fiction, history, science, poetry)"], &[], false),
        )
    };
    removes_an_enum_value => Case {
        prepare: &["UPDATE books SET genre = 'history' WHERE genre = 'science'"],
        ..case(
            replacing!("books" => |d| d.entity(e::books_fewer_genres::Entity)),
            ops(&["alter enum type genre: (fiction, history, science) -> (fiction, history)"], &[], true),
        )
    };
    renames_a_table_keeping_its_rows => Case {
        renames: &["loans=lendings"],
        after_up: &[("SELECT borrower FROM lendings WHERE id = 1", Some("Zoë"))],
        ..case(
            replacing!("loans" => |d| d.entity(e::lendings::Entity)),
            ops(&["rename table loans to lendings"], &["drop table", "create table"], false),
        )
    };
    renames_a_column_keeping_its_values => Case {
        renames: &["authors.name=full_name"],
        after_up: &[("SELECT full_name FROM authors WHERE id = 2", Some("Émile ✅"))],
        ..case(
            replacing!("authors" => |d| d.entity(e::authors_full_name::Entity)),
            ops(&["rename column authors.name to full_name"], &["drop column", "add column"], false),
        )
    };
    a_possible_column_rename_is_not_guessed => case(
        replacing!("authors" => |d| d.entity(e::authors_full_name::Entity)),
        Expect::Refused("--rename authors.name=full_name"),
    );
    a_possible_table_rename_is_not_guessed => case(
        replacing!("loans" => |d| d.entity(e::lendings::Entity)),
        Expect::Refused("--rename loans=lendings"),
    );
    a_not_null_column_without_default_is_refused => case(
        replacing!("books" => |d| d.entity(e::books_isbn_required::Entity)),
        Expect::Refused("books.isbn is NOT NULL without a server default"),
    );
    nothing_changed_gives_no_migration => case(replacing!("none" => |_d| ()), Expect::Nothing);
}
