#!/usr/bin/env bash
# ETL benchmark: prints figures, asserts nothing.
#
#   scripts/bench-etl.sh [CONVERSATIONS]        (default 1000000, about 10 messages each)
#
# On a throwaway embedded PostgreSQL (GENIAI_HOME in a temporary directory) it:
#   1. generates a Chatwoot source with `geniai dev seed-source`;
#   2. creates one tenant owning the 120 generated inboxes;
#   3. times a full load (`geniai etl --all-tenants`), with the peak RSS of the geniai process;
#   4. moves the same projection with a plain `psql COPY (SELECT …) TO STDOUT | psql COPY … FROM
#      STDIN` pipe, twice: into tables with the target's indexes (no RLS, triggers or foreign keys),
#      then into tables with only their primary keys (the limit of moving the rows at all);
#   5. creates 100 tenants sharing the inboxes, times a dry run of their first loads (the source
#      reads alone) beside one of the one-tenant target, loads them, and times a run with nothing
#      changed;
#   6. changes 1% of the conversations in the source (new messages, status changes, events) and
#      times an incremental run for the one tenant, then for the 100 tenants;
#   7. times a run over the 100 tenants with nothing new, while the changes are still inside the
#      re-read overlap window (the hourly run after a burst).
# Before each timed step it vacuums, analyzes and checkpoints what the previous ones wrote (untimed).
# Needs: cargo, the PostgreSQL server binaries and psql, /usr/bin/time.
set -euo pipefail

N="${1:-1000000}"
JOBS="${BENCH_JOBS:-2}"
source "$(dirname "$0")/throwaway-cluster.sh"
SRC="$(url_for bench_src)"
TGT="$(url_for bench_tgt)"
TGT100="$(url_for bench_tgt100)"
export PGTZ=UTC
psql -q "$ADMIN_URL" -c "CREATE DATABASE bench_src" -c "CREATE DATABASE bench_tgt" -c "CREATE DATABASE bench_tgt100"

# Before each timed step: vacuum and analyze what the previous steps wrote, then checkpoint, so that
# no step pays for an earlier one's autovacuum or dirty buffers (the state an hourly run meets).
settle() {
  local url
  for url in "$@"; do psql -q "$url" -c "VACUUM (ANALYZE)"; done
  psql -q "$ADMIN_URL" -c "CHECKPOINT"
}

echo "== generating $N conversations"
t0=$(now)
"$BIN" -q dev seed-source --url "$SRC" --conversations "$N" --seed 1 >/dev/null
t1=$(now)
GEN_S=$(elapsed "$t0" "$t1")
read -r CONVS MSGS EVENTS CSATS < <(psql -At -F' ' "$SRC" -c \
  "SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages),
          (SELECT count(*) FROM reporting_events), (SELECT count(*) FROM csat_survey_responses)")
echo "   $CONVS conversations, $MSGS messages, $EVENTS events, $CSATS CSAT responses in ${GEN_S}s"

export DATABASE_URL="$TGT" GENIAI_SOURCE_URL="$SRC"
"$BIN" -q migrate
DATABASE_URL="$TGT100" "$BIN" -q migrate
# Throughput target: one tenant owning every inbox.
psql -q "$TGT" -c "INSERT INTO tenants (slug, name) VALUES ('everything', 'Everything')" \
  -c "INSERT INTO inbox_mappings (inbox_id, tenant_id) SELECT i, (SELECT id FROM tenants) FROM generate_series(1, 120) i"
# Many-tenant target: 100 tenants over the 120 inboxes (tenants 1-20 own two inboxes, the others one).
psql -q "$TGT100" <<'SQL'
INSERT INTO tenants (slug, name) SELECT 'tenant-' || lpad(i::text, 3, '0'), 'Tenant ' || i FROM generate_series(1, 100) i;
INSERT INTO inbox_mappings (inbox_id, tenant_id)
SELECT i, (SELECT id FROM tenants WHERE slug = 'tenant-' || lpad((CASE WHEN i <= 100 THEN i ELSE i - 100 END)::text, 3, '0'))
FROM generate_series(1, 120) i;
SQL

run_etl() { # label, extra args...; prints seconds and peak RSS (MB)
  local label="$1"; shift
  local out; out="$(mktemp)"
  /usr/bin/time -f "%e %M" -o "$out" "$BIN" -q etl --all-tenants --trigger cli "$@" </dev/null
  read -r secs rss_kb < "$out"; rm -f "$out"
  echo "$label $secs $((rss_kb / 1024))"
}

settle "$SRC"
echo "== full load (geniai etl, one tenant with every inbox)"
read -r _ FULL_S FULL_RSS < <(run_etl full)
FULL_ROWS=$(psql -qAt "$TGT" -c "SET ROLE geniai_platform" -c "SELECT sum(rows_read) FROM etl_runs")
FULL_RATE=$(echo "$FULL_ROWS / $FULL_S" | bc)
echo "   $FULL_ROWS rows in ${FULL_S}s = $FULL_RATE rows/s, peak RSS ${FULL_RSS} MB"

# The projections below mirror src/etl/extract.rs (tenant id fixed: one pipe, no routing).
pipe() { # select, target table and columns
  psql -q "$SRC" -c "COPY ($1) TO STDOUT" | psql -q "$TGT" -c "COPY $2 FROM STDIN"
}
# Moves the projection into fresh tables of schema bench, two streams at a time; prints seconds.
# With "indexes" the tables have every index of the target's; with "pk" only their primary keys.
time_pipe() {
  local shape="$1" table
  psql -q "$TGT" -c "CREATE SCHEMA bench"
  for table in conversations messages reporting_events csat_responses; do
    if [ "$shape" = indexes ]; then
      psql -q "$TGT" -c "CREATE TABLE bench.$table (LIKE public.$table INCLUDING DEFAULTS INCLUDING INDEXES)"
    else
      psql -q "$TGT" -c "CREATE TABLE bench.$table (LIKE public.$table INCLUDING DEFAULTS)" -c "
        DO \$\$ BEGIN
          EXECUTE format('ALTER TABLE bench.$table ADD PRIMARY KEY (%s)',
            (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.n)
               FROM pg_index x CROSS JOIN unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
              WHERE x.indrelid = 'public.$table'::regclass AND x.indisprimary));
        END \$\$"
    fi
  done
  local t0 t1; t0=$(now)
  pipe "SELECT 1, c.id, c.account_id, c.inbox_id, c.display_id, c.status, c.priority, c.assignee_id, c.team_id, c.contact_id,
          c.campaign_id, i.channel_type, ARRAY(SELECT DISTINCT btrim(l) FROM unnest(string_to_array(c.cached_label_list, ',')) AS l
          WHERE btrim(l) <> '' ORDER BY 1), c.created_at, c.first_reply_created_at, c.waiting_since, c.last_activity_at, c.updated_at
        FROM conversations c LEFT JOIN inboxes i ON i.id = c.inbox_id" \
    "bench.conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, priority, assignee_id, team_id,
          contact_id, campaign_id, channel_type, labels, created_at, first_reply_created_at, waiting_since, last_activity_at,
          source_updated_at)" &
  pipe "SELECT 1, m.id, m.conversation_id, m.inbox_id, m.message_type, m.private, m.content_type, m.sender_type, m.sender_id,
          m.created_at FROM messages m" \
    "bench.messages (tenant_id, message_id, conversation_id, inbox_id, message_type, private, content_type, sender_type,
          sender_id, created_at)" &
  wait
  pipe "SELECT 1, e.id, e.name, e.value, e.value_in_business_hours, e.account_id, e.inbox_id, e.user_id, e.conversation_id,
          e.created_at, e.event_start_time, e.event_end_time FROM reporting_events e" \
    "bench.reporting_events (tenant_id, event_id, name, value, value_in_business_hours, account_id, inbox_id, user_id,
          conversation_id, created_at, event_start_time, event_end_time)" &
  pipe "SELECT 1, r.id, r.conversation_id, r.message_id, r.rating, r.assigned_agent_id, r.created_at, r.updated_at
        FROM csat_survey_responses r JOIN conversations c ON c.id = r.conversation_id" \
    "bench.csat_responses (tenant_id, response_id, conversation_id, message_id, rating, assigned_agent_id, created_at, updated_at)" &
  wait
  t1=$(now)
  psql -q "$TGT" -c "SET client_min_messages = warning" -c "DROP SCHEMA bench CASCADE"
  settle "$TGT"
  elapsed "$t0" "$t1"
}

PIPE_ROWS=$((CONVS + MSGS + EVENTS + CSATS))
settle "$TGT"
echo "== plain COPY pipe of the same projection into tables with the target's indexes (two streams at a time)"
PIPE_S=$(time_pipe indexes)
PIPE_RATE=$(echo "$PIPE_ROWS / $PIPE_S" | bc)
RATIO=$(echo "scale=2; $FULL_S / $PIPE_S" | bc)
echo "   $PIPE_ROWS rows in ${PIPE_S}s = $PIPE_RATE rows/s; geniai etl takes ${RATIO}x the pipe's time"
echo "== the same pipe into tables with only their primary keys"
PK_PIPE_S=$(time_pipe pk)
PK_PIPE_RATE=$(echo "$PIPE_ROWS / $PK_PIPE_S" | bc)
PK_RATIO=$(echo "scale=2; $FULL_S / $PK_PIPE_S" | bc)
echo "   $PIPE_ROWS rows in ${PK_PIPE_S}s = $PK_PIPE_RATE rows/s; geniai etl takes ${PK_RATIO}x the pipe's time"

settle "$TGT" "$TGT100"
# What the per-tenant first loads spend reading alone: a dry run plans a first load and runs each of
# its source queries (counting the rows, sending none), once over every inbox, then per tenant
# (`--full`: the one-tenant target is loaded by then, and a full run reads what a first load reads).
echo "== source reads of a first load alone (--dry-run): one tenant with every inbox, then the 100 tenants"
read -r _ DRY1_S _ < <(run_etl dry-1 --dry-run --full)
read -r _ DRY100_S _ < <(DATABASE_URL="$TGT100" run_etl dry-100 --dry-run --full --jobs "$JOBS")
echo "   one read of each stream: ${DRY1_S}s; each tenant reading its own inboxes: ${DRY100_S}s"
echo "== 100 tenants: full load (--jobs $JOBS), then a run with nothing changed (default --jobs)"
read -r _ FULL100_S FULL100_RSS < <(DATABASE_URL="$TGT100" run_etl full-100 --jobs "$JOBS")
PK_RATIO100=$(echo "scale=2; $FULL100_S / $PK_PIPE_S" | bc)
echo "   full load of 100 tenants: ${FULL100_S}s (${PK_RATIO100}x the primary-key-only pipe), peak RSS ${FULL100_RSS} MB"
settle "$TGT100"
read -r _ NOOP_S NOOP_RSS < <(DATABASE_URL="$TGT100" run_etl no-change)
echo "   no-change run: ${NOOP_S}s, peak RSS ${NOOP_RSS} MB"

echo "== 1% of the conversations change"
CHANGED=$((CONVS / 100))
psql -q "$SRC" <<SQL
CREATE TEMP TABLE picked AS
  SELECT id FROM conversations ORDER BY hashint4(id) LIMIT $CHANGED;
-- a new incoming message on each (Chatwoot moves last_activity_at with update_columns: no updated_at)
INSERT INTO messages (content, account_id, inbox_id, conversation_id, message_type, private, content_type, sender_type,
                      sender_id, created_at, updated_at)
SELECT 'bench', c.account_id, c.inbox_id, c.id, 0, false, 0, 'Contact', c.contact_id, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
FROM conversations c JOIN picked p USING (id);
UPDATE conversations c SET last_activity_at = now() AT TIME ZONE 'UTC' FROM picked p WHERE p.id = c.id;
-- a third of them are resolved (a save: updated_at moves) with their event
UPDATE conversations c SET status = 1, updated_at = now() AT TIME ZONE 'UTC' FROM picked p WHERE p.id = c.id AND c.id % 3 = 0;
INSERT INTO reporting_events (name, value, value_in_business_hours, account_id, inbox_id, user_id, conversation_id, created_at, updated_at)
SELECT 'conversation_resolved', 3600, 0, c.account_id, c.inbox_id, c.assignee_id, c.id, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
FROM conversations c JOIN picked p USING (id) WHERE c.id % 3 = 0;
ANALYZE;
SQL
settle "$SRC"
last_rows_read() { psql -qAt "$1" -c "SET ROLE geniai_platform" -c "SELECT sum(rows_read) FROM etl_runs WHERE run_id > $2"; }
last_run_id() { psql -qAt "$1" -c "SET ROLE geniai_platform" -c "SELECT coalesce(max(run_id), 0) FROM etl_runs"; }
before=$(last_run_id "$TGT")
read -r _ INC_S INC_RSS < <(run_etl incremental)
INC_ROWS=$(last_rows_read "$TGT" "$before")
echo "   $CHANGED conversations changed, one tenant: ${INC_S}s, $INC_ROWS rows read, peak RSS ${INC_RSS} MB"
before=$(last_run_id "$TGT100")
read -r _ INC100_S INC100_RSS < <(DATABASE_URL="$TGT100" run_etl incremental-100)
INC100_ROWS=$(last_rows_read "$TGT100" "$before")
echo "   the same changes, 100 tenants: ${INC100_S}s, $INC100_ROWS rows read, peak RSS ${INC100_RSS} MB"
before=$(last_run_id "$TGT100")
read -r _ AGAIN_S AGAIN_RSS < <(DATABASE_URL="$TGT100" run_etl again-100)
AGAIN_ROWS=$(last_rows_read "$TGT100" "$before")
echo "   nothing new, changes still in the overlap window: ${AGAIN_S}s, $AGAIN_ROWS rows re-read"

cat <<EOF

| measure | figure |
|---|---|
| source | $CONVS conversations, $MSGS messages, $EVENTS reporting events, $CSATS CSAT responses (generated in ${GEN_S}s) |
| full load, \`geniai etl --all-tenants\` (one tenant, all inboxes) | $FULL_ROWS rows in ${FULL_S}s = **$FULL_RATE rows/s**, peak RSS **${FULL_RSS} MB** |
| plain \`COPY … TO STDOUT \| COPY … FROM STDIN\` pipe, same projection, into tables with the target's indexes | $PIPE_ROWS rows in ${PIPE_S}s = $PIPE_RATE rows/s |
| ratio (etl time / that pipe's time) | **${RATIO}x** |
| the same pipe into tables with only their primary keys | $PIPE_ROWS rows in ${PK_PIPE_S}s = $PK_PIPE_RATE rows/s |
| ratio (etl time / primary-key-only pipe's time) | **${PK_RATIO}x** |
| full load of 100 tenants (\`--jobs $JOBS\`) | ${FULL100_S}s (**${PK_RATIO100}x** the primary-key-only pipe), peak RSS ${FULL100_RSS} MB |
| source reads of a first load alone (\`--dry-run\`), one tenant with every inbox / the 100 tenants (\`--jobs $JOBS\`) | ${DRY1_S}s / ${DRY100_S}s |
| no-change run over 100 tenants | **${NOOP_S}s**, peak RSS ${NOOP_RSS} MB |
| incremental run after 1% of conversations changed ($CHANGED), one tenant | **${INC_S}s** ($INC_ROWS rows read), peak RSS ${INC_RSS} MB |
| the same changes, 100 tenants | **${INC100_S}s** ($INC100_ROWS rows read), peak RSS ${INC100_RSS} MB |
| 100 tenants, nothing new, the changes still inside the 15-minute overlap | ${AGAIN_S}s ($AGAIN_ROWS rows re-read) |
EOF
