"""Person buckets: the unit of work that keeps memory bounded at national scale.

A person's bucket is ``int(md5(RINPERSOONS || RINPERSOON)[:8], 16) % n_buckets``. The
same value is computed in Python (:func:`person_bucket`) and in DuckDB SQL
(:func:`bucket_sql`), so files staged by one and read by the other agree exactly and the
assignment does not depend on the DuckDB version's internal hash function.
"""

from __future__ import annotations

import hashlib

import numpy as np


def person_bucket(rinpersoons: str, rinpersoon: str, n_buckets: int) -> int:
    """Bucket of one person key (RINPERSOONS + RINPERSOON)."""
    digest = hashlib.md5((rinpersoons + rinpersoon).encode("ascii")).hexdigest()
    return int(digest[:8], 16) % n_buckets


def person_buckets(rinpersoons: np.ndarray, rinpersoon: np.ndarray, n_buckets: int) -> np.ndarray:
    """Vectorised :func:`person_bucket` (a Python loop over md5; fine for generation)."""
    out = np.empty(len(rinpersoon), dtype=np.int32)
    for i, (s, p) in enumerate(zip(rinpersoons, rinpersoon)):
        out[i] = int(hashlib.md5((s + p).encode("ascii")).hexdigest()[:8], 16) % n_buckets
    return out


def bucket_sql(n_buckets: int, rinpersoons: str = "RINPERSOONS", rinpersoon: str = "RINPERSOON") -> str:
    """DuckDB expression giving the same bucket as :func:`person_bucket`."""
    return (f"(('0x' || substr(md5(coalesce({rinpersoons}, '') || coalesce({rinpersoon}, '')), 1, 8))"
            f"::UBIGINT % {int(n_buckets)})::INTEGER")
