-- A watch loop checks every tenant every few seconds, and most checks find nothing new. Those
-- checks no longer add a run row each: a tenant's latest run, when it is already a no-change
-- run of the same trigger, is extended instead (its `started_at`/`finished_at` become the latest
-- check's, its `watermark_to` the latest bound), and `checks` counts the cycles the row stands
-- for. Every other run is one row with `checks = 1`, as before.
ALTER TABLE etl_runs ADD COLUMN checks integer NOT NULL DEFAULT 1 CHECK (checks >= 1);
