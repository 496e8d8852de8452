"""Ties that bypass the focus: what the world has between the claimed sides, and the text not.

A claim that an actor is a bridge between two sides (the blocs of a text, or
the member states of two organizations) says that the sides meet through it.
In the world they may meet directly. :func:`omitted_ties` lists the world's
ties between states of two different sides that do not touch the focus, and
whether the text states them (what a reader of the text is not told);
in a signed layer only cooperative ties count (a war is not a channel:
:func:`graph.world.base.counts_as_tie`); the text's side is its claim test
graph (the claim's own ties and conflicts left out, as the claim test leaves
them);
:func:`bypass_summary` counts, per pair of sides, the pairs of states tied or
connected without the focus, in the world layer and in the text.

Examples
--------
>>> from graph import io
>>> from graph.world.layers import layer_graph
>>> ds = io.load_dataset()
>>> o = omitted_ties(ds, layer_graph(ds, "igo", year=2014), "azerbaijan")
>>> sorted(set(o["text"]))
['tied', 'untied']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from graph.blocs import is_missing
from graph.claims import claim_graph
from graph.errors import DataError, Problem
from graph.networks import states_view
from graph.world.base import tie_graph

__all__ = ["omitted_ties", "bypass_summary"]


def _sides_of(world: nx.Graph, sides) -> dict[str, set]:
    """Side name -> node ids of the world graph (default: its blocs)."""
    if sides is None:
        out: dict[str, set] = {}
        for n, d in world.nodes(data=True):
            if not is_missing(d.get("bloc")):
                out.setdefault(str(d["bloc"]), set()).add(n)
        return dict(sorted(out.items()))
    if not isinstance(sides, Mapping):
        raise TypeError("sides must be a mapping side name -> node ids, or None for the blocs")
    return {str(k): set(v) & set(world) for k, v in sides.items()}


def _text(dataset, focus) -> nx.Graph:
    """The text's channels at the states' level, as the claim test leaves them."""
    view = states_view(dataset.nodes, dataset.edges)
    if focus not in view:
        view.add_node(focus)
    return claim_graph(view, focus).graph


def _check_focus(focus, dataset) -> None:
    if focus not in set(dataset.nodes["id"]):
        raise DataError(
            [
                Problem.setting(
                    "focus",
                    str(focus),
                    "is not a node id of the text",
                    "give the id of the state the claim is about",
                )
            ]
        )


def _pairs_between(sides: dict[str, set], focus) -> Iterable[tuple[str, str, str, str]]:
    """(side A, side B, a, b) for every unordered pair of states on two different sides."""
    names = list(sides)
    seen = set()
    for i, sa in enumerate(names):
        for sb in names[i + 1 :]:
            for a in sorted(sides[sa], key=str):
                for b in sorted(sides[sb], key=str):
                    if a == b or focus in (a, b):
                        continue
                    key = (sa, sb, frozenset((a, b)))
                    if key in seen:
                        continue
                    seen.add(key)
                    yield sa, sb, a, b


def omitted_ties(
    dataset, world: nx.Graph, focus: str, *, sides=None, text: nx.Graph | None = None
) -> pd.DataFrame:
    """The world's ties between two claimed sides that bypass the focus, and what the text says.

    Parameters
    ----------
    dataset : graph.io.Dataset
    world : networkx.Graph
        A layer from :func:`graph.world.layer_graph`.
    focus : str
        The node id of the actor claimed to be a bridge.
    sides : mapping, optional
        Side name -> node ids (e.g. :func:`graph.world.organization_sides`).
        Default: the blocs of the world graph's nodes (states without a bloc are
        on no side).
    text : networkx.Graph, optional
        The text's test graph at the states' level: its channels, without the
        claim's own ties (default: :func:`graph.world.text_test_graph` of the
        dataset, ``.graph``): the claim test's rules, so the two agree on
        which pairs only the focus connects.

    Returns
    -------
    pandas.DataFrame
        One row per world tie between states of two different sides, neither
        of them the focus: ``side_a``, ``side_b``, ``a``, ``b``, ``a_label``,
        ``b_label``, ``world_weight``, ``world_sign``, and ``text``: ``tied``
        (the text states a tie between them), ``untied`` (the text names both
        and ties them nowhere: omitted) or ``not named`` (the text does not
        name one of them). Sorted by side pair, then weight (largest first).

    Examples
    --------
    >>> from graph import io
    >>> from graph.world.layers import layer_graph
    >>> ds = io.load_dataset()
    >>> o = omitted_ties(ds, layer_graph(ds, "igo", year=2014), "azerbaijan")
    >>> o.set_index(["a", "b"]).loc[("egypt", "armenia"), "text"]
    'untied'
    """
    _check_focus(focus, dataset)
    text = _text(dataset, focus) if text is None else text
    world = tie_graph(world)
    rows = []
    for sa, sb, a, b in _pairs_between(_sides_of(world, sides), focus):
        if not world.has_edge(a, b):
            continue
        w = world[a][b]
        if a in text and b in text:
            status = "tied" if text.has_edge(a, b) else "untied"
        else:
            status = "not named"
        rows.append(
            {
                "side_a": sa,
                "side_b": sb,
                "a": a,
                "b": b,
                "a_label": world.nodes[a].get("label", a),
                "b_label": world.nodes[b].get("label", b),
                "world_weight": float(w.get("weight", np.nan)),
                "world_sign": int(w.get("sign", 0)),
                "text": status,
            }
        )
    cols = ["side_a", "side_b", "a", "b", "a_label", "b_label", "world_weight", "world_sign"]
    out = pd.DataFrame(rows, columns=[*cols, "text"])
    out = out.sort_values(
        ["side_a", "side_b", "world_weight", "a", "b"],
        ascending=[True, True, False, True, True],
        kind="stable",
    )
    return out.reset_index(drop=True)


def _connected_without(G: nx.Graph, focus) -> dict:
    """Node -> component id in G without the focus."""
    H = G.subgraph([n for n in G if n != focus])
    return {n: i for i, comp in enumerate(nx.connected_components(H)) for n in comp}


def bypass_summary(
    dataset, world: nx.Graph, focus: str, *, sides=None, text: nx.Graph | None = None
) -> pd.DataFrame:
    """Per pair of sides: pairs of states tied or connected without the focus, world and text.

    Parameters
    ----------
    dataset, world, focus, sides, text
        As in :func:`omitted_ties`.

    Returns
    -------
    pandas.DataFrame
        One row per pair of sides: ``side_a``, ``side_b``; in the world:
        ``pairs`` (pairs of states of the two sides in the graph, neither the
        focus), ``world_ties`` (tied directly), ``world_connected`` (joined by a
        path), ``world_without_focus`` (joined by a path avoiding the focus),
        ``world_through_focus`` (share of connected pairs that only the focus
        connects); in the text, over the pairs whose states it names:
        ``text_pairs``, ``text_ties``, ``text_connected``,
        ``text_without_focus``, ``text_through_focus``; and ``omitted`` (world
        ties between two states the text names and leaves untied).

    Examples
    --------
    >>> from graph import io
    >>> from graph.world.layers import layer_graph
    >>> ds = io.load_dataset()
    >>> s = bypass_summary(ds, layer_graph(ds, "igo", year=2014), "azerbaijan")
    >>> row = s.set_index(["side_a", "side_b"]).loc[("Middle East", "South Caucasus")]
    >>> int(row["world_ties"]), float(row["world_through_focus"])
    (3, 0.0)
    """
    _check_focus(focus, dataset)
    text = _text(dataset, focus) if text is None else text
    world = tie_graph(world)
    sides_ = _sides_of(world, sides)
    w_with = {n: i for i, c in enumerate(nx.connected_components(world)) for n in c}
    w_without = _connected_without(world, focus)
    t_with = {n: i for i, c in enumerate(nx.connected_components(text)) for n in c}
    t_without = _connected_without(text, focus)
    acc: dict[tuple[str, str], dict] = {}
    for sa, sb in ((a, b) for i, a in enumerate(sides_) for b in list(sides_)[i + 1 :]):
        acc[(sa, sb)] = dict.fromkeys(
            [
                "pairs",
                "world_ties",
                "world_connected",
                "world_without_focus",
                "text_pairs",
                "text_ties",
                "text_connected",
                "text_without_focus",
                "omitted",
            ],
            0,
        )
    for sa, sb, a, b in _pairs_between(sides_, focus):
        r = acc[(sa, sb)]
        r["pairs"] += 1
        tied = world.has_edge(a, b)
        r["world_ties"] += tied
        r["world_connected"] += w_with[a] == w_with[b]
        r["world_without_focus"] += w_without.get(a, -1) == w_without.get(b, -2)
        if a in text and b in text:
            r["text_pairs"] += 1
            r["text_ties"] += text.has_edge(a, b)
            r["text_connected"] += t_with[a] == t_with[b]
            r["text_without_focus"] += t_without.get(a, -1) == t_without.get(b, -2)
            r["omitted"] += tied and not text.has_edge(a, b)
    rows = []
    for (sa, sb), r in acc.items():
        row = {"side_a": sa, "side_b": sb, **r}
        for p in ("world", "text"):
            conn = r[f"{p}_connected"]
            row[f"{p}_through_focus"] = (conn - r[f"{p}_without_focus"]) / conn if conn else np.nan
        rows.append(row)
    cols = [
        "side_a",
        "side_b",
        "pairs",
        "world_ties",
        "world_connected",
        "world_without_focus",
        "world_through_focus",
        "text_pairs",
        "text_ties",
        "text_connected",
        "text_without_focus",
        "text_through_focus",
        "omitted",
    ]
    return pd.DataFrame(rows, columns=cols)
