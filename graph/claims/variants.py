"""Robustness variants of a claim test: which reruns, each prepared ahead, and the criterion.

- :func:`variant_jobs`: the variants of a run (each paragraph left out, each
  other view, detected blocs, with the claim's own ties, with conflictual
  ties, with places), as :class:`Variant` records whose graph is built
  when its turn comes;
- :class:`Ahead`: runs a preparation step for item k + 1 in a background
  thread while the caller works on item k. Preparing a variant (building its
  test graph, its arrays, its detected blocs) is single-threaded Python work,
  and the null tests of the run before it keep the workers busy meanwhile:
  on 10^6 ties the two overlap instead of leaving a core idle. Results do not
  depend on it: every item is prepared by the same function from the same
  inputs, and the caller takes them in order;
- :func:`robustness_criterion`: the share of variants that give the main
  verdict.

Examples
--------
>>> with Ahead([1, 2, 3], lambda x: x * 10) as ahead:
...     list(ahead)
[(1, 10), (2, 20), (3, 30)]
>>> with Ahead([1, 2, 3], lambda x: x * 10, threaded=False) as ahead:
...     list(ahead)
[(1, 10), (2, 20), (3, 30)]
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from graph import networks
from graph.claims.prepare import ClaimGraph
from graph.claims.result import Criterion

__all__ = ["ROBUST_SHARE", "Variant", "variant_jobs", "Ahead", "robustness_criterion"]

#: The robustness criterion passes when at least this share of the variants give the
#: main verdict.
ROBUST_SHARE = 0.8


@dataclass(frozen=True)
class Variant:
    """One rerun: what it changes (``kind``, ``value``), its graph, and its settings' changes."""

    kind: str
    value: Any
    make_graph: Callable[[], nx.Graph]
    change: Mapping = field(default_factory=dict)


def variant_jobs(
    G: nx.Graph,
    prepared: ClaimGraph,
    blocs_source: str,
    alternatives: Mapping[str, nx.Graph] | None,
) -> list[Variant]:
    """The robustness variants of a run on ``G``, whose test graph is ``prepared``.

    ``blocs_source``: "detected" adds no detected-blocs variant; the prepared
    graph's ``left_out``: a variant puts each kind of left-out tie back, when
    there was any.

    Examples
    --------
    >>> from graph.claims.prepare import claim_graph
    >>> G = nx.path_graph(4)
    >>> jobs = variant_jobs(G, claim_graph(G, 0), "attribute", {"other": nx.path_graph(3)})
    >>> [(v.kind, v.value) for v in jobs]
    [('view', 'other'), ('blocs', 'detected')]
    """
    jobs: list[Variant] = []
    if G.number_of_edges() and all("derivations" in d for *_, d in G.edges(data=True)):
        paragraphs = sorted({p for *_, d in G.edges(data=True) for p in d["paragraphs"]})
        jobs += [
            Variant("paragraph", p, lambda p=p: networks.without_paragraphs(G, p))
            for p in paragraphs
        ]
    jobs += [Variant("view", name, lambda H=H: H) for name, H in (alternatives or {}).items()]
    left_out = prepared.left_out
    if blocs_source != "detected":
        jobs.append(Variant("blocs", "detected", lambda: G, {"blocs": "detected"}))
    if left_out["claim_ties"]:
        jobs.append(Variant("claim_ties", "included", lambda: G, {"include_claim_ties": True}))
    if left_out["conflict_ties"]:
        jobs.append(Variant("ties", "all", lambda: G, {"ties": "all"}))
    if left_out["places"]:
        jobs.append(Variant("places", "included", lambda: G, {"places": True}))
    return jobs


class Ahead:
    """Iterate ``(item, prepare(item))``, preparing the next item in a thread meanwhile.

    The first item's preparation starts when the block is entered, so the
    caller can do other work (the main run's tests) before iterating.
    ``threaded=False`` prepares each item when its turn comes instead, in the
    caller's thread: on small graphs, where both sides are short Python work,
    a second thread only takes turns at the interpreter lock (the article's 14
    variants took 0.6-0.9 s with it, 0.5-0.57 s without). At most
    two prepared items exist at a time (the one in use and the next). An
    exception of ``prepare`` is raised when its item's turn comes. The
    thread sees the caller's context variables (the memo of
    :func:`graph.memory.arrays_reused`).

    Examples
    --------
    >>> with Ahead([], str) as ahead:
    ...     list(ahead)
    []
    """

    def __init__(self, items: Iterable, prepare: Callable[[Any], Any], *, threaded: bool = True):
        self._items = list(items)
        self._prepare = prepare
        self._threaded = threaded
        self._pool: ThreadPoolExecutor | None = None
        self._next: Future | None = None

    def _submit(self, k: int) -> None:
        self._next = None
        if k < len(self._items) and self._pool is not None:
            run = contextvars.copy_context().run
            self._next = self._pool.submit(run, self._prepare, self._items[k])

    def __enter__(self) -> Ahead:
        if self._items and self._threaded:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="actor-graph-prepare")
            self._submit(0)
        return self

    def __exit__(self, *exc) -> None:
        if self._next is not None:
            self._next.cancel()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        self._pool = self._next = None

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if not self._threaded:
            for item in self._items:
                yield item, self._prepare(item)
            return
        for k, item in enumerate(self._items):
            if self._next is None:
                raise RuntimeError("Ahead is iterated once, inside its with block")
            prepared = self._next.result()
            self._submit(k + 1)
            yield item, prepared
            prepared = None  # the caller is done with it: freed before the next is waited for


def robustness_criterion(variants: pd.DataFrame, verdict: str) -> Criterion:
    """Robustness: the share of variants (focus present) that give the main ``verdict``.

    Examples
    --------
    >>> rows = pd.DataFrame({"kind": ["view", "blocs"], "value": ["states", "detected"],
    ...                      "focus_present": [True, True],
    ...                      "verdict": ["supported", "not supported"]})
    >>> c = robustness_criterion(rows, "supported")
    >>> c.status, c.observed, c.details["disagree"]
    ('fail', 0.5, [('blocs', 'detected')])
    """
    if variants.empty:
        return Criterion("robustness", None, ROBUST_SHARE, "n/a", {})
    present = variants[variants["focus_present"]]
    same = present["verdict"] == verdict
    counts = present["verdict"].value_counts().to_dict()
    details = {
        "agree": int(same.sum()),
        "variants": len(present),
        "absent": int((~variants["focus_present"]).sum()),
        "verdicts": {str(k): int(v) for k, v in counts.items()},
        "disagree": [(k, v) for k, v in present.loc[~same, ["kind", "value"]].itertuples(False)],
        "views": {
            str(v): d
            for v, d in present.loc[present["kind"] == "view", ["value", "verdict"]].itertuples(
                False
            )
        },
    }
    if present.empty:
        return Criterion("robustness", None, ROBUST_SHARE, "n/a", details)
    share = float(same.mean())
    return Criterion(
        "robustness", share, ROBUST_SHARE, "pass" if share >= ROBUST_SHARE else "fail", details
    )
