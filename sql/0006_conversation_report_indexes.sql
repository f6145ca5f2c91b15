-- Covering indexes for the conversation side of the reports.
--
-- The period scan of conversations needs the labels (leads and conversions) and the dimension
-- columns; the live counts (open, unattended, unassigned) read three columns of open
-- conversations. With the columns in the index, both are index-only scans instead of visiting a
-- heap page per conversation.
DROP INDEX conversations_created_idx;
CREATE INDEX conversations_created_idx ON conversations (tenant_id, created_at)
    INCLUDE (labels, inbox_id, assignee_id, team_id, status);

DROP INDEX conversations_open_idx;
CREATE INDEX conversations_open_idx ON conversations (tenant_id)
    INCLUDE (first_reply_created_at, waiting_since, assignee_id)
    WHERE status = 0;
