#!/usr/bin/env bash
# Checks deploy/kubernetes statically (no cluster runs here): every object against the Kubernetes
# API schema of its kind (the kubernetes-models package from npm; kubeconform is not in the
# registries here), then the project's deployment rules (tests/k8s/validate.mjs), then a self-test
# that breaks the manifests in each of those ways and must see every break caught.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null && command -v npm >/dev/null || { echo "check-kubernetes: Node.js and npm are required" >&2; exit 2; }
dir=tests/k8s
stamp=$dir/node_modules/.lock-sha256
lock_sha=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sha" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock_sha" >"$stamp"
fi
status=0
run() {
  local out code=0
  out=$(node "$dir/validate.mjs" "$@") || code=$?
  if [ "${CHECK_KUBERNETES_VERBOSE:-0}" = 1 ]; then echo "$out"; else echo "$out" | grep -v '^  ok ' || true; fi
  [ "$code" -eq 0 ] || status=1
}
run
run --self-test
exit "$status"
