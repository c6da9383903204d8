//! Starting a server on a fresh database and talking to it.

use api::config::Config;
use api::server::Running;
use migration::testing::{Backend, TestDb};
use reqwest::{Client, Response};
use serde_json::Value;
use std::collections::HashMap;

/// A long enough operator token for tests.
pub const OPERATOR_TOKEN: &str = "operator-token-for-tests-0123456789abcdef";

/// A server on its own database.
pub struct Server {
    /// Kept so the database outlives the server (dropped after it).
    pub _db: TestDb,
    pub running: Running,
    pub http: Client,
}

/// Configuration for a server on `db`, port 0, with `extra` variables.
pub fn config(db: &TestDb, extra: &[(&str, &str)]) -> Config {
    let mut vars: HashMap<String, String> = HashMap::from([
        ("DATABASE_URL".to_owned(), db.url.clone()),
        ("PORT".to_owned(), "0".to_owned()),
        ("DB_CONNECT_RETRIES".to_owned(), "2".to_owned()),
        ("DB_MAX_CONNECTIONS".to_owned(), "8".to_owned()),
        ("OPERATOR_TOKEN".to_owned(), OPERATOR_TOKEN.to_owned()),
        ("MIGRATION_LOCK_WAIT".to_owned(), "20s".to_owned()),
        ("METRICS_ADDR".to_owned(), "127.0.0.1:0".to_owned()),
    ]);
    for (k, v) in extra {
        vars.insert((*k).to_owned(), (*v).to_owned());
    }
    Config::from_lookup(&move |name| vars.get(name).cloned()).expect("test config")
}

impl Server {
    /// A server on a fresh database that migrates itself at start-up.
    pub async fn start(backend: Backend) -> Self {
        let db = TestDb::create(backend).await.expect("test database");
        Self::start_on(db, &[]).await
    }

    /// A server on `db` with `extra` configuration.
    pub async fn start_on(db: TestDb, extra: &[(&str, &str)]) -> Self {
        let running = api::start(config(&db, extra)).await.expect("server starts");
        Self {
            _db: db,
            running,
            http: Client::new(),
        }
    }

    /// `http://addr{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.running.addr)
    }

    /// GET with an optional bearer token.
    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut request = self.http.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request")
    }

    /// POST JSON with an optional bearer token.
    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        let mut request = self.http.post(self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request")
    }
}

/// Status and JSON body of a response.
pub async fn json(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

/// Creates a user straight through the service layer and returns its id.
pub async fn user(server: &Server, email: &str, role: &str) -> i32 {
    let conn = server._db.connect().await.unwrap();
    let input = service::users::NewUser {
        name: format!("User {email}"),
        email: email.to_owned(),
        password: PASSWORD.to_owned(),
        role: role.to_owned(),
    };
    service::users::register(&conn, &input).await.unwrap().id
}

/// The password of every test user.
pub const PASSWORD: &str = "correct horse battery staple";

/// Logs in and returns the token.
pub async fn login(server: &Server, email: &str) -> String {
    let (status, body) = json(
        server
            .post(
                "/auth/login",
                None,
                &serde_json::json!({"email": email, "password": PASSWORD}),
            )
            .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["token"].as_str().unwrap().to_owned()
}

/// Sends `method path` with an optional token and JSON body.
pub async fn call(
    server: &Server,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut request = server.http.request(method, server.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    json(request.send().await.unwrap()).await
}

/// An HTTP client whose requests come from `address` (any of 127.0.0.0/8 on loopback), to
/// act as distinct client addresses.
pub fn client_from(address: [u8; 4]) -> Client {
    Client::builder()
        .local_address(std::net::IpAddr::from(address))
        .build()
        .unwrap()
}

/// A user with `role` that is signed in: its token.
pub async fn signed_in(server: &Server, email: &str, role: &str) -> String {
    user(server, email, role).await;
    login(server, email).await
}
