"""Helpers for tests of the output folder: its results, staging folders, an earlier run."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from graph import cli, io, outdir


def results(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every result file (not a staging folder): its bytes and modification time."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if rel.parts[0].startswith(outdir.STAGE_PREFIX) or not p.is_file():
            continue
        out[rel.as_posix()] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


def stages(folder: Path) -> list[str]:
    """The staging folders left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(outdir.STAGE_PREFIX))


def coherent(folder: Path) -> bool:
    """The folder holds exactly the manifest's files, with the manifest's bytes."""
    listed = outdir.read_manifest(folder)
    present = {k for k in results(folder) if k != outdir.MANIFEST}
    if set(listed) != present:
        return False
    return all(
        hashlib.sha256((folder / k).read_bytes()).hexdigest() == e["sha256"]
        for k, e in listed.items()
    )


#: The export formats the output-folder tests write (every view's graph files, no more).
GRAPH_FORMATS = ("--format", "graphml", "--format", "gexf", "--format", "json")


def earlier_export(tmp_path: Path, out: Path, args: tuple[str, ...] = ()) -> Path:
    """Results of an earlier export into ``out``, from data whose labels differ from the
    shipped data (so every file a later run writes differs)."""
    data = tmp_path / "earlier-data"
    data.mkdir(exist_ok=True)
    for src in io.default_paths().values():
        shutil.copy(src, data / src.name)
    nodes = data / "nodes.csv"
    nodes.write_text(
        nodes.read_text(encoding="utf-8").replace(",Azerbaijan,", ",Azerbaijan (earlier),"),
        encoding="utf-8",
    )
    run = ["export", "--nodes", str(nodes), "--edges", str(data / "edges.csv"), "--out", str(out)]
    assert cli.main([*run, *GRAPH_FORMATS, *args]) == 0
    return out
