"""World layers as networkx graphs on the text's node ids: one call per layer, or all.

:func:`layer_graph` builds one layer of ties (``alliance``, ``events``, ``igo``,
``corridors``; ``votes`` gives positions, not ties) for a text, a year or a
period, and a scope; :func:`layer_graphs`
builds several; :func:`membership_graph` builds the two-mode graph of states
and the organizations they belong to.

Scope. ``scope="text"`` keeps the text's states alone: the world's ties among
the actors the author chose. ``scope="neighbours"`` adds every state tied to at
least one of them in that layer, with all ties among all of them. A world
network of the text's actors only repeats the author's selection: whether the
focus is a bridge depends on who else links its partners, and those are
exactly the states a text about the focus leaves out.

Examples
--------
>>> from graph import io
>>> G = layer_graph(io.load_dataset(), "igo", year=2014)
>>> int(G["azerbaijan"]["armenia"]["shared"])
39
>>> G.graph["layer"], G.graph["years"], G.graph["missing"]
('igo', (2014,), ['palestine'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
import pandas as pd

from graph.errors import DataError, Problem
from graph.world.alliance import obligations
from graph.world.base import (
    LAYERS,
    SCOPES,
    assemble,
    covered_years,
    dataset_nodes,
    resolve_period,
    state_info,
    states_in_system,
    world_node_id,
)
from graph.world.codes import CodeMap, map_states, organization_of_node
from graph.world.corridors import corridor_pairs
from graph.world.events import event_counts
from graph.world.igo import memberships, shared_memberships
from graph.world.sides import apply_blocs
from graph.world.tables import SOURCES

__all__ = ["LAYER_OPTIONS", "layer_data", "layer_graph", "layer_graphs", "membership_graph"]

_BUILDERS = {
    "igo": shared_memberships,
    "alliance": obligations,
    "events": event_counts,
    "corridors": corridor_pairs,
}

#: The options each layer takes (keyword arguments of :func:`layer_graph`). The ``votes``
#: layer gives positions, not ties (:func:`graph.world.ideal_points`): it has no graph.
LAYER_OPTIONS: dict[str, tuple[str, ...]] = {
    "igo": ("statuses", "day"),
    "alliance": ("multilateral", "kinds"),
    "votes": (),
    "events": ("min_events", "conflict_alpha", "backbone_alpha"),
    "corridors": ("planned",),
}


def _check_layer(layer: str, options: Mapping) -> None:
    if layer not in LAYERS:
        raise DataError(
            [
                Problem.setting(
                    "layer", str(layer), "is not a world layer", f"choose from {', '.join(LAYERS)}"
                )
            ]
        )
    bad = [k for k in options if k not in LAYER_OPTIONS[layer]]
    if bad:
        allowed = ", ".join(LAYER_OPTIONS[layer])
        raise DataError(
            [
                Problem.setting(
                    k,
                    str(options[k]),
                    f"is not an option of the {layer} layer",
                    f"its options are: {allowed}",
                )
                for k in bad
            ]
        )


def layer_data(layer: str, *, year: int | None = None, period=None, **options):
    """One layer's table of pairs of states (ISO3) for a year or period, without a text.

    Returns
    -------
    LayerData
        See :class:`graph.world.base.LayerData`.

    Raises
    ------
    DataError
        On a bad option, year or period, or for ``votes``: ideal points are
        positions, not pairs (:func:`graph.world.ideal_points`).

    Examples
    --------
    >>> d = layer_data("events", period=(2010, 2014))
    >>> d.years[0], d.years[-1], d.signed
    (2010, 2014, True)
    """
    _check_layer(layer, options)
    if layer == "votes":
        raise DataError(
            [
                Problem.setting(
                    "layer",
                    "votes",
                    "gives positions (ideal points), not ties between states",
                    "use graph.world.ideal_points(year) for the positions",
                )
            ]
        )
    first, last = resolve_period(year, period)
    return _BUILDERS[layer](first, last, **options)


def _text_blocs(nodes: pd.DataFrame) -> dict:
    return dict(zip(nodes["id"], nodes["bloc"], strict=True))


def layer_graph(
    dataset,
    layer: str,
    *,
    year: int | None = None,
    period=None,
    scope: str = "text",
    blocs=None,
    keep_text_blocs: bool = True,
    codes: CodeMap | None = None,
    **options,
) -> nx.Graph:
    """Build one world layer as a graph on the text's node ids.

    Parameters
    ----------
    dataset : graph.io.Dataset or pandas.DataFrame
        The text (or its nodes table); its state nodes are mapped to codes by
        :func:`graph.world.map_states`.
    layer : {"alliance", "events", "igo", "corridors"}
        ``alliance``: ATOP treaties (bilateral and small ones by default).
        ``events``: ICEWS, conflicts and standing-out cooperation (2002-2014).
        ``igo``: organizations shared (each of ``n`` members weighted
        ``1/(n-1)``; COW IGO to 2014, the hand-coded table from 2015).
        ``corridors``: routes that run straight between two states.
    year, period : int or (int, int)
        One year, or a period (first, last), both inclusive.
    scope : {"world", "neighbours", "text"}, default "text"
        The text's states alone, with every state tied to one of them, or
        with every state of the source (see the module docstring for why).
    blocs : None, "detected", mapping or list of str, default None
        The bloc of the states outside the text: None (no bloc: each its own),
        ``"detected"`` (:func:`graph.world.detected_blocs`; the claim test's
        spelling, "detect" is refused with that hint), a mapping ISO3 ->
        bloc (e.g. from :func:`graph.world.blocs_from_memberships`), or a list
        of organization names (their memberships in the layer's period).
    keep_text_blocs : bool, default True
        The text's states keep the text's blocs; False applies ``blocs`` to them too.
    codes : CodeMap, optional
        Precomputed :func:`graph.world.map_states` of the dataset's nodes.
    **options
        The layer's options (:data:`LAYER_OPTIONS`): ``statuses``, ``day``
        (igo); ``multilateral``, ``kinds`` (alliance); ``min_events``,
        ``conflict_alpha``, ``backbone_alpha`` (events); ``planned`` (corridors).

    Returns
    -------
    networkx.Graph
        Undirected and simple. Every edge has ``weight`` (> 0) and ``sign``;
        the layer adds its own attributes. ``G.graph`` holds ``view``
        (``world:<layer>``), ``layer``, ``source``, ``period``, ``years`` (those
        the source covers), ``coverage`` (the source's first and last year),
        ``scope``, ``signed``, ``options``, ``blocs``, ``notes`` (years cut,
        states missing from the source, sources mixed), ``missing`` and
        ``unmapped`` (text state ids).

    Raises
    ------
    DataError
        On a bad layer, option, year or period.

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> G = layer_graph(ds, "alliance", year=2014, scope="neighbours")
    >>> G.nodes["iso3:TUR"]["label"], G["azerbaijan"]["iso3:TUR"]["multilateral"]
    ('Türkiye', False)
    >>> H = layer_graph(ds, "events", year=2014)
    >>> H["azerbaijan"]["armenia"]["sign"]
    -1
    """
    _check_layer(layer, options)
    nodes, file = dataset_nodes(dataset)
    codes = map_states(nodes, file=file) if codes is None else codes
    data = layer_data(layer, year=year, period=period, **options)
    G = assemble(data, codes, _text_blocs(nodes), scope=scope)
    apply_blocs(G, blocs, keep_text=keep_text_blocs, period=data.period)
    return G


def layer_graphs(
    dataset,
    layers: Iterable[str] = ("alliance", "events", "igo", "corridors"),
    *,
    year: int | None = None,
    period=None,
    scope: str = "text",
    blocs=None,
    keep_text_blocs: bool = True,
    options: Mapping[str, Mapping] | None = None,
) -> dict[str, nx.Graph]:
    """Build several world layers for one text and year or period (see :func:`layer_graph`).

    Parameters
    ----------
    options : mapping, optional
        Layer name -> its options, e.g. ``{"votes": {"threshold": 0.8}}``.

    Examples
    --------
    >>> from graph import io
    >>> Gs = layer_graphs(io.load_dataset(), ["alliance", "events", "igo"], year=2014)
    >>> list(Gs)
    ['alliance', 'events', 'igo']
    """
    nodes, file = dataset_nodes(dataset)
    codes = map_states(nodes, file=file)
    options = dict(options or {})
    unknown = [k for k in options if k not in LAYERS]
    if unknown:
        _check_layer(unknown[0], {})
    return {
        layer: layer_graph(
            nodes,
            layer,
            year=year,
            period=period,
            scope=scope,
            blocs=blocs,
            keep_text_blocs=keep_text_blocs,
            codes=codes,
            **dict(options.get(layer, {})),
        )
        for layer in layers
    }


def membership_graph(
    dataset,
    *,
    year: int | None = None,
    period=None,
    scope: str = "text",
    statuses=("full",),
    codes: CodeMap | None = None,
) -> nx.Graph:
    """The two-mode graph of states and the organizations they belong to.

    Length: one pass from the membership table to the two-mode graph: states, organizations,
    their memberships in the period and the notes on what the source lacks.

    Organizations are those of the ``igo`` layer (COW IGO to 2014, the
    hand-coded table from 2015). An organization the text names keeps its node
    id; the others get ``org:<name>``.

    Parameters
    ----------
    dataset : graph.io.Dataset or pandas.DataFrame
    year, period : int or (int, int)
    scope : {"text", "neighbours"}, default "text"
        ``text``: the text's states and their organizations; ``neighbours``:
        also every other member of those organizations.
    statuses : sequence of str, default ("full",)
    codes : CodeMap, optional

    Returns
    -------
    networkx.Graph
        Nodes have ``bipartite`` (0 state, 1 organization), ``type``, ``label``;
        states as in :func:`layer_graph`. Edges: ``years`` (how many of the
        period's years the state was a member) and ``statuses``.

    Examples
    --------
    >>> from graph import io
    >>> B = membership_graph(io.load_dataset(), year=2014)
    >>> B.has_edge("azerbaijan", "cis"), B.nodes["cis"]["bipartite"]
    (True, 1)
    """
    if scope not in SCOPES:
        raise DataError(
            [
                Problem.setting(
                    "scope", str(scope), "is not a scope", f"choose one of {', '.join(SCOPES)}"
                )
            ]
        )
    nodes, file = dataset_nodes(dataset)
    codes = map_states(nodes, file=file) if codes is None else codes
    first, last = resolve_period(year, period)
    years, notes = covered_years("igo", first, last)
    m = memberships(first, last, statuses=statuses)
    node_of = codes.node_of()
    text_codes = set(node_of)
    text_orgs = {}
    for rec in nodes.loc[nodes["type"] == "organization"].to_dict("records"):
        org = organization_of_node(rec["id"], rec["label"], rec["aliases"] or [])
        if org is not None:
            text_orgs.setdefault(org.name, rec["id"])
    orgs = set(m.loc[m["iso3"].isin(text_codes), "organization"])
    if scope == "text":
        m = m.loc[m["iso3"].isin(text_codes)]
    else:
        m = m.loc[m["organization"].isin(orgs)]
    info = state_info()
    labels = dict(zip(nodes["id"], nodes["label"], strict=True))
    blocs = _text_blocs(nodes)
    G = nx.Graph(
        view="world:igo-two-mode",
        layer="igo-two-mode",
        source=SOURCES["igo"],
        period=(first, last),
        years=years,
        scope=scope,
        options={"statuses": list(statuses)},
        notes=notes,
        unmapped=list(codes.missing),
    )
    present = states_in_system(years) | set(info.index[info["cown"].isna()])
    G.graph["missing"] = [node_of[c] for c in sorted(text_codes - present)]
    g = m.groupby(["iso3", "organization"], sort=True)
    counts = g["year"].nunique()
    statuses_held = g["status"].agg(lambda s: sorted(set(s)))
    for (iso3, org), n in counts.items():
        s = world_node_id(iso3, node_of)
        o = text_orgs.get(org, f"org:{org}")
        if s not in G:
            in_text = iso3 in node_of
            G.add_node(
                s,
                bipartite=0,
                type="state",
                label=labels[s] if in_text else info.at[iso3, "name"],
                code=iso3,
                bloc=blocs.get(s) if in_text else None,
                in_text=in_text,
            )
        if o not in G:
            G.add_node(
                o,
                bipartite=1,
                type="organization",
                label=labels.get(o, org),
                organization=org,
                in_text=org in text_orgs,
            )
        G.add_edge(s, o, years=int(n), statuses=statuses_held[(iso3, org)])
    return G
