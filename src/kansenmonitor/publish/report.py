"""The technical report (HTML and PDF), generated from what produced the figures.

Sources: the run's indicator registry (``indicators.parquet``, written by the same run as
the cube), its code labels (``codes.parquet``), the gate record (``gate.json``: rules and
counts), the cube itself (figures withheld per indicator and reason) and the run manifest
(code version, settings, input files and versions). The report is regenerated with every
site, so it cannot drift from the code that made the figures.

Person counts of the run log (frame exclusions, populations per indicator) stay out: they
have not passed output control. Input files are listed by name, year and version only.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path, PureWindowsPath

import pandas as pd

from kansenmonitor.cube import DIMENSIONS, TOTAL
from kansenmonitor.publish.data import IndicatorMeta, break_descriptions
from kansenmonitor.publish.labels import DIMENSION_LABELS, METHODS, REASONS, STATISTICS, format_number
from kansenmonitor.publish.pages import layout
from kansenmonitor.publish.pdf import Block, Bullets, Definitions, Heading, Paragraph, Table, to_html, to_pdf
from kansenmonitor.publish.run import RunOutput
from kansenmonitor.publish.text import Z95


def _file_name(path: str) -> str:
    return PureWindowsPath(path).name if "\\" in path else Path(path).name


def _population_blocks(run: RunOutput) -> list[Block]:
    blocks: list[Block] = [Heading(2, "2. Populatie en uitsplitsingen", "populatie"),
                           Paragraph("De populatie (rapport §2.1): personen die het hele jaar in Nederland wonen "
                                     "(GBAADRESOBJECTBUS); scholieren, studenten en gepensioneerden (SECMBUS) tellen "
                                     "bij de meeste indicatoren niet mee, wel bij de onderwijs- en inputindicatoren. "
                                     "Elke persoon valt in precies één cel van elke uitsplitsing; wie een kenmerk mist, "
                                     "staat onder 'Onbekend'.")]
    frame = (run.manifest or {}).get("frame", {})
    if frame:
        blocks.append(Definitions(tuple((k, ", ".join(map(str, v)) if isinstance(v, list) else str(v))
                                        for k, v in sorted(frame.items()))))
    codes = run.codes
    for d in DIMENSIONS:
        part = codes[(codes["column"] == d) & (codes["code"] != TOTAL)].sort_values("sort_order")
        if part.empty:
            continue
        rows = []
        for r in part.itertuples(index=False):
            extra = getattr(r, "countries", "") or getattr(r, "rule", "") or ""
            rows.append((r.code, r.label_nl, str(extra)[:120]))
        blocks.append(Table(("code", "omschrijving", "landen / regel"), tuple(rows),
                            caption=f"{DIMENSION_LABELS[d][0]} ({d})", widths=(1, 3, 3)))
    crossings = (run.manifest or {}).get("crossings")
    if crossings:
        names = ["totaal" if not c else " × ".join(DIMENSION_LABELS.get(x, (x,))[0] for x in c) for c in crossings]
        blocks.append(Paragraph("Berekende uitsplitsingen (kruisingen): " + "; ".join(names) + "."))
    return blocks


def _indicator_blocks(run: RunOutput, metas: dict[str, IndicatorMeta]) -> list[Block]:
    cube = run.cube
    present = set(cube["indicator"])
    breaks = break_descriptions()
    blocks: list[Block] = [Heading(2, "3. Indicatoren", "indicatoren"),
                           Paragraph("Per indicator de definitie uit het indicatorregister van deze run, met de "
                                     "paragraaf van het rapport, en daaronder de Engelse werkdefinitie waarvan "
                                     "de Nederlandse tekst een weergave is."
                                     if all(m.dutch_definition for m in metas.values()) else
                                     "Per indicator de definitie uit het indicatorregister van deze run, met de "
                                     "paragraaf van het rapport. Het register van deze run legde de definities "
                                     "alleen in het Engels vast.")]
    for ind, meta in metas.items():
        status = "berekend in deze editie" if ind in present else "nog niet berekend in deze editie"
        pairs = [("Naam", f"{meta.name_nl} / {meta.name_en}"), ("Rapport", meta.paragraph),
                 ("Soort", "uitkomst" if meta.kind == "outcome" else "input"),
                 ("Populatie", meta.population_nl), ("Eenheid en statistiek",
                                                     f"{meta.unit_nl}; {STATISTICS.get(meta.statistic, (meta.statistic,))[0]}"),
                 ("Definitie", meta.definition_nl),
                 *((("Definitie (Engels)", meta.definition_en),) if meta.dutch_definition else ()),
                 ("Bronnen", ", ".join(meta.sources) + (" (enquête)" if meta.source_type == "survey" else " (registers)")),
                 ("Status", status)]
        if meta.variants:
            pairs.append(("Varianten", "; ".join(f"{k or '(geen)'}: {v}" for k, v in meta.variants_nl.items())))
        if meta.breaks:
            pairs.append(("Trendbreuken", "; ".join(f"{y}: {breaks.get(f, f)}" for f, y in meta.breaks)))
        blocks += [Heading(3, f"Indicator {meta.number}: {meta.name_nl}", ind), Definitions(tuple(pairs))]
    return blocks


def _sources_blocks(run: RunOutput) -> list[Block]:
    blocks: list[Block] = [Heading(2, "4. Bronnen en bestandsversies", "bronnen")]
    manifest = run.manifest
    if not manifest:
        return blocks + [Paragraph("Het runmanifest (werkmap van de run) was bij het bouwen niet beschikbaar; de "
                                   "gebruikte bestanden staan daar.")]
    rows = []
    for key, info in sorted(manifest.get("inputs", {}).items()):
        source, _, year = key.partition(":")
        rows.append((source, year if year != "-" else "", _file_name(str(info.get("file", ""))),
                     str(info.get("version", "")), ", ".join(sorted(info.get("excluded", {}) or {})) or "-"))
    blocks.append(Paragraph(f"Code: kansenmonitor {manifest.get('code_version', '?')}; jaren "
                            f"{'-'.join(str(y) for y in manifest.get('years', []))}; "
                            f"{manifest.get('buckets', '?')} persoonsgroepen (buckets)."))
    blocks.append(Table(("bron", "jaar", "bestand", "versie", "uitgesloten records (redenen)"), tuple(rows),
                        caption="Gebruikte bestanden (per jaar de hoogste versie)", widths=(2, 0.8, 4, 0.8, 2.4)))
    blocks.append(Paragraph("Aantallen ingelezen en uitgesloten records en personen staan in het runlog in de "
                            "werkmap; ze zijn niet door de outputcontrole gegaan en staan daarom niet in dit "
                            "rapport.", small=True))
    return blocks


def _breaks_blocks(metas: dict[str, IndicatorMeta]) -> list[Block]:
    breaks = break_descriptions()
    rows = [(f"{m.number}", m.name_nl, str(y), breaks.get(f, f)) for m in metas.values() for f, y in m.breaks]
    return [Heading(2, "5. Trendbreuken", "trendbreuken"),
            Paragraph("Vanaf het genoemde jaar is een reeks niet zonder meer vergelijkbaar met eerdere jaren. In de "
                      "verkenner staat de breuk als stippellijn op de tijdas; in de downloads als vlag."),
            Table(("nr.", "indicator", "vanaf", "toelichting"), tuple(rows), widths=(0.6, 2.5, 0.7, 5))]


def _control_blocks(run: RunOutput) -> list[Block]:
    gate, rules, cube = run.gate, run.gate.get("rules", {}), run.cube
    pairs = (("Minimum aantal personen", f"{rules.get('min_n')} per cijfer"
              + ("; bij aandelen ook voor teller en complement" if rules.get("share_parts_min_n") else "")),
             ("Dominantie", f"een cijfer over bedragen of uren is geheim als de grootste {rules.get('dominance_n')} "
                            f"bijdrage(n) meer dan {format_number(100 * float(rules.get('dominance_k', 0)), 0)}% van "
                            "het totaal is"),
             ("Enquête (EBB)", f"minstens {format_number(float(rules.get('ebb_min_weighted', 0)), 0)} gewogen en "
                               f"{rules.get('ebb_min_n')} ongewogen waarnemingen"),
             ("Niet toegestaan", ", ".join(rules.get("forbidden_statistics", []))),
             ("Secundaire geheimhouding", "cijfers die via optellen of aftrekken een geheim cijfer zouden verraden, "
                                          "worden ook geheimgehouden (hiërarchieën: "
              + "; ".join(f"{h['child']} in {h['parent']}" for h in rules.get("hierarchies", [])) + ")"))
    by_reason = gate.get("suppressed_by_reason", {})
    rows = [(r, REASONS.get(r, ("", r))[1], format_number(n, 0)) for r, n in sorted(by_reason.items())]
    rows.append(("totaal", "geheimgehouden van " + format_number(gate.get("figures", 0), 0) + " cijfers",
                 format_number(gate.get("suppressed", 0), 0)))
    per = (cube[cube["suppressed"]].groupby(["indicator", "reason"]).size().unstack(fill_value=0)
           if cube["suppressed"].any() else pd.DataFrame())
    totals = cube.groupby("indicator").size()
    per_rows = tuple((ind, format_number(int(totals[ind]), 0),
                      *(format_number(int(per.loc[ind, r]) if ind in per.index and r in per.columns else 0, 0)
                        for r in sorted(by_reason))) for ind in sorted(totals.index))
    return [Heading(2, "6. Outputcontrole", "outputcontrole"),
            Paragraph("Alle cijfers zijn door de outputcontrole gegaan (regels van CBS Remote Access); de site is "
                      "gebouwd nadat de uitvoermap opnieuw tegen die regels is gecontroleerd. Een geheim cijfer blijft "
                      "als rij bestaan met een lege waarde, het symbool '.' en de reden; ook de aantallen erbij zijn "
                      "leeg."),
            Definitions(pairs),
            Table(("reden", "betekenis", "aantal cijfers"), tuple(rows), caption="Geheimgehouden cijfers per regel",
                  widths=(1.3, 5, 1.2)),
            Table(("indicator", "cijfers", *sorted(by_reason)), per_rows,
                  caption="Geheimgehouden cijfers per indicator en regel")]


def _methods_blocks(run: RunOutput) -> list[Block]:
    methods = sorted(set(run.cube.loc[run.cube["adjusted"], "method"]))
    items = [f"Elk cijfer heeft een standaardfout (se) en een 95%-betrouwbaarheidsinterval (ci_low, ci_high). Het "
             f"interval van een verschil tussen twee groepen is verschil ± {Z95:.2f} × wortel(se1² + se2²); de groepen "
             "zijn disjunct en dus onafhankelijk.",
             "Teksten noemen een verschil of een verandering alleen als dat interval nul niet bevat. Voor een "
             "verandering tussen jaren worden de jaren als onafhankelijk behandeld; omdat dezelfde personen in "
             "meerdere jaren voorkomen, is dat conservatief.",
             "Indicatoren 1-3 komen uit de Enquête beroepsbevolking: gewogen, met standaardfouten volgens het "
             "steekproefontwerp (personen als clusters van hun peilingen).",
             "Dynamische indicatoren: vervolgperioden die voorbij de gegevens lopen, worden gecensureerd en nooit als "
             "'geen baan' geteld (vlag censored); ontbreekt het SPOLIS-jaar ervoor, dan vlag left_truncated."]
    if methods:
        items.append("Gecorrigeerde cijfers (correctie voor achtergrondkenmerken): "
                     + ", ".join(METHODS.get(m, (m,))[0] for m in methods) + ".")
    else:
        items.append("Deze editie bevat nog geen voor achtergrondkenmerken gecorrigeerde cijfers.")
    return [Heading(2, "7. Methoden", "methoden"), Bullets(tuple(items))]


def report_blocks(run: RunOutput, metas: dict[str, IndicatorMeta], edition: str) -> list[Block]:
    years = sorted(int(y) for y in run.cube["year"].unique())
    gate = run.gate
    intro = [Heading(1, "Technisch rapport Monitor gelijke kansen"),
             Paragraph(f"Dit rapport hoort bij de cijfers van de monitor{edition}. Het is gegenereerd uit "
                       "het indicatorregister, de codelijsten, het runmanifest en de outputcontrole van dezelfde run als "
                       "de cijfers, en loopt daardoor altijd gelijk met de code die ze maakte."),
             Heading(2, "1. Deze editie", "editie"),
             Definitions((("Jaren", f"{years[0]}-{years[-1]}"),
                          ("Cijfers", f"{format_number(gate['figures'], 0)} berekend, {format_number(gate['published'], 0)} "
                                      f"gepubliceerd, {format_number(gate['suppressed'], 0)} geheim"),
                          ("Code", str((run.manifest or {}).get("code_version") or gate.get("kansenmonitor_version"))),
                          ("Kubus (sha256)", gate["files"]["cube.parquet"]["sha256"]),
                          ("Outputcontrole", str(gate.get("format"))))),
             ]
    return (intro + _population_blocks(run) + _indicator_blocks(run, metas) + _sources_blocks(run)
            + _breaks_blocks(metas) + _control_blocks(run) + _methods_blocks(run))


def write_report(run: RunOutput, metas: dict[str, IndicatorMeta], site: Path, edition: str) -> None:
    blocks = report_blocks(run, metas, edition)
    toc = "".join(f'<li><a href="#{escape(b.anchor)}">{escape(b.text)}</a></li>' for b in blocks
                  if isinstance(b, Heading) and b.level == 2 and b.anchor)
    body = (to_html(blocks[:2]) + f'<nav aria-label="Inhoud"><ul class="km-toc">{toc}</ul></nav>'
            + '<p><a href="rapport.pdf">Technisch rapport als PDF</a></p>' + to_html(blocks[2:]))
    (site / "rapport.html").write_text(layout("Technisch rapport", body, current="rapport.html", narrow=True,
                                              edition=edition), encoding="utf-8")
    to_pdf(blocks, site / "rapport.pdf", "Technisch rapport Monitor gelijke kansen",
           footer="Technisch rapport Monitor gelijke kansen" + edition)
    (site / "data" / "report.json").write_text(json.dumps(
        {"indicators": list(metas), "rules": run.gate.get("rules", {}),
         "suppressed_by_reason": run.gate.get("suppressed_by_reason", {})}, indent=1), encoding="utf-8")
