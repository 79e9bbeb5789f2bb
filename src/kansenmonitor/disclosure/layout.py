"""What a publication directory holds, and the schema of the audit files.

A directory written by :func:`~.gate.write_publication` holds:

* for publication:

  - ``cube.parquet``, ``cube.csv`` — the results cube (``kansenmonitor.cube``); a withheld
    figure keeps its row, with value, se, interval, n and n_weighted null;
  - ``gate.json`` — the rules used, counts per reason, and the sha256 and size of every
    other file (and whether it is for publication);
  - ``<name>.parquet`` — extra tables passed through the gate (e.g. ``codes``,
    ``indicators``);

* **not for publication, stays in Remote Access** (for the CBS output checker):

  - ``disclosure_audit.parquet`` — the evidence sheet, one row per figure: n, n_y,
    n_weighted, largest contribution and its share, the flags, the decision and the
    rules it failed;
  - ``audit.parquet``, ``audit.csv`` — the suppression log: the evidence rows of every
    withheld figure, with rule and detail.

The evidence of withheld figures holds counts below the minimum: it must never leave RA.
"""

from __future__ import annotations

import pyarrow as pa

from kansenmonitor.cube import CUBE_SCHEMA, EVIDENCE_MEASURES, KEY_COLUMNS

CUBE_FILES = ("cube.parquet", "cube.csv")
GATE_FILE = "gate.json"
EVIDENCE_FILE = "disclosure_audit.parquet"
AUDIT_STEM = "audit"
AUDIT_FILES = ("audit.parquet", "audit.csv")
RA_ONLY_FILES = frozenset({EVIDENCE_FILE, *AUDIT_FILES})
GATE_FORMAT = "kansenmonitor-gate/1"

AUDIT_SCHEMA = pa.schema(
    [CUBE_SCHEMA.field(c) for c in KEY_COLUMNS]
    + [pa.field(name, typ) for name, typ in EVIDENCE_MEASURES.items()]
    + [pa.field("magnitude", pa.bool_(), nullable=False),
       pa.field("source_type", pa.string(), nullable=False),
       pa.field("suppressed", pa.bool_(), nullable=False),
       pa.field("reason", pa.string(), nullable=False),
       pa.field("rules_failed", pa.string(), nullable=False),
       pa.field("detail", pa.string(), nullable=False)]
)
"""Schema of ``disclosure_audit.parquet`` and of the suppression log ``audit.*``:
key columns, evidence measures, the resolved flags and the gate's decision.
``rules_failed`` lists the primary rules failed (``min_n``, ``min_n_numerator``,
``min_n_complement``, ``dominance``, ``ebb_reliability``) joined by ``;``; ``detail``
names the table that made a secondary suppression necessary."""
