"""catalog.toml (for the source readers) and manifest.json (the planted-truth manifest)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict
from pathlib import Path

import numpy as np

import kansenmonitor
from kansenmonitor.sources.spec import SOURCES
from kansenmonitor.synth import countries as C
from kansenmonitor.synth import params as P
from kansenmonitor.synth.config import FileReport, SynthConfig, SynthResult
from kansenmonitor.synth.employers import UWV_SBEID
from kansenmonitor.synth.layout import catalog_path


def catalog_buckets(scale: float) -> int:
    """Staging buckets for the readers: a power of two giving ~50k-300k persons per bucket."""
    persons = 25_500_000 * scale
    b = 1
    while persons / b > 200_000:
        b *= 2
    return b


def write_catalog(cfg: SynthConfig, reports: list[FileReport]) -> Path:
    sources = sorted({r.source for r in reports if not r.source.startswith("truth:")})
    lines = ["[catalog]",
             f'name = "Synthetisch register, schaal {cfg.scale:g}, seed {cfg.seed}, {cfg.years[0]}-{cfg.years[1]}"',
             'staging = "staging"',
             f"buckets = {catalog_buckets(cfg.scale)}", ""]
    for s in sources:
        lines.append(f"[sources.{s}]")
        lines.append(f'path = "{catalog_path(s, cfg.years[1], cfg.format)}"')
        lines.append("rename = {}")
        if cfg.format == "csv":
            lines.append(f'delimiter = "{cfg.csv_delimiter}"')
            lines.append(f'decimal = "{cfg.csv_decimal}"')
        lines.append("")
    path = cfg.out / "catalog.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _ratio(agg: dict, key: str) -> float | None:
    a = agg.get(key)
    if not a or a[1] == 0:
        return None
    return round(a[0] / a[1], 4)


def _git_commit() -> str | None:
    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=Path(__file__).parent, capture_output=True, text=True,
                           timeout=5)
        return r.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def calibration(agg: dict, years: tuple[int, int]) -> list[dict]:
    """Calibration targets with their source ids and the values realised in the truth."""
    out = []
    ys = list(range(years[0], years[1] + 1))
    ref = min(max(2018, years[0]), years[1])

    def item(name, source_id, definition, target, realised):
        out.append({"name": name, "target_source_id": source_id, "definition": definition, "target": target,
                    "realised": realised})

    item("population_share_by_background", "pop_shares_by_background",
         "share of residents on 1 January (truth/persons + residence periods)",
         P.as_manifest().get("POP_SHARE_TARGETS", {"2018": {"dutch": 0.7688, "western": 0.1006, "non_western": 0.1305},
                                                    "2021": {"dutch": 0.7536, "western": 0.1064, "non_western": 0.14}}),
         {str(y): {b: _ratio(agg, f"population_share|{y}|{b}") for b in ("none", "western", "nonwestern")} for y in ys})
    item("bijstand_share_by_generation", "bijstand_rates_by_background",
         "mean monthly share with a bijstand entitlement spell, residents aged 18 to AOW age",
         {"NW1": 0.183, "NW2": 0.043, "W1": 0.035, "W2": 0.0312, "NL": "about 0.02 (2000_end_CBS autochtoon)"},
         {str(y): {b: _ratio(agg, f"bijstand_share_18_aow|{y}|{b}") for b in ("NL", "W1", "W2", "NW1", "NW2")}
          for y in ys})
    item("flex_share_employees", "flex_share_2017",
         "share of employee person-months (substantial main job, frame 15-AOW excl. students/pensioners) with a "
         "temporary contract (SCONTRACTSOORT B); payrolling counts as B from 2017",
         {"nonwestern": 0.34, "dutch": 0.21},
         {str(y): {b: _ratio(agg, f"flex_share_employees|{y}|{b}") for b in ("none", "western", "nonwestern")}
          for y in ys})
    item("register_participation_15_74", "ebb_net_participation_W_NW",
         "register analogue of net participation: share of person-months 15-74 (non-institutional) with an employee "
         "job or own business (EBB levels differ; gap NL-NW 8-9 pp is the target)",
         {"2018": {"dutch": 0.691, "western": 0.665, "non_western": 0.609}, "gap_pp": "8-9"},
         {str(y): {b: _ratio(agg, f"register_participation_15_74|{y}|{b}") for b in ("none", "western", "nonwestern")}
          for y in ys})
    item("ww_to_job_within_12_months", "peers-engines §3.2 (Atlas Research 2019)",
         "share of WW inflows with a job (EMP state) within 12 months", {"none": 0.41, "nonwestern": 0.33},
         {b: _ratio(agg, f"ww_to_job_12m|{b}") for b in ("none", "western", "nonwestern")})
    item("ww_exit_to_bijstand", "peers-engines §3.2 (UWV Van WW naar bijstand 2019)",
         "share of WW exits going to bijstand the next month", {"all": 0.046, "2014_2016": 0.06},
         {b: _ratio(agg, f"ww_exit_to_bijstand|{b}") for b in ("none", "western", "nonwestern")})
    item("bijstand_to_job_per_year", "peers-engines §3.2 (TVA 2021(3))",
         "share of persons on bijstand in January with a job within 12 months", {"all": 0.085, "nonwestern": 0.08},
         {b: _ratio(agg, f"bijstand_to_job_12m|{b}") for b in ("none", "western", "nonwestern")})
    item("refugee_employment_after_permit", "ebb_refugees_employment_2014_cohort",
         "asylum-motive immigrants aged 18-64 at arrival (registration ~ permit): share working 18 / 30 months later",
         {"18": 0.04, "30": 0.11},
         {str(c): {str(k): _ratio(agg, f"refugee_work_after_months|{c}|{k}") for k in (18, 30)}
          for c in (2014, 2015, 2016)})
    item("self_employed_share", "flex_share_2022_by_origin.self_employed; self_employed_national",
         "share of frame person-months with SECM 13/14", {"born_NL_dutch_of_employed": 0.17, "zzp_2017": 0.12},
         {str(y): {b: _ratio(agg, f"self_employed_share|{y}|{b}") for b in ("none", "western", "nonwestern")}
          for y in ys})
    # hourly wage gaps: raw and education-standardised, by group x generation x sex, reference year
    gaps = {}
    for g in C.GROUPS[1:]:
        for k in (1, 2):
            for sx in "MF":
                raw_n = raw_d = ref_n = ref_d = 0.0
                adj = []
                for lv in (0, 1, 2):
                    a = agg.get(f"log_hourly_wage|{ref}|{g}|{k}|{sx}|{lv}")
                    r = agg.get(f"log_hourly_wage|{ref}|NL|0|{sx}|{lv}")
                    if a and a[1]:
                        raw_n += a[0]
                        raw_d += a[1]
                        if r and r[1]:
                            adj.append((a[1], a[0] / a[1] - r[0] / r[1]))
                    if r and r[1]:
                        ref_n += r[0]
                        ref_d += r[1]
                if raw_d >= 30 and ref_d:
                    raw = np.exp(raw_n / raw_d - ref_n / ref_d) - 1
                    wsum = sum(x for x, _ in adj)
                    ed = np.exp(sum(x * v for x, v in adj) / wsum) - 1 if wsum else None
                    gaps[f"{g}|{k}|{sx}"] = {"raw": round(float(raw), 4),
                                             "education_standardised": None if ed is None else round(float(ed), 4),
                                             "n": int(raw_d)}
    item("hourly_wage_gap", "wage_gap_hourly (CPB 2019: -4 % to -29 %; CBS 2002 adjusted ~-5 %, 2nd gen ~0)",
         f"geometric-mean hourly base wage of the main job in September {ref}, adults 23+ with a substantial job, "
         "vs Dutch background of the same sex; education-standardised = within-level gaps averaged over the group's "
         "levels", {"raw_range": [-0.29, -0.04], "second_generation_adjusted": 0.0}, gaps)
    return out


def hazards(agg: dict, years: tuple[int, int]) -> dict:
    """The planted monthly hazards (expected_dynamics.HAZARDS) by year, background and origin
    group: means over the cell's person-months at risk of the probability the generator drew
    the move with, and the number of those person-months."""
    from kansenmonitor.synth.expected_dynamics import HAZARDS

    out = {"conditional_on": "the generator's state at the end of the month before (state, months in it, WW "
                             "entitlement left, main job and its contract, the person's planted parameters and the "
                             "year's business cycle) and being in the labour part of the model in the month "
                             "(resident, 15 to AOW age, not in education); a cell's value is the mean over its "
                             "person-months at risk, so it is the expected share of them making the move",
           "groups": "none / western / nonwestern (migration background) and the origin groups of truth/persons "
                     "(cube.md origin codes)"}
    ys = [str(y) for y in range(years[0], years[1] + 1)]
    groups = ["none", "western", "nonwestern", *C.GROUPS]
    for name, (before, what) in HAZARDS.items():
        values, months = {}, {}
        for y in ys:
            values[y] = {g: _ratio_precise(agg, f"hazard|{name}|{y}|{g}") for g in groups}
            months[y] = {g: int(agg[f"hazard|{name}|{y}|{g}"][1]) if f"hazard|{name}|{y}|{g}" in agg else 0
                         for g in groups}
        out[name] = {"state_before": before, "probability_of": what, "monthly": values, "person_months": months}
    return out


def education_truth(agg: dict) -> dict:
    """Planted truth of indicator 20 (synth/files/onderwijs.py follow_up_truth): per year,
    group (cube origin codes, and mig_<background>) and follow-up category the share of the
    exam candidates, and the candidates' number."""
    share: dict[str, dict] = {}
    n: dict[str, dict] = {}
    for key in sorted(k for k in agg if k.startswith("edu_a20|")):
        _, year, group, category = key.split("|")
        num, den = agg[key]
        share.setdefault(year, {}).setdefault(group, {})[category] = round(num / den, 6) if den else None
        n.setdefault(year, {})[group] = int(den)
    return {"A20": {"definition": "exam candidates of June T (EXAMVOTAB of study year T-1) resident all year T and "
                                  "not newcomers of at most 6 months on 1 January T, by their status on 1 October T "
                                  "from the world's school routes: mbo, hbo, wo, secondary school above the exam's "
                                  "level (vo_higher), other secondary school (vo_other), none",
                    "share": share, "candidates": n}}


def _ratio_precise(agg: dict, key: str) -> float | None:
    a = agg.get(key)
    if not a or a[1] == 0:
        return None
    return round(a[0] / a[1], 6)


def write_manifest(cfg: SynthConfig, result: SynthResult, agg: dict, n_buckets: int) -> Path:
    rows: dict[str, dict] = {}
    for f in result.files:
        rows.setdefault(f.source, {})[str(f.year) if f.year is not None else "all"] = f.rows
    generated = sorted({f.source for f in result.files if not f.source.startswith("truth:")})
    manifest = {
        "generator": "kansenmonitor.synth",
        "code_version": kansenmonitor.__version__,
        "git_commit": _git_commit(),
        "config": {"scale": cfg.scale, "years": list(cfg.years), "format": cfg.format, "seed": cfg.seed,
                   "csv_delimiter": cfg.csv_delimiter, "csv_decimal": cfg.csv_decimal, "truth": cfg.write_truth,
                   "truth_dynamics": cfg.write_truth_dynamics,
                   "bucket_persons": cfg.bucket_persons},
        "seed": cfg.seed,
        "generation_buckets": n_buckets,
        "simulated_window": {"first_month": f"{cfg.years[0] - 1}-01", "last_month": f"{cfg.years[1]}-12",
                             "note": "the monthly model starts a year before the first reporting year; spells and "
                                     "jobs running then carry earlier (drawn) start dates"},
        "files": [asdict(f) for f in result.files],
        "row_counts": rows,
        "sources_generated": generated,
        "sources_not_generated": sorted(set(SOURCES) - set(generated)),
        "conventions": {
            "dates": "8-character YYYYMMDD strings; open end 20501231 (addresses, migration, motive, benefit spells)",
            "SECMBUS_end": "spells running at the end of the window end on 31 December of the last year",
            "RINPERSOON": "9-digit zero-padded strings; RINPERSOONS 'R' (GBA) and a few 'A'/'S' rows in SPOLIS only",
            "GBA_birth_fields": "GBAGEBOORTEJAAR/MAAND/DAG as strings ('1985', '05', '09') as CBS stores them",
            "unknown_parent_country": "'----' for some older first-generation persons; counted as born abroad",
            "SPOLIS_UWV": {"SBEID": UWV_SBEID, "SCONTRACTSOORT": "N", "hours": 0, "SSECT": "99",
                           "SSRTIV": "15", "note": "WW and disability benefits paid by the UWV as income relationships"},
            "SSRTIV": {"11": "government sectors 61-66", "15": "other employees and UWV", "17": "DGA", "13": "rare directors"},
            "SDATUMAANVANGIKVORG": "original job start; '88888888' for ~1 % of jobs started before the reporting year; "
                                   "capped at 1 January before 2013",
            "STIJDVAKTYPE": "'5' monthly (one record per job-month), '1' four-weekly (13 periods of 28 days from "
                            "1 January, overlapped with months: most months have 2 records)",
            "payrolling": f"{P.PAYROLL_SHARE:.1%} of new permanent jobs are at payroll firms (SSECT 52): recorded 'O' "
                          f"before {P.PAYROLL_FROM_YEAR}, 'B' from {P.PAYROLL_FROM_YEAR} (break_contract_2017)",
            "VSLGWBTAB": "gemYYYY carries the 2023 municipal code in every year (no municipal re-divisions modelled); "
                         "a few objects have '----'",
            "SOORTOBJECTNUMMER": "'VBO' (verblijfsobject), rarely 'LIG'/'STA'",
            "INPATAB": "persons resident on 1 January; ~2 % 9999999999 (household without observed income)",
            "HOOGSTEOPLTAB": "residents 15+ on 1 October, partly covered; GEWICHTHOOGSTEOPL = population / covered "
                             "per 5-year age band x generation",
            "EBBNW": "annual weight = quarterly weight / 4; weights gross up to the synthetic population 15-74 "
                     "(non-institutional); EBBAFLGENERATIE only up to 2018",
            "GBAHERKOMSTLAND": "equal to GBAHERKOMSTGROEPERING (the 2022 classification is not modelled separately)",
        },
        "truth_files": {
            "persons": "truth/persons.parquet: origin (cube.md origin codes), migration, generation, sex, true final "
                       "education, asylum, residence periods, latent parameters (u, wage_latent, perm_logit_base, "
                       "p_perm_new_age27_44, self_type_secm, wage_base_log, institutional)",
            "person_year": "truth/person_year.parquet: pi_EMP..pi_OTHB = the person's stationary state "
                           "probabilities of the monthly model in that year; p_perm_new = P(new main job permanent) "
                           "and the planted-truth expectations (see expectations)",
            "expectations": {
                "p_bijstand_any_month": "A12: P(at least one month with SECM 22 in the year | state in December of "
                                        "the year before incl. months in work, temporary main contract and WW "
                                        "entitlement left; no early retirement in the year), exact (products of the "
                                        "monthly transition matrices of the labour model, synth/expected.py); null "
                                        "for persons not in the labour part of the model all year (not in the frame)",
                "p_self_employed_any_month": "A05: the same for SECM 13/14 (0 for DGA's, SECM 12)",
                "p_no_early_retirement": "P(no early retirement in the year | December of the year before)",
                "employee_substantial": "A04 population: a substantial job in the year (SPOLIS records of the job "
                                        "in the year summed; not an internship, contract not N, >= 12 base hours a "
                                        "week, base hourly wage >= hourly WML of 1 January)",
                "main_job_kind": "main / side / dga: kind of the substantial job with most base hours",
                "p_main_contract_permanent": "A04: P(the contract of that job in the year is O | every other draw "
                                             "up to December of the year): the job's planted contract probability, "
                                             "Bayes posterior over O/B given the job's history (separation hazards, "
                                             "WW inflow, job type, tenure at the start of the simulation), B -> O "
                                             "conversion month integrated out; side jobs their planted probability, "
                                             "DGA and sheltered-work jobs 1",
                "p_work_next_month": "A27 (person_month, rows with work = the monitor's work: a substantial job or "
                                     "self-employment passing the year's income test): P(work in the next month | "
                                     "everything drawn up to the end of this month; no early retirement next month "
                                     "when it is in the same year; the year's self-employment income test given), "
                                     "exact over the model's moves, the day of a change (partial records), "
                                     "job-to-job moves, the planted attributes of new main/side/DGA jobs and the "
                                     "SPOLIS noise on base hours (synth/expected_dynamics.py). A cell's truth = "
                                     "sum p / person-months with work (the monitor pools them); "
                                     "(kept - sum p) / sqrt(sum p (1 - p)) is ~N(0, 1)",
                "p_work_within_12m_after_ww_exit": "A38 ww_1y (person_year, rows with ww_exit_month = the month of "
                                                   "the first WW exit of the year: the last month with SECM 21): "
                                                   "P(work in one of the 12 months after the exit month | "
                                                   "everything drawn up to the end of the exit month (WW "
                                                   "entitlement left, side job), the next month is not WW, no "
                                                   "early retirement in the rest of the year), forward over the "
                                                   "augmented monthly model; null when the 12 months run past the "
                                                   "simulated window",
                "p_temp_to_perm_same_employer": "A29 (person_year, rows with temp_main_contract = a month from "
                                                "November of the year before to December whose main "
                                                "substantial job is temporary, the A29/A30 "
                                                "population): P(a move from a temporary to a permanent main "
                                                "contract in the year, the same employer | every draw up to "
                                                "December but the contract types of the jobs and the B -> O "
                                                "conversions, and being in the population), a sum over the "
                                                "combinations of the jobs' posterior contract outcomes (as A04)",
                "p_temp_to_perm_other_employer": "A30: the same with another employer",
                "p_temp_main_contract": "P(in the A29/A30 population | the same conditioning)",
                "use": "a group's truth = mean over the group's frame persons (A04: those with employee_substantial); "
                       "persons are independent given the conditioning, so the share's binomial interval covers it "
                       "at >= the nominal rate, and sqrt(sum p (1 - p)) / n is the exact standard deviation",
            },
            "person_month": "truth/person_month.parquet: secm, state, has_work, has_substantial_job (SPOLIS records "
                            "of a job summed per month: not SSOORTBAAN 2, contract O/B, >= 12 base hours/week, base "
                            "hourly wage >= hourly WML of 1 January), main_contract (job with most base hours), "
                            "on_bijstand/on_ww/on_ao (entitlement spell), self_employed (SECM 13/14); with the "
                            "dynamics truth (config.truth_dynamics): work (the monitor's work flag) and "
                            "p_work_next_month (see expectations)",
            "graduates": "truth/graduates.parquet (indicator 25, synth/expected_graduates.py): per graduate of a "
                         "cohort year t whose 1 October t+1 enrolments are written (enrolled on 1 October t in "
                         "mbo bol/bbl or full-time hbo/wo, not enrolled on 1 October t+1, a diploma of that type in "
                         "study year t): diploma year and month, months observed after the diploma month (until "
                         "leaving the population register or the end of the data, at most 36), left_register, "
                         "months_to_job (the monitor's work flag realised in the world; 0 when working in the diploma "
                         "month or the month before) and origin group; realised_truth keys "
                         "graduates_job_<1|3|6|12>m|<t>|<group|T> and graduates_censored_emigration|<t>|<group|T> "
                         "(full-time graduates, all written, frame or not)",
            "how_to_compute_true_state": "group truths are means over truth rows: e.g. share permanent among employees "
                                         "of group g in year t = mean(main_contract == 'O') over person_month rows "
                                         "with state EMP and has_substantial_job joined to persons.origin == g; "
                                         "expected shares are means of person_year.pi_* (stationary construction)",
            "ebb_rates": "realised_truth keys ebb_net_participation|<year>|<all|none|western|nonwestern>, "
                         "ebb_gross_participation|... and ebb_unemployment|...: indicators 1-3 as the survey measures "
                         "them (reporting error and search behaviour of synth/files/ebb.py included), i.e. the expected "
                         "answers averaged over the person-months of the survey population (resident, 15-74, "
                         "non-institutional); the survey's weighted estimate converges to these",
            "written": cfg.write_truth,
        },
        "calibration": calibration(agg, cfg.years),
        "hazards": hazards(agg, cfg.years),
        "realised_truth": {k: _ratio(agg, k) for k in sorted(agg)
                           if not k.startswith(("log_hourly_wage", "hazard|", "edu_a20|"))},
        "education_truth": education_truth(agg),
        "input_truth": _input_truth(),
        "planted_parameters": P.as_manifest(),
        "assumptions": [
            "Adult education by origin (EDU_SHIFT) is an assumption; only second-generation tertiary shares are "
            "targeted (edu_second_gen_tertiary_2018).",
            "Splits of 'other non-western' over refugee groups / other Africa / other, and of 'western' over "
            "DE/PL/ID/other, in STOCK_2018 are assumptions.",
            "Municipal populations beyond the ~60 largest and non-western concentration factors are assumptions.",
            "Variable names of GBAMIGRATIEBUS, MIGMOTIEFBUS and the benefit BUS files are spec.py's documented default "
            "layout (cbs-sources §U).",
            "Households are couples only (params.COUPLES, synth/households.py): partners stable over the window, "
            "mostly within the origin group, ages close; INPPOSHHK 2/3/4 and RINPERSOONSHKW/RINPERSOONHKW = the "
            "breadwinner (higher INPPERSINK) are consistent; parent-child links are not modelled (5, 6, 7, 8 carry "
            "no breadwinner key).",
            "Re-integration and provision probabilities by origin (params.REINTEGRATION) are assumptions; no public "
            "figures by origin were found.",
        ],
        "wall_seconds": round(result.wall_seconds, 2),
        "peak_rss_bytes": result.peak_rss_bytes,
    }
    path = cfg.out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False, default=_default), encoding="utf-8")
    return path


def _input_truth() -> dict:
    """Planted truth of the input indicators (synth/files/reintegration.py), from the parameters."""
    from kansenmonitor.synth.files.reintegration import WINDOW_DAYS, planted_input_truth

    r = P.REINTEGRATION
    return {
        "definition": "per origin group (cube.md origin codes): P(a provision of each type (I1a) / of I1b / of I1c, "
                      "or a UWV trajectory (I2a), starts within 12 months of an inflow) = the spell's draw "
                      "probability p[migration] x group_factor[group] x P(start delay < "
                      f"{WINDOW_DAYS} days) (x the type's presence weight for I1a; x P(at least one of the types) "
                      "for I1b and I1c); the same for every cohort year and for Wajong and WIA-WGA (IVA: none)",
        "caveats": "the monitor's inflow is the first of the year after a month without the benefit; spells of the "
                   "generator that follow an earlier one within 31 days, or a second inflow within the 12 months, "
                   "add draws, and a draw of an earlier spell can start in the window, so the monitor's share is "
                   "at or a little above this",
        "nug_provision_start_per_year": r["nug"]["p_year"],
        "by_group": planted_input_truth(),
    }


def _default(o):
    if isinstance(o, (np.integer, np.floating)):
        return o.item()
    if isinstance(o, Path):
        return str(o)
    raise TypeError(type(o))
