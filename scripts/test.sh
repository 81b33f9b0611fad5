#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what is missing, builds, tests,
# and ends with one summary line ("N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (https://dot.net)." >&2; exit 1; }

# The browser tests drive Debian's Chromium (Playwright's own browser downloads are not used).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  else
    echo "The browser tests need /usr/bin/chromium: run 'apt-get install -y chromium' as root." >&2
  fi
fi

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

# The development OpenID Connect provider the sign-in tests start (dev/oidc: oidc-provider on Node),
# and the browser tests' axe-core, installed once here: test projects run in parallel and must not install it at the same time.
command -v npm >/dev/null || { echo "Node.js and npm are required (the sign-in tests run a real OpenID Connect provider)." >&2; exit 1; }
(cd dev/oidc && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# axe-core, which the browser tests inject into the dashboard's pages.
(cd tests/UnitGrains.Browser.Tests && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# The partition and latency tests build network namespaces with Debian's iproute2 ('ip'); they are
# skipped (and reported as skipped) without it or without root.
if ! command -v ip >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's iproute2 for the network-namespace tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iproute2 >/dev/null) \
      || echo "warning: could not install iproute2; the network-namespace tests will be skipped" >&2
  else
    echo "warning: 'ip' is missing (apt-get install -y iproute2, as root); the network-namespace tests will be skipped" >&2
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"; scripts/netlab.sh clean >/dev/null 2>&1 || true' EXIT
status=0
dotnet test UnitGrains.sln -c Release 2>&1 | tee "$log" || status=$?

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
test_failed=$failed

# docker/ checked statically (no Docker engine in CI): compose config, Dockerfiles, the images'
# contents published the way the Dockerfiles do. Counts as one test.
echo
echo "== docker/: scripts/check-docker.sh"
docker_status=0
scripts/check-docker.sh || docker_status=$?
if [ "$docker_status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

# deploy/kubernetes checked statically against the Kubernetes API schemas and the project's
# deployment rules (no cluster runs here). Counts as one test.
echo
echo "== deploy/kubernetes: scripts/check-kubernetes.sh"
kubernetes_status=0
scripts/check-kubernetes.sh || kubernetes_status=$?
if [ "$kubernetes_status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

# The API fuzzed from its own OpenAPI document (portman + newman against a started gateway, about
# two thousand contract and malformed requests, no 5xx, every answer as the document declares, no
# state changed by a malformed one). Counts as one test; its own summary line precedes.
echo
echo "== API fuzzing: scripts/fuzz-api.sh"
fuzz_status=0
scripts/fuzz-api.sh || fuzz_status=$?
if [ "$fuzz_status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] && [ "$test_failed" -eq 0 ]; then
  echo "dotnet test exited with $status (build error or crashed test host)" >&2
fi
if [ "$docker_status" -ne 0 ]; then
  echo "scripts/check-docker.sh failed (exit $docker_status): see its FAIL lines above" >&2
  [ "$status" -ne 0 ] || status=$docker_status
fi
if [ "$kubernetes_status" -ne 0 ]; then
  echo "scripts/check-kubernetes.sh failed (exit $kubernetes_status): see its FAIL lines above" >&2
  [ "$status" -ne 0 ] || status=$kubernetes_status
fi
if [ "$fuzz_status" -ne 0 ]; then
  echo "scripts/fuzz-api.sh failed (exit $fuzz_status): see its failure table above (artifacts/fuzz/)" >&2
  [ "$status" -ne 0 ] || status=$fuzz_status
fi
exit "$status"
