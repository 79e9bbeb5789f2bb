"""Secondary suppression: no withheld figure may be recovered by differencing.

**Tables.** The cube's figures form additive tables. A *family* is
``(indicator, variant, year, statistic, adjusted, method)``. Within a family, for each
figure and each dimension ``d`` it breaks down, the figure is a *cell* of the table
whose *total* is the same figure with ``d`` set to ``T`` (all other dimensions fixed).
A crossed figure (origin × sex) is a cell of two tables: one along origin, one along
sex. Where a dimension holds two classifications (``region``: the labour-market regions
and Randstad / not Randstad), configured partitions (:class:`~.rules.Partition`) split
its tables so that each one's cells add up to its total. Configured hierarchies
(:class:`~.rules.Hierarchy`) add tables whose cells are the child codes that sum to a
parent code (the non-western origin groups and the figure for
``migration = nonwestern``; ``origin = NL`` and ``migration = none`` are one
population). Because n is published with every figure, a table's published total and
published cells give away the n and the sum (or numerator) of its hidden cells
together, for shares and means alike.

**Rule** (checked by :func:`unprotected`, enforced by :func:`secondary_suppression`).
In every table whose total is not ``no_data``:

1. a member (cell or total) withheld for a disclosure reason (``min_n``,
   ``dominance``, ``secondary``) must not be the *only* withheld member: it could be
   recovered from the total and the other cells, or as the sum of the cells;
2. if the total is published, the union of the hidden cells must itself pass the
   primary rules (:func:`~.primary.aggregate_fails`): two hidden cells of 3 and 4
   persons would give away a union of 7.

Figures withheld for ``ebb_reliability`` are hidden (they protect a neighbour) but need
no protection themselves (a quality rule); ``no_data`` figures hide nothing.

**Algorithm.** Repeat until nothing changes:
(a) for every violating table, in a fixed order and re-checked just before it is
treated, withhold a published cell, again until the table is safe: the cell that leaves
the fewest *other* tables with a single hidden member (so a partner is found where one
is already hidden), then the smallest n, then the first in key order; when no published
cell is left, withhold the total.
(b) withhold every figure of a *population cell* (same indicator, variant, year and
breakdown codes: the same persons) in which another figure is withheld for ``min_n`` or
``secondary``, so that its n is not published with one statistic (or method) while the
protection of another relies on it being hidden.
Suppression only grows, so the loop ends. Then (c) secondary suppressions that turned
out unnecessary are released, one population cell at a time (largest n first), when
every table stays protected without them.

**Residual risks** (methods-anchors §4.5), not handled here:

* differencing between years (the persons of a cell in *t* and *t*+1 overlap; the
  pattern is chosen per year);
* differencing between groupings that overlap without being declared as partitions or
  hierarchies (labour-market regions within Randstad unless that hierarchy is
  configured; crossings that are not in the cube against their margins);
* sums over variants that partition one population (A10 classes, A19/A20/A24
  distributions, A40 quartiles): a withheld class share equals one minus the others;
* gaps and ratios computed from withheld figures (a ``gap`` row must be withheld with
  its component; its producer has to carry that link);
* solving the linear system of several linked tables at once: the pattern guarantees
  no single-member differencing and safe unions per table, not interval protection in
  the sense of τ-ARGUS / GaussSuppression (the reference if this proves insufficient);
* the heuristic is not the optimal (least information loss) pattern.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kansenmonitor.cube import DIMENSIONS, FAMILY_COLUMNS, TOTAL, describe_key
from kansenmonitor.disclosure.primary import aggregate_fails, is_magnitude
from kansenmonitor.disclosure.rules import PROTECTED_REASONS, DisclosureRules

_PROPAGATED_REASONS = frozenset({"min_n", "secondary"})
_MAX_DIRECTIONS = 1000


@dataclass(frozen=True)
class AdditiveTables:
    """The additive tables of a set of figures (rows 0..R-1 of the frame they came from).

    Table ``t`` has total row ``total[t]``, direction ``label[t]`` (a dimension, or
    ``child>parent`` for a hierarchy) and cells ``cells[offsets[t]:offsets[t+1]]``.
    ``entry_table`` gives the table of each position in ``cells``.
    """

    total: np.ndarray
    label: np.ndarray
    offsets: np.ndarray
    cells: np.ndarray
    entry_table: np.ndarray
    population: np.ndarray  # population-cell id per row

    def members(self, t: int) -> np.ndarray:
        """The cell rows of table ``t``."""
        return self.cells[self.offsets[t]:self.offsets[t + 1]]


def _dimension_codes(keys: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    """Integer codes per dimension (R × D), the code of ``T`` per dimension, the categories."""
    codes = np.empty((len(keys), len(DIMENSIONS)), dtype=np.int64)
    t_codes = np.empty(len(DIMENSIONS), dtype=np.int64)
    categories: list[list[str]] = []
    for j, d in enumerate(DIMENSIONS):
        cats = sorted(set(keys[d].astype(str).unique()) | {TOTAL})
        codes[:, j] = pd.Categorical(keys[d].astype(str), categories=cats).codes
        t_codes[j] = cats.index(TOTAL)
        categories.append(cats)
    return codes, t_codes, categories


def additive_tables(figures: pd.DataFrame, rules: DisclosureRules) -> AdditiveTables:
    """Build the additive tables of ``figures`` (key columns needed; keys unique)."""
    figures = figures.reset_index(drop=True)
    codes, t_codes, categories = _dimension_codes(figures)
    family = figures.groupby(list(FAMILY_COLUMNS), sort=False, dropna=False).ngroup().to_numpy(np.int64)
    population = figures.groupby(["indicator", "variant", "year", *DIMENSIONS], sort=False,
                                 dropna=False).ngroup().to_numpy(np.int64)
    sizes = np.array([len(c) for c in categories], dtype=np.int64)
    strides = np.ones(len(DIMENSIONS), dtype=np.int64)
    for j in range(len(DIMENSIONS) - 2, -1, -1):
        strides[j] = strides[j + 1] * sizes[j + 1]
    span = int(strides[0] * sizes[0])
    if span * (int(family.max(initial=0)) + 1) >= 2 ** 62:
        raise ValueError("too many distinct codes to index the cube's cells")
    key = family * span + codes @ strides
    index = pd.Index(key)
    if not index.is_unique:
        raise ValueError("figures with duplicate keys")

    directions: list[str] = []
    table_keys: list[np.ndarray] = []
    rows: list[np.ndarray] = []

    def add(mask: np.ndarray, parent_key: np.ndarray, label: str) -> None:
        directions.append(label)
        parent = index.get_indexer(parent_key)
        ok = parent >= 0
        rows.append(np.flatnonzero(mask)[ok])
        table_keys.append(parent[ok].astype(np.int64) * _MAX_DIRECTIONS + len(directions) - 1)

    for j, d in enumerate(DIMENSIONS):
        to_total = key + (t_codes[j] - codes[:, j]) * strides[j]
        rest = codes[:, j] != t_codes[j]
        for part in rules.partitions:
            if part.dimension == d:
                in_part = rest & figures[d].isin(part.codes).to_numpy()
                rest &= ~in_part
                add(in_part, to_total[in_part], f"{d}[{'/'.join(part.codes)}]")
        add(rest, to_total[rest], d)

    for h in rules.hierarchies:
        cj, pj = DIMENSIONS.index(h.child), DIMENSIONS.index(h.parent)
        child_cats, parent_cats = categories[cj], categories[pj]
        parent_of = np.full(len(child_cats), -1, dtype=np.int64)
        for child_code, parent_code in h.mapping:
            if child_code in child_cats and parent_code in parent_cats:
                parent_of[child_cats.index(child_code)] = parent_cats.index(parent_code)
        pcode = parent_of[codes[:, cj]]
        if cj == pj:  # codes nested within one dimension (e.g. regions within Randstad)
            mask = pcode >= 0
            parent_key = key[mask] + (pcode[mask] - codes[mask, cj]) * strides[cj]
        else:
            mask = (pcode >= 0) & (codes[:, pj] == t_codes[pj])
            parent_key = (key[mask] + (t_codes[cj] - codes[mask, cj]) * strides[cj]
                          + (pcode[mask] - t_codes[pj]) * strides[pj])
        add(mask, parent_key, f"{h.child}>{h.parent}")
    if len(directions) > _MAX_DIRECTIONS:
        raise ValueError("too many table directions")

    all_keys = np.concatenate(table_keys) if table_keys else np.zeros(0, np.int64)
    all_rows = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    order = np.lexsort((all_rows, all_keys))
    all_keys, all_rows = all_keys[order], all_rows[order]
    uniq, starts, entry_table = np.unique(all_keys, return_index=True, return_inverse=True)
    offsets = np.append(starts, len(all_keys)).astype(np.int64)
    labels = np.array(directions, dtype=object)[uniq % _MAX_DIRECTIONS] if len(uniq) else np.zeros(0, object)
    return AdditiveTables(total=(uniq // _MAX_DIRECTIONS).astype(np.int64), label=labels, offsets=offsets,
                          cells=all_rows.astype(np.int64), entry_table=entry_table.astype(np.int64),
                          population=np.asarray(population, dtype=np.int64))


@dataclass
class _State:
    """Suppression state and evidence of the figures, as arrays (``hidden`` and
    ``protect`` are kept in step with ``suppressed``/``reason`` by :meth:`set`)."""

    suppressed: np.ndarray
    reason: np.ndarray
    hidden: np.ndarray   # withheld and not no_data: hides a value from differencing
    protect: np.ndarray  # withheld for a disclosure reason: must not be recoverable
    n: np.ndarray
    n_y: np.ndarray
    sum_abs_y: np.ndarray
    max_y: np.ndarray
    share: np.ndarray
    magnitude: np.ndarray

    @classmethod
    def of(cls, figures: pd.DataFrame, rules: DisclosureRules) -> "_State":
        def col(c: str) -> np.ndarray:
            return np.nan_to_num(figures[c].astype("float64").to_numpy(), nan=0.0)
        suppressed = figures["suppressed"].to_numpy(dtype=bool).copy()
        reason = figures["reason"].to_numpy(dtype=object).copy()
        return cls(suppressed=suppressed, reason=reason,
                   hidden=suppressed & (reason != "no_data"),
                   protect=suppressed & np.isin(reason, list(PROTECTED_REASONS)),
                   n=col("n"), n_y=col("n_y"), sum_abs_y=col("sum_abs_y"), max_y=col("max_y"),
                   share=(figures["statistic"] == "share").to_numpy(),
                   magnitude=is_magnitude(figures, rules))

    def set(self, rows: np.ndarray | int, reason: str) -> None:
        """Withhold ``rows`` for ``reason``, or publish them when ``reason`` is empty."""
        withheld = reason != ""
        self.suppressed[rows] = withheld
        self.reason[rows] = reason
        self.hidden[rows] = withheld and reason != "no_data"
        self.protect[rows] = reason in PROTECTED_REASONS


def _violating(tables: AdditiveTables, st: _State, rules: DisclosureRules,
               ids: np.ndarray | None = None) -> np.ndarray:
    """Which tables (all, or those in ``ids``) break the rule (module docstring)."""
    if ids is None:
        ids = np.arange(len(tables.total))
        pos = np.arange(len(tables.cells))
        ent = tables.entry_table
    else:
        ids = np.asarray(ids, dtype=np.int64)
        lengths = tables.offsets[ids + 1] - tables.offsets[ids]
        pos = (np.concatenate([np.arange(tables.offsets[t], tables.offsets[t + 1]) for t in ids])
               if len(ids) else np.zeros(0, np.int64))
        ent = np.repeat(np.arange(len(ids)), lengths)
    k = len(ids)
    if k == 0:
        return np.zeros(0, dtype=bool)
    rows = tables.cells[pos]
    tot = tables.total[ids]
    hidden, protect = st.hidden, st.protect
    hid = hidden[rows]

    def per_table(x: np.ndarray) -> np.ndarray:
        return np.bincount(ent, weights=x, minlength=k)

    hidden_cells = per_table(hid.astype(float))
    protect_cells = per_table(protect[rows].astype(float))
    u_n = per_table(np.where(hid, st.n[rows], 0.0))
    u_ny = per_table(np.where(hid, st.n_y[rows], 0.0))
    u_sum = per_table(np.where(hid, st.sum_abs_y[rows], 0.0))
    u_max = np.zeros(k)
    np.maximum.at(u_max, ent[hid], st.max_y[rows][hid])
    hidden_members = hidden_cells + hidden[tot]
    needs = protect_cells + protect[tot]
    total_published = ~st.suppressed[tot]
    union_bad = aggregate_fails(u_n, u_ny, u_sum, u_max, st.share[tot], st.magnitude[tot], rules)
    return ((st.reason[tot] != "no_data") & (needs > 0)
            & ((hidden_members == 1) | (total_published & (hidden_cells >= 1) & union_bad)))


def secondary_suppression(figures: pd.DataFrame, rules: DisclosureRules,
                          tables: AdditiveTables | None = None) -> pd.DataFrame:
    """Add secondary suppressions to ``figures`` until every table is protected.

    ``figures`` needs the key columns, ``n, n_y, sum_abs_y, max_y, magnitude``,
    ``suppressed`` and ``reason`` (primary decisions already made). Returns a copy with
    ``suppressed``/``reason`` updated (new ones: ``secondary``) and a ``detail`` column
    naming the table (or population cell) that made each secondary suppression necessary.
    """
    figures = figures.reset_index(drop=True)
    tables = tables if tables is not None else additive_tables(figures, rules)
    st = _State.of(figures, rules)
    detail = np.array(figures["detail"] if "detail" in figures else [""] * len(figures), dtype=object)

    row_off, row_tabs = _tables_of_rows(tables)
    # the key of a table's total, for the detail of the figures it makes withheld: from
    # column arrays (figures.iloc per table cost more than the search itself)
    key_columns = [c for c in ("indicator", "variant", "year", *DIMENSIONS, "statistic", "adjusted", "method")
                   if c in figures.columns]
    key_arrays = {c: figures[c].to_numpy(dtype=object) for c in key_columns}

    def table_label(t: int) -> str:
        total_key = describe_key({c: key_arrays[c][int(tables.total[t])] for c in key_columns})
        return f"table by {tables.label[t]} with total [{total_key}]"

    def withhold(row: int, why: str) -> None:
        st.set(row, "secondary")
        detail[row] = why

    def new_singletons(row: int, t: int) -> int:
        """Tables other than ``t`` in which withholding ``row`` would leave it alone."""
        hidden = st.hidden
        count = 0
        for u in row_tabs[row_off[row]:row_off[row + 1]]:
            if u != t and not hidden[tables.members(u)].any() and not hidden[tables.total[u]]:
                count += 1
        return count

    while True:
        changed = False
        for t in np.flatnonzero(_violating(tables, st, rules)):
            why = table_label(int(t))
            while _violating(tables, st, rules, np.array([t]))[0]:
                cells = tables.members(t)
                tot = int(tables.total[t])
                free = cells[~st.suppressed[cells]]
                if len(free):
                    cost = np.array([new_singletons(int(r), int(t)) for r in free])
                    withhold(int(free[np.lexsort((free, st.n[free], cost))[0]]), why)
                elif not st.suppressed[tot]:
                    withhold(tot, why)
                else:
                    break
                changed = True
        spread = _beside_withheld(tables, st)
        for row in np.flatnonzero(spread):
            withhold(int(row), "same persons as a withheld figure of another statistic or method")
            changed = True
        if not changed:
            break
    _release(tables, st, rules, detail)
    out = figures.copy()
    out["suppressed"] = st.suppressed
    out["reason"] = st.reason
    out["detail"] = detail
    return out


def _beside_withheld(tables: AdditiveTables, st: _State) -> np.ndarray:
    """Published figures of a population cell in which a figure is withheld for ``min_n``
    or ``secondary`` (step (b))."""
    withheld = st.suppressed & np.isin(st.reason, list(_PROPAGATED_REASONS))
    return ~st.suppressed & np.isin(tables.population, np.unique(tables.population[withheld]))


def _csr(keys: np.ndarray, values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Group ``values`` by integer ``keys`` in [0, size): offsets and the grouped values."""
    order = np.argsort(keys, kind="stable")
    offsets = np.concatenate([[0], np.cumsum(np.bincount(keys, minlength=size))])
    return offsets, values[order]


def _tables_of_rows(tables: AdditiveTables) -> tuple[np.ndarray, np.ndarray]:
    """For each row, the tables it belongs to (as a cell or as the total), as CSR arrays."""
    n_tables = len(tables.total)
    member_rows = np.concatenate([tables.cells, tables.total])
    member_tables = np.concatenate([tables.entry_table, np.arange(n_tables)])
    return _csr(member_rows, member_tables, len(tables.population))


def _release(tables: AdditiveTables, st: _State, rules: DisclosureRules, detail: np.ndarray) -> None:
    """Publish again every secondary suppression that turns out not to be needed.

    The greedy pass may withhold more than necessary (a table treated early can pick a
    cell that a later choice makes redundant). Population cells with secondary
    suppressions are tried in order of decreasing n: their secondary figures are
    published again when every table they belong to stays protected; population cells
    with a ``min_n`` figure keep theirs (step (b) of the algorithm).
    """
    n_rows = len(st.suppressed)
    row_off, row_tabs = _tables_of_rows(tables)
    n_pop = int(tables.population.max(initial=-1)) + 1
    pop_off, pop_rows = _csr(tables.population, np.arange(n_rows), n_pop)
    candidates = np.unique(tables.population[st.reason == "secondary"])
    weight = np.zeros(n_pop)
    np.maximum.at(weight, tables.population, st.n)
    for pop in candidates[np.argsort(-weight[candidates], kind="stable")]:
        group = pop_rows[pop_off[pop]:pop_off[pop + 1]]
        if (st.reason[group] == "min_n").any():
            continue
        rel = group[st.reason[group] == "secondary"]
        st.set(rel, "")
        affected = np.unique(np.concatenate([row_tabs[row_off[r]:row_off[r + 1]] for r in rel]))
        if _violating(tables, st, rules, affected).any():
            st.set(rel, "secondary")
        else:
            detail[rel] = ""


def unprotected(figures: pd.DataFrame, rules: DisclosureRules) -> list[str]:
    """Violations of the secondary rule in ``figures`` (same columns as for
    :func:`secondary_suppression`), one line each; empty when protected."""
    figures = figures.reset_index(drop=True)
    tables = additive_tables(figures, rules)
    st = _State.of(figures, rules)
    out: list[str] = []
    for t in np.flatnonzero(_violating(tables, st, rules)):
        tot = int(tables.total[t])
        hidden = [int(r) for r in tables.members(t) if st.hidden[r]] + ([tot] if st.hidden[tot] else [])
        what = "; ".join(describe_key(figures.iloc[r]) for r in hidden[:3])
        out.append(f"withheld figure recoverable by differencing in the table by {tables.label[t]} "
                   f"with total [{describe_key(figures.iloc[tot])}]: hidden {what}")
    spread = np.flatnonzero(_beside_withheld(tables, st))
    for row in spread[:20]:
        out.append(f"figure published while another figure of the same persons is withheld: "
                   f"[{describe_key(figures.iloc[int(row)])}]")
    if len(spread) > 20:
        out.append(f"... and {len(spread) - 20} more figures published beside withheld ones")
    return out
