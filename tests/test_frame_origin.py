"""Generation, origin country, origin group and migration background (report §2.2)."""

from __future__ import annotations

import pandas as pd

from kansenmonitor.frame.origin import (compare_with_cbs, generation, migration_background, origin_country,
                                        origin_group)

NL, TR, MA, SY, DE, ID, PL = "6030", "6043", "5022", "7009", "9089", "6024", "7028"
JAPAN = "9991"  # stand-in code: the rule reads LANDTYPE / WERELDDEEL, not the number
GHANA = "9992"  # stand-in code for an African country not named in the report
CHINA = "9993"  # stand-in code for a non-western Asian country not named in the report
USA = "9994"

LAND_REF = pd.DataFrame({
    # LANDTYPE 1 western / 2 non-western; WERELDDEEL 1 Africa 2 America 3 Asia 4 Europe
    "LAND": [NL, TR, MA, SY, DE, ID, PL, JAPAN, GHANA, CHINA, USA],
    "LANDTYPE": ["1", "2", "2", "2", "1", "1", "1", "1", "2", "2", "1"],
    "WERELDDEEL": ["4", "3", "1", "3", "4", "3", "4", "3", "1", "3", "2"],
})


def test_first_generation_is_born_abroad_with_a_parent_born_abroad():
    assert generation([TR], [TR], [NL]).tolist() == ["1"]


def test_second_generation_is_born_in_nl_with_a_parent_born_abroad():
    assert generation([NL], [NL], [MA]).tolist() == ["2"]


def test_born_abroad_with_two_nl_born_parents_has_no_migration_background():
    gen = generation([DE], [NL], [NL])
    assert gen.tolist() == ["none"]
    assert origin_country(gen, [DE], [NL], [NL]).tolist() == [NL]


def test_second_generation_origin_is_mother_country():
    gen = generation([NL], [TR], [MA])
    assert origin_country(gen, [NL], [TR], [MA]).tolist() == [TR]


def test_second_generation_with_nl_mother_takes_father_country():
    gen = generation([NL], [NL], [MA])
    assert origin_country(gen, [NL], [NL], [MA]).tolist() == [MA]


def test_first_generation_origin_is_own_country_of_birth():
    gen = generation([SY], [TR], [TR])
    assert origin_country(gen, [SY], [TR], [TR]).tolist() == [SY]


def test_unknown_parents_of_person_born_abroad_make_first_generation():
    gen = generation([SY], [None], ["----"])
    assert gen.tolist() == ["1"]
    assert origin_country(gen, [SY], [None], [None]).tolist() == [SY]


def test_unknown_parent_of_person_born_in_nl_does_not_make_second_generation():
    assert generation([NL], [NL], [None]).tolist() == ["none"]


def test_unknown_mother_of_second_generation_takes_father_country():
    gen = generation([NL], [None], [MA])
    assert origin_country(gen, [NL], [None], [MA]).tolist() == [MA]


def test_missing_own_country_falls_back_on_born_in_nl_flag():
    assert generation([None, None, None], [MA, NL, MA], [MA, NL, MA], born_in_nl=["1", "1", "-"]).tolist() == \
        ["2", "none", None]


def test_indonesia_and_japan_are_western_turkey_non_western():
    groups = origin_group([ID, JAPAN, TR], LAND_REF)
    assert groups.tolist() == ["ID", "WO", "TR"]
    assert migration_background(groups).tolist() == ["western", "western", "nonwestern"]


def test_indonesia_is_western_even_if_the_reference_file_says_otherwise():
    ref = LAND_REF.assign(LANDTYPE=LAND_REF["LANDTYPE"].where(LAND_REF["LAND"] != ID, "2"))
    assert migration_background(origin_group([ID], ref)).tolist() == ["western"]


def test_named_countries_get_their_own_group():
    assert origin_group([MA, SY, DE, PL, "7011", "9030", "6029"], LAND_REF).tolist() == \
        ["MA", "SY", "DE", "PL", "AN", "ID", "DE"]


def test_other_african_non_western_country_is_afo_other_non_western_is_nwo():
    assert origin_group([GHANA, CHINA, USA], LAND_REF).tolist() == ["AFO", "NWO", "WO"]


def test_country_missing_from_landaktueelref_has_unknown_group():
    assert origin_group(["1234", None], LAND_REF).tolist() == [None, None]
    assert migration_background([None]).tolist() == [None]


def test_no_migration_background_is_group_nl_and_migration_none():
    assert origin_group([NL], LAND_REF).tolist() == ["NL"]
    assert migration_background(["NL"]).tolist() == ["none"]


def test_comparison_with_gbageneratie_counts_disagreements_only_where_both_known():
    stats = compare_with_cbs(["1", "2", "none", None], [TR, MA, NL, None],
                             gbageneratie=["1", "1", "0", "1"],
                             gbaherkomstgroepering=[TR, TR, NL, None])
    assert stats == {"persons": 4, "generation_compared": 3, "generation_disagree": 1,
                     "origin_compared": 3, "origin_disagree": 1}
