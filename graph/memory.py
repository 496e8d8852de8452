"""Building millions of small Python objects quickly, and building them once.

- :func:`collector_paused`: make 10^6 small containers without the cyclic
  collector rescanning them;
- :func:`long_lived`: keep what a run holds to its end (the views) out of the
  collector's full passes while the run lasts;
- :func:`without_cached_views`: let reference counting free a graph (networkx's cached
  views otherwise tie every graph into a cycle only the collector breaks);
- :func:`shared_floats`: an array's values as Python floats, one object per
  distinct value (the weights of 10^6 ties take a handful of values);
- :func:`release_freed`: hand memory the C allocator keeps after a stage
  freed it back to the system;
- :func:`arrays_reused` and :func:`reused`: while a run lasts, arrays derived
  from a graph (its fold as integer arrays, its two-mode structure) are built
  once per graph, however many criteria, tests and variants read them.
"""

from __future__ import annotations

import functools
import gc
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import numpy as np

__all__ = [
    "collector_paused",
    "long_lived",
    "without_cached_views",
    "shared_floats",
    "release_freed",
    "arrays_reused",
    "reused",
    "reusing",
]

T = TypeVar("T")
_CACHED = functools.cached_property

#: The memo of the innermost :func:`arrays_reused` block (None outside any).
_MEMO: ContextVar[dict | None] = ContextVar("actor_graph_arrays_memo", default=None)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while millions of small containers are made.

    A folded view of 10^6 ties makes millions of dicts, lists and tuples, none
    in a reference cycle; the collector would rescan the growing heap again
    and again (half the time of building such a view). Reference counting
    still frees everything as usual, and the collector is restored as it was.

    Examples
    --------
    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def long_lived() -> Iterator[None]:
    """Within the block, the objects alive at its start are left out of the collector's passes.

    A run builds its views (millions of dicts, lists and floats at 10^6
    ties) and keeps them to its end; every full pass of the cyclic collector
    rescanned them all, 16 passes and 15 s of a 300 s run. ``gc.freeze``
    moves them aside, and the block's end puts them back (``gc.unfreeze``),
    so that what is freed later is collected as usual. Only cycles among the
    objects kept aside wait for the block's end; reference counting frees the
    rest as always. When something else has frozen objects already (Python
    has one such set), the block leaves the collector as it is.

    Examples
    --------
    >>> import gc
    >>> views = [[n] for n in range(1000)]
    >>> with long_lived():
    ...     gc.get_freeze_count() >= 1000
    True
    >>> gc.get_freeze_count()
    0
    """
    owner = gc.get_freeze_count() == 0
    if owner:
        gc.freeze()
    try:
        yield
    finally:
        if owner:
            gc.unfreeze()


def without_cached_views(*graphs: Any) -> None:
    """Forget each graph's cached views (``G.nodes``, ``G.edges``, ``G.degree``, ...).

    networkx keeps the views as ``functools.cached_property`` values, and each
    view refers back to its graph: a graph whose views were read is a reference
    cycle, freed only by the collector's full pass, which walks the whole graph.
    For the views of 10^6 ties that took 15 s (at a run's end in a script, or at
    its exit), and until such a pass the 1.7 GB stayed taken (a notebook running
    a second analysis held both). Without the cached views reference counting frees
    the graphs as soon as the last reference goes (1.4 s). The views are made
    again when next read (``del G.edges`` is how a cached property is cleared).

    Examples
    --------
    >>> import gc, weakref, networkx as nx
    >>> G = nx.path_graph(3)
    >>> read = len(G.edges) + len(G.nodes)  # cached now: G is a cycle
    >>> without_cached_views(G)
    >>> alive, enabled = weakref.ref(G), gc.isenabled()
    >>> gc.disable()
    >>> del G
    >>> alive() is None  # freed at once, without the collector
    True
    >>> if enabled:
    ...     gc.enable()
    """
    for G in graphs:
        cached = [k for k in vars(G) if isinstance(getattr(type(G), k, None), _CACHED)]
        for name in cached:
            delattr(G, name)


def shared_floats(values: Any) -> list[float]:
    """``values.tolist()`` as floats, where equal values are one object.

    ``ndarray.tolist()`` makes a float object (24 bytes) per element: the
    weights and weight sums of a view of 10^6 ties are millions of floats
    that take a few dozen distinct values. A float never changes, so edges
    that share one read exactly what they read before. Values that are
    nearly all distinct, and arrays holding -0.0 (equal to 0.0, but printed
    apart), are returned as ``tolist()`` gives them.

    Parameters
    ----------
    values : array_like
        Numbers (converted to float64).

    Returns
    -------
    list of float

    Examples
    --------
    >>> xs = shared_floats([1, 2.5, 1, 1])
    >>> xs, xs[0] is xs[2] is xs[3]
    ([1.0, 2.5, 1.0, 1.0], True)
    >>> shared_floats([-0.0, 0.0, 0.0])
    [-0.0, 0.0, 0.0]
    """
    a = np.asarray(values, dtype=float).ravel()
    if a.size < 2 or np.any((a == 0) & np.signbit(a)):
        return a.tolist()
    distinct, inverse = np.unique(a, return_inverse=True)
    if 2 * distinct.size > a.size:  # nearly all distinct: nothing to share
        return a.tolist()
    return np.array(distinct.tolist(), dtype=object)[inverse].tolist()


def release_freed() -> bool:
    """Give the system back the memory the C allocator holds free (glibc's ``malloc_trim``).

    After a stage frees a few hundred megabytes of graphs (the claim test's
    robustness variants at 10^6 ties), glibc keeps the freed pages, in its
    threads' arenas too, and the next stage's arrays take new ones: the
    process then counts both. Returns whether it could ask (False where the
    C library has no ``malloc_trim``: macOS, Windows, musl); nothing else
    changes.

    Examples
    --------
    >>> release_freed() in (True, False)
    True
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim():
    import ctypes

    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # glibc's name on every Linux that has it
    except (OSError, AttributeError):
        return None


@contextmanager
def arrays_reused() -> Iterator[None]:
    """Within the block, :func:`reused` builds a graph's derived arrays once per graph.

    For runs that read the same graphs many times and do not change them (the
    claim test: criteria, null tests and robustness variants on a test graph of
    10^6 ties). An entry lives as long as its graph: it is dropped when the
    graph is garbage-collected, and the whole memo when the block ends. Nested
    blocks share the outer memo.

    Examples
    --------
    >>> import networkx as nx
    >>> G, calls = nx.path_graph(3), []
    >>> def build():
    ...     calls.append(1)
    ...     return len(G)
    >>> with arrays_reused():
    ...     reused(G, "size", build), reused(G, "size", build)
    (3, 3)
    >>> len(calls)
    1
    """
    token = _MEMO.set({}) if _MEMO.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _MEMO.reset(token)


def reusing() -> bool:
    """Whether an :func:`arrays_reused` block is active.

    Examples
    --------
    >>> reusing()
    False
    """
    return _MEMO.get() is not None


def reused(G: Any, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, or its value for this very graph object if built before in this block.

    Outside :func:`arrays_reused` it simply calls ``build()``. The caller
    promises that the value depends on ``G`` and ``key`` only, and that ``G``
    does not change inside the block.

    Examples
    --------
    >>> reused(object(), "k", lambda: 42)  # outside a block: built every time
    42
    """
    memo = _MEMO.get()
    if memo is None:
        return build()
    slot = (id(G), key)
    entry = memo.get(slot)
    if entry is not None and entry[0]() is G:
        return entry[1]
    value = build()
    memo[slot] = (weakref.ref(G, lambda _, slot=slot: memo.pop(slot, None)), value)
    return value
