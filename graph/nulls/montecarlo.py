r"""Monte Carlo tests of a statistic against a null model: :func:`null_test`.

A claim such as "X is a broker" becomes a question a null model can answer:
is X's betweenness higher than in graphs that share what the claim does not
explain (the same degrees, the same size, the same ties with the blocs
reshuffled)? The ensemble is drawn in seeded chunks (the same seed gives the
same samples, whatever the number of workers), optionally with sequential
stopping, and summarized as a :class:`~graph.nulls.result.NullTest`.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 6), (4, 6)])
>>> res = null_test(G, ("betweenness", 2), samples=50, seed=0, progress=False)
>>> res.n, res.testable, round(res.observed, 3)
(50, True, 0.267)
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np

from graph.blocs import bloc_codes, resolve_blocs
from graph.fold import fold_arrays, topology
from graph.nulls.engine import STATISTICS, FastTask, TwoModeTask, hub_edges
from graph.nulls.ensemble import CHUNK, at_least_as_extreme, simulate
from graph.nulls.result import NullTest
from graph.nulls.samplers import bloc_attribute, gnm, permute_blocs, rewire, swappable
from graph.nulls.scale import (
    PAIRS_KEY,
    SCALE_PAIRS,
    ScaleTask,
    at_scale,
    chunk_size,
    two_mode_chain,
)
from graph.nulls.twomode import two_mode_arrays

__all__ = ["NULLS", "ALTERNATIVES", "null_test", "null_tests", "at_least_as_extreme"]

#: The null models.
NULLS = ("rewire", "rewire_connected", "twomode", "gnm", "permute_blocs")
#: The alternatives of the test.
ALTERNATIVES = ("greater", "less", "two-sided")
#: Nulls with a large-graph method (:mod:`graph.nulls.scale`); the others stay exact.
SCALED_NULLS = ("rewire", "twomode", "permute_blocs")


@dataclasses.dataclass(frozen=True, eq=False)
class _ReferenceTask:
    """Draw null samples with the networkx samplers and evaluate a callable."""

    func: Callable[[nx.Graph], float]
    null: str
    graph: nx.Graph  # the observed graph
    start: nx.Graph  # where each rewiring chain starts (the hub)
    attr: str
    swaps_per_edge: float

    def stream(self, rng: np.random.Generator) -> Iterator[nx.Graph]:
        while True:
            seed = int(rng.integers(2**63))
            if self.null == "permute_blocs":
                yield permute_blocs(self.start, attr=self.attr, seed=seed)
            elif self.null == "gnm":
                yield gnm(self.start, seed=seed)
            else:
                yield rewire(
                    self.start,
                    seed=seed,
                    connected=self.null == "rewire_connected",
                    swaps_per_edge=self.swaps_per_edge,
                )

    def value(self, sample: nx.Graph) -> float:
        return float(self.func(sample))

    def changed(self, sample: nx.Graph) -> bool:
        if self.null == "permute_blocs":
            return any(
                sample.nodes[v].get(self.attr) != d.get(self.attr)
                for v, d in self.graph.nodes(data=True)
            )
        return _edge_set(sample) != _edge_set(self.graph)


@dataclasses.dataclass(frozen=True, eq=False)
class _JointTask:
    """Several one-statistic tasks that draw the same samples, evaluated on each sample once."""

    tasks: tuple

    def stream(self, rng: np.random.Generator):
        return self.tasks[0].stream(rng)

    def value(self, sample) -> np.ndarray:
        return np.array([t.value(sample) for t in self.tasks])

    def changed(self, sample) -> bool:
        return self.tasks[0].changed(sample)


def _edge_set(H: nx.Graph) -> set[frozenset]:
    return {frozenset(e) for e in H.edges()}


def _p_value(
    values: np.ndarray, observed: float, alternative: str, stopped: bool, stop_after: int
) -> float:
    n = values.size
    if stopped:
        return stop_after / n
    if alternative == "two-sided":
        greater = (at_least_as_extreme(values, observed, "greater").sum() + 1) / (n + 1)
        less = (at_least_as_extreme(values, observed, "less").sum() + 1) / (n + 1)
        return float(min(1.0, 2.0 * min(greater, less)))
    return float((at_least_as_extreme(values, observed, alternative).sum() + 1) / (n + 1))


def _z(values: np.ndarray, observed: float) -> float:
    finite = values[np.isfinite(values)]
    if finite.size < 2 or not math.isfinite(observed):
        return math.nan
    sd = finite.std(ddof=1)
    if sd == 0:
        return math.nan
    return float((observed - finite.mean()) / sd)


def _parse_statistic(statistic: Any) -> tuple[str, Hashable | None, Callable | None]:
    if callable(statistic):
        return getattr(statistic, "__name__", repr(statistic)), None, statistic
    if isinstance(statistic, tuple) and len(statistic) == 2 and statistic[0] in STATISTICS:
        return statistic[0], statistic[1], None
    raise ValueError(
        f"statistic must be a callable nx.Graph -> float or a tuple (name, node) with "
        f"name in {STATISTICS}; got {statistic!r}"
    )


def _seed_entropy(seed: Any) -> int:
    """Return the integer a test's SeedSequence is built from (recorded in the result)."""
    if seed is None:
        return int(np.random.SeedSequence().entropy)
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(2**63))
    if isinstance(seed, int | np.integer) and not isinstance(seed, bool) and seed >= 0:
        return int(seed)
    raise ValueError(f"seed must be None, a non-negative int or a numpy Generator; got {seed!r}")


def _strata(H: nx.Graph, strata: str | Mapping | None) -> np.ndarray | None:
    """Integer stratum of every node (None: one stratum)."""
    if strata is None:
        return None
    if isinstance(strata, str):
        values = [d.get(strata) for _, d in H.nodes(data=True)]
    else:
        values = [strata.get(v) for v in H]
    keys: dict = {}
    return np.array([keys.setdefault(v, len(keys)) for v in values], dtype=np.int64)


def _untestable_reason(
    n: int, m: int, degrees: Callable[[], list], null: str, attr: str, codes: np.ndarray, H=None
) -> str:
    """Why the null model cannot produce a graph other than the observed one ("" if it can)."""
    if n < 4 or m < 2:
        return (
            f"the graph has {n} nodes and {m} edges; a null model needs at least "
            f"4 nodes and 2 edges"
        )
    if null in ("rewire", "rewire_connected") and not swappable(degrees()):
        return (
            "no double-edge swap is possible: the degree sequence has a single "
            "realization (a threshold graph, e.g. a star), so the rewired null "
            "contains only the observed graph"
        )
    if null == "rewire_connected" and not nx.is_connected(H):
        k = nx.number_connected_components(H)
        return (
            f"connected rewiring needs a connected graph and this one has {k} "
            f"components; use null='rewire' or test on the largest component"
        )
    if null == "gnm" and m == n * (n - 1) // 2:
        return "the graph is complete: G(n, m) contains only the observed graph"
    if null == "permute_blocs" and np.unique(codes).size < 2:
        if (codes < 0).all():
            return f"no node has a {attr!r} attribute: there are no blocs to permute"
        return f"every node has the same {attr!r}: permuting blocs cannot change anything"
    return ""


def _check_options(null, alternative, sequential, samples, stop_after, alpha, swaps_per_edge):
    if null not in NULLS:
        raise ValueError(f"null must be one of {NULLS}; got {null!r}")
    if alternative not in ALTERNATIVES:
        raise ValueError(f"alternative must be one of {ALTERNATIVES}; got {alternative!r}")
    if sequential and alternative == "two-sided":
        raise ValueError("sequential=True needs alternative='greater' or 'less'")
    if int(samples) != samples or samples < 1:
        raise ValueError(f"samples must be a positive integer; got {samples!r}")
    if int(stop_after) != stop_after or stop_after < 1:
        raise ValueError(f"stop_after must be a positive integer; got {stop_after!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1); got {alpha!r}")
    if swaps_per_edge < 0:
        raise ValueError(f"swaps_per_edge must be >= 0; got {swaps_per_edge}")


def null_test(
    G: nx.Graph,
    statistic: tuple[str, Hashable] | Callable[[nx.Graph], float],
    *,
    null: str = "rewire",
    samples: int = 1000,
    seed: int | np.random.Generator | None = 0,
    alternative: str = "greater",
    progress: bool = True,
    n_jobs: int | None = 1,
    sequential: bool = False,
    alpha: float = 0.05,
    stop_after: int = 10,
    connected: bool = False,
    attr: str | Mapping = "bloc",
    strata: str | Mapping | None = None,
    swaps_per_edge: float = 10,
) -> NullTest:
    r"""Monte Carlo test of a statistic of ``G`` against a null model.

    Parameters
    ----------
    G : networkx graph
        Folded into an undirected simple graph (edge attributes dropped, node
        attributes kept); ``G`` itself is not modified.
    statistic : tuple or callable
        ``(name, node)`` for a built-in statistic of one node, computed on
        igraph (fast): "betweenness" (normalized, endpoints excluded, equal
        to ``nx.betweenness_centrality(G)[node]``), "bloc_pair_betweenness"
        (equal to ``graph.measures.bloc_pair_betweenness(G, attr)[node]``) or
        "degree". Otherwise a callable ``f(nx.Graph) -> float`` evaluated on
        graphs from the networkx samplers of :mod:`graph.nulls.samplers`
        (reference path, any statistic, slower); with
        ``n_jobs != 1`` it must be picklable by cloudpickle.
    null : {"rewire", "rewire_connected", "twomode", "gnm", "permute_blocs"}, default "rewire"
        The null model: same degrees; same degrees and connected; the
        two-mode null of a view that folds events (:mod:`graph.nulls.twomode`:
        who takes part in which event rewired keeping both degree sequences,
        direct ties rewired keeping degrees, each sample folded as the view
        is; built-in statistics only); same number of nodes and edges; same
        graph with bloc labels shuffled.
    samples : int, default 1000
        Number of null samples (the most drawn when ``sequential=True``).
    seed : int, numpy.random.Generator or None, default 0
        Seed of the whole ensemble. The result records the integer used.
    alternative : {"greater", "less", "two-sided"}, default "greater"
        "greater" asks whether the observed value is higher than the null's.
    progress : bool, default True
        Show a tqdm progress bar (on stderr, or a widget in Jupyter).
    n_jobs : int or None, default 1
        Workers for joblib (loky by default; any backend set with
        ``joblib.parallel_config``, e.g. Dask or Ray, is used; None takes
        ``n_jobs`` from that context). The samples do not depend on it.
    sequential : bool, default False
        Besag & Clifford's sequential p-value: stop once ``stop_after``
        samples are at least as extreme as the observed value.
    alpha : float, default 0.05
        Significance level of :attr:`NullTest.significant`.
    stop_after : int, default 10
        The number h of extreme samples that ends a sequential test.
    connected : bool, default False
        With ``null="rewire"``: same as ``null="rewire_connected"``.
    attr : str or mapping, default "bloc"
        Node attribute holding the blocs, or a mapping node -> bloc; used by
        "bloc_pair_betweenness" and "permute_blocs". A node without a bloc is
        a singleton bloc of its own.
    strata : str, mapping or None, default None
        With ``null="permute_blocs"``: a node attribute (or mapping node ->
        group, e.g. the node type) within which labels are shuffled; None
        shuffles over all nodes.
    swaps_per_edge : float, default 10
        Rewiring: ``round(swaps_per_edge * m)`` swap trials per sample.

    Returns
    -------
    NullTest
        Not testable (``testable=False``, a ``reason``, ``p_value`` NaN) when
        the graph has fewer than 4 nodes or 2 edges, when no double-edge swap
        is possible (e.g. a star), when connected rewiring meets a
        disconnected graph, when there is nothing to permute, when the
        statistic is NaN on the observed graph, or when no null sample
        differs from the observed graph.

    Raises
    ------
    KeyError
        If the statistic's node is not in ``G``.
    ValueError
        For an unknown ``null``, ``alternative`` or statistic, ``samples`` or
        ``stop_after`` below 1, ``alpha`` outside (0, 1), ``connected=True``
        with a null other than rewiring, or ``sequential=True`` with
        ``alternative="two-sided"``.

    Notes
    -----
    With :math:`t` the observed value, :math:`x_1, \dots, x_n` the null
    samples and :math:`r = \#\{i : x_i \ge t\}` (for "greater"; :math:`\le`
    for "less"), the p-value is [1]_

    .. math:: p = \frac{r + 1}{n + 1},

    which counts the observed graph as one draw of the null and is never 0.
    A sample within a relative :math:`10^{-12}` of :math:`t` ties it and
    counts as at least as extreme (with a discrete statistic such as
    betweenness, ties make the test conservative); a NaN sample counts too.
    "two-sided" is :math:`\min(1, 2\min(p_{\ge}, p_{\le}))`. The z-score is
    :math:`(t - \bar{x}) / s` with :math:`s` the sample standard deviation
    (ddof=1); NaN if :math:`s = 0`.

    *Sequential test* [2]_. Samples are drawn until :math:`h` = ``stop_after``
    of them are at least as extreme as :math:`t`; if that happens after
    :math:`l` samples, :math:`p = h / l`, otherwise all ``samples`` are drawn
    and :math:`p = (r + 1)/(n + 1)`. Under the null hypothesis this p-value
    has the same guarantee as the fixed-size one: :math:`P(p \le a) = a` at
    each value :math:`a` it can take, hence :math:`P(p \le \alpha) \le
    \alpha` for every :math:`\alpha` (the test keeps its size; only the
    p-values near 1 are less precise). An unremarkable statistic stops
    after few samples, about :math:`h / P(x \ge t)`.

    *Rewiring* uses igraph's double-edge swaps (``Graph.rewire``,
    "simple": a trial picks two edges at random and swaps their ends unless
    that creates a loop or a parallel edge; ``round(swaps_per_edge * m)``
    trials, rejected ones included, which makes the chain uniform over the
    graphs with the observed degrees). To make the test exact even if the
    chain has not fully mixed, samples follow Besag & Clifford's parallel
    scheme [3]_: one chain runs from the observed graph to a hub, and every
    sample is a chain of the same length from the hub. Connected rewiring
    swaps in windows and undoes a window that disconnects the graph, as
    networkx's ``connected_double_edge_swap``. A degree sequence admits no
    swap exactly when it is a threshold sequence [4]_.

    *Reproducibility*. The ensemble is cut into chunks of 250 samples;
    chunk :math:`i` is drawn from child :math:`i + 1` of
    ``np.random.SeedSequence(seed)`` (child 0 seeds the hub), whatever
    ``n_jobs`` or the backend. The same seed gives the same samples, a
    sequential test draws a prefix of the fixed-size test's samples, and a
    test with more samples extends one with fewer. While a chunk rewires,
    igraph's process-wide random generator is set to a seeded
    ``random.Random`` and then reset to igraph's default (the ``random``
    module).

    References
    ----------
    .. [1] North, B. V., Curtis, D., & Sham, P. C. (2002). A note on the
       calculation of empirical P values from Monte Carlo procedures.
       *American Journal of Human Genetics* 71(2), 439-441.
       https://doi.org/10.1086/341527
    .. [2] Besag, J., & Clifford, P. (1991). Sequential Monte Carlo p-values.
       *Biometrika* 78(2), 301-304. https://doi.org/10.1093/biomet/78.2.301
    .. [3] Besag, J., & Clifford, P. (1989). Generalized Monte Carlo
       significance tests. *Biometrika* 76(4), 633-642.
       https://doi.org/10.1093/biomet/76.4.633
    .. [4] Chvátal, V., & Hammer, P. L. (1977). Aggregation of inequalities in
       integer programming. *Annals of Discrete Mathematics* 1, 145-162.

    Examples
    --------
    Two triangles joined through node 6 and the edge 2-3:

    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 6), (4, 6)])
    >>> res = null_test(G, ("betweenness", 2), samples=50, seed=0, progress=False)
    >>> res.n, res.testable, round(res.observed, 3)
    (50, True, 0.267)
    >>> 0 < res.p_value <= 1
    True

    A star has a single realization of its degrees: nothing to test.

    >>> star = null_test(nx.star_graph(4), ("betweenness", 0), samples=50, progress=False)
    >>> star.testable, star.p_value
    (False, nan)

    Any callable works, on the networkx samplers:

    >>> res = null_test(G, nx.transitivity, null="gnm", samples=50, progress=False)
    >>> res.statistic, res.n
    ('transitivity', 50)
    """
    name, node, func = _parse_statistic(statistic)
    options = {
        "null": null,
        "samples": samples,
        "seed": seed,
        "alternative": alternative,
        "progress": progress,
        "n_jobs": n_jobs,
        "sequential": sequential,
        "alpha": alpha,
        "stop_after": stop_after,
        "connected": connected,
        "attr": attr,
        "strata": strata,
        "swaps_per_edge": swaps_per_edge,
    }
    if func is None:
        return null_tests(G, [statistic], **options)[0]
    return _reference_test(G, func, name, **options)


def _setup(null, connected, alternative, sequential, samples, stop_after, alpha, swaps_per_edge):
    if connected and null not in ("rewire", "rewire_connected"):
        raise ValueError(f"connected=True applies to rewiring only; got null={null!r}")
    if null == "rewire" and connected:
        null = "rewire_connected"
    _check_options(null, alternative, sequential, samples, stop_after, alpha, swaps_per_edge)
    return null


def _finish(
    base: dict, values: np.ndarray, changed: bool, stopped: bool, options: dict
) -> NullTest:
    """The NullTest of one statistic from its samples."""
    null, samples, stop_after = options["null"], options["samples"], options["stop_after"]
    observed, alternative = base["observed"], base["alternative"]
    if not changed:
        return NullTest(
            **base,
            samples=values,
            n=values.size,
            p_value=math.nan,
            z=math.nan,
            testable=False,
            reason=f"none of the {values.size} null samples differs from the observed "
            f"graph: the {null} null cannot move away from it",
        )
    p = _p_value(values, observed, alternative, stopped, stop_after)
    return NullTest(
        **base,
        samples=values,
        n=values.size,
        p_value=p,
        z=_z(values, observed),
        testable=True,
        stopped_early=stopped and values.size < samples,
    )


def _untestable(base: dict, reason: str) -> NullTest:
    return NullTest(
        **base,
        samples=np.empty(0),
        n=0,
        p_value=math.nan,
        z=math.nan,
        testable=False,
        reason=reason,
    )


def _reference_test(G, func, name, **options) -> NullTest:
    """A callable statistic on the networkx samplers (any statistic, slower)."""
    null = _setup(
        options["null"],
        options["connected"],
        options["alternative"],
        options["sequential"],
        options["samples"],
        options["stop_after"],
        options["alpha"],
        options["swaps_per_edge"],
    )
    options = options | {"null": null, "samples": int(options["samples"])}
    options["stop_after"] = int(options["stop_after"])
    if null == "twomode":
        raise ValueError("null='twomode' takes a built-in statistic (name, node)")
    H = topology(G)
    bloc_attr = bloc_attribute(H, options["attr"])
    codes = bloc_codes(list(H), resolve_blocs(H, bloc_attr))
    entropy = _seed_entropy(options["seed"])
    samples, spe = options["samples"], options["swaps_per_edge"]
    hub_seed, *seeds = np.random.SeedSequence(entropy).spawn(-(-samples // CHUNK) + 1)
    task = _ReferenceTask(func, null, H, H, bloc_attr, spe)
    observed = float(func(H.copy()))
    base = _base(name, None, null, observed, entropy, options)
    n, m = H.number_of_nodes(), H.number_of_edges()
    reason = _untestable_reason(n, m, lambda: [d for _, d in H.degree()], null, bloc_attr, codes, H)
    if not reason and math.isnan(observed):
        reason = f"{name} is undefined (NaN) on the observed graph"
    if reason:
        return _untestable(base, reason)
    if null in ("rewire", "rewire_connected"):  # Besag & Clifford (1989): chains from a hub
        hub = rewire(
            H,
            seed=np.random.default_rng(hub_seed),
            connected=null == "rewire_connected",
            swaps_per_edge=spe,
        )
        task = _ReferenceTask(func, null, H, hub, bloc_attr, spe)
    values, changed, stopped = simulate(
        task, seeds, chunk=CHUNK, observed=np.array([observed]), **_sim_options(options)
    )
    return _finish(base, values[0], changed[0], stopped[0], options)


def _base(name, node, null, observed, entropy, options, **extra) -> dict:
    return {
        "statistic": name,
        "node": node,
        "null": null,
        "observed": observed,
        "alternative": options["alternative"],
        "seed": entropy,
        "alpha": options["alpha"],
        **extra,
    }


def _sim_options(options: dict) -> dict:
    return {
        "samples": options["samples"],
        "alternative": options["alternative"],
        "sequential": options["sequential"],
        "stop_after": options["stop_after"],
        "n_jobs": options["n_jobs"],
        "progress": options["progress"],
        "desc": f"{options['null']} null",
    }


def null_tests(
    G: nx.Graph,
    statistics: Sequence[tuple[str, Hashable]],
    *,
    null: str = "rewire",
    samples: int = 1000,
    seed: int | np.random.Generator | None = 0,
    alternative: str = "greater",
    progress: bool = True,
    n_jobs: int | None = 1,
    sequential: bool = False,
    alpha: float = 0.05,
    stop_after: int = 10,
    connected: bool = False,
    attr: str | Mapping = "bloc",
    strata: str | Mapping | None = None,
    swaps_per_edge: float = 10,
) -> list[NullTest]:
    """Several built-in statistics of one node tested against one null ensemble.

    The same as one :func:`null_test` per statistic with the same arguments
    (the same samples, p-values, everything), drawing the samples once: each
    statistic is evaluated on every sample, and in sequential mode each
    statistic's sequence stops where its own test would.

    Parameters
    ----------
    G : networkx graph
    statistics : sequence of (name, node)
        Built-in statistics (:data:`graph.nulls.engine.STATISTICS`), all of
        the same node.
    null, samples, seed, alternative, progress, n_jobs, sequential, alpha, stop_after,
    connected, attr, strata, swaps_per_edge
        As in :func:`null_test`.

    Returns
    -------
    list of NullTest
        One per statistic, in order.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 6), (4, 6)])
    >>> both = null_tests(G, [("betweenness", 2), ("degree", 2)], samples=50, progress=False)
    >>> one = null_test(G, ("degree", 2), samples=50, progress=False)
    >>> [t.statistic for t in both], bool((both[1].samples == one.samples).all())
    (['betweenness', 'degree'], True)
    """
    parsed = [_parse_statistic(st) for st in statistics]
    if not parsed or any(func is not None for *_, func in parsed):
        raise ValueError("null_tests takes built-in statistics (name, node); use null_test")
    nodes = {node for _, node, _ in parsed}
    if len(nodes) != 1:
        raise ValueError(f"null_tests takes statistics of one node; got {sorted(map(str, nodes))}")
    null = _setup(
        null, connected, alternative, sequential, samples, stop_after, alpha, swaps_per_edge
    )
    options = {
        "null": null,
        "samples": int(samples),
        "seed": seed,
        "alternative": alternative,
        "progress": progress,
        "n_jobs": n_jobs,
        "sequential": sequential,
        "alpha": alpha,
        "stop_after": int(stop_after),
        "attr": attr,
        "strata": strata,
        "swaps_per_edge": swaps_per_edge,
    }
    names = [name for name, _, _ in parsed]
    (node,) = nodes
    if node not in G:
        raise KeyError(
            f"node {node!r} is not in the graph ({len(G)} nodes); check its spelling, "
            f"or that the view you test keeps it"
        )
    if null in SCALED_NULLS and at_scale(G.number_of_nodes(), G.number_of_edges()):
        X = fold_arrays(G, None)
        if at_scale(X.n, X.a.size):
            return _scale_tests(G, X, names, node, options)
    return _exact_tests(G, names, node, options)


def _exact_tests(G, names: list[str], node, options: dict) -> list[NullTest]:
    """The tests on igraph, exact statistics (graphs below the size rule)."""
    null, samples, spe = options["null"], options["samples"], options["swaps_per_edge"]
    H = topology(G)
    bloc_attr = bloc_attribute(H, options["attr"])
    codes = bloc_codes(list(H), resolve_blocs(H, bloc_attr))
    entropy = _seed_entropy(options["seed"])
    hub_seed, *seeds = np.random.SeedSequence(entropy).spawn(-(-samples // CHUNK) + 1)
    structure = None
    if null == "twomode":
        structure = two_mode_arrays(G, list(H))
        if structure is None:
            raise ValueError(
                "null='twomode' needs a view that folds events (its 'participation' and "
                "derivations, as graph.build makes them); use null='rewire' for this graph"
            )
        structure = structure.to_two_mode()
    index = {v: i for i, v in enumerate(H)}
    edges = [(index[u], index[v]) for u, v in H.edges()]
    strata = _strata(H, options["strata"])

    def task_of(name):
        if structure is not None:
            return TwoModeTask(name, structure, structure, index[node], codes, spe)
        return FastTask(
            kind=name,
            null=null,
            n=len(index),
            edges=edges,
            start=edges,
            focus=index[node],
            codes=codes,
            trials=round(spe * len(edges)),
            strata=strata,
        )

    tasks = [task_of(name) for name in names]
    observed = [t.value((ig.GraphBase(len(index), edges), codes)) for t in tasks]
    bases = [
        _base(name, node, null, x, entropy, options)
        for name, x in zip(names, observed, strict=True)
    ]
    n, m = H.number_of_nodes(), H.number_of_edges()
    reason = _untestable_reason(n, m, lambda: [d for _, d in H.degree()], null, bloc_attr, codes, H)
    if reason:
        pass
    elif structure is not None:  # the same scheme on the two-mode chain
        hub = structure.sample(np.random.default_rng(hub_seed), swaps_per_edge=spe)
        tasks = [dataclasses.replace(t, start=hub) for t in tasks]
    elif null in ("rewire", "rewire_connected"):
        hub = hub_edges(tasks[0], hub_seed)  # Besag & Clifford (1989): chains from one hub
        tasks = [dataclasses.replace(t, start=hub) for t in tasks]
    return _run(tasks, bases, reason, seeds, CHUNK, options)


def _run(tasks, bases, reason, seeds, chunk, options) -> list[NullTest]:
    """Simulate the testable statistics together; a NullTest for each."""
    out: list[NullTest | None] = [None] * len(bases)
    live = []
    for i, base in enumerate(bases):
        why = reason
        if not why and math.isnan(base["observed"]):
            why = f"{base['statistic']} is undefined (NaN) on the observed graph"
        if why:
            out[i] = _untestable(base, why)
        else:
            live.append(i)
    if live:
        if isinstance(tasks, ScaleTask):
            task = dataclasses.replace(tasks, kinds=tuple(tasks.kinds[i] for i in live))
        else:
            task = tasks[live[0]] if len(live) == 1 else _JointTask(tuple(tasks[i] for i in live))
        observed = np.array([bases[i]["observed"] for i in live])
        values, changed, stopped = simulate(
            task, seeds, chunk=chunk, observed=observed, **_sim_options(options)
        )
        for j, i in enumerate(live):
            out[i] = _finish(bases[i], values[j], changed[j], stopped[j], options)
    return out


def _scale_tests(G, X, names: list[str], node, options: dict) -> list[NullTest]:
    """The tests on compiled kernels, path statistics from sampled pairs (large graphs)."""
    from graph.measures import focus as fx

    null, samples, spe = options["null"], options["samples"], options["swaps_per_edge"]
    nodes, n, m = X.nodes, X.n, X.a.size
    focus = nodes.index(node)
    codes = bloc_codes(nodes, resolve_blocs(G, options["attr"]))
    attr_name = options["attr"] if isinstance(options["attr"], str) else "bloc"
    entropy = _seed_entropy(options["seed"])
    chunk = chunk_size(null)
    hub_seed, *seeds = np.random.SeedSequence(entropy).spawn(-(-samples // chunk) + 1)
    pair_rng = np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(PAIRS_KEY,)))
    pair_s, pair_t = fx.sample_pairs(n, focus, SCALE_PAIRS, pair_rng)
    a, b = X.a.astype(np.int64), X.b.astype(np.int64)
    indptr, indices = fx.csr_arrays(n, a, b)
    shares = fx.pair_shares(indptr, indices, focus, pair_s, pair_t)
    comp = fx.components(indptr, indices)
    errors = {
        "betweenness": fx.betweenness_from_shares(shares)[1],
        "bloc_pair_betweenness": fx.bloc_pair_from_shares(shares, pair_s, pair_t, codes, comp)[1],
    }
    structure = None
    if null == "twomode":
        structure = two_mode_arrays(G, nodes)
        if structure is None:
            raise ValueError(
                "null='twomode' needs a view that folds events (its 'participation' and "
                "derivations, as graph.build makes them); use null='rewire' for this graph"
            )
    task = ScaleTask(
        kinds=tuple(names),
        null=null,
        n=n,
        a=a,
        b=b,
        focus=focus,
        codes=codes,
        trials=spe,
        pair_s=pair_s,
        pair_t=pair_t,
        start=(a, b),
        strata=_strata(G, options["strata"]),
        shares=shares if null == "permute_blocs" else None,
        comp=comp if null == "permute_blocs" else None,
    )
    observed = task.value((a, b, codes))
    bases = []
    for name, x in zip(names, observed.tolist(), strict=True):
        path = name in ("betweenness", "bloc_pair_betweenness")
        extra = {
            "estimator": "sampled pairs" if path else "exact",
            "pairs": SCALE_PAIRS if path else 0,
            "standard_error": errors[name] if path else 0.0,
        }
        bases.append(_base(name, node, null, float(x), entropy, options, **extra))
    degrees = np.diff(indptr)
    reason = _untestable_reason(n, m, degrees.tolist, null, attr_name, codes)
    seed_of = int(np.random.default_rng(hub_seed).integers(2**63))
    if reason:
        pass
    elif structure is not None:  # Besag & Clifford (1989): chains from one hub
        task = dataclasses.replace(task, start=two_mode_chain(structure, spe, seed_of))
    elif null == "rewire":
        task = dataclasses.replace(task, start=_rewired_hub(n, a, b, spe, seed_of))
    return _run(task, bases, reason, seeds, chunk, options)


def _rewired_hub(n, a, b, spe, seed) -> tuple[np.ndarray, np.ndarray]:
    from graph.nulls.swaps import double_edge_swaps

    ha, hb = a.copy(), b.copy()
    double_edge_swaps(ha, hb, n, trials=round(spe * a.size), seed=seed)
    return ha, hb
