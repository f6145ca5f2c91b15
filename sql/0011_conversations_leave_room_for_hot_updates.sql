-- Every incremental run updates conversations, mostly columns no index holds (last_activity_at, the
-- source's updated_at). PostgreSQL can then write the new version in place of the old one without
-- touching the five indexes (a HOT update), but only when the page has room: a table filled by a
-- bulk load has none, so each update inserted five index entries, the GIN one on labels included,
-- and the indexes bloated run after run. Pages written from now on keep a tenth free; a
-- `geniai etl --full` (or VACUUM FULL) rewrites existing ones.
--
-- Measured on a million conversations, 10,000 of them updated: 122 HOT updates before, 8,685
-- after; the conversations merge took 0.50 and 0.44 s before, 0.30 and 0.40 s after.
ALTER TABLE conversations SET (fillfactor = 90);
