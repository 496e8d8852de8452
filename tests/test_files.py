"""Safe output: atomic writes, formula-safe CSV (OWASP CSV injection) and Markdown escaping."""

from __future__ import annotations

import html
import os
import stat

import numpy as np
import pandas as pd
import pytest

from graph import files
from graph.files import (
    FORMULA_PREFIXES,
    atomic_path,
    atomic_write_bytes,
    atomic_write_text,
    code_span,
    csv_safe,
    escape_markdown,
    write_csv,
)


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _write_then_fail(target, exc):
    with atomic_path(target) as tmp:
        tmp.write_text("half of the new cont")
        assert tmp.parent == target.parent
        raise exc


# ------------------------------------------------------------------ atomic writes


def test_atomic_write_leaves_no_temp_file(tmp_path):
    target = tmp_path / "a.txt"
    assert atomic_write_text(target, "héllo") == target
    assert target.read_text(encoding="utf-8") == "héllo"
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert _leftovers(tmp_path) == []


def test_exception_mid_write_keeps_previous_content(tmp_path):
    target = tmp_path / "a.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError, match="disk full"):
        _write_then_fail(target, RuntimeError("disk full"))
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_keyboard_interrupt_mid_write_keeps_previous_content(tmp_path):
    target = tmp_path / "a.csv"
    target.write_text("old\n")
    with pytest.raises(KeyboardInterrupt):
        _write_then_fail(target, KeyboardInterrupt())
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_write_csv_failure_keeps_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "t.csv"
    target.write_text("old\n")

    def boom(df, **kwargs):
        raise ValueError("cannot")

    monkeypatch.setattr(files, "csv_safe", boom)
    with pytest.raises(ValueError, match="cannot"):
        write_csv(pd.DataFrame({"a": [1]}), target)
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_atomic_path_creates_the_folder(tmp_path):
    target = tmp_path / "new" / "deeper" / "x.txt"
    atomic_write_text(target, "x")
    assert target.read_text() == "x"


# ------------------------------------------------------------------- csv_safe


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_csv_safe_neutralizes_each_prefix(prefix):
    value = prefix + 'HYPERLINK("http://x")'
    df = pd.DataFrame({"text": [value, "plain"]})
    safe = csv_safe(df)
    assert safe["text"].tolist() == ["'" + value, "plain"]
    assert df["text"].tolist() == [value, "plain"]  # the caller's frame is untouched


@pytest.mark.parametrize("dtype", [object, "string", "str", "category"])
def test_csv_safe_all_text_dtypes(dtype):
    df = pd.DataFrame({"t": pd.Series(["=x", "y", "-z"], dtype=dtype)})
    assert csv_safe(df)["t"].tolist() == ["'=x", "y", "'-z"]


def test_csv_safe_leaves_numbers_and_benign_text():
    df = pd.DataFrame(
        {
            "neg": [-1.5, -2.0, np.nan],
            "ints": [-1, 0, 1],
            "flag": [True, False, True],
            "text": ["Baku", "a - b", "it's =fine inside"],
            "mixed": pd.Series([-3, None, "ok"], dtype=object),
        }
    )
    safe = csv_safe(df)
    pd.testing.assert_frame_equal(safe, df)
    assert safe["neg"].dtype == np.float64


def test_csv_safe_index_and_column_labels():
    df = pd.DataFrame({"=col": [1, 2]}, index=pd.Index(["-sisi", "aliyev"], name="node"))
    safe = csv_safe(df)
    assert safe.index.tolist() == ["'-sisi", "aliyev"]
    assert safe.index.name == "node"
    assert safe.columns.tolist() == ["'=col"]
    numeric = pd.DataFrame({"a": ["=1"]}, index=[-1])
    assert csv_safe(numeric).index.tolist() == [-1]


def test_csv_safe_multiindex():
    idx = pd.MultiIndex.from_tuples([("=a", 1), ("b", -2)])
    safe = csv_safe(pd.DataFrame({"v": [1, 2]}, index=idx))
    assert safe.index.tolist() == [("'=a", 1), ("b", -2)]


# ------------------------------------------------------------------ write_csv


def test_write_csv_round_trip_shows_prefixes(tmp_path):
    df = pd.DataFrame(
        {
            "evidence": ["- a gathering convened", "=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "ok"],
            "weight": [-1.5, 2.0, 3.0, 4.0, 5.0],
        },
        index=pd.Index(["-n1", "n2", "n3", "n4", "n5"], name="id"),
    )
    path = write_csv(df, tmp_path / "out" / "t.csv")
    assert path == tmp_path / "out" / "t.csv"
    back = pd.read_csv(path, index_col="id")
    assert back["evidence"].tolist() == [
        "'- a gathering convened",
        "'=cmd|' /C calc'!A0",
        "'+1",
        "'@SUM(A1)",
        "ok",
    ]
    assert back["weight"].tolist() == [-1.5, 2.0, 3.0, 4.0, 5.0]
    assert back.index.tolist() == ["'-n1", "n2", "n3", "n4", "n5"]
    assert _leftovers(path.parent) == []


def test_write_csv_without_index_and_tab_prefix(tmp_path):
    df = pd.DataFrame({"q": ["\tx", "\ry"]})
    path = write_csv(df, tmp_path / "t.csv", index=False)
    back = pd.read_csv(path, keep_default_na=False)
    assert back["q"].tolist() == ["'\tx", "'\ry"]
    assert path.read_text(encoding="utf-8").startswith("q\n")


# -------------------------------------------------------------- escape_markdown


def test_escape_markdown_pipe_and_newline():
    cell = escape_markdown("Aliyev | Erdogan\nsecond line\r\nthird")
    assert cell == "Aliyev \\| Erdogan second line third"
    assert "\n" not in cell
    row = f"| {cell} | 1 |"
    assert row.count(" | ") == 1  # the escaped pipe does not split the cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*bold*", "\\*bold\\*"),
        ("snake_case", "snake\\_case"),
        ("`code`", "\\`code\\`"),
        ("[x](http://e)", "\\[x\\](http\\://e)"),
        ("<script>", "&lt;script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("AT&T", "AT&amp;T"),
        ("# heading", "\\# heading"),
        ("back\\slash", "back\\\\slash"),
        ("plain text, 2025", "plain text, 2025"),
    ],
)
def test_escape_markdown_specials(text, expected):
    assert escape_markdown(text) == expected


def test_html_escape_is_enough_for_html():
    assert html.escape('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"


# ----------------------------------------------- Markdown as a renderer reads it

mistune = pytest.importorskip("mistune")
# escape=False: raw HTML passes through, as in a browser's Markdown preview
_RENDER = mistune.create_markdown(escape=False, plugins=["url", "strikethrough", "math", "table"])


@pytest.mark.parametrize(
    "text",
    [
        "see https://example.org/a_b now",
        "www.example.org",
        "write to press@example.org",
        "~~struck~~ and ~single~",
        "$E = mc^2$ and $$x$$",
        "*emphasis* and __strong__",
        "[a link](https://example.org)",
        "<b>bold</b> &amp; &lt;",
        "- a list item",
        "1. a numbered item",
        "# a heading",
        "> a quote",
        "a | b",
        "`code`",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "AT&T &#60;b&#62;",
    ],
)
def test_escaped_text_renders_as_plain_text(text):
    """Rendered by a Markdown engine with autolinks, strike-through and math, the escaped
    text is one paragraph of exactly the original characters: no link, no markup."""
    escaped = escape_markdown(text)
    assert "<" not in escaped  # no engine can read a tag: Python-Markdown, for one, does
    # not take a backslash before "<" as an escape, so entities, not backslashes
    html_out = _RENDER(escaped)
    assert html_out == f"<p>{html.escape(text, quote=False)}</p>\n"


def test_escaped_cell_stays_one_cell():
    row = f"| {escape_markdown('a | b ~~c~~ https://x.org')} | 2 |"
    table = _RENDER("| name | n |\n| --- | --- |\n" + row + "\n")
    assert table.count("<td>") == 2
    assert "<del>" not in table
    assert "<a " not in table


@pytest.mark.parametrize(
    "path", ["third_text/edges.csv", "a`b.csv", "`start", "end`", "a\\b*c_d|e", "x\ny"]
)
def test_code_span_shows_a_path_exactly(path):
    html_out = _RENDER(f"- {code_span(path)}")
    shown = html_out.split("<code>")[1].split("</code>")[0]
    assert html.unescape(shown) == path.replace("\n", " ")
    assert "\\" not in shown or "\\" in path


# ------------------------------------------------------------------- umask


def test_atomic_writes_follow_the_umask(tmp_path):
    previous = os.umask(0o007)
    try:
        atomic_write_text(tmp_path / "a.txt", "x")
        write_csv(pd.DataFrame({"a": [1]}), tmp_path / "b.csv")
    finally:
        os.umask(previous)
    for name in ("a.txt", "b.csv"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o660
    assert files.umask() == previous
