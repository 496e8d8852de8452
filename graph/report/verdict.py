"""Why a verdict is what it is: the criteria that decided it, each in one plain sentence.

The verdict rule is :func:`graph.claims.assess.verdict_of`; :func:`deciding`
reads which criteria it turned on, and :func:`deciding_sentence` says them
first in a report, an explorer page or a notebook, with their numbers in
words a reader who is no network analyst follows (no "effect", no "null").

Examples
--------
>>> import networkx as nx
>>> from graph.claims import assess_bridge_claim
>>> r = assess_bridge_claim(nx.star_graph(6), 0, samples=9, progress=False)
>>> deciding(r)
('source',)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.formats import fmt, pct
from graph.plot.style import graph_name
from graph.report.text import (
    criterion_name,
    criterion_reason_words,
    criterion_sentence,
    null_words,
    verdict_sentence,
)

if TYPE_CHECKING:
    from graph.claims import ClaimResult, Criterion

__all__ = ["deciding", "deciding_sentence", "null_fact", "bridge_fact"]


def deciding(result: ClaimResult) -> tuple[str, ...]:
    """The keys of the criteria that decided the verdict, read from the verdict rule.

    The rule is :func:`graph.claims.assess.verdict_of`: "not testable" names
    the criterion that made the source unable to test the claim; "not
    supported" the bridge, or the two null-based criteria that both failed;
    "partly supported" what kept it from "supported"; "supported" the three
    criteria that pass.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> deciding(assess_bridge_claim(nx.star_graph(6), 0, samples=9, progress=False))
    ('source',)
    """
    crit = {c.key: c for c in result.criteria}
    v = result.verdict
    if v == "not testable from this source":
        for key in ("source", "bridge"):
            if key in crit and crit[key].status in ("fail", "not testable"):
                return (key,)
        return ("bloc_specificity", "beyond_degree")
    if v == "not supported":
        if crit["bridge"].status == "fail":
            return ("bridge",)
        return ("bloc_specificity", "beyond_degree")
    if v == "supported":
        return ("bridge", "bloc_specificity", "beyond_degree")
    held = [
        k
        for k in ("bloc_specificity", "beyond_degree")
        if crit[k].status in ("fail", "not testable")
    ]
    held += [k for k in ("brokerage", "robustness") if k in crit and crit[k].status == "fail"]
    return tuple(held)


def null_fact(result: ClaimResult, c: Criterion, *, status: bool = True) -> str:
    """A null-based criterion in one plain sentence, without the statistics' jargon.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.barbell_graph(5, 1), 5, samples=19, progress=False)
    >>> null_fact(r, r.criterion("beyond_degree")).split(",")[0]
    'In networks where every actor keeps its number of ties (degree-preserving rewiring)'
    """
    label, d = result.focus_label, c.details
    if c.status == "not testable":
        return f"{criterion_name(c.key)} cannot be tested: {criterion_reason_words(c)}."
    said = f" ({criterion_name(c.key)}: {c.status})" if status else ""
    what = {
        "bloc_specificity": "share of the shortest paths between blocs",
        "beyond_degree": "betweenness",
        "brokerage": "count of brokered pairs of contacts in different blocs",
    }[c.key]
    null = null_words(d.get("null", ""))
    if c.effect is None or c.effect != c.effect:
        gets = f"{label}'s {what} is 0 (p = {fmt(c.p_value)})"
    else:
        gets = f"{label} gets {pct(c.effect)} of its {what} on average (p = {fmt(c.p_value)})"
    if c.key == "bloc_specificity":
        tail = (
            "its place between these blocs is more than any grouping of the same sizes gives"
            if c.passed
            else "any grouping of the same sizes would put it there as much"
        )
    elif c.passed:
        tail = "more than its number of ties gives it"
    elif c.p_value is not None and c.p_value <= d.get("alpha", 0.05):
        tail = "beyond chance, but its number of ties gives it more than three quarters of it"
    else:
        tail = "no more than its number of ties gives it"
    return f"In {null}, {gets}: {tail}{said}."


def _sides_words(result: ClaimResult) -> str:
    """The sides the claim names, as a reader knows them ("BRICS and SCO"), else "the sides"."""
    between = result.parameters.get("between_labels") or result.parameters.get("between")
    if not between:
        return "the blocs"
    names = [str(b) for b in between]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def bridge_fact(result: ClaimResult, c: Criterion, *, status: bool = True) -> str:
    """The bridge criterion in one plain sentence: the share through the focus, or no path."""
    label = result.focus_label
    sides = _sides_words(result)
    if c.status == "not testable":
        return (
            f"No path joins {sides} in the {graph_name(result.view, tested=True)}, other than "
            "the claim itself: the text gives no evidence either way"
            + (" (Bridge: not testable)." if status else ".")
        )
    more = "more" if c.passed else "not more"
    cut = " or removing it cuts them apart" if c.passed and c.observed <= 0.5 else ""
    said = f"; Bridge: {c.status}" if status else ""
    return (
        f"{pct(c.observed)} of the shortest paths between {sides} run through {label} "
        f"({more} than half{cut}{said})."
    )


def deciding_sentence(result: ClaimResult) -> str:
    """The first sentence of a report: which criteria decided the verdict, and what they found.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.star_graph(6), 0, samples=9, progress=False)
    >>> deciding_sentence(r).split(":")[0]
    'Decided by Source design (fail)'
    """
    keys = deciding(result)
    crit = {c.key: c for c in result.criteria}
    names = [f"{criterion_name(k)} ({crit[k].status})" for k in keys]
    head = " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
    facts = []
    for k in keys:
        c = crit[k]
        if k == "source":
            facts.append(verdict_sentence(result))
        elif k == "bridge":
            facts.append(bridge_fact(result, c, status=False))
        elif k == "robustness":
            facts.append(criterion_sentence(result, c))
        else:
            facts.append(null_fact(result, c, status=False))
    first = facts[0]
    if first.split(" ", 1)[0] in ("The", "No", "In"):
        first = first[:1].lower() + first[1:]
    return f"Decided by {head}: " + " ".join([first, *facts[1:]])
