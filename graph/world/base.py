"""What every world layer shares: the years asked for, the pair table, the graph it becomes.

Each layer module (:mod:`~graph.world.igo`, :mod:`~graph.world.alliance`,
:mod:`~graph.world.votes`, :mod:`~graph.world.events`) turns a source into a
:class:`LayerData`: one row per pair of states (ISO3 ``a < b``) with a
positive ``weight``, a ``sign`` and the layer's own columns, the states the
source covers for those years, and notes. :func:`assemble` turns it into a
networkx graph on the text's node ids, for the text's states alone or with
their neighbours.

Node ids. A state of the text keeps its node id, label and bloc; any other
state gets the id ``iso3:XXX`` (its ISO3 code after ``iso3:``, a form no
coded id takes by accident, and one that names the state), its label from
``states.csv``, type ``state`` and ``in_text=False``.

Examples
--------
>>> resolve_period(year=2014)
(2014, 2014)
>>> world_node_id("TUR", {"AZE": "azerbaijan"}), world_node_id("AZE", {"AZE": "azerbaijan"})
('iso3:TUR', 'azerbaijan')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import networkx as nx
import pandas as pd

from graph.errors import DataError, Problem
from graph.jsondata import plain
from graph.world.codes import CodeMap
from graph.world.tables import COVERAGE, SOURCES, cached_table

__all__ = [
    "LAYERS",
    "KINDS",
    "SCOPES",
    "LayerData",
    "exclusive_sides",
    "dataset_nodes",
    "fresh_copy",
    "resolve_period",
    "period_words",
    "covered_years",
    "world_node_id",
    "counts_as_tie",
    "tie_graph",
    "state_info",
    "states_in_system",
    "assemble",
]

#: The world layers, in the order reports list them.
LAYERS: tuple[str, ...] = ("alliance", "events", "igo", "votes", "corridors")

#: What kind of evidence each layer is, which decides what "between" means on it:
#: ``signed`` dyads (cooperation and conflict apart), ``co-membership`` (two-mode),
#: ``positions`` (one dimension) and ``corridors`` (transit routes).
KINDS: dict[str, str] = {
    "alliance": "signed",
    "events": "signed",
    "igo": "co-membership",
    "votes": "positions",
    "corridors": "corridors",
}

#: The layers whose data can show a conflict between two states (alliances record pledges).
RECORDS_CONFLICT: frozenset[str] = frozenset({"events"})

#: ``world``: every state of the source; ``neighbours``: the text's states and every state
#: tied to one of them; ``text``: the text's states alone.
SCOPES: tuple[str, ...] = ("world", "neighbours", "text")

#: Source names used in notes.
_SHORT = {
    "igo": "COW IGO",
    "alliance": "ATOP",
    "votes": "the ideal points",
    "events": "ICEWS",
    "corridors": "the corridors table",
}


@dataclass(frozen=True)
class LayerData:
    """One layer for one period, as a table of pairs of states.

    Attributes
    ----------
    layer : str
        ``igo``, ``alliance``, ``votes`` or ``events``.
    pairs : pandas.DataFrame
        One row per tied pair: ``a``, ``b`` (ISO3, ``a < b``), ``weight`` (> 0),
        ``sign`` (1, 0 or -1) and the layer's columns.
    present : frozenset of str
        ISO3 of the states the source covers in those years (a state absent from
        ``pairs`` but present has no tie; one not present is unknown).
    years : tuple of int
        The years of the period the source covers.
    period : tuple of int
        The period asked for (first, last).
    notes : list of str
        What a reader must know (years cut, sources mixed, ties dropped).
    options : dict
        The layer's settings.
    signed : bool
        Whether ``sign`` says cooperation or conflict (``events``, ``votes``,
        ``alliance``) or only that the tie exists (``igo``).
    """

    layer: str
    pairs: pd.DataFrame
    present: frozenset[str]
    years: tuple[int, ...]
    period: tuple[int, int]
    notes: list[str] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    signed: bool = True


def exclusive_sides(sides: Mapping[str, Iterable], focus=None) -> tuple[dict, dict]:
    """The sides without the states on two of them (and without the focus), and those states.

    The one rule every world test applies to the claim's sides: a state on two
    sides (a member of both organizations) joins them directly, so it is on
    neither for the test, and it is named.

    Examples
    --------
    >>> exclusive_sides({"A": {"a", "x"}, "B": {"b", "x"}})
    ({'A': frozenset({'a'}), 'B': frozenset({'b'})}, {'x': ['A', 'B']})
    """
    held: dict = {}
    for name, members in sides.items():
        for m in members:
            held.setdefault(m, []).append(str(name))
    overlap = {
        m: names for m, names in sorted(held.items(), key=lambda kv: str(kv[0])) if len(names) > 1
    }
    clean = {
        name: frozenset(m for m in members if m not in overlap and m != focus)
        for name, members in sides.items()
    }
    return clean, overlap


def dataset_nodes(dataset) -> tuple[pd.DataFrame, str]:
    """The nodes table of a :class:`graph.io.Dataset` (or a nodes table itself) and its file."""
    if isinstance(dataset, pd.DataFrame):
        return dataset, "nodes.csv"
    nodes = getattr(dataset, "nodes", None)
    if not isinstance(nodes, pd.DataFrame):
        raise TypeError(
            f"expected a graph.io.Dataset or a nodes DataFrame, got {type(dataset).__name__}"
        )
    return nodes, str(getattr(dataset, "paths", {}).get("nodes", "nodes.csv"))


def fresh_copy(data: LayerData) -> LayerData:
    """A copy of a (cached) LayerData whose table and notes the caller may change."""
    return replace(
        data, pairs=data.pairs.copy(), notes=list(data.notes), options=dict(data.options)
    )


def resolve_period(year: int | None = None, period=None) -> tuple[int, int]:
    """Turn ``year=`` or ``period=(first, last)`` into ``(first, last)``, both inclusive.

    Raises
    ------
    DataError
        If neither or both are given, or they are not whole years in order.

    Examples
    --------
    >>> resolve_period(period=(2010, 2014))
    (2010, 2014)
    >>> resolve_period(year=2014, period=(2010, 2014))
    Traceback (most recent call last):
    ...
    graph.errors.DataError: year: '2014' is given with period; give a year or a period, not both
    """

    def bad(name, value, message, fix):
        return DataError([Problem.setting(name, value, message, fix)])

    if (year is None) == (period is None):
        if year is not None:
            raise bad("year", year, "is given with period", "give a year or a period, not both")
        raise bad("year", None, "is missing", "give year=2014 or period=(2010, 2014)")
    if year is not None:
        period = (year, year)
    try:
        first, last = (int(p) for p in period)
        whole = all(float(p) == int(p) for p in period)
    except (TypeError, ValueError):
        raise bad("period", period, "is not two years", "give period=(first, last)") from None
    if not whole or first > last:
        raise bad("period", period, "is not two years in order", "give period=(first, last)")
    return first, last


def period_words(years) -> str:
    """Years as people write them: "2015-2019", one year as "2025", none as "".

    ``years`` is a period (first, last) or the years themselves, in order.

    Examples
    --------
    >>> period_words((2015, 2019)), period_words([2025, 2025]), period_words(())
    ('2015-2019', '2025', '')
    """
    years = tuple(int(y) for y in years)
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"


def covered_years(layer: str, first: int, last: int) -> tuple[tuple[int, ...], list[str]]:
    """The years of ``first..last`` that the layer's source covers, and a note if cut.

    Examples
    --------
    >>> years, notes = covered_years("events", 2010, 2019)
    >>> years, notes
    ((2010, 2011, 2012, 2013, 2014), ['ICEWS covers 2002-2014: the period 2010-2019 uses ...'])
    """
    lo, hi = COVERAGE[layer]
    years = tuple(range(max(first, lo), min(last, hi) + 1))
    asked = f"{first}" if first == last else f"{first}-{last}"
    if not years:
        return years, [
            f"{_SHORT[layer]} covers {lo}-{hi}: no data for {asked}; the layer is empty."
        ]
    if years[0] != first or years[-1] != last:
        used = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
        return years, [f"{_SHORT[layer]} covers {lo}-{hi}: the period {asked} uses {used}."]
    return years, []


def counts_as_tie(G: nx.Graph, data: Mapping) -> bool:
    """Whether an edge of a world layer is a channel: what paths and bypasses run over.

    In a signed layer only cooperative ties are (a war is not a channel
    between its parties); in an unsigned one (co-membership, corridors) every
    tie is.

    Examples
    --------
    >>> counts_as_tie(nx.Graph(layer="events", signed=True), {"sign": -1})
    False
    >>> counts_as_tie(nx.Graph(layer="igo", signed=False), {"sign": 0})
    True
    """
    return not G.graph.get("signed", False) or data.get("sign", 0) > 0


def tie_graph(G: nx.Graph) -> nx.Graph:
    """``G`` with only its channels (:func:`counts_as_tie`; a read-only view where any drop).

    Examples
    --------
    >>> G = nx.Graph(layer="events", signed=True)
    >>> G.add_edge("a", "b", sign=1)
    >>> G.add_edge("b", "c", sign=-1)
    >>> list(tie_graph(G).edges)
    [('a', 'b')]
    """
    if all(counts_as_tie(G, d) for *_, d in G.edges(data=True)):
        return G
    return nx.subgraph_view(G, filter_edge=lambda u, v: counts_as_tie(G, G[u][v]))


def world_node_id(iso3: str, node_of: Mapping[str, str]) -> str:
    """The node id of a state in a world graph: the text's id, else ``iso3:XXX``."""
    return node_of.get(iso3, f"iso3:{iso3}")


def state_info() -> pd.DataFrame:
    """``states.csv`` rows with an ISO3 code, indexed by it (name, cown, cow_years).

    Examples
    --------
    >>> state_info().loc["TUR", "name"]
    'Türkiye'
    """
    s = cached_table("states")
    return s.loc[s["iso3"] != ""].set_index("iso3")


def states_in_system(years) -> frozenset[str]:
    """ISO3 of the states in the COW state system in at least one of ``years``.

    Years after 2016 (the end of the COW list) count as 2016.

    Examples
    --------
    >>> "AZE" in states_in_system([1990]), "AZE" in states_in_system([1992])
    (False, True)
    """
    years = [min(int(y), 2016) for y in years]
    out = set()
    for iso3, spells in state_info()["cow_years"].items():
        for spell in filter(None, spells.split(";")):
            lo, hi = (int(x) for x in spell.split("-"))
            if any(lo <= y <= hi for y in years):
                out.add(iso3)
                break
    return frozenset(out)


def assemble(
    data: LayerData,
    codes: CodeMap,
    text_blocs: Mapping[str, object],
    *,
    scope: str = "text",
) -> nx.Graph:
    """Turn a layer's pairs into a graph on the text's node ids.

    Length: one pass from a layer's pairs to the graph on the text's ids: nodes (text, sides,
    others), ties with their attributes, and the notes on what the data lack.

    Parameters
    ----------
    data : LayerData
    codes : CodeMap
        The text's state nodes and their codes.
    text_blocs : mapping
        Text node id -> bloc, for the text's states.
    scope : {"world", "neighbours", "text"}
        ``text``: the text's mapped states that the source covers, and the ties
        among them. ``neighbours``: those and every state tied to at least one
        of them in this layer, with all ties among all of them. ``world``: the
        text's states and every state with a tie in the layer.

    Returns
    -------
    networkx.Graph
        Nodes: ``label``, ``type`` ("state"), ``code``, ``cown``, ``bloc`` (the
        text's for its states, None for the others), ``in_text``. Edges: the
        columns of ``data.pairs``. ``G.graph``: ``view``, ``layer``, ``source``,
        ``period``, ``years``, ``coverage`` (the source's first and last
        year), ``scope``, ``signed``, ``options``, ``notes``,
        ``missing`` (text states the source lacks), ``unmapped`` (text states
        without a code).
    """
    if scope not in SCOPES:
        raise DataError(
            [
                Problem.setting(
                    "scope", str(scope), "is not a scope", f"choose one of {', '.join(SCOPES)}"
                )
            ]
        )
    info = state_info()
    node_of = codes.node_of()
    text_codes = set(node_of)
    missing = sorted(text_codes - data.present)
    notes = list(data.notes)
    if data.years:
        for iso3 in missing:
            notes.append(
                f"{codes.labels[node_of[iso3]]} ({node_of[iso3]}) is not in {_SHORT[data.layer]} "
                f"for these years: its ties in this layer are unknown, not absent."
            )
    for node in codes.missing:
        notes.append(f"{codes.labels[node]} ({node}) has no ISO3 code: left out.")
    keep = text_codes & data.present
    pairs = data.pairs
    if scope == "world" and len(pairs):
        keep = keep | set(pairs["a"]) | set(pairs["b"])
    elif scope == "neighbours" and len(pairs):
        touch = pairs["a"].isin(keep) | pairs["b"].isin(keep)
        keep = keep | set(pairs.loc[touch, "a"]) | set(pairs.loc[touch, "b"])
    if len(pairs):
        pairs = pairs.loc[pairs["a"].isin(keep) & pairs["b"].isin(keep)]
    G = nx.Graph(
        view=f"world:{data.layer}",
        layer=data.layer,
        kind=KINDS[data.layer],
        conflicts=data.layer in RECORDS_CONFLICT,
        source=SOURCES[data.layer],
        period=data.period,
        years=data.years,
        coverage=COVERAGE[data.layer],
        scope=scope,
        signed=data.signed,
        options=dict(data.options),
        notes=notes,
        missing=[node_of[c] for c in missing],
        unmapped=list(codes.missing),
    )
    for iso3 in sorted(keep, key=lambda c: (c not in node_of, world_node_id(c, node_of))):
        node = world_node_id(iso3, node_of)
        in_text = iso3 in node_of
        cown = info.at[iso3, "cown"] if iso3 in info.index else pd.NA
        G.add_node(
            node,
            label=codes.labels[node] if in_text else info.at[iso3, "name"],
            type="state",
            code=iso3,
            cown=None if pd.isna(cown) else int(cown),
            bloc=text_blocs.get(node) if in_text else None,
            in_text=in_text,
        )
    attrs = [c for c in pairs.columns if c not in ("a", "b")]
    cols = [pairs[c].tolist() for c in attrs]
    for a, b, *values in zip(pairs["a"].tolist(), pairs["b"].tolist(), *cols, strict=True):
        G.add_edge(
            world_node_id(a, node_of),
            world_node_id(b, node_of),
            **{k: plain(v) for k, v in zip(attrs, values, strict=True)},
        )
    return G
