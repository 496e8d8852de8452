"""Claim candidates: the sentences that state an actor's position, with focus and sides.

A sentence is a candidate when it uses position language
(:data:`graph.draft.lexicon.POSITION_WORDS`: "bridge", "connector", "hub",
"gateway", "between X and Y", ...). Its score adds the words' weights, 2 when
the word is a predicate about an actor ("serve as a bridge", "is a hub"), 2
per side named (actors in the sentence other than the focus, at most two
counted), and 1 when the focus is the text's most-named actor. The focus is the
actor the sentence is about: its subject (through "the country" and a
possessor), else the most-named actor in it. The best candidate is the claim;
the others are listed, commented out, in ``analysis.toml``.

Examples
--------
>>> position_words("It serves as a bridge between Europe and Asia.")
['bridge', 'between']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from graph.draft.lexicon import POSITION_WORDS

__all__ = ["Candidate", "position_words", "claim_candidates"]

_WORD_RE = re.compile(r"[A-Za-z]+")
_PREDICATE = re.compile(r"\b(?:as|is|was|becomes?|remains?|acts? as|serves? as)\s+(?:an?|the)\b")
_FOCUS_TYPES = frozenset({"state", "organization", "leader"})
_SIDE_TYPES = frozenset({"state", "organization", "platform", "region", "leader", "movement"})


@dataclass(frozen=True)
class Candidate:
    """A sentence that states a position claim, with its focus and sides (node ids)."""

    statement: str
    paragraph: int
    focus: str
    between: tuple[str, ...]
    score: float
    words: tuple[str, ...]

    @property
    def view(self) -> str:
        """``states`` when every side is a state, else ``actors``."""
        return "states" if self.between_types == "state" else "actors"

    between_types: str = ""


def position_words(sentence: str) -> list[str]:
    """The position words of a sentence, in order (each once)."""
    found = [w.lower() for w in _WORD_RE.findall(sentence) if w.lower() in POSITION_WORDS]
    return list(dict.fromkeys(found))


def _between_nodes(sent, items) -> set[str]:
    """Nodes named inside a "between ..." phrase: the sides, never the focus."""
    out = set()
    for t in sent:
        if t.lower_ == "between":
            lo, hi = t.idx, t.right_edge.idx + len(t.right_edge)
            out |= {n for m, n in items if lo <= m.start < hi}
    return out


def _focus(sent, items, counts, types, *, role: bool) -> str | None:
    inside = _between_nodes(sent, items)
    subj = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    for t in subj:
        for m, n in items:
            covered = m.start <= t.idx < m.end
            poss = any(c.dep_ == "poss" and m.start <= c.idx < m.end for c in t.children)
            if (covered or poss) and types.get(n) in _FOCUS_TYPES and n not in inside:
                return n
    if not role:  # "between" alone: only a subject can be the one in between
        return None
    actors = [n for _, n in items if types.get(n) in _FOCUS_TYPES and n not in inside]
    if not actors:
        return None
    return max(actors, key=lambda n: (counts[n], -actors.index(n)))


def claim_candidates(sentences, node_of, nodes) -> list[Candidate]:
    """Candidates, best first.

    Parameters
    ----------
    sentences : iterable of (paragraph, spaCy Span, list of Mention)
    node_of : mapping of Mention to node id
    nodes : list of dict
        The nodes, with ``id`` and ``type``.

    Returns
    -------
    list of Candidate
    """
    types = {n["id"]: n["type"] for n in nodes}
    iso_node = {n["code"]: n["id"] for n in nodes if n["type"] == "state" and n.get("code")}
    counts: Counter[str] = Counter(node_of.values())
    top = counts.most_common(1)[0][0] if counts else None
    out = []
    for p, sent, ms in sentences:
        found = position_words(sent.text)
        if not found:
            continue
        items = [(m, node_of[m]) for m in ms if m in node_of]
        items += [
            (m, iso_node[m.key])
            for m in ms
            if m.source == "capital" and m.key in iso_node and m not in node_of
        ]
        role = any(POSITION_WORDS[w] >= 3 for w in found)
        focus = _focus(sent, items, counts, types, role=role)
        if focus is None:
            continue
        sides = []
        for _, n in items:
            if n != focus and n not in sides and types.get(n) in _SIDE_TYPES:
                sides.append(n)
        score = sum(POSITION_WORDS[w] for w in found)
        score += 2 * bool(_PREDICATE.search(sent.text)) + 2 * min(len(sides), 2)
        score += focus == top
        kinds = {types[n] for n in sides}
        out.append(
            Candidate(
                sent.text.strip(),
                p,
                focus,
                tuple(sides),
                float(score),
                tuple(found),
                between_types="state" if kinds == {"state"} else "other",
            )
        )
    return sorted(out, key=lambda c: (-c.score, c.paragraph, c.statement))
