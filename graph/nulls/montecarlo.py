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

import contextlib
import dataclasses
import math
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any

import igraph as ig
import joblib
import networkx as nx
import numpy as np
from tqdm.auto import tqdm

from graph.blocs import bloc_codes, resolve_blocs
from graph.fold import topology
from graph.nulls.engine import STATISTICS, FastTask, TwoModeTask, hub_edges
from graph.nulls.result import NullTest
from graph.nulls.samplers import bloc_attribute, gnm, permute_blocs, rewire, swappable
from graph.nulls.twomode import two_mode_of

__all__ = ["NULLS", "ALTERNATIVES", "null_test", "at_least_as_extreme"]

#: The null models.
NULLS = ("rewire", "rewire_connected", "twomode", "gnm", "permute_blocs")
#: The alternatives of the test.
ALTERNATIVES = ("greater", "less", "two-sided")
_CHUNK = 250  # samples per chunk: the chunking depends on `samples` only
_RTOL = 1e-12  # relative tolerance under which a sample ties the observed value


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


def at_least_as_extreme(values: np.ndarray, observed: float, alternative: str) -> np.ndarray:
    """Which samples are at least as extreme as the observed value (a NaN sample counts).

    A sample within a relative 1e-12 of the observed value ties it and counts.
    """
    tol = _RTOL * np.maximum(np.abs(values), abs(observed))
    if alternative == "greater":
        hit = values >= observed - tol
    else:
        hit = values <= observed + tol
    return hit | np.isnan(values)


def _chunk(
    task: FastTask | _ReferenceTask,
    size: int,
    seed: np.random.SeedSequence,
    observed: float,
    alternative: str,
    need: int | None,
) -> tuple[np.ndarray, int]:
    """Draw one chunk of samples; stop after ``need`` extreme ones if ``need`` is set.

    Returns the values and the index of the first sample that differs from
    the observed graph (-1 if none does).
    """
    rng = np.random.default_rng(seed)
    values = np.empty(size)
    first_changed = -1
    hits = 0
    with contextlib.closing(task.stream(rng)) as stream:
        for i in range(size):
            sample = next(stream)
            values[i] = x = task.value(sample)
            if first_changed < 0 and task.changed(sample):
                first_changed = i
            if need is not None and at_least_as_extreme(np.array([x]), observed, alternative)[0]:
                hits += 1
                if hits >= need:
                    return values[: i + 1], first_changed
    return values, first_changed


def _simulate(
    task: FastTask | _ReferenceTask,
    seeds: list[np.random.SeedSequence],
    *,
    samples: int,
    observed: float,
    alternative: str,
    sequential: bool,
    stop_after: int,
    n_jobs: int | None,
    progress: bool,
    desc: str,
) -> tuple[np.ndarray, bool, bool]:
    """Draw the ensemble in fixed chunks; return (values, any_changed, stopped_early).

    Chunk ``i`` always has the same size and seed, whatever ``n_jobs`` is, so
    the samples do not depend on how the chunks are spread over workers. In
    sequential mode the chunks run in batches of as many chunks as workers,
    and the ensemble is cut at the first sample where the running count of
    extreme samples reaches ``stop_after``.
    """
    n_chunks = len(seeds)
    sizes = [min(_CHUNK, samples - i * _CHUNK) for i in range(n_chunks)]
    batch = max(1, joblib.effective_n_jobs(n_jobs)) if sequential else n_chunks
    parts: list[np.ndarray] = []
    drawn, hits, changed, stopped = 0, 0, False, False
    with (
        tqdm(total=samples, disable=not progress, desc=desc, unit="sample") as bar,
        joblib.Parallel(n_jobs=n_jobs, return_as="generator") as parallel,
    ):
        for start in range(0, n_chunks, batch):
            need = stop_after - hits if sequential else None
            jobs = (
                joblib.delayed(_chunk)(task, sizes[i], seeds[i], observed, alternative, need)
                for i in range(start, min(start + batch, n_chunks))
            )
            for values, first_changed in parallel(jobs):
                if stopped:
                    continue
                if sequential and values.size:
                    running = hits + np.cumsum(at_least_as_extreme(values, observed, alternative))
                    if running[-1] >= stop_after:
                        cut = int(np.argmax(running >= stop_after)) + 1
                        values, stopped, hits = values[:cut], True, stop_after
                    else:
                        hits = int(running[-1])
                changed = changed or 0 <= first_changed < values.size
                parts.append(values)
                drawn += values.size
                bar.update(values.size)
            if stopped:
                break
    return np.concatenate(parts), changed, stopped


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


def _untestable_reason(H: nx.Graph, null: str, attr: str, codes: np.ndarray) -> str:
    """Why the null model cannot produce a graph other than ``H`` ("" if it can)."""
    n, m = H.number_of_nodes(), H.number_of_edges()
    if n < 4 or m < 2:
        return (
            f"the graph has {n} nodes and {m} edges; a null model needs at least "
            f"4 nodes and 2 edges"
        )
    if null in ("rewire", "rewire_connected") and not swappable(H):
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
    if null not in NULLS:
        raise ValueError(f"null must be one of {NULLS}; got {null!r}")
    if connected and null not in ("rewire", "rewire_connected"):
        raise ValueError(f"connected=True applies to rewiring only; got null={null!r}")
    if null == "rewire" and connected:
        null = "rewire_connected"
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
    samples, stop_after = int(samples), int(stop_after)

    H = topology(G)
    if node is not None and node not in H:
        raise KeyError(
            f"node {node!r} is not in the graph ({len(H)} nodes); check its spelling, "
            f"or that the view you test keeps it"
        )
    bloc_attr = bloc_attribute(H, attr)
    codes = bloc_codes(list(H), resolve_blocs(H, bloc_attr))
    entropy = _seed_entropy(seed)
    n_chunks = -(-samples // _CHUNK)
    hub_seed, *seeds = np.random.SeedSequence(entropy).spawn(n_chunks + 1)
    rewiring = null in ("rewire", "rewire_connected")

    structure = None
    if null == "twomode":
        if func is not None:
            raise ValueError("null='twomode' takes a built-in statistic (name, node)")
        structure = two_mode_of(G, list(H))
        if structure is None:
            raise ValueError(
                "null='twomode' needs a view that folds events (its 'participation' and "
                "derivations, as graph.build makes them); use null='rewire' for this graph"
            )
    if func is None:
        index = {v: i for i, v in enumerate(H)}
        edges = [(index[u], index[v]) for u, v in H.edges()]
        if structure is not None:
            task = TwoModeTask(name, structure, structure, index[node], codes, swaps_per_edge)
        else:
            task = FastTask(
                kind=name,
                null=null,
                n=len(index),
                edges=edges,
                start=edges,
                focus=index[node],
                codes=codes,
                trials=round(swaps_per_edge * len(edges)),
                strata=_strata(H, strata),
            )
        observed = task.value((ig.GraphBase(len(index), edges), codes))
    else:
        task = _ReferenceTask(func, null, H, H, bloc_attr, swaps_per_edge)
        observed = float(func(H.copy()))

    def result(values=(), p=math.nan, z=math.nan, reason="", stopped=False) -> NullTest:
        return NullTest(
            statistic=name,
            node=node,
            null=null,
            observed=observed,
            samples=np.asarray(values, dtype=float),
            n=len(values),
            p_value=p,
            z=z,
            alternative=alternative,
            seed=entropy,
            alpha=alpha,
            testable=not reason,
            reason=reason,
            stopped_early=stopped,
        )

    reason = _untestable_reason(H, null, bloc_attr, codes)
    if not reason and math.isnan(observed):
        reason = f"{name} is undefined (NaN) on the observed graph"
    if reason:
        return result(reason=reason)

    if structure is not None:  # the same scheme on the two-mode chain
        hub = structure.sample(np.random.default_rng(hub_seed), swaps_per_edge=swaps_per_edge)
        task = dataclasses.replace(task, start=hub)
    elif rewiring:  # Besag & Clifford (1989): every chain starts from one hub.
        if func is None:
            task = dataclasses.replace(task, start=hub_edges(task, hub_seed))
        else:
            connect = null == "rewire_connected"
            hub = rewire(
                H,
                seed=np.random.default_rng(hub_seed),
                connected=connect,
                swaps_per_edge=swaps_per_edge,
            )
            task = _ReferenceTask(func, null, H, hub, bloc_attr, swaps_per_edge)

    values, changed, stopped = _simulate(
        task,
        seeds,
        samples=samples,
        observed=observed,
        alternative=alternative,
        sequential=sequential,
        stop_after=stop_after,
        n_jobs=n_jobs,
        progress=progress,
        desc=f"{null} null",
    )
    if not changed:
        return result(
            values,
            reason=f"none of the {values.size} null samples differs from the observed "
            f"graph: the {null} null cannot move away from it",
        )
    p = _p_value(values, observed, alternative, stopped, stop_after)
    return result(values, p=p, z=_z(values, observed), stopped=stopped and values.size < samples)
