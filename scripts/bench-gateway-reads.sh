#!/usr/bin/env bash
# Overview reads through the real gateway's HTTP API while the silo carries events at a fixed rate:
# the issue's "national overview read p99 ≤ 2 ms at the gateway, 1,000 reads/s while 25,000
# events/s flow", measured in the deployed shape (a silo, the gateway as its client, a reader).
#
#   scripts/bench-gateway-reads.sh [RATE] [GATEWAY_NICE]
#
# The bench's silo (propagation --at RATE, 3-level 2023) holds the grains and drives the events;
# the gateway (client mode) attaches to it once seeded; when the fixed-rate phase starts, `reads`
# runs against the gateway. GATEWAY_NICE (e.g. -10, as root) runs gateway and reader at a higher
# CPU priority than the silo, as a deployment would give a gateway its own cores. GATEWAY_ENV adds
# environment to both (e.g. "DOTNET_gcServer=0"); GATEWAY_DIR runs another build of the gateway. Prints the bench's rows, the reads and the
# gateway's own count of reads answered from pushed scores against those that asked the unit.
# Build first: dotnet build -c Release bench/UnitGrains.Bench && dotnet build -c Release src/Gateway
set -euo pipefail
rate=${1:-25000}
gateway_nice=${2:-0}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
bench="$root/bench/UnitGrains.Bench/bin/Release/net10.0/UnitGrains.Bench.dll"
url=http://127.0.0.1:18330
read -r -a extra_env <<< "${GATEWAY_ENV:-}"

# The bench's silo listens on 22111, its gateway endpoint on 22112 (BenchSilo); a 3 s maximum-rate
# phase leaves the 6 s fixed-rate phase enough tasks at up to ~100,000 events/s.
DOTNET_gcServer=1 dotnet "$bench" propagation --list 3level-2023 --seconds 6 --max-seconds 3 --coalesce 50 --at "$rate" >"$out/bench.out" 2>"$out/bench.err" &
bench_pid=$!
cleanup() {
  [[ -n "${gateway_pid:-}" ]] && kill "$gateway_pid" 2>/dev/null || true
  kill "$bench_pid" 2>/dev/null || true
}
trap cleanup EXIT

until grep -qs "maximum-rate phase starts" "$out/bench.err"; do
  kill -0 "$bench_pid" 2>/dev/null || { cat "$out/bench.err"; exit 1; }
  sleep 0.5
done

(cd "${GATEWAY_DIR:-$root/src/Gateway/bin/Release/net10.0}" && exec nice -n "$gateway_nice" env ASPNETCORE_ENVIRONMENT=Development "${extra_env[@]}" \
  dotnet UnitGrains.Gateway.dll --cluster client --Orleans:GatewayPort=22112 --urls "$url" >"$out/gateway.out" 2>&1) &
gateway_pid=$!
until curl -sf -o /dev/null "$url/api/units/VN/scores"; do sleep 0.2; done

until grep -qs "phase at .* starts" "$out/bench.err"; do sleep 0.1; done
nice -n "$gateway_nice" env "${extra_env[@]}" dotnet "$bench" reads --gateway "$url" --seconds 3 --rate 1000 --overview-only >"$out/reads.out"
curl -s "$url/metrics" | grep '^unitgrains_gateway_score_reads_total' >"$out/metrics.txt" || true
wait "$bench_pid"

grep '^| memory' "$out/bench.out"
grep '^# .*phase at .*:' "$out/bench.err" || true
grep '^| ' "$out/reads.out"
cat "$out/metrics.txt"
rm -rf "$out"
