"""Which years of each world layer test a claim: the nearest before the claim's date, and the gap.

A claim has a date (``date`` in ``[claim]`` of ``analysis.toml``: ``2025``,
``2025-10`` or ``2025-10-13``). Each layer uses the data nearest before it:

- year-level sources (alliances, events, ideal points, corridors, COW IGO to
  2014) use whole years before the claim's year: a claim made in 2025 is
  tested on 2024 at the latest, because data of 2025 may postdate it;
- the hand-coded memberships (2015-2025) are dated to the day: they are read
  as they stood on the claim's first day (``2025-10`` reads 1 October 2025);
- events use the five years ending there (one year of news is thin);
- ideal points use the latest year in which the focus voted on at least
  :data:`graph.world.positions.MIN_VOTES` roll calls.

Each layer reports its years and the gap in years between its last year and
the claim's (0 for memberships read on the claim's day). Without a date, each
layer uses its latest years (:data:`DEFAULT_PERIODS`) and says so; a year or
period given by the user applies to every layer.

Examples
--------
>>> claim_day("2025-10")
datetime.date(2025, 10, 1)
>>> y = layer_years("alliance", claim_date="2025-10")
>>> y.period, y.gap
((2018, 2018), 7)
>>> layer_years("igo", claim_date="2025-10").day
datetime.date(2025, 10, 1)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.errors import DataError, Problem
from graph.world.base import LAYERS, resolve_period
from graph.world.igo import COW_END
from graph.world.positions import MIN_VOTES, position_year
from graph.world.tables import COVERAGE

__all__ = [
    "DEFAULT_PERIODS",
    "SPANS",
    "LayerYears",
    "claim_day",
    "layer_years",
    "check_years",
]

#: The years each layer is built for without a claim date: the latest its source covers
#: (the hand-coded memberships reach 2025; ATOP ends in 2018; ICEWS in 2014).
DEFAULT_PERIODS: dict[str, tuple[int, int]] = {
    "igo": (2025, 2025),
    "alliance": (2018, 2018),
    "votes": (2024, 2024),
    "events": (2010, 2014),
    "corridors": (2025, 2025),
}

#: How many years each layer spans: one, except events (a year of news coverage is thin).
SPANS: dict[str, int] = {"igo": 1, "alliance": 1, "votes": 1, "events": 5, "corridors": 1}

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class LayerYears:
    """The years (or day) a layer uses for a claim, the gap to the claim, and notes."""

    layer: str
    period: tuple[int, int]
    day: dt.date | None = None
    gap: int | None = None
    notes: tuple[str, ...] = ()


def claim_day(value) -> dt.date | None:
    """The first day a claim's date names (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a date).

    Raises
    ------
    graph.errors.DataError
        If the value is not such a date.

    Examples
    --------
    >>> claim_day("2025"), claim_day(None)
    (datetime.date(2025, 1, 1), None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE_RE.match(str(value).strip())
    try:
        if not m:
            raise ValueError
        y, mo, d = (int(g) if g else 1 for g in m.groups())
        return dt.date(y, mo, d)
    except ValueError:
        raise DataError(
            [
                Problem.setting(
                    "date",
                    str(value),
                    "is not a date",
                    "give the year, year-month or day the claim was made: 2025, 2025-10 or "
                    "2025-10-13",
                )
            ]
        ) from None


def _clip(layer: str, last: int) -> tuple[int, int]:
    """The layer's span of years ending at ``last``, inside the years its source covers."""
    lo, hi = COVERAGE[layer]
    last = min(max(last, lo), hi)
    return max(last - SPANS[layer] + 1, lo), last


def layer_years(
    layer: str,
    *,
    claim_date=None,
    year: int | None = None,
    period=None,
    focus_code: str | None = None,
) -> LayerYears:
    """The years a layer uses for a claim made on ``claim_date`` (or the ones asked for).

    Parameters
    ----------
    layer : str
        One of :data:`graph.world.LAYERS`.
    claim_date : str or datetime.date, optional
        The claim's date (see :func:`claim_day`).
    year, period : optional
        One year, or a period (first, last), that overrides the rule.
    focus_code : str, optional
        The focus's ISO3 code (the ``votes`` layer skips years in which the
        focus voted on fewer than ``MIN_VOTES`` roll calls).

    Examples
    --------
    >>> layer_years("events", claim_date="2025-10").period
    (2010, 2014)
    >>> v = layer_years("votes", claim_date="2025-10", focus_code="AZE")
    >>> v.period, v.gap
    ((2023, 2023), 2)
    """
    day = claim_day(claim_date)
    notes: list[str] = []
    if year is not None or period is not None:
        first, last = resolve_period(year, period)
        gap = None if day is None else day.year - last
        return LayerYears(layer, (first, last), None, gap, ())
    if day is None:
        first, last = DEFAULT_PERIODS[layer]
    elif layer == "igo" and day.year > COW_END:
        return LayerYears(layer, (day.year, day.year), day, 0, ())
    else:
        first, last = _clip(layer, day.year - 1)
    if layer == "votes" and focus_code:
        found, skipped = position_year(focus_code, last)
        for y, votes in skipped:
            notes.append(
                f"{y}: the focus voted on {votes} roll calls in the data (fewer than "
                f"{MIN_VOTES}); its ideal point that year is too uncertain to place it"
            )
        if found is not None:
            first = last = found
    gap = None if day is None else day.year - last
    return LayerYears(layer, (first, last), None, gap, tuple(notes))


def check_years(layers, *, year: int | None = None, period=None) -> None:
    """Refuse a year or period outside every chosen layer's years, naming each layer's.

    Raises
    ------
    graph.errors.DataError
        Naming ``year`` or ``period`` and the years of each layer.

    Examples
    --------
    >>> check_years(["events", "alliance"], year=1800)
    Traceback (most recent call last):
    ...
    graph.errors.DataError: year: '1800' is outside every layer's years (events 2002-2014, ...
    """
    if year is None and period is None:
        return
    first, last = resolve_period(year, period)
    layers = [layer for layer in layers if layer in LAYERS]
    if any(COVERAGE[x][0] <= last and first <= COVERAGE[x][1] for x in layers):
        return
    name, shown = ("year", year) if year is not None else ("period", f"{first}-{last}")
    spans = ", ".join(f"{x} {COVERAGE[x][0]}-{COVERAGE[x][1]}" for x in layers)
    raise DataError(
        [
            Problem.setting(
                name,
                str(shown),
                f"is outside every layer's years ({spans})",
                "choose a year that one of them covers",
            )
        ]
    )
