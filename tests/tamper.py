"""Ways to tamper with a written publication directory (for the check tests)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kansenmonitor.cube import CUBE_SCHEMA, read_cube, write_csv_table
from kansenmonitor.disclosure.check import sha256_of


def rehash(directory: Path) -> None:
    """Update the sha256 of every file in gate.json, as a careful forger would."""
    gate_path = directory / "gate.json"
    gate = json.loads(gate_path.read_text())
    gate["files"] = {p.name: {"sha256": sha256_of(p), "kib": round(p.stat().st_size / 1024, 3),
                              "publish": gate["files"].get(p.name, {}).get("publish", True)}
                     for p in sorted(directory.iterdir()) if p.name != "gate.json"}
    gate_path.write_text(json.dumps(gate))


def write_cube_files(directory: Path, cube: pd.DataFrame, *, csv_too: bool = True) -> None:
    """Overwrite cube.parquet (and cube.csv) with ``cube`` without any validation."""
    table = pa.Table.from_pandas(cube, preserve_index=False)
    pq.write_table(table, directory / "cube.parquet")
    if csv_too:
        if list(cube.columns) == list(CUBE_SCHEMA.names):
            write_csv_table(cube, directory / "cube.csv", CUBE_SCHEMA)
        else:
            cube.to_csv(directory / "cube.csv", index=False)


def change_value(directory: Path, row: int) -> None:
    cube = read_cube(directory)
    published = np.flatnonzero(~cube["suppressed"].to_numpy())
    i = published[row % len(published)]
    cube.loc[i, "value"] = cube.loc[i, "value"] * 0.9 + 0.01
    write_cube_files(directory, cube, csv_too=False)


def unsuppress(directory: Path, row: int) -> None:
    """Publish a withheld figure with its evidence n, in both cube files."""
    cube = read_cube(directory)
    evidence = pd.read_parquet(directory / "disclosure_audit.parquet")
    withheld = np.flatnonzero(cube["suppressed"].to_numpy())
    i = withheld[row % len(withheld)]
    key = cube.loc[i, ["indicator", "year", "origin", "sex", "statistic"]]
    match = evidence
    for c, v in key.items():
        match = match[match[c] == v]
    cube.loc[i, ["suppressed", "reason"]] = [False, ""]
    cube.loc[i, "value"] = 0.5
    cube.loc[i, "n"] = int(match["n"].iloc[0])
    cube.loc[i, "n_weighted"] = float(match["n_weighted"].iloc[0])
    write_cube_files(directory, cube)


def add_key_column(directory: Path, row: int) -> None:
    cube = read_cube(directory)
    cube["RINPERSOON"] = [f"{100000000 + row + i:09d}" for i in range(len(cube))]
    write_cube_files(directory, cube)


def add_key_like_value(directory: Path, row: int) -> None:
    cube = read_cube(directory)
    cube.loc[row % len(cube), "flags"] = f"{123456789 + row:09d}"
    write_cube_files(directory, cube)


TAMPERINGS = {
    "change_value": change_value,
    "unsuppress": unsuppress,
    "add_key_column": add_key_column,
    "add_key_like_value": add_key_like_value,
}
"""Name → function(directory, row). All but ``change_value`` break a content rule, so
check must catch them even after :func:`rehash`."""
