"""Test a claim that an actor is a bridge (broker, connector) between blocs.

- :mod:`~graph.claims.assess`: :func:`assess_bridge_claim`, the verdict rule
  and the robustness variants;
- :mod:`~graph.claims.prepare`: the graph a claim is tested on (without the
  claim's own ties, conflicts and places), the claimed sides, the source's
  design (is it an ego network of the focus?);
- :mod:`~graph.claims.criteria`: each criterion;
- :mod:`~graph.claims.result`: :class:`ClaimResult` and :class:`Criterion`,
  numbers only (:mod:`graph.report` says them in words).

Examples
--------
>>> import networkx as nx
>>> G = nx.disjoint_union(nx.complete_graph(6), nx.complete_graph(6))
>>> G.add_edges_from([("hub", 0), ("hub", 6)])
>>> blocs = {n: "hub" if n == "hub" else ("A" if n < 6 else "B") for n in G}
>>> r = assess_bridge_claim(G, "hub", blocs=blocs, samples=199, seed=1, progress=False)
>>> r.verdict, r.criterion("bridge").status
('supported', 'pass')
"""

from graph.claims.assess import CRITERIA, VERDICT_CRITERIA, assess_bridge_claim, verdict_of
from graph.claims.criteria import BRIDGE_SHARE, EFFECT_SHARE, FRAMING_RATIO
from graph.claims.options import DEFAULT_SAMPLES, MAX_SAMPLES, ClaimOptions
from graph.claims.plan import (
    SCALE_SAMPLES,
    SCALE_STOP_AFTER,
    SCALE_VARIANT_SAMPLES,
    STOP_AFTER,
    VARIANT_SAMPLES,
    VARIANT_STOP_AFTER,
    WORLD_SAMPLES,
    ClaimPlan,
    plan_claim,
)
from graph.claims.prepare import (
    EGO_COVERAGE,
    EGO_SHARE,
    ClaimGraph,
    claim_graph,
    source_design,
)
from graph.claims.result import VERDICTS, ClaimResult, Criterion
from graph.claims.variants import ROBUST_SHARE

__all__ = [
    "VERDICTS",
    "CRITERIA",
    "VERDICT_CRITERIA",
    "BRIDGE_SHARE",
    "EFFECT_SHARE",
    "FRAMING_RATIO",
    "EGO_COVERAGE",
    "EGO_SHARE",
    "ROBUST_SHARE",
    "DEFAULT_SAMPLES",
    "MAX_SAMPLES",
    "STOP_AFTER",
    "VARIANT_SAMPLES",
    "VARIANT_STOP_AFTER",
    "SCALE_SAMPLES",
    "SCALE_VARIANT_SAMPLES",
    "SCALE_STOP_AFTER",
    "WORLD_SAMPLES",
    "ClaimOptions",
    "ClaimPlan",
    "plan_claim",
    "verdict_of",
    "Criterion",
    "ClaimResult",
    "ClaimGraph",
    "assess_bridge_claim",
    "claim_graph",
    "source_design",
]
