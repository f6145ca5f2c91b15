# Sourced by the benchmark scripts: builds the release binary and starts a throwaway embedded
# PostgreSQL (GENIAI_HOME in a temporary directory), removed again when the script exits.
# Defines BIN (a private copy of the binary, so that a rebuild during the run does not change
# the binary under test), ADMIN_URL, url_for NAME (the URL of database NAME), now and
# elapsed START END.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
export GENIAI_HOME="$(mktemp -d /tmp/geniai-bench.XXXXXX)"
BIN="$GENIAI_HOME/geniai"
cp "${CARGO_TARGET_DIR:-$ROOT/target}/release/geniai" "$BIN"
cleanup() { "$BIN" db stop >/dev/null 2>&1 || true; rm -rf "$GENIAI_HOME"; }
trap cleanup EXIT
"$BIN" -q db start >/dev/null
ADMIN_URL="$("$BIN" db url)"
url_for() { echo "$ADMIN_URL" | sed "s#/geniai?#/$1?#"; }
now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
