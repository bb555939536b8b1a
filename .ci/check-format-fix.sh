#!/usr/bin/env bash
# Applies the OWN102 code fix to a copy of the sample with `dotnet format analyzers`, the way a
# user would from the command line, then rebuilds the copy: the fix must remove every OWN102
# and leave code that compiles. The repository's sample is never modified.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMPLE="$ROOT/samples/LeakyArchiver"
PROJ=LeakyArchiver.csproj

WORK="$(mktemp -d "${TMPDIR:-/tmp}/own-format-fix.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

fail() { echo "check-format-fix: FAIL: $*" >&2; exit 1; }

# Empty Directory.Build.* files stop MSBuild from picking up any found above the temp folder.
printf '<Project />\n' > "$WORK/Directory.Build.props"
printf '<Project />\n' > "$WORK/Directory.Build.targets"

COPY="$WORK/LeakyArchiver"
mkdir -p "$COPY"
(cd "$SAMPLE" && find . \( -name bin -o -name obj \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '.editorconfig' \) -print \
    | while read -r f; do mkdir -p "$COPY/$(dirname "$f")"; cp "$f" "$COPY/$f"; done)

# The sample references the analyzer projects relatively (..\..\src\...); point them at the repo.
sed -i -e "s#Include=\"\.\.\\\\\.\.\\\\#Include=\"$ROOT/#g" -e "s#Include=\"\.\./\.\./#Include=\"$ROOT/#g" "$COPY/$PROJ"
grep -q 'Include="\.\.' "$COPY/$PROJ" && fail "a relative reference is left in the copied project: $(grep 'Include="\.\.' "$COPY/$PROJ")"

echo "== build the copy before the fix"
# The first build also builds the analyzer assemblies that dotnet format loads.
if ! dotnet build "$COPY/$PROJ" -nologo > "$WORK/before.log" 2>&1; then
    cat "$WORK/before.log"; fail "the unmodified sample copy does not build"
fi
before=$(grep "warning OWN102" "$WORK/before.log" | sort -u | wc -l)
[ "$before" -gt 0 ] || { cat "$WORK/before.log"; fail "the sample reports no OWN102, so there is nothing to fix"; }
echo "   OWN102 reports before: $before"

echo "== dotnet format analyzers --diagnostics OWN102"
if ! dotnet format analyzers "$COPY/$PROJ" --diagnostics OWN102 --severity info --no-restore > "$WORK/format.log" 2>&1; then
    cat "$WORK/format.log"; fail "dotnet format analyzers failed"
fi
if diff -ru --exclude=bin --exclude=obj "$SAMPLE" "$COPY" > "$WORK/fix.diff"; then
    cat "$WORK/format.log"; fail "dotnet format changed nothing"
fi
# Show the code change (not the project-file path rewrite).
grep -v '^Only in' "$WORK/fix.diff" | awk '/^diff /{show = ($0 !~ /\.csproj$/)} show'

echo "== build the copy after the fix"
if ! dotnet build "$COPY/$PROJ" -nologo > "$WORK/after.log" 2>&1; then
    grep -E 'error|warning OWN' "$WORK/after.log" | sort -u; fail "the fixed code does not build"
fi
if grep -q 'warning OWN102' "$WORK/after.log"; then
    grep 'warning OWN102' "$WORK/after.log" | sort -u; fail "OWN102 is still reported after the fix"
fi
echo "   OWN102 reports after: 0; remaining:"
grep -oE 'warning OWN[0-9]+' "$WORK/after.log" | sort | uniq -c || true

echo "check-format-fix: OK ($before OWN102 fixed, the copy builds)"
