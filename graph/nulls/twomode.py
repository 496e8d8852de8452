r"""The two-mode null: rewire who takes part in which event, then fold as the view does.

A view that folds events into ties (:mod:`graph.networks.participation`) turns an
event with k participants into a k-clique. Rewiring that projection as if it
were any graph breaks its cliques apart and makes a clustered view look
special. The two-mode null instead keeps the structure the view is made of:
the bipartite graph of actors and the events (platforms, organizations) they
take part in, rewired by swaps that keep every actor's number of events and
every event's number of participants, and the direct ties, rewired keeping
every actor's number of them; each sample is then folded exactly as the view
folds (participants of an event tied pairwise, direct ties added).

Examples
--------
>>> import numpy as np
>>> tm = TwoMode(n=4, incidence=((0, 0), (1, 0), (2, 1), (3, 1)), direct=((0, 2),))
>>> sorted(tm.project())
[(0, 1), (0, 2), (2, 3)]
>>> sample = tm.sample(np.random.default_rng(1), swaps_per_edge=10)
>>> sorted(len(p) for p in sample.members())
[2, 2]
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from itertools import combinations
from typing import NamedTuple

import networkx as nx
import numpy as np

from graph import memory
from graph.nulls.codes import edge_codes
from graph.nulls.samplers import SWAPS_PER_EDGE
from graph.seeds import np_random_state

__all__ = [
    "TwoMode",
    "TwoModeArrays",
    "two_mode_arrays",
    "project_codes",
    "two_mode_of",
    "rewire_two_mode",
]

#: From this many pairs tied through hubs on, a two-mode structure is folded compiled (numba).
_COMPILED_FROM = 100_000


@dataclasses.dataclass(frozen=True)
class TwoMode:
    """A folded view's two-mode structure, on node indices ``0..n-1``.

    ``incidence``: distinct (actor, hub) pairs; ``direct``: distinct direct
    ties (a < b). Hubs are numbered from 0.
    """

    n: int
    incidence: tuple[tuple[int, int], ...]
    direct: tuple[tuple[int, int], ...]

    def members(self) -> list[list[int]]:
        """The actors of each hub."""
        by_hub: dict[int, list[int]] = defaultdict(list)
        for a, h in self.incidence:
            by_hub[h].append(a)
        return [sorted(v) for _, v in sorted(by_hub.items())]

    def project(self) -> set[tuple[int, int]]:
        """The folded edges (a < b): direct ties and pairs sharing a hub."""
        edges = set(self.direct)
        for actors in self.members():
            edges.update(combinations(actors, 2))
        return edges

    def sample(
        self, rng: np.random.Generator, *, swaps_per_edge: float = SWAPS_PER_EDGE
    ) -> TwoMode:
        """One step of the chain: ``swaps_per_edge`` trials per tie on both parts."""
        return TwoMode(
            self.n,
            _swap_incidence(self.incidence, round(swaps_per_edge * len(self.incidence)), rng),
            _swap_direct(self.direct, round(swaps_per_edge * len(self.direct)), rng),
        )


def _swap_incidence(incidence, trials: int, rng: np.random.Generator):
    """Bipartite double-edge swaps (a1, h1), (a2, h2) -> (a1, h2), (a2, h1); rejected ones count."""
    pairs = list(incidence)
    present = set(pairs)
    m = len(pairs)
    if m < 2:
        return tuple(pairs)
    picks = rng.integers(0, m, size=(trials, 2))
    remove, add = present.remove, present.add  # one call each, no temporary sets
    for i, j in picks.tolist():
        (a1, h1), (a2, h2) = p, q = pairs[i], pairs[j]
        if a1 == a2 or h1 == h2:
            continue
        one, two = (a1, h2), (a2, h1)
        if one in present or two in present:
            continue
        remove(p)
        remove(q)
        add(one)
        add(two)
        pairs[i], pairs[j] = one, two
    return tuple(sorted(pairs))


def _swap_direct(direct, trials: int, rng: np.random.Generator):
    """Degree-preserving double-edge swaps of the direct ties; rejected trials count."""
    edges = list(direct)
    present = set(edges)
    m = len(edges)
    if m < 2:
        return tuple(edges)
    picks = rng.integers(0, m, size=(trials, 2))
    flips = rng.random(trials) < 0.5
    remove, add = present.remove, present.add  # one call each, no temporary sets
    for (i, j), flip in zip(picks.tolist(), flips.tolist(), strict=True):
        (a, b), (c, d) = p, q = edges[i], edges[j]
        if flip:
            c, d = d, c
        if a == d or c == b:
            continue
        e1 = (a, d) if a < d else (d, a)
        e2 = (c, b) if c < b else (b, c)
        if e1 in present or e2 in present or e1 == e2:
            continue
        remove(p)
        remove(q)
        add(e1)
        add(e2)
        edges[i], edges[j] = e1, e2
    return tuple(sorted(edges))


class TwoModeArrays(NamedTuple):
    """A folded view's two-mode structure as arrays, on node indices ``0..n-1``.

    ``actor``, ``hub``: the distinct incidences, sorted (hubs numbered from 0,
    ``hubs`` of them); ``direct_a``, ``direct_b``: the distinct direct ties
    (``a < b``), sorted. No Python object per tie: the form the compiled
    chains of :mod:`graph.nulls.swaps` take for large views.
    """

    n: int
    actor: np.ndarray
    hub: np.ndarray
    hubs: int
    direct_a: np.ndarray
    direct_b: np.ndarray

    def to_two_mode(self) -> TwoMode:
        """The same structure as a :class:`TwoMode` (tuples: for small views)."""
        return TwoMode(
            self.n,
            tuple(zip(self.actor.tolist(), self.hub.tolist(), strict=True)),
            tuple(zip(self.direct_a.tolist(), self.direct_b.tolist(), strict=True)),
        )


def two_mode_arrays(G: nx.Graph, nodes: list | None = None) -> TwoModeArrays | None:
    """The two-mode structure of a folded view as arrays, or None (see :func:`two_mode_of`).

    Inside :func:`graph.memory.arrays_reused` it is built once per graph
    (node order ``list(G)``).

    Examples
    --------
    >>> from graph import io, networks
    >>> G = networks.view(io.load_dataset(), "states")
    >>> tm = two_mode_arrays(G)
    >>> tm.hubs, project_codes(tm).size == G.number_of_edges()
    (8, True)
    """
    if nodes is None or (memory.reusing() and nodes == list(G)):
        return memory.reused(G, "two_mode_arrays", lambda: _two_mode_arrays(G, None))
    return _two_mode_arrays(G, nodes)


@memory.collector_paused()  # a tuple per tie: at 10^6 the collector rescanned the heap
def _two_mode_arrays(G: nx.Graph, nodes: list | None) -> TwoModeArrays | None:
    from graph.fold import fold_arrays, unique_sorted

    rows = G.graph.get("participation") or []
    nodes = list(G) if nodes is None else nodes
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    hubs: dict = {}
    inc = [(index[a], hubs.setdefault(h, len(hubs))) for a, h, *_ in rows if a in index]
    if not inc:
        return None
    inc, h = np.asarray(inc, dtype=np.int64).reshape(-1, 2), len(hubs)
    pairs = unique_sorted(inc[:, 0] * h + inc[:, 1])  # rows sorted, as unique(axis=0)
    ends = []
    for u, v, derivations in G.edges(data="derivations", default=()):
        for dv in derivations:
            if dv.get("via") is None:  # a direct tie, not one through a hub
                ends.append((index[u], index[v]))
                break
    direct = edge_codes(n, *np.asarray(ends, dtype=np.int64).reshape(-1, 2).T)
    tm = TwoModeArrays(n, pairs // h, pairs % h, h, direct // n, direct % n)
    X = fold_arrays(G, None)  # G's edges (built once inside graph.memory.arrays_reused)
    order = np.fromiter((index[v] for v in X.nodes), dtype=np.int64, count=len(X.nodes))
    observed = edge_codes(n, order[X.a], order[X.b])
    return tm if np.array_equal(project_codes(tm), observed) else None


def project_codes(tm: TwoModeArrays) -> np.ndarray:
    """Sorted codes ``a * n + b`` of the folded edges of a two-mode structure.

    Examples
    --------
    >>> tm = TwoModeArrays(3, np.array([0, 1]), np.array([0, 0]), 1, np.array([1]), np.array([2]))
    >>> project_codes(tm).tolist()  # (0, 1) through the hub, (1, 2) direct
    [1, 5]
    """
    by_hub: dict[int, list[int]] = defaultdict(list)
    sizes = np.bincount(tm.hub, minlength=tm.hubs)
    if int((sizes * (sizes - 1) // 2).sum()) <= _COMPILED_FROM:
        for a, h in zip(tm.actor.tolist(), tm.hub.tolist(), strict=True):
            by_hub[h].append(a)
        pairs = [p for actors in by_hub.values() for p in combinations(actors, 2)]
        a, b = np.asarray(pairs, dtype=np.int64).reshape(-1, 2).T
        return np.union1d(edge_codes(tm.n, a, b), edge_codes(tm.n, tm.direct_a, tm.direct_b))
    from graph.nulls.swaps import project

    a, b = project(tm.n, tm.actor, tm.hub, tm.direct_a, tm.direct_b)
    return a * tm.n + b


def two_mode_of(G: nx.Graph, nodes: list | None = None) -> TwoMode | None:
    """The two-mode structure of a folded view, or None if it folds no event.

    Uses ``G.graph["participation"]`` (``[actor, hub, tie, sign]`` rows, as
    :func:`graph.networks.restrict` keeps them) for the incidences of the actors
    still in ``G``, and the edges with a direct derivation for the direct
    ties. Returns None when there is no incidence, or when the projection
    does not give back ``G``'s edges (a graph edited by hand): the caller
    then uses one-mode rewiring.

    Examples
    --------
    >>> from graph import io, networks
    >>> G = networks.view(io.load_dataset(), "states")
    >>> tm = two_mode_of(G)
    >>> len(tm.project()) == G.number_of_edges()
    True
    """
    arrays = two_mode_arrays(G, nodes)
    return None if arrays is None else arrays.to_two_mode()


@np_random_state("seed")
def rewire_two_mode(
    G: nx.Graph,
    *,
    seed: int | np.random.Generator | None = None,
    swaps_per_edge: float = SWAPS_PER_EDGE,
) -> nx.Graph:
    """Draw a folded view from the two-mode null (the networkx-facing sampler).

    Parameters
    ----------
    G : networkx.Graph
        A folded view with ``participation`` (see :func:`two_mode_of`).
    seed : int, numpy Generator or None
    swaps_per_edge : float, default 10

    Returns
    -------
    networkx.Graph
        The same nodes (attributes kept), the folded edges of the sample.

    Raises
    ------
    ValueError
        If ``G`` has no two-mode structure.

    Examples
    --------
    >>> from graph import io, networks
    >>> G = networks.view(io.load_dataset(), "actors")
    >>> H = rewire_two_mode(G, seed=1)
    >>> set(H) == set(G)
    True
    """
    nodes = list(G)
    tm = two_mode_of(G, nodes)
    if tm is None:
        raise ValueError("the graph folds no event: it has no two-mode structure to rewire")
    sample = tm.sample(seed, swaps_per_edge=swaps_per_edge)
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((nodes[a], nodes[b]) for a, b in sample.project())
    return H
