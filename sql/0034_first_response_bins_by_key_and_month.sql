-- The first responses of each key of the per-dimension reports per histogram bin and month of the
-- tenant's timezone, so that an inbox, agent, team, label or channel table's median and 90th
-- percentile read a few values per key instead of every first response of the period.
--
-- A per-dimension table's percentiles read every first response of its period and sorted them
-- per key: 95% of the statement's time (a year of `labels` on a tenant of 100,000 conversations:
-- 204 of 208 ms; of `inboxes`, 117 of 122). 0033 counts the tenant's first responses per day and
-- histogram bin, which the totals and series find their ranks in; per key and day, the same
-- counts would be nearly as many rows as the first responses (32 bins per e-fold spread a key's
-- day over as many cells as it has values). Per key and month they are a few hundred rows per key
-- whatever the traffic. A period reads its whole months of the tenant's timezone from them, the
-- rest of it from the first responses themselves, finds the bin each rank of each key falls in,
-- and reads that bin's values only: by the key's own index for inboxes and agents (below), through
-- the conversations for teams, labels and channels (reports/rollups.rs).
--
-- Dimensions, by month (`day` holds the first day of the month of the tenant's timezone), keyed by
-- the bin and the dimension key, `<bin>/<key>` (the bin first: a label may hold a `/`), the count
-- in `first_response_n` for the bin of the duration (`value_bin`) and in `first_response_bh_n` for
-- the bin of its duration in business hours (`bh_bin`); the other metrics of those rows are the
-- sums over the same events, of no use to a report:
--   'I' / 'J' inbox, by `value_bin` / `bh_bin`;   'A' / 'B' agent (the event's user);
--   'T' / 'U' team (the conversation's);          'L' / 'M' label (each of the conversation's).
-- A channel's bins are its inboxes' ('I' / 'J'). The team and label rows move with their
-- conversations, as 0030's do. They are kept by 0030's triggers and rebuilt with the others, from
-- the one description of the keys below.

ALTER TABLE dimension_rollups DROP CONSTRAINT dimension_rollups_dimension_check;
ALTER TABLE dimension_rollups ADD CONSTRAINT dimension_rollups_dimension_check
    CHECK (dimension IN ('i', 'a', 't', 'l', 'c', '*', 'h', 'b', 'I', 'J', 'A', 'B', 'T', 'U', 'L', 'M'));

-- Every dimension.
CREATE OR REPLACE FUNCTION geniai_all_dimensions() RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN 'iatlc*hbIJABTULM';

-- The dimensions whose rows fall on months, not days.
CREATE FUNCTION geniai_monthly_dimensions() RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN 'IJABTULM';

-- The day a fact of the UTC day `utc_day` and the tenant's day `local_day` counts under in
-- `dimension`: the UTC day for the tenant totals, the first day of the tenant's month for the
-- monthly dimensions, the tenant's day for the rest.
CREATE FUNCTION geniai_dimension_day(dimension "char", utc_day date, local_day date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN dimension = '*' THEN utc_day
                WHEN strpos(geniai_monthly_dimensions(), dimension::text) > 0 THEN date_trunc('month', local_day)::date
                ELSE local_day END;

-- The dimensions a fact takes from its conversation (all of them for a conversation itself).
CREATE OR REPLACE FUNCTION geniai_conversation_dimensions(fact text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE fact
        WHEN 'conversations' THEN 'iatlc*'
        WHEN 'messages' THEN 'atl'
        WHEN 'reporting_events' THEN 'tlTULM'
        WHEN 'csat_responses' THEN 'itlc'
    END;

-- The keys of the dimensions in `dimensions` taken from the conversation `c` (its inbox_id,
-- assignee_id, team_id, labels and channel_type; NULL for a conversation not loaded) and, for the
-- first-response bins, the event `d`, as rows of a lateral (dimension, key); NULL for no
-- dimension. A NULL key (an event without a bin) is no row.
CREATE OR REPLACE FUNCTION geniai_conversation_keys_sql(dimensions text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    rows text[] := '{}';
    label_rows text[] := '{}';
    one CONSTANT text[][] := ARRAY[
        ['i', $$coalesce(c.inbox_id::text, '')$$],
        ['a', $$coalesce(c.assignee_id::text, '')$$],
        ['t', $$coalesce(c.team_id::text, '')$$],
        ['c', $$coalesce(c.channel_type, '')$$],
        ['*', $$''$$],
        ['T', $$d.value_bin::text || '/' || coalesce(c.team_id::text, '')$$],
        ['U', $$d.bh_bin::text || '/' || coalesce(c.team_id::text, '')$$]];
    -- Per label `l` of the conversation (none: the label '').
    per_label CONSTANT text[][] := ARRAY[
        ['l', 'l'],
        ['L', $$d.value_bin::text || '/' || l$$],
        ['M', $$d.bh_bin::text || '/' || l$$]];
    i integer;
BEGIN
    FOR i IN 1 .. array_length(one, 1) LOOP
        IF strpos(dimensions, one[i][1]) > 0 THEN
            rows := array_append(rows, format('SELECT %L::"char", %s', one[i][1], one[i][2]));
        END IF;
    END LOOP;
    FOR i IN 1 .. array_length(per_label, 1) LOOP
        IF strpos(dimensions, per_label[i][1]) > 0 THEN
            label_rows := array_append(label_rows, format('(%L::"char", %s)', per_label[i][1], per_label[i][2]));
        END IF;
    END LOOP;
    IF label_rows <> '{}' THEN
        rows := array_append(rows, format(
            $$SELECT x.* FROM unnest(CASE WHEN coalesce(c.labels, '{}') = '{}' THEN ARRAY[''] ELSE c.labels END) AS l
               CROSS JOIN LATERAL (VALUES %s) AS x$$,
            array_to_string(label_rows, ', ')));
    END IF;
    RETURN CASE WHEN rows = '{}' THEN NULL
                ELSE format('SELECT * FROM (%s) AS v (dimension, key) WHERE v.key IS NOT NULL',
                            array_to_string(rows, ' UNION ALL ')) END;
END
$fn$;

-- The keys of the dimensions in `dimensions` that a fact row `d` takes from itself, as rows of a
-- lateral (dimension, key); NULL for none. A NULL key (an event without a bin) is no row.
CREATE OR REPLACE FUNCTION geniai_own_keys_sql(fact text, dimensions text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    rows text[] := '{}';
    own CONSTANT text[][] := CASE fact
        WHEN 'messages' THEN ARRAY[['i', 'd.inbox_id::text'], ['*', $$''$$]]
        WHEN 'reporting_events' THEN
            ARRAY[['i', $$coalesce(d.inbox_id::text, '')$$], ['a', $$coalesce(d.user_id::text, '')$$], ['*', $$''$$],
                  ['h', 'd.value_bin::text'], ['b', 'd.bh_bin::text'],
                  ['I', $$d.value_bin::text || '/' || coalesce(d.inbox_id::text, '')$$],
                  ['J', $$d.bh_bin::text || '/' || coalesce(d.inbox_id::text, '')$$],
                  ['A', $$d.value_bin::text || '/' || coalesce(d.user_id::text, '')$$],
                  ['B', $$d.bh_bin::text || '/' || coalesce(d.user_id::text, '')$$]]
        WHEN 'csat_responses' THEN ARRAY[['a', $$coalesce(d.assigned_agent_id::text, '')$$], ['*', $$''$$]]
    END;
    i integer;
BEGIN
    FOR i IN 1 .. coalesce(array_length(own, 1), 0) LOOP
        IF strpos(dimensions, own[i][1]) > 0 THEN
            rows := array_append(rows, format('(%L::"char", %s)', own[i][1], own[i][2]));
        END IF;
    END LOOP;
    RETURN CASE WHEN rows = '{}' THEN NULL
                ELSE format('SELECT * FROM (VALUES %s) AS v WHERE v.column2 IS NOT NULL', array_to_string(rows, ', '))
    END;
END
$fn$;

-- The rows of `dimension_rollups` that the rows of `fact` in `source` (a relation with the fact's
-- columns and `sign`) contribute in the dimensions `dimensions`. Their columns are the table's key
-- columns and the fact's metrics. With `moved` (geniai_moved_conversations_sql), `source` holds
-- the facts of those conversations, and the rows move their contribution from the conversations'
-- old keys to their new; otherwise each fact counts under its own keys and its conversation's as
-- it is now. A fact counts under the day `geniai_dimension_day` gives it (0031's, but the month
-- for the monthly dimensions). The facts are first summed per conversation, day and own key, so that a
-- conversation's many messages are looked up and spread over the keys once. Rows of a tenant that
-- no longer exists are ignored, and rows that add up to nothing are left out. NULL when the fact
-- has no key in those dimensions.
CREATE OR REPLACE FUNCTION geniai_dimension_rows_sql(fact text, source text, moved text, dimensions text) RETURNS text
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    metrics CONSTANT text[][] := geniai_dimension_metrics(fact, 'd.sign');
    own_columns CONSTANT text[] := geniai_dimension_own_columns(fact);
    conversation_dimensions CONSTANT text :=
        geniai_dimensions_in_both(geniai_conversation_dimensions(fact), dimensions);
    conversation_keys CONSTANT text := geniai_conversation_keys_sql(conversation_dimensions);
    own_keys CONSTANT text := CASE WHEN moved IS NULL THEN geniai_own_keys_sql(fact, dimensions) END;
    own_list CONSTANT text := (SELECT string_agg('d.' || quote_ident(col), ', ') FROM unnest(own_columns) AS col);
    -- A move takes the old keys' contribution away and adds the new keys'.
    moved_sign CONSTANT text := CASE WHEN moved IS NOT NULL THEN 'c.sign *' ELSE '' END;
    keys text;
    facts text;
    per_conversation text[] := '{}';
    sums text[] := '{}';
    nonzero text[] := '{}';
    i integer;
BEGIN
    keys := CASE WHEN own_keys IS NULL THEN conversation_keys
                 WHEN conversation_keys IS NULL THEN own_keys
                 ELSE own_keys || ' UNION ALL ' || conversation_keys END;
    IF keys IS NULL THEN
        RETURN NULL;
    END IF;
    FOR i IN 1 .. array_length(metrics, 1) LOOP
        -- Counts stay integers per conversation and day (a sum of bigints would be numeric).
        per_conversation := array_append(per_conversation, format('sum(%s)::%s AS %I', metrics[i][2],
            (SELECT CASE WHEN a.atttypid = 'numeric'::regtype THEN 'numeric' ELSE 'integer' END
               FROM pg_attribute a WHERE a.attrelid = 'dimension_rollups'::regclass AND a.attname = metrics[i][1]),
            metrics[i][1]));
        sums := array_append(sums, format('sum(%2$s d.%1$I) AS %1$I', metrics[i][1], moved_sign));
        nonzero := array_append(nonzero, format('sum(%2$s d.%1$I) <> 0', metrics[i][1], moved_sign));
    END LOOP;
    -- Each fact's UTC day (for the tenant totals) and its day in the tenant's timezone (for the
    -- rest); the join also leaves out the rows of a tenant that no longer exists.
    facts := format($q$(SELECT d.tenant_id, d.conversation_id, %1$s, (d.created_at AT TIME ZONE 'UTC')::date AS utc_day,
                               (d.created_at AT TIME ZONE x.timezone)::date AS local_day, %2$s
                          FROM %3$s d JOIN tenants x ON x.id = d.tenant_id %5$s
                         GROUP BY d.tenant_id, d.conversation_id, %1$s, %4$s, %6$s) d$q$,
        own_list, array_to_string(per_conversation, ', '), source, 3 + cardinality(own_columns),
        geniai_dimension_metric_joins(fact), 4 + cardinality(own_columns));
    facts := CASE
        WHEN moved IS NOT NULL THEN format($q$%s
            JOIN %s m ON m.tenant_id = d.tenant_id AND m.conversation_id = d.conversation_id
            CROSS JOIN LATERAL (VALUES
                (-1, m.old_inbox_id, m.old_assignee_id, m.old_team_id, m.old_labels, m.old_channel_type),
                (1, m.new_inbox_id, m.new_assignee_id, m.new_team_id, m.new_labels, m.new_channel_type))
                AS c (sign, inbox_id, assignee_id, team_id, labels, channel_type)$q$, facts, moved)
        WHEN fact = 'conversations' THEN format('%s CROSS JOIN LATERAL (SELECT d.*) c', facts)
        WHEN conversation_dimensions = '' THEN facts
        ELSE format('%s LEFT JOIN conversations c ON c.tenant_id = d.tenant_id AND c.conversation_id = d.conversation_id',
                    facts)
    END;
    RETURN format($q$
        SELECT d.tenant_id, k.dimension, geniai_dimension_day(k.dimension, d.utc_day, d.local_day) AS day,
               k.key, %s
          FROM %s
         CROSS JOIN LATERAL (%s) AS k (dimension, key)
         GROUP BY 1, 2, 3, 4
        HAVING %s$q$,
        array_to_string(sums, ', '),
        facts,
        keys,
        array_to_string(nonzero, ' OR '));
END
$fn$;

GRANT EXECUTE ON FUNCTION geniai_monthly_dimensions(), geniai_dimension_day("char", date, date)
    TO geniai_tenant, geniai_platform;

-- The values of one bin of one inbox's or agent's first responses in a period, for the
-- percentiles of its table. On the columns themselves: under row-level security only leakproof
-- conditions are index conditions, and a cast of the column to the report's text key is not.
CREATE INDEX reporting_events_inbox_value_bin_idx ON reporting_events (tenant_id, inbox_id, value_bin, created_at)
    INCLUDE (value) WHERE name = 'first_response';
CREATE INDEX reporting_events_inbox_bh_bin_idx ON reporting_events (tenant_id, inbox_id, bh_bin, created_at)
    INCLUDE (value_in_business_hours) WHERE name = 'first_response';
CREATE INDEX reporting_events_user_value_bin_idx ON reporting_events (tenant_id, user_id, value_bin, created_at)
    INCLUDE (value) WHERE name = 'first_response';
CREATE INDEX reporting_events_user_bh_bin_idx ON reporting_events (tenant_id, user_id, bh_bin, created_at)
    INCLUDE (value_in_business_hours) WHERE name = 'first_response';

-- Add the new dimensions' rows for what is already loaded, through the platform path (RLS is
-- forced on the owner too). No tenant has any yet; the other dimensions' rows stay as they are.
SET LOCAL ROLE geniai_platform;
DO $$
BEGIN
    IF NOT geniai_events_are_distributed() THEN
        EXECUTE format('INSERT INTO dimension_rollups %s',
            geniai_dimension_facts_rows_sql(ARRAY['reporting_events'], '(SELECT 1 AS sign, r.* FROM %1$I r)',
                                            geniai_monthly_dimensions()));
    END IF;
END $$;
RESET ROLE;
