"""Test a claim that an actor is a bridge (broker, connector) between blocs.

- :mod:`~graph.claims.options`: :class:`ClaimOptions`, every option in one
  typed object, checked once;
- :mod:`~graph.claims.arguments`: the focus and the sides checked against the graph;
- :mod:`~graph.claims.plan`: :class:`ClaimPlan`, every decision of a run
  (test graph, samples and stopping, estimator, null, blocs and sides,
  variants), made once by :func:`plan_claim`; the sample rules;
- :mod:`~graph.claims.assess`: :func:`assess_bridge_claim`, the verdict rule
  and the robustness variants, each run from its plan;
- :mod:`~graph.claims.prepare`: the graph a claim is tested on (without the
  claim's own ties, conflicts and places), the claimed sides, the source's
  design (is it an ego network of the focus?);
- :mod:`~graph.claims.criteria`: each criterion;
- :mod:`~graph.claims.variants`: the robustness reruns and their criterion;
- :mod:`~graph.claims.result`: :class:`ClaimResult` and :class:`Criterion`,
  numbers only (:mod:`graph.report` says them in words).

How ``seed``, ``samples`` and ``blocs`` reach the criteria, in one direction:

1. ``graph/cli/parser.py``: ``--seed`` and ``--samples`` are parsed and
   bounded (``_seed``, ``_samples``; :data:`MAX_SAMPLES`);
2. ``graph/cli/__init__.py`` ``_options``: they become a :class:`ClaimOptions`
   (``blocs`` keeps its default, the nodes' ``bloc`` attribute);
3. ``graph/pipeline/analysis.py`` ``run_analysis`` (or ``graph/pipeline/runs.py``
   ``run_claim``) -> ``graph/pipeline/runs.py`` ``claim_for``:
   the options go on with the claim's settings (``between``, ties, places) to
   :func:`assess_bridge_claim`;
4. ``graph/claims/assess.py`` ``assess_bridge_claim``:
   ``ClaimOptions.given`` (``graph/claims/options.py``) checks every option,
   ``checked_arguments`` (``graph/claims/arguments.py``) the focus and sides;
5. ``graph/claims/plan.py`` ``plan_claim``: ``samples`` becomes the plan's
   samples and stopping (``_samples``: capped for variants and large
   graphs), ``blocs`` the plan's blocs and sides (``_blocs``, detection in
   :func:`graph.blocs.detect_blocs`); ``seed`` stays in ``plan.options``;
6. ``graph/claims/assess.py`` ``_tests``: the null tests take the plan's
   samples, stopping, null, blocs and the seed
   (:func:`graph.nulls.null_tests`, whose ``graph/nulls/montecarlo.py`` turns
   the seed into the ensemble's seeds with :func:`graph.seeds.ensemble_seeds`);
7. ``graph/claims/assess.py`` ``_run``: the criteria
   (``graph/claims/criteria.py``) read the tests, the plan's blocs
   (``brokerage_criterion``) and sides (``bridge_criterion``,
   ``mediation_criterion``).

Robustness variants take the same path from step 5 (:func:`graph.claims.plan.plan_variant`).

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
