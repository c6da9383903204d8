//! Login, tokens, logout, expiry, admin-only routes and lockout.

use crate::support::{PASSWORD, Server, call, json, login, user};
use migration::on_every_backend;
use migration::testing::Backend;
use reqwest::Method;
use serde_json::json;

async fn the_full_auth_flow_works_and_revocation_sticks(backend: Backend) {
    let server = Server::start(backend).await;
    user(&server, "Amit.Sharma@LegalIndia.ai", "lawyer").await;

    let (status, body) = call(&server, Method::GET, "/me", None, None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("unauthenticated"))
    );

    let (status, body) = json(
        server
            .post(
                "/auth/login",
                None,
                &json!({"email": "amit.sharma@legalindia.ai", "password": PASSWORD}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let token = body["token"].as_str().unwrap().to_owned();
    assert!(token.len() >= 43, "256 bits in base64url: {token}");
    assert!(body["expires_at"].is_string());

    let (status, me) = call(&server, Method::GET, "/me", Some(&token), None).await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], "amit.sharma@legalindia.ai");
    assert!(me.get("password_hash").is_none());

    let (status, _) = call(&server, Method::POST, "/auth/logout", Some(&token), None).await;
    assert_eq!(status, 204);
    let (status, _) = call(&server, Method::GET, "/me", Some(&token), None).await;
    assert_eq!(status, 401, "a revoked token is refused");

    // Tokens are stored only as hashes.
    let conn = server._db.connect().await.unwrap();
    let stored: Vec<String> = entity::auth::api_token::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.token_hash)
        .collect();
    assert!(!stored.contains(&token));
    assert!(stored.contains(&api::auth::hash_token(&token)));
    server.running.stop().await;
}

async fn an_expired_token_is_refused(backend: Backend) {
    let server = Server::start(backend).await;
    let id = user(&server, "old@x.test", "lawyer").await;
    let conn = server._db.connect().await.unwrap();
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    let token = api::auth::issue(&conn, id, past).await.unwrap();
    let (status, body) = call(&server, Method::GET, "/me", Some(&token), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("unauthenticated"))
    );
    server.running.stop().await;
}

async fn admin_routes_refuse_a_lawyer_with_403(backend: Backend) {
    let server = Server::start(backend).await;
    user(&server, "admin@x.test", "admin").await;
    user(&server, "lawyer@x.test", "lawyer").await;
    let admin = login(&server, "admin@x.test").await;
    let lawyer = login(&server, "lawyer@x.test").await;
    let new_user = json!({"name": "Priya Patel", "email": "Priya@X.test", "password": "another long password", "role": "lawyer"});

    let (status, body) = call(
        &server,
        Method::POST,
        "/users",
        Some(&lawyer),
        Some(&new_user),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    let (status, _) = call(
        &server,
        Method::GET,
        "/admin/migrations",
        Some(&lawyer),
        None,
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = call(
        &server,
        Method::POST,
        "/admin/migrations/retry",
        Some(&lawyer),
        None,
    )
    .await;
    assert_eq!(status, 403);

    let (status, body) = call(
        &server,
        Method::POST,
        "/users",
        Some(&admin),
        Some(&new_user),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["email"], "priya@x.test");
    assert!(body["id"].as_i64().unwrap() > 0);
    let (status, body) = call(
        &server,
        Method::POST,
        "/users",
        Some(&admin),
        Some(&new_user),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("conflict")));
    let (status, body) = call(
        &server,
        Method::GET,
        "/admin/migrations",
        Some(&admin),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["state"], "applied");
    server.running.stop().await;
}

async fn a_token_acts_with_its_users_current_role(backend: Backend) {
    let server = Server::start(backend).await;
    let id = user(&server, "lawyer@x.test", "lawyer").await;
    let token = login(&server, "lawyer@x.test").await;
    let (status, me) = call(&server, Method::GET, "/me", Some(&token), None).await;
    assert_eq!(
        (status, me["id"].as_i64(), me["role"].as_str()),
        (200, Some(i64::from(id)), Some("lawyer"))
    );
    let (status, _) = call(
        &server,
        Method::GET,
        "/admin/migrations",
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 403);

    let conn = server._db.connect().await.unwrap();
    let set_role = |role: &'static str| {
        entity::legal::user::Entity::update_many()
            .col_expr(
                entity::legal::user::Column::Role,
                sea_orm::sea_query::Expr::val(role),
            )
            .exec(&conn)
    };
    set_role("admin").await.unwrap();
    let (_, me) = call(&server, Method::GET, "/me", Some(&token), None).await;
    assert_eq!(me["role"], "admin");
    let (status, _) = call(
        &server,
        Method::GET,
        "/admin/migrations",
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 200);

    // A role the code does not know grants nothing, not even a lawyer's access.
    set_role("paralegal").await.unwrap();
    let (status, body) = call(&server, Method::GET, "/clients", Some(&token), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (500, Some("internal_error"))
    );
    server.running.stop().await;
}

use sea_orm::EntityTrait;

on_every_backend!(
    a_token_acts_with_its_users_current_role,
    the_full_auth_flow_works_and_revocation_sticks,
    an_expired_token_is_refused,
    admin_routes_refuse_a_lawyer_with_403,
);
