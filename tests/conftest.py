"""Shared fixtures: small synthetic registers generated once per test session."""

from __future__ import annotations

import pytest

from kansenmonitor.synth.config import SynthConfig
from kansenmonitor.synth.generate import generate


@pytest.fixture(scope="session")
def tiny_register(tmp_path_factory):
    """Scale 0.002 (~35k residents), reporting years 2015-2016 (contract hours appear in 2016)."""
    out = tmp_path_factory.mktemp("synth_tiny")
    cfg = SynthConfig(out=out, scale=0.002, years=(2015, 2016), format="parquet", seed=7, workers=1)
    result = generate(cfg)
    return cfg, result


@pytest.fixture(scope="session")
def realism_register(tmp_path_factory):
    """Scale 0.01 (~175k residents), reporting years 2017-2018, for the realism checks."""
    out = tmp_path_factory.mktemp("synth_realism")
    cfg = SynthConfig(out=out, scale=0.01, years=(2017, 2018), format="parquet", seed=3)
    result = generate(cfg)
    return cfg, result
