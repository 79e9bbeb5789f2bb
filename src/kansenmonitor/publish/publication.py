"""The web publication: one page per chapter (the report's research questions), per indicator
a short generated text that states the figures, and a figure that opens in the explorer.

Texts come from :mod:`.text`: a difference or change is claimed only when its 95 % interval
allows it. Every sentence and its claim is also written to ``data/statements.json`` so that
each claim can be checked against the cube. Each figure has a plain HTML table of the same
numbers under it (readable without JavaScript and by screen readers).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from kansenmonitor.publish.chapters import CHAPTERS, Chapter
from kansenmonitor.publish.data import IndicatorMeta
from kansenmonitor.publish.figures import (
    PHRASES,
    adjusted_methods,
    basis_and_reference,
    by_migration,
    main_variant,
)
from kansenmonitor.publish.labels import METHODS, SYMBOL_WITHHELD, format_value, reason_mark, reason_text
from kansenmonitor.publish.pages import e, layout
from kansenmonitor.publish.run import RunOutput
from kansenmonitor.publish.text import Statement, change_statement, gap_statement

GROUPS = ("none", "western", "nonwestern")


def indicator_statements(rows: pd.DataFrame, meta: IndicatorMeta, years: list[int]) -> list[Statement]:
    """The sentences about one indicator: the gap in the latest year, its change since the
    first year, and the gap after adjustment where the cube has it."""
    part = rows[rows["indicator"] == meta.id]
    if part.empty:
        return []
    variant = main_variant(meta, part)
    name = meta.name_nl + (f" ({meta.variant_label(variant)})" if variant else "")
    last, first = years[-1], years[0]
    out: list[Statement] = []
    b, r = basis_and_reference(part, meta, variant, last)
    if b and r:
        s = gap_statement(name, last, b, r, PHRASES["nonwestern"], PHRASES["none"], meta.statistic, meta.unit_nl)
        if s:
            out.append(s)
    if first != last:
        b0, r0 = basis_and_reference(part, meta, variant, first)
        if b and r and b0 and r0:
            s = change_statement(first, last, (b0, r0), (b, r), meta.statistic, meta.unit_nl)
            if s:
                out.append(s)
    for method in adjusted_methods(part, meta.id):
        ba, ra = basis_and_reference(part, meta, variant, last, adjusted=True, method=method)
        if ba and ra:
            label = METHODS.get(method, (method,))[0]
            s = gap_statement(f"Na correctie voor achtergrondkenmerken ({label})", last, ba, ra, PHRASES["nonwestern"],
                              PHRASES["none"], meta.statistic, meta.unit_nl)
            if s:
                out.append(s)
    return out


def figure_state(meta: IndicatorMeta, variant: str, years: list[int]) -> dict[str, str]:
    state = {"tab": "grafiek", "uitsplitsing": "migration", "groepen": "~".join(GROUPS),
             "jaren": f"{years[0]}-{years[-1]}", "stat": meta.statistic}
    if variant:
        state["variant"] = variant
    return state


def figure_table(rows: pd.DataFrame, meta: IndicatorMeta, variant: str, years: list[int],
                 labels: dict[str, str]) -> str:
    """The figure's numbers as a plain table (value and interval; '.' with reason when withheld)."""
    part = rows[(rows["indicator"] == meta.id) & (rows["variant"] == variant) & ~rows["adjusted"]
                & (rows["statistic"] == meta.statistic)]
    head = "".join(f"<th scope=col>{y}</th>" for y in years)
    body = []
    for g in GROUPS:
        cells = []
        for y in years:
            hit = part[(part["migration"] == g) & (part["year"] == y)]
            if hit.empty:
                cells.append("<td></td>")
                continue
            r = hit.iloc[0]
            if r["suppressed"]:
                cells.append(f'<td class="km-withheld" title="{e(reason_text(r["reason"]))}"><span class="km-sym">'
                             f'{SYMBOL_WITHHELD}</span><sup>{e(reason_mark(r["reason"]))}</sup></td>')
            else:
                cells.append(f"<td>{e(format_value(r['value'], meta.statistic, meta.unit_nl))}<br><small>("
                             f"{e(format_value(r['ci_low'], meta.statistic, meta.unit_nl))} – "
                             f"{e(format_value(r['ci_high'], meta.statistic, meta.unit_nl))})</small></td>")
        body.append(f"<tr><th scope=row>{e(labels.get(g, g))}</th>{''.join(cells)}</tr>")
    return (f'<table class="km-table"><caption>{e(meta.name_nl)} (95%-interval tussen haakjes)</caption>'
            f"<thead><tr><th scope=col>Groep</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _section_html(rows: pd.DataFrame, metas: dict[str, IndicatorMeta], ids: tuple[str, ...], present: list[str],
                  years: list[int], labels: dict[str, str], statements: list[dict], chapter: Chapter) -> str:
    parts = []
    for ind in ids:
        if ind not in metas:
            continue
        meta = metas[ind]
        parts.append(f'<h3 id="{e(ind)}">{e(meta.name_nl)} <span class="km-muted">(indicator {e(meta.number)})</span></h3>')
        if ind not in present:
            parts.append('<p class="km-note">Nog niet berekend in deze editie.</p>')
            continue
        variant = main_variant(meta, rows[rows["indicator"] == ind])
        said = indicator_statements(rows, meta, years)
        for s in said:
            statements.append({"chapter": chapter.slug, "indicator": ind, **s.to_json()})
            parts.append(f'<p class="km-statement">{e(s.text)}</p>')
        if not said:
            parts.append('<p class="km-note">De vergelijking van niet-westerse migratieachtergrond met geen '
                         "migratieachtergrond is voor deze indicator niet te maken: een of beide cijfers zijn geheim "
                         "of ontbreken.</p>")
        state = figure_state(meta, variant, years)
        query = "?" + urlencode(state, safe="~")
        parts.append(
            f'<figure class="km-figure" data-indicator="{e(ind)}" data-state="{e(query)}" data-title="{e(meta.name_nl)}">'
            f"<figcaption>{e(meta.name_nl)}{' — ' + e(meta.variant_label(variant)) if variant else ''}, naar "
            f"migratieachtergrond, {years[0]}–{years[-1]}</figcaption>"
            f'<div class="km-figure-chart"></div>'
            f"<details><summary>Tabel met de cijfers</summary>{figure_table(rows, meta, variant, years, labels)}</details>"
            f'<p><a href="../verkenner/{e(ind)}.html{e(query)}">Open in de verkenner</a> — kies zelf groepen, '
            f"jaren, regio's en statistiek.</p></figure>")
    return "\n".join(parts)


def write_publication(run: RunOutput, metas: dict[str, IndicatorMeta], present: list[str], site: Path,
                      edition: str) -> list[dict]:
    rows = by_migration(run.cube)
    years = sorted(int(y) for y in run.cube["year"].unique())
    codes = run.codes
    labels = {c: nl for c, nl in zip(codes.loc[codes["column"] == "migration", "code"],
                                      codes.loc[codes["column"] == "migration", "label_nl"])}
    statements: list[dict] = []
    toc = []
    for number, chapter in enumerate(CHAPTERS, start=1):
        sections = []
        for section in chapter.sections:
            sections.append(f"<h2>{e(section.title)} <span class=\"km-muted\">(onderzoeksvraag {e(section.question)})"
                            f"</span></h2><p class=\"km-lead\">{e(section.question_text)}</p>")
            sections.append(_section_html(rows, metas, section.indicators, present, years, labels, statements, chapter))
        nav = _chapter_nav(number)
        body = (f'<p class="km-meta"><a href="index.html">Publicatie</a> › hoofdstuk {number}</p>'
                f"<h1>{number}. {e(chapter.title)}</h1><p class=\"km-lead\">{e(chapter.intro)}</p>"
                + _reading_note() + "\n".join(sections) + nav)
        scripts = ("data/labels.js", "data/geo.js",
                   *(f"data/{i}.js" for i in chapter.indicators if i in present), "assets/explorer.js")
        (site / "publicatie").mkdir(parents=True, exist_ok=True)
        (site / "publicatie" / f"{chapter.slug}.html").write_text(
            layout(chapter.title, body, root="../", current="publicatie/index.html", scripts=scripts, narrow=True,
                   edition=edition), encoding="utf-8")
        toc.append(f'<li><a href="{chapter.slug}.html">{number}. {e(chapter.title)}</a><br>{e(chapter.intro)}<ul>'
                   + "".join(f"<li>{e(s.title)} ({e(s.question)})</li>" for s in chapter.sections) + "</ul></li>")
    index = (f"<h1>Publicatie</h1><p class=\"km-lead\">De uitkomsten van de monitor per onderzoeksvraag, {years[0]}–"
             f"{years[-1]}. Eerst de uitkomsten (onderzoeksvragen 3 en 4), daarna de inzet van voorzieningen (de "
             "input): het rapport raadt die volgorde aan (§7.3), zodat input en uitkomsten niet als oorzaak en gevolg "
             "worden gelezen.</p>" + _reading_note() + f"<ol class=\"km-chapters\">{''.join(toc)}</ol>")
    (site / "publicatie" / "index.html").write_text(
        layout("Publicatie", index, root="../", current="publicatie/index.html", narrow=True, edition=edition),
        encoding="utf-8")
    (site / "data" / "statements.json").write_text(json.dumps(statements, ensure_ascii=False, indent=1),
                                                   encoding="utf-8")
    return statements


def _reading_note() -> str:
    return ('<p class="km-note">Leeswijzer: we vergelijken personen met een niet-westerse migratieachtergrond met '
            "personen zonder migratieachtergrond. Een verschil of verandering noemen we alleen als het 95%-interval "
            "ervan nul niet bevat; anders staat er dat het niet significant is. Geheime cijfers staan er als "
            f'<span class="km-sym">{SYMBOL_WITHHELD}</span>.</p>')


def _chapter_nav(number: int) -> str:
    links = []
    if number > 1:
        prev = CHAPTERS[number - 2]
        links.append(f'<a href="{prev.slug}.html">‹ {number - 1}. {e(prev.title)}</a>')
    if number < len(CHAPTERS):
        nxt = CHAPTERS[number]
        links.append(f'<a href="{nxt.slug}.html">{number + 1}. {e(nxt.title)} ›</a>')
    return f'<nav class="km-meta" aria-label="Hoofdstukken">{" · ".join(links)}</nav>'
