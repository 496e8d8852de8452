"""The states of the world data, as ``nodes.csv``'s ``code`` column is checked against them.

A state's ``code`` links it to the world layers (``data/world/states.csv``:
ISO 3166 alpha-3 codes of current and former states, with their names). A
code that the world data do not know (``SUN``, ``YUG``, ``HKG``), one given
to two nodes, or one written in lower case or with spaces around it would
only show later, when the world layer says the state "has no code"; the
loader refuses it at once, with the closest code and its state's name.

Examples
--------
>>> STATES = world_states()
>>> STATES["AZE"]
'Azerbaijan'
>>> suggest_code("AZR", label="Azerbaijan")
'use AZE (Azerbaijan)'
"""

from __future__ import annotations

import csv
from functools import lru_cache

from graph.errors import Suggestions
from graph.io.paths import data_dir

__all__ = ["world_states", "suggest_code"]


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """(ISO3 -> name, lower-cased name or alias -> ISO3) from the shipped states.csv."""
    path = data_dir() / "world" / "states.csv"
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError:  # a copy of the package without the world data: nothing to check against
        return {}, {}
    names = {r["iso3"]: r["name"] for r in rows if r.get("iso3")}
    by_name: dict[str, str] = {}
    for r in rows:
        for name in [r.get("name", ""), *(r.get("names") or "").split(";")]:
            if name.strip():
                by_name.setdefault(name.strip().lower(), r["iso3"])
    return names, by_name


def world_states() -> dict[str, str]:
    """ISO3 code -> name of every state in ``data/world/states.csv`` (empty if it is missing).

    Examples
    --------
    >>> "SUN" in world_states(), "RUS" in world_states()
    (False, True)
    """
    return dict(_table()[0])


@lru_cache(maxsize=1)
def _codes_index() -> Suggestions:
    return Suggestions(_table()[0], cutoff=0.6)


def suggest_code(code: str, *, label: str = "", names: tuple[str, ...] = ()) -> str:
    """The fix for a code the world data do not know, with the state's name.

    The state named like the node (its label, id or aliases), else the
    closest code.

    Examples
    --------
    >>> suggest_code("SUN", label="Soviet Union")
    'use RUS (Russia)'
    >>> suggest_code("XYZ")
    'use a code of data/world/states.csv'
    """
    states, by_name = _table()
    for name in (label, *names):
        named = by_name.get(name.strip().lower())
        if named:
            return f"use {named} ({states[named]})"
    best = _codes_index().closest(code.upper())
    if best:
        return f"use a code of data/world/states.csv, e.g. {best} ({states[best]})"
    return "use a code of data/world/states.csv"
