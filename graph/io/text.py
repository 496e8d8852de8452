r"""The analyzed text: paragraphs, and quotes matched against them.

Examples
--------
>>> a = Article.from_text("One.\n\nTwo \u201cquoted\u201d.\n")
>>> a.n_paragraphs, a.find('"quoted"')
(2, [2])
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from graph.io.csvfile import read_text

__all__ = ["Article", "normalize_quote", "load_text"]

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
        """Return the paragraph number and passage that best match ``quote``."""
        q = normalize_quote(quote)
        best = (0.0, 1, "")
        for i, p in enumerate(self.normalized):
            m = difflib.SequenceMatcher(None, p, q, autojunk=False)
            blk = m.find_longest_match(0, len(p), 0, len(q))
            start = max(0, blk.a - blk.b)
            passage = p[start : start + len(q)]
            ratio = difflib.SequenceMatcher(None, passage, q, autojunk=False).ratio()
            if ratio > best[0]:
                best = (ratio, i + 1, passage)
        return best[1], best[2]


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
