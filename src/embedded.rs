//! The embedded default: a private PostgreSQL cluster that geniai creates and runs itself.
//!
//! When no `--database-url` / `DATABASE_URL` is given, geniai keeps its analytics database in a
//! cluster under `GENIAI_HOME`, built from the PostgreSQL server binaries installed on the
//! machine. The server listens only on a Unix socket inside its own directory. PostgreSQL refuses
//! to run as root, so when geniai runs as root the server runs as the `postgres` system user, and
//! the directories it needs are handed to that user.
//!
//! The test harness reuses [`Cluster`] to run its throwaway server.

use std::fs::{self, File};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result, bail};
use nix::unistd::{Uid, User};

/// The superuser and database created inside the embedded cluster.
pub const EMBEDDED_USER: &str = "geniai";
/// The database geniai keeps its analytics in, inside the embedded cluster.
pub const EMBEDDED_DATABASE: &str = "geniai";

const INSTALL_HINT: &str = "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found. \
Install them (Debian/Ubuntu: `apt-get install -y postgresql`; Fedora: `dnf install postgresql-server`; \
macOS: `brew install postgresql@15`), or point geniai at an existing server with --database-url / DATABASE_URL.";

/// Where geniai keeps its embedded cluster when `GENIAI_HOME` is not set.
///
/// Root's home is usually mode 700, which the unprivileged server user cannot enter, so as root
/// the default is `/var/lib/geniai`.
pub fn default_home() -> PathBuf {
    if Uid::effective().is_root() {
        PathBuf::from("/var/lib/geniai")
    } else {
        dirs::data_dir().unwrap_or_else(|| PathBuf::from(".local/share")).join("geniai")
    }
}

/// Finds the directory holding `initdb`, `pg_ctl` and `postgres`.
///
/// Looks at `pg_config --bindir`, then `PATH`, then the newest `/usr/lib/postgresql/*/bin`.
pub fn find_server_bindir() -> Result<PathBuf> {
    let has_server = |dir: &Path| ["initdb", "pg_ctl", "postgres"].iter().all(|b| dir.join(b).is_file());

    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if has_server(&dir) {
            return Ok(dir);
        }
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if has_server(&dir) {
                return Ok(dir);
            }
        }
    }
    let mut versioned: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_server(dir))
        .collect();
    versioned.sort();
    match versioned.pop() {
        Some((_, dir)) => Ok(dir),
        None => bail!(INSTALL_HINT),
    }
}

/// The account the server processes run as.
#[derive(Debug, Clone)]
enum ServerUser {
    /// The invoking user (geniai is not root).
    Current,
    /// An unprivileged system user, because geniai runs as root.
    Dropped { name: String, uid: Uid, gid: nix::unistd::Gid },
}

impl ServerUser {
    fn detect() -> Result<Self> {
        if !Uid::effective().is_root() {
            return Ok(ServerUser::Current);
        }
        let user = User::from_name("postgres").context("looking up the `postgres` system user")?.context(
            "geniai runs as root, and PostgreSQL refuses to run as root; create an unprivileged \
                 `postgres` system user (installing the postgresql package does this) or run geniai \
                 as another user",
        )?;
        Ok(ServerUser::Dropped { name: user.name, uid: user.uid, gid: user.gid })
    }

    fn command(&self, program: PathBuf, home: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(home);
        if let ServerUser::Dropped { uid, gid, name } = self {
            cmd.uid(uid.as_raw()).gid(gid.as_raw()).env("USER", name).env("HOME", home);
        }
        cmd
    }

    /// Hands `path` to the server user, so that it can write there.
    fn adopt(&self, path: &Path) -> Result<()> {
        if let ServerUser::Dropped { uid, gid, .. } = self {
            std::os::unix::fs::chown(path, Some(uid.as_raw()), Some(gid.as_raw()))
                .with_context(|| format!("handing {} to the server user", path.display()))?;
        }
        Ok(())
    }

    /// Fails with a clear message when the server user cannot traverse to `path`.
    fn check_reachable(&self, path: &Path) -> Result<()> {
        let ServerUser::Dropped { name, uid, gid } = self else { return Ok(()) };
        for ancestor in path.ancestors().skip(1) {
            let Ok(meta) = fs::metadata(ancestor) else { continue };
            use std::os::unix::fs::MetadataExt;
            let mode = meta.mode();
            let can_enter = if meta.uid() == uid.as_raw() {
                mode & 0o100 != 0
            } else if meta.gid() == gid.as_raw() {
                mode & 0o010 != 0
            } else {
                mode & 0o001 != 0
            };
            if !can_enter {
                bail!(
                    "the server runs as the `{name}` user, which cannot enter {} (mode {:o}); \
                     choose a GENIAI_HOME it can reach, such as /var/lib/geniai",
                    ancestor.display(),
                    mode & 0o7777
                );
            }
        }
        Ok(())
    }
}

/// Whether the server of a cluster is running, as `geniai db status` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterState {
    /// No cluster has been created under this home yet.
    NotInitialized,
    /// The cluster exists but its server is stopped.
    Stopped,
    /// The server is running and accepts connections on its socket.
    Running,
}

/// Extra server settings, written into `postgresql.conf` when the cluster is created.
#[derive(Debug, Clone, Default)]
pub struct ClusterOptions {
    /// Trade durability for speed (fsync off). Only for throwaway test clusters.
    pub ephemeral: bool,
    /// Also listen on this TCP port on localhost (normally: socket only).
    pub tcp_port: Option<u16>,
}

/// A PostgreSQL cluster living under one geniai home directory.
#[derive(Debug, Clone)]
pub struct Cluster {
    home: PathBuf,
    bindir: PathBuf,
    server_user: ServerUser,
}

impl Cluster {
    /// Describes the cluster under `home`, without touching it.
    pub fn new(home: impl Into<PathBuf>) -> Result<Self> {
        Ok(Cluster { home: home.into(), bindir: find_server_bindir()?, server_user: ServerUser::detect()? })
    }

    /// The geniai home directory.
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// The server's data directory (its `postmaster.pid` names the running server).
    pub fn data_dir(&self) -> PathBuf {
        self.home.join("pgdata")
    }

    /// The directory holding the server's Unix socket.
    pub fn socket_dir(&self) -> PathBuf {
        self.home.join("run")
    }

    fn log_file(&self) -> PathBuf {
        self.home.join("postgres.log")
    }

    /// The connection URL of the geniai database, usable by psql and by geniai itself.
    pub fn url(&self) -> String {
        self.url_for(EMBEDDED_DATABASE)
    }

    /// The connection URL of another database in this cluster.
    pub fn url_for(&self, database: &str) -> String {
        format!("postgresql://{EMBEDDED_USER}@localhost/{database}?host={}", self.socket_dir().display())
    }

    /// Reports whether the cluster exists and its server is running.
    pub fn state(&self) -> Result<ClusterState> {
        if !self.data_dir().join("PG_VERSION").exists() {
            return Ok(ClusterState::NotInitialized);
        }
        let status = self
            .server_user
            .command(self.bindir.join("pg_ctl"), &self.home)
            .arg("status")
            .arg("-D")
            .arg(self.data_dir())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .context("running pg_ctl status")?;
        Ok(if status.success() { ClusterState::Running } else { ClusterState::Stopped })
    }

    /// Serialises cluster creation and start-up between concurrent geniai processes.
    fn lock(&self) -> Result<File> {
        let file = File::create(self.home.join(".lock")).context("creating the cluster lock file")?;
        file.lock().context("locking the embedded cluster")?;
        Ok(file)
    }

    /// Creates the home directory and the cluster if they do not exist yet.
    pub fn ensure_initialized(&self, options: &ClusterOptions) -> Result<()> {
        fs::create_dir_all(&self.home)
            .with_context(|| format!("creating GENIAI_HOME at {}", self.home.display()))?;
        let _lock = self.lock()?;
        if self.data_dir().join("PG_VERSION").exists() {
            return Ok(());
        }
        self.server_user.check_reachable(&self.home)?;
        fs::set_permissions(&self.home, fs::Permissions::from_mode(0o700))?;
        self.server_user.adopt(&self.home)?;
        for dir in [self.data_dir(), self.socket_dir()] {
            if dir.exists() {
                fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
            }
            fs::create_dir_all(&dir)?;
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))?;
            self.server_user.adopt(&dir)?;
        }

        tracing::info!(home = %self.home.display(), "creating the embedded PostgreSQL cluster");
        let output = self
            .server_user
            .command(self.bindir.join("initdb"), &self.home)
            .arg("-D")
            .arg(self.data_dir())
            .args([
                "-U",
                EMBEDDED_USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-instructions",
            ])
            .output()
            .context("running initdb")?;
        if !output.status.success() {
            bail!("initdb failed: {}", String::from_utf8_lossy(&output.stderr).trim());
        }

        // The socket directory is private (mode 700), so `trust` on the socket admits only the
        // server user and root. TCP stays off unless asked for, and then only on loopback.
        let mut conf = format!(
            "\n# Written by geniai\nunix_socket_directories = '{}'\nlisten_addresses = '{}'\n",
            self.socket_dir().display(),
            if options.tcp_port.is_some() { "localhost" } else { "" },
        );
        if let Some(port) = options.tcp_port {
            conf.push_str(&format!("port = {port}\n"));
        }
        if options.ephemeral {
            conf.push_str(
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 300\n",
            );
        }
        let conf_path = self.data_dir().join("postgresql.conf");
        let mut existing = fs::read_to_string(&conf_path).context("reading postgresql.conf")?;
        existing.push_str(&conf);
        fs::write(&conf_path, existing).context("writing postgresql.conf")?;
        Ok(())
    }

    /// Creates (if needed) and starts the cluster, then makes sure the geniai database exists.
    ///
    /// Returns once the server accepts connections. Safe to call when it already runs.
    pub async fn start(&self) -> Result<()> {
        self.ensure_initialized(&ClusterOptions::default())?;
        {
            let _lock = self.lock()?;
            if self.state()? != ClusterState::Running {
                tracing::info!(home = %self.home.display(), "starting the embedded PostgreSQL server");
                let output = self
                    .server_user
                    .command(self.bindir.join("pg_ctl"), &self.home)
                    .arg("start")
                    .arg("-w")
                    .arg("-D")
                    .arg(self.data_dir())
                    .arg("-l")
                    .arg(self.log_file())
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .output()
                    .context("running pg_ctl start")?;
                if !output.status.success() {
                    bail!(
                        "the embedded PostgreSQL server did not start: {}; see {}",
                        String::from_utf8_lossy(&output.stderr).trim(),
                        self.log_file().display()
                    );
                }
            }
        }
        self.ensure_database(EMBEDDED_DATABASE).await
    }

    /// Creates a database in the cluster unless it exists.
    pub async fn ensure_database(&self, name: &str) -> Result<()> {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&self.url_for("postgres"))
            .await
            .context("connecting to the embedded PostgreSQL server")?;
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(name)
            .fetch_one(&mut conn)
            .await?;
        if !exists {
            let sql = format!("CREATE DATABASE \"{}\"", name.replace('"', "\"\""));
            if let Err(err) = sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await {
                // Another process may have created it between our check and now.
                let duplicate = err.as_database_error().and_then(|e| e.code()).is_some_and(|c| c == "42P04");
                if !duplicate {
                    return Err(err).context("creating the geniai database");
                }
            }
        }
        Ok(())
    }

    /// Drops a database of the cluster if it exists (closing other sessions on it).
    pub async fn drop_database(&self, name: &str) -> Result<()> {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&self.url_for("postgres"))
            .await
            .context("connecting to the embedded PostgreSQL server")?;
        let sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", name.replace('"', "\"\""));
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(&mut conn)
            .await
            .with_context(|| format!("dropping {name}"))?;
        Ok(())
    }

    /// Stops the server (fast shutdown). Returns false when it was not running.
    pub fn stop(&self) -> Result<bool> {
        if self.state()? != ClusterState::Running {
            return Ok(false);
        }
        let output = self
            .server_user
            .command(self.bindir.join("pg_ctl"), &self.home)
            .args(["stop", "-w", "-m", "fast", "-D"])
            .arg(self.data_dir())
            .output()
            .context("running pg_ctl stop")?;
        if !output.status.success() {
            bail!("pg_ctl stop failed: {}", String::from_utf8_lossy(&output.stderr).trim());
        }
        Ok(true)
    }

    /// Runs the server in the foreground as a child that dies with the calling thread.
    ///
    /// Used by the test harness: the server is killed when the thread that spawned it ends, so a
    /// crashed or interrupted test run leaves no server behind.
    pub fn spawn_attached(&self) -> Result<Child> {
        let mut cmd = self.server_user.command(self.bindir.join("postgres"), &self.home);
        cmd.arg("-D").arg(self.data_dir()).stdin(Stdio::null()).stdout(Stdio::null());
        let log = File::create(self.log_file())?;
        cmd.stderr(log);
        // SAFETY: prctl is async-signal-safe and touches only the child's own attributes.
        unsafe {
            cmd.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        cmd.spawn().context("starting postgres")
    }

    /// The server's log file, for error messages.
    pub fn log_path(&self) -> PathBuf {
        self.log_file()
    }
}
