r"""A draft dataset from a raw text: paragraphs, nodes, proposed ties, claim candidates.

:func:`draft_text` runs the steps in order: :func:`~graph.draft.text.split_text`,
spaCy's parse of each paragraph (bylines and author notes are skipped),
:func:`~graph.draft.mentions.find_mentions`, :func:`~graph.draft.resolve.resolve`,
:func:`~graph.draft.ties.propose_ties` and
:func:`~graph.draft.claims.claim_candidates`. The result holds data only;
:func:`graph.draft.write.write_draft` writes it as a dataset folder. The same
text gives the same draft.

Examples
--------
>>> d = draft_text("Azerbaijan and Armenia signed a peace agreement.\n\nBy Jane Doe")
>>> [n["id"] for n in d.nodes], d.text.notes
(['azerbaijan', 'armenia'], {2: 'byline'})
>>> r = d.edge_rows()[0]
>>> r["relation"], r["evidence"], r["stated"]
('negotiates_with', 'Azerbaijan and Armenia signed', 'explicit')
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from graph import schema
from graph.draft.claims import Candidate, claim_candidates
from graph.draft.gazetteer import load_gazetteer
from graph.draft.mentions import Mention, acronyms, find_mentions
from graph.draft.model import load_model
from graph.draft.resolve import resolve
from graph.draft.text import DraftText, split_text
from graph.draft.ties import Proposal, propose_ties
from graph.files import FORMULA_PREFIXES

__all__ = ["Draft", "draft_text", "REVIEW_COLUMNS", "PROPOSAL_COLUMNS"]

#: Columns ``proposed_edges.csv`` adds to those of ``edges.csv``.
REVIEW_COLUMNS = ("score", "why", "review")
#: Columns of ``proposed_edges.csv``.
PROPOSAL_COLUMNS = schema.EDGE_COLUMNS + REVIEW_COLUMNS
_TRIM = " \t,;:\u2014\u2013-"


@dataclass(frozen=True)
class Draft:
    """What :func:`draft_text` found: the text, nodes, proposals, candidates, what stayed open."""

    text: DraftText
    nodes: list[dict]
    proposals: list[Proposal]
    candidates: list[Candidate]
    unresolved: list[Mention] = field(default_factory=list)
    seconds: float = 0.0

    def node_rows(self) -> list[dict]:
        """The rows of ``nodes.csv``: ids, labels, types, countries, empty blocs, aliases, codes."""
        return [
            {
                "id": n["id"],
                "label": n["label"],
                "type": n["type"],
                "country": n["country"],
                "bloc": "",
                "aliases": ";".join(n["aliases"]),
                "code": n["code"],
            }
            for n in self.nodes
        ]

    def edge_rows(self) -> list[dict]:
        """The rows of ``proposed_edges.csv``, by paragraph, then score (best first)."""
        rows = []
        for x in sorted(self.proposals, key=lambda x: (x.paragraph, -x.score, x.start)):
            para = self.text.paragraphs[x.paragraph - 1]
            rows.append(
                {
                    "source": x.source,
                    "target": x.target,
                    "relation": x.relation,
                    "directed": "true" if x.directed else "false",
                    "sign": str(x.sign),
                    "weight": "1",
                    "paragraph": str(x.paragraph),
                    "evidence": evidence(para, x.start, x.end),
                    "stated": x.stated,
                    "date": "",
                    "score": f"{x.score:.2f}",
                    "why": x.why,
                    "review": "",
                }
            )
        return rows


def evidence(paragraph: str, start: int, end: int) -> str:
    """The slice of a paragraph a tie quotes, without punctuation at its ends.

    Examples
    --------
    >>> evidence("A, - Baku and Cairo met;", 1, 24)
    'Baku and Cairo met'
    """
    quote = paragraph[start:end].strip(_TRIM)
    while quote.startswith(FORMULA_PREFIXES):
        quote = quote[1:].lstrip(_TRIM)
    return quote or paragraph[start:end].strip()


def _acronym_spans(p: int, text: str, ms: list[Mention]) -> dict:
    out = {}
    for acr, (s, e) in acronyms(text, ms).items():
        inside = [m for m in ms if m.is_actor and m.start <= s and e <= m.end]
        exact = [m for m in ms if m.is_actor and s <= m.start and m.end <= e]
        best = min(inside, key=lambda m: m.end - m.start) if inside else None
        if best is not None and best.kind == "event" and exact:
            best = max(exact, key=lambda m: m.end - m.start)
        if best is not None:
            out[(p, best.start, best.end)] = acr
    return out


def draft_text(text: str, *, nlp=None, gazetteer=None) -> Draft:
    """Draft a dataset from ``text``.

    Parameters
    ----------
    text : str
        The raw text (blank lines between paragraphs).
    nlp : spacy.language.Language, optional
        Default: :func:`graph.draft.model.load_model`.
    gazetteer : Gazetteer, optional
        Default: :func:`graph.draft.gazetteer.load_gazetteer`.

    Returns
    -------
    Draft

    Raises
    ------
    DataError
        When spaCy or its model is not installed (naming the install command).
    """
    t0 = time.perf_counter()
    nlp = nlp if nlp is not None else load_model()
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    dt = split_text(text)
    coded = dt.coded()
    docs = dict(zip(coded, nlp.pipe([dt.paragraphs[p - 1] for p in coded]), strict=True))
    by_para = {p: find_mentions(p, doc, gaz) for p, doc in docs.items()}
    defined = {}
    for p, ms in by_para.items():
        defined.update(_acronym_spans(p, docs[p].text, ms))
    everything = [m for p in coded for m in by_para[p]]
    r = resolve(everything, gazetteer=gaz, acronyms=defined)
    proposals, offices = [], set()
    for p in coded:
        proposals += propose_ties(p, docs[p], by_para[p], r.node_of, r.nodes, offices=offices)
    sentences = [
        (p, s, [m for m in by_para[p] if s.start_char <= m.start < s.end_char])
        for p in coded
        for s in docs[p].sents
    ]
    candidates = claim_candidates(sentences, r.node_of, r.nodes)
    return Draft(dt, r.nodes, proposals, candidates, r.unresolved, time.perf_counter() - t0)
