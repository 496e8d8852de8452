r"""The claim test: "X is a bridge between blocs", as criteria that can each fail, and a verdict.

:func:`assess_bridge_claim` prepares the graph the claim is tested on
(:mod:`graph.claims.prepare`), computes every criterion
(:mod:`graph.claims.criteria`), applies the verdict rule, and reruns the whole
test on robustness variants. The result is numbers; :mod:`graph.report` puts
them into words.

Examples
--------
>>> import networkx as nx
>>> G = nx.disjoint_union(nx.complete_graph(6), nx.complete_graph(6))
>>> G.add_edges_from([("hub", 0), ("hub", 6)])  # the only link, a node of degree 2
>>> blocs = {n: "hub" if n == "hub" else ("A" if n < 6 else "B") for n in G}
>>> r = assess_bridge_claim(G, "hub", blocs=blocs, samples=199, seed=1, progress=False)
>>> r.verdict
'supported'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from graph import memory, nulls
from graph.blocs import detect_blocs, resolve_blocs
from graph.brokerage import brokerage
from graph.claims.arguments import checked_arguments
from graph.claims.criteria import (
    bridge_criterion,
    brokerage_criterion,
    framing_criterion,
    mediation_criterion,
    null_criterion,
    rank_criterion,
    source_criterion,
)
from graph.claims.prepare import claim_graph, claimed_sides
from graph.claims.result import ClaimResult, Criterion
from graph.claims.variants import ROBUST_SHARE, Ahead, Variant, robustness_criterion, variant_jobs
from graph.fold import fold_arrays
from graph.measures import actor_measures

__all__ = [
    "CRITERIA",
    "VERDICT_CRITERIA",
    "ROBUST_SHARE",
    "VARIANT_SAMPLES",
    "STOP_AFTER",
    "SCALE_SAMPLES",
    "SCALE_VARIANT_SAMPLES",
    "SCALE_STOP_AFTER",
    "assess_bridge_claim",
    "verdict_of",
]

#: The criteria, in the order reports show them.
CRITERIA: tuple[str, ...] = (
    "source",
    "bridge",
    "bloc_specificity",
    "beyond_degree",
    "brokerage",
    "robustness",
    "rank",
    "mediation",
    "framing",
)

#: The criteria that decide the verdict (:func:`verdict_of`); the others are context and caveats.
VERDICT_CRITERIA: tuple[str, ...] = CRITERIA[:6]

#: Most null samples per test in each robustness variant.
VARIANT_SAMPLES = 500

#: Sequential tests of the main run stop once this many samples are at least as extreme
#: as the observed value (Besag and Clifford's h): enough samples for the null's mean and
#: interval to be estimated, not only the decision. Variants stop at 10.
STOP_AFTER = 50

#: Above the null models' size rule (:func:`graph.nulls.at_scale` of the test graph:
#: nodes times edges above 10^7), where an exact null sample costs 0.1 s or more: most null
#: samples per test in the main run (p-values down to 1/101) ...
SCALE_SAMPLES = 100
#: ... and in each robustness variant (p-values down to 1/21, enough to pass at 0.05);
SCALE_VARIANT_SAMPLES = 20
#: sequential tests stop after this many extreme samples (main run, variants).
SCALE_STOP_AFTER = (10, 5)


def verdict_of(crit: Mapping[str, Criterion]) -> str:
    """The verdict rule of :func:`assess_bridge_claim`, from the criteria (robustness aside).

    Examples
    --------
    >>> ok = {k: Criterion(k, None, None, "pass") for k in CRITERIA}
    >>> verdict_of(ok)
    'supported'
    >>> verdict_of(ok | {"source": Criterion("source", 1.0, 0.9, "fail")})
    'not testable from this source'
    """
    get = crit.get
    if get("source") is not None and crit["source"].status == "fail":
        return "not testable from this source"
    if crit["bridge"].status == "not testable":
        return "not testable from this source"
    spec, beyond = crit["bloc_specificity"], crit["beyond_degree"]
    if not spec.testable and not beyond.testable:
        return "not testable from this source"
    if crit["bridge"].status == "fail" or not (spec.passed or beyond.passed):
        return "not supported"
    broker = get("brokerage")
    if spec.passed and beyond.passed and (broker is None or broker.status != "fail"):
        return "supported"
    return "partly supported"


def _label(G: nx.Graph, name) -> str:
    """A side's name as a reader knows it: a node's label, or the bloc's name."""
    if name in G:
        return str(G.nodes[name].get("label") or name)
    return str(name)


def _strata(G: nx.Graph) -> str | None:
    types = {t for _, t in G.nodes(data="type")}
    return "type" if len(types) > 1 else None


def _setup(
    G: nx.Graph,
    focus,
    *,
    blocs,
    claim_ties,
    include_claim_ties,
    ties,
    places,
    n_jobs=1,
    variant=False,
    cache=None,
    **_,
) -> dict:
    """The part of a run before its null tests: the test graph, its blocs, its measures.

    Above the size rule it also builds the arrays the null tests read (the
    fold and the two-mode structure, kept by :func:`graph.memory.reused`), so
    that a variant prepared ahead (:mod:`graph.claims.variants`) has them
    ready, and a variant skips the measures table (its row needs the focus's
    values only, which its tests estimate) and the rank.
    """
    key = (id(G), tuple(claim_ties), include_claim_ties, ties, places)
    prepared = None if cache is None else cache.get(key)
    if prepared is None:
        prepared = claim_graph(
            G,
            focus,
            claim_ties=claim_ties,
            include_claim_ties=include_claim_ties,
            ties=ties,
            places=places,
        )
        if cache is not None and not variant:  # variants reuse the main run's graph only
            cache[key] = prepared
    T = prepared.graph
    scale = nulls.at_scale(T.number_of_nodes(), T.number_of_edges())
    if isinstance(blocs, str) and blocs == "detected":
        bloc_of, source = _detected(T, scale), "detected"
    else:
        bloc_of = resolve_blocs(T, blocs)
        source = "mapping" if isinstance(blocs, Mapping) else "attribute"
        if len({b for b in bloc_of.values() if b is not None}) < 2:
            bloc_of, source = _detected(T, scale), "detected"
    measures = None
    if not (scale and variant):  # threads at scale (the numbers do not depend on them)
        measures = actor_measures(T, blocs=bloc_of, n_jobs=n_jobs if scale else 1)
    if scale:
        fold_arrays(T, None)
        nulls.two_mode_arrays(T)
    return {
        "prepared": prepared,
        "scale": scale,
        "bloc_of": bloc_of,
        "blocs_source": source,
        "measures": measures,
    }


def _core(
    setup: dict,
    focus,
    *,
    between,
    known,
    samples,
    seed,
    alpha,
    null,
    sequential,
    stop_after,
    n_jobs,
    progress,
    fixed_sides=None,
    variant=False,
    **_,
) -> dict:
    """Every criterion but robustness, on the graph :func:`_setup` prepared; their verdict.

    Above the size rule (:func:`graph.nulls.at_scale` of the test graph) the
    null tests draw at most :data:`SCALE_SAMPLES` (variants:
    :data:`SCALE_VARIANT_SAMPLES`) samples and estimate path statistics from
    sampled pairs.
    """
    prepared, scale, bloc_of = setup["prepared"], setup["scale"], setup["bloc_of"]
    T, measures = prepared.graph, setup["measures"]
    if fixed_sides is None:
        sides = claimed_sides(T, between, bloc_of, known=known)
    else:  # a variant tests the sides of the main run, whatever its blocs
        sides = {k: frozenset(v & set(T)) for k, v in fixed_sides.items()}
    chosen = null
    if null == "auto":
        chosen = "twomode" if nulls.two_mode_arrays(T) is not None else "rewire"
    if scale:
        samples = min(samples, SCALE_VARIANT_SAMPLES if variant else SCALE_SAMPLES)
        stop_after = min(stop_after, SCALE_STOP_AFTER[variant])
    common = {
        "samples": samples,
        "seed": seed,
        "alpha": alpha,
        "sequential": sequential,
        "stop_after": stop_after,
        "n_jobs": n_jobs,
        "progress": progress,
    }
    beyond, broker = nulls.null_tests(  # one ensemble: the same null, the same samples
        T, [("betweenness", focus), ("brokerage", focus)], null=chosen, attr=bloc_of, **common
    )
    tests = {
        "beyond_degree": beyond,
        "bloc_specificity": nulls.null_test(
            T,
            ("bloc_pair_betweenness", focus),
            null="permute_blocs",
            attr=bloc_of,
            strata=_strata(T),
            **common,
        ),
        "brokerage": broker,
    }
    if measures is not None and not scale:
        bloc_share = float(measures.loc[focus, "bloc_pair_betweenness"])
    else:  # the estimate its test made, from the same sampled pairs as every sample
        bloc_share = tests["bloc_specificity"].observed
    crit = {
        "source": source_criterion(T, focus),
        "bridge": bridge_criterion(
            T, focus, sides, named=between is not None, bloc_share=bloc_share
        ),
        "bloc_specificity": null_criterion("bloc_specificity", tests["bloc_specificity"], alpha),
        "beyond_degree": null_criterion(
            "beyond_degree", tests["beyond_degree"], alpha, effect=True
        ),
        "brokerage": brokerage_criterion(T, focus, bloc_of, tests["brokerage"], alpha),
        "mediation": mediation_criterion(prepared.signed, focus, sides),
        "framing": framing_criterion(T, focus),
    }
    if measures is not None:
        crit["rank"] = rank_criterion(measures, focus)
    return {
        "criteria": crit,
        "verdict": verdict_of(crit),
        "graph": T,
        "measures": measures,
        "bloc_of": bloc_of,
        "blocs_source": setup["blocs_source"],
        "tests": tests,
        "left_out": prepared.left_out,
        "null": chosen,
        "sides": sides,
        "scale": scale,
        "samples": samples,
        "stop_after": stop_after,
    }


def _detected(T: nx.Graph, scale: bool) -> dict:
    """Blocs detected from structure: greedy modularity below the size rule, Leiden above.

    networkx's greedy modularity communities (:func:`graph.blocs.detect_blocs`)
    and igraph's version of the same algorithm take hours on 10^5 nodes. Above
    the size rule the blocs are igraph's Leiden communities maximizing
    modularity (iterated until stable, seeded: the same graph gives the same
    blocs), named ``C1``, ``C2``, ... from the largest, as ``detect_blocs``
    names them.
    """
    if not scale:
        return detect_blocs(T)
    import random

    import igraph as ig

    X = fold_arrays(T, "weight")
    g = ig.Graph(n=X.n, edges=np.column_stack([X.a, X.b]).tolist())
    if g.ecount() == 0:
        return {v: f"C{i + 1}" for i, v in enumerate(X.nodes)}
    with nulls.engine.igraph_rng(random.Random(0)):
        found = g.community_leiden(
            objective_function="modularity", weights=X.w.tolist(), n_iterations=-1
        )
    member = np.asarray(found.membership)
    size = np.bincount(member)
    first = np.full(size.size, X.n)
    np.minimum.at(first, member, np.arange(X.n))
    rank = np.empty(size.size, dtype=np.int64)
    rank[np.lexsort((first, -size))] = np.arange(size.size)  # largest first, as detect_blocs
    return {v: f"C{rank[c] + 1}" for v, c in zip(X.nodes, member.tolist(), strict=True)}


def _variants(focus, main: dict, settings: dict, ahead: Ahead) -> pd.DataFrame:
    """Rerun the whole test (robustness aside) on each variant; one row per variant.

    Only the row of a finished variant is kept: its test graph is freed while the
    next variant runs and the one after is prepared (at 10^6 ties each holds
    about 0.4 GB).
    """
    rows = []
    fixed = main["sides"] if settings["between"] is not None else None
    for variant, setup in ahead:
        row = {"kind": variant.kind, "value": variant.value, "focus_present": setup is not None}
        if setup is None:
            rows.append(row | {"verdict": None})
            continue
        change = {"fixed_sides": fixed, "variant": True} | dict(variant.change)
        rows.append(row | _variant_row(_core(setup, focus, **(settings | change)), focus))
        setup = None  # freed before the next variant is waited for
    return pd.DataFrame(rows)


def _variant_row(core: dict, focus) -> dict:
    """A variant's verdict, criteria statuses and the focus's betweenness and bridge share."""
    crit = core["criteria"]
    statuses = ("source", "bridge", "bloc_specificity", "beyond_degree", "brokerage")
    measures = core["measures"]
    return (
        {"verdict": core["verdict"]}
        | {k: crit[k].status for k in statuses}
        | {
            "betweenness": float(measures.loc[focus, "betweenness"])
            if measures is not None
            else core["tests"]["beyond_degree"].observed,
            "bridge_share": crit["bridge"].observed,
        }
    )


def _approximations(main: dict, variants: pd.DataFrame) -> dict:
    """What the size rule changed, for the report: empty when every number is exact."""
    if not main["scale"]:
        return {}
    tests = main["tests"]
    m = main["measures"]
    return {
        "rule": f"nodes x edges above {nulls.SCALE_WORK:,}",
        "estimator": "sampled pairs",
        "pairs": nulls.SCALE_PAIRS,
        "standard_error": {k: t.standard_error for k, t in tests.items() if t.estimator != "exact"},
        "samples": main["samples"],
        "stop_after": main["stop_after"],
        "variant_samples": SCALE_VARIANT_SAMPLES,
        "variant_stop_after": SCALE_STOP_AFTER[1],
        "measures_sources": m.attrs.get("betweenness_k") if m is not None else None,
        "measures_error": m.attrs.get("betweenness_error") if m is not None else None,
        "blocs_detection": "Leiden (modularity)",
    }


def assess_bridge_claim(
    G: nx.Graph,
    focus,
    *,
    blocs: str | Mapping = "bloc",
    between: Sequence[str] | Mapping[str, Iterable] | None = None,
    known: Iterable = (),
    claim_ties: Iterable[int] = (),
    include_claim_ties: bool = False,
    ties: str = "channels",
    places: bool = False,
    samples: int = 1000,
    seed: int | np.random.Generator | None = 0,
    alpha: float = 0.05,
    null: str = "auto",
    alternatives: Mapping[str, nx.Graph] | None = None,
    robustness: bool = True,
    sequential: bool = True,
    n_jobs: int | None = 1,
    progress: bool = True,
) -> ClaimResult:
    r"""Test the claim that ``focus`` is a bridge between blocs in ``G``.

    Parameters
    ----------
    G : networkx graph
        A view of :mod:`graph.build` or any graph.
    focus : node
        The actor the claim is about.
    blocs : str or mapping, default "bloc"
        Node attribute holding each actor's bloc, a mapping node -> bloc, or
        "detected". An attribute or mapping that gives fewer than two blocs
        falls back to blocs detected from structure
        (:func:`graph.blocs.detect_blocs`), and the result says so. An actor
        without a bloc is a bloc of its own.
    between : sequence of str or mapping, optional
        What the claim says the focus connects: bloc names or node ids (two or
        more), or a mapping side name -> nodes. The bridge criterion then uses
        these sides and reports each pair; by default every pair of blocs.
    known : iterable, optional
        Node ids of the whole dataset (a name in ``between`` that this view
        lacks is then an empty side, not an error).
    claim_ties, include_claim_ties, ties, places
        What the test graph holds: see :func:`graph.claims.prepare.claim_graph`.
        By default the claim's own ties (``links``, and ``claim_ties``), the
        conflictual ties and places are left out.
    samples : int, default 1000
        Null-model samples per test (an upper bound with ``sequential``);
        robustness variants draw at most :data:`VARIANT_SAMPLES`.
    seed : int, numpy Generator or None, default 0
        The same inputs and seed give the same result.
    alpha : float, default 0.05
        Significance level.
    null : {"auto", "twomode", "rewire"}, default "auto"
        The degree-preserving null of the beyond-degree and brokerage
        criteria: "twomode" rewires who takes part in which event and folds
        each sample as the view does (:mod:`graph.nulls.twomode`); "rewire"
        rewires the graph itself; "auto" takes "twomode" for a view that
        folds events, "rewire" otherwise.
    alternatives : mapping of name -> graph, optional
        Other views of the same data, rerun as robustness variants.
    robustness : bool, default True
        Run the robustness variants.
    sequential, n_jobs, progress
        Passed to :func:`graph.nulls.null_test`; ``n_jobs`` above the CPUs
        available is lowered to them (:func:`graph.workers.capped_jobs`).

    Returns
    -------
    ClaimResult

    Raises
    ------
    graph.errors.DataTypeError
        (a TypeError) If ``focus`` is None or unhashable, or ``between`` is a
        string or a side's nodes are.
    graph.errors.DataError
        (a ValueError) If ``focus`` is not a node of ``G``, a side has no
        node, or a name in ``between`` is neither a bloc nor a node id.

    Notes
    -----
    The criteria (:data:`CRITERIA`), each with what it is compared with:

    1. **source**: is the source an ego network of the focus
       (:func:`graph.claims.prepare.source_design`)? Then path-based criteria
       cannot tell a hub from a bridge.
    2. **bridge**: the share of shortest paths between the claimed sides that
       run through the focus, above 1/2, or its removal cuts them apart.
    3. **bloc specificity**: the focus's bloc-pair betweenness against bloc
       labels permuted over the fixed graph (within node types): fails when
       other labellings would put it in the same place, as for a star's hub.
    4. **beyond degree**: the focus's betweenness against the
       degree-preserving null (two-mode where the view folds events).
    5. **brokerage**: pairs of the focus's contacts in different blocs that are
       not tied to each other, against the same null (blocs fixed); sna's
       density-null z-scores are in ``brokerage`` as description.
    6. **robustness**: the whole test rerun without each paragraph, in each
       other view, with detected blocs, with the claim's own ties, with
       conflictual ties, with places; passes when at least
       :data:`ROBUST_SHARE` of the variants give the same verdict.
    7-9. **rank** (highest betweenness), **mediation** (two sides in conflict,
       the focus tied positively to both) and **framing** (the focus's share
       of the tie weight against the largest other's) are context and caveats,
       not part of the verdict.

    Null-based criteria (3-5) pass when :math:`p \le \alpha`; their effect
    (the share of the observed value the null's mean gives) is reported
    beside p. Beyond degree also needs the effect: the degree-preserving
    null may give at most 3/4 of the observed betweenness
    (:data:`graph.claims.criteria.EFFECT_SHARE`), or the position is what the
    number of ties gives.

    Verdict rule (:func:`verdict_of`): **not testable from this source** when
    the source is an ego network of the focus, when no pair of the claimed
    sides is joined at all, or when neither bloc specificity nor beyond degree
    can be tested; else **not supported** when the bridge fails, or when
    neither bloc specificity nor beyond degree passes; **supported** when
    bridge, bloc specificity and beyond degree pass and brokerage does not
    fail (and robustness does not fail: otherwise partly supported);
    **partly supported** otherwise. "Supported" needs two independent
    Monte Carlo tests at level alpha, so on random graphs it comes out at most
    at rate alpha.

    Examples
    --------
    A star's hub lies on every path whatever the blocs: the source cannot test it.

    >>> star = nx.star_graph(8)
    >>> nx.set_node_attributes(star, {n: "AB"[n % 2] for n in star}, "bloc")
    >>> assess_bridge_claim(star, 0, samples=99, progress=False).verdict
    'not testable from this source'
    """
    n_jobs = checked_arguments(G, focus, between=between, n_jobs=n_jobs)
    settings = {
        "between": dict(between) if isinstance(between, Mapping) else between,
        "known": tuple(known),
        "claim_ties": tuple(claim_ties),
        "include_claim_ties": include_claim_ties,
        "ties": ties,
        "places": places,
        "samples": samples,
        "seed": seed,
        "alpha": alpha,
        "null": null,
        "sequential": sequential,
        "stop_after": STOP_AFTER,
        "n_jobs": n_jobs,
        "progress": progress,
    }
    with memory.arrays_reused():  # the test graphs are folded once, whatever reads them
        cache: dict = {}
        first = _setup(G, focus, blocs=blocs, cache=cache, **settings)
        quiet = settings | {
            "blocs": blocs,
            "samples": min(samples, VARIANT_SAMPLES),
            "stop_after": 10,
            "progress": False,
        }
        jobs = variant_jobs(G, first, alternatives) if robustness else []

        def prepare(variant: Variant):
            H = variant.make_graph()
            if focus not in H:
                return None
            return _setup(H, focus, **(quiet | dict(variant.change)), variant=True, cache=cache)

        with Ahead(jobs, prepare) as ahead:  # a variant is prepared while the run before it tests
            main = _core(first, focus, **settings)
            crit = dict(main["criteria"])
            verdict = main["verdict"]
            variants = _variants(focus, main, quiet, ahead) if robustness else pd.DataFrame()
        crit["robustness"] = robustness_criterion(variants, verdict)
        if verdict == "supported" and crit["robustness"].status == "fail":
            verdict = "partly supported"
        tests = main["tests"]
        params = {
            "samples": samples,
            "seed": tests["beyond_degree"].seed,
            "alpha": alpha,
            "null": main["null"],
            "sequential": sequential,
            "samples_drawn": {k: t.n for k, t in tests.items()},
            "blocs": blocs if isinstance(blocs, str) else "mapping",
            "between": list(between) if between is not None else None,
            "between_labels": [_label(main["graph"], b) for b in between] if between else None,
            "sides": {k: sorted(v, key=str) for k, v in main["sides"].items()}
            if between is not None
            else None,
            "ties": ties,
            "places": places,
            "include_claim_ties": include_claim_ties,
            "approximations": _approximations(main, variants),
        }
        T = main["graph"]
        tested = {
            "nodes": T.number_of_nodes(),
            "edges": T.number_of_edges(),
            **{k: list(v) for k, v in main["left_out"].items()},
        }
        br = None
        if any(b is not None for b in main["bloc_of"].values()):
            br = brokerage(T, blocs=main["bloc_of"])
        return ClaimResult(
            focus=focus,
            focus_label=str(G.nodes[focus].get("label") or focus),
            view=G.graph.get("view", "graph"),
            verdict=verdict,
            criteria=tuple(crit[k] for k in CRITERIA),
            measures=main["measures"],
            brokerage=br,
            nulls=tests,
            variants=variants,
            blocs_source=main["blocs_source"],
            tested=tested,
            parameters=params,
            graph=T,
        )
