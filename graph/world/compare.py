"""The text against the world: ties confirmed, contradicted, shown as proximity, or unchecked.

The text's side is the graph the claim test runs on, at the states' level:
:func:`text_test_graph` applies :func:`graph.claims.claim_graph`'s rules (the
claim's own ties left out, places left out; conflictual ties kept apart) to
the text's ``states`` view. Paths and bypasses use its channels (cooperative
and neutral ties); the comparison of signs uses its signed graph.

- :func:`compare_ties`: every tie the text states between two of its states,
  set beside a world layer. On a signed layer (alliances, events) a tie is
  ``confirmed`` only by a tie of its own sign (a neutral text tie, two states
  at the same summit, by a tie of either sign), ``contradicted`` by one of
  the opposite sign (a conflict the layer shows as cooperation, or the
  reverse), ``not shown`` when the layer has no tie (absence is not
  contradiction: two states can cooperate without an alliance). On an
  unsigned layer (co-membership, corridors) a tie of the layer is
  ``proximity``: it shows the two states together and cannot check the
  sign, so it never confirms or contradicts; India and Pakistan share the
  SCO. ``cannot be checked``: a state without a code, missing from the
  source, or years outside it. The positions layer has no ties.
- :func:`compare_memberships`: every ``member_of`` tie from a state to an
  organization, checked against the membership data.
- :func:`omitted_ties` and :func:`bypass_summary` (from :mod:`graph.world.bypass`):
  the world's ties between the claimed sides that do not touch the focus,
  and whether the text states them: what a reader of the text is not told.

Examples
--------
>>> from graph import io
>>> from graph.world.layers import layer_graph
>>> ds = io.load_dataset()
>>> t = compare_ties(ds, layer_graph(ds, "igo", year=2014))
>>> t.set_index(["source", "target"]).loc[("azerbaijan", "armenia"), "status"]
'proximity'
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from graph.claims import ClaimGraph, claim_graph
from graph.errors import DataError
from graph.networks import states_view
from graph.world.base import dataset_nodes, period_words, resolve_period
from graph.world.bypass import bypass_summary, omitted_ties
from graph.world.codes import CodeMap, map_states, organization_of_node
from graph.world.sides import organization_members

__all__ = [
    "STATUSES",
    "text_state_view",
    "text_test_graph",
    "compare_ties",
    "compare_memberships",
    "omitted_ties",
    "bypass_summary",
]

#: The statuses of a text's tie against a layer, in the order reports list them.
STATUSES: tuple[str, ...] = (
    "confirmed",
    "contradicted",
    "proximity",
    "not shown",
    "cannot be checked",
)

_SOURCE = {
    "igo": "the IGO data",
    "alliance": "ATOP",
    "votes": "the ideal points",
    "events": "ICEWS",
    "corridors": "the corridors table",
}


def text_state_view(dataset) -> nx.Graph:
    """The text's ``states`` view (leaders folded into their states, events folded away).

    Examples
    --------
    >>> from graph import io
    >>> text_state_view(io.load_dataset()).has_edge("israel", "palestine")
    True
    """
    return states_view(dataset.nodes, dataset.edges)


def text_test_graph(
    dataset,
    focus,
    *,
    claim_ties: Iterable[int] = (),
    include_claim_ties: bool = False,
    ties: str = "channels",
    places: bool = False,
) -> ClaimGraph:
    """The text's side of every world comparison: the claim test's graph, at the states' level.

    :func:`graph.claims.claim_graph` of the text's ``states`` view, with the
    claim's settings: ``graph`` (channels: what paths and bypasses run over)
    and ``signed`` (conflicts kept: what signs are compared with). A focus
    the states view folds away (a leader) is looked for as its country.

    Examples
    --------
    >>> from graph import io
    >>> tg = text_test_graph(io.load_dataset(), "azerbaijan")
    >>> tg.signed.has_edge("israel", "palestine"), tg.graph.has_edge("israel", "palestine")
    (True, False)
    """
    view = text_state_view(dataset)
    if focus not in view:
        view.add_node(focus)
    return claim_graph(
        view,
        focus,
        claim_ties=claim_ties,
        include_claim_ties=include_claim_ties,
        ties=ties,
        places=places,
    )


def _cell(value):
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in value)
    return value


def _text_sign_parts(d: dict) -> tuple[float, float]:
    pos = sum(dv["weight"] for dv in d.get("derivations", []) if dv["sign"] > 0)
    neg = sum(dv["weight"] for dv in d.get("derivations", []) if dv["sign"] < 0)
    return float(pos), float(neg)


def compare_ties(
    dataset, world: nx.Graph, *, text: nx.Graph | None = None, codes: CodeMap | None = None
) -> pd.DataFrame:
    """Each tie the text states between two of its states, beside one world layer (see above).

    Parameters
    ----------
    dataset : graph.io.Dataset
        The text (nodes and edges).
    world : networkx.Graph
        A layer from :func:`graph.world.layer_graph` built for this dataset.
    text : networkx.Graph, optional
        The text's signed test graph (default: ``text_test_graph(...).signed``
        with the default claim settings, for the layer's focus-free comparison).
    codes : CodeMap, optional
        The text's state codes (default: mapped from its nodes).

    Returns
    -------
    pandas.DataFrame
        One row per text tie between two states: ``source``, ``target``, their
        ``*_label`` and ``*_code``; the text's ``text_weight``, ``text_sign``,
        ``text_positive``, ``text_negative``, ``relations``, ``paragraphs``,
        ``evidence`` (the first quote); the layer's ``layer``, ``years``,
        ``world_tie`` (True/False, NA when unchecked), ``world_weight``,
        ``world_sign`` and ``world_<attribute>`` for the layer's own
        attributes; ``status`` (one of :data:`STATUSES`) and ``reason``.

    Examples
    --------
    >>> from graph import io
    >>> from graph.world.layers import layer_graph
    >>> ds = io.load_dataset()
    >>> t = compare_ties(ds, layer_graph(ds, "events", year=2014))
    >>> t.set_index(["source", "target"]).loc[("israel", "palestine"), "status"]
    'cannot be checked'
    """
    if text is None:
        text = claim_graph(text_state_view(dataset), None).signed
    nodes, file = dataset_nodes(dataset)
    codes = map_states(nodes, file=file) if codes is None else codes
    layer = world.graph.get("layer", "")
    years = tuple(world.graph.get("years", ()))
    missing = set(world.graph.get("missing", ()))
    signed = bool(world.graph.get("signed", True))
    extra = sorted({k for *_, d in world.edges(data=True) for k in d} - {"weight", "sign"})
    rows = []
    for u, v, d in text.edges(data=True):
        if text.nodes[u].get("type") != "state" or text.nodes[v].get("type") != "state":
            continue
        pos, neg = _text_sign_parts(d)
        row = {
            "source": u,
            "target": v,
            "source_label": text.nodes[u].get("label", u),
            "target_label": text.nodes[v].get("label", v),
            "source_code": codes.codes.get(u),
            "target_code": codes.codes.get(v),
            "text_weight": float(d.get("weight", 1.0)),
            "text_sign": int(d.get("sign", 0)),
            "text_positive": pos,
            "text_negative": neg,
            "relations": _cell(d.get("relations", [])),
            "paragraphs": _cell(d.get("paragraphs", [])),
            "evidence": (d.get("evidence") or [""])[0],
            "layer": layer,
            "years": period_words(years),
            "world_tie": pd.NA,
            "world_weight": np.nan,
            "world_sign": pd.NA,
        }
        for k in extra:
            row[f"world_{k}"] = None
        row["status"], row["reason"] = _status(
            u, v, row, world, codes, years, missing, signed, extra
        )
        rows.append(row)
    cols = list(rows[0]) if rows else ["source", "target", "status", "reason"]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("world_sign",):
        if c in out:
            out[c] = out[c].astype("Int64")
    if "world_tie" in out:
        out["world_tie"] = out["world_tie"].astype("boolean")
    return out


def _status(u, v, row, world, codes, years, missing, signed, extra):
    name = _SOURCE.get(world.graph.get("layer", ""), "the layer")
    for n in (u, v):
        if n not in codes.codes:
            return "cannot be checked", f"{row[f'{_end(n, u)}_label']} has no ISO3 code"
    if not years:
        period = world.graph.get("period", ("?", "?"))
        return "cannot be checked", f"{name} has no data for {period_words(period)}"
    for n in (u, v):
        if n in missing:
            label = row[f"{_end(n, u)}_label"]
            return "cannot be checked", f"{label} is not in {name} for {row['years']}"
        if n not in world:
            label = row[f"{_end(n, u)}_label"]
            return "cannot be checked", f"{label} is not a node of this world graph"
    if not world.has_edge(u, v):
        row["world_tie"] = False
        if signed and row["text_sign"] < 0 and not world.graph.get("conflicts", True):
            return "not shown", f"{name} records pledges, not conflicts ({row['years']})"
        return "not shown", f"no tie in {name} ({row['years']})"
    w = world[u][v]
    row["world_tie"] = True
    row["world_weight"] = float(w.get("weight", np.nan))
    row["world_sign"] = int(w.get("sign", 0))
    for k in extra:
        row[f"world_{k}"] = _cell(w.get(k))
    if not signed:
        return "proximity", f"together in {name} ({row['years']}): proximity, not a sign"
    ts, ws = row["text_sign"], row["world_sign"]
    kind = {1: "cooperation", -1: "conflict"}.get(ws, "a tie")
    if "pacts" in w:
        kind = f"a {w['pacts'].split(', ')[0]}" if "," not in w["pacts"] else w["pacts"]
    if ts < 0 < ws and w.get("restraint"):
        return "not shown", (
            f"{name} records only {w['pacts']} ({row['years']}): a pledge of restraint "
            "neither confirms nor contradicts a conflict"
        )
    if ts == 0:
        return "confirmed", f"{kind} in {name} ({row['years']}); the text gives no sign"
    if ts != ws:
        text_kind = "cooperation" if ts > 0 else "conflict"
        return "contradicted", f"the text has {text_kind}, {name} {kind} ({row['years']})"
    return "confirmed", f"{kind} in {name} ({row['years']}), as in the text"


def _end(n, u) -> str:
    return "source" if n == u else "target"


def compare_memberships(
    dataset,
    *,
    year: int | None = None,
    period=None,
    statuses=("full",),
    codes: CodeMap | None = None,
) -> pd.DataFrame:
    """Every ``member_of`` tie from a state to an organization, against the membership data.

    Returns
    -------
    pandas.DataFrame
        One row per tie: ``source``, ``target``, ``source_label``, ``code``,
        ``organization`` (its name in the data, or None), ``paragraph``,
        ``evidence``, ``years``, ``member`` (True/False, NA when unchecked),
        ``status`` (``confirmed``, ``contradicted`` or ``cannot be checked``)
        and ``reason``.

    Examples
    --------
    >>> from graph import io
    >>> m = compare_memberships(io.load_dataset(), year=2014)
    >>> m[["source", "target", "status"]].values.tolist()
    [['azerbaijan', 'cis', 'confirmed'], ['azerbaijan', 'ots', 'confirmed']]
    """
    nodes, file = dataset_nodes(dataset)
    codes = map_states(nodes, file=file) if codes is None else codes
    first, last = resolve_period(year, period)
    years = period_words((first, last))
    recs = nodes.set_index("id")
    e = dataset.edges
    e = e.loc[e["relation"] == "member_of"]
    rows = []
    for rec in e.to_dict("records"):
        s, t = rec["source"], rec["target"]
        if recs.at[s, "type"] != "state" or recs.at[t, "type"] != "organization":
            continue
        row = {
            "source": s,
            "target": t,
            "source_label": recs.at[s, "label"],
            "code": codes.codes.get(s),
            "organization": None,
            "paragraph": rec["paragraph"],
            "evidence": rec["evidence"],
            "years": years,
            "member": pd.NA,
        }
        org = organization_of_node(t, recs.at[t, "label"], recs.at[t, "aliases"] or [])
        if s not in codes.codes:
            row["status"], row["reason"] = "cannot be checked", f"{row['source_label']} has no code"
        elif org is None:
            row["status"] = "cannot be checked"
            row["reason"] = f"{recs.at[t, 'label']} is not an organization of the world data"
        else:
            row["organization"] = org.name
            try:
                members = organization_members(org, period=(first, last), statuses=statuses)
            except DataError as err:
                row["status"], row["reason"] = "cannot be checked", err.problems[0].message
            else:
                row["member"] = codes.codes[s] in members
                row["status"] = "confirmed" if row["member"] else "contradicted"
                row["reason"] = (
                    f"{'a' if row['member'] else 'not a'} member of {org.name} in {years}"
                )
        rows.append(row)
    out = pd.DataFrame(rows)
    if len(out):
        out["member"] = out["member"].astype("boolean")
    return out
