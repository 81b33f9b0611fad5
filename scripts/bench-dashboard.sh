#!/usr/bin/env bash
# The dashboard's figures in a real browser (issue 18; recorded in docs/benchmarks.md):
#   - the national view's first meaningful render from a cold browser (score and provinces shown),
#   - the page's JavaScript and CSS, raw and compressed,
#   - a write in the officer's form reflected on the province's page open in another browser.
# Starts the Release gateway (whole nation seeded, no simulation, anonymous reads as in the
# development run), gives xã Bình Minh a plan and tasks to complete, and runs bench/dashboard.
#
#   scripts/bench-dashboard.sh [RUNS]        (build first: dotnet build -c Release src/Gateway)
set -euo pipefail
runs=${1:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
url=http://127.0.0.1:18340
commune=26278
province=75
year=$(TZ=Asia/Ho_Chi_Minh date +%Y)
out=$(mktemp -d)
gateway_dir="$root/src/Gateway/bin/Release/net10.0"
[ -x /usr/bin/chromium ] || { echo "needs Debian's chromium (apt-get install -y chromium)" >&2; exit 1; }
(cd "$root/bench/dashboard" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

(cd "$gateway_dir" && exec env ASPNETCORE_ENVIRONMENT=Development dotnet UnitGrains.Gateway.dll --urls "$url" --no-simulate \
  --Orleans:SiloPort=22211 --Orleans:GatewayPort=22212 >"$out/gateway.out" 2>&1) &
gateway_pid=$!
trap 'kill $gateway_pid 2>/dev/null || true; rm -rf "$out"' EXIT
until curl -sf "$url/health/ready" >/dev/null; do
  kill -0 "$gateway_pid" 2>/dev/null || { cat "$out/gateway.out"; exit 1; }
  sleep 0.5
done

token=$(cd "$gateway_dir" && ASPNETCORE_ENVIRONMENT=Development dotnet UnitGrains.Gateway.dll token --unit "$commune" --role officer)
auth=(-H "Authorization: Bearer $token" -H "Content-Type: application/json")
curl -sf -X PUT "${auth[@]}" "$url/api/units/$commune/plans/$year" \
  -d "{\"title\":\"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm $year\",\"issuedOn\":\"$year-01-10\",\"period\":{\"from\":\"$year-01-01\",\"to\":\"$year-12-31\"}}" >/dev/null
for i in $(seq 1 "$runs"); do
  curl -sf -X POST "${auth[@]}" "$url/api/units/$commune/plans/$year/tasks" \
    -d "{\"title\":\"Tin bài tuyên truyền số $i\",\"lead\":{\"name\":\"Văn phòng\"},\"dueDate\":\"$year-12-31\",\"outputs\":[{\"metric\":\"articles\",\"target\":2}]}" >/dev/null
done

echo "dashboard figures ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $runs runs)"
node "$root/bench/dashboard/measure.mjs" "$url" "$token" "$commune" "$province" "$year" "$runs"
