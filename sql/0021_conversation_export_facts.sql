-- The per-conversation export reads its three facts from the conversation row.
--
-- The export (`geniai report conversations`, the dashboard's CSV) ran three correlated subqueries
-- per conversation: the first `first_response` event, the latest `conversation_resolved` event and
-- the latest CSAT response. On a million conversations that was millions of index probes into the
-- two largest tables. The values are now kept on the conversation itself, so that the export is one
-- ordered scan of `conversations`:
--
-- * first_response_seconds / first_response_bh_seconds: value and value_in_business_hours of the
--   conversation's first `first_response` event, by (created_at, event_id);
-- * resolution_seconds / resolution_bh_seconds: the same of its latest `conversation_resolved`
--   event, by (created_at, event_id) descending;
-- * csat_rating: the rating of its latest CSAT response, by (created_at, response_id) descending.
--
-- They are kept by statement-level triggers, like the report summaries (0007, 0010, 0028), in the
-- same transaction as the change, whatever wrote it: the ETL's merges, inserts and deletes (in any
-- order: an event may arrive before or after its conversation), CSAT edits, inbox moves and
-- unmaps, reconcile, tenant deletion. A trigger does not add or subtract: it recomputes the facts
-- of the conversations its statement touched from the fact tables, through their per-conversation
-- indexes, and writes only those that changed. That makes it right for any order of arrival and
-- any mix of inserts, updates and deletes, at the cost of a few index probes per touched
-- conversation.
--
-- * reporting_events: the conversations named by first_response and conversation_resolved rows;
-- * csat_responses: the conversations named by the rows;
-- * conversations: the rows whose key is new to the table (an insert, or an inbox move, which
--   changes tenant_id). Other updates (the ETL's merge) never change these columns: the merge sets
--   only the columns it stages.
-- Rows of a tenant that no longer exists (its deletion cascading to the facts) are ignored, as the
-- summaries do. The UPDATE a trigger runs fires the conversations' triggers again, one level
-- deeper; they skip it, as 0007's skip the linking of repeats, since only these columns change.
--
-- On a Citus shard the transition tables are read through jsonb, as 0028 explains; the statements
-- join the rows' tenant's own conversations and facts, co-located with the shard.

ALTER TABLE conversations
    ADD COLUMN first_response_seconds double precision,
    ADD COLUMN first_response_bh_seconds double precision,
    ADD COLUMN resolution_seconds double precision,
    ADD COLUMN resolution_bh_seconds double precision,
    ADD COLUMN csat_rating smallint;

-- Each lookup has an index that answers it in its order, so that one probe finds the row
-- whatever the planner's statistics say (right after a first load's rows are in, they describe
-- the tables as they were before: with only the existing indexes, the first response was found
-- by reading every first response of the tenant, for each conversation). The latest resolution
-- has one already (0010's reporting_events_repeat_link_idx). The CSAT index replaces the plain
-- (tenant_id, conversation_id) one, whose lookups it serves as well.
CREATE INDEX reporting_events_first_of_conversation_idx
    ON reporting_events (tenant_id, conversation_id, created_at, event_id)
    INCLUDE (value, value_in_business_hours) WHERE name = 'first_response';
CREATE INDEX csat_responses_latest_of_conversation_idx
    ON csat_responses (tenant_id, conversation_id, created_at DESC, response_id DESC) INCLUDE (rating);
DROP INDEX csat_responses_conversation_idx;

-- The statement that recomputes the export facts of the conversations `touched` names (a query
-- with tenant_id and conversation_id, no duplicates), for the kinds of fact listed: any of
-- 'first_response', 'resolution', 'csat'. Only conversations that exist and whose facts changed
-- are written, each once.
CREATE FUNCTION geniai_conversation_facts_sql(touched text, kinds text[]) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    -- Per kind: the alias of its lateral query (over `t`, the touched conversation), which
    -- returns the kind's columns under their names in `conversations`.
    kind_names CONSTANT text[] := ARRAY['first_response', 'resolution', 'csat'];
    kind_alias CONSTANT text[] := ARRAY['fr', 'res', 'csat'];
    kind_lateral CONSTANT text[] := ARRAY[
        $q$SELECT e.value AS first_response_seconds, e.value_in_business_hours AS first_response_bh_seconds
             FROM reporting_events e
            WHERE e.tenant_id = t.tenant_id AND e.conversation_id = t.conversation_id AND e.name = 'first_response'
            ORDER BY e.created_at, e.event_id LIMIT 1$q$,
        $q$SELECT e.value AS resolution_seconds, e.value_in_business_hours AS resolution_bh_seconds
             FROM reporting_events e
            WHERE e.tenant_id = t.tenant_id AND e.conversation_id = t.conversation_id AND e.name = 'conversation_resolved'
            ORDER BY e.created_at DESC, e.event_id DESC LIMIT 1$q$,
        $q$SELECT s.rating AS csat_rating
             FROM csat_responses s
            WHERE s.tenant_id = t.tenant_id AND s.conversation_id = t.conversation_id
            ORDER BY s.created_at DESC, s.response_id DESC LIMIT 1$q$];
    kind_columns CONSTANT text[][] := ARRAY[
        ARRAY['first_response_seconds', 'first_response_bh_seconds'],
        ARRAY['resolution_seconds', 'resolution_bh_seconds'],
        ARRAY['csat_rating', NULL]];
    columns text[] := '{}';
    computed text[] := '{}';
    stored text[] := '{}';
    laterals text := '';
    col text;
    i int;
BEGIN
    FOR i IN 1 .. array_length(kind_names, 1) LOOP
        CONTINUE WHEN NOT kind_names[i] = ANY (kinds);
        laterals := laterals || format(E'\n LEFT JOIN LATERAL (%s) %s ON true', kind_lateral[i], kind_alias[i]);
        FOREACH col IN ARRAY kind_columns[i:i] LOOP
            CONTINUE WHEN col IS NULL;
            columns := columns || col;
            computed := computed || format('%s.%s', kind_alias[i], col);
            stored := stored || format('c.%s', col);
        END LOOP;
    END LOOP;
    IF cardinality(columns) = 0 THEN
        RAISE EXCEPTION 'geniai_conversation_facts_sql: no kind of fact in %', kinds;
    END IF;
    RETURN format($q$
        WITH touched AS (%1$s),
        computed AS MATERIALIZED (
            SELECT t.tenant_id, t.conversation_id, %2$s
              FROM touched t
              JOIN conversations c ON c.tenant_id = t.tenant_id AND c.conversation_id = t.conversation_id %3$s
             WHERE (%4$s) IS DISTINCT FROM (%2$s)
        )
        UPDATE conversations c SET (%5$s) = ROW(%6$s)
          FROM computed x
         WHERE c.tenant_id = x.tenant_id AND c.conversation_id = x.conversation_id$q$,
        touched,
        array_to_string(computed, ', '),
        laterals,
        array_to_string(stored, ', '),
        array_to_string(columns, ', '),
        (SELECT string_agg('x.' || c, ', ') FROM unnest(columns) c));
END
$fn$;

-- The statement that recomputes the facts the change `source` can have changed (`source`: rows
-- of the fact table `fact` with `sign`, as 0007's statements read them), or NULL when it can
-- have changed none.
CREATE FUNCTION geniai_conversation_facts_of_change_sql(fact text, source text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    live CONSTANT text := 'EXISTS (SELECT 1 FROM tenants x WHERE x.id = d.tenant_id)';
BEGIN
    IF fact = 'conversations' THEN
        -- Keys new to the table: inserted rows (sign 1), or moved ones (-1 under the old key,
        -- +1 under the new one). An update in place sums to 0.
        RETURN geniai_conversation_facts_sql(format(
            'SELECT tenant_id, conversation_id FROM %s d WHERE %s GROUP BY 1, 2 HAVING sum(sign) > 0',
            source, live), ARRAY['first_response', 'resolution', 'csat']);
    ELSIF fact = 'reporting_events' THEN
        RETURN geniai_conversation_facts_sql(format(
            $q$SELECT DISTINCT tenant_id, conversation_id FROM %s d
                WHERE name IN ('first_response', 'conversation_resolved') AND conversation_id IS NOT NULL AND %s$q$,
            source, live), ARRAY['first_response', 'resolution']);
    ELSIF fact = 'csat_responses' THEN
        RETURN geniai_conversation_facts_sql(format(
            'SELECT DISTINCT tenant_id, conversation_id FROM %s d WHERE %s', source, live), ARRAY['csat']);
    END IF;
    RETURN NULL;
END
$fn$;

-- The trigger, with 0028's two ways of reading the transition tables (directly on a single
-- server, through jsonb on a Citus shard). TG_ARGV[0] names the fact table.
--
-- Its statements look facts up per touched conversation, through the indexes above. When the
-- planner's statistics describe the tables as they were before a large write (empty, or before a
-- mass delete), it chose other paths: a bitmap scan of the tenant's (tenant_id, created_at)
-- indexes for each conversation, which reads every event of the tenant each time, and a load of
-- 100,000 conversations did not finish in minutes. Sequential and bitmap scans are therefore off
-- inside the trigger (every table its statements read has the index its lookups need, in their
-- order, and the transition tables, which have none, are read whole anyway), and so is JIT
-- compilation, which the penalty those settings add to the costs would otherwise start for every
-- statement, at a cost of a hundred milliseconds or more.
CREATE FUNCTION geniai_conversation_facts_trigger() RETURNS trigger
    LANGUAGE plpgsql
    SET enable_seqscan = off
    SET enable_bitmapscan = off
    SET jit = off
    AS $fn$
DECLARE
    fact CONSTANT text := TG_ARGV[0];
    statement text;
    source text;
    old_rows_json jsonb;
    new_rows_json jsonb;
BEGIN
    -- A writer that rewrites a tenant's facts in bulk defers this work (see below).
    IF current_setting('geniai.conversation_facts', true) = 'deferred' THEN
        RETURN NULL;
    END IF;
    -- Nested updates of conversations are this trigger's own writes of the facts, and the only
    -- nested update of events is the linking of repeats (0007), which changes no fact here.
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = fact THEN
        source := CASE TG_OP
            WHEN 'INSERT' THEN '(SELECT 1 AS sign, r.* FROM new_rows r)'
            WHEN 'DELETE' THEN '(SELECT -1 AS sign, r.* FROM old_rows r)'
            ELSE '(SELECT -1 AS sign, r.* FROM old_rows r UNION ALL SELECT 1, r.* FROM new_rows r)'
        END;
    ELSE
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            SELECT jsonb_agg(to_jsonb(r)) INTO old_rows_json FROM old_rows r;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            SELECT jsonb_agg(to_jsonb(r)) INTO new_rows_json FROM new_rows r;
        END IF;
        source := format(CASE TG_OP
            WHEN 'INSERT' THEN '(SELECT 1 AS sign, r.* FROM jsonb_populate_recordset(NULL::%1$I, $2) r)'
            WHEN 'DELETE' THEN '(SELECT -1 AS sign, r.* FROM jsonb_populate_recordset(NULL::%1$I, $1) r)'
            ELSE '(SELECT -1 AS sign, r.* FROM jsonb_populate_recordset(NULL::%1$I, $1) r
                   UNION ALL SELECT 1, r.* FROM jsonb_populate_recordset(NULL::%1$I, $2) r)'
        END, fact);
    END IF;
    statement := geniai_conversation_facts_of_change_sql(fact, source);
    IF statement IS NOT NULL THEN
        EXECUTE statement USING old_rows_json, new_rows_json;
    END IF;
    RETURN NULL;
END
$fn$;

-- Conversations: inserts and moves (updates). Deletes leave nothing to keep.
CREATE TRIGGER conversation_facts_insert AFTER INSERT ON conversations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION geniai_conversation_facts_trigger('conversations');
CREATE TRIGGER conversation_facts_update AFTER UPDATE ON conversations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION geniai_conversation_facts_trigger('conversations');
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['reporting_events', 'csat_responses'] LOOP
        EXECUTE format('CREATE TRIGGER conversation_facts_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_conversation_facts_trigger(%1$L)', t);
        EXECUTE format('CREATE TRIGGER conversation_facts_update AFTER UPDATE ON %1$I
                            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_conversation_facts_trigger(%1$L)', t);
        EXECUTE format('CREATE TRIGGER conversation_facts_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_conversation_facts_trigger(%1$L)', t);
    END LOOP;
END $$;

-- Recomputes the export facts of every conversation the current role can see, in one pass over
-- its facts (sorted or hashed, no per-conversation lookups), writing only the rows that change.
--
-- A first load or a full reload writes every fact of a tenant: recomputing the facts of each
-- statement's conversations from its trigger, then rewriting the conversation rows when the events
-- arrived, doubled the first load's time (31 s against 15 s on 100,000 conversations). Such a
-- writer sets `geniai.conversation_facts` to 'deferred' for its transaction (SET LOCAL), which the
-- trigger skips, and calls this function after its last write, in the same transaction, before
-- resetting the setting: the facts commit with the rows, or not at all. The backfill below, and
-- the tests' reference for the triggers' work, use it too.
CREATE FUNCTION geniai_rebuild_conversation_facts() RETURNS void
    LANGUAGE sql AS $fn$
    WITH first_response AS (
        SELECT DISTINCT ON (tenant_id, conversation_id) tenant_id, conversation_id,
               value AS first_response_seconds, value_in_business_hours AS first_response_bh_seconds
          FROM reporting_events
         WHERE name = 'first_response' AND conversation_id IS NOT NULL
         ORDER BY tenant_id, conversation_id, created_at, event_id
    ), resolution AS (
        SELECT DISTINCT ON (tenant_id, conversation_id) tenant_id, conversation_id,
               value AS resolution_seconds, value_in_business_hours AS resolution_bh_seconds
          FROM reporting_events
         WHERE name = 'conversation_resolved' AND conversation_id IS NOT NULL
         ORDER BY tenant_id, conversation_id, created_at DESC, event_id DESC
    ), csat AS (
        SELECT DISTINCT ON (tenant_id, conversation_id) tenant_id, conversation_id, rating AS csat_rating
          FROM csat_responses
         ORDER BY tenant_id, conversation_id, created_at DESC, response_id DESC
    ), computed AS (
        SELECT c.tenant_id, c.conversation_id, f.first_response_seconds, f.first_response_bh_seconds,
               r.resolution_seconds, r.resolution_bh_seconds, s.csat_rating
          FROM conversations c
          LEFT JOIN first_response f ON f.tenant_id = c.tenant_id AND f.conversation_id = c.conversation_id
          LEFT JOIN resolution r ON r.tenant_id = c.tenant_id AND r.conversation_id = c.conversation_id
          LEFT JOIN csat s ON s.tenant_id = c.tenant_id AND s.conversation_id = c.conversation_id
         WHERE (c.first_response_seconds, c.first_response_bh_seconds, c.resolution_seconds,
                c.resolution_bh_seconds, c.csat_rating)
               IS DISTINCT FROM (f.first_response_seconds, f.first_response_bh_seconds, r.resolution_seconds,
                                 r.resolution_bh_seconds, s.csat_rating)
    )
    UPDATE conversations c
       SET first_response_seconds = x.first_response_seconds,
           first_response_bh_seconds = x.first_response_bh_seconds,
           resolution_seconds = x.resolution_seconds,
           resolution_bh_seconds = x.resolution_bh_seconds,
           csat_rating = x.csat_rating
      FROM computed x
     WHERE c.tenant_id = x.tenant_id AND c.conversation_id = x.conversation_id
$fn$;

GRANT EXECUTE ON FUNCTION geniai_conversation_facts_sql(text, text[]),
    geniai_conversation_facts_of_change_sql(text, text), geniai_conversation_facts_trigger(),
    geniai_rebuild_conversation_facts() TO geniai_tenant, geniai_platform;

-- Backfill what is already loaded, through the platform path (RLS is forced on the owner too).
SET LOCAL ROLE geniai_platform;
SELECT geniai_rebuild_conversation_facts();
RESET ROLE;
