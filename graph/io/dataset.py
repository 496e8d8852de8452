"""A dataset: the coded tables and the text, loaded and checked together.

Examples
--------
>>> ds = load_dataset()
>>> set(ds.edges["source"]) <= set(ds.nodes["id"])
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from graph.io.csvfile import display_name
from graph.io.tables import load_edges, load_nodes
from graph.io.text import Article, load_text

__all__ = ["Dataset", "data_dir", "default_paths", "load_dataset"]


@dataclass(frozen=True)
class Dataset:
    """Validated nodes and edges, the text they were coded from, and checksums.

    Examples
    --------
    >>> ds = load_dataset()
    >>> sorted(ds.checksums) == ["article", "edges", "nodes"]
    True
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    article: Article | None
    paths: dict[str, str]
    checksums: dict[str, str]


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
    return {
        "nodes": d / "nodes.csv",
        "edges": d / "edges.csv",
        "article": d / "article.txt",
        "config": d / "analysis.toml",
    }


def load_dataset(
    nodes: str | Path | None = None,
    edges: str | Path | None = None,
    article: str | Path | None = None,
    *,
    check_text: bool = True,
) -> Dataset:
    """Load and validate nodes, edges and (optionally) the text in one call.

    Parameters
    ----------
    nodes, edges, article : str or Path, optional
        Paths; each defaults to the shipped data.
    check_text : bool, default True
        When False, the text is not read and quotes are not checked (event data).

    Returns
    -------
    Dataset

    Examples
    --------
    >>> ds = load_dataset()
    >>> ds.paths["edges"].endswith("edges.csv")
    True
    """
    defaults = default_paths()
    paths = {
        "nodes": Path(nodes) if nodes is not None else defaults["nodes"],
        "edges": Path(edges) if edges is not None else defaults["edges"],
    }
    art = None
    if check_text:
        paths["article"] = Path(article) if article is not None else defaults["article"]
        art = load_text(paths["article"])
    node_df = load_nodes(paths["nodes"])
    edge_df = load_edges(paths["edges"], nodes=node_df, article=art)
    checksums = {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in paths.items()}
    shown = {k: display_name(p) for k, p in paths.items()}
    return Dataset(node_df, edge_df, art, shown, checksums)
