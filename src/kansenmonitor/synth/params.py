"""The planted truth: every parameter the synthetic register draws from.

Numbers carry the id of the calibration target they come from
(``shared/spec/calibration-targets.yaml``) or are labelled ``assumption`` where no
target exists (calibration-targets.md names the gaps: adult education by origin, benefit
shares by origin per year, refugee pyramids, ...). ``manifest.json`` holds a dump of this
module (:func:`as_manifest`), so a reviewer can see exactly what the data were drawn from.

Conventions: ``GROUPS`` order from :mod:`countries`; generation 0 = Dutch background,
1 = first, 2 = second; sex 0 = man, 1 = woman; education 0 low, 1 middle, 2 high.
"""

from __future__ import annotations

import numpy as np

from kansenmonitor.synth.countries import GROUPS

# ============================================================ population (anchor 1 January 2018)
#: Anchor date of the population stock. Source: pop_2018_by_generation_and_group (37296ned),
#: pop_2016_allochtonen (Germany, Indonesia), pop_poland_germany, pop_refugee_groups.
ANCHOR_YEAR = 2018
NATIONAL_POP_2018 = 17_181_084
#: Persons on 1 Jan 2018 by (group, generation). Four large groups and W/NW totals are quoted
#: (pop_2018_by_generation_and_group); the split of "other non-western" over the refugee groups,
#: other Africa and other non-western, and of "western" over DE/PL/ID/other are assumptions
#: consistent with pop_refugee_groups (Syria 2017-2019, Afghanistan 2021), pop_2016_allochtonen
#: (Germany, Indonesia by generation) and pop_poland_germany (Poland 2016).
STOCK_2018: dict[tuple[str, int], int] = {
    ("NL", 0): 13_209_225,
    ("MA", 1): 169_018, ("MA", 2): 227_521,
    ("AN", 1): 84_526, ("AN", 2): 72_588,
    ("SR", 1): 176_412, ("SR", 2): 175_269,
    ("TR", 1): 191_513, ("TR", 2): 212_946,
    ("SY", 1): 75_000, ("SY", 2): 10_000,
    ("AF", 1): 33_000, ("AF", 2): 12_000,
    ("IQ", 1): 42_000, ("IQ", 2): 16_000,
    ("IR", 1): 31_000, ("IR", 2): 11_000,
    ("SO", 1): 22_000, ("SO", 2): 18_000,
    ("ER", 1): 18_000, ("ER", 2): 2_000,
    ("AFO", 1): 140_000, ("AFO", 2): 90_000,
    ("NWO", 1): 260_682, ("NWO", 2): 152_368,
    ("DE", 1): 105_000, ("DE", 2): 250_000,
    ("PL", 1): 150_000, ("PL", 2): 35_000,
    ("ID", 1): 98_000, ("ID", 2): 262_000,
    ("WO", 1): 483_178, ("WO", 2): 345_838,
}
#: Share of the Dutch-background stock born abroad to two NL-born parents (assumption).
NL_BORN_ABROAD_SHARE = 0.02

#: Age bins of 5 years, 0-4 ... 95+ (20 bins), youngest first.
AGE_BINS = 20


def _rev(xs: list[float]) -> np.ndarray:
    a = np.asarray(xs[::-1], dtype=float)
    return a / a.sum()


# Raw pyramids (x1000), age_2022_raw_pyramids_x1000 (listed 95+ first, reversed here).
_DUTCH_M = [5.5, 29.2, 86.6, 169.5, 292.5, 391.4, 422.6, 473.5, 502.8, 494.1, 393.4, 355.8, 350.5, 379.3, 382.2,
            393.0, 374.1, 347.9, 325.0, 317.7]
_DUTCH_F = [18.5, 65.8, 141.2, 218.5, 325.7, 406.5, 424.6, 470.6, 494.9, 485.1, 385.4, 346.6, 340.2, 365.1, 364.5,
            374.8, 354.8, 332.5, 308.9, 302.5]
_TR_NL_M = [0, 0, 0, 0, 0, 0, 0, 0, 0.1, 1.0, 3.5, 8.1, 9.8, 14.4, 16.3, 16.7, 14.8, 12.6, 11.0, 9.0]
_TR_AB_M = [0, 0.1, 0.5, 2.0, 2.5, 2.7, 4.0, 8.2, 14.8, 16.2, 14.3, 11.8, 9.3, 6.9, 4.1, 2.4, 1.2, 1.0, 1.8, 1.0]
_EU_AB_M = [0, 0.1, 0.2, 0.4, 0.6, 0.9, 1.5, 3.3, 5.2, 9.0, 13.6, 18.7, 24.4, 25.8, 21.4, 15.2, 7.1, 4.4, 2.7, 1.2]
_EU_NL_M = [0, 0, 0.1, 0.3, 0.6, 1.1, 1.0, 0.9, 0.9, 0.8, 0.8, 0.9, 0.8, 1.1, 1.8, 2.3, 3.3, 5.9, 9.6, 13.5]


def _p(xs: list[float]) -> np.ndarray:
    a = np.asarray(xs, dtype=float)
    return a / a.sum()


#: Age templates (share per 5-year bin, youngest first). Dutch, Turkish and new-EU templates
#: are the 2022 CBS pyramids (age_2022_raw_pyramids_x1000); the others are assumptions shaped
#: by migration history (Surinamese independence 1975, Indonesian repatriation 1945-1964,
#: refugee arrivals with ~40 % minors, age_youth_refugees).
AGE_TEMPLATES: dict[str, np.ndarray] = {
    "dutch": _rev([m + f for m, f in zip(_DUTCH_M, _DUTCH_F)]),
    "tr_first": _rev(_TR_AB_M),
    "tr_second": _rev(_TR_NL_M),
    "eu_first": _rev(_EU_AB_M),
    "eu_second": _rev(_EU_NL_M),
    "sr_first": _p([0.005, 0.01, 0.015, 0.02, 0.03, 0.045, 0.06, 0.07, 0.08, 0.09, 0.11, 0.12, 0.12, 0.09, 0.06,
                    0.04, 0.02, 0.01, 0.004, 0.001]),
    "an_first": _p([0.01, 0.02, 0.03, 0.06, 0.12, 0.14, 0.12, 0.09, 0.08, 0.08, 0.08, 0.06, 0.04, 0.03, 0.02, 0.01,
                    0.005, 0.003, 0.001, 0.001]),
    "second_mid": _p([0.09, 0.10, 0.10, 0.10, 0.11, 0.12, 0.12, 0.10, 0.08, 0.05, 0.02, 0.006, 0.003, 0.001, 0.001,
                      0.0, 0.0, 0.0, 0.0, 0.0]),
    "refugee_recent": _p([0.09, 0.09, 0.08, 0.08, 0.12, 0.13, 0.11, 0.09, 0.07, 0.05, 0.035, 0.025, 0.015, 0.01,
                          0.005, 0.002, 0.001, 0.0, 0.0, 0.0]),
    "refugee_older": _p([0.02, 0.03, 0.05, 0.06, 0.07, 0.09, 0.10, 0.11, 0.12, 0.11, 0.09, 0.06, 0.04, 0.025, 0.015,
                         0.008, 0.004, 0.002, 0.001, 0.0]),
    "second_young": _p([0.30, 0.25, 0.18, 0.12, 0.08, 0.04, 0.02, 0.01, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
                        0.0, 0.0, 0.0, 0.0]),
    "de_first": _p([0.02, 0.03, 0.03, 0.04, 0.06, 0.08, 0.08, 0.07, 0.07, 0.08, 0.09, 0.09, 0.08, 0.06, 0.05, 0.04,
                    0.03, 0.02, 0.01, 0.004]),
    "west_second": _p([0.04, 0.045, 0.05, 0.05, 0.05, 0.05, 0.05, 0.055, 0.065, 0.08, 0.09, 0.09, 0.08, 0.07, 0.06,
                       0.05, 0.04, 0.03, 0.015, 0.005]),
    "id_first": _p([0.002, 0.003, 0.005, 0.01, 0.02, 0.03, 0.03, 0.03, 0.03, 0.03, 0.04, 0.05, 0.08, 0.15, 0.18,
                    0.16, 0.10, 0.04, 0.01, 0.002]),
    "id_second": _p([0.01, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.09, 0.12, 0.14, 0.14, 0.10, 0.07, 0.03,
                     0.01, 0.005, 0.002, 0.001, 0.0]),
}
#: Template per (group, generation).
AGE_TEMPLATE_OF: dict[tuple[str, int], str] = {
    ("NL", 0): "dutch",
    ("TR", 1): "tr_first", ("TR", 2): "tr_second", ("MA", 1): "tr_first", ("MA", 2): "tr_second",
    ("SR", 1): "sr_first", ("SR", 2): "second_mid", ("AN", 1): "an_first", ("AN", 2): "second_mid",
    ("SY", 1): "refugee_recent", ("ER", 1): "refugee_recent", ("SY", 2): "second_young", ("ER", 2): "second_young",
    ("AF", 1): "refugee_older", ("IQ", 1): "refugee_older", ("IR", 1): "refugee_older", ("SO", 1): "refugee_older",
    ("AF", 2): "second_young", ("IQ", 2): "second_young", ("IR", 2): "second_young", ("SO", 2): "second_young",
    ("AFO", 1): "an_first", ("AFO", 2): "tr_second", ("NWO", 1): "an_first", ("NWO", 2): "tr_second",
    ("DE", 1): "de_first", ("DE", 2): "west_second", ("PL", 1): "eu_first", ("PL", 2): "eu_second",
    ("ID", 1): "id_first", ("ID", 2): "id_second", ("WO", 1): "eu_first", ("WO", 2): "west_second",
}
#: Share of men (assumption, except refugees: age_youth_refugees; Dutch pyramid ~ 0.495).
MALE_SHARE: dict[str, float] = {"SY": 0.59, "ER": 0.66, "AF": 0.56, "IQ": 0.56, "IR": 0.53, "SO": 0.50,
                                "PL": 0.53, "TR": 0.51, "MA": 0.51}
MALE_SHARE_DEFAULT = 0.495

#: Arrival-year densities of the first-generation stock, knots (year, relative weight),
#: linear in between (assumption shaped by CBS migration history; Syria/Eritrea follow
#: asylum_requests and asylum_permits_by_year).
ARRIVAL_KNOTS: dict[str, list[tuple[int, float]]] = {
    "NL": [(1940, 0.5), (2017, 1.0)],
    "TR": [(1960, 0.0), (1965, 1.0), (1975, 2.0), (1980, 3.0), (1990, 3.0), (1995, 2.5), (2000, 2.5), (2005, 1.5),
           (2010, 1.5), (2017, 2.0)],
    "MA": [(1960, 0.0), (1968, 1.0), (1975, 2.0), (1980, 3.0), (1990, 3.0), (2000, 2.5), (2005, 1.5), (2017, 1.5)],
    "SR": [(1955, 0.3), (1970, 1.0), (1974, 3.0), (1975, 4.0), (1977, 2.0), (1979, 3.0), (1981, 1.5), (1990, 1.5),
           (2000, 1.2), (2017, 1.0)],
    "AN": [(1955, 0.2), (1980, 1.0), (1990, 1.5), (2000, 2.5), (2010, 2.0), (2017, 2.5)],
    "AF": [(1985, 0.0), (1992, 2.0), (1998, 4.0), (2001, 4.0), (2003, 1.0), (2010, 1.0), (2017, 1.2)],
    "IQ": [(1985, 0.0), (1992, 2.0), (1998, 4.0), (2001, 3.0), (2004, 1.0), (2008, 2.0), (2012, 1.0), (2015, 1.5),
           (2017, 1.0)],
    "IR": [(1980, 0.0), (1985, 2.0), (1990, 2.0), (1998, 3.0), (2003, 1.0), (2010, 1.0), (2017, 1.5)],
    "SO": [(1985, 0.0), (1990, 2.0), (1996, 3.0), (2000, 1.0), (2006, 1.0), (2009, 3.0), (2011, 1.0), (2017, 0.8)],
    "SY": [(1985, 0.05), (2012, 0.15), (2013, 0.4), (2014, 1.2), (2015, 2.1), (2016, 3.0), (2017, 1.9)],
    "ER": [(1980, 0.05), (2012, 0.1), (2013, 0.4), (2014, 4.0), (2015, 7.0), (2016, 5.0), (2017, 4.5)],
    "AFO": [(1965, 0.2), (1990, 1.0), (2000, 2.0), (2017, 2.0)],
    "NWO": [(1955, 0.2), (1980, 1.0), (2000, 2.0), (2017, 3.0)],
    "DE": [(1940, 0.5), (1960, 1.0), (1990, 1.0), (2000, 1.5), (2017, 1.5)],
    "PL": [(1980, 0.05), (1990, 0.1), (2003, 0.2), (2004, 1.0), (2007, 2.0), (2012, 3.0), (2017, 3.0)],
    "ID": [(1945, 2.0), (1950, 4.0), (1958, 3.0), (1964, 1.0), (1970, 0.3), (2017, 0.3)],
    "WO": [(1950, 0.2), (1980, 0.6), (2000, 1.0), (2010, 2.0), (2017, 3.0)],
}

#: Births per year (national, CBS bevolkingsgroei; 2023+ assumed flat).
BIRTHS: dict[int, int] = {2018: 168_525, 2019: 169_680, 2020: 168_678, 2021: 179_700, 2022: 167_504,
                          2023: 163_000, 2024: 163_000, 2025: 163_000}
#: Group of newborns (generation 2 except NL; assumption consistent with the young
#: second-generation pyramids).
BIRTH_GROUP_SHARES: dict[str, float] = {"NL": 0.70, "TR": 0.025, "MA": 0.032, "SR": 0.014, "AN": 0.01, "AF": 0.004,
                                        "IQ": 0.004, "IR": 0.003, "SO": 0.004, "SY": 0.022, "ER": 0.005, "AFO": 0.02,
                                        "NWO": 0.04, "DE": 0.014, "PL": 0.025, "ID": 0.004, "WO": 0.054}

#: Immigration after the anchor (immigration_emigration_totals; refugee groups from
#: asylum_permits_by_year x1000 columns; the rest split by assumption; 2022 includes
#: 108k Ukrainians with temporary protection under "WO", immigration_by_birth_region_2022).
IMMIGRATION_TOTAL: dict[int, int] = {2018: 243_737, 2019: 269_064, 2020: 220_853, 2021: 252_528, 2022: 403_108,
                                     2023: 300_000, 2024: 300_000, 2025: 300_000}
IMMIGRATION_ABS: dict[str, dict[int, int]] = {
    "SY": {2018: 9_000, 2019: 6_500, 2020: 8_000, 2021: 12_400, 2022: 15_000},
    "ER": {2018: 4_100, 2019: 3_600, 2020: 2_750, 2021: 2_200, 2022: 2_000},
    "AF": {2018: 700, 2019: 500, 2020: 500, 2021: 3_100, 2022: 3_700},
    "IQ": {2018: 1_500, 2019: 1_300, 2020: 1_000, 2021: 1_300, 2022: 1_500},
    "IR": {2018: 1_500, 2019: 1_500, 2020: 1_200, 2021: 2_500, 2022: 2_700},
    "SO": {2018: 800, 2019: 800, 2020: 700, 2021: 900, 2022: 1_800},
}
IMMIGRATION_SHARES: dict[str, float] = {"NL": 0.16, "TR": 0.028, "MA": 0.013, "SR": 0.011, "AN": 0.02, "AFO": 0.045,
                                        "NWO": 0.15, "DE": 0.04, "PL": 0.07, "ID": 0.005, "WO": 0.30}
IMMIGRATION_EXTRA_WO: dict[int, int] = {2022: 108_000}

#: Pre-anchor leavers (registered since 1995, gone before 2018): deaths and emigrations a year
#: (CBS bevolkingsgroei order of magnitude; emigration_totals for 2013-2017).
PRE_DEATHS_PER_YEAR = 140_000
PRE_EMIGRATION: dict[int, int] = {**{y: 110_000 for y in range(1995, 2006)},
                                  **{y: 130_000 for y in range(2006, 2013)},
                                  2013: 145_669, 2014: 147_862, 2015: 149_509, 2016: 151_545, 2017: 154_292}
DEATH_GROUPS: dict[str, float] = {"NL": 0.86, "ID": 0.04, "DE": 0.03, "WO": 0.03, "SR": 0.01, "AN": 0.005,
                                  "TR": 0.008, "MA": 0.006, "NWO": 0.007, "AFO": 0.004}
EMIGRANT_GROUPS: dict[str, float] = {"NL": 0.33, "WO": 0.28, "PL": 0.06, "DE": 0.05, "TR": 0.03, "MA": 0.01,
                                     "SR": 0.015, "AN": 0.025, "NWO": 0.12, "AFO": 0.03, "SO": 0.012, "IQ": 0.01,
                                     "AF": 0.004, "IR": 0.004, "ID": 0.01, "SY": 0.002, "ER": 0.001}

#: Mortality: annual death probability q(age) = exp(GOMPERTZ_A + GOMPERTZ_B * age), capped.
GOMPERTZ_A, GOMPERTZ_B = -10.4, 0.094
#: Emigration hazards (a year) of first-generation migrants by years since arrival (assumption,
#: magnitudes from the emigration counts of immigration_four_groups and immigration_emigration_totals).
EMIG_FIRST = {"labour": (0.16, 0.08, 0.015), "other": (0.07, 0.04, 0.01), "asylum": (0.012, 0.01, 0.006)}
EMIG_NATIVE_YOUNG, EMIG_NATIVE_OTHER = 0.004, 0.0012
#: Study migrants (first generation, migration motive study, 07/12; report §5.1 on graduates
#: from Germany): their studies end in July (the last student month is June) of a year at
#: least STUDY_MIN_MONTHS after arrival, plus 0-2 more years; a share of them, by origin
#: group, leave the country STUDY_LEAVE_DAYS after (uniform), unless they left before.
#: ASSUMPTION (no target): planted so that #25's censoring at emigration is visible.
STUDY_MIN_MONTHS = 18
STUDY_EXTRA_YEARS = 3
STUDY_LEAVE_SHARE: dict[str, float] = {"DE": 0.7, "PL": 0.6, "WO": 0.6, "ID": 0.5}
STUDY_LEAVE_SHARE_DEFAULT = 0.35
STUDY_LEAVE_DAYS = (5, 150)
#: Share of emigrants who return (re-migration), and years until they do (uniform).
RETURN_SHARE_NATIVE, RETURN_SHARE_MIGRANT, RETURN_YEARS = 0.25, 0.10, (1.0, 6.0)
#: Share of the stock with an earlier emigration and return (so residence periods must be summed).
EARLIER_ABSENCE_SHARE = {0: 0.01, 1: 0.04, 2: 0.01}

#: Migration motive of first-generation non-EU immigrants arriving since 1998 (IND motives,
#: codelists.MIGMOTIEF): asylum groups mostly asylum (03) and family of asylum (04).
MOTIVES: dict[str, dict[str, float]] = {
    "SY": {"03": 0.72, "04": 0.24, "05": 0.03, "13": 0.01},
    "ER": {"03": 0.65, "04": 0.32, "05": 0.02, "13": 0.01},
    "AF": {"03": 0.70, "04": 0.15, "05": 0.10, "13": 0.05},
    "IQ": {"03": 0.62, "04": 0.15, "05": 0.15, "13": 0.08},
    "IR": {"03": 0.55, "04": 0.10, "02": 0.10, "07": 0.10, "05": 0.15},
    "SO": {"03": 0.60, "04": 0.20, "05": 0.15, "13": 0.05},
    "TR": {"05": 0.35, "06": 0.25, "01": 0.15, "02": 0.05, "07": 0.10, "03": 0.05, "13": 0.05},
    "MA": {"05": 0.40, "06": 0.35, "01": 0.05, "07": 0.10, "13": 0.10},
    "SR": {"05": 0.35, "06": 0.20, "07": 0.25, "01": 0.10, "13": 0.10},
    "AN": {"13": 1.0},  # Dutch nationals: no IND motive; "Overig"
    "AFO": {"03": 0.25, "05": 0.30, "06": 0.15, "07": 0.15, "01": 0.05, "13": 0.10},
    "NWO": {"02": 0.20, "07": 0.25, "05": 0.25, "06": 0.10, "01": 0.10, "08": 0.03, "09": 0.02, "13": 0.05},
    "WO": {"02": 0.20, "07": 0.20, "11": 0.35, "10": 0.15, "12": 0.10},
    "DE": {"11": 0.45, "10": 0.35, "12": 0.20},
    "PL": {"11": 0.75, "10": 0.20, "12": 0.05},
    "ID": {"05": 0.40, "06": 0.30, "07": 0.20, "02": 0.10},
    "NL": {"13": 1.0},
}
LABOUR_MOTIVES = ("01", "02", "11")
ASYLUM_MOTIVES = ("03", "04")

# ============================================================ education (assumption where noted)
#: Final education level distribution (low, mid, high) of persons with Dutch background by
#: birth cohort; interpolated linearly. Calibrated so the 15-75 attained distribution in 2022
#: is close to edu_national_2022 (26.2 / 41.7 / 32.0).
EDU_NL_BY_COHORT: list[tuple[int, tuple[float, float, float]]] = [
    (1930, (0.55, 0.32, 0.13)), (1950, (0.38, 0.40, 0.22)), (1970, (0.24, 0.44, 0.32)),
    (1985, (0.17, 0.42, 0.41)), (2000, (0.15, 0.41, 0.44)), (2020, (0.14, 0.40, 0.46)),
]
#: Shift in log-odds of (mid, high) vs low by (group, generation), relative to the Dutch cohort
#: curve. ASSUMPTION (no target for adult education by origin, calibration-targets.md §2),
#: except that second-generation tertiary shares at 25-45 in 2018 aim at
#: edu_second_gen_tertiary_2018 (AN 40, SR 33, MA 27, TR 25 %).
EDU_SHIFT: dict[tuple[str, int], tuple[float, float]] = {
    ("NL", 0): (0.0, 0.0),
    ("TR", 1): (-1.3, -1.9), ("MA", 1): (-1.4, -2.0), ("SR", 1): (-0.6, -1.0), ("AN", 1): (-0.5, -0.9),
    ("AF", 1): (-0.9, -0.8), ("IQ", 1): (-0.9, -0.8), ("IR", 1): (-0.4, -0.2), ("SO", 1): (-1.4, -2.1),
    ("SY", 1): (-1.2, -0.9), ("ER", 1): (-1.8, -2.5), ("AFO", 1): (-0.9, -1.1), ("NWO", 1): (-0.5, -0.3),
    ("DE", 1): (0.1, 0.3), ("PL", 1): (0.2, -0.6), ("ID", 1): (-0.2, -0.5), ("WO", 1): (0.1, 0.6),
    ("TR", 2): (-0.45, -0.95), ("MA", 2): (-0.45, -0.85), ("SR", 2): (-0.35, -0.55), ("AN", 2): (-0.2, -0.2),
    ("AF", 2): (-0.2, -0.2), ("IQ", 2): (-0.3, -0.4), ("IR", 2): (0.0, 0.3), ("SO", 2): (-0.6, -0.9),
    ("SY", 2): (-0.4, -0.6), ("ER", 2): (-0.6, -0.9), ("AFO", 2): (-0.4, -0.6), ("NWO", 2): (-0.1, 0.0),
    ("DE", 2): (0.0, 0.05), ("PL", 2): (0.0, -0.1), ("ID", 2): (0.0, 0.0), ("WO", 2): (0.0, 0.1),
}
#: Women of cohorts born after 1970 are more often highly educated (log-odds shift of high).
EDU_FEMALE_HIGH_SHIFT = 0.25
#: Final SOI codes per level with weights, and the age (years) at which they are completed.
SOI_FINAL: dict[int, list[tuple[str, float, float]]] = {
    0: [("1112", 0.22, 12.5), ("1211", 0.06, 17.0), ("1212", 0.30, 16.0), ("1213", 0.10, 17.5),
        ("1221", 0.25, 16.0), ("1222", 0.07, 15.5)],
    1: [("2111", 0.17, 18.5), ("2112", 0.20, 19.5), ("2121", 0.38, 20.0), ("2131", 0.14, 17.5),
        ("2132", 0.11, 18.5)],
    2: [("3111", 0.03, 21.0), ("3112", 0.52, 22.0), ("3113", 0.05, 22.0), ("3211", 0.08, 24.5),
        ("3212", 0.30, 24.0), ("3213", 0.02, 28.5)],
}
#: HOOGSTEOPLTAB coverage (probability a resident aged 15+ is in the file) by generation,
#: age band and arrival as a child/adult; +0.6 pp a year after 2013 (assumption, calibrated to
#: ~65-70 % of the population: HOOGSTEOPL2019TABV2 ~11.9 M rows).
HOOGSTEOPL_COVERAGE = {"young_register": 0.97, "older_native_30": 0.92, "older_native_50": 0.74,
                       "older_native_65": 0.52, "first_gen_adult_arrival": 0.45, "trend_per_year": 0.006}

# ============================================================ labour market (monthly model)
#: Main states of the monthly model and the SECM code they imply (cbs-sources §C.1).
STATES = ("ABSENT", "CHILD", "STUDENT", "EMP", "SELF", "WW", "BIJ", "AO", "INACT", "OTHB", "PENSION")
S = {s: i for i, s in enumerate(STATES)}
#: States of the reversible block (WW has its own entry/exit rules).
CHAIN = ("EMP", "SELF", "BIJ", "AO", "INACT", "OTHB")
#: Log-odds of each chain state vs EMP for the reference person (Dutch background, man,
#: middle education, age 27-54, average latent employability u = 0, neutral cycle).
ETA_INTERCEPT = {"SELF": -1.6, "BIJ": -4.8, "AO": -3.1, "INACT": -3.8, "OTHB": -5.4}
#: Loading of the latent employability u ~ N(0, 1).
ETA_U = {"SELF": 0.15, "BIJ": -1.15, "AO": -0.8, "INACT": -0.75, "OTHB": -0.6}
ETA_EDU = {"SELF": (-0.25, 0.0, 0.25), "BIJ": (0.9, 0.0, -1.0), "AO": (0.55, 0.0, -0.7),
           "INACT": (0.55, 0.0, -0.45), "OTHB": (0.3, 0.0, -0.3)}
ETA_FEMALE = {"SELF": -0.55, "BIJ": 0.25, "AO": 0.2, "INACT": 1.0, "OTHB": 0.6}
#: Age bands: 15-26, 27-44, 45-54, 55-59, 60+ (up to AOW).
AGE_BAND_EDGES = (27, 45, 55, 60)
ETA_AGE = {"SELF": (-1.3, -0.1, 0.15, 0.25, 0.35), "BIJ": (0.15, 0.1, 0.0, -0.05, -0.1),
           "AO": (-0.9, -0.3, 0.3, 0.8, 1.1), "INACT": (0.3, -0.1, 0.0, 0.5, 1.4),
           "OTHB": (-0.5, -0.2, 0.1, 0.4, 0.8)}
#: Group x generation offsets on BIJ / INACT / AO / SELF (planted; tuned so the bijstand shares by
#: generation come out at bijstand_rates_by_background, participation at
#: ebb_net_participation_W_NW / ebb_net_participation_groups_2013_2019 and self-employment at
#: flex_share_2022_by_origin.self_employed).
ETA_GROUP: dict[tuple[str, int], dict[str, float]] = {
    ("NL", 0): {},
    ("TR", 1): {"BIJ": 2.2, "INACT": 0.55, "AO": 0.8, "SELF": 1.2},
    ("MA", 1): {"BIJ": 2.5, "INACT": 0.65, "AO": 0.6, "SELF": 0.35},
    ("SR", 1): {"BIJ": 1.6, "INACT": -0.05, "AO": 0.3, "SELF": -0.15},
    ("AN", 1): {"BIJ": 2.4, "INACT": 0.45, "AO": 0.2, "SELF": -0.25},
    ("AF", 1): {"BIJ": 2.35, "INACT": 0.65, "AO": 0.2, "SELF": -0.15},
    ("IQ", 1): {"BIJ": 2.75, "INACT": 0.75, "AO": 0.3, "SELF": 0.05},
    ("IR", 1): {"BIJ": 2.35, "INACT": 0.55, "AO": 0.2, "SELF": 0.55},
    ("SO", 1): {"BIJ": 3.15, "INACT": 0.85, "AO": 0.2, "SELF": -0.35},
    ("SY", 1): {"BIJ": 3.05, "INACT": 0.75, "AO": 0.0, "SELF": -0.05},
    ("ER", 1): {"BIJ": 3.25, "INACT": 0.75, "AO": 0.0, "SELF": -0.55},
    ("AFO", 1): {"BIJ": 2.35, "INACT": 0.35, "AO": 0.2, "SELF": -0.05},
    ("NWO", 1): {"BIJ": 1.85, "INACT": 0.35, "AO": 0.1, "SELF": 0.5},
    ("DE", 1): {"BIJ": 0.9, "INACT": 0.7, "AO": 0.1, "SELF": 0.35},
    ("PL", 1): {"BIJ": 1.1, "INACT": 0.6, "AO": -0.2, "SELF": 0.2},
    ("ID", 1): {"BIJ": 1.0, "INACT": 0.7, "AO": 0.2, "SELF": 0.0},
    ("WO", 1): {"BIJ": 1.15, "INACT": 1.2, "AO": 0.0, "SELF": 0.3},
    ("TR", 2): {"BIJ": 0.25, "INACT": 0.15, "AO": 0.2, "SELF": 0.45},
    ("MA", 2): {"BIJ": 0.55, "INACT": 0.25, "AO": 0.2, "SELF": 0.5},
    ("SR", 2): {"BIJ": 0.05, "INACT": -0.2, "AO": 0.15, "SELF": -0.05},
    ("AN", 2): {"BIJ": 0.65, "INACT": 0.2, "AO": 0.15, "SELF": -0.15},
    ("AF", 2): {"BIJ": 0.3, "INACT": 0.15, "AO": 0.1, "SELF": 0.05},
    ("IQ", 2): {"BIJ": 0.4, "INACT": 0.15, "AO": 0.1, "SELF": 0.05},
    ("IR", 2): {"BIJ": 0.0, "INACT": 0.05, "AO": 0.1, "SELF": 0.25},
    ("SO", 2): {"BIJ": 0.7, "INACT": 0.25, "AO": 0.1, "SELF": -0.15},
    ("SY", 2): {"BIJ": 0.5, "INACT": 0.15, "AO": 0.1, "SELF": 0.05},
    ("ER", 2): {"BIJ": 0.6, "INACT": 0.15, "AO": 0.1, "SELF": -0.05},
    ("AFO", 2): {"BIJ": 0.3, "INACT": -0.05, "AO": 0.1, "SELF": 0.05},
    ("NWO", 2): {"BIJ": -0.1, "INACT": -0.1, "AO": 0.1, "SELF": 0.35},
    ("DE", 2): {"BIJ": 0.5, "INACT": 0.05, "AO": 0.1, "SELF": 0.1},
    ("PL", 2): {"BIJ": 0.5, "INACT": 0.05, "AO": 0.1, "SELF": 0.0},
    ("ID", 2): {"BIJ": 0.5, "INACT": 0.05, "AO": 0.15, "SELF": 0.0},
    ("WO", 2): {"BIJ": 0.6, "INACT": 0.25, "AO": 0.1, "SELF": 0.1},
}
#: Extra inactivity of first-generation women from Turkey/Morocco/refugee groups (assumption; CPB
#: employment gap women 15-35 pp, income_gap_disposable.employment_gap_pp).
ETA_FEMALE_FIRST_GEN_INACT: dict[str, float] = {"TR": 0.9, "MA": 1.2, "AF": 0.8, "IQ": 0.9, "SY": 0.9, "SO": 0.7,
                                                "ER": 0.3, "AFO": 0.4, "NWO": 0.4, "IR": 0.4}
#: Business cycle index by year (positive = slack); gaps widen to 2014 and shrink to 2019 and
#: 2022, dip in 2020 (ebb_unemployment_revised_by_birth; ebb_net_participation_W_NW).
CYCLE: dict[int, float] = {2005: 0.1, 2006: 0.05, 2007: -0.1, 2008: -0.2, 2009: 0.15, 2010: 0.2, 2011: 0.2,
                           2012: 0.35, 2013: 0.5, 2014: 0.55, 2015: 0.4, 2016: 0.25, 2017: 0.05, 2018: -0.15,
                           2019: -0.3, 2020: -0.1, 2021: -0.2, 2022: -0.4, 2023: -0.35, 2024: -0.3, 2025: -0.3}
CYCLE_LOAD = {"BIJ": 0.7, "INACT": 0.6, "OTHB": 0.2, "SELF": 0.0, "AO": 0.0}
#: Cycle effects are multiplied by (1 + CYCLE_NW_AMPLIFY) for non-western persons.
CYCLE_NW_AMPLIFY = 1.4
#: Extra slack in 2020 for non-western persons (the larger COVID dip), log-odds on BIJ/INACT.
COVID_NW_2020 = 0.25
#: Residence-duration effects (log-odds on BIJ, INACT), decaying exp(-months / tau).
RESIDENCE_EFFECT = {"asylum": {"BIJ": 5.5, "INACT": 2.8, "tau": 44.0},
                    "family": {"BIJ": 0.5, "INACT": 1.2, "tau": 36.0},
                    "labour": {"BIJ": -1.2, "INACT": -1.2, "tau": 60.0}}
#: Symmetric rate scale c (a month) between chain states; rate k -> j = c[k, j] * pi_j.
CHAIN_C: dict[tuple[str, str], float] = {
    ("EMP", "SELF"): 0.008, ("EMP", "BIJ"): 0.012, ("EMP", "AO"): 0.004, ("EMP", "INACT"): 0.03,
    ("EMP", "OTHB"): 0.012, ("SELF", "BIJ"): 0.006, ("SELF", "AO"): 0.002, ("SELF", "INACT"): 0.012,
    ("SELF", "OTHB"): 0.004, ("BIJ", "AO"): 0.02, ("BIJ", "INACT"): 0.20, ("BIJ", "OTHB"): 0.03,
    ("AO", "INACT"): 0.01, ("AO", "OTHB"): 0.01, ("INACT", "OTHB"): 0.04,
}
#: Multipliers of c for persons with a non-western background (symmetric, so the stationary
#: distribution is unchanged and only the flows speed up). EMP-BIJ: job finding from bijstand
#: is about 8 % a year for non-western and 8.5 % overall (TVA 2021(3), peers-engines §3.2); with
#: c alone the lower pi_EMP of non-western persons gave them ~6 %.
CHAIN_C_NONWESTERN: dict[tuple[str, str], float] = {("EMP", "BIJ"): 1.35}
#: WW: inflow hazard from a job (a month) = base * exp(cycle * load) * (flex multiplier) * exp(u * load_u),
#: only after >= 6 months in work; exits to a job with monthly hazard; entitlement 3-24 months.
WW = {"inflow_base": 0.0028, "cycle_load": 1.0, "flex_mult": 2.2, "u_load": -0.3,
      "find_base": 0.062, "find_u": 0.45, "find_nw": -0.3, "find_first_gen": -0.15, "find_age55": -0.7,
      "find_cycle": -0.5, "find_low_edu": -0.15, "to_bij_at_end": {"none": 0.07, "western": 0.07, "nonwestern": 0.14},
      "to_ao": 0.002, "max_months": 24, "keep_partial_share": 0.25}
#: Share of bijstand spells that continue 1-3 months into a new job (supplement).
BIJ_KEEP_INTO_JOB_SHARE = 0.2
#: Early retirement hazard (a month) from age 60 (declines over years as early pensions stopped).
EARLY_RETIREMENT = {"hazard_60": 0.002, "hazard_63": 0.006}
#: Self-employed: share "overige zelfstandige" (SECM 14) and share DGA (SECM 12, SPOLIS SSOORTBAAN 1).
SELF_TYPE = {"secm14_share": 0.28, "dga_share": 0.12}

#: Side jobs (monthly on/off process): probability of holding one, by state (students: by group
#: type; assumption, CBS student jobs ~ half of students).
SIDE_JOB_P = {"STUDENT": 0.48, "STUDENT_NW": 0.36, "EMP": 0.07, "SELF": 0.05, "BIJ": 0.05, "WW": 0.08, "AO": 0.12,
              "PENSION": 0.06, "OTHB": 0.05}
#: Side jobs of asylum migrants in their first 36 months are rarer (factor).
SIDE_JOB_ASYLUM_EARLY = 0.15
SIDE_JOB_END = 0.07  # monthly end hazard of a side job
INTERNSHIP_SHARE = 0.18  # share of student side-job starts that are internships (SSOORTBAAN 2)

#: Contracts: probability that a new main job is permanent, logistic model (planted, per person
#: in truth/persons.parquet as p_perm_new). Tuned to flex_share_2017 (employees with flexible
#: contract: non-western 34, Dutch 21; low-educated 46 vs 33, high 21 vs 15).
PERM_LOGIT = {"intercept": 0.65, "edu": (-0.45, 0.0, 0.35), "age": (-1.35, 0.0, 0.3, 0.4, 0.4), "female": -0.1,
              "u": 0.35, "nonwestern_first": -0.65, "nonwestern_second": -0.7, "western_first": -0.35,
              "western_second": -0.1, "refugee_extra": -0.2}
#: Job-to-job separation (a month) by contract, conversion B -> O at the same job, payrolling.
JOB_END = {"O": 0.0065, "B": 0.032, "cycle_load": 0.3}
CONVERSION_B_TO_O = 0.014
#: Share of new permanent jobs placed with a payroll company (sector 52): recorded "O" until 2016
#: and "B" from 2017 (trend break break_contract_2017, indicators.md §3).
PAYROLL_SHARE = 0.035
PAYROLL_FROM_YEAR = 2017
#: Job type among flexible jobs (SSOORTBAAN): temp agency 4, on-call 5; zero-hours among on-call.
FLEX_JOB_TYPE = {"agency": 0.20, "oncall": 0.16, "oncall_zero_hours": 0.55, "oncall_among_permanent": 0.02,
                 "wsw_low_edu_low_u": 0.02}
#: Lower-case SCONTRACTSOORT variants (whole job, some payroll software) and rare "N".
CONTRACT_LOWERCASE_SHARE = 0.004
CONTRACT_N_SHARE = 0.002

#: Hourly wage model: log w = log(base) + edu + age profile + female + group gap(gen, sex) + sd * z
#: (z correlated 0.5 with u) + employer premium. Planted adjusted gaps (log points) per group and
#: generation; second generation ~0 (wage_gap_hourly 2002_CBS_adjusted; CPB 2019 range -4..-29 raw).
WAGE = {"base_2013": 17.0, "edu": (-0.24, 0.0, 0.34), "female": -0.08, "sd": 0.30, "u_corr": 0.5,
        "employer_sd": 0.08, "large_employer": 0.04, "job_sd": 0.06, "growth_within_job": 0.012,
        "growth_young_extra": 0.03, "below_wml_share": 0.035}
WAGE_GAP: dict[tuple[str, int], float] = {
    ("NL", 0): 0.0, ("TR", 1): -0.05, ("MA", 1): -0.06, ("SR", 1): -0.04, ("AN", 1): -0.03, ("AF", 1): -0.08,
    ("IQ", 1): -0.09, ("IR", 1): -0.06, ("SO", 1): -0.10, ("SY", 1): -0.10, ("ER", 1): -0.11, ("AFO", 1): -0.08,
    ("NWO", 1): -0.06, ("DE", 1): 0.01, ("PL", 1): -0.12, ("ID", 1): -0.01, ("WO", 1): 0.0,
    ("TR", 2): -0.01, ("MA", 2): -0.03, ("SR", 2): -0.01, ("AN", 2): -0.01, ("AF", 2): -0.02, ("IQ", 2): -0.02,
    ("IR", 2): 0.0, ("SO", 2): -0.03, ("SY", 2): -0.02, ("ER", 2): -0.03, ("AFO", 2): -0.02, ("NWO", 2): -0.01,
    ("DE", 2): 0.0, ("PL", 2): 0.0, ("ID", 2): 0.0, ("WO", 2): 0.0,
}
#: Extra female gap for first-generation women (log points; CPB: Turkish women furthest behind).
WAGE_FEMALE_FIRST_GEN = {"TR": -0.06, "MA": -0.05, "AF": -0.03, "IQ": -0.03, "SY": -0.03, "SO": -0.03}

#: Weekly contract hours distribution per job kind: list of (hours, weight).
HOURS = {
    "men": [(40, 0.22), (38, 0.25), (36, 0.16), (32, 0.12), (28, 0.06), (24, 0.06), (20, 0.05), (16, 0.04),
            (12, 0.02), (8, 0.02)],
    "women": [(38, 0.10), (36, 0.12), (32, 0.17), (28, 0.16), (24, 0.16), (20, 0.12), (16, 0.08), (12, 0.05),
              (8, 0.04)],
    "side": [(4, 0.12), (6, 0.14), (8, 0.18), (10, 0.15), (12, 0.15), (16, 0.14), (20, 0.08), (24, 0.04)],
}
#: Share of employers declaring four-weekly (STIJDVAKTYPE 1) by sector kind.
FOURWEEKLY = {"retail_horeca_agency": 0.35, "government": 0.02, "health": 0.08, "other": 0.12}

#: Self-employed income (a month, 2013 euros): lognormal, with loss makers and a Pareto tail.
SELF_INCOME = {"median": 2600.0, "sd": 0.85, "loss_share": 0.04, "top_share": 0.004, "top_scale": 40000.0,
               "top_alpha": 1.6}
#: Monthly benefit amounts (2013 euros): WW ~ 70 % of last wage capped; bijstand; AO; pension.
BENEFITS = {"ww_replacement": 0.70, "ww_cap": 3300.0, "bijstand": 1050.0, "ao_replacement": 0.65,
            "wajong_wml_share": 0.75, "othb": 900.0, "aow": 1150.0, "pension_median": 700.0, "pension_sd": 1.0}
INCOME_SENTINEL_SHARE = 0.02  # INPATAB 9999999999: household without observed income
#: Couples (INPATAB INPPOSHHK / RINPERSOONHKW; the NUG of report §3.2.1). ASSUMPTION (CBS: about
#: 60 % of adults live with a partner): a share of the adults (aged 20-85 in the last year) is
#: paired for the whole window, man with woman, mostly within the origin group, the partners'
#: birth dates close (sorted with noise); a couple is married (position 3) or not (4); the
#: partner with the higher INPPERSINK of the year is the breadwinner (2). Parent-child links
#: are not modelled: minors are 5, some young adults 6, with no breadwinner key.
COUPLES = {"share": 0.6, "within_group": 0.9, "age_noise_years": 3.0, "married": 0.7, "min_age": 20, "max_age": 85,
           "adult_child_share_18_25": 0.6}

#: EBB (labour force survey): quarterly inflow rate per person aged 15-74 (rotating panel of 5
#: waves), response and attrition, reporting error; probability of "searching and available"
#: (unemployed) when not working, by register state (assumption tuned to
#: ebb_unemployment_old_series / ebb_unemployment_revised_by_birth).
EBB = {"quarterly_inflow": 0.0025, "wave_retention": 0.86, "institutional_share_65plus": 0.04,
       "institutional_share_under65": 0.006, "report_not_working_when_working": 0.025,
       "report_working_when_not": 0.02,
       "search_available": {"WW": 0.62, "BIJ": 0.30, "INACT": 0.11, "STUDENT": 0.07, "AO": 0.04, "OTHB": 0.14,
                            "PENSION": 0.003, "CHILD": 0.05, "EMP": 0.3, "SELF": 0.3},
       "search_nw_mult": 1.25}

#: Employers: size distribution (expected employees, national scale) and number per person.
#: Pareto(alpha) raw sizes capped at max_raw, rescaled to mean_size employees: with alpha 1.05 the
#: shares of jobs at employers with <10 / 10-100 / 100+ employees are ~13 / 24 / 63 %
#: (employee_job_shares_by_firm_size: 15 / 24 / 62). mean_size = 6.76 M employees / 294k employers.
EMPLOYERS = {"per_person": 294_000 / 17_181_084, "pareto_alpha": 1.05, "max_raw": 20_000.0, "mean_size": 23.0,
             "f_prefix_share": 0.005}
#: SSECT job shares (assumption based on CBS jobs by sector; government 61-66, agencies 52).
SECTOR_SHARES: dict[str, float] = {
    "35": 0.16, "17": 0.065, "19": 0.045, "33": 0.05, "34": 0.006, "43": 0.06, "44": 0.05, "45": 0.05,
    "41": 0.035, "42": 0.03, "52": 0.075, "61": 0.06, "62": 0.025, "63": 0.006, "64": 0.025, "65": 0.004,
    "66": 0.012, "03": 0.04, "10": 0.028, "12": 0.03, "49": 0.01, "50": 0.016, "51": 0.02, "38": 0.016,
    "39": 0.008, "32": 0.025, "29": 0.006, "26": 0.003, "27": 0.005, "54": 0.01, "55": 0.03, "53": 0.006,
    "18": 0.01, "01": 0.015, "69": 0.004, "40": 0.004, "67": 0.01, "09": 0.003, "11": 0.005, "13": 0.003,
    "28": 0.004, "31": 0.003, "56": 0.003, "47": 0.002, "48": 0.002, "22": 0.002, "20": 0.002, "25": 0.002,
    "02": 0.0005, "04": 0.0005, "05": 0.001, "06": 0.001, "07": 0.001, "08": 0.0005, "14": 0.0005, "15": 0.001,
    "16": 0.0005, "21": 0.0003, "23": 0.0005, "24": 0.001, "30": 0.001, "46": 0.001, "57": 0.001, "58": 0.001,
    "59": 0.0005, "60": 0.0003, "68": 0.001,
}
RETAIL_HORECA = ("17", "19", "33", "34")
#: Scale: SPOLIS persons and records (spolis_size), used only to report how close the data come.
SPOLIS_TARGET = {"records_per_person_year": 12.8, "persons_share_of_population": 9_328_255 / 17_475_415}


def as_manifest() -> dict:
    """All planted parameters as JSON-able data (tuples -> lists, numpy -> lists)."""
    out = {}
    for k, v in globals().items():
        if k.isupper() and not k.startswith("_"):
            out[k] = _jsonable(v)
    return out


def _jsonable(v):
    if isinstance(v, np.ndarray):
        return [round(float(x), 6) for x in v]
    if isinstance(v, dict):
        return {("|".join(map(str, k)) if isinstance(k, tuple) else str(k)): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, (np.floating, np.integer)):
        return v.item()
    return v


assert set(g for g, _ in STOCK_2018) <= set(GROUPS)

# ============================================================ re-integration (input indicators I1, I2)
#: UWV re-integration trajectories (SIRWWPERSOONBUS / SIRAGPERSOONBUS): probability that a benefit
#: spell gets a trajectory, the start delay (months, geometric mean) and duration (months, uniform);
#: municipal provisions (SRGPERSOONPWETBUS 2015-2018 / PWETSRGPERSOONBUS 2019+) per bijstand spell.
#: ASSUMPTION (no public figures): planted so indicators I1/I2 have a group difference to recover.
#: Re-integration and Participatiewet provisions (input indicators I1, I2; report §3.2.1, §3.4).
#: ASSUMPTION (no public figures by origin): per benefit spell a trajectory / provision is drawn
#: with probability p[migration background] x group_factor[origin group] (capped at 0.95); it
#: starts (geometric(1 / delay_mean) - 1) x 30.44 days + U{0..27} days after the spell starts,
#: whether or not the benefit still runs then, and lasts U{duration} months. Provision types are
#: present independently with the provision_weights (a draw with none present gives no
#: provision), so P(type X within 12 months of inflow) = p x P(delay < 365 days) x weight_X
#: (manifest "input_truth"). Municipalities give refugee groups (statushouders) provisions more
#: often; UWV trajectories are a little rarer after WW for Turkish and Moroccan origin. "nug":
#: adults inactive all year (SECM 32) get a provision starting in the year with p_year (the
#: Participatiewet serves non-benefit claimants too). WIA-IVA (AOSOORT 5) gets no trajectory.
REINTEGRATION = {
    "sirww": {"p": {"none": 0.28, "western": 0.26, "nonwestern": 0.24}, "delay_mean": 3.0, "duration": (2, 9),
              "group_factor": {"TR": 0.8, "MA": 0.8}},
    "sirag": {"p": {"none": 0.35, "western": 0.33, "nonwestern": 0.30}, "delay_mean": 4.0, "duration": (3, 12),
              "aosoort": ("3", "4"), "group_factor": {}},
    "pwet": {"p": {"none": 0.40, "western": 0.38, "nonwestern": 0.36}, "delay_mean": 4.0, "duration": (3, 14),
             "second_provision": 0.3,
             "group_factor": {"AF": 1.35, "IQ": 1.3, "IR": 1.25, "SO": 1.35, "SY": 1.5, "ER": 1.5}},
    "nug": {"p_year": 0.06, "duration": (3, 12), "min_age": 18},
    "sirsoort_weights": {"1": 0.35, "2": 0.2, "3": 0.15, "4": 0.1, "5": 0.15, "9": 0.05},
    "provision_weights_old": {"LOONKOSTENSUBSIDIE": 0.18, "WIWIDBAAN": 0.05, "BESCHUTWERK": 0.04,
                              "PARTICIPATIEPLAATS": 0.18, "JOBCOACH": 0.15, "VERVOER": 0.40},
    "provision_weights_new_extra": {"PROEFPLAATSING": 0.06, "OVERIGEWERKPLEK": 0.08, "WERKPLEKAANPASSING": 0.03,
                                    "COACHINGNAARWERK": 0.2, "SCHOLING": 0.12, "VRIJWILLIGERSWERK": 0.08,
                                    "OVERIGESOCIALEACTIVERING": 0.12, "OVERIGEFACILITERENDE": 0.05},
}

# ============================================================ education files (indicators 19-26)
#: Study mode shares (person-level): mbo BOL voltijd / BOL deeltijd / BBL; HO voltijd / deeltijd / duaal.
MBO_LEERWEG_SHARES = {"1": 0.78, "2": 0.02, "3": 0.20}
HO_VORM_SHARES = {"1": 0.88, "2": 0.08, "3": 0.04}
#: Routes through secondary school (synth/education.py draw_route; indicators 19-20). ASSUMPTION
#: calibrated to the pattern the issue names: share of pupils in vo year 3 in vmbo about 61 %
#: (non-western) vs 46 % (no migration background); pupils with a migration background more
#: often reach higher education by stacking (vmbo -> mbo 4 / havo -> hbo).
#: hbo_via_vmbo: share of persons whose final level is hbo who start in vmbo-g/t, by
#: background; of those, via_mbo go vmbo -> mbo 4 -> hbo, the rest vmbo -> havo -> hbo.
#: hbo_via_vwo: share of the other hbo finals in the vwo track (vwo -> hbo).
#: wo_via_havo: share of persons whose final level is wo who stack havo -> vwo.
#: vmbo_gt: share of mbo finals (by final SOI code) in vmbo-g/t (else vmbo-b/k);
#: exam_mixed: share of vmbo-g/t exams in the mixed track (GL, else TL); exam_basic: share of
#: vmbo-b/k exams in the basic track (BB, else KB).
EDU_ROUTES = {"hbo_via_vmbo": {"none": 0.17, "western": 0.17, "nonwestern": 0.38}, "via_mbo": 0.7,
              "hbo_via_vwo": 0.15, "wo_via_havo": {"none": 0.07, "western": 0.07, "nonwestern": 0.12},
              "vmbo_gt": {"1213": 0.0, "2111": 0.3, "2112": 0.6, "2121": 0.85},
              "exam_mixed": 0.15, "exam_basic": 0.4}
#: VO exams: pass rate; share of mbo graduates who also hold a lower mbo diploma from earlier.
EXAM_PASS_RATE = 0.92
MBO_EARLIER_DIPLOMA_SHARE = 0.2
#: mbo school-leavers survey (SVO): sample share of last year's graduates, response rate, and planted
#: answers by background (ASSUMPTION: no public figures by origin): problems finding an internship,
#: mean number of applications for an internship (geometric), job/education match 1-4 (break 2019).
SVO = {"sample": 0.5, "response": 0.45,
       "stage_problem": {"none": 0.14, "western": 0.17, "nonwestern": 0.26},
       "applications_mean": {"none": 1.8, "western": 2.1, "nonwestern": 3.0},
       "match_before_2019": {"1": 0.10, "2": 0.17, "3": 0.36, "4": 0.37},
       "match_from_2019": {"1": 0.07, "2": 0.13, "3": 0.33, "4": 0.47}}
