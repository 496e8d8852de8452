"""The shipped world tables (``data/world/``), read once and kept typed in memory.

Each loader reads one CSV of ``data/world/`` (see its ``README.md`` for the
sources, years, terms and citations), converts its columns and caches the
result, so building many layer graphs reads each file once. The frames
returned by :func:`world_table` are copies: changing them changes nothing here.

:data:`COVERAGE` gives the years each source covers; a graph built for a year
outside them says so in its notes.

Examples
--------
>>> states = world_table("states")
>>> int(states.loc[states["iso3"] == "AZE", "cown"].item())
373
>>> COVERAGE["events"]
(2002, 2014)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from graph.io import data_dir

__all__ = [
    "COVERAGE",
    "SOURCES",
    "TABLES",
    "VoteMatrix",
    "world_dir",
    "world_table",
    "has_table",
    "cached_table",
    "vote_matrix",
]

#: First and last year each layer's source covers (``igo``: COW IGO to 2014, then the
#: hand-coded table to 2025; ``votes``: the ideal points of 1946-2025; ``corridors``: the
#: routes' opening years, to 2025).
COVERAGE: dict[str, tuple[int, int]] = {
    "igo": (1816, 2025),
    "alliance": (1815, 2018),
    "votes": (1946, 2025),
    "events": (2002, 2014),
    "corridors": (1900, 2025),
}

#: Short citation of each layer's source (the full references are in data/world/README.md).
SOURCES: dict[str, str] = {
    "igo": "Correlates of War IGO v3 (Pevehouse et al. 2020), to 2014; "
    "hand-coded memberships (data/world/memberships_2015_2025.csv), 2015-2025",
    "alliance": "ATOP 5.1 (Leeds et al. 2002), treaty members",
    "votes": "UN General Assembly ideal points (Bailey, Strezhnev and Voeten 2017)",
    "events": "ICEWS dyad-year event counts (Boschee et al. 2015)",
    "corridors": "hand-coded oil pipelines and transport corridors "
    "(data/world/corridors.csv); Global Energy Monitor's gas pipelines",
}

#: The files behind each table name.
TABLES: dict[str, str] = {
    "states": "states.csv",
    "votes": "un_votes.csv",
    "igos": "igos.csv",
    "igo_memberships": "igo_memberships.csv",
    "alliances": "atop_alliances.csv",
    "events": "icews_events.csv",
    "memberships": "memberships_2015_2025.csv",
    "ideal_points": "un_ideal_points.csv",
    "atop_members": "atop_members.csv",
    "corridors": "corridors.csv",
    "pipelines": "pipelines.csv",
}

#: Columns read as integers (blank cells become pandas' NA).
_INTS = {
    "states": ["cown"],
    "igos": ["ionum", "start", "end", "political", "social", "economic"],
    "igo_memberships": ["cown", "start", "end"],
    "alliances": [
        "cown1",
        "cown2",
        "start",
        "end",
        "defense",
        "offense",
        "neutral",
        "nonagg",
        "consul",
        "def_clique_min",
        "def_clique_max",
        "any_clique_min",
        "any_clique_max",
    ],
    "events": ["year", "verb_coop", "matl_coop", "verb_conf", "matl_conf"],
    "ideal_points": ["cown", "year", "votes"],
    "atop_members": [
        "atopid",
        "phase",
        "cown",
        "start",
        "end",
        "defense",
        "offense",
        "neutral",
        "nonagg",
        "consul",
    ],
}

#: Columns read as decimal numbers (blank cells become NaN).
_FLOATS = {"ideal_points": ["ideal_point", "q05", "q10", "q50", "q90", "q95"]}


def world_dir() -> Path:
    """Return the folder of the shipped world tables (installed copy or source checkout).

    Examples
    --------
    >>> (world_dir() / "states.csv").is_file()
    True
    """
    return data_dir() / "world"


def world_table(name: str) -> pd.DataFrame:
    """Return a copy of one shipped world table, typed.

    Parameters
    ----------
    name : str
        One of :data:`TABLES`: ``states``, ``votes``, ``igos``, ``igo_memberships``,
        ``alliances``, ``events``, ``memberships``.

    Returns
    -------
    pandas.DataFrame
        Text columns as strings (blank cells are empty strings), count and year
        columns as integers (nullable where the table has blanks). In
        ``memberships`` the ``start`` and ``end`` dates are also given as
        ``start_date`` and ``end_date`` (:class:`datetime.date`; a year alone
        counts from 1 January, a year and month from the 1st; a blank ``end``
        is None: still in that status).

    Raises
    ------
    ValueError
        If ``name`` is not a table.

    Examples
    --------
    >>> m = world_table("memberships")
    >>> m.loc[(m["iso3"] == "FIN") & (m["organization"] == "NATO"), "start_date"].item()
    datetime.date(2023, 4, 4)
    """
    return cached_table(name).copy()


def has_table(name: str) -> bool:
    """Whether a table is shipped (a source whose terms allow no copy ships only its rebuild).

    Examples
    --------
    >>> has_table("states")
    True
    """
    return name in TABLES and (world_dir() / TABLES[name]).is_file()


@cache
def cached_table(name: str) -> pd.DataFrame:
    """The cached, typed table itself (as :func:`world_table`, not copied): read it only.

    Examples
    --------
    >>> cached_table("states") is cached_table("states")
    True
    """
    if name not in TABLES:
        raise ValueError(f"unknown world table {name!r}; choose one of {', '.join(TABLES)}")
    ints, floats = _INTS.get(name, []), _FLOATS.get(name, [])
    # numbers parsed by pandas' C reader as it reads (blank: missing), the rest kept as text
    # (blank: ""): 8 times faster on the events table than converting text columns after
    types = defaultdict(lambda: str, {c: "Int64" for c in ints} | {c: float for c in floats})
    df = pd.read_csv(
        world_dir() / TABLES[name],
        dtype=types,
        keep_default_na=False,
        na_values={c: [""] for c in (*ints, *floats)},
        encoding="utf-8",
    )
    if name == "memberships":
        df["start_date"] = [_date(s) for s in df["start"]]
        df["end_date"] = [_date(s) if s else None for s in df["end"]]
    return df


def _date(text: str) -> dt.date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first day it names."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


class VoteMatrix(NamedTuple):
    """The UN roll calls as arrays: one row per roll call, one column per state."""

    votes: np.ndarray  # int8: 0 no vote, 1 yes, 2 no, 3 abstain
    years: np.ndarray  # year of each roll call
    dates: list[str]  # ISO date of each roll call
    states: list[str]  # ISO3 of each column


@cache
def vote_matrix() -> VoteMatrix:
    """The roll calls of ``un_votes.csv`` as an int8 matrix (read once).

    Examples
    --------
    >>> m = vote_matrix()
    >>> m.votes.shape == (len(m.years), len(m.states))
    True
    """
    df = cached_table("votes")
    states = [c for c in df.columns if len(c) == 3 and c.isupper()]
    codes = {"": 0, "y": 1, "n": 2, "a": 3}
    raw = df[states].to_numpy(dtype=object)
    votes = np.zeros(raw.shape, dtype=np.int8)
    for value, code in codes.items():
        votes[raw == value] = code
    years = df["date"].str.slice(0, 4).astype(int).to_numpy()
    return VoteMatrix(votes, years, df["date"].tolist(), states)
