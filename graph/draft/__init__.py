"""Drafting a dataset from a raw text: actors, proposed ties with their quotes, the claim.

A draft is a proposal for an analyst, never a coding: :func:`draft_text`
finds the actors a text names (a gazetteer derived from the PETRARCH2
dictionaries, rules, spaCy's small English pipeline), proposes ties with
their rule, score and verbatim quote, and ranks the sentences that state a
position claim; :func:`write_draft` writes them as a dataset folder with an
empty ``review`` column and a review page; :func:`accept_reviews` turns the
reviewed rows into ``edges.csv``; :func:`score` measures a draft against a
hand coding of the same text.

Modules: :mod:`~graph.draft.text` (paragraphs, bylines), :mod:`~graph.draft.model`
(spaCy, checked), :mod:`~graph.draft.gazetteer`, :mod:`~graph.draft.lexicon`
(the rules' words), :mod:`~graph.draft.mentions`, :mod:`~graph.draft.resolve`,
:mod:`~graph.draft.ties`, :mod:`~graph.draft.claims`, :mod:`~graph.draft.build`,
:mod:`~graph.draft.write`, :mod:`~graph.draft.review`, :mod:`~graph.draft.accept`,
:mod:`~graph.draft.scoring`.

Examples
--------
>>> from graph import draft
>>> d = draft.draft_text("The summit was hosted by Egypt.")
>>> [(r["source"], r["relation"], r["target"]) for r in d.edge_rows()]
[('egypt', 'hosts', 'summit')]
"""

from graph.draft import write
from graph.draft.accept import Accepted, accept_reviews
from graph.draft.build import Draft, draft_text
from graph.draft.model import INSTALL, load_model
from graph.draft.scoring import Scores, compare, score
from graph.draft.text import split_text
from graph.draft.write import write_draft

__all__ = [
    "INSTALL",
    "Accepted",
    "Draft",
    "Scores",
    "accept_reviews",
    "compare",
    "draft_text",
    "load_model",
    "score",
    "split_text",
    "write",
    "write_draft",
]
