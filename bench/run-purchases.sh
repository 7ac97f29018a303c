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
# Everything runs on loopback; the load driver and the server share this machine's cores.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

CLIENTS="${CLIENTS:-32}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-3}"
MEMBERS="${MEMBERS:-10000}"
PORT="${PORT:-5081}"
PGBENCH_SCALE="${PGBENCH_SCALE:-10}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-20}"
WRITERS="${WRITERS:-}"
TANGO_BIN="${TANGO_BIN:-${ROOT}/src/Tango/bin/Release/net10.0/tango}"
ADMIN_KEY=bench-admin-key
URL="http://127.0.0.1:${PORT}"
SQLITE_DB=/tmp/tango-bench.db
RESULTS="${ROOT}/bench/results"
DRIVER_DLL="${ROOT}/bench/Tango.LoadDriver/bin/Release/net10.0/Tango.LoadDriver.dll"

PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=tango
export PGPASSWORD=tango
pg_conn() { echo "Host=${PG_HOST};Port=${PG_PORT};Username=${PG_USER};Password=${PGPASSWORD};Database=$1"; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n== %s\n' "$*" >&2; }
die() {
    printf 'run-purchases: ERROR: %s\n' "$*" >&2
    exit 1
}

server_pid=""
stop_server() {
    if [[ -n "${server_pid}" ]] && kill -0 "${server_pid}" 2>/dev/null; then
        kill "${server_pid}" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "${server_pid}" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "${server_pid}" 2>/dev/null || true
        wait "${server_pid}" 2>/dev/null || true
    fi
    server_pid=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

mkdir -p "${RESULTS}"

# --- builds -----------------------------------------------------------------------------------------
if [[ ! -x "${TANGO_BIN}" ]]; then
    log "building Tango (Release)"
    dotnet build src/Tango -c Release -v quiet -nologo
fi
[[ -x "${TANGO_BIN}" ]] || die "no tango binary at ${TANGO_BIN}"
log "building the load driver (Release)"
dotnet build bench/Tango.LoadDriver -c Release -v quiet -nologo
[[ -f "${DRIVER_DLL}" ]] || die "no load driver at ${DRIVER_DLL}"

# --- (a) PostgreSQL ---------------------------------------------------------------------------------
log "starting PostgreSQL"
bash scripts/postgres-start.sh >/dev/null
psql_tango() { psql -X -q -v ON_ERROR_STOP=1 -h "${PG_HOST}" -p "${PG_PORT}" -U "${PG_USER}" "$@"; }
recreate_db() {
    psql_tango -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

# --- (b) pgbench TPC-B ------------------------------------------------------------------------------
log "pgbench: -i -s ${PGBENCH_SCALE}, then -c 8 -j 2 -T ${PGBENCH_SECONDS}"
recreate_db pgbench
pgbench -h "${PG_HOST}" -p "${PG_PORT}" -U "${PG_USER}" -i -s "${PGBENCH_SCALE}" -q pgbench \
    >"${RESULTS}/pgbench-init.log" 2>&1 || {
    cat "${RESULTS}/pgbench-init.log" >&2
    die "pgbench -i failed"
}
# Each measured PostgreSQL run starts from a fresh checkpoint, so neither pays for the other's (or the
# data load's) dirty pages half-way through.
checkpoint() { psql_tango -d postgres -c "CHECKPOINT"; }
checkpoint
pgbench -h "${PG_HOST}" -p "${PG_PORT}" -U "${PG_USER}" -c 8 -j 2 -T "${PGBENCH_SECONDS}" pgbench \
    >"${RESULTS}/pgbench.log" 2>&1 || {
    cat "${RESULTS}/pgbench.log" >&2
    die "pgbench failed"
}
pgbench_tps="$(awk '/^tps = / { print $3; exit }' "${RESULTS}/pgbench.log")"
[[ -n "${pgbench_tps}" ]] || die "no tps line in ${RESULTS}/pgbench.log"
printf 'pgbench TPC-B: %s tps\n' "${pgbench_tps}" >&2

# --- (c) Tango on each store ------------------------------------------------------------------------
wait_ready() {
    local deadline=$((SECONDS + 60)) code
    while ((SECONDS < deadline)); do
        kill -0 "${server_pid}" 2>/dev/null || return 1
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${URL}/healthz" || true)"
        if [[ "${code}" == 200 ]]; then
            # /readyz also waits for migrations; a server without it (404) is taken as ready.
            code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${URL}/readyz" || true)"
            [[ "${code}" == 200 || "${code}" == 404 ]] && return 0
        fi
        sleep 0.25
    done
    return 1
}

# run_store NAME DATABASE: starts tango on DATABASE, drives it, leaves bench/results/purchases-NAME.json.
run_store() {
    local name="$1" database="$2"
    local server_log="${RESULTS}/tango-${name}.log"
    log "tango on ${name}: ${CLIENTS} clients, ${WARMUP} s warm-up + ${DURATION} s"
    if curl -s -o /dev/null --max-time 1 "${URL}/healthz"; then
        die "something already answers on ${URL}; stop it or set PORT"
    fi
    TANGO_BOOTSTRAP_ADMIN_KEY="${ADMIN_KEY}" ASPNETCORE_URLS="${URL}" \
        "${TANGO_BIN}" serve --urls "${URL}" --database "${database}" ${WRITERS:+--writers "${WRITERS}"} \
        >"${server_log}" 2>&1 </dev/null &
    server_pid=$!
    if ! wait_ready; then
        tail -n 40 "${server_log}" >&2 || true
        die "tango on ${name} did not become ready on ${URL}/healthz within 60 s (log: ${server_log})"
    fi
    dotnet "${DRIVER_DLL}" --url "${URL}" --key "${ADMIN_KEY}" --clients "${CLIENTS}" \
        --duration "${DURATION}" --warmup "${WARMUP}" --members "${MEMBERS}" \
        --out "${RESULTS}/purchases-${name}.json" || die "load driver failed against ${name}"
    stop_server
}

recreate_db tango_bench
checkpoint
run_store postgresql "$(pg_conn tango_bench)"

rm -f "${SQLITE_DB}" "${SQLITE_DB}-wal" "${SQLITE_DB}-shm" "${SQLITE_DB}-journal"
run_store sqlite "${SQLITE_DB}"

# --- table ------------------------------------------------------------------------------------------
# The driver writes indented JSON, one field a line; the fields read here occur once each.
json_field() { sed -n "s/^ *\"$2\": *\([0-9.eE+-]*\).*/\1/p" "$1" | head -n 1; }

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
