"""The claim in the world: the same claim test on each world layer, and the text beside it.

For a dataset's claim (a focus and the sides it is said to connect),
:func:`world_claim` builds each world layer for its own latest years (or the
year or period asked for), turns the claim's sides into the world's states
(an organization named in ``between`` becomes its member states that year; a
state stays itself; a bloc of the text becomes the text's states in it), runs
:func:`graph.claims.assess_bridge_claim` on the layer with those sides, and
sets the text beside the data: the text's ties the data confirm, contradict,
do not show or cannot check (:func:`graph.world.compare_ties`), and the ties
between the sides that bypass the focus in the world (:func:`omitted_ties`,
:func:`bypass_summary`).

Examples
--------
>>> from graph import io, pipeline
>>> ds = io.load_dataset()
>>> s = pipeline.claim_settings(ds)
>>> res = world_claim(ds, s.focus, between=s.between, layers=("votes",), samples=49,
...                   progress=False)
>>> v = res["votes"]
>>> v.period, v.sides, v.result.verdict
((2015, 2019), {'brics': 5, 'sco': 8}, 'not supported')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from graph import schema
from graph.claims import ClaimResult, assess_bridge_claim
from graph.errors import DataError, Problem
from graph.world.base import LAYERS, SCOPES, resolve_period
from graph.world.bypass import bypass_summary, omitted_ties
from graph.world.codes import CodeMap, map_states
from graph.world.compare import compare_ties, text_state_view
from graph.world.layers import layer_graph
from graph.world.sides import organization_sides

__all__ = [
    "DEFAULT_PERIODS",
    "SOURCE_GAPS",
    "WORLD_SAMPLES",
    "WorldLayer",
    "world_claim",
    "world_sides",
]

#: The years each layer is built for by default: the latest its source covers (the
#: hand-coded memberships reach 2025; ATOP ends in 2018; the UN votes early in 2020;
#: ICEWS in 2014), several years where one would be thin.
DEFAULT_PERIODS: dict[str, tuple[int, int]] = {
    "igo": (2025, 2025),
    "alliance": (2018, 2018),
    "votes": (2015, 2019),
    "events": (2010, 2014),
}

#: Most null samples per test on a world layer (sequential stopping ends most tests sooner).
WORLD_SAMPLES = 1000


@dataclass(frozen=True)
class WorldLayer:
    """The claim on one world layer: the graph's size, the sides found, the test, the comparisons.

    ``result`` is None (and ``reason`` says why) when the test cannot run: the
    focus is not in the layer (a state the source lacks), or the layer is empty
    for these years. ``sides``: how many states of each side the layer holds.
    ``ties``: the text's ties between states against the layer
    (:func:`graph.world.compare_ties`). ``omitted`` and ``bypass``: the layer's
    ties between the claim's sides that bypass the focus, and a summary per
    pair of sides (:func:`graph.world.omitted_ties`,
    :func:`graph.world.bypass_summary`); ``omitted_blocs`` and
    ``bypass_blocs``: the same between the blocs the text gives its states.
    """

    layer: str
    period: tuple[int, int]
    nodes: int
    edges: int
    sides: dict[str, int]
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


def world_sides(
    dataset,
    between: Sequence[str] | None,
    *,
    period: tuple[int, int] | None = None,
    codes: CodeMap | None = None,
) -> dict[str, frozenset]:
    """The claim's sides as node ids of the world layers, for these years.

    An organization of the text becomes its member states (full members) in
    the last year of ``period`` (default: the latest year of the data); a
    state of the text stays itself; a bloc name becomes the text's states in
    that bloc. Without ``between``, every bloc of
    the text's states is a side.

    Raises
    ------
    graph.errors.DataError
        If a name is neither an organization the data know, a state, nor a bloc.
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
        out |= organization_sides(orgs, dataset, year=last, codes=codes)
    return {name: out[name] for name in between if name in out}


def _blocs_from_sides(G: nx.Graph, sides: Mapping[str, Iterable]) -> dict:
    """Each node's bloc: the side (or sides, joined) it is on; None off every side."""
    held: dict = {}
    for name, members in sides.items():
        for v in members:
            held.setdefault(v, []).append(str(name))
    return {v: " & ".join(held[v]) if v in held else None for v in G}


def focus_problems(dataset, focus: str, codes: CodeMap | None = None) -> list[Problem]:
    """Why the world layer cannot test a claim about ``focus``: [] when it can.

    The world layer tests states that map to a code: a focus of another type,
    or a state that maps to no code (its problem names the line of nodes.csv
    and the fix), cannot be tested.

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> focus_problems(ds, "azerbaijan")
    []
    >>> print(focus_problems(ds, "ilham_aliyev")[0])
    focus: 'ilham_aliyev' is a leader, not a state; the world layer tests states: ...
    """
    if codes is None:
        codes = map_states(dataset.nodes, file=dataset.paths.get("nodes", "nodes.csv"))
    if focus in codes.codes:
        return []
    if focus in codes.labels:  # a state that does not map: its own problem says why
        own = [p for p in codes.unmapped if f"(state {focus!r})" in p.message]
        return own or list(codes.unmapped)
    types = dataset.nodes.set_index("id")["type"]
    kind = str(types[focus]) if focus in types.index else ""
    what = f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}" if kind else "not a node id"
    return [
        Problem.setting(
            "focus",
            focus,
            f"is {what}, not a state",
            "the world layer tests states: give a state's node id as the focus",
        )
    ]


def check_world_options(
    layers: Iterable[str], *, year=None, period=None, scope: str = "neighbours"
) -> None:
    """Check the world layer's options before any long work.

    Raises
    ------
    graph.errors.DataError
        Naming the parameter (``layers``, ``year``, ``period``, ``scope``).

    Examples
    --------
    >>> check_world_options(["votes", "trade"])
    Traceback (most recent call last):
    ...
    graph.errors.DataError: layers: 'trade' is not a world layer; choose from igo, alliance, ...
    """
    problems = [
        Problem.setting(
            "layers", str(name), "is not a world layer", f"choose from {', '.join(LAYERS)}"
        )
        for name in layers
        if name not in LAYERS
    ]
    if scope not in SCOPES:
        problems.append(
            Problem.setting(
                "scope", str(scope), "is not a scope", f"choose from {', '.join(SCOPES)}"
            )
        )
    if problems:
        raise DataError(problems)
    if year is not None or period is not None:
        resolve_period(year, period)


#: What a layer's source lacks that a reader of its results must know, whatever the text.
SOURCE_GAPS: dict[str, str] = {
    "events": "ICEWS has no events for Türkiye (nor Palestine, Kosovo, Taiwan): Türkiye's "
    "ties to every state, the focus's included, are unknown in this layer, not absent."
}


def world_claim(
    dataset,
    focus: str,
    *,
    between: Sequence[str] | None = None,
    layers: Iterable[str] = LAYERS,
    year: int | None = None,
    period: tuple[int, int] | None = None,
    scope: str = "neighbours",
    samples: int = WORLD_SAMPLES,
    seed: int = 0,
    alpha: float = 0.05,
    n_jobs: int | None = 1,
    progress: bool = True,
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
        Among ``igo``, ``alliance``, ``votes``, ``events``.
    year, period : optional
        One year, or a period (first, last), for every layer; by default each
        layer's :data:`DEFAULT_PERIODS`.
    scope : {"neighbours", "text"}, default "neighbours"
        The text's states with every state tied to one of them in the layer
        (the world around them, not only the author's selection), or alone.
    samples, seed, alpha, n_jobs, progress
        Passed to :func:`graph.claims.assess_bridge_claim` (no robustness
        variants: the data have no paragraphs, and the layers are the variants).

    Returns
    -------
    dict
        Layer -> :class:`WorldLayer`.

    Raises
    ------
    graph.errors.DataError
        If the focus is not a state of the text with a code, or a side cannot
        be found.

    Notes
    -----
    The nodes' blocs in a layer are the sides they are on (a state on two
    sides, e.g. a member of both BRICS and the SCO, has both), so bloc
    specificity asks whether the focus's place between *these* sides is more
    than any labelling of the same sizes would give.
    """
    layers = tuple(layers)
    check_world_options(layers, year=year, period=period, scope=scope)
    codes = map_states(dataset.nodes, file=dataset.paths.get("nodes", "nodes.csv"))
    problems = focus_problems(dataset, focus, codes)
    if problems:
        raise DataError(problems)
    text = text_state_view(dataset)
    labels = dataset.nodes.set_index("id")["label"]
    text_blocs = world_sides(dataset, None)
    out = {}
    for layer in layers:
        span = period if period is not None else (year, year) if year else DEFAULT_PERIODS[layer]
        G = layer_graph(dataset, layer, period=span, scope=scope, codes=codes)
        sides = world_sides(dataset, between, period=span, codes=codes)
        found = {k: len(set(v) & set(G)) for k, v in sides.items()}
        reason, result = "", None
        if G.number_of_edges() == 0:
            reason = "the layer has no ties for these years"
        elif focus not in G:
            reason = f"{labels.get(focus, focus)} is not in this layer's data for these years"
        else:
            nx.set_node_attributes(G, _blocs_from_sides(G, sides), "bloc")
            result = assess_bridge_claim(
                G,
                focus,
                between={k: set(v) for k, v in sides.items()},
                samples=samples,
                seed=seed,
                alpha=alpha,
                robustness=False,
                n_jobs=n_jobs,
                progress=progress,
            )
        out[layer] = WorldLayer(
            layer=layer,
            period=tuple(span),
            nodes=G.number_of_nodes(),
            edges=G.number_of_edges(),
            sides=found,
            result=result,
            reason=reason,
            ties=compare_ties(dataset, G, text=text, codes=codes),
            omitted=omitted_ties(dataset, G, focus, sides=sides, text=text),
            bypass=bypass_summary(dataset, G, focus, sides=sides, text=text),
            omitted_blocs=omitted_ties(dataset, G, focus, sides=text_blocs, text=text),
            bypass_blocs=bypass_summary(dataset, G, focus, sides=text_blocs, text=text),
            side_labels={k: str(labels.get(k, k)) for k in sides},
            notes=tuple(G.graph.get("notes", ()))
            + ((SOURCE_GAPS[layer],) if layer in SOURCE_GAPS else ()),
            source=str(G.graph.get("source", "")),
        )
    return out
