-- The summary trigger of reporting_events links repeated resolutions and handoffs
-- (prev_same_at, 0007 and 0010): one statement reads and updates `reporting_events` for the
-- conversations the changed rows touch. On a Citus worker the trigger fires on a shard, and that
-- statement names the distributed table: Citus refuses it there ("cannot execute a distributed
-- query from a query on a shard"). Every row of a shard's statement belongs to a tenant of that
-- shard, and a tenant's events are all in it, so on a shard the statement reads and updates the
-- shard itself, by name, as a plain table.
--
-- The triggers (0028) and the summary statements (0010) stay as they are: the statement that
-- links repeats is asked for by geniai_rollups_sql(), which calls geniai_link_repeats_sql(source).
-- That now tells the two cases apart: inside a trigger (pg_trigger_depth() > 0) on a node where
-- reporting_events is a Citus distributed table, a trigger on reporting_events can only be a
-- shard's (Citus fires no trigger on the coordinator's table, which holds no rows). There it
-- returns a statement that hands the touched conversations to geniai_link_repeats_on_shard(),
-- which finds the tenant's shard and runs the same link over it. Everywhere else (a single
-- server; the rebuild, outside any trigger) it returns 0010's statement unchanged.

-- 0010's statement over any relation holding the events (`reporting_events`, or one shard of it).
CREATE FUNCTION geniai_link_repeats_sql(source text, events text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN format($q$
        WITH touched AS (
            SELECT DISTINCT tenant_id, conversation_id, name FROM %1$s s
             WHERE name IN ('conversation_resolved', 'conversation_bot_handoff') AND conversation_id IS NOT NULL
        ), ordered AS (
            SELECT e.tenant_id, e.event_id,
                   lag(e.created_at) OVER (PARTITION BY e.tenant_id, e.conversation_id, e.name
                                           ORDER BY e.created_at, e.event_id) AS prev
              FROM %2$s e
              JOIN touched t ON t.tenant_id = e.tenant_id AND t.conversation_id = e.conversation_id AND t.name = e.name
             WHERE e.name IN ('conversation_resolved', 'conversation_bot_handoff')
        )
        UPDATE %2$s e SET prev_same_at = o.prev
          FROM ordered o
         WHERE e.tenant_id = o.tenant_id AND e.event_id = o.event_id
           AND e.prev_same_at IS DISTINCT FROM o.prev$q$, source, events);

-- Links the repeats of the conversations in `touched` (a jsonb array of {tenant_id,
-- conversation_id, name}) in the shard of reporting_events that holds `tenant`'s rows, on the
-- worker where a shard's trigger runs this. The rows all belong to tenants of that one shard.
CREATE FUNCTION geniai_link_repeats_on_shard(tenant integer, touched jsonb) RETURNS void
    LANGUAGE plpgsql AS $fn$
DECLARE
    shard text;
BEGIN
    IF tenant IS NULL THEN
        RETURN;
    END IF;
    -- Citus's functions, called only on a Citus node: this function is never called elsewhere.
    EXECUTE 'SELECT shard_name(''reporting_events''::regclass, get_shard_id_for_distribution_column(''reporting_events'', $1))'
        INTO shard USING tenant;
    EXECUTE geniai_link_repeats_sql(
        '(SELECT * FROM jsonb_to_recordset($1) AS r (tenant_id integer, conversation_id integer, name text))', shard)
        USING touched;
END
$fn$;

-- Whether reporting_events is a Citus distributed table on this node (coordinator or worker).
CREATE FUNCTION geniai_events_are_distributed() RETURNS boolean
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    distributed boolean := false;
BEGIN
    IF to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid = ''reporting_events''::regclass)'
            INTO distributed;
    END IF;
    RETURN distributed;
END
$fn$;

-- The statement that recomputes prev_same_at for the resolution and handoff events of the
-- conversations in `source` (a relation with tenant_id, conversation_id and name).
CREATE OR REPLACE FUNCTION geniai_link_repeats_sql(source text) RETURNS text
    LANGUAGE plpgsql STABLE AS $fn$
BEGIN
    IF pg_trigger_depth() > 0 AND geniai_events_are_distributed() THEN
        -- A shard's trigger on a Citus worker: `source` reads the trigger's rows (from the jsonb
        -- parameters 0028 passes), and the link runs over the shard (see above).
        RETURN format($q$
            SELECT geniai_link_repeats_on_shard(min(s.tenant_id),
                       jsonb_agg(jsonb_build_object('tenant_id', s.tenant_id, 'conversation_id', s.conversation_id,
                                                    'name', s.name)))
              FROM %s s
             WHERE s.name IN ('conversation_resolved', 'conversation_bot_handoff') AND s.conversation_id IS NOT NULL$q$,
            source);
    END IF;
    RETURN geniai_link_repeats_sql(source, 'reporting_events');
END
$fn$;

GRANT EXECUTE ON FUNCTION geniai_link_repeats_sql(text, text), geniai_link_repeats_on_shard(integer, jsonb),
    geniai_events_are_distributed(), geniai_link_repeats_sql(text) TO geniai_tenant, geniai_platform;
