"""A dataset: the coded tables, the text and the settings, loaded and checked together.

:func:`load_dataset` finds the files (:func:`graph.io.paths.dataset_paths`:
the files given, the others beside them), reads every one, and reports the
problems of all of them at once. A part that was looked for and is missing is
optional where the analysis can do without it, and said once in
``Dataset.notes``: no text (quotes are not checked), no ``nodes.csv`` (the
edges' ids are the nodes), no ``analysis.toml`` (no claim by default). A
missing ``edges.csv``, or a file that was given and is missing, is an error
naming the file looked for.

Examples
--------
>>> ds = load_dataset()
>>> set(ds.edges["source"]) <= set(ds.nodes["id"])
True
>>> ds.notes
()
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from graph.errors import DataError, Problem
from graph.io.config import Config, check_claim, load_config
from graph.io.csvfile import display_name
from graph.io.paths import FILE_NAMES, data_dir, dataset_paths, default_paths
from graph.io.tables import load_edges, load_nodes
from graph.io.text import Article, load_text

__all__ = ["Dataset", "data_dir", "default_paths", "load_dataset", "nodes_from_edges"]


@dataclass(frozen=True)
class Dataset:
    """Validated nodes and edges, the text they were coded from, the settings, checksums.

    ``paths`` and ``checksums`` name the files read (``nodes``, ``edges``,
    ``article``, ``config``: those that exist); ``config`` is the ``[claim]``
    table of ``analysis.toml`` (empty without one); ``notes`` say once what
    was missing and what was done instead; ``folder`` is where the files
    were looked for.

    Examples
    --------
    >>> ds = load_dataset()
    >>> sorted(ds.checksums)
    ['article', 'config', 'edges', 'nodes']
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    article: Article | None
    paths: dict[str, str]
    checksums: dict[str, str]
    config: Mapping = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    folder: str = ""


def nodes_from_edges(edges: pd.DataFrame) -> pd.DataFrame:
    """A nodes table for data without ``nodes.csv``: every id of the edges, type ``actor``.

    Labels are the ids; no node has a bloc (each is a bloc of its own), a
    country or a code.

    Examples
    --------
    >>> e = pd.DataFrame({"source": ["b", "a"], "target": ["c", "b"]})
    >>> nodes_from_edges(e)[["id", "type"]].to_dict("list")
    {'id': ['a', 'b', 'c'], 'type': ['actor', 'actor', 'actor']}
    """
    ids = sorted(set(edges["source"]) | set(edges["target"]), key=str)
    return pd.DataFrame(
        {
            "id": ids,
            "label": ids,
            "type": "actor",
            "country": None,
            "bloc": None,
            "aliases": [[] for _ in ids],
            "code": None,
            "line": None,
        }
    )


def _check_folder(folder: Path, *, given: bool) -> None:
    """A dataset's folder that cannot be looked into is one line, not a traceback."""
    import errno

    try:
        info = folder.stat()
    except FileNotFoundError:
        return  # the files looked for in it are missing: said file by file
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            message, fix = "is a link that leads back to itself", "fix or remove the link"
        else:
            message, fix = f"cannot be read ({exc.strerror})", "check the folder's permissions"
        raise DataError([Problem(str(folder), message=message, fix=fix)]) from None
    if given and not stat.S_ISDIR(info.st_mode):
        raise DataError(
            [Problem(display_name(folder), message="is not a folder", fix="give --data a folder")]
        )
    if given and not os.access(folder, os.R_OK | os.X_OK):
        raise DataError(
            [
                Problem(
                    display_name(folder),
                    message="cannot be read (permission denied)",
                    fix="check the folder's permissions",
                )
            ]
        )


def _missing(part: str, path: Path) -> DataError:
    flag = "--" + part
    return DataError(
        [
            Problem(
                display_name(path),
                message=f"not found: a dataset's folder holds its {FILE_NAMES[part]}",
                fix=f"give the file with {flag}, or the folder with --data",
            )
        ]
    )


def load_dataset(
    nodes: str | Path | None = None,
    edges: str | Path | None = None,
    article: str | Path | None = None,
    *,
    config: str | Path | None = None,
    data: str | Path | None = None,
    check_text: bool = True,
) -> Dataset:
    """Load and check a dataset's files in one call, reporting every file's problems at once.

    Length: it reads the files in the one order their cross-checks need (nodes, then edges
    against them, then the text and the settings), collecting every file's problems before
    raising.

    Parameters
    ----------
    nodes, edges, article, config : str or Path, optional
        Paths given one by one; the others are looked for in the same folder
        (see :func:`graph.io.paths.dataset_paths`), never in the shipped data.
    data : str or Path, optional
        The dataset's folder. With no path at all: the shipped data.
    check_text : bool, default True
        When False, the text is not read and quotes are not checked (event data).

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        With the problems of every file read (nodes, edges, text, settings),
        each naming its file, line and column, up to the per-file limit.

    Examples
    --------
    >>> ds = load_dataset()
    >>> ds.paths["edges"].endswith("edges.csv")
    True
    >>> load_dataset(data="no/such/folder")
    Traceback (most recent call last):
    ...
    graph.errors.DataError: no/such/folder/edges.csv: not found: ...; give the file with --edges...
    """
    where = dataset_paths(nodes, edges, article, config, data=data)
    errors: list[DataError] = []
    notes: list[str] = []
    read: dict[str, Path] = {}
    folder = display_name(where.folder)

    def exists(part: str) -> bool:  # given (a missing one is the loader's error) or found
        if part in where.given:
            return True
        try:
            where[part].stat()
        except (FileNotFoundError, NotADirectoryError):
            return False
        except OSError:
            return True  # there, but unreadable: the loader says why
        return True

    _check_folder(where.folder, given=data is not None)

    def attempt(part: str, load, *args, **kwargs):
        """Load one part; a problem is kept with the others' and the part is None."""
        try:
            value = load(where[part], *args, **kwargs)
        except DataError as err:
            errors.append(err)
            return None
        read[part] = where[part]
        return value

    art = None
    if check_text and exists("article"):
        art = attempt("article", load_text)
    elif check_text:
        notes.append(
            f"no {FILE_NAMES['article']} in {folder}/: quotes are not checked against a text "
            "(give --article FILE to check them)"
        )
    node_df = attempt("nodes", load_nodes) if exists("nodes") else None
    nodes_ok = node_df is not None or not exists("nodes")
    edge_df = None
    if exists("edges"):
        edge_df = attempt("edges", load_edges, nodes=node_df, article=art)
    else:
        errors.append(_missing("edges", where.edges))
    conf: Mapping = Config(path=display_name(where.config))
    if exists("config"):
        conf = attempt("config", load_config) or conf
    if edge_df is not None and node_df is None and nodes_ok:
        node_df = nodes_from_edges(edge_df)
        notes.append(
            f"no {FILE_NAMES['nodes']} in {folder}/: the {len(node_df)} ids of the edges are "
            "the nodes (type actor, no bloc; give --nodes FILE for types and blocs)"
        )
    if conf:  # checked against what did load, so that one run reports every file's problems
        try:
            check_claim(conf, art, nodes=node_df, edges=edge_df)
        except DataError as err:
            errors.append(err)
    if errors:
        raise DataError.combine(errors)
    read = {k: read[k] for k in FILE_NAMES if k in read}
    checksums = {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in read.items()}
    shown = {k: display_name(p) for k, p in read.items()}
    return Dataset(
        node_df, edge_df, art, shown, checksums, config=conf, notes=tuple(notes), folder=folder
    )
