"""Checks before any world-layer work: the focus is a state with a code, the options fit.

Examples
--------
>>> from graph import io
>>> focus_problems(io.load_dataset(), "azerbaijan")
[]
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.errors import DataError, Problem
from graph.world.base import LAYERS, SCOPES, resolve_period
from graph.world.codes import CodeMap, map_states
from graph.world.years import check_years

__all__ = ["focus_problems", "check_world_options"]


def focus_problems(dataset, focus: str, codes: CodeMap | None = None) -> list[Problem]:
    """Why the world layer cannot test a claim about ``focus``: [] when it can.

    The world layer tests states that map to a code: a focus of another type,
    or a state that maps to no code (its problem names the line of nodes.csv
    and the fix), cannot be tested.

    Examples
    --------
    >>> from graph import io
    >>> ds = io.load_dataset()
    >>> print(focus_problems(ds, "ilham_aliyev")[0])
    focus: 'ilham_aliyev' is a leader, not a state; the world layer tests states: ...
    """
    if codes is None:
        codes = map_states(
            dataset.nodes, file=dataset.paths.get("nodes", "nodes.csv"), hint_for=[focus]
        )
    if focus in codes.codes:
        return []
    if focus in codes.labels:  # a state that does not map: its own problem says why
        own = [p for p in codes.unmapped if p.value == focus or f"(state {focus!r})" in p.message]
        return own or list(codes.unmapped)
    types = dataset.nodes.set_index("id")["type"]
    kind = str(types[focus]) if focus in types.index else ""
    what = f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}" if kind else "not a node id"
    return [
        Problem.setting(
            "focus",
            focus,
            f"is {what}, not a state",
            "the world layer tests states: give a state's node id as the focus",
        )
    ]


def check_world_options(
    layers: Iterable[str], *, year=None, period=None, scope: str = "world"
) -> None:
    """Check the world layer's options before any long work.

    A year or period outside every chosen layer's years is refused, naming
    each layer's years.

    Raises
    ------
    graph.errors.DataError
        Naming the parameter (``layers``, ``year``, ``period``, ``scope``).

    Examples
    --------
    >>> check_world_options(["votes", "trade"])
    Traceback (most recent call last):
    ...
    graph.errors.DataError: layers: 'trade' is not a world layer; choose from alliance, ...
    """
    layers = list(layers)
    problems = [
        Problem.setting(
            "layers", str(name), "is not a world layer", f"choose from {', '.join(LAYERS)}"
        )
        for name in layers
        if name not in LAYERS
    ]
    if scope not in SCOPES:
        problems.append(
            Problem.setting(
                "scope", str(scope), "is not a scope", f"choose from {', '.join(SCOPES)}"
            )
        )
    if problems:
        raise DataError(problems)
    if year is not None or period is not None:
        resolve_period(year, period)
        check_years(layers, year=year, period=period)
