"""Drafting runs: a raw text to a draft folder, and the analyst's review to ``edges.csv``.

Examples
--------
>>> import tempfile, pathlib
>>> tmp = tempfile.TemporaryDirectory()
>>> run_accept(pathlib.Path(tmp.name))
Traceback (most recent call last):
...
graph.errors.DataError: ...proposed_edges.csv: not found; draft the folder first: ...
>>> tmp.cleanup()
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graph.io.csvfile import read_text

if TYPE_CHECKING:  # the drafting package is imported by the commands that draft, not by others
    from graph import draft
    from graph.draft.accept import Accepted

__all__ = ["DraftRun", "run_draft", "run_accept"]


@dataclass(frozen=True)
class DraftRun:
    """What :func:`run_draft` did: the draft, the files written, the seconds it took."""

    draft: draft.Draft
    paths: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def run_draft(article: str | Path, out: str | Path) -> DraftRun:
    """Draft a dataset from the text file ``article`` into the folder ``out``.

    Raises
    ------
    DataError
        The text cannot be read; spaCy or its model is missing (naming the
        install command); ``out`` must not be written (see
        :func:`graph.draft.write.check_folder`).
    """
    from graph import draft

    name, text = read_text(article)
    draft.write.check_folder(out, draft.split_text(text).text)
    t0 = time.perf_counter()
    d = draft.draft_text(text)
    paths = draft.write_draft(d, out, source=Path(name).name)
    return DraftRun(d, paths, time.perf_counter() - t0)


def run_accept(folder: str | Path, *, replace: bool = False) -> Accepted:
    """Write ``edges.csv`` from the reviewed proposals of ``folder`` and validate it.

    See :func:`graph.draft.accept.accept_reviews`.
    """
    from graph.draft.accept import accept_reviews

    return accept_reviews(folder, replace=replace)
