r"""Reading a CSV file safely: bytes to text, text to rows, and problems collected per file.

The checks here do not know what the columns mean: encoding, size, quoting,
header, row widths and field lengths. :func:`read_csv` gives the table as
strings with the line of every row; :class:`Collector` gathers the problems
of one file (up to :data:`MAX_PROBLEMS`) for the loaders in
:mod:`graph.io.tables` to add theirs to.

Examples
--------
>>> import tempfile, pathlib
>>> tmp = tempfile.TemporaryDirectory()
>>> p = pathlib.Path(tmp.name) / "t.csv"
>>> _ = p.write_text("a,b\n1,2\n\n3,4\n")
>>> name, df, col = read_csv(p, ("a", "b"), ())
>>> df.to_dict("list")
{'line': [2, 4], 'a': ['1', '3'], 'b': ['2', '4']}
>>> tmp.cleanup()
"""

from __future__ import annotations

import csv
import difflib
import io as _stdio
import re
import stat
from pathlib import Path

import numpy as np
import pandas as pd

from graph.errors import DataError, Problem, Suggestions

__all__ = [
    "CONTROL_RE",
    "MAX_PROBLEMS",
    "MAX_FIELD_CHARS",
    "MAX_ROWS",
    "MAX_FILE_BYTES",
    "Collector",
    "display_name",
    "read_text",
    "read_csv",
    "plain_columns",
    "parse_rows",
]

#: Problems collected from one file before the loader stops and reports.
MAX_PROBLEMS = 25

#: Longest field accepted, in characters (a quote longer than this is a paragraph, not a quote).
MAX_FIELD_CHARS = 10_000

#: Most rows accepted in one CSV file after the header (blank rows count too, and cost no memory).
MAX_ROWS = 5_000_000

#: Largest input file accepted, in bytes (checked before the file is read).
MAX_FILE_BYTES = 2 * 1024**3

#: Columns the loaders add themselves; a file may not bring its own.
_RESERVED = ("line", "tie")

#: Characters refused in any field or column name: control characters other than tab
#: and line break (they break XML exports and terminals) and the two non-characters.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def display_name(p: Path) -> str:
    """Return the path relative to the working folder when it lies inside it.

    Examples
    --------
    >>> display_name(Path.cwd() / "data" / "edges.csv")
    'data/edges.csv'
    """
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop (Python 3.11)
        return str(p)


def read_text(path: str | Path) -> tuple[str, str]:
    """Read a UTF-8 file (BOM and CRLF accepted); return (display name, text).

    Length: the file's checks (size, encoding, byte order mark, line ends) in the order a file
    meets them, each with its own message.

    Raises
    ------
    DataError
        If the file is missing, a folder, too large, not UTF-8, holds a NUL byte or is empty.

    Examples
    --------
    >>> read_text("no/such/file.csv")
    Traceback (most recent call last):
    ...
    graph.errors.DataError: no/such/file.csv: file not found; check the path
    """
    p = Path(path)
    name = display_name(p)
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


class Collector:
    """Collect problems for one file; stop at MAX_PROBLEMS.

    Examples
    --------
    >>> col = Collector("t.csv", ["a"])
    >>> col.add(2, "a", "x", "is bad", "fix it")
    >>> str(col.problems[0])
    "t.csv:2:1: a: 'x' is bad; fix it"
    """

    def __init__(self, name: str, header: list[str]):
        self.name = name
        self.header = header
        self.problems: list[Problem] = []
        self.more = 0
        #: A record over several lines (a quoted field with line breaks): its line -> the
        #: line each of its fields starts on, so that a problem names where the text stands.
        self.field_lines: dict[int, list[int]] = {}

    @property
    def full(self) -> bool:
        """True once MAX_PROBLEMS are collected (skip costly hints from then on)."""
        return len(self.problems) >= MAX_PROBLEMS

    def add(self, line, column_name, value, message, fix=""):
        """Add one problem (or count it once the file has :data:`MAX_PROBLEMS`)."""
        if len(self.problems) >= MAX_PROBLEMS:
            self.more += 1
            return
        col = self.header.index(column_name) + 1 if column_name in self.header else None
        starts = self.field_lines.get(line)
        if starts is not None and col is not None and col <= len(starts):
            line = starts[col - 1]
        self.problems.append(Problem(self.name, line, col, column_name, value, message, fix))

    def raise_if_any(self):
        """Raise the file's problems as one :class:`DataError`, in file order, if there are any."""
        if self.problems:
            order = sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))
            raise DataError(order, more=self.more)

    def bad_values(self, df: pd.DataFrame, column: str, mask, message: str, fix: str) -> None:
        """Add one problem per row of ``df`` where ``mask`` holds, naming ``column``'s value."""
        for line, v in self.first_rows(df, column, mask):
            self.add(line, column, v, message, fix)

    def bad_vocabulary(
        self, df: pd.DataFrame, column: str, vocabulary, message: str, *, meaning=None
    ) -> pd.Series:
        """Report values outside a closed vocabulary, with the closest and all allowed names.

        ``meaning``: value -> a hint by what the value means ("" when it knows
        none), asked before the closest spelling.
        """
        bad = ~df[column].isin(list(vocabulary))
        allowed = ", ".join(vocabulary)
        index = Suggestions(vocabulary)
        for line, v in self.first_rows(df, column, bad):
            hint = (meaning(v) if meaning is not None else "") or index.hint(v.lower())
            self.add(line, column, v, message, (hint + " " if hint else "") + f"allowed: {allowed}")
        return bad

    def first_rows(self, df: pd.DataFrame, column: str, mask):
        """(line, value) of the rows where ``mask`` holds, as many as can still be reported.

        The rows past :data:`MAX_PROBLEMS` are only counted, so a file with a
        million bad rows costs no more than one with a few.
        """
        mask = np.asarray(mask, dtype=bool)
        room = max(0, MAX_PROBLEMS - len(self.problems))
        rows = np.flatnonzero(mask)
        self.more += max(0, rows.size - room)
        rows = rows[:room]
        lines = df["line"].to_numpy()[rows]
        values = df[column].to_numpy()[rows] if column is not None else [None] * rows.size
        return [(int(a), b) for a, b in zip(lines, values, strict=True)]

    def control_characters(self, df: pd.DataFrame, header: list[str]) -> None:
        """Refuse control characters in column names and fields (they break XML and terminals)."""
        for i, h in enumerate(header):
            if (m := CONTROL_RE.search(h)) and not self.full:
                message = f"the name of column {i + 1} contains a control character"
                code = f"U+{ord(m.group()):04X}"
                self.problems.append(Problem(self.name, 1, i + 1, None, None, f"{message} {code}"))
        for c in dict.fromkeys(header):
            if c not in df or c == "line":
                continue
            values = df[c].tolist()
            found = [CONTROL_RE.search(v) for v in values]
            mask = np.fromiter((m is not None for m in found), dtype=bool, count=len(found))
            for line, v in self.first_rows(df, c, mask):
                code = ord(CONTROL_RE.search(v).group())
                self.add(line, c, v, f"contains a control character U+{code:04X}", "delete it")


def read_csv(path, required, optional, *, unstripped=()) -> tuple[str, pd.DataFrame, Collector]:
    """Parse a CSV file into a string DataFrame with a ``line`` column.

    Length: the choice between the fast parser and the strict one, and the strict one's checks,
    in the order they read the bytes.

    Returns the file's display name, the table and the :class:`Collector` that
    holds the file's problems so far (the header's, if any, were raised).

    Blank rows (no field, or only whitespace) are skipped; line numbers count them.
    Fields lose the white space around them, except in the columns named in
    ``unstripped`` (whose loader refuses it with its own message).
    """
    name, text = read_text(path)
    plain = plain_columns(text)
    if plain is not None:
        header, columns = plain
    else:
        try:
            header, rows, lines, spans = parse_rows(text)
        except _ParseError as exc:
            raise DataError([Problem(name, exc.line, message=exc.message, fix=exc.fix)]) from None
    header = [h.strip() for h in header]
    col = Collector(name, header)
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
        if CONTROL_RE.search(text):
            col.control_characters(df, header)
        return name, df, col
    width = len(header)
    data, data_lines = [], []
    raw = [h in unstripped for h in header]
    for row, line, span in zip(rows, lines, spans, strict=True):
        stripped = [f.strip() for f in row]
        if not any(stripped):
            continue
        if any(raw) and len(row) == width:
            stripped = [f if keep else v for f, v, keep in zip(row, stripped, raw, strict=True)]
        if len(row) != width:
            col.add(
                line,
                None,
                None,
                f"has {len(row)} fields, the header has {width}",
                "quote fields that contain commas, or fill in the missing fields",
            )
            continue
        if span:
            breaks = np.cumsum([0] + [f.count("\n") for f in row[:-1]])
            col.field_lines[line] = [int(line + b) for b in breaks]
        if span or sum(map(len, row)) > MAX_FIELD_CHARS:
            _check_fields(col, header, row, line)
        data.append(stripped)
        data_lines.append(line)
    if not data and not col.problems:
        col.add(2, None, None, "has a header but no data rows", "add at least one row")
    col.raise_if_any()
    df = pd.DataFrame(data, columns=header, dtype=str)
    df.insert(0, "line", np.asarray(data_lines, dtype=np.int64))
    if CONTROL_RE.search(text):
        col.control_characters(df, header)
    return name, df, col


def _check_fields(col: Collector, header, row, line):
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


def _check_header(col: Collector, header, required, known):
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


def plain_columns(text: str) -> tuple[list[str], list] | None:
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
    if "\n\n" in text or text.count("\n") > MAX_ROWS + 1:  # a blank row, or too many
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


def parse_rows(text: str) -> tuple[list[str], list[list[str]], list[int], list[int]]:
    """Split CSV text into header and rows; return also each row's line and extra lines.

    Blank rows after the header are counted (toward :data:`MAX_ROWS` too) but
    not kept. Raises :class:`_ParseError` on broken quoting, an overlong
    field, or more than :data:`MAX_ROWS` rows (before reading any further).
    """
    reader = csv.reader(_stdio.StringIO(text), strict=True)
    rows, lines, spans = [], [], []
    start, count = 1, -1  # the header does not count
    try:
        for row in reader:
            count += 1
            if count > MAX_ROWS:
                raise _ParseError(
                    start,
                    f"has more than {MAX_ROWS} rows (blank rows count too)",
                    "split the file",
                )
            if row or count == 0:
                rows.append(row)
                lines.append(start)
                spans.append(reader.line_num - start)
            start = reader.line_num + 1
    except csv.Error as exc:
        message = str(exc)
        at = start if message == "unexpected end of data" else reader.line_num
        raise _csv_problem(at, message) from None
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
