#!/usr/bin/env bash
# Installs what the test suite talks to besides PostgreSQL, when it is missing: Debian's python3-aiosmtpd
# (the real SMTP server the journey tests start on loopback) and Debian's Chromium (driven by Playwright
# in the browser tests; no browser is ever downloaded). Idempotent; needs root only when something is missing.
set -euo pipefail

missing=()
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
# The HTTP load benchmarks use wrk; the tests do not, so it is not installed here.

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi
if [[ ${EUID} -ne 0 ]]; then
    echo "test-deps: ${missing[*]} missing; run as root (or install them: apt-get install ${missing[*]})" >&2
    exit 1
fi
echo "test-deps: installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have empty package lists: try without an update first (fast when lists exist).
apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null; }
