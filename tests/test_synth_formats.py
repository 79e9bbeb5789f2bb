"""CSV (';' separator, ',' decimal) and SPSS .sav outputs carry the same data as parquet."""

from __future__ import annotations

import tomllib

import pandas as pd
import pyreadstat

from kansenmonitor.synth.config import SynthConfig
from kansenmonitor.synth.generate import generate

SPOLIS = "Spolis/SPOLISBUS/2020/SPOLISBUS2020V1"
SECM = "InkomenBestedingen/SECMBUS/SECMBUS2020V1"


def _gen(tmp_path, fmt):
    cfg = SynthConfig(out=tmp_path / fmt, scale=0.0003, years=(2020, 2020), format=fmt, seed=2, truth=False,
                      workers=1)
    return cfg, generate(cfg)


def test_csv_and_sav_match_parquet(tmp_path):
    pq_cfg, pq_res = _gen(tmp_path, "parquet")
    csv_cfg, csv_res = _gen(tmp_path, "csv")
    sav_cfg, sav_res = _gen(tmp_path, "sav")
    assert {f.path.rsplit(".", 1)[0]: f.rows for f in pq_res.files} == \
        {f.path.rsplit(".", 1)[0]: f.rows for f in csv_res.files} == \
        {f.path.rsplit(".", 1)[0]: f.rows for f in sav_res.files}
    ref = pd.read_parquet(pq_cfg.out / f"{SPOLIS}.parquet")
    text = (csv_cfg.out / f"{SPOLIS}.csv").read_text().splitlines()
    assert text[0].split(";")[:3] == ['"RINPERSOONS"', '"RINPERSOON"', '"IKVID"'] or \
        text[0].split(";")[:3] == ["RINPERSOONS", "RINPERSOON", "IKVID"]
    csv = pd.read_csv(csv_cfg.out / f"{SPOLIS}.csv", sep=";", decimal=",", dtype={
        "RINPERSOON": str, "IKVID": str, "SBEID": str, "SDATUMAANVANGIKO": str, "SSECT": str, "SSOORTBAAN": str})
    assert csv["RINPERSOON"].tolist() == ref["RINPERSOON"].tolist()
    assert (csv["SBASISUREN"] - ref["SBASISUREN"]).abs().max() < 1e-9
    assert csv["SSECT"].tolist() == ref["SSECT"].tolist()  # "01" stays a string code
    sav, meta = pyreadstat.read_sav(str(sav_cfg.out / f"{SECM}.sav"))
    ref_secm = pd.read_parquet(pq_cfg.out / f"{SECM}.parquet")
    assert list(sav.columns) == list(ref_secm.columns)
    assert sav["AANVSECM"].tolist() == ref_secm["AANVSECM"].tolist()
    cat = tomllib.loads((csv_cfg.out / "catalog.toml").read_text())
    assert cat["sources"]["SPOLISBUS"]["delimiter"] == ";" and cat["sources"]["SPOLISBUS"]["decimal"] == ","
    assert cat["sources"]["SPOLISBUS"]["path"] == "Spolis/SPOLISBUS/{year}/SPOLISBUSV*.csv".replace(
        "SPOLISBUSV*", "SPOLISBUS{year}V*")
