-- The first-response indexes cover the keys of the per-dimension reports.
--
-- A per-dimension report reads first responses from the facts in two places: the days between
-- the period's ends and the nearest month starts (each key's counts per bin, beside the month
-- rows of migration 0034), and the values of the bins its percentiles' ranks fall in, for teams,
-- labels and channels every key's at once. Each key comes from the event's inbox or agent, or
-- through its conversation. Without those columns in the index, each of those rows (50,000 for a
-- 30-day period of a tenant with a million conversations) was a visit to the table's heap, most
-- of the time of the `inboxes` and `channels` reports. With them, both reads are index-only.

DROP INDEX reporting_events_first_response_idx;
CREATE INDEX reporting_events_first_response_idx ON reporting_events (tenant_id, created_at)
    INCLUDE (value, value_in_business_hours, value_bin, bh_bin, inbox_id, user_id, conversation_id)
    WHERE name = 'first_response';

DROP INDEX reporting_events_value_bin_idx;
CREATE INDEX reporting_events_value_bin_idx ON reporting_events (tenant_id, value_bin, created_at)
    INCLUDE (value, inbox_id, conversation_id) WHERE name = 'first_response';

DROP INDEX reporting_events_bh_bin_idx;
CREATE INDEX reporting_events_bh_bin_idx ON reporting_events (tenant_id, bh_bin, created_at)
    INCLUDE (value_in_business_hours, inbox_id, conversation_id) WHERE name = 'first_response';
