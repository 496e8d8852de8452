"""The world layer: independent data on the states a text names, as networks beside the text's.

A text about one actor draws a star around it: its own ties can check the
author's consistency, not whether the actor is a bridge in the world. This
package sets beside the text's network the ties that public datasets record
between the same states (``data/world/``, documented in its ``README.md``):

- ``igo``: organizations shared (COW IGO v3 to 2014, a hand-coded table of 25
  organizations 2015-2025), and the two-mode state-organization graph;
- ``alliance``: alliance obligations (ATOP 5.1, to 2018), with a marker for
  multilateral treaties;
- ``votes``: agreement in the UN General Assembly (1991 to January 2020);
- ``events``: cooperative and conflictual event counts (ICEWS, 2002-2014; no Türkiye).

Modules: :mod:`~graph.world.tables` (the shipped tables, cached),
:mod:`~graph.world.codes` (states and organizations mapped to the data's
codes), :mod:`~graph.world.base` (years, pair tables, graph assembly), one
module per layer (:mod:`~graph.world.igo`, :mod:`~graph.world.alliance`,
:mod:`~graph.world.votes`, :mod:`~graph.world.events`),
:mod:`~graph.world.sides` (memberships as blocs and as the sides of a claim),
:mod:`~graph.world.layers` (graphs on the text's node ids),
:mod:`~graph.world.compare` (the text's ties against the world) and
:mod:`~graph.world.bypass` (the world's ties between the claimed sides that
bypass the focus) and :mod:`~graph.world.claim` (the claim test on each layer).

Examples
--------
>>> from graph import io, world
>>> ds = io.load_dataset()
>>> world.map_states(ds.nodes).codes["united_states"]
'USA'
>>> G = world.layer_graph(ds, "votes", period=(2010, 2019))
>>> round(G["united_states"]["israel"]["agreement"], 2)
0.85
>>> t = world.compare_ties(ds, G)
>>> set(t["status"]) <= set(world.STATUSES)
True
"""

from graph.world.base import LAYERS, SCOPES, LayerData, resolve_period
from graph.world.claim import (
    DEFAULT_PERIODS,
    SOURCE_GAPS,
    WORLD_SAMPLES,
    WorldLayer,
    check_world_options,
    focus_problems,
    world_claim,
    world_sides,
)
from graph.world.codes import CodeMap, Organization, map_states, match_organization
from graph.world.compare import (
    STATUSES,
    bypass_summary,
    compare_memberships,
    compare_ties,
    omitted_ties,
    text_state_view,
)
from graph.world.layers import (
    LAYER_OPTIONS,
    layer_data,
    layer_graph,
    layer_graphs,
    membership_graph,
)
from graph.world.sides import (
    blocs_from_memberships,
    detected_blocs,
    organization_members,
    organization_sides,
    resolve_organization,
)
from graph.world.tables import COVERAGE, SOURCES, world_table

__all__ = [
    "COVERAGE",
    "DEFAULT_PERIODS",
    "SOURCE_GAPS",
    "LAYERS",
    "LAYER_OPTIONS",
    "SCOPES",
    "SOURCES",
    "STATUSES",
    "WORLD_SAMPLES",
    "WorldLayer",
    "CodeMap",
    "LayerData",
    "Organization",
    "blocs_from_memberships",
    "check_world_options",
    "focus_problems",
    "bypass_summary",
    "compare_memberships",
    "compare_ties",
    "detected_blocs",
    "layer_data",
    "layer_graph",
    "layer_graphs",
    "map_states",
    "match_organization",
    "membership_graph",
    "omitted_ties",
    "organization_members",
    "organization_sides",
    "resolve_organization",
    "resolve_period",
    "text_state_view",
    "world_claim",
    "world_sides",
    "world_table",
]
