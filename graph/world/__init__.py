"""The world layer: independent data on the states a text names, one test per kind of evidence.

A text about one actor draws a star around it: its own ties can check the
author's consistency, not whether the actor is a bridge in the world. This
package sets beside the text's network what public datasets record about the
same states (``data/world/``, documented in its ``README.md``), each layer a
kind of evidence with its own meaning of "between" (:data:`KINDS`):

- ``alliance`` (signed: ATOP 5.1 treaties to 2018, bilateral and small pledges
  by default) and ``events`` (signed: ICEWS 2002-2014, conflicts and
  standing-out cooperation apart): "between" is paths and brokerage over the
  cooperative ties; the mediator pattern reads the conflicts;
- ``igo`` (co-membership, kept two-mode: COW IGO v3 to 2014, a hand-coded
  table of 25 organizations 2015-2025): the focus belongs to both sides'
  organizations, or shares more with each side than a null keeping every
  membership count; never a sign;
- ``votes`` (positions: UN General Assembly ideal points 1946-2025): the
  focus's interval lies between separated sides' medians;
- ``corridors`` (pipelines and transport routes): removing the focus cuts or
  lengthens the sides' routes more than removing any other state.

Modules: :mod:`~graph.world.tables` (the shipped tables, cached),
:mod:`~graph.world.codes` (states and organizations mapped to codes),
:mod:`~graph.world.base` (kinds, pair tables, graph assembly),
:mod:`~graph.world.years` (the years nearest before the claim), one module
per source (:mod:`~graph.world.igo`, :mod:`~graph.world.alliance`,
:mod:`~graph.world.events`, :mod:`~graph.world.positions`,
:mod:`~graph.world.corridors`, and :mod:`~graph.world.votes` for raw
agreement), :mod:`~graph.world.comembership` (the two-mode test),
:mod:`~graph.world.sides` (memberships as sides),
:mod:`~graph.world.layers` (graphs on the text's node ids),
:mod:`~graph.world.compare` and :mod:`~graph.world.bypass` (the text against
the world, on the claim test's graph), :mod:`~graph.world.kinds` (each kind's
test) and :mod:`~graph.world.claim` (the claim on every layer).

Examples
--------
>>> from graph import io, world
>>> ds = io.load_dataset()
>>> world.map_states(ds.nodes).codes["united_states"]
'USA'
>>> G = world.layer_graph(ds, "events", period=(2010, 2014))
>>> G["armenia"]["azerbaijan"]["sign"]
-1
>>> t = world.compare_ties(ds, G)
>>> set(t["status"]) <= set(world.STATUSES)
True
"""

from graph.world.base import KINDS, LAYERS, SCOPES, LayerData, exclusive_sides, resolve_period
from graph.world.checks import check_world_options, focus_problems
from graph.world.claim import (
    SOURCE_GAPS,
    WORLD_SAMPLES,
    WorldLayer,
    deciding,
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
    text_test_graph,
)
from graph.world.layers import (
    LAYER_OPTIONS,
    layer_data,
    layer_graph,
    layer_graphs,
    membership_graph,
)
from graph.world.positions import ideal_points
from graph.world.sides import (
    blocs_from_memberships,
    detected_blocs,
    organization_members,
    organization_sides,
    resolve_organization,
)
from graph.world.tables import COVERAGE, SOURCES, world_table
from graph.world.years import DEFAULT_PERIODS, claim_day, layer_years

__all__ = [
    "KINDS",
    "claim_day",
    "layer_years",
    "ideal_points",
    "deciding",
    "exclusive_sides",
    "text_test_graph",
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
