#!/usr/bin/env bash
# Static checks of docker/ that CI runs without a Docker engine:
#   1. docker/compose.yaml renders (`docker compose config`, or Debian's `docker-compose config`)
#      with a dummy POSTGRES_PASSWORD, refuses to render without one, and the rendered config has
#      PostgreSQL with pg_isready, three silos with /health/live healthchecks, distinct advertised
#      addresses, exactly one seeding silo, a gateway that depends on the silos, no plaintext password;
#   2. every file the Dockerfiles COPY exists (and is not excluded by .dockerignore), the restore
#      layer sees every project it needs, ENTRYPOINT names the project's assembly, non-root user,
#      a HEALTHCHECK that needs no curl/wget;
#   3. each image's contents are built the way its build stage builds them: the context staged
#      with exactly the Dockerfile's COPY instructions, then its dotnet restore/publish; the output
#      must hold the entry dll, its runtimeconfig, data/units/*.csv and the rest of data/.
# Installs docker-compose and PyYAML from Debian when missing and running as root.
# Exits non-zero with a FAIL line per problem. CHECK_DOCKER_VERBOSE=1 lists every passed check,
# CHECK_DOCKER_KEEP=1 keeps the work folder, CHECK_DOCKER_SKIP_PUBLISH=1 skips step 3 (quick local runs).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

fail() { echo "check-docker: FAIL: $*" >&2; exit 1; }

apt_install() {
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "check-docker: installing $* (apt-get)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; } \
      || return 1
  else
    return 1
  fi
}

# --- tools -------------------------------------------------------------------------------------
compose=()
if command -v docker >/dev/null && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose=(docker-compose)
elif apt_install docker-compose && command -v docker-compose >/dev/null; then
  compose=(docker-compose)
else
  fail "neither 'docker compose' nor 'docker-compose' is available (Debian: apt-get install -y docker-compose)"
fi

python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then python=$candidate; break; fi
done
if [ -z "$python" ]; then
  apt_install python3-yaml && /usr/bin/python3 -c 'import yaml' 2>/dev/null && python=/usr/bin/python3 \
    || fail "python3 with PyYAML is required (Debian: apt-get install -y python3-yaml)"
fi
command -v dotnet >/dev/null || fail "the .NET 10 SDK is required"

work=$(mktemp -d "${TMPDIR:-/tmp}/check-docker.XXXXXX")
if [ "${CHECK_DOCKER_KEEP:-0}" = 1 ]; then echo "check-docker: work folder $work"; else trap 'rm -rf "$work"' EXIT; fi
status=0

# --- 1. the compose file -----------------------------------------------------------------------
echo "check-docker: compose file (${compose[*]} $("${compose[@]}" version --short 2>/dev/null || true))"
# An empty env file: a developer's docker/.env must not change what CI checks.
: > "$work/empty.env"
dummy="check-docker-dummy-$RANDOM$RANDOM"
dummy_key="check-docker-dummy-signing-key-$RANDOM$RANDOM-0123456789abcdef"
run_compose() {
  env -u POSTGRES_PASSWORD -u UNITGRAINS_SIGNING_KEY -u UNITGRAINS_HIERARCHY -u UNITGRAINS_HTTP_PORT -u COMPOSE_FILE -u COMPOSE_PROJECT_NAME "$@"
}
if run_compose POSTGRES_PASSWORD="$dummy" UNITGRAINS_SIGNING_KEY="$dummy_key" "${compose[@]}" --env-file "$work/empty.env" -f docker/compose.yaml config -q 2> "$work/config.err"; then
  echo "  ok   config -q: docker/compose.yaml is valid"
else
  sed 's/^/       | /' "$work/config.err"
  echo "  FAIL config -q: docker/compose.yaml does not render"; status=1
fi
if run_compose UNITGRAINS_SIGNING_KEY="$dummy_key" "${compose[@]}" --env-file "$work/empty.env" -f docker/compose.yaml config -q > "$work/nopass.out" 2>&1; then
  echo "  FAIL config renders without POSTGRES_PASSWORD (it must be a required variable)"; status=1
elif grep -q "set POSTGRES_PASSWORD" "$work/nopass.out"; then
  echo "  ok   config without POSTGRES_PASSWORD fails (\"set POSTGRES_PASSWORD …\")"
else
  sed 's/^/       | /' "$work/nopass.out"
  echo "  FAIL config without POSTGRES_PASSWORD fails, but not with the 'set POSTGRES_PASSWORD' message"; status=1
fi
if [ "$status" -eq 0 ]; then
  run_compose POSTGRES_PASSWORD="$dummy" UNITGRAINS_SIGNING_KEY="$dummy_key" "${compose[@]}" --env-file "$work/empty.env" -f docker/compose.yaml config > "$work/rendered.yaml" 2>/dev/null
  "$python" scripts/check-docker.py compose "$work/rendered.yaml" docker/compose.yaml "$dummy" || status=1
fi

# --- 2 and 3. the Dockerfiles and the images' contents -----------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
for image in silo gateway; do
  echo "check-docker: docker/Dockerfile.$image"
  "$python" scripts/check-docker.py dockerfile "$repo" "docker/Dockerfile.$image" "$work/$image" || status=1
done

if [ "$status" -ne 0 ]; then
  echo "check-docker: FAILED (see the FAIL lines above)" >&2
  exit 1
fi
echo "check-docker: all checks passed"
