-- Summing facts into the dimension rollups does less per row, in two ways.
--
-- 1. The day a fact counts under (0034's geniai_dimension_day) is written so that the planner
--    inlines it. 0034 truncated the tenant's day to its month with `date_trunc('month',
--    local_day)`, which casts the date to `timestamptz`: a function of the session's time zone,
--    so STABLE. PostgreSQL does not inline an IMMUTABLE SQL function whose body is not immutable,
--    and ran the function's own plan for each row of every statement that sums facts into the
--    rollups, about 2 µs a call (a first load's sums of 385,000 reporting events call it 2 million
--    times). Truncating the date as a `timestamp` (without time zone) is immutable and gives the
--    same day.
-- 2. The monthly dimensions' statement (0035) sums only the events that have a first-response bin.
--    Every monthly key begins with a bin, so the other events (three in four) gave NULL keys and
--    no rows, after being grouped, joined to their conversations and spread over the keys.

CREATE OR REPLACE FUNCTION geniai_dimension_day(dimension "char", utc_day date, local_day date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN dimension = '*' THEN utc_day
                WHEN strpos(geniai_monthly_dimensions(), dimension::text) > 0
                    THEN date_trunc('month', local_day::timestamp)::date
                ELSE local_day END;

-- The rows of `dimension_rollups` that the rows of `fact` in `source` (a relation with the fact's
-- columns and `sign`) contribute in the dimensions `dimensions`. Their columns are the table's key
-- columns and the fact's metrics. With `moved` (geniai_moved_conversations_sql), `source` holds
-- the facts of those conversations, and the rows move their contribution from the conversations'
-- old keys to their new; otherwise each fact counts under its own keys and its conversation's as
-- it is now. A fact counts under the day `geniai_dimension_day` gives it (0031's, but the month
-- for the monthly dimensions). The facts are first summed per conversation, day and own key, so that a
-- conversation's many messages are looked up and spread over the keys once. Rows of a tenant that
-- no longer exists are ignored, and rows that add up to nothing are left out. NULL when the fact
-- has no key in those dimensions. The monthly dimensions sum only the metrics they keep
-- (geniai_dimension_kept_metrics), in a statement of their own beside the other dimensions', over
-- the events that have a first-response bin: every monthly key begins with one.
CREATE OR REPLACE FUNCTION geniai_dimension_rows_sql(fact text, source text, moved text, dimensions text) RETURNS text
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    metrics CONSTANT text[][] := geniai_dimension_kept_metrics(fact, 'd.sign', dimensions);
    all_metrics CONSTANT text[][] := geniai_dimension_metrics(fact, 'd.sign');
    monthly CONSTANT text := geniai_dimensions_in_both(dimensions, geniai_monthly_dimensions());
    daily CONSTANT text := translate(dimensions, geniai_monthly_dimensions(), '');
    daily_rows text;
    monthly_rows text;
    own_columns CONSTANT text[] := geniai_dimension_own_columns(fact);
    conversation_dimensions CONSTANT text :=
        geniai_dimensions_in_both(geniai_conversation_dimensions(fact), dimensions);
    conversation_keys CONSTANT text := geniai_conversation_keys_sql(conversation_dimensions);
    own_keys CONSTANT text := CASE WHEN moved IS NULL THEN geniai_own_keys_sql(fact, dimensions) END;
    own_list CONSTANT text := (SELECT string_agg('d.' || quote_ident(col), ', ') FROM unnest(own_columns) AS col);
    -- A move takes the old keys' contribution away and adds the new keys'.
    moved_sign CONSTANT text := CASE WHEN moved IS NOT NULL THEN 'c.sign *' ELSE '' END;
    -- The monthly keys of an event without a bin are NULL: no row, so no need to sum the event.
    binned_only CONSTANT text := CASE WHEN fact = 'reporting_events' AND monthly <> '' AND daily = ''
                                      THEN 'WHERE d.value_bin IS NOT NULL OR d.bh_bin IS NOT NULL' ELSE '' END;
    keys text;
    facts text;
    per_conversation text[] := '{}';
    sums text[] := '{}';
    nonzero text[] := '{}';
    i integer;
BEGIN
    IF monthly <> '' AND daily <> '' THEN
        daily_rows := geniai_dimension_rows_sql(fact, source, moved, daily);
        monthly_rows := geniai_dimension_rows_sql(fact, source, moved, monthly);
        RETURN CASE WHEN daily_rows IS NULL THEN monthly_rows
                    WHEN monthly_rows IS NULL THEN daily_rows
                    ELSE daily_rows || ' UNION ALL ' || monthly_rows END;
    END IF;
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
        nonzero := array_append(nonzero, format('sum(%2$s d.%1$I) <> 0', metrics[i][1], moved_sign));
    END LOOP;
    -- Every metric of the fact, in its order; zero for those not kept.
    FOR i IN 1 .. array_length(all_metrics, 1) LOOP
        sums := array_append(sums, CASE
            WHEN all_metrics[i][1] = ANY (SELECT metrics[k][1] FROM generate_subscripts(metrics, 1) AS k)
                THEN format('sum(%2$s d.%1$I) AS %1$I', all_metrics[i][1], moved_sign)
            ELSE format('0::%s AS %I',
                (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                  WHERE a.attrelid = 'dimension_rollups'::regclass AND a.attname = all_metrics[i][1]),
                all_metrics[i][1]) END);
    END LOOP;
    -- Each fact's UTC day (for the tenant totals) and its day in the tenant's timezone (for the
    -- rest); the join also leaves out the rows of a tenant that no longer exists.
    facts := format($q$(SELECT d.tenant_id, d.conversation_id, %1$s, (d.created_at AT TIME ZONE 'UTC')::date AS utc_day,
                               (d.created_at AT TIME ZONE x.timezone)::date AS local_day, %2$s
                          FROM %3$s d JOIN tenants x ON x.id = d.tenant_id %5$s %7$s
                         GROUP BY d.tenant_id, d.conversation_id, %1$s, %4$s, %6$s) d$q$,
        own_list, array_to_string(per_conversation, ', '), source, 3 + cardinality(own_columns),
        geniai_dimension_metric_joins(fact), 4 + cardinality(own_columns), binned_only);
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

-- The dimensions whose rows fall on days (every dimension but the monthly ones).
CREATE FUNCTION geniai_daily_dimensions() RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN translate(geniai_all_dimensions(), geniai_monthly_dimensions(), '');

-- Adds the sums of every fact of the tables `facts` that the current role can see to the rollups
-- of the dimensions `dimensions`, in one statement, in key order (0031's, for some dimensions): a
-- first load sums its reporting events' daily and monthly dimensions side by side, the events'
-- daily rows being the largest part of its summing pass (with 0035's statements, 12.5 s of the
-- events against 3 s of the other facts on a tenant of 100,000 conversations). On Citus they are
-- not kept, and this does nothing.
CREATE FUNCTION geniai_add_dimension_rollups(facts text[], dimensions text) RETURNS void
    LANGUAGE plpgsql
    -- A first load's sums cover millions of rows: room for them in memory.
    SET work_mem = '256MB'
    AS $fn$
DECLARE
    rows text;
    sums text;
    updates text;
BEGIN
    IF geniai_events_are_distributed() THEN
        RETURN;
    END IF;
    rows := geniai_dimension_facts_rows_sql(facts, '(SELECT 1 AS sign, r.* FROM %1$I r)', dimensions);
    -- No fact of `facts` has a key in `dimensions`: nothing to add.
    IF rows = '' THEN
        RETURN;
    END IF;
    SELECT string_agg(format('sum(x.%1$I) AS %1$I', a.attname), ', ' ORDER BY a.attnum),
           string_agg(format('%1$I = t.%1$I + EXCLUDED.%1$I', a.attname), ', ' ORDER BY a.attnum)
      INTO sums, updates
      FROM pg_attribute a
     WHERE a.attrelid = 'dimension_rollups'::regclass AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname <> ALL (ARRAY['tenant_id', 'dimension', 'day', 'key']);
    EXECUTE format('INSERT INTO dimension_rollups AS t
                    SELECT x.tenant_id, x.dimension, x.day, x.key, %s FROM (%s) x GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                    ON CONFLICT (tenant_id, dimension, day, key) DO UPDATE SET %s',
        sums, rows, updates);
END
$fn$;

-- 0031's, every dimension.
CREATE OR REPLACE FUNCTION geniai_add_dimension_rollups(facts text[]) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM geniai_add_dimension_rollups(facts, geniai_all_dimensions());
END
$fn$;

GRANT EXECUTE ON FUNCTION geniai_daily_dimensions(), geniai_add_dimension_rollups(text[], text)
    TO geniai_tenant, geniai_platform;
