-- Report rollups: the KPIs of a tenant over any period cost a few thousand rows instead of millions.
--
-- Three summary tables are kept exact by statement-level triggers on the fact tables, in the same
-- transaction as the change, whatever wrote it (the ETL's loads and deletes, inbox moves, tenant
-- deletion). Each trigger adds the contribution of the inserted rows and subtracts that of the
-- deleted ones, read from the statement's transition tables. Sums are `numeric`, so adding and
-- subtracting leaves no rounding residue.
--
-- * report_rollups: additive metrics per tenant, 15-minute UTC bucket and label set. Every UTC
--   offset in use is a multiple of 15 minutes, so the buckets tile any local day, week or month
--   exactly; the report code uses them only when the period's bounds are aligned, and reads the
--   facts otherwise. Conversation counts are kept per label set, so that leads and conversions
--   follow the tenant's label settings at report time.
-- * frt_histogram: first-response durations per UTC day and logarithmic bin, for exact
--   percentiles: the histogram finds the bin holding the wanted rank, and only that bin's values are
--   read from the facts.
-- * conversation_live_counts: open, unattended and unassigned conversations per tenant now.
--
-- Counting distinct conversations (resolved, handed off) is not additive. Each such event records
-- the time of the previous event of the same name in the same conversation (prev_same_at); the
-- distinct count of a period is the number of events in it minus those whose previous one is also
-- in it, and those repeats are few.

CREATE FUNCTION geniai_rollup_bucket(ts timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_bin('15 minutes', ts, timestamptz '2000-01-01 00:00:00+00');

-- Logarithmic bins, about 3% of the value wide; non-decreasing in the value, so bins order values.
CREATE FUNCTION geniai_frt_bin(seconds double precision) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN least(floor(ln(1 + greatest(seconds, 0)) * 32), 32000)::smallint;

CREATE TABLE report_rollups (
    tenant_id              integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    bucket                 timestamptz NOT NULL,
    labels                 text[]      NOT NULL,
    conversations          bigint      NOT NULL DEFAULT 0,
    incoming_messages      bigint      NOT NULL DEFAULT 0,
    outgoing_messages      bigint      NOT NULL DEFAULT 0,
    csat_surveys_sent      bigint      NOT NULL DEFAULT 0,
    -- reporting events: count of values, and their sum, wall-clock and business hours
    first_response_n       bigint      NOT NULL DEFAULT 0,
    first_response_sum     numeric     NOT NULL DEFAULT 0,
    first_response_bh_n    bigint      NOT NULL DEFAULT 0,
    first_response_bh_sum  numeric     NOT NULL DEFAULT 0,
    resolutions            bigint      NOT NULL DEFAULT 0,
    resolution_n           bigint      NOT NULL DEFAULT 0,
    resolution_sum         numeric     NOT NULL DEFAULT 0,
    resolution_bh_n        bigint      NOT NULL DEFAULT 0,
    resolution_bh_sum      numeric     NOT NULL DEFAULT 0,
    reply_n                bigint      NOT NULL DEFAULT 0,
    reply_sum              numeric     NOT NULL DEFAULT 0,
    reply_bh_n             bigint      NOT NULL DEFAULT 0,
    reply_bh_sum           numeric     NOT NULL DEFAULT 0,
    bot_resolutions        bigint      NOT NULL DEFAULT 0,
    -- events that name a conversation, for the distinct counts
    resolved_conversation_events bigint NOT NULL DEFAULT 0,
    handoff_conversation_events  bigint NOT NULL DEFAULT 0,
    csat_responses         bigint      NOT NULL DEFAULT 0,
    csat_rating_sum        bigint      NOT NULL DEFAULT 0,
    csat_satisfied         bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, bucket, labels)
);

CREATE TABLE frt_histogram (
    tenant_id   integer  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    day         date     NOT NULL,   -- UTC
    bin         smallint NOT NULL,   -- geniai_frt_bin of the duration
    value_count bigint   NOT NULL DEFAULT 0,
    bh_count    bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, bin)
);

CREATE TABLE conversation_live_counts (
    tenant_id  integer NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    open       bigint  NOT NULL DEFAULT 0,
    unattended bigint  NOT NULL DEFAULT 0,
    unassigned bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id)
);

-- prev_same_at: see above. The bins of first responses are stored, so that a bin's values are
-- found through an index also under RLS (an expression such as ln() is not leakproof, and
-- PostgreSQL does not use it in an index condition ahead of a policy).
ALTER TABLE reporting_events
    ADD COLUMN prev_same_at timestamptz,
    ADD COLUMN value_bin smallint
        GENERATED ALWAYS AS (CASE WHEN name = 'first_response' THEN geniai_frt_bin(value) END) STORED,
    ADD COLUMN bh_bin smallint
        GENERATED ALWAYS AS (CASE WHEN name = 'first_response' THEN geniai_frt_bin(value_in_business_hours) END) STORED;

-- The repeats of a period: events whose previous same-named event is at or after its start.
CREATE INDEX reporting_events_repeat_idx ON reporting_events (tenant_id, prev_same_at)
    INCLUDE (name, created_at) WHERE prev_same_at IS NOT NULL;
-- First responses of a period (histogram edges, per-bucket percentiles).
CREATE INDEX reporting_events_first_response_idx ON reporting_events (tenant_id, created_at)
    INCLUDE (value, value_in_business_hours) WHERE name = 'first_response';
-- The values of one histogram bin in a period.
CREATE INDEX reporting_events_value_bin_idx ON reporting_events (tenant_id, value_bin, created_at)
    INCLUDE (value) WHERE name = 'first_response';
CREATE INDEX reporting_events_bh_bin_idx ON reporting_events (tenant_id, bh_bin, created_at)
    INCLUDE (value_in_business_hours) WHERE name = 'first_response';

GRANT SELECT, INSERT, UPDATE, DELETE ON report_rollups, frt_histogram, conversation_live_counts
    TO geniai_tenant, geniai_platform;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['report_rollups', 'frt_histogram', 'conversation_live_counts'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I TO geniai_tenant
                 USING (tenant_id = (SELECT geniai_current_tenant()))
                 WITH CHECK (tenant_id = (SELECT geniai_current_tenant()))', t);
        EXECUTE format(
            'CREATE POLICY platform_access ON %I TO geniai_platform USING (true) WITH CHECK (true)', t);
    END LOOP;
END $$;

-- The statement that recomputes prev_same_at for the resolution and handoff events of the
-- conversations in `source` (a relation with tenant_id, conversation_id and name).
CREATE FUNCTION geniai_link_repeats_sql(source text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN format($q$
        WITH touched AS (
            SELECT DISTINCT tenant_id, conversation_id, name FROM %s s
             WHERE name IN ('conversation_resolved', 'conversation_bot_handoff') AND conversation_id IS NOT NULL
        ), ordered AS (
            SELECT e.tenant_id, e.event_id,
                   lag(e.created_at) OVER (PARTITION BY e.tenant_id, e.conversation_id, e.name
                                           ORDER BY e.created_at, e.event_id) AS prev
              FROM reporting_events e
              JOIN touched t ON t.tenant_id = e.tenant_id AND t.conversation_id = e.conversation_id AND t.name = e.name
        )
        UPDATE reporting_events e SET prev_same_at = o.prev
          FROM ordered o
         WHERE e.tenant_id = o.tenant_id AND e.event_id = o.event_id
           AND e.prev_same_at IS DISTINCT FROM o.prev$q$, source);

-- The statements that add the contribution of `source` to the summaries of `fact` (a fact
-- table's name). `source` is a relation with the fact's columns plus `sign` (1 to add a row, -1 to
-- take it away). Rows of a tenant that no longer exists (its deletion cascading to the facts) are
-- ignored. The caller executes them: a trigger's transition tables are visible only to statements
-- run by the trigger function itself.
CREATE FUNCTION geniai_rollups_sql(fact text, source text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    live CONSTANT text := 'EXISTS (SELECT 1 FROM tenants x WHERE x.id = d.tenant_id)';
BEGIN
    IF fact = 'conversations' THEN
        RETURN ARRAY[format($q$
            INSERT INTO report_rollups AS t (tenant_id, bucket, labels, conversations)
            SELECT tenant_id, geniai_rollup_bucket(created_at), labels, sum(sign)
              FROM %s d WHERE %s
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (tenant_id, bucket, labels) DO UPDATE
               SET conversations = t.conversations + EXCLUDED.conversations$q$, source, live),
        format($q$
            INSERT INTO conversation_live_counts AS t (tenant_id, open, unattended, unassigned)
            SELECT tenant_id,
                   sum(sign) FILTER (WHERE status = 0),
                   coalesce(sum(sign) FILTER (WHERE status = 0 AND (first_reply_created_at IS NULL OR waiting_since IS NOT NULL)), 0),
                   coalesce(sum(sign) FILTER (WHERE status = 0 AND assignee_id IS NULL), 0)
              FROM %s d WHERE %s
             GROUP BY 1 HAVING count(*) FILTER (WHERE status = 0) > 0 ORDER BY 1
            ON CONFLICT (tenant_id) DO UPDATE
               SET open = t.open + EXCLUDED.open, unattended = t.unattended + EXCLUDED.unattended,
                   unassigned = t.unassigned + EXCLUDED.unassigned$q$, source, live)];
    ELSIF fact = 'messages' THEN
        RETURN ARRAY[format($q$
            INSERT INTO report_rollups AS t (tenant_id, bucket, labels, incoming_messages, outgoing_messages, csat_surveys_sent)
            SELECT tenant_id, geniai_rollup_bucket(created_at), '{}',
                   coalesce(sum(sign) FILTER (WHERE message_type = 0), 0),
                   coalesce(sum(sign) FILTER (WHERE message_type = 1), 0),
                   coalesce(sum(sign) FILTER (WHERE content_type = 9), 0)
              FROM %s d WHERE %s
             GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (tenant_id, bucket, labels) DO UPDATE
               SET incoming_messages = t.incoming_messages + EXCLUDED.incoming_messages,
                   outgoing_messages = t.outgoing_messages + EXCLUDED.outgoing_messages,
                   csat_surveys_sent = t.csat_surveys_sent + EXCLUDED.csat_surveys_sent$q$, source, live)];
    ELSIF fact = 'reporting_events' THEN
        RETURN ARRAY[format($q$
            INSERT INTO report_rollups AS t (tenant_id, bucket, labels,
                   first_response_n, first_response_sum, first_response_bh_n, first_response_bh_sum,
                   resolutions, resolution_n, resolution_sum, resolution_bh_n, resolution_bh_sum,
                   reply_n, reply_sum, reply_bh_n, reply_bh_sum, bot_resolutions,
                   resolved_conversation_events, handoff_conversation_events)
            SELECT tenant_id, geniai_rollup_bucket(created_at), '{}',
                   coalesce(sum(sign) FILTER (WHERE name = 'first_response' AND value IS NOT NULL), 0),
                   coalesce(sum(sign * value::numeric) FILTER (WHERE name = 'first_response'), 0),
                   coalesce(sum(sign) FILTER (WHERE name = 'first_response' AND value_in_business_hours IS NOT NULL), 0),
                   coalesce(sum(sign * value_in_business_hours::numeric) FILTER (WHERE name = 'first_response'), 0),
                   coalesce(sum(sign) FILTER (WHERE name = 'conversation_resolved'), 0),
                   coalesce(sum(sign) FILTER (WHERE name = 'conversation_resolved' AND value IS NOT NULL), 0),
                   coalesce(sum(sign * value::numeric) FILTER (WHERE name = 'conversation_resolved'), 0),
                   coalesce(sum(sign) FILTER (WHERE name = 'conversation_resolved' AND value_in_business_hours IS NOT NULL), 0),
                   coalesce(sum(sign * value_in_business_hours::numeric) FILTER (WHERE name = 'conversation_resolved'), 0),
                   coalesce(sum(sign) FILTER (WHERE name = 'reply_time' AND value IS NOT NULL), 0),
                   coalesce(sum(sign * value::numeric) FILTER (WHERE name = 'reply_time'), 0),
                   coalesce(sum(sign) FILTER (WHERE name = 'reply_time' AND value_in_business_hours IS NOT NULL), 0),
                   coalesce(sum(sign * value_in_business_hours::numeric) FILTER (WHERE name = 'reply_time'), 0),
                   coalesce(sum(sign) FILTER (WHERE name = 'conversation_bot_resolved'), 0),
                   coalesce(sum(sign) FILTER (WHERE name = 'conversation_resolved' AND conversation_id IS NOT NULL), 0),
                   coalesce(sum(sign) FILTER (WHERE name = 'conversation_bot_handoff' AND conversation_id IS NOT NULL), 0)
              FROM %s d
             WHERE name IN ('first_response', 'conversation_resolved', 'reply_time',
                            'conversation_bot_resolved', 'conversation_bot_handoff') AND %s
             GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (tenant_id, bucket, labels) DO UPDATE
               SET first_response_n = t.first_response_n + EXCLUDED.first_response_n,
                   first_response_sum = t.first_response_sum + EXCLUDED.first_response_sum,
                   first_response_bh_n = t.first_response_bh_n + EXCLUDED.first_response_bh_n,
                   first_response_bh_sum = t.first_response_bh_sum + EXCLUDED.first_response_bh_sum,
                   resolutions = t.resolutions + EXCLUDED.resolutions,
                   resolution_n = t.resolution_n + EXCLUDED.resolution_n,
                   resolution_sum = t.resolution_sum + EXCLUDED.resolution_sum,
                   resolution_bh_n = t.resolution_bh_n + EXCLUDED.resolution_bh_n,
                   resolution_bh_sum = t.resolution_bh_sum + EXCLUDED.resolution_bh_sum,
                   reply_n = t.reply_n + EXCLUDED.reply_n,
                   reply_sum = t.reply_sum + EXCLUDED.reply_sum,
                   reply_bh_n = t.reply_bh_n + EXCLUDED.reply_bh_n,
                   reply_bh_sum = t.reply_bh_sum + EXCLUDED.reply_bh_sum,
                   bot_resolutions = t.bot_resolutions + EXCLUDED.bot_resolutions,
                   resolved_conversation_events = t.resolved_conversation_events + EXCLUDED.resolved_conversation_events,
                   handoff_conversation_events = t.handoff_conversation_events + EXCLUDED.handoff_conversation_events$q$,
            source, live),
        format($q$
            INSERT INTO frt_histogram AS t (tenant_id, day, bin, value_count, bh_count)
            SELECT d.tenant_id, (d.created_at AT TIME ZONE 'UTC')::date, b.bin,
                   sum(d.sign * b.of_value), sum(d.sign * b.of_bh)
              FROM %s d
             CROSS JOIN LATERAL (VALUES (d.value_bin, 1, 0), (d.bh_bin, 0, 1)) AS b (bin, of_value, of_bh)
             WHERE d.name = 'first_response' AND b.bin IS NOT NULL AND %s
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (tenant_id, day, bin) DO UPDATE
               SET value_count = t.value_count + EXCLUDED.value_count,
                   bh_count = t.bh_count + EXCLUDED.bh_count$q$, source, live),
        -- Link the repeats of the conversations touched.
        geniai_link_repeats_sql(source)];
    ELSIF fact = 'csat_responses' THEN
        RETURN ARRAY[format($q$
            INSERT INTO report_rollups AS t (tenant_id, bucket, labels, csat_responses, csat_rating_sum, csat_satisfied)
            SELECT tenant_id, geniai_rollup_bucket(created_at), '{}',
                   sum(sign), sum(sign * rating), coalesce(sum(sign) FILTER (WHERE rating >= 4), 0)
              FROM %s d WHERE %s
             GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (tenant_id, bucket, labels) DO UPDATE
               SET csat_responses = t.csat_responses + EXCLUDED.csat_responses,
                   csat_rating_sum = t.csat_rating_sum + EXCLUDED.csat_rating_sum,
                   csat_satisfied = t.csat_satisfied + EXCLUDED.csat_satisfied$q$, source, live)];
    ELSE
        RAISE EXCEPTION 'geniai_rollups_sql: unknown fact table %', fact;
    END IF;
END
$fn$;

CREATE FUNCTION geniai_rollups_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
DECLARE
    statement text;
BEGIN
    -- The only nested update of a fact is the linking of repeats, which changes no summary.
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NULL;
    END IF;
    FOREACH statement IN ARRAY geniai_rollups_sql(TG_TABLE_NAME, CASE TG_OP
        WHEN 'INSERT' THEN '(SELECT 1 AS sign, r.* FROM new_rows r)'
        WHEN 'DELETE' THEN '(SELECT -1 AS sign, r.* FROM old_rows r)'
        ELSE '(SELECT -1 AS sign, r.* FROM old_rows r UNION ALL SELECT 1, r.* FROM new_rows r)'
    END) LOOP
        EXECUTE statement;
    END LOOP;
    RETURN NULL;
END
$fn$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['conversations', 'messages', 'reporting_events', 'csat_responses'] LOOP
        EXECUTE format('CREATE TRIGGER rollups_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_rollups_trigger()', t);
        EXECUTE format('CREATE TRIGGER rollups_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_rollups_trigger()', t);
        EXECUTE format('CREATE TRIGGER rollups_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_rollups_trigger()', t);
    END LOOP;
END $$;

-- Rebuilds every summary the current role can see from the facts: the backfill below, and the
-- reference the tests compare the triggers' work with.
CREATE FUNCTION geniai_rebuild_rollups() RETURNS void
    LANGUAGE plpgsql AS $fn$
DECLARE
    fact text;
    statement text;
BEGIN
    DELETE FROM report_rollups;
    DELETE FROM frt_histogram;
    DELETE FROM conversation_live_counts;
    FOREACH fact IN ARRAY ARRAY['conversations', 'messages', 'reporting_events', 'csat_responses'] LOOP
        FOREACH statement IN ARRAY geniai_rollups_sql(fact, format('(SELECT 1 AS sign, r.* FROM %I r)', fact)) LOOP
            EXECUTE statement;
        END LOOP;
    END LOOP;
END
$fn$;

GRANT EXECUTE ON FUNCTION geniai_rollup_bucket(timestamptz), geniai_frt_bin(double precision),
    geniai_rollups_sql(text, text), geniai_link_repeats_sql(text), geniai_rollups_trigger(),
    geniai_rebuild_rollups() TO geniai_tenant, geniai_platform;

-- Backfill what is already loaded, through the platform path (RLS is forced on the owner too).
SET LOCAL ROLE geniai_platform;
SELECT geniai_rebuild_rollups();
RESET ROLE;
