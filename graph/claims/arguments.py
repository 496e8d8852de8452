"""The arguments of the claim test, checked at its door: the focus, the sides, the workers.

:func:`checked_arguments` raises what a Python caller expects: a
:class:`~graph.errors.DataTypeError` (a :class:`TypeError`) for a value of the
wrong type, such as a bare string where a list of sides is meant or ``None``
for the focus, and a :class:`~graph.errors.DataError` (a :class:`ValueError`)
for a value that does not fit the graph: a focus that is not a node, a side
with no node. (A name in a list of sides that is neither a bloc nor a node id
is refused where the sides are resolved, :func:`graph.claims.prepare.claimed_sides`.)
Each says the value, what is wrong and the fix, in one line.

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> checked_arguments(G, "b", between=["a", "c"], n_jobs=1)
1
>>> checked_arguments(G, "b", between="ac", n_jobs=1)
Traceback (most recent call last):
...
graph.errors.DataTypeError: between: 'ac' is a string, not a list of sides; ...
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import networkx as nx

from graph.errors import DataError, DataTypeError, Problem, did_you_mean
from graph.workers import capped_jobs

__all__ = ["checked_arguments"]


def _bad(kind, name: str, value, message: str, fix: str):
    return kind([Problem.setting(name, value, message, fix)])


def _check_focus(G: nx.Graph, focus) -> None:
    if focus is None or not isinstance(focus, Hashable):
        raise _bad(
            DataTypeError,
            "focus",
            repr(focus),
            f"is {type(focus).__name__}, not a node",
            "give the node the claim is about",
        )
    if focus not in G:
        hint = did_you_mean(str(focus), [str(n) for n in G], cutoff=0.6)
        raise _bad(DataError, "focus", focus, "is not a node of the graph", hint or "check the id")


def _members(name, value) -> list:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise _bad(
            DataTypeError,
            "between",
            f"{name}: {value!r}",
            "gives a side's nodes as "
            + ("a string" if isinstance(value, str) else type(value).__name__)
            + ", not a list",
            f"give a list of node ids: {{{name!r}: [{value!r}]}}",
        )
    members = list(value)
    if not members:
        raise _bad(DataError, "between", name, "is a side with no node", "name its nodes")
    for m in members:
        if m is None or not isinstance(m, Hashable):
            raise _bad(DataTypeError, "between", repr(m), f"(side {name!r}) is not a node", "")
    return members


def _check_between(between) -> None:
    if between is None:
        return
    if isinstance(between, str | bytes):
        raise _bad(
            DataTypeError,
            "between",
            between,
            "is a string, not a list of sides",
            f"give a list, e.g. between=[{between!r}, ...]",
        )
    if not isinstance(between, Iterable):
        raise _bad(
            DataTypeError,
            "between",
            repr(between),
            f"is {type(between).__name__}, not a list of sides",
            'give a list of blocs or node ids, or a mapping side -> nodes: between=["A", "B"]',
        )
    if isinstance(between, Mapping):
        for name, value in between.items():
            _members(name, value)
        return
    for side in between:
        if side == "":
            raise _bad(DataError, "between", "", "is an empty name", "name each side")
        if side is None or not isinstance(side, Hashable):
            raise _bad(
                DataTypeError,
                "between",
                repr(side),
                "is not a bloc name or a node id",
                "name the sides the focus connects",
            )


def checked_arguments(G: nx.Graph, focus, *, between=None, n_jobs=1):
    """Check the claim test's arguments; return ``n_jobs`` capped at the CPUs available.

    Raises
    ------
    graph.errors.DataTypeError
        For a focus that is None or unhashable, ``between`` given as a string
        (or anything but a list or mapping), a side's nodes given as a string.
    graph.errors.DataError
        For a focus that is not a node of ``G``, a side with no node, an
        empty name of a side, or ``n_jobs`` of 0.
    """
    _check_focus(G, focus)
    _check_between(between)
    return capped_jobs(n_jobs)
