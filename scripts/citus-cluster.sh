#!/usr/bin/env bash
# A throwaway Citus cluster on this machine: a coordinator and two workers, each a PostgreSQL 15
# server in a temporary directory listening on a free port of 127.0.0.1, for the Citus test suite
# and the scale-out benchmark. Nothing is installed or kept: `stop` (or the end of `run`) removes it.
#
#   scripts/citus-cluster.sh start      starts it; prints `GENIAI_CITUS_URL=<url>` and
#                                       `GENIAI_CITUS_DIR=<dir>` (eval-able)
#   scripts/citus-cluster.sh stop DIR   stops the cluster started in DIR and removes DIR
#   scripts/citus-cluster.sh run CMD…   starts it, runs CMD with GENIAI_CITUS_URL and
#                                       GENIAI_CITUS_DIR exported, stops it; exits with CMD's status
#
# The URL leads to the database `geniai` on the coordinator, as the superuser `postgres`, with the
# citus extension created there and on both workers, and the workers registered.
#
# Citus must be installed into the server (it is in no package registry these machines reach): when
# it is missing, and this runs as root, the script builds it with GENIAI_CITUS_BUILD_SCRIPT (default
# ../shared/vendor/build-citus.sh beside the repository), and fails saying so when neither is there.
# initdb refuses root, so as root the servers run as the `postgres` user.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_SCRIPT="${GENIAI_CITUS_BUILD_SCRIPT:-$ROOT/../shared/vendor/build-citus.sh}"
DATABASE=geniai
NODES=(coordinator worker1 worker2)

die() { echo "citus-cluster: $*" >&2; exit 1; }

bindir() {
    local dir
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return; }
    done
    die "no PostgreSQL server binaries (initdb) found"
}

citus_installed() {
    [ -f "$(pg_config --pkglibdir)/citus.so" ] && [ -f "$(pg_config --sharedir)/extension/citus.control" ]
}

ensure_citus() {
    command -v pg_config >/dev/null || die "no pg_config: install PostgreSQL first"
    citus_installed && return
    if [ ! -f "$BUILD_SCRIPT" ]; then
        die "Citus is not installed and its build script is not at $BUILD_SCRIPT (set GENIAI_CITUS_BUILD_SCRIPT to the path of build-citus.sh)"
    fi
    [ "$(id -u)" = 0 ] || die "Citus is not installed; build it as root with: sudo $BUILD_SCRIPT"
    echo "citus-cluster: building Citus with $BUILD_SCRIPT" >&2
    bash "$BUILD_SCRIPT" >&2
    citus_installed || die "$BUILD_SCRIPT ran but Citus is still not installed"
}

# Runs a command as the servers' owner.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port
    for _ in $(seq 200); do
        port=$((20000 + RANDOM % 20000))
        port_is_free "$port" && { echo "$port"; return; }
    done
    die "no free port found"
}

psql_at() {
    local port=$1 db=$2
    shift 2
    as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

stop_cluster() {
    local dir=$1 node
    [ -d "$dir" ] || return 0
    for node in "${NODES[@]}"; do
        if [ -f "$dir/$node/postmaster.pid" ]; then
            as_owner "$BIN/pg_ctl" -D "$dir/$node" -m immediate -w stop >/dev/null 2>&1 || true
        fi
    done
    rm -rf "$dir"
}

start_cluster() {
    ensure_citus
    local dir node port
    dir=$(mktemp -d /tmp/geniai-citus.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    # Stopped again if anything below fails.
    trap 'stop_cluster "$dir"' ERR
    declare -A ports
    for node in "${NODES[@]}"; do
        as_owner "$BIN/initdb" -D "$dir/$node" -U postgres -A trust -E UTF8 --no-sync >/dev/null
        port=$(free_port)
        ports[$node]=$port
        cat >>"$dir/$node/postgresql.conf" <<EOF
shared_preload_libraries = 'citus'
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/$node'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
EOF
        as_owner "$BIN/pg_ctl" -D "$dir/$node" -l "$dir/$node.log" -w -t 60 start >/dev/null \
            || die "the $node did not start: $(tail -5 "$dir/$node.log")"
        psql_at "$port" postgres -c "CREATE DATABASE $DATABASE"
        psql_at "$port" "$DATABASE" -c "CREATE EXTENSION citus"
    done
    local coordinator=${ports[coordinator]}
    psql_at "$coordinator" "$DATABASE" \
        -c "SELECT citus_set_coordinator_host('127.0.0.1', $coordinator)" \
        -c "SELECT citus_add_node('127.0.0.1', ${ports[worker1]})" \
        -c "SELECT citus_add_node('127.0.0.1', ${ports[worker2]})" >/dev/null
    trap - ERR
    echo "$coordinator" >"$dir/coordinator.port"
    echo "GENIAI_CITUS_URL=postgres://postgres@127.0.0.1:$coordinator/$DATABASE"
    echo "GENIAI_CITUS_DIR=$dir"
}

BIN=$(bindir)
case "${1:-}" in
    start)
        start_cluster
        ;;
    stop)
        [ -n "${2:-}" ] || die "usage: $0 stop DIR"
        case "$2" in /tmp/geniai-citus.*) ;; *) die "not a cluster directory of this script: $2" ;; esac
        stop_cluster "$2"
        ;;
    run)
        shift
        [ $# -gt 0 ] || die "usage: $0 run COMMAND [ARGS…]"
        started=$(start_cluster)
        eval "export ${started//$'\n'/; export }"
        trap 'stop_cluster "$GENIAI_CITUS_DIR"' EXIT
        echo "citus-cluster: coordinator at $GENIAI_CITUS_URL" >&2
        status=0
        "$@" || status=$?
        exit "$status"
        ;;
    *)
        sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
