"""One plan per claim test: every decision of a run, made once from the graph and the options.

:func:`plan_claim` takes the view, the focus and the checked
:class:`~graph.claims.options.ClaimOptions`, and decides, in this order:

1. **fold**: the test graph (:func:`graph.claims.prepare.claim_graph`), in
   one pass without the quotes' provenance (``lean``) when the view is above
   the size rule :data:`graph.sizes.EXACT_NULLS`;
2. **estimator**: exact path statistics, or sampled pairs when the test graph
   is above that rule;
3. **samples and stopping**: the options' samples, capped for a robustness
   variant (:data:`VARIANT_SAMPLES`) and above the size rule
   (:data:`SCALE_SAMPLES`, :data:`SCALE_VARIANT_SAMPLES`), and the sequential
   tests' h (:data:`STOP_AFTER`, :data:`VARIANT_STOP_AFTER`,
   :data:`SCALE_STOP_AFTER`);
4. **null**: two-mode rewiring where the view folds events, rewiring otherwise;
5. **blocs**: the options' attribute or mapping, or blocs detected from
   structure (greedy modularity, Leiden above the size rule) when asked or
   when fewer than two blocs are given; and the **sides** the claim names;
6. **variants**: the robustness reruns (:func:`graph.claims.variants.variant_jobs`),
   each planned in turn by :func:`plan_variant`.

Every stage reads the :class:`ClaimPlan` and decides nothing of its own: the
criteria and the null tests take its samples, seed and blocs; figures, the
report and the world's comparison take its blocs (``ClaimResult.blocs``)
and its approximations (:meth:`ClaimPlan.approximations`).

Examples
--------
>>> import networkx as nx
>>> from graph.claims.options import ClaimOptions
>>> G = nx.barbell_graph(4, 1)
>>> p = plan_claim(G, 4, ClaimOptions(samples=99, blocs="detected"))
>>> p.samples, p.stop_after, p.estimator, p.blocs_source, p.bloc_method
(99, 50, 'exact', 'detected', 'greedy modularity')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph import nulls, sizes
from graph.blocs import detect_blocs, resolve_blocs
from graph.claims.options import ClaimOptions
from graph.claims.prepare import ClaimGraph, claim_graph, claimed_sides
from graph.claims.variants import Variant, variant_jobs

__all__ = [
    "STOP_AFTER",
    "VARIANT_SAMPLES",
    "VARIANT_STOP_AFTER",
    "SCALE_SAMPLES",
    "SCALE_VARIANT_SAMPLES",
    "SCALE_STOP_AFTER",
    "SCALE_SWAPS",
    "WORLD_SAMPLES",
    "ClaimPlan",
    "plan_claim",
    "plan_variant",
    "world_samples",
]

#: Sequential tests of the main run stop once this many samples are at least as extreme
#: as the observed value (Besag and Clifford's h): enough samples for the null's mean and
#: interval to be estimated, not only the decision.
STOP_AFTER = 50

#: Most null samples per test in each robustness variant (a variant needs its decision,
#: not a precise p-value) ...
VARIANT_SAMPLES = 500
#: ... whose sequential tests stop after this many extreme samples.
VARIANT_STOP_AFTER = 10

#: Above the size rule :data:`graph.sizes.EXACT_NULLS`, where a null sample costs 0.1 s
#: or more: most null samples per test in the main run (p-values down to 1/101) ...
SCALE_SAMPLES = 100
#: ... and in each robustness variant (p-values down to 1/21, enough to pass at 0.05);
SCALE_VARIANT_SAMPLES = 20
#: sequential tests stop after this many extreme samples (main run, variants).
SCALE_STOP_AFTER = (10, 5)

#: Swap trials per tie in each null sample's chain above the size rule (below it, the null
#: tests' default, :data:`graph.nulls.SWAPS_PER_EDGE`), where one trial per tie of a view
#: of 10^6 ties costs about 0.3 s. Each sample is a fresh chain from Besag and Clifford's
#: hub, so the p-value is exact for any number of trials; fewer trials only cost power if
#: the samples stay close to the hub.
#: Measured on the benchmark's 10^5 actors / 7.4 * 10^5 ties (bench/README.md): after 3
#: trials per tie all but e^-6 (0.25%) of the ties have been swapped at least once, and the
#: autocorrelation of the focus's betweenness and brokerage along the chain is within
#: sampling noise from a lag of one trial per tie.
SCALE_SWAPS = 3

#: Most null samples per test on a world layer (sequential stopping ends most tests sooner).
WORLD_SAMPLES = 1000

#: How blocs are found, by their source and the size rule.
_METHODS = {False: "greedy modularity", True: "Leiden (modularity)"}


@dataclass(frozen=True)
class ClaimPlan:
    """Every decision of one run of the claim test (the main run or a robustness variant).

    Attributes
    ----------
    focus : the node the claim is about
    options : the checked options the plan was made from
    prepared : the test graph, its signed version and what was left out
    variant : the rerun this plan is for (None: the main run)
    lean : the test graph was folded in one pass (weights and signs only)
    large : the test graph is above :data:`graph.sizes.EXACT_NULLS`
    estimator : "exact" or "sampled pairs" (path statistics of the null tests)
    samples, stop_after : most null samples per test, and the sequential h
    swaps_per_edge : swap trials per tie in each rewired null sample
    progress : show the null tests' progress bars
    null : the degree-preserving null ("twomode" or "rewire")
    blocs : node -> bloc (None: no bloc, a singleton of its own) on the test graph
    blocs_source : "attribute", "mapping" or "detected"
    bloc_method : how the blocs were found: "coded", "greedy modularity" or
        "Leiden (modularity)"
    sides : side name -> its nodes in the test graph
    measures : compute the measures table (a large variant needs the focus's
        estimates only)
    variants : the robustness reruns (main run only)
    """

    focus: Any
    options: ClaimOptions
    prepared: ClaimGraph
    variant: Variant | None
    lean: bool
    large: bool
    estimator: str
    samples: int
    stop_after: int
    swaps_per_edge: float
    progress: bool
    null: str
    blocs: Mapping
    blocs_source: str
    bloc_method: str
    sides: Mapping[str, frozenset]
    measures: bool
    variants: tuple[Variant, ...] = ()

    @property
    def graph(self) -> nx.Graph:
        """The test graph."""
        return self.prepared.graph

    def approximations(self, tests: Mapping, measures) -> dict:
        """What the size rule changed, for the report: empty when every number is exact."""
        if not self.large:
            return {}
        return {
            "rule": f"nodes x edges above {sizes.EXACT_NULLS:,}",
            "estimator": self.estimator,
            "pairs": nulls.SCALE_PAIRS,
            "standard_error": {
                k: t.standard_error for k, t in tests.items() if t.estimator != "exact"
            },
            "samples": self.samples,
            "stop_after": self.stop_after,
            "variant_samples": SCALE_VARIANT_SAMPLES,
            "variant_stop_after": SCALE_STOP_AFTER[1],
            "swaps_per_edge": self.swaps_per_edge,
            "measures_sources": measures.attrs.get("betweenness_k")
            if measures is not None
            else None,
            "measures_error": measures.attrs.get("betweenness_error")
            if measures is not None
            else None,
            "blocs_detection": _METHODS[True],
        }


def _samples(options: ClaimOptions, variant: bool, large: bool) -> tuple[int, int]:
    """The most samples per test and the sequential h, for a run of this kind and size."""
    samples = min(options.samples, VARIANT_SAMPLES) if variant else options.samples
    stop_after = VARIANT_STOP_AFTER if variant else STOP_AFTER
    if large:
        samples = min(samples, SCALE_VARIANT_SAMPLES if variant else SCALE_SAMPLES)
        stop_after = min(stop_after, SCALE_STOP_AFTER[variant])
    return samples, stop_after


def _blocs(T: nx.Graph, spec, large: bool) -> tuple[dict, str, str]:
    """The test graph's blocs, their source and how they were found.

    Coded blocs (an attribute or a mapping) that give fewer than two blocs fall
    back to blocs detected from structure.
    """
    method = "leiden" if large else "greedy"
    if isinstance(spec, str) and spec == "detected":
        return detect_blocs(T, method=method), "detected", _METHODS[large]
    bloc_of = resolve_blocs(T, spec)
    if len({b for b in bloc_of.values() if b is not None}) < 2:
        return detect_blocs(T, method=method), "detected", _METHODS[large]
    return bloc_of, "mapping" if isinstance(spec, Mapping) else "attribute", "coded"


def _prepared(G: nx.Graph, focus, options: ClaimOptions, cache: dict | None, variant: bool):
    """The test graph of ``G`` (the main run's is kept in ``cache`` for variants that share it)."""
    key = (id(G), options.claim_ties, options.include_claim_ties, options.ties, options.places)
    prepared = None if cache is None else cache.get(key)
    if prepared is None:
        prepared = claim_graph(
            G,
            focus,
            claim_ties=options.claim_ties,
            include_claim_ties=options.include_claim_ties,
            ties=options.ties,
            places=options.places,
            lean=_lean(G),
        )
        if cache is not None and not variant:  # variants reuse the main run's graph only
            cache[key] = prepared
    return prepared


def _lean(G: nx.Graph) -> bool:
    """Fold the test graph in one pass when the view is above the size rule."""
    return sizes.above(sizes.Size.of(G), "EXACT_NULLS")


def plan_claim(
    G: nx.Graph,
    focus,
    options: ClaimOptions,
    *,
    alternatives: Mapping[str, nx.Graph] | None = None,
    cache: dict | None = None,
    variant: Variant | None = None,
    sides: Mapping[str, frozenset] | None = None,
) -> ClaimPlan:
    """Make the plan of one run of the claim test on ``G`` (see the module's docstring).

    Parameters
    ----------
    G : networkx graph
        The view (or a variant's graph).
    focus : node
    options : ClaimOptions
        Checked options (:func:`graph.claims.arguments.checked_arguments`).
    alternatives : mapping of name -> graph, optional
        Other views, rerun as robustness variants (main run only).
    cache : dict, optional
        Test graphs already prepared, by view and options.
    variant : Variant, optional
        The rerun this plan is for: no progress bars, fewer samples, no
        variants of its own.
    sides : mapping, optional
        A variant tests the main run's sides (when the claim names them),
        whatever its blocs.

    Returns
    -------
    ClaimPlan
    """
    if variant is not None:
        options = dataclasses.replace(options, **dict(variant.change))
    prepared = _prepared(G, focus, options, cache, variant is not None)
    T = prepared.graph
    large = sizes.above(sizes.Size.of(T), "EXACT_NULLS")
    samples, stop_after = _samples(options, variant is not None, large)
    bloc_of, source, method = _blocs(T, options.blocs, large)
    if sides is None:
        sides = claimed_sides(T, options.between, bloc_of, known=options.known)
    else:
        sides = {k: frozenset(v & set(T)) for k, v in sides.items()}
    null = options.null
    if null == "auto":
        null = "twomode" if nulls.two_mode_arrays(T) is not None else "rewire"
    plan = ClaimPlan(
        focus=focus,
        options=options,
        prepared=prepared,
        variant=variant,
        lean=_lean(G),
        large=large,
        estimator="sampled pairs" if large else "exact",
        samples=samples,
        stop_after=stop_after,
        swaps_per_edge=SCALE_SWAPS if large else nulls.SWAPS_PER_EDGE,
        progress=options.progress and variant is None,
        null=null,
        blocs=bloc_of,
        blocs_source=source,
        bloc_method=method,
        sides=sides,
        measures=not (large and variant is not None),
    )
    if variant is None and options.robustness:
        plan = dataclasses.replace(
            plan, variants=tuple(variant_jobs(G, prepared, source, alternatives))
        )
    return plan


def plan_variant(
    main: ClaimPlan, variant: Variant, *, cache: dict | None = None
) -> ClaimPlan | None:
    """The plan of a robustness variant of ``main`` (None: the focus is not in its graph)."""
    H = variant.make_graph()
    if main.focus not in H:
        return None
    fixed = main.sides if main.options.between is not None else None
    return plan_claim(H, main.focus, main.options, cache=cache, variant=variant, sides=fixed)


def world_samples(asked: int | None, claim_samples: int) -> int:
    """Samples per test on a world layer: as asked, else the claim's, at most :data:`WORLD_SAMPLES`.

    Examples
    --------
    >>> world_samples(None, 10_000), world_samples(200, 10_000)
    (1000, 200)
    """
    return asked or min(claim_samples, WORLD_SAMPLES)
