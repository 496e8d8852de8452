r"""Folding a coded network into a view of actors: who takes part in what, and what is left out.

A view keeps some node types as its nodes and folds others away (see
:func:`fold_view`). A tie between two kept nodes is a *direct* tie. An event,
a platform or (in the ``states`` view) an organization is a *hub*: the actors
that take part in it (ties in :data:`graph.schema.PARTICIPATION`, or
:data:`graph.schema.MEMBERSHIP` for an organization) are tied to each other
through it; its subjects, commenters and proposers are not. Every other tie
is left out of the view, with its reason in ``G.graph["dropped_ties"]``.

Each edge keeps where it came from: ``ties`` (ids = lines of ``edges.csv``),
their ``evidence``, ``paragraphs``, ``relations`` (the relations of its ties),
``via`` (the hubs that tie the pair), ``derivations`` (one per direct tie or
per shared hub, so a number can be traced to a quote and a paragraph or a tie
can be left out) and the weight of its cooperative and conflictual ties kept
apart (``positive``, ``negative``): a war does not cancel a meeting.

Examples
--------
>>> from graph import io
>>> ds = io.load_dataset()
>>> G = fold_view(ds.nodes, ds.edges, view="actors")
>>> G.has_edge("ilham_aliyev", "donald_trump")  # both at the summit in Egypt
True
>>> G.has_edge("ilham_aliyev", "israel")  # the summit's subject, not a participant
False
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from itertools import combinations
from typing import NamedTuple

import networkx as nx
import numpy as np
import pandas as pd

from graph import schema
from graph.errors import DataError, Problem
from graph.fold import sign_of, weight_sums
from graph.memory import collector_paused, shared_floats

__all__ = [
    "DROP_REASONS",
    "NODE_ATTRS",
    "NODE_FATES",
    "add_nodes",
    "derivation",
    "DirectTie",
    "EmptyList",
    "summarize",
    "fold_view",
    "nodes_out",
]

#: Node attributes every view carries.
NODE_ATTRS = ("label", "type", "country", "bloc", "aliases", "code")

#: Why a tie is not in a folded view (the keys of ``G.graph["dropped_ties"]``' reasons).
DROP_REASONS: dict[str, str] = {
    "inside": "both ends fold into one node (e.g. a leader's tie to their own state)",
    "not_taking_part": "a tie to an event, platform or organization that is not taking part "
    "in it (its subject, a comment, a proposal)",
    "between_hubs": "a tie between two events, platforms or organizations that the view folds",
    "not_in_view": "an end is of a type the view leaves out",
}


def add_nodes(G: nx.Graph, nodes: pd.DataFrame, keep=None) -> None:
    """Add the nodes of a nodes table (those in ``keep``, if given) with their attributes."""
    for rec in nodes.to_dict("records"):
        if keep is not None and rec["id"] not in keep:
            continue
        G.add_node(rec["id"], **{a: rec.get(a) for a in NODE_ATTRS if a in rec})


def derivation(via, groups) -> dict:
    """One way an edge of a folded view came about: a direct tie, or a shared hub ``via``.

    ``groups`` holds, per end, the ``(tie, paragraph, weight, sign, relation)``
    of the ties that put it there: one group of one tie for a direct tie, one group
    per actor for a hub. A hub's contribution weighs the smaller of the two
    actors' strongest ties to it and takes the lower of their lowest signs.

    Examples
    --------
    >>> d = derivation("war", [[(5, 4, 1.0, -1, "attends")], [(6, 4, 1.0, -1, "attends")]])
    >>> d["ties"], d["weight"], d["sign"]
    ((5, 6), 1.0, -1)
    """
    return {
        "ties": tuple(x[0] for g in groups for x in g),
        "paragraphs": tuple(sorted({x[1] for g in groups for x in g if x[1] is not None})),
        "weight": float(min(max(x[2] for x in g) for g in groups)),
        "sign": int(min(min(x[3] for x in g) for g in groups)),
        "via": via,
        "groups": tuple(tuple(tuple(x) for x in g) for g in groups),
    }


class EmptyList(list):
    """An empty list that stays empty: one object for the ``via`` and ``paragraphs`` of many edges.

    Nearly every pair of event data has no paragraph and no hub; a fresh
    empty list for each took 0.08 GB of the actors view of 10^6 ties. It is
    a list (equal to ``[]``, written as ``[]``); changing it raises, since
    every edge that holds it would change: copy it first (``list(x)``).

    Examples
    --------
    >>> x = EmptyList()
    >>> x == [], isinstance(x, list), sorted(x), list(x) + [1]
    (True, True, [], [1])
    >>> x.append(1)
    Traceback (most recent call last):
    ...
    TypeError: this empty list is shared by many edges of a view; copy it (list(x)) to change it
    """

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError(
            "this empty list is shared by many edges of a view; copy it (list(x)) to change it"
        )

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


#: The one empty list of the views' direct pairs.
_EMPTY = EmptyList()


class DirectTie(Mapping):
    """A direct tie's derivation: :func:`derivation` of its one tie, in a quarter of the memory.

    Read-only, with the same keys, values and order as ``derivation(None,
    [[(tie, paragraph, weight, sign, relation)]])``, and equal to it. The
    views of event data hold one per tie (10^6 at scale): as a dict with its
    nested tuples one took about 580 bytes, this takes about 140.

    Examples
    --------
    >>> d = DirectTie(5, 4, 1.0, -1, "meets")
    >>> d["ties"], d["paragraphs"], d["via"], d["groups"]
    ((5,), (4,), None, (((5, 4, 1.0, -1, 'meets'),),))
    >>> d == derivation(None, [[(5, 4, 1.0, -1, "meets")]])
    True
    >>> import pickle  # as worker processes receive it
    >>> pickle.loads(pickle.dumps(d)) == d, dict(d) == d
    (True, True)
    """

    __slots__ = ("tie", "paragraph", "weight", "sign", "relation")
    _KEYS = ("ties", "paragraphs", "weight", "sign", "via", "groups")

    def __init__(self, tie, paragraph, weight: float, sign: int, relation):
        self.tie, self.paragraph, self.relation = tie, paragraph, relation
        self.weight, self.sign = float(weight), int(sign)

    def __getitem__(self, key):
        if key == "sign":
            return self.sign
        if key == "ties":
            return (self.tie,)
        if key == "weight":
            return self.weight
        if key == "via":
            return None
        if key == "paragraphs":
            return () if self.paragraph is None else (self.paragraph,)
        if key == "groups":
            return (((self.tie, self.paragraph, self.weight, self.sign, self.relation),),)
        raise KeyError(key)

    def __iter__(self):
        return iter(self._KEYS)

    def __len__(self) -> int:
        return len(self._KEYS)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self):
        return DirectTie, (self.tie, self.paragraph, self.weight, self.sign, self.relation)


def summarize(derivations: list[Mapping], evidence: dict) -> dict:
    """Edge attributes of a folded edge from its derivations."""
    ties = sorted({t for d in derivations for t in d["ties"]})
    relations = {x[4] for d in derivations for g in d["groups"] for x in g}
    weight, positive, negative, sign = weight_sums(
        [d["weight"] for d in derivations], [d["sign"] for d in derivations]
    )
    return {
        "weight": weight,
        "positive": positive,
        "negative": negative,
        "sign": sign,
        "ties": ties,
        "evidence": [evidence.get(t, "") for t in ties],
        "paragraphs": sorted({p for d in derivations for p in d["paragraphs"]}),
        "relations": sorted(relations),
        "via": sorted({d["via"] for d in derivations if d["via"] is not None}, key=str),
        "derivations": derivations,
    }


class _Roles(NamedTuple):
    """What each node becomes in a view."""

    owner: dict  # node -> the node it folds into (a person into their state)
    kept: set  # nodes of the view
    hubs: dict  # folded node -> the relations by which actors take part in it


def _roles(nodes: pd.DataFrame, view: str) -> _Roles:
    ids = nodes["id"].tolist()  # lists: iterating a pandas string column is slow per item
    ntype = dict(zip(ids, nodes["type"].tolist(), strict=True))
    country = dict(zip(ids, nodes["country"].tolist(), strict=True))
    owner = {}
    for n, t in ntype.items():
        fold_in = view == "states" and t in schema.PERSON_TYPES and country.get(n)
        owner[n] = country[n] if fold_in else n
    if view == "states":
        kept = {n for n, t in ntype.items() if t in schema.STATE_TYPES}
        hubs = {n: schema.PARTICIPATION for n, t in ntype.items() if t in schema.EVENT_TYPES}
        hubs |= {n: schema.MEMBERSHIP for n, t in ntype.items() if t in schema.ORGANIZATION_TYPES}
    else:
        kept = {n for n, t in ntype.items() if t not in schema.EVENT_TYPES}
        hubs = {n: schema.PARTICIPATION for n, t in ntype.items() if t in schema.EVENT_TYPES}
    return _Roles(owner, kept, hubs)


#: What becomes of a node that is not a node of a view.
NODE_FATES: dict[str, str] = {
    "person": "folded into its state",
    "event": "folded away: its participants tied",
    "organization": "folded away: its member states tied",
    "place": "left out: a place, not an actor",
    "stateless": "left out: a person with no country",
    "non-state": "left out: not a state",
}


def nodes_out(nodes: pd.DataFrame, roles: _Roles) -> list[list]:
    """``[node, fate]`` for every node that the view does not keep (fates in :data:`NODE_FATES`).

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> out = dict(nodes_out(ds.nodes, _roles(ds.nodes, "states")))
    >>> out["ilham_aliyev"], out["cis"]
    ('folded into its state', 'folded away: its member states tied')
    >>> out["gaza"]
    'left out: a place, not an actor'
    """
    out = []
    for n, t in zip(nodes["id"].tolist(), nodes["type"].tolist(), strict=True):
        if n in roles.kept:
            continue
        if roles.owner.get(n, n) != n:
            key = "person"
        elif n in roles.hubs:
            key = "organization" if t in schema.ORGANIZATION_TYPES else "event"
        elif t in schema.PLACE_TYPES:
            key = "place"
        elif t in schema.PERSON_TYPES:
            key = "stateless"
        else:
            key = "non-state"
        out.append([n, NODE_FATES[key]])
    return out


def _check_ids(edges: pd.DataFrame, owner: dict) -> None:
    for c in ("source", "target"):
        unknown = ~edges[c].isin(owner)
        if unknown.any():
            row = edges.loc[unknown].iloc[0]
            raise DataError(
                [
                    Problem(
                        "edges",
                        int(row["line"]) if "line" in row else None,
                        column_name=c,
                        value=str(row[c]),
                        message="is not a node id of the nodes table",
                        fix="add the node to the nodes table or fix the id",
                    )
                ]
            )


class _TieColumns(NamedTuple):
    """The columns of ``edges`` that folding reads, as arrays (``paragraph``: int or None)."""

    tie: np.ndarray
    weight: np.ndarray
    sign: np.ndarray
    paragraph: list


def _paragraphs(edges: pd.DataFrame) -> list:
    """The paragraph of every row: an int, or None."""
    para = edges["paragraph"]
    missing = para.isna().to_numpy()
    return [
        None if m else int(p)
        for p, m in zip(para.where(~missing, 0).astype("int64").tolist(), missing, strict=True)
    ]


def _classify(edges: pd.DataFrame, roles: _Roles):
    """Per row: owners of both ends, and the row's kind: direct, via a hub, or dropped (reason)."""
    s_all = edges["source"].map(roles.owner).to_numpy(dtype=object)
    t_all = edges["target"].map(roles.owner).to_numpy(dtype=object)
    kept = roles.kept
    s_kept = np.fromiter((x in kept for x in s_all), dtype=bool, count=len(s_all))
    t_kept = np.fromiter((x in kept for x in t_all), dtype=bool, count=len(t_all))
    s_hub = np.fromiter((x in roles.hubs for x in s_all), dtype=bool, count=len(s_all))
    t_hub = np.fromiter((x in roles.hubs for x in t_all), dtype=bool, count=len(t_all))
    inside = s_all == t_all
    direct = ~inside & s_kept & t_kept
    one_hub = ~inside & (s_hub ^ t_hub)
    relation = edges["relation"].to_numpy(dtype=object)
    taking_part = np.zeros(len(edges), dtype=bool)
    for i in np.flatnonzero(one_hub).tolist():
        hub = s_all[i] if s_hub[i] else t_all[i]
        taking_part[i] = relation[i] in roles.hubs[hub]
    to_hub = one_hub & taking_part & (s_kept | t_kept)
    reason = np.full(len(edges), None, dtype=object)
    reason[~inside & ~direct & ~to_hub] = "not_in_view"
    reason[one_hub & ~taking_part] = "not_taking_part"
    reason[~inside & s_hub & t_hub] = "between_hubs"
    reason[inside] = "inside"
    return s_all, t_all, s_hub, direct, to_hub, reason


@collector_paused()
def fold_view(nodes: pd.DataFrame, edges: pd.DataFrame, *, view: str) -> nx.Graph:
    """Fold the coded tables into the ``actors`` or ``states`` view.

    Parameters
    ----------
    nodes, edges : pandas.DataFrame
        Validated tables (:func:`graph.io.load_nodes`, :func:`graph.io.load_edges`).
    view : {"actors", "states"}
        ``actors``: every node but events and platforms, which are folded away
        (their participants tied to each other). ``states``: states only;
        leaders and persons fold into their ``country``; events, platforms
        and organizations fold away (participants, or member states, tied to
        each other); regions and non-state actors are left out.

    Returns
    -------
    networkx.Graph
        Undirected, simple, weighted; provenance on every edge (module
        docstring). A direct tie adds its weight and sign. A shared hub adds,
        for each pair of its participants, the smaller of the two actors'
        strongest tie weights to it, with the lower of their lowest signs
        (two parties to a war are in conflict). ``G.graph`` holds ``view``,
        ``claim_ties`` (ties of :data:`graph.schema.CLAIM_RELATIONS`),
        ``dropped_ties`` (``[tie, reason]`` for every tie the view leaves
        out; reasons in :data:`DROP_REASONS`) and ``participation``
        (``[actor, hub, tie, sign]`` for every tie that puts an actor in a
        hub: the two-mode graph behind the folded edges), and ``nodes_out``
        (``[node, what became of it]`` for every node that is not a node of
        the view; the words in :data:`NODE_FATES`).

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> G = fold_view(ds.nodes, ds.edges, view="states")
    >>> sorted({t for _, t in G.nodes(data="type")})
    ['state']
    >>> e = G.edges["azerbaijan", "armenia"]  # peace talks, a meeting and a war
    >>> e["positive"], e["negative"]
    (1.0, 1.0)
    """
    if view not in ("actors", "states"):
        raise ValueError(f"view must be 'actors' or 'states'; got {view!r}")
    roles = _roles(nodes, view)
    _check_ids(edges, roles.owner)
    s_all, t_all, s_hub, direct, via_hub, reason = _classify(edges, roles)
    cols = _TieColumns(
        tie=edges["tie"].to_numpy(dtype=np.int64),
        weight=edges["weight"].to_numpy(dtype=float),
        sign=edges["sign"].to_numpy(dtype=np.int64),
        paragraph=_paragraphs(edges),
    )
    evidence = dict(zip(cols.tie.tolist(), edges["evidence"].tolist(), strict=True))
    relation = dict(zip(cols.tie.tolist(), edges["relation"].tolist(), strict=True))
    members: dict = defaultdict(lambda: defaultdict(list))
    participation = []
    rows = np.flatnonzero(via_hub)
    for i, tie_id, weight, sign in zip(
        rows.tolist(),
        cols.tie[rows].tolist(),
        cols.weight[rows].tolist(),
        cols.sign[rows].tolist(),
        strict=True,
    ):
        hub, actor = (s_all[i], t_all[i]) if s_hub[i] else (t_all[i], s_all[i])
        members[hub][actor].append((tie_id, cols.paragraph[i], weight, sign, relation[tie_id]))
        participation.append([actor, hub, tie_id, sign])
    hub_derivs: dict[tuple, list] = defaultdict(list)
    for hub, actors in members.items():
        for a, b in combinations(sorted(actors, key=str), 2):
            hub_derivs[(a, b)].append(derivation(hub, [actors[a], actors[b]]))
    dropped = sorted([int(t), r] for t, r in zip(cols.tie.tolist(), reason, strict=True) if r)
    claim = cols.tie[edges["relation"].isin(list(schema.CLAIM_RELATIONS)).to_numpy()]
    G = nx.Graph(
        view=view,
        claim_ties=sorted(claim.tolist()),
        dropped_ties=dropped,
        participation=participation,
        nodes_out=nodes_out(nodes, roles),
    )
    add_nodes(G, nodes, roles.kept)
    idx = np.flatnonzero(direct)
    G.add_edges_from(_direct_edges(cols, idx, s_all, t_all, hub_derivs, evidence, relation))
    G.add_edges_from((a, b, summarize(ds, evidence)) for (a, b), ds in hub_derivs.items())
    return G


def _direct_edges(cols: _TieColumns, idx, s_all, t_all, hub_derivs, evidence, relation):
    """Yield ``(a, b, attributes)`` for the pairs with direct ties, column-wise.

    ``idx`` are the rows of direct ties. A pair that hubs also tie gets
    :func:`summarize` of all its derivations (its entry is taken out of
    ``hub_derivs``); the others, nearly all of event data, get the same
    attributes built from columns.
    """
    names = sorted({*s_all[idx].tolist(), *t_all[idx].tolist()}, key=str)
    s_rank = pd.Categorical(s_all[idx], categories=names).codes.astype(np.int64)
    t_rank = pd.Categorical(t_all[idx], categories=names).codes.astype(np.int64)
    lo, hi = np.minimum(s_rank, t_rank), np.maximum(s_rank, t_rank)
    codes, uniques = pd.factorize(lo * max(len(names), 1) + hi)  # in order of first appearance
    n = max(len(names), 1)
    keys = [(names[k // n], names[k % n]) for k in uniques.tolist()]
    order = np.argsort(codes, kind="stable")  # grouped by pair, file order within a pair
    rows = idx[order]
    weight, sign = cols.weight, cols.sign
    ties = cols.tie[rows].tolist()
    paras = [cols.paragraph[i] for i in rows.tolist()]
    quotes = [evidence.get(t, "") for t in ties]
    rels = [relation.get(t) for t in ties]
    records = [
        DirectTie(t, p, w, x, r)
        for t, p, w, x, r in zip(
            ties, paras, shared_floats(weight[rows]), sign[rows].tolist(), rels, strict=True
        )
    ]
    # Sums over each pair's ties, kept apart by sign (equal sums one float object).
    m = len(keys)
    w_idx, s_idx = weight[idx], sign[idx]
    total = shared_floats(np.bincount(codes, weights=w_idx, minlength=m))
    pos = shared_floats(np.bincount(codes, weights=w_idx * (s_idx > 0), minlength=m))
    neg = shared_floats(np.bincount(codes, weights=w_idx * (s_idx < 0), minlength=m))
    bounds = np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=m))]).tolist()
    for g, (a, b) in enumerate(keys):
        lo_, hi_ = bounds[g], bounds[g + 1]
        derivations = records[lo_:hi_]
        extra = hub_derivs.pop((a, b), None) or hub_derivs.pop((b, a), None)
        if extra:
            yield a, b, summarize(derivations + extra, evidence)
            continue
        yield (
            a,
            b,
            {
                "weight": total[g],
                "positive": pos[g],
                "negative": neg[g],
                "sign": sign_of(pos[g] - neg[g]),
                "ties": ties[lo_:hi_],
                "evidence": quotes[lo_:hi_],
                "paragraphs": sorted({p for p in paras[lo_:hi_] if p is not None}) or _EMPTY,
                "relations": sorted(set(rels[lo_:hi_])),
                "via": _EMPTY,
                "derivations": derivations,
            },
        )
