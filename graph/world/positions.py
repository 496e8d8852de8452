r"""Votes as positions: whether the focus lies between the sides on the Assembly's main line.

Agreement in the Assembly follows its agenda: most resolutions pass with large
majorities, so two states "agree" on most roll calls whatever their politics,
and a network of pairs that agree more often than not ties nearly every pair
(16,649 of 18,528 pairs in 2015-2019). The votes data's own authors recommend
positions instead: Bailey, Strezhnev and Voeten's ideal points place each state
on one dimension each year (roughly: alignment with the United States-led
liberal order, positive, against it, negative), with an uncertainty interval
(``data/world/un_ideal_points.csv``).

"Between" here means a place on that line: the focus is between two sides when
its 90% interval lies strictly between the sides' median ideal points, and the
sides are separated: their medians are further apart than the spread within
each (the interquartile range of a side's states; for a side of one or two
states, the median width of their own 90% intervals). Sides that are not
separated cannot be told apart on this dimension, and no state can be between
them: the test says "not testable on this dimension", with the numbers. States
on both sides (members of both organizations) are on neither for this test:
they are named, not counted.

A position is not a tie: this layer never confirms or contradicts a tie of the
text, and has no paths or bypasses.

Examples
--------
>>> import pandas as pd
>>> pts = pd.DataFrame({"ideal_point": [-1.0, -1.1, -0.9, 0.0, 1.0, 1.1, 0.9],
...                     "q05": [-1.2, -1.3, -1.1, -0.1, 0.8, 0.9, 0.7],
...                     "q95": [-0.8, -0.9, -0.7, 0.1, 1.2, 1.3, 1.1],
...                     "votes": 80}, index=list("abcfxyz"))
>>> t = position_test(pts, "f", {"A": {"a", "b", "c"}, "B": {"x", "y", "z"}})
>>> t.verdict, t.criterion("separated").status, t.criterion("between").status
('supported', 'pass', 'pass')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

import numpy as np
import pandas as pd

from graph.claims.result import Criterion
from graph.errors import DataError, Problem
from graph.world.base import exclusive_sides
from graph.world.tables import cached_table

__all__ = [
    "MIN_VOTES",
    "POSITION_CRITERIA",
    "PositionTest",
    "ideal_points",
    "position_year",
    "position_test",
]

#: Fewest roll calls a state must have voted on in a year for its ideal point to count: an
#: estimate from a handful of votes has an interval as wide as the whole Assembly's spread.
MIN_VOTES = 20

#: The criteria of the positions test, in the order reports list them.
POSITION_CRITERIA: tuple[str, ...] = ("separated", "between", "specificity")


@cache
def _points_by_year() -> dict[int, pd.DataFrame]:
    t = cached_table("ideal_points")
    t = t.loc[t["iso3"] != ""]
    cols = ["votes", "ideal_point", "q05", "q10", "q50", "q90", "q95"]
    return {int(y): g.set_index("iso3")[cols] for y, g in t.groupby("year", sort=True)}


def ideal_points(year: int) -> pd.DataFrame:
    """The ideal points of one year, one row per state (ISO3 index).

    Columns: ``votes`` (roll calls the state voted on), ``ideal_point`` and
    the quantiles ``q05`` ... ``q95`` of its estimate. Empty for a year the
    data do not cover.

    Examples
    --------
    >>> p = ideal_points(2024)
    >>> float(p.loc["USA", "ideal_point"]) > 0 > float(p.loc["CHN", "ideal_point"])
    True
    """
    return _points_by_year().get(int(year), pd.DataFrame()).copy()


def position_year(code: str, last: int, *, min_votes: int = MIN_VOTES) -> tuple[int | None, list]:
    """The latest year up to ``last`` in which a state voted on at least ``min_votes`` roll calls.

    Returns the year (None if there is none) and the years skipped on the
    way, each as ``(year, votes)``: those whose estimate rests on too few votes.

    Examples
    --------
    >>> position_year("AZE", 2024)
    (2023, [(2024, 4)])
    """
    skipped = []
    for year in sorted((y for y in _points_by_year() if y <= last), reverse=True):
        p = _points_by_year()[year]
        if code not in p.index:
            continue
        votes = int(p.at[code, "votes"])
        if votes >= min_votes and not np.isnan(p.at[code, "ideal_point"]):
            return year, skipped
        skipped.append((year, votes))
    return None, skipped


@dataclass(frozen=True)
class PositionTest:
    """The positions test: numbers of the sides and the focus on one dimension, and criteria.

    ``sides``: per side, its states used (ISO3), their median, quartiles and
    spread; ``pairs``: per pair of sides, whether they are separated, the gap
    between their medians, whether the focus's interval lies between, and
    where the focus stands on the line from one median to the other (0 at
    the first side's median, 1 at the second's). ``overlap``: states on two
    sides at once, left out of both.
    """

    focus: str
    point: float
    interval: tuple[float, float]
    votes: int
    sides: dict[str, dict]
    pairs: list[dict]
    overlap: dict[str, list[str]]
    between_share: float
    n_states: int
    verdict: str
    criteria: tuple[Criterion, ...] = field(default=())

    def criterion(self, key: str) -> Criterion:
        """The criterion with this key."""
        return next(c for c in self.criteria if c.key == key)


def _side_numbers(points: pd.DataFrame, members) -> dict:
    p = points.loc[points.index.isin(list(members))]
    x = p["ideal_point"].dropna().to_numpy()
    if x.size == 0:
        return {
            "states": [],
            "n": 0,
            "median": np.nan,
            "q1": np.nan,
            "q3": np.nan,
            "spread": np.nan,
        }
    q1, med, q3 = np.percentile(x, [25, 50, 75])
    if x.size >= 3:
        spread = q3 - q1
    else:
        spread = float(np.median(p["q95"] - p["q05"]))
    return {
        "states": sorted(p.index),
        "n": int(x.size),
        "median": float(med),
        "q1": float(q1),
        "q3": float(q3),
        "spread": float(spread),
    }


def _pair(name_a, a, name_b, b, lo, hi) -> dict:
    gap = abs(a["median"] - b["median"])
    separated = bool(gap > a["spread"] and gap > b["spread"])
    low, high = sorted((a["median"], b["median"]))
    between = bool(separated and low < lo and hi < high)
    where = (
        ((lo + hi) / 2 - a["median"]) / (b["median"] - a["median"])
        if b["median"] != a["median"]
        else np.nan
    )
    return {
        "side_a": name_a,
        "side_b": name_b,
        "gap": float(gap),
        "separated": separated,
        "between": between,
        "where": float(where),
    }


def position_test(
    points: pd.DataFrame, focus: str, sides: Mapping[str, set], *, interval=("q05", "q95")
) -> PositionTest:
    """Whether ``focus`` lies between the sides on the ideal-point dimension.

    Parameters
    ----------
    points : pandas.DataFrame
        One year's ideal points (:func:`ideal_points`), indexed by state.
    focus : str
        The focus's index in ``points``.
    sides : mapping of name -> set
        The sides' states (two or more). A state on two sides is left out of
        both; the focus is left out of any side.
    interval : (str, str), default ("q05", "q95")
        The columns of the focus's interval.

    Returns
    -------
    PositionTest
        Criteria: ``separated`` (every pair of sides has medians further apart
        than the spread within each side; fails when one pair does not),
        ``between`` (the focus's interval strictly between the medians of
        every separated pair; not testable when no pair is separated),
        ``specificity`` (context: the share of the states on neither side whose
        interval lies between the medians: being between is rarer when it is small).
        Verdict: "supported" when ``between`` passes, "not supported" when
        it fails, "not testable on this dimension" when no pair of sides is
        separated or the focus has no estimate.

    Raises
    ------
    graph.errors.DataError
        If fewer than two sides are given.
    """
    if len(sides) < 2:
        raise DataError([Problem.setting("sides", str(list(sides)), "names fewer than two sides")])
    clean, overlap = exclusive_sides(sides, focus)
    numbers = {name: _side_numbers(points, members) for name, members in clean.items()}
    has = focus in points.index and not np.isnan(points.at[focus, "ideal_point"])
    point = float(points.at[focus, "ideal_point"]) if has else np.nan
    lo, hi = (float(points.at[focus, c]) for c in interval) if has else (np.nan, np.nan)
    votes = int(points.at[focus, "votes"]) if has else 0
    pairs = [
        _pair(a, numbers[a], b, numbers[b], lo, hi)
        for a, b in combinations(numbers, 2)
        if numbers[a]["n"] and numbers[b]["n"]
    ]
    on_sides = set(overlap) | {m for ms in clean.values() for m in ms} | {focus}
    others = points.drop(index=list(on_sides), errors="ignore").dropna(subset=["ideal_point"])
    inside = np.zeros(len(others), dtype=bool)
    for p in (p for p in pairs if p["separated"]):
        low, high = sorted((numbers[p["side_a"]]["median"], numbers[p["side_b"]]["median"]))
        inside |= ((others[interval[0]] > low) & (others[interval[1]] < high)).to_numpy()
    share = float(inside.mean()) if len(others) and any(p["separated"] for p in pairs) else np.nan
    criteria, verdict = _criteria(pairs, has, share, len(others))
    return PositionTest(
        focus=focus,
        point=point,
        interval=(lo, hi),
        votes=votes,
        sides=numbers,
        pairs=pairs,
        overlap=overlap,
        between_share=share,
        n_states=len(others),
        verdict=verdict,
        criteria=criteria,
    )


def _criteria(pairs: list[dict], has: bool, share: float, n: int):
    separated = [p for p in pairs if p["separated"]]
    if not pairs:
        sep = Criterion("separated", None, None, "not testable", {"pairs": pairs})
    else:
        gaps = min(p["gap"] for p in pairs)
        sep = Criterion(
            "separated",
            gaps,
            None,
            "pass" if len(separated) == len(pairs) else "fail",
            {"pairs": pairs},
        )
    if not separated or not has:
        why = "no_estimate" if not has else "not_separated"
        btw = Criterion("between", None, None, "not testable", {"why": why, "pairs": pairs})
        verdict = "not testable on this dimension"
    else:
        ok = all(p["between"] for p in separated)
        where = [p["where"] for p in separated]
        btw = Criterion(
            "between", float(np.mean(where)), None, "pass" if ok else "fail", {"pairs": separated}
        )
        verdict = "supported" if ok else "not supported"
    spec = Criterion(
        "specificity",
        None if np.isnan(share) else share,
        None,
        "n/a",
        {"states": n},
    )
    return (sep, btw, spec), verdict
