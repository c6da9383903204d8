//! Private database servers with certificates from a CA made for the test: a PostgreSQL
//! instance (initdb into a temporary directory, a free loopback port) and, where MariaDB is
//! installed, a mariadbd likewise. Certificates come from the `openssl` command line: a CA, a
//! second CA that signed nothing of ours, and a server certificate for `localhost` only (so
//! `127.0.0.1` is a wrong host name). Everything is stopped and removed on drop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

/// As the system's `postgres` / `mysql` user when root (initdb refuses root), else as is.
fn as_user(user: &str, program: &Path) -> Command {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", user, "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run(command: &mut Command) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A temporary directory with the certificates, owned by `owner` so the server can read them.
pub struct Certificates {
    /// The directory (removed on drop).
    pub dir: PathBuf,
}

impl Certificates {
    /// A CA, a wrong CA, and a server certificate and key for `localhost` signed by the CA.
    pub fn new(owner: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "lexbase-tls-{}-{}",
            std::process::id(),
            free_port()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let openssl = |args: &[&str]| run(Command::new("openssl").args(args).current_dir(&dir));
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        for (name, subject) in [
            ("ca", "/CN=lexbase test CA"),
            ("wrong-ca", "/CN=another CA"),
        ] {
            let (key, crt) = (format!("{name}.key"), format!("{name}.crt"));
            let mut args = vec!["req", "-x509", "-days", "2", "-subj", subject];
            args.extend(ec);
            args.extend(["-keyout", &key, "-out", &crt]);
            openssl(&args);
        }
        let mut args = vec!["req", "-subj", "/CN=localhost", "-keyout", "server.key"];
        args.extend(ec);
        args.extend(["-out", "server.csr"]);
        openssl(&args);
        std::fs::write(
            dir.join("server.ext"),
            "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n\
             keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "server.ext",
            "-out",
            "server.crt",
        ]);
        let certificates = Self { dir };
        certificates.give_to(owner);
        certificates
    }

    /// A file in the directory.
    pub fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }

    fn give_to(&self, owner: &str) {
        use std::os::unix::fs::PermissionsExt;
        let key = self.dir.join("server.key");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        // Only root can (and must) hand the files to the server's user.
        let _ = Command::new("chown")
            .args(["-R", owner])
            .arg(&self.dir)
            .output();
    }
}

impl Drop for Certificates {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A private PostgreSQL with TLS on, trusting every loopback connection.
pub struct Postgres {
    /// The certificates (and the data directory inside it).
    pub certificates: Certificates,
    /// Its port on 127.0.0.1.
    pub port: u16,
    bin: PathBuf,
}

fn postgres_bin() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dir| dir.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    versions.sort();
    std::env::var_os("POSTGRES_BINDIR")
        .map(PathBuf::from)
        .or_else(|| versions.pop())
        .expect("PostgreSQL's server binaries (apt-get install postgresql)")
}

impl Postgres {
    /// Initialises and starts the server with the test CA's certificate.
    pub fn start() -> Self {
        let bin = postgres_bin();
        let certificates = Certificates::new("postgres");
        let data = certificates.dir.join("data");
        run(as_user("postgres", &bin.join("initdb")).args([
            "-D",
            &data.display().to_string(),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]));
        let port = free_port();
        let options = format!(
            "-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file={crt} \
             -c ssl_key_file={key} -c fsync=off -c synchronous_commit=off",
            dir = certificates.dir.display(),
            crt = certificates.path("server.crt"),
            key = certificates.path("server.key"),
        );
        run(as_user("postgres", &bin.join("pg_ctl")).args([
            "-D",
            &data.display().to_string(),
            "-l",
            &certificates.path("server.log"),
            "-w",
            "-t",
            "60",
            "start",
            "-o",
            &options,
        ]));
        Self {
            certificates,
            port,
            bin,
        }
    }

    /// `postgres://postgres@{host}:{port}/postgres` with `query` appended.
    pub fn url(&self, host: &str, query: &str) -> String {
        format!("postgres://postgres@{host}:{}/postgres?{query}", self.port)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.certificates.dir.join("data");
        let _ = as_user("postgres", &self.bin.join("pg_ctl"))
            .args([
                "-D",
                &data.display().to_string(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ])
            .output();
    }
}

/// A private mariadbd with TLS, its root user allowed in from loopback without a password.
pub struct MariaDb {
    /// The certificates (and the data directory inside it).
    pub certificates: Certificates,
    /// Its port on 127.0.0.1.
    pub port: u16,
    child: Child,
}

impl MariaDb {
    /// Installs a data directory and starts the server with the test CA's certificate.
    pub fn start() -> Self {
        let certificates = Certificates::new("mysql");
        let data = certificates.dir.join("data");
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        let user: Vec<String> = if root {
            vec!["--user=mysql".to_owned()]
        } else {
            Vec::new()
        };
        run(Command::new("mariadb-install-db")
            .arg("--no-defaults")
            .args(&user)
            .arg(format!("--datadir={}", data.display()))
            .args(["--auth-root-authentication-method=normal", "--skip-test-db"]));
        let port = free_port();
        let child = Command::new("/usr/sbin/mariadbd")
            .arg("--no-defaults")
            .args(&user)
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--port={port}"))
            .arg("--bind-address=127.0.0.1")
            .arg(format!("--socket={}", certificates.path("mysqld.sock")))
            .arg(format!("--pid-file={}", certificates.path("mysqld.pid")))
            .arg(format!("--log-error={}", certificates.path("server.log")))
            .arg(format!("--ssl-ca={}", certificates.path("ca.crt")))
            .arg(format!("--ssl-cert={}", certificates.path("server.crt")))
            .arg(format!("--ssl-key={}", certificates.path("server.key")))
            .arg("--innodb-flush-log-at-trx-commit=0")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start mariadbd");
        let server = Self {
            certificates,
            port,
            child,
        };
        for _ in 0..240 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
        let log = std::fs::read_to_string(server.certificates.dir.join("server.log"));
        panic!("mariadbd did not start: {log:?}");
    }

    /// `mysql://root@{host}:{port}/mysql` with `query` appended.
    pub fn url(&self, host: &str, query: &str) -> String {
        format!("mysql://root@{host}:{}/mysql?{query}", self.port)
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
