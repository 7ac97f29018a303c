#!/usr/bin/env bash
# Purchase throughput of Tango on PostgreSQL and on SQLite, beside pgbench's TPC-B figure for the same
# PostgreSQL server on the same machine, so that the numbers can be read against what the box can do.
#
#   dotnet build src/Tango -c Release   # once; this script builds it if the binary is missing
#   bench/run-purchases.sh
#
# Results (JSON per store, server logs, the table) go to bench/results/ (git-ignored).
# Knobs: CLIENTS (32), DURATION (20 s measured), WARMUP (3 s), MEMBERS (10000), PORT (5081),
#        PGBENCH_SCALE (10), PGBENCH_SECONDS (20), TANGO_BIN (src/Tango/bin/Release/net10.0/tango),
#        WRITERS (unset: the server's default writer loops on PostgreSQL; SQLite always has one).
# Everything runs on loopback; the load driver and the server share this machine's cores. The server runs
# with `--rate-limit 0` (bench/lib.sh), so the per-key limit does not cap the figure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
RESULTS="${ROOT}/bench/results"
SCRIPT_NAME=run-purchases
# shellcheck source=bench/lib.sh
source "${ROOT}/bench/lib.sh"

CLIENTS="${CLIENTS:-32}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-3}"
MEMBERS="${MEMBERS:-10000}"
PORT="${PORT:-5081}"
PGBENCH_SCALE="${PGBENCH_SCALE:-10}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-20}"
WRITERS="${WRITERS:-}"
URL="http://127.0.0.1:${PORT}"
SQLITE_DB=/tmp/tango-bench.db

trap stop_servers EXIT
trap 'exit 130' INT TERM

mkdir -p "${RESULTS}"
build_binaries

# --- (a) PostgreSQL and (b) pgbench TPC-B -----------------------------------------------------------
start_postgres
run_pgbench pgbench "${PGBENCH_SCALE}" "${PGBENCH_SECONDS}"

# --- (c) Tango on each store ------------------------------------------------------------------------
# run_store NAME DATABASE: starts tango on DATABASE, drives it, leaves bench/results/purchases-NAME.json.
run_store() {
    local name="$1" database="$2"
    log "tango on ${name}: ${CLIENTS} clients, ${WARMUP} s warm-up + ${DURATION} s"
    start_tango "${URL}" "${database}" "${RESULTS}/tango-${name}.log" ${WRITERS:+--writers "${WRITERS}"}
    driver --url "${URL}" --clients "${CLIENTS}" \
        --duration "${DURATION}" --warmup "${WARMUP}" --members "${MEMBERS}" \
        --out "${RESULTS}/purchases-${name}.json" || die "load driver failed against ${name}"
    stop_servers
}

recreate_db tango_bench
checkpoint
run_store postgresql "$(pg_conn tango_bench)"

rm -f "${SQLITE_DB}" "${SQLITE_DB}-wal" "${SQLITE_DB}-shm" "${SQLITE_DB}-journal"
run_store sqlite "${SQLITE_DB}"

# --- table ------------------------------------------------------------------------------------------

table="${RESULTS}/purchases.md"
{
    echo "| store | purchases/s | p50 ms | p99 ms | errors | pgbench TPC-B tps | purchases/s ÷ pgbench tps |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for name in postgresql sqlite; do
        file="${RESULTS}/purchases-${name}.json"
        ok_per_s="$(json_field "${file}" okPerSecond)"
        p50="$(json_field "${file}" p50)"
        p99="$(json_field "${file}" p99)"
        errors="$(json_field "${file}" errors)"
        ratio="$(awk -v a="${ok_per_s}" -v b="${pgbench_tps}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')"
        printf '| %s | %.1f | %.2f | %.2f | %s | %.0f | %s |\n' \
            "${name}" "${ok_per_s}" "${p50}" "${p99}" "${errors}" "${pgbench_tps}" "${ratio}"
    done
    echo
    echo "${CLIENTS} clients, ${DURATION} s measured after ${WARMUP} s warm-up, ${MEMBERS} members," \
        "PostgreSQL writers: ${WRITERS:-default};" \
        "pgbench -s ${PGBENCH_SCALE} -c 8 -j 2 -T ${PGBENCH_SECONDS}; $(nproc) cores shared by server, database and driver."
} >"${table}"

echo
cat "${table}"
