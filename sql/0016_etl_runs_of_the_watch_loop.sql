-- `geniai etl --watch` and `geniai serve --sync` run a cycle every few seconds: their runs are
-- recorded with their own trigger, so that `etl status` and `etl prune` can tell a continuous
-- sync from an hourly cron run.
ALTER TABLE etl_runs DROP CONSTRAINT etl_runs_trigger_check;
ALTER TABLE etl_runs ADD CONSTRAINT etl_runs_trigger_check
    CHECK (trigger IN ('cli', 'cron', 'web', 'demo', 'watch'));

-- A watch loop writes a row per tenant and cycle, nearly all of them changing nothing: the
-- latest run that changed something (`etl status`, and what `etl prune` keeps) is found through
-- this index instead of by walking every no-change row since.
CREATE INDEX etl_runs_latest_change_idx ON etl_runs (tenant_id, started_at DESC)
    WHERE status = 'succeeded' AND rows_written > 0;
