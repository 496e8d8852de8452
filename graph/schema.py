"""The coding scheme: columns, node types and relations.

This module is the single source of the closed vocabularies that
``data/README.md`` (the codebook) documents and that :mod:`graph.io`
validates against, and of what each node type and relation becomes in the
views of :mod:`graph.networks`. Each vocabulary maps a name to a one-line
definition.

Examples
--------
>>> from graph import schema
>>> "state" in schema.NODE_TYPES
True
>>> schema.EVENT_TYPES <= set(schema.NODE_TYPES)
True
"""

from __future__ import annotations

__all__ = [
    "NODE_COLUMNS",
    "EDGE_COLUMNS",
    "NODE_TYPES",
    "RELATIONS",
    "EVENT_TYPES",
    "PERSON_TYPES",
    "STATE_TYPES",
    "ORGANIZATION_TYPES",
    "PLACE_TYPES",
    "PARTICIPATION",
    "MEMBERSHIP",
    "CLAIM_RELATIONS",
    "RELATION_VERBS",
    "STATED",
    "SIGNS",
    "ID_PATTERN",
    "MISSING_WORDS",
]

#: What a node id may hold: letters, digits and ``_ . : -``. No such id can carry a
#: spreadsheet formula (no ``=``, ``+``, ``@``, parentheses or ``|``), so CSV output
#: writes ids exactly, even one that begins with ``-``.
ID_PATTERN = r"^[A-Za-z0-9_.:\-]+$"

#: Words that pandas' ``read_csv`` and R's ``read.csv`` read as a missing value by
#: default, among those an id could be: refused as node ids, so that every exported
#: table reads back with the ids it was written with.
MISSING_WORDS: frozenset[str] = frozenset(
    {"NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "NULL", "null", "None", "<NA>", "#N/A"}
)

#: Columns of ``nodes.csv`` in their canonical order.
NODE_COLUMNS: tuple[str, ...] = ("id", "label", "type", "country", "bloc", "aliases", "code")

#: Columns of ``edges.csv`` in their canonical order.
EDGE_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "relation",
    "directed",
    "sign",
    "weight",
    "paragraph",
    "evidence",
    "stated",
    "date",
)

#: Node types and what they mean.
NODE_TYPES: dict[str, str] = {
    "state": "A sovereign state or its government (capital-city metonymy resolves here).",
    "leader": "A head of state or government, acting in office; `country` names the state.",
    "person": "Any other named individual (minister, MP, envoy, commentator); `country` names "
    "the state they act for, if any.",
    "organization": "An international organization or one of its bodies (CIS, OTS, SCO).",
    "platform": "A format, framework or corridor for cooperation that is not an organization.",
    "event": "A dated happening: a summit, meeting, war, exercise or announcement.",
    "region": "A geographic or civilizational area named as a party or a subject.",
    "media": "A news outlet or media organization.",
    "academic": "A university, think tank or research institute.",
    "armed_group": "A non-state armed group: a militia, insurgency or armed movement.",
    "movement": "A people, party, or political or social movement named as an actor.",
    "actor": "An actor of unspecified kind (the nodes of data that come without nodes.csv).",
}

#: Node types folded away in the ``actors`` and ``states`` views: their participants
#: (ties in :data:`PARTICIPATION`) are tied to each other.
EVENT_TYPES: frozenset[str] = frozenset({"event", "platform"})

#: Node types folded into their ``country`` in the ``states`` view.
PERSON_TYPES: frozenset[str] = frozenset({"leader", "person"})

#: The only node type the ``states`` view keeps.
STATE_TYPES: frozenset[str] = frozenset({"state"})

#: International organizations: actors in the ``full`` and ``actors`` views; in the
#: ``states`` view folded away like events, their member states (ties in
#: :data:`MEMBERSHIP`) tied to each other.
ORGANIZATION_TYPES: frozenset[str] = frozenset({"organization"})

#: Places, not actors: left out of the ``states`` view, and out of the claim test's
#: graph in every view unless asked for; never ranked as actors.
PLACE_TYPES: frozenset[str] = frozenset({"region"})

#: Relations that make an actor take part in an event or platform. An event's
#: subjects (``concerns``), commenters (``comments_on``) and proposers
#: (``proposes``) do not take part in it.
PARTICIPATION: frozenset[str] = frozenset({"attends", "hosts", "convenes", "member_of", "part_of"})

#: Relations that make a state a member of an organization.
MEMBERSHIP: frozenset[str] = frozenset({"member_of", "part_of"})

#: Relations whose ties state the text's own claim: not evidence for it.
CLAIM_RELATIONS: frozenset[str] = frozenset({"links"})

#: Relations (source -> target) and what they mean.
RELATIONS: dict[str, str] = {
    "heads": "A leader holds the top office of a state (leader -> state).",
    "represents": "A person speaks or acts for a state or organization (person -> state).",
    "member_of": "A state or body belongs to an organization or platform.",
    "part_of": "A body or area is a component of a larger one.",
    "convenes": "An actor initiates or organizes an event or platform.",
    "hosts": "An actor hosts an event on its territory or under its chair.",
    "attends": "An actor takes part in an event or platform.",
    "concerns": "An event or platform has the target as its subject.",
    "proposes": "An actor puts forward a proposal at or for an event or platform.",
    "comments_on": "An actor makes a statement about an event or actor.",
    "inspired_by": "A platform is modelled on another platform or format.",
    "cooperates_with": "Two actors work together (trade, security, diplomacy).",
    "supports": "An actor gives aid, investment or backing to another.",
    "negotiates_with": "Two actors negotiate, or move toward an agreement.",
    "links": "The text says the source connects the target to others (a bridging claim).",
    "conflicts_with": "Two actors are in conflict (war, dispute).",
}

#: Verbs of political writing and the relations that code them, the likeliest first: what a
#: coder who wrote the verb meant, for the hint on a relation that is not in
#: :data:`RELATIONS` (spelling alone would answer "meets" with "represents").
RELATION_VERBS: dict[str, tuple[str, ...]] = {
    "meet": ("negotiates_with", "attends"),
    "talk": ("negotiates_with",),
    "discuss": ("negotiates_with",),
    "negotiate": ("negotiates_with",),
    "agree": ("negotiates_with",),
    "sign": ("negotiates_with",),
    "mediate": ("negotiates_with",),
    "attend": ("attends",),
    "visit": ("attends",),
    "participate": ("attends",),
    "take_part": ("attends",),
    "join": ("member_of", "attends"),
    "belong": ("member_of",),
    "host": ("hosts",),
    "convene": ("convenes",),
    "organize": ("convenes",),
    "organise": ("convenes",),
    "launch": ("convenes",),
    "initiate": ("convenes",),
    "found": ("convenes",),
    "lead": ("heads",),
    "head": ("heads",),
    "rule": ("heads",),
    "govern": ("heads",),
    "represent": ("represents",),
    "speak_for": ("represents",),
    "cooperate": ("cooperates_with",),
    "collaborate": ("cooperates_with",),
    "partner": ("cooperates_with",),
    "ally": ("cooperates_with",),
    "trade": ("cooperates_with",),
    "work_with": ("cooperates_with",),
    "support": ("supports",),
    "back": ("supports",),
    "aid": ("supports",),
    "help": ("supports",),
    "assist": ("supports",),
    "fund": ("supports",),
    "finance": ("supports",),
    "invest": ("supports",),
    "arm": ("supports",),
    "endorse": ("supports",),
    "fight": ("conflicts_with",),
    "attack": ("conflicts_with",),
    "invade": ("conflicts_with",),
    "bomb": ("conflicts_with",),
    "sanction": ("conflicts_with",),
    "oppose": ("conflicts_with",),
    "threaten": ("conflicts_with",),
    "clash": ("conflicts_with",),
    "dispute": ("conflicts_with",),
    "condemn": ("conflicts_with", "comments_on"),
    "criticize": ("conflicts_with", "comments_on"),
    "criticise": ("conflicts_with", "comments_on"),
    "accuse": ("conflicts_with", "comments_on"),
    "say": ("comments_on",),
    "comment": ("comments_on",),
    "state": ("comments_on",),
    "praise": ("comments_on",),
    "welcome": ("comments_on",),
    "propose": ("proposes",),
    "suggest": ("proposes",),
    "call_for": ("proposes",),
    "connect": ("links",),
    "link": ("links",),
    "bridge": ("links",),
    "concern": ("concerns",),
    "address": ("concerns",),
    "include": ("part_of",),
    "model_on": ("inspired_by",),
    "inspire": ("inspired_by",),
}

#: Allowed values of ``stated``.
STATED: frozenset[str] = frozenset({"explicit", "inferred"})

#: Allowed values of ``sign``.
SIGNS: frozenset[int] = frozenset({-1, 0, 1})
