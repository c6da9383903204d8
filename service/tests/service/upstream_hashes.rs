//! Upstream (lindia) bcrypt password hashes: genuine ones sign in and are replaced by argon2id;
//! malformed ones never authenticate, and fail like a wrong password.

use crate::support::migrated;
use entity::legal::user as user_table;
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};
use service::Error;
use service::users::{self, Credentials};

const PASSWORD: &str = "Grundstück prüfen 🔑";

/// A user as lindia's database holds one: the hash written straight into the row.
async fn upstream_user(conn: &DatabaseConnection, email: &str, hash: &str) -> i32 {
    user_table::ActiveModel {
        name: Set("Lindia User".to_owned()),
        email: Set(email.to_owned()),
        password_hash: Set(hash.to_owned()),
        role: Set("lawyer".to_owned()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .unwrap()
    .id
}

/// A genuine bcrypt hash of `password` with the given prefix (cost 4: tests stay fast).
fn bcrypt_hash(password: &str, version: bcrypt::Version) -> String {
    bcrypt::hash_with_result(password, 4)
        .unwrap()
        .format_for_version(version)
}

fn login(email: &str, password: &str) -> Credentials {
    Credentials {
        email: email.to_owned(),
        password: password.to_owned(),
    }
}

async fn stored_hash(conn: &DatabaseConnection, id: i32) -> (String, i32) {
    let row = user_table::Entity::find_by_id(id)
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    (row.password_hash, row.failed_login_count)
}

async fn a_bcrypt_user_signs_in_and_the_hash_becomes_argon2id(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    for (i, version) in [
        bcrypt::Version::TwoB,
        bcrypt::Version::TwoA,
        bcrypt::Version::TwoY,
    ]
    .into_iter()
    .enumerate()
    {
        let email = format!("upstream{i}@example.test");
        let upstream = bcrypt_hash(PASSWORD, version);
        let id = upstream_user(&conn, &email, &upstream).await;

        let first = users::authenticate(&conn, &login(&email, PASSWORD))
            .await
            .unwrap_or_else(|e| panic!("{upstream}: {e:?}"));
        assert_eq!(first.id, id);
        let (rehashed, _) = stored_hash(&conn, id).await;
        assert!(
            rehashed.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{rehashed}"
        );
        assert!(!service::password::needs_rehash(&rehashed));

        // The second sign-in verifies the new argon2id hash, and leaves it as it is.
        let second = users::authenticate(&conn, &login(&email, PASSWORD))
            .await
            .unwrap();
        assert_eq!(second.id, id);
        assert_eq!(stored_hash(&conn, id).await.0, rehashed);
    }
}

async fn a_wrong_password_against_a_bcrypt_hash_is_refused_and_keeps_the_hash(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let upstream = bcrypt_hash(PASSWORD, bcrypt::Version::TwoB);
    let id = upstream_user(&conn, "upstream@example.test", &upstream).await;

    let refused =
        users::authenticate(&conn, &login("upstream@example.test", "Grundstuck pruefen")).await;
    assert!(
        matches!(refused, Err(Error::Unauthenticated)),
        "{refused:?}"
    );
    assert_eq!(stored_hash(&conn, id).await, (upstream, 1));
}

async fn a_malformed_upstream_hash_never_authenticates_and_is_an_ordinary_failure(
    backend: Backend,
) {
    let (_db, conn) = migrated(backend).await;
    let placeholders = [
        "$2b$12$dummy_hash_1",
        "$2a$10$",
        "$2y$99$abcdefghijklmnopqrstuuAbcdefghijklmnopqrstuvwxyz012345",
        "",
        "plain text password",
    ];
    for (i, placeholder) in placeholders.into_iter().enumerate() {
        let email = format!("placeholder{i}@example.test");
        let id = upstream_user(&conn, &email, placeholder).await;
        // Not even the placeholder itself, nor an empty password, signs in.
        for password in [placeholder, "", PASSWORD] {
            let refused = users::authenticate(&conn, &login(&email, password)).await;
            assert!(
                matches!(refused, Err(Error::Unauthenticated)),
                "{placeholder:?} with {password:?}: {refused:?}"
            );
        }
        assert_eq!(stored_hash(&conn, id).await, (placeholder.to_owned(), 3));
    }
}

on_every_backend!(
    a_bcrypt_user_signs_in_and_the_hash_becomes_argon2id,
    a_wrong_password_against_a_bcrypt_hash_is_refused_and_keeps_the_hash,
    a_malformed_upstream_hash_never_authenticates_and_is_an_ordinary_failure,
);
