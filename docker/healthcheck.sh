#!/bin/bash
# HTTP health probe for the UnitGrains images, with nothing but bash: the aspnet runtime image
# has neither curl nor wget. Opens a TCP connection through bash's /dev/tcp, sends one GET and
# succeeds only on an HTTP 200 status line.
#   healthcheck <port> <path>      e.g. healthcheck 8081 /health/live
# Environment: HEALTHCHECK_HOST (default 127.0.0.1), HEALTHCHECK_TIMEOUT seconds (default 4).
set -u
port="${1:?usage: healthcheck <port> <path>}"
path="${2:-/health/live}"
host="${HEALTHCHECK_HOST:-127.0.0.1}"
wait="${HEALTHCHECK_TIMEOUT:-4}"

{ exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || { echo "unhealthy: nothing listens on $host:$port" >&2; exit 1; }
printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$host" "$port" >&3
status=""
IFS= read -r -t "$wait" status <&3 || true
exec 3<&- 3>&-
status="${status%$'\r'}"
case "$status" in
  "HTTP/1."[01]" 200"*) echo "healthy: $path $status"; exit 0 ;;
  "") echo "unhealthy: no answer from $host:$port$path within ${wait}s" >&2; exit 1 ;;
  *) echo "unhealthy: $path $status" >&2; exit 1 ;;
esac
