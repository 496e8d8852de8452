"""Seeds: every ``seed=`` of the package turned into a generator in one place.

As networkx's ``py_random_state`` does for its algorithms, a function that
draws at random takes ``seed`` (None, a non-negative int, or a numpy
``Generator``) and turns it into what it draws from here, at its door:

- :func:`random_state`: a numpy ``Generator`` (``np.random.default_rng``,
  after checking the seed); :func:`np_random_state` is the same as a
  decorator on a function's ``seed`` argument;
- :func:`python_random`: a ``random.Random`` for networkx and igraph,
  seeded from the generator;
- :func:`seed_entropy` and :func:`ensemble_seeds`: the integer a Monte Carlo
  test records, and the seed sequences of its hub and of its chunks
  (chunk ``i`` is child ``i + 1``, the hub child 0), so that the same seed
  gives the same samples whatever the workers;
- :func:`draw_seed`: an integer seed for a compiled chain, drawn from a generator;
- :func:`igraph_random`: igraph's process-wide generator set for a block.

Examples
--------
>>> int(random_state(3).integers(10)) == int(random_state(3).integers(10))
True
>>> entropy, hub, chunks = ensemble_seeds(7, 3)
>>> entropy, len(chunks)
(7, 3)
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import random
import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

__all__ = [
    "Seed",
    "seed_entropy",
    "random_state",
    "np_random_state",
    "python_random",
    "draw_seed",
    "ensemble_seeds",
    "igraph_random",
]

#: What a ``seed=`` argument takes.
Seed = int | np.integer | np.random.Generator | np.random.SeedSequence | None


def _refused(seed: Any) -> ValueError:
    return ValueError(f"seed must be None, a non-negative int or a numpy Generator; got {seed!r}")


def _is_int(seed: Any) -> bool:
    return isinstance(seed, int | np.integer) and not isinstance(seed, bool)


def seed_entropy(seed: Seed) -> int:
    """The integer a test's ``SeedSequence`` is built from (recorded in its result).

    None draws fresh entropy; a Generator gives one draw of it.

    Examples
    --------
    >>> seed_entropy(5)
    5
    >>> seed_entropy(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be None, a non-negative int or a numpy Generator; got -1
    """
    if seed is None:
        return int(np.random.SeedSequence().entropy)
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(2**63))
    if _is_int(seed) and seed >= 0:
        return int(seed)
    raise _refused(seed)


def random_state(seed: Seed) -> np.random.Generator:
    """A numpy Generator from ``seed`` (a Generator is returned as it is).

    Examples
    --------
    >>> g = np.random.default_rng(1)
    >>> random_state(g) is g
    True
    """
    if seed is None or isinstance(seed, np.random.Generator | np.random.SeedSequence):
        return np.random.default_rng(seed)
    if _is_int(seed) and seed >= 0:
        return np.random.default_rng(int(seed))
    raise _refused(seed)


def np_random_state(name: str = "seed") -> Callable:
    """Decorate a function so that its argument ``name`` arrives as a numpy Generator.

    Examples
    --------
    >>> @np_random_state("seed")
    ... def draw(n, *, seed=None):
    ...     return seed.integers(n)
    >>> int(draw(10, seed=4)) == int(np.random.default_rng(4).integers(10))
    True
    """

    def decorate(func: Callable) -> Callable:
        signature = inspect.signature(func)
        if name not in signature.parameters:
            raise TypeError(f"{func.__name__} has no argument {name!r}")

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            bound.arguments[name] = random_state(bound.arguments[name])
            return func(*bound.args, **bound.kwargs)

        return wrapper

    return decorate


def draw_seed(rng: np.random.Generator) -> int:
    """An integer seed drawn from ``rng`` (for a compiled chain, networkx or igraph).

    Examples
    --------
    >>> draw_seed(random_state(0)) == draw_seed(random_state(0))
    True
    """
    return int(rng.integers(2**63))


def python_random(seed: Seed) -> random.Random:
    """A ``random.Random`` seeded from ``seed``'s generator (for networkx and igraph).

    Examples
    --------
    >>> python_random(0).random() == python_random(0).random()
    True
    """
    return random.Random(draw_seed(random_state(seed)))


def ensemble_seeds(
    seed: Seed, chunks: int
) -> tuple[int, np.random.SeedSequence, list[np.random.SeedSequence]]:
    """The seeds of a Monte Carlo ensemble: its entropy, its hub's and its chunks' sequences.

    Examples
    --------
    >>> entropy, hub, chunks = ensemble_seeds(0, 2)
    >>> [c.spawn_key for c in chunks], hub.spawn_key
    ([(1,), (2,)], (0,))
    """
    entropy = seed_entropy(seed)
    hub, *rest = np.random.SeedSequence(entropy).spawn(chunks + 1)
    return entropy, hub, rest


_IGRAPH_LOCK = threading.Lock()  # igraph has one generator per process


@contextlib.contextmanager
def igraph_random(generator: random.Random | int) -> Iterator[None]:
    """Make igraph draw from ``generator`` for the block; restore its default after.

    An int is igraph's own convention, ``random.Random(int)``. igraph has one
    generator per process: blocks on several threads take turns.

    Examples
    --------
    >>> import igraph as ig
    >>> with igraph_random(0):
    ...     ig.Graph.Erdos_Renyi(5, m=3).ecount()
    3
    """
    import igraph as ig

    if not isinstance(generator, random.Random):
        generator = random.Random(generator)
    with _IGRAPH_LOCK:
        ig.set_random_number_generator(generator)
        try:
            yield
        finally:
            ig.set_random_number_generator(random)
