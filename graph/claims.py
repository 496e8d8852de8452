r"""Test a claim that an actor is a bridge (broker, connector) between blocs.

:func:`assess_bridge_claim` turns "X is a bridge" into six explicit criteria,
each with the observed value, a reference value and a status, and combines
them into a verdict by a written rule. It works on any networkx graph;
criteria that need what the graph lacks (paragraph provenance, blocs, other
views) are reported as not applicable, never silently passed. The result is
numbers; :mod:`graph.report` puts them into words.

Examples
--------
>>> import networkx as nx
>>> G = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
>>> G.add_edges_from([("hub", 0), ("hub", 1), ("hub", 4), ("hub", 5)])  # the only link
>>> r = assess_bridge_claim(G, "hub", samples=99, seed=1, progress=False)
>>> r.verdict
'supported'
>>> [c.key for c in r.criteria]
['rank', 'bridge', 'brokerage', 'beyond_degree', 'robustness', 'framing']
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from graph import build, nulls
from graph.blocs import detect_blocs, resolve_blocs
from graph.brokerage import BrokerageResult, brokerage
from graph.fold import fold
from graph.measures import actor_measures
from graph.nulls import NullTest

__all__ = [
    "Criterion",
    "ClaimResult",
    "assess_bridge_claim",
    "VERDICTS",
    "CRITERIA",
    "FRAMING_SHARE",
    "BRIDGE_SHARE",
    "ROBUST_SHARE",
    "CROSS_ROLES",
]

#: Possible verdicts, strongest first.
VERDICTS: tuple[str, ...] = ("supported", "partly supported", "not supported")

#: The criteria, in order; the last (framing) is a caveat, not part of the verdict.
CRITERIA: tuple[str, ...] = (
    "rank",
    "bridge",
    "brokerage",
    "beyond_degree",
    "robustness",
    "framing",
)

#: Above this share of the view's tie weight touching the focus, the view is a star around it.
FRAMING_SHARE = 0.25

#: The bridge criterion passes when more than this share of cross-bloc shortest paths
#: pass through the focus (or its removal cuts two blocs apart).
BRIDGE_SHARE = 0.5

#: The robustness criterion passes when at least this share of variants agree.
ROBUST_SHARE = 0.8

#: The Gould-Fernandez roles that join different blocs.
CROSS_ROLES: tuple[str, ...] = ("liaison", "gatekeeper", "representative")


@dataclass(frozen=True)
class Criterion:
    """One criterion of the claim test: a row of the criteria table, as numbers.

    ``status`` is ``"pass"``, ``"fail"``, ``"n/a"`` (the graph lacks what it
    needs) or ``"not testable"`` (the null model cannot vary the graph).
    ``details`` holds the criterion's other numbers (ranks, counts, the
    variants that failed...), which :mod:`graph.report` puts into words.

    Examples
    --------
    >>> c = Criterion("rank", 0.8, 0.1, "pass", {"rank": 1})
    >>> c.passed
    True
    """

    key: str
    observed: float | None
    reference: float | None
    status: str
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool | None:
        """True/False for pass/fail, None when not applicable or not testable."""
        return {"pass": True, "fail": False}.get(self.status)


@dataclass(frozen=True)
class ClaimResult:
    """The outcome of :func:`assess_bridge_claim`: numbers and tables, not prose.

    Attributes
    ----------
    focus : hashable
        The actor the claim is about; ``focus_label`` its label.
    view : str
        Name of the view tested (``G.graph["view"]``, or ``"graph"``).
    verdict : str
        One of :data:`VERDICTS`.
    criteria : tuple of Criterion
        The criteria of :data:`CRITERIA`, in order.
    measures : pandas.DataFrame
        :func:`graph.measures.actor_measures` of the view, with the blocs used.
    brokerage : BrokerageResult
        Gould-Fernandez roles of every actor.
    null : NullTest
        The Monte Carlo test of the beyond-degree criterion.
    variants : pandas.DataFrame
        Robustness variants, one row each: ``kind`` (paragraph, ties, view,
        blocs), ``value`` (the paragraph, tie set or view), and the core
        criteria rerun on it.
    blocs_source : str
        Where the blocs came from: "attribute", "mapping" or "detected".
    parameters : dict
        samples, seed, alpha, null model, the blocs argument, samples drawn.
    """

    focus: Any
    focus_label: str
    view: str
    verdict: str
    criteria: tuple[Criterion, ...]
    measures: pd.DataFrame = field(repr=False)
    brokerage: BrokerageResult = field(repr=False)
    null: NullTest = field(repr=False)
    variants: pd.DataFrame = field(repr=False)
    blocs_source: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)

    def criterion(self, key: str) -> Criterion:
        """Return the criterion with this key (``rank``, ``bridge``, ...)."""
        return next(c for c in self.criteria if c.key == key)

    def criteria_frame(self) -> pd.DataFrame:
        """The criteria as a table, one row each, with their names and readings.

        Examples
        --------
        >>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
        >>> list(r.criteria_frame().columns)
        ['name', 'measures', 'observed', 'reference', 'status', 'sentence']
        """
        from graph.report.text import criteria_frame

        return criteria_frame(self)

    def variants_frame(self) -> pd.DataFrame:
        """The robustness variants as a table indexed by their names."""
        from graph.report.text import variants_frame

        return variants_frame(self)

    def to_dict(self) -> dict[str, Any]:
        """Everything in the result as plain Python data (NaN kept; see :mod:`graph.report`)."""
        from graph.report.numbers import records

        return {
            "focus": self.focus,
            "focus_label": self.focus_label,
            "view": self.view,
            "verdict": self.verdict,
            "criteria": [
                {
                    "key": c.key,
                    "observed": c.observed,
                    "reference": c.reference,
                    "status": c.status,
                    "details": c.details,
                }
                for c in self.criteria
            ],
            "blocs_source": self.blocs_source,
            "parameters": dict(self.parameters),
            "null_test": self.null.to_dict() if self.null is not None else None,
            "variants": records(self.variants),
            "brokerage": {
                name: records(getattr(self.brokerage, name).loc[[self.focus]])[0]
                for name in ("counts", "expected", "sd", "z")
            },
        }

    def __repr__(self) -> str:
        from graph.report.text import claim_result_repr

        return claim_result_repr(self)

    def _repr_html_(self) -> str:
        from graph.report.html import claim_result_html

        return claim_result_html(self)


# ------------------------------------------------------------------- blocs


def _blocs_for(G: nx.Graph, blocs: str | Mapping) -> tuple[dict, str]:
    """Return (node -> bloc or None, where the blocs came from: attribute, mapping, detected)."""
    if isinstance(blocs, Mapping):
        return resolve_blocs(G, blocs), "mapping"
    if isinstance(blocs, str) and blocs != "detected":
        values = resolve_blocs(G, blocs)
        if len({b for b in values.values() if b is not None}) >= 2:
            return values, "attribute"
    return detect_blocs(G), "detected"


# ---------------------------------------------------------------- criteria


def _core(H: nx.Graph, focus, bloc: dict) -> dict:
    """Rank, bridge and brokerage evidence on one graph (no null model)."""
    m = actor_measures(H, blocs=bloc)
    bc = m["betweenness"]
    others = bc.drop(index=focus)
    top_other = float(others.max()) if len(others) else 0.0
    rank = int((bc > bc[focus] + 1e-12).sum()) + 1
    rank_pass = bool(bc[focus] > 0 and bc[focus] >= top_other - 1e-12)
    cut = _blocs_cut(fold(H), focus, bloc)
    share = float(m.loc[focus, "bloc_pair_betweenness"])
    bridge_pass = bool(cut > 0 or (share == share and share > BRIDGE_SHARE))
    br = brokerage(H, blocs=bloc)
    c = br.counts.loc[focus, list(CROSS_ROLES)]
    e = br.expected.loc[focus, list(CROSS_ROLES)]
    above = [r for r in CROSS_ROLES if c[r] > e[r]]
    return {
        "measures": m,
        "brokerage": br,
        "betweenness": float(bc[focus]),
        "rank": rank,
        "top_other": top_other,
        "rank_pass": rank_pass,
        "blocs_cut": cut,
        "bloc_share": share,
        "bridge_pass": bridge_pass,
        "roles_above": above,
        "brokerage_pass": bool(c.sum() > e.sum()),
    }


def _blocs_cut(S: nx.Graph, focus, bloc: dict) -> int:
    """Number of bloc pairs joined by some path before removing the focus and none after.

    An actor without a bloc is a bloc of its own.
    """

    def key(n):
        b = bloc.get(n)
        return ("no bloc", str(n)) if b is None else ("bloc", str(b))

    def joined(H):
        pairs = set()
        for comp in nx.connected_components(H):
            bs = sorted({key(n) for n in comp if n != focus})
            pairs.update((a, b) for i, a in enumerate(bs) for b in bs[i + 1 :])
        return pairs

    before = joined(S)
    H = S.copy()
    H.remove_node(focus)
    return len(before - joined(H))


def _framing(G: nx.Graph, focus) -> tuple[float, float]:
    """Share of tie weight touching the focus, and the share a node would have by chance."""
    S = fold(G)
    total = S.size(weight="weight")
    if total == 0:
        return math.nan, math.nan
    share = S.degree(focus, weight="weight") / total
    return float(share), 2.0 / max(S.number_of_nodes(), 1)


def _variants(G, focus, bloc, blocs_source, *, alternatives, exclude, main):
    """Rerun the core criteria on each variant; one row per variant."""
    rows = []

    def add(kind, value, H, b):
        if focus not in H or H.number_of_edges() == 0:
            rows.append({"kind": kind, "value": value, "focus_present": False})
            return
        core = _core(H, focus, b)
        rows.append(
            {
                "kind": kind,
                "value": value,
                "focus_present": True,
                "betweenness": core["betweenness"],
                "rank": core["rank"],
                "rank_pass": core["rank_pass"],
                "bridge_pass": core["bridge_pass"],
                "brokerage_pass": core["brokerage_pass"],
            }
        )

    edges = list(G.edges(data=True))
    provenance = bool(edges) and all("derivations" in d for *_, d in edges)
    if provenance:
        for p in sorted({p for *_, d in edges for p in d["paragraphs"]}):
            H = build.without_paragraphs(G, p)
            add("paragraph", p, H, {n: bloc.get(n) for n in H})
        for name, ties in (exclude or {}).items():
            H = build.without_ties(G, ties)
            add("ties", name, H, {n: bloc.get(n) for n in H})
    for name, H in (alternatives or {}).items():
        b = _blocs_for(H, "bloc")[0] if blocs_source != "detected" else detect_blocs(H)
        add("view", name, H, b)
    if blocs_source != "detected":
        add("blocs", "detected", G, detect_blocs(G))
    df = pd.DataFrame(rows)
    if df.empty:
        return df
    core_keys = ["rank_pass", "bridge_pass", "brokerage_pass"]
    df["agrees"] = [
        bool(r.get("focus_present")) and all(r[k] == main[k] for k in core_keys)
        for r in df.to_dict("records")
    ]
    df["claim_holds"] = [
        bool(r.get("focus_present")) and bool(r["rank_pass"]) and bool(r["bridge_pass"])
        for r in df.to_dict("records")
    ]
    return df


def _verdict(crit: dict[str, Criterion]) -> str:
    """Apply the verdict rule of :func:`assess_bridge_claim`."""
    core = ["rank", "bridge", "brokerage", "beyond_degree", "robustness"]
    applicable = [k for k in core if crit[k].passed is not None]
    passed = [k for k in applicable if crit[k].passed]
    failed = [k for k in applicable if not crit[k].passed]
    if not failed and {"rank", "bridge", "beyond_degree"} <= set(passed):
        return "supported"
    if not crit["bridge"].passed and not crit["beyond_degree"].passed:
        return "not supported"
    if len(passed) < 2:
        return "not supported"
    return "partly supported"


def _brokerage_criterion(core: dict, focus) -> Criterion:
    br = core["brokerage"]
    roles = list(CROSS_ROLES)
    counts = br.counts.loc[focus, roles]
    expected = br.expected.loc[focus, roles]
    details = {
        "counts": {r: int(counts[r]) for r in roles},
        "expected": {r: float(expected[r]) for r in roles},
        "z": {r: float(br.z.loc[focus, r]) for r in roles},
        "roles_above": core["roles_above"],
    }
    status = "pass" if core["brokerage_pass"] else "fail"
    return Criterion("brokerage", float(counts.sum()), float(expected.sum()), status, details)


def _beyond_degree_criterion(test: NullTest, alpha: float) -> Criterion:
    details = {"null": test.null, "reason": test.reason}
    if not test.testable:
        return Criterion("beyond_degree", None, alpha, "not testable", details)
    details |= {"betweenness": test.observed, "null_mean": test.mean, "samples": test.n}
    status = "pass" if test.p_value <= alpha else "fail"
    return Criterion("beyond_degree", test.p_value, alpha, status, details)


def _robustness_criterion(variants: pd.DataFrame) -> Criterion:
    if variants.empty:
        return Criterion("robustness", None, ROBUST_SHARE, "n/a")
    holds = float(variants["claim_holds"].mean())
    failing = variants.loc[~variants["claim_holds"], ["kind", "value"]]
    details = {
        "held": int(variants["claim_holds"].sum()),
        "variants": len(variants),
        "not_holding": [tuple(r) for r in failing.itertuples(index=False)],
    }
    status = "pass" if holds >= ROBUST_SHARE else "fail"
    return Criterion("robustness", holds, ROBUST_SHARE, status, details)


def _framing_criterion(G: nx.Graph, focus) -> Criterion:
    share, chance = _framing(G, focus)
    limit = max(FRAMING_SHARE, 3 * chance) if chance == chance else FRAMING_SHARE
    star = share == share and share > limit
    return Criterion("framing", share, limit, "fail" if star else "pass", {"chance": chance})


def assess_bridge_claim(
    G: nx.Graph,
    focus,
    *,
    blocs: str | Mapping = "bloc",
    samples: int = 1000,
    seed: int | np.random.Generator | None = 0,
    alpha: float = 0.05,
    null: str = "rewire",
    alternatives: Mapping[str, nx.Graph] | None = None,
    exclude: Mapping[str, object] | None = None,
    sequential: bool = True,
    n_jobs: int | None = 1,
    progress: bool = True,
) -> ClaimResult:
    r"""Test the claim that ``focus`` is a bridge between blocs in ``G``.

    Parameters
    ----------
    G : networkx graph
        A view from :mod:`graph.build` or any graph; folded to a simple
        undirected graph for the measures.
    focus : node
        The actor the claim is about.
    blocs : str or mapping, default "bloc"
        Node attribute holding each actor's bloc, a mapping node -> bloc, or
        ``"detected"``. If the attribute gives fewer than two blocs, blocs are
        detected from structure (:func:`graph.blocs.detect_blocs`) and the
        result says so. An actor without a bloc is a bloc of its own.
    samples : int, default 1000
        Null-model samples for the beyond-degree criterion (an upper bound
        when ``sequential``).
    seed : int, numpy Generator or None, default 0
        Seed of the null model: the same inputs and seed give the same result.
    alpha : float, default 0.05
        Significance level of the beyond-degree criterion.
    null : str, default "rewire"
        Null model of the beyond-degree criterion (see :func:`graph.nulls.null_test`).
    alternatives : mapping of name -> graph, optional
        Other views of the same data, for the robustness criterion.
    exclude : mapping of name -> tie ids, optional
        Sets of ties to leave out, one robustness variant each (e.g. the ties
        that state the claim itself). Needs provenance on the edges.
    sequential : bool, default True
        Stop sampling once the decision at ``alpha`` is settled (Besag & Clifford).
    n_jobs : int or None, default 1
        Parallel workers for the null ensemble (results do not depend on it).
    progress : bool, default True
        Show a progress bar for the null ensemble.

    Returns
    -------
    ClaimResult

    Raises
    ------
    KeyError
        If ``focus`` is not a node of ``G``.

    Notes
    -----
    The criteria:

    1. **rank**: the focus has the highest (normalized) betweenness; ties at the top pass.
    2. **bridge**: removing the focus leaves some pair of blocs with no path
       between them, or more than :data:`BRIDGE_SHARE` of the shortest paths
       between actors of different blocs pass through it.
    3. **brokerage**: the focus's Gould-Fernandez cross-bloc brokerage
       (liaison + gatekeeper + representative) exceeds its expected count under
       the density null of sna's ``brokerage`` (the z-scores are reported; that
       null ignores degree, so they are descriptive, and significance is left to
       criterion 4).
    4. **beyond degree**: the focus's betweenness exceeds that of the same node
       in degree-preserving rewirings: Monte Carlo :math:`p \le \alpha`.
       A graph the null cannot vary (a star) is "not testable".
    5. **robustness**: rank, bridge and brokerage are rerun leaving out one
       paragraph at a time and without each ``exclude`` set of ties (views with
       provenance), on each alternative view, and with blocs detected from
       structure; it passes when the focus keeps
       rank and bridge in at least :data:`ROBUST_SHARE` of the variants. The
       null model is not rerun per variant.
    6. **framing**: the share of the view's tie weight that touches the focus.
       Above :data:`FRAMING_SHARE` and above three times the share of an
       average actor (:math:`2/n`), the network is a star around the focus; this
       is a caveat and never changes the verdict, because criterion 4 is the
       one that separates a broker from the centre of a star.

    Verdict rule, over criteria 1-5 that apply: **supported** when none fails
    and rank, bridge and beyond-degree all pass; **not supported** when both
    bridge and beyond-degree fail (or are not testable), or fewer than two
    pass; **partly supported** otherwise. Since "supported" needs the
    beyond-degree test to pass, a node of a random graph is called a bridge
    at most at rate :math:`\alpha`.

    Examples
    --------
    >>> G = nx.florentine_families_graph()
    >>> r = assess_bridge_claim(G, "Medici", samples=199, seed=0, progress=False)
    >>> r.criterion("rank").status, r.criterion("bridge").status
    ('pass', 'pass')
    >>> r.blocs_source
    'detected'
    """
    if focus not in G:
        raise KeyError(f"focus {focus!r} is not a node of the graph")
    bloc, blocs_source = _blocs_for(G, blocs)
    label = str(G.nodes[focus].get("label") or focus)
    core = _core(G, focus, bloc)
    rank_details = {"rank": core["rank"], "top_other": core["top_other"], "n": len(G)}
    bridge_details = {"blocs_cut": core["blocs_cut"]}
    test = nulls.null_test(
        fold(G),
        ("betweenness", focus),
        null=null,
        samples=samples,
        seed=seed,
        alpha=alpha,
        sequential=sequential,
        n_jobs=n_jobs,
        progress=progress,
    )
    main = {k: core[k] for k in ("rank_pass", "bridge_pass", "brokerage_pass")}
    variants = _variants(
        G, focus, bloc, blocs_source, alternatives=alternatives, exclude=exclude, main=main
    )
    crit = {
        "rank": Criterion(
            "rank",
            core["betweenness"],
            core["top_other"],
            "pass" if core["rank_pass"] else "fail",
            rank_details,
        ),
        "bridge": Criterion(
            "bridge",
            core["bloc_share"],
            BRIDGE_SHARE,
            "pass" if core["bridge_pass"] else "fail",
            bridge_details,
        ),
        "brokerage": _brokerage_criterion(core, focus),
        "beyond_degree": _beyond_degree_criterion(test, alpha),
        "robustness": _robustness_criterion(variants),
        "framing": _framing_criterion(G, focus),
    }
    params = {
        "samples": samples,
        "seed": test.seed,
        "alpha": alpha,
        "null": null,
        "sequential": sequential,
        "samples_drawn": test.n,
        "blocs": blocs if isinstance(blocs, str) else "mapping",
    }
    return ClaimResult(
        focus=focus,
        focus_label=label,
        view=G.graph.get("view", "graph"),
        verdict=_verdict(crit),
        criteria=tuple(crit.values()),
        measures=core["measures"],
        brokerage=core["brokerage"],
        null=test,
        variants=variants,
        blocs_source=blocs_source,
        parameters=params,
    )
