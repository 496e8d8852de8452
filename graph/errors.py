"""The package's errors: a problem with the user's input, said in one line each.

:class:`DataError` is the one error the package raises for bad input (a file,
a setting, a node that is not there); it holds :class:`Problem` s, each naming
where the problem is (file, line, column, or the setting), the bad value and
what would fix it. Only the command line catches it. :func:`did_you_mean` is
the one "did you mean" helper every message uses.

Examples
--------
>>> err = DataError([Problem("edges.csv", 3, 5, "sign", "2", "is not a sign", "use 1, 0 or -1")])
>>> print(err)
edges.csv:3:5: sign: '2' is not a sign; use 1, 0 or -1
>>> did_you_mean("azerbaijn", ["azerbaijan", "armenia"])
"did you mean 'azerbaijan'?"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Problem",
    "DataError",
    "DataTypeError",
    "Suggestions",
    "did_you_mean",
    "printable",
    "shorten",
]


def printable(text: str) -> str:
    r"""Escape line breaks and control characters, so that a message stays one safe line.

    Examples
    --------
    >>> printable("a\nb")
    'a\\nb'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shorten(value: object, limit: int = 60) -> str:
    """Cut a value shown in a message to ``limit`` characters.

    Examples
    --------
    >>> shorten("x" * 70, 10)
    'xxxxxxx...'
    """
    value = str(value)
    return value if len(value) <= limit else value[: limit - 3] + "..."


def did_you_mean(
    value: str,
    choices: Iterable[str],
    *,
    aliases: Mapping[str, str] | None = None,
    cutoff: float = 0.5,
) -> str:
    """Return "did you mean 'x'?" for the closest of ``choices``, or "" if none is close.

    For many values against the same choices, build a :class:`Suggestions`
    index once and call its :meth:`~Suggestions.hint`.

    Parameters
    ----------
    value : str
        What the user wrote.
    choices : iterable of str
        The valid values.
    aliases : mapping, optional
        Lower-cased alias -> valid value; an exact alias match is named as such.
    cutoff : float, default 0.5
        Similarity (difflib's ratio) below which nothing is suggested.

    Returns
    -------
    str

    Examples
    --------
    >>> did_you_mean("Baku", ["azerbaijan"], aliases={"baku": "azerbaijan"})
    "did you mean 'azerbaijan'? ('Baku' is an alias of it)"
    >>> did_you_mean("zzz", ["azerbaijan"])
    ''
    """
    return Suggestions(choices, aliases=aliases, cutoff=cutoff).hint(value)


class Suggestions:
    """An index over valid values that finds the closest one to many wrong values, fast.

    Gives the same answer as ``difflib.get_close_matches(value, choices, n=1,
    cutoff=cutoff)`` (the highest ratio; among equals, the greatest string),
    but compares ``value`` in full only with the choices whose character
    counts could reach the cutoff, best bound first, and stops as soon as no
    remaining bound can beat the best ratio found. The bound is difflib's
    ``quick_ratio``, computed for every choice at once from a table of
    character counts. Hints are cached per distinct value.

    Parameters
    ----------
    choices : iterable of str
        The valid values.
    aliases : mapping, optional
        Lower-cased alias -> valid value.
    cutoff : float, default 0.5
        Similarity below which nothing is suggested.

    Examples
    --------
    >>> ids = Suggestions(["azerbaijan", "armenia", "georgia"])
    >>> ids.closest("armenai"), ids.hint("georgai"), ids.hint("zzz")
    ('armenia', "did you mean 'georgia'?", '')
    """

    #: Distinct values whose hint is kept.
    CACHE = 10_000

    def __init__(
        self,
        choices: Iterable[str],
        *,
        aliases: Mapping[str, str] | None = None,
        cutoff: float = 0.5,
    ):
        self.choices = sorted({str(c) for c in choices}, reverse=True)
        self.aliases = dict(aliases or {})
        self.cutoff = cutoff
        self._cache: dict[str, str] = {}
        n = len(self.choices)
        self._lengths = np.fromiter(map(len, self.choices), dtype=np.int64, count=n)
        if n == 0 or self._lengths.max() == 0:
            self._alphabet, self._counts = {}, np.zeros((n, 0), dtype=np.int32)
            return
        codes = np.array(self.choices, dtype=str).view(np.uint32).reshape(n, -1)
        letters = np.unique(codes[codes != 0])
        self._alphabet = {chr(int(c)): i for i, c in enumerate(letters)}
        rows = np.broadcast_to(np.arange(n)[:, None], codes.shape)[codes != 0]
        cols = np.searchsorted(letters, codes[codes != 0])
        counts = np.bincount(rows * letters.size + cols, minlength=n * letters.size)
        self._counts = counts.reshape(n, letters.size).astype(np.int32)

    def closest(self, value: str) -> str | None:
        """The closest choice to ``value`` at or above the cutoff, or None.

        Examples
        --------
        >>> Suggestions(["relation", "relations"]).closest("relatoin")
        'relation'
        """
        n = len(self.choices)
        if n == 0:
            return None
        q = np.zeros(self._counts.shape[1], dtype=np.int32)
        for ch in value:
            k = self._alphabet.get(ch)
            if k is not None:
                q[k] += 1
        common = np.minimum(self._counts, q).sum(axis=1)
        total = self._lengths + len(value)
        bound = np.divide(2.0 * common, total, out=np.ones(n), where=total > 0)
        order = np.argsort(-bound, kind="stable")  # choices are sorted greatest first
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(value)
        best, best_ratio = "", -1.0
        for i in order:
            if bound[i] < self.cutoff or bound[i] < best_ratio:
                break
            matcher.set_seq1(self.choices[i])
            ratio = matcher.ratio()
            if ratio >= self.cutoff and (ratio, self.choices[i]) > (best_ratio, best):
                best, best_ratio = self.choices[i], ratio
        return best if best_ratio >= 0 else None

    def hint(self, value: str) -> str:
        """Return "did you mean 'x'?" for ``value``, or "" when no choice is close (cached)."""
        hit = self._cache.get(value)
        if hit is not None:
            return hit
        if value.lower() in self.aliases:
            text = f"did you mean {self.aliases[value.lower()]!r}? ({value!r} is an alias of it)"
        else:
            best = self.closest(value)
            text = f"did you mean {best!r}?" if best else ""
        if len(self._cache) < self.CACHE:
            self._cache[value] = text
        return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value in one file or setting.

    Examples
    --------
    >>> str(Problem("edges.csv", 3, 5, "sign", "2", "is not a sign", "use 1, 0 or -1"))
    "edges.csv:3:5: sign: '2' is not a sign; use 1, 0 or -1"
    >>> str(Problem("", column_name="focus", value="x", message="is not a node id"))
    "focus: 'x' is not a node id"
    """

    file: str
    line: int | None = None
    column: int | None = None
    column_name: str | None = None
    value: str | None = None
    message: str = ""
    fix: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = f"{self.column_name}: " if self.column_name else ""
        if self.value is not None:
            what += f"{shorten(self.value)!r} "
        what += self.message
        head = f"{where}: " if where else ""
        return printable(f"{head}{what}" + (f"; {self.fix}" if self.fix else ""))

    @classmethod
    def setting(cls, name: str, value: object, message: str, fix: str = "") -> Problem:
        """A problem with a setting or argument (no file): its name, its value, what to do.

        Examples
        --------
        >>> print(Problem.setting("scope", "world", "is not a scope", "choose text"))
        scope: 'world' is not a scope; choose text
        """
        shown = None if value is None else str(value)
        return cls("", column_name=name, value=shown, message=message, fix=fix)


class DataError(ValueError):
    """Bad input: one or more :class:`Problem` s, one line each.

    A :class:`ValueError`, so that a Python caller catches it as the error a
    bad value raises; :class:`DataTypeError` is the one for a value of the
    wrong type.

    Examples
    --------
    >>> err = DataError([Problem("nodes.csv", message="file not found", fix="check the path")])
    >>> str(err)
    'nodes.csv: file not found; check the path'
    """

    def __init__(self, problems: list[Problem], *, more: int | Mapping[str, int] = 0):
        self.problems = list(problems)
        if isinstance(more, Mapping):
            self.more_by_file = {f: int(n) for f, n in more.items() if n}
        else:
            self.more_by_file = {self.problems[-1].file: int(more)} if more else {}
        self.more = sum(self.more_by_file.values())
        super().__init__("\n".join([str(p) for p in self.problems] + self.more_lines))

    def __reduce__(self):  # a worker's error reaches the parent whole
        return (_data_error, (self.problems, self.more_by_file, type(self)))

    @property
    def more_lines(self) -> list[str]:
        """One line per file whose problems were counted but not listed."""
        return [
            printable(f"... and {n} more problems in {f}") for f, n in self.more_by_file.items()
        ]

    @classmethod
    def combine(cls, errors: Iterable[DataError]) -> DataError:
        """The problems of several errors (several files) as one error, in order.

        Examples
        --------
        >>> a = DataError([Problem("nodes.csv", 2, message="bad")], more=3)
        >>> b = DataError([Problem("edges.csv", 5, message="worse")])
        >>> print(DataError.combine([a, b]))
        nodes.csv:2: bad
        edges.csv:5: worse
        ... and 3 more problems in nodes.csv
        """
        errors = list(errors)
        more: dict[str, int] = {}
        for e in errors:
            for f, n in e.more_by_file.items():
                more[f] = more.get(f, 0) + n
        return cls([p for e in errors for p in e.problems], more=more)


class DataTypeError(DataError, TypeError):
    """A value of the wrong type, such as a string where a list is meant, or None for a node.

    A :class:`TypeError` to a Python caller; one line and exit 2 on the command line.

    Examples
    --------
    >>> err = DataTypeError([Problem.setting("between", "AB", "is a string", "give a list")])
    >>> isinstance(err, TypeError), isinstance(err, ValueError), str(err)
    (True, True, "between: 'AB' is a string; give a list")
    """


def _data_error(problems, more, kind=DataError):
    return kind(problems, more=more)
