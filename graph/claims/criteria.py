r"""The criteria of the claim test, each a function from the test graph to a :class:`Criterion`.

Each criterion can fail. Null-based criteria are judged on their Monte Carlo
p-value against alpha, with the effect (the share of the observed value the
null already gives) reported beside it; beyond degree also needs the effect:
degree may explain at most :data:`EFFECT_SHARE` (three quarters) of the
observed betweenness, or the position is what the number of ties gives.

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> source_criterion(G, "b").status  # b is tied to everyone: an ego network
'fail'
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd

from graph.blocs import bloc_codes, count_blocs
from graph.claims.prepare import EGO_COVERAGE, source_design
from graph.claims.result import Criterion
from graph.fold import fold_arrays
from graph.measures import side_pair_shares
from graph.nulls import NullTest

__all__ = [
    "cut_pairs",
    "BRIDGE_SHARE",
    "EFFECT_SHARE",
    "FRAMING_RATIO",
    "source_criterion",
    "rank_criterion",
    "bridge_criterion",
    "null_criterion",
    "brokerage_criterion",
    "mediation_criterion",
    "framing_criterion",
]

#: The bridge criterion passes for a pair of sides when more than this share of the
#: shortest paths between them pass through the focus (or its removal cuts them apart).
BRIDGE_SHARE = 0.5

#: Beyond degree passes when p <= alpha and the degree-preserving null's mean is at most
#: this share of the observed betweenness: at least a third more than degree gives.
EFFECT_SHARE = 0.75

#: The source is framed around the focus when the focus's share of the tie weight is at
#: least this many times the share of any other actor.
FRAMING_RATIO = 2.0


def source_criterion(G: nx.Graph, focus) -> Criterion:
    """Source design: whether the text is an ego network of the focus (then paths cannot test it).

    Passes when it is not (:func:`graph.claims.prepare.source_design`).
    """
    d = source_design(G, focus)
    status = "fail" if d["ego_network"] else "pass"
    return Criterion("source", d["coverage"], EGO_COVERAGE, status, d)


def rank_criterion(measures: pd.DataFrame, focus) -> Criterion:
    """Rank: the focus has the highest betweenness of the actors (ties at the top pass).

    Context, not part of the verdict: a bridge need not be the most central actor.
    """
    bc = measures["betweenness"].astype(float)
    others = bc.drop(index=focus)
    top_other = float(others.max()) if len(others) else 0.0
    rank = int((bc > bc[focus] + 1e-12).sum()) + 1
    who = str(others.idxmax()) if len(others) else None
    status = "pass" if bc[focus] > 0 and bc[focus] >= top_other - 1e-12 else "fail"
    details = {"rank": rank, "top_other": top_other, "top_other_node": who, "n": len(bc)}
    return Criterion("rank", float(bc[focus]), top_other, status, details)


def cut_pairs(G: nx.Graph, focus, sides: Mapping) -> set | int:
    """The pairs of sides joined by a path before removing the focus and by none after.

    Component labels come from sparse arrays (scipy), with and without the
    focus: no copy of the graph. With more than 200 sides (a large network
    whose actors without a bloc are sides of their own) only their number.

    Examples
    --------
    >>> cut_pairs(nx.path_graph(3), 1, {"a": {0}, "b": {2}})
    {('a', 'b')}
    >>> cut_pairs(nx.star_graph(300), 0, {k: {k} for k in range(1, 301)})
    44850
    """
    import scipy.sparse
    import scipy.sparse.csgraph

    X = fold_arrays(G, None)
    index = {v: i for i, v in enumerate(X.nodes)}
    f = index[focus]

    def labels(keep):
        a, b = X.a[keep], X.b[keep]
        A = scipy.sparse.csr_array((np.ones(a.size), (a, b)), shape=(X.n, X.n))
        return scipy.sparse.csgraph.connected_components(A, directed=False)[1]

    every = np.ones(X.a.size, dtype=bool)
    before, after = labels(every), labels((X.a != f) & (X.b != f))
    members = {
        k: np.array([index[v] for v in side if v in index and v != focus], dtype=np.int64)
        for k, side in sides.items()
    }

    if len(members) <= _LISTED_SIDES:  # few sides (named ones): the pairs themselves

        def joined(comp):
            found = {k: set(comp[m].tolist()) for k, m in members.items()}
            names = list(sides)
            return {
                (a, b) for i, a in enumerate(names) for b in names[i + 1 :] if found[a] & found[b]
            }

        return joined(before) - joined(after)
    # Many sides (every actor without a bloc is one): count the pairs, never list them.
    # Removing a node only splits components, so the cut pairs are the difference.
    return _joined_count(before, members) - _joined_count(after, members)


#: Up to this many sides the bridge criterion lists the pairs a removal cuts apart.
_LISTED_SIDES = 200


def _joined_count(comp: np.ndarray, members: Mapping) -> int:
    """How many pairs of sides share a component (a side may span several components)."""
    parts = [np.unique(comp[m]) for m in members.values()]
    where = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
    per_comp = np.bincount(where) if where.size else np.zeros(0, dtype=np.int64)
    total = int((per_comp * (per_comp - 1) // 2).sum())
    multi = [set(p.tolist()) for p in parts if p.size > 1]
    for i, a in enumerate(multi):  # a pair that shares k components was counted k times
        for b in multi[i + 1 :]:
            total -= max(0, len(a & b) - 1)
    return total


def bridge_criterion(
    G: nx.Graph, focus, sides: Mapping, *, named: bool, bloc_share: float = math.nan
) -> Criterion:
    """Bridge: the share of shortest paths between the claimed sides through the focus.

    With named sides, for every pair of them joined by a path: its share
    (:func:`graph.measures.side_pair_shares`; the focus's own pairs count,
    contributing nothing) and whether removing the focus cuts the pair apart;
    passes when every joined pair has a share above :data:`BRIDGE_SHARE` or
    is cut. Without named sides, every pair of blocs together: the focus's
    bloc-pair betweenness (``bloc_share``), passing above
    :data:`BRIDGE_SHARE` or when removing the focus cuts some pair of blocs
    apart. Not testable when no pair of sides is joined at all in the source
    (e.g. the named actors are tied to the rest only by the claim itself).
    """
    cut = cut_pairs(G, focus, sides)
    n_cut = cut if isinstance(cut, int) else len(cut)
    cut = cut if isinstance(cut, set) else set()
    if named:
        table = side_pair_shares(G, focus, sides)
        rows = [
            {"a": a, "b": b, "pairs": int(p), "share": float(x), "cut": (a, b) in cut}
            for a, b, p, x in table[["side_a", "side_b", "pairs", "share"]].itertuples(index=False)
        ]
    else:
        joined = bloc_share == bloc_share
        rows = [
            {
                "a": "every bloc",
                "b": "every other bloc",
                "pairs": int(joined),
                "share": bloc_share,
                "cut": bool(n_cut),
            }
        ]
    joined = [r for r in rows if r["pairs"] > 0]
    details = {"pairs": rows, "named": named, "cut": n_cut}
    if not joined:
        return Criterion("bridge", None, BRIDGE_SHARE, "not testable", details)
    if named:
        pairs = sum(r["pairs"] for r in joined)
        share = sum(r["share"] * r["pairs"] for r in joined) / pairs
        ok = all(r["cut"] or r["share"] > BRIDGE_SHARE for r in joined)
    else:
        share = bloc_share
        ok = bool(n_cut) or share > BRIDGE_SHARE
    return Criterion("bridge", share, BRIDGE_SHARE, "pass" if ok else "fail", details)


def null_criterion(key: str, test: NullTest, alpha: float, *, effect: bool = False) -> Criterion:
    """A criterion judged on a Monte Carlo test: p <= alpha (and the effect, if asked).

    ``observed`` is the statistic, ``reference`` the null's mean; ``effect``
    the share of the observed value the null gives (:attr:`NullTest.explained`).
    Passes when p <= alpha, and with ``effect=True`` also effect <=
    :data:`EFFECT_SHARE`.
    """
    details = {
        "null": test.null,
        "statistic": test.statistic,
        "samples": test.n,
        "interval": list(test.interval),
        "sd": test.sd,
        "z": test.z,
        "reason": test.reason,
        "why": dict(test.why),
        "alpha": alpha,
    }
    if not test.testable:
        return Criterion(key, test.observed, None, "not testable", details)
    share = test.explained
    ok = test.p_value <= alpha
    if effect:
        ok = ok and share == share and share <= EFFECT_SHARE
    details["effect_required"] = effect
    return Criterion(
        key,
        test.observed,
        test.mean,
        "pass" if ok else "fail",
        details,
        p_value=test.p_value,
        effect=share,
    )


def brokerage_criterion(G: nx.Graph, focus, bloc_of: Mapping, test: NullTest, alpha: float):
    """Brokerage: pairs of the focus's contacts in different blocs, not tied to each other.

    Judged against a null that keeps the focus's degree (the degree-preserving
    ensemble of the beyond-degree criterion, blocs fixed), like
    :func:`null_criterion`. Not testable when the focus has fewer than two
    contacts, or when it brokers every cross-bloc pair of its contacts and the
    null reaches that maximum too often for any count to be significant.
    """
    contacts = list(G[focus])
    codes = bloc_codes(contacts, bloc_of)
    possible = len(contacts) * (len(contacts) - 1) // 2
    named = codes[codes >= 0]
    possible -= int(sum(k * (k - 1) // 2 for k in np.unique(named, return_counts=True)[1]))
    c = null_criterion("brokerage", test, alpha)
    details = c.details | {"possible": possible, "contacts": len(contacts)}
    if len(contacts) < 2 or count_blocs(codes) < 2:
        return Criterion(
            "brokerage",
            c.observed,
            c.reference,
            "not testable",
            details | {"reason": "few_contacts"},
        )
    if c.status == "fail" and c.observed >= possible and (c.p_value or 1) > alpha:
        return Criterion(
            "brokerage",
            c.observed,
            c.reference,
            "not testable",
            details | {"reason": "saturated"},
            p_value=c.p_value,
            effect=c.effect,
        )
    return Criterion(c.key, c.observed, c.reference, c.status, details, c.p_value, c.effect)


def mediation_criterion(signed: nx.Graph, focus, sides: Mapping) -> Criterion:
    """The signed pattern of mediation: two sides in conflict, the focus tied positively to both.

    Looks for conflictual ties (negative weight) between actors of different
    sides (the focus aside). Passes when for some such conflict the focus has
    a cooperative tie (positive weight) to an actor in conflict on each side;
    n/a when the source shows no conflict between the sides. Descriptive: a
    claim of brokerage need not be a claim of mediation.
    """
    side_of: dict = {}
    for name, members in sides.items():
        for v in members:
            side_of.setdefault(v, set()).add(name)
    conflicts = []
    for u, v in _side_conflicts(signed, side_of, focus):
        su, sv = side_of[u], side_of.get(v, set())
        if sv and (su - sv or sv - su):
            pos = [
                signed.has_edge(focus, x) and signed[focus][x].get("positive", 0) > 0
                for x in (u, v)
            ]
            conflicts.append({"a": u, "b": v, "positive_to_a": pos[0], "positive_to_b": pos[1]})
    details = {"conflicts": conflicts}
    if not conflicts:
        return Criterion("mediation", None, None, "n/a", details)
    held = sum(1 for c in conflicts if c["positive_to_a"] and c["positive_to_b"])
    return Criterion(
        "mediation", float(held), float(len(conflicts)), "pass" if held else "fail", details
    )


def _side_conflicts(G: nx.Graph, side_of: Mapping, focus):
    """The conflictual edges of ``G`` (negative weight) as ``G.edges`` gives them, on sides only.

    The same ties in the same order and orientation (from the end that comes first in
    the graph), skipping the focus's and those of nodes on no side without looking at
    their data: a view of 7 * 10^5 ties was read whole once per run. The adjacency is read
    directly (networkx's read-only wrappers took half of the 1.4 s such a view took).
    """
    seen = set()
    for u, nbrs in G._adj.items():
        seen.add(u)
        if u == focus or u not in side_of:
            continue
        for v, d in nbrs.items():
            if v not in seen and v != focus and d.get("negative", 0) > 0:
                yield u, v


def framing_criterion(G: nx.Graph, focus) -> Criterion:
    """Framing: the focus's share of the tie weight against the largest other actor's.

    A caveat, not part of the verdict: "fail" (framed) when the focus's share
    is at least :data:`FRAMING_RATIO` times that of every other actor, i.e.
    the source is drawn around it.
    """
    strength = dict(G.degree(weight="weight"))  # one pass; G.size sums the same values
    total = sum(strength.values()) / 2
    if total == 0:
        return Criterion("framing", math.nan, math.nan, "n/a", {})
    share = {v: s / total for v, s in strength.items()}
    own = share.pop(focus)
    top = max(share.values(), default=0.0)
    who = max(share, key=share.get) if share else None
    framed = top == 0 or own >= FRAMING_RATIO * top
    details = {"top_other_node": who, "ratio": own / top if top else math.inf}
    return Criterion("framing", own, top, "fail" if framed else "pass", details)
