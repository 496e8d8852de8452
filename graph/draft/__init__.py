"""Drafting a dataset from a raw text: actors, proposed ties with their quotes, the claim.

Temporary public surface; see the modules.
"""

from graph.draft.build import Draft, draft_text
from graph.draft.scoring import Scores, compare, score
from graph.draft.write import write_draft

__all__ = ["Draft", "draft_text", "write_draft", "score", "compare", "Scores"]
