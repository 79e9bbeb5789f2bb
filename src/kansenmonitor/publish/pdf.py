"""One document, two renderings: a list of blocks written as HTML and as PDF (fpdf2).

The factsheet and the technical report are built once as blocks (headings, paragraphs,
lists, definition lists, tables, a gap chart) and rendered by :func:`to_html` and
:func:`to_pdf`, so the HTML and the PDF always say the same. fpdf2 is pure Python (no
system libraries); its built-in Helvetica covers Latin-1, so the few other characters are
replaced (:func:`latin1`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Definitions:
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    widths: tuple[float, ...] = ()  # relative column widths for the PDF


@dataclass(frozen=True)
class GapBar:
    label: str
    estimate: float
    low: float
    high: float
    significant: bool


@dataclass(frozen=True)
class GapChart:
    """Differences with their 95 % intervals on one axis (e.g. percentage points)."""

    title: str
    unit: str
    bars: tuple[GapBar, ...] = field(default_factory=tuple)


Block = Heading | Paragraph | Bullets | Definitions | Table | GapChart

#: After a text block: back to the left margin, on the next line; ragged right.
_NEXT = {"new_x": "LMARGIN", "new_y": "NEXT", "align": "L"}

_REPLACE = {"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
            "\u2265": ">=", "\u2264": "<=", "\u20ac": "EUR", "\u2026": "...", "\u2009": " ", "\u00a0": " ",
            "\u2192": "->", "\u00d7": "x", "\u2016": "||", "\u203a": ">", "\u2039": "<"}


def latin1(text: str) -> str:
    """Text the PDF core fonts can show: common typographic characters replaced, the rest as '?'."""
    for a, b in _REPLACE.items():
        text = text.replace(a, b)
    return text.encode("latin-1", errors="replace").decode("latin-1")


# ---------------------------------------------------------------- HTML
def _gap_svg(chart: GapChart) -> str:
    width, left, row = 720, 300, 26
    height = 40 + row * len(chart.bars)
    lim = max([abs(b.low) for b in chart.bars] + [abs(b.high) for b in chart.bars] + [1e-9]) * 1.1
    scale = (width - left - 20) / (2 * lim)
    zero = left + lim * scale
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{escape(chart.title)}" font-family="system-ui, Arial, sans-serif" font-size="12">',
             f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="10" y2="{height - 20}" stroke="#444"/>']
    for i, b in enumerate(chart.bars):
        y = 24 + i * row
        colour = "#0072B2" if b.significant else "#888888"
        parts.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end">{escape(b.label)}</text>')
        parts.append(f'<line x1="{zero + b.low * scale:.1f}" x2="{zero + b.high * scale:.1f}" y1="{y}" y2="{y}" '
                     f'stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<circle cx="{zero + b.estimate * scale:.1f}" cy="{y}" r="5" fill="{colour if b.significant else "#fff"}" '
                     f'stroke="{colour}" stroke-width="2"/>')
    parts.append(f'<text x="{zero:.1f}" y="{height - 4}" text-anchor="middle" fill="#555">0 ({escape(chart.unit)})</text>')
    parts.append("</svg>")
    return "".join(parts)


def to_html(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        if isinstance(b, Heading):
            anchor = f' id="{escape(b.anchor)}"' if b.anchor else ""
            out.append(f"<h{b.level}{anchor}>{escape(b.text)}</h{b.level}>")
        elif isinstance(b, Paragraph):
            out.append(f'<p{" class=km-note" if b.small else ""}>{escape(b.text)}</p>')
        elif isinstance(b, Bullets):
            out.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Definitions):
            out.append('<dl class="km-legend">' + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>"
                                                          for k, v in b.pairs) + "</dl>")
        elif isinstance(b, Table):
            caption = f"<caption>{escape(b.caption)}</caption>" if b.caption else ""
            head = "".join(f"<th scope=col>{escape(h)}</th>" for h in b.header)
            rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in b.rows)
            out.append(f'<div class="km-table-wrap"><table class="km-plain">{caption}<thead><tr>{head}</tr></thead>'
                       f"<tbody>{rows}</tbody></table></div>")
        elif isinstance(b, GapChart):
            out.append(f'<figure class="km-figure"><figcaption>{escape(b.title)}</figcaption>{_gap_svg(b)}'
                       '<p class="km-note">Punt: verschil; lijn: 95%-interval. Blauw en gevuld: significant; grijs en open: '
                       "niet significant.</p></figure>")
    return "\n".join(out)


# ---------------------------------------------------------------- PDF
def to_pdf(blocks: list[Block], path: Path, title: str, footer: str = "") -> Path:
    from fpdf import FPDF

    class _Doc(FPDF):
        def footer(self) -> None:  # noqa: D401 - fpdf hook
            self.set_y(-12)
            self.set_font("helvetica", size=7)
            self.set_text_color(110)
            self.cell(0, 5, latin1(f"{footer}   pagina {self.page_no()}"), align="C")
            self.set_text_color(0)

    pdf = _Doc(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_creator("kansenmonitor")
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(16, 14, 16)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    sizes = {1: 17, 2: 13, 3: 11, 4: 10}
    for b in blocks:
        if isinstance(b, Heading):
            pdf.ln(2 if b.level > 2 else 4)
            pdf.set_font("helvetica", "B", sizes.get(b.level, 10))
            pdf.multi_cell(width, 6 if b.level > 1 else 8, latin1(b.text), **_NEXT)
            pdf.ln(1)
        elif isinstance(b, Paragraph):
            pdf.set_font("helvetica", size=8 if b.small else 9.5)
            pdf.multi_cell(width, 4.2 if b.small else 4.8, latin1(b.text), **_NEXT)
            pdf.ln(1.5)
        elif isinstance(b, Bullets):
            pdf.set_font("helvetica", size=9.5)
            for item in b.items:
                pdf.set_x(pdf.l_margin + 3)
                pdf.multi_cell(width - 3, 4.8, latin1("- " + item), **_NEXT)
            pdf.ln(1.5)
        elif isinstance(b, Definitions):
            pdf.set_font("helvetica", size=9)
            for k, v in b.pairs:
                text = latin1(f"**{k}**: " + v.replace("**", "*").replace("__", "_").replace("--", "-"))
                pdf.multi_cell(width, 4.5, text, markdown=True, **_NEXT)
            pdf.ln(1.5)
        elif isinstance(b, Table):
            _pdf_table(pdf, b, width)
        elif isinstance(b, GapChart):
            _pdf_gap_chart(pdf, b, width)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def _pdf_table(pdf, table: Table, width: float) -> None:
    if table.caption:
        pdf.set_font("helvetica", "B", 9)
        pdf.multi_cell(width, 5, latin1(table.caption), **_NEXT)
    widths = table.widths or tuple(1.0 for _ in table.header)
    pdf.set_font("helvetica", size=7.5)
    with pdf.table(col_widths=widths, width=width, line_height=3.6, text_align="LEFT",
                   headings_style=_headings_style(), first_row_as_headings=True) as t:
        head = t.row()
        for h in table.header:
            head.cell(latin1(h))
        for r in table.rows:
            row = t.row()
            for c in r:
                row.cell(latin1(c))
    pdf.ln(2)


def _headings_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(235, 240, 245))


def _pdf_gap_chart(pdf, chart: GapChart, width: float) -> None:
    row, left = 6.0, 70.0
    needed = 12 + row * len(chart.bars)
    if pdf.get_y() + needed > pdf.h - 18:
        pdf.add_page()
    pdf.set_font("helvetica", "B", 9)
    pdf.multi_cell(width, 5, latin1(chart.title), **_NEXT)
    top = pdf.get_y() + 2
    lim = max([abs(b.low) for b in chart.bars] + [abs(b.high) for b in chart.bars] + [1e-9]) * 1.1
    scale = (width - left - 4) / (2 * lim)
    zero = pdf.l_margin + left + lim * scale
    pdf.set_draw_color(80)
    pdf.line(zero, top - 1, zero, top + row * len(chart.bars))
    pdf.set_font("helvetica", size=8)
    for i, b in enumerate(chart.bars):
        y = top + 2 + i * row
        pdf.set_xy(pdf.l_margin, y - 2)
        pdf.cell(left - 3, 4, latin1(b.label), align="R")
        colour = (0, 114, 178) if b.significant else (136, 136, 136)
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.5)
        pdf.line(zero + b.low * scale, y, zero + b.high * scale, y)
        pdf.set_fill_color(*colour if b.significant else (255, 255, 255))
        pdf.ellipse(zero + b.estimate * scale - 1.3, y - 1.3, 2.6, 2.6, style="FD")  # x, y: upper-left corner
        pdf.set_line_width(0.2)
    pdf.set_draw_color(0)
    pdf.set_xy(pdf.l_margin, top + row * len(chart.bars) + 1)
    pdf.set_font("helvetica", size=7.5)
    pdf.multi_cell(width, 3.8, latin1(f"0 = geen verschil ({chart.unit}). Punt: verschil; lijn: 95%-interval. "
                                       "Blauw en gevuld: significant; grijs en open: niet significant."), **_NEXT)
    pdf.ln(2)
