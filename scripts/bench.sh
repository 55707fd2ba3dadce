#!/usr/bin/env bash
# Benchmarks of the evaluation core on both engines (BenchmarkDotNet): the corpus TinyGo policy (fresh instance from
# the post-init snapshot, _start per request, reused instance), instance creation, the Javy WASI policy, a Gatekeeper
# and an OPA policy next to the TinyGo one, compile times.
# `bash scripts/bench.sh rss wasmtime|v8` prints resident memory per loaded policy. Needs the .NET SDK and
# ../shared/corpus (or KUBEWARDEN_CORPUS). Pass BenchmarkDotNet arguments (e.g. --filter '*Instance*') to narrow it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET 10 SDK is required (dotnet on PATH); install it and run again" >&2
  exit 1
fi
exec dotnet run -c Release --project loadtests/Kubewarden.Evaluation.Benchmarks -- "${@:---filter=*}"
