#!/usr/bin/env bash
# The ownership report tool as a user gets it:
#   1. packs Ownership.Analyzers.Tool and installs it from a local feed (`dotnet tool install`);
#   2. runs the installed `dotnet-ownership` on samples/LeakyArchiver: `list` must show the
#      sample's nine warnings, `report` writes the HTML page, SARIF and Mermaid;
#   3. checks the page in a real headless browser (Debian's chromium, installed with apt when
#      missing, driven by playwright-core) and the SARIF log against the 2.1.0 schema
#      (tests/Ownership.Analyzers.Tool.Tests/Browser/check-report.mjs).
# The page's screenshot is kept as artifacts/report-screenshot.png.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROWSER_CHECK="$ROOT/tests/Ownership.Analyzers.Tool.Tests/Browser"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/own-check-report.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "check-report: FAIL: $*" >&2; exit 1; }

echo "== browser"
CHROMIUM="${CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$CHROMIUM" ]; then
    echo "   chromium is missing: installing Debian's package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium > "$WORK/apt.log" 2>&1 \
        || { apt-get update -q > "$WORK/apt.log" 2>&1 && apt-get install -y -q chromium >> "$WORK/apt.log" 2>&1; } \
        || { tail -20 "$WORK/apt.log"; fail "could not install chromium with apt"; }
    CHROMIUM="$(command -v chromium)" || fail "chromium installed but not on PATH"
fi
export CHROMIUM
"$CHROMIUM" --version 2>/dev/null | head -n1 | sed 's/^/   /' || true

echo "== pack and install the tool"
dotnet pack "$ROOT/src/Ownership.Analyzers.Tool" -c Release -o "$WORK/feed" -nologo > "$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log"; fail "dotnet pack failed"; }
shopt -s nullglob
packages=("$WORK"/feed/Ownership.Analyzers.Tool.*.nupkg)
shopt -u nullglob
[ "${#packages[@]}" -eq 1 ] || fail "expected one Ownership.Analyzers.Tool nupkg, found ${#packages[@]}"
VERSION="$(basename "${packages[0]}" .nupkg)"; VERSION="${VERSION#Ownership.Analyzers.Tool.}"
dotnet tool install Ownership.Analyzers.Tool --version "$VERSION" --add-source "$WORK/feed" --tool-path "$WORK/tools" > "$WORK/install.log" 2>&1 \
    || { cat "$WORK/install.log"; fail "dotnet tool install failed"; }
TOOL="$WORK/tools/dotnet-ownership"
"$TOOL" --version | sed 's/^/   dotnet-ownership /'

echo "== run it on the sample"
SAMPLE="$ROOT/samples/LeakyArchiver"
"$TOOL" list "$SAMPLE" -q > "$WORK/list.txt" || { cat "$WORK/list.txt"; fail "dotnet-ownership list failed"; }
sed 's/^/   /' "$WORK/list.txt"
warnings="$(grep -c ': warning OWN' "$WORK/list.txt" || true)"
[ "$warnings" -eq 9 ] || fail "expected the sample's 9 warnings from 'list', got $warnings"
# The sample references the analyzer projects as analyzers only: they are not part of its picture.
! grep -q '\[Ownership\.Analyzers' "$WORK/list.txt" || fail "'list' reports findings in the analyzer projects the sample loads as analyzers"
"$TOOL" report "$SAMPLE" -q --no-restore --out "$WORK/report.html" || fail "report (html) failed"
"$TOOL" report "$SAMPLE" -q --no-restore --format sarif --out "$WORK/report.sarif" || fail "report (sarif) failed"
"$TOOL" report "$SAMPLE" -q --no-restore --format mermaid --out "$WORK/report.mmd" || fail "report (mermaid) failed"
grep -q '^flowchart LR' "$WORK/report.mmd" || fail "the Mermaid graph does not start with 'flowchart LR'"
grep -q 'owns _poll' "$WORK/report.mmd" || fail "the Mermaid graph lacks ArchiveWatcher's timer edge"
echo "   report.html $(wc -c < "$WORK/report.html") bytes, report.sarif $(wc -c < "$WORK/report.sarif") bytes"

echo "== the page in a real browser"
(cd "$BROWSER_CHECK" && npm ci --no-audit --no-fund > "$WORK/npm.log" 2>&1) || { cat "$WORK/npm.log"; fail "npm ci failed in $BROWSER_CHECK"; }
mkdir -p "$ROOT/artifacts"
browser_status=0
node "$BROWSER_CHECK/check-report.mjs" "$WORK/report.html" "$WORK/report.sarif" "$ROOT/artifacts/report-screenshot.png" > "$WORK/browser.log" 2>&1 || browser_status=$?
sed 's/^/   /' "$WORK/browser.log"
[ "$browser_status" -eq 0 ] || fail "the browser check failed (exit $browser_status)"
echo "check-report: ok (screenshot: artifacts/report-screenshot.png)"
