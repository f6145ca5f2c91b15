-- The ETL refreshes the planner's statistics of the tables a large load changed, before the run
-- reports success, instead of waiting for autovacuum: right after a first load the planner knew
-- nothing of the new rows, and the first report after it ran for minutes instead of a second.
--
-- ANALYZE needs the table's owner (PostgreSQL 15 has no MAINTAIN privilege), and geniai's runtime
-- roles own nothing. This function runs as the owner, analyzes only the tables named here, and
-- takes no other input, so a caller can refresh statistics and do nothing else.
CREATE FUNCTION geniai_analyze(tables text[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT
    AS $$
DECLARE
    t text;
    n integer := 0;
BEGIN
    FOREACH t IN ARRAY tables LOOP
        IF t IN ('conversations', 'messages', 'reporting_events', 'csat_responses',
                 'report_rollups', 'frt_histogram', 'conversation_live_counts') THEN
            EXECUTE format('ANALYZE %I', t);
            n := n + 1;
        END IF;
    END LOOP;
    RETURN n;
END $$;

REVOKE ALL ON FUNCTION geniai_analyze(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION geniai_analyze(text[]) TO geniai_tenant, geniai_platform;
