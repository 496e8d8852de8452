r"""Null models as samplers of graphs, and Monte Carlo tests against them.

A claim such as "X is a broker" becomes a question a null model can answer:
is X's betweenness higher than in graphs that share what the claim does not
explain (the same degrees, the same size, the same ties with the blocs
reshuffled)?

Samplers
    :func:`rewire` (degree-preserving double-edge swaps), :func:`gnm`
    (a G(n, m) graph of the same size) and :func:`permute_blocs` (the same
    graph, bloc labels shuffled). Each returns one sampled ``nx.Graph``; they
    are plain networkx and serve as the reference implementation.
Test
    :func:`null_test` draws an ensemble from a null model, evaluates a
    statistic on each sample and returns a frozen :class:`NullTest` with the
    Monte Carlo p-value and z-score. A built-in statistic named by a tuple,
    such as ``("betweenness", node)``, runs on python-igraph (the observed
    graph is converted once per test), about 40 times faster than networkx;
    any callable ``f(nx.Graph) -> float`` runs on the networkx samplers.

Null models work on the unweighted topology: the graph is folded into an
undirected simple graph, edge attributes (weights, signs) are dropped and node
attributes are kept, for the observed value and for every sample alike.

Examples
--------
>>> import networkx as nx
>>> from graph.nulls import null_test
>>> G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 6), (4, 6)])
>>> res = null_test(G, ("betweenness", 2), samples=50, seed=0, progress=False)
>>> res.n, res.testable, round(res.observed, 3)
(50, True, 0.267)
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import math
import random
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any

import igraph as ig
import joblib
import networkx as nx
import numpy as np
from networkx.algorithms.threshold import is_threshold_sequence
from tqdm.auto import tqdm

from graph.measures import _is_missing

__all__ = ["NullTest", "null_test", "rewire", "gnm", "permute_blocs"]

_NULLS = ("rewire", "rewire_connected", "gnm", "permute_blocs")
_STATISTICS = ("betweenness", "bloc_pair_betweenness", "degree")
_ALTERNATIVES = ("greater", "less", "two-sided")
_CHUNK = 250  # samples per chunk: the chunking depends on `samples` only
_RTOL = 1e-12  # relative tolerance under which a sample ties the observed value
_BLOC = "bloc"  # attribute the blocs are written to when given as a mapping

# igraph draws its random numbers from one process-wide Python object; the lock
# keeps two threads from reseeding it under each other's feet.
_IGRAPH_RNG_LOCK = threading.Lock()
# python-igraph >= 0.11 exposes the C rewiring as GraphBase._rewire (1.0) or
# GraphBase.rewire (0.11); both take (n_trials, "simple") positionally.
_ig_rewire = getattr(ig.GraphBase, "_rewire", None) or ig.GraphBase.rewire


# --------------------------------------------------------------------------- result


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class NullTest:
    """The result of a Monte Carlo test of one statistic against a null model.

    Attributes
    ----------
    statistic : str
        Name of the statistic (a built-in name, or the callable's ``__name__``).
    node : hashable or None
        The focus node of a built-in statistic; None for a callable.
    null : str
        "rewire", "rewire_connected", "gnm" or "permute_blocs".
    observed : float
        The statistic on the observed graph.
    samples : numpy.ndarray
        The statistic on each null sample, in drawing order (read-only).
    n : int
        Number of null samples drawn.
    p_value : float
        Monte Carlo p-value; NaN when the test is not testable.
    z : float
        ``(observed - mean) / sd`` of the samples; NaN if the sd is 0.
    alternative : str
        "greater", "less" or "two-sided".
    seed : int or None
        The integer seed the ensemble was drawn from (rerun with it to get the
        same samples).
    alpha : float
        Significance level used by :attr:`significant`.
    testable : bool
        False when the null model cannot produce a graph other than the
        observed one, or the statistic is undefined.
    reason : str
        Why the test is not testable; "" when it is.
    stopped_early : bool
        True when the sequential test stopped before drawing all samples.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 6), (4, 6)])
    >>> res = null_test(G, ("betweenness", 3), samples=50, progress=False)
    >>> res.significant == (res.testable and res.p_value <= res.alpha)
    True
    >>> d = res.to_dict()
    >>> d["statistic"], d["node"], d["null"], len(d["samples"])
    ('betweenness', 3, 'rewire', 50)
    """

    statistic: str
    node: Hashable | None
    null: str
    observed: float
    samples: np.ndarray = dataclasses.field(repr=False)
    n: int
    p_value: float
    z: float
    alternative: str
    seed: int | None
    alpha: float
    testable: bool
    reason: str = ""
    stopped_early: bool = False

    def __post_init__(self) -> None:
        values = np.array(self.samples, dtype=float)
        values.setflags(write=False)
        object.__setattr__(self, "samples", values)

    @property
    def significant(self) -> bool:
        """True when the test is testable and ``p_value <= alpha``."""
        return bool(self.testable and self.p_value <= self.alpha)

    @property
    def mean(self) -> float:
        """Mean of the null samples (NaN if there are none)."""
        finite = self.samples[np.isfinite(self.samples)]
        return float(finite.mean()) if finite.size else math.nan

    @property
    def sd(self) -> float:
        """Standard deviation of the null samples (ddof=1; NaN if fewer than 2)."""
        finite = self.samples[np.isfinite(self.samples)]
        return float(finite.std(ddof=1)) if finite.size > 1 else math.nan

    def _title(self) -> str:
        about = f" of {self.node!r}" if self.node is not None else ""
        return f"{self.statistic}{about} under the {self.null} null"

    def __repr__(self) -> str:
        head = f"NullTest({self._title()}: observed={self.observed:.6g}"
        if not self.testable:
            return f"{head}, not testable: {self.reason})"
        early = ", stopped early" if self.stopped_early else ""
        verdict = "significant" if self.significant else "not significant"
        return (
            f"{head}, null mean={self.mean:.6g} (sd {self.sd:.3g}), z={self.z:.3g}, "
            f"p={self.p_value:.4g} ({self.alternative}, {self.n} samples{early}, "
            f"seed {self.seed}): {verdict} at alpha={self.alpha:g})"
        )

    def _repr_html_(self) -> str:
        rows = [
            ("statistic", self._title()),
            ("observed", f"{self.observed:.6g}"),
            ("null mean (sd)", f"{self.mean:.6g} ({self.sd:.3g})"),
            ("z", f"{self.z:.3g}"),
            ("p-value", f"{self.p_value:.4g} ({self.alternative})"),
            ("samples", f"{self.n}" + (" (stopped early)" if self.stopped_early else "")),
            ("seed", str(self.seed)),
            ("significant", f"{self.significant} at alpha={self.alpha:g}"),
        ]
        if not self.testable:
            rows.append(("not testable", self.reason))
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        return f"<table>{body}</table>"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serializable dict (NaN becomes None, samples a list)."""
        node = self.node
        if node is not None and not isinstance(node, str | int | float | bool):
            node = str(node)
        return {
            "statistic": self.statistic,
            "node": node,
            "null": self.null,
            "observed": _finite_or_none(self.observed),
            "samples": [_finite_or_none(x) for x in self.samples.tolist()],
            "n": int(self.n),
            "mean": _finite_or_none(self.mean),
            "sd": _finite_or_none(self.sd),
            "p_value": _finite_or_none(self.p_value),
            "z": _finite_or_none(self.z),
            "alternative": self.alternative,
            "seed": self.seed,
            "alpha": float(self.alpha),
            "testable": bool(self.testable),
            "reason": self.reason,
            "stopped_early": bool(self.stopped_early),
            "significant": self.significant,
        }


def _finite_or_none(x: float) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


# --------------------------------------------------------------------------- helpers


def _rng(seed: Any) -> np.random.Generator:
    """Turn None, an int, a SeedSequence or a Generator into a Generator."""
    return np.random.default_rng(seed)


def _py_random(rng: np.random.Generator) -> random.Random:
    """Seed a Python ``random.Random`` from ``rng`` (for networkx and igraph)."""
    return random.Random(int(rng.integers(2**63)))


def _topology(G: nx.Graph) -> nx.Graph:
    """Undirected simple copy of ``G``: node and graph attributes kept, edge attributes dropped."""
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def _bloc_attribute(H: nx.Graph, attr: str | Mapping) -> str:
    """Return the attribute holding the blocs, writing a mapping into ``H`` first."""
    if isinstance(attr, str):
        return attr
    if isinstance(attr, Mapping):
        for v in H:
            value = attr.get(v)
            if _is_missing(value):
                H.nodes[v].pop(_BLOC, None)
            else:
                H.nodes[v][_BLOC] = value
        return _BLOC
    raise TypeError(
        f"attr must be a node attribute name (str) or a mapping node -> bloc; "
        f"got {type(attr).__name__}"
    )


def _bloc_codes(H: nx.Graph, attr: str) -> np.ndarray:
    """Integer bloc code per node in ``H``'s order; -1 for a node without a bloc."""
    keys: dict = {}
    codes = np.full(len(H), -1, dtype=np.int64)
    for i, (_, data) in enumerate(H.nodes(data=True)):
        value = data.get(attr)
        if not _is_missing(value):
            codes[i] = keys.setdefault(value, len(keys))
    return codes


def _swappable(H: nx.Graph) -> bool:
    """Tell whether any double-edge swap can change ``H``.

    None can exactly when the degree sequence has a single realization,
    i.e. when it is a threshold sequence (stars, complete graphs, every
    graph on 3 nodes or fewer).
    """
    return not is_threshold_sequence([d for _, d in H.degree()])


def _is_extreme(x: float, observed: float, alternative: str) -> bool:
    """Tell whether one sample is at least as extreme as the observed value."""
    if math.isnan(x):
        return True  # conservative: an undefined sample counts against the claim
    tol = _RTOL * max(abs(x), abs(observed))
    if alternative == "greater":
        return x >= observed - tol
    return x <= observed + tol


def _extreme(values: np.ndarray, observed: float, alternative: str) -> np.ndarray:
    """Vectorized :func:`_is_extreme`."""
    tol = _RTOL * np.maximum(np.abs(values), abs(observed))
    if alternative == "greater":
        hit = values >= observed - tol
    else:
        hit = values <= observed + tol
    return hit | np.isnan(values)


# --------------------------------------------------------------------------- samplers


def rewire(
    G: nx.Graph,
    *,
    seed: int | np.random.Generator | None = None,
    connected: bool = False,
    swaps_per_edge: float = 10,
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

    This pure-Python chain is the reference; :func:`null_test` runs the
    same chain in igraph's C code (``Graph.rewire``, "simple").

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
    H = _topology(G)
    if connected and not (len(H) and nx.is_connected(H)):
        k = nx.number_connected_components(H)
        raise ValueError(
            f"rewire(connected=True) needs a connected graph; G has {k} connected "
            f"components. Use connected=False or keep G's largest component."
        )
    trials = round(swaps_per_edge * H.number_of_edges())
    if trials == 0 or not _swappable(H):
        return H
    rnd = _py_random(_rng(seed))
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
    H0 = _topology(G)
    nodes = list(H0)
    R = nx.gnm_random_graph(len(nodes), H0.number_of_edges(), seed=_py_random(_rng(seed)))
    H = nx.Graph()
    H.graph.update(H0.graph)
    H.add_nodes_from(H0.nodes(data=True))
    H.add_edges_from((nodes[u], nodes[v]) for u, v in R.edges())
    return H


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
    name = _bloc_attribute(H, attr)
    nodes = list(H)
    values = [H.nodes[v].get(name) for v in nodes]
    order = _rng(seed).permutation(len(nodes))
    for v, i in zip(nodes, order, strict=True):
        value = values[i]
        if _is_missing(value):
            H.nodes[v].pop(name, None)
        else:
            H.nodes[v][name] = value
    return H


# --------------------------------------------------------------------------- fast path (igraph)


@contextlib.contextmanager
def _igraph_rng(generator: random.Random) -> Iterator[None]:
    """Make igraph draw from ``generator``; restore its default (the random module) after."""
    with _IGRAPH_RNG_LOCK:
        ig.set_random_number_generator(generator)
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


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


def _random_pairs(rng: np.random.Generator, n: int, m: int) -> list[tuple[int, int]]:
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


def _ig_betweenness(g: ig.GraphBase, focus: int) -> float:
    """Return normalized betweenness (endpoints excluded), as ``nx.betweenness_centrality``."""
    n = g.vcount()
    pairs = (n - 1) * (n - 2) / 2.0
    if pairs <= 0:
        return 0.0
    return g.betweenness([focus], directed=False)[0] / pairs


def _ig_bloc_pair_betweenness(g: ig.GraphBase, focus: int, codes: np.ndarray) -> float:
    """Bloc-pair betweenness of ``focus``, as ``graph.measures.bloc_pair_betweenness``.

    The dependency of ``focus`` on cross-bloc pairs is its betweenness minus
    its betweenness restricted to pairs inside each bloc; it is divided by the
    number of connected cross-bloc pairs. NaN if no node has a bloc or no
    cross-bloc pair is connected.
    """
    if (codes < 0).all():
        return math.nan
    through = g.betweenness([focus], directed=False)[0]
    groups = [np.flatnonzero(codes == b) for b in np.unique(codes[codes >= 0])]
    for members in groups:
        if members.size > 1:
            ids = members.tolist()
            through -= g.betweenness([focus], directed=False, sources=ids, targets=ids)[0]
    # Connected cross-bloc pairs: per component, all pairs minus same-bloc pairs.
    component = np.asarray(g.connected_components(), dtype=np.int64)  # membership
    size = np.bincount(component)
    pairs = float((size * (size - 1) // 2).sum())
    for members in groups:
        count = np.bincount(component[members])
        pairs -= float((count * (count - 1) // 2).sum())
    if pairs <= 0:
        return math.nan
    return max(through, 0.0) / pairs


def _ig_statistic(kind: str, g: ig.GraphBase, focus: int, codes: np.ndarray) -> float:
    if kind == "betweenness":
        return _ig_betweenness(g, focus)
    if kind == "bloc_pair_betweenness":
        return _ig_bloc_pair_betweenness(g, focus, codes)
    return float(g.degree(focus))


@dataclasses.dataclass(frozen=True, eq=False)
class _FastTask:
    """Everything a worker needs to draw null samples on igraph (picklable)."""

    kind: str
    null: str
    n: int
    edges: list[tuple[int, int]]  # the observed graph
    start: list[tuple[int, int]]  # where each rewiring chain starts (the hub)
    focus: int
    codes: np.ndarray
    trials: int

    def stream(self, rng: np.random.Generator) -> Iterator[tuple[ig.GraphBase, np.ndarray]]:
        base = ig.GraphBase(self.n, self.start)
        if self.null == "permute_blocs":
            while True:
                yield base, rng.permutation(self.codes)
        elif self.null == "gnm":
            m = len(self.edges)
            while True:
                yield ig.GraphBase(self.n, _random_pairs(rng, self.n, m)), self.codes
        else:
            connected = self.null == "rewire_connected"
            with _igraph_rng(_py_random(rng)):
                while True:
                    g = base.copy()
                    if connected:
                        g = _ig_rewire_connected(g, self.trials)
                    else:
                        _ig_rewire(g, self.trials, "simple")
                    yield g, self.codes

    def value(self, sample: tuple[ig.GraphBase, np.ndarray]) -> float:
        return _ig_statistic(self.kind, sample[0], self.focus, sample[1])

    def changed(self, sample: tuple[ig.GraphBase, np.ndarray]) -> bool:
        g, codes = sample
        if self.null == "permute_blocs":
            return not np.array_equal(codes, self.codes)
        return not np.array_equal(
            _edge_codes(g.get_edgelist(), self.n), _edge_codes(self.edges, self.n)
        )


def _ig_hub(task: _FastTask, seed: np.random.SeedSequence) -> list[tuple[int, int]]:
    """Run one chain from the observed graph; the samples start from its end."""
    rng = np.random.default_rng(seed)
    with contextlib.closing(task.stream(rng)) as stream:
        g, _ = next(stream)
        return g.get_edgelist()


# --------------------------------------------------------------------------- reference path


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


# --------------------------------------------------------------------------- ensemble


def _chunk(
    task: _FastTask | _ReferenceTask,
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
            if need is not None and _is_extreme(x, observed, alternative):
                hits += 1
                if hits >= need:
                    return values[: i + 1], first_changed
    return values, first_changed


def _simulate(
    task: _FastTask | _ReferenceTask,
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
                    running = hits + np.cumsum(_extreme(values, observed, alternative))
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
        greater = (_extreme(values, observed, "greater").sum() + 1) / (n + 1)
        less = (_extreme(values, observed, "less").sum() + 1) / (n + 1)
        return float(min(1.0, 2.0 * min(greater, less)))
    return float((_extreme(values, observed, alternative).sum() + 1) / (n + 1))


def _z(values: np.ndarray, observed: float) -> float:
    finite = values[np.isfinite(values)]
    if finite.size < 2 or not math.isfinite(observed):
        return math.nan
    sd = finite.std(ddof=1)
    if sd == 0:
        return math.nan
    return float((observed - finite.mean()) / sd)


# --------------------------------------------------------------------------- the test


def _parse_statistic(statistic: Any) -> tuple[str, Hashable | None, Callable | None]:
    if callable(statistic):
        return getattr(statistic, "__name__", repr(statistic)), None, statistic
    if isinstance(statistic, tuple) and len(statistic) == 2 and statistic[0] in _STATISTICS:
        return statistic[0], statistic[1], None
    raise ValueError(
        f"statistic must be a callable nx.Graph -> float or a tuple (name, node) with "
        f"name in {_STATISTICS}; got {statistic!r}"
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


def _untestable_reason(H: nx.Graph, null: str, attr: str, codes: np.ndarray) -> str:
    """Why the null model cannot produce a graph other than ``H`` ("" if it can)."""
    n, m = H.number_of_nodes(), H.number_of_edges()
    if n < 4 or m < 2:
        return (
            f"the graph has {n} nodes and {m} edges; a null model needs at least "
            f"4 nodes and 2 edges"
        )
    if null in ("rewire", "rewire_connected") and not _swappable(H):
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
        graphs from the networkx samplers :func:`rewire`, :func:`gnm`,
        :func:`permute_blocs` (reference path, any statistic, slower); with
        ``n_jobs != 1`` it must be picklable by cloudpickle.
    null : {"rewire", "rewire_connected", "gnm", "permute_blocs"}, default "rewire"
        The null model: same degrees; same degrees and connected; same
        number of nodes and edges; same graph with bloc labels shuffled.
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
    if null not in _NULLS:
        raise ValueError(f"null must be one of {_NULLS}; got {null!r}")
    if connected and null not in ("rewire", "rewire_connected"):
        raise ValueError(f"connected=True applies to rewiring only; got null={null!r}")
    if null == "rewire" and connected:
        null = "rewire_connected"
    if alternative not in _ALTERNATIVES:
        raise ValueError(f"alternative must be one of {_ALTERNATIVES}; got {alternative!r}")
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

    H = _topology(G)
    if node is not None and node not in H:
        raise KeyError(
            f"node {node!r} is not in the graph ({len(H)} nodes); check its spelling, "
            f"or that the view you test keeps it"
        )
    bloc_attr = _bloc_attribute(H, attr)
    codes = _bloc_codes(H, bloc_attr)
    entropy = _seed_entropy(seed)
    n_chunks = -(-samples // _CHUNK)
    hub_seed, *seeds = np.random.SeedSequence(entropy).spawn(n_chunks + 1)
    rewiring = null in ("rewire", "rewire_connected")

    if func is None:
        index = {v: i for i, v in enumerate(H)}
        edges = [(index[u], index[v]) for u, v in H.edges()]
        task = _FastTask(
            kind=name,
            null=null,
            n=len(index),
            edges=edges,
            start=edges,
            focus=index[node],
            codes=codes,
            trials=round(swaps_per_edge * len(edges)),
        )
        observed = task.value((ig.GraphBase(task.n, edges), codes))
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

    if rewiring:  # Besag & Clifford (1989): every chain starts from one hub.
        if func is None:
            task = dataclasses.replace(task, start=_ig_hub(task, hub_seed))
        else:
            connect = null == "rewire_connected"
            hub = rewire(H, seed=_rng(hub_seed), connected=connect, swaps_per_edge=swaps_per_edge)
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
