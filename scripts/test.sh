#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what is missing, builds, tests,
# and ends with one summary line ("N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (https://dot.net)." >&2; exit 1; }

# The operators' test runs the real Prometheus server against the silo and the gateway; it is
# skipped (and reported as skipped) where the binary is missing and cannot be installed.
if [ ! -x /usr/bin/prometheus ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's prometheus for the scrape test..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null) \
      || echo "warning: could not install prometheus; its test will be skipped" >&2
  else
    echo "warning: /usr/bin/prometheus is missing (apt-get install -y prometheus); its test will be skipped" >&2
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test UnitGrains.sln -c Release 2>&1 | tee "$log" || status=$?

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status (build error or crashed test host)" >&2
fi
exit "$status"
