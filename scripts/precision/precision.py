#!/usr/bin/env python3
"""Real-code precision ledgers for Ownership Analyzers.

  run     build a library checkout with its own build, the package's analyzers injected, and
          write every OWN finding (rule, file, line, message) to a TSV
  diff    compare a findings TSV with the library's ledger: new findings to triage, true
          findings no longer reported (recall lost), false positives still reported
  summary per-rule precision over ledgers (Wilson 95% intervals), as a Markdown table

A ledger (benchmarks/precision/<library>.tsv) is data only: repository, commit, rule, file,
line, verdict (TP / FP / unsure), cause. No third-party source text goes in it.
"""

import argparse
import csv
import hashlib
import json
import math
import os
import pathlib
import random
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
LEDGERS = ROOT / "benchmarks" / "precision"
LEDGER_COLUMNS = ["repository", "commit", "rule", "level", "file", "line", "verdict", "cause"]

TARGETS = """<Project>
  <!-- Injected by scripts/precision/precision.py: the package's analyzers beside the project's own,
       every finding into a SARIF log per project and target framework, no warning as an error. -->
  <PropertyGroup>
    <ErrorLog>{logs}/$(MSBuildProjectName)-$(TargetFramework).sarif,version=2.1</ErrorLog>
    <RunAnalyzers>true</RunAnalyzers>
    <RunAnalyzersDuringBuild>true</RunAnalyzersDuringBuild>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <CodeAnalysisTreatWarningsAsErrors>false</CodeAnalysisTreatWarningsAsErrors>
    <MSBuildTreatWarningsAsErrors>false</MSBuildTreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <Analyzer Include="{dll}" />
{packages}  </ItemGroup>
  <Target Name="OwnershipPrecisionOptions" BeforeTargets="CoreCompile">
    <ItemGroup>
      <EditorConfigFiles Include="{config}" />
    </ItemGroup>
  </Target>
</Project>
"""


def build_analyzers():
    subprocess.run(["dotnet", "build", str(ROOT / "src" / "Ownership.Analyzers"), "-c", "Release", "-v", "q", "-nologo"], check=True)
    dll = ROOT / "src" / "Ownership.Analyzers" / "bin" / "Release" / "netstandard2.0" / "Ownership.Analyzers.dll"
    if not dll.exists():
        sys.exit(f"not built: {dll}")
    return dll


def default_severities():
    """(rule id, severity) of every rule, from the release tracking files."""
    for name in ("AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md"):
        path = ROOT / "src" / "Ownership.Analyzers" / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            cells = [cell.strip() for cell in line.split("|")]
            if len(cells) >= 3 and cells[0].startswith("OWN") and cells[0][3:].isdigit():
                yield cells[0], {"Warning": "warning", "Info": "suggestion", "Error": "error", "Hidden": "silent"}.get(cells[2], "warning")


# The neighbours whose warnings the package's suppressor answers (--peers): the same versions the
# tests and the benchmark download (tests/…/Reporting/PeerAnalyzers.cs, PeerPackages.cs).
PEER_DLLS = [
    ("microsoft.codeanalysis.netanalyzers", "8.0.0", "Microsoft.CodeAnalysis.NetAnalyzers.dll"),
    ("microsoft.codeanalysis.netanalyzers", "8.0.0", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"),
    ("idisposableanalyzers", "4.0.8", "IDisposableAnalyzers.dll"),
]
PEER_RULES = ["CA2000", "CA2213", "CA1001", "CA2215", "IDISP001", "IDISP002", "IDISP004", "IDISP006", "IDISP010"]


def peer_dlls():
    root = pathlib.Path(os.environ.get("NUGET_PACKAGES") or pathlib.Path.home() / ".nuget" / "packages")
    paths = [root / package / version / "analyzers" / "dotnet" / "cs" / dll for package, version, dll in PEER_DLLS]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        sys.exit("peer analyzers not restored (restore the test project): " + ", ".join(missing))
    return paths


def read_peer_sarif(path, checkout):
    """(rule, file, line, suppressed, justification) of every neighbour report the suppressor could answer."""
    with open(path, encoding="utf-8-sig") as handle:
        log = json.load(handle)
    for run in log.get("runs", []):
        for result in run.get("results", []):
            rule = result.get("ruleId", "")
            if rule not in PEER_RULES:
                continue
            suppressions = result.get("suppressions") or []
            justification = "; ".join(s.get("justification", "") for s in suppressions)
            for location in result.get("locations", [])[:1]:
                file, line = sarif_place(location, checkout)
                yield rule, file, line, bool(suppressions), justification


def sarif_place(location, checkout):
    physical = location.get("physicalLocation", {})
    uri = physical.get("artifactLocation", {}).get("uri", "")
    if uri.startswith("file://"):
        uri = uri[len("file://"):]
    uri = uri.replace("%20", " ")
    try:
        file = os.path.relpath(uri, checkout)
    except ValueError:
        file = uri
    return file, physical.get("region", {}).get("startLine", 0)


def read_sarif(path, checkout):
    with open(path, encoding="utf-8-sig") as handle:
        log = json.load(handle)
    for run in log.get("runs", []):
        for result in run.get("results", []):
            rule = result.get("ruleId", "")
            if not rule.startswith("OWN"):
                continue
            if result.get("suppressions"):
                continue
            level = result.get("level", "warning")
            message = result.get("message", {}).get("text", "")
            for location in result.get("locations", [])[:1]:
                file, line = sarif_place(location, checkout)
                yield rule, level, file, line, message


def cmd_run(args):
    checkout = pathlib.Path(args.checkout).resolve()
    dll = pathlib.Path(args.analyzer).resolve() if args.analyzer else build_analyzers()
    out = pathlib.Path(args.out).resolve()
    with tempfile.TemporaryDirectory(prefix="own-precision.") as temp:
        temp = pathlib.Path(temp)
        logs = temp / "logs"
        logs.mkdir()
        config = temp / "ownership.globalconfig"
        options = ["is_global = true", "global_level = 100"]
        # Every rule at its default severity, by id: a library's own .editorconfig may silence
        # all analyzers in bulk (dotnet_analyzer_diagnostic.severity), which an id-specific entry overrides.
        options += [f"dotnet_diagnostic.{rule}.severity = {severity}" for rule, severity in default_severities()]
        # Info rules are written to the log too: their precision is measured as well.
        options += [line for line in args.option]
        if args.peers:
            options += [f"dotnet_diagnostic.{rule}.severity = warning" for rule in PEER_RULES]
        config.write_text("\n".join(options) + "\n")
        targets = temp / "Ownership.Precision.targets"
        # A dependency version the package mirror does not serve, replaced by one it does.
        packages = "".join(f'    <PackageReference Update="{name}" Version="{version}" />\n'
                           for name, version in (item.split("=", 1) for item in args.package_version))
        # An analyzer package of the library's whose newer mirror version fails its own build.
        packages += "".join(f'    <PackageReference Remove="{name}" />\n' for name in args.remove_package)
        if args.peers:
            packages += "".join(f'    <Analyzer Include="{path}" />\n' for path in peer_dlls())
        targets.write_text(TARGETS.format(logs=logs, dll=dll, config=config, packages=packages))
        status = 0
        for project in args.project:
            command = ["dotnet", "build", str(checkout / project), "-c", "Release", "-nologo", "-v", "q",
                       "-p:UseSharedCompilation=false", "--no-incremental",
                       f"-p:CustomAfterMicrosoftCommonTargets={targets}", "-p:TreatWarningsAsErrors=false",
                       "-p:GenerateDocumentationFile=false", "-p:NuGetAudit=false",
                       "-p:ContinuousIntegrationBuild=false",
                       "-p:RestoreIgnoreFailedSources=true", "-p:EnablePackageValidation=false", "-p:WarningsAsErrors="]
            if args.framework:
                command.append(f"-p:TargetFrameworks={args.framework}")
            command += args.msbuild
            print("+", " ".join(command), file=sys.stderr)
            result = subprocess.run(command, cwd=args.cwd or checkout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            errors = [l for l in result.stdout.splitlines() if ": error " in l]
            if result.returncode != 0:
                status = 1
                print(f"build of {project} failed ({len(errors)} error lines):", file=sys.stderr)
                for line in (errors or result.stdout.splitlines()[-15:])[:20]:
                    print("  " + line.strip(), file=sys.stderr)
            crashes = [l for l in result.stdout.splitlines() if "AD0001" in l]
            for line in crashes[:10]:
                print("AD0001: " + line.strip(), file=sys.stderr)
        if not any(logs.glob("*.sarif")):
            print("no SARIF log was written: the compiler never ran (see the build output above)", file=sys.stderr)
            status = 1
        findings = {}
        for sarif in sorted(logs.glob("*.sarif")):
            for rule, level, file, line, message in read_sarif(sarif, checkout):
                # One finding per place, whichever target frameworks reported it.
                if file.startswith("..") or any(file.startswith(prefix) for prefix in args.exclude):
                    continue
                findings.setdefault((rule, file, line), (level, message))
        peers = {}
        if args.peers:
            for sarif in sorted(logs.glob("*.sarif")):
                for rule, file, line, suppressed, justification in read_peer_sarif(sarif, checkout):
                    if file.startswith("..") or any(file.startswith(prefix) for prefix in args.exclude):
                        continue
                    # Reported by any target framework; suppressed only where every one suppressed it.
                    known = peers.get((rule, file, line))
                    peers[(rule, file, line)] = (suppressed if known is None else known[0] and suppressed, justification or (known[1] if known else ""))
    if args.peers:
        peer_out = out.with_suffix(".peers.tsv")
        with open(peer_out, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["rule", "file", "line", "suppressed", "justification"])
            for (rule, file, line), (suppressed, justification) in sorted(peers.items(), key=lambda item: (item[0][1], item[0][2], item[0][0])):
                writer.writerow([rule, file, line, "yes" if suppressed else "no", justification])
        by_rule = {}
        for (rule, _, _), (suppressed, _) in peers.items():
            total, hidden = by_rule.get(rule, (0, 0))
            by_rule[rule] = (total + 1, hidden + (1 if suppressed else 0))
        for rule, (total, hidden) in sorted(by_rule.items()):
            print(f"{rule}: {total} reported, {hidden} suppressed")
        print(f"{len(peers)} neighbour reports -> {peer_out}")
    rows = sorted(findings.items(), key=lambda item: (item[0][1], item[0][2], item[0][0]))
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["rule", "level", "file", "line", "message"])
        for (rule, file, line), (level, message) in rows:
            writer.writerow([rule, level, file, line, message])
    counts = {}
    for (rule, _, _), (level, _) in rows:
        counts[(rule, level)] = counts.get((rule, level), 0) + 1
    for (rule, level), count in sorted(counts.items()):
        print(f"{rule} {level}: {count}")
    print(f"{len(rows)} findings -> {out}")
    return status


def read_findings(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def read_ledger(path):
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def key(row):
    return (row["rule"], row["file"], str(row["line"]))


def cmd_diff(args):
    findings = read_findings(args.findings)
    ledger = read_ledger(LEDGERS / f"{args.library}.tsv")
    by_key = {key(row): row for row in ledger}
    reported = {key(row) for row in findings}
    new = [row for row in findings if key(row) not in by_key and (args.all or row["level"] == "warning")]
    # A true finding a rule stopped reporting on purpose (its contract changed) says so in its cause.
    dropped = [row for row in ledger if row["verdict"] == "TP" and key(row) not in reported and row["cause"].startswith("dropped by design")]
    lost = [row for row in ledger if row["verdict"] == "TP" and key(row) not in reported and not row["cause"].startswith("dropped by design")]
    still = [row for row in ledger if row["verdict"] == "FP" and key(row) in reported]
    fixed = [row for row in ledger if row["verdict"] == "FP" and key(row) not in reported]
    print(f"{args.library}: {len(findings)} findings, ledger {len(ledger)} rows")
    print(f"  new (not in the ledger, to triage): {len(new)}")
    for row in new:
        print(f"    {row['rule']}\t{row['file']}:{row['line']}\t{row['message']}")
    print(f"  true findings no longer reported (recall lost): {len(lost)}")
    for row in lost:
        print(f"    {row['rule']}\t{row['file']}:{row['line']}\t{row['cause']}")
    print(f"  true findings dropped by design (a rule's contract changed): {len(dropped)}")
    print(f"  false positives still reported: {len(still)}")
    for row in still:
        print(f"    {row['rule']}\t{row['file']}:{row['line']}\t{row['cause']}")
    print(f"  false positives now silent: {len(fixed)}")
    return 1 if lost else 0


def wilson(successes, total, z=1.96):
    if total == 0:
        return (0.0, 0.0)
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def cmd_summary(args):
    rows = []
    for library in args.library:
        for row in read_ledger(LEDGERS / f"{library}.tsv"):
            if args.findings_dir:
                current = pathlib.Path(args.findings_dir) / f"{library}.tsv"
                if current.exists() and key(row) not in {key(r) for r in read_findings(current)}:
                    continue
            row["library"] = library
            rows.append(row)
    per_rule = {}
    for row in rows:
        if row["verdict"] not in ("TP", "FP"):
            continue
        if args.level and row.get("level", "warning") != args.level:
            continue
        tp, fp = per_rule.get(row["rule"], (0, 0))
        per_rule[row["rule"]] = (tp + (row["verdict"] == "TP"), fp + (row["verdict"] == "FP"))
    total_tp = sum(tp for tp, _ in per_rule.values())
    total = sum(tp + fp for tp, fp in per_rule.values())
    print("| Rule | True | False | Precision | 95% interval |")
    print("|---|---:|---:|---:|---|")
    for rule, (tp, fp) in sorted(per_rule.items()):
        low, high = wilson(tp, tp + fp)
        print(f"| {rule} | {tp} | {fp} | {tp / (tp + fp):.2f} | {low:.2f}–{high:.2f} |")
    if total:
        low, high = wilson(total_tp, total)
        print(f"| all | {total_tp} | {total - total_tp} | {total_tp / total:.2f} | {low:.2f}–{high:.2f} |")
    return 0


def cmd_sample(args):
    """A seeded random sample of a findings file's Warning rows, for triage when there are too many."""
    findings = [row for row in read_findings(args.findings) if row["level"] == "warning"]
    rng = random.Random(args.seed)
    sample = findings if len(findings) <= args.size else rng.sample(findings, args.size)
    for row in sorted(sample, key=lambda r: (r["file"], int(r["line"]))):
        print("\t".join([row["rule"], row["file"], row["line"], row["message"]]))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="build a checkout with the analyzers injected and list the findings")
    run.add_argument("checkout")
    run.add_argument("--project", action="append", required=True, help="project or solution, relative to the checkout (repeatable)")
    run.add_argument("--framework", help="build one target framework only")
    run.add_argument("--option", action="append", default=[], help="a line for the analyzers' global config (key = value)")
    run.add_argument("--msbuild", action="append", default=[], help="an extra argument for dotnet build")
    run.add_argument("--exclude", action="append", default=[], help="leave out findings in files under this path prefix (a submodule)")
    run.add_argument("--package-version", action="append", default=[], help="NAME=VERSION: build with this version of a dependency (one the mirror serves)")
    run.add_argument("--remove-package", action="append", default=[], help="build without this package reference (an analyzer whose mirror version fails the build)")
    run.add_argument("--analyzer", help="this Ownership.Analyzers.dll instead of the one built from this repository (an earlier version, for before/after)")
    run.add_argument("--cwd", help="run dotnet from here (a checkout whose global.json pins an SDK that is not installed)")
    run.add_argument("--peers", action="store_true", help="also run CA2000/CA2213/CA1001/CA2215 and the IDISP rules of the same defects, and write <out>.peers.tsv: each report and whether the package's suppressor suppressed it")
    run.add_argument("--out", required=True)
    diff = sub.add_parser("diff", help="compare a findings file with a ledger")
    diff.add_argument("library")
    diff.add_argument("findings")
    diff.add_argument("--all", action="store_true", help="list new Info findings too")
    summary = sub.add_parser("summary", help="per-rule precision over ledgers")
    summary.add_argument("library", nargs="+")
    summary.add_argument("--level", help="only rows of this level (warning, note)")
    summary.add_argument("--findings-dir", help="count only ledger rows still reported in <dir>/<library>.tsv")
    sample = sub.add_parser("sample", help="a seeded random sample of Warning findings")
    sample.add_argument("findings")
    sample.add_argument("--size", type=int, default=60)
    sample.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args()
    return {"run": cmd_run, "diff": cmd_diff, "summary": cmd_summary, "sample": cmd_sample}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
