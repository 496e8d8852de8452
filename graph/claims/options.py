"""The claim test's options as one typed object, checked once where the test begins.

:class:`ClaimOptions` holds every option of
:func:`graph.claims.assess_bridge_claim`: what the test graph holds
(``between``, ``claim_ties``, ``ties``, ``places``, ``blocs``...) and how the
test runs (``samples``, ``seed``, ``alpha``, ``null``, workers, progress). It
checks its values when it is made, so that every later stage reads values
that are known to be right; :meth:`ClaimOptions.given` applies keyword
changes and refuses a keyword that is not an option with a
:class:`TypeError` that names the closest one. The command line, the
pipeline, the world layer and a script all pass the same object.

Examples
--------
>>> ClaimOptions(samples=99).samples
99
>>> ClaimOptions.given(None, sample=99)
Traceback (most recent call last):
...
graph.errors.DataTypeError: options: 'sample' is not an option; did you mean 'samples'?
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from graph.errors import DataError, DataTypeError, Problem, did_you_mean
from graph.seeds import Seed

__all__ = [
    "DEFAULT_SAMPLES",
    "MAX_SAMPLES",
    "NULL_CHOICES",
    "TIES_CHOICES",
    "ClaimOptions",
]

#: Null-model samples per test by default: an upper bound, as sequential stopping ends a
#: test once its decision is settled (see :mod:`graph.claims.plan` for the caps that
#: robustness variants and large graphs put on it).
DEFAULT_SAMPLES = 10_000

#: Most samples accepted (each costs 8 bytes and a rewiring).
MAX_SAMPLES = 10_000_000

#: The degree-preserving nulls the claim test can use ("auto": two-mode where the view folds
#: events, rewiring otherwise).
NULL_CHOICES: tuple[str, ...] = ("auto", "twomode", "rewire")

#: What ties the test graph keeps: cooperative and neutral ones ("channels"), or all.
TIES_CHOICES: tuple[str, ...] = ("channels", "all")

_FLAGS = ("include_claim_ties", "places", "sequential", "robustness", "progress")


def _bad(kind, name: str, value: Any, message: str, fix: str = "") -> DataError:
    return kind([Problem.setting(name, value, message, fix)])


def _check_side_members(name, value) -> None:
    if isinstance(value, str) or not isinstance(value, Iterable):
        what = "a string" if isinstance(value, str) else type(value).__name__
        raise _bad(
            DataTypeError,
            "between",
            f"{name}: {value!r}",
            f"gives a side's nodes as {what}, not a list",
            f"give a list of node ids: {{{name!r}: [{value!r}]}}",
        )
    members = list(value)
    if not members:
        raise _bad(DataError, "between", name, "is a side with no node", "name its nodes")
    for m in members:
        if m is None or not isinstance(m, Hashable):
            raise _bad(DataTypeError, "between", repr(m), f"(side {name!r}) is not a node")


def _checked_between(between) -> tuple | dict | None:
    """``between`` as a tuple of names or a dict side -> tuple of nodes, or None."""
    if between is None:
        return None
    if isinstance(between, str | bytes) or not isinstance(between, Iterable):
        what = "a string" if isinstance(between, str | bytes) else type(between).__name__
        raise _bad(
            DataTypeError,
            "between",
            between if isinstance(between, str) else repr(between),
            f"is {what}, not a list of sides",
            'give a list of blocs or node ids, or a mapping side -> nodes: between=["A", "B"]',
        )
    if isinstance(between, Mapping):
        for name, value in between.items():
            _check_side_members(name, value)
        return {name: tuple(value) for name, value in between.items()}
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
    return tuple(between)


def _check_choice(name: str, value, choices: tuple[str, ...]) -> None:
    if value not in choices:
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        raise _bad(DataError, name, value, "is not a choice", hint or f"use one of {choices}")


def _check_samples(samples) -> None:
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer):
        raise _bad(DataTypeError, "samples", repr(samples), "is not a whole number")
    if not 1 <= samples <= MAX_SAMPLES:
        raise _bad(
            DataError, "samples", samples, f"is not from 1 to {MAX_SAMPLES:,}", "give 1000, say"
        )


def _check_seed(seed) -> None:
    if seed is None or isinstance(seed, np.random.Generator):
        return
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise _bad(
            DataTypeError if not isinstance(seed, int | np.integer) else DataError,
            "seed",
            repr(seed),
            "is not a seed",
            "give None, a whole number from 0, or a numpy Generator",
        )


def _check_numbers(options: ClaimOptions) -> None:
    _check_samples(options.samples)
    _check_seed(options.seed)
    if isinstance(options.alpha, bool) or not isinstance(options.alpha, int | float):
        raise _bad(DataTypeError, "alpha", repr(options.alpha), "is not a number")
    if not 0 < options.alpha < 1:
        raise _bad(DataError, "alpha", options.alpha, "is not between 0 and 1", "give 0.05, say")


@dataclass(frozen=True, kw_only=True)
class ClaimOptions:
    """Every option of the claim test (see :func:`graph.claims.assess_bridge_claim`).

    What the test graph holds: ``between`` (the sides the claim names),
    ``known`` (node ids of the whole dataset), ``claim_ties``,
    ``include_claim_ties``, ``ties``, ``places``, ``blocs``. How the test
    runs: ``samples`` (an upper bound per test), ``seed``, ``alpha``,
    ``null``, ``sequential``, ``robustness``, ``n_jobs``, ``progress``.
    Values are checked when the object is made; ``between``, ``known`` and
    ``claim_ties`` are kept as tuples.

    Raises
    ------
    graph.errors.DataTypeError
        (a TypeError) For a value of the wrong type, such as ``between``
        given as a string or ``samples`` as a float.
    graph.errors.DataError
        (a ValueError) For a value out of range or not among the choices.

    Examples
    --------
    >>> ClaimOptions(between=["brics", "sco"]).between
    ('brics', 'sco')
    >>> ClaimOptions(alpha=2)
    Traceback (most recent call last):
    ...
    graph.errors.DataError: alpha: '2' is not between 0 and 1; give 0.05, say
    """

    between: tuple | Mapping | None = None
    known: tuple = ()
    claim_ties: tuple[int, ...] = ()
    include_claim_ties: bool = False
    ties: str = "channels"
    places: bool = False
    blocs: str | Mapping = "bloc"
    samples: int = DEFAULT_SAMPLES
    seed: Seed = 0
    alpha: float = 0.05
    null: str = "auto"
    sequential: bool = True
    robustness: bool = True
    n_jobs: int | None = 1
    progress: bool = True

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "between", _checked_between(self.between))
        set_(self, "known", tuple(self.known))
        try:
            set_(self, "claim_ties", tuple(int(t) for t in self.claim_ties))
        except (TypeError, ValueError):
            raise _bad(
                DataTypeError, "claim_ties", repr(self.claim_ties), "are not tie ids"
            ) from None
        for name in _FLAGS:
            if not isinstance(getattr(self, name), bool | np.bool_):
                raise _bad(DataTypeError, name, repr(getattr(self, name)), "is not True or False")
        _check_choice("ties", self.ties, TIES_CHOICES)
        _check_choice("null", self.null, NULL_CHOICES)
        if not isinstance(self.blocs, str | Mapping):
            raise _bad(
                DataTypeError,
                "blocs",
                repr(self.blocs),
                "is not an attribute name, a mapping or 'detected'",
            )
        _check_numbers(self)

    @classmethod
    def given(
        cls, options: ClaimOptions | None = None, others: tuple[str, ...] = (), /, **changes
    ) -> ClaimOptions:
        """``options`` (default: the defaults) with ``changes``, each checked.

        ``others``: the caller's other keywords, among which a mistyped one's
        closest name is looked for too.

        Raises
        ------
        graph.errors.DataTypeError
            For a keyword that is not an option (the message names the
            closest), or ``options`` that is not a ClaimOptions.
        """
        if options is not None and not isinstance(options, cls):
            raise _bad(
                DataTypeError,
                "options",
                type(options).__name__,
                "is not a ClaimOptions",
                "give ClaimOptions(...) or keywords",
            )
        names = [f.name for f in dataclasses.fields(cls)]
        for key in changes:
            if key not in names:
                hint = did_you_mean(key, [*names, *others]) or f"the options are {', '.join(names)}"
                raise _bad(DataTypeError, "options", key, "is not an option", hint)
        return dataclasses.replace(options or cls(), **changes)
