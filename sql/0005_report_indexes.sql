-- Indexes shaped for the report queries.
--
-- Every report filters each fact table on (tenant_id, created_at) and then reads a few columns.
-- Covering those columns lets PostgreSQL answer from the index alone (an index-only scan) instead
-- of visiting millions of heap pages for a 30-day period of a large tenant.

-- reporting_events had no (tenant_id, created_at) index: the "all events of the period" scan
-- used the conversation index and filtered on created_at.
CREATE INDEX reporting_events_created_idx ON reporting_events (tenant_id, created_at)
    INCLUDE (name, value, value_in_business_hours, conversation_id, inbox_id, user_id);

-- messages: counting by type and CSAT surveys needs only these columns.
DROP INDEX messages_created_idx;
CREATE INDEX messages_created_idx ON messages (tenant_id, created_at)
    INCLUDE (message_type, content_type, inbox_id, conversation_id);
