"""A small, fast Excel (.xlsx, Office Open XML SpreadsheetML) writer for the downloads.

A full indicator is up to tens of thousands of rows by two dozen columns; openpyxl builds an
element per cell and took minutes for the demo's 32 indicators. The files here need no
styles or formulas: each sheet is plain rows of numbers, booleans and text (inline
strings), with a frozen, bold-free header row. Cells are written column-wise with one
string join per sheet. The result opens in Excel, LibreOffice, openpyxl and pandas.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

# characters XML 1.0 does not allow (control characters other than tab, newline, return)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}
</Types>"""
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{i}.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets>
</workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{rels}
</Relationships>"""
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
               'state="frozen"/></sheetView></sheetViews><sheetData>')
_SHEET_TAIL = "</sheetData></worksheet>"


def _text_cell(value: str) -> str:
    return f'<c t="inlineStr"><is><t xml:space="preserve">{escape(_ILLEGAL.sub("", value))}</t></is></c>'


def _column_cells(values: pd.Series) -> list[str]:
    """The ``<c>`` elements of one column (an empty ``<c/>`` keeps a missing value's place)."""
    if pd.api.types.is_bool_dtype(values) and not values.isna().any():
        return ['<c t="b"><v>1</v></c>' if v else '<c t="b"><v>0</v></c>' for v in values.to_numpy(dtype=bool)]
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        numbers = values.astype("float64").to_numpy()
        return ["<c/>" if not math.isfinite(v) else f"<c><v>{int(v) if v.is_integer() and abs(v) < 2**53 else repr(v)}</v></c>"
                for v in numbers.tolist()]
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    cells = [_object_cell(v) for v in uniques.tolist()]  # text columns hold few distinct values
    return [cells[c] if c >= 0 else "<c/>" for c in codes.tolist()]


def _object_cell(v: object) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and not math.isfinite(v)):
        return "<c/>"
    if isinstance(v, (bool, np.bool_)):
        return '<c t="b"><v>1</v></c>' if v else '<c t="b"><v>0</v></c>'
    if isinstance(v, (int, np.integer)):
        return f"<c><v>{int(v)}</v></c>"
    if isinstance(v, (float, np.floating)):
        return f"<c><v>{float(v)!r}</v></c>"
    return _text_cell(str(v))


def _sheet_xml(table: pd.DataFrame) -> str:
    header = "<row>" + "".join(_text_cell(str(c)) for c in table.columns) + "</row>"
    columns = [_column_cells(table[c]) for c in table.columns]
    rows = ["<row>" + "".join(cells) + "</row>" for cells in zip(*columns)] if columns else []
    return _SHEET_HEAD + header + "".join(rows) + _SHEET_TAIL


def write_xlsx(path: Path, sheets: Sequence[tuple[str, pd.DataFrame]]) -> None:
    """Write ``sheets`` (name, table with a header row from its columns) as one workbook
    (fastest deflate: the text compresses well anyway and the demo publishes 32 of them)."""
    names = [escape(name[:31]) for name, _ in sheets]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(
            sheets="\n".join(_SHEET_TYPE.format(i=i) for i in range(1, len(sheets) + 1))))
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK.format(sheets="".join(
            f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1))))
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(rels="\n".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))))
        for i, (_, table) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _sheet_xml(table))
