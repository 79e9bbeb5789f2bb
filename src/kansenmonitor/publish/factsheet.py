"""The factsheet: one page (HTML and PDF) with the headline figures and gaps of the latest year.

Headline indicators are those the demo summarises (:data:`kansenmonitor.demo.HEADLINE`) plus
unemployment and participation where the survey figures are published. Each row: both
groups' figures, the difference with its 95 % interval and whether it is significant; the
generated sentence says only what the interval allows (:mod:`.text`).
"""

from __future__ import annotations

from pathlib import Path

from kansenmonitor.publish.data import IndicatorMeta
from kansenmonitor.publish.figures import basis_and_reference, by_migration
from kansenmonitor.publish.labels import format_difference, format_value, is_percentage
from kansenmonitor.publish.pages import layout
from kansenmonitor.publish.pdf import Block, GapBar, GapChart, Heading, Paragraph, Table, to_html, to_pdf
from kansenmonitor.publish.run import RunOutput
from kansenmonitor.publish.text import difference, gap_statement

#: (indicator, variant) of the factsheet, in this order.
HEADLINE: tuple[tuple[str, str], ...] = (
    ("A01", ""), ("A03", ""), ("A04", ""), ("A05", ""), ("A08", ""), ("A09", "primary"), ("A11", ""), ("A12", ""),
    ("A13", ""),
)


def factsheet_blocks(run: RunOutput, metas: dict[str, IndicatorMeta], edition: str) -> list[Block]:
    rows = by_migration(run.cube)
    year = int(run.cube["year"].max())
    table_rows, bars, sentences, missing = [], [], [], []
    for ind, variant in HEADLINE:
        if ind not in metas or rows[(rows["indicator"] == ind) & (rows["variant"] == variant)].empty:
            continue
        meta = metas[ind]
        name = meta.name_nl + (f" ({meta.variant_label(variant)})" if variant else "")
        b, r = basis_and_reference(rows, meta, variant, year)
        if not (b and r and b.usable and r.usable):
            missing.append(name)
            continue
        d = difference(b, r)
        s = gap_statement(name, year, b, r, "personen met een niet-westerse migratieachtergrond",
                          "personen zonder migratieachtergrond", meta.statistic, meta.unit_nl)
        sentences.append(s.text)
        unit = "" if is_percentage(meta.statistic, meta.unit_nl) else f" ({meta.unit_nl})"
        table_rows.append((name + unit, format_value(b.value, meta.statistic, meta.unit_nl),
                           format_value(r.value, meta.statistic, meta.unit_nl),
                           format_difference(d.estimate, meta.statistic, meta.unit_nl).replace(" procentpunt", " pp"),
                           f"{format_difference(d.low, meta.statistic, meta.unit_nl).split(' ')[0]} tot "
                           f"{format_difference(d.high, meta.statistic, meta.unit_nl).split(' ')[0]}",
                           "ja" if d.significant else "nee"))
        if is_percentage(meta.statistic, meta.unit_nl):
            bars.append(GapBar(name, 100 * d.estimate, 100 * d.low, 100 * d.high, d.significant))
    blocks: list[Block] = [
        Heading(1, f"Factsheet Monitor gelijke kansen {year}"),
        Paragraph("Arbeidsmarktpositie van personen met een niet-westerse migratieachtergrond (NW) vergeleken met "
                  f"personen zonder migratieachtergrond (geen), {year}. Verschil = NW min geen, met het "
                  "95%-interval; 'significant' als dat interval nul niet bevat."),
        Table(("Indicator", "NW", "geen", "verschil", "95%-interval", "significant"), tuple(table_rows),
              caption=f"Kerncijfers {year}", widths=(3.2, 1, 1, 1.2, 1.6, 1)),
    ]
    if bars:
        blocks.append(GapChart(f"Verschil NW min geen, {year} (procentpunt)", "procentpunt", tuple(bars)))
    blocks.append(Heading(2, "In woorden"))
    blocks += [Paragraph(t) for t in sentences]
    if missing:
        blocks.append(Paragraph("Niet te vergelijken (een of beide cijfers geheim of onbekend): " + "; ".join(missing)
                                + ".", small=True))
    blocks.append(Paragraph("Bron: CBS-microdata, bewerking kansenmonitor" + edition + ". Alle cijfers zijn door de "
                            "outputcontrole gegaan; geheime cijfers worden niet getoond. Definities en methoden: "
                            "technisch rapport.", small=True))
    return blocks


def write_factsheet(run: RunOutput, metas: dict[str, IndicatorMeta], site: Path, edition: str) -> None:
    blocks = factsheet_blocks(run, metas, edition)
    body = to_html(blocks) + '<p><a href="factsheet.pdf">Factsheet als PDF</a> · <a href="publicatie/index.html">' \
                             "Meer in de publicatie</a></p>"
    (site / "factsheet.html").write_text(layout("Factsheet", body, current="factsheet.html", narrow=True,
                                                edition=edition), encoding="utf-8")
    to_pdf(blocks, site / "factsheet.pdf", "Factsheet Monitor gelijke kansen", footer="Monitor gelijke kansen" + edition)
