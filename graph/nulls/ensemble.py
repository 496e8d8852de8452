r"""Drawing a null ensemble: seeded chunks of samples, workers, sequential stopping.

A *task* (:class:`graph.nulls.engine.FastTask`, ``TwoModeTask``,
:class:`graph.nulls.scale.ScaleTask`, or the networkx reference task) draws
samples with ``stream(rng)``, evaluates one or more statistics on each with
``value(sample)`` and tells with ``changed(sample)`` whether a sample differs
from the observed graph. :func:`simulate` draws the ensemble in chunks of
fixed size, chunk ``i`` from its own seed, on joblib workers, and cuts each
statistic's sequence where its sequential test stops. Several statistics
evaluated on the same samples give exactly what separate ensembles with the
same seed would give, at the cost of one.

Examples
--------
>>> at_least_as_extreme(np.array([1.0, 2.0, np.nan]), 2.0, "greater").tolist()
[False, True, True]
"""

from __future__ import annotations

import contextlib
import threading

import joblib
import numpy as np
from tqdm.auto import tqdm

from graph.seeds import random_state

__all__ = ["CHUNK", "at_least_as_extreme", "draw_chunk", "simulate"]

#: Samples per chunk by default (the chunking depends on the number of samples only).
CHUNK = 250
_RTOL = 1e-12  # relative tolerance under which a sample ties the observed value


def at_least_as_extreme(values: np.ndarray, observed, alternative: str) -> np.ndarray:
    """Which samples are at least as extreme as the observed value (a NaN sample counts).

    A sample within a relative 1e-12 of the observed value ties it and counts.
    ``observed`` may be an array broadcast against ``values`` (one per statistic).
    """
    tol = _RTOL * np.maximum(np.abs(values), np.abs(observed))
    if alternative == "greater":
        hit = values >= observed - tol
    else:
        hit = values <= observed + tol
    return hit | np.isnan(values)


def draw_chunk(
    task,
    size: int,
    seed: np.random.SeedSequence,
    observed: np.ndarray,
    alternative: str,
    need: np.ndarray | None,
) -> tuple[np.ndarray, int]:
    """Draw one chunk of samples: their values (one column per statistic).

    With ``need`` set, stop once every statistic has had that many samples
    at least as extreme as its observed value. Returns the values and the
    index of the first sample that differs from the observed graph (-1 if
    none does).
    """
    rng = random_state(seed)
    values = np.empty((size, observed.size))
    first_changed = -1
    hits = np.zeros(observed.size)
    with contextlib.closing(task.stream(rng)) as stream:
        for i in range(size):
            sample = next(stream)
            values[i] = x = np.atleast_1d(task.value(sample))
            if first_changed < 0 and task.changed(sample):
                first_changed = i
            if need is not None:
                hits += at_least_as_extreme(x, observed, alternative)
                if (hits >= need).all():
                    return values[: i + 1], first_changed
    return values, first_changed


def _ends_here(bar, why: str) -> None:
    """Make ``bar`` end where it stands, with ``why``, its widget's length too.

    A bar closed short of its total reads as cut off (Jupyter paints it red, as an error);
    a sequential test that stopped early has finished.
    """
    bar.total = bar.n
    widget = getattr(bar, "container", None)  # tqdm.notebook: text, bar, text
    if widget is not None:
        widget.children[1].max = bar.n
    bar.set_postfix_str(why)


def simulate(
    task,
    seeds: list[np.random.SeedSequence],
    *,
    chunk: int,
    samples: int,
    observed: np.ndarray,
    alternative: str,
    sequential: bool,
    stop_after: int,
    n_jobs: int | None,
    progress: bool,
    desc: str,
) -> tuple[list[np.ndarray], list[bool], list[bool]]:
    """Draw the ensemble in fixed chunks; per statistic: (values, any_changed, stopped_early).

    Chunk ``i`` always has the same size and seed, whatever ``n_jobs`` is, so
    the samples do not depend on how the chunks are spread over workers.
    Chunks are handed to the workers as they free up (never waiting for a
    whole batch) and their results taken in order; in sequential mode each
    statistic's sequence is cut at the first sample where its running count
    of extreme samples reaches ``stop_after``, and no chunk is handed out
    once every statistic has stopped. A chunk stops early itself once it has
    drawn as many extreme samples as its statistics still needed when it was
    handed out; that can only be more than they need by the time its turn
    comes, so the result is the same as without early stops.
    """
    k = observed.size
    n_chunks = len(seeds)
    sizes = [min(chunk, samples - i * chunk) for i in range(n_chunks)]
    parts: list[list[np.ndarray]] = [[] for _ in range(k)]
    hits = np.zeros(k, dtype=np.int64)
    changed = [False] * k
    stopped = [False] * k
    lock = threading.Lock()

    def jobs():
        for i in range(n_chunks):
            with lock:
                if all(stopped):
                    return
                need = (stop_after - hits).astype(float) if sequential else None
                if need is not None:
                    need[np.asarray(stopped)] = -np.inf  # already stopped: needs nothing
            yield joblib.delayed(draw_chunk)(task, sizes[i], seeds[i], observed, alternative, need)

    workers = max(1, joblib.effective_n_jobs(n_jobs))
    with (
        tqdm(total=samples, disable=not progress, desc=desc, unit="sample") as bar,
        joblib.Parallel(
            n_jobs=n_jobs, return_as="generator", pre_dispatch=workers, batch_size=1
        ) as parallel,
    ):
        for values, first_changed in parallel(jobs()):
            if all(stopped):
                continue  # handed out before the last statistic stopped
            used = 0
            for j in range(k):
                if stopped[j]:
                    continue
                v = values[:, j]
                if sequential and v.size:
                    running = hits[j] + np.cumsum(at_least_as_extreme(v, observed[j], alternative))
                    with lock:
                        if running[-1] >= stop_after:
                            cut = int(np.argmax(running >= stop_after)) + 1
                            v, stopped[j], hits[j] = v[:cut], True, stop_after
                        else:
                            hits[j] = int(running[-1])
                changed[j] = changed[j] or 0 <= first_changed < v.size
                parts[j].append(v)
                used = max(used, v.size)
            bar.update(used)
        if sequential and all(stopped) and bar.n < samples:  # the bar ends full, and says why
            _ends_here(bar, f"stopped early: {stop_after} as extreme, the p-value settled")
    return [np.concatenate(p) if p else np.empty(0) for p in parts], changed, stopped
