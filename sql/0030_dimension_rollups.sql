-- Dimension rollups: the per-inbox, per-agent, per-team, per-label and per-channel reports read
-- buckets instead of the period's facts.
--
-- `dimension_rollups` holds the additive metrics of `report_rollups` (0007) per tenant, dimension,
-- key and bucket, at two grains: 15-minute UTC buckets ('q'), which tile any local day, and whole
-- UTC days ('d'). A period reads its whole UTC days from the day rows and the partial days at its
-- ends from the 15-minute rows, so a year costs about as much as a month. Conversation counts are
-- kept per label set, so that leads and conversions follow the tenant's label settings at report
-- time; every other metric is kept under the empty label set.
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
--                inbox rows ('i') and the inboxes table, so no such row is kept here.
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
    grain                  "char"      NOT NULL CHECK (grain IN ('q', 'd')),
    dimension              "char"      NOT NULL CHECK (dimension IN ('i', 'a', 't', 'l', 'c')),
    bucket                 timestamptz NOT NULL,
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
    PRIMARY KEY (tenant_id, grain, dimension, bucket, key, labels)
);

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

-- The keys of the dimensions in `dimensions` taken from the conversation `c` (its inbox_id,
-- assignee_id, team_id, labels and channel_type; NULL for a conversation not loaded), as rows of
-- a lateral (dimension, key).
CREATE FUNCTION geniai_conversation_keys_sql(dimensions text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    rows text[] := '{}';
BEGIN
    IF strpos(dimensions, 'i') > 0 THEN rows := array_append(rows, $$('i'::"char", coalesce(c.inbox_id::text, ''))$$); END IF;
    IF strpos(dimensions, 'a') > 0 THEN rows := array_append(rows, $$('a'::"char", coalesce(c.assignee_id::text, ''))$$); END IF;
    IF strpos(dimensions, 't') > 0 THEN rows := array_append(rows, $$('t'::"char", coalesce(c.team_id::text, ''))$$); END IF;
    IF strpos(dimensions, 'c') > 0 THEN rows := array_append(rows, $$('c'::"char", coalesce(c.channel_type, ''))$$); END IF;
    RETURN format('SELECT * FROM (VALUES %s) AS v (dimension, key)', array_to_string(rows, ', '))
        || CASE WHEN strpos(dimensions, 'l') > 0 THEN $$
               UNION ALL SELECT 'l'::"char", l
                 FROM unnest(CASE WHEN coalesce(c.labels, '{}') = '{}' THEN ARRAY[''] ELSE c.labels END) AS l$$
           ELSE '' END;
END
$fn$;

-- The keys a fact row `d` takes from itself, as rows of a lateral (dimension, key).
CREATE FUNCTION geniai_own_keys_sql(fact text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE fact
        WHEN 'messages' THEN $$SELECT 'i'::"char", d.inbox_id::text$$
        WHEN 'reporting_events' THEN
            $$SELECT * FROM (VALUES ('i'::"char", coalesce(d.inbox_id::text, '')), ('a', coalesce(d.user_id::text, ''))) AS v$$
        WHEN 'csat_responses' THEN $$SELECT 'a'::"char", coalesce(d.assigned_agent_id::text, '')$$
    END;

-- The dimensions a fact takes from its conversation (all of them for a conversation itself).
CREATE FUNCTION geniai_conversation_dimensions(fact text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE fact
        WHEN 'conversations' THEN 'iatlc'
        WHEN 'messages' THEN 'atl'
        WHEN 'reporting_events' THEN 'tl'
        WHEN 'csat_responses' THEN 'itlc'
    END;

-- The statement that adds to the rollups the contribution of the rows of `fact` in `facts`, a FROM
-- clause that gives the fact rows as `d` and the conversation their keys are taken from as `c`,
-- signed by `sign`; with `own`, the keys the rows take from themselves too. Rows of a tenant that
-- no longer exists are ignored, and groups that add up to nothing are not written.
CREATE FUNCTION geniai_dimension_rollups_sql(fact text, facts text, sign text, own boolean) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    metrics CONSTANT text[][] := geniai_dimension_metrics(fact, sign);
    keys text := geniai_conversation_keys_sql(geniai_conversation_dimensions(fact));
    columns text[] := '{}';
    contributions text[] := '{}';
    sums text[] := '{}';
    updates text[] := '{}';
    nonzero text[] := '{}';
    i integer;
BEGIN
    IF own AND geniai_own_keys_sql(fact) IS NOT NULL THEN
        keys := geniai_own_keys_sql(fact) || ' UNION ALL ' || keys;
    END IF;
    FOR i IN 1 .. array_length(metrics, 1) LOOP
        columns := array_append(columns, quote_ident(metrics[i][1]));
        contributions := array_append(contributions, format('%s AS %I', metrics[i][2], metrics[i][1]));
        sums := array_append(sums, format('sum(x.%I)', metrics[i][1]));
        updates := array_append(updates, format('%1$I = t.%1$I + EXCLUDED.%1$I', metrics[i][1]));
        nonzero := array_append(nonzero, format('sum(x.%I) <> 0', metrics[i][1]));
    END LOOP;
    RETURN format($q$
        INSERT INTO dimension_rollups AS t (tenant_id, grain, dimension, bucket, key, labels, %1$s)
        SELECT x.tenant_id, g.grain, x.dimension,
               CASE g.grain WHEN 'q' THEN x.bucket ELSE date_trunc('day', x.bucket, 'UTC') END,
               x.key, x.labels, %2$s
          FROM (SELECT d.tenant_id, k.dimension, k.key, geniai_rollup_bucket(d.created_at) AS bucket,
                       %3$s AS labels, %4$s
                  FROM %5$s
                 CROSS JOIN LATERAL (%6$s) AS k (dimension, key)
                 WHERE EXISTS (SELECT 1 FROM tenants x WHERE x.id = d.tenant_id)) x
         CROSS JOIN (VALUES ('q'::"char"), ('d'::"char")) AS g (grain)
         GROUP BY 1, 2, 3, 4, 5, 6
        HAVING %7$s
         ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (tenant_id, grain, dimension, bucket, key, labels) DO UPDATE SET %8$s$q$,
        array_to_string(columns, ', '),
        array_to_string(sums, ', '),
        CASE WHEN fact = 'conversations' THEN 'd.labels' ELSE $$'{}'::text[]$$ END,
        array_to_string(contributions, ', '),
        facts,
        keys,
        array_to_string(nonzero, ' OR '),
        array_to_string(updates, ', '));
END
$fn$;

-- The change of a fact statement: its rows in `source` (with `sign`), each with its conversation.
CREATE FUNCTION geniai_dimension_change_sql(fact text, source text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN geniai_dimension_rollups_sql(fact,
        CASE WHEN fact = 'conversations' THEN format('%s d CROSS JOIN LATERAL (SELECT d.*) c', source)
             ELSE format('%s d LEFT JOIN conversations c ON c.tenant_id = d.tenant_id AND c.conversation_id = d.conversation_id', source)
        END,
        'd.sign', true);

-- The conversations of a statement on conversations whose keys changed (or that appeared or went
-- away), with their old and new keys, from the transition tables `old_rows` and `new_rows`
-- (`(SELECT NULL::conversations ...) WHERE false` stands in for the one an insert or delete lacks).
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
    LANGUAGE sql IMMUTABLE
    RETURN geniai_dimension_rollups_sql(fact, format($q$%I d
        JOIN %s m ON m.tenant_id = d.tenant_id AND m.conversation_id = d.conversation_id
        CROSS JOIN LATERAL (VALUES
            (-1, m.old_inbox_id, m.old_assignee_id, m.old_team_id, m.old_labels, m.old_channel_type),
            (1, m.new_inbox_id, m.new_assignee_id, m.new_team_id, m.new_labels, m.new_channel_type))
            AS c (sign, inbox_id, assignee_id, team_id, labels, channel_type)$q$, fact, moved),
        'c.sign', false);

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
    LANGUAGE plpgsql AS $fn$
DECLARE
    fact text;
BEGIN
    IF geniai_events_are_distributed() THEN
        RETURN;
    END IF;
    DELETE FROM dimension_rollups;
    FOREACH fact IN ARRAY ARRAY['conversations', 'messages', 'reporting_events', 'csat_responses'] LOOP
        EXECUTE geniai_dimension_change_sql(fact, format('(SELECT 1 AS sign, r.* FROM %I r)', fact));
    END LOOP;
    DELETE FROM dimension_rollups_stale;
END
$fn$;

GRANT EXECUTE ON FUNCTION geniai_dimension_metrics(text, text), geniai_conversation_keys_sql(text),
    geniai_own_keys_sql(text), geniai_conversation_dimensions(text),
    geniai_dimension_rollups_sql(text, text, text, boolean), geniai_dimension_change_sql(text, text),
    geniai_moved_conversations_sql(text, text), geniai_dimension_move_sql(text, text),
    geniai_dimension_rollups_trigger(), geniai_rebuild_dimension_rollups() TO geniai_tenant, geniai_platform;

-- Backfill what is already loaded, through the platform path (RLS is forced on the owner too).
SET LOCAL ROLE geniai_platform;
SELECT geniai_rebuild_dimension_rollups();
RESET ROLE;
