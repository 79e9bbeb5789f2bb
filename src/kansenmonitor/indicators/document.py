"""Documentation generated from the indicator registry (never written by hand).

``kansenmonitor indicators`` prints it; ``docs/indicators.md`` is its committed copy and a
test keeps the two in step, so the documentation always says what the code computes.
"""

from __future__ import annotations

from kansenmonitor.indicators.registry import INDICATORS, Indicator


def _entry(ind: Indicator) -> list[str]:
    lines = [f"### {ind.id} — {ind.name_nl} / {ind.name_en}", "",
             "| | |", "| --- | --- |",
             f"| populatie / population | {ind.population_nl} / {ind.population_en} |",
             f"| eenheid / unit | {ind.unit_nl} / {ind.unit_en} ({ind.statistic}) |",
             f"| bronnen / sources | {', '.join(ind.sources)} |",
             f"| rapport / report | {ind.paragraph} |",
             f"| soort / kind | {ind.kind}, {ind.source_type} data"
             + ("; dominance rule applies (magnitude)" if ind.magnitude else "") + " |"]
    if ind.first_year:
        lines.append(f"| vanaf / from | {ind.first_year} |")
    if ind.keeps_students:
        lines.append("| scholieren en studenten / pupils and students | kept in the population |")
    lines += ["", f"Definitie: {ind.definition_nl}", "", f"Definition: {ind.definition_en}", ""]
    if ind.variants:
        lines.append("Varianten / variants (cube column `variant`):")
        lines += [f"- `{code or '(empty)'}`: {ind.variants_nl[code]} / {text}" for code, text in ind.variants.items()]
        lines.append("")
    if ind.trend_breaks:
        lines.append("Trend breaks (cube column `flags`):")
        lines += [f"- `{b.flag}` from {b.from_year}: {b.description_en}" for b in ind.trend_breaks]
        lines.append("")
    return lines


def registry_markdown() -> str:
    """The registry as Markdown: input indicators first, then outcome indicators (report §7.3)."""
    lines = ["# Indicators of the monitor", "",
             "Generated from `kansenmonitor.indicators.registry` by `kansenmonitor indicators`; "
             "do not edit by hand. Input indicators come before outcome indicators, so that no "
             "causal link is suggested (report §7.3).", ""]
    for kind, title in (("input", "## Input indicators"), ("outcome", "## Outcome indicators")):
        lines += [title, ""]
        for ind in INDICATORS.values():
            if ind.kind == kind:
                lines += _entry(ind)
    return "\n".join(lines).rstrip() + "\n"
