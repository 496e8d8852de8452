"""Where a dataset's files are: the shipped data, or a folder of one's own.

A dataset is a folder holding ``edges.csv`` and, optionally, ``nodes.csv``, the
text ``article.txt`` and the settings ``analysis.toml``. Given any one file,
the others are looked for beside it, never in the shipped data: a user's edges
are never checked against the shipped nodes. :func:`dataset_paths` resolves
the paths and says which files were given and which were looked for.

Examples
--------
>>> p = dataset_paths(edges="my/edges.csv")
>>> str(p.folder), str(p.nodes), p.given
('my', 'my/nodes.csv', ('edges',))
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["FILE_NAMES", "DatasetPaths", "data_dir", "default_paths", "dataset_paths"]

#: The file name each part of a dataset has in its folder.
FILE_NAMES: dict[str, str] = {
    "nodes": "nodes.csv",
    "edges": "edges.csv",
    "article": "article.txt",
    "config": "analysis.toml",
}


def data_dir() -> Path:
    """Return the folder of the shipped data (installed copy, else the source checkout).

    Examples
    --------
    >>> (data_dir() / "edges.csv").is_file()
    True
    """
    installed = resources.files("graph") / "_data"
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parent.parent.parent / "data"


def default_paths() -> dict[str, Path]:
    """Return the paths of the shipped ``nodes``, ``edges``, ``article`` and ``config``.

    Examples
    --------
    >>> sorted(default_paths())
    ['article', 'config', 'edges', 'nodes']
    """
    d = data_dir()
    return {part: d / name for part, name in FILE_NAMES.items()}


@dataclass(frozen=True)
class DatasetPaths:
    """The folder of a dataset, the path of each part, and which parts were given.

    A part that was not given is looked for in ``folder`` under its name in
    :data:`FILE_NAMES`.
    """

    folder: Path
    nodes: Path
    edges: Path
    article: Path
    config: Path
    given: tuple[str, ...]

    def __getitem__(self, part: str) -> Path:
        return getattr(self, part)


def dataset_paths(
    nodes: str | Path | None = None,
    edges: str | Path | None = None,
    article: str | Path | None = None,
    config: str | Path | None = None,
    *,
    data: str | Path | None = None,
) -> DatasetPaths:
    """Resolve a dataset's paths: the files given, the others in the same folder.

    Parameters
    ----------
    nodes, edges, article, config : str or Path, optional
        Files given one by one.
    data : str or Path, optional
        The dataset's folder. Default: the folder of the first file given
        (edges, then nodes, the text, the settings); with none, the shipped data.

    Examples
    --------
    >>> dataset_paths().folder == data_dir()
    True
    >>> str(dataset_paths(data="mine", article="texts/a.txt").article)
    'texts/a.txt'
    >>> str(dataset_paths(data="mine").config)
    'mine/analysis.toml'
    """
    given = {"nodes": nodes, "edges": edges, "article": article, "config": config}
    named = tuple(k for k, v in given.items() if v is not None)
    if data is not None:
        folder = Path(data)
    elif named:
        folder = Path(given[("edges" if edges is not None else named[0])]).parent
    else:
        folder = data_dir()
    paths = {k: Path(v) if v is not None else folder / FILE_NAMES[k] for k, v in given.items()}
    return DatasetPaths(folder=folder, given=named, **paths)
