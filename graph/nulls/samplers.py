r"""Null models as samplers of graphs: plain networkx, the reference implementation.

:func:`rewire` (degree-preserving double-edge swaps), :func:`gnm` (a G(n, m)
graph of the same size) and :func:`permute_blocs` (the same graph, bloc labels
shuffled) each return one sampled graph. :mod:`graph.nulls.engine` draws the
same models on igraph for the built-in statistics.

Examples
--------
>>> import networkx as nx
>>> H = rewire(nx.cycle_graph(6), seed=1)
>>> sorted(d for _, d in H.degree())
[2, 2, 2, 2, 2, 2]
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import networkx as nx
import numpy as np

from graph.blocs import is_missing
from graph.fold import topology
from graph.seeds import np_random_state, python_random

__all__ = [
    "BLOC_ATTRIBUTE",
    "SWAPS_PER_EDGE",
    "rewire",
    "gnm",
    "permute_blocs",
    "swappable",
    "bloc_attribute",
]

#: Attribute the blocs are written to when they are given as a mapping.
BLOC_ATTRIBUTE = "bloc"

#: Swap trials per edge in a rewired sample, by default (every rewiring null: one-mode,
#: two-mode, on networkx, igraph or the compiled chains).
SWAPS_PER_EDGE = 10


def bloc_attribute(H: nx.Graph, attr: str | Mapping) -> str:
    """Return the attribute holding the blocs, writing a mapping into ``H`` first.

    Examples
    --------
    >>> H = nx.path_graph(2)
    >>> bloc_attribute(H, {0: "A"}), H.nodes[0], H.nodes[1]
    ('bloc', {'bloc': 'A'}, {})
    """
    if isinstance(attr, str):
        return attr
    if isinstance(attr, Mapping):
        for v in H:
            value = attr.get(v)
            if is_missing(value):
                H.nodes[v].pop(BLOC_ATTRIBUTE, None)
            else:
                H.nodes[v][BLOC_ATTRIBUTE] = value
        return BLOC_ATTRIBUTE
    raise TypeError(
        f"attr must be a node attribute name (str) or a mapping node -> bloc; "
        f"got {type(attr).__name__}"
    )


def swappable(H: nx.Graph | Sequence[int]) -> bool:
    """Tell whether any double-edge swap can change ``H`` (a graph, or its degrees).

    None can exactly when the degree sequence has a single realization,
    i.e. when it is a threshold sequence (stars, complete graphs, every
    graph on 3 nodes or fewer): removing an isolated node or a node tied to
    all others, again and again, empties it. Checked in O(n log n) (the
    removals are counted, not done), as a 10^5-leaf star needs.

    Examples
    --------
    >>> swappable(nx.star_graph(4)), swappable(nx.path_graph(4)), swappable([3, 3, 2, 2, 2])
    (False, True, True)
    """
    degrees = [d for _, d in H.degree()] if isinstance(H, nx.Graph) else list(H)
    ds = np.sort(np.asarray(degrees, dtype=np.int64))
    lo, hi, dominated = 0, ds.size - 1, 0  # dominated: nodes tied to all, removed so far
    while lo <= hi:
        if ds[lo] - dominated == 0:
            lo += 1
        elif ds[hi] - dominated == hi - lo:
            hi -= 1
            dominated += 1
        else:
            return True
    return False


@np_random_state("seed")
def rewire(
    G: nx.Graph,
    *,
    seed: int | np.random.Generator | None = None,
    connected: bool = False,
    swaps_per_edge: float = SWAPS_PER_EDGE,
) -> nx.Graph:
    r"""Draw a graph with the same degrees by double-edge swaps.

    Parameters
    ----------
    G : networkx graph
        Folded into an undirected simple graph first (edge attributes are
        dropped, node attributes kept). ``G`` itself is not modified.
    seed : int, numpy.random.Generator or None, default None
        Seed of the swap sequence.
    connected : bool, default False
        Keep the graph connected (networkx's ``connected_double_edge_swap``).
    swaps_per_edge : float, default 10
        ``round(swaps_per_edge * m)`` swap trials in all.

    Returns
    -------
    networkx.Graph
        A new graph in which every node has the degree it has in ``G``. When
        no swap is possible (the degree sequence has a single realization,
        e.g. a star) it is a copy of ``G``.

    Raises
    ------
    ValueError
        If ``connected=True`` and ``G`` is not connected, or if
        ``swaps_per_edge`` is negative.

    Notes
    -----
    A double-edge swap replaces edges :math:`(a, b), (c, d)` by
    :math:`(a, d), (c, b)`, so every degree is kept [1]_. Each trial picks
    two edges uniformly at random and one of the two ways to swap them; a
    trial that would create a self-loop or a parallel edge leaves the graph
    as it is *and still counts*. Counting the rejected trials makes the chain
    symmetric, hence uniform over the graphs with the observed degrees [2]_.
    (``nx.double_edge_swap`` instead counts successful swaps; stopping after
    a fixed number of them favours graphs that admit many swaps, which a
    chi-square test on small degree sequences detects.)

    With ``connected=True`` the swaps are networkx's
    ``connected_double_edge_swap`` (trials in windows, a window that
    disconnects the graph is undone; every trial counts).

    This pure-Python chain is the reference; :func:`graph.nulls.null_test`
    runs the same chain in igraph's C code (``Graph.rewire``, "simple").

    References
    ----------
    .. [1] Maslov, S., & Sneppen, K. (2002). Specificity and stability in
       topology of protein networks. *Science* 296(5569), 910-913.
       https://doi.org/10.1126/science.1065103
    .. [2] Fosdick, B. K., Larremore, D. B., Nishimura, J., & Ugander, J.
       (2018). Configuring random graph models with fixed degree sequences.
       *SIAM Review* 60(2), 315-355. https://doi.org/10.1137/16M1087175

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.cycle_graph(6)
    >>> H = rewire(G, seed=1)
    >>> dict(H.degree()) == dict(G.degree())
    True
    >>> nx.is_connected(rewire(G, seed=1, connected=True))
    True
    """
    if swaps_per_edge < 0:
        raise ValueError(f"swaps_per_edge must be >= 0; got {swaps_per_edge}")
    H = topology(G)
    if connected and not (len(H) and nx.is_connected(H)):
        k = nx.number_connected_components(H)
        raise ValueError(
            f"rewire(connected=True) needs a connected graph; G has {k} connected "
            f"components. Use connected=False or keep G's largest component."
        )
    trials = round(swaps_per_edge * H.number_of_edges())
    if trials == 0 or not swappable(H):
        return H
    rnd = python_random(seed)  # seed: a Generator, from the decorator
    if connected:
        nx.connected_double_edge_swap(H, nswap=trials, seed=rnd)
    else:
        _double_edge_swaps(H, trials, rnd)
    return H


def _double_edge_swaps(H: nx.Graph, trials: int, rnd: random.Random) -> None:
    """Run ``trials`` double-edge swap trials on ``H`` in place (rejections count)."""
    edges = list(H.edges())
    m = len(edges)
    for _ in range(trials):
        i, j = rnd.randrange(m), rnd.randrange(m)
        if i == j:
            continue
        a, b = edges[i]
        c, d = edges[j]
        if rnd.random() < 0.5:
            c, d = d, c
        if a == d or c == b or H.has_edge(a, d) or H.has_edge(c, b):
            continue
        H.remove_edges_from([(a, b), (c, d)])
        H.add_edges_from([(a, d), (c, b)])
        edges[i], edges[j] = (a, d), (c, b)


@np_random_state("seed")
def gnm(G: nx.Graph, *, seed: int | np.random.Generator | None = None) -> nx.Graph:
    r"""Draw a G(n, m) graph with the nodes and the number of edges of ``G``.

    Parameters
    ----------
    G : networkx graph
        Folded into an undirected simple graph first: n is its number of
        nodes, m its number of edges. ``G`` itself is not modified.
    seed : int, numpy.random.Generator or None, default None
        Seed of the draw.

    Returns
    -------
    networkx.Graph
        The nodes of ``G`` with their attributes, and m edges drawn uniformly
        among the :math:`\binom{n}{2}` possible ones.

    Notes
    -----
    Every simple graph on the n nodes with m edges is equally likely [1]_:
    the null model that keeps only the size and density of the graph.

    References
    ----------
    .. [1] Erdős, P., & Rényi, A. (1959). On random graphs I.
       *Publicationes Mathematicae Debrecen* 6, 290-297.

    Examples
    --------
    >>> import networkx as nx
    >>> H = gnm(nx.path_graph(5), seed=1)
    >>> H.number_of_nodes(), H.number_of_edges()
    (5, 4)
    """
    H0 = topology(G)
    nodes = list(H0)
    R = nx.gnm_random_graph(len(nodes), H0.number_of_edges(), seed=python_random(seed))
    H = nx.Graph()
    H.graph.update(H0.graph)
    H.add_nodes_from(H0.nodes(data=True))
    H.add_edges_from((nodes[u], nodes[v]) for u, v in R.edges())
    return H


@np_random_state("seed")
def permute_blocs(
    G: nx.Graph,
    *,
    attr: str | Mapping = "bloc",
    seed: int | np.random.Generator | None = None,
) -> nx.Graph:
    """Return a copy of ``G`` with the nodes' bloc labels shuffled.

    Parameters
    ----------
    G : networkx graph
        Not modified. The copy has the same class, edges and edge attributes.
    attr : str or mapping, default "bloc"
        Node attribute holding the bloc, or a mapping node -> bloc (the
        shuffled values are then written to the node attribute "bloc").
    seed : int, numpy.random.Generator or None, default None
        Seed of the permutation.

    Returns
    -------
    networkx graph
        The same graph; the multiset of bloc values is kept, each node gets a
        uniformly random one. A node without a bloc (missing, None, NaN or
        blank) counts as holding the value "no bloc": a node that draws it
        has the attribute removed.

    Notes
    -----
    The null model of label permutation: the structure is fixed and only
    who belongs where changes, so a statistic that depends on the blocs
    (e.g. bloc-pair betweenness) is compared with what any assignment of the
    same bloc sizes would give.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(4)
    >>> nx.set_node_attributes(G, {0: "A", 1: "A", 2: "B", 3: "B"}, "bloc")
    >>> H = permute_blocs(G, seed=2)
    >>> sorted(nx.get_node_attributes(H, "bloc").values())
    ['A', 'A', 'B', 'B']
    """
    H = G.copy()
    name = bloc_attribute(H, attr)
    nodes = list(H)
    values = [H.nodes[v].get(name) for v in nodes]
    order = seed.permutation(len(nodes))
    for v, i in zip(nodes, order, strict=True):
        value = values[i]
        if is_missing(value):
            H.nodes[v].pop(name, None)
        else:
            H.nodes[v][name] = value
    return H
