"""Mentions merged into nodes: one node per actor, with every name the text gives it.

In text order: a state by its ISO3 code (its name, demonym, a capital that acts
for it, "the country" after it); a person by the gazetteer's key or full name,
and a surname alone ("Aliyev") by the last person of that surname; an
organization by its key, and an acronym by the long name it was defined for;
an event by its head noun and the proper names in it, and "the summit" or
"this meeting" by the last event (of the same noun where there is one); a
platform or area by its core words. A person preceded by a leader's title, or
known to the gazetteer as a head of state or government, is a ``leader`` when
their state is in the text. Pointing phrases with nothing to point to, and
places, make no node; they are listed as unresolved.

Examples
--------
>>> from graph.draft.mentions import Mention
>>> ms = [Mention(1, 0, 10, "Azerbaijan", "state", "AZE", "Azerbaijan"),
...       Mention(1, 20, 31, "the country", "ref:state", "country", "")]
>>> r = resolve(ms)
>>> [n["id"] for n in r.nodes], r.node_of[ms[1]], r.nodes[0]["aliases"]
(['azerbaijan'], 'azerbaijan', ['the country'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.draft.gazetteer import words
from graph.draft.mentions import Mention

__all__ = ["Resolved", "resolve", "slug"]

#: Words left out of an event's label ("the recent Washington meeting" -> "Washington meeting").
_EVALUATIVE = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "recent",
    "historic",
    "upcoming",
    "latest",
    "last",
    "landmark",
    "so-called",
    "high-level",
    "new",
}


def slug(text: str) -> str:
    """A node id from a label.

    Examples
    --------
    >>> slug("Abdel Fattah el-Sisi"), slug("BRICS+")
    ('abdel_fattah_el_sisi', 'brics_plus')
    """
    text = text.replace("+", " plus")
    return re.sub(r"[^a-z0-9]+", "_", " ".join(w for w, _, _ in words(text))).strip("_") or "node"


@dataclass
class Resolved:
    """Nodes (dicts of the columns of ``nodes.csv``), each mention's node, and what stayed open."""

    nodes: list[dict] = field(default_factory=list)
    node_of: dict[Mention, str] = field(default_factory=dict)
    unresolved: list[Mention] = field(default_factory=list)


def _event_label(text: str) -> str:
    text = re.split(r"\s(?:between|among|with|against)\s", re.sub(r"\s*\(.*?\)", "", text))[0]
    kept = [w for w in text.split() if w.lower().strip('\u201c\u201d"') not in _EVALUATIVE]
    label = " ".join(kept) or text
    return label[:1].upper() + label[1:]


def _event_key(m: Mention) -> str:
    proper = [w for w, _, _ in words(m.text) if w not in _EVALUATIVE]
    return m.head + ":" + " ".join(sorted(set(proper) - {m.head}))


class _Registry:
    def __init__(self, gazetteer=None):
        self.gaz = gazetteer
        self.out = Resolved()
        self.by_key: dict[str, dict] = {}
        self.last: dict[str, dict] = {}
        self.ids: set[str] = set()
        self.acronyms: dict[str, dict] = {}
        self.by_id: dict[str, dict] = {}

    def node(self, key: str, label: str, type_: str, **extra) -> dict:
        n = self.by_key.get(key)
        if n is None:
            base = slug(label)
            nid, k = base, 2
            while nid in self.ids:
                nid, k = f"{base}_{k}", k + 1
            self.ids.add(nid)
            n = {
                "id": nid,
                "label": label,
                "type": type_,
                "country": "",
                "bloc": "",
                "aliases": [],
                "code": "",
                "iso": "",
                **extra,
            }
            self.by_key[key] = n
            self.by_id[nid] = n
            self.out.nodes.append(n)
        return n

    def topic(self, kind: str, m: Mention) -> dict | None:
        """The first node of a type in the closest sentence before ``m`` that names one."""
        best = None
        for x, nid in self.out.node_of.items():
            n = self.by_id[nid]
            if n["type"] != kind or (x.paragraph, x.sent, x.start) >= (
                m.paragraph,
                m.sent,
                m.start,
            ):
                continue
            if x.kind.startswith("ref:"):
                continue
            rank = (x.paragraph, x.sent, -x.start)
            if best is None or rank > best[0]:
                best = (rank, n)
        return best[1] if best else None

    def attach(self, m: Mention, n: dict, kind: str) -> None:
        n.setdefault("from", m.source)
        if m.text != n["label"] and m.text not in n["aliases"] and ";" not in m.text:
            n["aliases"].append(m.text)
        self.out.node_of[m] = n["id"]
        self.last[kind] = n
        self.last["any:" + n["id"]] = n


def _state(reg: _Registry, m: Mention) -> None:
    label = reg.gaz.state_label(m.key) if reg.gaz is not None else m.label
    n = reg.node("state:" + m.key, label, "state", code=m.key, iso=m.key)
    reg.attach(m, n, "state")


def _person(reg: _Registry, m: Mention) -> None:
    ws = [w for w, _, _ in words(m.text)]
    n = None
    if len(ws) == 1 or m.source == "ner" and len(ws) == 1:
        n = next(
            (
                p
                for p in reversed(reg.out.nodes)
                if p["type"] in ("leader", "person")
                and words(p["label"])
                and words(p["label"])[-1][0] == ws[-1]
            ),
            None,
        )
    if n is None:
        label = m.label if m.source == "gazetteer" else m.text
        key = "person:" + (m.key if m.source == "gazetteer" else " ".join(ws))
        n = reg.node(key, label, "person", iso=m.country)
    if m.country and not n["iso"]:
        n["iso"] = m.country
    if m.title == "leader":
        n["leader"] = True
    reg.attach(m, n, "person")


def _other(reg: _Registry, m: Mention) -> None:
    if m.kind == "organization" and m.text in reg.acronyms:
        reg.attach(m, reg.acronyms[m.text], "organization")
        return
    if m.kind == "event":
        key = "event:" + _event_key(m)
        n = reg.node(key, _event_label(m.text), "event", head=m.head)
    else:
        label = m.label if m.kind in ("organization", "armed_group", "platform") else m.text
        if m.kind == "region":
            label = " ".join(w for w in m.text.split() if w.lower() not in ("the", "wider"))
        n = reg.node(f"{m.kind}:{m.key}", label, m.kind)
    reg.attach(m, n, m.kind)


def _reference(reg: _Registry, m: Mention) -> None:
    kind = m.kind.split(":", 1)[1]
    target = None
    if kind == "event" and m.head:
        target = next(
            (
                n
                for n in reversed(reg.out.nodes)
                if n["type"] == "event" and n.get("head") == m.head
            ),
            None,
        )
    if target is None and kind != "person":
        target = reg.topic(kind, m)
    target = target or reg.last.get(kind)
    if target is None and kind == "event" and m.head:  # "The summit" opens the text
        target = reg.node(f"event:{m.head}:", m.head[:1].upper() + m.head[1:], "event", head=m.head)
    if target is None:
        reg.out.unresolved.append(m)
        return
    reg.attach(m, target, kind)


def resolve(mentions: list[Mention], *, gazetteer=None, acronyms=None) -> Resolved:
    """Merge mentions (in text order) into nodes.

    Parameters
    ----------
    mentions : list of Mention
        Every mention of the text, in text order.
    gazetteer : Gazetteer, optional
        For the display names of states.
    acronyms : mapping, optional
        (paragraph, start, end) of a long name -> the acronym defined for it.

    Returns
    -------
    Resolved
    """
    reg = _Registry(gazetteer)
    acronyms = dict(acronyms or {})
    for m in mentions:
        if m.kind == "state":
            _state(reg, m)
        elif m.kind == "person":
            _person(reg, m)
        elif m.kind.startswith("ref:"):
            _reference(reg, m)
        elif m.is_actor:
            _other(reg, m)
        else:
            reg.out.unresolved.append(m)
            continue
        acr = acronyms.get((m.paragraph, m.start, m.end))
        if acr and m in reg.out.node_of:
            n = next(x for x in reg.out.nodes if x["id"] == reg.out.node_of[m])
            reg.acronyms[acr] = n
            if acr not in n["aliases"] and acr != n["label"]:
                n["aliases"].append(acr)
    _finish(reg)
    return reg.out


def _finish(reg: _Registry) -> None:
    """Leaders need their state in the text; persons get its id as their country."""
    states = {n["iso"]: n["id"] for n in reg.out.nodes if n["type"] == "state"}
    for n in reg.out.nodes:
        if n["type"] == "person":
            n["country"] = states.get(n["iso"], "")
            if n.pop("leader", False) and n["country"]:
                n["type"] = "leader"
