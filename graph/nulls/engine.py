"""The igraph engine of the null models: samples drawn and evaluated in C.

For a built-in statistic of one node (``("betweenness", node)``,
``("bloc_pair_betweenness", node)``, ``("degree", node)``), the observed graph
is converted to igraph once; each sample is a rewired copy (igraph's
``rewire``), a G(n, m) draw or a permutation of the bloc codes, and the
statistic is computed by :mod:`graph.measures.igraph_engine`. The samples
follow the same models as the networkx samplers of :mod:`graph.nulls.samplers`.

Examples
--------
>>> import numpy as np
>>> task = FastTask("degree", "rewire", 3, [(0, 1), (1, 2)], [(0, 1), (1, 2)], 1,
...                 np.array([0, 1, 0]), 2)
>>> g, codes = next(task.stream(np.random.default_rng(0)))
>>> task.value((g, codes))
2.0
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import math
from collections.abc import Iterator

import igraph as ig
import numpy as np

from graph.blocs import cross_pairs, defines_blocs
from graph.measures.igraph_engine import bloc_pair_igraph, focus_betweenness
from graph.nulls.twomode import TwoMode
from graph.seeds import igraph_random, python_random, random_state

__all__ = [
    "STATISTICS",
    "FastTask",
    "TwoModeTask",
    "hub_edges",
    "random_pairs",
    "statistic",
    "cross_bloc_brokerage",
    "permute_groups",
    "permute_within",
    "strata_groups",
    "focus_shares",
    "bloc_pair_of_shares",
    "DENSE_SHARES",
]

#: Largest graph (nodes) whose pairs' shares through the focus are kept as a dense matrix
#: (:func:`focus_shares`) for the bloc-label permutation null: 300^2 floats are 0.7 MB and
#: a few dense products; a sample then costs a masked sum instead of a betweenness pass.
DENSE_SHARES = 300

#: The built-in statistics of one node, computed on igraph.
STATISTICS = ("betweenness", "bloc_pair_betweenness", "brokerage", "degree")

# python-igraph >= 0.11 exposes the C rewiring as GraphBase._rewire (1.0) or
# GraphBase.rewire (0.11); both take (n_trials, "simple") positionally.
_ig_rewire = getattr(ig.GraphBase, "_rewire", None) or ig.GraphBase.rewire


def _ig_rewire_connected(g: ig.GraphBase, trials: int) -> ig.GraphBase:
    """Double-edge swaps that keep ``g`` connected, in windows with rollback.

    As networkx's ``connected_double_edge_swap``: try ``window`` swaps, keep
    them and widen the window if the graph is still connected, otherwise
    undo them and halve it. Every attempted swap counts towards ``trials``.
    """
    window, done = 1, 0
    while done < trials:
        k = min(window, trials - done)
        backup = g.copy()
        _ig_rewire(g, k, "simple")
        done += k
        if g.is_connected():
            window += 1
        else:
            g = backup
            window = (window + 1) // 2
    return g


def random_pairs(rng: np.random.Generator, n: int, m: int) -> list[tuple[int, int]]:
    """Draw ``m`` distinct node pairs ``(i, j)``, ``i < j``, uniformly."""
    total = n * (n - 1) // 2
    k = rng.choice(total, size=m, replace=False).astype(np.int64)
    # Invert the row-major index of the strict upper triangle.
    i = n - 2 - np.floor(np.sqrt(-8 * k + 4 * n * (n - 1) - 7) / 2.0 - 0.5).astype(np.int64)
    j = k + i + 1 - total + (n - i) * (n - i - 1) // 2
    return list(zip(i.tolist(), j.tolist(), strict=True))


def _edge_codes(edges: list[tuple[int, int]], n: int) -> np.ndarray:
    """Sorted integer codes of undirected edges, to compare edge sets quickly."""
    if not edges:
        return np.empty(0, dtype=np.int64)
    e = np.asarray(edges, dtype=np.int64)
    return np.sort(e.min(axis=1) * n + e.max(axis=1))


def statistic(kind: str, g: ig.GraphBase, focus: int, codes: np.ndarray) -> float:
    """A built-in statistic of vertex ``focus`` on an igraph graph.

    Examples
    --------
    >>> statistic("betweenness", ig.GraphBase(3, [(0, 1), (1, 2)]), 1, np.array([0, 0, 1]))
    1.0
    """
    if kind == "betweenness":
        return focus_betweenness(g, focus)
    if kind == "bloc_pair_betweenness":
        comp = np.asarray(g.connected_components(), dtype=np.int64)  # membership on GraphBase
        return float(bloc_pair_igraph(g, codes, comp, vertices=[focus])[0])
    if kind == "brokerage":
        return float(cross_bloc_brokerage(g, focus, codes))
    return float(g.degree(focus))


def focus_shares(n: int, edges: list[tuple[int, int]], focus: int) -> tuple[np.ndarray, np.ndarray]:
    r"""Every pair's share of shortest paths through ``focus``, and the components.

    :math:`r_{st} = \sigma_{sf}\sigma_{ft} / \sigma_{st}` when
    :math:`d(s, f) + d(f, t) = d(s, t)`, else 0 (0 when ``s`` or ``t`` is the
    focus: endpoints are excluded), from breadth-first searches from every node
    at once as dense products (the graph is small: :data:`DENSE_SHARES`). The
    path counts are whole numbers, exact in floating point below 2^53.

    Returns
    -------
    tuple of numpy.ndarray
        The (n, n) matrix of shares and the component label of each node.

    Examples
    --------
    A 4-cycle: one of the two shortest paths between the focus's neighbours
    passes through it.

    >>> r, comp = focus_shares(4, [(0, 1), (1, 2), (2, 3), (3, 0)], 0)
    >>> float(r[1, 3]), float(r[1, 2]), comp.tolist()
    (0.5, 0.0, [0, 0, 0, 0])
    """
    A = np.zeros((n, n))
    if edges:
        e = np.asarray(edges, dtype=np.int64)
        A[e[:, 0], e[:, 1]] = A[e[:, 1], e[:, 0]] = 1.0
    dist = np.full((n, n), -1, dtype=np.int64)
    np.fill_diagonal(dist, 0)
    sigma = np.eye(n)
    front, level = np.eye(n), 0
    while front.any():
        level += 1
        step = front @ A
        new = (step > 0) & (dist < 0)
        dist[new] = level
        sigma[new] = step[new]
        front = np.where(new, step, 0.0)
    reach = dist >= 0
    df, sf = dist[focus], sigma[focus]
    on = reach & reach[focus][:, None] & reach[focus][None, :]
    on &= df[:, None] + df[None, :] == dist
    shares = np.where(on, np.outer(sf, sf) / np.where(sigma > 0, sigma, 1.0), 0.0)
    shares[focus, :] = shares[:, focus] = 0.0
    np.fill_diagonal(shares, 0.0)
    comp = np.full(n, -1, dtype=np.int64)
    label = 0
    for v in range(n):
        if comp[v] < 0:
            comp[reach[v]] = label
            label += 1
    return shares, comp


def bloc_pair_of_shares(shares: np.ndarray, comp: np.ndarray, codes: np.ndarray) -> float:
    """The focus's bloc-pair betweenness from :func:`focus_shares`, for bloc ``codes``.

    The sum of the shares of the unordered pairs in different blocs (a node
    without a bloc, code -1, is a bloc of its own) over the number of such pairs
    joined by a path; NaN as :func:`graph.measures.igraph_engine.bloc_pair_igraph`.

    Examples
    --------
    >>> r, comp = focus_shares(3, [(0, 1), (1, 2)], 1)
    >>> bloc_pair_of_shares(r, comp, np.array([0, 0, 1]))
    0.5
    """
    if not defines_blocs(codes):
        return math.nan
    pairs = cross_pairs(codes, comp)
    if pairs <= 0:
        return math.nan
    inside = (codes[:, None] == codes[None, :]) & (codes >= 0)[:, None]
    return float(np.where(inside, 0.0, shares).sum() / 2 / pairs)


def cross_bloc_brokerage(g: ig.GraphBase, focus: int, codes: np.ndarray) -> int:
    """Pairs of the focus's contacts in different blocs that are not tied to each other.

    Each unordered pair {i, j} counts once: the focus brokers between i and j
    (Gould and Fernandez's liaison, representative or gatekeeper roles, on an
    undirected graph where i -> f -> j and j -> f -> i are one pair). A node
    without a bloc (code -1) is a bloc of its own.

    Examples
    --------
    >>> g = ig.GraphBase(4, [(0, 1), (0, 2), (0, 3), (1, 2)])
    >>> cross_bloc_brokerage(g, 0, np.array([0, 1, 2, 1]))  # 1-3 same bloc, 1-2 tied
    1
    """
    nb = g.neighbors(focus)
    d = len(nb)
    if d < 2:
        return 0
    c = codes[nb]
    named = c[c >= 0]
    same = int(sum(k * (k - 1) // 2 for k in np.bincount(named).tolist())) if named.size else 0
    pairs = d * (d - 1) // 2 - same
    inside = set(nb)
    tied = 0
    for u in nb:
        cu = codes[u]
        for w in g.neighbors(u):
            if w > u and w in inside and (cu < 0 or codes[w] != cu):
                tied += 1
    return pairs - tied


def permute_within(codes: np.ndarray, strata: np.ndarray | None, rng: np.random.Generator):
    """Shuffle bloc codes among the nodes of each stratum (node type); all at once without strata.

    Examples
    --------
    >>> codes, strata = np.array([0, 1, 2, 3]), np.array([0, 0, 1, 1])
    >>> out = permute_within(codes, strata, np.random.default_rng(0))
    >>> sorted(out[:2].tolist()), sorted(out[2:].tolist())
    ([0, 1], [2, 3])
    """
    return permute_groups(codes, strata_groups(strata), rng)


def strata_groups(strata: np.ndarray | None) -> list[np.ndarray] | None:
    """The positions of each stratum, strata in sorted order (None: no strata).

    Examples
    --------
    >>> [g.tolist() for g in strata_groups(np.array([1, 0, 1]))]
    [[1], [0, 2]]
    """
    if strata is None:
        return None
    return [np.flatnonzero(strata == s) for s in np.unique(strata)]


def permute_groups(
    codes: np.ndarray, groups: list[np.ndarray] | None, rng: np.random.Generator
) -> np.ndarray:
    """:func:`permute_within` with the strata's positions found once (:func:`strata_groups`).

    Examples
    --------
    >>> codes, strata = np.array([0, 1, 2, 3]), np.array([0, 0, 1, 1])
    >>> a = permute_within(codes, strata, np.random.default_rng(5))
    >>> b = permute_groups(codes, strata_groups(strata), np.random.default_rng(5))
    >>> a.tolist() == b.tolist()
    True
    """
    if groups is None:
        return rng.permutation(codes)
    out = codes.copy()
    for idx in groups:
        out[idx] = codes[idx][rng.permutation(idx.size)]
    return out


@dataclasses.dataclass(frozen=True, eq=False)
class FastTask:
    """Everything a worker needs to draw null samples on igraph (picklable).

    ``stream(rng)`` yields samples (graph, bloc codes); ``value`` evaluates the
    statistic on one; ``changed`` tells whether it differs from the observed graph.
    """

    kind: str
    null: str
    n: int
    edges: list[tuple[int, int]]  # the observed graph
    start: list[tuple[int, int]]  # where each rewiring chain starts (the hub)
    focus: int
    codes: np.ndarray
    trials: int
    strata: np.ndarray | None = None

    def stream(self, rng: np.random.Generator) -> Iterator[tuple[ig.GraphBase, np.ndarray]]:
        """Yield samples (graph, bloc codes) drawn with ``rng``, without end."""
        base = ig.GraphBase(self.n, self.start)
        if self.null == "permute_blocs":
            groups = strata_groups(self.strata)
            while True:
                yield base, permute_groups(self.codes, groups, rng)
        elif self.null == "gnm":
            m = len(self.edges)
            while True:
                yield ig.GraphBase(self.n, random_pairs(rng, self.n, m)), self.codes
        else:
            connected = self.null == "rewire_connected"
            with igraph_random(python_random(rng)):
                while True:
                    g = base.copy()
                    if connected:
                        g = _ig_rewire_connected(g, self.trials)
                    else:
                        _ig_rewire(g, self.trials, "simple")
                    yield g, self.codes

    @functools.cached_property
    def _shares(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The pairs' shares through the focus, when the graph is fixed and small; else None."""
        fixed = self.null == "permute_blocs" and self.kind == "bloc_pair_betweenness"
        if not fixed or self.n > DENSE_SHARES:
            return None
        return focus_shares(self.n, self.start, self.focus)

    def value(self, sample: tuple[ig.GraphBase, np.ndarray]) -> float:
        """The statistic on one sample.

        Bloc-pair betweenness under permuted labels: the graph never changes, so the
        shares of its pairs are found once and each sample sums those of its cross-bloc
        pairs (on the article, 0.4 ms a sample on igraph, 0.02 ms here).
        """
        if self._shares is not None:
            return bloc_pair_of_shares(*self._shares, sample[1])
        return statistic(self.kind, sample[0], self.focus, sample[1])

    def changed(self, sample: tuple[ig.GraphBase, np.ndarray]) -> bool:
        """Whether the sample differs from the observed graph (or labels)."""
        g, codes = sample
        if self.null == "permute_blocs":
            return not np.array_equal(codes, self.codes)
        return not np.array_equal(
            _edge_codes(g.get_edgelist(), self.n), _edge_codes(self.edges, self.n)
        )


def hub_edges(task: FastTask, seed: np.random.SeedSequence) -> list[tuple[int, int]]:
    """Run one chain from the observed graph; the samples start from its end (the hub)."""
    rng = random_state(seed)
    with contextlib.closing(task.stream(rng)) as stream:
        g, _ = next(stream)
        return g.get_edgelist()


@dataclasses.dataclass(frozen=True, eq=False)
class TwoModeTask:
    """Samples of the two-mode null (:mod:`graph.nulls.twomode`), evaluated on igraph."""

    kind: str
    structure: TwoMode  # the observed two-mode graph
    start: TwoMode  # where each chain starts (the hub)
    focus: int
    codes: np.ndarray
    swaps_per_edge: float

    null = "twomode"

    def stream(self, rng: np.random.Generator) -> Iterator[tuple[ig.GraphBase, np.ndarray]]:
        """Yield folded samples (graph, bloc codes), each a chain run from the hub."""
        while True:
            sample = self.start.sample(rng, swaps_per_edge=self.swaps_per_edge)
            yield ig.GraphBase(sample.n, sorted(sample.project())), self.codes

    def value(self, sample: tuple[ig.GraphBase, np.ndarray]) -> float:
        """The statistic on one sample."""
        return statistic(self.kind, sample[0], self.focus, sample[1])

    def changed(self, sample: tuple[ig.GraphBase, np.ndarray]) -> bool:
        """Whether the folded sample differs from the observed view."""
        return set(sample[0].get_edgelist()) != self.structure.project()
