//! Checking a login: per-account and per-IP limits counted before any password is checked, and a
//! bound on how many passwords are checked at once.
//!
//! Every refusal looks the same to the caller, whatever the cause: unknown email, wrong password,
//! disabled user, suspended tenant, locked account or throttled IP. Unknown emails are verified
//! against a dummy hash so that they take as long as known ones.
//!
//! The limits live in the database, so they hold across server instances and restarts. Each
//! attempt, in one short transaction holding advisory locks on its IP and its email, counts the
//! recent `login_failures` of both and inserts its own row, presumed to fail (migration 0015).
//! Concurrent attempts are therefore counted one after another, in any number of processes, and
//! an attempt over a limit is refused there without its password being checked. A checked
//! password that matches is checked against the limits once more (a burst may have passed them
//! meanwhile) before its row is deleted and the session opened.
//!
//! Within a process, [`LoginGate`] bounds the work: at most one password check per two cores
//! and [`BOOKKEEPING_CONNECTIONS`] connections for the counting; an attempt that cannot start
//! either within `WebConfig::login_wait` is answered 503 (retry shortly).
//!
//! A flood costs the database little, so that other pages keep their connections and cores:
//! - An IP this process found over its limit in the last [`REFUSAL_MEMORY`] is refused
//!   from memory, without the locks and counts; its row (presumed to fail, unchecked) is still
//!   written, batched with others on one connection, so the count in the database stays complete
//!   and authoritative. The memory only ever refuses: once it lapses the database decides again.
//! - When more attempts already wait for a check than the checks can serve within the wait (at
//!   their recent pace), an attempt is answered 503 at once, before it is counted.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use sqlx::{PgConnection, PgPool};
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::db;
use crate::password;

/// Failed logins on one email, within [`FAILURE_WINDOW_MINUTES`], that lock it.
pub const MAX_ACCOUNT_FAILURES: i32 = 5;
/// Failed logins from one IP, within [`FAILURE_WINDOW_MINUTES`], after which that IP is refused.
pub const MAX_IP_FAILURES: i64 = 20;
/// The window over which failures count, and how long a lock lasts.
pub const FAILURE_WINDOW_MINUTES: i32 = 15;

/// What became of a login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The credentials are right: open a session for this user.
    LoggedIn(i64),
    /// Refused, for whichever reason (never said).
    Refused,
    /// The server had no room to check it within [`LoginGate`]'s wait: try again shortly. An
    /// attempt refused so after it was counted still counts.
    Busy,
}

/// How many of the pool's connections login bookkeeping may hold at once, per process: a flood
/// of attempts waits here, in memory, instead of on the connections other pages need.
pub const BOOKKEEPING_CONNECTIONS: usize = 2;

/// How long an IP found over its limit is refused from memory before the database is
/// asked again (which, under a continuing flood, finds it over its limit still).
pub const REFUSAL_MEMORY: Duration = Duration::from_secs(2);

/// The most IPs remembered as over their limit; past it, attempts go to the database.
const REFUSALS_KEPT: usize = 10_000;

/// How many refused attempts may wait to be written; past it, an attempt waits for room.
const REFUSED_QUEUE: usize = 10_000;

/// The most refused attempts written in one statement.
const REFUSED_BATCH: usize = 1_000;

/// The process's bounds on login work: how many passwords are checked at once (each argon2
/// verification takes 19 MiB and a core for tens of milliseconds) and how many connections the
/// counting holds, how long an attempt may wait for either, and counters of what attempts cost.
///
/// The checks run on the gate's own threads, one per permit, rather than on Tokio's blocking
/// pool: each thread's allocator keeps the 19 MiB it freed for its next check, so the memory
/// stays at one hash per permit (on the blocking pool, every new thread kept its own copy: 20
/// checks left 400 MB resident).
#[derive(Debug)]
pub struct LoginGate {
    checkers: std::sync::Mutex<std::sync::mpsc::Sender<CheckJob>>,
    verifications: Semaphore,
    permits: u32,
    bookkeeping: Semaphore,
    wait: Duration,
    checked: AtomicU64,
    refused_unchecked: AtomicU64,
    busy: AtomicU64,
    refused_from_memory: AtomicU64,
    refusals: Refusals,
    /// Started on first use (it needs the pool and a runtime): writes refused attempts' rows.
    refused_rows: OnceLock<tokio::sync::mpsc::Sender<RefusedRow>>,
    /// Attempts counted within the limits, waiting for a check to start.
    queued: AtomicUsize,
    /// Recent duration of a password check, in microseconds (0 until one has been timed).
    check_micros: AtomicU64,
}

impl LoginGate {
    /// A gate letting `permits` (at least 1) passwords be checked at once; an attempt that
    /// cannot start its counting or its check within `wait` is answered [`Outcome::Busy`].
    pub fn new(permits: usize, wait: Duration) -> Self {
        let permits = permits.clamp(1, 64) as u32;
        let (sender, receiver) = std::sync::mpsc::channel::<CheckJob>();
        let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
        for n in 0..permits {
            let receiver = receiver.clone();
            // Each thread ends when the gate (the only sender) is dropped.
            let spawned =
                std::thread::Builder::new().name(format!("geniai-login-check-{n}")).spawn(move || {
                    yield_the_cpu_to_other_work();
                    loop {
                        let job = receiver.lock().map_err(|_| ()).and_then(|r| r.recv().map_err(|_| ()));
                        let Ok(CheckJob { password, phc, reply }) = job else { return };
                        let _ = reply.send(password::verify_blocking(&password, &phc));
                    }
                });
            if let Err(err) = spawned {
                tracing::error!("cannot start a password-checking thread: {err}");
            }
        }
        LoginGate {
            checkers: std::sync::Mutex::new(sender),
            verifications: Semaphore::new(permits as usize),
            permits,
            bookkeeping: Semaphore::new(BOOKKEEPING_CONNECTIONS),
            wait,
            checked: AtomicU64::new(0),
            refused_unchecked: AtomicU64::new(0),
            busy: AtomicU64::new(0),
            refused_from_memory: AtomicU64::new(0),
            refusals: Refusals::default(),
            refused_rows: OnceLock::new(),
            queued: AtomicUsize::new(0),
            check_micros: AtomicU64::new(0),
        }
    }

    /// One check at a time per two cores (at least one): more would only share the cores and
    /// multiply the memory, and the other half of the cores stays free for the pages.
    pub fn for_this_machine(wait: Duration) -> Self {
        let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(1);
        LoginGate::new(cores / 2, wait)
    }

    /// Checks `password` against `phc` on one of the gate's threads (the caller holds a permit).
    async fn verify(&self, password: String, phc: String) -> bool {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let sent = match self.checkers.lock() {
            Ok(sender) => sender.send(CheckJob { password, phc, reply }).is_ok(),
            Err(_) => false,
        };
        sent && answer.await.unwrap_or(false)
    }

    /// How many passwords this process has checked.
    pub fn checked(&self) -> u64 {
        self.checked.load(Ordering::Relaxed)
    }

    /// How many attempts this process refused over a limit, without checking their password.
    pub fn refused_unchecked(&self) -> u64 {
        self.refused_unchecked.load(Ordering::Relaxed)
    }

    /// How many of [`LoginGate::refused_unchecked`] were refused from memory, without counting
    /// them first (their rows are written all the same).
    pub fn refused_from_memory(&self) -> u64 {
        self.refused_from_memory.load(Ordering::Relaxed)
    }

    /// How many attempts this process answered [`Outcome::Busy`].
    pub fn busy(&self) -> u64 {
        self.busy.load(Ordering::Relaxed)
    }

    /// Holds every permit: no password is checked until the guard drops. Attempts are still
    /// counted meanwhile, so tests use it to line a burst up before any check completes.
    pub async fn hold_all(&self) -> SemaphorePermit<'_> {
        self.verifications.acquire_many(self.permits).await.expect("the semaphore is never closed")
    }

    /// A permit of `semaphore` within the gate's wait, or `None` (counted as busy).
    async fn within_wait<'a>(&self, semaphore: &'a Semaphore) -> Option<SemaphorePermit<'a>> {
        match tokio::time::timeout(self.wait, semaphore.acquire()).await {
            Ok(Ok(permit)) => Some(permit),
            _ => {
                self.busy.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// A bookkeeping slot, however long it takes (for an attempt already counted).
    async fn bookkeeping_slot(&self) -> Result<SemaphorePermit<'_>> {
        self.bookkeeping.acquire().await.context("the login gate is closed")
    }

    /// Whether the attempts already waiting for a check fill what the checks can serve within
    /// the wait, at their recent pace (never before a check has been timed).
    fn checks_are_full(&self) -> bool {
        let micros = self.check_micros.load(Ordering::Relaxed);
        if micros == 0 {
            return false;
        }
        let servable = self.wait.as_micros() as u64 * u64::from(self.permits) / micros;
        self.queued.load(Ordering::Relaxed) as u64 >= servable
    }

    /// Folds one check's duration into the recent pace (an exponential average).
    fn timed_check(&self, took: Duration) {
        let micros = (took.as_micros() as u64).max(1);
        let old = self.check_micros.load(Ordering::Relaxed);
        let new = if old == 0 { micros } else { (old * 7 + micros) / 8 };
        self.check_micros.store(new, Ordering::Relaxed);
    }

    /// Queues the row of an attempt refused from memory; the first call starts the writer.
    async fn record_refused(&self, pool: &PgPool, row: RefusedRow) {
        let sender = self.refused_rows.get_or_init(|| {
            let (sender, receiver) = tokio::sync::mpsc::channel(REFUSED_QUEUE);
            tokio::spawn(write_refused(pool.clone(), receiver));
            sender
        });
        if sender.send(row).await.is_err() {
            tracing::error!("the writer of refused login attempts has stopped");
        }
    }
}

/// Lowers the calling thread's CPU priority (nice [`CHECK_NICENESS`]), so that password checks
/// take only what the pages leave: a flood of logins keeps at most the gate's threads busy, and
/// those yield to every request of a logged-in user. On an idle machine a check is as fast as
/// before.
fn yield_the_cpu_to_other_work() {
    #[cfg(target_os = "linux")]
    {
        // On Linux, PRIO_PROCESS with a thread id sets that one thread's nice value.
        // SAFETY: setpriority only reads its integer arguments; gettid cannot fail.
        let failed = unsafe {
            let tid = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, CHECK_NICENESS) != 0
        };
        if failed {
            let err = std::io::Error::last_os_error();
            tracing::debug!("password checks keep the default CPU priority: {err}");
        }
    }
}

/// The nice value of the password-checking threads: the kernel's fair scheduler gives a thread
/// at nice 10 about a tenth of the share of one at nice 0 while both want the CPU.
#[cfg(target_os = "linux")]
const CHECK_NICENESS: libc::c_int = 10;

/// One attempt in the queue of [`LoginGate::queued`], until it starts its check or gives up.
struct Queued<'a>(&'a AtomicUsize);

impl<'a> Queued<'a> {
    fn join(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::Relaxed);
        Queued(count)
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The IPs this process lately found over their limit, and until when to refuse them
/// without asking the database. Bounded: when full, nothing new is remembered.
#[derive(Debug, Default)]
struct Refusals(std::sync::Mutex<HashMap<String, Instant>>);

impl Refusals {
    fn refuses(&self, ip: Option<&str>) -> bool {
        let Some(ip) = ip else { return false };
        let Ok(known) = self.0.lock() else { return false };
        known.get(ip).is_some_and(|until| *until > Instant::now())
    }

    fn remember(&self, key: String) {
        let Ok(mut known) = self.0.lock() else { return };
        let now = Instant::now();
        if known.len() >= REFUSALS_KEPT {
            known.retain(|_, until| *until > now);
        }
        if known.len() < REFUSALS_KEPT {
            known.insert(key, now + REFUSAL_MEMORY);
        }
    }
}

/// An attempt refused from memory, whose row is still to be written.
#[derive(Debug)]
struct RefusedRow {
    ip: Option<String>,
    email: String,
}

/// Writes the rows of attempts refused from memory, as many as are queued in one statement, on
/// one connection at a time. Ends when the gate is dropped.
async fn write_refused(pool: PgPool, mut receiver: tokio::sync::mpsc::Receiver<RefusedRow>) {
    let mut batch = Vec::with_capacity(REFUSED_BATCH);
    while receiver.recv_many(&mut batch, REFUSED_BATCH).await > 0 {
        let (ips, emails): (Vec<Option<String>>, Vec<String>) =
            batch.drain(..).map(|row| (row.ip, row.email)).unzip();
        if let Err(err) = insert_refused(&pool, &ips, &emails).await {
            tracing::error!("recording {} refused login attempts: {err:#}", emails.len());
        }
    }
}

async fn insert_refused(pool: &PgPool, ips: &[Option<String>], emails: &[String]) -> Result<()> {
    let mut tx = db::platform_tx(pool).await?;
    sqlx::query(
        "INSERT INTO login_failures (ip, email, password_checked)
         SELECT ip::inet, email, false FROM unnest($1::text[], $2::text[]) AS refused(ip, email)",
    )
    .bind(ips)
    .bind(emails)
    .execute(&mut *tx)
    .await
    .context("recording refused login attempts")?;
    tx.commit().await?;
    Ok(())
}

/// A password to check, and where to send the answer.
struct CheckJob {
    password: String,
    phc: String,
    reply: tokio::sync::oneshot::Sender<bool>,
}

impl std::fmt::Debug for CheckJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CheckJob { .. }")
    }
}

/// The account an email names, as the login needs it.
#[derive(Debug)]
struct Account {
    id: i64,
    password_hash: String,
    /// The user is active and so is its tenant (if any).
    may_log_in: bool,
}

/// An attempt, counted: its `login_failures` row and whether its password may be checked.
#[derive(Debug)]
struct Counted {
    row: i64,
    account: Option<Account>,
    within_limits: bool,
    /// The IP was over its limit.
    ip_over: bool,
}

/// The recent attempts of the IP and the email (rows presumed to fail included), and the account.
/// An account's count restarts at its last login, at its last password change, and when its lock
/// ends (the rows from before the lock was set stop counting).
const COUNT_ATTEMPTS: &str = "
    SELECT (SELECT count(*) FROM login_failures f
             WHERE $2::text IS NOT NULL AND f.ip = $2::text::inet
               AND f.at > now() - make_interval(mins => $3)) AS ip_attempts,
           (SELECT count(*) FROM login_failures f
             WHERE f.email = $1
               AND f.at > greatest(now() - make_interval(mins => $3), u.last_login_at,
                                   u.password_changed_at,
                                   CASE WHEN u.locked_until <= now() THEN u.locked_at END))
               AS email_attempts,
           coalesce(u.locked_until > now(), false) AS locked,
           u.id, u.password_hash,
           coalesce(u.is_active AND (u.tenant_id IS NULL OR t.status = 'active'), false) AS may_log_in
      FROM (SELECT) AS one
      LEFT JOIN users u ON u.email = $1
      LEFT JOIN tenants t ON t.id = u.tenant_id";

/// The attempts seen by [`COUNT_ATTEMPTS`].
#[derive(Debug, sqlx::FromRow)]
struct Attempts {
    ip_attempts: i64,
    email_attempts: i64,
    locked: bool,
    id: Option<i64>,
    password_hash: Option<String>,
    may_log_in: bool,
}

/// Serialises, until the transaction ends, every attempt from this IP and on this email, in
/// every process: the counts read next include every attempt counted before. The IP's lock is
/// taken first, always, so two attempts cannot wait on each other.
async fn lock_attempts_of(conn: &mut PgConnection, email: &str, ip: Option<&str>) -> Result<()> {
    if let Some(ip) = ip {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('geniai:login:ip:' || $1, 0))")
            .bind(ip)
            .execute(&mut *conn)
            .await
            .context("waiting for the IP's other login attempts")?;
    }
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('geniai:login:email:' || $1, 0))")
        .bind(email)
        .execute(&mut *conn)
        .await
        .context("waiting for the account's other login attempts")?;
    Ok(())
}

async fn read_attempts(conn: &mut PgConnection, email: &str, ip: Option<&str>) -> Result<Attempts> {
    sqlx::query_as(COUNT_ATTEMPTS)
        .bind(email)
        .bind(ip)
        .bind(FAILURE_WINDOW_MINUTES)
        .fetch_one(&mut *conn)
        .await
        .context("counting recent login attempts")
}

/// Counts the attempt (its row, presumed to fail) and tells whether it is within the limits.
async fn count_attempt(pool: &PgPool, email: &str, ip: Option<&str>) -> Result<Counted> {
    let mut tx = db::platform_tx(pool).await?;
    lock_attempts_of(&mut tx, email, ip).await?;
    let seen = read_attempts(&mut tx, email, ip).await?;
    let ip_over = seen.ip_attempts >= MAX_IP_FAILURES;
    let email_over = seen.locked || seen.email_attempts >= i64::from(MAX_ACCOUNT_FAILURES);
    let within_limits = !ip_over && !email_over;
    let row: i64 = sqlx::query_scalar(
        "INSERT INTO login_failures (ip, email, password_checked) VALUES ($1::text::inet, $2, $3)
         RETURNING id",
    )
    .bind(ip)
    .bind(email)
    .bind(within_limits)
    .fetch_one(&mut *tx)
    .await
    .context("counting the login attempt")?;
    tx.commit().await?;
    let account = match (seen.id, seen.password_hash) {
        (Some(id), Some(password_hash)) => Some(Account { id, password_hash, may_log_in: seen.may_log_in }),
        _ => None,
    };
    Ok(Counted { row, account, within_limits, ip_over })
}

/// Checks the credentials; on success, returns the user's id (the caller opens the session).
pub async fn check(
    pool: &PgPool,
    gate: &LoginGate,
    email: &str,
    password: &str,
    ip: Option<IpAddr>,
) -> Result<Outcome> {
    // Emails longer than any real one are cut, so that a row stays small.
    let email: String = email.trim().to_lowercase().chars().take(320).collect();
    let ip = ip.map(|ip| ip.to_string());
    if gate.refusals.refuses(ip.as_deref()) {
        return Ok(refuse_from_memory(pool, gate, email, ip).await);
    }
    if gate.checks_are_full() {
        gate.busy.fetch_add(1, Ordering::Relaxed);
        return Ok(Outcome::Busy);
    }
    let queued = Queued::join(&gate.queued);
    // A flood waits here without holding a connection; past the wait it is not even counted.
    let Some(slot) = gate.within_wait(&gate.bookkeeping).await else { return Ok(Outcome::Busy) };
    // A burst arrives before any of it is counted: whoever waited may now be known over a limit.
    if gate.refusals.refuses(ip.as_deref()) {
        drop(slot);
        return Ok(refuse_from_memory(pool, gate, email, ip).await);
    }
    let counted = count_attempt(pool, &email, ip.as_deref()).await?;
    drop(slot);
    // Only IPs are remembered: an account's lock can end early (an administrator, a password
    // change), and the memory must not refuse what the database would allow.
    if counted.ip_over
        && let Some(ip) = &ip
    {
        gate.refusals.remember(ip.clone());
    }
    if !counted.within_limits {
        gate.refused_unchecked.fetch_add(1, Ordering::Relaxed);
        return Ok(Outcome::Refused);
    }

    // Verify whether or not the account exists, so that timing says nothing about which check
    // failed.
    let stored_hash = counted
        .account
        .as_ref()
        .map(|a| a.password_hash.clone())
        .unwrap_or_else(|| password::dummy_hash().to_string());
    let permit = gate.within_wait(&gate.verifications).await;
    drop(queued);
    let Some(permit) = permit else {
        let _slot = gate.bookkeeping_slot().await?;
        let mut tx = db::platform_tx(pool).await?;
        sqlx::query("UPDATE login_failures SET password_checked = false WHERE id = $1")
            .bind(counted.row)
            .execute(&mut *tx)
            .await
            .context("recording the unchecked login attempt")?;
        tx.commit().await?;
        return Ok(Outcome::Busy);
    };
    gate.checked.fetch_add(1, Ordering::Relaxed);
    let started = Instant::now();
    let password_ok = gate.verify(password.to_string(), stored_hash).await;
    gate.timed_check(started.elapsed());
    drop(permit);
    let _slot = gate.bookkeeping_slot().await?;
    settle(pool, &email, ip.as_deref(), counted, password_ok).await
}

/// Refuses an attempt whose IP is remembered over its limit; its row is queued.
async fn refuse_from_memory(pool: &PgPool, gate: &LoginGate, email: String, ip: Option<String>) -> Outcome {
    gate.refused_unchecked.fetch_add(1, Ordering::Relaxed);
    gate.refused_from_memory.fetch_add(1, Ordering::Relaxed);
    gate.record_refused(pool, RefusedRow { ip, email }).await;
    Outcome::Refused
}

/// Records what the check found: a login (its row deleted, the account's counters reset) if the
/// password matched, the account may log in and the limits still hold; otherwise a failure, which
/// locks the account once it reaches its limit.
async fn settle(
    pool: &PgPool,
    email: &str,
    ip: Option<&str>,
    counted: Counted,
    password_ok: bool,
) -> Result<Outcome> {
    let mut tx = db::platform_tx(pool).await?;
    let Some(account) = counted.account else {
        prune(&mut tx).await?;
        tx.commit().await?;
        return Ok(Outcome::Refused);
    };
    lock_attempts_of(&mut tx, email, ip).await?;
    // This attempt's row is among those counted now, and so is any attempt counted since.
    let seen = read_attempts(&mut tx, email, ip).await?;
    let still_within_limits = !seen.locked
        && seen.ip_attempts <= MAX_IP_FAILURES
        && seen.email_attempts <= i64::from(MAX_ACCOUNT_FAILURES);
    if password_ok && account.may_log_in && still_within_limits {
        sqlx::query("DELETE FROM login_failures WHERE id = $1")
            .bind(counted.row)
            .execute(&mut *tx)
            .await
            .context("recording the login")?;
        sqlx::query(
            "UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1",
        )
        .bind(account.id)
        .execute(&mut *tx)
        .await
        .context("recording the login")?;
        tx.commit().await?;
        return Ok(Outcome::LoggedIn(account.id));
    }
    if !password_ok {
        // Failures older than the window start the count afresh.
        sqlx::query(
            "UPDATE users
                SET failed_login_count = CASE
                        WHEN last_failed_login_at > now() - make_interval(mins => $2)
                        THEN failed_login_count + 1 ELSE 1 END,
                    last_failed_login_at = now()
              WHERE id = $1",
        )
        .bind(account.id)
        .bind(FAILURE_WINDOW_MINUTES)
        .execute(&mut *tx)
        .await
        .context("counting the failed login")?;
    }
    if seen.email_attempts >= i64::from(MAX_ACCOUNT_FAILURES) {
        sqlx::query(
            "UPDATE users SET locked_until = now() + make_interval(mins => $2), locked_at = now()
              WHERE id = $1 AND (locked_until IS NULL OR locked_until < now())",
        )
        .bind(account.id)
        .bind(FAILURE_WINDOW_MINUTES)
        .execute(&mut *tx)
        .await
        .context("locking the account")?;
    }
    prune(&mut tx).await?;
    tx.commit().await?;
    Ok(Outcome::Refused)
}

/// Keeps the table small: failures older than a day no longer count for anything.
async fn prune(conn: &mut PgConnection) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE at < now() - interval '1 day'")
        .execute(&mut *conn)
        .await
        .context("pruning old login failures")?;
    Ok(())
}
