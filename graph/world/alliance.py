"""Alliance obligations (ATOP 5.1): which states have pledged what to each other.

ATOP's rows are directed (A's obligations toward B); a pair of states is tied
when either has an obligation toward the other in a year of the period. The
edge keeps which obligations (``defense``, ``offense``, ``neutral``,
``nonagg``, ``consul``: true if any year, either direction), whether they run
both ways (``mutual``), in how many of the period's years (``years``), and
the multilateral marker.

Multilateral pledges. The dyad-year data carry no treaty ids, so a pledge
cannot be traced to its treaty. The marker is the clique the pair sits in:
for a pair with a defence pledge, the largest clique of that year's defence
graph holding it (``clique``); for a pair without, the largest clique of all
ATOP ties. ``multilateral`` is true when that clique has 3 or more states: the
pledge sits in a group all pledged to each other, the mark of a multilateral
treaty (or of overlapping bilateral ones). Azerbaijan and Armenia, at war in
2020, have a mutual defence pledge in every year 1993-2018 from a CIS-era
treaty (clique 8-9) and are marked; Azerbaijan's pledge to Türkiye (clique 2)
is not.

Decision: multilateral pledges **count by default** (``multilateral="keep"``).
NATO, the Rio Treaty and the CSTO are multilateral; dropping them would drop
most of the alliances there are. The marker stays on every edge so that a
comparison can say which confirmations rest on a multilateral treaty, and
``multilateral="drop"`` builds the layer from bilateral-grade pledges only
(``"only"``: the multilateral ones only).

Examples
--------
>>> d = obligations(2014, 2014)
>>> e = d.pairs.set_index(["a", "b"]).loc[("ARM", "AZE")]
>>> bool(e["defense"]), bool(e["multilateral"])
(True, True)
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from graph.errors import DataError, Problem
from graph.world.base import LayerData, covered_years, fresh_copy, state_info, states_in_system
from graph.world.tables import cached_table

__all__ = ["FLAGS", "MULTILATERAL", "obligations"]

#: ATOP's obligation flags, as edge attributes.
FLAGS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")

#: Values of ``multilateral=``.
MULTILATERAL: tuple[str, ...] = ("keep", "drop", "only")


@lru_cache(maxsize=32)
def _obligations(first: int, last: int, multilateral: str, kinds: tuple[str, ...]) -> LayerData:
    years, notes = covered_years("alliance", first, last)
    cols = ["a", "b", "weight", "sign", *FLAGS, "mutual", "years", "clique", "multilateral"]
    present = frozenset(states_in_system(years)) if years else frozenset()
    options = {"multilateral": multilateral, "kinds": list(kinds)}
    if not years:
        empty = pd.DataFrame(columns=cols)
        return LayerData("alliance", empty, present, years, (first, last), notes, options)
    lo, hi = years[0], years[-1]
    t = cached_table("alliances")
    t = t.loc[(t["start"] <= hi) & (t["end"] >= lo)]
    t = t.loc[t[list(kinds)].sum(axis=1) > 0]
    iso = {int(c): i for i, c in state_info()["cown"].dropna().items()}
    u, v = t["cown1"].map(iso), t["cown2"].map(iso)
    lost = u.isna() | v.isna()
    if lost.any():
        notes.append(
            f"{int(lost.sum())} ATOP spells involve states without an ISO3 code "
            "(e.g. West Germany, 260) and are left out."
        )
    t = t.loc[~lost]
    u, v = u[~lost].to_numpy(dtype=object), v[~lost].to_numpy(dtype=object)
    start = np.maximum(t["start"].to_numpy(dtype=np.int64), lo)
    stop = np.minimum(t["end"].to_numpy(dtype=np.int64), hi)
    n = stop - start + 1  # years of each spell inside the period
    rep = np.repeat(np.arange(len(t)), n)
    year = start[rep] + (np.arange(len(rep)) - np.repeat(np.cumsum(n) - n, n))
    a, b = np.minimum(u, v), np.maximum(u, v)
    x = pd.DataFrame({"a": a[rep], "b": b[rep], "year": year, "direction": (u < v)[rep]})
    for f in FLAGS:
        x[f] = t[f].to_numpy(dtype=np.int64)[rep] > 0
    clique = np.where(
        t["defense"].to_numpy(dtype=np.int64) > 0,
        t["def_clique_max"].fillna(0).to_numpy(dtype=np.int64),
        t["any_clique_max"].fillna(0).to_numpy(dtype=np.int64),
    )
    x["clique"] = clique[rep]
    x["def_clique"] = t["def_clique_max"].fillna(0).to_numpy(dtype=np.int64)[rep]
    g = x.groupby(["a", "b"], sort=True)
    pairs = g[list(FLAGS)].any()
    pairs["mutual"] = g["direction"].nunique() == 2
    pairs["years"] = g["year"].nunique()
    pairs["clique"] = np.where(pairs["defense"], g["def_clique"].max(), g["clique"].max())
    pairs = pairs.reset_index()
    pairs["weight"] = pairs["years"] / len(years)
    pairs["sign"] = 1
    pairs["clique"] = pairs["clique"].astype("Int64").where(pairs["clique"] > 0)
    pairs["multilateral"] = (pairs["clique"] >= 3).fillna(False).astype(bool)
    pairs = pairs[cols]
    n_all, n_multi = len(pairs), int(pairs["multilateral"].sum())
    if multilateral == "drop":
        pairs = pairs.loc[~pairs["multilateral"]]
        notes.append(f"{n_multi} pairs marked multilateral (clique of 3 or more) are left out.")
    elif multilateral == "only":
        pairs = pairs.loc[pairs["multilateral"]]
        notes.append("Only pledges marked multilateral (clique of 3 or more) are kept.")
    elif n_multi:
        notes.append(
            f"In ATOP for these years {n_multi} of {n_all} tied pairs sit in a clique of 3 or more "
            "pledged states "
            "(multilateral=True): a multilateral treaty, not necessarily a bilateral pledge."
        )
    if tuple(kinds) != FLAGS:
        notes.append(f"Obligations counted: {', '.join(kinds)}.")
    return LayerData(
        layer="alliance",
        pairs=pairs.reset_index(drop=True),
        present=present,
        years=years,
        period=(first, last),
        notes=notes,
        options=options,
        signed=True,
    )


def obligations(first: int, last: int, *, multilateral: str = "keep", kinds=FLAGS) -> LayerData:
    """Pairs of states with an alliance obligation in ``first..last`` (ATOP, 1815-2018).

    Parameters
    ----------
    first, last : int
        The period, both inclusive.
    multilateral : {"keep", "drop", "only"}, default "keep"
        Whether pledges marked multilateral count (see the module docstring).
    kinds : sequence of str, default all of :data:`FLAGS`
        The obligations that make a tie (ATOP's definition of an alliance: any of
        them). ``("defense",)`` gives the network of defence pledges.

    Returns
    -------
    LayerData
        ``pairs``: ``a``, ``b``, ``weight`` (share of the period's years with an
        obligation in force: 1 for a single year), ``sign`` (1), the five flags,
        ``mutual``, ``years``, ``clique``, ``multilateral``.

    Examples
    --------
    >>> d = obligations(2014, 2014)
    >>> e = d.pairs.set_index(["a", "b"]).loc[("AZE", "TUR")]
    >>> bool(e["defense"]), bool(e["multilateral"]), int(e["clique"])
    (True, False, 2)
    >>> bilateral = obligations(2014, 2014, multilateral="drop").pairs
    >>> sorted(bilateral.loc[bilateral["a"] == "AZE", "b"])
    ['TUR']
    """
    if multilateral not in MULTILATERAL:
        raise DataError(
            [
                Problem.setting(
                    "multilateral",
                    str(multilateral),
                    "is not an option",
                    f"choose one of {', '.join(MULTILATERAL)}",
                )
            ]
        )
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    bad = [k for k in kinds if k not in FLAGS]
    if bad or not kinds:
        raise DataError(
            [
                Problem.setting(
                    "kinds",
                    ", ".join(bad),
                    "is not an ATOP obligation" if bad else "is empty",
                    f"choose from {', '.join(FLAGS)}",
                )
            ]
        )
    kinds = tuple(k for k in FLAGS if k in kinds)
    return fresh_copy(_obligations(int(first), int(last), multilateral, kinds))
