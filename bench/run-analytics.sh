#!/usr/bin/env bash
# Customer-base analytics on synthetic data drawn from known BG/NBD and Gamma-Gamma parameters
# (bench/Tango.AnalyticsBench/SyntheticBase.cs):
#   1. fits and scoring on a 1,000,000-customer summary, timed in-process (fastest and slowest of three runs);
#   2. `tango analyze` end to end on a 10,000,000-row transaction CSV: wall time and peak RSS (/usr/bin/time -v);
#   3. lifetimes' BetaGeoFitter and GammaGammaFitter on the same summary, when `pip install lifetimes` works.
#
#   bench/run-analytics.sh
#
# The generated files (about 300 MB) go to DATA (default /tmp/tango-analytics-bench); the figures and logs to
# bench/results/ (git-ignored). Knobs: CUSTOMERS (1000000), ROWS (10000000), DATA, TANGO_BIN.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

CUSTOMERS="${CUSTOMERS:-1000000}"
ROWS="${ROWS:-10000000}"
DATA="${DATA:-/tmp/tango-analytics-bench}"
TANGO_BIN="${TANGO_BIN:-${ROOT}/src/Tango/bin/Release/net10.0/tango}"
BENCH_DLL="${ROOT}/bench/Tango.AnalyticsBench/bin/Release/net10.0/Tango.AnalyticsBench.dll"
RESULTS="${ROOT}/bench/results"
# The transaction log spans 2024-01-01 .. 2025-12-30; the last six months are the holdout.
CALIBRATION_END=2025-06-30

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n== %s\n' "$*" >&2; }
die() {
    printf 'run-analytics: ERROR: %s\n' "$*" >&2
    exit 1
}
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$@"; }

mkdir -p "${RESULTS}" "${DATA}"

log "building tango and the benchmark (Release)"
dotnet build src/Tango -c Release -v quiet -nologo >/dev/null
dotnet build bench/Tango.AnalyticsBench -c Release -v quiet -nologo >/dev/null
[[ -x "${TANGO_BIN}" ]] || die "no tango binary at ${TANGO_BIN}"

log "1. ${CUSTOMERS} customers: draw, summarise, time the fits and the scoring"
dotnet "${BENCH_DLL}" summary "${CUSTOMERS}" "${DATA}/summary.csv" >"${RESULTS}/analytics-fit.json"
cat "${RESULTS}/analytics-fit.json"

log "2. ${ROWS} transaction rows: write them, then tango analyze"
dotnet "${BENCH_DLL}" transactions "${ROWS}" "${DATA}/transactions.csv"
rm -rf "${DATA}/analyze"
/usr/bin/time -v "${TANGO_BIN}" analyze "${DATA}/transactions.csv" --calibration-end "${CALIBRATION_END}" \
    --discount-rate 0.0015 --out "${DATA}/analyze" >"${RESULTS}/analytics-analyze.log" 2>"${RESULTS}/analytics-analyze.time" ||
    {
        cat "${RESULTS}/analytics-analyze.log" "${RESULTS}/analytics-analyze.time" >&2
        die "tango analyze failed"
    }
cat "${RESULTS}/analytics-analyze.log"
wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "${RESULTS}/analytics-analyze.time")"
rss_kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "${RESULTS}/analytics-analyze.time")"
file_mb="$(du -m "${DATA}/transactions.csv" | cut -f1)"

log "3. lifetimes on the same summary"
lifetimes="not run"
venv="${DATA}/lifetimes-venv"
if [[ -x "${venv}/bin/python" ]] && "${venv}/bin/python" -c 'import lifetimes' 2>/dev/null ||
    { python3 -m venv "${venv}" && timeout 300 "${venv}/bin/pip" install -q lifetimes >"${RESULTS}/lifetimes-install.log" 2>&1; }; then
    if timeout 900 "${venv}/bin/python" bench/lifetimes-fit.py "${DATA}/summary.csv" >"${RESULTS}/analytics-lifetimes.json"; then
        lifetimes="ok"
        cat "${RESULTS}/analytics-lifetimes.json"
    else
        lifetimes="failed or timed out (900 s)"
    fi
else
    lifetimes="pip install lifetimes failed: $(tail -n 1 "${RESULTS}/lifetimes-install.log")"
fi
printf 'lifetimes: %s\n' "${lifetimes}" >&2

# --- table ------------------------------------------------------------------------------------------
fit="${RESULTS}/analytics-fit.json"
table="${RESULTS}/analytics.md"
{
    echo "| measure | Tango | target |"
    echo "| --- | ---: | ---: |"
    echo "| fit BG/NBD, ${CUSTOMERS} customers (s, fastest–slowest of 3) | $(json "${fit}" '"%.2f–%.2f" % tuple(d["fitBgnbdSeconds"])') | |"
    echo "| fit Gamma-Gamma (s) | $(json "${fit}" '"%.2f–%.2f" % tuple(d["fitGammaGammaSeconds"])') | |"
    echo "| both fits (s, fastest) | $(json "${fit}" '"%.2f" % (d["fitBgnbdSeconds"][0] + d["fitGammaGammaSeconds"][0])') | < 2 |"
    echo "| score every customer, 52 weeks (s) | $(json "${fit}" '"%.2f–%.2f" % tuple(d["scoreWeeks52Seconds"])') | < 1 |"
    echo "| score every customer, 365 days (s) | $(json "${fit}" '"%.2f–%.2f" % tuple(d["scoreDays365Seconds"])') | < 1 |"
    echo "| RFM scores and segments of every customer (s) | $(json "${fit}" '"%.2f–%.2f" % tuple(d["rfmSeconds"])') | |"
    echo "| tango analyze, ${ROWS} rows (${file_mb} MB): wall | ${wall} | < 30 s |"
    echo "| tango analyze: peak RSS (MiB) | $((rss_kb / 1024)) | < 2048 |"
    if [[ "${lifetimes}" == ok ]]; then
        lt="${RESULTS}/analytics-lifetimes.json"
        echo "| lifetimes BG/NBD + Gamma-Gamma fit (s) | $(json "${lt}" '"%.2f" % (d["fitBgnbdSeconds"] + d["fitGammaGammaSeconds"])') | |"
        echo "| lifetimes time ÷ Tango time (fits) | $(python3 -c 'import json, sys; t = json.load(open(sys.argv[1])); l = json.load(open(sys.argv[2])); print("%.0f" % ((l["fitBgnbdSeconds"] + l["fitGammaGammaSeconds"]) / (t["fitBgnbdSeconds"][0] + t["fitGammaGammaSeconds"][0])))' "${fit}" "${lt}") | |"
    else
        echo "| lifetimes | ${lifetimes} | |"
    fi
    echo
    echo "Fitted on the summary: $(json "${fit}" '"BG/NBD r=%(r)s alpha=%(alpha)s a=%(a)s b=%(b)s" % d["bgnbd"]'), $(json "${fit}" '"Gamma-Gamma p=%(p)s q=%(q)s v=%(v)s" % d["gammaGamma"]') (weeks);"
    echo "drawn from r=0.8, alpha=40/7=5.714, a=0.8, b=4 and p=6, q=4, v=15. $(json "${fit}" 'd["distinctTriples"]') distinct (x, tx, T) among $(json "${fit}" 'd["customers"]') customers."
    echo "$(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >"${table}"

echo
cat "${table}"
