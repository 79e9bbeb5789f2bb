"""The Excel writer of the downloads: what is written reads back cell for cell."""

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from kansenmonitor.publish.xlsx import write_xlsx


def test_excel_download_reads_back_with_types_empty_cells_and_escaped_text(tmp_path: Path):
    table = pd.DataFrame({"tekst": ["a<&>b", None, "é\x01c"], "aantal": pd.array([1, None, 3], dtype="Int64"),
                          "waarde": [0.1, np.nan, 1e-7], "vlag": [True, False, True], "gemengd": [True, None, "T"]})
    path = tmp_path / "t.xlsx"
    write_xlsx(path, [("Cijfers", table), ("Metadata", pd.DataFrame({"veld": ["x"], "waarde": ["y"]}))])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Cijfers", "Metadata"]
    rows = [[c.value for c in r] for r in book["Cijfers"].iter_rows()]
    assert rows == [["tekst", "aantal", "waarde", "vlag", "gemengd"],
                    ["a<&>b", 1, 0.1, True, True],
                    [None, None, None, False, None],
                    ["éc", 3, 1e-07, True, "T"]]  # a control character XML cannot hold is dropped
    assert [[c.value for c in r] for r in book["Metadata"].iter_rows()] == [["veld", "waarde"], ["x", "y"]]
