#!/usr/bin/env bash
# Packs Ownership.Analyzers the way it ships and checks it from a consumer's side:
#   1. the nupkg layout: both assemblies in analyzers/dotnet/cs, nothing in lib/, no dependencies;
#   2. the assemblies reference Roslyn 4.8 and nothing newer (they must load in the .NET 8 SDK
#      and Visual Studio 17.8);
#   3. a fresh console project that takes the package with a PackageReference (no project
#      references) gets the Warning rules (OWN203) on the sample's code, and the Info ones (OWN101, OWN102) only with the strict preset.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMPLE="$ROOT/samples/LeakyArchiver"
ROSLYN_FLOOR=4.8.0.0
# What Roslyn 4.8 itself is built against (and VS 17.8 loads); a newer reference fails to load there.
BCL_FLOOR=7.0.0.0

WORK="$(mktemp -d "${TMPDIR:-/tmp}/own-check-package.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

fail() { echo "check-package: FAIL: $*" >&2; exit 1; }
# version_le A B: A <= B for dotted numeric versions.
version_le() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$1" ]; }

echo "== pack"
[ -f "$ROOT/README.md" ] || fail "README.md is missing at the repository root; the package ships it as its readme"
if ! dotnet pack "$ROOT/src/Ownership.Analyzers.Package" -c Release -o "$WORK/feed" -nologo > "$WORK/pack.log" 2>&1; then
    cat "$WORK/pack.log"; fail "dotnet pack failed"
fi
shopt -s nullglob
packages=("$WORK"/feed/Ownership.Analyzers.*.nupkg)
shopt -u nullglob
[ "${#packages[@]}" -eq 1 ] || fail "expected exactly one Ownership.Analyzers nupkg, found ${#packages[@]}: ${packages[*]-}"
NUPKG="${packages[0]}"
VERSION="$(basename "$NUPKG" .nupkg)"; VERSION="${VERSION#Ownership.Analyzers.}"
echo "   $(basename "$NUPKG")"

echo "== layout"
unzip -Z1 "$NUPKG" | sort > "$WORK/entries.txt"
sed 's/^/   /' "$WORK/entries.txt"
for dll in Ownership.Analyzers.dll Ownership.Analyzers.CodeFixes.dll; do
    grep -qx "analyzers/dotnet/cs/$dll" "$WORK/entries.txt" || fail "analyzers/dotnet/cs/$dll is missing"
done
! grep -q '^lib/' "$WORK/entries.txt" || fail "the package has a lib/ folder: $(grep '^lib/' "$WORK/entries.txt" | tr '\n' ' ')"
dlls="$(grep -i '\.dll$' "$WORK/entries.txt" | tr '\n' ' ')"
[ "$dlls" = "analyzers/dotnet/cs/Ownership.Analyzers.CodeFixes.dll analyzers/dotnet/cs/Ownership.Analyzers.dll " ] \
    || fail "unexpected assemblies in the package: $dlls"
grep -qx 'README.md' "$WORK/entries.txt" || fail "README.md is not in the package"
unzip -p "$NUPKG" Ownership.Analyzers.nuspec > "$WORK/nuspec.xml"
grep -q '<developmentDependency>true</developmentDependency>' "$WORK/nuspec.xml" || fail "the nuspec does not mark a development dependency"
! grep -q '<dependency ' "$WORK/nuspec.xml" || fail "the package declares dependencies: $(grep '<dependency ' "$WORK/nuspec.xml")"

echo "== assembly references"
mkdir -p "$WORK/dlls"
unzip -q -j "$NUPKG" 'analyzers/dotnet/cs/*.dll' -d "$WORK/dlls"
dotnet run "$ROOT/.ci/AssemblyReferences.cs" -- "$WORK"/dlls/*.dll > "$WORK/refs.txt" 2> "$WORK/refs.err" \
    || { cat "$WORK/refs.err" "$WORK/refs.txt"; fail "could not read the assembly references"; }
sed 's/^/   /' "$WORK/refs.txt"
grep -qx "Ownership.Analyzers.dll: Microsoft.CodeAnalysis $ROSLYN_FLOOR" "$WORK/refs.txt" \
    || fail "Ownership.Analyzers.dll does not reference Microsoft.CodeAnalysis $ROSLYN_FLOOR"
while read -r file name version; do
    case "$name" in
        Microsoft.CodeAnalysis|Microsoft.CodeAnalysis.*)
            version_le "$version" "$ROSLYN_FLOOR" || fail "$file references $name $version, newer than $ROSLYN_FLOOR" ;;
        System.Collections.Immutable|System.Reflection.Metadata|System.Composition|System.Composition.*)
            version_le "$version" "$BCL_FLOOR" || fail "$file references $name $version, newer than $BCL_FLOOR (hosts at the Roslyn 4.8 floor ship 7.0)" ;;
    esac
done < "$WORK/refs.txt"

echo "== consumer project with PackageReference Ownership.Analyzers $VERSION"
CONSUMER="$WORK/consumer"
mkdir -p "$CONSUMER"
# Empty Directory.Build.* files stop MSBuild from picking up any found above the temp folder.
printf '<Project />\n' > "$WORK/Directory.Build.props"
printf '<Project />\n' > "$WORK/Directory.Build.targets"
cp "$SAMPLE"/*.cs "$CONSUMER/"
cat > "$CONSUMER/Consumer.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Ownership.Analyzers" Version="[$VERSION]" PrivateAssets="all" />
  </ItemGroup>
</Project>
CSPROJ
# The local feed is added to the usual sources (not replacing them).
cat > "$WORK/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="ownership-local" value="$WORK/feed" />
  </packageSources>
</configuration>
CONFIG
# A private packages folder: a previously restored package of the same version must not be used.
export NUGET_PACKAGES="$WORK/packages"
if ! dotnet build "$CONSUMER/Consumer.csproj" -nologo > "$WORK/consumer.log" 2>&1; then
    cat "$WORK/consumer.log"; fail "the consumer project does not build"
fi
[ -f "$NUGET_PACKAGES/ownership.analyzers/$VERSION/analyzers/dotnet/cs/Ownership.Analyzers.dll" ] \
    || fail "the consumer did not restore Ownership.Analyzers $VERSION from the local feed"
grep 'warning OWN' "$WORK/consumer.log" | sort -u | sed 's/^/   /'
# By default only the rules real-code triage put at 0.80 precision are warnings: of the sample's,
# OWN203 (a member overwritten while it still owns a writer); OWN101, OWN102, OWN404 and OWN405 are Info (SeverityCalibrationTests).
grep -q 'warning OWN101' "$WORK/consumer.log" && fail "OWN101 is Info by default, but the consumer reports it as a warning"
for id in OWN203; do
    grep -q "warning $id:.*($(printf '%s' 'https://[^)]*/docs/rules/')$id\.md)" "$WORK/consumer.log" \
        || fail "the packaged analyzer did not report $id (with its help link) on the sample"
done

# The presets: the same consumer rebuilt with each OwnershipAnalysisMode, and the rule ids
# that end up as warnings compared with what the preset promises.
# preset_warnings MODE: the sorted, distinct OWN ids the consumer's build reports as warnings.
preset_warnings() {
    if ! dotnet build "$CONSUMER/Consumer.csproj" -nologo --no-restore --no-incremental "-p:OwnershipAnalysisMode=$1" > "$WORK/preset-$1.log" 2>&1; then
        cat "$WORK/preset-$1.log"; fail "the consumer project does not build with OwnershipAnalysisMode=$1"
    fi
    { grep -o 'warning OWN[0-9]*' "$WORK/preset-$1.log" || true; } | sed 's/warning //' | sort -u | tr '\n' ' '
}
recommended="$(grep -o 'warning OWN[0-9]*' "$WORK/consumer.log" | sed 's/warning //' | sort -u | tr '\n' ' ')"
# An Info finding (OWN103, an exception path), a warning only in the strict preset.
cp "$ROOT/.ci/PresetProbe.cs" "$CONSUMER/"
echo "== presets"
default_mode="$(preset_warnings recommended)"
strict="$(preset_warnings strict)"
minimum="$(preset_warnings minimum)"
none="$(preset_warnings none)"
unknown="$(preset_warnings strcit)"
printf '   recommended: %s\n   strict: %s\n   minimum: %s\n   none: %s\n' "$default_mode" "$strict" "$minimum" "$none"
[ "$default_mode" = "$recommended" ] \
    || fail "OwnershipAnalysisMode=recommended reports '$default_mode', the defaults report '$recommended'"
for id in OWN101 OWN102 OWN103; do
    case " $strict " in *" $id "*) ;; *) fail "OwnershipAnalysisMode=strict does not raise the Info rule $id to a warning: '$strict'" ;; esac
done
for id in $default_mode; do
    case " $strict " in *" $id "*) ;; *) fail "OwnershipAnalysisMode=strict lost the warning $id" ;; esac
done
[ -z "$none" ] || fail "OwnershipAnalysisMode=none still reports: $none"
# minimum keeps exactly the rules its config keeps at warning (the ones real-code triage put at
# 0.95 precision or more), so the sample's OWN101 and OWN102 are gone.
kept="$(grep -o 'OWN[0-9]*\.severity = warning' "$ROOT/src/Ownership.Analyzers.Package/build/config/ownership.minimum.globalconfig" | sed 's/\..*//' | tr '\n' ' ')"
for id in $minimum; do
    case " $kept " in *" $id "*) ;; *) fail "OwnershipAnalysisMode=minimum reports $id, which the preset turns off" ;; esac
done
case " $minimum " in *" OWN101 "*|*" OWN102 "*) fail "OwnershipAnalysisMode=minimum still reports OWN101/OWN102: '$minimum'" ;; esac
grep -q "warning OWN001: OwnershipAnalysisMode 'strcit' is not a preset" "$WORK/preset-strcit.log" \
    || fail "an unknown OwnershipAnalysisMode is not reported"
[ "$unknown" = "$(printf '%s\n' OWN001 $recommended | sort -u | tr '\n' ' ')" ] \
    || fail "an unknown OwnershipAnalysisMode should keep the defaults: '$unknown'"

# The baseline (docs/baseline.md): written with one command, it silences exactly today's findings;
# lines moving above them keep them silenced, and a new leak is still reported. Strict preset, so
# that the sample's Info findings count too.
echo "== baseline"
BASE="$WORK/baseline"
mkdir -p "$BASE"
cp "$SAMPLE"/*.cs "$BASE/"
sed 's|</PropertyGroup>|  <OwnershipAnalysisMode>strict</OwnershipAnalysisMode>\n  </PropertyGroup>|' "$CONSUMER/Consumer.csproj" > "$BASE/Baseline.csproj"
if ! dotnet build "$BASE/Baseline.csproj" -nologo -t:OwnershipBaseline > "$WORK/baseline-write.log" 2>&1; then
    cat "$WORK/baseline-write.log"; fail "dotnet build -t:OwnershipBaseline failed"
fi
[ -f "$BASE/ownership.baseline.json" ] || { cat "$WORK/baseline-write.log"; fail "dotnet build -t:OwnershipBaseline wrote no ownership.baseline.json"; }
entries="$(grep -c '"rule": "OWN' "$BASE/ownership.baseline.json" || true)"
echo "   $entries entries"
[ "$entries" -gt 0 ] || fail "the baseline of the sample lists no finding"
# baseline_build NAME: builds the baseline consumer and prints the OWN warnings it reports.
baseline_build() {
    if ! dotnet build "$BASE/Baseline.csproj" -nologo --no-restore --no-incremental > "$WORK/baseline-$1.log" 2>&1; then
        cat "$WORK/baseline-$1.log"; fail "the baseline consumer does not build ($1)"
    fi
    { grep -o 'warning OWN[0-9]*:[^[]*' "$WORK/baseline-$1.log" || true; } | sort -u
}
after="$(baseline_build clean)"
[ -z "$after" ] || fail "findings in the baseline are still reported: $after"
for file in "$BASE"/*.cs; do
    { printf '// Lines added above the findings: the baseline must still match them.\n\n\n'; cat "$file"; } > "$file.moved" && mv "$file.moved" "$file"
done
moved="$(baseline_build moved)"
[ -z "$moved" ] || fail "findings in the baseline are reported again after lines moved: $moved"
cat > "$BASE/NewLeak.cs" <<'CS'
public static class NewLeak
{
    public static int FirstByte(string path)
    {
        var file = System.IO.File.OpenRead(path);
        return file.ReadByte();
    }
}
CS
fresh="$(baseline_build new-leak)"
case "$fresh" in *"warning OWN101"*) ;; *) fail "a new leak is not reported with a baseline in place: '$fresh'" ;; esac
[ "$(printf '%s\n' "$fresh" | grep -c .)" -eq 1 ] || fail "a new leak should be the only finding reported: $fresh"

echo "check-package: OK (Ownership.Analyzers $VERSION)"
