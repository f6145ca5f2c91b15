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
CREATE FUNCTION geniai_conversation_facts_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
DECLARE
    fact CONSTANT text := TG_ARGV[0];
    statement text;
    source text;
    old_rows_json jsonb;
    new_rows_json jsonb;
BEGIN
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

-- Recomputes the export facts of every conversation the current role can see: the backfill
-- below, and what the tests compare the triggers' work with.
CREATE FUNCTION geniai_rebuild_conversation_facts() RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE geniai_conversation_facts_sql('SELECT tenant_id, conversation_id FROM conversations',
                                          ARRAY['first_response', 'resolution', 'csat']);
END
$fn$;

GRANT EXECUTE ON FUNCTION geniai_conversation_facts_sql(text, text[]),
    geniai_conversation_facts_of_change_sql(text, text), geniai_conversation_facts_trigger(),
    geniai_rebuild_conversation_facts() TO geniai_tenant, geniai_platform;

-- Backfill what is already loaded, through the platform path (RLS is forced on the owner too).
SET LOCAL ROLE geniai_platform;
SELECT geniai_rebuild_conversation_facts();
RESET ROLE;
