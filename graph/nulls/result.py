"""The result of a Monte Carlo test against a null model: numbers, no prose.

Its printed and HTML forms are made by :mod:`graph.report`.

Examples
--------
>>> import numpy as np
>>> t = NullTest("degree", "a", "rewire", 3.0, np.array([1.0, 2.0, 3.0]), 3, 0.5, 1.0,
...              "greater", 0, 0.05, True)
>>> t.mean, t.significant
(2.0, False)
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Hashable
from typing import Any

import numpy as np

__all__ = ["REASONS", "NullTest"]

#: Why a test cannot be run (``NullTest.reason``; its numbers are in ``NullTest.why``):
#: the graph is too small (``nodes``, ``edges``); its degrees have one realization; it is
#: disconnected for connected rewiring (``components``); it is complete for G(n, m); no node
#: has a bloc, or all share one (``attribute``); the statistic is NaN on the observed graph;
#: no sample differs from the observed graph; fewer than two memberships to swap.
REASONS: tuple[str, ...] = (
    "too_small",
    "one_realization",
    "disconnected",
    "complete",
    "no_blocs",
    "one_bloc",
    "undefined",
    "unmoved",
    "few_memberships",
)


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
        Why the test is not testable, one of :data:`REASONS`; "" when it is
        (:func:`graph.report.reason_words` says it in words).
    why : dict
        The numbers behind ``reason`` (nodes and edges, components, the bloc
        attribute); empty when there are none.
    stopped_early : bool
        True when the sequential test stopped before drawing all samples.
    estimator : str
        How the statistic was computed, on the observed graph and on every
        sample alike: "exact", or "sampled pairs" (large graphs, see
        :mod:`graph.nulls.scale`: the same sampled node pairs for every graph).
    pairs : int
        Node pairs behind a "sampled pairs" estimate (0 when exact).
    standard_error : float
        Standard error of the observed value's estimate (0.0 when exact).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.nulls import null_test
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
    estimator: str = "exact"
    pairs: int = 0
    standard_error: float = 0.0
    why: dict = dataclasses.field(default_factory=dict)

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
    def interval(self) -> tuple[float, float]:
        """The central 95% of the null samples (2.5th and 97.5th percentiles; NaN if none)."""
        finite = self.samples[np.isfinite(self.samples)]
        if not finite.size:
            return (math.nan, math.nan)
        lo, hi = np.percentile(finite, [2.5, 97.5])
        return (float(lo), float(hi))

    @property
    def explained(self) -> float:
        """The share of the observed value the null already gives: null mean / observed.

        1 means the null explains all of it; NaN when the observed value is 0 or
        undefined.
        """
        if not math.isfinite(self.observed) or self.observed == 0:
            return math.nan
        return self.mean / self.observed

    @property
    def sd(self) -> float:
        """Standard deviation of the null samples (ddof=1; NaN if fewer than 2)."""
        finite = self.samples[np.isfinite(self.samples)]
        return float(finite.std(ddof=1)) if finite.size > 1 else math.nan

    def __repr__(self) -> str:
        """The test's numbers in one line (:func:`graph.report.null_test_repr` says them)."""
        if not self.testable:
            numbers = "testable=False"
        else:
            numbers = f"p={self.p_value:.4g}, z={self.z:.3g}, n={self.n}"
        return (
            f"NullTest({self.statistic!r}, node={self.node!r}, null={self.null!r}, "
            f"observed={self.observed:.6g}, {numbers})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain Python values (NaN stays NaN; samples a list)."""
        node = self.node
        if node is not None and not isinstance(node, str | int | float | bool):
            node = str(node)
        return {
            "statistic": self.statistic,
            "node": node,
            "null": self.null,
            "observed": float(self.observed),
            "samples": self.samples.tolist(),
            "n": int(self.n),
            "mean": self.mean,
            "sd": self.sd,
            "interval": list(self.interval),
            "explained": self.explained,
            "p_value": float(self.p_value),
            "z": float(self.z),
            "alternative": self.alternative,
            "seed": self.seed,
            "alpha": float(self.alpha),
            "testable": bool(self.testable),
            "reason": self.reason,
            "why": dict(self.why),
            "stopped_early": bool(self.stopped_early),
            "estimator": self.estimator,
            "pairs": int(self.pairs),
            "standard_error": float(self.standard_error),
            "significant": self.significant,
        }
