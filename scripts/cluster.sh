#!/usr/bin/env bash
# A real multi-silo cluster on this machine: three silo processes and a gateway process on
# loopback ports, joined through PostgreSQL membership, state and reminders in PostgreSQL.
#   scripts/cluster.sh start [--hierarchy 3level-2023] [--provinces 42,01]   build, start, wait until ready
#   scripts/cluster.sh stop                                                   stop every process (SIGTERM)
#   scripts/cluster.sh status                                                 which processes run, unit activations per silo
# With no ConnectionStrings__UnitGrains in the environment, a local PostgreSQL is started in a data
# folder under the repository (scripts/postgres.sh). Logs and pids go to .cluster/.
# Ports: gateway http://localhost:8080 (UNITGRAINS_HTTP_PORT), operators 9090 (UNITGRAINS_MANAGEMENT_PORT); silos
# 11111-11113 (UNITGRAINS_SILO_PORT), 30000-30002 (UNITGRAINS_SILO_GATEWAY_PORT), http 8081-8083 (UNITGRAINS_SILO_HTTP_PORT).
set -euo pipefail

# Daemons started here outlive this script: they must not inherit descriptors its caller holds
# open (a lock a build serialises on, a pipe a test reads). 255 is bash's own copy of the script.
for fd in /proc/$$/fd/*; do fd=${fd##*/}; if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi; done
repo="$(cd "$(dirname "$0")/.." && pwd)"
run="$repo/.cluster"
http="${UNITGRAINS_HTTP_PORT:-8080}"
management="${UNITGRAINS_MANAGEMENT_PORT:-9090}"
silo_port="${UNITGRAINS_SILO_PORT:-11111}"
silo_gateway="${UNITGRAINS_SILO_GATEWAY_PORT:-30000}"
silo_http="${UNITGRAINS_SILO_HTTP_PORT:-8081}"
mkdir -p "$run"

connection() {
  if [ -n "${ConnectionStrings__UnitGrains:-}" ]; then echo "$ConnectionStrings__UnitGrains"; else "$repo/scripts/postgres.sh" start; fi
}

wait_ready() { # name url
  for _ in $(seq 1 600); do
    kill -0 "$(cat "$run/$1.pid")" 2>/dev/null || { echo "$1 exited; see $run/$1.log:" >&2; tail -5 "$run/$1.log" >&2; exit 1; }
    if curl -fsS "$2/health/ready" >/dev/null 2>&1; then echo "  $1 ready ($2)"; return 0; fi
    sleep 0.5
  done
  echo "$1 did not become ready; see $run/$1.log" >&2; exit 1
}

start() {
  local extra=("$@")
  export ConnectionStrings__UnitGrains; ConnectionStrings__UnitGrains="$(connection)"
  export UnitGrains__Storage=postgres
  # The gateway runs as in production: tokens are signed with a key of this cluster's own, kept
  # in .cluster/ (mint one with: UnitGrains__Auth__SigningKey=$(cat .cluster/signing-key) dotnet run --project src/Gateway -- token --unit 42 --role officer).
  if [ -z "${UnitGrains__Auth__SigningKey:-}" ]; then
    [ -f "$run/signing-key" ] || { head -c 48 /dev/urandom | base64 | tr -d '\n' >"$run/signing-key"; chmod 600 "$run/signing-key"; }
    export UnitGrains__Auth__SigningKey; UnitGrains__Auth__SigningKey=$(cat "$run/signing-key")
  fi
  echo "building…"
  dotnet build "$repo/src/Silo" -c Release -v q -nologo >/dev/null
  dotnet build "$repo/src/Gateway" -c Release -v q -nologo >/dev/null
  local silo="$repo/src/Silo/bin/Release/net10.0/UnitGrains.Silo.dll"
  local gateway="$repo/src/Gateway/bin/Release/net10.0/UnitGrains.Gateway.dll"
  for i in 0 1 2; do
    # The first silo seeds the hierarchy (idempotent); the others join the cluster it forms.
    local seed=false; [ "$i" -eq 0 ] && seed=true
    nohup dotnet "$silo" --silo-port $((silo_port + i)) --gateway-port $((silo_gateway + i)) --urls "http://127.0.0.1:$((silo_http + i))" \
      --seed "$seed" "${extra[@]}" >"$run/silo$i.log" 2>&1 &
    echo $! >"$run/silo$i.pid"
    [ "$i" -eq 0 ] && wait_ready silo0 "http://127.0.0.1:$silo_http"
  done
  wait_ready silo1 "http://127.0.0.1:$((silo_http + 1))"
  wait_ready silo2 "http://127.0.0.1:$((silo_http + 2))"
  # The operators' dashboard and metrics on a management port of their own, never on the API's.
  nohup dotnet "$gateway" --cluster client --urls "http://localhost:$http" --UnitGrains:Management:Urls "http://127.0.0.1:$management" >"$run/gateway.log" 2>&1 &
  echo $! >"$run/gateway.pid"
  wait_ready gateway "http://localhost:$http"
  # Silo 0 seeded alone; the units it holds move to their owners once the others have joined.
  wait_balanced
  echo "UnitGrains cluster: 3 silos + gateway on http://localhost:$http, operators on http://127.0.0.1:$management/dashboard/ (stop with scripts/cluster.sh stop)"
}

# Unit activations per silo, from a live silo's /cluster/activations ("silo  status  units  share").
activations() {
  for i in 0 1 2; do
    curl -fsS "http://127.0.0.1:$((silo_http + i))/cluster/activations" 2>/dev/null && return 0
  done
  return 1
}

print_activations() {
  activations | python3 -c 'import json,sys
r=json.load(sys.stdin); t=max(r["units"],1)
for s in r["silos"]: print("  %-22s %-8s %6d units  %5.1f %%" % (s["silo"], s["status"], s["units"], 100*s["units"]/t))
print("  %-31s %6d units" % ("total", r["units"]))'
}

# Waits (up to a minute) until every silo holds a third of the units ±10 %, then prints them.
wait_balanced() {
  for _ in $(seq 1 120); do
    if activations | python3 -c 'import json,sys
r=json.load(sys.stdin); n=len(r["silos"]); t=r["units"]
sys.exit(0 if n and t and all(abs(s["units"]-t/n) <= 0.1*t/n for s in r["silos"]) else 1)' 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "unit activations per silo:"; print_activations
}

stop() {
  for pidfile in "$run"/gateway.pid "$run"/silo*.pid; do
    [ -f "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$pidfile"
  done
  echo "stopped"
}

status() {
  for pidfile in "$run"/gateway.pid "$run"/silo*.pid; do
    [ -f "$pidfile" ] || continue
    local name; name=$(basename "$pidfile" .pid)
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$name: running"; else echo "$name: dead"; fi
  done
  echo "unit activations per silo:"; print_activations || echo "  (no silo answers)"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
