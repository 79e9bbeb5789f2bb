"""Structure of the synthetic register: files, names, variables, spells, dates, keys, codes.

Everything is read back from the written files with pandas/pyarrow, not from generator
internals.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from kansenmonitor.sources.spec import SOURCES

REQUIRED_NOW = ("GBAPERSOONTAB", "GBAADRESOBJECTBUS", "GBAMIGRATIEBUS", "MIGMOTIEFBUS", "VSLGWBTAB", "GEMEENTEREGIO",
                "LANDAKTUEELREF", "SECMBUS", "SPOLISBUS", "INPATAB", "HOOGSTEOPLTAB", "BIJSTANDPERSOONBUS",
                "WWPERSOONBUS", "AOTOTPERSOONBUS", "EBBNW")


def _files(cfg, source: str) -> dict:
    """{year or None: path} of a source, from the manifest."""
    m = json.loads((cfg.out / "manifest.json").read_text())
    return {f["year"]: cfg.out / f["path"] for f in m["files"] if f["source"] == source}


def _read(cfg, source: str, year=None) -> pd.DataFrame:
    files = _files(cfg, source)
    return pd.read_parquet(files[year] if year in files else next(iter(files.values())))


def test_every_required_file_exists_with_spec_variables(tiny_register):
    cfg, result = tiny_register
    written = {f.source for f in result.files}
    for source in REQUIRED_NOW:
        assert source in written, source
        spec = SOURCES[source]
        for year, path in _files(cfg, source).items():
            assert path.exists()
            cols = pq.read_schema(path).names
            expected = [v for v in spec.variables_for_year(year) if v.pattern is None]
            names = {v.name for v in expected}
            patterns = [re.compile(v.pattern) for v in spec.variables if v.pattern]
            for v in expected:
                if v.required:
                    assert v.name in cols, (source, year, v.name)
            for c in cols:
                assert c in names or any(p.match(c) for p in patterns), (source, year, c)
            assert pq.read_metadata(path).num_rows > 0, (source, year)


def test_file_names_match_spec_patterns(tiny_register):
    cfg, result = tiny_register
    for f in result.files:
        if f.source.startswith("truth:"):
            continue
        stem = Path(f.path).stem
        pats = SOURCES[f.source].file_patterns
        regexes = [re.compile("^" + re.escape(p).replace(re.escape("{year}"), r"\d{4}")
                              .replace(re.escape("{version}"), r"\d+") + "$", re.I) for p in pats]
        assert any(r.match(stem) for r in regexes), (f.source, stem, pats)


def test_contract_hours_only_from_2016(tiny_register):
    cfg, _ = tiny_register
    assert "SAANTCTRCTURENPWK" not in pq.read_schema(_files(cfg, "SPOLISBUS")[2015]).names
    assert "SAANTCTRCTURENPWK" in pq.read_schema(_files(cfg, "SPOLISBUS")[2016]).names


def test_catalog_points_at_the_files(tiny_register):
    cfg, _ = tiny_register
    cat = tomllib.loads((cfg.out / "catalog.toml").read_text())
    assert cat["catalog"]["staging"] == "staging" and cat["catalog"]["buckets"] >= 1
    for source in REQUIRED_NOW:
        entry = cat["sources"][source]
        assert entry["rename"] == {}
        pattern = entry["path"]
        years = [2015, 2016] if "{year}" in pattern else [None]
        for y in years:
            p = pattern.replace("{year}", str(y)) if y else pattern
            assert list(cfg.out.glob(p)), (source, p)


def test_manifest_holds_truth_and_targets(tiny_register):
    cfg, _ = tiny_register
    m = json.loads((cfg.out / "manifest.json").read_text())
    for key in ("config", "seed", "code_version", "row_counts", "calibration", "planted_parameters", "truth_files",
                "sources_not_generated", "realised_truth"):
        assert key in m
    assert m["seed"] == 7
    names = {c["name"] for c in m["calibration"]}
    assert {"bijstand_share_by_generation", "flex_share_employees", "hourly_wage_gap"} <= names
    for c in m["calibration"]:
        assert c["target_source_id"]
    assert (cfg.out / "truth" / "persons.parquet").exists()
    assert (cfg.out / "truth" / "person_month.parquet").exists()


DATE_RE = r"^\d{8}$"


def _register_columns(tiny_register):
    """(file, spec variable, column) for every spec variable present in a generated file."""
    cfg, result = tiny_register
    for f in result.files:
        if f.source.startswith("truth:"):
            continue
        df = pd.read_parquet(cfg.out / f.path)
        for v in SOURCES[f.source].variables:
            if v.name in df.columns:
                yield f, v, df[v.name]


def test_dates_are_8_char_strings_and_keys_9_digits(tiny_register):
    for f, v, col in _register_columns(tiny_register):
        if v.kind == "date":
            assert pd.api.types.is_string_dtype(col)
            ok = col.str.fullmatch(DATE_RE)
            assert ok.all(), (f.source, v.name, col[~ok].head().tolist())
            valid = col[col.str[:4].astype(int).between(1850, 2050)]
            pd.to_datetime(valid[valid != "88888888"], format="%Y%m%d")  # raises if not a real date
        if v.name == "RINPERSOON":
            assert col.str.fullmatch(r"\d{9}").all(), f.source


def test_codes_inside_code_lists(tiny_register):
    for f, v, col in _register_columns(tiny_register):
        if v.codes is None:
            continue
        vals = col.dropna().astype(str)
        if v.upper:
            vals = vals.str.upper()
        allowed = set(v.codes) | {"----", "-", "9"} if v.name.startswith("OPLNIV") else set(v.codes)
        bad = set(vals.unique()) - allowed
        assert not bad, (f.source, v.name, bad)


def test_lowercase_contract_variants_and_rare_n_occur(tiny_register):
    cfg, _ = tiny_register
    sp = _read(cfg, "SPOLISBUS", 2016)
    counts = sp["SCONTRACTSOORT"].value_counts()
    assert {"O", "B", "N"} <= set(counts.index)
    assert set(counts.index) & {"o", "b"}
    assert (sp["RINPERSOONS"] != "R").sum() >= 0  # "A"/"S" rows are rare; present at larger scales


def _assert_no_overlap(df, key, start, end):
    d = df.sort_values(list(key) + [start])
    assert (d[start] <= d[end]).all()
    same = (d[list(key)].shift() == d[list(key)]).all(axis=1)
    prev_end = d[end].shift()
    overlap = same & (d[start] <= prev_end)
    assert not overlap.any(), d[overlap | overlap.shift(-1, fill_value=False)].head(6)


@pytest.mark.parametrize("source", ["GBAADRESOBJECTBUS", "GBAMIGRATIEBUS", "MIGMOTIEFBUS", "SECMBUS",
                                    "BIJSTANDPERSOONBUS", "WWPERSOONBUS", "AOTOTPERSOONBUS", "SIRWWPERSOONBUS",
                                    "SIRAGPERSOONBUS", "SRGPERSOONPWETBUS"])
def test_bus_spells_do_not_overlap(tiny_register, source):
    cfg, _ = tiny_register
    spec = SOURCES[source]
    df = _read(cfg, source)
    _assert_no_overlap(df, spec.spell_key, *spec.spell)


def test_spolis_records_do_not_overlap_within_ikvid(tiny_register):
    cfg, _ = tiny_register
    for year in (2015, 2016):
        sp = _read(cfg, "SPOLISBUS", year)
        _assert_no_overlap(sp, ("RINPERSOONS", "RINPERSOON", "IKVID"), "SDATUMAANVANGIKO", "SDATUMEINDEIKO")
        assert (sp["SDATUMAANVANGIKO"].str[:4] == str(year)).all()
        assert (sp["SDATUMAANVANGIKO"].str[:6] == sp["SDATUMEINDEIKO"].str[:6]).all()  # within one month


def test_fourweekly_jobs_have_months_with_two_records(tiny_register):
    cfg, _ = tiny_register
    sp = _read(cfg, "SPOLISBUS", 2016)
    sp["ym"] = sp["SDATUMAANVANGIKO"].str[:6]
    per_month = sp.groupby(["STIJDVAKTYPE", "IKVID", "ym"]).size()
    four = per_month.loc["1"]
    monthly = per_month.loc["5"]
    assert (four == 2).mean() > 0.5
    assert four.max() <= 3
    assert (monthly == 1).all()


def test_spolis_amounts_consistent(tiny_register):
    cfg, _ = tiny_register
    sp = _read(cfg, "SPOLISBUS", 2016)
    emp = sp[sp["SCONTRACTSOORT"].str.upper() != "N"]
    assert np.allclose(emp["SAANTVERLU"], emp["SBASISUREN"] + emp["SOVERWERKUREN"], atol=0.011)
    assert (emp["SLNINGLD"] >= emp["SBASISLOON"]).all()
    days = (pd.to_datetime(sp["SDATUMEINDEIKO"], format="%Y%m%d")
            - pd.to_datetime(sp["SDATUMAANVANGIKO"], format="%Y%m%d")).dt.days + 1
    assert np.array_equal(days.to_numpy(), sp["SBAANDAGEN"].to_numpy())
    assert (sp["SVOLTIJDDAGEN"] <= sp["SBAANDAGEN"] + 1e-9).all()
    # benefit relationships paid by the UWV: contract N, no hours
    uwv = sp[sp["SCONTRACTSOORT"] == "N"]
    assert (uwv["SBASISUREN"] == 0).mean() > 0.8
    # some job-months below 12 hours a week and some below the hourly WML (so the filters bite)
    sp["ym"] = sp["SDATUMAANVANGIKO"].str[:6]
    jm = emp.assign(ym=sp["ym"]).groupby(["IKVID", "ym"]).agg(h=("SBASISUREN", "sum"), d=("SBAANDAGEN", "sum"),
                                                             w=("SBASISLOON", "sum"))
    weekly = jm["h"] * 7 / jm["d"]
    hourly = jm["w"] / jm["h"].where(jm["h"] > 0)
    assert 0.02 < (weekly < 12).mean() < 0.5
    assert 0.005 < (hourly < 9.11).mean() < 0.3
    # jobs started before the reporting year: original start earlier, a few 88888888
    assert (sp["SDATUMAANVANGIKVORG"] < "20160101").mean() > 0.3
    assert (sp["SDATUMAANVANGIKVORG"] == "88888888").any()


def test_secm_spells_on_month_boundaries_and_flags(tiny_register):
    cfg, _ = tiny_register
    s = _read(cfg, "SECMBUS")
    assert (s["AANVSECM"].str[6:] == "01").all()
    end = pd.to_datetime(s["EINDSECM"], format="%Y%m%d")
    assert (end.dt.is_month_end).all()
    flags = [c for c in s.columns if c.startswith("XKOPPEL")]
    assert len(flags) == 10
    for c in flags:
        assert set(s[c].unique()) <= {"0", "1"}
    # consecutive spells of a person differ in category or a flag
    d = s.sort_values(["RINPERSOON", "AANVSECM"])
    same = d["RINPERSOON"].eq(d["RINPERSOON"].shift())
    contiguous = same & (pd.to_datetime(d["AANVSECM"], format="%Y%m%d")
                         == pd.to_datetime(d["EINDSECM"].shift(), format="%Y%m%d") + pd.Timedelta(days=1))
    key = d[["SECM"] + flags].astype(str).agg("".join, axis=1)
    assert not (contiguous & key.eq(key.shift())).any()
    # students with income (26), pensioners (25), employees with bijstand running alongside
    assert {"11", "13", "21", "22", "24", "25", "26", "31"} <= set(s["SECM"])
    assert ((s["SECM"] == "11") & (s["XKOPPELBIJSTANDSECM"] == "1")).any() or \
        ((s["SECM"] == "11") & (s["XKOPPELWERKLUITKSECM"] == "1")).any()


def test_gba_origin_consistent_with_generation(tiny_register):
    cfg, _ = tiny_register
    g = _read(cfg, "GBAPERSOONTAB")
    nl = "6030"
    n_abroad = (g["GBAGEBOORTELANDMOEDER"] != nl).astype(int) + (g["GBAGEBOORTELANDVADER"] != nl).astype(int)
    assert (g["GBAAANTALOUDERSBUITENLAND"].astype(int) == n_abroad).all()
    born_nl = g["GBAGEBOORTELANDNL"] == "1"
    assert (born_nl == (g["GBAGEBOORTELAND"] == nl)).all()
    gen = g["GBAGENERATIE"]
    assert (gen[~born_nl & (n_abroad > 0)] == "1").all()
    assert (gen[born_nl & (n_abroad > 0)] == "2").all()
    assert (gen[n_abroad == 0] == "0").all()
    assert (~born_nl & (n_abroad == 0)).any()  # born abroad with Dutch background
    first = g[gen == "1"]
    assert (first["GBAHERKOMSTGROEPERING"] == first["GBAGEBOORTELAND"]).all()
    second = g[gen == "2"]
    mother_abroad = second["GBAGEBOORTELANDMOEDER"] != nl
    expect = np.where(mother_abroad, second["GBAGEBOORTELANDMOEDER"], second["GBAGEBOORTELANDVADER"])
    known = second["GBAGEBOORTELANDMOEDER"] != "----"
    assert (second["GBAHERKOMSTGROEPERING"][known] == expect[known.to_numpy()]).all()
    assert (g["GBAGEBOORTELANDMOEDER"] == "----").any() or (g["GBAGEBOORTELANDVADER"] == "----").any()
    # every origin and birth country is in LANDAKTUEELREF
    land = set(_read(cfg, "LANDAKTUEELREF")["LAND"])
    assert set(g["GBAHERKOMSTGROEPERING"]) <= land


def test_addresses_cover_residence_and_end_at_emigration(tiny_register):
    cfg, _ = tiny_register
    a = _read(cfg, "GBAADRESOBJECTBUS")
    mig = _read(cfg, "GBAMIGRATIEBUS")
    assert (a["GBADATUMEINDEADRESHOUDING"] == "20501231").mean() > 0.25
    assert (a["GBADATUMEINDEADRESHOUDING"].where(lambda x: x != "20501231", "0") < "20170101").all()
    emig = mig[mig["MIGRATIESOORT"].isin(["E", "V"])]
    day_before = (pd.to_datetime(emig["AANVANGMIGRATIEDATUM"], format="%Y%m%d") - pd.Timedelta(days=1)).dt.strftime(
        "%Y%m%d")
    ends = set(zip(a["RINPERSOON"], a["GBADATUMEINDEADRESHOUDING"]))
    hit = [(p, d) in ends for p, d in zip(emig["RINPERSOON"], day_before)]
    assert np.mean(hit) > 0.95
    # contiguous administrative splits at the same address object exist
    d = a.sort_values(["RINPERSOON", "GBADATUMAANVANGADRESHOUDING"])
    same = d["RINPERSOON"].eq(d["RINPERSOON"].shift()) & d["RINOBJECTNUMMER"].eq(d["RINOBJECTNUMMER"].shift())
    assert same.any()
    # every address object maps to a municipality in VSLGWBTAB, codes without GM prefix
    v = _read(cfg, "VSLGWBTAB")
    assert v["gem2016"].str.fullmatch(r"\d{4}|----").all()
    assert set(a["RINOBJECTNUMMER"]) <= set(v["RINOBJECTNUMMER"])
    # settled before 1 Oct 1994: first generation without any migration record exists
    g = _read(cfg, "GBAPERSOONTAB")
    first = set(g.loc[g["GBAGENERATIE"] == "1", "RINPERSOON"])
    assert len(first - set(mig["RINPERSOON"])) > 0
    # re-migration: persons with an emigration followed by a return
    kinds = mig.sort_values(["RINPERSOON", "AANVANGMIGRATIEDATUM"]).groupby("RINPERSOON")["MIGRATIESOORT"].agg(
        "".join)
    assert kinds.str.contains("EI|VA").any()


def test_income_and_education_files(tiny_register):
    cfg, _ = tiny_register
    inpa = _read(cfg, "INPATAB", 2016)
    sentinel = inpa["INPPERSPRIM"] == 9999999999
    assert 0.005 < sentinel.mean() < 0.05
    real = inpa[~sentinel]
    assert (real["INPPERSINK"] >= real["INPPERSPRIM"] - 1).all()
    assert (real["INPPERSBRUT"] >= real["INPPERSINK"]).all()
    assert (real["INPPERSPRIM"] < 0).any()
    h = _read(cfg, "HOOGSTEOPLTAB", 2016)
    g = _read(cfg, "GBAPERSOONTAB")
    assert 0.45 < len(h) / len(inpa) < 0.85
    assert h["GEWICHTHOOGSTEOPL"].min() >= 1.0
    lvl = h["OPLNIVSOI2016AGG4HBMETNIRWO"].str[0]
    assert set(lvl) <= {"1", "2", "3", "-"}
    assert len(g) > len(inpa)  # GBA holds emigrated and deceased persons too


def test_ebb_panel(tiny_register):
    cfg, _ = tiny_register
    e = _read(cfg, "EBBNW", 2016)
    assert set(e["EBBSTKPEILINGNUMMER"]) <= {"1", "2", "3", "4", "5"}
    assert e.groupby("RINPERSOON")["EBBSTKPEILINGNUMMER"].nunique().max() <= 5
    assert e["EBBAFLLFT"].between(15, 75).all()
    inpa = _read(cfg, "INPATAB", 2016)
    # annual weights gross up to the population 15-74 (within 10 %)
    g = _read(cfg, "GBAPERSOONTAB").set_index("RINPERSOON")
    age = 2016 - g.loc[inpa["RINPERSOON"], "GBAGEBOORTEJAAR"].astype(int)
    pop = ((age >= 15) & (age <= 74)).sum()
    assert abs(e["EBBGEWJAARGEWICHTA"].sum() / pop - 1) < 0.1
    assert set(e["EBBAFLBBINT"]) == {"1", "2", "3"}


def test_education_files_follow_school_paths(tiny_register):
    cfg, _ = tiny_register
    y = 2015
    enr = _read(cfg, "ONDERWIJSINSCHRTAB", y)
    assert set(enr["TYPEONDERWIJS"]) <= {"VO", "MBO", "HBO", "WO"}
    assert {"VO", "MBO", "HBO", "WO"} <= set(enr["TYPEONDERWIJS"])
    ref = _read(cfg, "OPLEIDINGSNRREF")
    assert set(enr["OPLNR"]) <= set(ref["OPLNR"])
    # mbo diplomas of study year y mostly go to persons enrolled in mbo on 1 October y
    dip = _read(cfg, "DIPLOMAMBOTAB", y)
    main = dip[dip["SELECTIEHOOGSTEDPLMBO"] == "1"]
    mbo = set(enr.loc[enr["TYPEONDERWIJS"] == "MBO", "RINPERSOON"])
    assert main["RINPERSOON"].isin(mbo).mean() > 0.9
    assert main["EXAMENDATUMMBO"].between(f"{y}0901", f"{y + 1}0831").all()
    assert _files(cfg, "DIPLOMAMBOTAB").keys() >= {2015, 2016}
    ho = _read(cfg, "DIPLOMAHOTAB", y)
    assert set(ho["STUDIEFASEDIPL"]) <= {"A", "B", "M"} and "EXAMENDATUMDIPLHO" in ho.columns
    vsv = _read(cfg, "VSVTAB", y)
    assert set(vsv["VSVSTATUS"]) == {"1", "2", "3"}
    assert 0.005 < (vsv["VSVSTATUS"] == "1").mean() < 0.1
    ex = _read(cfg, "EXAMVOTAB", y)
    assert {"HAVO", "VWO"} <= set(ex["EXAMVOSCHOOLSOORT"])
    svo = _read(cfg, "SVO", 2016)
    assert len(svo) > 0 and (svo["SVOGEWICHT"] >= 1).all()
    sbb = _read(cfg, "SBBKANS", 2016)
    assert set(sbb["OPLNR"]) <= set(ref["OPLNR"])


def test_every_generated_file_passes_the_readers_validation(tiny_register):
    """The whole synthetic register reads, validates and stages without a single error
    (no overlapping spells, no duplicate keys, no end before start, codes in the lists)."""
    from kansenmonitor.sources.check import check_catalog

    cfg, _ = tiny_register
    assert check_catalog(cfg.out / "catalog.toml") == 0
