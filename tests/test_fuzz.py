"""Fuzz the loaders: broken files must end in a clean result or :class:`graph.io.DataError`.

Users code texts by hand and in spreadsheets, so broken files are the normal
case. Every loader gets random bytes and random mutations of the shipped data
(dropped, swapped and duplicated columns, truncated lines, stray quotes and
delimiters, huge fields, control characters, mixed encodings, BOMs, ...). Each
run must return a DataFrame (or Article, or dict) or raise DataError -- never
another exception -- within the deadline, and:

- every problem is one line and names the file;
- a clean CSV result keeps every non-blank row of the file, on its own line.

The CI budget is small and derandomized (the same examples every run). For a
long run by hand set ``ACTOR_GRAPH_FUZZ_EXAMPLES``; examples are then random::

    ACTOR_GRAPH_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz.py -q

Inputs that once broke a loader live in ``tests/fuzz_corpus/`` (name prefix =
loader) and as ``@example`` s below.
"""

from __future__ import annotations

import csv
import os
import pathlib
import tempfile
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from graph import io
from graph.io import csvfile

# end-to-end: subprocesses, whole runs (`make test-fast` leaves them out)
pytestmark = pytest.mark.slow

# ----------------------------------------------------------------- the budget

_ENV_EXAMPLES = os.environ.get("ACTOR_GRAPH_FUZZ_EXAMPLES")
DEADLINE_MS = 2000


def _budget(ci_examples: int) -> settings:
    """CI: fixed, small and reproducible. By hand: ACTOR_GRAPH_FUZZ_EXAMPLES random examples."""
    common = {
        "deadline": DEADLINE_MS,
        "suppress_health_check": [
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
        "print_blob": True,
    }
    if _ENV_EXAMPLES:
        return settings(max_examples=int(_ENV_EXAMPLES), derandomize=False, **common)
    return settings(max_examples=ci_examples, derandomize=True, database=None, **common)


# ------------------------------------------------------------------- loaders

PATHS = io.default_paths()
NODES = io.load_nodes(PATHS["nodes"])
ARTICLE = io.load_text(PATHS["article"])

LOADERS = {
    "nodes": io.load_nodes,
    "edges": lambda p: io.load_edges(p, nodes=NODES, article=ARTICLE),
    "events": io.load_edges,  # event data: no nodes, no text, fewest checks
    "text": io.load_text,
    "config": io.load_config,
}
CSV_KINDS = ("nodes", "edges", "events")
SUFFIX = {"nodes": ".csv", "edges": ".csv", "events": ".csv", "text": ".txt", "config": ".toml"}
SHIPPED = {
    "nodes": PATHS["nodes"].read_bytes(),
    "edges": PATHS["edges"].read_bytes(),
    "events": PATHS["edges"].read_bytes(),
    "text": PATHS["article"].read_bytes(),
    "config": PATHS["config"].read_bytes(),
}
EDGE_ROWS = list(csv.reader(SHIPPED["edges"].decode("utf-8").splitlines()))


def _nonblank_lines(raw: bytes) -> list[int]:
    """Line numbers (header = 1) of the data lines that hold a non-blank field."""
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for number, line in enumerate(text.split("\n")[1:], start=2):
        fields = next(csv.reader([line]), [])
        if any(f.strip() for f in fields):
            out.append(number)
    return out


def _check_error(err: io.DataError, path: Path) -> None:
    assert err.problems, "a DataError without problems"
    for p in err.problems:
        s = str(p)
        assert "\n" not in s, f"problem spans lines: {s!r}"
        assert "\r" not in s, f"problem spans lines: {s!r}"
        assert s.isprintable(), f"problem has control characters: {s!r}"
        assert path.name in p.file, f"problem does not name the file: {s!r}"
        assert s.startswith(p.file), f"problem does not start with the file: {s!r}"
    assert len(str(err).split("\n")) == len(err.problems) + (1 if err.more else 0)


def _check_result(kind: str, result, raw: bytes) -> None:
    if kind == "text":
        assert isinstance(result, io.Article)
        assert result.n_paragraphs >= 1
        return
    if kind == "config":
        assert isinstance(result, dict)
        return
    assert isinstance(result, pd.DataFrame)
    lines = _nonblank_lines(raw)
    assert len(result) == len(lines), "a non-blank row was dropped (or one was invented)"
    assert result["line"].tolist() == lines
    if kind == "nodes":
        assert result["id"].is_unique
    else:
        assert result["sign"].isin([-1, 0, 1]).all()
        assert (result["weight"] > 0).all()


def _event(name: str) -> None:
    if currently_in_test_context():
        event(name)  # see them with --hypothesis-show-statistics


def run_loader(kind: str, raw: bytes):
    """Write ``raw`` to a fresh file, load it with loader ``kind``, check the outcome."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{'edges' if kind == 'events' else kind}{SUFFIX[kind]}"
        path.write_bytes(raw)
        try:
            result = LOADERS[kind](path)
        except io.DataError as err:
            _event(f"{kind}: DataError")
            _check_error(err, path)
            return err
        _event(f"{kind}: clean")
        _check_result(kind, result, raw)
        return result


# ---------------------------------------------------------------- mutations
#
# A mutation is a plain tuple, so failing inputs can be written as @example(...).

_STRAY = ['"', '""', ",", ",,", ";", "\t", "\n", "\r", "\r\n", "\x00", "\x1b", "\x1b[31m"]
_STRAY += ["\ufeff", "\u2028", "\x85", "\x0c", "\x7f", " ", "'", "=", "-", "é", "\U0001f600"]
_FOREIGN = [
    "é".encode("latin-1"),
    "Baku’s".encode("cp1252"),
    "id".encode("utf-16"),
    "é".encode("utf-16-le"),
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"\xc3",  # a UTF-8 sequence cut short
    b"\xed\xa0\x80",  # an encoded surrogate
]
_VALUES = ["", " ", "inf", "-inf", "nan", "1e999", "1e300", "-0", "+1", "99999999999999999999"]
_VALUES += ["0x1", "1_0", "٣", "2025-02-30", "true", "TRUE", "line", "tie", "=1+1", "-x"]

pos = st.integers(min_value=0, max_value=10_000)
mutation = st.one_of(
    st.tuples(st.just("insert"), pos, st.sampled_from(_STRAY) | st.text(max_size=5)),
    st.tuples(st.just("insert_bytes"), pos, st.sampled_from(_FOREIGN) | st.binary(max_size=4)),
    st.tuples(st.just("delete"), pos, st.integers(1, 40)),
    st.tuples(st.just("truncate"), pos),
    st.tuples(
        st.just("line"),
        pos,
        st.sampled_from(["drop", "duplicate", "blank", "spaces", "swap", "halve", "commas"]),
    ),
    st.tuples(st.just("drop_column"), st.integers(0, 12), st.booleans()),
    st.tuples(st.just("swap_columns"), st.integers(0, 12), st.integers(0, 12)),
    st.tuples(st.just("rename_column"), st.integers(0, 12), st.sampled_from(_VALUES) | st.text()),
    st.tuples(st.just("dup_header"), st.integers(0, 12), st.integers(0, 12)),
    st.tuples(st.just("set_cell"), pos, st.integers(0, 12), st.sampled_from(_VALUES) | st.text()),
    st.tuples(
        st.just("huge_field"),
        pos,
        st.integers(0, 12),
        st.sampled_from([io.MAX_FIELD_CHARS, io.MAX_FIELD_CHARS + 1, 131_072, 131_073]),
    ),
    st.tuples(st.just("many_columns"), st.integers(1, 1500), st.booleans()),
    st.tuples(st.just("recode"), pos, st.sampled_from(["latin-1", "cp1252", "utf-16"])),
    st.tuples(st.just("whole"), st.sampled_from(["crlf", "cr", "bom", "header_only", "no_header"])),
    st.tuples(st.just("whole"), st.sampled_from(["empty_header", "commas_header", "utf-16"])),
)

# Edits a careful user makes: the file should still load, with every row kept.
benign = st.one_of(
    st.tuples(st.just("line"), pos, st.sampled_from(["blank", "spaces", "commas"])),
    st.tuples(st.just("whole"), st.sampled_from(["crlf", "cr", "bom"])),
    st.tuples(st.just("swap_columns"), st.integers(0, 12), st.integers(0, 12)),
    st.tuples(
        st.just("drop_named"),
        st.sampled_from(["aliases", "directed", "sign", "weight", "stated", "date", "evidence"]),
    ),
    st.tuples(st.just("pad_cell"), pos, st.integers(0, 12), st.sampled_from([" ", "\t", "  "])),
    st.tuples(st.just("quote_cell"), pos, st.integers(0, 12)),
    st.tuples(st.just("extra_column"), st.sampled_from(["note", "coder", "=x", ""]), st.text()),
)
mutation_lists = st.tuples(st.lists(benign, max_size=4), st.lists(mutation, max_size=3)).map(
    lambda t: t[0] + t[1]
)


def _rows(raw: bytes) -> list[list[str]] | None:
    try:
        text = raw.decode("utf-8", errors="surrogateescape")
        return list(csv.reader(text.splitlines(), strict=False))
    except csv.Error:
        return None


class _Quoted(str):
    """A cell that _unrows always quotes."""


def _unrows(rows: list[list[str]]) -> bytes:
    buf = []
    for r in rows:
        line = []
        for f in r:
            if isinstance(f, _Quoted) or any(c in f for c in ',"\n\r') or f != f.strip():
                f = '"' + f.replace('"', '""') + '"'
            line.append(f)
        buf.append(",".join(line))
    return ("\n".join(buf) + "\n").encode("utf-8", errors="surrogateescape")


def _column_op(raw: bytes, fn) -> bytes:
    rows = _rows(raw)
    if not rows:
        return raw
    return _unrows([fn(list(r)) for r in rows])


def _apply(raw: bytes, m: tuple) -> bytes:  # noqa: C901 - one branch per mutation
    kind, *args = m
    n = len(raw)
    if kind == "insert":
        p, s = args
        p %= n + 1
        return raw[:p] + s.encode("utf-8", errors="surrogatepass") + raw[p:]
    if kind == "insert_bytes":
        p, b = args
        p %= n + 1
        return raw[:p] + b + raw[p:]
    if kind == "delete":
        p, k = args
        p %= n + 1
        return raw[:p] + raw[p + k :]
    if kind == "truncate":
        return raw[: args[0] % (n + 1)]
    lines = raw.split(b"\n")
    if kind == "line":
        i, op = args
        i %= len(lines)
        if op == "drop":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "blank":
            lines.insert(i, b"")
        elif op == "spaces":
            lines.insert(i, b"  \t ")
        elif op == "commas":
            lines.insert(i, b",,, ,")
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "halve":
            lines[i] = lines[i][: len(lines[i]) // 2]
        return b"\n".join(lines)
    if kind == "recode":
        i = args[0] % len(lines)
        text = lines[i].decode("utf-8", errors="replace")
        lines[i] = text.encode(args[1], errors="replace")
        return b"\n".join(lines)
    if kind == "drop_column":
        j, header_too = args

        def drop(r, state={"first": True}):  # noqa: B006 - per-call state
            first, state["first"] = state["first"], False
            if (header_too or not first) and r:
                del r[j % len(r)]
            return r

        return _column_op(raw, drop)
    if kind == "swap_columns":
        i, j = args

        def swap(r):
            if r:
                a, b = i % len(r), j % len(r)
                r[a], r[b] = r[b], r[a]
            return r

        return _column_op(raw, swap)
    if kind == "drop_named":

        def drop_named(r, state={}):  # noqa: B006 - per-call state
            if "j" not in state:
                state["j"] = r.index(args[0]) if args[0] in r else None
            if state["j"] is not None and state["j"] < len(r):
                del r[state["j"]]
            return r

        return _column_op(raw, drop_named)
    if kind == "extra_column":
        name, value = args
        rows = _rows(raw)
        if not rows:
            return raw
        return _unrows([rows[0] + [name]] + [r + [value] if r else r for r in rows[1:]])
    if kind in ("pad_cell", "quote_cell"):
        rows = _rows(raw)
        if not rows or len(rows) < 2:
            return raw
        r = rows[1 + args[0] % (len(rows) - 1)]
        if r:
            j = args[1] % len(r)
            if kind == "pad_cell":
                r[j] = args[2] + r[j] + args[2]
                return _unrows(rows)
            r[j] = _Quoted(r[j])
            return _unrows(rows)
        return raw
    if kind in ("rename_column", "dup_header", "set_cell", "huge_field"):
        rows = _rows(raw)
        if not rows or not rows[0]:
            return raw
        if kind == "rename_column":
            rows[0][args[0] % len(rows[0])] = args[1]
        elif kind == "dup_header":
            rows[0][args[1] % len(rows[0])] = rows[0][args[0] % len(rows[0])]
        else:
            r = rows[1 + args[0] % max(1, len(rows) - 1)] if len(rows) > 1 else rows[0]
            if r:
                value = args[2] if kind == "set_cell" else "x" * args[2]
                r[args[1] % len(r)] = value
        return _unrows(rows)
    if kind == "many_columns":
        k, rows_too = args
        extra = b"".join(b",c%d" % c for c in range(k))
        lines[0] += extra
        if rows_too:
            lines[1:] = [ln + b",v" * k if ln.strip() else ln for ln in lines[1:]]
        return b"\n".join(lines)
    if kind == "whole":
        what = args[0]
        if what == "crlf":
            return raw.replace(b"\n", b"\r\n")
        if what == "cr":
            return raw.replace(b"\n", b"\r")
        if what == "bom":
            return b"\xef\xbb\xbf" + raw
        if what == "header_only":
            return lines[0] + b"\n"
        if what == "no_header":
            return b"\n".join(lines[1:])
        if what == "empty_header":
            return b"\n".join([b""] + lines[1:])
        if what == "commas_header":
            return b"\n".join([b",,,,"] + lines[1:])
        if what == "utf-16":
            return raw.decode("utf-8", errors="replace").encode("utf-16")
    raise AssertionError(f"unknown mutation {m!r}")  # pragma: no cover


def mutate(raw: bytes, mutations: list[tuple]) -> bytes:
    for m in mutations:
        raw = _apply(raw, m)
    return raw


# ------------------------------------------------------------------- the fuzzers

kinds = st.sampled_from(list(LOADERS))
csv_kinds = st.sampled_from(CSV_KINDS)


@_budget(150)
@given(kind=kinds, raw=st.binary(max_size=2048))
@example(kind="config", raw=b"claim = 1")
@example(kind="config", raw=b"claim = 'ab'")
@example(kind="config", raw=b"x = " + b"[" * 3000 + b"]" * 3000)
@example(kind="nodes", raw=b'"id\n')
@example(kind="events", raw=b"\n\n")
def test_random_bytes(kind, raw):
    run_loader(kind, raw)


_csvish = st.lists(st.sampled_from(list("ab1_,;\"'\n\r\t =-") + _STRAY), max_size=200).map("".join)


@_budget(150)
@given(kind=csv_kinds, body=_csvish)
@example(kind="events", body="a,b,attends,,inf,,,,,\n")  # was IntCastingNaNError
@example(kind="events", body="a,b,attends,,,,1e300,,,\n")  # was TypeError (Int64 cast)
@example(kind="events", body='a,b,attends,,,,,"x" y,,\n')  # was loaded as 'x y'
@example(kind="nodes", body='x,X,state,,W,"a\nb,B,state,,W,b"\n')  # was: row b swallowed
@example(kind="nodes", body='x,X,state,,W,"a\nb,B,state,,W,b\n')  # was: row b swallowed
@example(kind="events", body="a,b,attends,,,,,,,\n \nb,c,hosts,,,,,,,\n")  # was: 1 field
def test_header_then_random_text(kind, body):
    """The right header, then random CSV-ish text: reaches the row checks."""
    header = SHIPPED[kind].split(b"\n", 1)[0]
    run_loader(kind, header + b"\n" + body.encode("utf-8", errors="surrogatepass"))


@_budget(200)
@given(kind=kinds, mutations=mutation_lists)
# Inputs that broke the loaders, and what they did then:
@example(kind="edges", mutations=[("set_cell", 3, 4, "inf")])  # IntCastingNaNError
@example(kind="events", mutations=[("set_cell", 3, 6, "1e300")])  # TypeError (Int64 cast)
@example(kind="events", mutations=[("extra_column", "line", "7")])  # ValueError (insert line)
@example(kind="nodes", mutations=[("extra_column", "note", "\r0")])  # row count off by a line
@example(kind="nodes", mutations=[("insert", 186, '"')])  # quote never closed: 30 rows lost
@example(kind="nodes", mutations=[("many_columns", 1317, True)])  # 2.7 s (3000 columns: 17 s)
@example(kind="nodes", mutations=[("rename_column", 4, "\x1b[2J"), ("dup_header", 4, 5)])
@example(kind="nodes", mutations=[("huge_field", 2, 1, 131_073)])  # "cannot be parsed"
@example(kind="nodes", mutations=[("line", 3, "spaces")])  # error "has 1 fields"
def test_mutated_shipped_files(kind, mutations):
    run_loader(kind, mutate(SHIPPED[kind], mutations))


odd_value = st.sampled_from(_VALUES + _STRAY) | st.text(max_size=8)


@st.composite
def event_files(draw):
    """Valid CSV (quoted by the rules) of shipped rows with a few odd cells and blank rows."""
    header, body = EDGE_ROWS[0], EDGE_ROWS[1:]
    picked = draw(st.lists(st.integers(0, len(body) - 1), min_size=1, max_size=12, unique=True))
    rows = [list(body[i]) for i in picked]
    for _ in range(draw(st.integers(0, 3))):
        r = rows[draw(st.integers(0, len(rows) - 1))]
        r[draw(st.integers(0, len(r) - 1))] = draw(odd_value)
    for _ in range(draw(st.integers(0, 3))):
        rows.insert(
            draw(st.integers(0, len(rows))), draw(st.sampled_from([[], [""], [" "], ["", ""]]))
        )
    return [header, *rows]


@_budget(100)
@given(rows=event_files())
@example(rows=[EDGE_ROWS[0], EDGE_ROWS[1][:3] + ["\n"] + EDGE_ROWS[1][4:]])  # was: loaded
def test_well_quoted_event_rows(rows):
    """Valid CSV with odd cells: a clean load keeps every non-blank row, on its line."""
    run_loader("events", _unrows(rows))


# --------------------------------------------------------------- the corpus

CORPUS = Path(__file__).parent / "fuzz_corpus"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.csv")), ids=lambda p: p.name)
def test_fuzz_corpus(path):
    """Each past failure loads cleanly or raises DataError (prefix = loader)."""
    kind = path.name.split("-", 1)[0]
    assert kind in CSV_KINDS, f"name {path.name} must start with one of {CSV_KINDS}"
    run_loader(kind, path.read_bytes())


# ------------------------------------------------------------------ limits


def _problem(kind: str, raw: bytes) -> str:
    err = run_loader(kind, raw)
    assert isinstance(err, io.DataError), "expected a DataError"
    return str(err)


def test_field_over_the_limit_names_line_and_column(monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_FIELD_CHARS", 20)
    raw = b"source,target,relation,evidence\na,b,attends,short\nb,c,attends," + b"y" * 21 + b"\n"
    msg = _problem("events", raw)
    assert "edges.csv:3:4: evidence: 'yyyyyyyyyyyyyyyyyyyyy' is longer than 20 characters" in msg


def test_field_over_the_csv_module_limit_says_too_long():
    big = b"z" * (csv.field_size_limit() + 1)
    raw = b'source,target,relation,evidence\na,b,attends,ok\nb,c,attends,"' + big + b'"\n'
    msg = _problem("events", raw)
    assert "edges.csv:3: has a field longer than" in msg
    assert "cannot be parsed" not in msg


def test_more_than_max_rows_stops_early(monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_ROWS", 10)
    raw = b"source,target,relation\n" + b"a,b,attends\n" * 1000
    msg = _problem("events", raw)
    assert "edges.csv:12: has more than 10 rows (blank rows count too)" in msg


def test_max_rows_itself_is_accepted(monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_ROWS", 5)
    raw = b"source,target,relation\na,b,attends\nb,c,attends\nc,a,attends\n\n\n"
    assert len(run_loader("events", raw)) == 3


def test_blank_rows_count_toward_max_rows(monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_ROWS", 4)
    raw = b"source,target,relation\na,b,attends\nb,c,attends\nc,a,attends\n\n\n"
    assert "edges.csv:6: has more than 4 rows (blank rows count too)" in _problem("events", raw)


def test_blank_rows_cost_no_memory(tmp_path):
    """Blank rows are counted, not kept: traced memory stays a small multiple of the file."""
    raw = b"source,target,relation\n" + b"\n" * 500_000 + b"a,b,attends\n"
    path = tmp_path / "edges.csv"
    path.write_bytes(raw)
    tracemalloc.start()
    try:
        result = io.load_edges(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result["line"].tolist() == [500_002]
    # one list per blank row would take over 50 bytes per row; the text takes 1 to 4
    assert peak < 12 * len(raw)


def test_file_size_is_checked_before_reading(monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", 100)

    def no_reading(self):
        raise AssertionError("the file was read")

    raw = b"source,target,relation\n" + b"a,b,attends\n" * 20
    monkeypatch.setattr(pathlib.Path, "read_bytes", no_reading)
    msg = _problem("events", raw)
    assert f"is {len(raw)} bytes, more than the limit of 100" in msg


def test_max_file_bytes_default():
    assert io.MAX_FILE_BYTES == 2 * 1024**3


def test_memory_stays_bounded_on_a_wide_file():
    """A very wide file (2000 columns): traced peak memory stays within a small multiple."""
    row = b",".join(b"v%d" % i for i in range(2000))
    body = b"".join(b"a%d,b,attends,%s\n" % (i, row) for i in range(20))
    raw = b"source,target,relation," + row + b"\n" + body
    tracemalloc.start()
    try:
        run_loader("events", raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * len(raw)


# ------------------------------------------------- the plain-file fast path

_clean_field = st.sampled_from(["", "x", "ab1", "a b", "é", "中文", "-1.5"])
_padded_field = st.sampled_from([" x", "x ", "\xa0x", "x\u2003", "\x1cx", "\t"])


@st.composite
def plainish(draw):
    """Rows of mostly clean fields, sometimes padded, short, long, blank or unterminated."""
    width = draw(st.integers(2, 3))
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        n = draw(st.sampled_from([width] * 30 + [width - 1, width + 1, 0]))
        fields = [
            draw(_padded_field if draw(st.integers(0, 30)) == 0 else _clean_field) for _ in range(n)
        ]
        lines.append(",".join(fields))
    end = draw(st.sampled_from(["\n", "\n", ""]))
    return ",".join("abc"[:width]), "\n".join(lines) + end


def _read_both(tmp: Path, text: str) -> tuple:
    """`csvfile.read_csv` of text with the fast path, and with the strict parser alone."""
    tmp.write_text(text, encoding="utf-8")

    def outcome():
        try:
            _, df, _ = csvfile.read_csv(tmp, ["a", "b"], ["c"])
        except io.DataError as exc:
            return str(exc)
        return df

    fast = outcome()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(csvfile, "plain_columns", lambda text: None)
        slow = outcome()
    return fast, slow


@_budget(300)
@given(file=plainish())
@example(file=("a,b", "x,y\n,\nz,w\n"))  # a row of only commas is blank
@example(file=("a,b", "x ,y\n"))  # white space at a field's end
@example(file=("a,b", "x,\xa0y"))  # non-ASCII white space, no final line break
@example(file=("a,b", "é,中\n"))
@example(file=("a,b", "x,y,\n"))  # a field too many
@example(file=("a, b", "x,y\n"))  # a padded header
def test_plain_fast_path_matches_the_strict_parser(file):
    """Quote-free files: the numpy/pandas path gives the strict parser's table or error."""
    header, body = file
    text = header + "\n" + body
    event("plain" if csvfile.plain_columns(text) is not None else "strict parser")
    with tempfile.TemporaryDirectory() as d:
        fast, slow = _read_both(Path(d) / "t.csv", text)
    if isinstance(slow, str):
        assert fast == slow
    else:
        assert not isinstance(fast, str), fast
        pd.testing.assert_frame_equal(fast, slow)


def test_plain_fast_path_is_taken_for_machine_written_files():
    text = "a,b,c\n" + "".join(f"x{i},y{i},\n" for i in range(50))
    header, columns = csvfile.plain_columns(text)
    assert header == ["a", "b", "c"]
    assert list(columns[0])[:2] == ["x0", "x1"]
    assert list(columns[2]) == [""] * 50
    assert csvfile.plain_columns('a,b\n"x",y\n') is None  # quotes: the strict parser
