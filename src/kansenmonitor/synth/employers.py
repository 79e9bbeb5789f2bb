"""The employer universe (SBEID): heavy-tailed sizes, sector, CAO sector, declaration period.

Employers are global (shared by all person buckets) and drawn once from the seed. A new
job picks a sector from job-kind specific weights, then an employer within the sector with
probability proportional to its size, so realised employer sizes follow the planted Pareto
distribution (params.EMPLOYERS) and jobs by firm size match employee_job_shares_by_firm_size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.sources import codelists as cl
from kansenmonitor.synth import params as P

SECTORS = tuple(P.SECTOR_SHARES)
SECTOR_INDEX = {s: i for i, s in enumerate(SECTORS)}
GOV = np.array([s in cl.GOVERNMENT_SECTORS for s in SECTORS])
#: SCAOSECTOR per government sector (3000-series codes, codelists.SCAOSECTOR); subsidised sectors 2000.
_GOV_CAO = {"61": "3400", "62": "3100", "63": "3200", "64": "3300", "65": "3700", "66": "3800"}
_SUBSIDISED = ("35", "54", "67")
#: The UWV as paying body of WW and disability benefits in SPOLIS (contract "N", no hours).
UWV_SBEID = "800000014"


@dataclass
class Employers:
    size: np.ndarray  # expected employees (national-like)
    sector: np.ndarray  # index into SECTORS
    premium: np.ndarray  # log-wage premium
    fourweekly: np.ndarray  # bool: STIJDVAKTYPE "1"
    payroll: np.ndarray  # bool: payroll company (sector 52)
    sbeid: pa.Array  # SBEID strings
    cao: pa.Array  # SCAOSECTOR strings
    ssect: pa.Array  # SSECT strings
    by_sector_idx: list[np.ndarray]
    by_sector_cum: list[np.ndarray]

    @property
    def n(self) -> int:
        return len(self.size)

    def draw(self, rng: np.random.Generator, sector: np.ndarray) -> np.ndarray:
        """An employer per job, given the job's sector index (size-proportional within sector)."""
        out = np.empty(len(sector), dtype=np.int32)
        u = rng.random(len(sector))
        for s in np.unique(sector):
            sel = np.flatnonzero(sector == s)
            idx, cum = self.by_sector_idx[s], self.by_sector_cum[s]
            if len(idx) == 0:  # tiny scale: sector without employers -> any employer
                out[sel] = (u[sel] * self.n).astype(np.int32)
                continue
            out[sel] = idx[np.minimum(np.searchsorted(cum, u[sel] * cum[-1], side="right"), len(idx) - 1)]
        return out


def build_employers(seed: int, n_persons_national_equiv: float) -> Employers:
    rng = np.random.default_rng(np.random.SeedSequence([seed, 10_002]))
    n = max(60, int(round(P.EMPLOYERS["per_person"] * n_persons_national_equiv)))
    raw = np.minimum(rng.random(n) ** (-1.0 / P.EMPLOYERS["pareto_alpha"]), P.EMPLOYERS["max_raw"])
    size = raw * P.EMPLOYERS["mean_size"] / raw.mean()
    shares = np.array(list(P.SECTOR_SHARES.values()))
    shares = shares / shares.sum()
    # sector of an employer: size-weighted sampling so that each sector's share of employment
    # (sum of sizes) is its job share. Largest employers first, each to the sector with most room.
    order = np.argsort(-size, kind="stable")
    sector = np.empty(n, dtype=np.int16)
    room = shares * size.sum()
    big = order[: max(1, n // 50)]
    for e in big:  # the few large employers: greedy fill (deterministic)
        s = int(np.argmax(room + rng.random(len(room)) * 1e-9))
        sector[e] = s
        room[s] -= size[e]
    rest = order[max(1, n // 50):]
    p_rest = np.clip(room, 0, None)
    p_rest = p_rest / p_rest.sum() if p_rest.sum() > 0 else shares
    sector[rest] = rng.choice(len(shares), size=len(rest), p=p_rest)
    ssect_codes = np.array(SECTORS, dtype=object)[sector]
    premium = rng.normal(0.0, P.WAGE["employer_sd"], n) + np.where(size >= 100, P.WAGE["large_employer"], 0.0)
    kind_p = np.where(np.isin(ssect_codes, P.RETAIL_HORECA + ("52",)), P.FOURWEEKLY["retail_horeca_agency"],
                      np.where(GOV[sector], P.FOURWEEKLY["government"],
                               np.where(ssect_codes == "35", P.FOURWEEKLY["health"], P.FOURWEEKLY["other"])))
    fourweekly = rng.random(n) < kind_p
    payroll = (ssect_codes == "52") & (rng.random(n) < 0.25)
    cao = np.where(np.isin(ssect_codes, list(_GOV_CAO)), [_GOV_CAO.get(s, "1000") for s in ssect_codes],
                   np.where(np.isin(ssect_codes, _SUBSIDISED), "2000", "1000"))
    ids = (np.arange(n, dtype=np.int64) * 387_420_489 + 271_828_182) % 900_000_000 + 100_000_000
    sbeid = pc.cast(pa.array(ids), pa.string())
    fpref = rng.random(n) < P.EMPLOYERS["f_prefix_share"]
    if fpref.any():
        sbeid = pc.if_else(pa.array(fpref), pc.binary_join_element_wise(pa.scalar("F"), pc.utf8_slice_codeunits(sbeid, 1), ""), sbeid)
    by_idx, by_cum = [], []
    for s in range(len(SECTORS)):
        idx = np.flatnonzero(sector == s).astype(np.int32)
        by_idx.append(idx)
        by_cum.append(np.cumsum(size[idx]))
    return Employers(size=size, sector=sector.astype(np.int16), premium=premium, fourweekly=fourweekly,
                     payroll=payroll, sbeid=sbeid, cao=pa.array(cao.astype(str), pa.string()),
                     ssect=pa.array(ssect_codes.astype(str), pa.string()), by_sector_idx=by_idx, by_sector_cum=by_cum)


def sector_weights_for(kind: str) -> np.ndarray:
    """Sector choice weights for a job kind: 'regular', 'high', 'low', 'side', 'agency', 'payroll'."""
    w = np.array(list(P.SECTOR_SHARES.values()), dtype=float)
    codes = np.array(SECTORS)
    w = w.copy()
    w[codes == "52"] = 0.0  # agency work is chosen explicitly
    if kind == "high":
        w[np.isin(codes, ["61", "62", "64", "66", "38", "39", "43", "69", "40"])] *= 2.0
        w[np.isin(codes, list(P.RETAIL_HORECA) + ["18", "03", "01", "50", "51"])] *= 0.35
    elif kind == "low":
        w[np.isin(codes, list(P.RETAIL_HORECA) + ["18", "03", "01", "50", "51", "32", "53", "55"])] *= 2.0
        w[np.isin(codes, ["61", "62", "38", "39", "69", "40", "66"])] *= 0.3
    elif kind == "side":
        w[:] *= 0.15
        w[np.isin(codes, list(P.RETAIL_HORECA))] /= 0.15 / 4.0
        w[np.isin(codes, ["35", "01", "54"])] /= 0.15 / 1.2
    elif kind in ("agency", "payroll"):
        w[:] = 0.0
        w[codes == "52"] = 1.0
    elif kind == "wsw":
        w[:] = 0.0
        w[codes == "67"] = 1.0
    return w / w.sum()
