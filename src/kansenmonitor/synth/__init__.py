"""The synthetic register: CBS-shaped microdata with planted ground truth.

``generate(SynthConfig(out=..., scale=0.01, years=(2013, 2022)))`` writes the CBS source
files (names and variables from :mod:`kansenmonitor.sources.spec`) under ``out/`` in the
Remote Access folder layout, plus ``catalog.toml``, ``manifest.json`` (planted parameters,
calibration targets and realised truths) and ``truth/*.parquet`` (the answer key).

Modules: :mod:`config` (SynthConfig, SynthResult), :mod:`params` (the planted truth),
:mod:`calendar` (dates, WML, AOW), :mod:`countries`, :mod:`geography`, :mod:`employers`,
:mod:`population` (demography), :mod:`education`, :mod:`labour` (monthly model and jobs),
:mod:`spells` (SECM and benefit spells), :mod:`spolis` (income statements), :mod:`world`
(one bucket), :mod:`files` (one module per CBS file), :mod:`writers`, :mod:`layout`,
:mod:`truth`, :mod:`manifest`, :mod:`generate` (entry point).

The entry point is ``kansenmonitor.synth.generate.generate`` (the submodule is not shadowed
by a function of the same name here, so both ``kansenmonitor.synth.generate.generate(cfg)``
and ``from kansenmonitor.synth.generate import generate`` work).
"""

from kansenmonitor.synth.config import SynthConfig, SynthResult

__all__ = ["SynthConfig", "SynthResult"]
