r"""Null tests on large graphs: the size rule, and samples drawn and evaluated on compiled kernels.

A null test computes its statistic on the observed graph and again on every
sample. On a small graph that is exact: one-node betweenness from all
sources, on igraph. Its cost grows as :math:`n \times m` per sample, which at
:math:`10^5` nodes and :math:`10^6` ties is minutes per sample. Above the size
rule (:func:`at_scale`: :math:`n \times m >` :data:`graph.sizes.EXACT_NULLS`) a test
therefore changes method, and says so in its result
(:attr:`graph.nulls.NullTest.estimator`):

- **statistic**: the focus's betweenness and bloc-pair betweenness are
  estimated from :data:`SCALE_PAIRS` node pairs drawn once from the test's
  seed (:mod:`graph.measures.focus`): the *same* pairs for the observed graph
  and for every sample, so the statistic is one fixed function of the graph
  and the Monte Carlo p-value stays exact for it. The standard error of the
  observed value's estimate is reported. Degree and brokerage stay exact;
- **samples**: rewiring runs on the compiled chains of
  :mod:`graph.nulls.swaps` (the same chains as igraph's and the two-mode
  null's, with their own seeded generator), each sample's fold and
  adjacency in arrays; under bloc permutation the graph is fixed, so the
  pairs' shares are computed once and each permutation costs
  :math:`O(n + N)`;
- **chunks**: :data:`SCALE_CHUNK` sample per chunk instead of 250: a sample
  costs seconds, so workers share the work sample by sample, and when a
  sequential test stops, at most one sample per other worker is drawn for
  nothing (with 4 per chunk, a third of the time of a variant's test went
  into samples drawn after it had stopped).

Examples
--------
>>> at_scale(23, 60), at_scale(100_000, 740_000)
(False, True)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import numpy as np

from graph.blocs import bloc_codes, resolve_blocs
from graph.nulls.codes import edge_codes
from graph.nulls.outcome import (
    base_fields,
    run_tests,
    strata_codes,
    untestable_reason,
)
from graph.nulls.result import NullTest
from graph.nulls.twomode import TwoModeArrays, two_mode_arrays
from graph.seeds import draw_seed, ensemble_seeds, random_state
from graph.sizes import Size, above

__all__ = [
    "SCALE_PAIRS",
    "SCALE_CHUNK",
    "PAIRS_KEY",
    "ScaleTask",
    "at_scale",
    "chunk_size",
    "two_mode_chain",
    "scale_tests",
    "rewired_hub",
    "required_two_mode",
]

#: Node pairs behind the estimated betweenness and bloc-pair betweenness of the focus at
#: scale. Each pair's share lies in [0, 1], so the standard error is at most
#: 0.5 / sqrt(20,000) = 0.0035, and far less for an actor on few paths (sd about
#: sqrt(b (1 - b)) for betweenness b).
SCALE_PAIRS = 20_000

#: Samples per chunk at scale (a chunk is the unit of work of one worker).
SCALE_CHUNK = 1

#: The pairs are drawn from this child of the test's seed sequence (chunks use 1, 2, ...).
PAIRS_KEY = 2**32 - 1


def at_scale(n: int, m: int) -> bool:
    """Tell whether a null test on ``n`` nodes and ``m`` edges uses the large-graph methods.

    The rule is :data:`graph.sizes.EXACT_NULLS`.

    Examples
    --------
    >>> at_scale(1_000, 9_999), at_scale(1_000, 10_001)
    (False, True)
    """
    return above(Size(n, m), "EXACT_NULLS")


def chunk_size(null: str) -> int:
    """Samples per chunk at scale: a permutation costs milliseconds, a rewiring a second or more.

    Examples
    --------
    >>> chunk_size("permute_blocs"), chunk_size("rewire")
    (250, 1)
    """
    return 250 if null == "permute_blocs" else SCALE_CHUNK


def _csr(n: int, a: np.ndarray, b: np.ndarray):
    from graph.measures.focus import csr_arrays

    return csr_arrays(n, a, b)


@dataclasses.dataclass(frozen=True, eq=False)
class ScaleTask:
    """Null samples of a large graph on compiled kernels; statistics of one focus (picklable).

    ``kinds`` are the statistics evaluated on every sample (one value each:
    several tests can share one ensemble). ``a``, ``b``: the observed edges;
    ``start``: where every chain starts (the hub: edge arrays, or a
    :class:`~graph.nulls.twomode.TwoModeArrays`); ``pair_s``, ``pair_t``: the
    sampled pairs; ``shares``, ``comp``: the pairs' shares and the components
    of the observed graph (bloc permutation only: the graph does not change).
    """

    kinds: tuple[str, ...]
    null: str  # "rewire", "twomode" or "permute_blocs"
    n: int
    a: np.ndarray
    b: np.ndarray
    focus: int
    codes: np.ndarray
    trials: float  # swap trials per edge (per incidence and per direct tie for two-mode)
    pair_s: np.ndarray
    pair_t: np.ndarray
    start: object = None
    strata: np.ndarray | None = None
    shares: np.ndarray | None = None
    comp: np.ndarray | None = None

    def stream(self, rng: np.random.Generator) -> Iterator[tuple]:
        """Yield samples ``(a, b, codes)`` (edges None when the graph is the observed one)."""
        from graph.nulls.engine import permute_groups, strata_groups

        groups = strata_groups(self.strata) if self.null == "permute_blocs" else None
        while True:
            if self.null == "permute_blocs":
                yield None, None, permute_groups(self.codes, groups, rng)
                continue
            seed = int(rng.integers(2**63))
            if self.null == "twomode":
                yield (*_two_mode_sample(self.start, self.trials, seed), self.codes)
            else:
                yield (*_rewired(self.n, self.start, self.trials, seed), self.codes)

    def value(self, sample: tuple) -> np.ndarray:
        """Every statistic of ``kinds`` on one sample."""
        from graph.measures import focus as fx

        a, b, codes = sample
        out = np.empty(len(self.kinds))
        if a is None:  # bloc permutation: the observed graph, its shares computed once
            for i, kind in enumerate(self.kinds):
                if kind != "bloc_pair_betweenness":
                    raise ValueError(f"bloc permutation does not change {kind!r}")
                out[i] = fx.bloc_pair_from_shares(
                    self.shares, self.pair_s, self.pair_t, codes, self.comp
                )[0]
            return out
        indptr, indices = _csr(self.n, a, b)
        shares = comp = None
        for i, kind in enumerate(self.kinds):
            if kind in ("betweenness", "bloc_pair_betweenness") and shares is None:
                shares = fx.pair_shares(indptr, indices, self.focus, self.pair_s, self.pair_t)
            if kind == "betweenness":
                out[i] = fx.betweenness_from_shares(shares)[0]
            elif kind == "bloc_pair_betweenness":
                comp = fx.components(indptr, indices) if comp is None else comp
                out[i] = fx.bloc_pair_from_shares(shares, self.pair_s, self.pair_t, codes, comp)[0]
            elif kind == "brokerage":
                out[i] = fx.brokerage_count(indptr, indices, self.focus, codes)
            else:
                out[i] = float(indptr[self.focus + 1] - indptr[self.focus])
        return out

    def changed(self, sample: tuple) -> bool:
        """Whether the sample differs from the observed graph (or labels)."""
        a, b, codes = sample
        if a is None:
            return not np.array_equal(codes, self.codes)
        return not np.array_equal(edge_codes(self.n, a, b), edge_codes(self.n, self.a, self.b))


def _rewired(n: int, start: tuple, trials: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from graph.nulls.swaps import double_edge_swaps

    a, b = start[0].copy(), start[1].copy()
    double_edge_swaps(a, b, n, trials=round(trials * a.size), seed=seed)
    return a, b


def _two_mode_sample(tm: TwoModeArrays, trials: float, seed: int):
    """Rewire a two-mode structure (incidences, then direct ties) and fold it."""
    from graph.nulls.swaps import project

    chain = two_mode_chain(tm, trials, seed)
    return project(chain.n, chain.actor, chain.hub, chain.direct_a, chain.direct_b)


def two_mode_chain(tm: TwoModeArrays, trials: float, seed: int) -> TwoModeArrays:
    """One run of the two-mode chain from ``tm`` (``trials`` per incidence and per direct tie).

    Examples
    --------
    >>> tm = TwoModeArrays(4, np.array([0, 1, 2, 3]), np.array([0, 0, 1, 1]), 2,
    ...                    np.array([0]), np.array([2]))
    >>> out = two_mode_chain(tm, 10, seed=1)
    >>> np.bincount(out.hub).tolist(), out.direct_a.tolist()
    ([2, 2], [0])
    """
    from graph.nulls.swaps import double_edge_swaps, incidence_swaps

    seeds = np.random.SeedSequence(seed).generate_state(2, dtype=np.uint64)
    actor, hub = tm.actor.copy(), tm.hub.copy()
    incidence_swaps(actor, hub, tm.hubs, trials=round(trials * actor.size), seed=int(seeds[0]))
    da, db = tm.direct_a.copy(), tm.direct_b.copy()
    double_edge_swaps(da, db, tm.n, trials=round(trials * da.size), seed=int(seeds[1]))
    return TwoModeArrays(tm.n, actor, hub, tm.hubs, da, db)


def scale_tests(G, X, names: list[str], node, options: dict) -> list[NullTest]:
    """The tests on compiled kernels, path statistics from sampled pairs (large graphs)."""
    from graph.measures import focus as fx

    null, samples, spe = options["null"], options["samples"], options["swaps_per_edge"]
    nodes, n, m = X.nodes, X.n, X.a.size
    focus = nodes.index(node)
    codes = bloc_codes(nodes, resolve_blocs(G, options["attr"]))
    attr_name = options["attr"] if isinstance(options["attr"], str) else "bloc"
    chunk = chunk_size(null)
    entropy, hub_seed, seeds = ensemble_seeds(options["seed"], -(-samples // chunk))
    pair_rng = random_state(np.random.SeedSequence(entropy, spawn_key=(PAIRS_KEY,)))
    pair_s, pair_t = fx.sample_pairs(n, focus, SCALE_PAIRS, pair_rng)
    a, b = X.a.astype(np.int64), X.b.astype(np.int64)
    indptr, indices = fx.csr_arrays(n, a, b)
    shares = fx.pair_shares(indptr, indices, focus, pair_s, pair_t)
    comp = fx.components(indptr, indices)
    errors = {
        "betweenness": fx.betweenness_from_shares(shares)[1],
        "bloc_pair_betweenness": fx.bloc_pair_from_shares(shares, pair_s, pair_t, codes, comp)[1],
    }
    structure = required_two_mode(G, nodes) if null == "twomode" else None
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
        strata=strata_codes(G, options["strata"]),
        shares=shares if null == "permute_blocs" else None,
        comp=comp if null == "permute_blocs" else None,
    )
    observed = task.value((a, b, codes))
    bases = [
        base_fields(name, node, null, float(x), entropy, options, **_estimate(name, errors))
        for name, x in zip(names, observed.tolist(), strict=True)
    ]
    reason = untestable_reason(n, m, np.diff(indptr).tolist, null, attr_name, codes)
    if not reason[0]:  # Besag & Clifford (1989): chains from one hub
        task = _from_hub(task, structure, draw_seed(random_state(hub_seed)))
    return run_tests(task, bases, reason, seeds, chunk, options)


def _estimate(name: str, errors: dict) -> dict:
    """How a statistic is estimated at scale: path statistics from sampled pairs, others exact."""
    if name in ("betweenness", "bloc_pair_betweenness"):
        return {"estimator": "sampled pairs", "pairs": SCALE_PAIRS, "standard_error": errors[name]}
    return {"estimator": "exact", "pairs": 0, "standard_error": 0.0}


def _from_hub(task: ScaleTask, structure, seed: int) -> ScaleTask:
    """The task whose chains start from the hub: one chain from the observed graph."""
    if structure is not None:
        return dataclasses.replace(task, start=two_mode_chain(structure, task.trials, seed))
    if task.null == "rewire":
        return dataclasses.replace(
            task, start=rewired_hub(task.n, task.a, task.b, task.trials, seed)
        )
    return task


def required_two_mode(G, nodes) -> TwoModeArrays:
    """The two-mode structure of a view that folds events; a ValueError for any other graph."""
    structure = two_mode_arrays(G, nodes)
    if structure is None:
        raise ValueError(
            "null='twomode' needs a view that folds events (its 'participation' and "
            "derivations, as graph.networks makes them); use null='rewire' for this graph"
        )
    return structure


def rewired_hub(n, a, b, spe, seed) -> tuple[np.ndarray, np.ndarray]:
    """The hub of Besag and Clifford's scheme: one chain of swaps from the observed edges."""
    from graph.nulls.swaps import double_edge_swaps

    ha, hb = a.copy(), b.copy()
    double_edge_swaps(ha, hb, n, trials=round(spe * a.size), seed=seed)
    return ha, hb
