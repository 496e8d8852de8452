r"""The analysis settings of a dataset: ``analysis.toml``, every key checked where it is read.

:func:`load_config` reads the file and checks the type and range of every key
of its ``[claim]`` table (a problem names the file, the line, the key, the bad
value and the fix); :func:`check_claim` then checks the settings against the
data: the statement stands in its paragraph of the text, the names in
``between`` are blocs or nodes, the lines in ``claim_ties`` are ties.

Examples
--------
>>> load_config()["focus"]
'azerbaijan'
>>> import tempfile, pathlib
>>> tmp = tempfile.TemporaryDirectory()
>>> p = pathlib.Path(tmp.name) / "analysis.toml"
>>> _ = p.write_text('[claim]\nfocus = "a"\nparagraph = "six"\n')
>>> load_config(p)
Traceback (most recent call last):
...
graph.errors.DataError: ...analysis.toml:3:1: paragraph: 'six' is text, not a whole number; ...
>>> tmp.cleanup()
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from graph.errors import DataError, Problem, Suggestions
from graph.io.csvfile import CONTROL_RE, MAX_PROBLEMS, read_text
from graph.io.paths import default_paths
from graph.io.text import Article, misquote

__all__ = ["VIEWS", "CLAIM_KEYS", "Config", "load_config", "check_claim"]

#: The views a claim can be tested in (the same as ``graph.networks.VIEWS``).
VIEWS: tuple[str, ...] = ("full", "actors", "states")

#: The keys of the ``[claim]`` table and what each holds.
CLAIM_KEYS: dict[str, str] = {
    "focus": "the node id of the actor the claim is about",
    "view": "the view the claim is tested in: full, actors or states",
    "statement": "the claim, quoted verbatim from the text",
    "paragraph": "the number of the paragraph of the text the statement stands in",
    "between": "the blocs or node ids the claim says the focus connects (two or more)",
    "claim_ties": "the lines of edges.csv whose evidence is the claim itself",
    "date": "when the claim was made (2025, 2025-10 or 2025-10-13): the world layer uses the "
    "data nearest before it",
}

#: The tables of ``analysis.toml`` and their keys.
TABLES: dict[str, dict[str, str]] = {"claim": CLAIM_KEYS}

#: Largest paragraph number accepted before the text is known.
_MAX_PARAGRAPH = 2**31 - 1

_KEY_RE = re.compile(r"""\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_.\-]+))\s*=""")
_TABLE_RE = re.compile(r"""\s*\[\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_.\-]+))\s*\]\s*(?:#.*)?$""")


class Config(dict):
    """The ``[claim]`` settings (a dict), with the file they came from and the line of each key.

    ``item_lines`` holds, for a list written over several lines, the line of
    each of its text items (:meth:`line_of` gives it, else the key's line).

    Examples
    --------
    >>> c = load_config()
    >>> c.path.endswith("analysis.toml"), c.lines["focus"] > 1
    (True, True)
    >>> c.line_of("between", "sco") == c.lines["between"]
    True
    """

    def __init__(self, values=(), *, path: str = "analysis.toml", lines=None, item_lines=None):
        super().__init__(values)
        self.path = path
        self.lines: dict[str, int] = dict(lines or {})
        self.item_lines: dict[str, dict[str, int]] = dict(item_lines or {})

    def line_of(self, key: str, item: object = None) -> int | None:
        """The line where ``item`` of list ``key`` stands (the key's line if not known)."""
        return self.item_lines.get(key, {}).get(item, self.lines.get(key))


def _item_lines(text: str, lines: Mapping[str, int], claim: Mapping) -> dict[str, dict[str, int]]:
    """For each list of text in ``claim``, the line of each item, searched from the key's line."""
    rows = text.split("\n")
    out: dict[str, dict[str, int]] = {}
    for key, value in claim.items():
        if not isinstance(value, list) or key not in lines:
            continue
        where: dict[str, int] = {}
        number = lines[key]
        for item in (v for v in value if isinstance(v, str)):
            quoted = (json.dumps(item, ensure_ascii=False), f"'{item}'")
            for n in range(number, min(len(rows), number + 10 * len(value) + 10) + 1):
                if any(q in rows[n - 1] for q in quoted):
                    where.setdefault(item, n)
                    number = n
                    break
        out[key] = where
    return out


def _toml_kind(value: object) -> str:
    """What a TOML value is, in words."""
    if isinstance(value, bool):
        return "true or false"
    kinds = [
        (str, "text"),
        (int, "a whole number"),
        (float, "a decimal number"),
        (list, "a list"),
        (dict, "a table"),
        (datetime.datetime, "a date and time"),
        (datetime.date, "a date"),
        (datetime.time, "a time"),
    ]
    return next((word for t, word in kinds if isinstance(value, t)), type(value).__name__)


def _shown(value: object) -> str:
    """A value as TOML writes it (true, not True)."""
    if isinstance(value, bool):
        return str(value).lower()
    return value if isinstance(value, str) else str(value)


def _key_lines(text: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(table, key) -> (line, column) of each ``key = value`` line of a TOML text."""
    where: dict[tuple[str, str], tuple[int, int]] = {}
    table = ""
    for number, line in enumerate(text.split("\n"), start=1):
        if m := _TABLE_RE.match(line):
            table = next(g for g in m.groups() if g)
            where.setdefault(("", table.split(".")[0]), (number, line.index("[") + 1))
        elif m := _KEY_RE.match(line):
            key = next(g for g in m.groups() if g)
            head, _, rest = key.rpartition(".")
            full = f"{table}.{head}".strip(".") if head else table
            where.setdefault((full, rest), (number, len(line) - len(line.lstrip()) + 1))
    return where


def _text_problem(key: str, value: object, *, empty_ok: bool = False) -> tuple[str, str] | None:
    """(message, fix) if ``value`` is not acceptable text for ``key``."""
    example = {"focus": '"azerbaijan"', "view": '"states"'}.get(key, '"..."')
    if not isinstance(value, str):
        return f"is {_toml_kind(value)}, not text", f"write it in quotes: {key} = {example}"
    if not value.strip() and not empty_ok:
        return "is empty", f"give {CLAIM_KEYS[key]}, or delete the line"
    if m := CONTROL_RE.search(value):
        return f"contains a control character U+{ord(m.group()):04X}", "delete it"
    return None


def _int_problem(key: str, value: object, low: int) -> tuple[str, str] | None:
    """(message, fix) if ``value`` is not a whole number from ``low`` on."""
    if isinstance(value, bool) or not isinstance(value, int):
        example = "12" if key == "claim_ties" else "6"
        if isinstance(value, str) and value.strip().isdigit():
            example = value.strip()
        elif isinstance(value, float) and value.is_integer() and value >= low:
            example = str(int(value))
        return (
            f"is {_toml_kind(value)}, not a whole number",
            f"write a number without quotes or decimals: {key} = {example}",
        )
    if not low <= value <= _MAX_PARAGRAPH:
        return f"is not a whole number from {low} to {_MAX_PARAGRAPH}", f"give {CLAIM_KEYS[key]}"
    return None


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _date_problem(value: object) -> tuple[str, str] | None:
    """(message, fix) if ``value`` is not a year, year-month or day."""
    fix = 'write date = "2025", "2025-10" or "2025-10-13"'
    if isinstance(value, datetime.datetime | datetime.time) or not isinstance(
        value, str | datetime.date
    ):
        return f"is {_toml_kind(value)}, not a date", fix
    if isinstance(value, datetime.date):
        return None
    m = _DATE_RE.match(value.strip())
    try:
        if not m:
            raise ValueError
        datetime.date(*(int(g) if g else 1 for g in m.groups()))
    except ValueError:
        return "is not a date", fix
    return None


def _check_key(key: str, value: object) -> list[tuple[str, str, str]]:
    """Problems of one ``[claim]`` key: (shown value, message, fix) each."""
    shown = _shown(value)
    if key == "date":
        p = _date_problem(value)
        return [(shown, *p)] if p else []
    if key in ("focus", "statement"):
        p = _text_problem(key, value)
        return [(shown, *p)] if p else []
    if key == "view":
        p = _text_problem(key, value)
        if p is None and value not in VIEWS:
            hint = Suggestions(VIEWS).hint(value.strip().lower())
            p = ("is not a view", (hint + " " if hint else "") + f"choose {', '.join(VIEWS)}")
        return [(shown, *p)] if p else []
    if key == "paragraph":
        p = _int_problem(key, value, 1)
        return [(shown, *p)] if p else []
    if not isinstance(value, list):
        example = '["Europe", "Asia"]' if key == "between" else "[12, 14]"
        return [(shown, f"is {_toml_kind(value)}, not a list", f"write {key} = {example}")]
    out = []
    if key == "between":
        if len(value) < 2:
            out.append((shown, "names fewer than two sides", "name at least two blocs or node ids"))
        for item in value:
            p = _text_problem(key, item)
            if p and not isinstance(item, str):
                p = (p[0], 'write each name in quotes: between = ["Europe", "Asia"]')
            if p:
                out.append((_shown(item), *p))
    else:  # claim_ties
        for item in value:
            p = _int_problem(key, item, 2)
            if p:
                out.append((_shown(item), p[0], "give lines of edges.csv (line 1 is the header)"))
    seen = set()
    for item in value:
        if isinstance(item, str | int) and item in seen:
            out.append((str(item), "is named twice", "name it once"))
        seen.add(item if isinstance(item, str | int) else id(item))
    return out


def load_config(path: str | Path | None = None) -> Config:
    """Read the dataset's analysis settings: the ``[claim]`` table, every key checked.

    Parameters
    ----------
    path : str or Path, optional
        A TOML file; defaults to the shipped ``analysis.toml``. A missing default
        file gives an empty configuration.

    Returns
    -------
    Config
        The ``[claim]`` table (possibly empty) as a dict of checked values:
        ``focus`` (text), ``view`` (one of :data:`VIEWS`), ``statement``
        (text), ``paragraph`` (a whole number from 1), ``between`` (a list of
        two or more names), ``claim_ties`` (a list of line numbers).

    Raises
    ------
    DataError
        For a file that is not TOML, an unknown table or key (with the closest
        known one), or a value of the wrong type or range: one line each,
        naming the file, the line, the key and the fix.

    Examples
    --------
    >>> load_config()["focus"]
    'azerbaijan'
    """
    p = Path(path) if path is not None else default_paths()["config"]
    if path is None and not p.exists():
        return Config(path=str(p))
    name, text = read_text(p)
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
    where = _key_lines(text)
    problems = []

    def add(table, key, value, message, fix, *, named=True, items=None):
        line, column = where.get((table, key), (None, None))
        if items and value in items:  # an item of a list written over several lines
            line, column = items[value], None
        problems.append(Problem(name, line, column, key if named else None, value, message, fix))

    tables = Suggestions(TABLES, cutoff=0.6)
    for key in conf:
        if key not in TABLES:
            hint = tables.hint(key)
            fix = hint or f"the settings go under a line [{', '.join(TABLES)}]"
            add("", key, None, f"[{key}] is not a known table", fix, named=False)
    claim = conf.get("claim", {})
    if not isinstance(claim, dict):
        add("", "claim", str(claim), "is not a table", "put the settings under a line [claim]")
        raise DataError(problems)
    keys = Suggestions(CLAIM_KEYS, cutoff=0.6)
    lines = {k: where[("claim", k)][0] for k in claim if ("claim", k) in where}
    item_lines = _item_lines(text, lines, claim)
    for key, value in claim.items():
        if key not in CLAIM_KEYS:
            known = ", ".join(CLAIM_KEYS)
            fix = keys.hint(key) or f"the keys of [claim] are {known}"
            add("claim", key, key, "is not a known setting of [claim]", fix, named=False)
            continue
        for shown, message, fix in _check_key(key, value):
            items = item_lines.get(key) if shown != _shown(value) else None
            add("claim", key, shown, message, fix, items=items)
    if problems:
        raise _limited(problems)
    return Config(claim, path=name, lines=lines, item_lines=item_lines)


def check_claim(
    config: Mapping,
    article: Article | None = None,
    *,
    nodes=None,
    edges=None,
) -> None:
    """Check the claim settings against the data they describe.

    The ``paragraph`` must exist in the text and the ``statement`` stand in
    it, checked as every evidence quote is (typographic quotes and spaces
    aside; the fix names the paragraph that holds it, or the closest
    passage); the names in ``between`` must be blocs or node ids, the lines
    in ``claim_ties`` lines of ties in ``edges.csv``. What is not given is
    not checked.

    Parameters
    ----------
    config : mapping
        The settings from :func:`load_config`.
    article : Article, optional
        The text.
    nodes, edges : DataFrame, optional
        The validated tables.

    Raises
    ------
    DataError
        One problem per setting that does not fit, naming the file and line.

    Examples
    --------
    >>> from graph.io import load_dataset
    >>> ds = load_dataset()
    >>> check_claim(load_config(), ds.article, nodes=ds.nodes, edges=ds.edges)
    >>> check_claim(Config({"paragraph": 99}), ds.article)
    Traceback (most recent call last):
    ...
    graph.errors.DataError: analysis.toml: paragraph: '99' is not a paragraph of ...
    """
    name = getattr(config, "path", "analysis.toml")
    lines = getattr(config, "lines", {})
    problems = []

    def add(key, value, message, fix, *, item=False):
        line = config.line_of(key, value) if item and hasattr(config, "line_of") else None
        line = line or lines.get(key)
        problems.append(Problem(name, line, None, key, str(value), message, fix))

    statement, paragraph = config.get("statement"), config.get("paragraph")
    if article is not None and paragraph is not None:
        if not 1 <= paragraph <= article.n_paragraphs:
            add(
                "paragraph",
                paragraph,
                f"is not a paragraph of {article.path}",
                f"give a paragraph number from 1 to {article.n_paragraphs}",
            )
        elif statement:
            wrong = misquote(article, statement, paragraph, noun="statement")
            if wrong is not None:
                what, message, fix = wrong
                key = "paragraph" if what == "paragraph" else "statement"
                add(key, paragraph if key == "paragraph" else statement, message, fix)
    elif article is not None and statement and not article.find(statement):
        _, message, fix = misquote(article, statement, 0, noun="statement")
        add("statement", statement, message, fix)
    if nodes is not None and config.get("between"):
        names = set(nodes["id"]) | {b for b in nodes["bloc"] if isinstance(b, str)}
        index = Suggestions(names)
        for side in config["between"]:
            if side not in names:
                hint = index.hint(side) if len(problems) < MAX_PROBLEMS else ""
                add(
                    "between",
                    side,
                    "is neither a bloc nor a node id",
                    hint or "check nodes.csv",
                    item=True,
                )
    if edges is not None and config.get("claim_ties"):
        ties = set(edges["line"])
        for line in config["claim_ties"]:
            if line not in ties:
                add("claim_ties", line, "is not the line of a tie in edges.csv", "check the line")
    if problems:
        raise _limited(problems)


def _limited(problems: list[Problem]) -> DataError:
    """The problems of one settings file, at most :data:`MAX_PROBLEMS` listed, the rest counted."""
    return DataError(problems[:MAX_PROBLEMS], more=max(0, len(problems) - MAX_PROBLEMS))
