#!/usr/bin/env bash
# Applies the code fixes of the Warning rules the sample shows to a copy of the sample with
# `dotnet format analyzers`, the way a user would from the command line, one rule at a time, then
# rebuilds the copy: each fix must change the code, remove every report of its rule and leave
# code that compiles. (The sample's OWN101 is a release skipped on one path, which has no fix.)
# The repository's sample is never modified.
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

# check_fix ID: dotnet format analyzers --diagnostics ID on a fresh copy must remove every ID
# report, change the code, and leave a copy that builds.
check_fix() {
    local id="$1"
    rm -rf "$COPY"; mkdir -p "$COPY"
    (cd "$SAMPLE" && find . \( -name bin -o -name obj \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '.editorconfig' \) -print \
        | while read -r f; do mkdir -p "$COPY/$(dirname "$f")"; cp "$f" "$COPY/$f"; done)
    sed -i -e "s#Include=\"\.\.\\\\\.\.\\\\#Include=\"$ROOT/#g" -e "s#Include=\"\.\./\.\./#Include=\"$ROOT/#g" "$COPY/$PROJ"

    echo "== $id: build the copy before the fix"
    # The first build also builds the analyzer assemblies that dotnet format loads.
    if ! dotnet build "$COPY/$PROJ" -nologo > "$WORK/before.log" 2>&1; then
        cat "$WORK/before.log"; fail "the unmodified sample copy does not build"
    fi
    local before
    before=$(grep "warning $id" "$WORK/before.log" | sort -u | wc -l)
    [ "$before" -gt 0 ] || { cat "$WORK/before.log"; fail "the sample reports no $id, so there is nothing to fix"; }
    echo "   $id reports before: $before"

    echo "== $id: dotnet format analyzers --diagnostics $id"
    if ! dotnet format analyzers "$COPY/$PROJ" --diagnostics "$id" --severity info --no-restore > "$WORK/format.log" 2>&1; then
        cat "$WORK/format.log"; fail "dotnet format analyzers failed for $id"
    fi
    if diff -ru --exclude=bin --exclude=obj "$SAMPLE" "$COPY" > "$WORK/fix.diff"; then
        cat "$WORK/format.log"; fail "dotnet format changed nothing for $id"
    fi
    # Show the code change (not the project-file path rewrite).
    grep -v '^Only in' "$WORK/fix.diff" | awk '/^diff /{show = ($0 !~ /\.csproj$/)} show'

    echo "== $id: build the copy after the fix"
    if ! dotnet build "$COPY/$PROJ" -nologo > "$WORK/after.log" 2>&1; then
        grep -E 'error|warning OWN' "$WORK/after.log" | sort -u; fail "the code fixed for $id does not build"
    fi
    if grep -q "warning $id" "$WORK/after.log"; then
        grep "warning $id" "$WORK/after.log" | sort -u; fail "$id is still reported after the fix"
    fi
    echo "   $id reports after: 0; remaining:"
    grep -oE 'warning OWN[0-9]+' "$WORK/after.log" | sort | uniq -c || true
    echo "check-format-fix: $id OK ($before fixed, the copy builds)"
}

# Every Warning rule the sample shows that has a fix, through the command-line path.
for id in OWN102 OWN104 OWN203 OWN401 OWN404 OWN405; do
    check_fix "$id"
done
echo "check-format-fix: OK"
