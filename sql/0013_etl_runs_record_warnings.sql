-- A run that succeeded but had to be careful says so: when the source login cannot see when other
-- sessions' transactions started (it lacks pg_read_all_stats), a run that finds one still writing
-- holds its watermark back by a fixed margin, and records why and the GRANT that fixes it.
ALTER TABLE etl_runs ADD COLUMN warning text;
