//! Alembic's habits on the command line: `upgrade`/`downgrade`, offline `--sql` on `up` and
//! `down`, `current -v`, `heads -v`, and `history -r` ranges with `current` read as Alembic
//! reads them (both ends included; a relative start counts down from the end).

use crate::support::{current, fails, head, succeeds};
use migration::on_every_backend;
use migration::testing::{Backend, TestDb};

fn names() -> Vec<&'static str> {
    migration::plans().iter().map(|p| p.name()).collect()
}

/// The migration names `history` printed, newest first.
fn listed(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|line| line.split(" -> ").nth(1))
        .map(|rest| rest.split([' ', ',']).next().unwrap_or_default().to_owned())
        .collect()
}

fn newest_first(names: &[&str]) -> Vec<String> {
    names.iter().rev().map(|n| (*n).to_owned()).collect()
}

async fn history_ranges_with_current_match_alembic(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    let all = names();
    assert!(all.len() >= 6, "the test needs a history of six or more");
    succeeds(&db.url, &["up", "+5"]);
    let at = 4; // the fifth migration is current

    let from_current = succeeds(&db.url, &["history", "-r", "current:"]);
    assert_eq!(
        listed(&from_current),
        newest_first(&all[at..]),
        "{from_current}"
    );

    let last_four = succeeds(&db.url, &["history", "-r", "-3:current"]);
    assert_eq!(
        listed(&last_four),
        newest_first(&all[at - 3..=at]),
        "{last_four}"
    );

    let marked = succeeds(&db.url, &["history", "-r", "base:current", "-i"]);
    assert_eq!(listed(&marked), newest_first(&all[..=at]), "{marked}");
    let marked_lines: Vec<&str> = marked.lines().filter(|l| l.contains("(current)")).collect();
    assert_eq!(marked_lines.len(), 1, "{marked}");
    assert!(
        marked_lines[0].contains(&format!("-> {} (current)", all[at])),
        "{marked}"
    );

    // At head, `-3:current` is the last four.
    succeeds(&db.url, &["up"]);
    let at_head = succeeds(&db.url, &["history", "-r", "-3:current"]);
    let n = all.len();
    assert_eq!(listed(&at_head), newest_first(&all[n - 4..]), "{at_head}");
    let from_head = succeeds(&db.url, &["history", "-r", "current:"]);
    assert_eq!(
        listed(&from_head),
        newest_first(&all[n - 1..]),
        "{from_head}"
    );
    // Like Alembic, a range whose start is after its end is refused, not printed empty.
    let backwards = format!("{}:{}", all[3], all[1]);
    for range in ["head:base", "current:base", backwards.as_str()] {
        let stderr = fails(&db.url, &["history", "-r", range], 2);
        assert!(stderr.contains("oldest first"), "{range}: {stderr}");
    }
}

#[tokio::test]
async fn upgrade_and_downgrade_are_up_and_down() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let all = names();
    succeeds(&db.url, &["upgrade", "+2"]);
    assert_eq!(current(&db.url), all[1]);
    succeeds(&db.url, &["downgrade", "-1"]);
    assert_eq!(current(&db.url), all[0]);
    succeeds(&db.url, &["upgrade", "head"]);
    assert_eq!(current(&db.url), format!("{} (head)", head()));
}

#[tokio::test]
async fn up_and_down_with_sql_print_what_sql_prints_and_change_nothing() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let all = names();
    let up = succeeds(&db.url, &["up", "head", "--sql"]);
    assert_eq!(
        without_clock(&up),
        without_clock(&succeeds(&db.url, &["sql", "base:head"]))
    );
    assert!(up.contains("CREATE TABLE"), "{up}");
    let upgrade = succeeds(
        &db.url,
        &["upgrade", &format!("{}:{}", all[1], all[3]), "--sql"],
    );
    assert_eq!(
        without_clock(&upgrade),
        without_clock(&succeeds(
            &db.url,
            &["sql", &format!("{}:{}", all[1], all[3])]
        ))
    );

    let down = succeeds(&db.url, &["down", "base", "--sql"]);
    assert_eq!(
        without_clock(&down),
        without_clock(&succeeds(&db.url, &["sql", "head:base"]))
    );
    assert!(down.contains("DROP TABLE"), "{down}");
    let one = succeeds(&db.url, &["downgrade", "-1", "--sql"]);
    assert_eq!(
        without_clock(&one),
        without_clock(&succeeds(
            &db.url,
            &["sql", &format!("head:{}", all[all.len() - 2])]
        ))
    );
    assert_ne!(one, down);

    // Nothing ran: the database is still at base.
    assert_eq!(current(&db.url), "");
}

/// `text` with the `applied_at` second of each recorded migration blanked: two scripts printed
/// a second apart differ only there.
fn without_clock(text: &str) -> String {
    text.lines()
        .map(|line| match line.rsplit_once(", ") {
            Some((head, tail))
                if line.starts_with("INSERT INTO \"seaql_migrations\"")
                    && tail
                        .trim_end_matches(");")
                        .bytes()
                        .all(|b| b.is_ascii_digit()) =>
            {
                format!("{head}, <applied_at>);")
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn current_and_heads_in_verbose_show_the_revision_in_full() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let all = names();
    succeeds(&db.url, &["up", "+2"]);
    let verbose = succeeds(&db.url, &["current", "-v"]);
    assert!(
        verbose.starts_with("Current revision(s) for sqlite://"),
        "{verbose}"
    );
    for expected in [
        format!("Rev: {}\n", all[1]),
        format!("Parent: {}\n", all[0]),
        format!("Path: migration/src/{}.rs\n", all[1]),
        format!("Revision ID: {}\n", all[1]),
        "Create Date: ".to_owned(),
        "Applied: ".to_owned(),
    ] {
        assert!(verbose.contains(&expected), "{expected:?} in {verbose}");
    }

    let heads = succeeds(&db.url, &["heads", "--verbose"]);
    assert!(
        heads.starts_with(&format!("Rev: {} (head)\n", head())),
        "{heads}"
    );
    assert!(
        heads.contains(&format!("Path: migration/src/{}.rs", head())),
        "{heads}"
    );
    assert_eq!(
        succeeds(&db.url, &["heads"]).trim(),
        format!("{} (head)", head())
    );
}

on_every_backend!(history_ranges_with_current_match_alembic);
