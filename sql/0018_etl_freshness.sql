-- How fresh a tenant's analytics copy is, defined once for the dashboard, `/metrics` and
-- `geniai doctor` (and computed the same way by `geniai etl status`).
--
-- `as_of` is the oldest of the tenant's stream watermarks: the source time up to which every
-- stream is known to be loaded, i.e. the source's clock at the last successful check (a no-change
-- cycle moves it too). The lag is now minus `as_of`: it grows when the sync stops, whether or not
-- Chatwoot is busy. `last_change_source_at` (the source time of the newest message, event or CSAT
-- answer loaded) is shown beside it but is no lag: it stands still while Chatwoot is quiet.
--
-- SECURITY INVOKER (the default): the caller's row-level security applies, so a tenant
-- transaction sees only its own tenant's figures whatever id it passes.
CREATE FUNCTION etl_freshness(tenant integer)
    RETURNS TABLE (as_of timestamptz, lag_seconds float8, last_check_at timestamptz,
                   last_change_at timestamptz, last_change_source_at timestamptz)
    LANGUAGE sql STABLE
    SET search_path FROM CURRENT
    AS $$
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
      FROM (SELECT min(cursor_ts) AS as_of FROM etl_watermarks WHERE tenant_id = tenant) w
$$;

REVOKE ALL ON FUNCTION etl_freshness(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION etl_freshness(integer) TO geniai_tenant, geniai_platform;
