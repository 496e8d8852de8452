"""The outcome of a claim test: criteria and a verdict, as numbers and tables (no prose).

They import nothing from :mod:`graph.report`, which makes every sentence about
them, their tables with names and readings (:func:`graph.report.criteria_frame`)
and their rich display in a notebook (:func:`graph.report.register_display`).

Examples
--------
>>> c = Criterion("bridge", 0.8, 0.5, "pass", {"pairs": []})
>>> c.passed, c.testable
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from graph.brokerage import BrokerageResult
from graph.jsondata import records
from graph.nulls import NullTest

__all__ = ["VERDICTS", "STATUSES", "Criterion", "ClaimResult"]

#: Possible verdicts, strongest first; the last says the source cannot test the claim.
VERDICTS: tuple[str, ...] = (
    "supported",
    "partly supported",
    "not supported",
    "not testable from this source",
)

#: Possible statuses of a criterion.
STATUSES: tuple[str, ...] = ("pass", "fail", "not testable", "n/a")


@dataclass(frozen=True)
class Criterion:
    """One criterion of the claim test: a row of the criteria table, as numbers.

    ``observed`` is what the criterion measures; ``reference`` what it is
    compared with (a threshold, or the null model's mean); ``p_value`` and
    ``effect`` (the share of the observed value the null already gives) where
    there is a null model. ``status`` is one of :data:`STATUSES`: "not
    testable" when the data cannot answer (the null cannot vary the graph,
    the claimed sides are not in it), "n/a" when the criterion does not apply.
    ``details`` holds the criterion's other numbers, which
    :mod:`graph.report` puts into words.
    """

    key: str
    observed: float | None
    reference: float | None
    status: str
    details: dict[str, Any] = field(default_factory=dict)
    p_value: float | None = None
    effect: float | None = None

    @property
    def passed(self) -> bool | None:
        """True/False for pass/fail, None when not testable or not applicable."""
        return {"pass": True, "fail": False}.get(self.status)

    @property
    def testable(self) -> bool:
        """False when the data cannot answer this criterion."""
        return self.status in ("pass", "fail")


@dataclass(frozen=True)
class ClaimResult:
    """The outcome of :func:`graph.claims.assess_bridge_claim`.

    Attributes
    ----------
    focus, focus_label : the actor the claim is about
    view : the view tested (``G.graph["view"]``, or "graph")
    verdict : one of :data:`VERDICTS`
    criteria : tuple of Criterion, in the order of :data:`graph.claims.CRITERIA`
    measures : :func:`graph.measures.actor_measures` of the tested graph
    brokerage : Gould-Fernandez roles of every actor (sna's density null, descriptive)
    nulls : the Monte Carlo tests behind the criteria (``beyond_degree``,
        ``bloc_specificity``, ``brokerage``), by criterion key
    variants : the robustness variants, one row each: ``kind``, ``value`` and
        the variant's verdict and criteria statuses
    blocs_source : "attribute", "mapping" or "detected"
    tested : what the test graph holds and what was left out of it (counts,
        tie ids, the ties used: "channels" or "all", places kept or not)
    parameters : samples, seed, alpha, null model, ...
    blocs : node -> bloc the test used on its graph (None: no bloc); figures,
        the report and the world's comparison draw these, never re-detect them
    graph : the graph the test ran on (:func:`graph.claims.claim_graph` of the
        view), kept so that figures need not rebuild it; not part of
        ``to_dict`` nor of comparisons
    plan : the :class:`~graph.claims.plan.ClaimPlan` of the main run (every
        decision the test made); not part of ``to_dict`` nor of comparisons
    """

    focus: Any
    focus_label: str
    view: str
    verdict: str
    criteria: tuple[Criterion, ...]
    measures: pd.DataFrame = field(repr=False)
    brokerage: BrokerageResult | None = field(repr=False)
    nulls: dict[str, NullTest] = field(repr=False, default_factory=dict)
    variants: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    blocs_source: str = ""
    tested: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    blocs: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    graph: nx.Graph | None = field(default=None, repr=False, compare=False)
    plan: Any = field(default=None, repr=False, compare=False)

    def criterion(self, key: str) -> Criterion:
        """Return the criterion with this key (``bridge``, ``beyond_degree``, ...)."""
        return next(c for c in self.criteria if c.key == key)

    @property
    def null(self) -> NullTest | None:
        """The beyond-degree null test (the degree-preserving one)."""
        return self.nulls.get("beyond_degree")

    def to_dict(self) -> dict[str, Any]:
        """Everything in the result as plain Python data (NaN kept; see :mod:`graph.report`)."""
        brokerage = None
        if self.brokerage is not None:
            brokerage = {
                name: records(getattr(self.brokerage, name).loc[[self.focus]])[0]
                for name in ("counts", "expected", "sd", "z")
            }
        return {
            "focus": self.focus,
            "focus_label": self.focus_label,
            "view": self.view,
            "verdict": self.verdict,
            "criteria": [
                {
                    "key": c.key,
                    "observed": c.observed,
                    "reference": c.reference,
                    "p_value": c.p_value,
                    "effect": c.effect,
                    "status": c.status,
                    "details": c.details,
                }
                for c in self.criteria
            ],
            "blocs_source": self.blocs_source,
            "tested": dict(self.tested),
            "parameters": dict(self.parameters),
            "null_tests": {k: t.to_dict() for k, t in self.nulls.items()},
            "variants": records(self.variants),
            "brokerage": brokerage,
        }

    def __repr__(self) -> str:
        """The verdict and each criterion's status (in words: graph.report.claim_result_repr)."""
        statuses = {c.key: c.status for c in self.criteria}
        return (
            f"ClaimResult(focus={self.focus!r}, view={self.view!r}, verdict={self.verdict!r}, "
            f"criteria={statuses})"
        )
