"""How fast the two-mode swap chain forgets where it started, on the benchmark's large view.

Each null sample of the claim test is a fresh chain of swap trials from Besag and Clifford's
hub, so its p-value is exact whatever the number of trials; too few trials only cost power,
by leaving the samples close to the hub. This measures the autocorrelation of the focus's
statistics (betweenness from the null tests' sampled pairs, and brokerage) along one long
chain, every ``--step`` trials per tie: where it falls into the noise band, samples that
many trials apart are as good as independent. It backs ``graph.claims.plan.SCALE_SWAPS``.

Usage::

    .venv/bin/python bench/mixing.py [--actors 100000] [--ties 1000000] [--steps 100]

Two chains run in two processes (about two minutes at the default size, after a
minute to generate the data and build the view).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

from graph import io, networks  # noqa: E402
from graph.blocs import bloc_codes, resolve_blocs  # noqa: E402
from graph.fold import fold_arrays  # noqa: E402
from graph.measures import focus as fx  # noqa: E402
from graph.nulls import scale  # noqa: E402
from graph.nulls.swaps import project  # noqa: E402
from graph.nulls.twomode import two_mode_arrays  # noqa: E402

_STATE: dict = {}


def _setup(actors: int, ties: int, seed: int) -> None:
    folder = generate.write(
        Path(tempfile.mkdtemp(prefix="actor-graph-bench-")), actors, ties, seed=seed
    )
    ds = io.load_dataset(folder / "nodes.csv", folder / "edges.csv", check_text=False)
    G = networks.actors_view(ds.nodes, ds.edges)
    X = fold_arrays(G, None)
    focus = X.nodes.index("a000000")
    s, t = fx.sample_pairs(X.n, focus, scale.SCALE_PAIRS, np.random.default_rng(0))
    _STATE.update(
        n=X.n,
        focus=focus,
        tm=two_mode_arrays(G, X.nodes),
        codes=np.asarray(bloc_codes(X.nodes, resolve_blocs(G, "bloc")), dtype=np.int64),
        s=s,
        t=t,
    )


def _statistics(chain) -> tuple[float, float]:
    st = _STATE
    a, b = project(chain.n, chain.actor, chain.hub, chain.direct_a, chain.direct_b)
    indptr, indices = fx.csr_arrays(st["n"], a.astype(np.int64), b.astype(np.int64))
    shares = fx.pair_shares(indptr, indices, st["focus"], st["s"], st["t"])
    broker = fx.brokerage_count(indptr, indices, st["focus"], st["codes"])
    return fx.betweenness_from_shares(shares)[0], float(broker)


def _chain(args: tuple[int, float, int]) -> np.ndarray:
    """One chain: a hub (10 trials from the observed view), then ``steps`` steps."""
    k, step, steps = args
    current = scale.two_mode_chain(_STATE["tm"], 10, 1_000 + k)
    values = [_statistics(current)]
    for i in range(steps):
        current = scale.two_mode_chain(current, step, 10_000 * k + i)
        values.append(_statistics(current))
    return np.asarray(values)


def autocorrelation(x: np.ndarray, lags: int) -> list[float]:
    """Sample autocorrelation of ``x`` at lags 1..``lags``.

    Examples
    --------
    >>> [round(a, 2) for a in autocorrelation(np.array([1.0, -1.0, 1.0, -1.0]), 1)]
    [-0.75]
    """
    y = x - x.mean()
    denom = float((y * y).sum())
    return [float((y[:-j] * y[j:]).sum() / denom) for j in range(1, lags + 1)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--actors", type=int, default=100_000)
    p.add_argument("--ties", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=3)
    p.add_argument("--step", type=float, default=0.5, help="swap trials per tie between points")
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--lags", type=int, default=10)
    a = p.parse_args(argv)
    with ProcessPoolExecutor(2, initializer=_setup, initargs=(a.actors, a.ties, a.seed)) as pool:
        chains = list(pool.map(_chain, [(k, a.step, a.steps) for k in (1, 2)]))
    band = 1.96 / np.sqrt(a.steps + 1)
    print(f"autocorrelation along the two-mode chain, every {a.step:g} trials per tie")
    print(f"({a.steps + 1} points per chain; noise band +-{band:.2f})")
    print("lag (trials per tie): " + " ".join(f"{a.step * j:5.1f}" for j in range(1, a.lags + 1)))
    for k, values in enumerate(chains, start=1):
        for col, name in enumerate(("betweenness", "brokerage")):
            acf = autocorrelation(values[:, col], a.lags)
            print(f"chain {k} {name:<12}" + " ".join(f"{x:+5.2f}" for x in acf))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
