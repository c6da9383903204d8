//! A private PgBouncer (Debian's `pgbouncer`, 1.18 here) in transaction-pooling mode in front
//! of the test PostgreSQL: its own port, configuration and auth file in a temporary directory,
//! stopped and removed when the handle is dropped; and the API behind it.

mod replicas;

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running PgBouncer.
pub struct PgBouncer {
    /// Where it listens (127.0.0.1).
    pub port: u16,
    dir: PathBuf,
    child: Child,
}

fn binary() -> PathBuf {
    ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .expect("pgbouncer is not installed: apt-get install -y pgbouncer (see README)")
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Whether this process runs as root (PgBouncer refuses to; it then runs as `postgres`).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl PgBouncer {
    /// Starts PgBouncer in front of the server of `server_url` (a `postgres://` URL).
    pub fn start(server_url: &str) -> Self {
        let server = url::Url::parse(server_url).unwrap();
        let host = server.host_str().unwrap_or("127.0.0.1").to_owned();
        let backend_port = server.port().unwrap_or(5432);
        let user = if server.username().is_empty() {
            "postgres".to_owned()
        } else {
            server.username().to_owned()
        };
        let password = server.password().unwrap_or_default().to_owned();
        let port = free_port();
        let dir =
            std::env::temp_dir().join(format!("lexbase-pgbouncer-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        write(
            &dir.join("userlist.txt"),
            &format!("{} {}\n", quoted(&user), quoted(&password)),
        );
        let auth_type = if password.is_empty() {
            "trust"
        } else {
            "plain"
        };
        write(
            &dir.join("pgbouncer.ini"),
            &format!(
                "[databases]\n\
                 * = host={host} port={backend_port}\n\
                 [pgbouncer]\n\
                 listen_addr = 127.0.0.1\n\
                 listen_port = {port}\n\
                 unix_socket_dir =\n\
                 auth_type = {auth_type}\n\
                 auth_file = {auth}\n\
                 pidfile = {pid}\n\
                 pool_mode = transaction\n\
                 ignore_startup_parameters = extra_float_digits\n\
                 max_client_conn = 500\n\
                 default_pool_size = 6\n\
                 server_round_robin = 1\n",
                auth = dir.join("userlist.txt").display(),
                pid = dir.join("pgbouncer.pid").display(),
            ),
        );
        let mut command = Command::new(binary());
        if is_root() {
            let _ = Command::new("chown")
                .args(["-R", "postgres", &dir.display().to_string()])
                .status();
            command.args(["-u", "postgres"]);
        }
        let log = std::fs::File::create(dir.join("stderr.log")).unwrap();
        let child = command
            .arg(dir.join("pgbouncer.ini"))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut bouncer = Self { port, dir, child };
        bouncer.wait_until_listening();
        bouncer
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("pgbouncer exited ({status}): {}", self.log());
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("pgbouncer did not listen within 10 s: {}", self.log());
    }

    /// What PgBouncer wrote to its log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("stderr.log")).unwrap_or_default()
    }

    /// `url` (a test database's URL) with its host and port replaced by PgBouncer's.
    pub fn url_for(&self, url: &str) -> String {
        let mut parsed = url::Url::parse(url).unwrap();
        parsed.set_host(Some("127.0.0.1")).unwrap();
        parsed.set_port(Some(self.port)).unwrap();
        parsed.to_string()
    }
}

fn write(path: &Path, text: &str) {
    std::fs::File::create(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .unwrap();
}

impl Drop for PgBouncer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
