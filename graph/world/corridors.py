r"""Corridors: pipelines and routes across borders, and whether the sides depend on the focus.

A "connector" or transit claim is about routes, not politics: does oil, gas
or freight between the two sides have to cross the focus? The layer is a
graph of states in which two states are tied when a route runs from one
straight into the other (``data/world/corridors.csv``: oil pipelines and rail
or multimodal corridors, hand-coded with a source per row; and, where shipped,
``data/world/pipelines.csv``: cross-border gas pipelines from Global Energy
Monitor whose order of countries is known). A route in the table opened in
a year on or before the last year used counts; planned routes only when asked.

"Between" here means transit: removing the focus disconnects pairs of the
sides' states or lengthens their shortest route (counted in borders crossed),
and it does so for more pairs than removing any other state. Where a second
corridor of the same length joins the sides, removing the focus changes
nothing and the test fails. The layer says nothing about politics, and a tie
here has no sign: it never confirms or contradicts a tie of the text.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("a", "f"), ("f", "b"), ("b", "c")])
>>> t = corridor_test(G, "f", {"A": {"a"}, "B": {"b", "c"}})
>>> t.verdict, round(t.share, 2)
('supported', 1.0)
>>> G.add_edges_from([("a", "y"), ("y", "b")])  # a second corridor, as short
>>> corridor_test(G, "f", {"A": {"a"}, "B": {"b", "c"}}).verdict
'not supported'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import numpy as np
import pandas as pd

from graph.claims.result import Criterion
from graph.errors import DataError, Problem
from graph.world.base import LayerData, covered_years, exclusive_sides, fresh_copy, state_info
from graph.world.tables import cached_table, has_table

__all__ = ["CORRIDOR_CRITERIA", "CorridorTest", "routes", "corridor_pairs", "corridor_test"]

#: The criteria of the corridor test, in the order reports list them.
CORRIDOR_CRITERIA: tuple[str, ...] = ("joined", "dependence")

#: Statuses of a route that is in use (the hand-coded table's and Global Energy Monitor's).
_IN_USE = {"operating", "Operating"}
_PLANNED = {"construction", "planned", "Construction", "Proposed"}


def _as_routes(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": frame["id"],
            "name": frame["name"],
            "kind": frame["kind"],
            "route": [tuple(r.split(">")) for r in frame["route"]],
            "start": pd.to_numeric(frame["start"].replace("", None)).astype("Int64"),
            "end": pd.to_numeric(frame["end"].replace("", None)).astype("Int64"),
            "status": frame["status"],
            "source": frame["source"],
            "table": source,
        }
    )


@lru_cache(maxsize=1)
def _all_routes() -> pd.DataFrame:
    frames = []
    if has_table("corridors"):
        frames.append(_as_routes(cached_table("corridors"), "corridors"))
    if has_table("pipelines"):
        p = cached_table("pipelines")
        p = p.loc[p["route_order"] == "route"]
        frames.append(
            _as_routes(
                p.assign(
                    kind=p["fuel"].str.lower() + " pipeline",
                    start=p["start_year"].str.split(".").str[0],
                    end=p["stop_year"].str.split(".").str[0],
                    name=np.where(
                        p["segment"] != "", p["name"] + " (" + p["segment"] + ")", p["name"]
                    ),
                ),
                "pipelines",
            )
        )
    if not frames:
        return pd.DataFrame(
            columns=["id", "name", "kind", "route", "start", "end", "status", "source", "table"]
        )
    return pd.concat(frames, ignore_index=True)


def routes(last: int, *, planned: bool = False) -> pd.DataFrame:
    """The routes in use in year ``last`` (opened by then, not closed before), or also planned.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``kind``, ``route`` (tuple of ISO3 in travel order),
        ``start``, ``end``, ``status``, ``source``, ``table``.
    """
    r = _all_routes()
    opened = r["start"].notna() & (r["start"] <= last)
    open_still = r["end"].isna() | (r["end"] >= last)
    use = r["status"].isin(_IN_USE) & opened & open_still
    if planned:
        use |= r["status"].isin(_PLANNED)
    return r.loc[use.fillna(False).astype(bool)].reset_index(drop=True)


@lru_cache(maxsize=16)
def _pairs(first: int, last: int, planned: bool) -> LayerData:
    years, notes = covered_years("corridors", first, last)
    used = routes(years[-1], planned=planned) if years else routes(last).iloc[:0]
    held: dict[tuple[str, str], list[str]] = {}
    kinds: dict[tuple[str, str], set[str]] = {}
    for name, kind, route in zip(used["name"], used["kind"], used["route"], strict=True):
        for u, v in zip(route, route[1:], strict=False):
            if u == v:
                continue
            key = (min(u, v), max(u, v))
            held.setdefault(key, []).append(name)
            kinds.setdefault(key, set()).add(kind)
    rows = [
        (a, b, float(len(names)), 0, tuple(sorted(set(names))), tuple(sorted(kinds[(a, b)])))
        for (a, b), names in sorted(held.items())
    ]
    pairs = pd.DataFrame(rows, columns=["a", "b", "weight", "sign", "routes", "kinds"])
    present = frozenset(state_info().index)
    if planned:
        notes.append("Planned routes and routes under construction count as if in use.")
    return LayerData(
        "corridors", pairs, present, years, (first, last), notes, {"planned": planned}, signed=False
    )


def corridor_pairs(first: int, last: int, *, planned: bool = False) -> LayerData:
    """Pairs of states that a route runs straight between, for the last year of the period.

    Returns
    -------
    LayerData
        ``pairs``: ``a``, ``b``, ``weight`` (routes), ``sign`` (0: no sign),
        ``routes`` (their names), ``kinds``. Unsigned.
    """
    if not isinstance(planned, bool):
        raise DataError([Problem.setting("planned", str(planned), "is not true or false")])
    return fresh_copy(_pairs(int(first), int(last), planned))


@dataclass(frozen=True)
class CorridorTest:
    """The corridor test: the pairs of the sides, and how many depend on each state.

    ``pairs``: connected pairs of states across the sides (the focus aside);
    ``share``: the share of them whose route is cut or lengthened without the
    focus; ``shares``: the same for every other state of the graph (largest
    first); ``cut`` and ``longer``: the focus's pairs of each kind.
    """

    focus: str
    pairs: int
    cut: int
    longer: int
    share: float
    shares: pd.Series
    sides: dict[str, list]
    overlap: dict[str, list]
    verdict: str
    criteria: tuple[Criterion, ...] = ()

    def criterion(self, key: str) -> Criterion:
        """The criterion with this key."""
        return next(c for c in self.criteria if c.key == key)


def _distances(G: nx.Graph, sources, drop=None) -> dict:
    H = G if drop is None else nx.restricted_view(G, [drop], [])
    return {s: nx.single_source_shortest_path_length(H, s) for s in sources if s in H}


def _dependence(G, pairs, base, v) -> tuple[int, int, int]:
    """Pairs (not ending at ``v``) cut and lengthened without ``v``, and how many were asked."""
    sources = {a for a, _ in pairs if a != v}
    d = _distances(G, sources, drop=v)
    cut = longer = asked = 0
    for a, b in pairs:
        if v in (a, b):
            continue
        asked += 1
        after = d.get(a, {}).get(b)
        if after is None:
            cut += 1
        elif after > base[a][b]:
            longer += 1
    return cut, longer, asked


def corridor_test(G: nx.Graph, focus, sides: Mapping[str, set]) -> CorridorTest:
    """Whether the sides' routes depend on ``focus`` more than on any other state.

    Parameters
    ----------
    G : networkx.Graph
        States tied where a route runs straight between them.
    focus : hashable
    sides : mapping of name -> set
        The sides' states; a state on two sides is left out of both.

    Returns
    -------
    CorridorTest
        Criteria ``joined`` (some pair of the sides' states is joined by
        routes; else not testable) and ``dependence`` (the focus's share of
        those pairs cut or lengthened without it is above 0 and no other
        state's share is larger). Verdict: "supported" when dependence passes,
        "not supported" when it fails, "not testable" when no route joins
        the sides.
    """
    exclusive, overlap = exclusive_sides(sides, focus)
    clean = {n: sorted((m for m in ms if m in G), key=str) for n, ms in exclusive.items()}
    names = list(clean)
    cross = {
        (a, b)
        for i, x in enumerate(names)
        for y in names[i + 1 :]
        for a in clean[x]
        for b in clean[y]
        if a != b
    }
    base = _distances(G, {a for a, _ in cross})
    pairs = sorted(((a, b) for a, b in cross if b in base.get(a, {})), key=str)
    shares = pd.Series(dtype=float)
    cut = longer = 0
    if pairs:
        counts = {v: _dependence(G, pairs, base, v) for v in G}
        shares = pd.Series(
            {v: (c + lg) / n if n else 0.0 for v, (c, lg, n) in counts.items()}, dtype=float
        )
        shares = shares.sort_values(ascending=False, kind="stable")
        cut, longer, _ = counts.get(focus, (0, 0, 0))
    share = (cut + longer) / len(pairs) if pairs else np.nan
    crit, verdict = _criteria(pairs, share, shares, focus)
    return CorridorTest(
        focus, len(pairs), cut, longer, float(share), shares, clean, overlap, verdict, crit
    )


def _criteria(pairs, share, shares, focus):
    joined = Criterion("joined", float(len(pairs)), None, "pass" if pairs else "not testable")
    if not pairs:
        dep = Criterion("dependence", None, None, "not testable", {})
        return (joined, dep), "not testable"
    others = shares.drop(index=[focus], errors="ignore")
    best = float(others.iloc[0]) if len(others) else 0.0
    leaders = sorted((v for v, x in others.items() if x == best and best > 0), key=str)
    ok = share > 0 and share >= best
    dep = Criterion(
        "dependence",
        share,
        best,
        "pass" if ok else "fail",
        {"best_other": leaders, "rank": int((others > share).sum()) + 1},
    )
    return (joined, dep), "supported" if ok else "not supported"
