r"""The analyst's review of ``proposed_edges.csv`` turned into ``edges.csv``, then checked.

Each row's ``review`` says what becomes of it: ``accept`` (also ``yes``,
``y``, ``ok``, ``x``) takes the row as it stands, cells edited in place
included; ``reject`` (``no``, ``n``) and an empty cell leave it out; edits
``column=value; column=value`` (``relation=hosts; sign=0``) take the row with
those cells changed. The accepted rows are checked as ``edges.csv`` is
(node ids, vocabularies, every quote in its paragraph) and each problem is
named by its line in ``proposed_edges.csv``; only then is ``edges.csv``
written (atomically). Then the whole folder is validated as ``validate`` does:
what it still lacks (a bloc, a leader's state) is returned, not raised, so the
caller can say that ``edges.csv`` was written and what is left to do.

An ``edges.csv`` already there is replaced only when every row of it is one
of the proposals (as proposed, or as the review makes it): a row written by
hand is never lost silently (``replace=True`` overwrites it all the same).

Examples
--------
>>> review_action(" Accept "), review_action(""), review_action("relation=hosts; sign=0")
('accept', None, {'relation': 'hosts', 'sign': '0'})
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from graph import io, schema
from graph.draft.write import csv_text
from graph.errors import DataError, Problem
from graph.files import atomic_path
from graph.io.csvfile import display_name, read_csv

__all__ = ["Accepted", "accept_reviews", "review_action"]

_ACCEPT = {"accept", "accepted", "a", "yes", "y", "ok", "x"}
_REJECT = {"reject", "rejected", "r", "no", "n"}


@dataclass(frozen=True)
class Accepted:
    """What :func:`accept_reviews` did: the file written, the counts, what the folder lacks."""

    path: Path
    accepted: int
    edited: int
    rejected: int
    unreviewed: int
    replaced: bool
    problems: list[str] = field(default_factory=list)


def review_action(value: str):
    """``("accept" | "reject" | None, edits or None)`` for a ``review`` cell.

    Raises
    ------
    ValueError
        When the cell is none of these (the message says why).
    """
    v = value.strip()
    if v.lower() in _ACCEPT:
        return "accept"
    if v.lower() in _REJECT:
        return "reject"
    if not v:
        return None
    if "=" not in v:
        raise ValueError("is not accept, reject or an edit")
    edits = {}
    for part in v.split(";"):
        if not part.strip():
            continue
        key, sep, val = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in schema.EDGE_COLUMNS:
            raise ValueError(f"edits {key or part.strip()!r}, which is not a column of edges.csv")
        edits[key] = val.strip()
    return edits


def _proposals(path: Path):
    name, df, col = read_csv(
        path,
        ["source", "target", "relation", "review"],
        list(schema.EDGE_COLUMNS) + ["score", "why"],
    )
    rows, lines, counts = [], [], {"accept": 0, "edit": 0, "reject": 0, "none": 0}
    fix = "write accept, reject, or edits such as relation=hosts; sign=0"
    for rec in df.to_dict("records"):
        try:
            action = review_action(rec.get("review", ""))
        except ValueError as exc:
            col.add(rec["line"], "review", rec["review"], str(exc), fix)
            continue
        row = {c: rec.get(c, "") for c in schema.EDGE_COLUMNS}
        if isinstance(action, dict):
            row.update(action)
            counts["edit"] += 1
        elif action is None:
            counts["none"] += 1
            continue
        else:
            counts[action] += 1
            if action == "reject":
                continue
        rows.append(row)
        lines.append(int(rec["line"]))
    col.raise_if_any()
    every = [{c: r.get(c, "") for c in schema.EDGE_COLUMNS} for r in df.to_dict("records")]
    return name, rows, lines, counts, every


def _lenient_nodes(path: Path) -> pd.DataFrame | None:
    """The node ids and aliases of ``nodes.csv`` (before its blocs are filled in)."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as f:
        recs = list(csv.DictReader(f))
    return pd.DataFrame(
        {
            "id": [r.get("id", "") for r in recs],
            "aliases": [[a for a in (r.get("aliases") or "").split(";") if a] for r in recs],
        }
    )


def _check_rows(tmp: Path, folder: Path, proposals_name: str, lines: list[int]) -> None:
    """Check the accepted rows as ``edges.csv``; name problems by their proposal lines."""
    article = folder / "article.txt"
    try:
        io.load_edges(
            tmp,
            nodes=_lenient_nodes(folder / "nodes.csv"),
            article=io.load_text(article) if article.is_file() else None,
        )
    except DataError as err:
        tmp_name = display_name(tmp)
        problems = []
        for p in err.problems:
            if p.file == tmp_name:
                line = lines[p.line - 2] if p.line and 2 <= p.line < len(lines) + 2 else p.line
                p = Problem(
                    proposals_name, line, p.column, p.column_name, p.value, p.message, p.fix
                )
            problems.append(p)
        raise DataError(problems, more={proposals_name: err.more}) from None


def _foreign_line(path: Path, allowed: list[dict]) -> int | None:
    """The first line of an existing ``edges.csv`` that no proposal gives, or None."""
    keys = {tuple(str(r.get(c, "")) for c in schema.EDGE_COLUMNS) for r in allowed}
    with path.open(encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            if tuple(str(r.get(c) or "") for c in schema.EDGE_COLUMNS) not in keys:
                return i
    return None


def accept_reviews(folder: str | Path, *, replace: bool = False) -> Accepted:
    """Write ``edges.csv`` from the accepted rows of ``proposed_edges.csv``, then validate.

    Parameters
    ----------
    folder : str or Path
        A draft folder (``proposed_edges.csv``, ``nodes.csv``, ``article.txt``).
    replace : bool, default False
        Overwrite an ``edges.csv`` that holds rows no proposal gives.

    Returns
    -------
    Accepted
        With ``problems``: the folder's remaining validation problems, one line each.

    Raises
    ------
    DataError
        No ``proposed_edges.csv``; a review cell that means nothing; no row
        accepted; an accepted row that ``validate`` would refuse (named by its
        line in ``proposed_edges.csv``); an ``edges.csv`` with rows written by hand.
    """
    folder = Path(folder)
    proposals = folder / "proposed_edges.csv"
    if not proposals.is_file():
        raise DataError(
            [
                Problem(
                    display_name(proposals),
                    message="not found",
                    fix="draft the folder first: actor-graph draft TEXT --out FOLDER",
                )
            ]
        )
    name, rows, lines, counts, every = _proposals(proposals)
    if not rows:
        raise DataError(
            [
                Problem(
                    name,
                    column_name="review",
                    message="accepts no row",
                    fix="write accept in the review column (or use review.html)",
                )
            ]
        )
    target = folder / "edges.csv"
    existed = target.exists()
    if existed and not replace:
        line = _foreign_line(target, every + rows)
        if line is not None:
            raise DataError(
                [
                    Problem(
                        display_name(target),
                        line,
                        message="is not among the proposals (written by "
                        "hand?): accepting would lose it",
                        fix="add it to proposed_edges.csv with review accept, or pass --replace",
                    )
                ]
            )
    with atomic_path(target) as tmp:
        tmp.write_text(csv_text(rows, schema.EDGE_COLUMNS), encoding="utf-8")
        _check_rows(tmp, folder, name, lines)
    problems = []
    try:
        io.load_dataset(data=folder)
    except DataError as err:
        problems = str(err).splitlines()
    return Accepted(
        target,
        counts["accept"],
        counts["edit"],
        counts["reject"],
        counts["none"],
        existed,
        problems,
    )
