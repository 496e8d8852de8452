"""Read and validate the coded data: ``nodes.csv``, ``edges.csv`` and the text.

Functions here only read files. They return validated :class:`pandas.DataFrame`
objects, or raise :class:`DataError`, whose message names the file, the line,
the column, the bad value and what would fix it. Several problems in one file
are reported together (up to :data:`MAX_PROBLEMS`).

Examples
--------
>>> from graph import io
>>> ds = io.load_dataset()  # the shipped, coded article
>>> ds.article.n_paragraphs > 5
True
>>> set(ds.edges["source"]) <= set(ds.nodes["id"])
True
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io as _stdio
import re
import stat
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from graph import schema

__all__ = [
    "DataError",
    "Problem",
    "Article",
    "Dataset",
    "MAX_PROBLEMS",
    "MAX_FIELD_CHARS",
    "MAX_ROWS",
    "MAX_FILE_BYTES",
    "data_dir",
    "default_paths",
    "normalize_quote",
    "load_text",
    "load_nodes",
    "load_edges",
    "load_dataset",
    "load_config",
]

#: Problems collected from one file before the loader stops and reports.
MAX_PROBLEMS = 25

#: Longest field accepted, in characters (a quote longer than this is a paragraph, not a quote).
MAX_FIELD_CHARS = 10_000

#: Most data rows accepted in one CSV file (blank rows are not counted).
MAX_ROWS = 5_000_000

#: Largest input file accepted, in bytes (checked before the file is read).
MAX_FILE_BYTES = 2 * 1024**3

#: Columns the loaders add themselves; a file may not bring its own.
_RESERVED = ("line", "tie")
#: Largest paragraph number accepted when there is no text to bound it.
_MAX_PARAGRAPH = 2**31 - 1
#: Characters of a quote compared when looking for its closest passage.
_HINT_CHARS = 400

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f", ""}
_ID_RE = re.compile(r"^[A-Za-z0-9_.:\-]+$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
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
class Problem:
    """One thing wrong with one value in one file.

    Examples
    --------
    >>> str(Problem("edges.csv", 3, 5, "sign", "2", "is not a sign", "use 1, 0 or -1"))
    "edges.csv:3:5: sign: '2' is not a sign; use 1, 0 or -1"
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
            what += f"{_short(self.value)!r} "
        what += self.message
        return _printable(f"{where}: {what}" + (f"; {self.fix}" if self.fix else ""))


class DataError(Exception):
    """Bad input data: one or more :class:`Problem` s, one line each.

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
            lines.append(_printable(f"... and {more} more problems in {self.problems[-1].file}"))
        super().__init__("\n".join(lines))


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


@dataclass(frozen=True)
class Dataset:
    """Validated nodes and edges, the text they were coded from, and checksums.

    Examples
    --------
    >>> ds = load_dataset()
    >>> sorted(ds.checksums) == ["article", "edges", "nodes"]
    True
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    article: Article | None
    paths: dict[str, str]
    checksums: dict[str, str]


def normalize_quote(text: str) -> str:
    r"""Normalize typographic quotes, dashes and whitespace for quote matching.

    Examples
    --------
    >>> normalize_quote("a \u201cbridge\u201d \u2014  between\nblocs")
    'a "bridge" - between blocs'
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MAP)
    return _WS_RE.sub(" ", text).strip()


def data_dir() -> Path:
    """Return the folder of the shipped data (installed copy, else the source checkout).

    Examples
    --------
    >>> (data_dir() / "edges.csv").is_file()
    True
    """
    installed = resources.files("graph") / "_data"
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parent.parent / "data"


def default_paths() -> dict[str, Path]:
    """Return the paths of the shipped ``nodes``, ``edges``, ``article`` and ``config``.

    Examples
    --------
    >>> sorted(default_paths())
    ['article', 'config', 'edges', 'nodes']
    """
    d = data_dir()
    return {
        "nodes": d / "nodes.csv",
        "edges": d / "edges.csv",
        "article": d / "article.txt",
        "config": d / "analysis.toml",
    }


# --------------------------------------------------------------------- reading


def _printable(text: str) -> str:
    """Escape line breaks and control characters, so that a problem is one safe line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _short(value: str, limit: int = 60) -> str:
    value = str(value)
    return value if len(value) <= limit else value[: limit - 3] + "..."


def _display_name(p: Path) -> str:
    """Return the path relative to the working folder when it lies inside it."""
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


def _read_text(path: str | Path) -> tuple[str, str]:
    """Read a UTF-8 file (BOM and CRLF accepted); return (display name, text)."""
    p = Path(path)
    name = _display_name(p)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise DataError([Problem(name, message="file not found", fix="check the path")]) from None
    except OSError as exc:
        raise DataError([Problem(name, message=f"cannot be read ({exc.strerror})")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise DataError([Problem(name, message="is a folder, not a file", fix="give a file")])
    if not stat.S_ISREG(info.st_mode):
        raise DataError([Problem(name, message="is not a regular file", fix="give a file")])
    if info.st_size > MAX_FILE_BYTES:
        raise DataError(
            [
                Problem(
                    name,
                    message=f"is {info.st_size} bytes, more than the limit of {MAX_FILE_BYTES}",
                    fix="split the file",
                )
            ]
        )
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DataError([Problem(name, message=f"cannot be read ({exc.strerror})")]) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(
            [
                Problem(
                    name,
                    message="is UTF-16 text, not UTF-8",
                    fix="save the file as UTF-8 (in a spreadsheet: CSV UTF-8)",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        pos = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw.count(b"\n", 0, pos) + 1
        col = pos - (raw.rfind(b"\n", 0, pos) + 1) + 1
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    col,
                    message=f"is not UTF-8 text (byte 0x{raw[pos]:02x})",
                    fix="save the file as UTF-8 (in a spreadsheet: CSV UTF-8)",
                )
            ]
        ) from None
    if "\x00" in text:
        pos = text.index("\x00")
        line = text.count("\n", 0, pos) + 1
        raise DataError(
            [Problem(name, line, message="contains a NUL byte", fix="save it as plain UTF-8 text")]
        )
    if not text.strip():
        raise DataError([Problem(name, message="file is empty", fix="it needs a header row")])
    return name, text.replace("\r\n", "\n").replace("\r", "\n")


class _Collector:
    """Collect problems for one file; stop at MAX_PROBLEMS."""

    def __init__(self, name: str, header: list[str]):
        self.name = name
        self.header = header
        self.problems: list[Problem] = []
        self.more = 0

    @property
    def full(self) -> bool:
        """True once MAX_PROBLEMS are collected (skip costly hints from then on)."""
        return len(self.problems) >= MAX_PROBLEMS

    def add(self, line, column_name, value, message, fix=""):
        if len(self.problems) >= MAX_PROBLEMS:
            self.more += 1
            return
        col = self.header.index(column_name) + 1 if column_name in self.header else None
        self.problems.append(Problem(self.name, line, col, column_name, value, message, fix))

    def raise_if_any(self):
        if self.problems:
            raise DataError(self.problems, more=self.more)


def _read_csv(path, required, optional) -> tuple[str, pd.DataFrame, _Collector]:
    """Parse a CSV file into a string DataFrame with a ``line`` column.

    Blank rows (no field, or only whitespace) are skipped; line numbers count them.
    """
    name, text = _read_text(path)
    plain = _plain_columns(text)
    if plain is not None:
        header, columns = plain
    else:
        try:
            header, rows, lines, spans = _parse_rows(text)
        except _ParseError as exc:
            raise DataError([Problem(name, exc.line, message=exc.message, fix=exc.fix)]) from None
    header = [h.strip() for h in header]
    col = _Collector(name, header)
    if not any(header):
        col.add(
            1,
            None,
            None,
            "the header is empty",
            f"line 1 must name the columns: {','.join(required)}",
        )
        col.raise_if_any()
    known = list(required) + list(optional)
    _check_header(col, header, required, known)
    if plain is not None:  # every row is a data row, on its own line, fields clean
        df = pd.DataFrame(dict(zip(header, columns, strict=True)), dtype=str)
        df.insert(0, "line", np.arange(2, len(df) + 2, dtype=np.int64))
        return name, df, col
    width = len(header)
    data, data_lines = [], []
    for row, line, span in zip(rows, lines, spans, strict=True):
        stripped = [f.strip() for f in row]
        if not any(stripped):
            continue
        if len(row) != width:
            col.add(
                line,
                None,
                None,
                f"has {len(row)} fields, the header has {width}",
                "quote fields that contain commas, or fill in the missing fields",
            )
            continue
        if span or sum(map(len, row)) > MAX_FIELD_CHARS:
            _check_fields(col, header, row, line)
        data.append(stripped)
        data_lines.append(line)
    if not data and not col.problems:
        col.add(2, None, None, "has a header but no data rows", "add at least one row")
    col.raise_if_any()
    df = pd.DataFrame(data, columns=header, dtype=str)
    df.insert(0, "line", np.asarray(data_lines, dtype=np.int64))
    return name, df, col


def _check_fields(col: _Collector, header, row, line):
    """Flag fields that are too long or hold a line break (often a quote left open)."""
    for c, v in zip(header, row, strict=True):
        if len(v) > MAX_FIELD_CHARS:
            col.add(line, c, v, f"is longer than {MAX_FIELD_CHARS} characters", "shorten it")
        elif "\n" in v:
            col.add(
                line,
                c,
                v,
                "contains a line break",
                'remove it, or close the quote opened here (write a " inside a field as "")',
            )


def _check_header(col: _Collector, header, required, known):
    seen = set()
    for i, h in enumerate(header):
        if h == "":
            col.problems.append(
                Problem(
                    col.name,
                    1,
                    i + 1,
                    message=f"column {i + 1} has no name in the header",
                    fix="name it, or delete the empty column (spreadsheets add them at the end)",
                )
            )
            continue
        if h in seen:
            col.add(1, h, h, "appears twice in the header", "remove one of the two columns")
        seen.add(h)
        if h in _RESERVED:
            col.add(1, h, h, "is a column the loader adds itself", "rename the column")
    missing = [c for c in required if c not in header]
    unknown = [h for h in header if h not in known]
    for c in missing:
        close = difflib.get_close_matches(c, unknown, n=1, cutoff=0.6)
        fix = f"rename column {close[0]!r} to {c!r}" if close else f"add a column {c!r}"
        col.add(1, None, None, f"required column {c!r} is missing", fix)
    for h in unknown:
        close = difflib.get_close_matches(h, known, n=1, cutoff=0.75)
        if close and close[0] not in header:
            col.add(1, None, h, "is not a known column", f"did you mean {close[0]!r}?")
    col.raise_if_any()


#: Bytes that ``str.strip`` removes, among ASCII ones.
_ASCII_SPACE = np.zeros(256, dtype=bool)
_ASCII_SPACE[[9, 11, 12, 13, 28, 29, 30, 31, 32]] = True  # not 10: a line break ends a field
#: A field with white space at either end, or a row with no text (only commas).
_UNCLEAN_RE = re.compile(r"(?:^|,)[^\S\n]|[^\S\n](?:,|$)|^,*$", re.MULTILINE)


def _plain_columns(text: str) -> tuple[list[str], list] | None:
    """Header and columns of a plain CSV text, split by pandas' C parser; else None.

    Plain: no quote character, a header of two or more columns, every line
    with as many fields, no blank row, no row of only commas, no field with
    white space at either end, no line over :data:`MAX_FIELD_CHARS` bytes
    and at most :data:`MAX_ROWS` rows: what large machine-written event
    files look like. The checks run on the bytes with numpy. Everything else
    (and every error) goes through the strict row-by-row parser, which gives
    the same table for plain text.
    """
    if '"' in text or (h := text.find("\n")) < 0 or h == len(text) - 1:
        return None
    raw = text.encode("utf-8")
    b = np.frombuffer(raw, dtype=np.uint8)
    ends = np.flatnonzero(b == 10)
    if not raw.endswith(b"\n"):
        ends = np.append(ends, b.size)
    starts = np.concatenate([[0], ends[:-1] + 1])
    n_lines = ends.size
    commas = np.flatnonzero(b == 44)
    per_line = np.bincount(np.searchsorted(ends, commas), minlength=n_lines)
    width = int(per_line[0]) + 1
    size = ends - starts
    if (
        width < 2
        or not 2 <= n_lines <= MAX_ROWS + 1
        or (per_line != width - 1).any()
        or (size[1:] <= width - 1).any()  # a row of only commas
        or size.max() > MAX_FIELD_CHARS
    ):
        return None
    # the bytes on either side of every field
    first = np.concatenate([starts, commas + 1])
    last = np.concatenate([ends - 1, commas - 1])
    firsts = b[first[first < b.size]]
    lasts = b[last[last >= 0]]
    if _ASCII_SPACE[firsts].any() or _ASCII_SPACE[lasts].any():
        return None
    if ((firsts >= 0x80).any() or (lasts >= 0x80).any()) and _UNCLEAN_RE.search(
        text, h + 1, len(text) - 1 if text.endswith("\n") else len(text)
    ):
        return None  # non-ASCII white space (no-break space...) next to a comma
    table = pd.read_csv(
        _stdio.BytesIO(raw),
        header=None,
        names=list(range(width)),
        skiprows=1,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        quoting=csv.QUOTE_NONE,
        skip_blank_lines=False,
        engine="c",
        encoding="utf-8",
    )
    if len(table) != n_lines - 1:  # pragma: no cover - guarded by the checks above
        return None
    return text[:h].split(","), [table[i] for i in range(width)]


class _ParseError(Exception):
    """A CSV file that cannot be split into rows: where and why."""

    def __init__(self, line: int, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


_QUOTING = 'a field that starts with " must end with "; write a " inside a field as ""'


def _parse_rows(text: str) -> tuple[list[str], list[list[str]], list[int], list[int]]:
    """Split CSV text into header and rows; return also each row's line and extra lines.

    Raises :class:`_ParseError` on broken quoting, an overlong field, or more
    than :data:`MAX_ROWS` non-empty data rows (before reading any further).
    """
    reader = csv.reader(_stdio.StringIO(text), strict=True)
    rows, lines, spans = [], [], []
    start, count = 1, -1  # the header does not count
    try:
        for row in reader:
            if row:
                count += 1
                if count > MAX_ROWS:
                    raise _ParseError(
                        start, f"has more than {MAX_ROWS} data rows", "split the file"
                    )
            rows.append(row)
            lines.append(start)
            spans.append(reader.line_num - start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _csv_problem(start, str(exc)) from None
    if not rows:
        return [], [], [], []
    return rows[0], rows[1:], lines[1:], spans[1:]


def _csv_problem(line: int, message: str) -> _ParseError:
    if message.startswith("field larger than field limit"):
        limit = csv.field_size_limit()
        return _ParseError(
            line,
            f"has a field longer than {limit} characters",
            f"shorten it to at most {MAX_FIELD_CHARS} characters; if it is not long, "
            "a quote opened on this line is never closed",
        )
    if message == "unexpected end of data":
        return _ParseError(line, "has a quote that is never closed", _QUOTING)
    if message.startswith("',' expected after"):
        return _ParseError(line, "has text after the closing quote of a field", _QUOTING)
    return _ParseError(line, f"cannot be parsed as CSV ({message})", _QUOTING)


def _bad_vocabulary(col: _Collector, df, column: str, vocabulary, message: str) -> pd.Series:
    """Report values outside a closed vocabulary, with the closest and all allowed names."""
    bad = ~df[column].isin(list(vocabulary))
    allowed = ", ".join(vocabulary)
    for line, v in zip(df.loc[bad, "line"], df.loc[bad, column], strict=True):
        hint = _suggest(v.lower(), vocabulary)
        col.add(int(line), column, v, message, (hint + " " if hint else "") + f"allowed: {allowed}")
    return bad


def _none_if_empty(s: pd.Series) -> pd.Series:
    return s.astype(object).where(s != "", None)


def _bad_values(col: _Collector, df, column, mask, message, fix):
    for line, v in zip(df.loc[mask, "line"], df.loc[mask, column], strict=False):
        col.add(int(line), column, v, message, fix)


def _suggest(value: str, choices, extra: dict[str, str] | None = None) -> str:
    if extra and value.lower() in extra:
        return f"did you mean {extra[value.lower()]!r}? ({value!r} is an alias of it)"
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    return f"did you mean {close[0]!r}?" if close else ""


# ----------------------------------------------------------------------- loaders


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
    >>> art = load_text(default_paths()["article"])
    >>> art.paragraphs[-1]
    'By Rovshan Sayyaroglu'
    """
    name, text = _read_text(path)
    return Article.from_text(text, path=name)


def load_nodes(path: str | Path) -> pd.DataFrame:
    """Load and validate ``nodes.csv``.

    Parameters
    ----------
    path : str or Path
        CSV with columns ``id, label, type, bloc`` and optionally ``country, aliases``.

    Returns
    -------
    pandas.DataFrame
        One row per node: ``id, label, type, country, bloc, aliases`` (a list),
        ``line`` (the row's line in the file), and any extra columns.

    Raises
    ------
    DataError
        Naming file, line and column of every problem found (up to :data:`MAX_PROBLEMS`).

    Examples
    --------
    >>> nodes = load_nodes(default_paths()["nodes"])
    >>> nodes.loc[nodes["id"] == "azerbaijan", "type"].item()
    'state'
    """
    name, df, col = _read_csv(path, ("id", "label", "type", "bloc"), ("country", "aliases"))
    for c in ("country", "aliases"):
        if c not in df:
            df[c] = ""
    _bad_values(col, df, "id", df["id"] == "", "is empty", "give every node an id")
    bad_id = (df["id"] != "") & ~df["id"].str.match(_ID_RE.pattern)
    _bad_values(col, df, "id", bad_id, "is not a valid id", "use letters, digits and _ . : - only")
    dup = df["id"].duplicated(keep=False) & (df["id"] != "")
    first_line = df.loc[dup].groupby("id")["line"].min()
    for line, v in zip(df.loc[dup, "line"], df.loc[dup, "id"], strict=False):
        if line != first_line[v]:
            col.add(
                int(line),
                "id",
                v,
                f"is a duplicate id (first on line {first_line[v]})",
                "give each node one row and a unique id",
            )
    bad_type = _bad_vocabulary(col, df, "type", schema.NODE_TYPES, "is not a node type")
    df["label"] = df["label"].where(df["label"] != "", df["id"])
    needs_bloc = ~df["type"].isin(list(schema.EVENT_TYPES)) & (df["bloc"] == "")
    _bad_values(
        col,
        df,
        "bloc",
        needs_bloc & ~bad_type,
        "is empty",
        "give every actor a bloc (only events and platforms may have none)",
    )
    states = set(df.loc[df["type"] == "state", "id"])
    person = df["type"].isin(list(schema.PERSON_TYPES))
    no_country = person & (df["country"] == "")
    _bad_values(
        col,
        df,
        "country",
        no_country,
        "is empty for a leader or person",
        "give the id of their state",
    )
    bad_country = (df["country"] != "") & ~df["country"].isin(list(states))
    for line, v in zip(df.loc[bad_country, "line"], df.loc[bad_country, "country"], strict=False):
        hint = _suggest(v, states)
        col.add(
            int(line),
            "country",
            v,
            "is not the id of a state node",
            hint or "add the state to nodes.csv or fix the id",
        )
    col.raise_if_any()
    df["country"] = _none_if_empty(df["country"])
    df["bloc"] = _none_if_empty(df["bloc"])
    df["aliases"] = [[a.strip() for a in s.split(";") if a.strip()] for s in df["aliases"]]
    first = ["id", "label", "type", "country", "bloc", "aliases", "line"]
    return df[first + [c for c in df.columns if c not in first]].reset_index(drop=True)


def _parse_edge_values(col: _Collector, df: pd.DataFrame) -> pd.DataFrame:
    """Check and convert directed, sign, weight, stated, date; return typed columns."""
    d = df["directed"].str.lower()
    bad = ~d.isin(_TRUE | _FALSE)
    _bad_values(col, df, "directed", bad, "is not true or false", "write true or false")
    directed = d.isin(_TRUE)

    s = df["sign"].replace({"": "0", "+1": "1", "+": "1", "-": "-1"})
    sign = pd.to_numeric(s, errors="coerce")
    bad = ~sign.isin([-1, 0, 1])
    _bad_values(
        col,
        df,
        "sign",
        bad,
        "is not a sign",
        "use 1 (cooperative), 0 (neutral) or -1 (conflictual)",
    )

    w = df["weight"].replace({"": "1"})
    weight = pd.to_numeric(w, errors="coerce")
    bad = ~(np.isfinite(weight) & (weight > 0))
    _bad_values(col, df, "weight", bad, "is not a positive number", "use e.g. 1 or 2.5")

    bad = ~df["stated"].isin(["", *schema.STATED])
    _bad_values(
        col,
        df,
        "stated",
        bad,
        "is not explicit or inferred",
        "write explicit (the text states it) or inferred (the coder infers it)",
    )

    bad = (df["date"] != "") & ~_valid_dates(df["date"])
    _bad_values(col, df, "date", bad, "is not an ISO date", "write YYYY, YYYY-MM or YYYY-MM-DD")
    out = pd.DataFrame(index=df.index)
    out["directed"] = directed
    out["sign"] = sign.where(sign.isin([-1, 0, 1]), 0).astype(int)
    out["weight"] = weight.where(np.isfinite(weight) & (weight > 0), 1.0).astype(float)
    out["stated"] = df["stated"].replace("", "explicit")
    out["date"] = _none_if_empty(df["date"])
    return out


def _valid_dates(dates: pd.Series) -> pd.Series:
    distinct = pd.unique(dates) if len(dates) > 10_000 else dates
    if len(distinct) < len(dates) // 2:  # event data: few distinct dates among 10^6 rows
        distinct = pd.Series(distinct, dtype=dates.dtype)
        valid = set(distinct[_valid_dates(distinct).to_numpy(dtype=bool)])
        return dates.isin(valid)
    ok = dates.str.match(_DATE_RE.pattern)
    full = dates.where(dates.str.len() == 10, dates + "-01").where(
        dates.str.len() != 4, dates + "-01-01"
    )
    parsed = pd.to_datetime(full.where(ok, None), format="%Y-%m-%d", errors="coerce")
    return ok & parsed.notna()


def load_edges(
    path: str | Path,
    nodes: pd.DataFrame | None = None,
    article: Article | None = None,
) -> pd.DataFrame:
    """Load and validate ``edges.csv`` against the nodes and the text.

    Parameters
    ----------
    path : str or Path
        CSV with columns ``source, target, relation`` and optionally ``directed,
        sign, weight, paragraph, evidence, stated, date``.
    nodes : DataFrame, optional
        Validated nodes; every endpoint must be one of their ids.
    article : Article, optional
        The text. When given, ``paragraph`` and ``evidence`` are required and
        every evidence quote must stand in its paragraph. Without it (event data)
        quotes are not checked.

    Returns
    -------
    pandas.DataFrame
        One row per tie with typed columns and ``tie``/``line`` (the row's line in the file).

    Raises
    ------
    DataError
        Naming file, line and column of every problem found (up to :data:`MAX_PROBLEMS`).

    Examples
    --------
    >>> p = default_paths()
    >>> art = load_text(p["article"])
    >>> edges = load_edges(p["edges"], load_nodes(p["nodes"]), art)
    >>> bool(edges["paragraph"].between(1, art.n_paragraphs).all())
    True
    """
    required = ["source", "target", "relation"]
    optional = ["directed", "sign", "weight", "paragraph", "evidence", "stated", "date"]
    if article is not None:
        required += ["paragraph", "evidence"]
        optional = [c for c in optional if c not in required]
    name, df, col = _read_csv(path, required, optional)
    for c in schema.EDGE_COLUMNS:
        if c not in df:
            df[c] = ""
    ids = set(nodes["id"]) if nodes is not None else None
    aliases = {}
    if nodes is not None:
        for i, al in zip(nodes["id"], nodes["aliases"], strict=False):
            for a in al:
                aliases.setdefault(a.lower(), i)
    for c in ("source", "target"):
        empty = df[c] == ""
        _bad_values(col, df, c, empty, "is empty", "give a node id")
        if ids is None:  # no nodes.csv: the ids are the nodes, held to the same rule
            bad_id = ~empty & ~df[c].str.match(_ID_RE.pattern)
            _bad_values(
                col, df, c, bad_id, "is not a valid id", "use letters, digits and _ . : - only"
            )
        else:
            unknown = ~empty & ~df[c].isin(list(ids))
            for line, v in zip(df.loc[unknown, "line"], df.loc[unknown, c], strict=False):
                hint = "" if col.full else _suggest(v, ids, aliases)
                col.add(
                    int(line),
                    c,
                    v,
                    "is not a node id in nodes.csv",
                    hint or "add the node to nodes.csv or fix the id",
                )
    loop = (df["source"] == df["target"]) & (df["source"] != "")
    _bad_values(
        col,
        df,
        "target",
        loop,
        "is the same as source (a self-loop)",
        "a tie joins two different nodes",
    )
    _bad_vocabulary(col, df, "relation", schema.RELATIONS, "is not a relation")
    typed = _parse_edge_values(col, df)
    para = pd.to_numeric(df["paragraph"].replace("", np.nan), errors="coerce")
    n_par = article.n_paragraphs if article is not None else _MAX_PARAGRAPH
    bad = (df["paragraph"] != "") & ~((para >= 1) & (para <= n_par) & (para % 1 == 0))
    if article is not None:
        bad |= df["paragraph"] == ""
    fix = f"give a paragraph number from 1 to {n_par}" if article else "give a positive integer"
    _bad_values(col, df, "paragraph", bad, "is not a paragraph number", fix)
    key = df[list(schema.EDGE_COLUMNS)]
    dup = key.duplicated(keep="first")
    if dup.any():
        first = df["line"].groupby([key[c] for c in key], sort=False).transform("first")
        for line, first_line in zip(df.loc[dup, "line"], first[dup], strict=True):
            col.add(
                int(line),
                None,
                None,
                f"repeats the tie on line {int(first_line)} exactly",
                "delete one of the two rows",
            )
    if article is not None:
        _check_evidence(col, df, para, bad, article)
    col.raise_if_any()
    out = df[["source", "target", "relation"]].copy()
    out = out.join(typed)
    out["paragraph"] = para.astype("Int64")
    out["evidence"] = df["evidence"]
    out["tie"] = df["line"].astype(int)
    out["line"] = df["line"].astype(int)
    extra = [c for c in df.columns if c not in out.columns and c not in schema.EDGE_COLUMNS]
    out = out.join(df[extra])
    cols = list(schema.EDGE_COLUMNS) + ["tie", "line"] + extra
    return out[cols].reset_index(drop=True)


def _check_evidence(col, df, para, bad_para, article: Article):
    empty = df["evidence"] == ""
    _bad_values(
        col, df, "evidence", empty, "is empty", "quote the words of the text that state the tie"
    )
    for idx in df.index[~empty & ~bad_para]:
        quote, p = df.at[idx, "evidence"], int(para[idx])
        q = normalize_quote(quote)
        if q in article.normalized[p - 1]:
            continue
        line = int(df.at[idx, "line"])
        if col.full:
            col.add(line, "evidence", quote, f"is not in paragraph {p}")
            continue
        found = article.find(quote)
        if found:
            col.add(
                line,
                "paragraph",
                str(p),
                f"does not contain the evidence quote, which is in paragraph {found[0]}",
                f"set paragraph to {found[0]}",
            )
        else:
            bp, passage = article.closest(quote[:_HINT_CHARS])
            col.add(
                line,
                "evidence",
                quote,
                f"is not in {article.path}",
                f"copy the words verbatim; closest passage (paragraph {bp}): "
                f"{_short(passage, 80)!r}",
            )


def load_dataset(
    nodes: str | Path | None = None,
    edges: str | Path | None = None,
    article: str | Path | None = None,
    *,
    check_text: bool = True,
) -> Dataset:
    """Load and validate nodes, edges and (optionally) the text in one call.

    Parameters
    ----------
    nodes, edges, article : str or Path, optional
        Paths; each defaults to the shipped data.
    check_text : bool, default True
        When False, the text is not read and quotes are not checked (event data).

    Returns
    -------
    Dataset

    Examples
    --------
    >>> ds = load_dataset()
    >>> ds.paths["edges"].endswith("edges.csv")
    True
    """
    defaults = default_paths()
    paths = {
        "nodes": Path(nodes) if nodes is not None else defaults["nodes"],
        "edges": Path(edges) if edges is not None else defaults["edges"],
    }
    art = None
    if check_text:
        paths["article"] = Path(article) if article is not None else defaults["article"]
        art = load_text(paths["article"])
    node_df = load_nodes(paths["nodes"])
    edge_df = load_edges(paths["edges"], node_df, art)
    checksums = {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in paths.items()}
    shown = {k: _display_name(p) for k, p in paths.items()}
    return Dataset(node_df, edge_df, art, shown, checksums)


def load_config(path: str | Path | None = None) -> dict:
    """Read the dataset's analysis settings (``[claim]`` focus, view, statement).

    Parameters
    ----------
    path : str or Path, optional
        A TOML file; defaults to the shipped ``analysis.toml``. A missing default
        file gives an empty configuration.

    Returns
    -------
    dict
        The ``[claim]`` table (possibly empty).

    Examples
    --------
    >>> load_config()["focus"]
    'azerbaijan'
    """
    p = Path(path) if path is not None else default_paths()["config"]
    if path is None and not p.exists():
        return {}
    name, text = _read_text(p)
    try:
        conf = tomllib.loads(text)
    except RecursionError:
        raise DataError(
            [Problem(name, message="is nested too deeply to read as TOML", fix="fix the syntax")]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        raise DataError(
            [
                Problem(
                    name, line, column, message=f"is not valid TOML ({exc})", fix="fix the syntax"
                )
            ]
        ) from None
    claim = conf.get("claim", {})
    if not isinstance(claim, dict):
        raise DataError(
            [
                Problem(
                    name,
                    column_name="claim",
                    value=str(claim),
                    message="is not a table",
                    fix="put the settings under a line [claim]",
                )
            ]
        )
    return dict(claim)
