"""The claim test's arguments checked against its graph, at its door: the focus, the sides.

:class:`~graph.claims.options.ClaimOptions` checks every option on its own
when it is made; :func:`checked_arguments` checks what needs the graph: the
focus is a node of it, and every node of a side given as a mapping is one.
It raises what a Python caller expects: a
:class:`~graph.errors.DataTypeError` (a :class:`TypeError`) for a focus of
the wrong type (``None``, unhashable), a :class:`~graph.errors.DataError` (a
:class:`ValueError`) for a value that does not fit the graph. (A name in a
list of sides that is neither a bloc nor a node id is refused where the
sides are resolved, :func:`graph.claims.prepare.claimed_sides`.) Each says
the value, what is wrong and the fix, in one line.

Examples
--------
>>> import networkx as nx
>>> from graph.claims.options import ClaimOptions
>>> G = nx.path_graph(["a", "b", "c"])
>>> checked_arguments(G, "b", ClaimOptions(between=["a", "c"])).n_jobs
1
>>> checked_arguments(G, "b", ClaimOptions(between={"W": ["a"], "E": ["z"]}))
Traceback (most recent call last):
...
graph.errors.DataError: between: 'z' (side 'E') is not a node of the graph; ...
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping

import networkx as nx

from graph.claims.options import ClaimOptions
from graph.errors import DataError, DataTypeError, Problem, did_you_mean
from graph.workers import capped_jobs

__all__ = ["checked_arguments"]


def _check_focus(G: nx.Graph, focus) -> None:
    if focus is None or not isinstance(focus, Hashable):
        raise DataTypeError(
            [
                Problem.setting(
                    "focus",
                    repr(focus),
                    f"is {type(focus).__name__}, not a node",
                    "give the node the claim is about",
                )
            ]
        )
    if focus not in G:
        hint = did_you_mean(str(focus), [str(n) for n in G], cutoff=0.6)
        raise DataError(
            [Problem.setting("focus", focus, "is not a node of the graph", hint or "check the id")]
        )


def _check_sides(G: nx.Graph, between) -> None:
    """Every node of a side given as a mapping is a node of ``G``."""
    if not isinstance(between, Mapping):
        return
    for name, members in between.items():
        for m in members:
            if m not in G:
                hint = did_you_mean(str(m), [str(n) for n in G], cutoff=0.6)
                raise DataError(
                    [
                        Problem.setting(
                            "between",
                            m,
                            f"(side {name!r}) is not a node of the graph",
                            hint or "give the sides' nodes in the graph tested",
                        )
                    ]
                )


def checked_arguments(G: nx.Graph, focus, options: ClaimOptions) -> ClaimOptions:
    """Check the focus and the sides against ``G``; the options with ``n_jobs`` capped.

    ``n_jobs`` above the CPUs available is lowered to them
    (:func:`graph.workers.capped_jobs`).

    Raises
    ------
    graph.errors.DataTypeError
        For a focus that is None or unhashable.
    graph.errors.DataError
        For a focus that is not a node of ``G``, a node of a side (given as
        a mapping) that is not one, or ``n_jobs`` of 0.
    """
    _check_focus(G, focus)
    _check_sides(G, options.between)
    return dataclasses.replace(options, n_jobs=capped_jobs(options.n_jobs))
