#!/usr/bin/env bash
# Makes a local PostgreSQL 15 reachable on 127.0.0.1:5432 with role tango/tango (superuser, because the
# test suite creates and drops a database per run) and a database tango. Idempotent: run it as often as
# you like; it installs, creates, tunes, (re)starts and grants only what is missing.
#
# Runs as root (it manages the Debian cluster "15 main" with pg_ctlcluster and psql as user postgres).
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_CLUSTER="${PG_CLUSTER:-main}"
PG_PORT=5432
PG_HOST=127.0.0.1
ROLE=tango
PASSWORD=tango
DATABASE=tango
WAIT_SECONDS="${PG_WAIT_SECONDS:-60}"

PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
CONF_DIR="/etc/postgresql/${PG_VERSION}/${PG_CLUSTER}"
TUNING_FILE="${CONF_DIR}/conf.d/tango.conf"
LOG_FILE="/var/log/postgresql/postgresql-${PG_VERSION}-${PG_CLUSTER}.log"

log() { printf 'postgres-start: %s\n' "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

if [[ ${EUID} -ne 0 ]]; then
    die "must run as root (it manages the cluster ${PG_VERSION}/${PG_CLUSTER} through pg_ctlcluster)"
fi

as_postgres() { runuser -u postgres -- "$@"; }
psql_admin() { as_postgres "${PG_BIN}/psql" -X -q -v ON_ERROR_STOP=1 -p "${PG_PORT}" "$@"; }

# 1. The server binaries: a fresh machine of another image may lack them.
if [[ ! -x "${PG_BIN}/postgres" ]] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "PostgreSQL ${PG_VERSION} not installed; installing it from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # The package would create and start a cluster itself; we create and start ours below.
    apt-get install -y -qq "postgresql-${PG_VERSION}" "postgresql-client-${PG_VERSION}" >/dev/null
fi

# 2. The cluster.
if ! pg_lsclusters -h 2>/dev/null | awk -v v="${PG_VERSION}" -v c="${PG_CLUSTER}" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    log "cluster ${PG_VERSION}/${PG_CLUSTER} missing; creating it"
    pg_createcluster --port "${PG_PORT}" "${PG_VERSION}" "${PG_CLUSTER}" >/dev/null
fi

# The socket directory lives on a tmpfs on some machines and is gone after a reboot.
install -d -o postgres -g postgres -m 2775 /var/run/postgresql

# 3. Tuning for a test box. fsync and synchronous_commit stay on: the crash tests check durability.
desired_conf="# Written by scripts/postgres-start.sh; edit there, not here.
listen_addresses = '127.0.0.1'
port = ${PG_PORT}
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
full_page_writes = on
"
restart_needed=0
if [[ ! -f "${TUNING_FILE}" ]] || [[ "$(cat "${TUNING_FILE}")" != "${desired_conf%$'\n'}" ]]; then
    log "writing ${TUNING_FILE}"
    install -d -o postgres -g postgres "${CONF_DIR}/conf.d"
    printf '%s' "${desired_conf}" >"${TUNING_FILE}"
    chown postgres:postgres "${TUNING_FILE}"
    restart_needed=1
fi

# 4. Start (or restart to take new settings).
cluster_status() {
    pg_lsclusters -h 2>/dev/null | awk -v v="${PG_VERSION}" -v c="${PG_CLUSTER}" '$1 == v && $2 == c { print $4 }'
}
status="$(cluster_status)"
if [[ "${status}" == online* ]]; then
    if [[ ${restart_needed} -eq 1 ]]; then
        log "restarting cluster ${PG_VERSION}/${PG_CLUSTER} to apply settings"
        pg_ctlcluster "${PG_VERSION}" "${PG_CLUSTER}" restart || {
            tail -n 30 "${LOG_FILE}" >&2 || true
            die "pg_ctlcluster restart failed"
        }
    else
        log "cluster ${PG_VERSION}/${PG_CLUSTER} already running"
    fi
else
    log "starting cluster ${PG_VERSION}/${PG_CLUSTER}"
    # A stale pid file from a killed server (e.g. a machine handed on mid-run) blocks the start.
    pid_file="/var/lib/postgresql/${PG_VERSION}/${PG_CLUSTER}/postmaster.pid"
    if [[ -f "${pid_file}" ]]; then
        old_pid="$(head -n 1 "${pid_file}" || true)"
        if [[ -z "${old_pid}" ]] || ! kill -0 "${old_pid}" 2>/dev/null; then
            log "removing stale ${pid_file}"
            rm -f "${pid_file}"
        fi
    fi
    pg_ctlcluster "${PG_VERSION}" "${PG_CLUSTER}" start || {
        tail -n 30 "${LOG_FILE}" >&2 || true
        die "pg_ctlcluster start failed (log above, full log at ${LOG_FILE})"
    }
fi

# 5. Wait until it answers on TCP.
ready=0
for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
    if "${PG_BIN}/pg_isready" -q -h "${PG_HOST}" -p "${PG_PORT}" -t 1; then
        ready=1
        break
    fi
    sleep 0.5
done
if [[ ${ready} -ne 1 ]]; then
    tail -n 30 "${LOG_FILE}" >&2 || true
    die "PostgreSQL did not answer pg_isready on ${PG_HOST}:${PG_PORT} within ${WAIT_SECONDS}s (log above)"
fi

# 6. Role and database.
psql_admin -d postgres <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
        CREATE ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${PASSWORD}';
    ELSE
        ALTER ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${PASSWORD}';
    END IF;
END
\$\$;
SQL
if [[ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'")" != "1" ]]; then
    log "creating database ${DATABASE}"
    psql_admin -d postgres -c "CREATE DATABASE ${DATABASE} OWNER ${ROLE}"
fi

# 7. Prove the password login over TCP works, as the tests will use it.
if ! PGPASSWORD="${PASSWORD}" "${PG_BIN}/psql" -X -q -h "${PG_HOST}" -p "${PG_PORT}" -U "${ROLE}" -d "${DATABASE}" \
    -tAc 'SELECT 1' >/dev/null; then
    die "could not log in as ${ROLE} on ${PG_HOST}:${PG_PORT}/${DATABASE} (check pg_hba.conf in ${CONF_DIR})"
fi

log "ready"
echo "Host=${PG_HOST};Port=${PG_PORT};Username=${ROLE};Password=${PASSWORD};Database=${DATABASE}"
