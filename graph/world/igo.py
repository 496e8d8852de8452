"""Co-membership in intergovernmental organizations: who shares how many.

Years to 2014 come from Correlates of War IGO v3 (534 organizations); years
from 2015 from the hand-coded table of 25 organizations
(``memberships_2015_2025.csv``). The two are not on one scale: a pair of
states shares dozens of COW IGOs but at most a handful of the hand-coded ones,
so a layer built for 2015 or later says so in its notes, and a period across
2014/2015 counts each organization once (the same organization in both
sources, e.g. NATO or COW's ``COE`` = ``CoE``, is one).

Two states share an organization in a period when both were members with an
accepted status in the same year, in at least one year of the period. Full
members only by default (``statuses=("full",)``; ``full`` is COW's status 1 and
the hand-coded ``member``); add ``associate``, ``observer``, ``partner``... to
count those. In the hand-coded table a status holds in a year when it holds on
at least one of its days, or, given a day, when it holds on that day.

A pair's weight counts each shared organization of ``n`` members ``1/(n-1)``
(Newman 2001): a state's organizations add up to one tie's worth each,
however large, so a forum of fifty does not outweigh a pact of three. A
shared organization has no sign: this layer shows proximity and never
confirms or contradicts a text's tie.

Examples
--------
>>> d = shared_memberships(2014, 2014)
>>> row = d.pairs.set_index(["a", "b"]).loc[("AZE", "TUR")]
>>> int(row["shared"]), bool(row["weight"] < 45)
(45, True)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from itertools import combinations

import pandas as pd

from graph.errors import DataError, Problem
from graph.world.base import (
    LayerData,
    covered_years,
    fresh_copy,
    state_info,
    states_in_system,
)
from graph.world.codes import HAND_TO_COW
from graph.world.tables import cached_table

__all__ = ["COW_END", "STATUSES", "shared_memberships", "memberships", "cow_statuses"]

#: Last year of COW IGO v3; later years come from the hand-coded table.
COW_END = 2014

#: Statuses accepted in ``statuses=`` (``full`` is COW's full membership and the
#: hand-coded ``member``).
STATUSES: tuple[str, ...] = (
    "full",
    "associate",
    "observer",
    "partner",
    "dialogue partner",
    "candidate",
    "invited",
    "participant",
    "suspended",
    "frozen",
)


def cow_statuses(statuses) -> tuple[frozenset[str], frozenset[str]]:
    """The statuses to accept in COW and in the hand-coded table.

    Examples
    --------
    >>> cow_statuses(["full"])
    (frozenset({'full'}), frozenset({'member'}))
    """
    statuses = [statuses] if isinstance(statuses, str) else list(statuses)
    bad = [s for s in statuses if s not in STATUSES]
    if bad or not statuses:
        raise DataError(
            [
                Problem.setting(
                    "statuses",
                    ", ".join(bad) if bad else "",
                    "is not a membership status" if bad else "is empty",
                    f"choose from {', '.join(STATUSES)}",
                )
            ]
        )
    cow = frozenset(s for s in statuses if s in ("full", "associate", "observer"))
    hand = frozenset("member" if s == "full" else s for s in statuses)
    return cow, hand


def _canonical_cow() -> dict[str, str]:
    """COW short name -> the organization's name (the hand-coded name where both hold it)."""
    hand = set(cached_table("memberships")["organization"])
    cow = set(cached_table("igos")["igo"])
    to_hand = {HAND_TO_COW.get(h, h): h for h in hand}
    return {c: to_hand.get(c, c) for c in cow}


def memberships(
    first: int, last: int, *, statuses=("full",), day: dt.date | None = None
) -> pd.DataFrame:
    """Who was a member of what in each year of ``first..last`` (or on one day).

    Parameters
    ----------
    first, last : int
        The period, both inclusive.
    statuses : sequence of str, default ("full",)
        Statuses counted (see :data:`STATUSES`).
    day : datetime.date, optional
        A day after COW's last year: the hand-coded statuses that hold on that
        day (``start <= day < end``), instead of those of whole years.

    Returns
    -------
    pandas.DataFrame
        One row per state, organization and year: ``iso3``, ``organization``
        (the hand-coded name where both sources hold it, else COW's short name),
        ``year``, ``status``, ``source`` ("cow" to 2014, "hand" from 2015).

    Examples
    --------
    >>> m = memberships(2014, 2014)
    >>> bool(((m["iso3"] == "AZE") & (m["organization"] == "CIS")).any())
    True
    >>> d = memberships(2025, 2025, statuses=["partner"], day=dt.date(2025, 8, 1))
    >>> bool(((d["iso3"] == "AZE") & (d["organization"] == "SCO")).any())
    False
    """
    cow_ok, hand_ok = cow_statuses(statuses)
    frames = []
    cow_years = [y for y in range(first, last + 1) if 1816 <= y <= COW_END]
    if day is not None and day.year > COW_END:
        cow_years = []
    if cow_years and cow_ok:
        m = cached_table("igo_memberships")
        lo, hi = cow_years[0], cow_years[-1]
        m = m.loc[(m["iso3"] != "") & m["status"].isin(cow_ok) & (m["start"] <= hi)]
        m = m.loc[m["end"] >= lo]
        names = _canonical_cow()
        rows = [
            (iso3, names[igo], y, status)
            for iso3, igo, status, s, e in zip(
                m["iso3"], m["igo"], m["status"], m["start"], m["end"], strict=True
            )
            for y in range(max(int(s), lo), min(int(e), hi) + 1)
        ]
        f = pd.DataFrame(rows, columns=["iso3", "organization", "year", "status"])
        frames.append(f.assign(source="cow"))
    hand_years = [y for y in range(first, last + 1) if COW_END < y <= 2025]
    if day is not None and day.year > COW_END:
        hand_years = [day.year]
    if hand_years:
        h = cached_table("memberships")
        h = h.loc[h["status"].isin(hand_ok)]
        rows = []
        for iso3, org, status, start, end in zip(
            h["iso3"], h["organization"], h["status"], h["start_date"], h["end_date"], strict=True
        ):
            for y in hand_years:
                lo, hi = (
                    (day, day + dt.timedelta(days=1))
                    if day
                    else (dt.date(y, 1, 1), dt.date(y + 1, 1, 1))
                )
                if start < hi and (end is None or end > lo):
                    rows.append((iso3, org, y, "full" if status == "member" else status))
        f = pd.DataFrame(rows, columns=["iso3", "organization", "year", "status"])
        frames.append(f.assign(source="hand"))
    cols = ["iso3", "organization", "year", "status", "source"]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)[cols]
    return out.sort_values(cols[:3], kind="stable").reset_index(drop=True)


@lru_cache(maxsize=16)
def _shared(
    first: int, last: int, statuses: tuple[str, ...], day: dt.date | None = None
) -> LayerData:
    years, notes = covered_years("igo", first, last)
    m = memberships(first, last, statuses=statuses, day=day)
    size = m.drop_duplicates(["iso3", "organization"]).groupby("organization")["iso3"].size()
    held: dict[str, set] = {}
    for iso3, org, y in zip(m["iso3"], m["organization"], m["year"], strict=True):
        held.setdefault(iso3, set()).add((org, y))
    rows = []
    for a, b in combinations(sorted(held), 2):
        common = held[a] & held[b]
        if common:
            orgs = sorted({o for o, _ in common})
            weight = sum(1.0 / (int(size[o]) - 1) for o in orgs)
            rows.append((a, b, weight, 0, len(orgs), tuple(orgs)))
    pairs = pd.DataFrame(rows, columns=["a", "b", "weight", "sign", "shared", "organizations"])
    cow_part = [y for y in years if y <= COW_END]
    hand_part = [y for y in years if y > COW_END]
    present = set()
    if cow_part:
        present |= states_in_system(cow_part)
    if hand_part:
        info = state_info()
        current = states_in_system([2016]) | set(info.index[info["cown"].isna()])
        present |= current
    if hand_part:
        notes.append(
            f"From {COW_END + 1} the layer counts only the 25 organizations of the hand-coded "
            "table (data/world/memberships_2015_2025.csv), not COW's 534: its counts are far "
            "smaller and not comparable with earlier years."
        )
    if cow_part and hand_part:
        notes.append(
            f"The period mixes COW IGO ({cow_part[0]}-{cow_part[-1]}) and the hand-coded table "
            f"({hand_part[0]}-{hand_part[-1]}); an organization in both counts once."
        )
    if day is not None and day.year > COW_END:
        notes.append(f"Memberships as they stood on {day.isoformat()}.")
    return LayerData(
        layer="igo",
        pairs=pairs,
        present=frozenset(present),
        years=years,
        period=(first, last),
        notes=notes,
        options={"statuses": list(statuses)},
        signed=False,
    )


def shared_memberships(
    first: int, last: int, *, statuses=("full",), day: dt.date | None = None
) -> LayerData:
    """Pairs of states and the organizations they share in ``first..last`` (or on one day).

    Parameters
    ----------
    first, last : int
        The period, both inclusive (1816-2025).
    statuses : sequence of str, default ("full",)
        Membership statuses counted for both states (see :data:`STATUSES`).
    day : datetime.date, optional
        From 2015: the memberships that hold on this day.

    Returns
    -------
    LayerData
        ``pairs``: ``a``, ``b``, ``weight`` (each shared organization of ``n``
        members counts ``1/(n-1)``: a forum of 50 says less about a pair than
        a group of three; Newman 2001), ``sign`` (0: a shared organization
        has no sign), ``shared`` (how many), ``organizations`` (their names).
        Unsigned (``signed=False``).

    Examples
    --------
    >>> d = shared_memberships(2014, 2014)
    >>> int(d.pairs.set_index(["a", "b"]).loc[("AZE", "USA"), "shared"])
    32
    >>> d.signed
    False
    """
    statuses = (statuses,) if isinstance(statuses, str) else tuple(statuses)
    cow_statuses(statuses)  # validate before caching
    return fresh_copy(_shared(int(first), int(last), statuses, day))
