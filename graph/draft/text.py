r"""A raw text as the codebook's paragraphs, with bylines and author notes recognized.

Paragraphs are separated by blank lines; a text without any blank line but with
several lines takes each line as a paragraph; lines wrapped inside a paragraph
are joined with a space. Every non-empty paragraph is numbered, as
:class:`graph.io.Article` numbers them, so a draft's paragraph numbers are the
ones ``validate`` checks. A byline ("By Jane Doe") or an author's note ("Jane
Doe is a senior fellow at ...") keeps its number but is marked: the draft
proposes no actor and no tie from it, and ``draft.md`` says so.

Examples
--------
>>> t = split_text("Azerbaijan and Armenia met.\n\nBy Jane Doe\n")
>>> t.paragraphs, t.notes
(('Azerbaijan and Armenia met.', 'By Jane Doe'), {2: 'byline'})
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["DraftText", "split_text", "paragraph_kind"]

_BYLINE_RE = re.compile(
    r"^(?:by|written by|words by|text by|reporting by)\s+[A-Z\u00c0-\u024f][\w.'\- ]{1,80}$",
    re.IGNORECASE,
)
_BIO_RE = re.compile(
    r"^[A-Z][\w.'\- ]{2,60}\s+(?:is|was|serves as)\s+(?:an?|the)\s+[^.]{0,120}\b(?:"
    r"professor|fellow|analyst|journalist|researcher|director|editor|correspondent|"
    r"lecturer|scholar|author|writer|columnist|expert|student|member of the editorial)",
)
_NOTE_RE = re.compile(r"^(?:the views expressed|this article (?:was|first)|disclaimer:)", re.I)
#: Paragraphs this long (in words) or longer are never taken for a byline or note.
_MAX_NOTE_WORDS = 40


@dataclass(frozen=True)
class DraftText:
    """The paragraphs of a text (1-based in ``notes`` and everywhere else)."""

    paragraphs: tuple[str, ...]
    notes: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The text as ``article.txt`` holds it: paragraphs, a blank line between them."""
        return "\n\n".join(self.paragraphs) + "\n"

    def coded(self) -> list[int]:
        """Numbers of the paragraphs that are neither bylines nor author notes."""
        return [i for i in range(1, len(self.paragraphs) + 1) if i not in self.notes]


def paragraph_kind(paragraph: str, *, first: bool, last: bool) -> str | None:
    """``"byline"``, ``"author note"`` or None (a paragraph of the text itself).

    Examples
    --------
    >>> paragraph_kind("By Rovshan Sayyaroglu", first=False, last=True)
    'byline'
    >>> paragraph_kind("Jane Doe is a senior fellow at the Institute.", first=False, last=True)
    'author note'
    >>> paragraph_kind("By 2020 the war had ended.", first=True, last=False) is None
    True
    """
    n_words = len(paragraph.split())
    if n_words >= _MAX_NOTE_WORDS:
        return None
    if _BYLINE_RE.match(paragraph) and n_words <= 8 and (first or last):
        if not re.search(r"\d", paragraph):
            return "byline"
    if (first or last) and (_BIO_RE.match(paragraph) or _NOTE_RE.match(paragraph)):
        return "author note"
    return None


def split_text(text: str) -> DraftText:
    r"""Split ``text`` into numbered paragraphs and mark bylines and author notes.

    Examples
    --------
    >>> split_text("One\nline.\n\nTwo.").paragraphs
    ('One line.', 'Two.')
    >>> split_text("First.\nSecond.\n").paragraphs
    ('First.', 'Second.')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if re.search(r"\n[ \t]*\n", text.strip()):
        blocks = re.split(r"\n[ \t]*\n", text.strip())
        paras = [re.sub(r"[ \t]*\n[ \t]*", " ", b.strip()) for b in blocks]
    else:
        paras = [line.strip() for line in text.strip().split("\n")]
    paras = [p for p in paras if p]
    n = len(paras)
    notes = {}
    for i, p in enumerate(paras, start=1):
        kind = paragraph_kind(p, first=i <= 2, last=i >= n - 1)
        if kind:
            notes[i] = kind
    return DraftText(tuple(paras), notes)
