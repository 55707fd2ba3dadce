#!/usr/bin/env bash
# The test command (README): checks what the tests need, runs every test project of the solution, and ends with
# "N passed, N failed, N skipped". .ci/run calls it on a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET 10 SDK is required (dotnet on PATH); install it and run again" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -d ../shared/corpus ]; then
  echo "conformance corpus: $(cd ../shared/corpus && pwd)"
else
  echo "conformance corpus: absent (../shared/corpus); its cases will be reported as skipped"
fi

log=$(mktemp)
set +e
dotnet test --solution Kubewarden.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Microsoft.Testing.Platform prints one summary per run: "total: N / failed: N / succeeded: N / skipped: N".
summary=$(awk '/Test run summary/ {s=1} s && /total:/ {t=$2} s && /failed:/ {f=$2} s && /succeeded:/ {p=$2} s && /skipped:/ {k=$2} END {printf "%d passed, %d failed, %d skipped", p, f, k}' "$log")
rm -f "$log"
echo "$summary"
exit "$status"
