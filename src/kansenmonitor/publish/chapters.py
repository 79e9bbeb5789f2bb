"""The publication's chapters: the report's research questions and the indicators answering them.

Order (report §7.3): the report advises to *reverse* its own order of input and outcome
("in vervolgrapporten de input en output om te draaien"), so that the input indicators are
not read as the cause of the outcomes. The outcome questions 3 and 4 therefore come first
and the input indicators (questions 1 and 2, from microdata: report §3.2.1 and §3.4) last.
Changing the order is changing this tuple.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    question: str       # research-question number of the report, e.g. "3a"
    title: str
    question_text: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    intro: str
    sections: tuple[Section, ...]

    @property
    def indicators(self) -> tuple[str, ...]:
        return tuple(i for s in self.sections for i in s.indicators)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("arbeidsmarktpositie", "Algemene arbeidsmarktpositie",
            "Onderzoeksvraag 3: hoe ontwikkelt de algemene arbeidsmarktpositie van personen met een niet-westerse "
            "migratieachtergrond zich?", (
                Section("3a-b", "Werkloosheid en participatie",
                        "Hoe ontwikkelen de werkloosheid en de (bruto en netto) participatie?", ("A01", "A02", "A03")),
                Section("3c", "Gewerkte uren", "Hoe ontwikkelt het aantal gewerkte uren (contract en verloond)?",
                        ("A06", "A07")),
                Section("3d", "Arbeidszekerheid", "Hoe ontwikkelt de arbeidszekerheid (vast of tijdelijk, zzp)?",
                        ("A04", "A05")),
                Section("3e", "Sociale zekerheid",
                        "Hoe ontwikkelt de afhankelijkheid van sociale-zekerheidsvoorzieningen (type en duur)?",
                        ("A11", "A12", "A13", "A14", "A15", "A16", "A17", "A18")),
                Section("3f", "Inkomen", "Hoe ontwikkelt het inkomen?", ("A08", "A09")),
                Section("3g", "Meerdere banen", "Hoe ontwikkelt het stapelen van meerdere (deeltijd)banen?", ("A10",)),
            )),
    Chapter("via-thema", "Voortgang op de VIA-pilotthema's",
            "Onderzoeksvraag 4: in hoeverre is vooruitgang te zien op de VIA-pilotthema's?", (
                Section("4a-c", "Onderwijs, stage en eerste baan",
                        "Studiekeuze, stageplaatsen en leerbanen, en hoe snel afgestudeerden een baan vinden.",
                        ("A19", "A20", "A21", "A22", "A23", "A24", "A25", "A26", "E01", "E02")),
                Section("4d", "Baanbehoud", "Wat zijn de ontwikkelingen in de kans op baanbehoud, per sector?",
                        ("A27",)),
                Section("4e", "Doorstroom",
                        "Wat zijn de ontwikkelingen in de kans op doorstroom, binnen de organisatie of bij een andere "
                        "werkgever?", ("A28", "A29", "A30")),
                Section("4f", "Uitstroom uit werk", "Hoe verandert de kans op uitstroom uit werk, naar soort uitstroom?",
                        ("A31", "A32", "A33", "A34")),
                Section("4g", "Werk vinden na een uitkering",
                        "Vinden personen met een niet-westerse migratieachtergrond vaker en sneller, of juist minder "
                        "vaak en minder snel, werk na WW of bijstand?", ("A35", "A36", "A37", "A38", "A39")),
                Section("4h", "Functieniveau", "Hoe ontwikkelt de diversiteit op functieniveaus bij werkgevers, per "
                        "sector?", ("A40",)),
            )),
    Chapter("input", "Inzet van voorzieningen en re-integratie",
            "Onderzoeksvragen 1 en 2 (input), voor zover de microdata ze beantwoorden: welke ondersteuning krijgen "
            "mensen die instromen in de bijstand, WW of een arbeidsongeschiktheidsuitkering?", (
                Section("1-2 gemeenten", "Participatiewetvoorzieningen na instroom in de bijstand",
                        "Welke voorzieningen krijgen mensen binnen een jaar na instroom in de bijstand? (§3.2.1)",
                        ("I1a", "I1b", "I1c", "I1d", "I1e", "I1f")),
                Section("1-2 NUG", "Niet-uitkeringsgerechtigden en Participatiewetvoorzieningen",
                        "Hoeveel mensen zonder werk en zonder uitkering hebben een partner met een inkomen boven de "
                        "bijstandsnorm, en krijgen zij voorzieningen? (§3.2.1, advies)", ("I1g", "I1h")),
                Section("1-2 UWV", "Re-integratietrajecten na instroom in WW of AO",
                        "Hoeveel mensen starten binnen een jaar een re-integratietraject? (§3.4)",
                        ("I2a", "I2b", "I2c")),
            )),
)


def chapter_of(indicator: str) -> Chapter | None:
    for chapter in CHAPTERS:
        if indicator in chapter.indicators:
            return chapter
    return None
