"""From an ensemble to its results: seeds, strata, untestable cases, p-values, NullTest records.

The steps every null test shares, whatever draws its samples
(:mod:`graph.nulls.montecarlo` for graphs below the size rule,
:mod:`graph.nulls.scale` above it): the integer seed recorded in the result,
the strata of a bloc permutation, why a null model cannot move, the p-value
and z-score of the samples, and several statistics run on one ensemble.

Examples
--------
>>> p_value(np.array([1.0, 2.0, 3.0]), 2.0, "greater", False, 10)
0.75
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping

import networkx as nx
import numpy as np

from graph.nulls.ensemble import at_least_as_extreme, simulate
from graph.nulls.result import NullTest
from graph.nulls.samplers import swappable

__all__ = [
    "JointTask",
    "p_value",
    "z_score",
    "strata_codes",
    "untestable_reason",
    "finish",
    "untestable",
    "base_fields",
    "sim_options",
    "run_tests",
]


@dataclasses.dataclass(frozen=True, eq=False)
class JointTask:
    """Several one-statistic tasks that draw the same samples, evaluated on each sample once."""

    tasks: tuple

    def stream(self, rng: np.random.Generator):
        """The samples of the first task (every task draws the same ones)."""
        return self.tasks[0].stream(rng)

    def value(self, sample) -> np.ndarray:
        """Every task's statistic on one sample."""
        return np.array([t.value(sample) for t in self.tasks])

    def changed(self, sample) -> bool:
        """Whether the sample differs from the observed graph."""
        return self.tasks[0].changed(sample)


def p_value(
    values: np.ndarray, observed: float, alternative: str, stopped: bool, stop_after: int
) -> float:
    """The Monte Carlo p-value (sequential, stopped: h / l; see :func:`graph.nulls.null_test`)."""
    n = values.size
    if stopped:
        return stop_after / n
    if alternative == "two-sided":
        greater = (at_least_as_extreme(values, observed, "greater").sum() + 1) / (n + 1)
        less = (at_least_as_extreme(values, observed, "less").sum() + 1) / (n + 1)
        return float(min(1.0, 2.0 * min(greater, less)))
    return float((at_least_as_extreme(values, observed, alternative).sum() + 1) / (n + 1))


def z_score(values: np.ndarray, observed: float) -> float:
    """``(observed - mean) / sd`` of the finite samples; NaN if fewer than 2 or sd 0."""
    finite = values[np.isfinite(values)]
    if finite.size < 2 or not math.isfinite(observed):
        return math.nan
    sd = finite.std(ddof=1)
    if sd == 0:
        return math.nan
    return float((observed - finite.mean()) / sd)


def strata_codes(H: nx.Graph, strata: str | Mapping | None) -> np.ndarray | None:
    """Integer stratum of every node (None: one stratum)."""
    if strata is None:
        return None
    if isinstance(strata, str):
        values = [d.get(strata) for _, d in H.nodes(data=True)]
    else:
        values = [strata.get(v) for v in H]
    keys: dict = {}
    return np.array([keys.setdefault(v, len(keys)) for v in values], dtype=np.int64)


def untestable_reason(
    n: int, m: int, degrees: Callable[[], list], null: str, attr: str, codes: np.ndarray, H=None
) -> tuple[str, dict]:
    """Why the null model cannot produce a graph other than the observed one, and its numbers.

    One of :data:`graph.nulls.result.REASONS` ("" when it can) and the numbers behind it.

    Examples
    --------
    >>> untestable_reason(3, 2, list, "rewire", "bloc", np.zeros(3))
    ('too_small', {'nodes': 3, 'edges': 2})
    """
    if n < 4 or m < 2:
        return "too_small", {"nodes": n, "edges": m}
    if null in ("rewire", "rewire_connected") and not swappable(degrees()):
        return "one_realization", {}
    if null == "rewire_connected" and not nx.is_connected(H):
        return "disconnected", {"components": nx.number_connected_components(H)}
    if null == "gnm" and m == n * (n - 1) // 2:
        return "complete", {}
    if null == "permute_blocs" and np.unique(codes).size < 2:
        return "no_blocs" if (codes < 0).all() else "one_bloc", {"attribute": attr}
    return "", {}


def finish(base: dict, values: np.ndarray, changed: bool, stopped: bool, options: dict) -> NullTest:
    """The NullTest of one statistic from its samples."""
    samples, stop_after = options["samples"], options["stop_after"]
    observed, alternative = base["observed"], base["alternative"]
    if not changed:
        return NullTest(
            **base,
            samples=values,
            n=values.size,
            p_value=math.nan,
            z=math.nan,
            testable=False,
            reason="unmoved",
        )
    p = p_value(values, observed, alternative, stopped, stop_after)
    return NullTest(
        **base,
        samples=values,
        n=values.size,
        p_value=p,
        z=z_score(values, observed),
        testable=True,
        stopped_early=stopped and values.size < samples,
    )


def untestable(base: dict, reason: str, why: dict | None = None) -> NullTest:
    """The NullTest of a statistic that cannot be tested, why, and the numbers behind it."""
    return NullTest(
        **base,
        samples=np.empty(0),
        n=0,
        p_value=math.nan,
        z=math.nan,
        testable=False,
        reason=reason,
        why=dict(why or {}),
    )


def base_fields(name, node, null, observed, entropy, options, **extra) -> dict:
    """The fields of a NullTest known before sampling."""
    return {
        "statistic": name,
        "node": node,
        "null": null,
        "observed": observed,
        "alternative": options["alternative"],
        "seed": entropy,
        "alpha": options["alpha"],
        **extra,
    }


def sim_options(options: dict) -> dict:
    """The arguments of :func:`graph.nulls.ensemble.simulate` among a test's options."""
    return {
        "samples": options["samples"],
        "alternative": options["alternative"],
        "sequential": options["sequential"],
        "stop_after": options["stop_after"],
        "n_jobs": options["n_jobs"],
        "progress": options["progress"],
        "desc": f"{options['null']} null",
    }


def run_tests(tasks, bases, reason, seeds, chunk, options) -> list[NullTest]:
    """Simulate the testable statistics together; a NullTest for each.

    ``reason``: :func:`untestable_reason`'s (code, numbers), for every statistic.
    """
    out: list[NullTest | None] = [None] * len(bases)
    live = []
    for i, base in enumerate(bases):
        code, why = reason
        if not code and math.isnan(base["observed"]):
            code, why = "undefined", {}
        if code:
            out[i] = untestable(base, code, why)
        else:
            live.append(i)
    if live:
        if hasattr(tasks, "kinds"):  # one compiled task evaluates every statistic
            task = dataclasses.replace(tasks, kinds=tuple(tasks.kinds[i] for i in live))
        else:
            task = tasks[live[0]] if len(live) == 1 else JointTask(tuple(tasks[i] for i in live))
        observed = np.array([bases[i]["observed"] for i in live])
        values, changed, stopped = simulate(
            task, seeds, chunk=chunk, observed=observed, **sim_options(options)
        )
        for j, i in enumerate(live):
            out[i] = finish(bases[i], values[j], changed[j], stopped[j], options)
    return out
