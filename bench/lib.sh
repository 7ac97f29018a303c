# shellcheck shell=bash
# Shell functions shared by bench/run-purchases.sh and bench/run-scale.sh. Source it after `set -euo pipefail`
# with ROOT (the repository), RESULTS (where logs go) and SCRIPT_NAME (for messages) set.
#
# Servers started with start_tango are remembered and stopped by stop_servers, which the scripts call from
# their EXIT trap, so no server outlives a run that fails half-way.

PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-tango}"
export PGPASSWORD="${PGPASSWORD:-tango}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
TANGO_BIN="${TANGO_BIN:-${ROOT}/src/Tango/bin/Release/net10.0/tango}"
DRIVER_DLL="${ROOT}/bench/Tango.LoadDriver/bin/Release/net10.0/Tango.LoadDriver.dll"
ADMIN_KEY="${ADMIN_KEY:-bench-admin-key}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n== %s\n' "$*" >&2; }
die() {
    printf '%s: ERROR: %s\n' "${SCRIPT_NAME:-bench}" "$*" >&2
    exit 1
}

# --- builds -------------------------------------------------------------------------------------------
# Tango is built only if its binary is missing (build it yourself after changing it); the driver always.
build_binaries() {
    if [[ ! -x "${TANGO_BIN}" ]]; then
        log "building Tango (Release)"
        dotnet build "${ROOT}/src/Tango" -c Release -v quiet -nologo
    fi
    [[ -x "${TANGO_BIN}" ]] || die "no tango binary at ${TANGO_BIN}"
    log "building the load driver (Release)"
    dotnet build "${ROOT}/bench/Tango.LoadDriver" -c Release -v quiet -nologo
    [[ -f "${DRIVER_DLL}" ]] || die "no load driver at ${DRIVER_DLL}"
}

driver() { dotnet "${DRIVER_DLL}" --key "${ADMIN_KEY}" "$@"; }

# --- PostgreSQL ---------------------------------------------------------------------------------------
pg_conn() { echo "Host=${PG_HOST};Port=${PG_PORT};Username=${PG_USER};Password=${PGPASSWORD};Database=$1"; }
psql_tango() { psql -X -q -v ON_ERROR_STOP=1 -h "${PG_HOST}" -p "${PG_PORT}" -U "${PG_USER}" "$@"; }
start_postgres() {
    log "starting PostgreSQL"
    bash "${ROOT}/scripts/postgres-start.sh" >/dev/null
}
recreate_db() { psql_tango -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"; }
drop_db() { psql_tango -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)"; }
# Each measured PostgreSQL run starts from a fresh checkpoint, so it does not pay for an earlier run's (or
# the data load's) dirty pages half-way through.
checkpoint() { psql_tango -d postgres -c "CHECKPOINT"; }

# run_pgbench DATABASE SCALE SECONDS: TPC-B (-c 8 -j 2) on a fresh DATABASE; sets pgbench_tps and leaves
# pgbench-init.log and pgbench.log in RESULTS.
run_pgbench() {
    local db="$1" scale="$2" seconds="$3"
    log "pgbench: -i -s ${scale}, then -c 8 -j 2 -T ${seconds}"
    recreate_db "${db}"
    "${PG_BIN}/pgbench" -h "${PG_HOST}" -p "${PG_PORT}" -U "${PG_USER}" -i -s "${scale}" -q "${db}" \
        >"${RESULTS}/pgbench-init.log" 2>&1 || {
        cat "${RESULTS}/pgbench-init.log" >&2
        die "pgbench -i failed"
    }
    checkpoint
    "${PG_BIN}/pgbench" -h "${PG_HOST}" -p "${PG_PORT}" -U "${PG_USER}" -c 8 -j 2 -T "${seconds}" "${db}" \
        >"${RESULTS}/pgbench.log" 2>&1 || {
        cat "${RESULTS}/pgbench.log" >&2
        die "pgbench failed"
    }
    pgbench_tps="$(awk '/^tps = / { print $3; exit }' "${RESULTS}/pgbench.log")"
    [[ -n "${pgbench_tps}" ]] || die "no tps line in ${RESULTS}/pgbench.log"
    printf 'pgbench TPC-B: %s tps\n' "${pgbench_tps}" >&2
}

# --- Tango servers ------------------------------------------------------------------------------------
SERVER_PIDS=()

# wait_ready PID URL: until /healthz and /readyz answer 200 (a server without /readyz, 404, counts as ready).
wait_ready() {
    local pid="$1" url="$2" deadline=$((SECONDS + 60)) code
    while ((SECONDS < deadline)); do
        kill -0 "${pid}" 2>/dev/null || return 1
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${url}/healthz" || true)"
        if [[ "${code}" == 200 ]]; then
            code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${url}/readyz" || true)"
            [[ "${code}" == 200 || "${code}" == 404 ]] && return 0
        fi
        sleep 0.25
    done
    return 1
}

# start_tango URL DATABASE LOG [serve options...]: starts `tango serve` with the bootstrap key and rate
# limiting off (`--rate-limit 0`: the default 5,000 requests/s per key would cap a benchmark), waits until
# it is ready and sets server_pid.
start_tango() {
    local url="$1" database="$2" server_log="$3"
    shift 3
    if curl -s -o /dev/null --max-time 1 "${url}/healthz"; then
        die "something already answers on ${url}; stop it or set PORT"
    fi
    TANGO_BOOTSTRAP_ADMIN_KEY="${ADMIN_KEY}" ASPNETCORE_URLS="${url}" \
        "${TANGO_BIN}" serve --urls "${url}" --database "${database}" --rate-limit 0 "$@" \
        >"${server_log}" 2>&1 </dev/null &
    server_pid=$!
    SERVER_PIDS+=("${server_pid}")
    if ! wait_ready "${server_pid}" "${url}"; then
        tail -n 40 "${server_log}" >&2 || true
        die "tango did not become ready on ${url}/healthz within 60 s (log: ${server_log})"
    fi
}

stop_pid() {
    local pid="$1"
    if kill -0 "${pid}" 2>/dev/null; then
        kill "${pid}" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "${pid}" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "${pid}" 2>/dev/null || true
    fi
    wait "${pid}" 2>/dev/null || true
}

# Stops every server this script started.
stop_servers() {
    local pid
    for pid in "${SERVER_PIDS[@]}"; do
        stop_pid "${pid}"
    done
    SERVER_PIDS=()
    server_pid=""
}

# --- reading results ----------------------------------------------------------------------------------
# The driver writes indented JSON, one field a line; the fields read here occur once each.
json_field() { sed -n "s/^ *\"$2\": *\([0-9.eE+-]*\).*/\1/p" "$1" | head -n 1; }
