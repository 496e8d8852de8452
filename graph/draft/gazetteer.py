"""The drafting gazetteer: names of states, capitals, office-holders and organizations.

The tables ship in the package's data folder (``data/draft/``, derived from the
PETRARCH2 dictionaries by ``data/draft/rebuild.py``; see its README). Names are
compared as sequences of folded words (:func:`words`: lower case, accents and
typographic quotes folded, hyphens and apostrophes as word breaks, dots kept
inside abbreviations such as ``u.s.``), so "el-Sisi" in a text meets "el sisi"
in the table, and offsets stay those of the original text.

Examples
--------
>>> [w for w, _, _ in words("Egyptian President Abdel Fattah el-Sisi")][-2:]
['el', 'sisi']
>>> g = load_gazetteer()
>>> g.lookup(("azerbaijan",))[0].key
'AZE'
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from graph.io import data_dir

__all__ = ["Entry", "Gazetteer", "fold", "words", "load_gazetteer", "load_verbs", "KIND_ORDER"]

#: Kinds of the table, most specific first: the first kind a name has is taken.
KIND_ORDER = ("leader", "official", "organization", "armed_group", "state", "capital", "place")
#: Longest name compared, in words.
MAX_WORDS = 9
_WORD_RE = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)+\.?|[a-z0-9]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def fold(text: str) -> str:
    """Lower case with accents and typographic quotes folded, one character per character.

    Examples
    --------
    >>> fold("Türkiye’s")
    "turkiye's"
    """
    out = []
    for c in text.translate(_QUOTES):
        base = unicodedata.normalize("NFKD", c)
        kept = "".join(b for b in base if not unicodedata.combining(b))
        out.append((kept[:1] or c).lower() if len(c) == 1 else c.lower())
    return "".join(out)


def words(text: str) -> list[tuple[str, int, int]]:
    """The folded words of ``text`` with their start and end offsets in ``text``.

    Examples
    --------
    >>> words("The U.S. and Baku's")
    [('the', 0, 3), ('u.s.', 4, 8), ('and', 9, 12), ('baku', 13, 17), ('s', 18, 19)]
    """
    folded = fold(text)
    if len(folded) != len(text):  # a character that folds to several: compare unfolded
        folded = text.lower()
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(folded)]


@dataclass(frozen=True)
class Entry:
    """One row of the gazetteer: a name, its kind and what it resolves to."""

    kind: str
    key: str
    label: str
    country: str = ""
    start: str = ""
    end: str = ""
    source: str = ""


class Gazetteer:
    """Names (as tuples of folded words) -> their entries, most specific kind first.

    Examples
    --------
    >>> g = Gazetteer([("baku", Entry("capital", "AZE", "Baku"))])
    >>> g.lookup(("baku",))[0].label, g.lookup(("paris",))
    ('Baku', [])
    """

    def __init__(self, rows):
        table: dict[tuple[str, ...], list[Entry]] = {}
        for name, entry in rows:
            key = tuple(w for w, _, _ in words(name))
            if key and len(key) <= MAX_WORDS:
                table.setdefault(key, []).append(entry)
        rank = {k: i for i, k in enumerate(KIND_ORDER)}
        for entries in table.values():
            entries.sort(key=lambda e: (rank.get(e.kind, len(rank)), e.key))
        self.table = table
        self.first_words = {k[0] for k in table}
        self.labels = {(e.kind, e.key): e.label for es in table.values() for e in es}

    def lookup(self, key: tuple[str, ...]) -> list[Entry]:
        """The entries of a name (a tuple of folded words), most specific first."""
        return self.table.get(key, [])

    def matches(self, tokens: list[str]) -> Iterator[tuple[int, int, list[Entry]]]:
        """Longest names in a word sequence, left to right, not overlapping: (i, j, entries)."""
        i = 0
        while i < len(tokens):
            found = None
            if tokens[i] in self.first_words:
                for j in range(min(len(tokens), i + MAX_WORDS), i, -1):
                    hit = self.table.get(tuple(tokens[i:j]))
                    if hit:
                        found = (i, j, hit)
                        break
            if found:
                yield found
                i = found[1]
            else:
                i += 1

    def state_label(self, iso3: str) -> str:
        """The display name of a state (``states.csv``'s), or the code itself."""
        return self.labels.get(("state", iso3), iso3)


def _table(name: str) -> list[dict]:
    path = data_dir() / "draft" / name
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process.

    Examples
    --------
    >>> load_gazetteer().lookup(("shanghai", "cooperation", "organization"))[0].label
    'SCO'
    """
    rows = []
    for r in _table("gazetteer.csv"):
        entry = Entry(
            r["kind"], r["key"], r["label"], r["country"], r["start"], r["end"], r["source"]
        )
        rows.append((r["name"], entry))
    return Gazetteer(rows)


@cache
def load_verbs() -> dict[str, str]:
    """Verb lemma -> the CAMEO code of its family, from the shipped verb table.

    Examples
    --------
    >>> load_verbs()["host"]
    '043'
    """
    return {r["verb"]: r["cameo"] for r in _table("verbs.csv")}
