"""Building millions of small Python objects (views and arrays of 10^6 ties) quickly."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


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
