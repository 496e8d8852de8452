r"""Size rules: where the package changes method because a graph is large, in one unit.

Every rule measures a graph by its **work**, its nodes times its ties
(:math:`n \times m`, :class:`Size`): the cost of one shortest-path search
from every node (Brandes 2001), which betweenness, closeness and every null
sample pay. The other costs (a layout, placing labels, writing exports) grow
with the nodes or the ties alone; their limits are given in the same unit,
with the view each stands for (2,000 actors with 20,000 ties), so that one
number tells which rules a graph is above. Each rule is one limit, with the
reason for its value:

==================== ============ ===================================================
rule                 limit        above it
==================== ============ ===================================================
:data:`EXACT_NULLS`  10^7         null tests estimate path statistics from sampled
                                  pairs, draw fewer samples, detect blocs with
                                  Leiden, and the test graph is folded in one pass
:data:`KERNELS`      10^7         the measures' shortest paths run on the compiled
                                  kernels instead of igraph (the same numbers)
:data:`EXACT_PATHS`  4 x 10^9     betweenness and the other path measures are
                                  estimated from sampled sources
:data:`DRAWN`        10^7         a view gets no drawing (positions) in its exports
                                  and no explorer
:data:`WHOLE_FIGURE` 10^6         figures draw a summary of the view, not all of it
:data:`EXPORTED`     4 x 10^7     ``analyze`` does not export the view (``export``
                                  writes any view)
==================== ============ ===================================================

Examples
--------
>>> import networkx as nx
>>> s = Size.of(nx.path_graph(4))
>>> s.nodes, s.ties, s.work
(4, 3, 12)
>>> above(s, "EXACT_NULLS"), above(Size(100_000, 740_000), "EXACT_NULLS")
(False, True)
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass

__all__ = [
    "EXACT_NULLS",
    "KERNELS",
    "EXACT_PATHS",
    "DRAWN",
    "WHOLE_FIGURE",
    "EXPORTED",
    "RULES",
    "Size",
    "tie_count",
    "above",
    "drawn",
]

#: One exact null sample (a shortest-path search from every node) costs a tenth of a
#: second or more above this (2,000 actors with 5,000 ties), and a claim test draws
#: hundreds per test and runs a test per robustness variant.
EXACT_NULLS = 10**7

#: Below this (2,000 actors with 5,000 ties) an all-sources pass on igraph takes under a
#: tenth of a second, so compiling the kernels (seconds, once per process) does not pay.
KERNELS = 10**7

#: Above this (20,000 actors with 200,000 ties) an exact pass over all sources takes
#: minutes even on the compiled kernels, while 200 sampled sources give the hubs of
#: scale-free graphs of 10^4-10^5 nodes a standard error of about 0.01.
EXACT_PATHS = 4 * 10**9

#: A layout above this (2,000 actors with 5,000 ties) takes minutes, and its picture is
#: a hairball: exports carry no drawing and there is no explorer.
DRAWN = 10**7

#: Placing labels costs the square of the nodes drawn: above this (500 actors with 2,000
#: ties) a figure draws the focus's strongest contacts and the most central actors.
WHOLE_FIGURE = 10**6

#: The exports' writers take about a millisecond per tie in each of five formats: above
#: this (2,000 actors with 20,000 ties) a view's files take minutes to write.
EXPORTED = 4 * 10**7

#: Every rule's name, in the order of the table above.
RULES: tuple[str, ...] = (
    "EXACT_NULLS",
    "KERNELS",
    "EXACT_PATHS",
    "DRAWN",
    "WHOLE_FIGURE",
    "EXPORTED",
)


@dataclass(frozen=True)
class Size:
    """A graph's size: nodes, ties, and their product, the work the rules compare.

    Examples
    --------
    >>> Size(3, 4).work
    12
    """

    nodes: int
    ties: int

    @property
    def work(self) -> int:
        """Nodes times ties."""
        return self.nodes * self.ties

    @classmethod
    def of(cls, G) -> Size:
        """The size of a networkx graph (its nodes and edges)."""
        return cls(G.number_of_nodes(), tie_count(G))


def tie_count(G) -> int:
    """``G.number_of_edges()``, counted from the adjacency's key sets on a multigraph.

    networkx counts a multigraph's edges by summing every node's degree, which reads
    each edge's keys from both ends (from successors and predecessors when directed):
    1.2 s for a view of 10^6 ties, asked ten times a run. Here the lengths of the key
    dicts are summed straight from the adjacency (0.25 s).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph([(1, 2), (2, 1), (3, 3), (3, 3), (4, 5)])
    >>> tie_count(G), G.number_of_edges()
    (5, 5)
    """
    if not G.is_multigraph():
        return G.number_of_edges()
    adj = G._adj
    total = sum(map(len, itertools.chain.from_iterable(nbrs.values() for nbrs in adj.values())))
    if G.is_directed():
        return total
    loops = sum(len(nbrs[v]) for v, nbrs in adj.items() if v in nbrs)  # seen once, not twice
    return (total + loops) // 2


def above(size: Size, rule: str) -> bool:
    """Whether ``size`` is above the limit of ``rule`` (one of :data:`RULES`).

    The limit is read when asked, so that a test can lower it.

    Examples
    --------
    >>> above(Size(1_000, 10_001), "EXACT_NULLS"), above(Size(1_000, 10_000), "EXACT_NULLS")
    (True, False)
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}; got {rule!r}")
    return size.work > getattr(sys.modules[__name__], rule)


def drawn(G) -> bool:
    """Whether a view gets a drawing and an explorer: some nodes, not above :data:`DRAWN`.

    Examples
    --------
    >>> import networkx as nx
    >>> drawn(nx.path_graph(3)), drawn(nx.empty_graph(0))
    (True, False)
    """
    return G.number_of_nodes() > 0 and not above(Size.of(G), "DRAWN")
