#!/usr/bin/env bash
# The network-namespace lab of the partition and latency tests (tests/UnitGrains.Postgres.Tests/Network):
#   scripts/netlab.sh clean    kill every process left in the lab's namespaces, delete them and any tap left
#   scripts/netlab.sh status   list the lab's namespaces, their processes and taps
# The tests build the lab themselves (namespaces ugnet-s0…, taps ugnet0…, 10.231.0.0/24) and run
# 'clean' before they start and after they end, so a crashed run leaves nothing behind for long.
# Needs root and iproute2 ('ip'); without them there is nothing to clean.
set -euo pipefail
prefix="${UNITGRAINS_NETLAB_PREFIX:-ugnet}"

namespaces() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${prefix}-" || true; }
taps() { ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -E "^${prefix}[0-9]+$" || true; }

clean() {
  command -v ip >/dev/null || exit 0
  [ "$(id -u)" -eq 0 ] || exit 0
  for ns in $(namespaces); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
  done
  for ns in $(namespaces); do
    # The processes take a moment to die; a namespace is deleted once it is empty.
    for _ in $(seq 1 50); do [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && break; sleep 0.1; done
    ip netns del "$ns" 2>/dev/null || true
  done
  # Taps vanish with the test process that opened them; one left in the host is deleted.
  for tap in $(taps); do ip link del "$tap" 2>/dev/null || true; done
}

status() {
  for ns in $(namespaces); do echo "$ns: pids $(ip netns pids "$ns" | tr '\n' ' ')"; done
  for tap in $(taps); do echo "tap $tap"; done
}

case "${1:-}" in
  clean) clean ;;
  status) status ;;
  *) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
