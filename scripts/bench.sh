#!/usr/bin/env bash
# Benchmarks of the evaluation core: evaluate the corpus TinyGo policy (safe-labels) on Wasmtime with
# BenchmarkDotNet, comparing a fresh instance from the post-init snapshot, _start per request and a reused instance.
# Needs only the .NET SDK and ../shared/corpus (or KUBEWARDEN_CORPUS). Pass BenchmarkDotNet arguments to narrow it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET 10 SDK is required (dotnet on PATH); install it and run again" >&2
  exit 1
fi
exec dotnet run -c Release --project loadtests/Kubewarden.Evaluation.Benchmarks -- "${@:---filter=*}"
