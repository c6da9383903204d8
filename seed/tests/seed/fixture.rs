//! `seed`: the dev fixture, default sources and compliance sample, idempotent and safe to run
//! concurrently.

use crate::support::{count, migrated, run_four_at_once, seed_command, seed_ok, summary_row};
use entity::legal::user;
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Rows per table after `seed` on an empty database.
const EXPECTED: [(&str, i64); 9] = [
    ("users", 2),
    ("clients", 2),
    ("cases", 1),
    ("property_opinions", 1),
    ("sources", 3),
    ("compliance_sections", 23),
    ("compliance_questions", 45),
    ("compliance_indicators", 83),
    ("compliance_deficiencies", 45),
];

async fn seeding_twice_creates_nothing_the_second_time(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let first = seed_ok(&db, &[]);
    for (table, n) in EXPECTED {
        assert_eq!(summary_row(&first, table), (n as u64, 0, 0), "{table}");
    }
    assert_eq!(first.matches("Created user: ").count(), 2, "{first}");

    let second = seed_ok(&db, &[]);
    for (table, n) in EXPECTED {
        assert_eq!(summary_row(&second, table), (0, 0, n as u64), "{table}");
        assert_eq!(count(&conn, table).await, n, "{table}");
    }
    assert!(!second.contains("Created user"), "{second}");
    assert_eq!(second.matches("User already exists: ").count(), 2);
}

async fn four_seeders_at_once_all_succeed_without_duplicates(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let outputs = run_four_at_once(&db, &[]);
    let mut created_users = 0;
    let mut created = vec![0u64; EXPECTED.len()];
    for output in &outputs {
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{}\n{stdout}",
            String::from_utf8_lossy(&output.stderr)
        );
        created_users += stdout.matches("Created user: ").count();
        for (i, (table, n)) in EXPECTED.iter().enumerate() {
            let (c, u, p) = summary_row(&stdout, table);
            assert_eq!(c + u + p, *n as u64, "{table}: {stdout}");
            created[i] += c;
        }
    }
    assert_eq!(created_users, 2);
    for (i, (table, n)) in EXPECTED.iter().enumerate() {
        assert_eq!(count(&conn, table).await, *n, "{table}");
        assert_eq!(created[i], *n as u64, "{table} created once in all");
    }
}

async fn stored_passwords_are_argon2id_phc_strings_that_verify(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    seed_ok(&db, &[]);
    let users = user::Entity::find().all(&conn).await.unwrap();
    assert_eq!(users.len(), 2);
    for u in users {
        assert!(
            u.password_hash
                .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{}",
            u.password_hash
        );
        assert!(
            service::password::verify("correct horse battery staple", &u.password_hash).unwrap()
        );
        assert_eq!(u.role, "lawyer");
    }
}

async fn a_generated_password_is_printed_once_and_verifies(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let output = seed_command(&db, &[])
        .env_remove("SEED_DEFAULT_PASSWORD")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Created user: amit.sharma@legalindia.ai"))
        .unwrap();
    let password = line
        .split("generated password: ")
        .nth(1)
        .unwrap()
        .trim_end_matches(')');
    assert!(password.len() >= 20, "{password}");
    let amit = user::Entity::find()
        .filter(user::Column::Email.eq("amit.sharma@legalindia.ai"))
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert!(service::password::verify(password, &amit.password_hash).unwrap());

    let again = seed_command(&db, &[])
        .env_remove("SEED_DEFAULT_PASSWORD")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&again.stdout).contains(password));
}

async fn the_default_sources_go_only_into_an_empty_table(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    sea_orm::ConnectionTrait::execute_unprepared(
        &conn,
        "INSERT INTO sources (provider, type, domain) VALUES ('Own', 'crawler', 'own.example')",
    )
    .await
    .unwrap();
    let stdout = seed_ok(&db, &[]);
    assert_eq!(summary_row(&stdout, "sources"), (0, 0, 3));
    assert_eq!(count(&conn, "sources").await, 1);
}

on_every_backend!(
    seeding_twice_creates_nothing_the_second_time,
    four_seeders_at_once_all_succeed_without_duplicates,
    stored_passwords_are_argon2id_phc_strings_that_verify,
    a_generated_password_is_printed_once_and_verifies,
    the_default_sources_go_only_into_an_empty_table,
);

async fn seed_admin_creates_an_admin_once_who_can_sign_in(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let run = |email: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_seed"))
            .args(["admin", "--email", email])
            .env("DATABASE_URL", &db.url)
            .env_remove("SEED_DEFAULT_PASSWORD")
            .output()
            .unwrap()
    };
    let first = run("Root@Example.test");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let stdout = String::from_utf8_lossy(&first.stdout).to_string();
    let password = stdout
        .split("generated password: ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap_or_else(|| panic!("no password in {stdout}"))
        .to_owned();
    let user = service::users::authenticate(
        &conn,
        &service::users::Credentials {
            email: "root@example.test".to_owned(),
            password,
        },
    )
    .await
    .unwrap();
    assert_eq!(user.role, service::Role::Admin);

    let second = run("root@example.test");
    assert!(second.status.success());
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(
        stdout.contains("User already exists: root@example.test"),
        "{stdout}"
    );
    assert!(!stdout.contains("password"), "{stdout}");

    let bad = run("not-an-email");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("email"));
}

on_every_backend!(seed_admin_creates_an_admin_once_who_can_sign_in);
