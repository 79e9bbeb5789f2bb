"""The output gate: withheld figures stay in the cube, marked; nothing unsafe is written."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from figures import figures, key_tuples, one_way

from kansenmonitor.cube import read_cube
from kansenmonitor.disclosure import (
    DisclosureRules,
    OutputControlError,
    apply_output_control,
    write_publication,
)
from kansenmonitor.disclosure.layout import AUDIT_SCHEMA
from kansenmonitor.errors import ConfigError

ROWS = one_way("origin", {"TR": 5, "MA": 30, "SO": 20, "NL": 200})


def _gated(rows=ROWS):
    cube, ev = figures(rows)
    return apply_output_control(cube, ev, DisclosureRules(), magnitudes=set())


def test_suppressed_figures_stay_in_the_cube_with_their_reason_and_counts_withheld():
    published, audit = _gated()
    assert len(published) == len(ROWS)
    withheld = published[published["suppressed"]]
    assert sorted(withheld["reason"]) == ["min_n", "secondary"]
    assert withheld[["value", "se", "ci_low", "ci_high", "n", "n_weighted"]].isna().all().all()
    assert published.loc[~published["suppressed"], "reason"].eq("").all()


def test_every_suppression_has_an_audit_entry_with_rule_and_evidence(tmp_path):
    published, audit = _gated()
    write_publication(tmp_path / "out", published, audit)
    log = pd.read_csv(tmp_path / "out" / "audit.csv", keep_default_na=False)
    assert key_tuples(log.astype({"year": int})) == key_tuples(published[published["suppressed"]])
    tr = log[log["origin"] == "TR"].iloc[0]
    assert (tr["reason"], tr["rules_failed"], int(tr["n"])) == ("min_n", "min_n", 5)
    so = log[log["origin"] == "SO"].iloc[0]
    assert so["reason"] == "secondary" and "table by origin" in so["detail"]
    evidence = pd.read_parquet(tmp_path / "out" / "disclosure_audit.parquet")
    assert len(evidence) == len(published) and list(evidence.columns) == AUDIT_SCHEMA.names


def test_written_publication_holds_the_gated_cube_and_a_gate_record(tmp_path):
    published, audit = _gated()
    gate_path = write_publication(tmp_path / "out", published, audit)
    gate = json.loads(gate_path.read_text())
    assert gate["suppressed_by_reason"] == {"min_n": 1, "secondary": 1}
    assert gate["rules"]["min_n"] == 10
    assert set(gate["files"]) == {"cube.parquet", "cube.csv", "disclosure_audit.parquet",
                                  "audit.parquet", "audit.csv"}
    assert gate["files"]["disclosure_audit.parquet"]["publish"] is False
    assert gate["files"]["cube.csv"]["publish"] is True
    cube = read_cube(tmp_path / "out")
    assert cube["suppressed"].sum() == 2 and cube["n"].isna().sum() == 2


def test_write_publication_refuses_a_cube_with_a_violation_and_writes_nothing(tmp_path):
    published, audit = _gated()
    tr = published["origin"] == "TR"
    published.loc[tr, ["suppressed", "reason", "value", "n", "n_weighted"]] = [False, "", 10.0, 5, 5.0]
    with pytest.raises(OutputControlError, match="breaks rule min_n"):
        write_publication(tmp_path / "out", published, audit)
    assert list(tmp_path.iterdir()) == []


def test_write_publication_refuses_a_directory_that_is_not_empty(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.csv").write_text("x\n")
    published, audit = _gated()
    with pytest.raises(OutputControlError, match="not empty"):
        write_publication(tmp_path / "out", published, audit)


def test_gate_refuses_minimum_and_maximum_statistics():
    cube, ev = figures([{"n": 50}])
    cube["statistic"] = ev["statistic"] = "max"
    with pytest.raises(OutputControlError, match="not allowed"):
        apply_output_control(cube, ev)


def test_gate_refuses_key_columns_and_missing_evidence():
    cube, ev = figures([{"n": 50}])
    with pytest.raises(OutputControlError, match="linking keys"):
        apply_output_control(cube, ev.assign(RINPERSOON="123456789"))
    with pytest.raises(OutputControlError, match="without evidence"):
        apply_output_control(cube, ev.iloc[0:0])
    with pytest.raises(OutputControlError, match="without max_share"):
        apply_output_control(cube, ev.assign(max_share=np.nan))


def test_rows_already_marked_no_data_are_kept_as_they_are():
    cube, ev = figures(one_way("origin", {"TR": 50, "NL": 200}))
    tr = cube["origin"] == "TR"
    cube.loc[tr, ["suppressed", "reason"]] = [True, "no_data"]
    cube.loc[tr, ["value", "se", "ci_low", "ci_high"]] = np.nan
    published, audit = apply_output_control(cube, ev, magnitudes=set())
    assert published.loc[tr, "reason"].tolist() == ["no_data"]
    assert published["suppressed"].sum() == 1


def test_extra_tables_are_written_through_the_gate(tmp_path):
    published, audit = _gated()
    codes = pd.DataFrame({"column": ["origin"], "code": ["TR"], "label_nl": ["Turkije"],
                          "label_en": ["Turkey"], "cbs_countries": ["6043"]})
    gate = json.loads(write_publication(tmp_path / "a", published, audit,
                                        extra_tables={"codes": codes}).read_text())
    assert "codes.parquet" in gate["files"]
    with pytest.raises(OutputControlError, match="linking key"):
        write_publication(tmp_path / "b", published, audit,
                          extra_tables={"codes": codes.assign(BRIN="00AA")})


def test_rules_load_from_toml_and_survive_a_round_trip(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('min_n = 15\ndominance_k = 0.4\n\n[[hierarchies]]\nchild = "origin"\n'
                    'parent = "migration"\nmapping = { TR = "nonwestern", DE = "western" }\n')
    rules = DisclosureRules.from_toml(path)
    assert (rules.min_n, rules.dominance_k, rules.ebb_min_weighted) == (15, 0.4, 15000.0)
    assert rules.hierarchies[0].as_dict() == {"TR": "nonwestern", "DE": "western"}
    assert DisclosureRules.from_dict(rules.to_dict()) == rules
    assert any("hierarchy generation -> migration" in w for w in rules.weaker_than(DisclosureRules()))


@pytest.mark.parametrize("settings, message", [({"min_n": 0}, "min_n"), ({"dominance_n": 2}, "only n = 1"),
                                               ({"minimum": 5}, "unknown settings")])
def test_unusable_rules_are_refused(settings, message):
    with pytest.raises(ConfigError, match=message):
        DisclosureRules.from_dict(settings)


def test_gate_record_of_a_large_file_holds_no_key_like_number(tmp_path):
    """A published file of 100-999 MB (the cube's CSV at scale 0.1) has a nine-digit byte
    count; the gate record must not write it, or its own key scan refuses gate.json."""
    import json as _json

    from kansenmonitor.disclosure.gate import _gate_record
    from kansenmonitor.disclosure.keys import scan_file

    with open(tmp_path / "cube.csv", "wb") as handle:  # sparse: 123,456,789 bytes, no disk
        handle.truncate(123_456_789)
    published = pd.DataFrame({"suppressed": [False, True], "reason": ["", "min_n"]})
    record = _gate_record(tmp_path, published, DisclosureRules())
    (tmp_path / "gate.json").write_text(_json.dumps(record), encoding="utf-8")
    assert scan_file(tmp_path / "gate.json", DisclosureRules().key_columns) == []
