"""The catalog of CBS source files the monitor reads: names, keys, variables, codes, sentinels.

This is the single declaration of what the monitor expects of every file named in the
report's appendix D (plus MIGMOTIEFBUS, VSLGWBTAB, the municipality -> labour-market
region table, the mbo school-leavers survey, VSVTAB, the SBB prospects file,
LANDAKTUEELREF and OPLEIDINGSNRREF) and of the predecessors POLISBUS (of SPOLISBUS) and
IPI (of INPATAB). Facts come from ``shared/spec/cbs-sources.md``; every variable carries
its evidence label there (V verified, I inferred, G guess). Where public documentation
gives no variable names (cbs-sources.md §U), the variables below are a *documented default
layout* (evidence "G"): the synthetic register writes exactly this layout, and a user in
Remote Access maps the real names onto it with the ``rename`` table of the catalog TOML
(``kansenmonitor sources inspect FILE`` suggests the mapping).

Nothing else in the code knows variable names of source files; readers, validators, the
synthetic register and the indicators all take them from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kansenmonitor.sources import codelists as cl

Kind = Literal["key", "code", "str", "int", "float", "money", "date", "flag"]
Unit = Literal["TAB", "BUS", "REF"]
Period = Literal["yearly", "longitudinal", "reference"]

#: String values that mean "missing" in CBS code variables (cbs-sources.md §0.4) [V].
MISSING_STRINGS: tuple[str, ...] = ("", "-", "--", "---", "----", "0000", "---------")
#: Income amounts meaning "household without observed income" (§0.4, §7) [V].
MONEY_SENTINELS: dict[float, str] = {9999999999.0: "huishouden zonder waargenomen inkomen",
                                      999999999.0: "huishouden zonder waargenomen inkomen"}
#: Date sentinels (§0.4): open-ended spell; SPOLIS job started before / no payment in the year.
DATE_OPEN_END = "20501231"
DATE_SENTINELS: dict[str, str] = {
    "20501231": "open einde (lopende periode)",
    "88888888": "begonnen voor het verslagjaar",
    "99999999": "geen betalingen in het verslagjaar",
}


@dataclass(frozen=True)
class Variable:
    """One variable of a source file, as CBS spells it.

    kind: ``key`` (identifier string, kept as string), ``code`` (string from a code list),
    ``str`` (free string), ``int``, ``float``, ``money`` (euros; income sentinels become
    null), ``date`` (``YYYYMMDD`` string or SPSS date; sentinels handled per
    :data:`DATE_SENTINELS`), ``flag`` (0/1).
    """

    name: str
    kind: Kind
    label: str
    codes: dict[str, str] | None = None
    required: bool = True
    evidence: str = "V"
    width: int | None = None  # fixed width of key strings (RINPERSOON: 9, zero-padded)
    upper: bool = False  # codes are compared upper-cased (SCONTRACTSOORT "o" -> "O")
    years: tuple[int, int] | None = None  # only present in these file years (inclusive)
    open_end: bool = False  # date variable where 20501231 means an open spell end
    pattern: str | None = None  # regular expression for a family of columns (VSLGWBTAB gemYYYY)


@dataclass(frozen=True)
class SourceSpec:
    """One CBS source file (all its yearly releases and versions)."""

    name: str
    label: str
    unit: Unit
    period: Period
    #: File-name patterns; ``{year}`` = 4 digits, ``{version}`` = version number after V.
    #: Matched case-insensitively, with optional spaces and date-stamp prefixes (§0.1).
    file_patterns: tuple[str, ...]
    variables: tuple[Variable, ...]
    key: tuple[str, ...] = ("RINPERSOONS", "RINPERSOON")
    #: Start and end variables of a spell (BUS files): spells of one ``spell_key`` may not overlap.
    spell: tuple[str, str] | None = None
    spell_key: tuple[str, ...] | None = None
    years: tuple[int, int | None] = (1995, None)
    layout: Literal["cbs", "default"] = "cbs"  # "default": variable names not public (§U)
    person_level: bool = True  # partitioned by person bucket when staged
    predecessor_of: str | None = None  # POLISBUS -> SPOLISBUS: read under the successor's names
    rename_to_successor: dict[str, str] = field(default_factory=dict)
    default_folder: str = ""  # where CBS keeps it in Remote Access (documentation only)
    notes: str = ""

    def variable(self, name: str) -> Variable:
        for v in self.variables:
            if v.name.upper() == name.upper():
                return v
        raise KeyError(f"{self.name} has no variable {name}")

    @property
    def variable_names(self) -> list[str]:
        return [v.name for v in self.variables if v.pattern is None]

    def variables_for_year(self, year: int | None) -> list[Variable]:
        """Variables expected in the release of ``year`` (all when year is None)."""
        return [v for v in self.variables
                if v.years is None or year is None or v.years[0] <= year <= v.years[1]]


def _person_keys() -> tuple[Variable, Variable]:
    return (Variable("RINPERSOONS", "code", "Bron persoonsnummer (R = BRP)", evidence="V"),
            Variable("RINPERSOON", "key", "Persoonsnummer (9 cijfers, voorloopnullen)", width=9))


def _d(name: str, label: str, **kw) -> Variable:
    return Variable(name, "date", label, **kw)


# ---------------------------------------------------------------- population (§1-§4)
GBAPERSOONTAB = SourceSpec(
    name="GBAPERSOONTAB", label="Persoonskenmerken (BRP)", unit="TAB", period="longitudinal",
    file_patterns=("GBAPERSOON{year}TABV{version}", "GBAPERSOONTAB{year}V{version}"),
    default_folder="G:/Bevolking/GBAPERSOONTAB/{year}",
    variables=(*_person_keys(),
               Variable("GBAGESLACHT", "code", "Geslacht", cl.GBAGESLACHT),
               Variable("GBAGEBOORTEJAAR", "int", "Geboortejaar"),
               Variable("GBAGEBOORTEMAAND", "int", "Geboortemaand"),
               Variable("GBAGEBOORTEDAG", "int", "Geboortedag", required=False, evidence="I"),
               Variable("GBAGEBOORTELAND", "code", "Geboorteland (landcode)"),
               Variable("GBAGEBOORTELANDMOEDER", "code", "Geboorteland moeder"),
               Variable("GBAGEBOORTELANDVADER", "code", "Geboorteland vader"),
               Variable("GBAGEBOORTELANDNL", "code", "Geboren in Nederland", cl.GBAGEBOORTELANDNL),
               Variable("GBAAANTALOUDERSBUITENLAND", "code", "Aantal ouders in buitenland geboren",
                        cl.GBAAANTALOUDERSBUITENLAND),
               Variable("GBAGENERATIE", "code", "Generatie (oude definitie)", cl.GBAGENERATIE),
               Variable("GBAHERKOMSTGROEPERING", "code", "Herkomstland (oude definitie)"),
               Variable("GBAHERKOMSTLAND", "code", "Herkomstland (definitie 2022)", required=False)),
    notes="One row per person ever registered since 1995; the latest release covers all years.",
)

GBAADRESOBJECTBUS = SourceSpec(
    name="GBAADRESOBJECTBUS", label="Adreshistorie (BRP)", unit="BUS", period="longitudinal",
    file_patterns=("GBAADRESOBJECT{year}BUSV{version}", "GBAADRESOBJECTBUS{year}V{version}"),
    default_folder="G:/Bevolking/GBAADRESOBJECTBUS",
    variables=(*_person_keys(),
               _d("GBADATUMAANVANGADRESHOUDING", "Begin adreshouding"),
               _d("GBADATUMEINDEADRESHOUDING", "Einde adreshouding (20501231 = lopend)", open_end=True),
               Variable("SOORTOBJECTNUMMER", "code", "Soort adresobject"),
               Variable("RINOBJECTNUMMER", "str", "Adresobject")),
    spell=("GBADATUMAANVANGADRESHOUDING", "GBADATUMEINDEADRESHOUDING"),
    spell_key=("RINPERSOONS", "RINPERSOON"),
)

GBAMIGRATIEBUS = SourceSpec(
    name="GBAMIGRATIEBUS", label="Migratiebewegingen (BRP)", unit="BUS", period="longitudinal",
    layout="default",
    file_patterns=("GBAMIGRATIE{year}BUSV{version}", "GBAMIGRATIEBUS{year}V{version}"),
    default_folder="G:/Bevolking/GBAMIGRATIEBUS",
    variables=(*_person_keys(),
               _d("AANVANGMIGRATIEDATUM", "Datum migratiebeweging (begin periode)", evidence="V"),
               _d("EINDEMIGRATIEDATUM", "Einde periode (tot volgende beweging; 20501231 = lopend)",
                  evidence="G", open_end=True),
               Variable("MIGRATIESOORT", "code", "Soort beweging", cl.MIGRATIESOORT, evidence="G"),
               Variable("MIGRATIELAND", "code", "Land van herkomst/bestemming", evidence="G", required=False)),
    spell=("AANVANGMIGRATIEDATUM", "EINDEMIGRATIEDATUM"), spell_key=("RINPERSOONS", "RINPERSOON"),
    notes="From 1 October 1994. AANVANGMIGRATIEDATUM is named in the report (§2.2); the rest is a default.",
)

MIGMOTIEFBUS = SourceSpec(
    name="MIGMOTIEFBUS", label="Migratiemotief", unit="BUS", period="longitudinal", layout="default",
    file_patterns=("MIGMOTIEFBUS{year}V{version}", "MIGMOTIEF{year}BUSV{version}", "MIGMOTIEFBUSV{version}"),
    default_folder="G:/Bevolking/MIGMOTIEFBUS",
    variables=(*_person_keys(),
               _d("AANVMIGMOTIEF", "Begin periode", evidence="G"),
               _d("EINDMIGMOTIEF", "Einde periode", evidence="G", open_end=True),
               Variable("MIGMOTIEF", "code", "Migratiemotief", cl.MIGMOTIEF, evidence="G")),
    spell=("AANVMIGMOTIEF", "EINDMIGMOTIEF"), spell_key=("RINPERSOONS", "RINPERSOON"),
    notes="Predecessor VRLMIGMOTBUS. Asylum status holder: motive in codelists.ASYLUM_MOTIVES.",
)

# ---------------------------------------------------------------- income and work (§5-§7)
_SECM_FLAGS = ("XKOPPELWERKNSECM", "XKOPPELDGASECM", "XKOPPELZELFSTSECM", "XKOPPELOVACTIEFSECM",
               "XKOPPELSCHOLSTUDSECM", "XKOPPELWERKLUITKSECM", "XKOPPELBIJSTANDSECM",
               "XKOPPELSOCVOORZOVSECM", "XKOPPELZIEKTEAOSECM", "XKOPPELPENSIOENSECM")
SECMBUS = SourceSpec(
    name="SECMBUS", label="Sociaaleconomische categorie per maand", unit="BUS", period="longitudinal",
    file_patterns=("SECMBUS{year}V{version}", "SECMBUSV{version}", "SECMBUS{year}BUSV{version}"),
    default_folder="G:/InkomenBestedingen/SECMBUS",
    variables=(*_person_keys(),
               _d("AANVSECM", "Begin periode"),
               _d("EINDSECM", "Einde periode", open_end=True),
               Variable("SECM", "code", "Sociaaleconomische categorie", cl.SECM),
               *(Variable(f, "flag", f"Indicator {f[8:-4].lower()}", cl.FLAG_01, required=False)
                 for f in _SECM_FLAGS)),
    spell=("AANVSECM", "EINDSECM"), spell_key=("RINPERSOONS", "RINPERSOON"),
)

_SPOLIS_VARS = (
    *_person_keys(),
    Variable("IKVID", "key", "Inkomstenverhouding (baan)"),
    Variable("SBEID", "key", "Werkgever (bedrijfseenheid)"),
    _d("SDATUMAANVANGIKO", "Begin inkomstenopgave"),
    _d("SDATUMEINDEIKO", "Einde inkomstenopgave"),
    _d("SDATUMAANVANGIKV", "Begin inkomstenverhouding in het jaar", required=False),
    _d("SDATUMEINDEIKV", "Einde inkomstenverhouding in het jaar", required=False),
    _d("SDATUMAANVANGIKVORG", "Oorspronkelijke begindatum baan", required=False),
    Variable("SBASISLOON", "float", "Basisloon in de periode (euro)"),
    Variable("SBASISUREN", "float", "Basisuren (verloonde uren min overwerk)"),
    Variable("SREGULIEREUREN", "float", "Reguliere uren", required=False),
    Variable("SOVERWERKUREN", "float", "Overwerkuren", required=False),
    Variable("SAANTVERLU", "float", "Aantal verloonde uren"),
    Variable("SAANTCTRCTURENPWK", "float", "Contracturen per week", years=(2016, 2100)),
    Variable("SLNINGLD", "float", "Loon in geld", required=False),
    Variable("SBAANDAGEN", "float", "Baandagen", required=False),
    Variable("SVOLTIJDDAGEN", "float", "Voltijddagen", required=False),
    Variable("SCONTRACTSOORT", "code", "Contractsoort", cl.SCONTRACTSOORT, upper=True),
    Variable("SPOLISDIENSTVERBAND", "code", "Voltijd/deeltijd", cl.SPOLISDIENSTVERBAND, required=False),
    Variable("SSOORTBAAN", "code", "Soort baan", cl.SSOORTBAAN),
    Variable("SSECT", "code", "Sector werknemersverzekeringen", cl.SSECT),
    Variable("SCAOSECTOR", "code", "CAO-sector", cl.SCAOSECTOR, required=False),
    Variable("SSRTIV", "code", "Soort inkomstenverhouding", cl.SSRTIV, required=False),
    Variable("STIJDVAKTYPE", "code", "Aangiftetijdvak", cl.STIJDVAKTYPE, required=False),
    Variable("SWEKARBDUURKLASSE", "code", "Arbeidsduurklasse", cl.SWEKARBDUURKLASSE, required=False),
)
SPOLISBUS = SourceSpec(
    name="SPOLISBUS", label="Banen en lonen (Polisadministratie)", unit="BUS", period="yearly",
    file_patterns=("SPOLISBUS{year}V{version}", "SPOLIS{year}BUSV{version}", "SPOLISBUS{year}BUSV{version}"),
    default_folder="G:/Spolis/SPOLISBUS/{year}", years=(2010, None),
    variables=_SPOLIS_VARS,
    spell=("SDATUMAANVANGIKO", "SDATUMEINDEIKO"), spell_key=("RINPERSOONS", "RINPERSOON", "IKVID"),
    notes="Several records per job-month with 4-weekly declarations; amounts are summed per job and month.",
)

#: POLISBUS (2006-2009) names -> SPOLISBUS names (§6.1: no S prefix, BAANRUGID, AANVBUS/EINDBUS).
_POLIS_RENAME = {"BAANRUGID": "IKVID", "BEID": "SBEID", "AANVBUS": "SDATUMAANVANGIKO",
                 "EINDBUS": "SDATUMEINDEIKO",
                 **{v.name[1:]: v.name for v in _SPOLIS_VARS
                    if v.name.startswith("S") and v.name not in ("SBEID", "SDATUMAANVANGIKO", "SDATUMEINDEIKO")}}
POLISBUS = SourceSpec(
    name="POLISBUS", label="Banen en lonen (Polis, 2006-2009)", unit="BUS", period="yearly",
    file_patterns=("POLISBUS{year}V{version}", "POLIS{year}BUSV{version}"),
    default_folder="G:/Polis/POLISBUS/{year}", years=(2006, 2009),
    variables=tuple(Variable(old, v.kind, v.label, v.codes, v.required and v.years is None, v.evidence, v.width, v.upper)
                    for old, new in ({"RINPERSOONS": "RINPERSOONS", "RINPERSOON": "RINPERSOON"} |
                                     {k: w for k, w in _POLIS_RENAME.items()}).items()
                    for v in _SPOLIS_VARS if v.name == new),
    spell=("AANVBUS", "EINDBUS"), spell_key=("RINPERSOONS", "RINPERSOON", "BAANRUGID"),
    predecessor_of="SPOLISBUS", rename_to_successor=_POLIS_RENAME,
)

_INPA_VARS = (*_person_keys(),
              Variable("INPPERSBRUT", "money", "Bruto persoonlijk inkomen"),
              Variable("INPPERSPRIM", "money", "Persoonlijk primair inkomen"),
              Variable("INPPERSINK", "money", "Persoonlijk inkomen"),
              Variable("INPSECJ", "code", "Sociaaleconomische categorie (jaar)", cl.SECM, required=False),
              Variable("INPPOSHHK", "code", "Positie in huishouden", cl.INPPOSHHK, required=False),
              Variable("RINPERSOONSHKW", "code", "Bron persoonsnummer hoofdkostwinner", required=False),
              Variable("RINPERSOONHKW", "key", "Persoonsnummer hoofdkostwinner", required=False, width=9))
INPATAB = SourceSpec(
    name="INPATAB", label="Persoonlijk inkomen", unit="TAB", period="yearly", years=(2011, None),
    file_patterns=("INPA{year}TABV{version}", "INPATAB{year}V{version}"),
    default_folder="G:/InkomenBestedingen/INPATAB", variables=_INPA_VARS,
)
IPI = SourceSpec(
    name="IPI", label="Integraal persoonlijk inkomen (2003-2010)", unit="TAB", period="yearly",
    years=(2003, 2010), file_patterns=("PERSOONINK{year}TABV{version}",),
    default_folder="G:/InkomenBestedingen/INTEGRAAL PERSOONLIJK INKOMEN/{year}",
    variables=(*_person_keys(),
               Variable("PERSBRUT", "money", "Bruto persoonlijk inkomen"),
               Variable("PERSPRIM", "money", "Persoonlijk primair inkomen"),
               Variable("PERSINK", "money", "Persoonlijk inkomen", required=False, evidence="I")),
    predecessor_of="INPATAB",
    rename_to_successor={"PERSBRUT": "INPPERSBRUT", "PERSPRIM": "INPPERSPRIM", "PERSINK": "INPPERSINK"},
)

# ---------------------------------------------------------------- labour force survey (§8)
EBBNW = SourceSpec(
    name="EBBNW", label="Enquete beroepsbevolking (nieuwe reeks)", unit="TAB", period="yearly",
    file_patterns=("EBBnw{year}V{version}", "EBBNW{year}TABV{version}"), default_folder="G:/Arbeid/EBBnw",
    key=("RINPERSOONS", "RINPERSOON", "EBBSTKPEILINGNUMMER"),
    variables=(*_person_keys(),
               Variable("SLEUTELEBB", "str", "Enquetesleutel (interviewdatum)"),
               Variable("EBBAFLJAAR", "int", "Publicatiejaar"),
               Variable("EBBAFLKWARTAAL", "int", "Publicatiekwartaal"),
               Variable("EBBSTKPEILINGNUMMER", "code", "Peiling (golf)", cl.EBBSTKPEILINGNUMMER),
               Variable("EBBGEWJAARGEWICHTA", "float", "Jaargewicht"),
               Variable("EBBGEWKWARTAALGEWICHTA", "float", "Kwartaalgewicht", required=False),
               Variable("EBBAFLBBINT", "code", "Arbeidspositie (ILO)", cl.EBBAFLBBINT, evidence="G"),
               Variable("EBBHHBGESLACHT", "code", "Geslacht", cl.EBBHHBGESLACHT),
               Variable("EBBAFLLFT", "int", "Leeftijd"),
               Variable("EBBAFLGENERATIE", "code", "Generatie", cl.EBBAFLGENERATIE, required=False),
               Variable("EBBAFLHERKOMSTGBA", "code", "Herkomstland (landcode)", required=False, evidence="G"),
               Variable("OPLNIVSOI2016AGG1HB", "code", "Onderwijsniveau", cl.OPLNIVSOI2016AGG1HB),
               Variable("EBBPB1POSWRKFLEX1", "code", "Positie werkkring", cl.EBBPB1POSWRKFLEX1, required=False),
               Variable("EBBAFLAANTWERK", "int", "Aantal werkkringen", required=False)),
    notes="One row per interview; persons appear in up to 5 quarterly waves (EBBSTKPEILINGNUMMER).",
)

# ---------------------------------------------------------------- education (§9-§13, §19, §20)
HOOGSTEOPLTAB = SourceSpec(
    name="HOOGSTEOPLTAB", label="Hoogst behaald/gevolgd opleidingsniveau (1 oktober)", unit="TAB",
    period="yearly",
    file_patterns=("HOOGSTEOPL{year}TABV{version}", "HOOGSTEOPLTAB {year}V{version}", "HOOGSTEOPLTAB{year}V{version}"),
    default_folder="G:/Onderwijs/HOOGSTEOPLTAB/{year}",
    variables=(*_person_keys(),
               Variable("OPLNIVSOI2016AGG4HBMETNIRWO", "code", "Hoogst behaald niveau (SOI 2016)", cl.SOI_AGG4),
               Variable("OPLNIVSOI2016AGG4HGMETNIRWO", "code", "Hoogst gevolgd niveau (SOI 2016)", cl.SOI_AGG4,
                        required=False),
               Variable("OPLNIVSOI2021AGG4HBMETNIRWO", "code", "Hoogst behaald niveau (SOI 2021)", cl.SOI_AGG4,
                        required=False, years=(2019, 2100)),
               Variable("OPLNRHB", "code", "Opleidingsnummer hoogst behaald", required=False),
               Variable("GEWICHTHOOGSTEOPL", "float", "Gewicht")),
    notes="Variable case differs between years ('metNIRWO'); names are matched case-insensitively.",
)

_ENROL_LEVEL = {"VO": "VO", "MBO": "MBO", "HBO": "HBO", "WO": "WO", "VAVO": "VAVO"}
ONDERWIJSINSCHRTAB = SourceSpec(
    name="ONDERWIJSINSCHRTAB", label="Onderwijsinschrijvingen (1 oktober)", unit="TAB", period="yearly",
    file_patterns=("ONDERWIJSINSCHRTAB{year}V{version}", "ONDERWIJSINSCHR{year}TABV{version}"),
    default_folder="G:/Onderwijs/ONDERWIJSINSCHRTAB/{year}",
    key=("RINPERSOONS", "RINPERSOON", "OPLNR"),
    variables=(*_person_keys(),
               Variable("OPLNR", "code", "Opleidingsnummer"),
               Variable("HOOFDINSCHR", "code", "Hoofdinschrijving (01/11 = hoofd)", evidence="V"),
               Variable("TYPEONDERWIJS", "code", "Onderwijssoort", cl.ONDERWIJSSOORT, evidence="G"),
               Variable("VOLEERJAAR", "int", "Leerjaar voortgezet onderwijs", required=False),
               Variable("MBOLEERWEG", "code", "Leerweg mbo (BOL/BBL)", cl.MBO_LEERWEG, required=False, evidence="G"),
               Variable("HOVORM", "code", "Vorm hoger onderwijs", cl.HO_VORM, required=False, evidence="G"),
               Variable("EERSTEJAARS", "flag", "Eerstejaars in deze onderwijssoort", cl.FLAG_01,
                        required=False, evidence="G")),
)

DIPLOMAMBOTAB = SourceSpec(
    name="DIPLOMAMBOTAB", label="Diploma's mbo", unit="TAB", period="yearly",
    file_patterns=("DIPLOMAMBO{year}TABV{version}", "DIPLOMAMBOTAB{year}V{version}"),
    default_folder="G:/Onderwijs/DIPLOMAMBOTAB", key=("RINPERSOONS", "RINPERSOON", "OPLNR", "EXAMENDATUMMBO"),
    variables=(*_person_keys(),
               _d("EXAMENDATUMMBO", "Examendatum"),
               Variable("OPLNR", "code", "Opleidingsnummer"),
               Variable("SELECTIEHOOFDDPLMBO", "code", "Hoofddiploma", cl.SELECTIE_1_2),
               Variable("SELECTIEHOOGSTEDPLMBO", "code", "Hoogste diploma", cl.SELECTIE_1_2, required=False),
               Variable("TYPEMBODPL", "code", "Leerweg en vorm", cl.MBO_LEERWEG, evidence="I")),
)

DIPLOMAHOTAB = SourceSpec(
    name="DIPLOMAHOTAB", label="Diploma's hoger onderwijs", unit="TAB", period="yearly",
    file_patterns=("DIPLOMAHO{year}TABV{version}", "DIPLOMAHOTAB{year}V{version}"),
    default_folder="G:/Onderwijs/DIPLOMAHOTAB", key=("RINPERSOONS", "RINPERSOON", "OPLNR", "EXAMENDATUMDIPLHO"),
    variables=(*_person_keys(),
               Variable("OPLNR", "code", "Opleidingsnummer"),
               Variable("EXAMENMAAND", "int", "Examenmaand", required=False),
               _d("EXAMENDATUMDIPLHO", "Examendatum", years=(2013, 2100)),
               Variable("SOORTDIPLSOORTHO", "code", "Soort diploma", cl.SOORTDIPLSOORTHO),
               Variable("STUDIEFASEDIPL", "code", "Studiefase", cl.STUDIEFASEDIPL),
               Variable("VORMOPLEIDINGHODIP", "code", "Vorm", cl.VORMOPLEIDINGHODIP)),
)

EXAMVOTAB = SourceSpec(
    name="EXAMVOTAB", label="Examens voortgezet onderwijs", unit="TAB", period="yearly", layout="default",
    file_patterns=("EXAMVO{year}TABV{version}", "EXAMVOTAB{year}V{version}"),
    default_folder="G:/Onderwijs/EXAMVOTAB",
    variables=(*_person_keys(),
               Variable("EXAMVOSCHOOLSOORT", "code", "Schoolsoort examen", cl.EXAMVO_SCHOOLSOORT, evidence="G"),
               Variable("EXAMVOGESLAAGD", "code", "Geslaagd", cl.JA_NEE_12, evidence="G"),
               Variable("OPLNR", "code", "Opleidingsnummer", required=False, evidence="G")),
)

VSVTAB = SourceSpec(
    name="VSVTAB", label="Voortijdig schoolverlaters", unit="TAB", period="yearly", layout="default",
    file_patterns=("VSV{year}TABV{version}", "VSVTAB{year}V{version}"), default_folder="G:/Onderwijs/VSVTAB",
    variables=(*_person_keys(),
               Variable("VSVSTATUS", "code", "Positie een jaar later", cl.VSVSTATUS, evidence="G"),
               Variable("VSVONDERWIJSSOORT", "code", "Onderwijssoort op 1 oktober", cl.ONDERWIJSSOORT, evidence="G"),
               Variable("VSVREDEN", "code", "Belangrijkste reden", cl.VSVREDEN, required=False, evidence="G")),
)

SVO = SourceSpec(
    name="SVO", label="Schoolverlatersonderzoek mbo", unit="TAB", period="yearly", layout="default",
    file_patterns=("SVO{year}TABV{version}", "SVOMBO{year}V{version}", "SVO{year}V{version}"),
    default_folder="G:/Onderwijs/SVO",
    variables=(*_person_keys(),
               Variable("OPLNR", "code", "Opleidingsnummer diploma", evidence="G"),
               Variable("SVOLEERWEG", "code", "Leerweg", cl.MBO_LEERWEG, evidence="G"),
               Variable("SVOVRGStageProbleem", "code", "Problemen met vinden stageplaats", cl.JA_NEE_12,
                        evidence="G"),
               Variable("SVOVRGAantalSollicitatiesStage", "int", "Aantal sollicitaties voor stage", evidence="G"),
               Variable("SVOVRGAansluitwerk", "code", "Aansluiting opleiding-werk", cl.SVO_AANSLUITING,
                        evidence="G", required=False),
               Variable("SVOGEWICHT", "float", "Ophooggewicht", evidence="G")),
    notes="SVOVRGAansluitwerk is named in the report; question changed in 2019 (trend break).",
)

SBBKANS = SourceSpec(
    name="SBBKANS", label="SBB arbeidsmarktperspectief mbo-opleidingen", unit="REF", period="yearly",
    layout="default", person_level=False, key=("OPLNR",),
    file_patterns=("SBBKANSWERK{year}V{version}", "SBBKANS{year}V{version}"),
    default_folder="(project file from SBB)",
    variables=(Variable("OPLNR", "code", "Opleidingsnummer (crebo-koppeling)", evidence="G"),
               Variable("CREBO", "code", "Crebocode", required=False, evidence="G"),
               Variable("KANSWERK", "code", "Kans op werk", cl.SBB_KANS, evidence="G")),
)

# ---------------------------------------------------------------- benefits and services (§14-§18)
def _spell_source(name: str, label: str, prefix: str, extra: tuple[Variable, ...], years: tuple[int, int | None],
                  patterns: tuple[str, ...] | None = None, folder: str = "") -> SourceSpec:
    start, end = f"AANV{prefix}", f"EIND{prefix}"
    return SourceSpec(
        name=name, label=label, unit="BUS", period="longitudinal", layout="default", years=years,
        file_patterns=patterns or (name.replace("BUS", "") + "{year}BUSV{version}", name + "{year}V{version}"),
        default_folder=folder,
        variables=(*_person_keys(), _d(start, "Begin periode", evidence="G"),
                   _d(end, "Einde periode", evidence="G", open_end=True), *extra),
        spell=(start, end), spell_key=("RINPERSOONS", "RINPERSOON"),
    )


BIJSTANDPERSOONBUS = _spell_source(
    "BIJSTANDPERSOONBUS", "Bijstandsperioden", "BIJSTAND",
    (Variable("BIJSTANDSOORT", "code", "Soort uitkering", cl.BIJSTANDSOORT, evidence="G"),), (1999, None),
    folder="G:/SocialeZekerheid/BIJSTANDPERSOONBUS")
WWPERSOONBUS = _spell_source(
    "WWPERSOONBUS", "WW-uitkeringsperioden", "WW",
    (Variable("WWSOORT", "code", "Soort WW", cl.WWSOORT, evidence="G", required=False),), (1999, None),
    folder="G:/SocialeZekerheid/WWPERSOONBUS")
AOTOTPERSOONBUS = _spell_source(
    "AOTOTPERSOONBUS", "Arbeidsongeschiktheidsuitkeringen", "AO",
    (Variable("AOSOORT", "code", "Soort uitkering", cl.AOSOORT, evidence="G"),), (1999, None),
    folder="G:/SocialeZekerheid/AOTOTPERSOONBUS")
SIRWWPERSOONBUS = _spell_source(
    "SIRWWPERSOONBUS", "Re-integratie UWV (WW)", "SIRWW",
    (Variable("SIRSOORT", "code", "Soort traject", cl.SIRSOORT, evidence="G"),), (2010, None),
    folder="G:/SocialeZekerheid/SIRWWPERSOONBUS")
SIRAGPERSOONBUS = _spell_source(
    "SIRAGPERSOONBUS", "Re-integratie UWV (arbeidsgehandicapten)", "SIRAG",
    (Variable("SIRSOORT", "code", "Soort traject", cl.SIRSOORT, evidence="G"),), (2010, None),
    folder="G:/SocialeZekerheid/SIRAGPERSOONBUS")
SRGPERSOONPWETBUS = _spell_source(
    "SRGPERSOONPWETBUS", "Re-integratievoorzieningen gemeenten (2015-2018)", "SRG",
    tuple(Variable(c, "int", lab, evidence="G") for c, lab in cl.PWET_PROVISIONS_OLD.items()), (2015, 2018),
    folder="G:/SocialeZekerheid/SRGPERSOONPWETBUS")
PWETSRGPERSOONBUS = _spell_source(
    "PWETSRGPERSOONBUS", "Participatievoorzieningen gemeenten (2019+)", "PWETSRG",
    tuple(Variable(c, "int", lab, evidence="G") for c, lab in cl.PWET_PROVISIONS_NEW.items()), (2019, None),
    folder="G:/SocialeZekerheid/PWETSRGPERSOONBUS")

# ---------------------------------------------------------------- reference files (§2, §21, §C.6)
VSLGWBTAB = SourceSpec(
    name="VSLGWBTAB", label="Adresobject naar gemeente en wijk", unit="REF", period="reference",
    person_level=False, key=("SOORTOBJECTNUMMER", "RINOBJECTNUMMER"),
    file_patterns=("VSLGWB{year}TAB03V{version}", "VSLGWB{year}TABV{version}"),
    default_folder="G:/BouwenWonen/VSLGWBTAB",
    variables=(Variable("SOORTOBJECTNUMMER", "code", "Soort adresobject"),
               Variable("RINOBJECTNUMMER", "str", "Adresobject"),
               Variable("gem", "code", "Gemeentecode per indelingsjaar (gemYYYY)", pattern=r"(?i)^gem(\d{4})$"),
               Variable("wc", "code", "Wijkcode per indelingsjaar (wcYYYY)", required=False,
                        pattern=r"(?i)^wc(\d{4})$")),
    notes="One column per classification year: gemYYYY holds the 4-digit municipality code ('0363').",
)

GEMEENTEREGIO = SourceSpec(
    name="GEMEENTEREGIO", label="Gemeente naar arbeidsmarktregio en provincie (Gebieden in Nederland)",
    unit="REF", period="yearly", layout="default", person_level=False, key=("gemeente_code",),
    file_patterns=("GIN{year}V{version}", "GEMEENTEREGIO{year}V{version}", "gemeente_amr_provincie_{year}"),
    default_folder="K:/Utilities/HULPbestanden/GebiedeninNederland",
    variables=(Variable("gemeente_code", "code", "Gemeentecode (GMxxxx)"),
               Variable("gemeente_naam", "str", "Gemeente", required=False),
               Variable("amr_code", "code", "Arbeidsmarktregio (AMxx)"),
               Variable("amr_naam", "str", "Arbeidsmarktregio", required=False),
               Variable("provincie_code", "code", "Provincie (PVxx)", required=False),
               Variable("provincie_naam", "str", "Provincie", required=False)),
    notes="The 2023 table ships with the package (data/gemeente_amr_provincie_2023.csv, CC BY 4.0 CBS).",
)

LANDAKTUEELREF = SourceSpec(
    name="LANDAKTUEELREF", label="Landen (referentiebestand)", unit="REF", period="reference",
    person_level=False, key=("LAND",),
    file_patterns=("LANDAKTUEELREFV{version}",),
    default_folder="K:/Utilities/Code_Listings/SSBreferentiebestanden",
    variables=(Variable("LAND", "code", "Landcode"),
               Variable("LANDOMS", "str", "Landnaam", required=False, evidence="G"),
               Variable("LANDTYPE", "code", "Westers / niet-westers", cl.LANDTYPE),
               Variable("WERELDDEEL", "code", "Werelddeel", cl.WERELDDEEL, evidence="I")),
)

OPLEIDINGSNRREF = SourceSpec(
    name="OPLEIDINGSNRREF", label="Opleidingsnummers (referentiebestand)", unit="REF", period="reference",
    person_level=False, key=("OPLNR",), file_patterns=("OPLEIDINGSNRREFV{version}",),
    default_folder="K:/Utilities/Code_Listings/SSBreferentiebestanden",
    variables=(Variable("OPLNR", "code", "Opleidingsnummer"),
               Variable("OPLNIVSOI2016AGG4", "code", "Niveau (SOI 2016)", cl.SOI_AGG4, evidence="I"),
               Variable("ONDERWIJSSOORT", "code", "Onderwijssoort", cl.ONDERWIJSSOORT, evidence="G"),
               Variable("SECTORMBO", "code", "Sector / studierichting", evidence="G"),
               Variable("CREBO", "code", "Crebocode (mbo)", required=False, evidence="G"),
               Variable("OPLNAAM", "str", "Naam opleiding", required=False, evidence="G")),
)

#: Every source, by name.
SOURCES: dict[str, SourceSpec] = {s.name: s for s in (
    GBAPERSOONTAB, GBAADRESOBJECTBUS, GBAMIGRATIEBUS, MIGMOTIEFBUS, SECMBUS, SPOLISBUS, POLISBUS,
    INPATAB, IPI, EBBNW, HOOGSTEOPLTAB, ONDERWIJSINSCHRTAB, DIPLOMAMBOTAB, DIPLOMAHOTAB, EXAMVOTAB,
    VSVTAB, SVO, SBBKANS, BIJSTANDPERSOONBUS, WWPERSOONBUS, AOTOTPERSOONBUS, SIRWWPERSOONBUS,
    SIRAGPERSOONBUS, SRGPERSOONPWETBUS, PWETSRGPERSOONBUS, VSLGWBTAB, GEMEENTEREGIO, LANDAKTUEELREF,
    OPLEIDINGSNRREF,
)}


def source(name: str) -> SourceSpec:
    """The spec of a source by (case-insensitive) name."""
    try:
        return SOURCES[name.upper()] if name.upper() in SOURCES else SOURCES[name]
    except KeyError:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(SOURCES)}") from None
