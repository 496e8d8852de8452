"""Loaders: read and validate the coded data (``nodes.csv``, ``edges.csv``, the text, settings).

Functions here only read files. They return validated :class:`pandas.DataFrame`
objects, or raise :class:`DataError`, whose message names the file, the line,
the column, the bad value and what would fix it. Several problems in one file
are reported together (up to :data:`MAX_PROBLEMS`).

Modules: :mod:`~graph.io.csvfile` (bytes to rows, limits, problem collection),
:mod:`~graph.io.text` (the text and quote matching), :mod:`~graph.io.tables`
(nodes and edges), :mod:`~graph.io.config` (``analysis.toml``) and
:mod:`~graph.io.paths` (where a dataset's files are: the shipped data, or a
folder of one's own) and :mod:`~graph.io.dataset` (all of them at once).

Examples
--------
>>> from graph import io
>>> ds = io.load_dataset()  # the shipped, coded article
>>> ds.article.n_paragraphs > 5
True
>>> set(ds.edges["source"]) <= set(ds.nodes["id"])
True
"""

from graph.errors import DataError, Problem
from graph.io.config import Config, check_claim, load_config
from graph.io.csvfile import MAX_FIELD_CHARS, MAX_FILE_BYTES, MAX_PROBLEMS, MAX_ROWS
from graph.io.dataset import Dataset, load_dataset, nodes_from_edges
from graph.io.paths import DatasetPaths, data_dir, dataset_paths, default_paths
from graph.io.tables import load_edges, load_nodes
from graph.io.text import Article, load_text, normalize_quote

__all__ = [
    "DataError",
    "Problem",
    "Article",
    "Dataset",
    "MAX_PROBLEMS",
    "MAX_FIELD_CHARS",
    "MAX_ROWS",
    "MAX_FILE_BYTES",
    "data_dir",
    "default_paths",
    "normalize_quote",
    "load_text",
    "load_nodes",
    "load_edges",
    "load_dataset",
    "nodes_from_edges",
    "dataset_paths",
    "DatasetPaths",
    "load_config",
    "Config",
    "check_claim",
]
