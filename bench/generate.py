"""Seeded synthetic event data: a scale-free network of actors with blocs.

Writes ``nodes.csv`` and ``edges.csv`` in the project's schema (see
``graph/schema.py`` and ``data/README.md``) into a folder, by default a new
temporary folder, never ``data/``. The same arguments give the same bytes.

The network grows by preferential attachment with homophily: each new actor
joins a bloc (bloc sizes fall off as 1/rank) and ties to ``ties_per_actor``
earlier actors, chosen in proportion to their degree, within its own bloc
with probability ``homophily`` and anywhere otherwise. Ties repeat (several
events between the same pair), and a small share of ties are attendances
at event nodes, which the ``actors`` view folds into ties between attendees.

Usage::

    python bench/generate.py --actors 100000 --ties 1000000 --seed 0 --out /tmp/big
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

import numpy as np

from graph import schema

__all__ = ["generate", "write"]

#: Dyadic relations drawn for direct ties: (relation, directed, sign), with their shares.
_RELATIONS = (
    ("cooperates_with", "false", "1", 0.40),
    ("negotiates_with", "false", "1", 0.15),
    ("conflicts_with", "false", "-1", 0.15),
    ("supports", "true", "1", 0.20),
    ("comments_on", "true", "0", 0.10),
)
_NODE_HEADER = [c for c in schema.NODE_COLUMNS if c != "code"]  # generated actors have no code
_EDGE_HEADER = list(schema.EDGE_COLUMNS)


def _attach(rng, n, blocs, per_actor, homophily):
    """Preferential attachment with homophily; return distinct pairs (i < j) as an array."""
    n_blocs = int(blocs.max()) + 1
    ends: list[int] = []  # every tie's two ends: sampling from it is degree-proportional
    bloc_ends: list[list[int]] = [[] for _ in range(n_blocs)]
    pairs: list[tuple[int, int]] = []
    seedlings = min(n, per_actor + 1)
    for i in range(1, seedlings):  # a small path to start from
        pairs.append((i - 1, i))
        for v in (i - 1, i):
            ends.append(v)
            bloc_ends[blocs[v]].append(v)
    draws = rng.random((n, 2 * per_actor, 2))
    for i in range(seedlings, n):
        b = blocs[i]
        own = bloc_ends[b]
        chosen = set()
        for inside, r in draws[i]:
            pool = own if (inside < homophily and own) else ends
            chosen.add(pool[int(r * len(pool))])
            if len(chosen) == per_actor:
                break
        for j in chosen:
            pairs.append((j, i))
            ends += (i, j)
            own.append(i)
            bloc_ends[blocs[j]].append(j)
    return np.asarray(pairs, dtype=np.int64).reshape(-1, 2)


def generate(
    n_actors: int = 10_000,
    n_ties: int = 50_000,
    *,
    n_blocs: int = 8,
    homophily: float = 0.8,
    repeat: float = 1.5,
    event_share: float = 0.02,
    seed: int = 0,
) -> tuple[list[list[str]], list[list[str]]]:
    """Return (node rows, edge rows) of a synthetic network, header rows first.

    ``repeat`` is the mean number of ties per distinct pair; ``event_share``
    the share of ties that are attendances at events (about 4 attendees each).
    """
    if n_actors < 3 or n_ties < n_actors:
        raise ValueError(f"need n_actors >= 3 and n_ties >= n_actors; got {n_actors}, {n_ties}")
    rng = np.random.default_rng(seed)
    n_blocs = max(1, min(n_blocs, n_actors // 2))
    share = 1.0 / np.arange(1, n_blocs + 1)
    blocs = rng.choice(n_blocs, size=n_actors, p=share / share.sum())
    blocs[:n_blocs] = np.arange(n_blocs)  # every bloc has at least one member

    n_attend = int(round(event_share * n_ties))
    n_direct = n_ties - n_attend
    per_actor = max(1, int(round(n_direct / repeat / n_actors)))
    pairs = _attach(rng, n_actors, blocs, per_actor, homophily)
    extra = max(0, n_direct - len(pairs))
    pick = np.concatenate([np.arange(len(pairs)), rng.integers(0, len(pairs), extra)])[:n_direct]
    pick.sort()
    direct = pairs[pick]
    flip = rng.random(len(direct)) < 0.5
    direct[flip] = direct[flip][:, ::-1]

    # Node types: the first actor of each bloc and 10% of the rest are states.
    kind = rng.choice(3, size=n_actors, p=[0.1, 0.6, 0.3])  # state, organization, person
    kind[:n_blocs] = 0
    states_of = [np.flatnonzero((kind == 0) & (blocs == b)) for b in range(n_blocs)]
    ids = [f"a{i:06d}" for i in range(n_actors)]
    types = np.array(["state", "organization", "person"])[kind]
    country = [""] * n_actors
    for i in np.flatnonzero(kind == 2):
        own = states_of[blocs[i]]
        country[i] = ids[own[rng.integers(len(own))]]
    node_rows = [_NODE_HEADER] + [
        [ids[i], f"Actor {i}", str(types[i]), country[i], f"bloc{blocs[i]}", ""]
        for i in range(n_actors)
    ]

    # Events: about 4 attendees each, mostly from one bloc.
    n_events = max(1, n_attend // 4) if n_attend else 0
    event_ids = [f"e{j:06d}" for j in range(n_events)]
    node_rows += [[e, f"Event {j}", "event", "", "", ""] for j, e in enumerate(event_ids)]
    attend_event = np.sort(rng.integers(0, max(n_events, 1), n_attend))
    attend_actor = rng.integers(0, n_actors, n_attend)

    rel = np.array([r[:3] for r in _RELATIONS])
    which = rng.choice(len(_RELATIONS), size=n_direct, p=[r[3] for r in _RELATIONS])
    weights = rng.choice(np.array(["1", "1", "1", "2", "3"]), size=n_ties)
    days = np.datetime64("2010-01-01") + rng.integers(0, 15 * 365, n_ties)
    dates = np.datetime_as_string(days, unit="D")
    edge_rows = [_EDGE_HEADER]
    for t in range(n_direct):
        r = rel[which[t]]
        s, o = direct[t]
        edge_rows.append(
            [ids[s], ids[o], r[0], r[1], r[2], weights[t], "", f"rec{t}", "explicit", dates[t]]
        )
    seen = set()
    for j, (e, a) in enumerate(zip(attend_event.tolist(), attend_actor.tolist(), strict=True)):
        if (e, a) in seen:  # one attendance per actor and event (no repeated rows)
            a = (a + 1) % n_actors
            if (e, a) in seen:
                continue
        seen.add((e, a))
        t = n_direct + j
        edge_rows.append(
            [
                ids[a],
                event_ids[e],
                "attends",
                "true",
                "0",
                weights[t],
                "",
                f"rec{t}",
                "explicit",
                dates[t],
            ]
        )
    return node_rows, edge_rows


def write(folder: str | Path | None = None, *args, **kwargs) -> Path:
    """Generate (arguments as :func:`generate`) and write nodes.csv, edges.csv into ``folder``.

    ``folder`` defaults to a new temporary folder; it must not be the project's ``data/``.
    Returns the folder.
    """
    folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="actor-graph-"))
    data = (Path(__file__).resolve().parent.parent / "data").resolve()
    if folder.resolve() == data:
        raise ValueError("refusing to write synthetic data into the project's data/ folder")
    folder.mkdir(parents=True, exist_ok=True)
    nodes, edges = generate(*args, **kwargs)
    for name, rows in (("nodes.csv", nodes), ("edges.csv", edges)):
        with (folder / name).open("w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    return folder


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--actors", type=int, default=10_000)
    p.add_argument("--ties", type=int, default=50_000)
    p.add_argument("--blocs", type=int, default=8)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=None, help="folder (default: a new temp folder)")
    a = p.parse_args(argv)
    print(write(a.out, a.actors, a.ties, n_blocs=a.blocs, seed=a.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
