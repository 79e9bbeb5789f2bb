"""Where each source file goes under ``out/`` (the Remote Access layout) and its catalog entry.

Yearly files carry the reporting year; longitudinal and reference files are written once,
named with the last year (as a CBS release is). File names match a pattern of the source
in spec.py (checked by the tests).
"""

from __future__ import annotations

from kansenmonitor.sources.spec import SOURCES

#: source -> (folder, file stem); {y} = reporting year, {Y} = last year of the run.
LAYOUT: dict[str, tuple[str, str]] = {
    "GBAPERSOONTAB": ("Bevolking/GBAPERSOONTAB/{Y}", "GBAPERSOON{Y}TABV1"),
    "GBAADRESOBJECTBUS": ("Bevolking/GBAADRESOBJECTBUS", "GBAADRESOBJECT{Y}BUSV1"),
    "GBAMIGRATIEBUS": ("Bevolking/GBAMIGRATIEBUS", "GBAMIGRATIE{Y}BUSV1"),
    "MIGMOTIEFBUS": ("Bevolking/MIGMOTIEFBUS", "MIGMOTIEF{Y}BUSV1"),
    "SECMBUS": ("InkomenBestedingen/SECMBUS", "SECMBUS{Y}V1"),
    "SPOLISBUS": ("Spolis/SPOLISBUS/{y}", "SPOLISBUS{y}V1"),
    "POLISBUS": ("Polis/POLISBUS/{y}", "POLISBUS{y}V1"),
    "INPATAB": ("InkomenBestedingen/INPATAB", "INPA{y}TABV1"),
    "IPI": ("InkomenBestedingen/INTEGRAAL PERSOONLIJK INKOMEN/{y}", "PERSOONINK{y}TABV1"),
    "HOOGSTEOPLTAB": ("Onderwijs/HOOGSTEOPLTAB/{y}", "HOOGSTEOPL{y}TABV1"),
    "BIJSTANDPERSOONBUS": ("SocialeZekerheid/BIJSTANDPERSOONBUS", "BIJSTANDPERSOON{Y}BUSV1"),
    "WWPERSOONBUS": ("SocialeZekerheid/WWPERSOONBUS", "WWPERSOON{Y}BUSV1"),
    "AOTOTPERSOONBUS": ("SocialeZekerheid/AOTOTPERSOONBUS", "AOTOTPERSOON{Y}BUSV1"),
    "SIRWWPERSOONBUS": ("SocialeZekerheid/SIRWWPERSOONBUS", "SIRWWPERSOON{Y}BUSV1"),
    "SIRAGPERSOONBUS": ("SocialeZekerheid/SIRAGPERSOONBUS", "SIRAGPERSOON{Y}BUSV1"),
    "SRGPERSOONPWETBUS": ("SocialeZekerheid/SRGPERSOONPWETBUS", "SRGPERSOONPWET{S}BUSV1"),
    "PWETSRGPERSOONBUS": ("SocialeZekerheid/PWETSRGPERSOONBUS", "PWETSRGPERSOON{Y}BUSV1"),
    "EBBNW": ("Arbeid/EBBnw", "EBBnw{y}V1"),
    "ONDERWIJSINSCHRTAB": ("Onderwijs/ONDERWIJSINSCHRTAB/{y}", "ONDERWIJSINSCHRTAB{y}V1"),
    "EXAMVOTAB": ("Onderwijs/EXAMVOTAB", "EXAMVO{y}TABV1"),
    "DIPLOMAMBOTAB": ("Onderwijs/DIPLOMAMBOTAB", "DIPLOMAMBO{y}TABV1"),
    "DIPLOMAHOTAB": ("Onderwijs/DIPLOMAHOTAB", "DIPLOMAHO{y}TABV1"),
    "VSVTAB": ("Onderwijs/VSVTAB", "VSV{y}TABV1"),
    "SVO": ("Onderwijs/SVO", "SVO{y}TABV1"),
    "SBBKANS": ("Onderwijs/SBBKANS", "SBBKANSWERK{y}V1"),
    "VSLGWBTAB": ("BouwenWonen/VSLGWBTAB", "VSLGWB{Y}TAB03V1"),
    "GEMEENTEREGIO": ("Utilities/HULPbestanden/GebiedeninNederland", "gemeente_amr_provincie_{y}"),
    "LANDAKTUEELREF": ("Utilities/Code_Listings/SSBreferentiebestanden", "LANDAKTUEELREFV10"),
    "OPLEIDINGSNRREF": ("Utilities/Code_Listings/SSBreferentiebestanden", "OPLEIDINGSNRREFV1"),
}
EXTENSION = {"parquet": "parquet", "csv": "csv", "sav": "sav"}


def yearly(source: str) -> bool:
    return "{y}" in LAYOUT[source][0] + LAYOUT[source][1]


def relpath(source: str, year: int | None, last_year: int, fmt: str) -> str:
    folder, stem = LAYOUT[source]
    y = "" if year is None else str(year)
    return (f"{folder}/{stem}.{EXTENSION[fmt]}".replace("{y}", y).replace("{Y}", str(last_year))
            .replace("{S}", str(min(last_year, 2018))))


def catalog_path(source: str, last_year: int, fmt: str) -> str:
    """Catalog pattern: {year} for yearly files, V* for the version."""
    folder, stem = LAYOUT[source]
    stem = stem[:-2] + "V*" if stem.endswith("V1") else stem.replace("V10", "V*")
    if source == "GEMEENTEREGIO":
        stem = LAYOUT[source][1]
    path = (f"{folder}/{stem}.{EXTENSION[fmt]}".replace("{y}", "{year}").replace("{Y}", str(last_year))
            .replace("{S}", str(min(last_year, 2018))))
    if source == "GEMEENTEREGIO":
        path = path.replace("{year}", "2023")
    return path


assert set(LAYOUT) <= set(SOURCES)
