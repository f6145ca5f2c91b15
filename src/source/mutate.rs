//! Changes to a generated Chatwoot source, written the way Chatwoot writes them, so that tests
//! and the benchmark can check that the ETL picks each kind of change up.
//!
//! What bumps `conversations.updated_at` follows Chatwoot: a status or label change saves the
//! record (bumps it); a new message only moves the activity columns with `update_columns` (does
//! not); reporting events and CSAT responses live in their own tables (do not).
//! These take a writable pool: never point them at a real Chatwoot.

use anyhow::{Context, Result};
use chrono::NaiveDateTime;
use sqlx::{PgPool, Postgres, Transaction};

/// Adds an incoming message from the contact to an existing conversation, at `at`.
/// Returns the new message id.
pub async fn add_incoming_message(pool: &PgPool, conversation_id: i32, at: NaiveDateTime) -> Result<i32> {
    let mut tx = pool.begin().await?;
    let id = insert_message(&mut tx, conversation_id, 0, false, 0, Some("Contact"), at).await?;
    // Chatwoot's update_columns: the activity moves, updated_at does not.
    sqlx::query(
        "UPDATE conversations SET last_activity_at = $2, waiting_since = coalesce(waiting_since, $2) WHERE id = $1",
    )
    .bind(conversation_id)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a public reply by the conversation's agent, with its `reply_time` event.
pub async fn add_agent_reply(pool: &PgPool, conversation_id: i32, at: NaiveDateTime) -> Result<i32> {
    let mut tx = pool.begin().await?;
    let id = insert_message(&mut tx, conversation_id, 1, false, 0, Some("User"), at).await?;
    sqlx::query(
        "INSERT INTO reporting_events (name, value, value_in_business_hours, account_id, inbox_id, user_id,
                                       conversation_id, created_at, updated_at, event_start_time, event_end_time)
         SELECT 'reply_time', extract(epoch FROM $2 - coalesce(waiting_since, $2)), 0, account_id, inbox_id,
                assignee_id, id, $2, $2, coalesce(waiting_since, $2), $2
         FROM conversations WHERE id = $1",
    )
    .bind(conversation_id)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE conversations SET last_activity_at = $2, waiting_since = NULL WHERE id = $1")
        .bind(conversation_id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a conversation's status (0 open, 1 resolved, 2 pending, 3 snoozed) as Chatwoot does:
/// the record is saved (updated_at moves), an activity message is written, and resolving or
/// reopening writes its reporting event.
pub async fn set_status(pool: &PgPool, conversation_id: i32, status: i32, at: NaiveDateTime) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE conversations SET status = $2, updated_at = $3, last_activity_at = $3 WHERE id = $1")
        .bind(conversation_id)
        .bind(status)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    insert_message(&mut tx, conversation_id, 2, false, 0, None, at).await?;
    let event = match status {
        1 => Some("conversation_resolved"),
        0 => Some("conversation_opened"),
        _ => None,
    };
    if let Some(name) = event {
        insert_event(&mut tx, conversation_id, name, None, at).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Replaces a conversation's labels: taggings and the cached list, the record is saved, and an
/// activity message says so (as Chatwoot's activity message handler does).
pub async fn set_labels(
    pool: &PgPool,
    conversation_id: i32,
    labels: &[&str],
    at: NaiveDateTime,
) -> Result<()> {
    let mut tx = pool.begin().await?;
    let labels: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
    sqlx::query("INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING")
        .bind(&labels)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "DELETE FROM taggings WHERE taggable_id = $1 AND taggable_type = 'Conversation' AND context = 'labels'",
    )
    .bind(conversation_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO taggings (tag_id, taggable_type, taggable_id, context, created_at)
         SELECT t.id, 'Conversation', $1, 'labels', $3 FROM tags t WHERE t.name = ANY($2)",
    )
    .bind(conversation_id)
    .bind(&labels)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE conversations SET cached_label_list = NULLIF($2, ''), updated_at = $3 WHERE id = $1")
        .bind(conversation_id)
        .bind(labels.join(","))
        .bind(at)
        .execute(&mut *tx)
        .await?;
    insert_message(&mut tx, conversation_id, 2, false, 0, None, at).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a reporting event to a conversation (value in seconds). Returns its id.
pub async fn add_event(
    pool: &PgPool,
    conversation_id: i32,
    name: &str,
    value: Option<f64>,
    at: NaiveDateTime,
) -> Result<i64> {
    let mut tx = pool.begin().await?;
    let id = insert_event(&mut tx, conversation_id, name, value, at).await?;
    tx.commit().await?;
    Ok(id)
}

/// Sends a CSAT survey on a conversation and records the contact's answer. Returns the response id.
pub async fn add_csat(pool: &PgPool, conversation_id: i32, rating: i32, at: NaiveDateTime) -> Result<i64> {
    let mut tx = pool.begin().await?;
    let message_id = insert_message(&mut tx, conversation_id, 3, false, 9, None, at).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO csat_survey_responses (account_id, conversation_id, message_id, rating, contact_id,
                                            assigned_agent_id, created_at, updated_at)
         SELECT account_id, id, $2, $3, coalesce(contact_id, 0), assignee_id, $4, $4 FROM conversations WHERE id = $1
         RETURNING id",
    )
    .bind(conversation_id)
    .bind(message_id as i64)
    .bind(rating)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .context("adding a CSAT response")?;
    tx.commit().await?;
    Ok(id)
}

/// Deletes a conversation the way Chatwoot's background job does: a hard delete of the
/// conversation and its dependent rows.
pub async fn delete_conversation(pool: &PgPool, conversation_id: i32) -> Result<()> {
    let mut tx = pool.begin().await?;
    for sql in [
        "DELETE FROM messages WHERE conversation_id = $1",
        "DELETE FROM reporting_events WHERE conversation_id = $1",
        "DELETE FROM csat_survey_responses WHERE conversation_id = $1",
        "DELETE FROM taggings WHERE taggable_id = $1 AND taggable_type = 'Conversation'",
        "DELETE FROM conversations WHERE id = $1",
    ] {
        sqlx::query(sql).bind(conversation_id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Changes an existing CSAT answer's rating, as a contact does from the survey page until 14
/// days after the survey message: the same row is updated and its `updated_at` moves.
pub async fn edit_csat(pool: &PgPool, response_id: i64, rating: i32, at: NaiveDateTime) -> Result<()> {
    sqlx::query("UPDATE csat_survey_responses SET rating = $2, updated_at = $3 WHERE id = $1")
        .bind(response_id)
        .bind(rating)
        .bind(at)
        .execute(pool)
        .await
        .context("editing a CSAT response")?;
    Ok(())
}

/// A write that has not committed yet: an incoming message inserted with an early timestamp,
/// held open so that later transactions commit first (the out-of-order commit case).
pub struct LateWrite {
    tx: Transaction<'static, Postgres>,
    /// The id of the message it inserted.
    pub message_id: i32,
}

impl LateWrite {
    /// Commits the held write.
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// Starts a transaction that inserts an incoming message and keeps it uncommitted. The message
/// is stamped with the transaction's clock, as Rails stamps rows inside the transaction that
/// writes them: anything committed meanwhile carries a later timestamp but becomes visible first.
pub async fn begin_late_message(pool: &PgPool, conversation_id: i32) -> Result<LateWrite> {
    let mut tx = pool.begin().await?;
    let at: NaiveDateTime = sqlx::query_scalar("SELECT (clock_timestamp() AT TIME ZONE 'UTC')::timestamp(6)")
        .fetch_one(&mut *tx)
        .await?;
    let message_id = insert_message(&mut tx, conversation_id, 0, false, 0, Some("Contact"), at).await?;
    sqlx::query("UPDATE conversations SET last_activity_at = greatest(last_activity_at, $2) WHERE id = $1")
        .bind(conversation_id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    Ok(LateWrite { tx, message_id })
}

/// The source's current time as Chatwoot stores it (UTC, without time zone).
pub async fn source_now(pool: &PgPool) -> Result<NaiveDateTime> {
    Ok(sqlx::query_scalar("SELECT (clock_timestamp() AT TIME ZONE 'UTC')::timestamp(6)")
        .fetch_one(pool)
        .await?)
}

async fn insert_message(
    tx: &mut Transaction<'static, Postgres>,
    conversation_id: i32,
    message_type: i32,
    private: bool,
    content_type: i32,
    sender_type: Option<&str>,
    at: NaiveDateTime,
) -> Result<i32> {
    let id: i32 = sqlx::query_scalar(
        "INSERT INTO messages (content, account_id, inbox_id, conversation_id, message_type, private, content_type,
                               sender_type, sender_id, created_at, updated_at)
         SELECT 'later message', account_id, inbox_id, id, $2, $3, $4, $5,
                CASE $5 WHEN 'Contact' THEN contact_id WHEN 'User' THEN assignee_id END, $6, $6
         FROM conversations WHERE id = $1
         RETURNING id",
    )
    .bind(conversation_id)
    .bind(message_type)
    .bind(private)
    .bind(content_type)
    .bind(sender_type)
    .bind(at)
    .fetch_one(&mut **tx)
    .await
    .with_context(|| format!("adding a message to conversation {conversation_id}"))?;
    Ok(id)
}

async fn insert_event(
    tx: &mut Transaction<'static, Postgres>,
    conversation_id: i32,
    name: &str,
    value: Option<f64>,
    at: NaiveDateTime,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO reporting_events (name, value, value_in_business_hours, account_id, inbox_id, user_id,
                                       conversation_id, created_at, updated_at)
         SELECT $2, coalesce($3, extract(epoch FROM $4 - created_at)), 0, account_id, inbox_id, assignee_id, id, $4, $4
         FROM conversations WHERE id = $1
         RETURNING id",
    )
    .bind(conversation_id)
    .bind(name)
    .bind(value)
    .bind(at)
    .fetch_one(&mut **tx)
    .await
    .with_context(|| format!("adding an event to conversation {conversation_id}"))?;
    Ok(id)
}
