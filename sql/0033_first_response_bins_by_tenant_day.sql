-- The first responses of each day of the tenant's timezone per histogram bin, in the dimension
-- rollups, so that a time series' per-bucket percentiles read a few values per bucket instead of
-- every first response of the period.
--
-- `frt_histogram` (0007) counts first responses per UTC day and bin: a period's median and 90th
-- percentile find their bin there and read only that bin's values. A daily, weekly or monthly
-- series needs the same per bucket, and its buckets are local days: a UTC day straddles two of a
-- São Paulo series' days. Two dimensions of `dimension_rollups` hold the counts per day of the
-- tenant's timezone (the days of the other dimensions but the totals, 0031): `h`, keyed by the
-- bin of the first response's duration (`value_bin`, the count in `first_response_n`), and `b`,
-- by the bin of its duration in business hours (`bh_bin`, the count in `first_response_bh_n`).
-- The other metrics of those rows are the sums over the same events, of no use to a report. An
-- event without the duration (or not a first response) has no bin, and no row in that dimension.
-- A series in the tenant's own zone reads its percentiles there (reports/rollups.rs); in another
-- zone, or by hour, it reads the period's first responses, as before.
--
-- The rows are kept by 0030's triggers and rebuilt with the others, from the one description of
-- the keys below. The bins are the event's own, so a conversation moving to another team or
-- label does not move them.

ALTER TABLE dimension_rollups DROP CONSTRAINT dimension_rollups_dimension_check;
ALTER TABLE dimension_rollups ADD CONSTRAINT dimension_rollups_dimension_check
    CHECK (dimension IN ('i', 'a', 't', 'l', 'c', '*', 'h', 'b'));

-- Every dimension.
CREATE OR REPLACE FUNCTION geniai_all_dimensions() RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN 'iatlc*hb';

-- The columns of a fact row that its keys are taken from, besides its conversation.
CREATE OR REPLACE FUNCTION geniai_dimension_own_columns(fact text) RETURNS text[]
    LANGUAGE sql IMMUTABLE
    RETURN CASE fact
        WHEN 'conversations' THEN ARRAY['inbox_id', 'assignee_id', 'team_id', 'labels', 'channel_type']
        WHEN 'messages' THEN ARRAY['inbox_id']
        WHEN 'reporting_events' THEN ARRAY['inbox_id', 'user_id', 'value_bin', 'bh_bin']
        WHEN 'csat_responses' THEN ARRAY['assigned_agent_id']
    END;

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
                  ['h', 'd.value_bin::text'], ['b', 'd.bh_bin::text']]
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

-- Add the new dimensions' rows for what is already loaded, through the platform path (RLS is
-- forced on the owner too). No tenant has any yet; the other dimensions' rows stay as they are.
SET LOCAL ROLE geniai_platform;
DO $$
BEGIN
    IF NOT geniai_events_are_distributed() THEN
        EXECUTE format('INSERT INTO dimension_rollups %s',
            geniai_dimension_facts_rows_sql(ARRAY['reporting_events'], '(SELECT 1 AS sign, r.* FROM %1$I r)', 'hb'));
    END IF;
END $$;
RESET ROLE;
