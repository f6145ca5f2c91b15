//! The deterministic generator of Chatwoot-compatible data (`geniai dev seed-source`), used by the
//! tests, the demo and the benchmark.
//!
//! Everything is generated set-based inside PostgreSQL (`INSERT … SELECT generate_series`), with
//! pseudo-random values from `hashint8extended(id, seed)`, so the same seed and anchor always give
//! the same rows. Two connections share the work (one evaluates the generating queries, the other
//! writes their rows with binary `COPY … FREEZE`), and the big tables' indexes are dropped before the
//! load and rebuilt after it, split between the two, which is what makes the ten million messages
//! of a million conversations affordable (see [`seed`]).
//!
//! The shape follows how Chatwoot writes its tables: every conversation opens with an incoming
//! message; bot inboxes answer with the bot and either resolve (`conversation_bot_resolved`) or
//! hand off (an activity message and `conversation_bot_handoff`); humans reply, add private notes,
//! resolve (an activity message, `conversation_resolved`, a CSAT survey message of content_type 9
//! and sometimes a `csat_survey_responses` row); some conversations were resolved, reopened
//! (`conversation_opened`) and resolved again. Reporting events carry the values Chatwoot would
//! compute from those messages: `first_response` = first public human reply − the moment the
//! conversation came to a human, `reply_time` = reply − `waiting_since`.
//!
//! The timing is shaped like a real installation's, so that every chart has something to show:
//! conversations arrive along a working day and week (busy mornings and afternoons, quiet nights
//! and weekends, in São Paulo time), and first replies take a long-tailed delay (most within
//! minutes, some hours, a few more than a day), longer when the conversation came in while its
//! inbox's working hours were closed.

use anyhow::{Context, Result, bail};
use chrono::{NaiveDateTime, Timelike, Utc};
use sqlx::{ConnectOptions, Connection, PgConnection};

use crate::db::copy::{RelaySides, relay};

/// Accounts in a generated source.
pub const ACCOUNTS: i64 = 5;
/// Inboxes per account (so 120 inboxes, enough to map 100 tenants).
pub const INBOXES_PER_ACCOUNT: i64 = 24;
/// Agents (users) per account.
pub const AGENTS_PER_ACCOUNT: i64 = 12;
/// Teams per account.
pub const TEAMS_PER_ACCOUNT: i64 = 3;
/// Channel types, assigned to inboxes in turn.
pub const CHANNEL_TYPES: &[&str] = &[
    "Channel::WebWidget",
    "Channel::Whatsapp",
    "Channel::Api",
    "Channel::Email",
    "Channel::FacebookPage",
    "Channel::Instagram",
    "Channel::TwilioSms",
    "Channel::Telegram",
];
/// Inbox timezones, assigned to inboxes by `id % 5`.
pub const INBOX_TIMEZONES: &[&str] =
    &["UTC", "America/Sao_Paulo", "Europe/Berlin", "Asia/Kolkata", "America/New_York"];
/// Label names (tags are global by name in Chatwoot).
pub const LABELS: &[&str] = &[
    "billing",
    "sales",
    "support",
    "bug",
    "feature-request",
    "vip",
    "churn-risk",
    "onboarding",
    "refund",
    "lead",
    "converted",
    "spam",
    "urgent",
    "feedback",
    "shipping",
    "returns",
];

/// Hours between the start of the newest conversation and the anchor: longer than any
/// generated conversation lasts after its first reply (at most 17 steps of about 30 minutes to
/// the resolution, about 9 hours, then a CSAT response up to 2 hours after it). The first reply
/// itself can take more than a day (see [`FRT_RESERVE_S`]).
pub const LAST_START_HOURS: i64 = 12;

/// Seconds a conversation needs after its first reply, at most (17 steps of 1819 s, the handoff's
/// 20 s and a CSAT response 2 hours after the resolution), rounded up to 11 hours: a first reply
/// never waits so long that the rest of its conversation would end after the anchor, so the
/// newest conversations have the shorter waits they had time for.
const FRT_RESERVE_S: i64 = 11 * 3600;

/// Relative traffic of each hour of a day (0 = midnight), in the zone of [`TRAFFIC_UTC_OFFSET_HOURS`]:
/// quiet nights, a morning peak, a dip at lunch, a long afternoon and a fading evening.
const HOURLY_TRAFFIC: [f64; 24] = [
    0.15, 0.1, 0.08, 0.08, 0.1, 0.15, 0.3, 0.6, 1.0, 1.6, 1.8, 1.7, 1.2, 1.1, 1.5, 1.6, 1.5, 1.3, 1.0, 0.8,
    0.7, 0.6, 0.4, 0.25,
];
/// Relative traffic of each day of the week, Monday first: weekends are quieter.
const DAILY_TRAFFIC: [f64; 7] = [1.15, 1.05, 1.0, 1.0, 0.95, 0.45, 0.3];
/// The zone the traffic follows (the agency's clients are Brazilian: São Paulo, without DST).
const TRAFFIC_UTC_OFFSET_HOURS: i64 = -3;

/// The weekly traffic profile: per hour of the week (Monday 00:00 local first) its share of a
/// week's conversations, and the cumulative share before it.
fn weekly_traffic() -> (Vec<f64>, Vec<f64>) {
    let weights: Vec<f64> =
        DAILY_TRAFFIC.iter().flat_map(|d| HOURLY_TRAFFIC.iter().map(move |h| d * h)).collect();
    let total: f64 = weights.iter().sum();
    let shares: Vec<f64> = weights.iter().map(|w| w / total).collect();
    let lower = shares
        .iter()
        .scan(0.0, |acc, share| {
            let before = *acc;
            *acc += share;
            Some(before)
        })
        .collect();
    (shares, lower)
}

/// A Monday 00:00 in the traffic's zone, as UTC: hours of the week count from it.
fn traffic_week_origin() -> NaiveDateTime {
    let monday =
        chrono::NaiveDate::from_ymd_opt(2000, 1, 3).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default();
    monday - chrono::Duration::hours(TRAFFIC_UTC_OFFSET_HOURS)
}

/// The traffic that arrived from the week origin to `at`, in weeks (a whole week is 1): a
/// monotonic clock that ticks fast when traffic is heavy. Its inverse spreads evenly spaced ids
/// over time along the profile.
fn traffic_clock(at: NaiveDateTime, shares: &[f64], lower: &[f64]) -> f64 {
    let hours = (at - traffic_week_origin()).num_seconds() as f64 / 3600.0;
    let weeks = (hours / 168.0).floor();
    let within = hours - weeks * 168.0;
    let slot = (within.floor() as usize).min(167);
    weeks + lower[slot] + (within - slot as f64) * shares[slot]
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct SeedOptions {
    /// Number of conversations.
    pub conversations: u64,
    /// Seed of the pseudo-random values.
    pub seed: u64,
    /// The newest moment of the data (UTC): conversations start over the 120 days before it, and
    /// the last one starts [`LAST_START_HOURS`] hours before it, so that every message, event
    /// and CSAT response is in the past (only snoozes end after it).
    pub anchor: NaiveDateTime,
}

impl SeedOptions {
    /// `conversations` conversations with `seed`, anchored at the start of the current hour.
    pub fn new(conversations: u64, seed: u64) -> Self {
        let now = Utc::now().naive_utc();
        let anchor = now.with_nanosecond(0).and_then(|t| t.with_second(0)).and_then(|t| t.with_minute(0));
        SeedOptions { conversations, seed, anchor: anchor.unwrap_or(now) }
    }
}

/// Row counts of a generated source.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SeedSummary {
    pub accounts: i64,
    pub inboxes: i64,
    pub users: i64,
    pub teams: i64,
    pub contacts: i64,
    pub conversations: i64,
    pub messages: i64,
    pub reporting_events: i64,
    pub csat_survey_responses: i64,
    pub taggings: i64,
}

/// Tables whose indexes are rebuilt after the bulk insert, and whose rows are loaded
/// through COPY (see [`seed`]).
const BULK_TABLES: &[&str] =
    &["contacts", "conversations", "messages", "reporting_events", "csat_survey_responses", "taggings"];

/// Session settings of both connections: bulk work, no waiting for WAL flushes. At a million
/// conversations, `work_mem` keeps the per-conversation table's intermediate steps in memory.
const SESSION_SETTINGS: &str = "SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; \
     SET work_mem = '512MB'; SET jit = off";

/// Fills an empty Chatwoot-schema database (creating the schema if it is missing).
///
/// Two connections share the work, so that both cores of a small machine are busy: one
/// (`generator`) evaluates the generating `SELECT`s and streams their rows out with binary
/// `COPY … TO STDOUT`, the other (`loader`) writes them with `COPY … FROM STDIN (FREEZE)` in a
/// transaction that truncated the tables first, which lets PostgreSQL write the rows already
/// frozen and visible (no hint-bit rewrite of every page on first read). The secondary indexes
/// (and primary keys) are dropped before and rebuilt after the load, split between the two connections. A failure
/// midway can leave a partly filled database (the indexes are rebuilt in their own
/// transactions): start again from an empty one.
pub async fn seed(url: &str, options: &SeedOptions) -> Result<SeedSummary> {
    if options.conversations == 0 || options.conversations > 50_000_000 {
        bail!(crate::error::DomainError::invalid("--conversations must be between 1 and 50000000"));
    }
    let connect_options: sqlx::postgres::PgConnectOptions = url
        .parse()
        .map_err(|_| crate::error::DomainError::invalid("--url is not a valid PostgreSQL connection URL"))?;
    // The generation statements run for seconds by design: no slow-statement warnings.
    let connect_options = connect_options.disable_statement_logging();
    let connect = || async {
        let mut conn = PgConnection::connect_with(&connect_options).await.map_err(|err| {
            anyhow::anyhow!("cannot reach the database to seed: {}", crate::db::describe_connect_error(&err))
        })?;
        sqlx::raw_sql(SESSION_SETTINGS).execute(&mut conn).await?;
        Ok::<PgConnection, anyhow::Error>(conn)
    };
    let mut generator = connect().await?;
    let has_schema: bool = sqlx::query_scalar("SELECT to_regclass('conversations') IS NOT NULL")
        .fetch_one(&mut generator)
        .await?;
    if !has_schema {
        sqlx::raw_sql(super::CHATWOOT_SCHEMA)
            .execute(&mut generator)
            .await
            .context("creating the Chatwoot schema")?;
    }
    let existing: i64 =
        sqlx::query_scalar("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM conversations)")
            .fetch_one(&mut generator)
            .await?;
    if existing > 0 {
        bail!(crate::error::DomainError::conflict(
            "the database already holds Chatwoot data; seed an empty one"
        ));
    }
    let mut loader = connect().await?;
    let saved_indexes = drop_indexes(&mut generator).await?;

    let sql = inline_random(&generation_sql(options), options.seed);
    let mut load = loader.begin().await?;
    // COPY FREEZE needs the table truncated (or created) in the loading transaction.
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("TRUNCATE {}", BULK_TABLES.join(", "))))
        .execute(&mut *load)
        .await?;
    let mut generate = generator.begin().await?;
    // Statements that read what the loader writes run once it has committed.
    let mut after_load = Vec::new();
    // One statement at a time, so that -v shows where the time goes.
    for statement in sql.split(";\n").map(without_leading_comments).filter(|s| !s.is_empty()) {
        let started = std::time::Instant::now();
        if let Some((table, columns, select)) = bulk_insert(statement) {
            let rows = copy_across(&mut generate, &mut load, table, &columns, select)
                .await
                .with_context(|| format!("generating {table}"))?;
            tracing::debug!(elapsed_s = started.elapsed().as_secs_f64(), rows, "COPY {table}");
        } else if statement.starts_with("SELECT setval") || statement.starts_with("UPDATE") {
            after_load.push(statement);
        } else {
            sqlx::raw_sql(sqlx::AssertSqlSafe(statement.to_string()))
                .execute(&mut *generate)
                .await
                .context("generating the source data")?;
            tracing::debug!(elapsed_s = started.elapsed().as_secs_f64(), "{}", first_code_line(statement));
        }
    }
    load.commit().await?;
    for statement in after_load {
        sqlx::raw_sql(sqlx::AssertSqlSafe(statement.to_string()))
            .execute(&mut *generate)
            .await
            .context("generating the source data")?;
    }
    generate.commit().await?;

    // Primary keys first: adding one locks its table, which would stall a build on the other
    // connection.
    let (keys, indexes): (Vec<_>, Vec<_>) =
        saved_indexes.into_iter().partition(|(_, ddl)| ddl.starts_with("ALTER TABLE"));
    for group in [keys, indexes] {
        let (first, second) = split_index_builds(&mut generator, group).await?;
        let (a, b) = tokio::join!(rebuild(&mut generator, first), rebuild(&mut loader, second));
        a?;
        b?;
    }
    // Statistics, the big table on one connection and the rest on the other.
    let (a, b) = tokio::join!(
        sqlx::raw_sql("ANALYZE messages").execute(&mut loader),
        sqlx::raw_sql(
            "ANALYZE accounts, users, account_users, teams, team_members, agent_bots, inboxes, \
             agent_bot_inboxes, working_hours, inbox_members, channel_whatsapp, channel_web_widgets, tags, \
             labels, contacts, conversations, taggings, reporting_events, csat_survey_responses"
        )
        .execute(&mut generator)
    );
    a?;
    b?;
    let summary = summarize(&mut generator).await?;
    generator.close().await.ok();
    loader.close().await.ok();
    Ok(summary)
}

/// `INSERT INTO table (columns) SELECT …` into one of [`BULK_TABLES`]: its parts.
fn bulk_insert(statement: &str) -> Option<(&str, Vec<&str>, &str)> {
    let rest = statement.strip_prefix("INSERT INTO ")?;
    let (table, rest) = rest.split_once(" (")?;
    if !BULK_TABLES.contains(&table) {
        return None;
    }
    let (columns, select) = rest.split_once(')')?;
    let columns = columns.split(',').map(str::trim).collect();
    Some((table, columns, select.trim()))
}

/// Streams the rows of `select` from the generating connection into `table` on the loading one,
/// in binary: each column is cast to the table's type, which binary COPY requires exactly.
async fn copy_across(
    generator: &mut PgConnection,
    loader: &mut PgConnection,
    table: &str,
    columns: &[&str],
    select: &str,
) -> Result<u64> {
    let types: Vec<(String, String)> = sqlx::query_as(
        "SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped",
    )
    .bind(table)
    .fetch_all(&mut *loader)
    .await?;
    let cast: Vec<String> = columns
        .iter()
        .map(|c| {
            let ty = types.iter().find(|(name, _)| name == c).map(|(_, ty)| ty.as_str()).unwrap_or("text");
            format!("g.{c}::{ty}")
        })
        .collect();
    let list = columns.join(", ");
    let sink =
        loader.copy_in_raw(&format!("COPY {table} ({list}) FROM STDIN WITH (FORMAT binary, FREEZE)")).await?;
    let copy_out = format!(
        "COPY (SELECT {} FROM ({select}) AS g({list})) TO STDOUT WITH (FORMAT binary)",
        cast.join(", ")
    );
    relay(generator, &copy_out, sink, RelaySides { reading: "generating rows", writing: "writing rows" })
        .await
}

/// Splits index definitions into two lists of about equal cost (the size of the table each
/// one indexes), largest first.
async fn split_index_builds(
    conn: &mut PgConnection,
    indexes: Vec<(String, String)>,
) -> Result<(Vec<String>, Vec<String>)> {
    let mut sized = Vec::new();
    for (table, ddl) in indexes {
        let size: i64 = sqlx::query_scalar("SELECT pg_relation_size($1::regclass)")
            .bind(&table)
            .fetch_one(&mut *conn)
            .await?;
        sized.push((size, ddl));
    }
    sized.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    let (mut first, mut second) = ((0i64, Vec::new()), (0i64, Vec::new()));
    for (size, ddl) in sized {
        let side = if first.0 <= second.0 { &mut first } else { &mut second };
        side.0 += size;
        side.1.push(ddl);
    }
    Ok((first.1, second.1))
}

async fn rebuild(conn: &mut PgConnection, ddls: Vec<String>) -> Result<()> {
    for ddl in ddls {
        let started = std::time::Instant::now();
        sqlx::raw_sql(sqlx::AssertSqlSafe(ddl.clone()))
            .execute(&mut *conn)
            .await
            .context("rebuilding an index")?;
        tracing::debug!(elapsed_s = started.elapsed().as_secs_f64(), "{ddl}");
    }
    Ok(())
}

/// Replaces each `pg_temp.r(key, salt)` with its inline expression: uniform in [0, 1), a pure
/// function of (key, salt, seed). Inline, because a function call per value would cost more than
/// the rest of the generation.
fn inline_random(sql: &str, seed: u64) -> String {
    let seed = (seed % 1_000_000_007) as i64;
    let mut out = String::with_capacity(sql.len() * 2);
    let mut rest = sql;
    while let Some(pos) = rest.find("pg_temp.r(") {
        out.push_str(&rest[..pos]);
        let args_start = pos + "pg_temp.r(".len();
        let close = rest[args_start..].find(')').map(|i| args_start + i).unwrap_or(rest.len());
        let args = &rest[args_start..close];
        let (key, salt) = args.rsplit_once(',').unwrap_or((args, "0"));
        let salt: i64 = salt.trim().parse().unwrap_or(0);
        out.push_str(&format!(
            "((hashint8extended(({key})::bigint, {}) & 281474976710655)::float8 / 281474976710656.0)",
            seed * 1000 + salt
        ));
        rest = &rest[(close + 1).min(rest.len())..];
    }
    out.push_str(rest);
    out
}

/// The statement without the comment lines and blank lines before its code.
fn without_leading_comments(statement: &str) -> &str {
    let mut rest = statement.trim();
    while rest.starts_with("--") {
        rest = rest.split_once('\n').map(|(_, r)| r.trim_start()).unwrap_or("");
    }
    rest
}

fn first_code_line(statement: &str) -> &str {
    statement.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("--")).unwrap_or("")
}

/// Drops the indexes of [`BULK_TABLES`], primary keys included (maintaining one during the load
/// writes a WAL record per row; building it afterwards writes the finished index once); returns
/// `(table, statement that recreates it)` of each.
async fn drop_indexes(conn: &mut PgConnection) -> Result<Vec<(String, String)>> {
    let tables: Vec<String> = BULK_TABLES.iter().map(|t| t.to_string()).collect();
    let keys: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.conname::text, c.conrelid::regclass::text, pg_get_constraintdef(c.oid) FROM pg_constraint c
          WHERE c.contype = 'p' AND c.connamespace = current_schema()::regnamespace
            AND c.conrelid::regclass::text = ANY($1)",
    )
    .bind(&tables)
    .fetch_all(&mut *conn)
    .await?;
    let indexes: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT i.indexname::text, i.tablename::text, i.indexdef FROM pg_indexes i
          WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
    )
    .bind(&tables)
    .fetch_all(&mut *conn)
    .await?;
    let mut saved = Vec::new();
    for (name, table, definition) in keys {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("ALTER TABLE {table} DROP CONSTRAINT \"{name}\"")))
            .execute(&mut *conn)
            .await?;
        saved.push((table.clone(), format!("ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}")));
    }
    for (name, table, ddl) in indexes {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP INDEX \"{name}\""))).execute(&mut *conn).await?;
        saved.push((table, ddl));
    }
    Ok(saved)
}

async fn summarize(conn: &mut PgConnection) -> Result<SeedSummary> {
    let row: (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM inboxes), (SELECT count(*) FROM users),
                (SELECT count(*) FROM teams), (SELECT count(*) FROM contacts), (SELECT count(*) FROM conversations),
                (SELECT count(*) FROM messages), (SELECT count(*) FROM reporting_events),
                (SELECT count(*) FROM csat_survey_responses), (SELECT count(*) FROM taggings)",
    )
    .fetch_one(conn)
    .await?;
    Ok(SeedSummary {
        accounts: row.0,
        inboxes: row.1,
        users: row.2,
        teams: row.3,
        contacts: row.4,
        conversations: row.5,
        messages: row.6,
        reporting_events: row.7,
        csat_survey_responses: row.8,
        taggings: row.9,
    })
}

fn sql_text_array(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("'{}'", s.replace('\'', "''"))).collect();
    format!("ARRAY[{}]::text[]", quoted.join(","))
}

/// The whole generation as one SQL script. Every value is formatted from numbers or from the
/// constants above, so nothing user-supplied reaches the SQL text.
fn generation_sql(options: &SeedOptions) -> String {
    let n = options.conversations as i64;
    let anchor = options.anchor.format("%Y-%m-%d %H:%M:%S");
    let accounts = ACCOUNTS;
    let ipa = INBOXES_PER_ACCOUNT;
    let inboxes = ACCOUNTS * INBOXES_PER_ACCOUNT;
    let apa = AGENTS_PER_ACCOUNT;
    let tpa = TEAMS_PER_ACCOUNT;
    let channels = sql_text_array(CHANNEL_TYPES);
    let n_channels = CHANNEL_TYPES.len();
    let labels = sql_text_array(LABELS);
    let n_labels = LABELS.len();
    let timezones = sql_text_array(INBOX_TIMEZONES);
    let n_timezones = INBOX_TIMEZONES.len();
    // Conversations start over 120 days, more of them in busy hours (see `traffic_clock`): id c
    // starts at the moment the traffic clock reads its share of the way from first to last.
    let (shares, lower) = weekly_traffic();
    let last_start = options.anchor - chrono::Duration::hours(LAST_START_HOURS);
    let clock_first = traffic_clock(last_start - chrono::Duration::days(120), &shares, &lower);
    let clock_last = traffic_clock(last_start, &shares, &lower);
    let float_array = |xs: &[f64]| {
        let items: Vec<String> = xs.iter().map(|x| format!("{x:e}")).collect();
        format!("ARRAY[{}]::float8[]", items.join(","))
    };
    let traffic_shares = float_array(&shares);
    let traffic_lower = float_array(&lower);
    let week_origin = traffic_week_origin().format("%Y-%m-%d %H:%M:%S");
    // Contacts per account: about one contact for three conversations.
    let cpa = (n / (3 * accounts)).max(10);
    format!(
        r#"
-- Reference data ------------------------------------------------------------------------------
INSERT INTO accounts (id, name, created_at, updated_at)
SELECT a, 'Account ' || a, TIMESTAMP '{anchor}' - interval '400 days', TIMESTAMP '{anchor}' - interval '400 days'
FROM generate_series(1, {accounts}) a;

INSERT INTO users (id, uid, name, display_name, email, confirmed_at, created_at, updated_at)
SELECT u, 'agent' || u || '@example.test', 'Agent ' || u, CASE WHEN u % 3 = 0 THEN 'Agent ' || u || ' (display)' END,
       'agent' || u || '@example.test', TIMESTAMP '{anchor}' - interval '399 days',
       TIMESTAMP '{anchor}' - interval '399 days', TIMESTAMP '{anchor}' - interval '399 days'
FROM generate_series(1, {accounts} * {apa}) u;

INSERT INTO account_users (account_id, user_id, role, availability, created_at, updated_at)
SELECT (u - 1) / {apa} + 1, u, CASE WHEN (u - 1) % {apa} = 0 THEN 1 ELSE 0 END, u % 3,
       TIMESTAMP '{anchor}' - interval '399 days', TIMESTAMP '{anchor}' - interval '399 days'
FROM generate_series(1, {accounts} * {apa}) u;

INSERT INTO teams (id, name, description, account_id, created_at, updated_at)
SELECT t, (ARRAY['Sales','Support','Billing','Escalations'])[(t - 1) % {tpa} + 1] || ' ' || ((t - 1) / {tpa} + 1),
       'generated team', (t - 1) / {tpa} + 1, TIMESTAMP '{anchor}' - interval '398 days', TIMESTAMP '{anchor}' - interval '398 days'
FROM generate_series(1, {accounts} * {tpa}) t;

INSERT INTO team_members (team_id, user_id, created_at, updated_at)
SELECT t, ((t - 1) / {tpa}) * {apa} + 1 + k, TIMESTAMP '{anchor}' - interval '398 days', TIMESTAMP '{anchor}' - interval '398 days'
FROM generate_series(1, {accounts} * {tpa}) t, generate_series(0, 3) k;

INSERT INTO agent_bots (id, name, account_id, created_at, updated_at)
SELECT a, 'Bot ' || a, a, TIMESTAMP '{anchor}' - interval '398 days', TIMESTAMP '{anchor}' - interval '398 days'
FROM generate_series(1, {accounts}) a;

INSERT INTO inboxes (id, channel_id, account_id, name, channel_type, working_hours_enabled, timezone,
                     csat_survey_enabled, greeting_enabled, created_at, updated_at)
SELECT i, i, (i - 1) / {ipa} + 1,
       replace(({channels})[(i - 1) % {n_channels} + 1], 'Channel::', '') || ' inbox ' || i,
       ({channels})[(i - 1) % {n_channels} + 1],
       i % 3 = 0,
       ({timezones})[i % {n_timezones} + 1],
       i % 2 = 0, i % 5 = 0,
       TIMESTAMP '{anchor}' - interval '390 days', TIMESTAMP '{anchor}' - interval '390 days'
FROM generate_series(1, {inboxes}) i;

INSERT INTO agent_bot_inboxes (inbox_id, agent_bot_id, status, account_id, created_at, updated_at)
SELECT i, (i - 1) / {ipa} + 1, 0, (i - 1) / {ipa} + 1, TIMESTAMP '{anchor}' - interval '390 days', TIMESTAMP '{anchor}' - interval '390 days'
FROM generate_series(1, {inboxes}) i WHERE i % 4 = 1;

INSERT INTO working_hours (inbox_id, account_id, day_of_week, closed_all_day, open_hour, open_minutes, close_hour,
                           close_minutes, created_at, updated_at)
SELECT i, (i - 1) / {ipa} + 1, d, d IN (0, 6), 9, 0, 18, 0, TIMESTAMP '{anchor}' - interval '390 days', TIMESTAMP '{anchor}' - interval '390 days'
FROM generate_series(1, {inboxes}) i, generate_series(0, 6) d WHERE i % 3 = 0;

INSERT INTO inbox_members (user_id, inbox_id, created_at, updated_at)
SELECT ((i - 1) / {ipa}) * {apa} + 1 + k, i, TIMESTAMP '{anchor}' - interval '390 days', TIMESTAMP '{anchor}' - interval '390 days'
FROM generate_series(1, {inboxes}) i, generate_series(0, {apa} - 1) k;

-- Channel rows exist for the kinds the schema subset has; provider_config holds a fake secret
-- that geniai must never read.
INSERT INTO channel_whatsapp (id, account_id, phone_number, provider, provider_config, created_at, updated_at)
SELECT i, (i - 1) / {ipa} + 1, '+1555' || lpad(i::text, 7, '0'), 'whatsapp_cloud',
       jsonb_build_object('api_key', 'secret-' || md5(i::text)), TIMESTAMP '{anchor}' - interval '390 days', TIMESTAMP '{anchor}' - interval '390 days'
FROM generate_series(1, {inboxes}) i WHERE ({channels})[(i - 1) % {n_channels} + 1] = 'Channel::Whatsapp';

INSERT INTO channel_web_widgets (id, website_url, account_id, website_token, created_at, updated_at)
SELECT i, 'https://site' || i || '.example.test', (i - 1) / {ipa} + 1, md5('widget' || i),
       TIMESTAMP '{anchor}' - interval '390 days', TIMESTAMP '{anchor}' - interval '390 days'
FROM generate_series(1, {inboxes}) i WHERE ({channels})[(i - 1) % {n_channels} + 1] = 'Channel::WebWidget';

INSERT INTO tags (id, name, taggings_count)
SELECT k, ({labels})[k], 0 FROM generate_series(1, {n_labels}) k;

INSERT INTO labels (title, description, account_id, show_on_sidebar, created_at, updated_at)
SELECT ({labels})[k], 'generated label', a, true, TIMESTAMP '{anchor}' - interval '390 days', TIMESTAMP '{anchor}' - interval '390 days'
FROM generate_series(1, {n_labels}) k, generate_series(1, {accounts}) a;

INSERT INTO contacts (id, name, email, phone_number, account_id, contact_type, created_at, updated_at)
SELECT c, 'Contact ' || c, 'contact' || c || '@example.test', '+1444' || lpad(c::text, 9, '0'),
       (c - 1) / {cpa} + 1, c % 3, TIMESTAMP '{anchor}' - interval '200 days', TIMESTAMP '{anchor}' - interval '200 days'
FROM generate_series(1, {accounts} * {cpa}) c;

-- One row per conversation with everything its messages and events derive from. ----------------
CREATE TEMP TABLE seed_conv ON COMMIT DROP AS
WITH b AS MATERIALIZED (
    SELECT g.c AS id,
           1 + floor(pg_temp.r(g.c, 1) * {inboxes})::int AS inbox_id,
           date_trunc('second', TIMESTAMP '{week_origin}' + make_interval(secs => 3600 * (168 * floor(w.clock)
                  + width_bucket(w.clock - floor(w.clock), {traffic_lower}) - 1
                  + (w.clock - floor(w.clock) - ({traffic_lower})[width_bucket(w.clock - floor(w.clock), {traffic_lower})])
                    / ({traffic_shares})[width_bucket(w.clock - floor(w.clock), {traffic_lower})]))) AS t0,
           pg_temp.r(g.c, 3) AS r_status, pg_temp.r(g.c, 4) AS r_bot, pg_temp.r(g.c, 5) AS r_unattended,
           20 + floor(pg_temp.r(g.c, 6) * 1800)::int AS step_s,
           pg_temp.r(g.c, 7) AS r_len, pg_temp.r(g.c, 8) AS r_assign, pg_temp.r(g.c, 9) AS r_agent,
           pg_temp.r(g.c, 10) AS r_team, pg_temp.r(g.c, 11) AS r_priority, pg_temp.r(g.c, 12) AS r_nlabels,
           floor(pg_temp.r(g.c, 13) * {n_labels})::int AS l1, floor(pg_temp.r(g.c, 14) * 5)::int AS l2d,
           floor(pg_temp.r(g.c, 15) * 5)::int AS l3d, pg_temp.r(g.c, 16) AS r_csat, pg_temp.r(g.c, 17) AS r_rating,
           pg_temp.r(g.c, 18) AS r_reopen, pg_temp.r(g.c, 19) AS r_contact, pg_temp.r(g.c, 20) AS r_bh,
           pg_temp.r(g.c, 21) AS r_csat_delay, pg_temp.r(g.c, 22) AS r_frt, pg_temp.r(g.c, 23) AS r_frt_len
    FROM generate_series(1, {n}) AS g(c)
    CROSS JOIN LATERAL (SELECT {clock_first:e}::float8 + ({clock_last:e}::float8 - {clock_first:e}::float8)
                               * ((g.c - pg_temp.r(g.c, 2)) / {n}::float8) AS clock) AS w
), m AS MATERIALIZED (
    SELECT b.*, (b.inbox_id - 1) / {ipa} + 1 AS account_id,
           CASE WHEN b.inbox_id % 4 = 1 AND b.r_bot < 0.4 THEN 'bot'
                WHEN b.inbox_id % 4 = 1 THEN 'handoff'
                WHEN b.r_status >= 0.6 AND b.r_status < 0.8 AND b.r_unattended < 0.35 THEN 'unattended'
                ELSE 'human' END AS mode
    FROM b
), s AS MATERIALIZED (
    SELECT m.*,
           CASE WHEN m.mode = 'bot' THEN (CASE WHEN m.r_status < 0.7 THEN 1 ELSE 0 END)
                WHEN m.r_status < 0.6 THEN 1 WHEN m.r_status < 0.8 THEN 0 WHEN m.r_status < 0.9 THEN 2 ELSE 3 END AS status,
           CASE WHEN m.mode = 'bot' THEN 1 + floor(m.r_len * 5)::int
                WHEN m.mode = 'unattended' THEN 1 + floor(m.r_len * 2)::int
                ELSE 1 + floor(m.r_len * 17)::int END AS body,
           CASE WHEN m.mode = 'handoff' THEN 4 ELSE 2 END AS hs,
           CASE WHEN m.mode <> 'bot' AND m.r_assign < 0.88
                THEN (m.account_id - 1) * {apa} + 1 + floor(m.r_agent * {apa})::int END AS assignee_id,
           (m.account_id - 1) * {apa} + 1 + floor(m.r_agent * {apa})::int AS agent_id,
           CASE WHEN m.mode <> 'bot' AND m.r_team < 0.6 THEN (m.account_id - 1) * {tpa} + 1 + floor(m.r_team / 0.6 * {tpa})::int END AS team_id,
           CASE WHEN m.r_priority < 0.5 THEN NULL ELSE floor((m.r_priority - 0.5) * 8)::int END AS priority,
           (m.account_id - 1) * {cpa} + 1 + floor(m.r_contact * {cpa})::int AS contact_id,
           make_interval(secs => m.step_s) AS step,
           CASE WHEN m.mode = 'handoff' THEN m.t0 + interval '20 seconds' ELSE m.t0 END AS th,
           CASE WHEN m.inbox_id % 3 = 0 THEN 0.3 + 0.5 * m.r_bh ELSE 0 END AS bh_factor,
           CASE WHEN m.r_nlabels < 0.3 THEN '{{}}'::text[]
                WHEN m.r_nlabels < 0.65 THEN ARRAY[({labels})[m.l1 + 1]]
                WHEN m.r_nlabels < 0.9 THEN ARRAY[({labels})[m.l1 + 1], ({labels})[(m.l1 + 1 + m.l2d) % {n_labels} + 1]]
                ELSE ARRAY[({labels})[m.l1 + 1], ({labels})[(m.l1 + 1 + m.l2d) % {n_labels} + 1],
                           ({labels})[(m.l1 + 2 + m.l2d + m.l3d) % {n_labels} + 1]] END AS labels
    FROM m
), f AS MATERIALIZED (
    SELECT s.*,
           (s.status = 1 AND s.mode IN ('human', 'handoff')) AS human_resolved,
           (s.status = 1 AND s.mode IN ('human', 'handoff') AND s.inbox_id % 2 = 0) AS csat_sent,
           (s.status = 1 AND s.mode IN ('human', 'handoff') AND s.body >= 3 AND s.r_reopen < 0.1) AS reopened,
           -- when a human inbox with working hours (Monday to Friday, 9 to 18 in its timezone) got it
           CASE WHEN s.inbox_id % 3 = 0 AND s.mode IN ('human', 'handoff')
                THEN timezone(({timezones})[s.inbox_id % {n_timezones} + 1], timezone('UTC', s.th)) END AS th_local
    FROM s
), t AS MATERIALIZED (
    SELECT f.*,
           -- Seconds until the inbox opens, for a conversation that came in while it was closed.
           CASE WHEN f.th_local IS NULL
                  OR (extract(isodow FROM f.th_local) <= 5 AND f.th_local::time >= '09:00' AND f.th_local::time < '18:00')
                THEN 0
                ELSE floor(extract(epoch FROM timezone('UTC', timezone(({timezones})[f.inbox_id % {n_timezones} + 1],
                       date_trunc('day', f.th_local) + interval '9 hours'
                       + CASE WHEN extract(isodow FROM f.th_local) <= 5 AND f.th_local::time < '09:00' THEN interval '0 days'
                              WHEN extract(isodow FROM f.th_local) = 5 THEN interval '3 days'
                              WHEN extract(isodow FROM f.th_local) = 6 THEN interval '2 days'
                              ELSE interval '1 day' END)) - f.th))::int END AS open_wait_s,
           CASE WHEN f.human_resolved THEN 1 + f.csat_sent::int WHEN f.status IN (2, 3) AND f.mode <> 'bot' THEN 1 ELSE 0 END AS trail,
           (f.csat_sent AND f.r_csat < 0.45) AS csat_answered,
           CASE WHEN f.r_rating < 0.05 THEN 1 WHEN f.r_rating < 0.12 THEN 2 WHEN f.r_rating < 0.25 THEN 3
                WHEN f.r_rating < 0.5 THEN 4 ELSE 5 END AS rating
    FROM f
), v AS (
    -- The first human reply's delay, long-tailed as in a real Chatwoot: log-uniform within bands,
    -- 45% within 10 minutes, 25% within the hour, then 1-4 h, 4-8 h, 8-24 h and 24-36 h; a
    -- conversation that came in while its inbox was closed is answered 1 to 30 minutes after the
    -- opening. Never so late that the conversation would run past the anchor (FRT_RESERVE_S).
    -- Bot and unattended conversations have no human reply: their body keeps the plain step.
    SELECT t.*,
           CASE WHEN t.mode NOT IN ('human', 'handoff') THEN t.step_s
                ELSE least(greatest(20, floor(extract(epoch FROM TIMESTAMP '{anchor}' - t.th))::int - {FRT_RESERVE_S}),
                           CASE WHEN t.open_wait_s > 0 THEN t.open_wait_s + 60 + floor(t.r_frt_len * 1740)::int
                                WHEN t.r_frt < 0.45 THEN floor(20 * power(30, t.r_frt_len))::int
                                WHEN t.r_frt < 0.70 THEN floor(600 * power(6, t.r_frt_len))::int
                                WHEN t.r_frt < 0.86 THEN floor(3600 * power(4, t.r_frt_len))::int
                                WHEN t.r_frt < 0.94 THEN floor(14400 * power(2, t.r_frt_len))::int
                                WHEN t.r_frt < 0.985 THEN floor(28800 * power(3, t.r_frt_len))::int
                                ELSE floor(86400 * power(1.5, t.r_frt_len))::int END) END AS frt_s
    FROM t
), w AS (
    -- Body message k (from 1) is at tb + k * step: the first one, the first reply, at th + frt.
    SELECT v.*, v.th + make_interval(secs => v.frt_s - v.step_s) AS tb FROM v
)
SELECT w.*, w.hs - 1 + w.body + w.trail AS total,
       sum(w.hs - 1 + w.body + w.trail) OVER (ORDER BY w.id) - (w.hs - 1 + w.body + w.trail) AS msg_base,
       -- the end of the body: last human/bot exchange
       w.tb + w.body * w.step AS last_body_at,
       w.tb + (w.body + 1) * w.step AS closed_at
FROM w;

-- Conversations ----------------------------------------------------------------------------------
INSERT INTO conversations (id, account_id, inbox_id, status, assignee_id, contact_id, display_id, team_id, priority,
                           uuid, cached_label_list, first_reply_created_at, waiting_since, snoozed_until,
                           last_activity_at, contact_last_seen_at, agent_last_seen_at, created_at, updated_at)
SELECT c.id, c.account_id, c.inbox_id, c.status, c.assignee_id, c.contact_id, c.id, c.team_id, c.priority,
       md5('conversation-' || c.id)::uuid,
       NULLIF(array_to_string(c.labels, ','), ''),
       CASE WHEN c.mode IN ('human', 'handoff') THEN c.tb + c.step END,
       CASE WHEN c.status = 1 OR c.mode = 'bot' THEN NULL
            WHEN c.mode = 'unattended' THEN c.t0
            WHEN (c.body - 1) % 6 IN (0, 2) THEN NULL
            WHEN (c.body - 1) % 6 = 4 THEN c.tb + (c.body - 1) * c.step
            WHEN (c.body - 1) % 6 = 5 THEN c.tb + (c.body - 2) * c.step
            ELSE c.tb + c.body * c.step END,
       CASE WHEN c.status = 3 THEN TIMESTAMP '{anchor}' + interval '2 days' END,
       CASE WHEN c.trail > 0 THEN c.closed_at + (c.trail - 1) * interval '1 second' ELSE c.last_body_at END,
       c.last_body_at, c.last_body_at,
       c.t0,
       CASE WHEN c.trail > 0 THEN c.closed_at + (c.trail - 1) * interval '1 second' ELSE c.last_body_at END
FROM seed_conv c;

INSERT INTO taggings (tag_id, taggable_type, taggable_id, context, created_at)
SELECT array_position({labels}, l.name), 'Conversation', c.id, 'labels', c.t0 + interval '5 minutes'
FROM seed_conv c, unnest(c.labels) AS l(name);

UPDATE tags SET taggings_count = x.n FROM (SELECT tag_id, count(*) AS n FROM taggings GROUP BY tag_id) x WHERE x.tag_id = tags.id;

-- Messages: kinds are in (incoming), bot (AgentBot reply), act (activity), out (agent reply),
-- note (private note), csat (the survey, a template of content_type 9). -------------------------
INSERT INTO messages (id, content, account_id, inbox_id, conversation_id, message_type, private, status, content_type,
                      sender_type, sender_id, created_at, updated_at)
SELECT c.msg_base + g.i,
       CASE k.kind WHEN 'csat' THEN 'Please rate the conversation' WHEN 'act' THEN 'Conversation updated'
                   ELSE 'message ' || (c.msg_base + g.i) END,
       c.account_id, c.inbox_id, c.id,
       CASE k.kind WHEN 'in' THEN 0 WHEN 'act' THEN 2 WHEN 'csat' THEN 3 ELSE 1 END,
       k.kind = 'note', 0,
       CASE k.kind WHEN 'csat' THEN 9 ELSE 0 END,
       CASE k.kind WHEN 'in' THEN 'Contact' WHEN 'bot' THEN 'AgentBot' WHEN 'out' THEN 'User' WHEN 'note' THEN 'User' END,
       CASE k.kind WHEN 'in' THEN c.contact_id WHEN 'bot' THEN c.account_id WHEN 'out' THEN c.agent_id WHEN 'note' THEN c.agent_id END,
       k.at, k.at
FROM seed_conv c
CROSS JOIN LATERAL generate_series(1, c.total) AS g(i)
CROSS JOIN LATERAL (
    SELECT CASE WHEN g.i = 1 THEN 'in'
                WHEN g.i < c.hs THEN (CASE WHEN g.i = 2 THEN 'bot' ELSE 'act' END)
                WHEN g.i < c.hs + c.body THEN
                     (CASE WHEN c.mode = 'bot' THEN (CASE WHEN (g.i - c.hs) % 2 = 0 THEN 'bot' ELSE 'in' END)
                           WHEN c.mode = 'unattended' THEN 'in'
                           WHEN (g.i - c.hs) % 2 = 1 THEN 'in'
                           WHEN (g.i - c.hs) % 6 = 4 THEN 'note'
                           ELSE 'out' END)
                WHEN g.i = c.hs + c.body THEN 'act'
                ELSE 'csat' END AS kind,
           CASE WHEN g.i < c.hs THEN c.t0 + (g.i - 1) * interval '10 seconds'
                WHEN g.i < c.hs + c.body THEN c.tb + (g.i - c.hs + 1) * c.step
                ELSE c.closed_at + (g.i - c.hs - c.body) * interval '1 second' END AS at
) AS k;

-- Reporting events, consistent with the messages above. -------------------------------------------
INSERT INTO reporting_events (name, value, value_in_business_hours, account_id, inbox_id, user_id, conversation_id,
                              created_at, updated_at, event_start_time, event_end_time)
SELECT e.name, e.value, e.bh_value, e.account_id, e.inbox_id, e.user_id, e.conversation_id, e.at, e.at, e.start_at, e.at
FROM (
    -- in business hours, a wait for the opening does not count
    SELECT 'first_response' AS name, c.frt_s::float8 AS value,
           (CASE WHEN c.open_wait_s > 0 THEN greatest(0, c.frt_s - c.open_wait_s) ELSE c.frt_s * c.bh_factor END)::float8 AS bh_value,
           c.account_id, c.inbox_id, c.agent_id AS user_id,
           c.id AS conversation_id, c.tb + c.step AS at, c.th AS start_at, c.id AS ord, 1 AS sub
    FROM seed_conv c WHERE c.mode IN ('human', 'handoff')
    UNION ALL
    SELECT 'reply_time', (CASE WHEN j % 6 = 0 THEN 3 ELSE 1 END * c.step_s)::float8,
           (CASE WHEN j % 6 = 0 THEN 3 ELSE 1 END * c.step_s * c.bh_factor)::float8, c.account_id, c.inbox_id,
           c.agent_id, c.id, c.tb + (j + 1) * c.step,
           c.tb + (j + 1) * c.step - CASE WHEN j % 6 = 0 THEN 3 ELSE 1 END * c.step, c.id, 2 + j
    FROM seed_conv c CROSS JOIN LATERAL generate_series(2, c.body - 1, 2) AS j
    WHERE c.mode IN ('human', 'handoff') AND j % 6 <> 4
    UNION ALL
    SELECT 'conversation_bot_handoff', 20, 20 * c.bh_factor, c.account_id, c.inbox_id, NULL, c.id, c.t0 + interval '20 seconds',
           c.t0, c.id, 0
    FROM seed_conv c WHERE c.mode = 'handoff'
    UNION ALL
    SELECT 'conversation_resolved', extract(epoch FROM (c.tb + c.step * 1.5 - c.t0))::float8,
           extract(epoch FROM (c.tb + c.step * 1.5 - c.t0))::float8 * c.bh_factor, c.account_id,
           c.inbox_id, c.assignee_id, c.id, c.tb + c.step * 1.5, c.t0, c.id, 3
    FROM seed_conv c WHERE c.reopened
    UNION ALL
    SELECT 'conversation_opened', 0, 0, c.account_id, c.inbox_id, c.assignee_id, c.id, c.tb + c.step * 1.75,
           c.tb + c.step * 1.5, c.id, 4
    FROM seed_conv c WHERE c.reopened
    UNION ALL
    SELECT 'conversation_resolved', extract(epoch FROM (c.closed_at - c.t0))::float8,
           extract(epoch FROM (c.closed_at - c.t0))::float8 * c.bh_factor, c.account_id,
           c.inbox_id, c.assignee_id, c.id, c.closed_at, c.t0, c.id, 1000
    FROM seed_conv c WHERE c.human_resolved
    UNION ALL
    SELECT 'conversation_bot_resolved', extract(epoch FROM (c.closed_at - c.t0))::float8,
           extract(epoch FROM (c.closed_at - c.t0))::float8 * c.bh_factor, c.account_id,
           c.inbox_id, NULL, c.id, c.closed_at, c.t0, c.id, 1000
    FROM seed_conv c WHERE c.mode = 'bot' AND c.status = 1
) e;

-- CSAT responses to the survey messages. ------------------------------------------------------------
INSERT INTO csat_survey_responses (account_id, conversation_id, message_id, rating, feedback_message, contact_id,
                                   assigned_agent_id, created_at, updated_at)
SELECT c.account_id, c.id, c.msg_base + c.total, c.rating, CASE WHEN c.rating <= 2 THEN 'not happy' END, c.contact_id,
       c.assignee_id, c.closed_at + make_interval(secs => 60 + floor(c.r_csat_delay * 7200)::int),
       c.closed_at + make_interval(secs => 60 + floor(c.r_csat_delay * 7200)::int)
FROM seed_conv c WHERE c.csat_answered;

-- Sequences continue after the generated ids, as if the rows had been inserted one by one.
SELECT setval(pg_get_serial_sequence('accounts', 'id'), (SELECT max(id) FROM accounts));
SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users));
SELECT setval(pg_get_serial_sequence('teams', 'id'), (SELECT max(id) FROM teams));
SELECT setval(pg_get_serial_sequence('agent_bots', 'id'), (SELECT max(id) FROM agent_bots));
SELECT setval(pg_get_serial_sequence('inboxes', 'id'), (SELECT max(id) FROM inboxes));
SELECT setval(pg_get_serial_sequence('channel_whatsapp', 'id'), (SELECT coalesce(max(id), 1) FROM channel_whatsapp));
SELECT setval(pg_get_serial_sequence('channel_web_widgets', 'id'), (SELECT coalesce(max(id), 1) FROM channel_web_widgets));
SELECT setval(pg_get_serial_sequence('tags', 'id'), (SELECT max(id) FROM tags));
SELECT setval(pg_get_serial_sequence('contacts', 'id'), (SELECT max(id) FROM contacts));
SELECT setval(pg_get_serial_sequence('conversations', 'id'), (SELECT max(id) FROM conversations));
SELECT setval(pg_get_serial_sequence('messages', 'id'), (SELECT max(id) FROM messages));
"#
    )
}
