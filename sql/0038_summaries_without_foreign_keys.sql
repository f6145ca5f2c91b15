-- The summary tables lose their foreign keys to `tenants`, as the fact tables did in 0009.
--
-- The summaries are written by the facts' statement triggers and by a first load's summing pass,
-- a row per key and day or bucket: a first load of 100,000 conversations writes about 370,000
-- rows of `dimension_rollups` alone, and the key checked each of them with an index lookup and a
-- row lock on the tenant (1.1 s of the 6.4 s that sum a first load's first-response bins, about
-- 5% of the whole load: 23.0-23.9 s with the keys, 21.3-22.7 s without, in controlled runs). What
-- the keys guaranteed holds another way, as for the facts:
--  * Deleting a tenant deletes its summaries: 0009's trigger on `tenants` now deletes them too,
--    after its facts (whose summary triggers skip a tenant that is gone).
--  * No summary outlives its tenant: summaries are written only beside the facts they sum, under
--    the tenant's ETL lock, or by the triggers that count a tenant's settings and timezone again,
--    whose rows belong to a tenant that exists; and every statement that sums facts into them
--    joins `tenants`, so facts of a tenant that is gone add nothing.
-- On Citus, `geniai migrate` adds the keys back (the cascade deletes there: 0009's trigger is
-- dropped on a coordinator).
ALTER TABLE report_rollups DROP CONSTRAINT report_rollups_tenant_id_fkey;
ALTER TABLE frt_histogram DROP CONSTRAINT frt_histogram_tenant_id_fkey;
ALTER TABLE conversation_live_counts DROP CONSTRAINT conversation_live_counts_tenant_id_fkey;
ALTER TABLE dimension_rollups DROP CONSTRAINT dimension_rollups_tenant_id_fkey;

-- 0009's, and the summaries.
CREATE OR REPLACE FUNCTION geniai_delete_tenant_facts() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM csat_responses WHERE tenant_id = OLD.id;
    DELETE FROM reporting_events WHERE tenant_id = OLD.id;
    DELETE FROM messages WHERE tenant_id = OLD.id;
    DELETE FROM conversations WHERE tenant_id = OLD.id;
    DELETE FROM report_rollups WHERE tenant_id = OLD.id;
    DELETE FROM frt_histogram WHERE tenant_id = OLD.id;
    DELETE FROM conversation_live_counts WHERE tenant_id = OLD.id;
    DELETE FROM dimension_rollups WHERE tenant_id = OLD.id;
    RETURN NULL;
END $$;
