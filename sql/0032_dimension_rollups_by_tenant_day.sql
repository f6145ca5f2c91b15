-- Dimension rollups by day in the tenant's timezone.
--
-- 0030 kept every dimension's rows per UTC day, so that a report in São Paulo summed a day's worth
-- of facts for the partial UTC days at its ends: about 20 ms of a 30-day per-inbox report of 25 ms
-- on a tenant of 100,000 conversations, and all of it on every dashboard page. The rows of the
-- inbox, agent, team, label and channel dimensions now fall on the days of the tenant's own
-- timezone (`tenants.timezone`), the zone of its dashboard and of its reports by default, whose
-- periods then need no fact at all; a report in another zone reads the partial days of the
-- tenant's days at its ends from the facts, as before. The tenant totals (`*`) stay on UTC days:
-- the admin overview reads them across tenants of every zone.
--
-- A change of a tenant's timezone moves every fact to another day: the tenant is marked stale, the
-- reports read the facts, and the next ETL run sums its rollups again.

-- The rows of `dimension_rollups` that the rows of `fact` in `source` (a relation with the fact's
-- columns and `sign`) contribute in the dimensions `dimensions`. Their columns are the table's key
-- columns and the fact's metrics. With `moved` (geniai_moved_conversations_sql), `source` holds
-- the facts of those conversations, and the rows move their contribution from the conversations'
-- old keys to their new; otherwise each fact counts under its own keys and its conversation's as
-- it is now. A fact counts under its day in the tenant's timezone, and under its UTC day in the
-- tenant totals. The facts are first summed per conversation, day and own key, so that a
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
        SELECT d.tenant_id, k.dimension, CASE WHEN k.dimension = '*' THEN d.utc_day ELSE d.local_day END AS day,
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


CREATE FUNCTION geniai_tenant_timezone_changed() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT geniai_events_are_distributed() THEN
        INSERT INTO dimension_rollups_stale (tenant_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER dimension_rollups_timezone AFTER UPDATE OF timezone ON tenants
    FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
    EXECUTE FUNCTION geniai_tenant_timezone_changed();

GRANT EXECUTE ON FUNCTION geniai_tenant_timezone_changed() TO geniai_tenant, geniai_platform;

-- Sum what is already loaded again, through the platform path (RLS is forced on the owner too).
SET LOCAL ROLE geniai_platform;
SELECT geniai_rebuild_dimension_rollups();
RESET ROLE;
