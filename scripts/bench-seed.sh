#!/usr/bin/env bash
# Generator benchmark: prints figures, asserts nothing.
#
#   scripts/bench-seed.sh [CONVERSATIONS]        (default 1000000, about 10 messages each)
#
# On a throwaway embedded PostgreSQL (GENIAI_HOME in a temporary directory) it:
#   1. times `geniai dev seed-source` (generation, load and index builds, as a user runs it);
#   2. writes the generated rows once more, table by table, into index-less copies
#      (`INSERT … SELECT *`, one process): what storing the rows costs, without generating them;
#   3. rebuilds each of Chatwoot's indexes on the generated tables once more, one at a time, with
#      parallel workers off and the generator's maintenance_work_mem, and times each build.
# Both are CPU-bound, so the sum of steps 2 and 3 is CPU the generator cannot avoid, and that sum
# divided by the cores is the shortest it can take with Chatwoot's indexes, however the work is
# scheduled and even if generating the values cost nothing.
# Needs: cargo, the PostgreSQL server binaries and psql.
set -euo pipefail

N="${1:-1000000}"
source "$(dirname "$0")/throwaway-cluster.sh"
SRC="$(url_for bench_seed)"
psql -q "$ADMIN_URL" -c "CREATE DATABASE bench_seed"

CORES="$(nproc)"

echo "== generating $N conversations"
t0=$(now)
"$BIN" -q dev seed-source --url "$SRC" --conversations "$N" --seed 1 >/dev/null
GEN_S=$(elapsed "$t0" "$(now)")
read -r CONVS MSGS EVENTS < <(psql -At -F' ' "$SRC" -c \
  "SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages), (SELECT count(*) FROM reporting_events)")
echo "   $CONVS conversations, $MSGS messages, $EVENTS events in ${GEN_S}s"
psql -q "$SRC" -c "VACUUM (ANALYZE)" -c "CHECKPOINT"

echo "== writing the generated rows again, into index-less copies"
WRITE=0
for table in messages reporting_events conversations taggings contacts csat_survey_responses; do
  t0=$(now)
  psql -q "$SRC" -c "CREATE TABLE bench_seed_copy (LIKE $table)" -c "INSERT INTO bench_seed_copy SELECT * FROM $table" </dev/null
  secs=$(elapsed "$t0" "$(now)")
  psql -q "$SRC" -c "DROP TABLE bench_seed_copy" </dev/null
  WRITE=$(echo "$WRITE + $secs" | bc)
  printf '   %7.2fs  %s\n' "$secs" "$table"
done

echo "== rebuilding the generated tables' indexes one at a time (no parallel workers)"
TABLES="'contacts','conversations','messages','reporting_events','csat_survey_responses','taggings'"
TOTAL=0
while IFS='|' read -r table definition; do
  # The same definition under a scratch name, dropped again right after.
  scratch="$(echo "$definition" | sed -E 's/^CREATE (UNIQUE )?INDEX [^ ]+ ON/CREATE \1INDEX bench_seed_scratch ON/')"
  t0=$(now)
  psql -q "$SRC" -c "SET maintenance_work_mem = '1GB'" -c "SET max_parallel_maintenance_workers = 0" -c "$scratch" </dev/null
  secs=$(elapsed "$t0" "$(now)")
  psql -q "$SRC" -c "DROP INDEX bench_seed_scratch" </dev/null
  TOTAL=$(echo "$TOTAL + $secs" | bc)
  printf '   %7.2fs  %s\n' "$secs" "$(echo "$definition" | sed -E 's/.* ON public\.//; s/ USING btree//')"
done < <(psql -At "$SRC" -c "SELECT tablename, indexdef FROM pg_indexes
                              WHERE schemaname = 'public' AND tablename IN ($TABLES)
                              ORDER BY pg_relation_size(tablename::regclass) DESC, indexname")
FLOOR=$(echo "scale=1; ($WRITE + $TOTAL) / $CORES" | bc)

cat <<EOF

== figures ($CONVS conversations, $MSGS messages, $EVENTS events, $CORES cores)
| measure | value |
|---|---|
| seed-source, end to end | $(printf '%.1f' "$GEN_S")s |
| writing the rows, without indexes (CPU) | $(printf '%.1f' "$WRITE")s |
| building Chatwoot's indexes on them (CPU) | $(printf '%.1f' "$TOTAL")s |
| shortest possible on $CORES cores: (rows + indexes) / cores | ${FLOOR}s |
EOF
