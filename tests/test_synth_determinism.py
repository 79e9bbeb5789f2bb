"""Determinism: the same seed gives identical tables, whatever the number of worker
processes; another seed gives different data."""

from __future__ import annotations

import pyarrow.parquet as pq

from kansenmonitor.synth.config import SynthConfig
from kansenmonitor.synth.generate import generate

FILES = ("Bevolking/GBAPERSOONTAB/2019/GBAPERSOON2019TABV1.parquet",
         "Spolis/SPOLISBUS/2019/SPOLISBUS2019V1.parquet",
         "InkomenBestedingen/SECMBUS/SECMBUS2019V1.parquet",
         "Arbeid/EBBnw/EBBnw2019V1.parquet",
         "truth/person_month.parquet")


def _run(tmp_path, name, seed, workers=1):
    cfg = SynthConfig(out=tmp_path / name, scale=0.0005, years=(2019, 2019), seed=seed, workers=workers,
                      bucket_persons=5_000)
    result = generate(cfg)
    assert result.buckets >= 2
    return {f: pq.read_table(cfg.out / f) for f in FILES}


def test_same_seed_same_tables_other_seed_different(tmp_path):
    a = _run(tmp_path, "a", seed=11)
    b = _run(tmp_path, "b", seed=11, workers=2)
    c = _run(tmp_path, "c", seed=12)
    for f in FILES:
        assert a[f].equals(b[f]), f
        assert not a[f].equals(c[f]), f
    assert (tmp_path / "a" / FILES[1]).read_bytes() == (tmp_path / "b" / FILES[1]).read_bytes()
