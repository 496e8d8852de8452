"""Agreement in the UN General Assembly: how often two states vote the same way.

Agreement of two states over the roll calls of a period (1991 to January
2020): among the roll calls where both cast a vote (yes, no or abstain), the
share where they cast the same one. Abstentions count as votes, so yes
against abstain is a disagreement (``data/world/README.md`` names the other
convention). Pairs with fewer than ``min_votes`` shared roll calls get no tie:
their share says little.

Weights and threshold. By default every pair with enough shared roll calls is
tied, ``weight`` = agreement: almost every pair of UN members then is, and the
layer is a weighted complete graph (its structure lies in the weights). With
``threshold=t`` only pairs that agree on at least ``t`` of their shared roll
calls are tied, which gives a sparse graph for measures that ignore weights.
A fixed threshold reads differently across periods (agreement in the Assembly
is high: in 2014 the median pair agrees on 0.77 of its roll calls, a quarter
of pairs on less than 0.57), so the graph records it in ``options``.

Sign: 1 when the two agree on more than half of their shared roll calls, -1
when on less than half, 0 at exactly half. In 2014 the United States and
Japan agree on 33 of 79 (sign -1), the United States and Israel on 69 of 77.
When a text is compared with this layer (:mod:`graph.world.compare`), an edge
of sign -1 does not count as a tie.

Examples
--------
>>> d = agreement(2010, 2019)
>>> e = d.pairs.set_index(["a", "b"]).loc[("ISR", "USA")]
>>> int(e["same"]), int(e["votes"])
(762, 896)
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from graph.errors import DataError, Problem
from graph.world.base import LayerData, covered_years, fresh_copy
from graph.world.tables import cached_table, vote_matrix

__all__ = ["ISSUES", "agreement"]

#: The source's issue tags (``issues=``).
ISSUES: dict[str, str] = {
    "me": "Palestinian conflict",
    "nu": "nuclear weapons and material",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}


@lru_cache(maxsize=32)
def _agreement(
    first: int, last: int, min_votes: int, threshold: float | None, issues: tuple[str, ...]
) -> LayerData:
    """The votes layer's pairs: states that vote alike.

    Length: one pipeline of table operations from roll calls to pairs of states that vote alike,
    each step reading the columns the one before made.
    """
    years, notes = covered_years("votes", first, last)
    m = vote_matrix()
    rows = np.isin(m.years, years)
    if issues:
        tags = cached_table("votes")["issues"].str.split(";")
        rows &= np.array([bool(set(t) & set(issues)) for t in tags])
    votes = m.votes[rows]
    if years and years[-1] == 2020:
        notes.append("The UN votes end on 2020-01-14.")
    cast = votes > 0
    present = frozenset(s for s, c in zip(m.states, cast.any(axis=0), strict=True) if c)
    P = cast.astype(np.float32)
    both = P.T @ P
    same = sum(
        (votes == k).astype(np.float32).T @ (votes == k).astype(np.float32) for k in (1, 2, 3)
    )
    i, j = np.triu_indices(len(m.states), 1)
    n_both = both[i, j].astype(np.int64)
    n_same = np.asarray(same)[i, j].astype(np.int64) if votes.size else np.zeros_like(n_both)
    enough = n_both >= max(min_votes, 1)
    share = np.where(enough, n_same / np.maximum(n_both, 1), 0.0)
    few = int(((n_both > 0) & ~enough).sum())
    if few:
        notes.append(
            f"In these years {few} pairs of states share fewer than {min_votes} roll calls "
            "and get no tie."
        )
    never = enough & (n_same == 0)
    if never.any():
        notes.append(f"{int(never.sum())} pairs never voted alike and get no tie (weight 0).")
    keep = enough & (n_same > 0)
    if threshold is not None:
        keep &= share >= threshold
        notes.append(
            f"Only pairs agreeing on at least {threshold:g} of shared roll calls are tied."
        )
    states = np.array(m.states, dtype=object)
    s = share[keep]
    pairs = pd.DataFrame(
        {
            "a": states[i[keep]],
            "b": states[j[keep]],
            "weight": s,
            "sign": np.sign(np.round(s - 0.5, 12)).astype(np.int64),
            "agreement": s,
            "votes": n_both[keep],
            "same": n_same[keep],
        }
    )
    if not rows.any() and years:
        notes.append("No roll call matches these years and issues: the layer is empty.")
    return LayerData(
        layer="votes",
        pairs=pairs,
        present=present,
        years=years,
        period=(first, last),
        notes=notes,
        options={"min_votes": min_votes, "threshold": threshold, "issues": list(issues)},
        signed=True,
    )


def agreement(
    first: int,
    last: int,
    *,
    min_votes: int = 10,
    threshold: float | None = None,
    issues=None,
) -> LayerData:
    """Pairs of states and their voting agreement in the UN General Assembly, ``first..last``.

    Parameters
    ----------
    first, last : int
        The period, both inclusive (roll calls 1991-10-03 to 2020-01-14).
    min_votes : int, default 10
        Fewest shared roll calls for a tie (a year has about 70-90 roll calls).
    threshold : float, optional
        Keep only pairs whose agreement is at least this (0-1). Default: all
        pairs, agreement as weight.
    issues : sequence of str, optional
        Only roll calls with one of these issue tags (:data:`ISSUES`).

    Returns
    -------
    LayerData
        ``pairs``: ``a``, ``b``, ``weight`` (= ``agreement``), ``sign``,
        ``agreement``, ``votes`` (shared roll calls), ``same`` (of them alike).

    Examples
    --------
    >>> d = agreement(2014, 2014)
    >>> e = d.pairs.set_index(["a", "b"]).loc[("JPN", "USA")]
    >>> int(e["same"]), int(e["votes"]), int(e["sign"])
    (33, 79, -1)
    >>> len(agreement(2014, 2014, threshold=0.9).pairs) < len(d.pairs)
    True
    """
    issues = () if issues is None else ((issues,) if isinstance(issues, str) else tuple(issues))
    problems = []
    bad = [x for x in issues if x not in ISSUES]
    if bad:
        problems.append(
            Problem.setting(
                "issues", ", ".join(bad), "is not an issue tag", f"choose from {', '.join(ISSUES)}"
            )
        )
    if threshold is not None and not 0 <= float(threshold) <= 1:
        problems.append(
            Problem.setting(
                "threshold",
                str(threshold),
                "is not a share",
                "give a number from 0 to 1, or None for weights only",
            )
        )
    if int(min_votes) != min_votes or min_votes < 1:
        problems.append(
            Problem.setting(
                "min_votes", str(min_votes), "is not a positive whole number", "give e.g. 10"
            )
        )
    if problems:
        raise DataError(problems)
    threshold = None if threshold is None else float(threshold)
    return fresh_copy(_agreement(int(first), int(last), int(min_votes), threshold, issues))
