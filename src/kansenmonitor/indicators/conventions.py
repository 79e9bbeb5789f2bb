"""Conventions shared by the register indicators (report §4.2, ``indicators.md`` §3).

Statutory minimum wage (WML) per 1 January, the hourly threshold of a substantial job, and
the income cap. Amounts from ``shared/spec/cbs-sources.md`` §W.1 (adult rate).
"""

from __future__ import annotations

#: Weekly WML (adult rate, euro) on 1 January; 2024 onwards has only a statutory hourly rate.
WML_WEEKLY: dict[int, float] = {
    2006: 293.70, 2007: 300.20, 2008: 308.10, 2009: 318.75, 2010: 324.85, 2011: 328.70,
    2012: 333.85, 2013: 339.10, 2014: 342.85, 2015: 346.55, 2016: 351.85, 2017: 358.05,
    2018: 364.15, 2019: 372.90, 2020: 381.60, 2021: 388.80, 2022: 398.10, 2023: 446.40,
}
#: Statutory hourly WML from 2024 (euro).
WML_HOURLY_STATUTORY: dict[int, float] = {2024: 13.27}

#: A substantial job has at least this many base hours a week (report §4.2).
SUBSTANTIAL_MIN_WEEKLY_HOURS = 12.0
#: Personal income is capped at this amount in every year (report §4.2, 3f).
INCOME_CAP = 1_000_000.0


def hourly_wml(year: int) -> float:
    """Hourly WML in force on 1 January of ``year``.

    **choice** (indicators.md §3): before 2024 the weekly WML / 40 (the report's "40-urige
    werkweek"); from 2024 the statutory hourly minimum. Years after the last known year use
    the last known amount (and must be updated when the new WML is published).
    """
    if year >= 2024:
        known = max(y for y in WML_HOURLY_STATUTORY if y <= year)
        return WML_HOURLY_STATUTORY[known]
    if year < min(WML_WEEKLY):
        raise ValueError(f"no WML known for {year}")
    return WML_WEEKLY[year] / 40.0


def wml_12_hours_yearly(year: int) -> float:
    """Yearly income of 12 hours a week at the hourly WML: threshold for self-employment
    to count as work (indicators.md §3), per full year (52 weeks)."""
    return hourly_wml(year) * SUBSTANTIAL_MIN_WEEKLY_HOURS * 52.0
