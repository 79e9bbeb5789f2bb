"""The answer key agrees with the files: truth recomputed independently from SPOLIS,
the benefit spells and GBA with a few lines of pandas."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

YEAR = 2016
WML_HOUR_2016 = 351.85 / 40  # weekly WML on 1 January 2016 / 40 (cbs-sources §W.1)


def _read(cfg, source, year=None):
    m = json.loads((cfg.out / "manifest.json").read_text())
    files = {f["year"]: cfg.out / f["path"] for f in m["files"] if f["source"] == source}
    return pd.read_parquet(files[year] if year in files else next(iter(files.values())))


def test_substantial_job_and_main_contract_match_spolis(tiny_register):
    cfg, _ = tiny_register
    sp = _read(cfg, "SPOLISBUS", YEAR)
    sp = sp[sp["RINPERSOONS"] == "R"].copy()
    sp["month"] = sp["SDATUMAANVANGIKO"].str[4:6].astype(int)
    jm = sp.groupby(["RINPERSOON", "IKVID", "month"]).agg(
        h=("SBASISUREN", "sum"), d=("SBAANDAGEN", "sum"), w=("SBASISLOON", "sum"),
        c=("SCONTRACTSOORT", "last"), sb=("SSOORTBAAN", "first"), sbeid=("SBEID", "first")).reset_index()
    jm = jm[jm["sbeid"] != "800000014"]  # UWV benefit relationships are not jobs
    jm["weekly"] = jm["h"] * 7 / jm["d"]
    jm["hourly"] = np.where(jm["h"] > 0, jm["w"] / jm["h"].where(jm["h"] > 0), 0)
    jm["subst"] = (jm["sb"] != "2") & jm["c"].str.upper().isin(["O", "B"]) & (jm["weekly"] >= 12) & \
        (jm["hourly"] >= WML_HOUR_2016 - 1e-9)
    mine = jm.groupby(["RINPERSOON", "month"])["subst"].any()
    truth = pd.read_parquet(cfg.out / "truth" / "person_month.parquet")
    t = truth[truth["year"] == YEAR].set_index(["RINPERSOON", "month"])
    both = t.join(mine.rename("mine"), how="left")
    both["mine"] = both["mine"].astype("boolean").fillna(False).astype(bool)
    agree = (both["mine"] == both["has_substantial_job"]).mean()
    assert agree > 0.995, agree
    # contract of the job with most base hours in the month
    best = jm.sort_values("h").groupby(["RINPERSOON", "month"]).tail(1).set_index(["RINPERSOON", "month"])
    cc = t.join(best["c"].str.upper().rename("mine_c"), how="inner")
    cc = cc[cc["main_contract"] != ""]
    assert (cc["main_contract"] == cc["mine_c"]).mean() > 0.98


def test_benefit_flags_match_spells(tiny_register):
    cfg, _ = tiny_register
    truth = pd.read_parquet(cfg.out / "truth" / "person_month.parquet")
    t = truth[(truth["year"] == YEAR) & (truth["month"] == 6)].set_index("RINPERSOON")
    for source, start, end, flag in (("BIJSTANDPERSOONBUS", "AANVBIJSTAND", "EINDBIJSTAND", "on_bijstand"),
                                     ("WWPERSOONBUS", "AANVWW", "EINDWW", "on_ww"),
                                     ("AOTOTPERSOONBUS", "AANVAO", "EINDAO", "on_ao")):
        s = _read(cfg, source)
        on = s[(s[start] <= f"{YEAR}0630") & (s[end] >= f"{YEAR}0601")]["RINPERSOON"].unique()
        mine = t.index.isin(on)
        assert (mine == t[flag].to_numpy()).mean() > 0.995, source


def test_truth_persons_match_gba(tiny_register):
    cfg, _ = tiny_register
    g = _read(cfg, "GBAPERSOONTAB").set_index("RINPERSOON")
    p = pd.read_parquet(cfg.out / "truth" / "persons.parquet").set_index("RINPERSOON")
    assert len(g) == len(p) and set(g.index) == set(p.index)
    p = p.join(g.drop(columns="RINPERSOONS"))
    gen = p["GBAGENERATIE"].map({"0": "none", "1": "1", "2": "2"})
    assert (gen == p["generation"]).all()
    assert ((p["GBAGESLACHT"] == "1") == (p["sex"] == "M")).all()
    land = _read(cfg, "LANDAKTUEELREF").set_index("LAND")
    lt = land.loc[p["GBAHERKOMSTGROEPERING"], "LANDTYPE"].to_numpy()
    mig = np.where(p["GBAGENERATIE"] == "0", "none", np.where(lt == "1", "western", "nonwestern"))
    assert (mig == p["migration"]).all()
    assert 0 < p["p_perm_new_age27_44"].min() and p["p_perm_new_age27_44"].max() < 1


def test_person_year_probabilities(tiny_register):
    cfg, _ = tiny_register
    py = pd.read_parquet(cfg.out / "truth" / "person_year.parquet")
    pis = py[[c for c in py.columns if c.startswith("pi_")]]
    assert np.allclose(pis.sum(axis=1), 1.0, atol=1e-4)
    assert py["p_perm_new"].between(0, 1).all()
