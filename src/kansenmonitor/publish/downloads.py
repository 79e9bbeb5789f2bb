"""Downloads: every indicator as CSV, Excel (with a metadata sheet) and a ZIP with README and
metadata; the whole cube as Parquet, CSV and SDMX-CSV with its code lists.

All tables come from the checked cube: a withheld figure keeps its row with the numbers
empty, the CBS symbol ``.`` and its reason. Nothing else is computed here.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pandas as pd

from kansenmonitor.cube import DIMENSIONS, TOTAL
from kansenmonitor.publish.data import IndicatorMeta, break_descriptions
from kansenmonitor.publish.labels import REASONS, SYMBOL_WITHHELD, reason_text
from kansenmonitor.publish.pages import e, layout
from kansenmonitor.publish.run import RunOutput
from kansenmonitor.publish.sdmx import write_sdmx
from kansenmonitor.publish.xlsx import write_xlsx

COLUMNS_NL = {
    "indicator": "indicatorcode (bijlage A van het rapport)", "variant": "variant van de indicator (leeg: de indicator zelf)",
    "jaar": "verslagjaar", "groep": "de groep in woorden",
    **{d: f"code van {d} (T = totaal)" for d in DIMENSIONS},
    "statistiek": "share = aandeel (0-1), mean = gemiddelde, ...", "gecorrigeerd": "true: gecorrigeerd voor "
    "achtergrondkenmerken", "methode": "correctiemethode (leeg: ongecorrigeerd)",
    "waarde": "het cijfer (leeg als het geheim of onbekend is)", "se": "standaardfout",
    "ci_low": "ondergrens 95%-interval", "ci_high": "bovengrens 95%-interval", "n": "aantal personen (ongewogen)",
    "n_gewogen": "gewogen aantal", "symbool": "CBS-symbool: '.' = onbekend, onvoldoende betrouwbaar of geheim",
    "reden": "reden van geheimhouding (code)", "reden_tekst": "reden in woorden", "vlaggen": "trendbreuk- en "
    "kwaliteitsvlaggen",
}


def _labels(codes: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {(c, k): nl for c, k, nl in zip(codes["column"], codes["code"], codes["label_nl"])}


def indicator_table(part: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """The indicator's rows in long format with Dutch column names, group labels and symbols."""
    labels = _labels(codes)
    groups = []
    for row in part[list(DIMENSIONS)].itertuples(index=False):
        names = [labels.get((d, c), c) for d, c in zip(DIMENSIONS, row) if c != TOTAL]
        groups.append(" · ".join(names) or "Totaal")
    withheld = part["suppressed"].to_numpy(dtype=bool)
    out = pd.DataFrame({"indicator": part["indicator"].to_numpy(), "variant": part["variant"].to_numpy(),
                        "jaar": part["year"].to_numpy(), "groep": groups,
                        **{d: part[d].to_numpy() for d in DIMENSIONS},
                        "statistiek": part["statistic"].to_numpy(), "gecorrigeerd": part["adjusted"].to_numpy(),
                        "methode": part["method"].to_numpy(),
                        "waarde": part["value"].to_numpy(), "se": part["se"].to_numpy(),
                        "ci_low": part["ci_low"].to_numpy(), "ci_high": part["ci_high"].to_numpy(),
                        "n": part["n"].astype("Int64").reset_index(drop=True), "n_gewogen": part["n_weighted"].to_numpy(),
                        "symbool": [SYMBOL_WITHHELD if w else "" for w in withheld],
                        "reden": part["reason"].to_numpy(),
                        "reden_tekst": [reason_text(r) if r else "" for r in part["reason"]],
                        "vlaggen": part["flags"].to_numpy()})
    return out.reset_index(drop=True)


def metadata(meta: IndicatorMeta, run: RunOutput, edition: str) -> dict:
    breaks = break_descriptions()
    return {
        "indicator": meta.id, "nummer": meta.number, "naam": meta.name_nl, "name_en": meta.name_en,
        "populatie": meta.population_nl, "eenheid": meta.unit_nl, "statistiek": meta.statistic,
        "definitie": meta.definition_nl, "definitie_en": meta.definition_en, "rapportparagraaf": meta.paragraph,
        "bronnen": list(meta.sources), "soort_bron": meta.source_type, "varianten": meta.variants_nl,
        "varianten_en": meta.variants,
        "trendbreuken": [{"vlag": f, "vanaf": y, "toelichting": breaks.get(f, "")} for f, y in meta.breaks],
        "editie": edition.strip(", "), "symbolen": {SYMBOL_WITHHELD: "het cijfer is onbekend, onvoldoende betrouwbaar "
                                                                   "of geheim"},
        "redenen": {k: v[1] for k, v in REASONS.items()},
        "outputcontrole": run.gate.get("rules", {}), "kolommen": COLUMNS_NL,
        "interval": "95%-betrouwbaarheidsinterval (ci_low, ci_high); se is de standaardfout",
    }


def readme(meta: IndicatorMeta, edition: str) -> str:
    return f"""Monitor gelijke kansen — {meta.name_nl} (indicator {meta.number})
{'=' * 60}

Bestanden
  {meta.id}.csv       alle cijfers van deze indicator (UTF-8, komma-gescheiden, decimale punt)
  metadata.json    definitie, populatie, bronnen, trendbreuken, kolommen, regels van de outputcontrole
  README.txt       dit bestand

Inhoud
  Eén rij per cijfer: jaar, groep (codes per uitsplitsing, T = totaal), statistiek, waarde, standaardfout,
  95%-interval en aantal personen. Aandelen staan als fractie (0-1), niet als percentage.

Geheime en onbekende cijfers
  Een cijfer dat de outputcontrole niet vrijgaf, staat er met een lege waarde, het CBS-symbool '.'
  in de kolom 'symbool' en de reden in 'reden' en 'reden_tekst'. De aantallen van zo'n cijfer zijn ook leeg.

Definitie (rapport {meta.paragraph})
  {meta.definition_nl}
{_english_definition(meta)}
Bron
  Berekend met kansenmonitor uit CBS-microdata{edition}. Bronbestanden: {', '.join(meta.sources)}.
  Zie het technisch rapport (rapport.html / rapport.pdf) voor populatie, methoden en outputcontrole.
"""


def _english_definition(meta: IndicatorMeta) -> str:
    if not meta.dutch_definition:
        return ""
    return f"""
Definitie in het Engels (werkdefinitie)
  {meta.definition_en}
"""


def _xlsx(table: pd.DataFrame, meta: dict, path: Path) -> None:
    """The indicator as Excel: sheets Cijfers (the table), Metadata and Verklaring (legend)."""
    info = pd.DataFrame({"veld": list(meta), "waarde": [
        json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else str(v) for v in meta.values()]})
    legend = pd.DataFrame(
        [*COLUMNS_NL.items(), (SYMBOL_WITHHELD, "het cijfer is onbekend, onvoldoende betrouwbaar of geheim"),
         *((key, text) for key, (_, text, _) in REASONS.items())], columns=["kolom of symbool", "betekenis"])
    write_xlsx(path, [("Cijfers", table), ("Metadata", info), ("Verklaring", legend)])


def _csv(table: pd.DataFrame) -> str:
    return table.to_csv(index=False, lineterminator="\n", float_format=None)


def write_downloads(run: RunOutput, metas: dict[str, IndicatorMeta], present: list[str], folder: Path,
                    edition: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for ind, part in run.cube.groupby("indicator", sort=True):
        if ind not in metas:
            continue
        table = indicator_table(part, run.codes)
        meta = metadata(metas[ind], run, edition)
        text = _csv(table)
        (folder / f"{ind}.csv").write_text(text, encoding="utf-8", newline="")
        _xlsx(table, meta, folder / f"{ind}.xlsx")
        with zipfile.ZipFile(folder / f"{ind}.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.writestr(f"{ind}.csv", text)
            z.writestr("metadata.json", json.dumps(meta, ensure_ascii=False, indent=2))
            z.writestr("README.txt", readme(metas[ind], edition))
    cube_dir = folder / "kubus"
    cube_dir.mkdir()
    for name in ("cube.parquet", "cube.csv", "codes.parquet", "indicators.parquet"):
        shutil.copyfile(run.directory / name, cube_dir / name)
    run.codes.to_csv(cube_dir / "codes.csv", index=False, lineterminator="\n")
    run.indicators.to_csv(cube_dir / "indicators.csv", index=False, lineterminator="\n")
    write_sdmx(run.cube, run.codes, run.indicators, cube_dir / "sdmx")
    (cube_dir / "README.txt").write_text(cube_readme(edition), encoding="utf-8")
    (folder / "index.html").write_text(downloads_page(metas, present, folder, edition), encoding="utf-8")


def cube_readme(edition: str) -> str:
    return f"""Monitor gelijke kansen — de hele uitkomstenkubus{edition}

cube.parquet, cube.csv   alle cijfers, één rij per cijfer (kolommen: shared/spec/cube.md); geheime cijfers
                         hebben suppressed = true, een reden en lege getallen
codes.parquet/.csv       Nederlandse en Engelse namen van alle codes
indicators.parquet/.csv  het indicatorregister (naam, definitie, populatie, bronnen, trendbreuken)
sdmx/data.csv            dezelfde cijfers als SDMX-CSV 2.0 (dataflow KANSENMONITOR:DF_GELIJKE_KANSEN(1.0))
sdmx/codelists.csv       de codelijsten (CODELIST, CODE, NAME_NL, NAME_EN)
sdmx/structure.csv       welke kolom dimensie, maat of attribuut is, met zijn codelijst
"""


def _size(path: Path) -> str:
    b = path.stat().st_size
    return f"{b / 1e6:.1f} MB".replace(".", ",") if b >= 1e6 else f"{max(1, round(b / 1e3))} kB"


def downloads_page(metas: dict[str, IndicatorMeta], present: list[str], folder: Path, edition: str) -> str:
    rows = []
    for ind in present:
        links = " · ".join(f'<a href="{ind}.{ext}" download>{label}</a> <span class="km-note">({_size(folder / f"{ind}.{ext}")})</span>'
                           for ext, label in (("csv", "CSV"), ("xlsx", "Excel"), ("zip", "ZIP")))
        rows.append(f"<tr><th scope=row><a href=\"../verkenner/{ind}.html\">{e(metas[ind].name_nl)}</a></th>"
                    f"<td>{e(metas[ind].number)}</td><td>{links}</td></tr>")
    cube = folder / "kubus"
    cube_links = "".join(f'<li><a href="kubus/{p}" download>{p}</a> <span class="km-note">({_size(cube / p)})</span> — {e(t)}</li>'
                         for p, t in (("cube.parquet", "alle cijfers (Parquet)"), ("cube.csv", "alle cijfers (CSV)"),
                                      ("sdmx/data.csv", "alle cijfers als SDMX-CSV 2.0"),
                                      ("sdmx/codelists.csv", "codelijsten"), ("sdmx/structure.csv", "structuur"),
                                      ("codes.csv", "namen van alle codes"), ("indicators.csv", "indicatorregister"),
                                      ("README.txt", "toelichting")))
    body = f"""
<h1>Downloads</h1>
<p class="km-lead">Alle cijfers van de monitor. Elk bestand bevat het 95%-interval en het aantal personen; geheime of
onbekende cijfers staan erin met een lege waarde, het symbool <span class="km-sym">.</span> en de reden.</p>
<h2>Per indicator</h2>
<p>CSV en Excel (met een blad Metadata en een blad Verklaring), of een ZIP met de CSV, een README en metadata (JSON).
De weergave die u in de verkenner maakt, downloadt u daar (CSV, PNG, SVG).</p>
<table class="km-plain"><thead><tr><th scope=col>Indicator</th><th scope=col>nr.</th><th scope=col>Bestanden</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<h2>De hele kubus</h2>
<ul>{cube_links}</ul>
"""
    return layout("Downloads", body, root="../", current="downloads/index.html", edition=edition)
