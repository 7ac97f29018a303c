#!/usr/bin/env bash
# The member explorer on a million members: seeds a store directly in SQL (1,000,000 members, 900,000 of them with
# analytics insights, as a refresh would leave them), starts `tango serve` on it and times GET /v1/members pages for
# typical filters and sorts, each a number of times, on SQLite and on PostgreSQL.
#
#   bench/run-members.sh [sqlite|postgres|both]     (MEMBERS=1000000 REPEAT=15 PORT=5097 to change)
#
# Prints, per query, the median and the slowest answer time as curl saw them (the page and its total), and the
# load average, since the machine is shared. Logs go to bench/results/members-<time>/.
set -euo pipefail
SCRIPT_NAME=run-members
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="${ROOT}/bench/results/members-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "${RESULTS}"
# shellcheck source=bench/lib.sh
source "${ROOT}/bench/lib.sh"

STORES="${1:-both}"
MEMBERS="${MEMBERS:-1000000}"
SCORED=$((MEMBERS * 9 / 10))
REPEAT="${REPEAT:-15}"
PORT="${PORT:-5097}"
URL="http://127.0.0.1:${PORT}"
PG_DB=tango_bench_members
SERVER_PIDS=()
trap 'stop_servers' EXIT
# The seeded insights stand for a refresh's; the refresh itself waits an hour after start. (The tier review runs at
# start and resets the seeded tiers under the default program, so no query here filters on a tier.)

# name|query: typical explorer pages (50 members each, with their total).
QUERIES=(
    "by id|limit=50"
    "by CLV, highest first|sort=-clv"
    "at risk with email consent, by last purchase|segment=at-risk&emailConsent=true&sort=-lastPurchase"
    "P(alive) 0.2-0.5, by spend|minPAlive=0.2&maxPAlive=0.5&sort=-spend"
    "email consent, by points, highest first|emailConsent=true&sort=-points"
    "lapsing with 5+ orders, by P(alive)|stage=lapsing&minOrders=5&sort=pAlive"
    "last purchase before 2024-06-01, by CLV|lastPurchaseBefore=2024-06-01&sort=-clv"
    "recency 5 frequency 2 (an RFM cell)|rfmR=5&rfmF=2"
    "never bought, by CLV (the unscored part)|stage=none&sort=-clv"
    "text search (substring, not indexed)|q=m-0001234"
)

seed_postgres() {
    psql_tango -d "${PG_DB}" <<SQL
INSERT INTO members (tenant_id, member_id, email, name, consent_email, consent_sms, tier_id, points_balance, wallet_minor, created_at, updated_at)
SELECT 'default', 'm-' || lpad(g::text, 7, '0'), 'm' || g || '@example.com', 'Member ' || g, g % 3 = 0, false,
       CASE WHEN g % 10 = 0 THEN 'gold' WHEN g % 4 = 0 THEN 'silver' ELSE 'bronze' END, (g * 7919) % 5000, 0, now(), now()
FROM generate_series(1::bigint, ${MEMBERS}) g;
INSERT INTO member_insights (tenant_id, member_id, computed_at, orders, first_purchase, last_purchase, frequency, recency_days, t_days,
       monetary, rfm_r, rfm_f, rfm_m, rfm_segment, p_alive, expected_purchases_90d, predicted_clv_12m, loyalty_stage, habit_strength,
       spend, first_purchase_at, last_purchase_at)
SELECT 'default', 'm-' || lpad(g::text, 7, '0'), now(), 1 + (g * 13) % 20,
       to_char(date '2023-01-01' + ((g * 37) % 1000)::int - ((g * 11) % 300)::int, 'YYYY-MM-DD'),
       to_char(date '2023-01-01' + ((g * 37) % 1000)::int, 'YYYY-MM-DD'), (g * 13) % 20, 10, 400, 30,
       1 + (g * 7) % 5, 1 + (g * 3) % 5, 1 + g % 5,
       (ARRAY['champions','loyal','potential-loyalists','new','promising','need-attention','about-to-sleep','at-risk','cant-lose-them','hibernating','lost'])[1 + (g * 31) % 11],
       ((g * 7901) % 1000) / 1000.0, 1.5, ((g * 104729) % 200000) / 100.0,
       (ARRAY['temporary','long-term','fan','lapsing'])[1 + (g * 17) % 4], 0.5,
       (1 + (g * 13) % 20) * (10 + (g * 17) % 90),
       timestamptz '2023-01-01' + ((g * 37) % 1000 - (g * 11) % 300) * interval '1 day',
       timestamptz '2023-01-01' + ((g * 37) % 1000) * interval '1 day' + (g % 86400) * interval '1 second'
FROM generate_series(1::bigint, ${SCORED}) g;
VACUUM ANALYZE;
SQL
}

seed_sqlite() {
    sqlite3 "$1" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${MEMBERS})
INSERT INTO members (tenant_id, member_id, email, name, consent_email, consent_sms, tier_id, points_balance, wallet_minor, created_at, updated_at)
SELECT 'default', printf('m-%07d', g), 'm' || g || '@example.com', 'Member ' || g, g % 3 = 0, 0,
       CASE WHEN g % 10 = 0 THEN 'gold' WHEN g % 4 = 0 THEN 'silver' ELSE 'bronze' END, (g * 7919) % 5000, 0,
       '2026-12-01T00:00:00.0000000Z', '2026-12-01T00:00:00.0000000Z'
FROM s;
WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${SCORED})
INSERT INTO member_insights (tenant_id, member_id, computed_at, orders, first_purchase, last_purchase, frequency, recency_days, t_days,
       monetary, rfm_r, rfm_f, rfm_m, rfm_segment, p_alive, expected_purchases_90d, predicted_clv_12m, loyalty_stage, habit_strength,
       spend, first_purchase_at, last_purchase_at)
SELECT 'default', printf('m-%07d', g), '2026-12-01T00:00:00.0000000Z', 1 + (g * 13) % 20,
       date('2023-01-01', printf('%+d days', (g * 37) % 1000 - (g * 11) % 300)),
       date('2023-01-01', '+' || ((g * 37) % 1000) || ' days'), (g * 13) % 20, 10, 400, 30,
       1 + (g * 7) % 5, 1 + (g * 3) % 5, 1 + g % 5,
       json_extract('["champions","loyal","potential-loyalists","new","promising","need-attention","about-to-sleep","at-risk","cant-lose-them","hibernating","lost"]', '\$[' || ((g * 31) % 11) || ']'),
       ((g * 7901) % 1000) / 1000.0, 1.5, ((g * 104729) % 200000) / 100.0,
       json_extract('["temporary","long-term","fan","lapsing"]', '\$[' || ((g * 17) % 4) || ']'), 0.5,
       (1 + (g * 13) % 20) * (10 + (g * 17) % 90),
       strftime('%Y-%m-%dT%H:%M:%S.0000000Z', '2023-01-01', printf('%+d days', (g * 37) % 1000 - (g * 11) % 300)),
       strftime('%Y-%m-%dT%H:%M:%S.0000000Z', '2023-01-01', '+' || ((g * 37) % 1000) || ' days', '+' || (g % 86400) || ' seconds')
FROM s;
ANALYZE;
SQL
}

# time_queries LABEL: every query REPEAT times (after one untimed warm-up); a line per query.
time_queries() {
    local label="$1" entry name query t times
    printf '\n%s (%s members, %s with insights; load average %s)\n' "${label}" "${MEMBERS}" "${SCORED}" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%-55s %10s %10s %10s\n' "query" "median ms" "max ms" "total"
    for entry in "${QUERIES[@]}"; do
        name="${entry%%|*}"
        query="${entry#*|}"
        local total
        total=$(curl -sf -H "Authorization: Bearer ${ADMIN_KEY}" "${URL}/v1/members?${query}" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
        times=()
        for _ in $(seq 1 "${REPEAT}"); do
            t=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer ${ADMIN_KEY}" "${URL}/v1/members?${query}")
            times+=("$(awk -v t="${t}" 'BEGIN { printf "%.1f", t * 1000 }')")
        done
        printf '%s\n' "${times[@]}" | sort -n | awk -v name="${name}" -v total="${total}" \
            '{ a[NR] = $1 } END { printf "%-55s %10.1f %10.1f %10s\n", name, a[int((NR + 1) / 2)], a[NR], total }'
    done
    local cursor
    cursor=$(curl -sf -H "Authorization: Bearer ${ADMIN_KEY}" "${URL}/v1/members?sort=-clv" | sed -n 's/.*"nextCursor":"\([^"]*\)".*/\1/p')
    t=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer ${ADMIN_KEY}" "${URL}/v1/members?sort=-clv&cursor=${cursor}")
    printf '%-55s %10s\n' "by CLV, the second page (cursor), once" "$(awk -v t="${t}" 'BEGIN { printf "%.1f", t * 1000 }')"
    t=$(curl -s -o "${RESULTS}/at-risk.csv" -w '%{time_total}' -H 'Accept: text/csv' -H "Authorization: Bearer ${ADMIN_KEY}" \
        "${URL}/v1/members?segment=at-risk&emailConsent=true")
    printf '%-55s %10s ms, %s rows\n' "CSV of at risk with email consent, once" "$(awk -v t="${t}" 'BEGIN { printf "%.0f", t * 1000 }')" \
        "$(($(wc -l <"${RESULTS}/at-risk.csv") - 1))"
}

[[ -x "${TANGO_BIN}" ]] || die "no tango binary at ${TANGO_BIN}: dotnet build Tango.slnx -c Release"

if [[ "${STORES}" == sqlite || "${STORES}" == both ]]; then
    db="${RESULTS}/members.db"
    log "SQLite: migrating and seeding ${db}"
    "${TANGO_BIN}" migrate --database "${db}" >/dev/null
    start=$(date +%s)
    seed_sqlite "${db}"
    log "seeded in $(($(date +%s) - start)) s"
    start_tango "${URL}" "${db}" "${RESULTS}/sqlite-server.log"
    time_queries "SQLite" | tee -a "${RESULTS}/figures.txt"
    stop_servers
    SERVER_PIDS=()
    rm -f "${db}" "${db}-wal" "${db}-shm"
fi

if [[ "${STORES}" == postgres || "${STORES}" == both ]]; then
    log "PostgreSQL: migrating and seeding ${PG_DB}"
    recreate_db "${PG_DB}"
    "${TANGO_BIN}" migrate --database "$(pg_conn "${PG_DB}")" >/dev/null
    start=$(date +%s)
    seed_postgres
    log "seeded in $(($(date +%s) - start)) s"
    start_tango "${URL}" "$(pg_conn "${PG_DB}")" "${RESULTS}/postgres-server.log"
    time_queries "PostgreSQL" | tee -a "${RESULTS}/figures.txt"
    stop_servers
    SERVER_PIDS=()
    drop_db "${PG_DB}"
fi
log "figures in ${RESULTS}/figures.txt"
