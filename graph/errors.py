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

__all__ = ["Problem", "DataError", "did_you_mean", "printable", "shorten"]


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
    if aliases and value.lower() in aliases:
        return f"did you mean {aliases[value.lower()]!r}? ({value!r} is an alias of it)"
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=cutoff)
    return f"did you mean {close[0]!r}?" if close else ""


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


class DataError(Exception):
    """Bad input: one or more :class:`Problem` s, one line each.

    Examples
    --------
    >>> err = DataError([Problem("nodes.csv", message="file not found", fix="check the path")])
    >>> str(err)
    'nodes.csv: file not found; check the path'
    """

    def __init__(self, problems: list[Problem], *, more: int = 0):
        self.problems = list(problems)
        self.more = more
        lines = [str(p) for p in self.problems]
        if more:
            lines.append(printable(f"... and {more} more problems in {self.problems[-1].file}"))
        super().__init__("\n".join(lines))
