#!/usr/bin/env bash
# A/B purchase throughput of two Tango builds on SQLite, alternating A, B, A, B... on a fresh database each run, so a
# change can be judged on a noisy machine by the ratio of neighbouring runs rather than by one figure.
#
#   cp -r src/Tango/bin/Release/net10.0 /tmp/tango-a        # before the change
#   dotnet build src/Tango -c Release                        # after it
#   bench/run-sqlite-ab.sh /tmp/tango-a/tango src/Tango/bin/Release/net10.0/tango 3
#
# Each run prints purchases/s, p50 and p99 from the load driver, and from the server's /metrics the write queue's
# work time per purchase (the writer's own cost, before commit), its commit time per batch and the mean batch size.
# Knobs: CLIENTS (32), DURATION (15 s measured), WARMUP (3 s), MEMBERS (10000), PORT (5091).
# Results (JSON per run, metrics, server logs) go to bench/results/ab-* (git-ignored).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
RESULTS="${ROOT}/bench/results"
SCRIPT_NAME=run-sqlite-ab
# shellcheck source=bench/lib.sh
source "${ROOT}/bench/lib.sh"

[[ $# -ge 2 ]] || die "usage: bench/run-sqlite-ab.sh TANGO_BIN_A TANGO_BIN_B [ROUNDS]"
BIN_A="$(realpath "$1")"
BIN_B="$(realpath "$2")"
ROUNDS="${3:-3}"
CLIENTS="${CLIENTS:-32}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-3}"
MEMBERS="${MEMBERS:-10000}"
PORT="${PORT:-5091}"
URL="http://127.0.0.1:${PORT}"
SQLITE_DB=/tmp/tango-ab.db

trap stop_servers EXIT
trap 'exit 130' INT TERM

mkdir -p "${RESULTS}"
TANGO_BIN="${BIN_A}" build_binaries

# metric FILE NAME: one value of the write queue's counters, as scraped from /metrics into FILE.
metric() { awk -v name="$2" '$1 == name { print $2 }' "$1"; }

for round in $(seq 1 "${ROUNDS}"); do
    for side in A B; do
        bin="${BIN_A}"
        [[ "${side}" == B ]] && bin="${BIN_B}"
        rm -f "${SQLITE_DB}" "${SQLITE_DB}-wal" "${SQLITE_DB}-shm" "${SQLITE_DB}-journal"
        TANGO_BIN="${bin}" start_tango "${URL}" "${SQLITE_DB}" "${RESULTS}/ab-tango-${side}.log"
        out="${RESULTS}/ab-${side}-${round}.json"
        driver --url "${URL}" --clients "${CLIENTS}" --duration "${DURATION}" --warmup "${WARMUP}" --members "${MEMBERS}" \
            --out "${out}" >/dev/null || die "load driver failed against ${side}"
        metrics="${RESULTS}/ab-metrics-${side}-${round}.txt"
        curl -s "${URL}/metrics" | sed -n 's/^\(tango_write_[a-z_]*\){[^}]*} \(.*\)$/\1 \2/p' >"${metrics}"
        stop_servers
        printf '%s round %s: %8.1f purchases/s  p50 %6.2f ms  p99 %6.2f ms  errors %s | ' "${side}" "${round}" \
            "$(json_field "${out}" okPerSecond)" "$(json_field "${out}" p50)" "$(json_field "${out}" p99)" "$(json_field "${out}" errors)"
        awk -v items="$(metric "${metrics}" tango_write_items_total)" -v batches="$(metric "${metrics}" tango_write_batches_total)" \
            -v work="$(metric "${metrics}" tango_write_work_time_seconds_total)" -v commit="$(metric "${metrics}" tango_write_commit_time_seconds_total)" \
            -v load="$(cut -d' ' -f1 /proc/loadavg)" \
            'BEGIN { printf "work %6.1f us/purchase  commit %5.2f ms/batch  batch %5.1f  load %s\n", 1e6 * work / items, 1e3 * commit / batches, items / batches, load }'
    done
done
