-- etl_freshness (0018) as PL/pgSQL, with the same definition and result.
--
-- On Citus a SQL function's parameter cannot be planned into the distributed statements of its
-- body ("could not create distributed plan … caused by the use of parameters in SQL functions"):
-- `geniai report overview`, `geniai doctor` and the dashboard failed on a cluster. PL/pgSQL plans
-- each statement with the tenant as a value, which Citus routes to the tenant's shards. On a single
-- server nothing changes: the function was never inlined (SET search_path prevents it).

CREATE OR REPLACE FUNCTION etl_freshness(tenant integer)
    RETURNS TABLE (as_of timestamptz, lag_seconds float8, last_check_at timestamptz,
                   last_change_at timestamptz, last_change_source_at timestamptz)
    LANGUAGE plpgsql STABLE
    SET search_path FROM CURRENT
    AS $$
BEGIN
    RETURN QUERY
    SELECT w.as_of,
           extract(epoch FROM now() - w.as_of)::float8,
           (SELECT k.finished_at FROM etl_runs k
             WHERE k.tenant_id = tenant AND k.status = 'succeeded'
             ORDER BY k.started_at DESC LIMIT 1),
           (SELECT c.finished_at FROM etl_runs c
             WHERE c.tenant_id = tenant AND c.status = 'succeeded' AND c.rows_written > 0
             ORDER BY c.started_at DESC LIMIT 1),
           greatest((SELECT max(m.created_at) FROM messages m WHERE m.tenant_id = tenant),
                    (SELECT max(e.created_at) FROM reporting_events e WHERE e.tenant_id = tenant),
                    (SELECT max(c.created_at) FROM csat_responses c WHERE c.tenant_id = tenant))
      FROM (SELECT min(cursor_ts) AS as_of FROM etl_watermarks WHERE tenant_id = tenant) w;
END
$$;
