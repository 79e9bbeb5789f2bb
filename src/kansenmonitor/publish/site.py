"""``kansenmonitor publish RUN_DIR --out SITE_DIR``: the static website of a checked run.

The run folder is re-checked against the output rules first (:mod:`.run`); a folder that
did not pass the gate is refused. The site is built in a temporary sibling folder and moved
into place when complete, so a failed build never leaves half a site. Everything the pages
need is in the folder: the package's own scripts and styles, the data as scripts (the site
works served by ``kansenmonitor serve`` and opened from disk alike) and the downloads.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kansenmonitor import __version__
from kansenmonitor.publish.chapters import CHAPTERS, chapter_of
from kansenmonitor.publish.data import (
    IndicatorMeta,
    as_script,
    code_order,
    indicator_metas,
    indicator_payload,
    site_labels,
)
from kansenmonitor.publish.geo import map_json
from kansenmonitor.publish.labels import format_number
from kansenmonitor.publish.pages import e, explorer_page, layout
from kansenmonitor.publish.run import PublishError, RunOutput, read_checked_run

#: Marker file: a folder holding it was written by ``publish`` and may be replaced.
SITE_MARKER = "site.json"
ASSETS = ("explorer.js", "site.css")


@dataclass
class SiteResult:
    out: Path
    indicators: list[str]
    files: int
    bytes: int
    notes: list[str] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return self.out / "index.html"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def edition_text(run: RunOutput) -> str:
    years = sorted(int(y) for y in run.cube["year"].unique())
    version = (run.manifest or {}).get("code_version") or run.gate.get("kansenmonitor_version", "")
    span = f"{years[0]}-{years[-1]}" if years else "?"
    return f", jaren {span}, versie {version}"


def build_site(run_dir: Path, out: Path, work_dir: Path | None = None, just_checked: bool = False) -> SiteResult:
    """Check ``run_dir`` and build the site into ``out`` (replaced when it is an earlier site);
    ``just_checked``: see :func:`~kansenmonitor.publish.run.read_checked_run`."""
    run = read_checked_run(Path(run_dir), work_dir, just_checked=just_checked)
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():
        raise PublishError(f"{out} exists, is not empty and is not a site written by publish; choose another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.bouw-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        result = _build(run, tmp)
        if out.exists():
            old = out.parent / f".{out.name}.oud-{uuid.uuid4().hex[:8]}"
            os.replace(out, old)
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    files = [p for p in out.rglob("*") if p.is_file()]
    return SiteResult(out, result, len(files), sum(p.stat().st_size for p in files))


def _build(run: RunOutput, site: Path) -> list[str]:
    from kansenmonitor.publish import downloads, factsheet, publication, report

    cube = run.cube
    metas = indicator_metas(run.indicators)
    present = [i for i in metas if i in set(cube["indicator"])]
    edition = edition_text(run)
    order = code_order(run.codes)

    assets = resources.files("kansenmonitor.publish").joinpath("assets")
    (site / "assets").mkdir(parents=True)
    for name in ASSETS:
        (site / "assets" / name).write_bytes(assets.joinpath(name).read_bytes())
    _write(site / "data" / "labels.js", as_script("labels", None, site_labels(run.codes)))
    _write(site / "data" / "geo.js", as_script("geo", None, map_json()))
    for ind, part in cube.groupby("indicator", sort=True):
        if ind not in metas:
            continue
        _write(site / "data" / f"{ind}.js", as_script("data", ind, indicator_payload(part, metas[ind], order)))
        chapter = chapter_of(ind)
        _write(site / "verkenner" / f"{ind}.html",
               explorer_page(metas[ind], chapter_title=chapter.title if chapter else "", edition=edition))
    _write(site / "verkenner" / "index.html", explorer_index(metas, present, edition))
    downloads.write_downloads(run, metas, present, site / "downloads", edition)
    publication.write_publication(run, metas, present, site, edition)
    factsheet.write_factsheet(run, metas, site, edition)
    report.write_report(run, metas, site, edition)

    _write(site / "index.html", home_page(run, metas, present, edition, site))
    _write(site / "toegankelijkheid.html", accessibility_page(edition))
    manifest = {"format": "kansenmonitor-site/1", "kansenmonitor_version": __version__,
                "run_code_version": (run.manifest or {}).get("code_version"),
                "cube_sha256": run.gate["files"]["cube.parquet"]["sha256"],
                "indicators": present, "years": sorted(int(y) for y in cube["year"].unique())}
    _write(site / SITE_MARKER, json.dumps(manifest, indent=2) + "\n")
    return present


def _indicator_list(metas: dict[str, IndicatorMeta], ids: tuple[str, ...], present: list[str], root: str) -> str:
    items = []
    for i in ids:
        if i not in metas:
            continue
        m = metas[i]
        if i in present:
            items.append(f'<li><a href="{root}verkenner/{e(i)}.html">{e(m.name_nl)}</a><br>'
                         f'<span class="km-note">indicator {e(m.number)} · {e(m.unit_nl)}</span></li>')
        else:
            items.append(f'<li>{e(m.name_nl)}<br><span class="km-note">indicator {e(m.number)} · '
                         f'nog niet berekend in deze editie</span></li>')
    return f'<ul class="km-cards">{"".join(items)}</ul>'


def explorer_index(metas: dict[str, IndicatorMeta], present: list[str], edition: str) -> str:
    body = ["<h1>Verkenner</h1>",
            '<p class="km-lead">Kies een indicator. Per indicator maakt u zelf een grafiek, kaart of tabel: '
            "naar groep, jaren en statistiek, met het 95%-interval bij elk cijfer.</p>"]
    for chapter in CHAPTERS:
        body.append(f"<h2>{e(chapter.title)}</h2>")
        for section in chapter.sections:
            body.append(f"<h3>{e(section.title)} <span class=\"km-muted\">({e(section.question)})</span></h3>")
            body.append(_indicator_list(metas, section.indicators, present, "../"))
    return layout("Verkenner", "\n".join(body), root="../", current="verkenner/index.html", edition=edition)


def home_page(run: RunOutput, metas: dict[str, IndicatorMeta], present: list[str], edition: str,
              site: Path) -> str:
    years = sorted(int(y) for y in run.cube["year"].unique())
    gate = run.gate
    pdf_factsheet = ' (ook als <a href="factsheet.pdf">PDF</a>)' if (site / "factsheet.pdf").is_file() else ""
    pdf_report = ' (ook als <a href="rapport.pdf">PDF</a>)' if (site / "rapport.pdf").is_file() else ""
    body = f"""
<h1>Monitor gelijke kansen</h1>
<p class="km-lead">Hoe ontwikkelt de arbeidsmarktpositie van mensen met een niet-westerse migratieachtergrond, vergeleken
met mensen zonder migratieachtergrond? {len(present)} indicatoren, {years[0]}–{years[-1]}.</p>
<ul class="km-cards">
<li><a href="publicatie/index.html">Publicatie</a><br>De uitkomsten per onderzoeksvraag, met tekst en figuren.</li>
<li><a href="verkenner/index.html">Verkenner</a><br>Maak zelf grafieken, kaarten en tabellen per indicator.</li>
<li><a href="factsheet.html">Factsheet</a><br>De kerncijfers van {years[-1]} op één pagina{pdf_factsheet}.</li>
<li><a href="rapport.html">Technisch rapport</a><br>Definities, bronnen, methoden en outputcontrole{pdf_report}.</li>
<li><a href="downloads/index.html">Downloads</a><br>Alle cijfers als CSV, Excel, Parquet en SDMX-CSV.</li>
</ul>
<h2>Onzekerheid en geheimhouding</h2>
<p>Elk cijfer komt met een 95%-betrouwbaarheidsinterval. Een verschil tussen groepen of jaren noemen we alleen als het
interval van dat verschil nul niet bevat. Cijfers over te weinig personen zijn geheim: ze staan er als
<span class="km-sym">.</span> met de reden. Van de {format_number(gate['figures'], 0)} berekende cijfers zijn er
{format_number(gate['published'], 0)} gepubliceerd en {format_number(gate['suppressed'], 0)} geheimgehouden.</p>
<p><a href="toegankelijkheid.html">Toegankelijkheid</a></p>
"""
    return layout("Home", body, current="index.html", edition=edition)


def accessibility_page(edition: str) -> str:
    body = """
<h1>Toegankelijkheid</h1>
<p>Deze site streeft naar WCAG 2.1 niveau AA. Wat we daarvoor doen:</p>
<ul>
<li>elke grafiek en kaart heeft een tabel met dezelfde cijfers (tabblad Tabel) en een tekstbeschrijving;</li>
<li>alle keuzes werken met het toetsenbord; de tabbladen met de pijltjestoetsen; elk punt in een grafiek en elk
gebied op de kaart is met Tab te bereiken en leest zijn cijfer en interval voor;</li>
<li>kleuren zijn kleurenblind-veilig en groepen hebben ook een eigen vorm; geheime cijfers hebben een arcering én een
symbool;</li>
<li>de site werkt zonder internetverbinding en laadt geen code van derden.</li>
</ul>
<p>Bekende beperkingen: de kaart is niet in te zoomen; de toegankelijkheid is nog niet extern getoetst.</p>
"""
    return layout("Toegankelijkheid", body, narrow=True, edition=edition)


def read_site_manifest(site: Path) -> dict:
    return json.loads((Path(site) / SITE_MARKER).read_text(encoding="utf-8"))
