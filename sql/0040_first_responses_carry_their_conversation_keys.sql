-- Each first response carries its conversation's team and labels.
--
-- A report by team or by label reads first responses in two places: the days between the
-- period's ends and the nearest month starts (each key's counts per bin, beside the month rows of
-- migration 0034), and the values of the bins its percentiles' ranks fall in. Both keys come from
-- the conversation, so each of those rows was a lookup in `conversations`: on a tenant of a
-- million conversations, 50,000 lookups for a 30-day period (120 of the 160 ms of the `teams`
-- report) and one per value of the wanted bins for a year. With the keys on the row and in the
-- first-response indexes (below), both reads are index-only scans of the events alone.
--
-- The keys are what a join to the conversation gives: its `team_id` and `labels` as they are now,
-- both NULL when the conversation is not (or no longer) there, which the reports read as no team
-- and no label, as they read a missing conversation. They are kept on first responses only (the
-- other events are never read by these keys), in two ways:
-- - a first response written (inserted, or moved to another conversation or tenant) takes its
--   conversation's keys, from a row trigger that fires for first responses alone; an insert that
--   brings keys keeps them (the ETL looks them up in the statement that writes the events, a
--   second faster than the trigger on a first load of 100,000 conversations);
-- - a statement on conversations that changes a conversation's team or labels, or inserts or
--   deletes conversations, sets the keys of their first responses (a nested update, which the
--   summary triggers leave alone: it changes no metric).
-- On Citus the reports read the facts (the dimension rollups are not kept there), the keys are
-- not kept, and `geniai migrate` drops both triggers (db/citus.rs).

ALTER TABLE reporting_events
    ADD COLUMN conversation_team_id bigint,
    ADD COLUMN conversation_labels text[];

-- A first response written takes its conversation's keys (under the writer's row-level security:
-- the conversation is the same tenant's).
CREATE FUNCTION geniai_first_response_take_keys() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    SELECT c.team_id, c.labels INTO NEW.conversation_team_id, NEW.conversation_labels
      FROM conversations c
     WHERE c.tenant_id = NEW.tenant_id AND c.conversation_id = NEW.conversation_id;
    -- No conversation: no keys (SELECT INTO leaves NULLs when no row is found).
    RETURN NEW;
END
$fn$;

CREATE TRIGGER first_response_keys BEFORE INSERT ON reporting_events
    FOR EACH ROW WHEN (NEW.name = 'first_response' AND NEW.conversation_team_id IS NULL AND NEW.conversation_labels IS NULL)
    EXECUTE FUNCTION geniai_first_response_take_keys();
CREATE TRIGGER first_response_keys_moved BEFORE UPDATE OF tenant_id, conversation_id, name ON reporting_events
    FOR EACH ROW WHEN (NEW.name = 'first_response') EXECUTE FUNCTION geniai_first_response_take_keys();

-- The conversations a statement on conversations touched whose first responses may hold other
-- keys now: those whose team or labels changed, and those inserted or deleted (a conversation
-- moved to another tenant is both), from the transition tables `old_rows` and `new_rows`. They
-- are collected first, so that a statement that changed no key (the export facts' rewrite of a
-- whole tenant, 0021) plans no update; comparing 100,000 rows took 170 ms sorted on disk, hence
-- the room in memory. Sequential and bitmap scans are off for the reason 0021 gives its trigger:
-- planned with the statistics of an empty table, a load of many conversations otherwise scanned
-- the events once per conversation.
CREATE FUNCTION geniai_first_response_keys_of_conversations() RETURNS trigger
    LANGUAGE plpgsql
    SET enable_seqscan = off
    SET enable_bitmapscan = off
    SET jit = off
    SET work_mem = '64MB'
    AS $fn$
DECLARE
    touched CONSTANT text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT tenant_id, conversation_id FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT tenant_id, conversation_id FROM old_rows'
        ELSE 'SELECT coalesce(n.tenant_id, o.tenant_id), coalesce(n.conversation_id, o.conversation_id)
                FROM old_rows o FULL JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.conversation_id = o.conversation_id
               WHERE (o.team_id, o.labels) IS DISTINCT FROM (n.team_id, n.labels)'
    END;
    tenant_ids integer[];
    conversation_ids integer[];
BEGIN
    -- Nested updates of conversations are the export facts' (0021), which change no key.
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT array_agg(t.tenant_id), array_agg(t.conversation_id) FROM (%s) AS t (tenant_id, conversation_id)',
                   touched)
        INTO tenant_ids, conversation_ids;
    IF tenant_ids IS NULL THEN
        RETURN NULL;
    END IF;
    UPDATE reporting_events e
       SET conversation_team_id = c.team_id, conversation_labels = c.labels
      FROM unnest(tenant_ids, conversation_ids) AS t (tenant_id, conversation_id)
      LEFT JOIN conversations c ON c.tenant_id = t.tenant_id AND c.conversation_id = t.conversation_id
     WHERE e.tenant_id = t.tenant_id AND e.conversation_id = t.conversation_id AND e.name = 'first_response'
       AND (e.conversation_team_id, e.conversation_labels) IS DISTINCT FROM (c.team_id, c.labels);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER first_response_keys_insert AFTER INSERT ON conversations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION geniai_first_response_keys_of_conversations();
CREATE TRIGGER first_response_keys_update AFTER UPDATE ON conversations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION geniai_first_response_keys_of_conversations();
CREATE TRIGGER first_response_keys_delete AFTER DELETE ON conversations REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION geniai_first_response_keys_of_conversations();

GRANT EXECUTE ON FUNCTION geniai_first_response_take_keys(), geniai_first_response_keys_of_conversations()
    TO geniai_tenant, geniai_platform;

-- The first responses already loaded take their keys. The events' statement triggers (summaries,
-- export facts) are off for this one update, which changes nothing they keep; the row trigger
-- does not fire for it (it sets neither the tenant, the conversation nor the name).
DO $$
BEGIN
    IF NOT geniai_events_are_distributed() THEN
        ALTER TABLE reporting_events DISABLE TRIGGER rollups_update, DISABLE TRIGGER dimension_rollups_update,
            DISABLE TRIGGER conversation_facts_update;
        SET LOCAL ROLE geniai_platform;
        UPDATE reporting_events e
           SET conversation_team_id = c.team_id, conversation_labels = c.labels
          FROM conversations c
         WHERE c.tenant_id = e.tenant_id AND c.conversation_id = e.conversation_id AND e.name = 'first_response';
        RESET ROLE;
        ALTER TABLE reporting_events ENABLE TRIGGER rollups_update, ENABLE TRIGGER dimension_rollups_update,
            ENABLE TRIGGER conversation_facts_update;
    END IF;
END $$;

-- The first-response indexes of 0039, with the keys (the bins' indexes serve the rank reads of
-- every team's and label's percentiles at once).
DROP INDEX reporting_events_first_response_idx;
CREATE INDEX reporting_events_first_response_idx ON reporting_events (tenant_id, created_at)
    INCLUDE (value, value_in_business_hours, value_bin, bh_bin, inbox_id, user_id, conversation_id,
             conversation_team_id, conversation_labels)
    WHERE name = 'first_response';

DROP INDEX reporting_events_value_bin_idx;
CREATE INDEX reporting_events_value_bin_idx ON reporting_events (tenant_id, value_bin, created_at)
    INCLUDE (value, inbox_id, conversation_id, conversation_team_id, conversation_labels)
    WHERE name = 'first_response';

DROP INDEX reporting_events_bh_bin_idx;
CREATE INDEX reporting_events_bh_bin_idx ON reporting_events (tenant_id, bh_bin, created_at)
    INCLUDE (value_in_business_hours, inbox_id, conversation_id, conversation_team_id, conversation_labels)
    WHERE name = 'first_response';
