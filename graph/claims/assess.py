r"""The claim test: "X is a bridge between blocs", as criteria that can each fail, and a verdict.

:func:`assess_bridge_claim` checks its options once
(:class:`~graph.claims.options.ClaimOptions`,
:func:`~graph.claims.arguments.checked_arguments`), makes the run's plan
(:func:`graph.claims.plan.plan_claim`: the test graph, samples, estimator,
null, blocs, sides, variants), computes every criterion from it
(:mod:`graph.claims.criteria`), applies the verdict rule, and reruns the
whole test on the robustness variants, each with its own plan. The result is
numbers; :mod:`graph.report` puts them into words.

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

from collections.abc import Mapping
from typing import NamedTuple

import networkx as nx
import pandas as pd

from graph import memory, nulls
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
from graph.claims.options import ClaimOptions
from graph.claims.plan import ClaimPlan, plan_claim, plan_variant
from graph.claims.result import ClaimResult, Criterion
from graph.claims.variants import Ahead, robustness_criterion
from graph.fold import fold_arrays
from graph.measures import actor_measures

__all__ = ["CRITERIA", "VERDICT_CRITERIA", "assess_bridge_claim", "verdict_of"]

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


class _Run(NamedTuple):
    """One run's numbers: its criteria (robustness aside), verdict, null tests and measures."""

    criteria: dict
    verdict: str
    tests: dict
    measures: pd.DataFrame | None


def _measures(plan: ClaimPlan) -> pd.DataFrame | None:
    """What a run computes before its null tests: the measures table, the arrays at scale.

    Above the size rule the arrays the null tests read (the fold and the
    two-mode structure, kept by :func:`graph.memory.reused`) are built here,
    so that a variant prepared ahead has them ready; threads compute the
    measures there (the numbers do not depend on them).
    """
    T = plan.graph
    measures = None
    if plan.measures:
        n_jobs = plan.options.n_jobs if plan.large else 1
        measures = actor_measures(T, blocs=plan.blocs, n_jobs=n_jobs)
    if plan.large:
        fold_arrays(T, None)
        nulls.two_mode_arrays(T)
    return measures


def _prepared_variant(main: ClaimPlan, variant, cache: dict):
    """A variant's plan and measures (None: the focus is not in its graph)."""
    plan = plan_variant(main, variant, cache=cache)
    return None if plan is None else (plan, _measures(plan))


def _tests(plan: ClaimPlan) -> dict:
    """The null tests of a run, with the plan's samples, stopping, seed, null and blocs."""
    T, focus, o = plan.graph, plan.focus, plan.options
    common = {
        "samples": plan.samples,
        "seed": o.seed,
        "alpha": o.alpha,
        "sequential": o.sequential,
        "stop_after": plan.stop_after,
        "swaps_per_edge": plan.swaps_per_edge,
        "n_jobs": o.n_jobs,
        "progress": plan.progress,
    }
    beyond, broker = nulls.null_tests(  # one ensemble: the same null, the same samples
        T, [("betweenness", focus), ("brokerage", focus)], null=plan.null, attr=plan.blocs, **common
    )
    spec = nulls.null_test(
        T,
        ("bloc_pair_betweenness", focus),
        null="permute_blocs",
        attr=plan.blocs,
        strata=_strata(T),
        **common,
    )
    return {"beyond_degree": beyond, "bloc_specificity": spec, "brokerage": broker}


def _run(plan: ClaimPlan, measures: pd.DataFrame | None) -> _Run:
    """Every criterion but robustness, as the plan says; their verdict.

    Above the size rule the bridge criterion takes the focus's bloc-pair
    betweenness from its test's estimate (the same sampled pairs as every
    null sample).
    """
    T, focus, alpha = plan.graph, plan.focus, plan.options.alpha
    tests = _tests(plan)
    if measures is not None and not plan.large:
        bloc_share = float(measures.loc[focus, "bloc_pair_betweenness"])
    else:
        bloc_share = tests["bloc_specificity"].observed
    named = plan.options.between is not None
    crit = {
        "source": source_criterion(T, focus),
        "bridge": bridge_criterion(T, focus, plan.sides, named=named, bloc_share=bloc_share),
        "bloc_specificity": null_criterion("bloc_specificity", tests["bloc_specificity"], alpha),
        "beyond_degree": null_criterion(
            "beyond_degree", tests["beyond_degree"], alpha, effect=True
        ),
        "brokerage": brokerage_criterion(T, focus, plan.blocs, tests["brokerage"], alpha),
        "mediation": mediation_criterion(plan.prepared.signed, focus, plan.sides),
        "framing": framing_criterion(T, focus),
    }
    if measures is not None:
        crit["rank"] = rank_criterion(measures, focus)
    return _Run(crit, verdict_of(crit), tests, measures)


def _variants(focus, ahead: Ahead) -> pd.DataFrame:
    """Rerun the whole test (robustness aside) on each variant; one row per variant.

    Only the row of a finished variant is kept: its test graph is freed while the
    next variant runs and the one after is prepared (at 10^6 ties each holds
    about 0.4 GB). networkx's cached views would tie the test graph into a reference
    cycle, left to the collector's next full pass (the peak rose by 0.13 GB); without
    them reference counting frees it at once.
    """
    rows = []
    for variant, prepared in ahead:
        row = {"kind": variant.kind, "value": variant.value, "focus_present": prepared is not None}
        if prepared is None:
            rows.append(row | {"verdict": None})
            continue
        rows.append(row | _variant_row(_run(*prepared), focus))
        memory.without_cached_views(prepared[0].graph)  # no cycle left: freed on the next line
        prepared = None  # freed before the next variant is waited for
    return pd.DataFrame(rows)


def _variant_row(run: _Run, focus) -> dict:
    """A variant's verdict, criteria statuses and the focus's betweenness and bridge share."""
    crit = run.criteria
    statuses = ("source", "bridge", "bloc_specificity", "beyond_degree", "brokerage")
    measures = run.measures
    return (
        {"verdict": run.verdict}
        | {k: crit[k].status for k in statuses}
        | {
            "betweenness": float(measures.loc[focus, "betweenness"])
            if measures is not None
            else run.tests["beyond_degree"].observed,
            "bridge_share": crit["bridge"].observed,
        }
    )


def _parameters(plan: ClaimPlan, run: _Run) -> dict:
    """The result's parameters: the options as asked, and what the plan made of them."""
    o, tests = plan.options, run.tests
    between = o.between
    return {
        "samples": o.samples,
        "seed": tests["beyond_degree"].seed,
        "alpha": o.alpha,
        "null": plan.null,
        "sequential": o.sequential,
        "samples_drawn": {k: t.n for k, t in tests.items()},
        "blocs": o.blocs if isinstance(o.blocs, str) else "mapping",
        "between": list(between) if between is not None else None,
        "between_labels": [_label(plan.graph, b) for b in between] if between else None,
        "sides": {k: sorted(v, key=str) for k, v in plan.sides.items()}
        if between is not None
        else None,
        "ties": o.ties,
        "places": o.places,
        "include_claim_ties": o.include_claim_ties,
        "approximations": plan.approximations(tests, run.measures),
    }


def _result(G: nx.Graph, plan: ClaimPlan, run: _Run, variants: pd.DataFrame) -> ClaimResult:
    """The ClaimResult of the main run, with robustness."""
    crit = dict(run.criteria)
    crit["robustness"] = robustness_criterion(variants, run.verdict)
    verdict = run.verdict
    if verdict == "supported" and crit["robustness"].status == "fail":
        verdict = "partly supported"
    T, focus = plan.graph, plan.focus
    tested = {
        "nodes": T.number_of_nodes(),
        "edges": T.number_of_edges(),
        **{k: list(v) for k, v in plan.prepared.left_out.items()},
    }
    br = None
    if any(b is not None for b in plan.blocs.values()):
        br = brokerage(T, blocs=plan.blocs)
    return ClaimResult(
        focus=focus,
        focus_label=str(G.nodes[focus].get("label") or focus),
        view=G.graph.get("view", "graph"),
        verdict=verdict,
        criteria=tuple(crit[k] for k in CRITERIA),
        measures=run.measures,
        brokerage=br,
        nulls=run.tests,
        variants=variants,
        blocs_source=plan.blocs_source,
        tested=tested,
        parameters=_parameters(plan, run),
        blocs=dict(plan.blocs),
        graph=T,
        plan=plan,
    )


def assess_bridge_claim(
    G: nx.Graph,
    focus,
    options: ClaimOptions | None = None,
    *,
    alternatives: Mapping[str, nx.Graph] | None = None,
    **changes,
) -> ClaimResult:
    r"""Test the claim that ``focus`` is a bridge between blocs in ``G``.

    Parameters
    ----------
    G : networkx graph
        A view of :mod:`graph.networks` or any graph.
    focus : node
        The actor the claim is about.
    options : ClaimOptions, optional
        Every option below in one object (:class:`graph.claims.ClaimOptions`);
        keywords change it. A keyword that is not an option is a TypeError
        naming the closest one.
    blocs : str or mapping, default "bloc"
        Node attribute holding each actor's bloc, a mapping node -> bloc, or
        "detected". An attribute or mapping that gives fewer than two blocs
        falls back to blocs detected from structure
        (:func:`graph.blocs.detect_blocs`), and the result says so. An actor
        without a bloc is a bloc of its own. The blocs the test used are
        ``ClaimResult.blocs``.
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
    samples : int, default 10,000
        Null-model samples per test (an upper bound with ``sequential``);
        robustness variants and large graphs draw fewer
        (:mod:`graph.claims.plan`).
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
        (a TypeError) If ``focus`` is None or unhashable, ``between`` is a
        string or a side's nodes are, an option has the wrong type, or a
        keyword is not an option.
    graph.errors.DataError
        (a ValueError) If ``focus`` is not a node of ``G``, a side has no
        node or a node that is not in ``G``, a name in ``between`` is neither
        a bloc nor a node id, or an option is out of range.

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
       :data:`graph.claims.ROBUST_SHARE` of the variants give the same verdict.
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
    given = ClaimOptions.given(options, ("options", "alternatives"), **changes)
    opts = checked_arguments(G, focus, given)
    with memory.arrays_reused():  # the test graphs are folded once, whatever reads them
        cache: dict = {}
        plan = plan_claim(G, focus, opts, alternatives=alternatives, cache=cache)
        measures = _measures(plan)

        def prepare(variant):
            return _prepared_variant(plan, variant, cache)

        # above the size rule a variant is prepared while the run before it tests
        with Ahead(plan.variants, prepare, threaded=plan.large) as ahead:
            main = _run(plan, measures)
            variants = _variants(focus, ahead) if opts.robustness else pd.DataFrame()
        return _result(G, plan, main, variants)
