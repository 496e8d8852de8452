r"""Alliance treaties (ATOP 5.1): pledges between states, and the multilateral instruments apart.

ATOP codes every treaty by its members and each member's obligations:
defence, offence, neutrality, non-aggression, consultation
(``data/world/atop_members.csv``). Two states are tied in a year when they
belong to the same treaty in force.

Multilateral treaties. A treaty of ``k`` members makes ``k(k-1)/2`` pairs:
the Helsinki-era non-aggression and consultation instruments of 34-56
members would make Brazil and Ukraine, or Armenia and the United States,
"allies", and the CIS-era treaty of nine would pledge Armenia and
Azerbaijan to each other's defence. A pledge to a group is a pledge to the
group, not a tie between each pair; and in a test of shortest paths every
pair of such a treaty is adjacent, so the treaty, not the states' relations,
decides it. So by default (``multilateral="drop"``) only bilateral and small
treaties count: at most :data:`SMALL` members in the year. ``"weight"`` keeps
every treaty, each pair weighted ``1/(k-1)`` (a member's ties from one treaty
add up to one, as in Newman 2001); ``"only"`` keeps the multilateral ones
alone. Every tie says what kind of pact it is (defence, offence, neutrality,
non-aggression, consultation), and the notes count the treaties left out by
kind and size.

An alliance is a cooperative pledge: the layer is signed but holds no
conflicts, so it can never show one (a text's conflict between two states
without a pact is "not shown", not confirmed). Only a defence or offence
pledge contradicts a conflict the text codes; a pact of restraint
(non-aggression, neutrality, consultation: India and China's of 1993) is a
promise not to fight, and neither confirms nor contradicts it.

Examples
--------
>>> d = obligations(2014, 2014)
>>> e = d.pairs.set_index(["a", "b"])
>>> e.loc[("AZE", "TUR"), "pacts"]
'defence pact, non-aggression pact, consultation pact'
>>> ("ARM", "AZE") in e.index  # the CIS-era treaty of nine is not a pledge between the two
False
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from graph.errors import DataError, Problem
from graph.world.base import LayerData, covered_years, fresh_copy, states_in_system
from graph.world.tables import cached_table

__all__ = ["FLAGS", "PACTS", "SMALL", "MULTILATERAL", "obligations"]

#: ATOP's obligation flags, as edge attributes.
FLAGS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")

#: What each obligation makes a pact, in words.
PACTS: dict[str, str] = {
    "defense": "defence pact",
    "offense": "offence pact",
    "neutral": "neutrality pact",
    "nonagg": "non-aggression pact",
    "consul": "consultation pact",
}

#: The most members a treaty may have in a year to count by default: a pledge made to one or
#: two named partners; beyond that it is a pledge to a group (see the module docstring).
SMALL = 3

#: Values of ``multilateral=``.
MULTILATERAL: tuple[str, ...] = ("drop", "weight", "only")


def _spells(first: int, last: int, kinds: tuple[str, ...]) -> pd.DataFrame:
    """Member-years of the treaties in force, with each treaty phase's size that year."""
    m = cached_table("atop_members")
    m = m.loc[(m["start"] <= last) & (m["end"] >= first) & (m["iso3"] != "")]
    rows = []
    for rec in m.itertuples(index=False):
        for y in range(max(int(rec.start), first), min(int(rec.end), last) + 1):
            rows.append(
                (int(rec.atopid), int(rec.phase), y, rec.iso3,
                 *(int(getattr(rec, f)) for f in FLAGS))
            )  # fmt: skip
    x = pd.DataFrame(rows, columns=["atopid", "phase", "year", "iso3", *FLAGS])
    # members are paired within a phase: phases can run at once (successions: Czechia and
    # Slovakia each with Russia in treaty 3625) without their members being allied
    x = x.groupby(["atopid", "phase", "year", "iso3"], as_index=False)[list(FLAGS)].max()
    x["size"] = x.groupby(["atopid", "phase", "year"])["iso3"].transform("size")
    if kinds != FLAGS:
        x = x.loc[x[list(kinds)].sum(axis=1) > 0]
    return x


def _pairs_of(x: pd.DataFrame) -> pd.DataFrame:
    """Every pair of members of the same treaty in the same year, with their obligations."""
    a = x.merge(x, on=["atopid", "phase", "year", "size"], suffixes=("_a", "_b"))
    a = a.loc[a["iso3_a"] < a["iso3_b"]]
    out = a[["atopid", "year", "size"]].rename(columns={"iso3_a": "a"})
    out["a"], out["b"] = a["iso3_a"].to_numpy(), a["iso3_b"].to_numpy()
    for f in FLAGS:
        out[f] = (a[f"{f}_a"] | a[f"{f}_b"]).astype(bool).to_numpy()
    return out


def _left_out_note(multi: pd.DataFrame, years) -> str:
    t = multi.groupby("atopid").agg(size=("size", "max"), **{f: (f, "max") for f in FLAGS})
    soft = int((~t["defense"] & ~t["offense"]).sum())
    span = f"{years[0]}" if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
    return (
        f"Left out: {len(t)} multilateral treaties in force in {span} (more than {SMALL} "
        f"members; {soft} of them non-aggression, neutrality or consultation only; the largest "
        f"has {int(t['size'].max())} members): a pledge to a group is not a tie between each "
        "pair. multilateral='weight' keeps them, each pair weighted 1/(k-1)."
    )


@lru_cache(maxsize=32)
def _obligations(first: int, last: int, multilateral: str, kinds: tuple[str, ...]) -> LayerData:
    years, notes = covered_years("alliance", first, last)
    cols = ["a", "b", "weight", "sign", *FLAGS, "pacts", "restraint", "treaties", "members",
            "multilateral", "years"]  # fmt: skip
    present = frozenset(states_in_system(years)) if years else frozenset()
    options = {"multilateral": multilateral, "kinds": list(kinds), "small": SMALL}
    if not years:
        return LayerData("alliance", pd.DataFrame(columns=cols), present, years, (first, last),
                         notes, options)  # fmt: skip
    x = _pairs_of(_spells(years[0], years[-1], kinds))
    big = x["size"] > SMALL
    if big.any() and multilateral == "drop":
        notes.append(_left_out_note(x.loc[big], years))
    if multilateral == "drop":
        x = x.loc[~big]
    elif multilateral == "only":
        x = x.loc[big]
        notes.append(f"Only multilateral treaties (more than {SMALL} members) are kept.")
    x = x.assign(share=1.0 / (x["size"] - 1))
    g = x.groupby(["a", "b"], sort=True)
    pairs = g[list(FLAGS)].any()
    per_treaty = x.groupby(["a", "b", "atopid"])["share"].max().groupby(level=[0, 1]).sum()
    pairs["weight"] = per_treaty
    pairs["sign"] = 1
    pairs["treaties"] = g["atopid"].agg(lambda s: tuple(sorted(set(int(v) for v in s))))
    pairs["members"] = g["size"].max().astype(np.int64)
    pairs["multilateral"] = pairs["members"] > SMALL
    pairs["years"] = g["year"].nunique()
    pairs["restraint"] = ~(pairs["defense"] | pairs["offense"])
    pairs["pacts"] = [
        ", ".join(PACTS[f] for f in FLAGS if row[f]) for _, row in pairs[list(FLAGS)].iterrows()
    ]
    pairs = pairs.reset_index()[cols]
    if tuple(kinds) != FLAGS:
        notes.append(f"Obligations counted: {', '.join(PACTS[k] for k in kinds)}.")
    return LayerData("alliance", pairs.reset_index(drop=True), present, years, (first, last),
                     notes, options, signed=True)  # fmt: skip


def obligations(first: int, last: int, *, multilateral: str = "drop", kinds=FLAGS) -> LayerData:
    """Pairs of states bound by an alliance treaty in ``first..last`` (ATOP, 1815-2018).

    Parameters
    ----------
    first, last : int
        The period, both inclusive.
    multilateral : {"drop", "weight", "only"}, default "drop"
        Treaties of more than :data:`SMALL` members: left out, kept with each
        pair weighted ``1/(k-1)``, or kept alone (see the module docstring).
    kinds : sequence of str, default all of :data:`FLAGS`
        The obligations that make a tie (ATOP's definition of an alliance:
        any of them). ``("defense",)`` gives the defence pacts.

    Returns
    -------
    LayerData
        ``pairs``: ``a``, ``b``, ``weight`` (the sum over their treaties of
        ``1/(k-1)``: 1 for a bilateral one), ``sign`` (1), the five flags,
        ``pacts`` (in words), ``restraint`` (no defence or offence pledge:
        only non-aggression, neutrality or consultation, which a conflict
        between the two does not contradict), ``treaties`` (ATOP ids),
        ``members`` (the largest treaty's size), ``multilateral``, ``years``.

    Examples
    --------
    >>> e = obligations(2014, 2014, multilateral="weight").pairs.set_index(["a", "b"])
    >>> row = e.loc[("ARM", "AZE")]
    >>> bool(row["defense"]), bool(row["multilateral"]), bool(row["weight"] < 1)
    (True, True, True)
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
