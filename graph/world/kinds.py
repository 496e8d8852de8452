"""Each kind of world layer's test, run for a claim: signed, co-membership, positions, corridors.

:func:`run_layer` builds one layer for the years chosen, finds the claim's
sides in it and runs the test of its kind (:data:`graph.world.base.KINDS`);
:class:`LayerRun` holds what :func:`graph.world.world_claim` needs of it.

Examples
--------
>>> from graph import io
>>> from graph.world.years import layer_years
>>> ds = io.load_dataset()
>>> run = run_layer("corridors", ds, "azerbaijan", {"A": frozenset({"armenia"}),
...                 "B": frozenset({"iso3:TUR"})}, None, layer_years("corridors", year=2020),
...                 options={"samples": 9, "progress": False})
>>> run.verdict in ("supported", "not supported", "not testable")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.claims import ClaimOptions, ClaimResult, Criterion, assess_bridge_claim
from graph.claims.plan import WORLD_SAMPLES
from graph.errors import DataError
from graph.world.base import KINDS, world_node_id
from graph.world.codes import CodeMap, map_states
from graph.world.comembership import TwoModeMembership, membership_test
from graph.world.corridors import corridor_test
from graph.world.igo import STATUSES, memberships
from graph.world.layers import layer_graph
from graph.world.positions import ideal_points, position_test
from graph.world.sides import resolve_organization
from graph.world.tables import SOURCES

__all__ = ["LayerRun", "run_layer"]


@dataclass(frozen=True)
class LayerRun:
    """One layer's test for a claim: its graph (None for positions), size, verdict, criteria."""

    graph: nx.Graph | None
    nodes: int
    edges: int
    found: dict[str, int]
    verdict: str
    criteria: tuple[Criterion, ...]
    result: ClaimResult | None = None
    test: Any = None
    reason: str = ""
    notes: tuple[str, ...] = ()
    source: str = ""
    extra: dict = field(default_factory=dict)


def _code_of(node, codes: CodeMap) -> str | None:
    if isinstance(node, str) and node.startswith("iso3:"):
        return node[5:]
    return codes.codes.get(node)


def _node_of(code: str, codes: CodeMap) -> str:
    return world_node_id(code, codes.node_of())


def _in_codes(sides, codes) -> dict[str, set]:
    return {k: {c for c in (_code_of(v, codes) for v in ms) if c} for k, ms in sides.items()}


def run_layer(
    layer: str,
    dataset,
    focus,
    sides: Mapping[str, frozenset],
    between,
    years,
    *,
    codes: CodeMap | None = None,
    scope: str = "world",
    options: ClaimOptions | None = None,
    labels: Mapping[str, str] | None = None,
    overlap: Mapping | None = None,
) -> LayerRun:
    """Build one layer for ``years`` and run its kind's test of the claim.

    Parameters
    ----------
    layer : str
    dataset : graph.io.Dataset
    focus : str
        The focus's node id (a state with a code).
    sides : mapping of name -> frozenset of node ids
        The sides, each state on one side only (:func:`graph.world.exclusive_sides`).
    between : sequence of str or None
        The names the claim gives (organizations among them are checked for
        the focus's place in them, on the co-membership layer).
    years : graph.world.years.LayerYears
    codes : CodeMap, optional
    scope : str, default "world"
        The states of a signed layer's graph (see :func:`graph.world.layer_graph`).
    options : ClaimOptions, optional
        How the tests run (``samples``, ``seed``, ``alpha``, ``n_jobs``,
        ``progress``; robustness variants are never run on a layer). Default:
        :data:`graph.claims.plan.WORLD_SAMPLES` samples.
    labels : mapping, optional
        Side name -> label: the names the claim test's sides (and blocs) get.
    overlap : mapping, optional
        The states on two sides (node id -> side names), left out of ``sides``:
        the positions test names them.
    """
    codes = codes or map_states(dataset.nodes)
    opts = options if options is not None else ClaimOptions(samples=WORLD_SAMPLES)
    kind = KINDS[layer]
    if kind == "positions":
        full = {k: set(v) for k, v in sides.items()}
        for v, names in (overlap or {}).items():
            for k in names:
                full.setdefault(k, set()).add(v)
        return _positions(layer, focus, full, years, codes)
    if kind == "co-membership":
        return _membership(layer, dataset, focus, sides, between, years, codes, scope, opts)
    G = layer_graph(
        dataset,
        layer,
        period=years.period,
        scope="world" if kind == "corridors" else scope,
        codes=codes,
    )
    found = {k: len(set(v) & set(G)) for k, v in sides.items()}
    notes = tuple(G.graph.get("notes", ()))
    base = {
        "graph": G,
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "found": found,
        "notes": notes,
        "source": str(G.graph.get("source", "")),
    }
    if kind == "corridors":
        t = corridor_test(G, focus, sides)
        return LayerRun(verdict=t.verdict, criteria=t.criteria, test=t, **base)
    reason = _why_not(G, focus, found, dataset)
    if reason:
        return LayerRun(verdict="not testable from this source", criteria=(), reason=reason, **base)
    named = {str((labels or {}).get(k, k)): v for k, v in sides.items()}
    nx.set_node_attributes(G, _blocs_from_sides(G, named), "bloc")
    result = assess_bridge_claim(
        G, focus, opts, between={k: set(v) & set(G) for k, v in named.items()}, robustness=False
    )
    return LayerRun(verdict=result.verdict, criteria=result.criteria, result=result, **base)


def _why_not(G, focus, found, dataset) -> str:
    labels = dataset.nodes.set_index("id")["label"]
    if G.number_of_edges() == 0:
        return "the layer has no ties for these years"
    if focus not in G:
        return f"{labels.get(focus, focus)} has no tie in this layer's data for these years"
    empty = [k for k, n in found.items() if n == 0]
    if empty:
        names = ", ".join(str(labels.get(k, k)) for k in empty)
        return f"no state of {names} is in this layer's data for these years"
    return ""


def _blocs_from_sides(G: nx.Graph, sides: Mapping[str, frozenset]) -> dict:
    """Each node's bloc: the side it is on; None off every side."""
    held = {v: str(name) for name, members in sides.items() for v in members}
    return {v: held.get(v) for v in G}


def _positions(layer, focus, sides, years, codes) -> LayerRun:
    year = years.period[1]
    points = ideal_points(year)
    code = codes.codes[focus]
    t = position_test(points, code, _in_codes(sides, codes))
    found = {k: v["n"] for k, v in t.sides.items()}
    reason = "" if code in points.index else f"the focus has no ideal point for {year}"
    return LayerRun(
        None,
        len(points),
        0,
        found,
        t.verdict,
        t.criteria,
        test=t,
        reason=reason,
        source=SOURCES[layer],
    )


def _membership(layer, dataset, focus, sides, between, years, codes, scope, opts) -> LayerRun:
    first, last = years.period
    m = memberships(first, last, statuses=("full",), day=years.day)
    two = TwoModeMembership.from_frame(m.rename(columns={"iso3": "state"}))
    code = codes.codes[focus]
    belongs = _belongs(dataset, code, sides, between, first, last, years.day)
    t = membership_test(
        two,
        code,
        _in_codes(sides, codes),
        belongs=belongs,
        samples=opts.samples,
        seed=opts.seed,
        alpha=opts.alpha,
        n_jobs=opts.n_jobs,
        progress=opts.progress,
    )
    G = layer_graph(dataset, layer, period=years.period, scope=scope, codes=codes, day=years.day)
    found = {k: len(v) for k, v in t.sides.items()}
    return LayerRun(
        G,
        G.number_of_nodes(),
        G.number_of_edges(),
        found,
        t.verdict,
        t.criteria,
        test=t,
        notes=tuple(G.graph.get("notes", ())),
        source=str(G.graph.get("source", "")),
        extra={"organizations": len(two.organizations)},
    )


def _belongs(dataset, code, sides, between, first, last, day) -> dict[str, str | None] | None:
    """The focus's status in each side that is an organization (None: not all are)."""
    if not between:
        return None
    orgs = {}
    for name in sides:
        try:
            orgs[name] = resolve_organization(name, dataset.nodes)
        except DataError:  # a state or a bloc: the criterion does not apply
            return None
    m = memberships(first, last, statuses=STATUSES, day=day)
    mine = m.loc[m["iso3"] == code]
    out = {}
    for name, org in orgs.items():
        held = sorted(set(mine.loc[mine["organization"] == org.name, "status"]))
        out[name] = "; ".join("member" if s == "full" else s for s in held) or None
    return out
