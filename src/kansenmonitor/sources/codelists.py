"""CBS code lists used by the monitor (``shared/spec/cbs-sources.md`` §C).

Codes are compared as CBS stores them (strings); labels are for people. Evidence labels
follow cbs-sources.md: V verified, I inferred, G guess (documented default; check in RA).
"""

from __future__ import annotations

# §C.1 SECM: socio-economic category per month (SECMBUS) [V]
SECM: dict[str, str] = {
    "11": "Werknemer",
    "12": "Directeur-grootaandeelhouder",
    "13": "Zelfstandig ondernemer",
    "14": "Overige zelfstandige",
    "15": "Meewerkend gezinslid",
    "21": "Ontvanger werkloosheidsuitkering",
    "22": "Ontvanger bijstandsuitkering",
    "23": "Ontvanger uitkering sociale voorziening overig",
    "24": "Ontvanger uitkering ziekte/AO",
    "25": "Ontvanger pensioenuitkering",
    "26": "(Nog niet) schoolgaand/studerend, met inkomen",
    "31": "(Nog niet) schoolgaand/studerend, zonder inkomen",
    "32": "Overig zonder inkomen",
}

# §C.2 SCONTRACTSOORT [V]; lower-case variants occur and are read as upper case.
SCONTRACTSOORT: dict[str, str] = {"O": "Onbepaalde tijd", "B": "Bepaalde tijd", "N": "Niet van toepassing"}

# §C.3 SSOORTBAAN [V]
SSOORTBAAN: dict[str, str] = {
    "1": "Directeur-grootaandeelhouder",
    "2": "Stagiair",
    "3": "WSW-er",
    "4": "Uitzendkracht",
    "5": "Oproepkracht",
    "9": "Overig",
}

# §C.4 SSECT: sector for employee insurance [V code set, I labels]
SSECT: dict[str, str] = {
    "01": "Agrarisch bedrijf", "02": "Tabakverwerkende industrie", "03": "Bouwbedrijf",
    "04": "Baggerbedrijf", "05": "Hout en emballage", "06": "Timmerindustrie",
    "07": "Meubel en orgelbouw", "08": "Groothandel hout", "09": "Grafische industrie",
    "10": "Metaalindustrie", "11": "Elektrotechnische industrie",
    "12": "Metaal en technische bedrijfstakken", "13": "Bakkerijen",
    "14": "Suikerverwerkende industrie", "15": "Slagersbedrijven", "16": "Slagers overig",
    "17": "Detailhandel en ambachten", "18": "Reiniging", "19": "Grootwinkelbedrijf",
    "20": "Havenbedrijven", "21": "Havenclassificeerders", "22": "Binnenscheepvaart",
    "23": "Visserij", "24": "Koopvaardij", "25": "Vervoer KLM", "26": "Vervoer NS",
    "27": "Posterijen", "28": "Taxivervoer", "29": "Openbaar vervoer",
    "30": "Besloten busvervoer", "31": "Overig personenvervoer", "32": "Overig goederenvervoer",
    "33": "Horeca algemeen", "34": "Horeca catering", "35": "Gezondheid", "38": "Banken",
    "39": "Verzekeringswezen", "40": "Uitgeverij", "41": "Groothandel I", "42": "Groothandel II",
    "43": "Zakelijke dienstverlening I", "44": "Zakelijke dienstverlening II",
    "45": "Zakelijke dienstverlening III", "46": "Zuivel", "47": "Textiel",
    "48": "Steen, cement, glas", "49": "Chemie", "50": "Voeding", "51": "Algemene industrie",
    "52": "Uitzendbedrijven", "53": "Bewaking", "54": "Culturele instellingen",
    "55": "Overige takken", "56": "Schilders", "57": "Stukadoors", "58": "Dakdekkers",
    "59": "Mortel", "60": "Steenhouwers", "61": "Overheid: onderwijs en wetenschappen",
    "62": "Overheid: rijk, politie, rechterlijke macht", "63": "Overheid: defensie",
    "64": "Overheid: provincies en gemeenten", "65": "Overheid: openbare nutsbedrijven",
    "66": "Overheid: overige instellingen", "67": "Werk en (re)integratie", "68": "Railbouw",
    "69": "Telecommunicatie", "00": "Onbekend", "99": "Onbekend",
}
GOVERNMENT_SECTORS: frozenset[str] = frozenset({"61", "62", "63", "64", "65", "66"})

# §C.5 other Polis codes [V]
SCAOSECTOR: dict[str, str] = {
    "1000": "Particuliere sector", "2000": "Gesubsidieerde sector",
    **{c: "Overheid" for c in ("3000", "3100", "3200", "3210", "3211", "3212", "3213", "3220",
                               "3230", "3240", "3250", "3290", "3300", "3310", "3320", "3400",
                               "3500", "3600", "3700", "3800")},
}
SPOLISDIENSTVERBAND: dict[str, str] = {"1": "Voltijd", "2": "Deeltijd"}
SWEKARBDUURKLASSE: dict[str, str] = {"1": "< 12 uur", "2": "12-<20 uur", "3": "20-<25 uur",
                                     "4": "25-<30 uur", "5": "30-<35 uur", "6": ">= 35 uur"}
STIJDVAKTYPE: dict[str, str] = {"1": "Vierwekelijks", "3": "Halfjaarlijks", "4": "Jaarlijks", "5": "Maandelijks"}
SSRTIV: dict[str, str] = {c: "Soort inkomstenverhouding " + c for c in
                          ("11", "12", "13", "14", "15", "17", "18", "21", "22", "23", "24", "31", "32")}

# §C.9, §1 GBA codes [V]
GBAGESLACHT: dict[str, str] = {"1": "Man", "2": "Vrouw"}
GBAGENERATIE: dict[str, str] = {"0": "Autochtoon / Nederlandse achtergrond", "1": "Eerste generatie",
                                "2": "Tweede generatie"}
GBAGEBOORTELANDNL: dict[str, str] = {"0": "Buitenland", "1": "Nederland"}
GBAAANTALOUDERSBUITENLAND: dict[str, str] = {"0": "Geen", "1": "Een", "2": "Twee"}

# §C.7 SOI-2016 level (HOOGSTEOPLTAB ...AGG4...) [V]; first digit = low/middle/high
SOI_AGG4: dict[str, str] = {
    "1111": "basisonderwijs gr 1-2", "1112": "basisonderwijs gr 3-8", "1211": "praktijkonderwijs",
    "1212": "vmbo-b/k", "1213": "mbo 1 (entree)", "1221": "vmbo-g/t", "1222": "havo/vwo onderbouw",
    "2111": "mbo 2", "2112": "mbo 3", "2121": "mbo 4", "2131": "havo bovenbouw", "2132": "vwo bovenbouw",
    "3111": "hbo associate degree", "3112": "hbo bachelor", "3113": "wo bachelor",
    "3211": "hbo master", "3212": "wo master", "3213": "doctor",
}

# §7 INPATAB position in household [V]
INPPOSHHK: dict[str, str] = {"1": "Hoofdkostwinner zonder partner", "2": "Hoofdkostwinner met partner",
                             "3": "Gehuwde partner", "4": "Ongehuwde partner", "5": "Minderjarig kind",
                             "6": "Meerderjarig kind", "7": "Overig lid", "8": "Onbekend"}

# §8 EBB [V for weights/keys; G for EBBAFLBBINT beyond "1"]
EBBAFLBBINT: dict[str, str] = {"1": "Werkzame beroepsbevolking", "2": "Werkloze beroepsbevolking",
                               "3": "Niet-beroepsbevolking"}
EBBAFLGENERATIE: dict[str, str] = {"7": "Geen migratieachtergrond", "1": "Eerste generatie",
                                   "2": "Tweede generatie", "3": "Onbekend", "9": "Onbekend"}
EBBHHBGESLACHT: dict[str, str] = {"1": "Man", "2": "Vrouw"}
OPLNIVSOI2016AGG1HB: dict[str, str] = {"1": "Laag", "2": "Middelbaar", "3": "Hoog", "9": "Onbekend"}
EBBPB1POSWRKFLEX1: dict[str, str] = {"1": "Werknemer vast", "2": "Werknemer flexibel", "3": "Zelfstandige",
                                     "9": "Onbekend"}
EBBSTKPEILINGNUMMER: dict[str, str] = {str(i): f"Peiling {i}" for i in range(1, 6)}

# §C.8 higher-education diplomas [V]
SOORTDIPLSOORTHO: dict[str, str] = {"03": "Hoofd bachelor", "04": "Neven bachelor", "05": "Hoofd master",
                                    "06": "Neven master", "07": "Hoofd doctoraal", "08": "Neven doctoraal",
                                    "09": "Hoofd beroepsfase/postmaster", "10": "Neven beroepsfase/postmaster",
                                    "11": "Onbekend 11", "12": "Onbekend 12"}
STUDIEFASEDIPL: dict[str, str] = {"A": "Associate degree", "B": "Bachelor", "D": "Propedeuse bachelor",
                                  "I": "Initieel (ongedeeld)", "M": "Master", "P": "Propedeuse",
                                  "Z": "Beroepsfase"}
VORMOPLEIDINGHODIP: dict[str, str] = {"1": "Voltijd", "2": "Deeltijd", "3": "Duaal"}

# §11 mbo diplomas [V for 1/2 selections; G for TYPEMBODPL beyond "1"]
SELECTIE_1_2: dict[str, str] = {"1": "Ja", "2": "Nee"}
MBO_LEERWEG: dict[str, str] = {"1": "BOL voltijd", "2": "BOL deeltijd", "3": "BBL", "4": "Extraneus"}

# --- Documented default layouts for files whose variable names are not public (§U) [G] ---

# Migration movements (GBAMIGRATIEBUS)
MIGRATIESOORT: dict[str, str] = {"I": "Immigratie", "E": "Emigratie", "A": "Administratieve opname",
                                 "V": "Administratieve afvoering"}
# Migration motive (MIGMOTIEFBUS): IND motive, grouped; asylum = 03 and 04 (asylum family).
MIGMOTIEF: dict[str, str] = {
    "01": "Arbeid", "02": "Kennismigratie", "03": "Asiel", "04": "Nareis asiel",
    "05": "Gezinshereniging", "06": "Gezinsvorming", "07": "Studie", "08": "Au pair / uitwisseling",
    "09": "Stage / werkervaring", "10": "EU: gezin", "11": "EU: arbeid", "12": "EU: studie",
    "13": "Overig", "99": "Onbekend",
}
ASYLUM_MOTIVES: frozenset[str] = frozenset({"03", "04"})

BIJSTANDSOORT: dict[str, str] = {"1": "Algemene bijstand (WWB/Participatiewet)", "2": "IOAW", "3": "IOAZ",
                                 "4": "Bbz", "5": "Wwik"}
WWSOORT: dict[str, str] = {"1": "WW (ontslagwerkloosheid)"}
AOSOORT: dict[str, str] = {"1": "WAO", "2": "WAZ", "3": "Wajong", "4": "WIA-WGA", "5": "WIA-IVA"}
SIRSOORT: dict[str, str] = {"1": "Re-integratietraject", "2": "Opleiding", "3": "Jobcoaching",
                            "4": "Proefplaatsing", "5": "Werkfit maken", "9": "Overig"}

# Participatiewet provisions (SRGPERSOONPWETBUS 2015-2018, PWETSRGPERSOONBUS 2019+): one count
# column per provision type (a record holds the number of services of each type).
PWET_PROVISIONS_OLD: dict[str, str] = {
    "LOONKOSTENSUBSIDIE": "Loonkostensubsidie (incl. tijdelijk en forfaitair vanaf 2017)",
    "WIWIDBAAN": "WIW/ID-baan", "BESCHUTWERK": "Beschut werk", "PARTICIPATIEPLAATS": "Participatieplaats",
    "JOBCOACH": "Jobcoach", "VERVOER": "Vervoersvoorziening",
}
PWET_PROVISIONS_NEW: dict[str, str] = {
    **PWET_PROVISIONS_OLD,
    "PROEFPLAATSING": "Proefplaatsing", "OVERIGEWERKPLEK": "Overige werkplek",
    "WERKPLEKAANPASSING": "Werkplekaanpassing", "COACHINGNAARWERK": "Coaching naar werk",
    "SCHOLING": "Scholing", "VRIJWILLIGERSWERK": "Vrijwilligerswerk",
    "OVERIGESOCIALEACTIVERING": "Overige sociale activering",
    "OVERIGEFACILITERENDE": "Overige faciliterende voorziening",
}

EXAMVO_SCHOOLSOORT: dict[str, str] = {"VMBOBB": "vmbo basis", "VMBOKB": "vmbo kader",
                                      "VMBOGL": "vmbo gemengd", "VMBOTL": "vmbo theoretisch",
                                      "HAVO": "havo", "VWO": "vwo"}
VSVSTATUS: dict[str, str] = {"1": "Voortijdig schoolverlater", "2": "Nog in onderwijs",
                             "3": "Uitgestroomd met startkwalificatie"}
#: VSVREDEN in the report's categories of the main reason (§5.1: "schoolgerelateerd,
#: gezondheid, persoonlijk, arbeidsmarkt of overig").
VSVREDEN: dict[str, str] = {"1": "Arbeidsmarkt (werk)", "2": "Gezondheid", "3": "Persoonlijk",
                            "4": "Schoolgerelateerd", "5": "Overig", "9": "Onbekend"}
ONDERWIJSSOORT: dict[str, str] = {"VO": "Voortgezet onderwijs", "MBO": "Middelbaar beroepsonderwijs",
                                  "HBO": "Hoger beroepsonderwijs", "WO": "Wetenschappelijk onderwijs",
                                  "VAVO": "Voortgezet algemeen volwassenenonderwijs"}
HO_VORM: dict[str, str] = {"1": "Voltijd", "2": "Deeltijd", "3": "Duaal"}
SVO_AANSLUITING: dict[str, str] = {"1": "Slecht", "2": "Matig", "3": "Voldoende", "4": "Goed"}
JA_NEE_12: dict[str, str] = {"1": "Ja", "2": "Nee"}
SBB_KANS: dict[str, str] = {"1": "Geen tot weinig", "2": "Matig", "3": "Voldoende", "4": "Goed"}

LANDTYPE: dict[str, str] = {"1": "Westers", "2": "Niet-westers"}
WERELDDEEL: dict[str, str] = {"1": "Afrika", "2": "Amerika", "3": "Azie", "4": "Europa", "5": "Oceanie"}

FLAG_01: dict[str, str] = {"0": "Nee", "1": "Ja"}
