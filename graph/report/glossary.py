"""The glossary: every term the report uses, in plain words for a reader who is no network analyst.

Examples
--------
>>> "betweenness" in GLOSSARY
True
>>> glossary_markdown(["degree", "alpha"]).splitlines()[0]
"- **degree**: an actor's number of ties."
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["GLOSSARY", "WORLD_TERMS", "glossary_markdown"]

#: Term -> plain-words definition.
GLOSSARY: dict[str, str] = {
    "actor": "a state, leader, person, organization or other party the text names; "
    "places (regions) are not actors.",
    "tie": "a link the text states between two actors (they meet, cooperate, negotiate, "
    "fight, one supports the other), or that two actors share because they take part in "
    "the same event.",
    "view": "one way of drawing the network: 'full' keeps every node and tie; 'actors' "
    "turns each event into ties between the actors taking part in it; 'states' keeps "
    "states only, leaders and persons counted as their state.",
    "bloc": "a group of actors the analysis asks about: the coder's grouping (in the "
    "codebook), or one found in the network's structure.",
    "shortest path": "the fewest ties needed to go from one actor to another.",
    "betweenness": "how many of the shortest paths between other actors run through an "
    "actor, as a share of all of them (0: none, 1: every one). Normalized this way, "
    "values compare across networks of different sizes.",
    "bridge share (bloc-pair betweenness)": "the share of shortest paths between actors of "
    "different blocs (or of the sides a claim names) that run through an actor.",
    "ego network": "a network drawn around one actor: it is tied to nearly everyone and "
    "most ties touch it. A text about one country often reads like this, and then "
    "every other actor is 'connected through' it by the way the text was written.",
    "null model": "a set of random networks that keep some features of the real one (each "
    "actor's number of ties, the number of actors in each event, the bloc sizes) and "
    "shuffle the rest; if the real value is ordinary among them, those features explain it.",
    "degree": "an actor's number of ties.",
    "degree-preserving rewiring": "a null model that swaps the ends of ties so that every "
    "actor keeps its number of ties; two-mode rewiring also keeps each event's number of "
    "participants and each actor's number of events.",
    "bloc labels shuffled": "a null model that keeps the network and moves the bloc labels "
    "between actors of the same type: it asks whether the actor's position is special to "
    "these blocs or would hold for any grouping of the same sizes.",
    "p-value": "the share of null-model networks in which the actor does at least as well "
    "as in the real one (a small p, below alpha, means the real value is unusual).",
    "alpha": "the p-value below which a result counts as more than chance (0.05 here).",
    "effect": "the share of the observed value that the null model already gives on average "
    "(100%: the null explains all of it). 'Beyond degree' needs it at or below 75%: "
    "otherwise the actor's position is what its number of ties gives it.",
    "sequential stopping": "drawing null networks only until the answer at alpha is settled "
    "(Besag and Clifford's method): an unremarkable value stops early.",
    "Gould-Fernandez brokerage": "counts of the pairs of an actor's contacts it connects who "
    "are not tied to each other, by whether they share its bloc (coordinator, itinerant, "
    "representative, gatekeeper, liaison). The criterion counts the pairs in different "
    "blocs; sna's z-scores beside them assume random ties and are description only.",
    "constraint": "Burt's measure of how much an actor's contacts are tied to each other "
    "(high: no room to broker; low: a broker's position).",
    "fragmentation": "the share of connected pairs of actors that would lose every path if "
    "the actor were removed.",
    "channels": "the cooperative and neutral ties: the ones a bridge or mediator connects "
    "through. Conflicts (a war) are left out of paths unless asked for.",
    "claim ties": "ties whose evidence is the claim itself ('X links A with B'): left out, "
    "because a claim is not evidence for itself.",
    "robustness": "the whole test rerun on variants: without each paragraph, in the other "
    "views, with blocs found in the structure, with the claim's own ties, with conflicts.",
    "world layer": "independent data on the same states (alliances, events, shared "
    "organizations, UN votes, corridors), each a kind of evidence with its own meaning of "
    "'between'; it uses the years nearest before the claim and says the gap.",
    "between, on signed ties": "(alliances, events) the sides meet through the focus along "
    "cooperative ties: shortest paths and brokerage over cooperation only; a conflict is "
    "never a channel, and an alliance layer, which records pledges, can never show one.",
    "between, on co-membership": "(shared organizations) the focus belongs to both sides' "
    "organizations, or shares more organizations with each side than a null that keeps "
    "every state's and organization's number of memberships; a shared organization has no "
    "sign, so this can never confirm or contradict a tie's sign.",
    "between, on positions": "(UN ideal points) the focus's interval lies strictly between the "
    "two sides' median positions, and the sides are apart; positions are not ties.",
    "between, on corridors": "(pipelines and transport routes) removing the focus cuts or "
    "lengthens the sides' routes more than removing any other state: transit, not politics.",
    "proximity": "what an unsigned layer shows of a tie: the two states sit in the same "
    "organizations or on one route; it cannot say whether they get on.",
    "ideal point": "a state's place on the UN General Assembly's main dimension in a year, "
    "estimated from its votes (Bailey, Strezhnev and Voeten), with an uncertainty interval.",
    "backbone": "the ties that stand out: a state's cooperative events with one partner that "
    "are a larger share of its events than an even spread would give (the disparity filter).",
    "base rate": "the share of conflictual events among all reported events between states "
    "in the years used; a pair above it by a binomial test is a conflict.",
    "multilateral treaty": "an alliance treaty of more than three members: a pledge to a group, "
    "not a tie between each pair; left out by default.",
}


#: The glossary's terms for the world section, shown where it ran.
WORLD_TERMS: list[str] = [
    "world layer",
    "between, on signed ties",
    "between, on co-membership",
    "between, on positions",
    "between, on corridors",
    "proximity",
    "ideal point",
    "backbone",
    "base rate",
    "multilateral treaty",
]


def glossary_markdown(terms: Iterable[str] | None = None) -> str:
    """The glossary (or the given terms of it) as a Markdown list."""
    keys = list(GLOSSARY) if terms is None else [t for t in terms if t in GLOSSARY]
    return "\n".join(f"- **{t}**: {GLOSSARY[t]}" for t in keys)
