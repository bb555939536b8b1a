#!/usr/bin/env bash
# Long mutation runs: every C# test input and sample, mutated (tokens deleted, duplicated,
# swapped, replaced, text cut short), run through every analyzer and code fix. Any exception
# fails the run and is reported with its seed, iteration, mutations, stack and a reduced repro.
#
#   scripts/mutation-fuzz.sh --iterations 5000
#   scripts/mutation-fuzz.sh --iterations 5000 --judge-fixes   # also: fixes add no compiler error
#   scripts/mutation-fuzz.sh --iterations 1 --from 1234 --seed 20261123   # replay one mutant
#
# Options: --iterations N (default 5000), --seed S, --from I (first iteration), --no-fixes
# (analyzers only, about three times faster), --judge-fixes (every fix result must add no
# compiler error and remove its diagnostic, as on the unmutated inputs), --timeout SECONDS
# (per mutant, default 120), --report FILE (default artifacts/mutation-fuzz/report.txt).
#
# The test binaries are copied out of the tree first, so that builds made while a long run
# is going do not replace them under it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
iterations=5000
seed=""
from=0
fixes=1
timeout=120
report="$root/artifacts/mutation-fuzz/report.txt"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --iterations) iterations="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --from) from="$2"; shift 2 ;;
    --no-fixes) fixes=0; shift ;;
    --judge-fixes) fixes=2; shift ;;
    --timeout) timeout="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

project="$root/tests/Ownership.Analyzers.Tests"
dotnet build "$project" -c Release --nologo -v quiet
binaries="$(mktemp -d)"
trap 'rm -rf "$binaries"' EXIT
cp -r "$project/bin/Release/net10.0/." "$binaries/"
mkdir -p "$(dirname "$report")"
rm -f "$report"

status=0
env RELIABILITY_REPO_ROOT="$root" \
  RELIABILITY_ITERATIONS="$iterations" \
  RELIABILITY_FROM="$from" \
  RELIABILITY_FIXES="$fixes" \
  RELIABILITY_TIMEOUT_SECONDS="$timeout" \
  RELIABILITY_REPORT="$report" \
  ${seed:+RELIABILITY_SEED="$seed"} \
  dotnet test "$binaries/Ownership.Analyzers.Tests.dll" \
    --filter "FullyQualifiedName~Reliability.MutationTests.Mutants" \
    --logger "console;verbosity=minimal" >/dev/null || status=$?

if [[ -f "$report" ]]; then
  cat "$report"
  echo "(report: $report)"
else
  echo "no report written: the test run itself failed (exit $status)" >&2
  [[ $status -ne 0 ]] || status=1
fi
exit "$status"
