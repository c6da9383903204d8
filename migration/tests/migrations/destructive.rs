//! A rollback that would drop rows is refused without `--force`; `--backup` writes a copy
//! that the printed command restores.

use crate::support::{count, current, exec, fails, fresh, head, scalar, succeeds};
use migration::on_every_backend;
use migration::testing::Backend;

async fn a_rollback_that_drops_rows_is_refused_unless_forced_and_the_backup_restores_them(
    backend: Backend,
) {
    let (db, conn) = fresh(backend).await;
    succeeds(&db.url, &["up"]);
    // Rolling back a migration whose tables and columns hold nothing needs no force.
    succeeds(&db.url, &["down", "-1"]);
    succeeds(&db.url, &["up"]);
    exec(&conn, "INSERT INTO users (name, email, password_hash, role) VALUES ('Amit Sharma', 'amit.sharma@legalindia.ai', 'h', 'lawyer')").await;
    exec(
        &conn,
        "INSERT INTO clients (lawyer_id, name) VALUES (1, 'Tech Solutions Pvt Ltd')",
    )
    .await;

    for args in [&["down", "base"][..], &["reset"], &["refresh"], &["fresh"]] {
        let stderr = fails(&db.url, args, 1);
        assert!(
            stderr.contains("refusing to drop data without --force"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("table users (1 row)"), "{stderr}");
        assert!(stderr.contains("table clients (1 row)"), "{stderr}");
    }
    assert_eq!(
        current(&db.url),
        format!("{} (head)", head()),
        "nothing was rolled back"
    );

    let unique: String = db
        .url
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let dir = std::env::temp_dir().join("lexbase-backups").join(unique);
    let dir_text = dir.to_string_lossy().into_owned();
    let stdout = succeeds(&db.url, &["down", "base", "--force", "--backup", &dir_text]);
    assert_eq!(current(&db.url), "");
    let restore = stdout
        .lines()
        .find_map(|line| line.strip_prefix("Restore with: "))
        .unwrap_or_else(|| panic!("no restore command in:\n{stdout}"))
        .to_owned();

    if backend == Backend::Sqlite {
        conn.close_by_ref().await.unwrap();
    }
    let status = std::process::Command::new("sh")
        .args(["-c", &restore])
        .status()
        .unwrap();
    assert!(status.success(), "{restore}");
    let _ = std::fs::remove_dir_all(&dir);

    let conn = db.connect().await.unwrap();
    assert_eq!(count(&conn, "users").await, 1);
    assert_eq!(
        scalar(&conn, "SELECT name FROM clients").await.as_deref(),
        Some("Tech Solutions Pvt Ltd")
    );
    assert_eq!(
        current(&db.url),
        format!("{} (head)", head()),
        "the backup holds the tracking rows too"
    );
    assert_eq!(succeeds(&db.url, &["verify"]).lines().count(), 1);
}

on_every_backend!(a_rollback_that_drops_rows_is_refused_unless_forced_and_the_backup_restores_them);
