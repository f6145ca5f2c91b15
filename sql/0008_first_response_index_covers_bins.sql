-- The partial days at the ends of a period read first responses from the facts, bins included:
-- with the bins in the index, that is an index-only scan instead of a heap visit per row.
DROP INDEX reporting_events_first_response_idx;
CREATE INDEX reporting_events_first_response_idx ON reporting_events (tenant_id, created_at)
    INCLUDE (value, value_in_business_hours, value_bin, bh_bin) WHERE name = 'first_response';
