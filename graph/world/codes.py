"""Actors mapped to codes: a text's state nodes to ISO3, its organizations to the data's.

A state node maps to an ISO 3166 alpha-3 code (``iso3``; its Correlates of War
number follows from ``data/world/states.csv``) by, in this order:

1. the ``code`` column of ``nodes.csv``, when given;
2. its ``label``, then its ``id`` (``_`` read as a space), then each of its
   ``aliases``, matched against the ``name`` and ``names`` of ``states.csv``.

Matching is exact after one normalization, nothing fuzzy: case, accents
("Türkiye" = "Turkiye"), curly apostrophes, runs of white space and a leading
"the" are ignored. The first step that matches decides; a step that matches
two different states is ambiguous and reported. A state that maps nowhere is
reported with the fix ("add code=... to nodes.csv"); the closest name is only
ever *suggested* in that message, never used.

Organizations are matched the same way against the hand-coded table's names
(with their long forms) and COW IGO's short and long names; the same
organization in both sources (``CoE`` and COW's ``COE``) is one organization.

Examples
--------
>>> from graph import io
>>> cm = map_states(io.load_dataset().nodes)
>>> cm.codes["azerbaijan"], cm.matched_by["azerbaijan"]
('AZE', 'code')
>>> match_organization("Shanghai Cooperation Organisation").name
'SCO'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from graph.errors import DataError, Problem, Suggestions, did_you_mean
from graph.io.csvfile import MAX_PROBLEMS
from graph.world.tables import cached_table

__all__ = [
    "CodeMap",
    "Organization",
    "normalize_name",
    "state_names",
    "map_states",
    "match_organization",
    "organization_of_node",
]

#: The hand-coded table's organizations that COW IGO v3 holds under another short name.
HAND_TO_COW: dict[str, str] = {"Arab League": "LOAS", "CoE": "COE"}

#: Long names of the hand-coded organizations (their short names match as they are).
HAND_LONG_NAMES: dict[str, tuple[str, ...]] = {
    "APEC": ("Asia-Pacific Economic Cooperation",),
    "ASEAN": ("Association of Southeast Asian Nations",),
    "Arab League": ("League of Arab States",),
    "BSEC": (
        "Organization of the Black Sea Economic Cooperation",
        "Black Sea Economic Cooperation",
    ),
    "CIS": ("Commonwealth of Independent States",),
    "CSTO": ("Collective Security Treaty Organization",),
    "CoE": ("Council of Europe",),
    "EAEU": ("Eurasian Economic Union",),
    "ECO": ("Economic Cooperation Organization",),
    "EU": ("European Union",),
    "G7": ("Group of Seven", "G-7"),
    "G20": ("Group of Twenty", "G-20"),
    "GCC": ("Gulf Cooperation Council",),
    "GUAM": ("GUAM Organization for Democracy and Economic Development",),
    "NATO": ("North Atlantic Treaty Organization",),
    "NATO PfP": ("Partnership for Peace",),
    "OIC": ("Organisation of Islamic Cooperation", "Organization of Islamic Cooperation"),
    "OSCE": ("Organization for Security and Co-operation in Europe",),
    "OTS": ("Organization of Turkic States", "Turkic Council"),
    "Quad": ("Quadrilateral Security Dialogue",),
    "SCO": ("Shanghai Cooperation Organization", "Shanghai Cooperation Organisation"),
    "Union State": ("Union State of Russia and Belarus",),
}

_SPACE = re.compile(r"\s+")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*$")


def _code_problem(file, line, value, message: str, fix: str) -> Problem:
    """A problem with a state's code (or its name, matched to one) on a line of nodes.csv."""
    return Problem(file, line, column_name="code", value=value, message=message, fix=fix)


def normalize_name(text: str) -> str:
    """Fold a name for exact matching: case, accents, apostrophes, spaces, a leading "the".

    Examples
    --------
    >>> normalize_name("  The Türkiye’s_x ")
    "turkiye's x"
    """
    t = unicodedata.normalize("NFKD", str(text))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("_", " ")
    t = _SPACE.sub(" ", t).strip().casefold()
    return t[4:] if t.startswith("the ") else t


@cache
def state_names() -> dict[str, frozenset[str]]:
    """Normalized name -> the ISO3 codes of the states of ``states.csv`` that carry it.

    Examples
    --------
    >>> sorted(state_names()["turkey"])
    ['TUR']
    """
    out: dict[str, set[str]] = {}
    states = cached_table("states")
    for iso3, name, names in zip(states["iso3"], states["name"], states["names"], strict=True):
        if not iso3:
            continue
        for n in [name, iso3, *names.split(";")]:
            if n.strip():
                out.setdefault(normalize_name(n), set()).add(iso3)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True)
class CodeMap:
    """The state nodes of a text and their ISO3 codes.

    Attributes
    ----------
    codes : dict
        State node id -> ISO3, for every state that maps.
    matched_by : dict
        State node id -> how it mapped: ``code``, ``label``, ``id`` or ``alias 'X'``.
    labels : dict
        State node id -> label, for every state node (mapped or not).
    unmapped : tuple of Problem
        One problem per state that does not map (or maps like another), with the fix.

    Examples
    --------
    >>> import pandas as pd
    >>> nodes = pd.DataFrame({"id": ["tr", "xx"], "label": ["Turkey", "Ruritania"],
    ...                       "type": "state", "aliases": [[], []], "code": None})
    >>> cm = map_states(nodes)
    >>> cm.codes, cm.missing
    ({'tr': 'TUR'}, ['xx'])
    """

    codes: dict[str, str]
    matched_by: dict[str, str]
    labels: dict[str, str]
    unmapped: tuple[Problem, ...] = field(default=())

    @property
    def missing(self) -> list[str]:
        """State node ids that have no code."""
        return [n for n in self.labels if n not in self.codes]

    def node_of(self) -> dict[str, str]:
        """ISO3 -> the text's node id for it."""
        return {c: n for n, c in self.codes.items()}

    def raise_if_any(self) -> None:
        """Raise :class:`DataError` listing the states that did not map, if any."""
        if self.unmapped:
            raise DataError(list(self.unmapped))


def map_states(
    nodes: pd.DataFrame,
    *,
    file: str = "nodes.csv",
    hints: int = MAX_PROBLEMS,
    hint_for: Iterable[str] = (),
) -> CodeMap:
    """Map the state nodes of a text to ISO3 codes (see the module docstring for the rule).

    Parameters
    ----------
    nodes : pandas.DataFrame
        Validated nodes (:func:`graph.io.load_nodes`): ``id, label, type, aliases``
        and optionally ``code`` and ``line``.
    file : str, default "nodes.csv"
        The file named in the problems.
    hints : int, default :data:`graph.io.MAX_PROBLEMS`
        The first this many states that match no name get the closest state
        name in their problem's fix (as many as a file's problems list); the
        others the general fix. A closest name costs a fifth of a
        millisecond: 20 s for 10^5 states without a name.
    hint_for : iterable of node ids
        States that get the closest name whatever their rank (the focus).

    Returns
    -------
    CodeMap
        Problems are collected in ``unmapped``, not raised: a text whose states do
        not all map can still be compared on those that do.

    Examples
    --------
    >>> from graph import io
    >>> cm = map_states(io.load_dataset().nodes)
    >>> sorted(cm.codes.values())
    ['ARM', 'AZE', 'EGY', 'ISR', 'PSE', 'SYR', 'USA']
    >>> cm.unmapped
    ()
    """
    names = state_names()
    iso3s = set(cached_table("states")["iso3"]) - {""}
    codes: dict[str, str] = {}
    how: dict[str, str] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    first_node: dict[str, tuple[str, int | None]] = {}
    near = None
    hint_for = set(hint_for)
    for rec in nodes.to_dict("records"):
        if rec.get("type") != "state":
            continue
        node, label = rec["id"], rec.get("label") or rec["id"]
        line = _int_or_none(rec.get("line"))
        labels[node] = label
        code = rec.get("code")
        if isinstance(code, str) and code.strip():
            code = code.strip().upper()
            if code not in iso3s:
                hint = did_you_mean(code, iso3s)
                problems.append(
                    _code_problem(
                        file,
                        line,
                        code,
                        f"(state {node!r}) is not an ISO3 code of data/world/states.csv",
                        hint or "give the state's ISO 3166 alpha-3 code",
                    )
                )
                continue
            found, by = code, "code"
        else:
            if near is None:
                near = Suggestions(names, cutoff=0.75)  # as difflib's get_close_matches
            aliases = rec.get("aliases") or []
            hinted = near if len(problems) < hints or node in hint_for else None
            found, by, problem = _match(node, label, aliases, names, hinted, file, line)
            if problem is not None:
                problems.append(problem)
                continue
        if found in first_node:
            other, other_line = first_node[found]
            where = f" (line {other_line})" if other_line is not None else ""
            problems.append(
                _code_problem(
                    file,
                    line,
                    label,
                    f"maps to {found}, like {other!r}{where}",
                    "code each state once: merge the two nodes or give the right code",
                )
            )
            continue
        first_node[found] = (node, line)
        codes[node], how[node] = found, by
    return CodeMap(codes, how, labels, tuple(problems))


def _match(node, label, aliases, names, near, file, line):
    """(iso3, how, None) or (None, None, Problem) from label, id and aliases.

    ``near`` finds the closest state name for the hint (a :class:`Suggestions`
    index over ``names``, built once for all the nodes); None: no closest name.
    """
    steps = [("label", [label]), ("id", [node]), ("alias", list(aliases))]
    for by, candidates in steps:
        hits = {}
        for c in candidates:
            for iso3 in names.get(normalize_name(c), ()):
                hits.setdefault(iso3, c)
        if len(hits) == 1:
            iso3, text = next(iter(hits.items()))
            return iso3, by if by != "alias" else f"alias {text!r}", None
        if len(hits) > 1:
            listed = ", ".join(f"{c} ({t!r})" for c, t in sorted(hits.items()))
            return (
                None,
                None,
                _code_problem(
                    file,
                    line,
                    label,
                    f"(state {node!r}) matches several states by {by}: {listed}",
                    "add code=... to nodes.csv with the ISO3 code of the state meant",
                ),
            )
    close = near.closest(normalize_name(label)) if near is not None else None
    if close is not None and len(names[close]) == 1:
        guess = next(iter(names[close]))
        fix = f"add code={guess} to nodes.csv if the state meant is {close!r} (not matched)"
    else:
        fix = "add code=... to nodes.csv (the state's ISO 3166 alpha-3 code)"
    return (
        None,
        None,
        _code_problem(
            file,
            line,
            label,
            f"(state {node!r}) matches no state name of data/world/states.csv",
            fix,
        ),
    )


def _int_or_none(v) -> int | None:
    try:
        return None if v is None or pd.isna(v) else int(v)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Organization:
    """An organization of the world data: its name and where each source holds it.

    Attributes
    ----------
    name : str
        The hand-coded table's name where it has one (``SCO``, ``CoE``), else COW's short name.
    hand : str or None
        Name in ``memberships_2015_2025.csv``.
    cow : str or None
        Short name (``igo``) in COW IGO v3 (``igos.csv``).

    Examples
    --------
    >>> match_organization("Council of Europe")
    Organization(name='CoE', hand='CoE', cow='COE')
    """

    name: str
    hand: str | None
    cow: str | None


@cache
def _organization_index() -> dict[str, frozenset[Organization]]:
    hand = sorted(set(cached_table("memberships")["organization"]))
    igos = cached_table("igos")
    cow = set(igos["igo"])
    to_hand = {HAND_TO_COW.get(h, h): h for h in hand if HAND_TO_COW.get(h, h) in cow}
    index: dict[str, set[Organization]] = {}

    def add(text: str, org: Organization) -> None:
        if text.strip():
            index.setdefault(normalize_name(text), set()).add(org)

    for h in hand:
        c = HAND_TO_COW.get(h, h)
        org = Organization(h, h, c if c in cow else None)
        for n in (h, *HAND_LONG_NAMES.get(h, ())):
            add(n, org)
    for igo, name, long_name in zip(igos["igo"], igos["name"], igos["long_name"], strict=True):
        h = to_hand.get(igo)
        org = Organization(h or igo, h, igo)
        add(igo, org)
        add(name, org)
        m = _PAREN.search(long_name)
        add(_PAREN.sub("", long_name), org)
        if m:
            for part in m.group(1).split("/"):
                add(part, org)
    return {k: frozenset(v) for k, v in index.items()}


def match_organization(name: str) -> Organization | None:
    """Find an organization of the world data by name (exact after :func:`normalize_name`).

    Returns None when no organization, or more than one, carries the name.

    Examples
    --------
    >>> match_organization("NATO")
    Organization(name='NATO', hand='NATO', cow='NATO')
    >>> match_organization("BRICS").cow is None  # not an IGO in COW's sense
    True
    >>> match_organization("CIS Executive Committee") is None
    True
    """
    hits = _organization_index().get(normalize_name(name), frozenset())
    return next(iter(hits)) if len(hits) == 1 else None


def organization_of_node(node: str, label: str, aliases: Iterable[str]) -> Organization | None:
    """Match an organization node by its label, then id, then aliases (first match wins).

    Examples
    --------
    >>> organization_of_node("sco", "SCO", ["Shanghai Cooperation Organization"]).name
    'SCO'
    """
    for c in (label, node, *aliases):
        org = match_organization(c)
        if org is not None:
            return org
    return None
