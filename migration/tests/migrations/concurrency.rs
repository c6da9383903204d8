//! The migration lock: concurrent migrators apply each migration once, and a held lock makes
//! a migrator wait a bounded time, then fail clearly.

use crate::support::{command, current, fails, fresh, head, succeeds, texts};
use migration::config::DatabaseUrl;
use migration::on_every_backend;
use migration::runner::{Options, lock, session::Session};
use migration::testing::Backend;
use std::time::{Duration, Instant};

async fn eight_concurrent_ups_apply_every_migration_exactly_once(backend: Backend) {
    let (db, _conn) = fresh(backend).await;
    let children: Vec<_> = (0..8)
        .map(|_| {
            command(Some(&db.url), &["up"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut progress = String::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let (stdout, stderr) = texts(&output);
        assert!(output.status.success(), "{stdout}\n{stderr}");
        assert!(stderr.is_empty(), "error output: {stderr}");
        progress.push_str(&stdout);
    }
    for plan in migration::plans() {
        let runs = progress
            .lines()
            .filter(|line| {
                line.starts_with("Running upgrade")
                    && line.contains(&format!("-> {},", plan.name()))
            })
            .count();
        assert_eq!(runs, 1, "{} ran {runs} times:\n{progress}", plan.name());
    }
    assert_eq!(current(&db.url), format!("{} (head)", head()));
    succeeds(&db.url, &["verify"]);
}

async fn a_held_lock_makes_up_fail_after_lock_wait_and_succeed_once_released(backend: Backend) {
    let (db, _conn) = fresh(backend).await;
    let url = DatabaseUrl::parse("TEST", &db.url).unwrap();
    let holder = Session::open(&url, &Options::default()).await.unwrap();
    let guard = lock::acquire(&holder, Duration::ZERO).await.unwrap();

    let started = Instant::now();
    let stderr = fails(&db.url, &["up", "--lock-wait", "1s"], 1);
    let waited = started.elapsed();
    assert!(
        stderr.contains("could not take the migration lock within 1.0 s"),
        "{stderr}"
    );
    let who = match backend {
        Backend::Postgres => format!("PostgreSQL backend pid {}", holder.pid().unwrap()),
        Backend::MySql => format!("MySQL connection id {}", holder.pid().unwrap()),
        Backend::Sqlite => format!("process {}", std::process::id()),
    };
    assert!(stderr.contains(&who), "{stderr}");
    assert!(
        waited >= Duration::from_millis(900),
        "gave up after {waited:?}"
    );
    assert!(waited < Duration::from_secs(10), "waited {waited:?}");
    assert_eq!(current(&db.url), "", "nothing may run without the lock");

    guard.release(&holder).await.unwrap();
    holder.close().await;
    succeeds(&db.url, &["up", "--lock-wait", "1s"]);
    assert_eq!(current(&db.url), format!("{} (head)", head()));
}

async fn the_lock_holder_can_be_read_without_taking_the_lock(backend: Backend) {
    let (db, _conn) = fresh(backend).await;
    let url = DatabaseUrl::parse("TEST", &db.url).unwrap();
    let runner = migration::Runner::new(url.clone(), Options::default()).unwrap();
    assert_eq!(
        runner.lock_holder().await.unwrap(),
        None,
        "nobody holds it yet"
    );

    let holder = Session::open(&url, &Options::default()).await.unwrap();
    let guard = lock::acquire(&holder, Duration::ZERO).await.unwrap();
    let who = match backend {
        Backend::Postgres => format!("PostgreSQL backend pid {}", holder.pid().unwrap()),
        Backend::MySql => format!("MySQL connection id {}", holder.pid().unwrap()),
        Backend::Sqlite => format!("process {}", std::process::id()),
    };
    let seen = runner.lock_holder().await.unwrap().unwrap_or_default();
    assert!(seen.contains(&who), "{seen}");
    // Reading it took nothing: the holder still has it, and releases it normally.
    assert!(runner.lock_holder().await.unwrap().is_some());
    guard.release(&holder).await.unwrap();
    holder.close().await;
    assert_eq!(runner.lock_holder().await.unwrap(), None, "released");
}

on_every_backend!(
    eight_concurrent_ups_apply_every_migration_exactly_once,
    a_held_lock_makes_up_fail_after_lock_wait_and_succeed_once_released,
    the_lock_holder_can_be_read_without_taking_the_lock,
);
