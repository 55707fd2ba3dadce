#!/usr/bin/env bash
# The test command (README): checks what the tests need, runs every test project of the solution on the default
# engine (Wasmtime), then the engine-dependent suites again on V8, and ends with "N passed, N failed, N skipped"
# summed over both runs. .ci/run calls it on a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET 10 SDK is required (dotnet on PATH); install it and run again" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The OCI tests run a real registry (Debian's docker-registry, distribution 2.8) and create htpasswd files.
if ! command -v docker-registry >/dev/null 2>&1 || ! command -v htpasswd >/dev/null 2>&1; then
  echo "installing docker-registry and apache2-utils (apt) for the registry tests"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry apache2-utils >/dev/null \
    || echo "could not install docker-registry/apache2-utils: the registry tests will be reported as skipped"
fi
# The context-aware tests run a real Kubernetes API server (kube-apiserver built once from Debian's source package and
# cached under ~/.cache/kube-e2e, plus Debian's etcd) on 127.0.0.1.
if [ -z "${KUBEWARDEN_TEST_KUBECONFIG:-}" ]; then
  if kubeconfig=$(bash scripts/kube-apiserver.sh start | sed -n 's/^KUBECONFIG=//p') && [ -n "$kubeconfig" ]; then
    export KUBEWARDEN_TEST_KUBECONFIG=$kubeconfig
    trap 'bash scripts/kube-apiserver.sh stop' EXIT
    echo "Kubernetes API server for the context-aware tests: $kubeconfig"
  else
    echo "could not start the test Kubernetes API server (scripts/kube-apiserver.sh): the context-aware tests will be reported as skipped"
  fi
fi
if [ -d ../shared/corpus ]; then
  echo "conformance corpus: $(cd ../shared/corpus && pwd)"
else
  echo "conformance corpus: absent (../shared/corpus); its cases will be reported as skipped"
fi

log=$(mktemp)
status=0
run() {
  set +e
  "$@" 2>&1 | tee -a "$log"
  local code=${PIPESTATUS[0]}
  set -e
  [ "$code" -eq 0 ] || status=$code
}

echo "== every test project, engine: wasmtime"
run dotnet test --solution Kubewarden.sln -c Release
for project in tests/Kubewarden.Evaluation.Tests tests/Conformance tests/PolicyServer.Tests; do
  echo "== $project, engine: v8"
  KUBEWARDEN_TEST_ENGINE=v8 run dotnet test --project "$project" -c Release --no-build
done

# Microsoft.Testing.Platform prints one summary per run: "total: N / failed: N / succeeded: N / skipped: N".
summary=$(awk '/Test run summary/ {s=1} s && /failed:/ {f+=$2} s && /succeeded:/ {p+=$2} s && /skipped:/ {k+=$2; s=0} END {printf "%d passed, %d failed, %d skipped", p, f, k}' "$log")
rm -f "$log"
echo "$summary"
exit "$status"
