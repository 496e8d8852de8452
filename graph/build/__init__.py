"""Build networks from validated tables: the views, how ties fold, and provenance.

- :mod:`~graph.build.views`: the ``full``, ``actors`` and ``states`` views;
- :mod:`~graph.build.participation`: how a view folds events, platforms,
  organizations and persons, and which ties it leaves out (and why);
- :mod:`~graph.build.provenance`: a view recomputed without some ties,
  paragraphs or its conflicts; the table of coded ties.

Examples
--------
>>> from graph import io, build
>>> views = build.build_views(io.load_dataset())
>>> [views[v].number_of_nodes() for v in build.VIEWS]
[32, 23, 7]
"""

from graph.build.participation import DROP_REASONS
from graph.build.provenance import restrict, ties_table, without_paragraphs, without_ties
from graph.build.views import (
    VIEWS,
    actors_view,
    build_views,
    full_view,
    states_view,
    view,
    views_keeping,
)

__all__ = [
    "VIEWS",
    "DROP_REASONS",
    "full_view",
    "actors_view",
    "states_view",
    "build_views",
    "view",
    "views_keeping",
    "restrict",
    "without_paragraphs",
    "without_ties",
    "ties_table",
]
