//! `geniai doctor`'s checks: each inspects one part of the installation and says how to fix it.
//!
//! Checks never change anything. They read the analytics database (catalog and the platform path),
//! and the Chatwoot source through its read-only pool.

use std::collections::BTreeSet;

use anyhow::Result;
use serde::Serialize;
use sqlx::PgPool;

use crate::admin::TenantStatus;
use crate::db::{self, PLATFORM_TABLES_WITH_TENANT, TENANT_TABLES};
use crate::secrets::{self, MasterKey, Sealed};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// All is well.
    Ok,
    /// Works, but something should be improved.
    Warn,
    /// Broken: `doctor` exits 1.
    Fail,
}

/// One finding: what was checked, how it came out, and what to do about it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub check: String,
    pub status: Status,
    pub detail: String,
    /// What to do; empty when nothing is needed.
    pub fix: String,
}

impl Finding {
    fn new(check: &str, status: Status, detail: impl Into<String>, fix: impl Into<String>) -> Self {
        Finding { check: check.into(), status, detail: detail.into(), fix: fix.into() }
    }
    fn ok(check: &str, detail: impl Into<String>) -> Self {
        Finding::new(check, Status::Ok, detail, "")
    }
}

/// The columns the ETL reads from each Chatwoot table.
pub const SOURCE_COLUMNS: &[(&str, &[&str])] = &[
    ("inboxes", &["id", "account_id", "name", "channel_type", "timezone"]),
    ("users", &["id", "name"]),
    ("teams", &["id", "name", "account_id"]),
    (
        "conversations",
        &[
            "id",
            "account_id",
            "inbox_id",
            "status",
            "assignee_id",
            "contact_id",
            "display_id",
            "team_id",
            "campaign_id",
            "priority",
            "cached_label_list",
            "first_reply_created_at",
            "waiting_since",
            "last_activity_at",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "messages",
        &[
            "id",
            "account_id",
            "inbox_id",
            "conversation_id",
            "message_type",
            "private",
            "content_type",
            "sender_type",
            "sender_id",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "reporting_events",
        &[
            "id",
            "name",
            "value",
            "value_in_business_hours",
            "account_id",
            "inbox_id",
            "user_id",
            "conversation_id",
            "created_at",
            "updated_at",
            "event_start_time",
            "event_end_time",
        ],
    ),
    (
        "csat_survey_responses",
        &["id", "conversation_id", "message_id", "rating", "assigned_agent_id", "created_at", "updated_at"],
    ),
];

/// Source indexes that make incremental extraction cheaper, as (table, column, statement).
pub const RECOMMENDED_SOURCE_INDEXES: &[(&str, &str, &str)] = &[
    (
        "conversations",
        "updated_at",
        "CREATE INDEX CONCURRENTLY index_conversations_on_updated_at ON conversations (updated_at);",
    ),
    (
        "csat_survey_responses",
        "updated_at",
        "CREATE INDEX CONCURRENTLY index_csat_survey_responses_on_updated_at ON csat_survey_responses (updated_at);",
    ),
    (
        "messages",
        "updated_at",
        "CREATE INDEX CONCURRENTLY index_messages_on_updated_at ON messages (updated_at);",
    ),
];

/// Checks the analytics database: reachable, migrated, RLS forced, roles safe.
pub async fn check_target(pool: &PgPool) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    let status = db::migrate::status(pool).await?;
    let pending: Vec<String> =
        status.iter().filter(|m| m.applied_at.is_none()).map(|m| m.version.to_string()).collect();
    findings.push(if pending.is_empty() {
        Finding::ok("target.migrations", format!("reachable; {} migrations applied", status.len()))
    } else {
        Finding::new(
            "target.migrations",
            Status::Fail,
            format!("pending migrations: {}", pending.join(", ")),
            "run `geniai migrate`",
        )
    });
    if !pending.is_empty() && pending.len() == status.len() {
        return Ok(findings);
    }

    let tables: Vec<&str> = TENANT_TABLES.iter().chain(PLATFORM_TABLES_WITH_TENANT).copied().collect();
    let rls: Vec<(String, bool, bool)> = sqlx::query_as(
        "SELECT c.relname::text, c.relrowsecurity, c.relforcerowsecurity
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relname = ANY($1)",
    )
    .bind(&tables)
    .fetch_all(pool)
    .await?;
    let weak: Vec<&str> = tables
        .iter()
        .copied()
        .filter(|t| !rls.iter().any(|(name, enabled, forced)| name == t && *enabled && *forced))
        .collect();
    findings.push(if weak.is_empty() {
        Finding::ok("target.rls", format!("row-level security enabled and forced on {} tables", tables.len()))
    } else {
        Finding::new(
            "target.rls",
            Status::Fail,
            format!("row-level security is not enabled and forced on: {}", weak.join(", ")),
            "run `ALTER TABLE <t> ENABLE ROW LEVEL SECURITY; ALTER TABLE <t> FORCE ROW LEVEL SECURITY;` as the owner, or re-create the database with `geniai migrate`",
        )
    });

    let roles: Vec<(String, bool, bool, i64)> = sqlx::query_as(
        "SELECT r.rolname::text, r.rolsuper, r.rolbypassrls,
                (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid AND c.relname = ANY($1))
           FROM pg_roles r WHERE r.rolname IN ('geniai_tenant', 'geniai_platform')",
    )
    .bind(&tables)
    .fetch_all(pool)
    .await?;
    let mut role_problems = Vec::new();
    for name in ["geniai_tenant", "geniai_platform"] {
        match roles.iter().find(|(r, ..)| r == name) {
            None => role_problems.push(format!("{name} is missing")),
            Some((_, superuser, bypass, owned)) => {
                if *superuser || *bypass {
                    role_problems.push(format!("{name} can bypass RLS"));
                }
                if *owned > 0 {
                    role_problems.push(format!("{name} owns {owned} tenant tables"));
                }
            }
        }
    }
    findings.push(if role_problems.is_empty() {
        Finding::ok("target.roles", "geniai_tenant and geniai_platform own nothing and cannot bypass RLS")
    } else {
        Finding::new(
            "target.roles",
            Status::Fail,
            role_problems.join("; "),
            "run `geniai migrate` as the owner to repair the roles",
        )
    });

    let (login, superuser): (String, bool) =
        sqlx::query_as("SELECT current_user::text, rolsuper FROM pg_roles WHERE rolname = current_user")
            .fetch_one(pool)
            .await?;
    findings.push(if superuser {
        Finding::new(
            "target.login",
            Status::Warn,
            format!("geniai logs in as {login}, a superuser; isolation still holds (every tenant transaction switches role), but a least-privilege login is safer"),
            "create a login that owns nothing: CREATE ROLE geniai_app LOGIN PASSWORD '…'; GRANT geniai_tenant, geniai_platform TO geniai_app;",
        )
    } else {
        Finding::ok("target.login", format!("geniai logs in as {login}, not a superuser"))
    });
    Ok(findings)
}

/// Checks that the master key is configured and opens every stored secret.
pub async fn check_secrets(pool: &PgPool, key: Result<MasterKey>) -> Result<Vec<Finding>> {
    let mut tx = db::platform_tx(pool).await?;
    let rows = secrets::all_sealed(&mut tx).await?;
    tx.commit().await?;
    let key = match key {
        Ok(key) => key,
        Err(err) if rows.is_empty() => {
            return Ok(vec![Finding::new(
                "secrets.master_key",
                Status::Warn,
                format!("no master key configured ({err:#}); no secret is stored yet"),
                "generate one with `geniai keygen` and keep it in GENIAI_MASTER_KEY or GENIAI_MASTER_KEY_FILE",
            )]);
        }
        Err(err) => {
            return Ok(vec![Finding::new(
                "secrets.master_key",
                Status::Fail,
                format!("{} secrets are stored but the master key is unavailable: {err:#}", rows.len()),
                "set GENIAI_MASTER_KEY or GENIAI_MASTER_KEY_FILE to the key that sealed them",
            )]);
        }
    };
    let mut failed = Vec::new();
    for row in &rows {
        let sealed = Sealed {
            nonce: row.nonce.clone(),
            ciphertext: row.ciphertext.clone(),
            key_id: row.key_id.clone(),
        };
        if secrets::open(&key, row.tenant_id, &row.name, &sealed).is_err() {
            failed.push(format!("tenant {}: {}", row.tenant_id, row.name));
        }
    }
    Ok(vec![if failed.is_empty() {
        Finding::ok("secrets.master_key", format!("master key {} opens all {} secrets", key.id(), rows.len()))
    } else {
        Finding::new(
            "secrets.master_key",
            Status::Fail,
            format!(
                "{} of {} secrets do not open with master key {}: {}",
                failed.len(),
                rows.len(),
                key.id(),
                failed.join(", ")
            ),
            "set the master key that sealed them; after recovering, `geniai secret rotate-key` re-seals all under one key",
        )
    }])
}

/// Checks the Chatwoot source: reachable, read-only, the needed columns, helpful indexes, and
/// mapped inboxes that no longer exist.
pub async fn check_source(target: &PgPool, source_url: Option<&str>) -> Result<Vec<Finding>> {
    let Some(url) = source_url else {
        return Ok(vec![Finding::new(
            "source.reachable",
            Status::Warn,
            "no Chatwoot source configured",
            "pass --source-url or set GENIAI_SOURCE_URL (a read-only account on a replica is ideal)",
        )]);
    };
    let source = match crate::source::connect(url, 2).await {
        Ok(pool) => pool,
        Err(err) => {
            return Ok(vec![Finding::new(
                "source.reachable",
                Status::Fail,
                format!("{err:#}"),
                "check GENIAI_SOURCE_URL: host, port, credentials and network access",
            )]);
        }
    };
    let mut findings = vec![Finding::ok("source.reachable", "the Chatwoot database answers")];

    let writable: Vec<String> = sqlx::query_scalar(
        "SELECT t FROM unnest(ARRAY['conversations', 'messages', 'reporting_events']) t
          WHERE to_regclass(t) IS NOT NULL
            AND has_table_privilege(current_user, t, 'INSERT, UPDATE, DELETE')",
    )
    .fetch_all(&source)
    .await?;
    findings.push(if writable.is_empty() {
        Finding::ok("source.read_only", "the source account cannot write; geniai also opens every session read-only")
    } else {
        Finding::new(
            "source.read_only",
            Status::Warn,
            format!("the source account may write to {} (geniai opens every session read-only regardless)", writable.join(", ")),
            "use an account with SELECT only: CREATE ROLE geniai_reader LOGIN PASSWORD '…'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO geniai_reader;",
        )
    });

    // Without pg_read_all_stats the login sees no other session's xact_start, so a run that finds
    // a transaction writing holds its watermark back by a fixed margin (see etl::extract).
    let (login, sees_starts): (String, bool) = sqlx::query_as(
        "SELECT current_user::text, rolsuper OR pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')
           FROM pg_roles WHERE rolname = current_user",
    )
    .fetch_one(&source)
    .await?;
    findings.push(if sees_starts {
        Finding::ok(
            "source.activity",
            "the source account sees when other sessions' transactions started (late commits are waited for exactly)",
        )
    } else {
        Finding::new(
            "source.activity",
            Status::Warn,
            format!(
                "the source account {login} cannot see when other sessions' transactions started: a run that finds one \
                 writing holds its watermark back {} minutes and records a warning",
                crate::etl::extract::UNSEEN_WRITER_MARGIN.num_minutes()
            ),
            crate::etl::extract::grant_read_all_stats(&login),
        )
    });

    let present: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = current_schema()",
    )
    .fetch_all(&source)
    .await?;
    let present: BTreeSet<(String, String)> = present.into_iter().collect();
    let missing: Vec<String> = SOURCE_COLUMNS
        .iter()
        .flat_map(|(table, columns)| columns.iter().map(move |c| (*table, *c)))
        .filter(|(t, c)| !present.contains(&(t.to_string(), c.to_string())))
        .map(|(t, c)| format!("{t}.{c}"))
        .collect();
    findings.push(if missing.is_empty() {
        Finding::ok("source.columns", "every column the ETL reads exists")
    } else {
        Finding::new(
            "source.columns",
            Status::Fail,
            format!("missing columns: {}", missing.join(", ")),
            "point GENIAI_SOURCE_URL at a Chatwoot database (2024 or newer schema)",
        )
    });

    let indexed: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.relname::text, a.attname::text
           FROM pg_index ix
           JOIN pg_class t ON t.oid = ix.indrelid
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ix.indkey[0]",
    )
    .fetch_all(&source)
    .await?;
    let advice: Vec<&str> = RECOMMENDED_SOURCE_INDEXES
        .iter()
        .filter(|(t, c, _)| !indexed.iter().any(|(it, ic)| it == t && ic == c))
        .map(|(_, _, sql)| *sql)
        .collect();
    findings.push(if advice.is_empty() {
        Finding::ok("source.indexes", "the indexes that speed up incremental extraction exist")
    } else {
        Finding::new(
            "source.indexes",
            Status::Warn,
            "incremental extraction works without them, but these indexes would make it cheaper on a large Chatwoot",
            advice.join(" "),
        )
    });

    let mut tx = db::platform_tx(target).await?;
    let mapped: Vec<(String, i32)> = sqlx::query_as(
        "SELECT t.slug, m.inbox_id FROM inbox_mappings m JOIN tenants t ON t.id = m.tenant_id ORDER BY 1, 2",
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let ids: Vec<i32> = mapped.iter().map(|(_, id)| *id).collect();
    let existing: Vec<i32> =
        sqlx::query_scalar("SELECT id FROM inboxes WHERE id = ANY($1)").bind(&ids).fetch_all(&source).await?;
    let gone: Vec<String> = mapped
        .iter()
        .filter(|(_, id)| !existing.contains(id))
        .map(|(slug, id)| format!("{slug}: inbox {id}"))
        .collect();
    findings.push(if gone.is_empty() {
        Finding::ok("source.inboxes", format!("all {} mapped inboxes exist in the source", mapped.len()))
    } else {
        Finding::new(
            "source.inboxes",
            Status::Warn,
            format!("mapped inboxes missing from the source: {}", gone.join(", ")),
            "unmap them with `geniai inbox unmap --inbox ID` if they were deleted in Chatwoot",
        )
    });
    source.close().await;
    Ok(findings)
}

/// Per tenant: how far the analytics copy is behind the source, by the lag of
/// `crate::freshness` (the one `etl status`, `/metrics` and the dashboard show).
pub async fn check_etl(pool: &PgPool, max_lag_hours: f64) -> Result<Vec<Finding>> {
    let mut tx = db::platform_tx(pool).await?;
    let runs: Vec<(String, TenantStatus, Option<String>)> = sqlx::query_as(
        // One `DISTINCT ON (tenant_id)`, not a correlated lookup per tenant: Citus refuses a
        // correlated subquery into a distributed table from a reference one (`tenants`).
        "SELECT t.slug, t.status, r.status
           FROM tenants t
           LEFT JOIN (SELECT DISTINCT ON (tenant_id) tenant_id, status FROM etl_runs
                       ORDER BY tenant_id, started_at DESC, run_id DESC) r ON r.tenant_id = t.id
          ORDER BY t.slug",
    )
    .fetch_all(&mut *tx)
    .await?;
    let lags: std::collections::HashMap<String, f64> = crate::freshness::all(&mut tx)
        .await?
        .into_iter()
        .filter_map(|(slug, f)| f.lag_seconds.map(|lag| (slug, lag)))
        .collect();
    tx.commit().await?;
    let mut findings = Vec::new();
    for (slug, status, last) in runs {
        let check = format!("etl.{slug}");
        if status != TenantStatus::Active {
            findings.push(Finding::ok(&check, format!("tenant is {status}; not synced")));
            continue;
        }
        let lag = lags.get(&slug).copied();
        let behind = |lag: f64| format!("{} behind the source", crate::output::human_duration(lag));
        findings.push(match (last.as_deref(), lag) {
            (_, None) => Finding::new(
                &check,
                Status::Warn,
                format!("tenant {slug} was never synced"),
                format!("run `geniai etl --tenant {slug}`"),
            ),
            (Some("failed"), Some(lag)) => Finding::new(
                &check,
                Status::Fail,
                format!("tenant {slug}: last run failed; data {}", behind(lag)),
                format!("see `geniai etl status` and re-run `geniai etl --tenant {slug}`"),
            ),
            (_, Some(lag)) if lag > max_lag_hours * 3600.0 => Finding::new(
                &check,
                Status::Warn,
                format!("tenant {slug}: data {} (more than {max_lag_hours} h)", behind(lag)),
                "check that a sync runs: `geniai etl --all-tenants --watch` (deploy/geniai-etl-watch.service) \
                 for live figures, or the hourly timer or cron running `geniai etl --all-tenants`",
            ),
            (_, Some(lag)) => Finding::ok(&check, format!("synced; data {}", behind(lag))),
        });
    }
    Ok(findings)
}
