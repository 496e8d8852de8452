"""Read and write the rows of a CSV file, for tests that corrupt copies of the shipped data."""

from __future__ import annotations

import csv
from pathlib import Path


def read_rows(path: Path) -> list[list[str]]:
    """All rows of a CSV file, header first."""
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    """Write rows to a CSV file (LF line endings)."""
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
