//! Inbox, agent and team names: read from the source for a run's inboxes, and refreshed whole in
//! the tenant's dimension tables.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use sqlx::PgConnection;

use super::extract;
use crate::db::TenantTx;

/// An inbox as the dimension table keeps it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
struct InboxRow {
    id: i32,
    account_id: i32,
    name: String,
    channel_type: Option<String>,
    timezone: Option<String>,
}

/// Inbox, agent and team names of some inboxes, as read from the source.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Dimensions {
    inboxes: Vec<InboxRow>,
    /// `(account, user, name)`: a user in several accounts appears once per account.
    agents: Vec<(i64, i32, String)>,
    /// `(account, team, name)`.
    teams: Vec<(i64, i64, String)>,
}

impl Dimensions {
    /// Reads the dimensions of these inboxes and of their accounts.
    pub(super) async fn read(src: &mut PgConnection, inboxes: &[i32]) -> Result<Dimensions> {
        let inboxes: Vec<InboxRow> = sqlx::query_as(extract::INBOXES_SQL)
            .bind(inboxes)
            .fetch_all(&mut *src)
            .await
            .context("reading inboxes")?;
        let mut accounts: Vec<i64> = inboxes.iter().map(|r| r.account_id as i64).collect();
        accounts.sort_unstable();
        accounts.dedup();
        let agents = sqlx::query_as(extract::AGENTS_SQL)
            .bind(&accounts)
            .fetch_all(&mut *src)
            .await
            .context("reading agents")?;
        let teams = sqlx::query_as(extract::TEAMS_SQL)
            .bind(&accounts)
            .fetch_all(&mut *src)
            .await
            .context("reading teams")?;
        Ok(Dimensions { inboxes, agents, teams })
    }

    /// The part of these dimensions that belongs to a tenant owning `inboxes`.
    pub(super) fn subset(&self, inboxes: &[i32]) -> Dimensions {
        let rows: Vec<InboxRow> = self.inboxes.iter().filter(|r| inboxes.contains(&r.id)).cloned().collect();
        let accounts: BTreeSet<i64> = rows.iter().map(|r| r.account_id as i64).collect();
        let mut agents: Vec<(i64, i32, String)> =
            self.agents.iter().filter(|(account, _, _)| accounts.contains(account)).cloned().collect();
        agents.sort_by_key(|(_, user, _)| *user);
        agents.dedup_by_key(|(_, user, _)| *user);
        let teams = self.teams.iter().filter(|(account, _, _)| accounts.contains(account)).cloned().collect();
        Dimensions { inboxes: rows, agents, teams }
    }

    /// Writes the dimensions of the tenant's inboxes: small tables, refreshed whole on every
    /// run, in one statement (a run over many tenants pays a round trip per statement).
    pub(super) async fn write(&self, tx: &mut TenantTx) -> Result<u64> {
        let tenant = tx.tenant();
        let rows = &self.inboxes;
        let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
        let account_ids: Vec<i32> = rows.iter().map(|r| r.account_id).collect();
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        let channels: Vec<Option<&str>> = rows.iter().map(|r| r.channel_type.as_deref()).collect();
        let zones: Vec<Option<&str>> = rows.iter().map(|r| r.timezone.as_deref()).collect();
        let agent_ids: Vec<i32> = self.agents.iter().map(|(_, id, _)| *id).collect();
        let agent_names: Vec<&str> = self.agents.iter().map(|(_, _, name)| name.as_str()).collect();
        let team_ids: Vec<i64> = self.teams.iter().map(|(_, id, _)| *id).collect();
        let team_names: Vec<&str> = self.teams.iter().map(|(_, _, name)| name.as_str()).collect();
        let written: i64 = sqlx::query_scalar(
            "WITH inbox_rows AS (
                 INSERT INTO inboxes AS t (tenant_id, inbox_id, account_id, name, channel_type, timezone, synced_at)
                 SELECT $1, * , now() FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[])
                 ON CONFLICT (tenant_id, inbox_id) DO UPDATE SET account_id = EXCLUDED.account_id,
                     name = EXCLUDED.name, channel_type = EXCLUDED.channel_type, timezone = EXCLUDED.timezone,
                     synced_at = EXCLUDED.synced_at
                 WHERE (t.account_id, t.name, t.channel_type, t.timezone)
                       IS DISTINCT FROM (EXCLUDED.account_id, EXCLUDED.name, EXCLUDED.channel_type, EXCLUDED.timezone)
                 RETURNING 1),
             agent_source AS (SELECT * FROM unnest($7::int[], $8::text[]) AS s(user_id, name)),
             agents_gone AS (
                 DELETE FROM agents a WHERE NOT EXISTS (SELECT 1 FROM agent_source s WHERE s.user_id = a.user_id)),
             agent_rows AS (
                 INSERT INTO agents AS t (tenant_id, user_id, name, synced_at)
                 SELECT $1, user_id, name, now() FROM agent_source
                 ON CONFLICT (tenant_id, user_id) DO UPDATE SET name = EXCLUDED.name, synced_at = EXCLUDED.synced_at
                 WHERE t.name IS DISTINCT FROM EXCLUDED.name
                 RETURNING 1),
             team_source AS (SELECT * FROM unnest($9::bigint[], $10::text[]) AS s(team_id, name)),
             teams_gone AS (
                 DELETE FROM teams x WHERE NOT EXISTS (SELECT 1 FROM team_source s WHERE s.team_id = x.team_id)),
             team_rows AS (
                 INSERT INTO teams AS t (tenant_id, team_id, name, synced_at)
                 SELECT $1, team_id, name, now() FROM team_source
                 ON CONFLICT (tenant_id, team_id) DO UPDATE SET name = EXCLUDED.name, synced_at = EXCLUDED.synced_at
                 WHERE t.name IS DISTINCT FROM EXCLUDED.name
                 RETURNING 1)
             SELECT (SELECT count(*) FROM inbox_rows) + (SELECT count(*) FROM agent_rows)
                    + (SELECT count(*) FROM team_rows)",
        )
        .bind(tenant)
        .bind(&ids)
        .bind(&account_ids)
        .bind(&names)
        .bind(&channels)
        .bind(&zones)
        .bind(&agent_ids)
        .bind(&agent_names)
        .bind(&team_ids)
        .bind(&team_names)
        .fetch_one(&mut **tx)
        .await
        .context("loading inbox, agent and team names")?;
        Ok(written as u64)
    }
}
