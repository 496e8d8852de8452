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
from graph.nulls.outcome import (
    base_fields,
    finish,
    run_tests,
    sim_options,
    strata_codes,
    untestable,
    untestable_reason,
)
from graph.nulls.result import NullTest
from graph.nulls.samplers import SWAPS_PER_EDGE, bloc_attribute, gnm, permute_blocs, rewire
from graph.nulls.scale import at_scale, required_two_mode, scale_tests
from graph.seeds import ensemble_seeds, random_state

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


def _edge_set(H: nx.Graph) -> set[frozenset]:
    return {frozenset(e) for e in H.edges()}


def _parse_statistic(statistic: Any) -> tuple[str, Hashable | None, Callable | None]:
    if callable(statistic):
        return getattr(statistic, "__name__", repr(statistic)), None, statistic
    if isinstance(statistic, tuple) and len(statistic) == 2 and statistic[0] in STATISTICS:
        return statistic[0], statistic[1], None
    raise ValueError(
        f"statistic must be a callable nx.Graph -> float or a tuple (name, node) with "
        f"name in {STATISTICS}; got {statistic!r}"
    )


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
    swaps_per_edge: float = SWAPS_PER_EDGE,
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
    samples, spe = options["samples"], options["swaps_per_edge"]
    entropy, hub_seed, seeds = ensemble_seeds(options["seed"], -(-samples // CHUNK))
    task = _ReferenceTask(func, null, H, H, bloc_attr, spe)
    observed = float(func(H.copy()))
    base = base_fields(name, None, null, observed, entropy, options)
    n, m = H.number_of_nodes(), H.number_of_edges()
    reason, why = untestable_reason(
        n, m, lambda: [d for _, d in H.degree()], null, bloc_attr, codes, H
    )
    if not reason and math.isnan(observed):
        reason, why = "undefined", {}
    if reason:
        return untestable(base, reason, why)
    if null in ("rewire", "rewire_connected"):  # Besag & Clifford (1989): chains from a hub
        hub = rewire(
            H,
            seed=random_state(hub_seed),
            connected=null == "rewire_connected",
            swaps_per_edge=spe,
        )
        task = _ReferenceTask(func, null, H, hub, bloc_attr, spe)
    values, changed, stopped = simulate(
        task, seeds, chunk=CHUNK, observed=np.array([observed]), **sim_options(options)
    )
    return finish(base, values[0], changed[0], stopped[0], options)


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
    swaps_per_edge: float = SWAPS_PER_EDGE,
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
            return scale_tests(G, X, names, node, options)
    return _exact_tests(G, names, node, options)


def _exact_tests(G, names: list[str], node, options: dict) -> list[NullTest]:
    """The tests on igraph, exact statistics (graphs below the size rule)."""
    null, samples, spe = options["null"], options["samples"], options["swaps_per_edge"]
    H = topology(G)
    bloc_attr = bloc_attribute(H, options["attr"])
    codes = bloc_codes(list(H), resolve_blocs(H, bloc_attr))
    entropy, hub_seed, seeds = ensemble_seeds(options["seed"], -(-samples // CHUNK))
    structure = None
    if null == "twomode":
        structure = required_two_mode(G, list(H)).to_two_mode()
    index = {v: i for i, v in enumerate(H)}
    edges = [(index[u], index[v]) for u, v in H.edges()]
    strata = strata_codes(H, options["strata"])

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
        base_fields(name, node, null, x, entropy, options)
        for name, x in zip(names, observed, strict=True)
    ]
    n, m = H.number_of_nodes(), H.number_of_edges()
    reason = untestable_reason(n, m, lambda: [d for _, d in H.degree()], null, bloc_attr, codes, H)
    if reason[0]:
        pass
    elif structure is not None:  # the same scheme on the two-mode chain
        hub = structure.sample(random_state(hub_seed), swaps_per_edge=spe)
        tasks = [dataclasses.replace(t, start=hub) for t in tasks]
    elif null in ("rewire", "rewire_connected"):
        hub = hub_edges(tasks[0], hub_seed)  # Besag & Clifford (1989): chains from one hub
        tasks = [dataclasses.replace(t, start=hub) for t in tasks]
    return run_tests(tasks, bases, reason, seeds, CHUNK, options)
