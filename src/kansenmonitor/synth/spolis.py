"""SPOLISBUS / POLISBUS records of one bucket and one reporting year.

A record is one income statement of one job (IKVID): the overlap of the employer's
declaration period with the reporting month (cbs-sources §6.2). Monthly declarants
(STIJDVAKTYPE "5") give one record per job-month; four-weekly declarants ("1") declare
13 periods of 28 days from 1 January, so most months have two records. Records never
overlap within an IKVID. The UWV pays WW and disability benefits as income relationships
(contract "N", no hours). A few records belong to persons outside the BRP (RINPERSOONS
"A"/"S").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import params as P
from kansenmonitor.synth.employers import UWV_SBEID, Employers
from kansenmonitor.synth.labour import CONTRACT_B, CONTRACT_O, KIND_DGA, Careers
from kansenmonitor.synth.population import Persons
from kansenmonitor.synth.spells import BenefitSpells

_CONTRACT_STR = np.array(["O", "B", "N", "o", "b", "n"], dtype=object)
_SOORTBAAN_STR = {1: "1", 2: "2", 3: "3", 4: "4", 5: "5", 9: "9"}


def segments(year: int, fourweekly: bool) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) day numbers of the declaration segments of a year."""
    y0, y1 = cal.day(year), cal.day(year + 1)
    months = cal.month_start_day(cal.month_index(year, 1) + np.arange(12))
    bounds = set(int(x) for x in months)
    if fourweekly:
        bounds |= {y0 + 28 * k for k in range(13)}
    b = np.array(sorted(x for x in bounds if y0 <= x < y1), dtype=np.int32)
    return b, np.append(b[1:] - 1, y1 - 1).astype(np.int32)


def _expand(s: np.ndarray, e: np.ndarray, seg_s: np.ndarray, seg_e: np.ndarray):
    """For intervals [s, e] (days), the segment pieces: (interval index, piece start, piece end)."""
    i0 = np.searchsorted(seg_s, s, side="right") - 1
    i1 = np.searchsorted(seg_s, e, side="right") - 1
    cnt = np.maximum(i1 - i0 + 1, 0)
    rep = np.repeat(np.arange(len(s)), cnt)
    offs = np.arange(len(rep)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    seg = i0[rep] + offs
    return rep, np.maximum(seg_s[seg], s[rep]), np.minimum(seg_e[seg], e[rep])


def _hash_u(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    x = (a.astype(np.uint64) * np.uint64(2654435761) + b.astype(np.uint64) * np.uint64(40503) + np.uint64(12345))
    x ^= x >> np.uint64(13)
    x *= np.uint64(0x5BD1E995)
    x ^= x >> np.uint64(15)
    return (x % np.uint64(1 << 24)).astype(np.float64) / float(1 << 24)


def ikvid_strings(global_ids: np.ndarray) -> pa.Array:
    x = (global_ids.astype(np.int64) * 387_420_489 + 562_949_953_421) % 10**12
    return pc.utf8_lpad(pc.cast(pa.array(x), pa.string()), 12, "0")


@dataclass
class PolisYear:
    table: dict  # column -> numpy array or pyarrow array (SPOLIS names)
    person_wages: np.ndarray  # (n,) SLNINGLD of employee jobs in the year
    person_uwv: np.ndarray  # (n,) UWV-paid benefits in the year
    job_month: dict  # truth aggregates per (job, month): hours, days, wage, substantial job, contract


def build_year(rng: np.random.Generator, year: int, p: Persons, c: Careers, emp: Employers,
               ww: BenefitSpells, ao: BenefitSpells, bucket: int, rin: pa.Array, n_buckets_scale: float,
               benefit_ww_month: np.ndarray, benefit_ao_month: np.ndarray) -> PolisYear:
    j = c.jobs
    y0, y1 = cal.day(year), cal.day(year + 1) - 1
    sel = np.flatnonzero((j["start"] <= y1) & (j["end"] >= y0))
    fw = emp.fourweekly[j["employer"][sel]] & (j["kind"][sel] != KIND_DGA)
    parts = []
    for flag in (False, True):
        js = sel[fw == flag]
        seg_s, seg_e = segments(year, flag)
        s = np.maximum(j["start"][js], y0)
        e = np.minimum(j["end"][js], y1)
        rep, rs, re_ = _expand(s, e, seg_s, seg_e)
        parts.append((js[rep], rs, re_, np.full(len(rep), "1" if flag else "5", dtype=object)))
    job = np.concatenate([x[0] for x in parts])
    rs = np.concatenate([x[1] for x in parts]).astype(np.int32)
    re_ = np.concatenate([x[2] for x in parts]).astype(np.int32)
    tv = np.concatenate([x[3] for x in parts])
    order = np.lexsort((rs, job, j["person"][job]))
    job, rs, re_, tv = job[order], rs[order], re_[order], tv[order]
    m = len(job)
    person = j["person"][job]
    days = (re_ - rs + 1).astype(np.float64)
    month = cal.month_of_day(rs)
    # contract per record: conversion to permanent, payrolling break from 2017, lower case
    con = j["contract"][job].astype(np.int8)
    conv = j["conv_month"][job]
    con = np.where((conv >= 0) & (month >= conv) & (con == CONTRACT_B), CONTRACT_O, con)
    con = np.where(j["payroll"][job] & (year >= P.PAYROLL_FROM_YEAR) & (con == CONTRACT_O), CONTRACT_B, con)
    con_str = _CONTRACT_STR[con + 3 * j["lower"][job].astype(np.int8)]
    # hours
    weekly = j["hours"][job].astype(np.float64)
    zero = j["zero_hours"][job]
    u_month = _hash_u(job + bucket * 7919, month)
    oncall_week = np.where(u_month < 0.12, 0.0, -np.log(np.maximum(1 - u_month, 1e-9)) * 11.0)
    oncall_week = np.minimum(oncall_week, 38.0)
    actual_week = np.where(zero, oncall_week, weekly * (1 + rng.normal(0, 0.02, m)))
    base_hours = np.round(actual_week * days / 7.0, 2)
    overtime = np.where((rng.random(m) < 0.08) & ~zero, np.round(rng.uniform(1, 8, m) * days / 30.0, 2), 0.0)
    # hourly wage in the year (indexation + within-job growth), WML floor for regular jobs
    wy = j["wage_year"][job].astype(np.int64)
    wi = cal.wage_index(np.arange(2000, 2031))
    idx_ratio = wi[year - 2000] / wi[wy - 2000]
    hourly = j["wage"][job] * idx_ratio * (1 + j["growth"][job]) ** np.maximum(year - wy, 0)
    age = ((y0 - p.birth[person]) / 365.25).astype(np.int32)
    floor = cal.youth_wml_factor(age, year) * cal.wml_hour(year)
    sb = j["soortbaan"][job]
    regular = ~j["below_wml"][job] & (sb != 2)
    hourly = np.where(regular & (hourly < floor), floor * 1.01, hourly)
    basisloon = np.round(hourly * base_hours)
    ot_pay = np.round(hourly * 1.25 * overtime)
    may = (month % 12) == 4
    holiday = np.where(may & (sb != 2), np.round(0.08 * hourly * weekly * 52 * days / 365.0 * 12), 0.0)
    lningld = basisloon + ot_pay + holiday
    contract_hours = np.where(zero, 0.0, weekly)
    klass = np.searchsorted([12, 20, 25, 30, 35], np.where(zero, actual_week, weekly), side="right") + 1
    employer = j["employer"][job]
    ssect = emp.ssect.take(pa.array(employer))
    gov = pc.is_in(ssect, pa.array(["61", "62", "63", "64", "65", "66"])).to_numpy(zero_copy_only=False)
    srtiv = np.where(sb == 1, "17", np.where(gov, "11", "15")).astype(object)
    srtiv[(sb == 1) & (_hash_u(job, np.zeros(m, np.int64)) < 0.02)] = "13"
    # job dates within the year and the original start
    start_ikv = np.maximum(j["start"][job], y0)
    end_ikv = np.minimum(j["end"][job], y1)
    orig = j["orig_start"][job]
    if year < 2013:
        orig = np.maximum(orig, y0)
    gid = (np.int64(bucket) << 26) + job.astype(np.int64)
    cols = {
        "RINPERSOONS": pa.array(np.full(m, "R", dtype=object), pa.string()),
        "RINPERSOON": rin.take(pa.array(person)),
        "IKVID": ikvid_strings(gid),
        "SBEID": emp.sbeid.take(pa.array(employer)),
        "SDATUMAANVANGIKO": cal.date_strings(rs),
        "SDATUMEINDEIKO": cal.date_strings(re_),
        "SDATUMAANVANGIKV": cal.date_strings(start_ikv),
        "SDATUMEINDEIKV": cal.date_strings(end_ikv),
        "SDATUMAANVANGIKVORG": pc.if_else(pa.array(j["sentinel"][job] & (orig < y0)), pa.scalar("88888888"),
                                          cal.date_strings(orig)),
        "SBASISLOON": basisloon, "SBASISUREN": base_hours, "SREGULIEREUREN": base_hours,
        "SOVERWERKUREN": overtime, "SAANTVERLU": np.round(base_hours + overtime, 2),
        "SAANTCTRCTURENPWK": contract_hours, "SLNINGLD": lningld, "SBAANDAGEN": days,
        "SVOLTIJDDAGEN": np.round(days * np.minimum(np.where(zero, actual_week, weekly) / 38.0, 1.0), 2),
        "SCONTRACTSOORT": pa.array(con_str, pa.string()),
        "SPOLISDIENSTVERBAND": pa.array(np.where(contract_hours >= 35, "1", "2").astype(object), pa.string()),
        "SSOORTBAAN": pa.array(np.array(["", "1", "2", "3", "4", "5", "", "", "", "9"], dtype=object)[sb], pa.string()),
        "SSECT": ssect,
        "SCAOSECTOR": emp.cao.take(pa.array(employer)),
        "SSRTIV": pa.array(srtiv, pa.string()),
        "STIJDVAKTYPE": pa.array(tv, pa.string()),
        "SWEKARBDUURKLASSE": pa.array(klass.astype(str).astype(object), pa.string()),
    }
    n = p.n
    person_wages = np.bincount(person, weights=lningld, minlength=n)
    # ------------------------------------------------------------ truth per job-month -> person-month
    key = job.astype(np.int64) * 2048 + (month - c.m0)
    uk, inv = np.unique(key, return_inverse=True)
    sum_h = np.bincount(inv, weights=base_hours)
    sum_d = np.bincount(inv, weights=days)
    sum_w = np.bincount(inv, weights=basisloon)
    jm_job = (uk // 2048).astype(np.int64)
    jm_month = (uk % 2048).astype(np.int64)
    jm_con = np.zeros(len(uk), np.int8)
    jm_con[inv] = np.where(np.isin(con_str, ["O", "o"]), 0, np.where(np.isin(con_str, ["B", "b"]), 1, 2))
    weekly_jm = sum_h * 7.0 / np.maximum(sum_d, 1)
    hourly_jm = np.where(sum_h > 0, sum_w / np.maximum(sum_h, 1e-9), 0.0)
    substantial = (j["soortbaan"][jm_job] != 2) & (jm_con < 2) & (weekly_jm >= 12) & \
        (hourly_jm >= cal.wml_hour(year) - 1e-9)
    job_month = {"person": j["person"][jm_job], "t": jm_month, "hours": sum_h, "contract": jm_con,
                 "substantial": substantial, "kind": j["kind"][jm_job], "hourly": hourly_jm,
                 "job": jm_job, "days": sum_d, "wage": sum_w}
    # ------------------------------------------------------------ UWV benefit relationships (WW, AO)
    uwv_cols, person_uwv = _uwv_records(year, p, ww, ao, benefit_ww_month, benefit_ao_month, bucket, rin, c)
    # ------------------------------------------------------------ persons outside the BRP ("A", "S")
    ext = _foreign_records(rng, year, emp, bucket, n_buckets_scale)
    table = _concat_cols([cols, uwv_cols, ext])
    return PolisYear(table=table, person_wages=person_wages, person_uwv=person_uwv, job_month=job_month)


def _uwv_records(year, p: Persons, ww: BenefitSpells, ao: BenefitSpells, ww_month, ao_month, bucket, rin, c):
    y0, y1 = cal.day(year), cal.day(year + 1) - 1
    seg_s, seg_e = segments(year, False)
    rows_l, s_l, e_l, amt_l, sid_l, orig_l = [], [], [], [], [], []
    for spells, monthly, tag in ((ww, ww_month, 0), (ao, ao_month, 1)):
        sel = np.flatnonzero((spells.start <= y1) & (spells.end >= y0))
        s = np.maximum(spells.start[sel], y0)
        e = np.minimum(spells.end[sel], y1)
        rep, rs, re_ = _expand(s, e, seg_s, seg_e)
        r = spells.row[sel][rep]
        days = re_ - rs + 1
        dim = cal.month_end_day(cal.month_of_day(rs)) - cal.month_start_day(cal.month_of_day(rs)) + 1
        amt = np.round(monthly[r] * cal.wage_index(year) * days / dim)
        rows_l.append(r)
        s_l.append(rs)
        e_l.append(re_)
        amt_l.append(amt)
        sid_l.append((np.int64(bucket) << 26) + (1 << 25) + tag * (1 << 24) + sel[rep].astype(np.int64))
        orig_l.append(spells.start[sel][rep])
    r = np.concatenate(rows_l)
    rs = np.concatenate(s_l).astype(np.int32)
    re_ = np.concatenate(e_l).astype(np.int32)
    amt = np.concatenate(amt_l)
    gid = np.concatenate(sid_l)
    orig = np.concatenate(orig_l).astype(np.int32)
    m = len(r)
    zeros = np.zeros(m)
    start_ikv = np.maximum(orig, y0)
    cols = {
        "RINPERSOONS": pa.array(np.full(m, "R", dtype=object), pa.string()),
        "RINPERSOON": rin.take(pa.array(r)),
        "IKVID": ikvid_strings(gid),
        "SBEID": pa.array(np.full(m, UWV_SBEID, dtype=object), pa.string()),
        "SDATUMAANVANGIKO": cal.date_strings(rs), "SDATUMEINDEIKO": cal.date_strings(re_),
        "SDATUMAANVANGIKV": cal.date_strings(start_ikv), "SDATUMEINDEIKV": cal.date_strings(re_),
        "SDATUMAANVANGIKVORG": cal.date_strings(np.maximum(orig, y0) if year < 2013 else orig),
        "SBASISLOON": amt, "SBASISUREN": zeros, "SREGULIEREUREN": zeros, "SOVERWERKUREN": zeros,
        "SAANTVERLU": zeros, "SAANTCTRCTURENPWK": zeros, "SLNINGLD": amt, "SBAANDAGEN": (re_ - rs + 1).astype(float),
        "SVOLTIJDDAGEN": zeros,
        "SCONTRACTSOORT": pa.array(np.full(m, "N", dtype=object), pa.string()),
        "SPOLISDIENSTVERBAND": pa.array(np.full(m, "2", dtype=object), pa.string()),
        "SSOORTBAAN": pa.array(np.full(m, "9", dtype=object), pa.string()),
        "SSECT": pa.array(np.full(m, "99", dtype=object), pa.string()),
        "SCAOSECTOR": pa.array(np.full(m, "3000", dtype=object), pa.string()),
        "SSRTIV": pa.array(np.full(m, "15", dtype=object), pa.string()),
        "STIJDVAKTYPE": pa.array(np.full(m, "5", dtype=object), pa.string()),
        "SWEKARBDUURKLASSE": pa.array(np.full(m, "1", dtype=object), pa.string()),
    }
    person_uwv = np.bincount(r, weights=amt, minlength=p.n)
    return cols, person_uwv


def _foreign_records(rng, year, emp: Employers, bucket: int, f: float) -> dict:
    """A handful of jobs of persons not in the BRP (RINPERSOONS "A" ~ 900, "S" ~ 90 persons nationally)."""
    n_a = int(np.floor(900 * f + rng.random()))
    n_s = int(np.floor(90 * f + rng.random()))
    k = n_a + n_s
    if k == 0:
        return {}
    letters = np.array(["A"] * n_a + ["S"] * n_s, dtype=object)
    ids = (np.arange(k, dtype=np.int64) + (bucket << 16) + year * 1_000_003) * 387_420_489 % 10**9
    m_start = rng.integers(0, 12, k)
    m_len = rng.integers(1, 13 - m_start)
    rep = np.repeat(np.arange(k), m_len)
    mon = cal.month_index(year, 1) + m_start[rep] + (np.arange(len(rep)) - np.repeat(np.cumsum(m_len) - m_len, m_len))
    rs, re_ = cal.month_start_day(mon), cal.month_end_day(mon)
    hours = np.round(rng.choice([20.0, 32.0, 38.0, 40.0], k)[rep] * (re_ - rs + 1) / 7.0, 2)
    wage = np.round(hours * rng.uniform(1.0, 1.6, k)[rep] * cal.wml_hour(year))
    employer = rng.integers(0, emp.n, k)[rep]
    m = len(rep)
    gid = (np.int64(bucket) << 26) + (3 << 23) + np.int64(year % 64) * 4096 + rep
    return {
        "RINPERSOONS": pa.array(letters[rep], pa.string()),
        "RINPERSOON": pc.utf8_lpad(pc.cast(pa.array(ids[rep]), pa.string()), 9, "0"),
        "IKVID": ikvid_strings(gid),
        "SBEID": emp.sbeid.take(pa.array(employer)),
        "SDATUMAANVANGIKO": cal.date_strings(rs), "SDATUMEINDEIKO": cal.date_strings(re_),
        "SDATUMAANVANGIKV": cal.date_strings(cal.month_start_day(cal.month_index(year, 1) + m_start[rep])),
        "SDATUMEINDEIKV": cal.date_strings(cal.month_end_day(cal.month_index(year, 1) + m_start[rep] + m_len[rep] - 1)),
        "SDATUMAANVANGIKVORG": cal.date_strings(cal.month_start_day(cal.month_index(year, 1) + m_start[rep])),
        "SBASISLOON": wage, "SBASISUREN": hours, "SREGULIEREUREN": hours, "SOVERWERKUREN": np.zeros(m),
        "SAANTVERLU": hours, "SAANTCTRCTURENPWK": np.round(hours / (re_ - rs + 1) * 7.0),
        "SLNINGLD": wage, "SBAANDAGEN": (re_ - rs + 1).astype(float), "SVOLTIJDDAGEN": (re_ - rs + 1).astype(float),
        "SCONTRACTSOORT": pa.array(np.full(m, "B", dtype=object), pa.string()),
        "SPOLISDIENSTVERBAND": pa.array(np.full(m, "2", dtype=object), pa.string()),
        "SSOORTBAAN": pa.array(np.full(m, "9", dtype=object), pa.string()),
        "SSECT": emp.ssect.take(pa.array(employer)),
        "SCAOSECTOR": emp.cao.take(pa.array(employer)),
        "SSRTIV": pa.array(np.full(m, "15", dtype=object), pa.string()),
        "STIJDVAKTYPE": pa.array(np.full(m, "5", dtype=object), pa.string()),
        "SWEKARBDUURKLASSE": pa.array(np.full(m, "6", dtype=object), pa.string()),
    }


def _concat_cols(parts: list[dict]) -> dict:
    parts = [x for x in parts if x]
    out = {}
    for k in parts[0]:
        vals = [x[k] for x in parts]
        if isinstance(vals[0], np.ndarray):
            out[k] = np.concatenate([np.asarray(v, dtype=np.float64) for v in vals])
        else:
            out[k] = pa.concat_arrays([v if isinstance(v, pa.Array) else pa.array(v) for v in vals])
    return out
