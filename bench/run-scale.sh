#!/usr/bin/env bash
# How Tango's figures grow from 10,000 to 1,000,000 members, on PostgreSQL and on SQLite, beside pgbench's
# TPC-B rate measured once at the start of the same run:
#
#   bench/run-scale.sh                 # about 15 minutes on a 2-core machine
#   SIZES=10000 bench/run-scale.sh     # a smoke run, about 3 minutes
#
# For each member count and store, on a fresh PostgreSQL database and a fresh SQLite file:
#   1. starts `tango serve` and loads N members through the API (`POST /v1/events:batch`, 10,000
#      purchases a call, each purchase enrolling its member with a balance);
#   2. measures purchases (`POST /v1/events`) to random members of the N: throughput, p50, p99;
#   3. measures balance reads (`GET /v1/members/{id}/balance`) of random members: reads/s, p99;
#   4. records the server's VmRSS and VmHWM (/proc/<pid>/status) when started, after loading and after the
#      measured runs, and the size of the store;
#   5. on PostgreSQL, starts a second node on the same database and measures purchases again with the
#      clients spread over both nodes.
# Results: bench/results/scale.md (the tables), one JSON file per step and the server logs, in
# bench/results/scale/ (git-ignored).
#
# Knobs: SIZES ("10000 100000 1000000"), STORES ("postgresql sqlite"), CLIENTS (32), WARMUP (10 s; the
#        JIT needs it), DURATION (15 s measured), BALANCE_WARMUP (5 s), BALANCE_DURATION (15 s),
#        LOAD_BATCH (10000 events a call), LOAD_CALLS (2 calls in flight), TWO_NODES (1; 0 skips step 5),
#        PORT (5091; the second node uses PORT+1), PGBENCH_SCALE (10), PGBENCH_SECONDS (20),
#        WRITERS (unset: the server's default writer loops on PostgreSQL), SQLITE_DIR (/tmp),
#        TANGO_BIN (src/Tango/bin/Release/net10.0/tango).
# Everything runs on loopback; the load driver, the servers and PostgreSQL share this machine's cores.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
RESULTS="${ROOT}/bench/results/scale"
SCRIPT_NAME=run-scale
# shellcheck source=bench/lib.sh
source "${ROOT}/bench/lib.sh"

SIZES="${SIZES:-10000 100000 1000000}"
STORES="${STORES:-postgresql sqlite}"
CLIENTS="${CLIENTS:-32}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-15}"
BALANCE_WARMUP="${BALANCE_WARMUP:-5}"
BALANCE_DURATION="${BALANCE_DURATION:-15}"
LOAD_BATCH="${LOAD_BATCH:-10000}"
LOAD_CALLS="${LOAD_CALLS:-2}"
TWO_NODES="${TWO_NODES:-1}"
PORT="${PORT:-5091}"
PGBENCH_SCALE="${PGBENCH_SCALE:-10}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-20}"
WRITERS="${WRITERS:-}"
SQLITE_DIR="${SQLITE_DIR:-/tmp}"
URL="http://127.0.0.1:${PORT}"
URL2="http://127.0.0.1:$((PORT + 1))"
TABLE="${ROOT}/bench/results/scale.md"

for size in ${SIZES}; do
    [[ "${size}" =~ ^[1-9][0-9]*$ ]] || die "SIZES must hold whole numbers, not '${size}'"
done
for store in ${STORES}; do
    [[ "${store}" == postgresql || "${store}" == sqlite ]] || die "STORES may hold postgresql and sqlite, not '${store}'"
done

# Scratch databases and files carry this run's id, so a run never touches another's.
RUN_TAG="$$"
PGBENCH_DB="bench_scale_pgbench_${RUN_TAG}"
scratch_dbs=("${PGBENCH_DB}")
scratch_files=()
cleanup() {
    stop_servers
    local db file
    for db in "${scratch_dbs[@]}"; do
        drop_db "${db}" >/dev/null 2>&1 || true
    done
    for file in "${scratch_files[@]}"; do
        rm -f "${file}" "${file}-wal" "${file}-shm" "${file}-journal"
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "${RESULTS}"
mkdir -p "${RESULTS}"
build_binaries

loadavg_start="$(cut -d' ' -f1-3 /proc/loadavg)"
run_started="$(date -u '+%Y-%m-%d %H:%M UTC')"
log "scale run: sizes ${SIZES}; stores ${STORES}; load average ${loadavg_start}"

start_postgres
run_pgbench "${PGBENCH_DB}" "${PGBENCH_SCALE}" "${PGBENCH_SECONDS}"
drop_db "${PGBENCH_DB}"
printf '{\n  "tps": %s,\n  "scale": %s,\n  "seconds": %s,\n  "clients": 8\n}\n' \
    "${pgbench_tps}" "${PGBENCH_SCALE}" "${PGBENCH_SECONDS}" >"${RESULTS}/pgbench.json"

# memory PID: "rss hwm" in KiB from /proc/PID/status.
memory() { awk '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 } END { print rss + 0, hwm + 0 }' "/proc/$1/status"; }

# store_bytes STORE LOCATION: the store's size on disk (PostgreSQL: the database; SQLite: file and WAL).
store_bytes() {
    if [[ "$1" == postgresql ]]; then
        psql_tango -d postgres -At -c "SELECT pg_database_size('$2')"
    else
        du -cb "$2" "$2-wal" 2>/dev/null | awk 'END { print $1 }'
    fi
}

# purchases NAME URL...: a measured purchase run against the given nodes, to RESULTS/NAME.json.
purchases() {
    local name="$1" size="$2"
    shift 2
    local urls
    urls="$(IFS=,; echo "$*")"
    driver --urls "${urls}" --mode purchase --clients "${CLIENTS}" --warmup "${WARMUP}" --duration "${DURATION}" \
        --members "${size}" --out "${RESULTS}/${name}.json" >"${RESULTS}/${name}.txt" 2>&1 || {
        cat "${RESULTS}/${name}.txt" >&2
        die "purchase run ${name} failed"
    }
    tail -n +2 "${RESULTS}/${name}.txt" | head -n 8 >&2
}

# measure STORE SIZE: one store at one member count, every step.
measure() {
    local store="$1" size="$2" database location tag="${1}-${2}"
    if [[ "${store}" == postgresql ]]; then
        location="bench_scale_${size}_${RUN_TAG}"
        scratch_dbs+=("${location}")
        recreate_db "${location}"
        database="$(pg_conn "${location}")"
    else
        location="${SQLITE_DIR}/tango-bench-scale-${size}-${RUN_TAG}.db"
        scratch_files+=("${location}")
        rm -f "${location}" "${location}-wal" "${location}-shm" "${location}-journal"
        database="${location}"
    fi

    log "${store}, ${size} members: starting tango"
    start_tango "${URL}" "${database}" "${RESULTS}/tango-${tag}.log" ${WRITERS:+--writers "${WRITERS}"}
    local pid="${server_pid}" started loaded after
    started="$(memory "${pid}")"

    log "${store}, ${size} members: loading through POST /v1/events:batch"
    driver --url "${URL}" --mode load --members "${size}" --batch "${LOAD_BATCH}" --clients "${LOAD_CALLS}" \
        --timeout 900 --out "${RESULTS}/load-${tag}.json" >"${RESULTS}/load-${tag}.txt" 2>&1 || {
        cat "${RESULTS}/load-${tag}.txt" >&2
        die "loading ${size} members into ${store} failed"
    }
    tail -n 2 "${RESULTS}/load-${tag}.txt" | head -n 1 >&2
    loaded="$(memory "${pid}")"
    local bytes
    bytes="$(store_bytes "${store}" "${location}")"
    [[ "${store}" == postgresql ]] && checkpoint

    log "${store}, ${size} members: purchases, ${CLIENTS} clients, ${WARMUP} s warm-up + ${DURATION} s"
    purchases "purchase-${tag}" "${size}" "${URL}"

    log "${store}, ${size} members: balance reads, ${CLIENTS} clients, ${BALANCE_WARMUP} s warm-up + ${BALANCE_DURATION} s"
    driver --url "${URL}" --mode balance --clients "${CLIENTS}" --warmup "${BALANCE_WARMUP}" \
        --duration "${BALANCE_DURATION}" --members "${size}" --out "${RESULTS}/balance-${tag}.json" \
        >"${RESULTS}/balance-${tag}.txt" 2>&1 || {
        cat "${RESULTS}/balance-${tag}.txt" >&2
        die "balance run against ${store} failed"
    }
    tail -n +2 "${RESULTS}/balance-${tag}.txt" | head -n 8 >&2
    after="$(memory "${pid}")"

    read -r s_rss s_hwm <<<"${started}"
    read -r l_rss l_hwm <<<"${loaded}"
    read -r a_rss a_hwm <<<"${after}"
    printf '{\n  "store": "%s",\n  "members": %s,\n  "storeBytes": %s,\n  "startedRssKiB": %s,\n  "startedHwmKiB": %s,\n  "loadedRssKiB": %s,\n  "loadedHwmKiB": %s,\n  "afterRssKiB": %s,\n  "afterHwmKiB": %s\n}\n' \
        "${store}" "${size}" "${bytes}" "${s_rss}" "${s_hwm}" "${l_rss}" "${l_hwm}" "${a_rss}" "${a_hwm}" \
        >"${RESULTS}/memory-${tag}.json"
    printf 'memory (KiB, rss/hwm): started %s/%s, loaded %s/%s, after the runs %s/%s; store %s bytes\n' \
        "${s_rss}" "${s_hwm}" "${l_rss}" "${l_hwm}" "${a_rss}" "${a_hwm}" "${bytes}" >&2

    if [[ "${store}" == postgresql && "${TWO_NODES}" == 1 ]]; then
        log "${store}, ${size} members: two nodes, ${CLIENTS} clients spread over both"
        start_tango "${URL2}" "${database}" "${RESULTS}/tango-${tag}-node2.log" ${WRITERS:+--writers "${WRITERS}"}
        checkpoint
        purchases "purchase2-${tag}" "${size}" "${URL}" "${URL2}"
    fi

    stop_servers
    if [[ "${store}" == postgresql ]]; then
        drop_db "${location}"
    else
        rm -f "${location}" "${location}-wal" "${location}-shm" "${location}-journal"
    fi
}

for size in ${SIZES}; do
    for store in ${STORES}; do
        measure "${store}" "${size}"
    done
done

loadavg_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- tables -------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
field() { json_field "${RESULTS}/$1.json" "$2"; }
{
    echo "Run of ${run_started}: load average ${loadavg_start} at the start, ${loadavg_end} at the end;" \
        "$(nproc) cores shared by the servers, PostgreSQL and the driver. pgbench TPC-B" \
        "(-s ${PGBENCH_SCALE} -c 8 -j 2 -T ${PGBENCH_SECONDS}): $(printf '%.0f' "${pgbench_tps}") tps."
    echo
    echo "| store | members | load, members/s | purchases/s | p50 ms | p99 ms | ÷ pgbench | balance reads/s | read p99 ms | errors |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for size in ${SIZES}; do
        for store in ${STORES}; do
            tag="${store}-${size}"
            ok="$(field "purchase-${tag}" okPerSecond)"
            reads="$(field "balance-${tag}" okPerSecond)"
            errors=$(($(field "purchase-${tag}" errors) + $(field "balance-${tag}" errors)))
            printf '| %s | %s | %.0f | %.0f | %.1f | %.1f | %s | %.0f | %.1f | %s |\n' "${store}" "${size}" \
                "$(field "load-${tag}" membersPerSecond)" "${ok}" "$(field "purchase-${tag}" p50)" \
                "$(field "purchase-${tag}" p99)" "$(ratio "${ok}" "${pgbench_tps}")" "${reads}" \
                "$(field "balance-${tag}" p99)" "${errors}"
        done
    done
    echo
    echo "| store | members | store size MiB | RSS started MiB | RSS loaded MiB | RSS after runs MiB | peak RSS (VmHWM) MiB |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for size in ${SIZES}; do
        for store in ${STORES}; do
            tag="memory-${store}-${size}"
            printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${store}" "${size}" \
                "$(awk -v b="$(field "${tag}" storeBytes)" 'BEGIN { printf "%.0f", b / 1048576 }')" \
                "$(mib "$(field "${tag}" startedRssKiB)")" "$(mib "$(field "${tag}" loadedRssKiB)")" \
                "$(mib "$(field "${tag}" afterRssKiB)")" "$(mib "$(field "${tag}" afterHwmKiB)")"
        done
    done
    if [[ " ${STORES} " == *" postgresql "* && "${TWO_NODES}" == 1 ]]; then
        echo
        echo "| PostgreSQL, members | 1 node purchases/s | p99 ms | 2 nodes purchases/s | p99 ms | 2 nodes ÷ 1 node | 2 nodes ÷ pgbench | errors |"
        echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        for size in ${SIZES}; do
            one="$(field "purchase-postgresql-${size}" okPerSecond)"
            two="$(field "purchase2-postgresql-${size}" okPerSecond)"
            printf '| %s | %.0f | %.1f | %.0f | %.1f | %s | %s | %s |\n' "${size}" "${one}" \
                "$(field "purchase-postgresql-${size}" p99)" "${two}" "$(field "purchase2-postgresql-${size}" p99)" \
                "$(ratio "${two}" "${one}")" "$(ratio "${two}" "${pgbench_tps}")" \
                "$(field "purchase2-postgresql-${size}" errors)"
        done
    fi
    echo
    echo "${CLIENTS} clients; purchases ${WARMUP} s warm-up + ${DURATION} s measured, balance reads" \
        "${BALANCE_WARMUP} s + ${BALANCE_DURATION} s; members loaded ${LOAD_BATCH} a call, ${LOAD_CALLS} calls in flight;" \
        "PostgreSQL writers: ${WRITERS:-default}; rate limit off."
} >"${TABLE}"

echo
cat "${TABLE}"
