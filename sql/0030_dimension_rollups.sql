-- Dimension rollups: the per-inbox, per-agent, per-team, per-label and per-channel reports, and the
-- admin overview, read days instead of the period's facts.
--
-- `dimension_rollups` holds the additive metrics of `report_rollups` (0007) per tenant, dimension,
-- key and UTC day. A period reads its whole UTC days from it, and the partial days at its ends
-- (none for a period of whole UTC days, one day's worth in all in another zone) from the facts,
-- through `geniai_dimension_edges`, which computes rows of the same shape from the facts the same
-- way the triggers do. A year costs about as much as a month. (Rows per 15 minutes, which would
-- tile any local day, were as many as the facts themselves for a small tenant.) Conversation
-- counts are kept per label set, so that leads and conversions follow the tenant's label settings
-- at report time; every other metric is kept under the empty label set.
--
-- Dimensions and keys, exactly as the query over the facts groups (reports/aggregate.rs); '' stands
-- for none, and for a fact whose conversation is not loaded:
--   'i' inbox:   conversations and messages by their own inbox, events by theirs, CSAT answers by
--                their conversation's;
--   'a' agent:   conversations by assignee, messages by their conversation's assignee, events by
--                their user, CSAT answers by the agent they name;
--   't' team:    by the conversation's team (messages, events and CSAT answers by their conversation's);
--   'l' label:   each label of the conversation, as 't';
--   'c' channel: conversations and CSAT answers by the conversation's channel type. Messages and
--                events count under the channel of their inbox, which the report finds from the
--                inbox rows ('i') and the inboxes table, so no such row is kept here;
--   '*' tenant:  every fact under the key '', for the admin overview across tenants, which reads
--                the day rows of every tenant through their own index.
--
-- What depends on a conversation (the keys of its messages, events and CSAT answers taken from
-- it) moves when the conversation does: the trigger on conversations moves the contribution of
-- the facts of every conversation whose inbox, assignee, team, labels or channel changed, or that
-- appeared or went away, from the old keys to the new. Every statement keeps the invariant that
-- the rollups equal the facts grouped by the conversations as they are now; the ETL writes each
-- tenant under its lock, so no two transactions change one tenant's facts at once.
--
-- Distinct counts (resolved conversations, bot handoffs) and first-response percentiles are not
-- additive: the report subtracts the period's repeats and reads the period's first responses
-- (reports/rollups.rs).
--
-- A writer that rewrites a tenant's facts in bulk (a first load, a full reload) sets
-- `geniai.dimension_rollups = 'deferred'` and rebuilds the tenant's rollups from its facts at the
-- end. A first load writes in two concurrent transactions, so it rebuilds after both commit, and
-- marks the tenant in `dimension_rollups_stale` first: while the mark is there, the reports read
-- the facts, and the next ETL run of the tenant rebuilds. On Citus the triggers do nothing (like the
-- export facts, 0029) and the reports read the facts.

CREATE TABLE dimension_rollups (
    tenant_id              integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    dimension              "char"      NOT NULL CHECK (dimension IN ('i', 'a', 't', 'l', 'c', '*')),
    day                    date        NOT NULL,   -- UTC
    key                    text        NOT NULL,
    labels                 text[]      NOT NULL,
    conversations          bigint      NOT NULL DEFAULT 0,
    messages               bigint      NOT NULL DEFAULT 0,
    incoming_messages      bigint      NOT NULL DEFAULT 0,
    outgoing_messages      bigint      NOT NULL DEFAULT 0,
    csat_surveys_sent      bigint      NOT NULL DEFAULT 0,
    events                 bigint      NOT NULL DEFAULT 0,
    first_response_n       bigint      NOT NULL DEFAULT 0,
    first_response_sum     numeric     NOT NULL DEFAULT 0,
    first_response_bh_n    bigint      NOT NULL DEFAULT 0,
    first_response_bh_sum  numeric     NOT NULL DEFAULT 0,
    resolutions            bigint      NOT NULL DEFAULT 0,
    resolution_n           bigint      NOT NULL DEFAULT 0,
    resolution_sum         numeric     NOT NULL DEFAULT 0,
    resolution_bh_n        bigint      NOT NULL DEFAULT 0,
    resolution_bh_sum      numeric     NOT NULL DEFAULT 0,
    reply_n                bigint      NOT NULL DEFAULT 0,
    reply_sum              numeric     NOT NULL DEFAULT 0,
    reply_bh_n             bigint      NOT NULL DEFAULT 0,
    reply_bh_sum           numeric     NOT NULL DEFAULT 0,
    bot_resolutions        bigint      NOT NULL DEFAULT 0,
    resolved_conversation_events bigint NOT NULL DEFAULT 0,
    handoff_conversation_events  bigint NOT NULL DEFAULT 0,
    csat_responses         bigint      NOT NULL DEFAULT 0,
    csat_rating_sum        bigint      NOT NULL DEFAULT 0,
    csat_satisfied         bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, dimension, day, key, labels)
);

CREATE INDEX dimension_rollups_totals_idx ON dimension_rollups (day) WHERE dimension = '*';

CREATE TABLE dimension_rollups_stale (
    tenant_id integer PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON dimension_rollups, dimension_rollups_stale
    TO geniai_tenant, geniai_platform;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['dimension_rollups', 'dimension_rollups_stale'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I TO geniai_tenant
                 USING (tenant_id = (SELECT geniai_current_tenant()))
                 WITH CHECK (tenant_id = (SELECT geniai_current_tenant()))', t);
        EXECUTE format(
            'CREATE POLICY platform_access ON %I TO geniai_platform USING (true) WITH CHECK (true)', t);
    END LOOP;
END $$;

-- The metrics each fact contributes, as `column = expression` over the fact row `d` (which has a
-- `sign` column, or the sign is `sign`): the one description the statements below are written from.
CREATE FUNCTION geniai_dimension_metrics(fact text, sign text) RETURNS text[][]
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    -- The sum of a value of events of one name, and the count of those that have it.
    value_of CONSTANT text := '%2$s * CASE WHEN d.name = %1$L THEN coalesce(d.%3$I::numeric, 0) ELSE 0 END';
    count_of CONSTANT text := '%2$s * (d.name = %1$L AND d.%3$I IS NOT NULL)::int';
BEGIN
    RETURN CASE fact
        WHEN 'conversations' THEN ARRAY[['conversations', sign]]
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

-- The dimensions in both `a` and `b` (strings of dimension letters).
CREATE FUNCTION geniai_dimensions_in_both(a text, b text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN (SELECT coalesce(string_agg(l, ''), '') FROM regexp_split_to_table(a, '') AS l WHERE strpos(b, l) > 0);

-- The keys of the dimensions in `dimensions` taken from the conversation `c` (its inbox_id,
-- assignee_id, team_id, labels and channel_type; NULL for a conversation not loaded), as rows of
-- a lateral (dimension, key); NULL for no dimension.
CREATE FUNCTION geniai_conversation_keys_sql(dimensions text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    rows text[] := '{}';
    labels CONSTANT text := $$SELECT 'l'::"char", l
        FROM unnest(CASE WHEN coalesce(c.labels, '{}') = '{}' THEN ARRAY[''] ELSE c.labels END) AS l$$;
BEGIN
    IF strpos(dimensions, 'i') > 0 THEN rows := array_append(rows, $$('i'::"char", coalesce(c.inbox_id::text, ''))$$); END IF;
    IF strpos(dimensions, 'a') > 0 THEN rows := array_append(rows, $$('a'::"char", coalesce(c.assignee_id::text, ''))$$); END IF;
    IF strpos(dimensions, 't') > 0 THEN rows := array_append(rows, $$('t'::"char", coalesce(c.team_id::text, ''))$$); END IF;
    IF strpos(dimensions, 'c') > 0 THEN rows := array_append(rows, $$('c'::"char", coalesce(c.channel_type, ''))$$); END IF;
    IF strpos(dimensions, '*') > 0 THEN rows := array_append(rows, $$('*'::"char", '')$$); END IF;
    RETURN CASE
        WHEN rows = '{}' AND strpos(dimensions, 'l') = 0 THEN NULL
        WHEN rows = '{}' THEN labels
        WHEN strpos(dimensions, 'l') = 0 THEN format('SELECT * FROM (VALUES %s) AS v', array_to_string(rows, ', '))
        ELSE format('SELECT * FROM (VALUES %s) AS v UNION ALL %s', array_to_string(rows, ', '), labels)
    END;
END
$fn$;

-- The keys of the dimensions in `dimensions` that a fact row `d` takes from itself, as rows of a
-- lateral (dimension, key); NULL for none.
CREATE FUNCTION geniai_own_keys_sql(fact text, dimensions text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    rows text[] := '{}';
    own CONSTANT text[][] := CASE fact
        WHEN 'messages' THEN ARRAY[['i', 'd.inbox_id::text'], ['*', $$''$$]]
        WHEN 'reporting_events' THEN
            ARRAY[['i', $$coalesce(d.inbox_id::text, '')$$], ['a', $$coalesce(d.user_id::text, '')$$], ['*', $$''$$]]
        WHEN 'csat_responses' THEN ARRAY[['a', $$coalesce(d.assigned_agent_id::text, '')$$], ['*', $$''$$]]
    END;
    i integer;
BEGIN
    FOR i IN 1 .. coalesce(array_length(own, 1), 0) LOOP
        IF strpos(dimensions, own[i][1]) > 0 THEN
            rows := array_append(rows, format('(%L::"char", %s)', own[i][1], own[i][2]));
        END IF;
    END LOOP;
    RETURN CASE WHEN rows = '{}' THEN NULL
                ELSE format('SELECT * FROM (VALUES %s) AS v', array_to_string(rows, ', ')) END;
END
$fn$;

-- The dimensions a fact takes from its conversation (all of them for a conversation itself).
CREATE FUNCTION geniai_conversation_dimensions(fact text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE fact
        WHEN 'conversations' THEN 'iatlc*'
        WHEN 'messages' THEN 'atl'
        WHEN 'reporting_events' THEN 'tl'
        WHEN 'csat_responses' THEN 'itlc'
    END;

-- The columns of a fact row that its keys are taken from, besides its conversation.
CREATE FUNCTION geniai_dimension_own_columns(fact text) RETURNS text[]
    LANGUAGE sql IMMUTABLE
    RETURN CASE fact
        WHEN 'conversations' THEN ARRAY['inbox_id', 'assignee_id', 'team_id', 'labels', 'channel_type']
        WHEN 'messages' THEN ARRAY['inbox_id']
        WHEN 'reporting_events' THEN ARRAY['inbox_id', 'user_id']
        WHEN 'csat_responses' THEN ARRAY['assigned_agent_id']
    END;

-- The rows of `dimension_rollups` that the rows of `fact` in `source` (a relation with the fact's
-- columns and `sign`) contribute in the dimensions `dimensions`. Their columns are the table's key
-- columns and the fact's metrics. With `moved` (geniai_moved_conversations_sql), `source` holds
-- the facts of those conversations, and the rows move their contribution from the conversations'
-- old keys to their new; otherwise each fact counts under its own keys and its conversation's as
-- it is now. The facts are first summed per conversation, day and own key, so that a conversation's
-- many messages are looked up and spread over the keys once. Rows of a tenant that no longer
-- exists are ignored, and rows that add up to nothing are left out. NULL when the fact has no key
-- in those dimensions.
CREATE FUNCTION geniai_dimension_rows_sql(fact text, source text, moved text, dimensions text) RETURNS text
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
    facts := format($q$(SELECT d.tenant_id, d.conversation_id, %1$s, (d.created_at AT TIME ZONE 'UTC')::date AS day, %2$s
                          FROM %3$s d
                         GROUP BY d.tenant_id, d.conversation_id, %1$s, %4$s) d$q$,
        own_list, array_to_string(per_conversation, ', '), source, 3 + cardinality(own_columns));
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
        SELECT d.tenant_id, k.dimension, d.day, k.key, %s AS labels, %s
          FROM %s
         CROSS JOIN LATERAL (%s) AS k (dimension, key)
         WHERE EXISTS (SELECT 1 FROM tenants x WHERE x.id = d.tenant_id)
         GROUP BY 1, 2, 3, 4, 5
        HAVING %s$q$,
        CASE WHEN fact = 'conversations' THEN 'd.labels' ELSE $$'{}'::text[]$$ END,
        array_to_string(sums, ', '),
        facts,
        keys,
        array_to_string(nonzero, ' OR '));
END
$fn$;

-- The statement that adds `rows` (geniai_dimension_rows_sql of `fact`) to the rollups.
CREATE FUNCTION geniai_dimension_upsert_sql(fact text, rows text) RETURNS text
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
        INSERT INTO dimension_rollups AS t (tenant_id, dimension, day, key, labels, %s)
        %s
         ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (tenant_id, dimension, day, key, labels) DO UPDATE SET %s$q$,
        array_to_string(columns, ', '), rows, array_to_string(updates, ', '));
END
$fn$;

-- Every dimension.
CREATE FUNCTION geniai_all_dimensions() RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN 'iatlc*';

-- The statement that adds the change of a fact statement to the rollups: its rows in `source`
-- (with `sign`), each under its own keys and its conversation's.
CREATE FUNCTION geniai_dimension_change_sql(fact text, source text) RETURNS text
    LANGUAGE sql STABLE
    RETURN geniai_dimension_upsert_sql(fact, geniai_dimension_rows_sql(fact, source, NULL, geniai_all_dimensions()));

-- The conversations of a statement on conversations whose keys changed (or that appeared or went
-- away), with their old and new keys, from the transition tables `old_rows` and `new_rows`
-- (`(SELECT * FROM conversations WHERE false)` stands in for the one an insert or delete lacks).
CREATE FUNCTION geniai_moved_conversations_sql(old_rows text, new_rows text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN format($q$
        (SELECT coalesce(o.tenant_id, n.tenant_id) AS tenant_id,
                coalesce(o.conversation_id, n.conversation_id) AS conversation_id,
                o.inbox_id AS old_inbox_id, o.assignee_id AS old_assignee_id, o.team_id AS old_team_id,
                o.labels AS old_labels, o.channel_type AS old_channel_type,
                n.inbox_id AS new_inbox_id, n.assignee_id AS new_assignee_id, n.team_id AS new_team_id,
                n.labels AS new_labels, n.channel_type AS new_channel_type
           FROM %s o FULL JOIN %s n ON n.tenant_id = o.tenant_id AND n.conversation_id = o.conversation_id
          WHERE (o.inbox_id, o.assignee_id, o.team_id, o.labels, o.channel_type)
                IS DISTINCT FROM (n.inbox_id, n.assignee_id, n.team_id, n.labels, n.channel_type)
            AND EXISTS (SELECT 1 FROM tenants x WHERE x.id = coalesce(o.tenant_id, n.tenant_id)))$q$,
        old_rows, new_rows);

-- The statement that moves the contribution of the facts of `fact` of the conversations in
-- `moved` (geniai_moved_conversations_sql) from their old keys to their new.
CREATE FUNCTION geniai_dimension_move_sql(fact text, moved text) RETURNS text
    LANGUAGE sql STABLE
    RETURN geniai_dimension_upsert_sql(fact, geniai_dimension_rows_sql(fact,
        format('(SELECT 1 AS sign, f.* FROM %I f WHERE EXISTS (SELECT 1 FROM %s m
                  WHERE m.tenant_id = f.tenant_id AND m.conversation_id = f.conversation_id))', fact, moved),
        moved, geniai_all_dimensions()));

-- The rows of `dimension_rollups`, with every column of the table in its order, that the facts in
-- `source_of` (a format string: `%1$I` is the fact table) add up to in the dimensions `dimensions`,
-- fact after fact, as the triggers compute them: the fact's metrics, zero for the others.
CREATE FUNCTION geniai_dimension_all_rows_sql(source_of text, dimensions text) RETURNS text
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    fact text;
    rows text;
    columns text;
    parts text[] := '{}';
BEGIN
    FOREACH fact IN ARRAY ARRAY['conversations', 'messages', 'reporting_events', 'csat_responses'] LOOP
        rows := geniai_dimension_rows_sql(fact, format(source_of, fact), NULL, dimensions);
        CONTINUE WHEN rows IS NULL;
        SELECT string_agg(CASE WHEN a.attname = ANY (ARRAY['tenant_id', 'dimension', 'day', 'key', 'labels'])
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

-- The rows of `dimension_rollups` that the facts created in [from_at, to_at) add up to in the
-- dimensions `dimensions`, computed from the facts as the triggers compute them (one row per fact
-- table and key): the partial days at the ends of a report's period. Under the caller's
-- row-level security.
CREATE FUNCTION geniai_dimension_edges(from_at timestamptz, to_at timestamptz, dimensions text)
    RETURNS SETOF dimension_rollups
    LANGUAGE plpgsql STABLE AS $fn$
BEGIN
    IF from_at < to_at THEN
        RETURN QUERY EXECUTE geniai_dimension_all_rows_sql(
            '(SELECT 1 AS sign, r.* FROM %1$I r WHERE r.created_at >= $1 AND r.created_at < $2)', dimensions)
            USING from_at, to_at;
    END IF;
END
$fn$;

CREATE FUNCTION geniai_dimension_rollups_trigger() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
DECLARE
    fact CONSTANT text := TG_ARGV[0];
    moved text;
    any_moved boolean;
    facts text;
BEGIN
    -- Not kept on Citus (see above), nor while a bulk writer defers them to its rebuild.
    IF geniai_events_are_distributed() OR current_setting('geniai.dimension_rollups', true) = 'deferred' THEN
        RETURN NULL;
    END IF;
    -- Nested updates are the other triggers' own writes: the export facts of conversations (0021)
    -- and the linking of repeats (0007), neither of which changes a key or a metric here.
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NULL;
    END IF;
    EXECUTE geniai_dimension_change_sql(fact, CASE TG_OP
        WHEN 'INSERT' THEN '(SELECT 1 AS sign, r.* FROM new_rows r)'
        WHEN 'DELETE' THEN '(SELECT -1 AS sign, r.* FROM old_rows r)'
        ELSE '(SELECT -1 AS sign, r.* FROM old_rows r UNION ALL SELECT 1, r.* FROM new_rows r)'
    END);
    IF fact = 'conversations' THEN
        moved := geniai_moved_conversations_sql(
            CASE WHEN TG_OP = 'INSERT' THEN '(SELECT * FROM conversations WHERE false)' ELSE 'old_rows' END,
            CASE WHEN TG_OP = 'DELETE' THEN '(SELECT * FROM conversations WHERE false)' ELSE 'new_rows' END);
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s m)', moved) INTO any_moved;
        IF any_moved THEN
            FOREACH facts IN ARRAY ARRAY['messages', 'reporting_events', 'csat_responses'] LOOP
                EXECUTE geniai_dimension_move_sql(facts, moved);
            END LOOP;
        END IF;
    END IF;
    RETURN NULL;
END
$fn$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['conversations', 'messages', 'reporting_events', 'csat_responses'] LOOP
        EXECUTE format('CREATE TRIGGER dimension_rollups_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_dimension_rollups_trigger(%1$L)', t);
        EXECUTE format('CREATE TRIGGER dimension_rollups_update AFTER UPDATE ON %1$I
                            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_dimension_rollups_trigger(%1$L)', t);
        EXECUTE format('CREATE TRIGGER dimension_rollups_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION geniai_dimension_rollups_trigger(%1$L)', t);
    END LOOP;
END $$;

-- Rebuilds the dimension rollups the current role can see from the facts, and clears their stale
-- marks: the bulk writers' rebuild, the backfill below, and the tests' reference. On Citus they are
-- not kept, and this does nothing.
CREATE FUNCTION geniai_rebuild_dimension_rollups() RETURNS void
    LANGUAGE plpgsql
    -- A first load's rebuild sums millions of rows: room for them in memory.
    SET work_mem = '256MB'
    AS $fn$
DECLARE
    sums text;
BEGIN
    IF geniai_events_are_distributed() THEN
        RETURN;
    END IF;
    DELETE FROM dimension_rollups;
    -- One insert of the sums over all four fact tables: every row is written once.
    SELECT string_agg(format('sum(x.%1$I) AS %1$I', a.attname), ', ' ORDER BY a.attnum)
      INTO sums
      FROM pg_attribute a
     WHERE a.attrelid = 'dimension_rollups'::regclass AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname <> ALL (ARRAY['tenant_id', 'dimension', 'day', 'key', 'labels']);
    EXECUTE format('INSERT INTO dimension_rollups
                    SELECT x.tenant_id, x.dimension, x.day, x.key, x.labels, %s FROM (%s) x GROUP BY 1, 2, 3, 4, 5',
        sums, geniai_dimension_all_rows_sql('(SELECT 1 AS sign, r.* FROM %1$I r)', geniai_all_dimensions()));
    DELETE FROM dimension_rollups_stale;
END
$fn$;

GRANT EXECUTE ON FUNCTION geniai_dimension_metrics(text, text), geniai_dimensions_in_both(text, text),
    geniai_conversation_keys_sql(text), geniai_own_keys_sql(text, text), geniai_conversation_dimensions(text),
    geniai_dimension_own_columns(text), geniai_dimension_rows_sql(text, text, text, text),
    geniai_dimension_upsert_sql(text, text), geniai_all_dimensions(), geniai_dimension_change_sql(text, text),
    geniai_moved_conversations_sql(text, text), geniai_dimension_move_sql(text, text),
    geniai_dimension_all_rows_sql(text, text), geniai_dimension_edges(timestamptz, timestamptz, text),
    geniai_dimension_rollups_trigger(),
    geniai_rebuild_dimension_rollups() TO geniai_tenant, geniai_platform;

-- Backfill what is already loaded, through the platform path (RLS is forced on the owner too).
SET LOCAL ROLE geniai_platform;
SELECT geniai_rebuild_dimension_rollups();
RESET ROLE;
