r"""The coded tables: ``nodes.csv`` and ``edges.csv``, checked against the schema and the text.

Examples
--------
>>> import tempfile, pathlib
>>> tmp = tempfile.TemporaryDirectory()
>>> p = pathlib.Path(tmp.name) / "nodes.csv"
>>> _ = p.write_text("id,label,type,bloc\naz,Azerbaijan,state,South Caucasus\n")
>>> load_nodes(p)[["id", "type", "bloc"]].to_dict("records")
[{'id': 'az', 'type': 'state', 'bloc': 'South Caucasus'}]
>>> tmp.cleanup()
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from graph import schema
from graph.errors import Suggestions
from graph.io.csvfile import Collector, read_csv
from graph.io.states import suggest_code, world_states
from graph.io.text import HINT_CHARS, Article, misquote, normalize_quote

__all__ = ["load_nodes", "load_edges", "relation_hint"]

#: Largest paragraph number accepted when there is no text to bound it.
_MAX_PARAGRAPH = 2**31 - 1

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f", ""}
_ID_RE = re.compile(schema.ID_PATTERN)
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE_RE = re.compile(r"^[A-Za-z]{3}$")


#: Past forms that no suffix rule undoes, to their verb.
_IRREGULAR = {
    "met": "meet",
    "fought": "fight",
    "led": "lead",
    "said": "say",
    "spoke": "speak",
    "spoken": "speak",
    "took_part": "take_part",
    "founded": "found",
}


def _verb_forms(value: str) -> list[str]:
    """The forms a relation written as a verb may stand for: "meets" -> "meet", "allied" -> ...

    Examples
    --------
    >>> _verb_forms("Meets with")[:3]
    ['meets_with', 'meets', 'meet']
    """
    v = re.sub(r"[\s\-]+", "_", value.strip().lower())
    out = [v]
    for tail in ("_with", "_to", "_on", "_in", "_at"):
        if v.endswith(tail):
            out.append(v[: -len(tail)])
    for w in list(out):
        out.append(_IRREGULAR.get(w, w))
        for suffix, undo in (
            ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
            ("d", ""), ("ing", ""), ("ing", "e"),
        ):  # fmt: skip
            if w.endswith(suffix) and len(w) > len(suffix) + 2:
                out.append(w[: -len(suffix)] + undo)
    return list(dict.fromkeys(out))


def relation_hint(value: str) -> str:
    """The relations a verb means, as a hint for a relation that is not one ("" if none known).

    Looked up by meaning in :data:`graph.schema.RELATION_VERBS`, after undoing
    the verb's -s, -ed and -ing and a trailing preposition.

    Examples
    --------
    >>> relation_hint("meets")
    "did you mean 'negotiates_with' or 'attends'? (to meet is coded as one of these)"
    >>> relation_hint("backed")
    "did you mean 'supports'? (to back is coded so)"
    >>> relation_hint("cooperates"), relation_hint("zzz")
    ("did you mean 'cooperates_with'? (to cooperate is coded so)", '')
    """
    for form in _verb_forms(value):
        relations = schema.RELATION_VERBS.get(form)
        if relations:
            named = " or ".join(repr(r) for r in relations)
            how = "coded as one of these" if len(relations) > 1 else "coded so"
            return f"did you mean {named}? (to {form.replace('_', ' ')} is {how})"
    return ""


def load_nodes(path: str | Path) -> pd.DataFrame:
    """Load and validate ``nodes.csv``.

    Parameters
    ----------
    path : str or Path
        CSV with columns ``id, label, type, bloc`` and optionally ``country, aliases, code``.

    Returns
    -------
    pandas.DataFrame
        One row per node: ``id, label, type, country, bloc, aliases`` (a list),
        ``code`` (a state's ISO 3166 alpha-3 code, upper case, or None),
        ``line`` (the row's line in the file), and any extra columns.

    Raises
    ------
    DataError
        Naming file, line and column of every problem found (up to :data:`MAX_PROBLEMS`).

    Examples
    --------
    >>> from graph.io import default_paths
    >>> nodes = load_nodes(default_paths()["nodes"])
    >>> nodes.loc[nodes["id"] == "azerbaijan", "type"].item()
    'state'
    """
    optional = ("country", "aliases", "code")
    name, df, col = read_csv(path, ("id", "label", "type", "bloc"), optional, unstripped=("code",))
    for c in optional:
        if c not in df:
            df[c] = ""
    col.bad_values(df, "id", df["id"] == "", "is empty", "give every node an id")
    bad_id = (df["id"] != "") & ~df["id"].str.match(_ID_RE.pattern)
    col.bad_values(df, "id", bad_id, "is not a valid id", "use letters, digits and _ . : - only")
    _refuse_missing_words(col, df, "id")
    dup = df["id"].duplicated(keep="first") & (df["id"] != "")
    first_line = df.loc[df["id"] != ""].groupby("id")["line"].min()
    for line, v in col.first_rows(df, "id", dup):
        if line != first_line[v]:
            col.add(
                line,
                "id",
                v,
                f"is a duplicate id (first on line {first_line[v]})",
                "give each node one row and a unique id",
            )
    bad_type = col.bad_vocabulary(df, "type", schema.NODE_TYPES, "is not a node type")
    df["label"] = df["label"].where(df["label"] != "", df["id"])
    needs_bloc = ~df["type"].isin(list(schema.EVENT_TYPES)) & (df["bloc"] == "")
    col.bad_values(
        df,
        "bloc",
        needs_bloc & ~bad_type,
        "is empty",
        "give every actor a bloc (only events and platforms may have none)",
    )
    states = set(df.loc[df["type"] == "state", "id"])
    no_country = (df["type"] == "leader") & (df["country"] == "")
    col.bad_values(
        df,
        "country",
        no_country,
        "is empty for a leader",
        "give the id of the state they lead (a person may have none)",
    )
    bad_country = (df["country"] != "") & ~df["country"].isin(list(states))
    index = Suggestions(states) if bad_country.any() else None
    for line, v in col.first_rows(df, "country", bad_country):
        hint = index.hint(v)
        col.add(
            line,
            "country",
            v,
            "is not the id of a state node",
            hint or "add the state to nodes.csv or fix the id",
        )
    _check_codes(col, df, bad_type)
    col.raise_if_any()
    df["country"] = _none_if_empty(df["country"])
    df["bloc"] = _none_if_empty(df["bloc"])
    df["aliases"] = [[a.strip() for a in s.split(";") if a.strip()] for s in df["aliases"]]
    df["code"] = _none_if_empty(df["code"].str.upper())
    first = ["id", "label", "type", "country", "bloc", "aliases", "code", "line"]
    return df[first + [c for c in df.columns if c not in first]].reset_index(drop=True)


def _refuse_missing_words(col: Collector, df: pd.DataFrame, column: str) -> None:
    """An id that pandas and R read as a missing value (NA, nan, None) cannot round-trip."""
    col.bad_values(
        df,
        column,
        df[column].isin(list(schema.MISSING_WORDS)),
        "is read as a missing value by pandas and R, so exported tables would lose it",
        "use another id, e.g. a name in lower case",
    )


def _check_codes(col: Collector, df: pd.DataFrame, bad_type: pd.Series) -> None:
    """``code``: a state's ISO 3166 alpha-3 code as the world data know it, upper case, once."""
    raw = df["code"]
    code = raw.str.strip()
    given = code != ""
    padded = given & (raw != code)
    for line, v in col.first_rows(df, "code", padded):
        col.add(line, "code", v, "has spaces around it", f"write {v.strip().upper()!r}")
    bad = given & ~padded & ~code.str.match(_CODE_RE.pattern)
    col.bad_values(
        df, "code", bad, "is not a three-letter code", "write the ISO 3166 alpha-3 code (AZE)"
    )
    lower = given & ~padded & ~bad & (code != code.str.upper())
    for line, v in col.first_rows(df, "code", lower):
        col.add(line, "code", v, "is not in upper case", f"write {v.upper()!r}")
    not_state = given & ~bad & (df["type"] != "state") & ~bad_type
    col.bad_values(
        df, "code", not_state, "is given for a node that is not a state", "leave code blank"
    )
    df["code"] = code
    states = world_states()
    ok = given & ~padded & ~bad & ~lower & ~not_state
    if states:
        unknown = ok & ~code.isin(list(states))
        for line, v in col.first_rows(df, "code", unknown):
            row = df.loc[df["line"] == line].iloc[0]
            names = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
            col.add(
                line,
                "code",
                v,
                "is not the code of a state in the world data (data/world/states.csv)",
                suggest_code(v, label=row["label"] or row["id"], names=(row["id"], *names)),
            )
        ok &= ~unknown
    dup = ok & code.duplicated(keep="first")
    first = df.loc[ok].groupby(code[ok])["line"].min()
    ids = dict(zip(df["line"], df["id"], strict=True))
    for line, v in col.first_rows(df, "code", dup):
        col.add(
            line,
            "code",
            v,
            f"is also the code of {ids[first[v]]!r} (line {first[v]})",
            "give each state its own code",
        )


def _parse_edge_values(col: Collector, df: pd.DataFrame) -> pd.DataFrame:
    """Check and convert directed, sign, weight, stated, date; return typed columns."""
    d = df["directed"].str.lower()
    bad = ~d.isin(_TRUE | _FALSE)
    col.bad_values(df, "directed", bad, "is not true or false", "write true or false")
    directed = d.isin(_TRUE)

    s = df["sign"].replace({"": "0", "+1": "1", "+": "1", "-": "-1"})
    sign = pd.to_numeric(s, errors="coerce")
    bad = ~sign.isin([-1, 0, 1])
    col.bad_values(
        df,
        "sign",
        bad,
        "is not a sign",
        "use 1 (cooperative), 0 (neutral) or -1 (conflictual)",
    )

    w = df["weight"].replace({"": "1"})
    weight = pd.to_numeric(w, errors="coerce")
    bad = ~(np.isfinite(weight) & (weight > 0))
    col.bad_values(df, "weight", bad, "is not a positive number", "use e.g. 1 or 2.5")

    bad = ~df["stated"].isin(["", *schema.STATED])
    col.bad_values(
        df,
        "stated",
        bad,
        "is not explicit or inferred",
        "write explicit (the text states it) or inferred (the coder infers it)",
    )

    bad = (df["date"] != "") & ~_valid_dates(df["date"])
    col.bad_values(df, "date", bad, "is not an ISO date", "write YYYY, YYYY-MM or YYYY-MM-DD")
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
    *,
    nodes: pd.DataFrame | None = None,
    article: Article | None = None,
) -> pd.DataFrame:
    """Load and validate ``edges.csv`` against the nodes and the text.

    Length: one pass of checks over the edges table in the order of its columns, each adding its
    problems to one collector, so that a run reports every problem of the file at once.

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
    >>> from graph.io import default_paths, load_text
    >>> p = default_paths()
    >>> art = load_text(p["article"])
    >>> edges = load_edges(p["edges"], nodes=load_nodes(p["nodes"]), article=art)
    >>> bool(edges["paragraph"].between(1, art.n_paragraphs).all())
    True
    """
    required = ["source", "target", "relation"]
    optional = ["directed", "sign", "weight", "paragraph", "evidence", "stated", "date"]
    if article is not None:
        required += ["paragraph", "evidence"]
        optional = [c for c in optional if c not in required]
    name, df, col = read_csv(path, required, optional)
    for c in schema.EDGE_COLUMNS:
        if c not in df:
            df[c] = ""
    ids = set(nodes["id"]) if nodes is not None else None
    index, aliases = None, {}
    if nodes is not None:
        for i, al in zip(nodes["id"], nodes["aliases"], strict=False):
            for a in al:
                aliases.setdefault(a.lower(), i)
    for c in ("source", "target"):
        empty = df[c] == ""
        col.bad_values(df, c, empty, "is empty", "give a node id")
        if ids is None:  # no nodes.csv: the ids are the nodes, held to the same rule
            bad_id = ~empty & ~df[c].str.match(_ID_RE.pattern)
            col.bad_values(
                df, c, bad_id, "is not a valid id", "use letters, digits and _ . : - only"
            )
            _refuse_missing_words(col, df, c)
        else:
            unknown = ~empty & ~df[c].isin(list(ids))
            if index is None and unknown.any():
                index = Suggestions(ids, aliases=aliases)
            for line, v in col.first_rows(df, c, unknown):
                col.add(
                    line,
                    c,
                    v,
                    "is not a node id in nodes.csv",
                    index.hint(v) or "add the node to nodes.csv or fix the id",
                )
    loop = (df["source"] == df["target"]) & (df["source"] != "")
    col.bad_values(
        df,
        "target",
        loop,
        "is the same as source (a self-loop)",
        "a tie joins two different nodes",
    )
    col.bad_vocabulary(df, "relation", schema.RELATIONS, "is not a relation", meaning=relation_hint)
    typed = _parse_edge_values(col, df)
    para = pd.to_numeric(df["paragraph"].replace("", np.nan), errors="coerce")
    n_par = article.n_paragraphs if article is not None else _MAX_PARAGRAPH
    bad = (df["paragraph"] != "") & ~((para >= 1) & (para <= n_par) & (para % 1 == 0))
    if article is not None:
        bad |= df["paragraph"] == ""
    fix = f"give a paragraph number from 1 to {n_par}" if article else "give a positive integer"
    col.bad_values(df, "paragraph", bad, "is not a paragraph number", fix)
    key = df[list(schema.EDGE_COLUMNS)]
    dup = key.duplicated(keep="first")
    if dup.any():
        first = df["line"].groupby([key[c] for c in key], sort=False).transform("first")
        for line, first_line in col.first_rows(df.assign(first=first), "first", dup):
            col.add(
                line,
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
    col.bad_values(
        df, "evidence", empty, "is empty", "quote the words of the text that state the tie"
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
        what, message, fix = misquote(article, quote[:HINT_CHARS], p, noun="evidence quote")
        if what == "paragraph":
            col.add(line, "paragraph", str(p), message, fix)
        else:
            col.add(line, "evidence", quote, message, fix)


def _none_if_empty(s: pd.Series) -> pd.Series:
    return s.astype(object).where(s != "", None)
