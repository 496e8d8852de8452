r"""The analyzed text: paragraphs, and quotes matched against them.

Examples
--------
>>> a = Article.from_text("One.\n\nTwo \u201cquoted\u201d.\n")
>>> a.n_paragraphs, a.find('"quoted"')
(2, [2])
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from graph.io.csvfile import read_text

__all__ = ["HINT_CHARS", "Article", "misquote", "normalize_quote", "load_text"]

#: Characters of a quote compared when looking for its closest passage.
HINT_CHARS = 400
_ANCHOR = 6  # characters in one piece of a quote looked for in the text
_ANCHORS = 24  # pieces of a quote looked for (fewer in a very long text)
_SCAN_BUDGET = 200_000_000  # characters of text scanned per quote, at most (about)
_HITS = 32  # occurrences of one piece followed
_TRIES = 6  # windows of the text compared in full with the quote

_QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_WS_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Article:
    r"""The analyzed text, split into paragraphs (1-based, blank lines separate them).

    Examples
    --------
    >>> a = Article.from_text("First one.\n\nSecond \u201cquoted\u201d one.\n", path="t.txt")
    >>> a.n_paragraphs, a.paragraph(2)
    (2, 'Second \u201cquoted\u201d one.')
    >>> a.find('"quoted"')
    [2]
    """

    path: str
    text: str
    paragraphs: tuple[str, ...]
    normalized: tuple[str, ...] = field(repr=False)

    @classmethod
    def from_text(cls, text: str, *, path: str = "<text>") -> Article:
        """Split ``text`` into paragraphs and normalize them for quote matching."""
        paras = tuple(p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip())
        return cls(path, text, paras, tuple(normalize_quote(p) for p in paras))

    @property
    def n_paragraphs(self) -> int:
        """Number of non-empty paragraphs."""
        return len(self.paragraphs)

    def paragraph(self, number: int) -> str:
        """Return paragraph ``number`` (1-based)."""
        return self.paragraphs[number - 1]

    def find(self, quote: str) -> list[int]:
        """Return the 1-based numbers of the paragraphs that contain ``quote``."""
        q = normalize_quote(quote)
        return [i + 1 for i, p in enumerate(self.normalized) if q and q in p]

    def closest(self, quote: str) -> tuple[int, str]:
        r"""Return the paragraph number and passage that best match ``quote`` (0, "" if none).

        The work is bounded whatever the size of the text: the first
        :data:`HINT_CHARS` characters of the quote are compared, in full, only
        with the few windows of the text (of the quote's length) where most of
        a handful of short pieces of the quote occur; each piece is looked for
        at most :data:`_HITS` times.

        Examples
        --------
        >>> a = Article.from_text("One two three.\n\nThe summit in Egypt opened.")
        >>> a.closest("the sumit in Egypt")
        (2, 'The summit in Egypt')
        """
        q = normalize_quote(quote)[:HINT_CHARS]
        if not q or not self.paragraphs:
            return 0, ""
        text, starts = self._joined
        budget = max(2, min(_ANCHORS, _SCAN_BUDGET // max(1, len(text))))
        votes: Counter[int] = Counter()
        for k in (min(_ANCHOR, len(q)), 3):
            for j in sorted({round(x * (len(q) - k) / max(1, budget - 1)) for x in range(budget)}):
                piece, at = q[j : j + k], -1
                for _ in range(_HITS):
                    at = text.find(piece, at + 1)
                    if at < 0:
                        break
                    votes[at - j] += 1
            if votes or k <= 3:
                break
        best = (-1.0, 0, "")
        for start, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:_TRIES]:
            i = max(0, bisect.bisect_right(starts, start) - 1)
            lo = max(start, starts[i])
            end = starts[i] + len(self.normalized[i])
            passage = _whole_words(text, lo, min(lo + len(q), end), starts[i], end)
            ratio = difflib.SequenceMatcher(None, passage, q, autojunk=False).ratio()
            if ratio > best[0]:
                best = (ratio, i + 1, passage)
        return best[1], best[2]

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        """The normalized paragraphs in one string (one line each) and where each starts."""
        starts, at = [], 0
        for p in self.normalized:
            starts.append(at)
            at += len(p) + 1
        return "\n".join(self.normalized), starts


def _whole_words(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """``text[lo:hi]`` widened to whole words, within ``start:end`` (one paragraph), stripped.

    Examples
    --------
    >>> _whole_words("Tbilisi signed the deal", 2, 13, 0, 23)
    'Tbilisi signed'
    """
    while lo > start and not text[lo - 1].isspace():
        lo -= 1
    while hi < end and not text[hi].isspace():
        hi += 1
    return text[lo:hi].strip()


def shorten_words(value: str, limit: int = 80) -> str:
    """Cut a passage to at most ``limit`` characters at a word's end, marking the cut with "...".

    Examples
    --------
    >>> shorten_words("the two neighbours discussed their disputed river border", 30)
    'the two neighbours...'
    >>> shorten_words("short", 30)
    'short'
    """
    if len(value) <= limit:
        return value
    cut = value[: limit - 3]
    if not value[limit - 3].isspace() and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "..."


def misquote(
    article: Article, quote: str, paragraph: int, *, noun: str = "quote"
) -> tuple[str, str, str] | None:
    r"""Why ``quote`` does not stand in ``paragraph`` of ``article``, or None if it does.

    Returns
    -------
    tuple or None
        ``(what, message, fix)``: ``what`` is ``"paragraph"`` when the quote
        stands in another paragraph (the fix names it), ``"quote"`` when it
        stands nowhere (the fix shows the closest passage).

    Examples
    --------
    >>> a = Article.from_text("One two.\n\nThree four.", path="t.txt")
    >>> misquote(a, "three four", 2) is None, misquote(a, "Three four", 1)[0]
    (False, 'paragraph')
    >>> misquote(a, "Three four", 2) is None
    True
    """
    q = normalize_quote(quote)
    if 1 <= paragraph <= article.n_paragraphs and q and q in article.normalized[paragraph - 1]:
        return None
    found = article.find(quote)
    if found:
        return (
            "paragraph",
            f"does not contain the {noun}, which is in paragraph {found[0]}",
            f"set paragraph to {found[0]}",
        )
    number, passage = article.closest(quote)
    fix = "copy the words verbatim from the text"
    if passage:
        fix += f"; closest passage (paragraph {number}): {shorten_words(passage, 80)!r}"
    return "quote", f"is not in {article.path}", fix


def normalize_quote(text: str) -> str:
    r"""Normalize typographic quotes, dashes and whitespace for quote matching.

    Examples
    --------
    >>> normalize_quote("a \u201cbridge\u201d \u2014  between\nblocs")
    'a "bridge" - between blocs'
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MAP)
    return _WS_RE.sub(" ", text).strip()


def load_text(path: str | Path) -> Article:
    """Load the analyzed text and split it into paragraphs.

    Parameters
    ----------
    path : str or Path
        A UTF-8 text file; blank lines separate paragraphs.

    Returns
    -------
    Article

    Raises
    ------
    DataError
        If the file is missing, empty or not UTF-8.

    Examples
    --------
    >>> from graph.io import default_paths
    >>> art = load_text(default_paths()["article"])
    >>> art.paragraphs[-1]
    'By Rovshan Sayyaroglu'
    """
    name, text = read_text(path)
    return Article.from_text(text, path=name)
