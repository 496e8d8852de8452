"""The claim in the world: one test per kind of layer, on its own meaning of "between".

For a dataset's claim (a focus and the sides it is said to connect),
:func:`world_claim` turns the sides into states (an organization named in
``between`` becomes its member states on the claim's date; a state stays
itself; a bloc of the text becomes the text's states in it), names the states
on two sides at once first (members of both organizations: in member-state
terms the sides are joined directly, and no state can be the only connection;
the tests then use the states on one side only), picks each layer's years
nearest before the claim (:mod:`graph.world.years`), and runs the test that
fits the layer's kind (:data:`graph.world.base.KINDS`):

- **signed** (alliances, events): :func:`graph.claims.assess_bridge_claim` on
  the layer's cooperative ties (conflicts kept apart for the mediator
  pattern): shortest paths, bloc specificity, beyond degree, brokerage;
- **co-membership** (IGOs): :func:`graph.world.comembership.membership_test`,
  two-mode, never used to confirm or contradict a signed tie;
- **positions** (UN votes): :func:`graph.world.positions.position_test`;
- **corridors**: :func:`graph.world.corridors.corridor_test`.

It then sets the text beside the data on the claim test's own graph (the
claim's ties and conflicts left out as there: :func:`graph.world.text_test_graph`):
the text's ties as the layer confirms, contradicts, shows as proximity or
cannot check them, and the ties between the sides that bypass the focus.

Examples
--------
>>> from graph import io, pipeline
>>> ds = io.load_dataset()
>>> s = pipeline.claim_settings(ds)
>>> res = world_claim(ds, s.focus, between=s.between, claim_date=s.date,
...                   layers=("votes",), samples=49, progress=False)
>>> v = res["votes"]
>>> v.period, v.gap, v.kind, v.verdict
((2023, 2023), 2, 'positions', 'not testable on this dimension')
>>> sorted(v.overlap)
['iso3:CHN', 'iso3:IND', 'iso3:IRN', 'iso3:RUS']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from graph import schema
from graph.claims import ClaimGraph, ClaimOptions, ClaimResult, Criterion
from graph.claims.plan import WORLD_SAMPLES
from graph.errors import DataError
from graph.world.base import KINDS, LAYERS, exclusive_sides
from graph.world.bypass import bypass_summary, omitted_ties
from graph.world.checks import check_world_options, focus_problems
from graph.world.codes import CodeMap, map_states
from graph.world.compare import compare_ties, text_test_graph
from graph.world.kinds import run_layer
from graph.world.sides import organization_sides
from graph.world.years import DEFAULT_PERIODS, claim_day, layer_years

__all__ = [
    "DEFAULT_PERIODS",
    "SOURCE_GAPS",
    "WORLD_SAMPLES",
    "WorldLayer",
    "world_claim",
    "world_sides",
    "deciding",
]

#: What a layer's source lacks that a reader of its results must know, whatever the text.
SOURCE_GAPS: dict[str, str] = {
    "events": "ICEWS has no events for Türkiye (nor Palestine, Kosovo, Taiwan): Türkiye's "
    "ties to every state, the focus's included, are unknown in this layer, not absent."
}


@dataclass(frozen=True)
class WorldLayer:
    """The claim on one world layer: its years, sides, test, verdict and comparisons.

    ``kind``: what the layer's evidence is (:data:`graph.world.base.KINDS`).
    ``period``: the years used; ``day``: the day memberships were read on
    (co-membership from 2015); ``gap``: the years between the claim's year
    and the last year used (None without a claim date). ``sides``: the
    states of each side found in the layer (on one side only); ``overlap``:
    the states on two sides at once (node id -> side names), left out of the
    tests and named first in the report. ``criteria`` and ``verdict``: the
    kind's test (``result``: the claim test's :class:`~graph.claims.ClaimResult`
    on a signed layer; ``test``: the positions, co-membership or corridor
    test). ``reason``: why no test ran, when none did. ``ties``: the text's
    ties against the layer (:func:`graph.world.compare_ties`); ``omitted``
    and ``bypass``: the layer's ties between the claim's sides that bypass
    the focus (:func:`graph.world.omitted_ties`,
    :func:`graph.world.bypass_summary`); ``omitted_blocs`` and
    ``bypass_blocs``: the same between the blocs the text gives its states.
    ``graph``: the layer's graph (None for positions), kept for figures.
    """

    layer: str
    kind: str
    period: tuple[int, int]
    nodes: int
    edges: int
    sides: dict[str, int]
    verdict: str
    criteria: tuple[Criterion, ...]
    result: ClaimResult | None
    reason: str
    ties: pd.DataFrame = field(repr=False)
    omitted: pd.DataFrame = field(repr=False)
    bypass: pd.DataFrame = field(repr=False)
    bypass_blocs: pd.DataFrame = field(repr=False)
    omitted_blocs: pd.DataFrame = field(repr=False)
    side_labels: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    source: str = ""
    day: dt.date | None = None
    gap: int | None = None
    overlap: dict[str, list[str]] = field(default_factory=dict)
    side_members: dict[str, list[str]] = field(default_factory=dict, repr=False)
    test: Any = field(default=None, repr=False)
    graph: nx.Graph | None = field(default=None, repr=False, compare=False)

    def criterion(self, key: str) -> Criterion:
        """The criterion with this key."""
        return next(c for c in self.criteria if c.key == key)


def world_sides(
    dataset,
    between: Sequence[str] | None,
    *,
    period: tuple[int, int] | None = None,
    day: dt.date | None = None,
    codes: CodeMap | None = None,
) -> dict[str, frozenset]:
    """The claim's sides as node ids of the world layers, for these years (or that day).

    An organization of the text becomes its member states (full members) on
    ``day``, or in the last year of ``period`` (default: the latest year of
    the data); a state of the text stays itself; a bloc name becomes the
    text's states in that bloc. Without ``between``, every bloc of the text's
    states is a side.

    Raises
    ------
    graph.errors.DataError
        If a name is neither an organization the data know, a state, nor a bloc.

    Examples
    --------
    >>> from graph import io
    >>> s = world_sides(io.load_dataset(), ["brics", "sco"], day=dt.date(2025, 10, 1))
    >>> len(s["brics"]), len(s["sco"])
    (10, 10)
    """
    nodes = dataset.nodes.set_index("id")
    states = nodes[nodes["type"].isin(list(schema.STATE_TYPES))]
    if not between:
        blocs = states["bloc"].dropna()
        return {str(b): frozenset(blocs.index[blocs == b]) for b in sorted(set(blocs))}
    out: dict[str, frozenset] = {}
    orgs = []
    for name in between:
        if name in states.index:
            out[name] = frozenset({name})
        elif name in nodes.index and nodes.at[name, "type"] in schema.ORGANIZATION_TYPES:
            orgs.append(name)
        elif name in set(states["bloc"].dropna()):
            out[name] = frozenset(states.index[states["bloc"] == name])
        else:
            orgs.append(name)  # perhaps an organization the data know by name
    if orgs:
        last = period[1] if period is not None else None
        out |= organization_sides(orgs, dataset, year=last, codes=codes, day=day)
    return {name: out[name] for name in between if name in out}


def deciding(w: WorldLayer) -> tuple[str, ...]:
    """The keys of the criteria that decided a layer's verdict (for the report's first sentence).

    Examples
    --------
    >>> w = WorldLayer("votes", "positions", (2024, 2024), 0, 0, {}, "not testable on this "
    ...                "dimension", (Criterion("separated", 0.02, None, "fail"),), None, "",
    ...                *[pd.DataFrame()] * 5)
    >>> deciding(w)
    ('separated',)
    """
    crit = {c.key: c for c in w.criteria}
    if not crit:
        return ()
    if w.kind == "signed":
        if w.verdict == "not testable from this source":
            for key in ("source", "bridge"):
                if crit[key].status in ("fail", "not testable"):
                    return (key,)
            return ("bloc_specificity", "beyond_degree")
        if crit["bridge"].status == "fail":
            return ("bridge",)
        keys = ("bridge", "bloc_specificity", "beyond_degree", "brokerage")
        if w.verdict == "supported":
            return keys[:3]
        return tuple(k for k in keys if crit[k].status == "fail") or keys[:1]
    order = {
        "positions": ("separated", "between"),
        "co-membership": ("belongs", "shared"),
        "corridors": ("joined", "dependence"),
    }[w.kind]
    order = tuple(k for k in order if k in crit)
    if w.verdict.startswith("not testable"):
        failed = [k for k in order if crit[k].status == "fail"]
        return tuple(failed or [k for k in order if crit[k].status == "not testable"])[:1]
    if w.verdict == "supported":
        return tuple(k for k in order if crit[k].status == "pass")
    return tuple(k for k in order if crit[k].status == "fail")


def _sides_for(dataset, between, ly, day, codes):
    if day is not None:
        return world_sides(dataset, between, day=day, codes=codes)
    return world_sides(dataset, between, period=ly.period, codes=codes)


def _layer_sides(dataset, focus, between, ly, day, codes) -> tuple[dict, dict, dict]:
    """A layer's sides, the same with each state on one side only, and the states on two."""
    sides = _sides_for(dataset, between, ly, day, codes)
    clean, overlap = exclusive_sides(sides, focus)
    if not between:  # the text's blocs: the focus's own bloc, if it holds only the focus, is
        clean = {k: v for k, v in clean.items() if v or focus not in sides[k]}  # no side
    return sides, clean, overlap


def _tables(dataset, G, focus, sides, text: ClaimGraph, blocs, codes) -> dict:
    """A layer's tables beside the text: its ties compared, and what the focus's absence omits.

    ``blocs``: the sides the bloc tables use (without named sides, the blocs are the sides).
    """
    empty = pd.DataFrame()
    if G is None:
        return dict.fromkeys(("ties", "omitted", "bypass", "omitted_blocs", "bypass_blocs"), empty)
    return {
        "ties": compare_ties(dataset, G, text=text.signed, codes=codes),
        "omitted": omitted_ties(dataset, G, focus, sides=sides, text=text.graph),
        "bypass": bypass_summary(dataset, G, focus, sides=sides, text=text.graph),
        "omitted_blocs": omitted_ties(dataset, G, focus, sides=blocs, text=text.graph),
        "bypass_blocs": bypass_summary(dataset, G, focus, sides=blocs, text=text.graph),
    }


def world_claim(
    dataset,
    focus: str,
    *,
    between: Sequence[str] | None = None,
    layers: Iterable[str] = LAYERS,
    claim_date=None,
    year: int | None = None,
    period: tuple[int, int] | None = None,
    scope: str = "world",
    samples: int = WORLD_SAMPLES,
    seed: int = 0,
    alpha: float = 0.05,
    n_jobs: int | None = 1,
    progress: bool = True,
    text: ClaimGraph | None = None,
) -> dict[str, WorldLayer]:
    """Test a text's claim on each world layer, and compare the text with the data.

    Parameters
    ----------
    dataset : graph.io.Dataset
        The text, whose states map to the data's codes (:func:`graph.world.map_states`).
    focus : str
        The node id of the actor claimed to be a bridge (a state of the text).
    between : sequence of str, optional
        The claim's sides (see :func:`world_sides`).
    layers : iterable of str, default all
        Among ``alliance``, ``events``, ``igo``, ``votes``, ``corridors``.
    claim_date : str or datetime.date, optional
        When the claim was made: each layer uses its years nearest before it
        (:func:`graph.world.years.layer_years`), and the sides are the
        organizations' members on that day. Without it, each layer's latest years.
    year, period : optional
        One year, or a period (first, last), for every layer instead.
    scope : {"world", "neighbours", "text"}, default "world"
        The states of a signed layer: every state of the source, the text's
        states with every state tied to one of them, or the text's alone.
    samples, seed, alpha, n_jobs, progress
        The Monte Carlo tests (no robustness variants: the data have no
        paragraphs, and the layers are the variants).
    text : ClaimGraph, optional
        The text's test graph at the states' level (default:
        :func:`graph.world.text_test_graph` with the default claim settings).

    Returns
    -------
    dict
        Layer -> :class:`WorldLayer`.

    Raises
    ------
    graph.errors.DataError
        If the focus is not a state of the text with a code, a side cannot be
        found, or an option, year or period does not fit.
    """
    layers = tuple(layers)
    check_world_options(layers, year=year, period=period, scope=scope)
    day = claim_day(claim_date)
    codes = map_states(dataset.nodes, file=dataset.paths.get("nodes", "nodes.csv"))
    problems = focus_problems(dataset, focus, codes)
    if problems:
        raise DataError(problems)
    text = text if text is not None else text_test_graph(dataset, focus)
    labels = dataset.nodes.set_index("id")["label"]
    text_blocs = world_sides(dataset, None)
    options = ClaimOptions(
        samples=samples, seed=seed, alpha=alpha, n_jobs=n_jobs, progress=progress, robustness=False
    )
    out = {}
    for layer in layers:
        ly = layer_years(
            layer, claim_date=day, year=year, period=period, focus_code=codes.codes[focus]
        )
        on_day = day if year is None and period is None else None
        sides, clean, overlap = _layer_sides(dataset, focus, between, ly, on_day, codes)
        side_labels = {k: str(labels.get(k, k)) for k in sides}
        run = run_layer(
            layer,
            dataset,
            focus,
            clean,
            between,
            ly,
            codes=codes,
            scope=scope,
            options=options,
            labels=side_labels,
            overlap=overlap,
        )
        blocs = text_blocs if between else clean  # without named sides, the blocs are them
        tables = _tables(dataset, run.graph, focus, clean, text, blocs, codes)
        out[layer] = WorldLayer(
            layer=layer,
            kind=KINDS[layer],
            period=tuple(ly.period),
            nodes=run.nodes,
            edges=run.edges,
            sides=run.found,
            verdict=run.verdict,
            criteria=run.criteria,
            result=run.result,
            reason=run.reason,
            **tables,
            side_labels=side_labels,
            notes=tuple(ly.notes)
            + tuple(run.notes)
            + ((SOURCE_GAPS[layer],) if layer in SOURCE_GAPS else ()),
            source=run.source,
            day=ly.day,
            gap=ly.gap,
            overlap=overlap,
            side_members={k: sorted(v, key=str) for k, v in clean.items()},
            test=run.test,
            graph=run.graph,
        )
    return out
