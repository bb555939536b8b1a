#!/usr/bin/env python3
"""Writes the OwnershipAnalysisMode presets (src/Ownership.Analyzers.Package/build/config/*.globalconfig)
from the descriptors in src/Ownership.Analyzers/Descriptors.cs. Run it after adding a rule or
changing a default severity; a test fails while the presets and the descriptors disagree.

  python3 scripts/presets.py
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "src/Ownership.Analyzers.Package/build/config"

# The 'minimum' preset keeps the rules whose Warning findings on real libraries were true at
# 0.95 or more, over at least five triaged findings (docs/precision.md, "Presets"), and the
# configuration rule (a mistyped option is always worth knowing). Every other rule is off.
MINIMUM = {"OWN001", "OWN502"}

HEADER = """# Ownership Analyzers preset '{mode}', chosen with <OwnershipAnalysisMode>{mode}</OwnershipAnalysisMode>.
# {what}
# Written by scripts/presets.py from the rule descriptors: do not edit by hand.
# Lowest precedence: an entry for the same rule in your .editorconfig or .globalconfig wins.
is_global = true
global_level = -100

"""


# DiagnosticSeverity -> the .editorconfig value that means it.
EDITORCONFIG = {"Error": "error", "Warning": "warning", "Info": "suggestion", "Hidden": "silent"}


def descriptors():
    text = (ROOT / "src/Ownership.Analyzers/Descriptors.cs").read_text()
    return re.findall(r"DiagnosticDescriptor (OWN\d{3}) = .*?DiagnosticSeverity\.(\w+)", text, re.S)


def write(mode, what, severity):
    lines = [HEADER.format(mode=mode, what=what)]
    lines += [f"dotnet_diagnostic.{rule}.severity = {severity(rule, default)}\n" for rule, default in descriptors()]
    (OUT / f"ownership.{mode}.globalconfig").write_text("".join(lines))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write("strict", "Every rule is a warning: the Info rules too (OWN103 reports exception paths).",
          lambda rule, default: "warning")
    write("minimum", "Only the rules real-code triage put at 0.95 precision or more; every other rule is off.",
          lambda rule, default: EDITORCONFIG[default] if rule in MINIMUM else "none")
    write("none", "No rule runs.", lambda rule, default: "none")


if __name__ == "__main__":
    main()
