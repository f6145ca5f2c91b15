-- Dimension rollups count leads and conversions instead of keeping each conversation's label set,
-- fall on the days of the tenant's timezone, and a first load sums them in two parts at once.
--
-- 0030 kept conversation counts per label set, so that a report could count leads and
-- conversions for any labels it was given. Label sets are nearly as varied as conversations: a
-- tenant's rows were three per conversation, and the rollups of a year as many rows as its facts.
-- Leads and conversions follow the tenant's settings (`tenant_settings.lead_labels`,
-- `conversion_labels`, as every report reads them), so they are counted when a conversation is
-- summed, as two more metrics, and recounted when the settings change: a row per tenant,
-- dimension, key and day. A report asked for other labels than the tenant's reads the facts
-- (reports/rollups.rs). A settings change recounts under the tenant's ETL lock, so no run adds
-- conversations counted under the old labels meanwhile; while a run holds the lock, the tenant is
-- marked stale instead: the reports read the facts, and the next run sums the rollups again.
--
-- 0030 kept every dimension's rows per UTC day, so that a report in São Paulo summed a day's worth
-- of facts for the partial UTC days at its ends: about 20 ms of a 30-day per-inbox report of 25 ms
-- on a tenant of 100,000 conversations, and all of it on every dashboard page. The rows of the
-- inbox, agent, team, label and channel dimensions now fall on the days of the tenant's own
-- timezone (`tenants.timezone`), the zone of its dashboard and of its reports by default, whose
-- periods then need no fact at all; a report in another zone reads the partial days of the
-- tenant's days at its ends from the facts, as before. The tenant totals (`*`) stay on UTC days:
-- the admin overview reads them across tenants of every zone.
--
-- A change of a tenant's timezone moves every fact to another day: the tenant is marked stale, the
-- reports read the facts, and the next ETL run sums its rollups again.
--
-- A first load sums its facts in two parts at once, one per core (src/etl/first_load.rs):
-- `geniai_add_dimension_rollups(facts)` adds the sums of some fact tables in one statement, in key
-- order, so where both parts add to a key the later waits for the other's commit, and neither
-- can wait for the other in turn.

DELETE FROM dimension_rollups;
ALTER TABLE dimension_rollups
    DROP COLUMN labels,   -- and the primary key that held it
    ADD COLUMN leads       bigint NOT NULL DEFAULT 0,
    ADD COLUMN conversions bigint NOT NULL DEFAULT 0,
    ADD PRIMARY KEY (tenant_id, dimension, day, key);

-- The metrics each fact contributes, as `column = expression` over the fact row `d` (which has a
-- `sign` column, or the sign is `sign`) and, for conversations, the tenant's settings `s` (see
-- geniai_dimension_metric_joins): the one description the statements below are written from.
CREATE OR REPLACE FUNCTION geniai_dimension_metrics(fact text, sign text) RETURNS text[][]
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    -- The sum of a value of events of one name, and the count of those that have it.
    value_of CONSTANT text := '%2$s * CASE WHEN d.name = %1$L THEN coalesce(d.%3$I::numeric, 0) ELSE 0 END';
    count_of CONSTANT text := '%2$s * (d.name = %1$L AND d.%3$I IS NOT NULL)::int';
BEGIN
    RETURN CASE fact
        WHEN 'conversations' THEN ARRAY[
            ['conversations', sign],
            -- A lead has a lead or a conversion label, a conversion a conversion label.
            ['leads', format('%s * coalesce(d.labels && (s.lead_labels || s.conversion_labels), false)::int', sign)],
            ['conversions', format('%s * coalesce(d.labels && s.conversion_labels, false)::int', sign)]]
        WHEN 'messages' THEN ARRAY[
            ['messages', sign],
            ['incoming_messages', format('%s * (d.message_type = 0)::int', sign)],
            ['outgoing_messages', format('%s * (d.message_type = 1)::int', sign)],
            ['csat_surveys_sent', format('%s * (d.content_type = 9)::int', sign)]]
        WHEN 'reporting_events' THEN ARRAY[
            ['events', sign],
            ['first_response_n', format(count_of, 'first_response', sign, 'value')],
            ['first_response_sum', format(value_of, 'first_response', sign, 'value')],
            ['first_response_bh_n', format(count_of, 'first_response', sign, 'value_in_business_hours')],
            ['first_response_bh_sum', format(value_of, 'first_response', sign, 'value_in_business_hours')],
            ['resolutions', format('%s * (d.name = ''conversation_resolved'')::int', sign)],
            ['resolution_n', format(count_of, 'conversation_resolved', sign, 'value')],
            ['resolution_sum', format(value_of, 'conversation_resolved', sign, 'value')],
            ['resolution_bh_n', format(count_of, 'conversation_resolved', sign, 'value_in_business_hours')],
            ['resolution_bh_sum', format(value_of, 'conversation_resolved', sign, 'value_in_business_hours')],
            ['reply_n', format(count_of, 'reply_time', sign, 'value')],
            ['reply_sum', format(value_of, 'reply_time', sign, 'value')],
            ['reply_bh_n', format(count_of, 'reply_time', sign, 'value_in_business_hours')],
            ['reply_bh_sum', format(value_of, 'reply_time', sign, 'value_in_business_hours')],
            ['bot_resolutions', format('%s * (d.name = ''conversation_bot_resolved'')::int', sign)],
            ['resolved_conversation_events', format(count_of, 'conversation_resolved', sign, 'conversation_id')],
            ['handoff_conversation_events', format(count_of, 'conversation_bot_handoff', sign, 'conversation_id')]]
        WHEN 'csat_responses' THEN ARRAY[
            ['csat_responses', sign],
            ['csat_rating_sum', format('%s * d.rating', sign)],
            ['csat_satisfied', format('%s * (d.rating >= 4)::int', sign)]]
    END;
END
$fn$;

-- What a fact's metrics read besides the fact row `d`: for conversations, the tenant's settings.
CREATE FUNCTION geniai_dimension_metric_joins(fact text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE fact
        WHEN 'conversations' THEN 'LEFT JOIN tenant_settings s ON s.tenant_id = d.tenant_id'
        ELSE ''
    END;

-- The rows of `dimension_rollups` that the rows of `fact` in `source` (a relation with the fact's
-- columns and `sign`) contribute in the dimensions `dimensions`. Their columns are the table's key
-- columns and the fact's metrics. With `moved` (geniai_moved_conversations_sql), `source` holds
-- the facts of those conversations, and the rows move their contribution from the conversations'
-- old keys to their new; otherwise each fact counts under its own keys and its conversation's as
-- it is now. A fact counts under its day in the tenant's timezone, and under its UTC day in the
-- tenant totals. The facts are first summed per conversation, day and own key, so that a
-- conversation's many messages are looked up and spread over the keys once. Rows of a tenant that
-- no longer exists are ignored, and rows that add up to nothing are left out. NULL when the fact
-- has no key in those dimensions.
CREATE OR REPLACE FUNCTION geniai_dimension_rows_sql(fact text, source text, moved text, dimensions text) RETURNS text
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    metrics CONSTANT text[][] := geniai_dimension_metrics(fact, 'd.sign');
    own_columns CONSTANT text[] := geniai_dimension_own_columns(fact);
    conversation_dimensions CONSTANT text :=
        geniai_dimensions_in_both(geniai_conversation_dimensions(fact), dimensions);
    conversation_keys CONSTANT text := geniai_conversation_keys_sql(conversation_dimensions);
    own_keys CONSTANT text := CASE WHEN moved IS NULL THEN geniai_own_keys_sql(fact, dimensions) END;
    own_list CONSTANT text := (SELECT string_agg('d.' || quote_ident(col), ', ') FROM unnest(own_columns) AS col);
    -- A move takes the old keys' contribution away and adds the new keys'.
    moved_sign CONSTANT text := CASE WHEN moved IS NOT NULL THEN 'c.sign *' ELSE '' END;
    keys text;
    facts text;
    per_conversation text[] := '{}';
    sums text[] := '{}';
    nonzero text[] := '{}';
    i integer;
BEGIN
    keys := CASE WHEN own_keys IS NULL THEN conversation_keys
                 WHEN conversation_keys IS NULL THEN own_keys
                 ELSE own_keys || ' UNION ALL ' || conversation_keys END;
    IF keys IS NULL THEN
        RETURN NULL;
    END IF;
    FOR i IN 1 .. array_length(metrics, 1) LOOP
        -- Counts stay integers per conversation and day (a sum of bigints would be numeric).
        per_conversation := array_append(per_conversation, format('sum(%s)::%s AS %I', metrics[i][2],
            (SELECT CASE WHEN a.atttypid = 'numeric'::regtype THEN 'numeric' ELSE 'integer' END
               FROM pg_attribute a WHERE a.attrelid = 'dimension_rollups'::regclass AND a.attname = metrics[i][1]),
            metrics[i][1]));
        sums := array_append(sums, format('sum(%2$s d.%1$I) AS %1$I', metrics[i][1], moved_sign));
        nonzero := array_append(nonzero, format('sum(%2$s d.%1$I) <> 0', metrics[i][1], moved_sign));
    END LOOP;
    -- Each fact's UTC day (for the tenant totals) and its day in the tenant's timezone (for the
    -- rest); the join also leaves out the rows of a tenant that no longer exists.
    facts := format($q$(SELECT d.tenant_id, d.conversation_id, %1$s, (d.created_at AT TIME ZONE 'UTC')::date AS utc_day,
                               (d.created_at AT TIME ZONE x.timezone)::date AS local_day, %2$s
                          FROM %3$s d JOIN tenants x ON x.id = d.tenant_id %5$s
                         GROUP BY d.tenant_id, d.conversation_id, %1$s, %4$s, %6$s) d$q$,
        own_list, array_to_string(per_conversation, ', '), source, 3 + cardinality(own_columns),
        geniai_dimension_metric_joins(fact), 4 + cardinality(own_columns));
    facts := CASE
        WHEN moved IS NOT NULL THEN format($q$%s
            JOIN %s m ON m.tenant_id = d.tenant_id AND m.conversation_id = d.conversation_id
            CROSS JOIN LATERAL (VALUES
                (-1, m.old_inbox_id, m.old_assignee_id, m.old_team_id, m.old_labels, m.old_channel_type),
                (1, m.new_inbox_id, m.new_assignee_id, m.new_team_id, m.new_labels, m.new_channel_type))
                AS c (sign, inbox_id, assignee_id, team_id, labels, channel_type)$q$, facts, moved)
        WHEN fact = 'conversations' THEN format('%s CROSS JOIN LATERAL (SELECT d.*) c', facts)
        WHEN conversation_dimensions = '' THEN facts
        ELSE format('%s LEFT JOIN conversations c ON c.tenant_id = d.tenant_id AND c.conversation_id = d.conversation_id',
                    facts)
    END;
    RETURN format($q$
        SELECT d.tenant_id, k.dimension, CASE WHEN k.dimension = '*' THEN d.utc_day ELSE d.local_day END AS day,
               k.key, %s
          FROM %s
         CROSS JOIN LATERAL (%s) AS k (dimension, key)
         GROUP BY 1, 2, 3, 4
        HAVING %s$q$,
        array_to_string(sums, ', '),
        facts,
        keys,
        array_to_string(nonzero, ' OR '));
END
$fn$;


-- The statement that adds `rows` (geniai_dimension_rows_sql of `fact`) to the rollups.
CREATE OR REPLACE FUNCTION geniai_dimension_upsert_sql(fact text, rows text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    metrics CONSTANT text[][] := geniai_dimension_metrics(fact, '1');
    columns text[] := '{}';
    updates text[] := '{}';
    i integer;
BEGIN
    FOR i IN 1 .. array_length(metrics, 1) LOOP
        columns := array_append(columns, quote_ident(metrics[i][1]));
        updates := array_append(updates, format('%1$I = t.%1$I + EXCLUDED.%1$I', metrics[i][1]));
    END LOOP;
    RETURN format($q$
        INSERT INTO dimension_rollups AS t (tenant_id, dimension, day, key, %s)
        %s
         ORDER BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, dimension, day, key) DO UPDATE SET %s$q$,
        array_to_string(columns, ', '), rows, array_to_string(updates, ', '));
END
$fn$;

-- The rows of `dimension_rollups`, with every column of the table in its order, that the facts of
-- the tables `facts` in `source_of` (a format string: `%1$I` is the fact table) add up to in the
-- dimensions `dimensions`, fact after fact, as the triggers compute them: the fact's metrics,
-- zero for the others.
CREATE FUNCTION geniai_dimension_facts_rows_sql(facts text[], source_of text, dimensions text) RETURNS text
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    fact text;
    rows text;
    columns text;
    parts text[] := '{}';
BEGIN
    FOREACH fact IN ARRAY facts LOOP
        rows := geniai_dimension_rows_sql(fact, format(source_of, fact), NULL, dimensions);
        CONTINUE WHEN rows IS NULL;
        SELECT string_agg(CASE WHEN a.attname = ANY (ARRAY['tenant_id', 'dimension', 'day', 'key'])
                                    OR EXISTS (SELECT 1 FROM unnest(geniai_dimension_metrics(fact, '1')) WITH ORDINALITY AS m (v, n)
                                                WHERE m.n % 2 = 1 AND m.v = a.attname)
                               THEN format('x.%I', a.attname)
                               ELSE format('0::%s AS %I', format_type(a.atttypid, a.atttypmod), a.attname) END,
                          ', ' ORDER BY a.attnum)
          INTO columns
          FROM pg_attribute a
         WHERE a.attrelid = 'dimension_rollups'::regclass AND a.attnum > 0 AND NOT a.attisdropped;
        parts := array_append(parts, format('SELECT %s FROM (%s) x', columns, rows));
    END LOOP;
    RETURN array_to_string(parts, ' UNION ALL ');
END
$fn$;

-- The same for all four fact tables.
CREATE OR REPLACE FUNCTION geniai_dimension_all_rows_sql(source_of text, dimensions text) RETURNS text
    LANGUAGE sql STABLE
    RETURN geniai_dimension_facts_rows_sql(
        ARRAY['conversations', 'messages', 'reporting_events', 'csat_responses'], source_of, dimensions);

-- The rows of `dimension_rollups` that the facts created in the partial days at both ends of a
-- report's period, [from_at, inner_from) and [inner_to, to_at), add up to in the dimensions
-- `dimensions`, computed from the facts as the triggers compute them (one row per fact table and
-- key). Under the caller's row-level security. One statement for both ends: planning it cost as
-- much as running it, and 0030's function took one end at a time.
CREATE FUNCTION geniai_dimension_ends(from_at timestamptz, inner_from timestamptz, inner_to timestamptz,
                                      to_at timestamptz, dimensions text)
    RETURNS SETOF dimension_rollups
    LANGUAGE plpgsql STABLE AS $fn$
BEGIN
    IF from_at < inner_from OR inner_to < to_at THEN
        RETURN QUERY EXECUTE geniai_dimension_all_rows_sql(
            '(SELECT 1 AS sign, r.* FROM %1$I r
               WHERE (r.created_at >= $1 AND r.created_at < $2) OR (r.created_at >= $3 AND r.created_at < $4))',
            dimensions)
            USING from_at, inner_from, inner_to, to_at;
    END IF;
END
$fn$;

DROP FUNCTION geniai_dimension_edges(timestamptz, timestamptz, text);

-- Adds the sums of every fact of the tables `facts` that the current role can see to the
-- dimension rollups, in one statement, in key order (see above). On Citus they are not kept,
-- and this does nothing.
CREATE FUNCTION geniai_add_dimension_rollups(facts text[]) RETURNS void
    LANGUAGE plpgsql
    -- A first load's sums cover millions of rows: room for them in memory.
    SET work_mem = '256MB'
    AS $fn$
DECLARE
    sums text;
    updates text;
BEGIN
    IF geniai_events_are_distributed() THEN
        RETURN;
    END IF;
    SELECT string_agg(format('sum(x.%1$I) AS %1$I', a.attname), ', ' ORDER BY a.attnum),
           string_agg(format('%1$I = t.%1$I + EXCLUDED.%1$I', a.attname), ', ' ORDER BY a.attnum)
      INTO sums, updates
      FROM pg_attribute a
     WHERE a.attrelid = 'dimension_rollups'::regclass AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname <> ALL (ARRAY['tenant_id', 'dimension', 'day', 'key']);
    EXECUTE format('INSERT INTO dimension_rollups AS t
                    SELECT x.tenant_id, x.dimension, x.day, x.key, %s FROM (%s) x GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                    ON CONFLICT (tenant_id, dimension, day, key) DO UPDATE SET %s',
        sums, geniai_dimension_facts_rows_sql(facts, '(SELECT 1 AS sign, r.* FROM %1$I r)', geniai_all_dimensions()),
        updates);
END
$fn$;

-- Rebuilds the dimension rollups the current role can see from the facts, and clears their stale
-- marks: the bulk writers' rebuild in one transaction, and the tests' reference. On Citus they
-- are not kept, and this does nothing.
CREATE OR REPLACE FUNCTION geniai_rebuild_dimension_rollups() RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    IF geniai_events_are_distributed() THEN
        RETURN;
    END IF;
    DELETE FROM dimension_rollups;
    PERFORM geniai_add_dimension_rollups(ARRAY['conversations', 'messages', 'reporting_events', 'csat_responses']);
    DELETE FROM dimension_rollups_stale;
END
$fn$;

-- Counts the leads and conversions of the tenant `tenant` again, from its conversations and its
-- settings as they are now. Under the tenant's ETL lock; while a run holds it, marks the tenant
-- stale instead (see above).
CREATE FUNCTION geniai_recount_dimension_leads(tenant integer) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    IF geniai_events_are_distributed() THEN
        RETURN;
    END IF;
    -- The ETL's lock (src/db/locks.rs: the namespace "geni" and the tenant), held to commit.
    IF NOT pg_try_advisory_xact_lock(1734700649, tenant) THEN
        INSERT INTO dimension_rollups_stale (tenant_id) VALUES (tenant) ON CONFLICT DO NOTHING;
        RETURN;
    END IF;
    UPDATE dimension_rollups SET leads = 0, conversions = 0
     WHERE tenant_id = tenant AND (leads <> 0 OR conversions <> 0);
    -- Every key and day a conversation counts under has its row already: set its two counts.
    EXECUTE format('INSERT INTO dimension_rollups AS t (tenant_id, dimension, day, key, conversations, leads, conversions)
                    %s
                    ORDER BY 1, 2, 3, 4
                    ON CONFLICT (tenant_id, dimension, day, key) DO UPDATE SET leads = EXCLUDED.leads, conversions = EXCLUDED.conversions',
        geniai_dimension_rows_sql('conversations',
            format('(SELECT 1 AS sign, r.* FROM conversations r WHERE r.tenant_id = %s)', tenant),
            NULL, geniai_all_dimensions()));
END
$fn$;

CREATE FUNCTION geniai_tenant_settings_recount_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'DELETE' THEN
        -- A tenant's settings go with the tenant (its rollups with it), or are reset to none.
        IF EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id) THEN
            PERFORM geniai_recount_dimension_leads(OLD.tenant_id);
        END IF;
    ELSE
        PERFORM geniai_recount_dimension_leads(NEW.tenant_id);
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER dimension_rollups_recount_insert AFTER INSERT ON tenant_settings
    FOR EACH ROW WHEN (NEW.lead_labels <> '{}' OR NEW.conversion_labels <> '{}')
    EXECUTE FUNCTION geniai_tenant_settings_recount_trigger();
CREATE TRIGGER dimension_rollups_recount_update AFTER UPDATE OF lead_labels, conversion_labels ON tenant_settings
    FOR EACH ROW WHEN ((OLD.lead_labels, OLD.conversion_labels) IS DISTINCT FROM (NEW.lead_labels, NEW.conversion_labels))
    EXECUTE FUNCTION geniai_tenant_settings_recount_trigger();
CREATE TRIGGER dimension_rollups_recount_delete AFTER DELETE ON tenant_settings
    FOR EACH ROW WHEN (OLD.lead_labels <> '{}' OR OLD.conversion_labels <> '{}')
    EXECUTE FUNCTION geniai_tenant_settings_recount_trigger();

GRANT EXECUTE ON FUNCTION geniai_dimension_metric_joins(text), geniai_dimension_facts_rows_sql(text[], text, text),
    geniai_dimension_ends(timestamptz, timestamptz, timestamptz, timestamptz, text),
    geniai_add_dimension_rollups(text[]), geniai_recount_dimension_leads(integer),
    geniai_tenant_settings_recount_trigger() TO geniai_tenant, geniai_platform;

-- A new timezone: see above.
CREATE FUNCTION geniai_tenant_timezone_changed() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT geniai_events_are_distributed() THEN
        INSERT INTO dimension_rollups_stale (tenant_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER dimension_rollups_timezone AFTER UPDATE OF timezone ON tenants
    FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
    EXECUTE FUNCTION geniai_tenant_timezone_changed();

GRANT EXECUTE ON FUNCTION geniai_tenant_timezone_changed() TO geniai_tenant, geniai_platform;

-- Sum what is already loaded again, through the platform path (RLS is forced on the owner too).
SET LOCAL ROLE geniai_platform;
SELECT geniai_rebuild_dimension_rollups();
RESET ROLE;
