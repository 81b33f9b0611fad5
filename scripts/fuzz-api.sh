#!/usr/bin/env bash
# OpenAPI-driven API fuzzing of the gateway (tests/fuzz: portman generates a Postman collection of
# contract tests and malformed variations from /openapi/v1.json, newman runs it, tests/fuzz/fuzz.mjs
# judges every request).
#
#   scripts/fuzz-api.sh            # after the gateway is built (scripts/test.sh builds it)
#
# Starts the built gateway on a free loopback port with one province (--provinces 75: the seed plan
# of xã Bình Minh 26278 for 2025 is imported), mints an officer token of 26278, and runs three
# newman passes: one valid request per operation (portman's contract tests), valid writes with edge
# values, then the malformed variations between two digests of the units they name. Fails on any
# 5xx, on a status the document does not declare for the operation, on a Content-Type or body that
# does not match the declared response, on a malformed request that is not rejected as the document
# or docs/api.md says, and on any change of state by the malformed requests. Ends with
# "fuzz: N passed, N failed" (N: requests judged, the state digest's reads included); exit 1 on any
# failure, 2 when it cannot run.
#
# Environment: GATEWAY_DLL (default src/Gateway/bin/Release/net10.0/UnitGrains.Gateway.dll),
# FUZZ_OUT (default artifacts/fuzz: the collection, newman's JSON reports, requests.tsv with every
# request judged, failures.json), FUZZ_SECONDS (default 290: the whole run, npm ci aside),
# FUZZ_TABLE_ROWS (default 60: lines of the failure table).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

GATEWAY_DLL=${GATEWAY_DLL:-$root/src/Gateway/bin/Release/net10.0/UnitGrains.Gateway.dll}
FUZZ_OUT=${FUZZ_OUT:-$root/artifacts/fuzz}
case "$GATEWAY_DLL" in /*) ;; *) GATEWAY_DLL=$root/$GATEWAY_DLL ;; esac
case "$FUZZ_OUT" in /*) ;; *) FUZZ_OUT=$root/$FUZZ_OUT ;; esac
UNIT=26278
YEAR=2025
READY_SECONDS=120

fail() { echo "fuzz: $*" >&2; echo "fuzz: 0 passed, 1 failed"; exit 2; }
command -v dotnet >/dev/null || fail "the .NET SDK is required"
command -v node >/dev/null && command -v npm >/dev/null || fail "Node.js and npm are required (apt-get install -y nodejs npm)"
command -v curl >/dev/null || fail "curl is required"
[ -f "$GATEWAY_DLL" ] || fail "$GATEWAY_DLL is missing: build the gateway first (dotnet build -c Release, or scripts/test.sh)"
gateway_dir=$(dirname "$GATEWAY_DLL")
seed_plan=$gateway_dir/data/plans/004-binh-minh-2025.json
[ -f "$seed_plan" ] || fail "$seed_plan is missing"

# npm ci, quietly, only when node_modules is missing or older than the lock file.
fuzz_dir=$root/tests/fuzz
stamp=$fuzz_dir/node_modules/.lock-sha256
lock_sha=$(sha256sum "$fuzz_dir/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sha" ]; then
  echo "fuzz: npm ci in tests/fuzz"
  (cd "$fuzz_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || fail "npm ci failed in tests/fuzz"
  echo "$lock_sha" >"$stamp"
fi

mkdir -p "$FUZZ_OUT"
# Only what an earlier run left there.
(cd "$FUZZ_OUT" && rm -rf -- portman-work newman-*.json collection.json portman-config.effective.json \
  requests-meta.json requests.tsv failures.json digest.json dropped-variations.json openapi.json \
  gateway.log portman.log token.err)

# Three free loopback ports: HTTP, and the embedded silo's silo and gateway ports.
read -r http_port silo_port orleans_port < <(node -e '
  const net = require("net");
  const one = () => new Promise((ok, ko) => { const s = net.createServer(); s.on("error", ko);
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
  (async () => { const ps = new Set(); while (ps.size < 3) ps.add(await one()); console.log([...ps].join(" ")); })();')
base_url=http://127.0.0.1:$http_port

# A signing key of this run only, shared by the gateway and the token command (no development key
# file is written, and anonymous reads stay off: the gateway runs as Production).
signing_key=fuzz-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')

gateway_pid=
cleanup() {
  local status=$?
  if [ -n "$gateway_pid" ] && kill -0 "$gateway_pid" 2>/dev/null; then
    kill -TERM "$gateway_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$gateway_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The gateway's settings come from its own folder (content root) and these switches only.
clean_env=(env -u ASPNETCORE_URLS -u DOTNET_URLS -u ASPNETCORE_HTTP_PORTS)
while IFS='=' read -r name _; do
  case "$name" in UnitGrains__*|Orleans__*|ConnectionStrings__*) clean_env+=(-u "$name") ;; esac
done < <(env)

total_seconds=${FUZZ_SECONDS:-290}
started_at=$(date +%s)
(
  cd "$gateway_dir"
  exec "${clean_env[@]}" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    UnitGrains__Auth__SigningKey="$signing_key" \
    dotnet "$GATEWAY_DLL" --urls "$base_url" --provinces 75 \
      --silo-port "$silo_port" --gateway-port "$orleans_port"
) >"$FUZZ_OUT/gateway.log" 2>&1 &
gateway_pid=$!
echo "fuzz: gateway pid $gateway_pid on $base_url (log: $FUZZ_OUT/gateway.log)"

ready=
for _ in $(seq 1 $((READY_SECONDS * 2))); do
  kill -0 "$gateway_pid" 2>/dev/null || { tail -n 30 "$FUZZ_OUT/gateway.log" >&2; fail "the gateway exited before it was ready"; }
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base_url/health/ready" || true)" = 200 ]; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || { tail -n 30 "$FUZZ_OUT/gateway.log" >&2; fail "GET /health/ready was not 200 within ${READY_SECONDS}s"; }
echo "fuzz: gateway ready in $(( $(date +%s) - started_at ))s"

curl -sf --max-time 30 -o "$FUZZ_OUT/openapi.json" "$base_url/openapi/v1.json" || fail "could not download $base_url/openapi/v1.json"

# The token command refuses Production; any other environment with the configured key mints it.
# --days 365 is the longest validity it allows.
token=$(cd "$gateway_dir" && "${clean_env[@]}" ASPNETCORE_ENVIRONMENT=Fuzz DOTNET_ENVIRONMENT=Fuzz \
  UnitGrains__Auth__SigningKey="$signing_key" \
  dotnet "$GATEWAY_DLL" token --unit "$UNIT" --role officer --days 365 2>"$FUZZ_OUT/token.err" | tail -n 1) \
  || fail "the token command failed: $(cat "$FUZZ_OUT/token.err")"
[ -n "$token" ] || fail "the token command printed no token"

# What is left of the time budget goes to fuzz.mjs (portman, newman, judging); it stops newman
# 10 s before its end, and is killed 10 s after it.
budget=$(( total_seconds - ($(date +%s) - started_at) - 10 ))
[ "$budget" -ge 60 ] || fail "less than 60 s of the ${total_seconds}s budget left after starting the gateway"
status=0
FUZZ_BASE_URL=$base_url FUZZ_TOKEN=$token FUZZ_SIGNING_KEY=$signing_key FUZZ_OAS=$FUZZ_OUT/openapi.json \
FUZZ_OUT=$FUZZ_OUT FUZZ_SEED_PLAN=$seed_plan FUZZ_UNIT=$UNIT FUZZ_YEAR=$YEAR FUZZ_BUDGET_SECONDS=$budget \
  timeout --signal=TERM $(( budget + 10 )) node "$fuzz_dir/fuzz.mjs" || status=$?
if [ "$status" -eq 124 ]; then
  echo "fuzz: timed out after $(( budget + 10 ))s" >&2
  echo "fuzz: 0 passed, 1 failed"
fi
echo "fuzz: took $(( $(date +%s) - started_at ))s in all"
exit "$status"
