#!/usr/bin/env bash
# Starts the policy-server on the examples: no cluster, no Dapr, plain HTTP on 127.0.0.1:3000, readiness/policies/
# metrics on 127.0.0.1:8081, module store and precompiled cache under /tmp/kubewarden-examples. Extra arguments are
# passed to the server (e.g. --log-level debug, or --cert-file/--key-file for HTTPS).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET 10 SDK is required (dotnet on PATH); install it and run again" >&2
  exit 1
fi
work=/tmp/kubewarden-examples
mkdir -p "$work"
sed "s#@EXAMPLES@#$(pwd)/examples#g" examples/policies.yml > "$work/policies.yml"
dotnet build -c Release services/policy-server -v quiet -nologo >/dev/null
cat <<MSG
policy-server starting on the examples ($work/policies.yml). In another terminal, try:
  curl -s -X POST -H 'Content-Type: application/json' --data @$(pwd)/examples/requests/privileged-pod.json http://127.0.0.1:3000/validate/no-privileged-pods
  curl -s -X POST -H 'Content-Type: application/json' --data @$(pwd)/examples/requests/unprivileged-pod.json http://127.0.0.1:3000/validate/pod-rules
  curl -s -X POST -H 'Content-Type: application/json' --data @$(pwd)/examples/requests/privileged-pod.json http://127.0.0.1:3000/validate/unprivileged-pods
  curl -s http://127.0.0.1:8081/policies
MSG
exec dotnet run -c Release --no-build --project services/policy-server -- \
  --addr 127.0.0.1 --port 3000 --readiness-probe-port 8081 \
  --policies "$work/policies.yml" --policies-download-dir "$work/downloads" "$@"
