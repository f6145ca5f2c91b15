-- The tenant's first-response bins per day ('h' and 'b', 0033) sum only the counts they keep, as
-- the monthly bins per key do since 0035.
--
-- Reports read `first_response_n` and `first_response_bh_n` from the rows of 'h' and 'b', and
-- nothing else; the statements that sum the facts into the rollups also summed the other fifteen
-- metrics of those events for them, in the statement of the daily dimensions, the longest part of
-- a first load's summing pass. The dimensions whose keys begin with a first-response bin, daily
-- and monthly alike, now have a statement of their own over the binned events (a quarter of them)
-- and add zero to the other metrics. Rows kept before keep those sums; a rebuild writes zeros.

-- The dimensions whose keys begin with a first-response bin: the tenant's bins per day (0033)
-- and each inbox's, agent's, team's and label's per month (0034). Their rows keep only the
-- first-response counts.
CREATE FUNCTION geniai_binned_dimensions() RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN 'hb' || geniai_monthly_dimensions();

-- The other dimensions, whose rows keep every metric of their facts.
CREATE FUNCTION geniai_unbinned_dimensions() RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN translate(geniai_all_dimensions(), geniai_binned_dimensions(), '');

-- The metrics of `fact` (geniai_dimension_metrics) that the rows of the dimensions `dimensions`
-- keep: the first-response counts for binned dimensions alone (0035's, for the monthly ones),
-- every metric otherwise.
CREATE OR REPLACE FUNCTION geniai_dimension_kept_metrics(fact text, sign text, dimensions text) RETURNS text[][]
    LANGUAGE sql IMMUTABLE
    RETURN CASE
        WHEN dimensions <> '' AND translate(dimensions, geniai_binned_dimensions(), '') = '' THEN
            (SELECT array_agg(ARRAY[m.all_metrics[k][1], m.all_metrics[k][2]] ORDER BY k)
               FROM (SELECT geniai_dimension_metrics(fact, sign) AS all_metrics) m,
                    generate_subscripts(m.all_metrics, 1) AS k
              WHERE m.all_metrics[k][1] IN ('first_response_n', 'first_response_bh_n'))
        ELSE geniai_dimension_metrics(fact, sign)
    END;

-- The rows of `dimension_rollups` that the rows of `fact` in `source` (a relation with the fact's
-- columns and `sign`) contribute in the dimensions `dimensions`. Their columns are the table's key
-- columns and the fact's metrics. With `moved` (geniai_moved_conversations_sql), `source` holds
-- the facts of those conversations, and the rows move their contribution from the conversations'
-- old keys to their new; otherwise each fact counts under its own keys and its conversation's as
-- it is now. A fact counts under the day `geniai_dimension_day` gives it (0031's, but the month
-- for the monthly dimensions). The facts are first summed per conversation, day and own key, so that a
-- conversation's many messages are looked up and spread over the keys once. Rows of a tenant that
-- no longer exists are ignored, and rows that add up to nothing are left out. NULL when the fact
-- has no key in those dimensions. The binned dimensions (0037's geniai_binned_dimensions: the
-- tenant's daily bins and each key's monthly ones) sum only the metrics they keep
-- (geniai_dimension_kept_metrics), in a statement of their own beside the other dimensions', over
-- the events that have a first-response bin: every binned key begins with one.
CREATE OR REPLACE FUNCTION geniai_dimension_rows_sql(fact text, source text, moved text, dimensions text) RETURNS text
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    metrics CONSTANT text[][] := geniai_dimension_kept_metrics(fact, 'd.sign', dimensions);
    all_metrics CONSTANT text[][] := geniai_dimension_metrics(fact, 'd.sign');
    binned CONSTANT text := geniai_dimensions_in_both(dimensions, geniai_binned_dimensions());
    unbinned CONSTANT text := translate(dimensions, geniai_binned_dimensions(), '');
    unbinned_rows text;
    binned_rows text;
    own_columns CONSTANT text[] := geniai_dimension_own_columns(fact);
    conversation_dimensions CONSTANT text :=
        geniai_dimensions_in_both(geniai_conversation_dimensions(fact), dimensions);
    conversation_keys CONSTANT text := geniai_conversation_keys_sql(conversation_dimensions);
    own_keys CONSTANT text := CASE WHEN moved IS NULL THEN geniai_own_keys_sql(fact, dimensions) END;
    own_list CONSTANT text := (SELECT string_agg('d.' || quote_ident(col), ', ') FROM unnest(own_columns) AS col);
    -- A move takes the old keys' contribution away and adds the new keys'.
    moved_sign CONSTANT text := CASE WHEN moved IS NOT NULL THEN 'c.sign *' ELSE '' END;
    -- The binned keys of an event without a bin are NULL: no row, so no need to sum the event.
    binned_only CONSTANT text := CASE WHEN fact = 'reporting_events' AND binned <> '' AND unbinned = ''
                                      THEN 'WHERE d.value_bin IS NOT NULL OR d.bh_bin IS NOT NULL' ELSE '' END;
    keys text;
    facts text;
    per_conversation text[] := '{}';
    sums text[] := '{}';
    nonzero text[] := '{}';
    i integer;
BEGIN
    IF binned <> '' AND unbinned <> '' THEN
        unbinned_rows := geniai_dimension_rows_sql(fact, source, moved, unbinned);
        binned_rows := geniai_dimension_rows_sql(fact, source, moved, binned);
        RETURN CASE WHEN unbinned_rows IS NULL THEN binned_rows
                    WHEN binned_rows IS NULL THEN unbinned_rows
                    ELSE unbinned_rows || ' UNION ALL ' || binned_rows END;
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

GRANT EXECUTE ON FUNCTION geniai_binned_dimensions(), geniai_unbinned_dimensions() TO geniai_tenant, geniai_platform;

-- 0036's split of a first load's events by days and months gives way to binned and unbinned.
DROP FUNCTION geniai_daily_dimensions();
