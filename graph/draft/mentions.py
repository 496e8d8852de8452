"""Where a paragraph names an actor, a place, an event or a platform: its mentions.

Four sources, in this order; a later one never overrides an earlier span:

1. the gazetteer (longest names first; a name must begin with a capital, and an
   acronym must be written in capitals): states and their demonyms, capitals
   and other places, office-holders, organizations, armed groups;
2. phrases the rules know: platforms ("BRICS+", "CIS Plus", "the Middle
   Corridor"), events (a noun such as "summit" or "war" with what names it:
   "the recent Washington meeting between the leaders of A and B"), areas
   ("the Turkic world", "the Gaza region", "the South Caucasus"), and pointing
   phrases ("the country", "this initiative", "the summit"), resolved later;
3. spaCy's named entities for what the gazetteer lacks (people, organizations,
   areas, events);
4. "Long Name (ACR)": the acronym is recorded as a name of the long one.

A capital is a place unless the sentence makes it a party: its possessor,
subject or object ("Baku's leadership", "Washington said", "sanctions on
Tehran"); then it stands for its state. "In Geneva" stays a place.

Examples
--------
>>> m = Mention(1, 0, 10, "Azerbaijan", "state", "AZE", "Azerbaijan")
>>> m.span, m.is_actor
((0, 10), True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph.draft.gazetteer import Gazetteer, words
from graph.draft.lexicon import (
    ANAPHORS,
    EVENT_NOUNS,
    LEADER_TITLES,
    PERSON_TITLES,
    PLATFORM_NOUNS,
    REGION_NOUNS,
    REGIONS,
)

__all__ = ["Mention", "find_mentions", "acronyms"]

#: Kinds of mention that become nodes (places and pointing phrases do not, as such).
NODE_KINDS = frozenset(
    "state person organization armed_group platform event region movement".split()
)
_SMALL = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&"}
_PLATFORM_RE = re.compile(r"\b([A-Z][A-Za-z]{1,12})(\+|\s+Plus\b)")
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9&.]{1,9})\)")
#: Words after "the summit", "the alliance" that make it a new thing, not a pointer back.
#: Prepositions after which a capital is a party ("talks with Moscow"), not a place ("in Moscow").
_ACTOR_PREPOSITIONS = frozenset("with against on by between and".split())
_NOT_BACK = frozenset("of in between with among to for on against".split())
_BODY_NOUNS = frozenset(
    """committee council commission secretariat parliament assembly ministry court bank
    office agency directorate board""".split()
)
_DEFINITE = {"the", "this", "that", "these", "those"}
_ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "LOC": "region",
    "EVENT": "event",
    "GPE": "place",
}


@dataclass(frozen=True)
class Mention:
    """One span of a paragraph that names (or points back to) something.

    ``kind``: state, capital, place, person, organization, armed_group,
    platform, event, region, movement, or ``ref:<type>`` for a pointing
    phrase. ``key`` identifies what it names (an ISO3 code, a gazetteer key,
    or folded words); ``title``: ``leader`` or ``person`` when a title
    precedes a person; ``country``: the state (ISO3) of a person.
    """

    paragraph: int
    start: int
    end: int
    text: str
    kind: str
    key: str
    label: str
    country: str = ""
    title: str = ""
    source: str = "gazetteer"
    head: str = ""
    lead: int = -1
    sent: int = 0

    @property
    def span(self) -> tuple[int, int]:
        """Start and end offsets in the paragraph."""
        return self.start, self.end

    @property
    def is_actor(self) -> bool:
        """Whether the mention names a node by itself (not a place or a pointer)."""
        return self.kind in NODE_KINDS


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def _initials(text: str) -> str:
    return "".join(w[0] for w, _, _ in words(text) if w not in _SMALL).upper()


def _gazetteer_mentions(p: int, text: str, gaz: Gazetteer) -> list[Mention]:
    tokens = words(text)
    out = []
    for i, j, entries in gaz.matches([w for w, _, _ in tokens]):
        start, end = tokens[i][1], tokens[j - 1][2]
        surface = text[start:end]
        if not surface[:1].isupper() and not surface[:1].isdigit():
            continue
        e = entries[0]
        acronym = len(surface) <= 6 and surface.replace(".", "").isalpha() and j - i == 1
        if acronym and e.label.isupper() and not surface.replace(".", "").isupper():
            continue
        if " ".join(w for w, _, _ in tokens[i:j]) in REGIONS:
            out.append(Mention(p, start, end, surface, "region", _region_key(surface), surface))
            continue
        kind = {"leader": "person", "official": "person"}.get(e.kind, e.kind)
        title = "leader" if e.kind == "leader" else ""
        key = e.key
        out.append(
            Mention(p, start, end, surface, kind, key, e.label, e.country, title, "gazetteer")
        )
    return out


def _region_key(text: str) -> str:
    skip = {"the", "wider", "broader", "greater", "two", "three", "four", "five", "both", "all"}
    ws = [w for w, _, _ in words(text) if w not in skip and not w.isdigit()]
    if len(ws) > 1 and ws[-1] in REGION_NOUNS:
        ws = ws[:-1]
    return " ".join(ws)


def _named_regions(p: int, text: str, taken) -> list[Mention]:
    """Areas named on their own ("the South Caucasus", "Central Asia"), capitalized."""
    tokens = words(text)
    out = []
    i = 0
    while i < len(tokens):
        for n in (3, 2, 1):
            key = " ".join(w for w, _, _ in tokens[i : i + n])
            start, end = tokens[i][1], tokens[min(i + n, len(tokens)) - 1][2]
            nxt = tokens[i + n][1] if i + n < len(tokens) else None
            longer = nxt is not None and text[nxt].isupper() and not text[end:nxt].strip()
            if longer:  # "Black Sea Grain Initiative": part of a longer name
                continue
            if key in REGIONS and text[start].isupper() and not _overlaps(taken, start, end):
                out.append(
                    Mention(
                        p,
                        start,
                        end,
                        text[start:end],
                        "region",
                        key,
                        text[start:end],
                        source="rule",
                    )
                )
                taken.append((start, end))
                i += n - 1
                break
        i += 1
    return out


def _platforms(p: int, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for m in _PLATFORM_RE.finditer(text):
        start, end = m.start(), m.end()
        label = m.group(1) + ("+" if m.group(2) == "+" else " Plus")
        key = m.group(1).lower() + "+"
        out.append(Mention(p, start, end, text[start:end], "platform", key, label, source="rule"))
        taken.append((start, end))
    return out


def _phrase(doc, head) -> tuple[int, int]:
    """Token range of a noun's name: determiners, modifiers, and its of/in/between phrases."""
    left = head.i
    for child in sorted(head.lefts, key=lambda t: t.i, reverse=True):
        if child.dep_ in ("det", "amod", "compound", "nummod", "nmod", "npadvmod", "poss"):
            if child.dep_ == "poss":
                break
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "among", "between", "on"):
            right = max(right, child.right_edge.i)
        elif child.dep_ in ("appos",) and child.text == "(":
            right = max(right, child.right_edge.i)
        else:
            break
    while right > head.i and doc[right].is_punct:
        right -= 1
    return left, min(right, head.i + 14)


def _named(doc, left: int, right: int, head) -> bool:
    """Whether a phrase names one thing: a proper noun, a number or a capital in it."""
    toks = doc[left : right + 1]
    if head.text[:1].isupper():
        return True
    return any(t.pos_ in ("PROPN", "NUM") or t.ent_type_ for t in toks if t.i != head.i)


def _events(p: int, doc, taken) -> list[Mention]:
    out = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in EVENT_NOUNS:
            continue
        left, right = _phrase(doc, tok)
        named = _named(doc, left, right, tok)
        definite = any(c.lower_ in _DEFINITE for c in tok.lefts if c.dep_ == "det")
        if not named and not definite:
            continue
        if _overlaps(taken, tok.idx, tok.idx + len(tok)):
            continue
        lemma = tok.lemma_.lower()
        if not named:  # "this high-level meeting": points back to an event
            left, right = min(c.i for c in tok.lefts if c.dep_ == "det"), tok.i
        start, end = doc[left].idx, doc[right].idx + len(doc[right])
        surface = doc.text[start:end]
        if tuple(w for w, _, _ in words(surface)) in ANAPHORS:
            continue
        kind = "event" if named else "ref:event"
        out.append(
            Mention(
                p, start, end, surface, kind, surface.lower(), surface, source="rule", head=lemma
            )
        )
        taken.append((tok.idx, tok.idx + len(tok)))
    return out


def _regions_and_platform_phrases(p: int, doc, taken) -> list[Mention]:
    out = []
    for tok in doc:
        lemma = tok.lower_
        if lemma not in REGION_NOUNS and lemma not in PLATFORM_NOUNS:
            continue
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound") and c.text[:1].isupper()]
        if not mods or _overlaps(taken, mods[0].idx, tok.idx + len(tok)):
            continue
        left = min(c.left_edge.i for c in mods)
        dets = [c for c in tok.lefts if c.dep_ in ("det", "amod") and c.i < left]
        left = min([left] + [d.i for d in dets])
        start, end = doc[left].idx, tok.idx + len(tok)
        surface = doc.text[start:end]
        if lemma in PLATFORM_NOUNS:
            core = doc.text[doc[left].idx if doc[left].dep_ != "det" else mods[0].idx : end]
            key = " ".join(w for w, _, _ in words(core))
            out.append(Mention(p, start, end, surface, "platform", key, core, source="rule"))
        else:
            key = _region_key(surface)
            out.append(Mention(p, start, end, surface, "region", key, key.title(), source="rule"))
        taken.append((start, end))
    return out


def _anaphors(p: int, text: str, taken) -> list[Mention]:
    tokens = words(text)
    out = []
    for i in range(len(tokens)):
        for n in (3, 2):
            key = tuple(w for w, _, _ in tokens[i : i + n])
            kind = ANAPHORS.get(key)
            if kind is None:
                continue
            start, end = tokens[i][1], tokens[i + n - 1][2]
            nxt = tokens[i + n][0] if i + n < len(tokens) else ""
            if _overlaps(taken, start, end) or nxt in _NOT_BACK:
                break
            out.append(
                Mention(
                    p,
                    start,
                    end,
                    text[start:end],
                    f"ref:{kind}",
                    key[-1],
                    "",
                    source="anaphora",
                    head=key[-1],
                )
            )
            taken.append((start, end))
            break
    for m in re.finditer(r"(?:(?<=^)|(?<=[.;:] ))(His|Her)\b", text):
        out.append(
            Mention(p, m.start(), m.end(), m.group(), "ref:person", "his", "", source="anaphora")
        )
    return out


def _entities(p: int, doc, taken) -> list[Mention]:
    out = []
    for ent in doc.ents:
        kind = _ENTITY_KINDS.get(ent.label_)
        if ent.label_ == "NORP" and ent.text.endswith("s") and ent.root.tag_ == "NNPS":
            kind = "movement"
        if kind is None or _overlaps(taken, ent.start_char, ent.end_char):
            continue
        toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        toks = [t for t in toks if t.text not in ("'s", "\u2019s", '"', "\u201c", "\u201d")]
        if not toks or not toks[0].text[:1].isupper():
            continue
        if kind in ("person", "organization") and ent.root.pos_ == "ADJ":
            continue
        if kind == "organization" and len(toks) == 1 and toks[0].text.lower().endswith("ic"):
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        surface = doc.text[start:end]
        head = ent.root.lower_
        if kind == "region" and head in PLATFORM_NOUNS:
            kind = "platform"
        if kind == "organization" and head in EVENT_NOUNS:
            continue
        key = (
            _region_key(surface) if kind == "region" else " ".join(w for w, _, _ in words(surface))
        )
        out.append(Mention(p, start, end, surface, kind, key, surface, source="ner", head=head))
        taken.append((start, end))
    return out


def _bodies(p: int, doc, found: list[Mention]):
    """A named body of a known organization ("the CIS Executive Committee") replaces it."""
    drop = set()
    extra = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or ent.root.lower_ not in _BODY_NOUNS:
            continue
        toks = [t for t in ent if t.lower_ != "the"]
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        inside = [m for m in found if start <= m.start and m.end <= end]
        if not inside or any(m.start < start < m.end or m.start < end < m.end for m in found):
            continue
        if not all(m.kind in ("organization", "state") for m in inside):
            continue
        drop.update(inside)
        surface = doc.text[start:end]
        key = " ".join(w for w, _, _ in words(surface))
        extra.append(Mention(p, start, end, surface, "organization", key, surface, source="ner"))
    kept = [m for m in found if m not in drop] + extra
    return kept, [m.span for m in kept]


def _capitals_as_states(ms: list[Mention], doc, text: str) -> list[Mention]:
    """A capital that acts (possessor, subject) stands for its state; otherwise it is a place."""
    out = []
    for m in ms:
        if m.kind != "capital":
            out.append(m)
            continue
        after = text[m.end : m.end + 2]
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None else None
        acts = after in ("'s", "\u2019s") or (
            root is not None
            and (
                root.dep_ in ("nsubj", "nsubjpass", "poss", "dobj")
                or (root.dep_ == "pobj" and root.head.lower_ in _ACTOR_PREPOSITIONS)
            )
        )
        out.append(replace(m, kind="state" if acts else "place", source="capital"))
    return out


_TITLES = sorted(
    [(tuple(t.split()), "leader") for t in LEADER_TITLES]
    + [(tuple(t.split()), "person") for t in PERSON_TITLES],
    key=lambda tk: -len(tk[0]),
)


def _titles(text: str, ms: list[Mention]) -> list[Mention]:
    """A title before a person ("U.S. President", "Azerbaijani MP"): office and state."""
    states = {m.end: m for m in ms if m.kind == "state"}
    out = []
    for m in ms:
        if m.kind != "person":
            out.append(m)
            continue
        before = words(text[max(0, m.start - 60) : m.start])
        offset = max(0, m.start - 60)
        ws = [w for w, _, _ in before]
        for title, kind in _TITLES:
            n = len(title)
            if tuple(ws[-n:]) != title or text[offset + before[-1][2] : m.start].strip():
                continue
            t_start = offset + before[-n][1]
            state = next((s for e, s in states.items() if 0 <= t_start - e <= 1), None)
            if not text[t_start].isupper() and state is None:
                break
            lead = state.start if state else t_start
            country = state.key if state else m.country
            keep = "leader" if m.title == "leader" and kind == "person" else kind
            m = replace(m, title=keep, country=country, lead=lead)
            break
        out.append(m)
    return out


def acronyms(text: str, mentions: list[Mention]) -> dict[str, tuple[int, int]]:
    """Acronyms a paragraph defines, "Long Name (ACR)": acronym -> the long name's span.

    Examples
    --------
    >>> acronyms("the Organization of Turkic States (OTS) met", [])
    {'OTS': (4, 33)}
    """
    out = {}
    for m in _ACRONYM_RE.finditer(text):
        acr = m.group(1).replace(".", "")
        before = text[: m.start()].rstrip()
        ws = words(before)
        for k in range(1, min(len(ws), 10) + 1):
            start = ws[-k][1]
            cand = before[start:]
            if not cand[:1].isupper():
                continue
            if _initials(cand) == acr.upper():
                out[acr] = (start, len(before))
                break
    return out


def find_mentions(p: int, doc, gaz: Gazetteer) -> list[Mention]:
    """Every mention in paragraph ``p`` (its spaCy ``doc``), in text order.

    Examples
    --------
    >>> from graph.draft.gazetteer import Entry
    >>> g = Gazetteer([("azerbaijan", Entry("state", "AZE", "Azerbaijan"))])
    >>> class Doc:  # the parts of a spaCy Doc this example needs
    ...     text, ents = "Azerbaijan grows.", ()
    ...     def __iter__(self): return iter(())
    ...     def char_span(self, *a, **k): return None
    >>> [m.key for m in find_mentions(1, Doc(), g)]
    ['AZE']
    """
    text = doc.text
    found = _gazetteer_mentions(p, text, gaz)
    taken = [m.span for m in found]
    found += _platforms(p, text, taken)
    found += _named_regions(p, text, taken)
    found, taken = _bodies(p, doc, found)
    found += _events(p, doc, taken)
    found += _regions_and_platform_phrases(p, doc, taken)
    found += _anaphors(p, text, taken)
    found += _entities(p, doc, taken)
    found = _capitals_as_states(found, doc, text)
    found = _titles(text, sorted(found, key=lambda m: m.start))
    defined = acronyms(text, found)
    extra = []
    for acr, (s, e) in defined.items():
        if not any(m.start <= s and e <= m.end for m in found if m.is_actor):
            long = text[s:e]
            key = " ".join(w for w, _, _ in words(long))
            extra.append(Mention(p, s, e, long, "organization", key, acr, source="acronym"))
    found = [m for m in found if not any(x.start <= m.start and m.end <= x.end for x in extra)]
    starts = [sent.start_char for sent in getattr(doc, "sents", ())]
    found = [replace(m, sent=sum(1 for st in starts if st <= m.start)) for m in found + extra]
    return sorted(found, key=lambda m: (m.start, -m.end))
