#!/usr/bin/env bash
# Re-runs the analyzers over every library of one or more ledger sets and diffs each result
# with its ledger: true findings lost, false positives fixed, new findings to triage.
#   scripts/precision/rerun.sh <checkouts-dir> <out-dir> <analyzer.dll> <set>...
# Each library must be checked out at <checkouts-dir>/<library> at the ledger's commit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
libs="$1"; out="$2"; analyzer="$3"; shift 3
mkdir -p "$out"
for set in "$@"; do
  # Fields re-joined by a unit separator: `read` with a tab IFS would merge an empty field
  # (no framework) into the next one.
  awk -F'\t' -v set="$set" -v OFS=$'\x1f' 'NR > 1 && $4 == set { $1 = $1; print }' "$here/../../benchmarks/precision/libraries.tsv" |
  while IFS=$'\x1f' read -r library repository commit _ projects framework extra; do
    args=()
    IFS=';' read -ra list <<< "$projects"
    for project in "${list[@]}"; do args+=(--project "$project"); done
    [ -n "$framework" ] && args+=(--framework "$framework")
    # shellcheck disable=SC2206
    [ -n "$extra" ] && args+=($extra)
    echo "== $library ($set)"
    python3 "$here/precision.py" run "$libs/$library" "${args[@]}" --analyzer "$analyzer" --out "$out/$library.tsv" > "$out/$library.log" 2>&1 < /dev/null || true
    tail -1 "$out/$library.log"
    python3 "$here/precision.py" diff "$library" "$out/$library.tsv" | grep -A200 "recall lost" | grep -B200 "false positives still" | grep -v "false positives still" || true
  done
done
