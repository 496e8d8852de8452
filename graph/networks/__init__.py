"""Build networks from validated tables: the views, how ties fold, and provenance.

- :mod:`~graph.networks.views`: the ``full``, ``actors`` and ``states`` views;
- :mod:`~graph.networks.participation`: how a view folds events, platforms,
  organizations and persons, and which ties it leaves out (and why);
- :mod:`~graph.networks.provenance`: a view recomputed without some ties,
  paragraphs or its conflicts; the table of coded ties.

Examples
--------
>>> from graph import io, networks
>>> views = networks.build_views(io.load_dataset())
>>> [views[v].number_of_nodes() for v in networks.VIEWS]
[32, 23, 7]
"""

from graph.networks.participation import DROP_REASONS
from graph.networks.provenance import restrict, ties_table, without_paragraphs, without_ties
from graph.networks.views import (
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
