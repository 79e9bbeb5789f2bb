"""The indicator registry: every indicator of the monitor as data.

One entry per indicator of the report's appendix A (outcome indicators ``A01``-``A40``) and
the input indicators from microdata (``I1a``-``I1h``, ``I2a``-``I2c``; report §3.2.1, §3.4),
plus indicators the report advises for later measurements under their own documented prefix
(cube.md allows "ids with a documented prefix"):

* ``E`` -- early school leaving (report §5.1, the education sounding board's suggestion
  the report adopts: "Voortijdige uitval ... Ons advies is dan ook om dit bij een
  vervolgmeting aanvullend mee te nemen"): ``E01`` share of early school leavers, ``E02``
  their main reasons (VSVTAB).

Every entry has: number, Dutch and English name, population, unit, statistic, variants, sources, definition
(Dutch and English) with the report's paragraph, and trend breaks. The technical report and the website's
metadata are generated from these entries; the computation of each indicator is a small
function elsewhere in ``kansenmonitor.indicators`` that names its entry by id.

Definitions restate ``shared/spec/indicators.md`` (English working definition of the report
``shared/seeds/003_…txt``); the paragraph numbers refer to the report. The Dutch definition
and variant labels (what the publication shows) render the English ones in the report's
and CBS's words ("substantiële baan", "basisuren", "belangrijkste bron van inkomen",
"gecensureerd"); variable names, codes, thresholds and paragraph numbers are the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kansenmonitor.indicators import education as _education
from kansenmonitor.sources.codelists import PWET_PROVISIONS_NEW as _PWET_PROVISIONS_NL
from kansenmonitor.sources.codelists import PWET_PROVISIONS_OLD as _OLD_PROVISIONS

Statistic = Literal["share", "mean", "median"]


@dataclass(frozen=True)
class TrendBreak:
    """A break in a series: the flag written to the cube and from which year it applies."""

    flag: str
    from_year: int
    description_nl: str
    description_en: str


BREAK_CONTRACT_2017 = TrendBreak(
    "break_contract_2017", 2017,
    "SCONTRACTSOORT: payrolling telt vanaf 2017 als flexibel in plaats van vast (§4.2, voetnoot 13).",
    "SCONTRACTSOORT: from 2017 payrolling counts as flexible instead of permanent (§4.2, note 13).")
BREAK_CONTRACT_HOURS_2016 = TrendBreak(
    "contract_hours_from_2016", 2016,
    "Contracturen (SAANTCTRCTURENPWK) zijn pas vanaf 2016 beschikbaar (§4.2).",
    "Contract hours (SAANTCTRCTURENPWK) exist only from 2016 (§4.2).")
BREAK_PROVISIONS_2019 = TrendBreak(
    "break_provisions_2019", 2019,
    "Registratie Participatiewetvoorzieningen gewijzigd: PWETSRGPERSOONBUS vanaf 2019 (§3.2.1).",
    "Participatiewet provisions register changed: PWETSRGPERSOONBUS from 2019 (§3.2.1).")
#: I1a-I1f are figures of an inflow cohort followed 12 months: the 2018 cohort is followed
#: into 2019 and reads the new register for that part.
BREAK_PROVISIONS_2019_COHORT = TrendBreak(
    "break_provisions_2019", 2018,
    "Registratie Participatiewetvoorzieningen gewijzigd: PWETSRGPERSOONBUS vanaf 2019; het cohort 2018 wordt "
    "tot in 2019 gevolgd en leest voor dat deel de nieuwe registratie (§3.2.1).",
    "Participatiewet provisions register changed: PWETSRGPERSOONBUS from 2019; the 2018 cohort is followed into "
    "2019 and reads the new register for that part (§3.2.1).")
BREAK_SVO_2019 = TrendBreak(
    "break_svo_2019", 2019,
    "Vraag over aansluiting werk en opleiding in het schoolverlatersonderzoek gewijzigd in 2019 (§5.1).",
    "Question on job/education match in the school-leavers survey changed in 2019 (§5.1).")


@dataclass(frozen=True)
class Indicator:
    """Metadata of one indicator (what the technical report states about it)."""

    id: str
    number: str
    name_nl: str
    name_en: str
    population_nl: str
    population_en: str
    unit_nl: str
    unit_en: str
    statistic: Statistic
    definition_en: str
    paragraph: str
    sources: tuple[str, ...]
    kind: Literal["outcome", "input"] = "outcome"
    source_type: Literal["register", "survey"] = "register"
    variants: dict[str, str] = field(default_factory=dict)  # variant code -> English description
    magnitude: bool = False  # means of amounts/hours: the dominance rule applies
    by_sector: bool = False
    trend_breaks: tuple[TrendBreak, ...] = ()
    first_year: int | None = None
    keeps_students: bool = False  # indicators 19-26 and input indicators keep pupils/students
    magnitude_variants: frozenset[str] = frozenset()  # amounts among other figures (A25 wages): dominance applies
    definition_nl: str = field(kw_only=True)  # the Dutch definition the publication shows
    variants_nl: dict[str, str] = field(default_factory=dict, kw_only=True)  # same codes -> Dutch label

    def __post_init__(self) -> None:
        if set(self.variants_nl) != set(self.variants):
            raise ValueError(f"{self.id}: variants_nl must have the codes of variants, "
                             f"{sorted(self.variants_nl)} != {sorted(self.variants)}")

    def flags_for_year(self, year: int) -> list[str]:
        """Trend-break flags that apply to a figure of ``year``."""
        return [b.flag for b in self.trend_breaks if year >= b.from_year]


_EBB = ("EBBNW",)
#: The benefits of indicators 11-14 (share) and 15-18 (duration): Dutch and English name,
#: Dutch phrase for the definition, SECM code.
_BENEFITS = (("WW", "unemployment benefit (WW)", "een werkloosheidsuitkering (WW)", "21"),
             ("bijstand", "social assistance (bijstand)", "een bijstandsuitkering", "22"),
             ("AO of ZW", "sickness or disability benefit",
              "een uitkering bij ziekte of arbeidsongeschiktheid (AO/ZW)", "24"),
             ("overige uitkering", "another social benefit", "een overige uitkering sociale voorzieningen", "23"))
_POLIS = ("SPOLISBUS",)
_EDU_FIELDS = _education.FIELDS
_EDU_LEVELS = _education.LEVELS
#: Indicator 25: graduate types, and the fields of study of indicator 21 (education.FIELDS) plus unknown.
_GRAD_TYPES_EN = {"bol": "mbo full-time (bol)", "bbl": "mbo work-based (bbl)", "hbo": "hbo", "wo": "wo"}
_GRAD_TYPES_NL = {"bol": "mbo-bol", "bbl": "mbo-bbl", "hbo": "hbo", "wo": "wo"}
_GRAD_FIELDS_EN = {**{f: en for f, (_, en, _) in _EDU_FIELDS.items()}, "unk": "field unknown"}
_GRAD_FIELDS_NL = {**{f: nl for f, (nl, _, _) in _EDU_FIELDS.items()}, "unk": "richting onbekend"}
_SECM = ("SECMBUS",)

#: Input indicators (report §3.2.1, §3.4): the inflow cohort and follow-up every I1 / I2 figure shares.
_I1_SOURCES = ("BIJSTANDPERSOONBUS", "SRGPERSOONPWETBUS", "PWETSRGPERSOONBUS")
_I1_COHORT_EN = ("Cohort: frame persons of year t (pupils and students kept) flowing into social assistance "
                 "(BIJSTANDPERSOONBUS) in t: a spell starting with no bijstand in the 31 days before; first inflow "
                 "of the year. Follow-up: the 12 months from the inflow day in SRGPERSOONPWETBUS (2015-2018) and "
                 "PWETSRGPERSOONBUS (2019+), both read when the 12 months cross 1 January 2019; a provision counts "
                 "when it starts in them (month 13 does not). 12 months past the data: censored, left out and "
                 "logged. ")
_I1_COHORT_NL = ("Cohort: personen uit de populatie van jaar t (scholieren en studenten inbegrepen) die in t de "
                 "bijstand (BIJSTANDPERSOONBUS) instromen: een periode die begint zonder bijstand in de 31 dagen "
                 "ervoor; eerste instroom van het jaar. Volgperiode: de 12 maanden vanaf de instroomdag in "
                 "SRGPERSOONPWETBUS (2015-2018) en PWETSRGPERSOONBUS (vanaf 2019), allebei als de 12 maanden "
                 "1 januari 2019 overschrijden; een voorziening telt als zij in die maanden start (maand 13 telt "
                 "niet). Lopen de 12 maanden voorbij het einde van de data: gecensureerd, weggelaten en gelogd. ")
_I2_COHORT_EN = ("Cohorts: frame persons of year t (pupils and students kept) flowing into WW (WWPERSOONBUS) or a "
                 "disability benefit (AOTOTPERSOONBUS), Wajong and WIA-WGA separately, WIA-IVA excluded (fully and "
                 "permanently disabled: no re-integration); inflow as for I1; follow-up the 12 months from the "
                 "inflow day in SIRWWPERSOONBUS / SIRAGPERSOONBUS; censored past the data. ")
_I2_COHORT_NL = ("Cohorten: personen uit de populatie van jaar t (scholieren en studenten inbegrepen) die in t de "
                 "WW (WWPERSOONBUS) of een arbeidsongeschiktheidsuitkering (AOTOTPERSOONBUS) instromen, Wajong en "
                 "WIA-WGA afzonderlijk, WIA-IVA uitgesloten (volledig en duurzaam arbeidsongeschikt: geen "
                 "re-integratie); instroom als bij I1; volgperiode de 12 maanden vanaf de instroomdag in "
                 "SIRWWPERSOONBUS / SIRAGPERSOONBUS; gecensureerd voorbij het einde van de data. ")
#: I1a variants: the provision types (codelists.PWET_PROVISIONS_NEW), lower case.
_PROVISION_EN = {"LOONKOSTENSUBSIDIE": "wage-cost subsidy", "WIWIDBAAN": "WIW/ID job", "BESCHUTWERK": "sheltered work",
                 "PARTICIPATIEPLAATS": "participation place", "JOBCOACH": "job coach", "VERVOER": "transport",
                 "PROEFPLAATSING": "trial placement (from 2019)", "OVERIGEWERKPLEK": "other workplace (from 2019)",
                 "WERKPLEKAANPASSING": "workplace adaptation (from 2019)",
                 "COACHINGNAARWERK": "coaching to work (from 2019)", "SCHOLING": "training (from 2019)",
                 "VRIJWILLIGERSWERK": "volunteering (from 2019)",
                 "OVERIGESOCIALEACTIVERING": "other social activation (from 2019)",
                 "OVERIGEFACILITERENDE": "other facilitating provision (from 2019)"}
_PROVISION_VARIANTS = {k.lower(): v for k, v in _PROVISION_EN.items()}
_PROVISION_VARIANTS_NL = {k.lower(): v + (" (vanaf 2019)" if k not in _OLD_PROVISIONS else "")
                          for k, v in _PWET_PROVISIONS_NL.items()}

_ENTRIES: tuple[Indicator, ...] = (
    # ---- §4.1 unemployment and participation (EBB)
    Indicator("A01", "1", "Werkloosheid", "Unemployment",
              "Beroepsbevolking 15-74 jaar (EBB, excl. institutionele bevolking)", "Labour force aged 15-74 (LFS)",
              "aandeel", "share", "share",
              "Unemployed labour force / labour force. Unemployed: no paid work, searched recently and available "
              "(ILO); annual weights, persons in several waves counted with their wave weights.",
              "§4.1", _EBB, source_type="survey",
              definition_nl="Werkloze beroepsbevolking / beroepsbevolking. Werkloos: geen betaald werk, recent naar "
                            "betaald werk gezocht en direct beschikbaar (ILO); jaargewichten, personen die de EBB op "
                            "meerdere peilmomenten invulden tellen mee met de gewichten van die peilingen."),
    Indicator("A02", "2", "Bruto arbeidsparticipatie", "Gross labour participation",
              "Bevolking 15-74 jaar (EBB)", "Population aged 15-74 (LFS)", "aandeel", "share", "share",
              "(Employed + unemployed) / population aged 15-74, excluding the institutional population.",
              "§4.1", _EBB, source_type="survey",
              definition_nl="(Werkzame + werkloze beroepsbevolking) / bevolking van 15-74 jaar, exclusief de "
                            "institutionele bevolking."),
    Indicator("A03", "3", "Netto arbeidsparticipatie", "Net labour participation",
              "Bevolking 15-74 jaar (EBB)", "Population aged 15-74 (LFS)", "aandeel", "share", "share",
              "Employed (paid work of at least 1 hour a week) / population aged 15-74.",
              "§4.1", _EBB, source_type="survey",
              definition_nl="Werkzame beroepsbevolking (betaald werk van ten minste 1 uur per week) / bevolking van "
                            "15-74 jaar."),
    # ---- §4.2 labour market (registers)
    Indicator("A04", "4", "Percentage met vast contract", "Share with a permanent contract",
              "Werknemers met een substantiële baan", "Employees with a substantial job", "aandeel", "share",
              "share",
              "Contract type (SCONTRACTSOORT) of the substantial job with the most base hours in the year is "
              "permanent (O). Substantial job: not an internship, contract type known, >= 12 base hours a week "
              "at >= the hourly statutory minimum wage of 1 January.",
              "§4.2 (3d)", _POLIS, trend_breaks=(BREAK_CONTRACT_2017,),
              definition_nl="De contractsoort (SCONTRACTSOORT) van de substantiële baan met de meeste basisuren in "
                            "het jaar is vast (O). Substantiële baan: geen stage, contractsoort bekend, >= 12 "
                            "basisuren per week tegen >= het wettelijk minimumloon (WML) per uur van 1 januari."),
    Indicator("A05", "5", "Percentage werkzaam als zzp'er", "Share self-employed",
              "Populatie (frame)", "Population frame", "aandeel", "share", "share",
              "Main source of income (SECM) is own business (13 zelfstandig ondernemer or 14 overig zelfstandige) "
              "in at least one month of the year. Also by income class (report §4.3 advice b).",
              "§4.2 (3d)", _SECM + ("INPATAB",),
              variants={"": "all self-employed",
                        "inc_lt_wml12": "primary income below 12 hours a week at the hourly WML",
                        "inc_wml12_to_wml40": "primary income from 12 to 40 hours a week at the hourly WML",
                        "inc_ge_wml40": "primary income of at least a full-time (40 h) WML"},
              definition_nl="De belangrijkste bron van inkomen (SECM) is een eigen onderneming (13 zelfstandig "
                            "ondernemer of 14 overig zelfstandige) in ten minste één maand van het jaar. Ook naar "
                            "inkomensklasse (rapport §4.3, advies b).",
              variants_nl={"": "alle zelfstandigen",
                           "inc_lt_wml12": "primair inkomen lager dan 12 uur per week tegen het WML per uur",
                           "inc_wml12_to_wml40": "primair inkomen van 12 tot 40 uur per week tegen het WML per uur",
                           "inc_ge_wml40": "primair inkomen van ten minste een voltijds WML (40 uur)"}),
    Indicator("A06", "6", "Contracturen per week", "Contract hours per week",
              "Werknemers", "Employees", "uren per week", "hours per week", "mean",
              "SAANTCTRCTURENPWK summed over concurrent jobs, per week worked; only from 2016.",
              "§4.2 (3c)", _POLIS, magnitude=True, trend_breaks=(BREAK_CONTRACT_HOURS_2016,), first_year=2016,
              definition_nl="SAANTCTRCTURENPWK opgeteld over gelijktijdige banen, per gewerkte week; pas vanaf "
                            "2016."),
    Indicator("A07", "7", "Verloonde uren per week", "Paid hours per week",
              "Werknemers", "Employees", "uren per week", "hours per week", "mean",
              "Paid hours (SAANTVERLU) and base hours (SBASISUREN) per week worked, summed over jobs, relative "
              "to the period worked; also separately for zero-hours contracts.",
              "§4.2 (3c)", _POLIS, magnitude=True,
              variants={"paid": "paid hours", "base": "base hours",
                        "paid_zero_hours": "paid hours, zero-hours contracts",
                        "base_zero_hours": "base hours, zero-hours contracts"},
              definition_nl="Verloonde uren (SAANTVERLU) en basisuren (SBASISUREN) per gewerkte week, opgeteld over "
                            "de banen, ten opzichte van de periode dat iemand werkte; ook afzonderlijk voor "
                            "nulurencontracten.",
              variants_nl={"paid": "verloonde uren", "base": "basisuren",
                           "paid_zero_hours": "verloonde uren, nulurencontracten",
                           "base_zero_hours": "basisuren, nulurencontracten"}),
    Indicator("A08", "8", "Uurloon", "Hourly wage", "Werknemers", "Employees", "euro per uur", "euro per hour",
              "mean",
              "Base wage (SBASISLOON) / base hours (SBASISUREN), averaged over the months of the year weighted "
              "by base hours; self-employed excluded.",
              "§4.2 (3f)", _POLIS, magnitude=True,
              definition_nl="Basisloon (SBASISLOON) / basisuren (SBASISUREN), gemiddeld over de maanden van het jaar, "
                            "gewogen naar basisuren; zelfstandigen buiten beschouwing."),
    Indicator("A09", "9", "Persoonlijk inkomen", "Personal income",
              "Populatie (frame), incl. zelfstandigen", "Population frame, self-employed included", "euro per jaar",
              "euro per year", "mean",
              "INPPERSPRIM (primary: work and own business), INPPERSINK (personal income) and INPPERSBRUT "
              "(gross); each capped at EUR 1,000,000 in every year as in the old IPI files.",
              "§4.2 (3f)", ("INPATAB", "IPI"), magnitude=True,
              variants={"primary": "INPPERSPRIM", "personal": "INPPERSINK", "gross": "INPPERSBRUT"},
              definition_nl="INPPERSPRIM (primair: arbeid en eigen onderneming), INPPERSINK (persoonlijk inkomen) en "
                            "INPPERSBRUT (bruto); elk in ieder jaar afgekapt op EUR 1.000.000, zoals in de oude "
                            "IPI-bestanden.",
              variants_nl={"primary": "persoonlijk primair inkomen (INPPERSPRIM)",
                           "personal": "persoonlijk inkomen (INPPERSINK)",
                           "gross": "persoonlijk bruto-inkomen (INPPERSBRUT)"}),
    Indicator("A10", "10", "Aantal gelijktijdige banen", "Number of concurrent jobs",
              "Werknemers", "Employees", "aandeel", "share", "share",
              "Sum over jobs of days in the job / days in the year (35 days job A + full-year job B = 1.1 jobs; "
              "200 + 200 days = 1.1 jobs); classes <= 1, > 1 and <= 2, > 2.",
              "§4.2 (3g)", _POLIS, variants={"le1": "at most 1 job", "1to2": "more than 1, at most 2",
                                             "gt2": "more than 2"},
              definition_nl="Som over de banen van het aantal dagen in de baan / het aantal dagen in het jaar "
                            "(35 dagen baan A + het hele jaar baan B = 1,1 baan; 200 + 200 dagen = 1,1 baan); "
                            "klassen <= 1, > 1 en <= 2, > 2.",
              variants_nl={"le1": "ten hoogste 1 baan", "1to2": "meer dan 1, ten hoogste 2", "gt2": "meer dan 2"}),
    *(Indicator(f"A{n:02d}", str(n), f"Percentage met {nl}", f"Share with {en}",
                "Populatie (frame)", "Population frame", "aandeel", "share", "share",
                f"At least one month in the year with {en} as main source of income (SECM {codes}).",
                "§4.2 (3e)", _SECM,
                definition_nl=f"Ten minste één maand in het jaar met {benefit_nl} als belangrijkste bron van inkomen "
                              f"(SECM {codes}).")
      for n, (nl, en, benefit_nl, codes) in zip((11, 12, 13, 14), _BENEFITS)),
    *(Indicator(f"A{n:02d}", str(n), f"Duur {nl}", f"Duration of {en}",
                f"Personen met {nl}", f"Persons with {en}", "maanden", "months", "mean",
                f"Months in the year with {en} as main source of income (SECM {codes}), periods summed.",
                "§4.2 (3e)", _SECM,
                definition_nl=f"Aantal maanden in het jaar met {benefit_nl} als belangrijkste bron van inkomen "
                              f"(SECM {codes}); periodes bij elkaar opgeteld.")
      for n, (nl, en, benefit_nl, codes) in zip((15, 16, 17, 18), _BENEFITS)),
    # ---- §5.1 education pathways
    Indicator("A19", "19", "Schoolsoort examenkandidaten", "School type of exam candidates",
              "Examenkandidaten voortgezet onderwijs", "Exam candidates in secondary education", "aandeel", "share",
              "share",
              "Exam candidates of the exams in June of the year (EXAMVOTAB of the study year before; a candidate "
              "with several exams counts once, with the highest school type): shares vmbo theoretical or mixed "
              "(EXAMVOSCHOOLSOORT VMBOTL, VMBOGL), vmbo other (VMBOBB, VMBOKB), havo, vwo. Population: the frame "
              "with pupils and students (resident all year, 15 to state-pension age on 1 January).", "§5.1",
              ("EXAMVOTAB",),
              variants={"vmbo_t": "vmbo theoretical or mixed track", "vmbo_other": "vmbo basic or advanced "
                        "vocational track", "havo": "havo", "vwo": "vwo"},
              keeps_students=True,
              definition_nl="Examenkandidaten van de examens in juni van het jaar (EXAMVOTAB van het schooljaar "
                            "ervoor; wie meerdere examens doet telt één keer mee, met de hoogste schoolsoort): aandelen "
                            "vmbo theoretisch of gemengd (EXAMVOSCHOOLSOORT VMBOTL, VMBOGL), vmbo overig (VMBOBB, "
                            "VMBOKB), havo, vwo. Populatie: inclusief scholieren en studenten (het hele jaar in "
                            "Nederland wonend, 15 jaar tot de AOW-leeftijd op 1 januari).",
              variants_nl={"vmbo_t": "vmbo theoretische of gemengde leerweg", "vmbo_other": "vmbo basis- of "
                           "kaderberoepsgerichte leerweg", "havo": "havo", "vwo": "vwo"}),
    Indicator("A20", "20", "Vervolgonderwijs", "Follow-up education", "Examenkandidaten", "Exam candidates",
              "aandeel", "share", "share",
              "Exam candidates of June of the year (as indicator 19): main enrolment (HOOFDINSCHR 01/11) on "
              "1 October of the same year (ONDERWIJSINSCHRTAB): wo, hbo, mbo, secondary education at a higher "
              "level than the exam (vmbo -> havo/vwo, havo -> vwo; vavo counts as secondary), secondary education "
              "at the same or a lower level (mostly repeating the exam year; shown so that the shares add up to "
              "one), no education. With several main enrolments the highest counts. Not produced when the "
              "enrolments of that 1 October are not in the run.", "§5.1",
              ("EXAMVOTAB", "ONDERWIJSINSCHRTAB", "OPLEIDINGSNRREF"),
              variants={"mbo": "mbo", "hbo": "hbo", "wo": "wo", "vo_higher": "higher secondary level",
                        "vo_other": "secondary education at the same or a lower level", "none": "no education"},
              keeps_students=True,
              definition_nl="Examenkandidaten van juni van het jaar (als bij indicator 19): hoofdinschrijving "
                            "(HOOFDINSCHR 01/11) op 1 oktober van hetzelfde jaar (ONDERWIJSINSCHRTAB): wo, hbo, mbo, "
                            "voortgezet onderwijs op een hoger niveau dan het examen (vmbo -> havo/vwo, havo -> vwo; "
                            "vavo telt als voortgezet onderwijs), voortgezet onderwijs op hetzelfde of een lager "
                            "niveau (vooral het examenjaar overdoen; getoond zodat de aandelen optellen tot één), geen "
                            "onderwijs. Bij meerdere hoofdinschrijvingen telt de hoogste. Niet berekend als de "
                            "inschrijvingen van die 1 oktober niet in de run zitten.",
              variants_nl={"mbo": "mbo", "hbo": "hbo", "wo": "wo",
                           "vo_higher": "hoger niveau in het voortgezet onderwijs",
                           "vo_other": "voortgezet onderwijs op hetzelfde of een lager niveau",
                           "none": "geen onderwijs"}),
    Indicator("A21", "21", "Gekozen studierichting", "Chosen field of study",
              "Eerstejaars mbo/hbo/wo", "First-year enrolments mbo/hbo/wo", "aandeel", "share", "share",
              "First-year main enrolments in mbo, hbo and wo on 1 October of the year (EERSTEJAARS; without it: "
              "no main enrolment of the same type a year earlier): field of study of the programme (OPLNR -> "
              "OPLEIDINGSNRREF.SECTORMBO: mbo sector or field of higher education). Variants: the distribution "
              "over fields (<field>); over fields within each level, mbo 1-4, hbo, wo (<field>_<level>, report "
              "advice: field x level); and for mbo within bol and within bbl separately (<field>_bol, "
              "<field>_bbl).", "§5.1",
              ("ONDERWIJSINSCHRTAB", "OPLEIDINGSNRREF"), keeps_students=True,
              variants={**{f: f"field {en}" for f, (_, en, _) in _EDU_FIELDS.items()},
                        **{f"{f}_{lv}": f"field {en}, among first-years at level {lv}"
                           for f, (_, en, _) in _EDU_FIELDS.items() for lv in _EDU_LEVELS},
                        **{f"{f}_{lw}": f"field {en}, among mbo first-years in {lw}"
                           for f, (_, en, _) in _EDU_FIELDS.items() for lw in ("bol", "bbl")}},
              definition_nl="Eerstejaars hoofdinschrijvingen in mbo, hbo en wo op 1 oktober van het jaar "
                            "(EERSTEJAARS; zonder die variabele: geen hoofdinschrijving in dezelfde onderwijssoort een "
                            "jaar eerder): studierichting van de opleiding (OPLNR -> OPLEIDINGSNRREF.SECTORMBO: "
                            "mbo-sector of richting in het hoger onderwijs). Varianten: de verdeling over de "
                            "richtingen (<richting>); over de richtingen binnen elk niveau, mbo 1-4, hbo, wo "
                            "(<richting>_<niveau>, advies: richting x niveau); en voor het mbo binnen de bol en "
                            "binnen de bbl afzonderlijk (<richting>_bol, <richting>_bbl).",
              variants_nl={**{f: f"richting {nl}" for f, (nl, _, _) in _EDU_FIELDS.items()},
                           **{f"{f}_{lv}": f"richting {nl}, onder eerstejaars op niveau {lv}"
                              for f, (nl, _, _) in _EDU_FIELDS.items() for lv in _EDU_LEVELS},
                           **{f"{f}_{lw}": f"richting {nl}, onder eerstejaars mbo in de {lw}"
                              for f, (nl, _, _) in _EDU_FIELDS.items() for lw in ("bol", "bbl")}}),
    Indicator("A22", "22", "Arbeidsmarktkansen gekozen opleiding", "Labour-market prospects of the chosen programme",
              "Eerstejaars bol/bbl", "First-year bol/bbl enrolments", "aandeel", "share", "share",
              "First-year main enrolments in mbo bol or bbl on 1 October of the year (MBOLEERWEG 1/2 bol, 3 bbl): "
              "SBB chance of work of the programme (SBBKANS.KANSWERK 1 none to little - 4 good), linked by "
              "programme code (OPLNR) to the SBB file of the same year: share per class and mean class, bol and "
              "bbl together and separately (report advice). Enrolments whose programme has no SBB row are counted "
              "as outcome unknown; not produced when the year's SBB file is not in the run.", "§5.1",
              ("ONDERWIJSINSCHRTAB", "SBBKANS"), keeps_students=True,
              variants={f"{p}{k}": f"{lw}{text}" for p, lw in (("", ""), ("bol_", "bol: "), ("bbl_", "bbl: "))
                        for k, text in (("k1", "chance of work 1 (none to little)"), ("k2", "chance of work 2 "
                                        "(moderate)"), ("k3", "chance of work 3 (sufficient)"),
                                        ("k4", "chance of work 4 (good)"), ("mean", "mean class (1-4)"))},
              definition_nl="Eerstejaars hoofdinschrijvingen in de mbo-bol of -bbl op 1 oktober van het jaar "
                            "(MBOLEERWEG 1/2 bol, 3 bbl): SBB-kans op werk van de opleiding (SBBKANS.KANSWERK 1 geen "
                            "tot weinig - 4 goed), via de opleidingscode (OPLNR) gekoppeld aan het SBB-bestand van "
                            "hetzelfde jaar: aandeel per klasse en gemiddelde klasse, bol en bbl samen en afzonderlijk "
                            "(advies). Inschrijvingen waarvan de opleiding niet in het SBB-bestand staat tellen als "
                            "onbekende uitkomst; niet berekend als het SBB-bestand van het jaar niet in de run zit.",
              variants_nl={f"{p}{k}": f"{lw}{text}" for p, lw in (("", ""), ("bol_", "bol: "), ("bbl_", "bbl: "))
                           for k, text in (("k1", "kans op werk 1 (geen tot weinig)"), ("k2", "kans op werk 2 "
                                           "(matig)"), ("k3", "kans op werk 3 (voldoende)"),
                                           ("k4", "kans op werk 4 (goed)"), ("mean", "gemiddelde klasse (1-4)"))}),
    Indicator("A23", "23", "Problemen bij vinden stageplaats", "Problems finding an internship",
              "Mbo-schoolverlaters", "Mbo school leavers", "aandeel", "share", "share",
              "Respondents of the mbo school-leavers survey (SVO) of the year who answered: share reporting "
              "problems finding an internship (SVOVRGStageProbleem 1 yes, 2 no); weighted with SVOGEWICHT.",
              "§5.1", ("SVO",), source_type="survey", keeps_students=True,
              definition_nl="Respondenten van het schoolverlatersonderzoek mbo (SVO) van het jaar die de vraag "
                            "beantwoordden: aandeel dat aangeeft problemen te hebben gehad bij het vinden van een "
                            "stageplaats (SVOVRGStageProbleem 1 ja, 2 nee); gewogen met SVOGEWICHT."),
    Indicator("A24", "24", "Aantal sollicitaties voor stageplaats", "Applications needed for an internship",
              "Mbo-schoolverlaters", "Mbo school leavers", "aandeel", "share", "share",
              "Respondents of the SVO of the year who report the number of applications for an internship "
              "(SVOVRGAantalSollicitatiesStage, 0 included): shares with exactly 1 and, cumulatively, >= 2, >= 4, "
              ">= 7, >= 11 applications (the report's minimum numbers); weighted with SVOGEWICHT.", "§5.1",
              ("SVO",), source_type="survey",
              variants={"1": "exactly 1", "ge2": ">= 2", "ge4": ">= 4", "ge7": ">= 7", "ge11": ">= 11"},
              keeps_students=True,
              definition_nl="Respondenten van het SVO van het jaar die het aantal sollicitaties voor een stageplaats "
                            "opgeven (SVOVRGAantalSollicitatiesStage, 0 meegeteld): aandelen met precies 1 en, "
                            "cumulatief, >= 2, >= 4, >= 7, >= 11 sollicitaties (de minimale aantallen van het "
                            "rapport); gewogen met SVOGEWICHT.",
              variants_nl={"1": "precies 1 keer", "ge2": ">= 2 keer", "ge4": ">= 4 keer", "ge7": ">= 7 keer",
                           "ge11": ">= 11 keer"}),
    Indicator("A25", "25", "Duur tot baan na afstuderen", "Time to a job after graduation",
              "Afgestudeerden mbo-bol/AD/bachelor/master (voltijd)", "Full-time graduates mbo (bol)/AD/bachelor/master",
              "maanden", "months", "mean",
              "Cohort t: enrolled full-time on 1 October t (mbo bol; hbo/wo full-time), no enrolment on 1 October "
              "t+1, a diploma of that type in study year t (DIPLOMAMBOTAB / DIPLOMAHOTAB; diploma month from "
              "EXAMENDATUMMBO / EXAMENDATUMDIPLHO, else EXAMENMAAND), in the frame of year t with students kept "
              "(breakdowns of year t). Months from the diploma month to the first month with work (a substantial "
              "job, or self-employment earning at least the WML for 12 hours a week); 0 when working in the "
              "diploma month or the month before it. Follow-up 36 months, ending at the first month without an "
              "address in the population register (censored at emigration, never counted as jobless) or at the "
              "end of the data. Mean over the graduates with a known outcome (capped at 36); shares with a job "
              "within 1-36 months among those observed that long; censored shares; time to a permanent contract "
              "(self-employment never counts; graduates starting as self-employed left out); hourly wage of the "
              "first job by type (bol, bbl, hbo, wo) and field of study (report §5.1 advice; bbl graduates only "
              "here).",
              "§5.1", ("ONDERWIJSINSCHRTAB", "DIPLOMAMBOTAB", "DIPLOMAHOTAB", "OPLEIDINGSNRREF", "SPOLISBUS",
                       "SECMBUS", "INPATAB", "GBAADRESOBJECTBUS"),
              keeps_students=True,
              magnitude_variants=frozenset(f"wage_{t}{f}" for t in _GRAD_TYPES_EN for f in ("", *(f"_{x}" for x in
                                                                                                 _GRAD_FIELDS_EN))),
              variants={**{"months": "months to a job (capped at 36, known outcomes)"},
                        **{f"job_{k}m": f"job within {k} month{'s' if k > 1 else ''} (of those observed that long)"
                           for k in (1, 3, 6, 12, 36)},
                        "censored_emigration": "share censored: left the population register before a job",
                        "censored_end": "share censored: data end before a job",
                        "permanent_months": "months to a permanent contract (capped at 36; self-employment excluded)",
                        **{f"wage_{t}": f"hourly wage of the first job, {tl}" for t, tl in _GRAD_TYPES_EN.items()},
                        **{f"wage_{t}_{f}": f"hourly wage of the first job, {tl}, {fl}"
                           for t, tl in _GRAD_TYPES_EN.items() for f, fl in _GRAD_FIELDS_EN.items()}},
              definition_nl="Cohort t: op 1 oktober t ingeschreven in voltijdonderwijs (mbo-bol; hbo/wo voltijd), "
                            "op 1 oktober t+1 niet meer ingeschreven, met een diploma van die onderwijssoort in "
                            "studiejaar t (DIPLOMAMBOTAB / DIPLOMAHOTAB; diplomamaand uit EXAMENDATUMMBO / "
                            "EXAMENDATUMDIPLHO, anders EXAMENMAAND), in de populatie van jaar t met scholieren en "
                            "studenten (uitsplitsingen van jaar t). Aantal maanden van de diplomamaand tot de eerste "
                            "maand met werk (een substantiële baan, of werk als zelfstandige met een inkomen van ten "
                            "minste het WML voor 12 uur per week); 0 als iemand in de diplomamaand of de maand ervoor "
                            "al werkte. Volgperiode 36 maanden, die eindigt bij de eerste maand zonder adres in de "
                            "BRP (gecensureerd bij emigratie, nooit als zonder baan geteld) of aan het einde van de "
                            "data. Gemiddelde over de afgestudeerden met een bekende uitkomst (gemaximeerd op 36); "
                            "aandelen met een baan binnen 1-36 maanden onder wie zo lang is gevolgd; aandelen "
                            "gecensureerd; duur tot een vast contract (werk als zelfstandige telt nooit; wie als "
                            "zelfstandige begint, telt niet mee); uurloon in de eerste baan naar onderwijssoort "
                            "(bol, bbl, hbo, wo) en studierichting (advies rapport §5.1; bbl alleen hier).",
              variants_nl={**{"months": "maanden tot een baan (gemaximeerd op 36, bekende uitkomsten)"},
                           **{f"job_{k}m": f"baan binnen {k} maand{'en' if k > 1 else ''} (van wie zo lang is gevolgd)"
                              for k in (1, 3, 6, 12, 36)},
                           "censored_emigration": "aandeel gecensureerd: uit de BRP vertrokken voor een baan",
                           "censored_end": "aandeel gecensureerd: einde van de data voor een baan",
                           "permanent_months": "maanden tot een vast contract (gemaximeerd op 36; zelfstandigen "
                                               "niet meegeteld)",
                           **{f"wage_{t}": f"uurloon in de eerste baan, {tl}" for t, tl in _GRAD_TYPES_NL.items()},
                           **{f"wage_{t}_{f}": f"uurloon in de eerste baan, {tl}, {fl}"
                              for t, tl in _GRAD_TYPES_NL.items() for f, fl in _GRAD_FIELDS_NL.items()}}),
    Indicator("A26", "26", "Aansluiting baan en opleiding", "Match of job and mbo programme",
              "Mbo-schoolverlaters met werk", "Mbo school leavers in work", "aandeel", "share", "share",
              "Respondents of the SVO of the year in work who answered SVOVRGAansluitwerk (how the current job "
              "matches the mbo programme): share per class 1 poor - 4 good; weighted with SVOGEWICHT. The question "
              "was worded differently from 2019 (flag break_svo_2019).", "§5.1", ("SVO",), source_type="survey",
              trend_breaks=(BREAK_SVO_2019,), keeps_students=True,
              variants={"poor": "1 poor", "moderate": "2 moderate", "sufficient": "3 sufficient", "good": "4 good"},
              definition_nl="Respondenten van het SVO van het jaar met werk die SVOVRGAansluitwerk beantwoordden "
                            "(hoe de huidige baan aansluit bij de gevolgde mbo-opleiding): aandeel per klasse 1 slecht "
                            "- 4 goed; gewogen met SVOGEWICHT. De vraag is vanaf 2019 anders gesteld (vlag "
                            "break_svo_2019).",
              variants_nl={"poor": "1 slecht", "moderate": "2 matig", "sufficient": "3 voldoende", "good": "4 goed"}),
    # ---- §5.2 retention, progression, job level
    Indicator("A27", "27", "Baanbehoud per sector", "Job retention by sector",
              "Persoonsmaanden met substantiële baan of zelfstandig", "Person-months in a substantial job or "
              "self-employment", "aandeel", "share", "share",
              "Share of the person-months of the year with work (a substantial job, or self-employment earning "
              "at least the WML for 12 hours a week) followed by a month with work; person-months pooled "
              "(choice: the report averages the monthly fractions); by sector of the month (SSECT of the main "
              "job; government 61-66 one class; self-employed their own class). Variants (report §5.3 advice b): "
              "the same job (IKVID) or, for the self-employed, self-employment; work with at least 80 % of the "
              "month's weekly hours (choice). The last year's December has no observed next month (flag "
              "censored).", "§5.2", _POLIS + _SECM, by_sector=True,
              variants={"": "any work", "same_job": "the same job (same IKVID)",
                        "comparable": "work with at least 80 % of the hours"},
              definition_nl="Aandeel van de persoonsmaanden van het jaar met werk (een substantiële baan, of werk als "
                            "zelfstandige waarmee ten minste het WML voor 12 uur per week wordt verdiend) die gevolgd "
                            "worden door een maand met werk; persoonsmaanden samengenomen (keuze: het rapport middelt "
                            "de fracties per maand); naar sector van de maand (SSECT van de hoofdbaan; overheid 61-66 "
                            "één klasse; zelfstandigen een eigen klasse). Varianten (rapport §5.3, advies b): "
                            "dezelfde baan (IKVID) of, voor zelfstandigen, werk als zelfstandige; werk met ten minste "
                            "80 % van de uren per week van de maand (keuze). De december van het laatste jaar heeft "
                            "geen waargenomen volgende maand (vlag censored).",
              variants_nl={"": "ongeacht welk werk", "same_job": "dezelfde baan (zelfde IKVID)",
                           "comparable": "werk met ten minste 80 % van de uren"}),
    Indicator("A28", "28", "Stijging en daling uurloon", "Hourly wage rise and fall",
              "Werknemers met >= 2 maanden in een baan", "Employees with >= 2 months in a job", "aandeel", "share",
              "share",
              "Persons with at least two months with a main substantial job in the year: share with an hourly "
              "wage rise of >= 5 %, >= 10 %, a fall of >= 5 %, >= 10 %; a job's hourly wage in a year is the "
              "hours-weighted mean over its months as main job; within a job only year on year; between jobs "
              "always (gap <= 1 month), new job's year against old job's year; same vs other employer (SBEID); "
              "by sector of origin.", "§5.2", _POLIS, by_sector=True,
              variants={f"{d}{p}{s}": f"{dl} of at least {p} %{sl}" for d, dl in (("rise", "rise"), ("fall", "fall"))
                        for p in (5, 10) for s, sl in (("", ""), ("_same", ", same employer"),
                                                       ("_other", ", other employer"))},
              definition_nl="Personen met ten minste twee maanden met een substantiële hoofdbaan in het jaar: aandeel "
                            "met een stijging van het uurloon van >= 5 %, >= 10 %, een daling van >= 5 %, >= 10 %; "
                            "het uurloon van een baan in een jaar is het naar uren gewogen gemiddelde over de maanden "
                            "waarin het de hoofdbaan is; binnen een baan alleen van jaar op jaar; tussen banen altijd "
                            "(tussenperiode <= 1 maand), jaar van de nieuwe baan tegenover jaar van de oude baan; "
                            "dezelfde of een andere werkgever (SBEID); naar sector van herkomst.",
              variants_nl={f"{d}{p}{s}": f"{dl} van ten minste {p} %{sl}"
                           for d, dl in (("rise", "stijging"), ("fall", "daling"))
                           for p in (5, 10) for s, sl in (("", ""), ("_same", ", zelfde werkgever"),
                                                          ("_other", ", andere werkgever"))}),
    Indicator("A29", "29", "Van tijdelijk naar vast, zelfde werkgever", "Temporary to permanent, same employer",
              "Personen met tijdelijk contract", "Persons with a temporary contract", "aandeel", "share", "share",
              "Persons with a temporary main contract (B) in some month of the year: share moving to a "
              "permanent main contract (O) with the same SBEID in the year, the O month right after the B month "
              "or after one month without a substantial job; B months of November-December of the year before "
              "count (flag left_truncated when that SPOLIS year is absent).", "§5.2", _POLIS,
              trend_breaks=(BREAK_CONTRACT_2017,),
              definition_nl="Personen met een tijdelijk hoofdcontract (B) in een maand van het jaar: aandeel dat in "
                            "het jaar doorstroomt naar een vast hoofdcontract (O) bij dezelfde SBEID, met de O-maand "
                            "direct na de B-maand of na één maand zonder substantiële baan; B-maanden in "
                            "november-december van het jaar ervoor tellen mee (vlag left_truncated als dat "
                            "SPOLIS-jaar ontbreekt)."),
    Indicator("A30", "30", "Van tijdelijk naar vast, andere werkgever", "Temporary to permanent, other employer",
              "Personen met tijdelijk contract", "Persons with a temporary contract", "aandeel", "share", "share",
              "As indicator 29, with another SBEID.", "§5.2", _POLIS, trend_breaks=(BREAK_CONTRACT_2017,),
              definition_nl="Als indicator 29, met een andere SBEID."),
    *(Indicator(f"A{n:02d}", str(n), f"Van werk naar {nl}", f"Work to {en}",
                "Personen met werk", "Persons in work", "aandeel", "share", "share",
                f"Persons with work in the year: share who in some month work and the next month do not work "
                f"and {'start ' + en + ' (SECM; not their SECM the month before)' if n != 34 else 'do not start WW, bijstand or AO/ZW (another or no benefit, or leaving the registers)'}; "
                "self-employed outflow too.", "§5.2", _POLIS + _SECM,
                definition_nl="Personen met werk in het jaar: aandeel dat in een maand werkt en de maand erna niet "
                              "werkt en "
                              + (f"instroomt in {benefit_nl} (SECM; die uitkering was de maand ervoor niet hun SECM)"
                                 if n != 34 else "niet instroomt in WW, bijstand of AO/ZW (een andere of geen "
                                                 "uitkering, of uit de registers verdwenen)")
                              + "; uitstroom van zelfstandigen telt ook mee.")
      for n, nl, en, benefit_nl in ((31, "WW", "unemployment benefit", "de WW"),
                                    (32, "bijstand", "social assistance", "de bijstand"),
                                    (33, "AO of ZW", "sickness or disability benefit",
                                     "een uitkering bij ziekte of arbeidsongeschiktheid (AO/ZW)"),
                                    (34, "overig", "other", ""))),
    Indicator("A35", "35", "Van WW naar werk", "Unemployment benefit to work", "Personen met WW",
              "Persons with unemployment benefit", "aandeel", "share", "share", "Persons with WW (SECM 21) in some month of the year: share with work (indicator 27) in the month after a WW month.", "§5.2",
              _SECM + _POLIS,
              definition_nl="Personen met WW (SECM 21) in een maand van het jaar: aandeel met werk (indicator 27) in "
                            "de maand na een WW-maand."),
    Indicator("A36", "36", "Van WW naar bijstand", "Unemployment benefit to social assistance", "Personen met WW",
              "Persons with unemployment benefit", "aandeel", "share", "share", "Persons with WW in some month of the year: share with bijstand (SECM 22) in the month after a WW month.",
              "§5.2", _SECM,
              definition_nl="Personen met WW in een maand van het jaar: aandeel met bijstand (SECM 22) in de maand na "
                            "een WW-maand."),
    Indicator("A37", "37", "Van bijstand naar werk", "Social assistance to work", "Personen met bijstand",
              "Persons with social assistance", "aandeel", "share", "share", "Persons with bijstand (SECM 22) in some month of the year: share with work in the month after a bijstand month.", "§5.2",
              _SECM + _POLIS,
              definition_nl="Personen met bijstand (SECM 22) in een maand van het jaar: aandeel met werk in de maand "
                            "na een bijstandsmaand."),
    Indicator("A38", "38", "Baan gevonden na WW of bijstand", "Job found after unemployment benefit or assistance",
              "Uitstromers uit WW / bijstand", "Persons leaving WW / social assistance", "aandeel", "share", "share",
              "Persons leaving WW / bijstand in the year (a month with the benefit as SECM followed by a month "
              "without; first exit of the year): share with work (a substantial job, or self-employment earning "
              "at least the WML for 12 hours a week) the next month, within 1 year, within 3 years. A follow-up "
              "window that runs past the data is censored (outcome unknown, never 'no job'), also when work was "
              "found in its observed part: only windows observed in full count, so that recent years, whose "
              "quick finders would count and slow ones not, are not favoured.",
              "§5.2", _SECM + _POLIS,
              variants={f"{b}_{k}": f"{bl}, {kl}" for b, bl in (("ww", "after WW"), ("bijstand", "after bijstand"))
                        for k, kl in (("1m", "next month"), ("1y", "within 1 year"), ("3y", "within 3 years"),
                                      ("first_job_permanent", "first work within a year is a permanent contract "
                                                              "(of those finding work; report §5.3 b)"),
                                      ("lasting_6m", "still working 6 months after the first month of work"),
                                      ("lasting_12m", "still working 12 months after the first month of work"))},
              definition_nl="Personen die in het jaar uitstromen uit de WW / bijstand (een maand met de uitkering als "
                            "SECM gevolgd door een maand zonder; eerste uitstroom van het jaar): aandeel met werk (een "
                            "substantiële baan, of werk als zelfstandige waarmee ten minste het WML voor 12 uur per "
                            "week wordt verdiend) in de maand erna, binnen 1 jaar, binnen 3 jaar. Een volgperiode die "
                            "voorbij het einde van de data loopt, is gecensureerd (uitkomst onbekend, nooit 'geen "
                            "baan'), ook als in het waargenomen deel werk is gevonden: alleen volledig waargenomen "
                            "volgperiodes tellen, zodat recente jaren (waarin snelle vinders wel en trage niet zouden "
                            "meetellen) niet worden bevoordeeld.",
              variants_nl={f"{b}_{k}": f"{bl}, {kl}" for b, bl in (("ww", "na WW"), ("bijstand", "na bijstand"))
                           for k, kl in (("1m", "de maand erna"), ("1y", "binnen 1 jaar"), ("3y", "binnen 3 jaar"),
                                         ("first_job_permanent", "het eerste werk binnen een jaar is een vast "
                                                                 "contract (van wie werk vindt; rapport §5.3 b)"),
                                         ("lasting_6m", "6 maanden na de eerste maand met werk nog aan het werk"),
                                         ("lasting_12m", "12 maanden na de eerste maand met werk nog aan het werk"))}),
    Indicator("A39", "39", "Duur tot baan na WW of bijstand", "Time to a job after WW or social assistance",
              "Uitstromers uit WW / bijstand", "Persons leaving WW / social assistance", "maanden", "months", "mean",
              "The same exits: months from the exit month to the first month with work, capped at 36 (36 when "
              "none within 36 months), over the exits with a known outcome; the share with a censored "
              "follow-up is its own variant.", "§5.2", _SECM + _POLIS,
              variants={"ww": "after WW (months)", "bijstand": "after bijstand (months)",
                        "ww_to_permanent": "after WW: months to a permanent contract (report §5.3 b)",
                        "bijstand_to_permanent": "after bijstand: months to a permanent contract",
                        "ww_censored": "after WW: share censored", "bijstand_censored": "after bijstand: share "
                                                                                        "censored"},
              definition_nl="Dezelfde uitstroom: aantal maanden van de uitstroommaand tot de eerste maand met werk, "
                            "gemaximeerd op 36 (36 als er binnen 36 maanden geen werk is), over de uitstroom met een "
                            "bekende uitkomst; het aandeel met een gecensureerde volgperiode is een eigen variant.",
              variants_nl={"ww": "na WW (maanden)", "bijstand": "na bijstand (maanden)",
                           "ww_to_permanent": "na WW: maanden tot een vast contract (rapport §5.3 b)",
                           "bijstand_to_permanent": "na bijstand: maanden tot een vast contract",
                           "ww_censored": "na WW: aandeel gecensureerd",
                           "bijstand_censored": "na bijstand: aandeel gecensureerd"}),
    Indicator("A40", "40", "Functieniveau (uurloonkwartiel) per sector", "Job level (within-employer wage quartile) "
              "by sector", "Werknemers bij werkgevers met genoeg werknemers", "Employees of employers large enough "
              "to rank", "aandeel", "share", "share",
              "Employees (frame persons with a main substantial job; the job that is main in most months of "
              "the year) of employers (SBEID) with at least 10 employees with a known hourly wage in the year "
              "(configurable): each employee's job-year hourly wage ranked among all the employer's employees "
              "(also those outside the frame), mid-rank position cut into quartiles (ties share a quartile); "
              "distribution of each group over the quartiles; by sector of the job. Computed in one pass "
              "keyed by employer over all person buckets.", "§5.2", _POLIS, by_sector=True,
              variants={"q1": "lowest quartile", "q2": "second", "q3": "third", "q4": "highest quartile"},
              definition_nl="Werknemers (personen uit de populatie met een substantiële hoofdbaan; de baan die in de "
                            "meeste maanden van het jaar de hoofdbaan is) van werkgevers (SBEID) met ten minste 10 "
                            "werknemers met een bekend uurloon in het jaar (instelbaar): per werknemer het uurloon "
                            "van de baan over het jaar, gerangschikt onder alle werknemers van de werkgever (ook die "
                            "buiten de populatie), de middenrangpositie ingedeeld in kwartielen (gelijke uurlonen "
                            "vallen in hetzelfde kwartiel); verdeling van elke groep over de kwartielen; naar sector "
                            "van de baan. Berekend in één doorgang per werkgever over alle persoonsbuckets.",
              variants_nl={"q1": "laagste kwartiel", "q2": "tweede kwartiel", "q3": "derde kwartiel",
                           "q4": "hoogste kwartiel"}),
    # ---- early school leaving (§5.1, advice of the education sounding board; prefix E)
    Indicator("E01", "E1", "Voortijdig schoolverlaten", "Early school leaving",
              "Leerlingen vo, mbo en vavo op 1 oktober van het jaar ervoor", "Pupils in vo, mbo and vavo on "
              "1 October of the year before", "aandeel", "share", "share",
              "Pupils enrolled on 1 October of the year before (VSVTAB of that study year): share who on 1 October "
              "of the year have left education without a start qualification (VSVSTATUS 1; a start qualification "
              "is a havo or vwo diploma or an mbo diploma at level 2 or higher); all, and vo and mbo pupils "
              "separately (VSVONDERWIJSSOORT). Population: the frame with pupils and students (15+).", "§5.1",
              ("VSVTAB",), keeps_students=True,
              variants={"": "all pupils", "vo": "vo pupils", "mbo": "mbo students"},
              definition_nl="Leerlingen ingeschreven op 1 oktober van het jaar ervoor (VSVTAB van dat schooljaar): "
                            "aandeel dat op 1 oktober van het jaar het onderwijs heeft verlaten zonder "
                            "startkwalificatie (VSVSTATUS 1; een startkwalificatie is een havo- of vwo-diploma of een "
                            "mbo-diploma op niveau 2 of hoger); alle leerlingen en vo- en mbo-leerlingen afzonderlijk "
                            "(VSVONDERWIJSSOORT). Populatie: inclusief scholieren en studenten (15 jaar en ouder).",
              variants_nl={"": "alle leerlingen", "vo": "leerlingen vo", "mbo": "studenten mbo"}),
    Indicator("E02", "E2", "Belangrijkste reden voortijdig schoolverlaten", "Main reason for early school leaving",
              "Voortijdig schoolverlaters", "Early school leavers", "aandeel", "share", "share",
              "Early school leavers of indicator E01: distribution of the main reason (VSVREDEN) over the "
              "report's categories: labour market, health, personal, school-related, other, not known.", "§5.1",
              ("VSVTAB",), keeps_students=True,
              variants={"labour_market": "labour market (work)", "health": "health", "personal": "personal",
                        "school": "school-related", "other": "other", "unknown": "reason not known"},
              definition_nl="Voortijdig schoolverlaters van indicator E01: verdeling over de belangrijkste reden "
                            "(VSVREDEN) in de categorieën van het rapport: arbeidsmarkt, gezondheid, persoonlijk, "
                            "schoolgerelateerd, overig, onbekend.",
              variants_nl={"labour_market": "arbeidsmarkt (werk)", "health": "gezondheid", "personal": "persoonlijk",
                           "school": "schoolgerelateerd", "other": "overig", "unknown": "reden onbekend"}),
    # ---- input indicators (§3.2.1 municipalities, §3.4 UWV); computed in indicators/inputs.py
    *(Indicator(f"I1{letter}", f"I1{letter}", nl, en, "Instroom in de bijstand", "Inflow into social assistance",
                unit_nl, unit_en, stat, _I1_COHORT_EN + definition, "§3.2.1", _I1_SOURCES,
                kind="input", trend_breaks=(BREAK_PROVISIONS_2019_COHORT,), keeps_students=True,
                definition_nl=_I1_COHORT_NL + definition_nl,
                variants=_PROVISION_VARIANTS if letter == "a" else {},
                variants_nl=_PROVISION_VARIANTS_NL if letter == "a" else {})
      for letter, nl, en, unit_nl, unit_en, stat, definition, definition_nl in (
          ("a", "Aandeel per voorziening", "Share with each provision", "aandeel", "share", "share",
           "Share with a provision of each type starting within the 12 months: wage-cost subsidy (incl. "
           "temporary and, from 2017, flat-rate), WIW/ID job, sheltered work, participation place, job coach, "
           "transport (asked the same way in both registers); the eight types added in 2019 for cohorts from 2019.",
           "Aandeel met een voorziening van elk type die binnen de 12 maanden start: loonkostensubsidie (incl. "
           "tijdelijke en vanaf 2017 forfaitaire), WIW/ID-baan, beschut werk, participatieplaats, jobcoach, "
           "vervoersvoorziening (in beide registraties op dezelfde manier uitgevraagd); de acht soorten die in "
           "2019 zijn toegevoegd voor cohorten vanaf 2019."),
          ("b", "Aandeel met minstens één voorziening (excl. vervoer)", "Share with at least one provision "
           "(transport excluded)", "aandeel", "share", "share",
           "At least one provision of (a) of the six types asked since 2015, transport excluded (the others are "
           "directly about work).",
           "Ten minste één voorziening uit (a) van de zes soorten die sinds 2015 worden uitgevraagd, "
           "vervoersvoorziening buiten beschouwing (de andere hebben direct met werk te maken)."),
          ("c", "Aandeel met een Participatiewetvoorziening", "Share with any Participatiewet provision", "aandeel",
           "share", "share",
           "Any Participatiewet provision: the six types of (a), for cohorts from 2019 every type of the new "
           "register (only types asked throughout the 12 months count).",
           "Een voorziening in het kader van de Participatiewet, ongeacht welke: de zes soorten uit (a), voor "
           "cohorten vanaf 2019 elke soort uit de nieuwe registratie (alleen soorten die de hele 12 maanden "
           "worden uitgevraagd tellen mee)."),
          ("d", "Maanden tot eerste voorziening", "Months to the first provision", "maanden", "months", "mean",
           "Whole months from the inflow day to the start of the first provision of (b); 12 when none starts "
           "within the 12 months.",
           "Aantal hele maanden van de instroomdag tot de start van de eerste voorziening uit (b); 12 als er "
           "binnen de 12 maanden geen start."),
          ("e", "Maanden tot eerste voorziening (alle)", "Months to the first provision of any kind", "maanden",
           "months", "mean", "As (d), for the provisions of (c).",
           "Als (d), voor de voorzieningen uit (c)."),
          ("f", "Aandeel tijd met voorziening", "Share of time with a provision", "aandeel", "share", "share",
           "Days in the 12 months on bijstand with a provision of (b) running / days in the 12 months on "
           "bijstand; persons pooled (each weighs with their time on bijstand).",
           "Dagen binnen de 12 maanden in de bijstand waarin een voorziening uit (b) loopt / dagen binnen de 12 "
           "maanden in de bijstand; personen samengenomen (elk weegt met de eigen tijd in de bijstand)."))),
    Indicator("I1g", "I1g", "Aandeel niet-uitkeringsgerechtigden (NUG)", "Share of non-benefit claimants (NUG)",
              "Populatie (frame) van 18 jaar en ouder, incl. scholieren en studenten",
              "Population frame aged 18 and over, pupils and students included", "aandeel", "share", "share",
              "NUG in the year: SECM 32 (other, without income: no work, benefit, pension or education) in every "
              "month, living with a partner (INPPOSHHK 2 with a partner in 3/4, or 3/4 with the breadwinner in 2; "
              "same household key RINPERSOONSHKW/RINPERSOONHKW) whose personal income INPPERSINK of the year is "
              "above twelve times the monthly social-assistance norm for a couple incl. holiday allowance "
              "(Participatiewet art. 21; conventions.bijstand_couple_norm_yearly). INPPERSINK is before income tax, "
              "so the test errs towards inclusion. Unknown (logged) when the partner or the partner's income is not "
              "found. Partners are joined in one pass over all person buckets.",
              "§3.2.1", ("INPATAB", "SECMBUS"), kind="input", keeps_students=True,
              definition_nl="NUG in het jaar: elke maand SECM 32 (overig zonder inkomen: geen werk, uitkering, "
                            "pensioen of onderwijs), met een partner in het huishouden (INPPOSHHK 2 met een partner "
                            "in 3/4, of 3/4 met de hoofdkostwinner in 2; dezelfde huishoudsleutel "
                            "RINPERSOONSHKW/RINPERSOONHKW) van wie het persoonlijk inkomen INPPERSINK van het jaar "
                            "hoger is dan twaalf keer de maandelijkse bijstandsnorm voor gehuwden incl. "
                            "vakantiegeld (Participatiewet art. 21). INPPERSINK is vóór inkomstenbelasting, dus de "
                            "toets valt eerder uit naar NUG. Onbekend (gelogd) als de partner of diens inkomen "
                            "ontbreekt. Partners worden in één doorgang over alle persoonsbuckets gekoppeld."),
    Indicator("I1h", "I1h", "Voorzieningen voor NUG", "Provisions for non-benefit claimants (NUG)",
              "Niet-uitkeringsgerechtigden (NUG, zie I1g)", "Non-benefit claimants (NUG, see I1g)", "aandeel",
              "share", "share",
              "NUG persons of the year (I1g): share with a Participatiewet provision running in the year "
              "(report §3.2.1 advice: provisions for persons without work whose partner's income is above the "
              "income test).", "§3.2.1", ("INPATAB", "SECMBUS") + _I1_SOURCES[1:], kind="input",
              trend_breaks=(BREAK_PROVISIONS_2019,), keeps_students=True,
              variants={"any": "any provision of the year's register", "work": "a provision of I1b (the five "
                                                                                 "work-related types)"},
              definition_nl="Niet-uitkeringsgerechtigden van het jaar (I1g): aandeel met een voorziening in het "
                            "kader van de Participatiewet die in het jaar loopt (rapport §3.2.1, advies: de inzet "
                            "van voorzieningen voor personen zonder werk met een partner met een inkomen boven de "
                            "inkomenstoets).",
              variants_nl={"any": "een voorziening, ongeacht welke", "work": "een voorziening uit I1b (de vijf "
                                                                               "werkgerelateerde soorten)"}),
    *(Indicator(f"I2{letter}", f"I2{letter}", nl, en, "Instroom in WW / AO-uitkering",
                "Inflow into WW / disability benefit", unit_nl, unit_en, stat, _I2_COHORT_EN + definition, "§3.4",
                ("WWPERSOONBUS", "AOTOTPERSOONBUS", "SIRWWPERSOONBUS", "SIRAGPERSOONBUS"), kind="input",
                keeps_students=True,
                variants={"ww": "WW inflow (SIRWWPERSOONBUS)", "wajong": "Wajong inflow (AOSOORT 3; SIRAGPERSOONBUS)",
                          "wia": "WIA-WGA inflow (AOSOORT 4; IVA excluded; SIRAGPERSOONBUS)"},
                definition_nl=_I2_COHORT_NL + definition_nl,
                variants_nl={"ww": "instroom WW (SIRWWPERSOONBUS)", "wajong": "instroom Wajong (AOSOORT 3; "
                                                                              "SIRAGPERSOONBUS)",
                             "wia": "instroom WIA-WGA (AOSOORT 4; IVA uitgesloten; SIRAGPERSOONBUS)"})
      for letter, nl, en, unit_nl, unit_en, stat, definition, definition_nl in (
          ("a", "Aandeel met gestart traject", "Share with a started trajectory", "aandeel", "share", "share",
           "Share with a re-integration trajectory starting within the 12 months.",
           "Aandeel met een re-integratietraject dat binnen de 12 maanden start."),
          ("b", "Maanden tot eerste traject", "Months to the first trajectory", "maanden", "months", "mean",
           "Whole months from the inflow day to the start of the first trajectory; 12 when none starts within "
           "the 12 months.",
           "Aantal hele maanden van de instroomdag tot de start van het eerste traject; 12 als er binnen de 12 "
           "maanden geen start."),
          ("c", "Aandeel tijd in traject", "Share of benefit time in a trajectory", "aandeel", "share", "share",
           "Days in the 12 months on the benefit in a trajectory / days in the 12 months on the benefit; "
           "persons pooled (each weighs with their time on the benefit).",
           "Dagen binnen de 12 maanden in de uitkering met een lopend traject / dagen binnen de 12 maanden in "
           "de uitkering; personen samengenomen (elk weegt met de eigen tijd in de uitkering)."))),
)

#: All indicators by id (``A01`` ... ``A40``, ``I1a`` ... ``I1h``, ``I2a`` ... ``I2c``, ``E01``, ``E02``).
INDICATORS: dict[str, Indicator] = {entry.id: entry for entry in _ENTRIES}


def indicator(indicator_id: str) -> Indicator:
    """The registry entry of an indicator id."""
    try:
        return INDICATORS[indicator_id]
    except KeyError:
        raise KeyError(f"unknown indicator {indicator_id!r}") from None
