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


# ---------------------------------------------------------------- NUG threshold (report §3.2.1)
#: Social-assistance norm (Participatiewet art. 21 sub c: married or cohabiting couple, both
#: aged 21 to AOW age; 100 % of the net statutory minimum wage), net euro per month on
#: 1 January, as published:
#:
#: * 2017: EUR 1,333.78 excluding holiday allowance (gemeente Heerenveen, "Hoogte van de
#:   bijstandsbedragen per 1 januari 2017"); including the 5 % holiday allowance
#:   (art. 21 with the reservation of art. 19) EUR 1,400.47 = 1,333.78 x 1.05, derived;
#: * 2018: EUR 1,346.45 excluding / EUR 1,417.32 including 5 % holiday allowance
#:   (Mededeling van 23 november 2017, Staatscourant 2017, 68641).
#:
#: Values: (excluding, including holiday allowance, source).
BIJSTAND_COUPLE_NORM_MONTHLY: dict[int, tuple[float, float, str]] = {
    2017: (1333.78, round(1333.78 * 1.05, 2),
           "gemeente Heerenveen, Hoogte van de bijstandsbedragen per 1 januari 2017 (incl. vakantiegeld: x 1,05)"),
    2018: (1346.45, 1417.32, "Mededeling van 23 november 2017, Staatscourant 2017, 68641"),
}


def bijstand_couple_norm_monthly(year: int) -> tuple[float, bool]:
    """The couple norm including holiday allowance (net euro per month, 1 January of ``year``)
    and whether it is *derived*: years without a published amount in
    :data:`BIJSTAND_COUPLE_NORM_MONTHLY` are indexed from the nearest known year (the
    earlier one on a tie) by the statutory minimum wage (:func:`hourly_wml`), since the norm
    follows the net WML (art. 21). Derived amounts must be replaced by the published ones."""
    if year in BIJSTAND_COUPLE_NORM_MONTHLY:
        return BIJSTAND_COUPLE_NORM_MONTHLY[year][1], False
    known = min(BIJSTAND_COUPLE_NORM_MONTHLY, key=lambda y: (abs(y - year), y))
    return BIJSTAND_COUPLE_NORM_MONTHLY[known][1] * hourly_wml(year) / hourly_wml(known), True


def bijstand_couple_norm_yearly(year: int) -> float:
    """Twelve months of :func:`bijstand_couple_norm_monthly` (holiday allowance included): the
    income above which a couple has no right to social assistance (the income test, report
    §3.2.1 "een partner met een inkomen boven de vermogens- en inkomenstoets"). It is compared
    with the partner's INPPERSINK, personal income *before* income tax and a net amount, so
    the test errs towards counting a person as NUG (**choice**: INPATAB has no net personal
    income; the household's disposable income would mix in the person's own income)."""
    return 12.0 * bijstand_couple_norm_monthly(year)[0]


def bijstand_couple_norm_table(years: list[int]) -> list[dict]:
    """The norm per year for documentation: monthly and yearly amount, derived or published."""
    rows = []
    for year in years:
        monthly, derived = bijstand_couple_norm_monthly(year)
        rows.append({"year": year, "monthly_incl_holiday_allowance": round(monthly, 2),
                     "yearly": round(12.0 * monthly, 2), "derived": derived,
                     "source": (f"afgeleid van {min(BIJSTAND_COUPLE_NORM_MONTHLY, key=lambda y: (abs(y - year), y))} "
                                "via het WML" if derived else BIJSTAND_COUPLE_NORM_MONTHLY[year][2])})
    return rows
