"""Shared fixtures (a writable copy of the shipped data), and the check that runs clean up.

The check is in ``leftovers.py``: a test, doctest or notebook that leaves a
file outside its temporary folder fails the run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from csvfiles import read_rows, write_rows
from leftovers import pytest_configure, pytest_sessionfinish  # noqa: F401 (hooks)

from graph import io


@pytest.fixture
def data_copy(tmp_path: Path) -> dict[str, Path]:
    """Copy the shipped data into tmp_path; return the paths of the copies."""
    paths = {}
    for key, src in io.default_paths().items():
        if src.exists():
            paths[key] = Path(shutil.copy(src, tmp_path / src.name))
    return paths


@pytest.fixture(scope="session")
def dataset() -> io.Dataset:
    """The shipped dataset, loaded once."""
    return io.load_dataset()


@pytest.fixture
def csv_rows():
    """(read_rows, write_rows) helpers for mutating CSV copies in tests."""
    return read_rows, write_rows
