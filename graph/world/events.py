r"""Event counts (ICEWS, 2002-2014) as a signed layer: cooperation and conflict apart.

ICEWS counts the events one state directs at another each year in four
classes: verbal and material cooperation, verbal and material conflict. A pair
of states gets the counts of both directions and all years of the period
summed: ``positive`` (cooperative events) and ``negative`` (conflictual ones).

News-coded events are mostly verbal cooperation: India and Pakistan, Russia
and Ukraine, Armenia and Azerbaijan all report more cooperative than
conflictual events in 2010-2014, and nearly every pair of active states has
some. A majority rule would call wars cooperation, and ties by presence give
a graph of 8,441 of 11,476 possible pairs. So the layer keeps two kinds of
ties, each against what the data make ordinary:

- **conflict** (sign -1): the pair's share of conflictual events is above the
  period's share among all pairs (the base rate, 0.14 in 2010-2014), by a
  one-sided binomial test at ``conflict_alpha`` (0.01). India-Pakistan (0.26),
  Armenia-Azerbaijan (0.31) and Russia-Ukraine (0.25) are conflicts;
  China-United States (0.12) is not.
- **cooperation** (sign +1): the pair is not a conflict and its cooperative
  events stand out for at least one of the two states: the disparity filter
  of Serrano, Boguñá and Vespignani (2009) at ``backbone_alpha`` (0.05) keeps
  an edge when its weight is a larger share of a state's cooperative events
  than an even spread over its partners would give. A state with one partner
  keeps that tie.

Pairs that are neither get no tie (their counts stay in the notes). Paths and
brokerage run over cooperation only (:func:`graph.claims.claim_graph` leaves
conflicts out); the mediator pattern reads the conflicts.

Gaps: ICEWS has no Türkiye, Palestine, Kosovo or Taiwan and lacks 41 UN
members (listed in ``data/world/README.md``); a graph built for a text with
one of them says so in its notes: their event ties are unknown, not absent.

References
----------
Serrano, M. Á., Boguñá, M., and Vespignani, A. (2009). Extracting the
multiscale backbone of complex weighted networks. PNAS 106(16): 6483-6488.
https://doi.org/10.1073/pnas.0808904106

Examples
--------
>>> d = event_counts(2010, 2014)
>>> e = d.pairs.set_index(["a", "b"])
>>> int(e.loc[("IND", "PAK"), "sign"]), int(e.loc[("CHN", "USA"), "sign"])
(-1, 1)
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

__all__ = ["COUNTS", "CONFLICT_ALPHA", "BACKBONE_ALPHA", "event_counts", "disparity_alpha"]

#: ICEWS's four quad-class counts.
COUNTS: tuple[str, ...] = ("verb_coop", "matl_coop", "verb_conf", "matl_conf")

#: A pair is a conflict when its conflictual share exceeds the base rate at this level.
CONFLICT_ALPHA = 0.01

#: The disparity filter's level for a cooperative tie to stand out for one of its states.
BACKBONE_ALPHA = 0.05


def disparity_alpha(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Each edge's disparity-filter p-value: the smaller of its two ends' (Serrano et al. 2009).

    For an end with ``k`` ties and strength ``s``, an edge of weight ``w`` has
    ``(1 - w/s)^(k-1)``; an end with one tie gives 0 (the tie is all it has).

    Examples
    --------
    >>> a, b = np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2])
    >>> disparity_alpha(a, b, np.array([8.0, 1.0, 1.0, 1.0]))
    array([0.04, 0.5 , 0.  , 0.5 ])
    """
    codes, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
    ia, ib = inv[: a.size], inv[a.size :]
    s = np.bincount(ia, w, codes.size) + np.bincount(ib, w, codes.size)
    k = np.bincount(ia, minlength=codes.size) + np.bincount(ib, minlength=codes.size)

    def end(i):
        with np.errstate(divide="ignore", invalid="ignore"):
            x = (1.0 - w / s[i]) ** (k[i] - 1)
        return np.where(k[i] <= 1, 0.0, x)

    return np.round(np.minimum(end(ia), end(ib)), 12)


@lru_cache(maxsize=32)
def _events(
    first: int, last: int, min_events: int, conflict_alpha: float, backbone_alpha: float
) -> LayerData:
    """The events layer's pairs: cooperation and conflict, signed.

    Length: one pipeline of table operations from the event counts to signed pairs (base rate,
    conflict test, disparity backbone), each step reading the columns the one before made.
    """
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
    pairs["events"] = pairs["positive"] + pairs["negative"]
    pairs = pairs.loc[pairs["events"] >= max(min_events, 1)].reset_index(drop=True)
    base = float(pairs["negative"].sum() / max(pairs["events"].sum(), 1))
    pairs["conflict_share"] = pairs["negative"] / pairs["events"]
    from scipy.special import bdtrc  # imported with the layer, not with the package

    # P(X >= negative) for X ~ Binomial(events, base): the binomial survival function at
    # negative - 1 (scipy.special.bdtrc, which scipy.stats.binom.sf calls)
    pairs["conflict_p"] = bdtrc(pairs["negative"] - 1, pairs["events"], base)
    conflict = (pairs["conflict_p"] < conflict_alpha).to_numpy()
    coop = pairs["positive"].to_numpy(dtype=float)
    live = coop > 0
    backbone = np.ones(len(pairs))
    backbone[live] = disparity_alpha(
        pairs["a"].to_numpy()[live], pairs["b"].to_numpy()[live], coop[live]
    )
    pairs["backbone_p"] = backbone
    positive = ~conflict & (backbone < backbone_alpha)
    pairs["sign"] = np.where(conflict, -1, np.where(positive, 1, 0)).astype(np.int64)
    active = len(pairs)
    pairs = pairs.loc[pairs["sign"] != 0].reset_index(drop=True)
    pairs["weight"] = np.where(pairs["sign"] > 0, pairs["positive"], pairs["negative"]).astype(
        float
    )
    if years:
        notes.append(
            f"Of {active:,} pairs with events in {years[0]}-{years[-1]}, "
            f"{int((pairs['sign'] < 0).sum()):,} are conflicts (a share of conflictual events "
            f"above the base rate of {base:.2f}, binomial p < {conflict_alpha:g}) and "
            f"{int((pairs['sign'] > 0).sum()):,} cooperative ties that stand out for one of "
            f"their states (disparity filter, alpha {backbone_alpha:g}); the others are no tie."
        )
    cols = [
        "a",
        "b",
        "weight",
        "sign",
        "positive",
        "negative",
        "events",
        "conflict_share",
        "conflict_p",
        "backbone_p",
        *COUNTS,
    ]
    return LayerData(
        layer="events",
        pairs=pairs[cols],
        present=present if years else frozenset(),
        years=years,
        period=(first, last),
        notes=notes,
        options={
            "min_events": min_events,
            "conflict_alpha": conflict_alpha,
            "backbone_alpha": backbone_alpha,
            "base_rate": round(base, 6),
        },
        signed=True,
    )


def _share_problem(name: str, value) -> Problem | None:
    try:
        ok = 0 < float(value) < 1
    except (TypeError, ValueError):
        ok = False
    return None if ok else Problem.setting(name, str(value), "is not a level", "give e.g. 0.05")


def event_counts(
    first: int,
    last: int,
    *,
    min_events: int = 1,
    conflict_alpha: float = CONFLICT_ALPHA,
    backbone_alpha: float = BACKBONE_ALPHA,
) -> LayerData:
    """Pairs of states tied by conflict or by standing-out cooperation in ``first..last``.

    Parameters
    ----------
    first, last : int
        The period, both inclusive (ICEWS covers 2002-2014).
    min_events : int, default 1
        Fewest events (both kinds, both directions) for a pair to be considered.
    conflict_alpha : float, default 0.01
        Level of the binomial test that makes a pair a conflict.
    backbone_alpha : float, default 0.05
        Level of the disparity filter that makes a cooperative tie.

    Returns
    -------
    LayerData
        ``pairs``: ``a``, ``b``, ``weight`` (the events of the tie's kind),
        ``sign`` (1 cooperation, -1 conflict), ``positive``, ``negative``,
        ``events``, ``conflict_share``, ``conflict_p``, ``backbone_p`` and the
        four ICEWS counts.

    Examples
    --------
    >>> e = event_counts(2014, 2014).pairs.set_index(["a", "b"])
    >>> int(e.loc[("ARM", "AZE"), "positive"]), int(e.loc[("ARM", "AZE"), "negative"])
    (696, 354)
    """
    problems = [
        p
        for p in (
            _share_problem("conflict_alpha", conflict_alpha),
            _share_problem("backbone_alpha", backbone_alpha),
        )
        if p
    ]
    if isinstance(min_events, bool) or int(min_events) != min_events or min_events < 1:
        problems.append(
            Problem.setting(
                "min_events", str(min_events), "is not a positive whole number", "give e.g. 1"
            )
        )
    if problems:
        raise DataError(problems)
    return fresh_copy(
        _events(
            int(first), int(last), int(min_events), float(conflict_alpha), float(backbone_alpha)
        )
    )
