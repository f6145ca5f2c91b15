-- The summary triggers (0007, 0010) run unchanged on a single server and on the shards of a Citus
-- cluster (docs/scaling.md, `geniai migrate` on a coordinator).
--
-- On Citus the triggers fire on each shard (`conversations_102016`), on the worker that holds it.
-- Two things broke there:
--  * the trigger found its fact table by TG_TABLE_NAME, which is the shard's name. Each trigger now
--    names its fact table as its argument, which Citus copies to the shards' triggers;
--  * the statements it runs write the summary tables, which are distributed tables on the worker
--    too, and Citus cannot plan a statement that reads a transition table ("unrecognized RTE kind").
--    On a shard the transition tables are first read into jsonb, a value Citus passes as a
--    parameter; the statements read it back as rows of the fact table. The summaries of the rows'
--    tenants are co-located with the shard, so the writes stay on the worker.
-- On a single server the trigger still reads its transition tables directly, as before.

CREATE OR REPLACE FUNCTION geniai_rollups_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
DECLARE
    fact CONSTANT text := coalesce(TG_ARGV[0], TG_TABLE_NAME);
    statement text;
    source text;
    old_rows_json jsonb;
    new_rows_json jsonb;
BEGIN
    -- The only nested update of a fact is the linking of repeats, which changes no summary.
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
        -- A shard of `fact` on a Citus worker.
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
    FOREACH statement IN ARRAY geniai_rollups_sql(fact, source) LOOP
        EXECUTE statement USING old_rows_json, new_rows_json;
    END LOOP;
    RETURN NULL;
END
$fn$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['conversations', 'messages', 'reporting_events', 'csat_responses'] LOOP
        EXECUTE format('DROP TRIGGER rollups_insert ON %I', t);
        EXECUTE format('DROP TRIGGER rollups_update ON %I', t);
        EXECUTE format('DROP TRIGGER rollups_delete ON %I', t);
        EXECUTE format('CREATE TRIGGER rollups_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_rollups_trigger(%1$L)', t);
        EXECUTE format('CREATE TRIGGER rollups_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_rollups_trigger(%1$L)', t);
        EXECUTE format('CREATE TRIGGER rollups_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_rollups_trigger(%1$L)', t);
    END LOOP;
END $$;
