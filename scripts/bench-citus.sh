#!/usr/bin/env bash
# Scale-out benchmark: the cost of distribution, on one machine. Prints figures, asserts nothing.
#
#   scripts/bench-citus.sh [CONVERSATIONS]      (default 100000, about 10 messages each)
#
# Starts a throwaway Citus coordinator and two workers (scripts/citus-cluster.sh, which builds
# Citus first when it is missing) and, on the coordinator's server, a plain database beside the
# cluster's (the same server and settings, without the citus extension: one node). It:
#   1. generates a Chatwoot source with `geniai dev seed-source` (a plain database on that server);
#   2. migrates both targets and gives two tenants half of the inboxes each, in both;
#   3. times the first load (`geniai etl --all-tenants`) into each;
#   4. times each tenant report (`geniai report KIND --tenant …`, 30 days and the whole 120), five
#      runs each, into each, and prints the medians side by side;
#   5. shows the task count of a tenant's report on the cluster (EXPLAIN): one task, on one worker.
# The cluster is not faster on one machine (three servers share its cores); the point is what the
# distribution costs and that a single tenant's query is never broadcast to every shard.
# Needs: cargo, the PostgreSQL server binaries and psql, and Citus (or root to build it).
set -euo pipefail

N="${1:-100000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
BIN="$ROOT/target/release/geniai"
RUNS=5

started=$("$ROOT/scripts/citus-cluster.sh" start)
eval "$started"
trap '"$ROOT/scripts/citus-cluster.sh" stop "$GENIAI_CITUS_DIR"' EXIT
CLUSTER="$GENIAI_CITUS_URL"
base="${CLUSTER%/geniai}"
SINGLE="$base/single"
SRC="$base/bench_src"
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 "$base/postgres" "$@"; }
psql_admin -c "CREATE DATABASE single" -c "CREATE DATABASE bench_src"
export PGTZ=UTC GENIAI_SOURCE_URL="$SRC"

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== generating $N conversations"
"$BIN" -q dev seed-source --url "$SRC" --conversations "$N" --seed 1 >/dev/null
odd=$(psql -X -qAt "$SRC" -c "SELECT string_agg('--inbox ' || id, ' ') FROM inboxes WHERE id % 2 = 1")
even=$(psql -X -qAt "$SRC" -c "SELECT string_agg('--inbox ' || id, ' ') FROM inboxes WHERE id % 2 = 0")

declare -A load
for target in single cluster; do
  url=$SINGLE; [ "$target" = cluster ] && url=$CLUSTER
  DATABASE_URL="$url" "$BIN" -q migrate
  # shellcheck disable=SC2086
  DATABASE_URL="$url" "$BIN" -q tenant create --slug north --name north $odd >/dev/null
  # shellcheck disable=SC2086
  DATABASE_URL="$url" "$BIN" -q tenant create --slug south --name south $even >/dev/null
  psql -X -q "$url" -c "VACUUM ANALYZE"
  t0=$(now)
  DATABASE_URL="$url" "$BIN" -q etl --all-tenants
  load[$target]=$(secs "$t0" "$(now)")
  psql -X -q "$url" -c "VACUUM ANALYZE"
done
rows=$(psql -X -qAt "$SINGLE" -c "SELECT (SELECT count(*) FROM conversations) + (SELECT count(*) FROM messages)
                                    + (SELECT count(*) FROM reporting_events) + (SELECT count(*) FROM csat_responses)")

today=$(date -u +%F)
month=$(date -u -d "$today - 30 days" +%F)
all=$(date -u -d "$today - 125 days" +%F)
report_median() {
  local url=$1 kind=$2 from=$3 times=()
  for _ in $(seq "$RUNS"); do
    local t0
    t0=$(now)
    DATABASE_URL="$url" "$BIN" -q report "$kind" --tenant north --from "$from" --to "$today" --format json >/dev/null
    times+=("$(secs "$t0" "$(now)")")
  done
  printf '%s\n' "${times[@]}" | median
}

echo
echo "| measure | one node | 3-node cluster (same machine) | ratio |"
echo "|---|---|---|---|"
printf '| first load, 2 tenants, %s rows | %.2fs | %.2fs | %.2fx |\n' "$rows" "${load[single]}" "${load[cluster]}" \
  "$(echo "${load[cluster]} / ${load[single]}" | bc -l)"
for period in "$month" "$all"; do
  label="30 days"; [ "$period" = "$all" ] && label="125 days"
  for kind in kpis daily inboxes agents labels channels frt-distribution heatmap; do
    a=$(report_median "$SINGLE" "$kind" "$period")
    b=$(report_median "$CLUSTER" "$kind" "$period")
    printf '| `report %s`, %s (median of %d, process included) | %.3fs | %.3fs | %.2fx |\n' \
      "$kind" "$label" "$RUNS" "$a" "$b" "$(echo "$b / $a" | bc -l)"
  done
done

echo
echo "== a tenant's kpis on the cluster: the plan's task count (1 = routed to one worker, not broadcast)"
tenant=$(psql -X -qAt "$CLUSTER" -c "SELECT id FROM tenants WHERE slug = 'north'")
psql -X -q "$CLUSTER" <<SQL | grep -E "Task Count|Node:" || true
BEGIN;
SET LOCAL citus.propagate_set_commands = 'local'; SET LOCAL ROLE geniai_tenant; SET LOCAL app.tenant_id = '$tenant';
EXPLAIN SELECT count(*), sum(value) FROM reporting_events WHERE tenant_id = $tenant AND name = 'first_response';
ROLLBACK;
SQL
