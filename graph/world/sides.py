"""Blocs and sides in the world: who belongs to which organization, and blocs beyond the text.

- :func:`organization_members`: the member states of one organization in a
  year or period.
- :func:`organization_sides`: a claim's named organizations ("a bridge between
  BRICS and the SCO") turned into the sets of their member states, on the node
  ids of the world graphs: the sides of the claim in the world.
- :func:`blocs_from_memberships`: a bloc for every state from the
  organizations it belongs to.
- :func:`detected_blocs`: blocs found in a layer's structure.

Which source answers. For a year up to 2014 an organization that COW IGO v3
holds is read from COW; otherwise from the hand-coded table (BRICS, G7, G20,
the OTS... are not IGOs in COW's sense, and COW ends in 2014). The hand-coded
rows start when a state joined, so they also answer for earlier years, but
they hold exits before 2015 only where the table records them.

Examples
--------
>>> sorted(organization_members("SCO", year=2014))
['CHN', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB']
>>> blocs_from_memberships(["BRICS", "SCO"], year=2014)["CHN"]
'BRICS & SCO'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import pandas as pd

from graph.blocs import detect_blocs
from graph.errors import DataError, Problem, did_you_mean
from graph.world.base import dataset_nodes, resolve_period, world_node_id
from graph.world.codes import (
    CodeMap,
    Organization,
    map_states,
    match_organization,
    organization_of_node,
)
from graph.world.igo import COW_END, cow_statuses
from graph.world.tables import cached_table

__all__ = [
    "OVERLAP",
    "organization_members",
    "organization_sides",
    "blocs_from_memberships",
    "detected_blocs",
    "resolve_organization",
    "apply_blocs",
]

#: Values of ``overlap=`` in :func:`blocs_from_memberships`.
OVERLAP: tuple[str, ...] = ("joint", "first")


def resolve_organization(name, nodes: pd.DataFrame | None = None) -> Organization:
    """An :class:`Organization` from a name, or from a text's organization node id.

    Parameters
    ----------
    name : str or Organization
        A name of the world data (``"SCO"``, ``"Council of Europe"``) or, with
        ``nodes``, the id of an organization node of the text (``"sco"``).
    nodes : pandas.DataFrame, optional
        The text's nodes.

    Raises
    ------
    DataError
        If nothing, or more than one organization, matches.

    Examples
    --------
    >>> from graph import io
    >>> resolve_organization("brics", io.load_dataset().nodes).name
    'BRICS'
    """
    if isinstance(name, Organization):
        return name
    if nodes is not None:
        row = nodes.loc[nodes["id"] == name]
        if len(row):
            rec = row.iloc[0]
            org = organization_of_node(rec["id"], rec["label"], rec["aliases"] or [])
            if org is None:
                raise DataError(
                    [
                        Problem.setting(
                            "organizations",
                            str(name),
                            f"(node {rec['label']!r}) matches no organization of the world data",
                            "name the organization as the data do (e.g. SCO, CIS, NATO)",
                        )
                    ]
                )
            return org
    org = match_organization(str(name))
    if org is None:
        known = set(cached_table("memberships")["organization"]) | set(cached_table("igos")["igo"])
        hint = did_you_mean(str(name), known)
        raise DataError(
            [
                Problem.setting(
                    "organizations",
                    str(name),
                    "is not an organization of the world data",
                    hint or "use a name of data/world/igos.csv or memberships_2015_2025.csv",
                )
            ]
        )
    return org


def organization_members(
    organization,
    *,
    year: int | None = None,
    period=None,
    statuses=("full",),
    day: dt.date | None = None,
) -> frozenset[str]:
    """ISO3 of the states that belong to an organization in at least one year of the period.

    Parameters
    ----------
    organization : str or Organization
        A name of the world data (see :func:`resolve_organization`).
    year, period : int or (int, int)
        One year, or a period (first, last), both inclusive.
    statuses : sequence of str, default ("full",)
        Statuses that count (see :data:`graph.world.igo.STATUSES`).
    day : datetime.date, optional
        After COW's last year: the members on that day (the hand-coded
        table's dates), not in any day of the year.

    Raises
    ------
    DataError
        If the data hold the organization for none of the years.

    Examples
    --------
    >>> sorted(organization_members("BRICS", year=2024))
    ['ARE', 'BRA', 'CHN', 'EGY', 'ETH', 'IND', 'IRN', 'RUS', 'ZAF']
    """
    org = resolve_organization(organization)
    if day is not None and year is None and period is None:
        year = day.year
    first, last = resolve_period(year, period)
    cow_ok, hand_ok = cow_statuses(statuses)
    members: set[str] = set()
    answered = False
    for y in range(first, last + 1):
        if org.cow and 1816 <= y <= COW_END and (day is None or not org.hand):
            m = cached_table("igo_memberships")
            m = m.loc[(m["igo"] == org.cow) & m["status"].isin(cow_ok) & (m["iso3"] != "")]
            members |= set(m.loc[(m["start"] <= y) & (m["end"] >= y), "iso3"])
            answered = True
        elif org.hand and y <= 2025:
            h = cached_table("memberships")
            h = h.loc[(h["organization"] == org.hand) & h["status"].isin(hand_ok)]
            lo, hi = dt.date(y, 1, 1), dt.date(y + 1, 1, 1)
            if day is not None and day.year == y:
                lo, hi = day, day + dt.timedelta(days=1)
            for iso3, s, e in zip(h["iso3"], h["start_date"], h["end_date"], strict=True):
                if s < hi and (e is None or e > lo):
                    members.add(iso3)
            answered = True
    if not answered:
        asked = f"{first}" if first == last else f"{first}-{last}"
        where = "COW IGO (to 2014)" if org.cow else "the hand-coded table (2015-2025)"
        raise DataError(
            [
                Problem.setting(
                    "organizations",
                    org.name,
                    f"has no membership data for {asked}",
                    f"choose years that {where} covers",
                )
            ]
        )
    return frozenset(members)


def organization_sides(
    organizations: Sequence,
    dataset=None,
    *,
    year: int | None = None,
    period=None,
    codes: CodeMap | None = None,
    statuses=("full",),
    day: dt.date | None = None,
) -> dict[str, frozenset[str]]:
    """The member states of each named organization, as node ids of the world graphs.

    A claim such as ``between = ["brics", "sco"]`` names organizations; in the
    world, each side is the set of their member states. A state of the text
    keeps its node id, others are ``iso3:XXX`` (as in :func:`graph.world.layer_graph`).
    A state in two organizations is on both sides.

    Parameters
    ----------
    organizations : sequence of str
        Organization node ids of the text (with ``dataset``) or names of the data.
    dataset : Dataset or pandas.DataFrame, optional
        The text (or its nodes), for node ids and their codes.
    year, period : int or (int, int)
        The year or period.
    codes : CodeMap, optional
        The text's state codes (default: :func:`graph.world.map_states` of its nodes).
    statuses : sequence of str, default ("full",)

    Returns
    -------
    dict
        The name as given -> frozenset of node ids.

    Examples
    --------
    >>> from graph import io
    >>> sides = organization_sides(["brics", "sco"], io.load_dataset(), year=2024)
    >>> "egypt" in sides["brics"], "iso3:CHN" in sides["sco"]
    (True, True)
    """
    nodes = None if dataset is None else dataset_nodes(dataset)[0]
    if codes is None and nodes is not None:
        codes = map_states(nodes)
    node_of = codes.node_of() if codes is not None else {}
    problems: list[Problem] = []
    out: dict[str, frozenset[str]] = {}
    for name in organizations:
        try:
            members = organization_members(
                resolve_organization(name, nodes),
                year=year,
                period=period,
                statuses=statuses,
                day=day,
            )
        except DataError as err:
            problems.extend(err.problems)
            continue
        out[str(name)] = frozenset(world_node_id(c, node_of) for c in members)
    if problems:
        raise DataError(problems)
    return out


def blocs_from_memberships(
    organizations: Iterable,
    *,
    year: int | None = None,
    period=None,
    overlap: str = "joint",
    statuses=("full",),
) -> dict[str, str]:
    """A bloc for every state from the organizations it belongs to (ISO3 -> bloc).

    Parameters
    ----------
    organizations : iterable of str
        Names of the data (``["BRICS", "SCO"]``), in the order that names joint blocs.
    year, period : int or (int, int)
    overlap : {"joint", "first"}, default "joint"
        A state in several of them: ``joint`` gives it a bloc of its own named
        after all of them ("BRICS & SCO"), so that no overlap is hidden and the
        states in both are neither side's; ``first`` puts it in the first listed.
    statuses : sequence of str, default ("full",)

    Returns
    -------
    dict
        ISO3 -> bloc, for the states in at least one of the organizations
        (the others have no bloc).

    Examples
    --------
    >>> b = blocs_from_memberships(["BRICS", "SCO"], year=2014, overlap="first")
    >>> b["CHN"], b["KAZ"], b["BRA"]
    ('BRICS', 'SCO', 'BRICS')
    """
    if overlap not in OVERLAP:
        raise DataError(
            [Problem.setting("overlap", str(overlap), "is not an option", "choose joint or first")]
        )
    orgs = [resolve_organization(o) for o in organizations]
    held: dict[str, list[str]] = {}
    for org in orgs:
        for iso3 in sorted(organization_members(org, year=year, period=period, statuses=statuses)):
            held.setdefault(iso3, [])
            if org.name not in held[iso3]:
                held[iso3].append(org.name)
    if overlap == "first":
        return {c: names[0] for c, names in held.items()}
    return {c: " & ".join(names) for c, names in held.items()}


def detected_blocs(G: nx.Graph, *, keep_text: bool = True) -> dict:
    """Blocs found in a world graph's structure: ``C1``, ``C2``... by size.

    Communities come from :func:`graph.blocs.detect_blocs` (greedy modularity on
    the weights). They are not named after the text's blocs: a community that
    holds Egypt and Germany is neither "Middle East" nor "West". With
    ``keep_text`` the text's states keep their own bloc and only the others get
    their community.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> nx.set_node_attributes(G, {n: n == 0 for n in G}, "in_text")
    >>> nx.set_node_attributes(G, {0: "West"}, "bloc")
    >>> b = detected_blocs(G)
    >>> b[0], b[1], b[4]
    ('West', 'C1', 'C2')
    """
    found = detect_blocs(G, weight="weight") if G.number_of_nodes() else {}
    return {
        n: G.nodes[n].get("bloc") if keep_text and G.nodes[n].get("in_text") else c
        for n, c in found.items()
    }


def apply_blocs(
    G: nx.Graph, blocs, *, keep_text: bool = True, period: tuple[int, int] | None = None
) -> None:
    """Set the ``bloc`` of a world graph's nodes (see :func:`graph.world.layer_graph`)."""
    if blocs is None:
        spec = {"text": keep_text, "others": None}
        if not keep_text:
            nx.set_node_attributes(G, None, "bloc")
    elif isinstance(blocs, str) and blocs == "detected":
        nx.set_node_attributes(G, detected_blocs(G, keep_text=keep_text), "bloc")
        spec = {"text": keep_text, "others": "detected"}
    elif isinstance(blocs, Mapping):
        for _, d in G.nodes(data=True):
            if not (keep_text and d.get("in_text")):
                d["bloc"] = blocs.get(d.get("code"))
        spec = {"text": keep_text, "others": "mapping"}
    elif isinstance(blocs, Sequence) and not isinstance(blocs, str):
        first, last = period if period is not None else G.graph["period"]
        by_code = blocs_from_memberships(blocs, period=(first, last))
        for _, d in G.nodes(data=True):
            if not (keep_text and d.get("in_text")):
                d["bloc"] = by_code.get(d.get("code"))
        spec = {"text": keep_text, "others": "memberships", "organizations": list(blocs)}
    else:
        raise DataError(
            [
                Problem.setting(
                    "blocs",
                    str(blocs),
                    "is not a bloc option",
                    'give None, "detected", a mapping ISO3 -> bloc, or a list of organizations'
                    if blocs != "detect"
                    else 'spell it "detected", as the claim test does',
                )
            ]
        )
    G.graph["blocs"] = spec
