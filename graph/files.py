"""Safe file output: atomic writes, formula-safe CSV and escaped Markdown.

Writing goes to a temporary name beside the target, then renames it, so a run
that fails or is interrupted leaves the previous file intact and no partial file
behind; files get the permissions the user's umask gives. Text that came from the
data (labels, quotes) is neutralized before it reaches a spreadsheet
(:func:`csv_safe`) or Markdown (:func:`escape_markdown`, :func:`code_span`); for
HTML use :func:`html.escape`. A whole run's output folder is handled by
:func:`staged_dir` (from :mod:`graph.outdir`).

Examples
--------
>>> import tempfile, pathlib
>>> tmp = tempfile.TemporaryDirectory()
>>> d = pathlib.Path(tmp.name)
>>> atomic_write_text(d / "a.txt", "hello")
PosixPath('...a.txt')
>>> (d / "a.txt").read_text()
'hello'
>>> tmp.cleanup()
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from graph.outdir import staged_dir
from graph.schema import ID_PATTERN

__all__ = [
    "FORMULA_PREFIXES",
    "atomic_path",
    "atomic_write_text",
    "atomic_write_bytes",
    "csv_safe",
    "write_csv",
    "escape_markdown",
    "code_span",
    "staged_dir",
    "umask",
]

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_MARKDOWN_SPECIAL = str.maketrans(
    {c: "\\" + c for c in "\\|*_`[]#~$@"}
    | {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\r": " ", "\n": " "}
)
#: Starts of bare links that GitHub-flavoured Markdown turns into links by itself.
_AUTOLINK_RE = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=\bwww)(\.)")
#: A list item's marker (or a setext underline) at the start of the text.
_LIST_START_RE = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")


@contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str | None = None):
    """Yield a temporary path beside ``path``; rename it onto ``path`` on success.

    On an exception (including KeyboardInterrupt) the temporary file is removed
    and ``path`` is left as it was.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=suffix or target.suffix + ".tmp", dir=target.parent
    )
    try:
        os.fchmod(fd, 0o666 & ~umask())  # mkstemp makes 0600; a new file gets the umask's mode
    finally:
        os.close(fd)
    try:
        yield Path(tmp)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def umask() -> int:
    """The process's umask (read without changing it where the system allows).

    Examples
    --------
    >>> 0 <= umask() <= 0o777
    True
    """
    try:
        with Path("/proc/self/status").open(encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically and return the path."""
    return atomic_write_bytes(path, text.encode("utf-8"))


_ID_RE = re.compile(ID_PATTERN)


def _neutralize(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _neutralize_id(value):
    """An id is written exactly when it is an id of the codebook (no formula can hide in one)."""
    if isinstance(value, str) and _ID_RE.match(value):
        return value
    return _neutralize(value)


def _is_text(values: pd.Series | pd.Index) -> bool:
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        dtype = dtype.categories.dtype
    return pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype)


def _safe_index(index: pd.Index, ids: bool = False) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_levels([_safe_index(level, ids) for level in index.levels])
    return index.map(_neutralize_id if ids else _neutralize) if _is_text(index) else index


def csv_safe(
    df: pd.DataFrame, *, ids: tuple[str, ...] = (), index_ids: bool = False
) -> pd.DataFrame:
    r"""Return a copy of ``df`` whose text cannot run as a spreadsheet formula.

    Every text cell (object, string or categorical-of-text column; the index and
    the column labels when they are text) that begins with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets a single quote ``'`` in front, as
    OWASP recommends against CSV injection. Numeric columns, including negative
    numbers, and text that begins otherwise are left as they are.

    Node ids are data that must read back as written (an id ``-1`` in an edge
    list must match the vertex table and the graph): in the columns ``ids``
    (and the index, with ``index_ids``) a value that is an id of the codebook
    (:data:`graph.schema.ID_PATTERN`: letters, digits, ``_ . : -``, which
    cannot form a formula) is kept exactly; any other value there is guarded
    as text is.

    Parameters
    ----------
    df : pandas.DataFrame
        The table to write; it is not modified.
    ids : tuple of str
        Columns that hold node ids.
    index_ids : bool
        The index holds node ids.

    Returns
    -------
    pandas.DataFrame
        A neutralized copy.

    Notes
    -----
    A spreadsheet evaluates a cell typed or imported as ``=HYPERLINK(...)`` (or
    ``+``, ``-``, ``@`` ... ) as a formula. Labels and evidence quotes come from
    user data (a quote may well begin with a dash), so every CSV the package
    writes goes through this function. The quote shows in the cell; the text
    after it is unchanged.

    References
    ----------
    .. [1] OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> df = pd.DataFrame({"label": ["=1+1", "-a dash", "Baku"], "x": [-1.5, 2.0, 0.0]})
    >>> safe = csv_safe(df)
    >>> safe["label"].tolist()
    ["'=1+1", "'-a dash", 'Baku']
    >>> safe["x"].tolist()
    [-1.5, 2.0, 0.0]
    >>> df["label"].tolist()[0]
    '=1+1'
    >>> csv_safe(pd.DataFrame({"id": ["-1", "=1+1"]}), ids=("id",))["id"].tolist()
    ['-1', "'=1+1"]
    """
    out = df.copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if _is_text(column):
            out.isetitem(i, column.map(_neutralize_id if out.columns[i] in ids else _neutralize))
    out.index = _safe_index(out.index, index_ids)
    out.columns = _safe_index(out.columns)
    return out


def write_csv(
    df: pd.DataFrame,
    path: str | os.PathLike,
    *,
    index: bool = True,
    ids: tuple[str, ...] = (),
    index_ids: bool = False,
) -> Path:
    r"""Write ``df`` as formula-safe UTF-8 CSV, atomically; return the path.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; text cells are neutralized with :func:`csv_safe` on a copy.
    path : str or path-like
        The target file; its folder is created if missing.
    index : bool, default True
        Write the index as the first column.
    ids, index_ids
        The columns, and whether the index, that hold node ids, written
        exactly (see :func:`csv_safe`).

    Returns
    -------
    pathlib.Path
        ``path``.

    Notes
    -----
    Lines end with ``\n``, or with ``\r\n`` when a text cell holds a carriage
    return (so that the cell gets quoted and reads back whole).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = tempfile.TemporaryDirectory()
    >>> p = pathlib.Path(tmp.name) / "t.csv"
    >>> _ = write_csv(pd.DataFrame({"quote": ["@SUM(A1)", "ok"], "w": [-2, 1]}), p, index=False)
    >>> print(p.read_text(), end="")
    quote,w
    '@SUM(A1),-2
    ok,1
    >>> tmp.cleanup()
    """
    with atomic_path(path) as tmp:
        safe = csv_safe(df, ids=ids, index_ids=index_ids)
        # Python < 3.13 quotes a lone "\r" only when it is part of the line terminator.
        end = "\r\n" if _has_carriage_return(safe, index=index) else "\n"
        safe.to_csv(tmp, index=index, encoding="utf-8", lineterminator=end)
    return Path(path)


def _has_carriage_return(df: pd.DataFrame, *, index: bool) -> bool:
    parts = [df.iloc[:, i] for i in range(df.shape[1])] + [df.columns]
    if index:
        idx = df.index
        parts += [idx.get_level_values(k) for k in range(idx.nlevels)]
    return any(isinstance(v, str) and "\r" in v for part in parts if _is_text(part) for v in part)


def escape_markdown(text: str) -> str:
    r"""Escape ``text`` for one Markdown table cell or line of prose.

    Writes ``< > &`` as the HTML entities ``&lt; &gt; &amp;``, backslash-escapes
    ``\ | * _ ` [ ] # ~ $ @``, the ``:`` of ``://``, the ``.`` of ``www.`` and
    a list marker at the start (``- ``, ``1.``), and turns line breaks into
    spaces, so a label or a quote from the data cannot end a table cell, start
    a list, a heading, a link, an autolinked URL or e-mail address,
    strike-through or math, or inject HTML. Every escape renders as the
    character itself; the entities do so in every Markdown engine, including
    those that do not take a backslash before ``<`` as an escape
    (Python-Markdown), where ``\<img onerror=...>`` would still be a tag.

    Parameters
    ----------
    text : str
        Text from the data.

    Returns
    -------
    str
        The escaped text.

    Examples
    --------
    >>> escape_markdown("a|b *c*\nd")
    'a\\|b \\*c\\* d'
    >>> escape_markdown("[link](x) <b>")
    '\\[link\\](x) &lt;b&gt;'
    >>> escape_markdown("see https://x.org or www.x.org, ~~no~~ $x$")
    'see https\\://x.org or www\\.x.org, \\~\\~no\\~\\~ \\$x\\$'
    """
    escaped = text.replace("\r\n", "\n").translate(_MARKDOWN_SPECIAL)
    escaped = _LIST_START_RE.sub(
        lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"),
        escaped,
    )
    return _AUTOLINK_RE.sub(lambda m: "\\" + m.group(), escaped)


def code_span(text: str) -> str:
    r"""Put ``text`` in a Markdown code span, shown exactly (a path, a command).

    Nothing inside a code span needs escaping except its delimiter: the span
    is fenced with one backtick more than the longest run of backticks in
    ``text`` (padded with a space where ``text`` starts or ends with one), and
    line breaks become spaces.

    Examples
    --------
    >>> code_span("third_text/edges.csv")
    '`third_text/edges.csv`'
    >>> code_span("a`b")
    '``a`b``'
    """
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
