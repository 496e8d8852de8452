"""Event counts (ICEWS, 2002-2014): how much two states cooperate and clash, as reported.

ICEWS counts the events one state directs at another each year in four
classes: verbal and material cooperation, verbal and material conflict. A pair
of states gets the counts of both directions and all years of the period
summed: ``positive`` (cooperative events), ``negative`` (conflictual events),
``weight`` = their sum (how much the two interact), ``conflict_share`` =
``negative / weight``.

Sign: -1 when the conflict share is above ``conflict_share`` (default 0.5:
mostly conflict), 1 when below, 0 when equal. Verbal cooperation dominates
news-coded events, so few pairs are mostly conflictual (432 of 5,624 pairs in
2014); Azerbaijan and Armenia, at war in 2016 and 2020, have a conflict share
of 0.34 in 2014. Read ``conflict_share`` against a lower cut-off where that
matters.

Gaps: ICEWS has no Türkiye, Palestine, Kosovo or Taiwan and lacks 41 UN
members (listed in ``data/world/README.md``); a graph built for a text with
one of them says so in its notes: their event ties are unknown, not absent.

Examples
--------
>>> d = event_counts(2014, 2014)
>>> e = d.pairs.set_index(["a", "b"]).loc[("ARM", "AZE")]
>>> int(e["positive"]), int(e["negative"]), int(e["sign"])
(696, 354, 1)
>>> "TUR" in d.present
False
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from graph.errors import DataError, Problem
from graph.world.base import LayerData, covered_years, fresh_copy
from graph.world.tables import cached_table

__all__ = ["COUNTS", "event_counts"]

#: ICEWS's four quad-class counts.
COUNTS: tuple[str, ...] = ("verb_coop", "matl_coop", "verb_conf", "matl_conf")


@lru_cache(maxsize=32)
def _events(first: int, last: int, min_events: int, conflict_share: float) -> LayerData:
    years, notes = covered_years("events", first, last)
    t = cached_table("events")
    present = frozenset(set(t["iso3_from"]) | set(t["iso3_to"]))
    t = t.loc[t["year"].isin(years)]
    u, v = t["iso3_from"].to_numpy(dtype=object), t["iso3_to"].to_numpy(dtype=object)
    x = pd.DataFrame({"a": np.minimum(u, v), "b": np.maximum(u, v)})
    for c in COUNTS:
        x[c] = t[c].to_numpy(dtype=np.int64)
    pairs = x.groupby(["a", "b"], sort=True)[list(COUNTS)].sum().reset_index()
    pairs["positive"] = pairs["verb_coop"] + pairs["matl_coop"]
    pairs["negative"] = pairs["verb_conf"] + pairs["matl_conf"]
    pairs["weight"] = (pairs["positive"] + pairs["negative"]).astype(float)
    few = pairs["weight"] < max(min_events, 1)
    if few.any():
        notes.append(f"{int(few.sum())} pairs with fewer than {min_events} events get no tie.")
    pairs = pairs.loc[~few].reset_index(drop=True)
    pairs["conflict_share"] = pairs["negative"] / pairs["weight"]
    pairs["sign"] = np.sign(np.round(conflict_share - pairs["conflict_share"], 12)).astype(np.int64)
    cols = ["a", "b", "weight", "sign", "positive", "negative", "conflict_share", *COUNTS]
    return LayerData(
        layer="events",
        pairs=pairs[cols],
        present=present if years else frozenset(),
        years=years,
        period=(first, last),
        notes=notes,
        options={"min_events": min_events, "conflict_share": conflict_share},
        signed=True,
    )


def event_counts(
    first: int, last: int, *, min_events: int = 1, conflict_share: float = 0.5
) -> LayerData:
    """Pairs of states and their ICEWS event counts in ``first..last`` (2002-2014).

    Parameters
    ----------
    first, last : int
        The period, both inclusive.
    min_events : int, default 1
        Fewest events (both kinds, both directions) for a tie.
    conflict_share : float, default 0.5
        Conflict share above which the tie's sign is -1.

    Returns
    -------
    LayerData
        ``pairs``: ``a``, ``b``, ``weight`` (all events), ``sign``, ``positive``,
        ``negative``, ``conflict_share`` and the four ICEWS counts.

    Examples
    --------
    >>> d = event_counts(2014, 2014, conflict_share=0.3)
    >>> int(d.pairs.set_index(["a", "b"]).loc[("ARM", "AZE"), "sign"])
    -1
    """
    problems = []
    if not 0 <= float(conflict_share) <= 1:
        problems.append(
            Problem.setting(
                "conflict_share", str(conflict_share), "is not a share", "give a number from 0 to 1"
            )
        )
    if int(min_events) != min_events or min_events < 1:
        problems.append(
            Problem.setting(
                "min_events", str(min_events), "is not a positive whole number", "give e.g. 1"
            )
        )
    if problems:
        raise DataError(problems)
    return fresh_copy(_events(int(first), int(last), int(min_events), float(conflict_share)))
