r"""Test a claim that an actor is a bridge (broker, connector) between blocs.

:func:`assess_bridge_claim` turns "X is a bridge" into six explicit criteria,
each with what it measures, the observed value, a reference value and a
status, and combines them into a verdict by a written rule. It works on any
networkx graph; criteria that need what the graph lacks (paragraph provenance,
blocs, other views) are reported as not applicable, never silently passed.

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

import html
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from graph import build, nulls
from graph.brokerage import brokerage
from graph.measures import actor_measures

__all__ = [
    "Criterion",
    "ClaimResult",
    "assess_bridge_claim",
    "detect_blocs",
    "VERDICTS",
    "FRAMING_SHARE",
    "BRIDGE_SHARE",
    "ROBUST_SHARE",
]

#: Possible verdicts, strongest first.
VERDICTS: tuple[str, ...] = ("supported", "partly supported", "not supported")

#: Above this share of the view's tie weight touching the focus, the view is a star around it.
FRAMING_SHARE = 0.25

#: The bridge criterion passes when more than this share of cross-bloc shortest paths
#: pass through the focus (or its removal cuts two blocs apart).
BRIDGE_SHARE = 0.5

#: The robustness criterion passes when at least this share of variants agree.
ROBUST_SHARE = 0.8

_CROSS_ROLES = ("liaison", "gatekeeper", "representative")


@dataclass(frozen=True)
class Criterion:
    """One criterion of the claim test: a row of the criteria table.

    ``status`` is ``"pass"``, ``"fail"``, ``"n/a"`` (the graph lacks what it
    needs) or ``"not testable"`` (the null model cannot vary the graph).

    Examples
    --------
    >>> c = Criterion("rank", "Rank", "betweenness rank", 1, 1, "pass", "Top.")
    >>> c.passed
    True
    """

    key: str
    name: str
    measures: str
    observed: float | str | None
    reference: float | str | None
    status: str
    sentence: str

    @property
    def passed(self) -> bool | None:
        """True/False for pass/fail, None when not applicable or not testable."""
        return {"pass": True, "fail": False}.get(self.status)


@dataclass(frozen=True)
class ClaimResult:
    """The outcome of :func:`assess_bridge_claim`: data, not prose for a report.

    Attributes
    ----------
    focus, focus_label : the actor the claim is about
    view : name of the view tested (``G.graph["view"]``, or ``"graph"``)
    verdict : one of :data:`VERDICTS`; ``verdict_sentence`` says why
    criteria : the six criteria, in order
    measures : :func:`graph.measures.actor_measures` of the view
    brokerage : :class:`graph.brokerage.BrokerageResult`
    null : :class:`graph.nulls.NullTest` of the beyond-degree criterion
    variants : robustness variants, one row each
    blocs_source : where the blocs came from
    parameters : samples, seed, alpha, null model, ...
    """

    focus: object
    focus_label: str
    view: str
    verdict: str
    verdict_sentence: str
    criteria: tuple[Criterion, ...]
    measures: pd.DataFrame = field(repr=False)
    brokerage: object = field(repr=False)
    null: object = field(repr=False)
    variants: pd.DataFrame = field(repr=False)
    blocs_source: str = ""
    parameters: dict = field(default_factory=dict)

    def criterion(self, key: str) -> Criterion:
        """Return the criterion with this key (``rank``, ``bridge``, ...)."""
        return next(c for c in self.criteria if c.key == key)

    def criteria_frame(self) -> pd.DataFrame:
        """The criteria as a table, one row each.

        Examples
        --------
        >>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
        >>> list(r.criteria_frame().columns)
        ['name', 'measures', 'observed', 'reference', 'status', 'sentence']
        """
        rows = [asdict(c) for c in self.criteria]
        return pd.DataFrame(rows).set_index("key")

    def to_dict(self) -> dict:
        """Everything in the result as JSON-serializable data."""
        return {
            "focus": _jsonable(self.focus),
            "focus_label": self.focus_label,
            "view": self.view,
            "verdict": self.verdict,
            "verdict_sentence": self.verdict_sentence,
            "criteria": [{k: _jsonable(v) for k, v in asdict(c).items()} for c in self.criteria],
            "blocs_source": self.blocs_source,
            "parameters": {k: _jsonable(v) for k, v in self.parameters.items()},
            "null_test": self.null.to_dict() if self.null is not None else None,
            "variants": _records(self.variants),
            "brokerage": {
                name: _records(getattr(self.brokerage, name).loc[[self.focus]])[0]
                for name in ("counts", "expected", "sd", "z")
            }
            if self.brokerage is not None
            else None,
        }

    def __repr__(self) -> str:
        lines = [
            f"ClaimResult: {self.focus_label} as a bridge in the {self.view} view: {self.verdict}",
            f"  {self.verdict_sentence}",
        ]
        for c in self.criteria:
            note = " (a caveat; not part of the verdict)" if c.key == "framing" else ""
            lines.append(f"  [{c.status:^12}] {c.name}: {c.sentence}{note}")
        p = self.parameters
        setup = [f"blocs: {self.blocs_source or 'unknown'}"]
        if p.get("null"):
            drawn = p.get("samples_drawn")
            most = f" (at most {p['samples']})" if p.get("samples") not in (None, drawn) else ""
            setup.append(f"null model: {p['null']}, {drawn} samples{most}, seed {p.get('seed')}")
        if p.get("alpha") is not None:
            setup.append(f"alpha {p['alpha']}")
        lines.append("  " + "; ".join(setup))  # the last line: _repr_html_ shows it too
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        left = "text-align:left;vertical-align:top"
        right = "text-align:right;vertical-align:top"
        mark = {"pass": "\u2713 ", "fail": "\u2717 "}
        setup = repr(self).splitlines()[-1].strip()

        def row(c: Criterion) -> str:
            status = mark.get(c.status, "") + c.status
            reading = html.escape(c.sentence)
            if c.key == "framing":
                reading += " <i>(A caveat: not part of the verdict.)</i>"
            return (
                "<tr>"
                f"<td style='{left}' title='{html.escape(c.measures, quote=True)}'>"
                f"{html.escape(c.name)}</td>"
                f"<td style='{right}'>{html.escape(_fmt(c.observed))}</td>"
                f"<td style='{right}'>{html.escape(_fmt(c.reference))}</td>"
                f"<td style='{left};white-space:nowrap'><b>{html.escape(status)}</b></td>"
                f"<td style='{left}'>{reading}</td>"
                "</tr>"
            )

        head = "".join(
            f"<th style='{left if i in (0, 3, 4) else right}'>{h}</th>"
            for i, h in enumerate(("criterion", "observed", "reference", "status", "reading"))
        )
        return (
            f"<p><b>{html.escape(self.focus_label)}</b> as a bridge in the "
            f"<i>{html.escape(self.view)}</i> view: <b>{html.escape(self.verdict)}</b>. "
            f"{html.escape(self.verdict_sentence)}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>"
            + "".join(row(c) for c in self.criteria)
            + "</tbody></table>"
            f"<p><small>{html.escape(setup)}. Hover over a criterion for what it "
            "measures; <code>.criteria_frame()</code> gives the table as data.</small></p>"
        )


def _fmt(v) -> str:
    if isinstance(v, float):
        return "-" if math.isnan(v) else f"{v:.3g}"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return "-" if v is None else str(v)


def _jsonable(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return None if math.isnan(float(v)) else float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if v is None or isinstance(v, (str, int, bool)):
        return v
    return str(v)


def _records(df: pd.DataFrame | None) -> list[dict]:
    if df is None or df.empty:
        return []
    return [{k: _jsonable(v) for k, v in r.items()} for r in df.reset_index().to_dict("records")]


# ------------------------------------------------------------------- blocs


def detect_blocs(G: nx.Graph, *, weight: str | None = "weight") -> dict:
    """Blocs detected from structure: greedy modularity communities.

    Deterministic (Clauset-Newman-Moore greedy agglomeration, no random step).
    Blocs are named ``"C1"``, ``"C2"``, ... from the largest community down.

    Parameters
    ----------
    G : networkx graph
        Folded to a simple undirected graph first.
    weight : str or None, default "weight"

    Returns
    -------
    dict
        Node -> bloc name.

    References
    ----------
    .. [1] Clauset, Newman & Moore (2004). Finding community structure in very
       large networks. Phys. Rev. E 70, 066111. doi:10.1103/PhysRevE.70.066111

    Examples
    --------
    >>> blocs = detect_blocs(nx.barbell_graph(4, 0))
    >>> sorted(set(blocs.values()))
    ['C1', 'C2']
    """
    H = build.simple(G)
    if H.number_of_edges() == 0:
        return {n: f"C{i + 1}" for i, n in enumerate(H)}
    has_w = weight is not None and all(weight in d for *_, d in H.edges(data=True))
    nodes = list(H)  # integer labels: node ids of mixed types cannot be ordered
    H_int = nx.convert_node_labels_to_integers(H, ordering="default")
    comms = nx.community.greedy_modularity_communities(H_int, weight=weight if has_w else None)
    comms = sorted(comms, key=lambda c: (-len(c), min(c)))
    return {nodes[i]: f"C{k + 1}" for k, c in enumerate(comms) for i in c}


def _bloc_map(G: nx.Graph, blocs) -> tuple[dict, str]:
    """Return (node -> bloc, a description of where blocs came from)."""
    if isinstance(blocs, Mapping):
        return dict(blocs), "given mapping"
    if isinstance(blocs, str) and blocs != "detected":
        values = nx.get_node_attributes(G, blocs)
        values = {n: b for n, b in values.items() if b is not None and b == b}
        if len(set(values.values())) >= 2:
            return {n: values.get(n, "(none)") for n in G}, f"node attribute {blocs!r}"
    return detect_blocs(G), "detected (greedy modularity communities)"


# ---------------------------------------------------------------- criteria


def _core(H: nx.Graph, focus, bloc: dict, *, alpha: float) -> dict:
    """Rank, bridge and brokerage evidence on one graph (no null model)."""
    m = actor_measures(H, blocs=bloc)
    bc = m["betweenness"]
    others = bc.drop(index=focus)
    top_other = float(others.max()) if len(others) else 0.0
    rank = int((bc > bc[focus] + 1e-12).sum()) + 1
    rank_pass = bool(bc[focus] > 0 and bc[focus] >= top_other - 1e-12)
    cut = _blocs_cut(build.simple(H), focus, bloc)
    share = float(m.loc[focus, "bloc_pair_betweenness"])
    bridge_pass = bool(cut > 0 or (share == share and share > BRIDGE_SHARE))
    br = brokerage(H, bloc)
    c = br.counts.loc[focus, list(_CROSS_ROLES)]
    e = br.expected.loc[focus, list(_CROSS_ROLES)]
    above = [r for r in _CROSS_ROLES if c[r] > e[r]]
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
    """Number of bloc pairs joined by some path before removing the focus and none after."""

    def joined(H):
        pairs = set()
        for comp in nx.connected_components(H):
            bs = sorted({str(bloc.get(n)) for n in comp if n != focus})
            pairs.update((a, b) for i, a in enumerate(bs) for b in bs[i + 1 :])
        return pairs

    before = joined(S)
    H = S.copy()
    H.remove_node(focus)
    return len(before - joined(H))


def _framing(G: nx.Graph, focus) -> tuple[float, float]:
    """Share of tie weight touching the focus, and the share a node would have by chance."""
    S = build.simple(G)
    total = S.size(weight="weight")
    if total == 0:
        return float("nan"), float("nan")
    share = S.degree(focus, weight="weight") / total
    return float(share), 2.0 / max(S.number_of_nodes(), 1)


def _variants(G, focus, bloc, blocs_source, *, alternatives, exclude, alpha, main):
    """Rerun the core criteria on each variant; one row per variant."""
    rows = []

    def add(kind, name, H, b):
        if focus not in H or H.number_of_edges() == 0:
            rows.append({"kind": kind, "variant": name, "focus_present": False})
            return
        core = _core(H, focus, b, alpha=alpha)
        rows.append(
            {
                "kind": kind,
                "variant": name,
                "focus_present": True,
                "betweenness": core["betweenness"],
                "rank": core["rank"],
                "rank_pass": core["rank_pass"],
                "bridge_pass": core["bridge_pass"],
                "brokerage_pass": core["brokerage_pass"],
            }
        )

    edges = list(G.edges(data=True))
    if edges and all("derivations" in d for *_, d in edges):
        paras = sorted({p for *_, d in edges for p in d["paragraphs"]})
        for p in paras:
            H = build.without_paragraphs(G, p)
            add("paragraph", f"without paragraph {p}", H, {n: bloc.get(n) for n in H})
    if edges and all("derivations" in d for *_, d in edges):
        for name, ties in (exclude or {}).items():
            H = build.without_ties(G, ties)
            add("ties", name, H, {n: bloc.get(n) for n in H})
    for name, H in (alternatives or {}).items():
        b, _ = (
            _bloc_map(H, "bloc")
            if not blocs_source.startswith("detected")
            else (detect_blocs(H), "")
        )
        add("view", f"{name} view", H, b)
    if not blocs_source.startswith("detected"):
        add("blocs", "blocs detected from structure", G, detect_blocs(G))
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


def _verdict(crit: dict[str, Criterion]) -> tuple[str, str]:
    """Apply the verdict rule of :func:`assess_bridge_claim`."""
    core = ["rank", "bridge", "brokerage", "beyond_degree", "robustness"]
    applicable = [k for k in core if crit[k].passed is not None]
    passed = [k for k in applicable if crit[k].passed]
    failed = [k for k in applicable if not crit[k].passed]
    if not failed and {"rank", "bridge", "beyond_degree"} <= set(passed):
        verdict = "supported"
    elif not crit["bridge"].passed and not crit["beyond_degree"].passed:
        verdict = "not supported"
    elif len(passed) < 2:
        verdict = "not supported"
    else:
        verdict = "partly supported"
    sentence = (
        f"{len(passed)} of {len(applicable)} applicable criteria pass"
        + (f" ({', '.join(crit[k].name for k in passed)})" if passed else "")
        + (f"; failing: {', '.join(crit[k].name for k in failed)}" if failed else "")
        + "."
    )
    if crit["framing"].passed is False:
        sentence += " The network is drawn around the focus (see framing bias)."
    return verdict, sentence


def assess_bridge_claim(
    G: nx.Graph,
    focus,
    *,
    blocs: str | Mapping = "bloc",
    samples: int = 1000,
    seed: int = 0,
    alpha: float = 0.05,
    null: str = "rewire",
    alternatives: Mapping[str, nx.Graph] | None = None,
    exclude: Mapping[str, object] | None = None,
    sequential: bool = True,
    n_jobs: int = 1,
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
        ``"detected"``. If the attribute is missing (or has fewer than two
        values), blocs are detected from structure (:func:`detect_blocs`) and
        the result says so.
    samples : int, default 1000
        Null-model samples for the beyond-degree criterion (an upper bound
        when ``sequential``).
    seed : int, default 0
        Seed of the null model: the same inputs and seed give the same result.
    alpha : float, default 0.05
        Significance level of the beyond-degree and brokerage criteria.
    null : str, default "rewire"
        Null model of the beyond-degree criterion (see :func:`graph.nulls.null_test`).
    alternatives : mapping of name -> graph, optional
        Other views of the same data, for the robustness criterion.
    exclude : mapping of name -> tie ids, optional
        Sets of ties to leave out, one robustness variant each (e.g. the ties
        that state the claim itself). Needs provenance on the edges.
    sequential : bool, default True
        Stop sampling once the decision at ``alpha`` is settled (Besag & Clifford).
    n_jobs : int, default 1
        Parallel workers for the null ensemble (results do not depend on it).
    progress : bool, default True
        Show a progress bar for the null ensemble.

    Returns
    -------
    ClaimResult

    Notes
    -----
    The criteria (DESIGN.md, "The claim test"):

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
    'detected (greedy modularity communities)'
    """
    if focus not in G:
        raise KeyError(f"focus {focus!r} is not a node of the graph")
    bloc, blocs_source = _bloc_map(G, blocs)
    view_name = G.graph.get("view", "graph")
    label = str(G.nodes[focus].get("label") or focus)
    core = _core(G, focus, bloc, alpha=alpha)
    S = build.simple(G)
    crit: dict[str, Criterion] = {}

    others = "no other actor" if S.number_of_nodes() < 2 else f"{core['top_other']:.3f}"
    crit["rank"] = Criterion(
        "rank",
        "Rank",
        "normalized betweenness of the focus vs the highest of any other actor",
        core["betweenness"],
        core["top_other"],
        "pass" if core["rank_pass"] else "fail",
        f"{label} ranks #{core['rank']} in betweenness ({core['betweenness']:.3f}; "
        f"the highest other actor has {others}).",
    )

    share = core["bloc_share"]
    crit["bridge"] = Criterion(
        "bridge",
        "Bridge",
        "share of shortest paths between actors of different blocs through the focus; "
        "bloc pairs cut apart by removing it",
        share,
        BRIDGE_SHARE,
        "pass" if core["bridge_pass"] else "fail",
        f"{_pct(share)} of shortest paths between blocs pass through {label}; removing it "
        f"cuts {core['blocs_cut']} bloc pair(s) apart.",
    )

    br = core["brokerage"]
    zs = br.z.loc[focus, list(_CROSS_ROLES)]
    cs = br.counts.loc[focus, list(_CROSS_ROLES)]
    es = br.expected.loc[focus, list(_CROSS_ROLES)]
    detail = ", ".join(
        f"{r} {int(cs[r])} (expected {es[r]:.1f}, z {_fmt(float(zs[r]))})" for r in _CROSS_ROLES
    )
    crit["brokerage"] = Criterion(
        "brokerage",
        "Brokerage",
        "Gould-Fernandez cross-bloc roles (liaison + gatekeeper + representative) vs their "
        "expected count under the density null",
        float(cs.sum()),
        float(es.sum()),
        "pass" if core["brokerage_pass"] else "fail",
        f"{detail}; "
        + (
            f"above expectation: {', '.join(core['roles_above'])}."
            if core["roles_above"]
            else "no cross-bloc role above expectation."
        ),
    )

    test = nulls.null_test(
        S,
        ("betweenness", focus),
        null=null,
        samples=samples,
        seed=seed,
        alpha=alpha,
        sequential=sequential,
        n_jobs=n_jobs,
        progress=progress,
    )
    if not test.testable:
        status, sentence = "not testable", f"The {null} null cannot test this: {test.reason}."
    else:
        status = "pass" if test.p_value <= alpha else "fail"
        sentence = (
            f"Betweenness {test.observed:.3f} vs mean {np.mean(test.samples):.3f} in {test.n} "
            f"degree-preserving rewirings (p = {test.p_value:.3g}): "
            + (
                "more than its degree alone explains."
                if status == "pass"
                else "not more than its number of ties alone would give it."
            )
        )
    crit["beyond_degree"] = Criterion(
        "beyond_degree",
        "Beyond degree",
        f"Monte Carlo p-value of the focus's betweenness under the {null} null "
        "(same degrees), vs alpha",
        test.p_value if test.testable else None,
        alpha,
        status,
        sentence,
    )

    main = {k: core[k] for k in ("rank_pass", "bridge_pass", "brokerage_pass")}
    variants = _variants(
        G,
        focus,
        bloc,
        blocs_source,
        alternatives=alternatives,
        exclude=exclude,
        alpha=alpha,
        main=main,
    )
    if variants.empty:
        crit["robustness"] = Criterion(
            "robustness",
            "Robustness",
            "share of variants where rank and bridge still hold",
            None,
            ROBUST_SHARE,
            "n/a",
            "No variants: the graph has no paragraph provenance, no other views were given "
            "and its blocs are already detected.",
        )
    else:
        holds = float(variants["claim_holds"].mean())
        worst = variants.loc[~variants["claim_holds"], "variant"].tolist()
        crit["robustness"] = Criterion(
            "robustness",
            "Robustness",
            "share of variants (leave one paragraph out, other views, detected blocs) where "
            "rank and bridge still hold",
            holds,
            ROBUST_SHARE,
            "pass" if holds >= ROBUST_SHARE else "fail",
            f"Rank and bridge hold in {int(variants['claim_holds'].sum())} of {len(variants)} "
            "variants"
            + (
                f"; not in: {', '.join(worst[:4])}" + ("..." if len(worst) > 4 else "")
                if worst
                else ""
            )
            + ".",
        )

    fshare, chance = _framing(G, focus)
    limit = max(FRAMING_SHARE, 3 * chance) if chance == chance else FRAMING_SHARE
    star = fshare == fshare and fshare > limit
    crit["framing"] = Criterion(
        "framing",
        "Framing bias",
        "share of the view's tie weight that touches the focus",
        fshare,
        limit,
        "fail" if star else "pass",
        f"{_pct(fshare)} of the tie weight touches {label} (an average actor: {_pct(chance)}); "
        + (
            "the network is a star drawn around it, so its high centrality partly reflects "
            "what the source chose to record."
            if star
            else "the network is not a star around it."
        ),
    )
    verdict, sentence = _verdict(crit)
    params = {
        "samples": samples,
        "seed": seed,
        "alpha": alpha,
        "null": null,
        "sequential": sequential,
        "samples_drawn": test.n,
        "blocs": blocs if isinstance(blocs, str) else "mapping",
    }
    return ClaimResult(
        focus=focus,
        focus_label=label,
        view=view_name,
        verdict=verdict,
        verdict_sentence=sentence,
        criteria=tuple(crit.values()),
        measures=core["measures"],
        brokerage=br,
        null=test,
        variants=variants,
        blocs_source=blocs_source,
        parameters=params,
    )


def _pct(x: float) -> str:
    return "-" if x != x else f"{100 * x:.0f}%"
