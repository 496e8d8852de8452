"""The text against the world: ties confirmed, contradicted or unchecked, and ties left out.

- :func:`compare_ties`: every tie the text states between two of its states,
  set beside a world layer: ``confirmed`` (the layer ties them, with a sign
  that does not oppose the text's), ``contradicted`` (the layer's sign is the
  opposite of the text's; or, in the ``igo`` layer, the text makes both
  members of the same body and the data show no shared organization), ``not
  shown`` (both states are in the data for those years and the layer has no
  tie: absence is not contradiction, two states can cooperate without an
  alliance) or ``cannot be checked`` (a state without a code, missing from the
  source, or years outside it).
- :func:`compare_memberships`: every ``member_of`` tie from a state to an
  organization, checked against the membership data.
- :func:`omitted_ties` and :func:`bypass_summary` (from :mod:`graph.world.bypass`):
  the world's ties between the claimed sides (the blocs, or the member states
  of named organizations) that do not touch the focus, and whether the text
  states them: what a reader of the text is not told.

Signs are compared only where both have one: a text tie of sign 0 (two states
at the same summit) and a layer without signs (``igo``) confirm by presence.
In the ``votes`` layer, where without a threshold nearly every pair has an
edge, two states that vote alike on less than half of their shared roll calls
are not tied (:func:`graph.world.base.counts_as_tie`): a neutral text tie
between them is ``not shown``, a cooperative one ``contradicted``.

Examples
--------
>>> from graph import io
>>> from graph.world.layers import layer_graph
>>> ds = io.load_dataset()
>>> t = compare_ties(ds, layer_graph(ds, "igo", year=2014))
>>> t.set_index(["source", "target"]).loc[("azerbaijan", "armenia"), "status"]
'confirmed'
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd

from graph.build import states_view
from graph.errors import DataError
from graph.world.base import counts_as_tie, dataset_nodes, resolve_period
from graph.world.bypass import bypass_summary, omitted_ties
from graph.world.codes import CodeMap, map_states, organization_of_node
from graph.world.sides import organization_members

__all__ = [
    "STATUSES",
    "text_state_view",
    "compare_ties",
    "compare_memberships",
    "omitted_ties",
    "bypass_summary",
]

#: The statuses of a text's tie against a layer, in the order reports list them.
STATUSES: tuple[str, ...] = ("confirmed", "contradicted", "not shown", "cannot be checked")

_SOURCE = {"igo": "the IGO data", "alliance": "ATOP", "votes": "the UN votes", "events": "ICEWS"}


def text_state_view(dataset) -> nx.Graph:
    """The text's ``states`` view (leaders folded into their states, events folded away).

    Examples
    --------
    >>> from graph import io
    >>> text_state_view(io.load_dataset()).has_edge("israel", "palestine")
    True
    """
    return states_view(dataset.nodes, dataset.edges)


def _years_text(years) -> str:
    if not years:
        return ""
    return f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _cell(value):
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in value)
    return value


def _comembers(d: dict, relation_of: Mapping[int, str]) -> list[str]:
    """Events or platforms through which the text makes both states members (``member_of``)."""
    out = []
    for dv in d.get("derivations", []):
        via = dv.get("via")
        groups = dv.get("groups", ())
        if (
            via
            and len(groups) == 2
            and all(any(relation_of.get(x[0]) == "member_of" for x in g) for g in groups)
        ):
            out.append(via)
    return out


def _text_sign_parts(d: dict) -> tuple[float, float]:
    pos = sum(dv["weight"] for dv in d.get("derivations", []) if dv["sign"] > 0)
    neg = sum(dv["weight"] for dv in d.get("derivations", []) if dv["sign"] < 0)
    return float(pos), float(neg)


def compare_ties(
    dataset, world: nx.Graph, *, text: nx.Graph | None = None, codes: CodeMap | None = None
) -> pd.DataFrame:
    """Each tie the text states between two of its states, beside one world layer.

    Parameters
    ----------
    dataset : graph.io.Dataset
        The text (nodes and edges).
    world : networkx.Graph
        A layer from :func:`graph.world.layer_graph` built for this dataset.
    text : networkx.Graph, optional
        The text's states view (default: built from ``dataset``).
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
    text = text_state_view(dataset) if text is None else text
    nodes, file = dataset_nodes(dataset)
    codes = map_states(nodes, file=file) if codes is None else codes
    relation_of = dict(zip(dataset.edges["tie"], dataset.edges["relation"], strict=True))
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
            "years": _years_text(years),
            "world_tie": pd.NA,
            "world_weight": np.nan,
            "world_sign": pd.NA,
        }
        for k in extra:
            row[f"world_{k}"] = None
        row["status"], row["reason"] = _status(
            u, v, d, row, world, codes, years, missing, signed, relation_of, extra
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


def _status(u, v, d, row, world, codes, years, missing, signed, relation_of, extra):
    name = _SOURCE.get(world.graph.get("layer", ""), "the layer")
    for n in (u, v):
        if n not in codes.codes:
            return "cannot be checked", f"{row[f'{_end(n, u)}_label']} has no ISO3 code"
    if not years:
        period = world.graph.get("period", ("?", "?"))
        return "cannot be checked", f"{name} has no data for {_years_text(tuple(period))}"
    for n in (u, v):
        if n in missing:
            label = row[f"{_end(n, u)}_label"]
            return "cannot be checked", f"{label} is not in {name} for {row['years']}"
        if n not in world:
            label = row[f"{_end(n, u)}_label"]
            return "cannot be checked", f"{label} is not a node of this world graph"
    if world.has_edge(u, v):
        w = world[u][v]
        row["world_tie"] = True
        row["world_weight"] = float(w.get("weight", np.nan))
        row["world_sign"] = int(w.get("sign", 0))
        for k in extra:
            row[f"world_{k}"] = _cell(w.get(k))
        ts, ws = row["text_sign"], row["world_sign"]
        if signed and ts != 0 and ws != 0:
            if ts != ws:
                return "contradicted", f"the text's sign is {ts:+d}, the layer's {ws:+d}"
            return "confirmed", f"tied in {name} ({row['years']}), sign {ws:+d} as in the text"
        if not counts_as_tie(world, w):
            share = w.get("agreement", row["world_weight"])
            return "not shown", f"they vote alike on only {share:.2f} of shared roll calls"
        return "confirmed", f"tied in {name} ({row['years']})"
    row["world_tie"] = False
    via = _comembers(d, relation_of)
    if world.graph.get("layer") == "igo" and via:
        return (
            "contradicted",
            f"the text makes both members of {', '.join(via)}; they share no organization "
            f"in {row['years']}",
        )
    return "not shown", f"no tie in {name} ({row['years']})"


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
    years = _years_text((first, last) if first != last else (first,))
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
