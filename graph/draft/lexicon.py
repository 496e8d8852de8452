"""The words the draft's rules read: titles, event and platform nouns, relation triggers.

Each list is about English political writing in general, not about one text.
Relation triggers come from the codebook's relation vocabulary
(:data:`graph.schema.RELATIONS`); verbs not listed here fall back to the CAMEO
verb table (:func:`graph.draft.gazetteer.load_verbs`), whose event codes
:func:`cameo_relation` maps onto the codebook's relations and signs.

Examples
--------
>>> cameo_relation("163")  # impose an embargo, boycott or sanctions
('conflicts_with', -1)
>>> TRIGGERS["host"]
('hosts', 0, 'agent')
"""

from __future__ import annotations

__all__ = [
    "LEADER_TITLES",
    "PERSON_TITLES",
    "EVENT_NOUNS",
    "PLATFORM_NOUNS",
    "REGION_NOUNS",
    "REGIONS",
    "ANAPHORS",
    "TRIGGERS",
    "NOUN_TRIGGERS",
    "POSITION_WORDS",
    "TYPE_PRIOR",
    "cameo_relation",
]

#: Titles of heads of state or government (a person so named is a ``leader``: ``heads``).
LEADER_TITLES = (
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "sultan",
    "crown prince",
    "supreme leader",
    "head of state",
)
#: Titles of other office-holders (a person so named ``represents`` the state before it).
PERSON_TITLES = (
    "foreign minister",
    "defense minister",
    "defence minister",
    "minister",
    "mp",
    "senator",
    "ambassador",
    "envoy",
    "special envoy",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "secretary of state",
    "secretary",
    "governor",
    "mayor",
    "general",
    "adviser",
    "advisor",
    "deputy",
    "speaker",
    "commissioner",
    "diplomat",
    "lawmaker",
    "official",
    "vice president",
)
#: Nouns that name a dated happening (an ``event`` node).
EVENT_NOUNS = frozenset(
    """summit meeting conference talks war exercises exercise drills forum visit negotiations
    ceremony election elections invasion offensive ceasefire truce gathering games congress
    referendum""".split()
)
#: Nouns that name a format, framework or corridor (a ``platform`` node).
PLATFORM_NOUNS = frozenset(
    """format platform framework initiative corridor mechanism partnership route pipeline
    process""".split()
)
#: Nouns after a proper adjective that name an area ("the Turkic world", "the Gaza region").
REGION_NOUNS = frozenset("region world space area nations states countries peoples".split())
#: Areas named on their own (folded words): places, never states.
REGIONS = frozenset(
    """europe asia africa eurasia oceania antarctica arctic balkans caucasus levant sahel
    maghreb""".split()
) | {
    "middle east",
    "south caucasus",
    "north caucasus",
    "central asia",
    "south asia",
    "east asia",
    "southeast asia",
    "north africa",
    "west africa",
    "east africa",
    "horn of africa",
    "latin america",
    "south america",
    "north america",
    "central america",
    "western europe",
    "eastern europe",
    "central europe",
    "western balkans",
    "indo pacific",
    "asia pacific",
    "black sea",
    "caspian sea",
    "south china sea",
    "mediterranean",
    "persian gulf",
    "the gulf",
    "gaza",
    "gaza strip",
    "west bank",
    "crimea",
    "donbas",
    "nagorno karabakh",
    "karabakh",
    "kashmir",
    "golan heights",
}
#: Phrases that point back to the last node of a type: (words, type).
ANAPHORS = {
    ("the", "country"): "state",
    ("the", "nation"): "state",
    ("this", "country"): "state",
    ("the", "summit"): "event",
    ("this", "summit"): "event",
    ("the", "meeting"): "event",
    ("this", "meeting"): "event",
    ("the", "event"): "event",
    ("this", "event"): "event",
    ("the", "gathering"): "event",
    ("the", "conference"): "event",
    ("the", "talks"): "event",
    ("the", "war"): "event",
    ("this", "initiative"): "platform",
    ("this", "framework"): "platform",
    ("this", "evolving", "framework"): "platform",
    ("the", "platform"): "platform",
    ("this", "platform"): "platform",
    ("the", "format"): "platform",
    ("this", "format"): "platform",
    ("the", "organization"): "organization",
    ("the", "organisation"): "organization",
    ("the", "bloc"): "organization",
    ("the", "alliance"): "organization",
}
#: Verb lemma -> (relation, sign, who acts: "subject" or "agent" of a passive).
TRIGGERS = {
    "host": ("hosts", 0, "agent"),
    "convene": ("convenes", 0, "agent"),
    "organize": ("convenes", 0, "agent"),
    "organise": ("convenes", 0, "agent"),
    "initiate": ("convenes", 0, "agent"),
    "launch": ("convenes", 0, "agent"),
    "attend": ("attends", 0, "subject"),
    "join": ("member_of", 0, "subject"),
    "participate": ("attends", 0, "subject"),
    "visit": ("attends", 0, "subject"),
    "propose": ("proposes", 0, "subject"),
    "inspire": ("inspired_by", 0, "patient"),
    "support": ("supports", 1, "subject"),
    "back": ("supports", 1, "subject"),
    "aid": ("supports", 1, "subject"),
    "fund": ("supports", 1, "subject"),
    "invest": ("supports", 1, "subject"),
    "cooperate": ("cooperates_with", 1, "subject"),
    "partner": ("cooperates_with", 1, "subject"),
    "ally": ("cooperates_with", 1, "subject"),
    "negotiate": ("negotiates_with", 1, "subject"),
    "mediate": ("negotiates_with", 1, "subject"),
    "sign": ("negotiates_with", 1, "subject"),
    "link": ("links", 1, "subject"),
    "connect": ("links", 1, "subject"),
    "bridge": ("links", 1, "subject"),
    "sanction": ("conflicts_with", -1, "subject"),
    "attack": ("conflicts_with", -1, "subject"),
    "invade": ("conflicts_with", -1, "subject"),
    "fight": ("conflicts_with", -1, "subject"),
    "criticize": ("conflicts_with", -1, "subject"),
    "criticise": ("conflicts_with", -1, "subject"),
    "condemn": ("conflicts_with", -1, "subject"),
    "accuse": ("conflicts_with", -1, "subject"),
    "threaten": ("conflicts_with", -1, "subject"),
    "object": ("conflicts_with", -1, "subject"),
    "oppose": ("conflicts_with", -1, "subject"),
    "comment": ("comments_on", 0, "subject"),
    "describe": ("comments_on", 0, "subject"),
    "say": ("comments_on", 0, "subject"),
    "state": ("comments_on", 0, "subject"),
    "note": ("comments_on", 0, "subject"),
    "announce": ("convenes", 0, "subject"),
    "lead": ("heads", 0, "subject"),
}
#: Noun lemma -> (relation, sign): "X's participation in Y", "the war with Y", "sanctions on Y".
NOUN_TRIGGERS = {
    "participation": ("attends", 0),
    "attendance": ("attends", 0),
    "invitation": ("attends", 0),
    "visit": ("attends", 0),
    "proposal": ("attends", 0),
    "presence": ("attends", 0),
    "victory": ("attends", -1),
    "defeat": ("attends", -1),
    "membership": ("member_of", 0),
    "engagement": ("member_of", 0),
    "member": ("member_of", 0),
    "call": ("proposes", 0),
    "initiative": ("convenes", 0),
    "announcement": ("convenes", 0),
    "statement": ("comments_on", 0),
    "support": ("supports", 1),
    "aid": ("supports", 1),
    "investment": ("supports", 1),
    "relations": ("cooperates_with", 1),
    "cooperation": ("cooperates_with", 1),
    "partnership": ("cooperates_with", 1),
    "alliance": ("cooperates_with", 1),
    "agreement": ("negotiates_with", 1),
    "peace": ("conflicts_with", -1),
    "deal": ("negotiates_with", 1),
    "talks": ("negotiates_with", 1),
    "sanctions": ("conflicts_with", -1),
    "war": ("conflicts_with", -1),
    "conflict": ("conflicts_with", -1),
    "dispute": ("conflicts_with", -1),
    "tariffs": ("conflicts_with", -1),
    "criticism": ("conflicts_with", -1),
    "leadership": ("heads", 0),
    "bridge": ("links", 1),
    "connector": ("links", 1),
    "hub": ("links", 1),
    "gateway": ("links", 1),
}
#: Words that state a position claim, with their weight as evidence of one.
POSITION_WORDS = {
    "bridge": 3,
    "connector": 3,
    "hub": 3,
    "gateway": 3,
    "hinge": 3,
    "mediator": 3,
    "broker": 3,
    "intermediary": 3,
    "crossroads": 3,
    "pivot": 2,
    "link": 2,
    "linchpin": 2,
    "between": 2,
    "connecting": 2,
    "connect": 2,
    "links": 2,
    "bridging": 2,
    "stabilizer": 1,
    "central": 1,
}
#: The relation and sign a co-occurring pair gets from its node types (source, target).
TYPE_PRIOR = {
    ("leader", "state"): ("heads", 0),
    ("person", "state"): ("represents", 0),
    ("person", "organization"): ("represents", 0),
    ("state", "organization"): ("member_of", 0),
    ("state", "platform"): ("member_of", 0),
    ("organization", "platform"): ("convenes", 0),
    ("organization", "event"): ("convenes", 0),
    ("state", "event"): ("attends", 0),
    ("leader", "event"): ("attends", 0),
    ("person", "event"): ("attends", 0),
    ("event", "region"): ("concerns", 0),
    ("event", "state"): ("concerns", 0),
    ("platform", "region"): ("concerns", 0),
    ("state", "region"): ("part_of", 0),
    ("platform", "platform"): ("inspired_by", 0),
    ("state", "state"): ("cooperates_with", 1),
    ("organization", "organization"): ("cooperates_with", 1),
    ("state", "leader"): ("cooperates_with", 1),
    ("leader", "leader"): ("cooperates_with", 1),
}
#: CAMEO root code -> (relation, sign); "04" consultations and "05" diplomatic cooperation
#: are cooperation, "10"-"20" (demands to mass violence) conflict.
_CAMEO_ROOTS = {
    "01": ("comments_on", 0),
    "02": ("comments_on", 0),
    "03": ("cooperates_with", 1),
    "04": ("cooperates_with", 1),
    "05": ("cooperates_with", 1),
    "06": ("cooperates_with", 1),
    "07": ("supports", 1),
    "08": ("cooperates_with", 1),
    "09": ("comments_on", 0),
    "10": ("comments_on", 0),
}


def cameo_relation(code: str) -> tuple[str, int]:
    """The codebook's relation and sign for a CAMEO event code.

    Examples
    --------
    >>> cameo_relation("043"), cameo_relation("190")
    (('hosts', 0), ('conflicts_with', -1))
    """
    if code.startswith("043"):
        return "hosts", 0
    if code.startswith("042"):
        return "attends", 0
    if code.startswith("046") or code.startswith("057"):
        return "negotiates_with", 1
    return _CAMEO_ROOTS.get(code[:2], ("conflicts_with", -1))
