"""HTML of the site's pages: one layout, relative links (the site works from any folder,
served or opened from disk), Dutch text, no external resources."""

from __future__ import annotations

from html import escape

from kansenmonitor.publish.data import IndicatorMeta
from kansenmonitor.publish.geo import CREDIT_NL

SITE_TITLE = "Monitor gelijke kansen"
SITE_SUBTITLE = "Evenredige arbeidsmarktpositie ongeacht migratieachtergrond"

NAV = (("index.html", "Home"), ("publicatie/index.html", "Publicatie"), ("verkenner/index.html", "Verkenner"),
       ("factsheet.html", "Factsheet"), ("rapport.html", "Technisch rapport"), ("downloads/index.html", "Downloads"))


def e(text: object) -> str:
    return escape(str(text), quote=True)


def layout(title: str, body: str, *, root: str = "", current: str = "", scripts: tuple[str, ...] = (),
           narrow: bool = False, edition: str = "") -> str:
    """A complete page. ``root`` is the relative path to the site root (``""`` or ``"../"``)."""
    nav = "".join(f'<li><a href="{root}{href}"' + (' aria-current="page"' if href == current else "") + f">{e(label)}</a></li>"
                  for href, label in NAV)
    script_tags = "".join(f'<script src="{root}{s}"></script>' for s in scripts)
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} — {SITE_TITLE}</title>
<link rel="stylesheet" href="{root}assets/site.css">
</head>
<body>
<a class="km-skip" href="#inhoud">Naar de inhoud</a>
<header class="km-site">
<a class="km-brand" href="{root}index.html">{SITE_TITLE}</a>
<nav aria-label="Hoofdmenu"><ul>{nav}</ul></nav>
</header>
<main id="inhoud"{' class="km-narrow"' if narrow else ''}>
{body}
</main>
<footer class="km-site">
<p>{SITE_TITLE}: {SITE_SUBTITLE}. Berekend met kansenmonitor uit CBS-microdata{e(edition)}; alle cijfers zijn door de
outputcontrole gegaan. Een <span class="km-sym">.</span> betekent: het cijfer is onbekend, onvoldoende betrouwbaar of
geheim. {e(CREDIT_NL)}</p>
</footer>
{script_tags}
</body>
</html>
"""


def explorer_page(meta: IndicatorMeta, root: str = "../", chapter_title: str = "", edition: str = "") -> str:
    """The explorer of one indicator: controls, chart/map/table tabs, downloads, metadata."""
    breaks = "".join(f"<li>{year}: {e(flag)}</li>" for flag, year in meta.breaks) or "<li>geen</li>"
    variants = "".join(f"<li><code>{e(code or '—')}</code> {e(text)}</li>" for code, text in meta.variants_nl.items())
    definition = (f'<dd>{e(meta.definition_nl)}</dd>\n<dd lang="en" class="km-muted">{e(meta.definition_en)}</dd>'
                  if meta.dutch_definition else f'<dd lang="en">{e(meta.definition_en)}</dd>')
    body = f"""
<div class="km-page-head">
<p class="km-meta"><a href="index.html">Verkenner</a>{' › ' + e(chapter_title) if chapter_title else ''}</p>
<h1>{e(meta.name_nl)} <span class="km-muted">(indicator {e(meta.number)})</span></h1>
<p class="km-meta">{e(meta.population_nl)} · eenheid: {e(meta.unit_nl)} · rapport {e(meta.paragraph)} ·
bron: {e(', '.join(meta.sources))}</p>
</div>
<div id="km-explorer" class="km-explorer" data-indicator="{e(meta.id)}">
<form class="km-controls" aria-label="Keuzes voor de weergave" onsubmit="return false"></form>
<div>
<div role="tablist" aria-label="Weergave">
<button type="button" role="tab" id="km-tab-grafiek" data-tab="grafiek" aria-controls="km-panel">Grafiek</button>
<button type="button" role="tab" id="km-tab-kaart" data-tab="kaart" aria-controls="km-panel">Kaart</button>
<button type="button" role="tab" id="km-tab-tabel" data-tab="tabel" aria-controls="km-panel">Tabel</button>
</div>
<section class="km-panel" id="km-panel" role="tabpanel" aria-live="polite">
<noscript><p>De verkenner heeft JavaScript nodig. Alle cijfers staan ook in de downloads hieronder.</p></noscript>
</section>
<div class="km-downloads">
<strong>Downloaden en delen</strong>
<ul>
<li><button type="button" data-download="csv">Deze weergave (CSV)</button></li>
<li><button type="button" data-download="png">Grafiek of kaart (PNG)</button></li>
<li><button type="button" data-download="svg">Grafiek of kaart (SVG)</button></li>
<li><a href="../downloads/{e(meta.id)}.csv" download>Hele indicator (CSV)</a></li>
<li><a href="../downloads/{e(meta.id)}.xlsx" download>Hele indicator (Excel)</a></li>
<li><a href="../downloads/{e(meta.id)}.zip" download>Hele indicator (ZIP met toelichting)</a></li>
<li><button type="button" data-download="link">Link naar deze weergave</button></li>
<li><button type="button" data-download="embed">Insluiten (iframe)</button></li>
</ul>
<label class="km-visually-hidden" for="km-share">Link of insluitcode</label>
<input id="km-share" readonly hidden>
</div>
<details class="km-about">
<summary>Over deze indicator</summary>
<dl class="km-legend">
<dt>Definitie</dt>{definition}
<dt>Populatie</dt><dd>{e(meta.population_nl)}</dd>
<dt>Rapport</dt><dd>{e(meta.paragraph)} (<a href="../rapport.html#{e(meta.id)}">technisch rapport</a>)</dd>
<dt>Bronnen</dt><dd>{e(', '.join(meta.sources))} ({'enquête' if meta.source_type == 'survey' else 'registers'})</dd>
<dt>Trendbreuken</dt><dd><ul>{breaks}</ul></dd>
{f'<dt>Varianten</dt><dd><ul>{variants}</ul></dd>' if variants else ''}
<dt>Intervallen</dt><dd>Elk cijfer heeft een 95%-betrouwbaarheidsinterval. Verschillen tussen groepen: het interval
van het verschil is berekend uit de standaardfouten van beide groepen (onafhankelijke groepen).</dd>
</dl>
</details>
</div>
</div>
"""
    return layout(meta.name_nl, body, root=root, current="verkenner/index.html",
                  scripts=("data/labels.js", "data/geo.js", f"data/{meta.id}.js", "assets/explorer.js"),
                  edition=edition)
