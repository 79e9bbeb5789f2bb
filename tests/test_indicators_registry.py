"""The indicator registry: complete, consistent, and its documentation in step with it."""

from __future__ import annotations

from pathlib import Path

from kansenmonitor.cube import DIMENSION_CODES
from kansenmonitor.indicators.document import registry_markdown
from kansenmonitor.indicators.foundation import MEASURES
from kansenmonitor.indicators.registry import INDICATORS
from kansenmonitor.sources.spec import SOURCES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "indicators.md"


def test_registry_holds_the_40_outcome_indicators_of_appendix_a():
    assert [i for i in INDICATORS if i.startswith("A")] == [f"A{n:02d}" for n in range(1, 41)]


def test_registry_holds_the_input_indicators_i1a_to_i2c_and_the_nug_figures():
    assert [i for i in INDICATORS if i.startswith("I")] == [f"I1{c}" for c in "abcdefgh"] + [f"I2{c}" for c in "abc"]
    assert all(INDICATORS[i].kind == "input" and INDICATORS[i].keeps_students for i in INDICATORS if i.startswith("I"))


def test_every_input_measure_is_a_registered_indicator_and_variant():
    from kansenmonitor.indicators.inputs import I1_MEASURES, I2_MEASURES, UWV_COHORTS

    pairs = [(m.indicator, m.variant, m.kind) for m in I1_MEASURES]
    pairs += [(m.indicator, c.variant, m.kind) for m in I2_MEASURES for c in UWV_COHORTS]
    for indicator, variant, kind in pairs:
        ind = INDICATORS[indicator]
        assert variant in ind.variants or (variant == "" and not ind.variants), (indicator, variant)
        assert kind == ind.statistic, indicator
    assert set(INDICATORS["I1a"].variants) == {v for i, v, _ in pairs if i == "I1a"}


def test_every_indicator_names_known_sources_and_a_report_paragraph():
    for ind in INDICATORS.values():
        assert ind.sources and all(s in SOURCES for s in ind.sources), ind.id
        assert ind.paragraph.startswith("§"), ind.id
        assert ind.name_nl and ind.name_en and ind.definition_en, ind.id


def test_every_indicator_has_a_dutch_definition_and_a_dutch_label_for_every_variant():
    for ind in INDICATORS.values():
        assert ind.definition_nl.strip(), ind.id
        assert ind.definition_nl != ind.definition_en, ind.id
        assert set(ind.variants_nl) == set(ind.variants), ind.id
        assert all(label.strip() for label in ind.variants_nl.values()), ind.id


def test_dutch_texts_keep_the_diacritics():
    for ind in INDICATORS.values():
        dutch = " ".join((ind.name_nl, ind.population_nl, ind.unit_nl, ind.definition_nl, *ind.variants_nl.values()))
        assert "substantiele" not in dutch and "minstens een " not in dutch, ind.id


def test_every_computed_measure_is_a_registered_indicator_and_variant():
    for m in MEASURES:
        ind = INDICATORS[m.indicator]
        assert m.variant in ind.variants or (m.variant == "" and not ind.variants), (m.indicator, m.variant)
        assert m.kind == ind.statistic, m.indicator


def test_contract_type_indicators_carry_the_2017_break_and_contract_hours_start_in_2016():
    assert INDICATORS["A04"].flags_for_year(2016) == []
    assert INDICATORS["A04"].flags_for_year(2017) == ["break_contract_2017"]
    assert INDICATORS["A06"].first_year == 2016


def test_committed_documentation_is_generated_from_the_registry():
    assert DOCS.read_text(encoding="utf-8") == registry_markdown(), \
        "docs/indicators.md is stale: run `kansenmonitor indicators > docs/indicators.md`"


def test_variant_codes_are_short_plain_codes():
    pattern = DIMENSION_CODES["sector"]
    for ind in INDICATORS.values():
        for code in ind.variants:
            assert code == "" or pattern.fullmatch(code), (ind.id, code)


def test_provision_cohorts_carry_the_2019_register_break_from_the_2018_cohort_on():
    assert INDICATORS["I1b"].flags_for_year(2017) == []
    assert INDICATORS["I1b"].flags_for_year(2018) == ["break_provisions_2019"]  # followed into 2019
    assert INDICATORS["I1h"].flags_for_year(2018) == [] and INDICATORS["I1h"].flags_for_year(2019)
