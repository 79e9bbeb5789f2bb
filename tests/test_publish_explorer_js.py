"""The explorer's state and series logic, run under node on a tiny dataset (skipped without node):
the URL holds the whole view, and a gap involving a withheld figure is withheld, never computed."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib import resources

import pytest

_HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const ctx = {window: {}, URLSearchParams, Intl, Map, console, Math, isFinite, String, Number, Object, Array, JSON,
             document: {addEventListener() {}, body: {classList: {toggle() {}}}}, location: {search: ""}};
ctx.window = ctx; vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), ctx);
const KM = ctx.KM, I = KM._internal;
KM.labels = {symbol: ".", reasons: {min_n: {mark: "n", text: "geheim"}}, flags: {}, methods: {},
  statistics: {share: "aandeel"},
  dimensions: {migration: {label: "Migratieachtergrond", reference: "none",
    codes: [["T", "Totaal"], ["none", "Geen"], ["nonwestern", "Niet-westers"]]}}};
const data = {id: "A04", name: "x", unit: "aandeel", statistic: "share", variants: [{code: "", label: "totaal"}],
  statistics: ["share"], models: [{adjusted: false, method: ""}], reasons: ["", "min_n"], flags: [""], breaks: [],
  years: [2021, 2022], breakdowns: [[], ["migration"]], groups: [{}, {migration: "none"}, {migration: "nonwestern"}],
  rows: [[0, 2021, 1, 0, 0, 0.8, 0.78, 0.82, 0.01, 100, 0, 0], [0, 2021, 2, 0, 0, 0.6, 0.56, 0.64, 0.02, 50, 0, 0],
         [0, 2022, 1, 0, 0, 0.81, 0.79, 0.83, 0.01, 100, 0, 0], [0, 2022, 2, 0, 0, null, null, null, null, null, 1, 0],
         [0, 2021, 0, 0, 0, 0.75, 0.74, 0.76, 0.005, 150, 0, 0]]};
const ds = new I.Dataset(data);
const q = "?tab=kaart&uitsplitsing=migration&groepen=none~nonwestern&jaren=2021-2022&stat=share&weergave=verschil&embed=1";
const st = I.parseState(ds, q);
const back = I.stateQuery(st);
const model = I.buildSeries(ds, st);
console.log(JSON.stringify({st, back, series: model.series.map(s => ({label: s.label, points: s.points}))}));
"""


@pytest.fixture(scope="module")
def explorer_run(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not on PATH")
    harness = tmp_path_factory.mktemp("js") / "harness.js"
    harness.write_text(_HARNESS, encoding="utf-8")
    with resources.as_file(resources.files("kansenmonitor.publish").joinpath("assets", "explorer.js")) as js:
        out = subprocess.run([node, str(harness), str(js)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_url_round_trips_the_whole_view(explorer_run):
    st = explorer_run["st"]
    assert (st["tab"], st["breakdown"], st["groups"], st["from"], st["to"], st["view"], st["embed"]) == \
        ("kaart", "migration", ["none", "nonwestern"], 2021, 2022, "verschil", True)
    assert explorer_run["back"].startswith("?tab=kaart&")
    assert "groepen=none~nonwestern" in explorer_run["back"] and "embed=1" in explorer_run["back"]


def test_gap_to_the_reference_uses_both_standard_errors(explorer_run):
    series = explorer_run["series"]
    assert len(series) == 1  # the reference group itself is not drawn as a gap
    p2021 = series[0]["points"][0]
    assert p2021["value"] == pytest.approx(0.6 - 0.8)
    assert p2021["se"] == pytest.approx((0.01 ** 2 + 0.02 ** 2) ** 0.5)
    assert p2021["lo"] == pytest.approx(-0.2 - 1.959964 * p2021["se"], abs=1e-6)


def test_a_gap_with_a_withheld_figure_is_withheld_with_its_reason(explorer_run):
    p2022 = explorer_run["series"][0]["points"][1]
    assert p2022["value"] is None and p2022["reason"] == "min_n" and p2022["derived"] is True
    assert "lo" not in p2022 or p2022["lo"] is None
