"""Worker processes that end with the process that started them, and how many a machine has.

joblib's process workers (loky) outlive a parent that is killed outright
(SIGKILL, the out-of-memory killer): they finish their tasks and then idle
for minutes. :func:`tied_workers` makes every worker started inside it watch
its parent and exit as soon as the parent is gone. :func:`available_cpus` is
the number of CPUs this process may run on (its affinity, not the machine's
total), the ceiling for ``n_jobs``.

Examples
--------
>>> available_cpus() >= 1
True
>>> with tied_workers():
...     import joblib
...     joblib.Parallel(n_jobs=1)(joblib.delayed(abs)(-i) for i in range(3))
[0, 1, 2]
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager

from graph.errors import DataError, DataTypeError, Problem

__all__ = ["available_cpus", "capped_jobs", "tied_workers", "watch_parent"]

#: Seconds between two checks of a worker that its parent is alive.
POLL_SECONDS = 0.25


def available_cpus() -> int:
    """The number of CPUs this process may use (at least 1).

    Examples
    --------
    >>> isinstance(available_cpus(), int)
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


#: joblib's backends that run on this machine (where more workers than CPUs only compete).
_LOCAL_BACKENDS = ("LokyBackend", "MultiprocessingBackend", "ThreadingBackend", "SequentialBackend")


def capped_jobs(n_jobs: int | None) -> int | None:
    """``n_jobs`` for joblib, at most the CPUs available when the workers run on this machine.

    ``None`` (joblib's context decides) and negative values (joblib's "all
    CPUs but ...") pass as they are; a number above :func:`available_cpus`
    is lowered to it unless a cluster's backend (Dask, Ray) is active, where
    the workers are elsewhere. More processes than CPUs only compete, and
    hundreds of them take minutes to start and to end.

    Raises
    ------
    graph.errors.DataTypeError
        If ``n_jobs`` is not a whole number or None.
    graph.errors.DataError
        If ``n_jobs`` is 0.

    Examples
    --------
    >>> capped_jobs(1), capped_jobs(None), capped_jobs(-1)
    (1, None, -1)
    >>> capped_jobs(10_000) == available_cpus()
    True
    """
    if n_jobs is None:
        return None
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int):
        raise DataTypeError(
            [Problem.setting("n_jobs", repr(n_jobs), "is not a whole number", "give n_jobs=2")]
        )
    if n_jobs == 0:
        raise DataError(
            [Problem.setting("n_jobs", 0, "is not a number of workers", "give 1 or more")]
        )
    if n_jobs <= available_cpus():
        return n_jobs
    from joblib.parallel import get_active_backend

    backend, _ = get_active_backend()
    if type(backend).__name__ not in _LOCAL_BACKENDS:
        return n_jobs
    return available_cpus()


def watch_parent(parent: int) -> None:
    """Exit this process (status 1) as soon as process ``parent`` is no longer its parent.

    Started in each worker (as joblib's worker initializer); a daemon thread
    checks the parent every :data:`POLL_SECONDS`. A worker whose parent died
    has been adopted by another process, so its parent id changes.
    """

    def poll() -> None:
        while os.getppid() == parent:
            time.sleep(POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=poll, name="actor-graph-parent-watch", daemon=True).start()


@contextmanager
def tied_workers():
    """Within this block, joblib's process workers end when this process ends, even killed.

    Sets joblib's backend to loky (its default) with :func:`watch_parent` as
    the worker initializer; code that names another backend is not affected.
    """
    import joblib

    with joblib.parallel_config(backend="loky", initializer=watch_parent, initargs=(os.getpid(),)):
        yield
