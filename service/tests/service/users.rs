//! Registration, sign-in, lockout, re-hashing and password changes.

use crate::support::{MISSING, assert_not_found, migrated, user};
use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{Duration, Utc};
use entity::legal::user as user_table;
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use service::users::{self, Credentials, NewUser, PasswordChange};
use service::{Error, Role};

const PASSWORD: &str = "correct horse battery staple";

fn new_user(email: &str) -> NewUser {
    NewUser {
        name: "Amit Sharma".to_owned(),
        email: email.to_owned(),
        password: PASSWORD.to_owned(),
        role: "lawyer".to_owned(),
    }
}

fn login(email: &str, password: &str) -> Credentials {
    Credentials {
        email: email.to_owned(),
        password: password.to_owned(),
    }
}

async fn stored(conn: &DatabaseConnection, id: i32) -> user_table::Model {
    user_table::Entity::find_by_id(id)
        .one(conn)
        .await
        .unwrap()
        .unwrap()
}

async fn registration_stores_a_lower_cased_email_and_an_argon2id_hash(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let created = users::register(&conn, &new_user("Amit.Sharma@LegalIndia.AI"))
        .await
        .unwrap();
    assert_eq!(created.email, "amit.sharma@legalindia.ai");
    assert_eq!(created.role, Role::Lawyer);
    let row = stored(&conn, created.id).await;
    assert!(
        row.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$")
    );

    // The same address in another case is the same account.
    let again = users::register(&conn, &new_user("AMIT.SHARMA@legalindia.ai")).await;
    assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");

    // Signing in works with the address in any case, and nobody else can look the user up.
    let signed_in = users::authenticate(&conn, &login("amit.sharma@LEGALINDIA.ai", PASSWORD))
        .await
        .unwrap();
    assert_eq!(signed_in, created);
    let other = user(&conn, "Priya", "lawyer").await;
    assert_not_found(
        users::find_by_id(&conn, other, created.id).await,
        "find_by_id",
    );
    assert_not_found(
        users::find_by_id(&conn, created.actor(), MISSING).await,
        "missing",
    );
    assert_eq!(
        users::find_by_id(&conn, created.actor(), created.id)
            .await
            .unwrap(),
        created
    );
}

async fn failures_are_counted_never_lock_the_account_and_a_success_resets_them(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = users::register(&conn, &new_user("amit@example.test"))
        .await
        .unwrap();

    // Failures are counted (concurrent ones too) ...
    let failures =
        (0..12).map(|_| {
            let conn = conn.clone();
            async move {
                users::authenticate(&conn, &login("amit@example.test", "wrong password!")).await
            }
        });
    for failed in futures::future::join_all(failures).await {
        assert!(matches!(failed, Err(Error::Unauthenticated)), "{failed:?}");
    }
    let row = stored(&conn, amit.id).await;
    assert_eq!((row.failed_login_count, row.locked_until), (12, None));

    // ... but never lock: the right password still signs in, and resets the count. Throttling
    // is the caller's (the API's) job, per client address.
    users::authenticate(&conn, &login("amit@example.test", PASSWORD))
        .await
        .unwrap();
    assert_eq!(stored(&conn, amit.id).await.failed_login_count, 0);

    // A lock left by an earlier version is cleared by a success too.
    user_table::Entity::update_many()
        .col_expr(
            user_table::Column::LockedUntil,
            Expr::val(Utc::now() + Duration::minutes(10)),
        )
        .filter(user_table::Column::Id.eq(amit.id))
        .exec(&conn)
        .await
        .unwrap();
    users::authenticate(&conn, &login("amit@example.test", PASSWORD))
        .await
        .unwrap();
    assert_eq!(stored(&conn, amit.id).await.locked_until, None);
}

/// Counts the hashing work it is given, and runs it in place.
#[derive(Default)]
struct Counting(std::sync::atomic::AtomicUsize);

impl users::Hashing for Counting {
    fn run<T, F>(&self, work: F) -> impl std::future::Future<Output = service::Result<T>> + Send
    where
        T: Send + 'static,
        F: FnOnce() -> service::Result<T> + Send + 'static,
    {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        std::future::ready(work())
    }
}

impl Counting {
    fn take(&self) -> usize {
        self.0.swap(0, std::sync::atomic::Ordering::SeqCst)
    }
}

/// Argon2 runs only through the executor (one verification per attempt, one hash per
/// re-hash or registration). The executor takes a synchronous closure, so the sign-in's
/// database statements cannot run inside it: they stay on the caller's async task.
async fn sign_in_hashes_only_through_the_executor(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let hashing = Counting::default();
    users::register_with(&conn, &new_user("amit@example.test"), &hashing)
        .await
        .unwrap();
    assert_eq!(hashing.take(), 1, "registration hashes once");
    users::authenticate_with(&conn, &login("amit@example.test", PASSWORD), &hashing)
        .await
        .unwrap();
    assert_eq!(hashing.take(), 1, "a sign-in verifies once");
    let wrong = users::authenticate_with(
        &conn,
        &login("amit@example.test", "nope nope nope"),
        &hashing,
    )
    .await;
    assert!(matches!(wrong, Err(Error::Unauthenticated)));
    assert_eq!(hashing.take(), 1);
    let unknown =
        users::authenticate_with(&conn, &login("who@example.test", PASSWORD), &hashing).await;
    assert!(matches!(unknown, Err(Error::Unauthenticated)));
    assert_eq!(
        hashing.take(),
        1,
        "an unknown address costs one verification too"
    );
}

async fn an_unknown_email_fails_exactly_like_a_wrong_password(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    users::register(&conn, &new_user("amit@example.test"))
        .await
        .unwrap();
    let unknown = users::authenticate(&conn, &login("nobody@example.test", PASSWORD)).await;
    let wrong = users::authenticate(&conn, &login("amit@example.test", "wrong password!")).await;
    let nul = users::authenticate(&conn, &login("amit@example.test\0", PASSWORD)).await;
    for result in [&unknown, &wrong, &nul] {
        assert!(matches!(result, Err(Error::Unauthenticated)), "{result:?}");
    }
    assert_eq!(
        unknown.unwrap_err().to_string(),
        wrong.unwrap_err().to_string()
    );
}

async fn signing_in_rehashes_a_password_made_with_old_parameters(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = users::register(&conn, &new_user("amit@example.test"))
        .await
        .unwrap();
    let weak = Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(8, 1, 1, None).unwrap(),
    )
    .hash_password(PASSWORD.as_bytes(), &SaltString::generate(&mut OsRng))
    .unwrap()
    .to_string();
    user_table::Entity::update_many()
        .col_expr(user_table::Column::PasswordHash, Expr::val(weak.clone()))
        .filter(user_table::Column::Id.eq(amit.id))
        .exec(&conn)
        .await
        .unwrap();

    users::authenticate(&conn, &login("amit@example.test", PASSWORD))
        .await
        .unwrap();
    let rehashed = stored(&conn, amit.id).await.password_hash;
    assert_ne!(rehashed, weak);
    assert!(
        rehashed.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{rehashed}"
    );
    assert!(service::password::verify(PASSWORD, &rehashed).unwrap());
}

async fn changing_the_password_needs_the_current_one(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let amit = users::register(&conn, &new_user("amit@example.test"))
        .await
        .unwrap();
    let change = |current: &str, new: &str| PasswordChange {
        current_password: current.to_owned(),
        new_password: new.to_owned(),
    };
    let wrong = users::change_password(
        &conn,
        amit.actor(),
        &change("not it at all", "a new long password"),
    )
    .await;
    assert!(matches!(wrong, Err(Error::Unauthenticated)), "{wrong:?}");
    let short = users::change_password(&conn, amit.actor(), &change(PASSWORD, "short")).await;
    assert!(
        crate::support::field_errors(short)
            .get("new_password")
            .len()
            == 1
    );

    users::change_password(
        &conn,
        amit.actor(),
        &change(PASSWORD, "a new long password"),
    )
    .await
    .unwrap();
    let old = users::authenticate(&conn, &login("amit@example.test", PASSWORD)).await;
    assert!(matches!(old, Err(Error::Unauthenticated)), "{old:?}");
    users::authenticate(&conn, &login("amit@example.test", "a new long password"))
        .await
        .unwrap();
}

async fn a_taken_address_is_skipped_and_the_transaction_goes_on(backend: Backend) {
    let (_db, conn) = migrated(backend).await;
    let txn = conn.begin().await.unwrap();
    let first = users::register_unless_taken(&txn, &new_user("amit@x.test"))
        .await
        .unwrap()
        .expect("a new address is registered");
    let again = users::register_unless_taken(&txn, &new_user("AMIT@x.test"))
        .await
        .unwrap();
    assert_eq!(again, None, "a taken address is not registered twice");
    // The duplicate did not poison the transaction (PostgreSQL aborts one on any error).
    let second = users::register_unless_taken(&txn, &new_user("priya@x.test"))
        .await
        .unwrap()
        .expect("the transaction is still usable");
    txn.commit().await.unwrap();
    let emails: Vec<String> = user_table::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(emails.len(), 2, "{emails:?}");
    assert!(emails.contains(&first.email) && emails.contains(&second.email));

    // Validation still applies: a short password is refused, not skipped.
    let mut short = new_user("short@x.test");
    short.password = "elevenbytes".to_owned();
    let refused = users::register_unless_taken(&conn, &short).await;
    assert!(matches!(refused, Err(Error::Validation(_))), "{refused:?}");
}

on_every_backend!(
    a_taken_address_is_skipped_and_the_transaction_goes_on,
    registration_stores_a_lower_cased_email_and_an_argon2id_hash,
    failures_are_counted_never_lock_the_account_and_a_success_resets_them,
    an_unknown_email_fails_exactly_like_a_wrong_password,
    sign_in_hashes_only_through_the_executor,
    signing_in_rehashes_a_password_made_with_old_parameters,
    changing_the_password_needs_the_current_one,
);
