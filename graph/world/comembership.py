r"""Co-membership, kept two-mode: whether the focus sits with both sides beyond chance.

Shared membership in an organization says that two states sit at the same
table; it says nothing of whether they get on (India and Pakistan share the
SCO). So this layer never confirms or contradicts a tie of the text: it shows
proximity, not its sign. Its test asks two questions of the state-organization
graph (``data/world/igo_memberships.csv`` to 2014, the hand-coded table from 2015):

1. **belongs to both**: where the sides are organizations (BRICS, the SCO),
   does the focus hold a place in each of them (member, or partner, observer,
   dialogue partner... where the data say so; the status is named)? Where the
   sides are sets of states, this does not apply.
2. **shared beyond chance**: does the focus share more organizations with each
   side than it would in a two-mode null that keeps every state's number of
   memberships and every organization's number of members (bipartite swaps)?
   A shared organization of ``n`` members counts ``1/(n-1)`` (Newman 2001): a
   forum of 50 states says less about any pair of them than a group of three.

Effect sizes are the null's mean as a share of the observed value, one per
side; p-values are Monte Carlo, sequential (Besag and Clifford 1991). A state
that belongs to many forums shares much with everyone; the null, which keeps
its number of memberships, discounts that.

Examples
--------
>>> inc = pd.DataFrame({"state": list("aabbccff") + ["x", "y"],
...                     "organization": ["A1", "A2", "A1", "A2", "B1", "B2", "A1", "B1",
...                                      "B2", "A2"]})
>>> two = TwoModeMembership.from_frame(inc)
>>> round(two.shared("f", {"a", "b"}), 3), round(two.shared("f", {"c"}), 3)
(1.0, 1.0)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping

import numpy as np
import pandas as pd

from graph.claims.result import Criterion
from graph.nulls.ensemble import CHUNK
from graph.nulls.outcome import base_fields, run_tests
from graph.nulls.result import NullTest
from graph.seeds import draw_seed, ensemble_seeds, random_state
from graph.world.base import exclusive_sides

__all__ = [
    "SWAPS_PER_INCIDENCE",
    "MEMBERSHIP_CRITERIA",
    "TwoModeMembership",
    "MembershipTest",
    "membership_test",
]

#: Swap trials per membership for each null sample (as the text's two-mode null).
SWAPS_PER_INCIDENCE = 10

#: The criteria of the co-membership test, in the order reports list them.
MEMBERSHIP_CRITERIA: tuple[str, ...] = ("belongs", "shared", "joiner")


@dataclasses.dataclass(frozen=True, eq=False)
class TwoModeMembership:
    """States and organizations as arrays: one (state, organization) pair per membership.

    ``states`` and ``organizations`` name the indices; ``state`` and ``org``
    are the memberships (int64 arrays of equal length).
    """

    states: tuple
    organizations: tuple
    state: np.ndarray
    org: np.ndarray

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> TwoModeMembership:
        """From a table with ``state`` and ``organization`` columns (duplicates dropped)."""
        f = frame[["state", "organization"]].drop_duplicates()
        states = tuple(sorted(set(f["state"]), key=str))
        orgs = tuple(sorted(set(f["organization"]), key=str))
        si = {s: i for i, s in enumerate(states)}
        oi = {o: i for i, o in enumerate(orgs)}
        return cls(
            states,
            orgs,
            np.array([si[s] for s in f["state"]], dtype=np.int64),
            np.array([oi[o] for o in f["organization"]], dtype=np.int64),
        )

    def sizes(self) -> np.ndarray:
        """Each organization's number of members."""
        return np.bincount(self.org, minlength=len(self.organizations))

    def weights(self) -> np.ndarray:
        """Each organization's weight for a pair of its members: ``1/(n-1)`` (0 if alone)."""
        n = self.sizes().astype(float)
        return np.divide(1.0, n - 1, out=np.zeros_like(n), where=n > 1)

    def matrix(self, org: np.ndarray | None = None) -> np.ndarray:
        """The state x organization incidence matrix (0/1)."""
        B = np.zeros((len(self.states), len(self.organizations)))
        B[self.state, self.org if org is None else org] = 1.0
        return B

    def shared(self, focus, side, org: np.ndarray | None = None) -> float:
        """The focus's weighted organizations shared with the states of one side."""
        index = {s: i for i, s in enumerate(self.states)}
        if focus not in index:
            return 0.0
        B = self.matrix(org)
        rows = [index[s] for s in side if s in index and s != focus]
        return float((B[rows] @ (B[index[focus]] * self.weights())).sum()) if rows else 0.0


@dataclasses.dataclass(frozen=True, eq=False)
class _SharedTask:
    """A null task: the focus's weighted co-membership with one side, on swapped memberships."""

    two: TwoModeMembership
    start: np.ndarray
    focus: int
    rows: np.ndarray
    trials: int

    def stream(self, rng: np.random.Generator) -> Iterator[np.ndarray]:
        """Samples without end: the organization of each membership, after swaps from the start."""
        n_orgs = len(self.two.organizations)
        while True:
            org = self.start.copy()
            seed = draw_seed(rng)
            _incidence_swaps(self.two.state.copy(), org, n_orgs, trials=self.trials, seed=seed)
            yield org

    def value(self, org: np.ndarray) -> float:
        """The statistic on one sample."""
        B = self.two.matrix(org)
        return float((B[self.rows] @ (B[self.focus] * self.two.weights())).sum())

    def changed(self, org: np.ndarray) -> bool:
        """Whether the sample differs from the observed memberships."""
        return not np.array_equal(org, self.two.org)


@dataclasses.dataclass(frozen=True)
class MembershipTest:
    """The co-membership test: the focus's places in the sides' organizations, and criteria.

    ``belongs``: side -> the focus's status in that side's organization (None:
    none; the side is not an organization: absent). ``shared``: side -> the
    null test of the focus's weighted organizations shared with the side's
    states. ``memberships``: the focus's number of memberships and
    ``memberships_share``: the share of the data's states with fewer.
    ``sides``: the states of each side used (ISO3), ``overlap``: states on two
    sides, left out of both.
    """

    focus: str
    belongs: dict[str, str | None]
    shared: dict[str, NullTest]
    sides: dict[str, list[str]]
    overlap: dict[str, list[str]]
    memberships: int
    memberships_share: float
    organizations: int
    verdict: str
    criteria: tuple[Criterion, ...] = ()

    def criterion(self, key: str) -> Criterion:
        """The criterion with this key."""
        return next(c for c in self.criteria if c.key == key)


def _incidence_swaps(state, org, n_orgs: int, *, trials: int, seed: int) -> None:
    """The compiled incidence swaps (numba is imported when first used, not with the package)."""
    from graph.nulls.swaps import incidence_swaps

    incidence_swaps(state, org, n_orgs, trials=trials, seed=seed)


def _shared_tests(two, focus, sides, *, samples, seed, alpha, n_jobs, progress):
    index = {s: i for i, s in enumerate(two.states)}
    entropy, hub_seed, seeds = ensemble_seeds(seed, -(-samples // CHUNK))
    trials = SWAPS_PER_INCIDENCE * len(two.org)
    start = two.org.copy()  # Besag & Clifford (1989): every sample's chain starts from one hub
    _incidence_swaps(
        two.state.copy(),
        start,
        len(two.organizations),
        trials=trials,
        seed=draw_seed(random_state(hub_seed)),
    )
    options = {
        "null": "two-mode memberships",
        "samples": samples,
        "alternative": "greater",
        "sequential": True,
        "stop_after": 50,
        "alpha": alpha,
        "n_jobs": n_jobs,
        "progress": progress,
    }
    names = list(sides)
    tasks = [
        _SharedTask(
            two,
            start,
            index[focus],
            np.array([index[s] for s in sides[n] if s in index], dtype=np.int64),
            trials,
        )
        for n in names
    ]
    bases = [
        base_fields(
            f"shared with {n}", focus, options["null"], tasks[i].value(two.org), entropy, options
        )
        for i, n in enumerate(names)
    ]
    reason = ("", {}) if len(two.org) >= 2 else ("few_memberships", {})
    tests = run_tests(tasks, bases, reason, seeds, CHUNK, options)
    return dict(zip(names, tests, strict=True))


def membership_test(
    two: TwoModeMembership,
    focus,
    sides: Mapping[str, set],
    *,
    belongs: Mapping[str, str | None] | None = None,
    samples: int = 1000,
    seed=0,
    alpha: float = 0.05,
    n_jobs: int | None = 1,
    progress: bool = True,
) -> MembershipTest:
    """Test whether ``focus`` sits with both sides in their organizations beyond chance.

    Parameters
    ----------
    two : TwoModeMembership
        The memberships that count (full members by default), all states.
    focus : hashable
        The focus's state (as in ``two.states``).
    sides : mapping of name -> set
        The sides' states; a state on two sides is left out of both.
    belongs : mapping of side -> status or None, optional
        For sides that are organizations: the focus's status in each (None
        when it holds none). Without it, the criterion does not apply.
    samples, seed, alpha, n_jobs, progress
        The Monte Carlo test: most samples, seed, level, workers, progress bar.

    Returns
    -------
    MembershipTest
        Criteria ``belongs`` (a place in every side's organization),
        ``shared`` (beyond the two-mode null with every side: p <= alpha for
        each) and ``joiner`` (context: how many organizations the focus
        belongs to, against the other states). Verdict: "supported" when
        every applicable criterion passes, "partly supported" when one of
        two passes, "not supported" when none does, "not testable" when a
        side has no state in the data or the null cannot move.

    Examples
    --------
    >>> states = ["f", "a", "f", "b"] + [f"s{i}" for i in range(40)]
    >>> orgs = ["A", "A", "B", "B"] + [f"o{i % 8}" for i in range(40)]
    >>> inc = pd.DataFrame({"state": states, "organization": orgs})
    >>> t = membership_test(TwoModeMembership.from_frame(inc), "f", {"A": {"a"}, "B": {"b"}},
    ...                     samples=199, progress=False)
    >>> t.criterion("shared").status, t.criterion("belongs").status
    ('pass', 'n/a')
    """
    exclusive, overlap = exclusive_sides(sides, focus)
    clean = {n: sorted(ms, key=str) for n, ms in exclusive.items()}
    present = set(two.states)
    empty = [n for n, ms in clean.items() if not set(ms) & present]
    sizes = np.bincount(two.state, minlength=len(two.states))
    index = {s: i for i, s in enumerate(two.states)}
    mine = int(sizes[index[focus]]) if focus in index else 0
    share = float((sizes < mine).mean()) if len(sizes) else float("nan")
    shared = {}
    if not empty and focus in index:
        shared = _shared_tests(
            two,
            focus,
            {n: set(ms) for n, ms in clean.items()},
            samples=samples,
            seed=seed,
            alpha=alpha,
            n_jobs=n_jobs,
            progress=progress,
        )
    crit, verdict = _criteria(belongs, shared, empty, alpha, mine, share, focus in index)
    return MembershipTest(
        focus=focus,
        belongs=dict(belongs or {}),
        shared=shared,
        sides={n: [m for m in ms if m in present] for n, ms in clean.items()},
        overlap=overlap,
        memberships=mine,
        memberships_share=share,
        organizations=len(two.organizations),
        verdict=verdict,
        criteria=crit,
    )


def _criteria(belongs, shared, empty, alpha, mine, share, present):
    if belongs:
        held = {k: v for k, v in belongs.items() if v}
        b = Criterion(
            "belongs",
            float(len(held)),
            float(len(belongs)),
            "pass" if len(held) == len(belongs) else "fail",
            {"statuses": dict(belongs)},
        )
    else:
        b = Criterion("belongs", None, None, "n/a", {})
    if empty or not shared:
        why = {"empty_sides": empty} if empty else {"focus_absent": not present}
        s = Criterion("shared", None, None, "not testable", why)
    elif not all(t.testable for t in shared.values()):
        t = next(t for t in shared.values() if not t.testable)
        why = {"reason": t.reason, "why": dict(t.why), "samples": t.n, "null": t.null}
        s = Criterion("shared", None, None, "not testable", why | {"statistic": t.statistic})
    else:
        worst = max(shared.values(), key=lambda t: t.p_value)
        ok = all(t.p_value <= alpha for t in shared.values())
        s = Criterion(
            "shared",
            worst.observed,
            worst.mean,
            "pass" if ok else "fail",
            {"sides": {k: t.statistic for k, t in shared.items()}, "alpha": alpha},
            p_value=worst.p_value,
            effect=worst.explained,
        )
    j = Criterion("joiner", float(mine), share, "n/a", {})
    if s.status == "not testable":
        return (b, s, j), "not testable"
    applicable = [c for c in (b, s) if c.status in ("pass", "fail")]
    passed = sum(c.status == "pass" for c in applicable)
    verdict = (
        "supported"
        if passed == len(applicable)
        else "partly supported"
        if passed
        else "not supported"
    )
    return (b, s, j), verdict
