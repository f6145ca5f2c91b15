-- On a Citus cluster the export's facts are not kept on the conversation rows.
--
-- The triggers of 0021 recompute a touched conversation's facts with statements that name
-- `conversations`, `reporting_events`, `csat_responses` and `tenants`. On a Citus worker they fire
-- on a shard, where a statement naming a distributed table is refused ("complex joins are only
-- supported when all distributed tables are co-located…", or "cannot execute a distributed query
-- from a query on a shard"): every write of a fact failed there. Until those statements read the
-- co-located shards by name, as 0023 does for the linking of repeats, the trigger does nothing
-- where the fact tables are distributed, the ETL does not rebuild the facts there, and the export
-- computes the facts from the fact tables on Citus (`reports::export::conversations`). On a single
-- server nothing changes: the function is 0021's with the first test added
-- (geniai_events_are_distributed(), 0023, answers false at once without Citus's catalog).

CREATE OR REPLACE FUNCTION geniai_conversation_facts_trigger() RETURNS trigger
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
    -- On Citus the facts are not kept (see above).
    IF geniai_events_are_distributed() THEN
        RETURN NULL;
    END IF;
    -- A writer that rewrites a tenant's facts in bulk defers this work (0021).
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
