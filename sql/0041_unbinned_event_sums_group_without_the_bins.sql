-- Summing reporting events into the unbinned dimensions groups them per conversation, day, inbox
-- and agent, no longer per first-response bin too.
--
-- Every statement that sums facts into the dimension rollups first sums them per conversation,
-- day and the fact's own key columns, so that a conversation's facts are joined to it and spread
-- over its keys once (0030). For reporting events those columns included the two first-response
-- bins (0033), which only the binned dimensions' keys read (0037: the tenant's daily bins and each
-- key's monthly ones, summed in a statement of their own). In the unbinned dimensions' statement
-- the bins split each conversation's first response from its other events, so that nearly every
-- event was a group of its own: on 100,000 conversations with four events each, 400,000 groups
-- spread over 2.1 million key rows instead of about 100,000 groups, and the statement took 3.1-4.6
-- s against 1.6-1.8 s without the bins. That statement is the longest of a first load's summing
-- pass (see the README's ETL benchmark), and the triggers run it for every write of events.

-- The columns of a fact row that the keys of the dimensions `dimensions` are taken from, besides
-- its conversation: 0033's, without the first-response bins unless a binned dimension
-- (geniai_binned_dimensions, 0037) is among them.
CREATE FUNCTION geniai_dimension_own_columns(fact text, dimensions text) RETURNS text[]
    LANGUAGE sql IMMUTABLE
    RETURN CASE
        WHEN fact = 'reporting_events' AND translate(dimensions, geniai_unbinned_dimensions(), '') = ''
            THEN ARRAY['inbox_id', 'user_id']
        ELSE geniai_dimension_own_columns(fact)
    END;

-- 0037's, with the own columns of the dimensions asked for.
CREATE OR REPLACE FUNCTION geniai_dimension_rows_sql(fact text, source text, moved text, dimensions text) RETURNS text
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    metrics CONSTANT text[][] := geniai_dimension_kept_metrics(fact, 'd.sign', dimensions);
    all_metrics CONSTANT text[][] := geniai_dimension_metrics(fact, 'd.sign');
    binned CONSTANT text := geniai_dimensions_in_both(dimensions, geniai_binned_dimensions());
    unbinned CONSTANT text := translate(dimensions, geniai_binned_dimensions(), '');
    unbinned_rows text;
    binned_rows text;
    own_columns CONSTANT text[] := geniai_dimension_own_columns(fact, dimensions);
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

GRANT EXECUTE ON FUNCTION geniai_dimension_own_columns(text, text) TO geniai_tenant, geniai_platform;
