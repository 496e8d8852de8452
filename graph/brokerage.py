r"""Gould and Fernandez (1989) brokerage roles, with sna's z-scores and permutation p-values.

A broker :math:`v` mediates an ordered two-path :math:`i \to v \to j` between
distinct actors with no direct tie :math:`i \to j`. The blocs of the three
actors name the role. This module mirrors ``sna::brokerage(g, cl)`` from R's
statnet suite (sna 2.7-1: the R function ``brokerage`` in ``R/models.R``
and the C routine ``brokerage_R`` in ``src/gli.c``): the same counts, the
same expectations and variances under a density null, the same z-scores. On
top of it, :func:`brokerage` can simulate a p-value for each actor and role
by permuting bloc labels on the fixed graph.

Examples
--------
>>> import networkx as nx
>>> from graph.brokerage import brokerage
>>> G = nx.DiGraph([("a", "b"), ("b", "c")])
>>> nx.set_node_attributes(G, {"a": "West", "b": "East", "c": "East"}, "bloc")
>>> brokerage(G).counts.loc["b"].to_dict()
{'coordinator': 0, 'itinerant': 0, 'representative': 0, 'gatekeeper': 1, 'liaison': 0, 'total': 1}
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from graph.blocs import BlocSpec, bloc_codes, resolve_blocs
from graph.fold import directed_arcs
from graph.measures.triangles import closed_roles, many_triangles
from graph.nulls.ensemble import CHUNK, at_least_as_extreme, simulate
from graph.seeds import Seed, ensemble_seeds

__all__ = ["ROLES", "COLUMNS", "SNA_NAMES", "BrokerageResult", "brokerage"]

#: The five Gould-Fernandez roles, in sna's column order.
ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

#: The column names ``sna::brokerage`` uses for each role (and the total).
SNA_NAMES: dict[str, str] = {
    "coordinator": "w_I",
    "itinerant": "w_O",
    "representative": "b_IO",
    "gatekeeper": "b_OI",
    "liaison": "b_O",
    "total": "t",
}

#: The columns of every table: the roles and their total.
COLUMNS: tuple[str, ...] = (*ROLES, "total")


@dataclass(frozen=True, eq=False)
class BrokerageResult:
    """Gould-Fernandez brokerage of every actor (returned by :func:`brokerage`).

    Every table is indexed by ``actor`` with one column per role in
    :data:`ROLES` plus ``total``.

    Attributes
    ----------
    counts : pandas.DataFrame
        Observed number of open two-paths the actor brokers in each role (int).
    expected : pandas.DataFrame
        Expected count under sna's density null.
    sd : pandas.DataFrame
        Standard deviation under the same null.
    z : pandas.DataFrame
        ``(counts - expected) / sd``; NaN where ``sd`` is 0.
    p_value : pandas.DataFrame or None
        Upper-tail permutation p-value, ``(r + 1) / (samples + 1)``; None if
        ``samples`` was 0.
    blocs : pandas.Series
        The bloc each actor was counted in (None: no bloc, a singleton bloc of its own).
    graph_level : pandas.DataFrame
        Index: the roles and ``total``; columns ``count``, ``expected``,
        ``sd``, ``z`` for the whole graph (sna's ``raw.gli``, ``exp.gli``,
        ``sd.gli``, ``z.gli``).
    density : float
        Arc density :math:`d = m / (N (N - 1))` used by the null.
    samples : int
        Number of permutations behind ``p_value``.
    seed : int, numpy Generator or None
        The seed given for the permutations.
    """

    counts: pd.DataFrame
    expected: pd.DataFrame
    sd: pd.DataFrame
    z: pd.DataFrame
    p_value: pd.DataFrame | None
    blocs: pd.Series
    graph_level: pd.DataFrame
    density: float
    samples: int = 0
    seed: int | np.random.Generator | None = 0

    def to_frame(self) -> pd.DataFrame:
        """Return one tidy long table: one row per actor and role.

        Returns
        -------
        pandas.DataFrame
            Columns ``actor``, ``bloc``, ``role`` (the roles and ``total``),
            ``count``, ``expected``, ``sd``, ``z``, ``p_value`` (NaN when no
            permutations were run).

        Examples
        --------
        >>> import networkx as nx
        >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
        >>> nx.set_node_attributes(G, {"a": "W", "b": "E", "c": "W"}, "bloc")
        >>> long = brokerage(G).to_frame()
        >>> long.query("actor == 'b' and count > 0")[["actor", "role", "count"]]
          actor       role  count
        7     b  itinerant      1
        11    b      total      1
        """
        tables = {
            "count": self.counts,
            "expected": self.expected,
            "sd": self.sd,
            "z": self.z,
        }
        if self.p_value is not None:
            tables["p_value"] = self.p_value
        n_actors, n_cols = self.counts.shape
        long = pd.DataFrame(
            {
                "actor": np.repeat(self.counts.index.to_numpy(dtype=object), n_cols),
                "role": np.tile(np.array(COLUMNS, dtype=object), n_actors),
            }
        )
        for name, df in tables.items():
            long[name] = df.to_numpy().ravel()
        if self.p_value is None:
            long["p_value"] = np.nan
        long.insert(1, "bloc", np.repeat(self.blocs.to_numpy(dtype=object), n_cols))
        return long

    def __repr__(self) -> str:
        """Its size in one line (:func:`graph.report.brokerage_repr` shows the tables)."""
        return (
            f"BrokerageResult(actors={len(self.counts)}, density={self.density:.4g}, "
            f"samples={self.samples})"
        )


@dataclass(frozen=True)
class _Arcs:
    """A simple digraph as arrays: arcs, reciprocal arcs, and the closed two-paths.

    ``src -> dst`` are the arcs (no loops, no repeats); ``mutual`` the arcs
    ``x -> v`` whose reverse ``v -> x`` exists (each gives the pair i = j = x
    that a broker v does not broker); ``closed`` rows ``(i, v, j)`` with arcs
    i -> v, v -> j and i -> j, i != j: the two-paths a tie closes. Everything
    a broker's role counts need, without listing its neighbours' pairs.
    """

    n: int
    src: np.ndarray
    dst: np.ndarray
    mutual: np.ndarray  # (x, v) rows
    closed: np.ndarray | None  # (i, v, j) rows; None: counted from the ties (many triangles)
    ties: tuple[np.ndarray, np.ndarray] = (np.empty(0, np.int64), np.empty(0, np.int64))


def _arcs(G: nx.Graph, index: dict) -> _Arcs:
    """The folded simple digraph of ``G`` (:func:`graph.fold.directed_arcs`) as arrays."""
    n = len(index)
    src, dst = directed_arcs(G, index)
    code = src * n + dst

    def has(a, b):
        if code.size == 0:
            return np.zeros(np.shape(a), dtype=bool)
        key = a * n + b
        pos = np.minimum(np.searchsorted(code, key), code.size - 1)
        return code[pos] == key

    mutual = np.column_stack([src, dst])[has(dst, src)]
    closed = np.empty((0, 3), dtype=np.int64)
    if code.size:
        import igraph as ig

        lo, hi = np.minimum(src, dst), np.maximum(src, dst)
        simple = _unique_counts(lo * n + hi)[0]
        ties = (simple // n, simple % n)
        if many_triangles(np.bincount(np.concatenate(ties), minlength=n)):
            return _Arcs(n, src, dst, mutual, None, ties)  # counted, never listed
        g = ig.Graph(n=n, edges=np.column_stack(ties).tolist())
        tri = np.asarray(g.list_triangles(), dtype=np.int64).reshape(-1, 3)
        rows = []
        for i, v, j in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            a, b, c = tri[:, i], tri[:, v], tri[:, j]
            rows.append(np.column_stack([a, b, c])[has(a, b) & has(b, c) & has(a, c)])
        closed = np.concatenate(rows)
    return _Arcs(n, src, dst, mutual, closed)


def _unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique values and their counts, by a sort (numpy's unique hashes first: slower)."""
    keys = np.sort(keys)
    if keys.size == 0:
        return keys, np.zeros(0, dtype=np.int64)
    start = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    return keys[start], np.diff(np.append(start, keys.size))


def _role_of(ci: np.ndarray, cv: np.ndarray, cj: np.ndarray) -> np.ndarray:
    """The role index (in :data:`ROLES` order) of two-paths i -> v -> j by their blocs."""
    role = np.full(ci.size, 4)  # liaison: all three blocs differ
    role[(ci != cv) & (ci == cj)] = 1  # itinerant
    role[(ci != cv) & (cv == cj)] = 3  # gatekeeper
    role[(ci == cv) & (cv != cj)] = 2  # representative
    role[(ci == cv) & (cv == cj)] = 0  # coordinator
    return role


def _count_roles(arcs: _Arcs, codes: np.ndarray) -> np.ndarray:
    """Open two-paths per broker and role, an (n, 5) int array, by bloc arithmetic.

    For broker v with in-neighbours I (a_b of them in bloc b) and out-neighbours
    O (o_b in bloc b), own bloc c: the ordered pairs (i, j) in I x O fall into
    coordinator a_c o_c, itinerant sum_{b != c} a_b o_b, representative
    a_c (|O| - o_c), gatekeeper (|I| - a_c) o_c, and liaison the rest,
    (|I| - a_c)(|O| - o_c) - itinerant. The pairs that are not open two-paths
    are then taken off: i = j (a reciprocal tie) and i -> j (a tie closes it).
    Time grows with the arcs and the triangles, never with the pairs of a
    broker's neighbours (a 10^5-leaf star has 10^10 of them); memory with the
    arcs alone (many triangles are counted, not listed).
    """
    n, src, dst = arcs.n, arcs.src, arcs.dst
    K = int(codes.max(initial=0)) + 1
    own = np.arange(n) * K + codes

    def per_bloc(broker, other):
        keys, counts = _unique_counts(broker * K + codes[other])
        if keys.size == 0:
            return keys, counts, np.zeros(n, dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, own), keys.size - 1)
        return keys, counts, np.where(keys[at] == own, counts[at], 0)

    in_keys, in_counts, a_own = per_bloc(dst, src)
    out_keys, out_counts, o_own = per_bloc(src, dst)
    indeg = np.bincount(dst, minlength=n)
    outdeg = np.bincount(src, minlength=n)
    common, ia, ib = np.intersect1d(in_keys, out_keys, assume_unique=True, return_indices=True)
    sum_ab = np.bincount(common // K, weights=in_counts[ia] * out_counts[ib], minlength=n)
    sum_ab = np.rint(sum_ab).astype(np.int64)
    out = np.empty((n, 5), dtype=np.int64)
    out[:, 0] = a_own * o_own
    out[:, 1] = sum_ab - a_own * o_own
    out[:, 2] = a_own * (outdeg - o_own)
    out[:, 3] = (indeg - a_own) * o_own
    out[:, 4] = (indeg - a_own) * (outdeg - o_own) - out[:, 1]
    x, v = arcs.mutual[:, 0], arcs.mutual[:, 1]
    out -= np.bincount(v * 5 + _role_of(codes[x], codes[v], codes[x]), minlength=5 * n).reshape(
        n, 5
    )
    if arcs.closed is None:  # many triangles: counted one at a time, never listed
        return out - closed_roles(n, *arcs.ties, src * n + dst, codes)
    i, v, j = arcs.closed[:, 0], arcs.closed[:, 1], arcs.closed[:, 2]
    out -= np.bincount(v * 5 + _role_of(codes[i], codes[v], codes[j]), minlength=5 * n).reshape(
        n, 5
    )
    return out


def _class_codes(codes: np.ndarray) -> np.ndarray:
    """Number the blocs 0..K-1, each node without a bloc (code -1) a class of its own."""
    out = codes.copy()
    singles = np.flatnonzero(codes < 0)
    out[singles] = codes.max(initial=-1) + 1 + np.arange(singles.size)
    return out


def _pairs(x):
    return x * (x - 1) / 2


def _actor_moments(sizes: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Return each role's mean and variance for a broker of each bloc (sna's ``ebr``, ``vbr``).

    sna sums over the other blocs for each bloc in turn; the sums here come
    from power sums of all the sizes less the bloc's own terms, so the cost
    grows with the number of blocs, not its square (every actor without a
    bloc is a bloc of its own).
    """
    nk = np.asarray(sizes, dtype=float)
    N = nk.sum()
    a = d**2 * (1 - d)  # P(i -> v, v -> j, not i -> j)
    b = d**3 * (1 - d) ** 3
    p1, p2, p3 = N, np.sum(nk**2), np.sum(nk**3)
    M = N - nk  # the actors of the other blocs
    mean = np.zeros((nk.size, 6))
    var = np.zeros((nk.size, 6))
    mean[:, 0] = a * (nk - 1) * (nk - 2)
    var[:, 0] = mean[:, 0] * (1 - a) + 2 * (nk - 1) * (nk - 2) * (nk - 3) * b
    mean[:, 1] = a * ((p2 - p1) - (nk**2 - nk))  # sum of o(o - 1) over the other blocs
    falling3 = np.sum(nk * (nk - 1) * (nk - 2))
    var[:, 1] = mean[:, 1] * (1 - a) + 2 * (falling3 - nk * (nk - 1) * (nk - 2)) * b
    mean[:, 2] = a * M * (nk - 1)
    var[:, 2] = mean[:, 2] * (1 - a) + 2 * ((nk - 1) * _pairs(M) + M * _pairs(nk - 1)) * b
    mean[:, 3], var[:, 3] = mean[:, 2], var[:, 2]
    mean[:, 4] = a * (M**2 - (p2 - nk**2))  # ordered pairs of actors of two other blocs
    # sum over the other blocs of o * pairs(M - o), expanded in powers of o
    spread = ((M**2 - M) * (p1 - nk) + (1 - 2 * M) * (p2 - nk**2) + (p3 - nk**3)) / 2
    var[:, 4] = mean[:, 4] * (1 - a) + 4 * spread * b
    mean[:, 5] = a * (N - 1) * (N - 2)
    var[:, 5] = mean[:, 5] * (1 - a) + 2 * (N - 1) * (N - 2) * (N - 3) * b
    return mean, np.maximum(var, 0.0)  # a variance of 0 may come out as -1e-17 by rounding


def _graph_moments(sizes: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Return each role's mean and variance summed over the graph (sna's ``egbr``, ``vgbr``).

    sna's double and triple sums over blocs are written with power sums of the
    bloc sizes (linear in the number of blocs): a network of 150 states, most
    without a bloc, has 3 million ordered triples of blocs.
    """
    n = np.asarray(sizes, dtype=float)
    N = n.sum()
    a = d**2 * (1 - d)
    b3, b4, b5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    p1, p2, p3 = N, np.sum(n**2), np.sum(n**3)
    mean = np.zeros(6)
    var = np.zeros(6)
    mean[0] = a * np.sum(n * (n - 1) * (n - 2))
    var[0] = mean[0] * (1 - a) + np.sum(
        n * (n - 1) * (n - 2) * ((4 * n - 10) * b3 - 4 * (n - 3) * b4 + (n - 3) * b5)
    )
    mean[1] = a * np.sum(n * (N - n) * (n - 1))
    # sum over pairs of distinct blocs (x, y): for each x, sums over y of y and y^2 less x's own
    cross = np.sum(
        n * (n - 1) * ((p1 - n) * ((2 * n - 6) * b3 + (N - n - 1) * b5) + 2 * b3 * (p2 - n**2))
    )
    var[1] = mean[1] * (1 - a) + cross
    mean[2] = a * np.sum(n * (N - n) * (n - 1))
    var[2] = mean[2] * (1 - a) + np.sum(n * (N - n) * (n - 1) * ((N - 3) * b3 + (n - 2) * b5))
    mean[3], var[3] = mean[2], var[2]
    mean[4] = a * ((N * p1**2 - 2 * p1 * p2) - np.sum(n * n * (N - 2 * n)))
    # sna's sum over ordered triples of distinct blocs (i, j, k) of n_i n_j n_k f(i, j, k),
    # f linear in the sizes: A + P n_i + Q n_j + R n_k
    A = (4 * N - 2) * b3 - (4 * N - 2) * b4 + (N - 1) * b5
    P, Q, R = -2 * b3 + 2 * b4 - b5, -4 * b3 + 2 * b4, -2 * b3 + 4 * b4 - b5
    triples = p1**3 - 3 * p1 * p2 + 2 * p3  # sum of n_i n_j n_k over distinct i, j, k
    squared = np.sum(n**2 * ((p1 - n) ** 2 - (p2 - n**2)))  # of n_i^2 n_j n_k
    var[4] = mean[4] * (1 - a) + A * triples + (P + Q + R) * squared
    mean[5] = a * N * (N - 1) * (N - 2)
    var[5] = mean[5] * (1 - a) + N * (N - 1) * (N - 2) * (
        (4 * N - 10) * b3 - 4 * (N - 3) * b4 + (N - 3) * b5
    )
    return mean, np.maximum(var, 0.0)  # a variance of 0 may come out as -1e-17 by rounding


def _z(observed: np.ndarray, mean: np.ndarray, sd: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(sd > 0, (observed - mean) / np.where(sd > 0, sd, 1.0), np.nan)


def brokerage(
    G: nx.Graph,
    *,
    blocs: BlocSpec = "bloc",
    samples: int = 0,
    seed: Seed = 0,
    progress: bool = False,
) -> BrokerageResult:
    r"""Gould-Fernandez brokerage roles of every actor, as ``sna::brokerage`` computes them.

    Parameters
    ----------
    G : networkx graph
        Directed or undirected, simple or multi. Folded into a simple digraph:
        parallel arcs count once, self-loops are dropped, an undirected graph
        is a symmetric digraph (each edge both ways, as sna reads an
        undirected network), and in a directed graph an edge with
        ``directed=False`` (an undirected tie of :mod:`graph.networks`'s full
        view) also goes both ways.
    blocs : str or mapping, default "bloc"
        Node attribute naming each actor's bloc, or a mapping node -> bloc.
        A node without a bloc is a singleton bloc of its own (the rule of
        :mod:`graph.blocs`).
    samples : int, default 0
        Number of bloc-label permutations for ``p_value``; 0 skips them.
    seed : int, numpy Generator or None, default 0
        Seeds the permutations: the same graph, blocs and seed give the same
        p-values.
    progress : bool, default False
        Show a ``tqdm.auto`` progress bar over the permutations.

    Returns
    -------
    BrokerageResult
        ``counts``, ``expected``, ``sd``, ``z`` (and ``p_value`` when
        ``samples > 0``), each indexed by actor with one column per role and
        ``total``; ``graph_level`` for the whole graph.

    Raises
    ------
    ValueError
        If no node has a bloc, or ``samples`` is negative.

    Notes
    -----
    **Counts.** For every broker :math:`v`, every ordered pair of distinct
    actors :math:`i \ne j` with :math:`i \to v`, :math:`v \to j` and *no*
    arc :math:`i \to j` is one two-path (sna's ``brokerage_R`` skips closed
    two-paths: ``if(!snaIsAdjacent(i,k,net,0))``; an arc :math:`j \to i`
    does not close it). With :math:`b(\cdot)` the bloc,

    ==================== ====== ============================================
    role                 sna    blocs of :math:`i \to v \to j`
    ==================== ====== ============================================
    coordinator          w_I    :math:`b(i) = b(v) = b(j)`
    itinerant            w_O    :math:`b(i) = b(j) \ne b(v)`
    representative       b_IO   :math:`b(i) = b(v) \ne b(j)`
    gatekeeper           b_OI   :math:`b(i) \ne b(v) = b(j)`
    liaison              b_O    all three differ
    ==================== ====== ============================================

    **Null model** (sna's R code, after Gould and Fernandez): every arc is
    present independently with the observed density
    :math:`d = m / (N(N-1))` (:math:`m` arcs among :math:`N` actors). A
    given ordered triple is an open two-path with probability
    :math:`a = d^2(1-d)`; let :math:`c = d^3 (1-d)^3`. For a broker in a bloc
    of size :math:`n_k`, with the other blocs' sizes :math:`n_l`
    (:math:`l \ne k`) and :math:`\binom{x}{2} = x(x-1)/2`:

    - coordinator: :math:`E = a (n_k-1)(n_k-2)`,
      :math:`V = E(1-a) + 2 (n_k-1)(n_k-2)(n_k-3)\, c`
    - itinerant: :math:`E = a \sum_{l} n_l (n_l-1)`,
      :math:`V = E(1-a) + 2 \sum_{l} n_l (n_l-1)(n_l-2)\, c`
    - representative and gatekeeper: :math:`E = a (N-n_k)(n_k-1)`,
      :math:`V = E(1-a) + 2 [(n_k-1)\binom{N-n_k}{2} + (N-n_k)\binom{n_k-1}{2}]\, c`
    - liaison: :math:`E = a \sum_{l \ne l'} n_l n_{l'}`,
      :math:`V = E(1-a) + 4 \sum_{l} n_l \binom{N-n_l-n_k}{2}\, c`
    - total: :math:`E = a (N-1)(N-2)`,
      :math:`V = E(1-a) + 2 (N-1)(N-2)(N-3)\, c`

    and :math:`z = (\text{count} - E)/\sqrt{V}`. Where :math:`V = 0` (a
    bloc of one or two actors has no coordinator triples; :math:`d` is 0 or
    1), z is NaN: the count is then 0 too, and sna returns 0/0 = NaN. The
    graph-level moments in ``graph_level`` follow sna's ``egbr``/``vgbr``
    the same way. These moments treat the two-paths as if only pairs sharing
    an arc were dependent; they are sna's approximations, reproduced
    exactly, not exact moments of the Bernoulli graph.

    **Permutation p-value** (not in sna). The graph stays fixed and the bloc
    labels are shuffled over the actors (bloc sizes kept, singleton blocs
    included) ``samples`` times; for each actor and role,
    :math:`p = (r + 1)/(\text{samples} + 1)`, with :math:`r` the number of
    shuffles giving a count at least the observed one. ``total`` does not
    depend on blocs, so its p-value is always 1.

    Self-loops are dropped before :math:`m` is counted (sna would count a
    loop in :math:`m`); otherwise the numbers equal sna 2.7-1's
    ``raw.nli``, ``exp.nli``, ``sd.nli``, ``z.nli`` (checked in the tests).

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation:
       a formal approach to brokerage in transaction networks. *Sociological
       Methodology* 19, 89-126. https://doi.org/10.2307/270949
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of
       Statistical Software* 24(6). https://doi.org/10.18637/jss.v024.i06
    .. [3] Butts, C. T. sna: Tools for Social Network Analysis, R package
       2.7-1, function ``brokerage`` (``R/models.R``, ``src/gli.c``).

    Examples
    --------
    Undirected a - b - c, b in its own bloc: b brokers a -> b -> c and
    c -> b -> a as an itinerant.

    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> res = brokerage(G, blocs={"a": "W", "b": "E", "c": "W"})
    >>> res.counts.loc["b", ["itinerant", "total"]].tolist()
    [2, 2]
    >>> res.density
    0.6666666666666666
    >>> round(float(res.z.loc["b", "total"]), 4)  # sna 2.7-1: 3.391165
    3.3912
    """
    if samples < 0:
        raise ValueError(f"samples must be >= 0, got {samples}")
    nodes = list(G)
    bloc_of = resolve_blocs(G, blocs)
    if all(b is None for b in bloc_of.values()):
        where = (
            f"no node has a {blocs!r} attribute"
            if isinstance(blocs, str)
            else "the blocs mapping gives no node a bloc"
        )
        raise ValueError(
            f"brokerage needs blocs, but {where}; set a node attribute "
            f"(nx.set_node_attributes(G, {{node: bloc}}, 'bloc')), name another attribute "
            f"with blocs='<attribute>', or pass blocs={{node: bloc, ...}}"
        )
    N = len(nodes)
    index = {v: k for k, v in enumerate(nodes)}
    codes = _class_codes(bloc_codes(nodes, bloc_of))
    sizes = np.bincount(codes).astype(float)

    arcs = _arcs(G, index)
    observed = _count_roles(arcs, codes)
    observed = np.column_stack([observed, observed.sum(axis=1)])
    d = arcs.src.size / (N * (N - 1)) if N > 1 else 0.0

    mean_k, var_k = _actor_moments(sizes, d)
    mean, sd = mean_k[codes] + 0.0, np.sqrt(var_k[codes])  # + 0.0 turns -0.0 into 0.0
    z = _z(observed, mean, sd)

    actor = pd.Index(nodes, name="actor", dtype=object, tupleize_cols=False)

    def frame(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=actor, columns=list(COLUMNS))

    p_value = None
    if samples > 0:
        p_value = frame(_permutation_p(arcs, codes, observed, samples, seed, progress))

    g_mean, g_var = _graph_moments(sizes, d)
    g_obs = observed.sum(axis=0)
    g_sd = np.sqrt(g_var)
    graph_level = pd.DataFrame(
        {"count": g_obs, "expected": g_mean, "sd": g_sd, "z": _z(g_obs, g_mean, g_sd)},
        index=pd.Index(COLUMNS, name="role"),
    )
    labels = pd.Series([bloc_of[v] for v in nodes], index=actor, name="bloc", dtype=object)
    return BrokerageResult(
        counts=frame(observed),
        expected=frame(mean),
        sd=frame(sd),
        z=frame(z),
        p_value=p_value,
        blocs=labels,
        graph_level=graph_level,
        density=d,
        samples=samples,
        seed=seed,
    )


@dataclass(frozen=True, eq=False)
class _PermutationTask:
    """Bloc labels shuffled over the actors of a fixed graph; every actor's role counts.

    A task of the package's one Monte Carlo engine (:func:`graph.nulls.ensemble.simulate`).
    """

    arcs: _Arcs
    codes: np.ndarray

    def stream(self, rng: np.random.Generator):
        while True:
            yield rng.permutation(self.codes)

    def value(self, codes: np.ndarray) -> np.ndarray:
        sim = _count_roles(self.arcs, codes)
        return np.column_stack([sim, sim.sum(axis=1)]).ravel()

    def changed(self, codes: np.ndarray) -> bool:
        return not np.array_equal(codes, self.codes)


def _permutation_p(
    arcs: _Arcs,
    codes: np.ndarray,
    observed: np.ndarray,
    samples: int,
    seed: Seed,
    progress: bool,
) -> np.ndarray:
    """Upper-tail p-values from shuffling bloc labels over the actors of a fixed graph.

    The permutations are drawn by :func:`graph.nulls.ensemble.simulate` in
    seeded chunks, as every null test draws its samples.
    """
    flat = observed.ravel().astype(float)
    _, _, seeds = ensemble_seeds(seed, -(-samples // CHUNK))
    values, _, _ = simulate(
        _PermutationTask(arcs, codes),
        seeds,
        chunk=CHUNK,
        samples=samples,
        observed=flat,
        alternative="greater",
        sequential=False,
        stop_after=1,
        n_jobs=1,
        progress=progress,
        desc="brokerage permutations",
    )
    hits = [at_least_as_extreme(v, x, "greater").sum() for v, x in zip(values, flat, strict=True)]
    at_least = np.array(hits)
    return ((at_least + 1) / (samples + 1)).reshape(observed.shape)
