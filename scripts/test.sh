#!/usr/bin/env bash
# Runs the whole test suite (`dotnet test Tango.slnx -c Release`) and closes with one plain line,
# "N passed, N failed, N skipped", summed over the test projects.
#
# Every store test runs on SQLite and on PostgreSQL. The PostgreSQL ones use TANGO_TEST_POSTGRES (default:
# the local server that scripts/postgres-start.sh brings up); one that cannot be reached fails, never skips.
# Extra arguments go to dotnet test, e.g. scripts/test.sh --filter 'FullyQualifiedName~Ledger'.
# Exits non-zero if dotnet test failed or if no test ran at all.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Unless pointed at a PostgreSQL of your own, the suite brings up the local one itself, and installs the
# SMTP sink and Chromium when they are missing, so this one command is all a fresh machine needs.
bash scripts/test-deps.sh </dev/null
if [[ -z "${TANGO_TEST_POSTGRES:-}" ]]; then
    bash scripts/postgres-start.sh </dev/null
fi
export TANGO_TEST_POSTGRES="${TANGO_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=tango;Password=tango;Database=tango}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# A hung test must not eat the CI budget: the blame collector ends a test host that has been silent
# on one test for this long, and the outer timeout bounds the whole run.
HANG_TIMEOUT="${TANGO_TEST_HANG_TIMEOUT:-10m}"
RUN_TIMEOUT="${TANGO_TEST_TIMEOUT:-25m}"

log="$(mktemp -t tango-test.XXXXXX.log)"
trap 'rm -f "${log}"' EXIT

set +e
timeout --kill-after=30s "${RUN_TIMEOUT}" \
    dotnet test Tango.slnx -c Release \
    --blame-hang-timeout "${HANG_TIMEOUT}" --blame-hang-dump-type none \
    "$@" 2>&1 | tee "${log}"
status=${PIPESTATUS[0]}
set -e

if [[ ${status} -eq 124 ]]; then
    echo "test.sh: dotnet test did not finish within ${RUN_TIMEOUT}" >&2
fi

# VSTest prints one line per test assembly, e.g.
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 1 s - X.Tests.dll (net10.0)
#   Failed!  - Failed:     1, Passed:    11, Skipped:     0, Total:    12, Duration: 1 s - X.Tests.dll (net10.0)
read -r passed failed skipped projects < <(
    sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' "${log}" | awk '
        /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+, +Total: +[0-9]+/ {
            line = $0
            sub(/.*Failed: +/, "", line); f += line + 0
            line = $0
            sub(/.*Passed: +/, "", line); p += line + 0
            line = $0
            sub(/.*Skipped: +/, "", line); s += line + 0
            n++
        }
        END { printf "%d %d %d %d\n", p, f, s, n }'
)

echo
echo "test.sh: ${projects} test assemblies reported; dotnet test exit code ${status}"
result=0
if [[ ${status} -ne 0 ]]; then
    result=${status}
elif [[ ${failed} -ne 0 ]]; then
    result=1
elif [[ $((passed + failed)) -eq 0 ]]; then
    echo "test.sh: no test ran"
    result=1
fi
# The closing line, last on purpose: CI reads it.
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "${result}"
