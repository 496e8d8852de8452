"""The world layers in words: what each kind of layer can show, and each criterion's reading.

Every layer is a kind of evidence (:data:`graph.world.KINDS`), and "between"
means something different on each: this module holds those meanings
(:data:`KIND_MEANS`, :data:`KIND_NEVER`), the names of the layers and of the
criteria of the non-network tests, and one sentence per criterion and per
layer (:func:`world_criterion_sentence`, :func:`layer_sentence`).

Examples
--------
>>> layer_name("votes"), years_words((2015, 2019)), years_words((2025, 2025))
('UN General Assembly ideal points', '2015-2019', '2025')
>>> KIND_NEVER["co-membership"]
'confirm or contradict the sign of a tie: sharing a forum is proximity, not friendship'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.claims import Criterion
from graph.files import escape_markdown
from graph.formats import fmt, pct
from graph.report.text import criterion_name, criterion_sentence
from graph.world.base import RECORDS_CONFLICT
from graph.world.base import period_words as years_words

if TYPE_CHECKING:
    from graph.world import WorldLayer

__all__ = [
    "LAYER_NAMES",
    "KIND_MEANS",
    "KIND_NEVER",
    "can_never",
    "KIND_SHORT",
    "layer_name",
    "years_words",
    "when_words",
    "world_criterion_name",
    "world_criterion_measures",
    "world_criterion_reference",
    "world_criterion_sentence",
    "layer_sentence",
    "overlap_sentence",
    "label_of",
]

#: Each world layer's name in the report (as a heading; :func:`layer_name` for in a sentence).
LAYER_NAMES: dict[str, str] = {
    "alliance": "Alliances (ATOP)",
    "events": "Events (ICEWS)",
    "igo": "IGO co-membership",
    "votes": "UN General Assembly ideal points",
    "corridors": "Corridors (pipelines and routes)",
}

#: What "between" means on each kind of layer.
KIND_MEANS: dict[str, str] = {
    "signed": "the sides meet through the focus along cooperative ties: shortest paths and "
    "brokerage run over cooperation only, and the mediator pattern (two sides in "
    "conflict, the focus tied cooperatively to both) is read from the conflicts",
    "co-membership": "the focus belongs to both sides' organizations, or shares more "
    "organizations with each side than a null that keeps every state's and every "
    "organization's number of memberships (a shared organization of n members counts 1/(n-1))",
    "positions": "the focus's 90% interval lies strictly between the two sides' median "
    "ideal points on the Assembly's main dimension, and the sides are separated (their "
    "medians further apart than the spread within each)",
    "corridors": "removing the focus cuts or lengthens the routes (borders crossed) between "
    "the sides' states, for more pairs than removing any other state does",
}

#: What each kind of layer can never show.
KIND_NEVER: dict[str, str] = {
    "signed": "let a conflict be a channel",
    "co-membership": "confirm or contradict the sign of a tie: sharing a forum is proximity, "
    "not friendship",
    "positions": "be read as ties or paths between states: a position is not a tie",
    "corridors": "speak to politics: a route is transit, not alignment",
}

_NO_CONFLICTS = "its data record pledges, not hostilities"


def can_never(key: str, kind: str) -> str:
    """What layer ``key`` of kind ``kind`` can never show: its kind's limits, then its own.

    A signed layer whose data record no conflicts (not in
    :data:`graph.world.base.RECORDS_CONFLICT`: alliances are pledges) cannot show one.

    Examples
    --------
    >>> can_never("alliance", "signed").split("; ")[1]
    'nor show a conflict at all: its data record pledges, not hostilities'
    >>> can_never("events", "signed")
    'let a conflict be a channel'
    """
    if kind == "signed" and key not in RECORDS_CONFLICT:
        return f"{KIND_NEVER[kind]}; nor show a conflict at all: {_NO_CONFLICTS}"
    return KIND_NEVER[kind]


#: Each kind in a few words, for a figure's panel: what its ties are and what they cannot say.
KIND_SHORT: dict[str, str] = {
    "signed": "paths over cooperation; a conflict is no channel",
    "co-membership": "shared organizations: proximity, no sign",
    "positions": "a position on one line, not a tie",
    "corridors": "routes: transit, not politics",
}

_IN_TEXT = {
    "alliance": "alliances (ATOP)",
    "events": "events (ICEWS)",
    "igo": "IGO co-membership",
    "votes": "UN General Assembly ideal points",
    "corridors": "corridors",
}

_NAMES = {
    "separated": "Sides separated",
    "between": "Between",
    "specificity": "Specificity",
    "belongs": "Belongs to both",
    "shared": "Shared beyond chance",
    "joiner": "Forums joined",
    "joined": "Sides joined by routes",
    "dependence": "Transit dependence",
}

_MEASURES = {
    "separated": "the gap between the sides' median ideal points",
    "between": "where the focus's ideal point stands between the medians (0: the first side, "
    "1: the second)",
    "specificity": "share of the states on neither side whose interval lies between the medians",
    "belongs": "the sides' organizations in which the focus holds a place",
    "shared": "the focus's organizations shared with a side, each weighted 1/(n-1)",
    "joiner": "the focus's number of memberships",
    "joined": "pairs of the sides' states joined by routes",
    "dependence": "share of those pairs cut or lengthened without the focus",
}


def layer_name(layer: str, *, in_text: bool = False) -> str:
    """A world layer's name in the report (``in_text``: within a sentence)."""
    return (_IN_TEXT if in_text else LAYER_NAMES).get(layer, layer)


def when_words(w: WorldLayer) -> str:
    """The data's date and its gap to the claim: "2018, 7 years before the claim"."""
    when = w.day.isoformat() if w.day is not None else years_words(w.period)
    if w.gap is None:
        return when
    if w.gap == 0:
        return f"{when}, the claim's date"
    return f"{when}, {w.gap} year{'s' if w.gap != 1 else ''} before the claim"


def label_of(w: WorldLayer, node) -> str:
    """A node's label in a layer's graph, else its name (``iso3:TUR`` -> ``TUR``)."""
    if w.graph is not None and node in w.graph:
        return str(w.graph.nodes[node].get("label", node))
    return str(node)[5:] if str(node).startswith("iso3:") else str(node)


def world_criterion_name(key: str) -> str:
    """The name of a criterion of any world test."""
    return _NAMES.get(key) or criterion_name(key)


def world_criterion_measures(key: str) -> str:
    """What a criterion of a non-network test measures."""
    return _MEASURES.get(key, key)


def world_criterion_reference(w: WorldLayer, c: Criterion) -> str:
    """What a criterion of a non-network test is compared with, in words."""
    if c.key == "separated":
        return "the spread within each side"
    if c.key == "between":
        return "strictly between the medians (0 to 1)"
    if c.key == "belongs":
        return f"a place in each of the {fmt(c.reference)} sides' organizations"
    if c.key == "shared":
        return f"mean {fmt(c.reference)} in a null keeping every membership count"
    if c.key == "joiner":
        return f"{pct(c.reference)} of states belong to fewer"
    if c.key == "dependence":
        best = ", ".join(label_of(w, v) for v in c.details.get("best_other", [])) or "none"
        return f"the most any other state does: {pct(c.reference)} ({best})"
    if c.key == "joined":
        return "at least one pair"
    return "-"


def _names(codes, limit: int = 8) -> str:
    """Names in a sentence: "a, b and c"; past ``limit``, "a, b ... and 3 more"."""
    codes = list(codes)
    if len(codes) > limit:
        return ", ".join(codes[:limit]) + f" and {len(codes) - limit} more"
    return ", ".join(codes[:-1]) + " and " + codes[-1] if len(codes) > 1 else "".join(codes)


def _positions_sentence(w: WorldLayer, c: Criterion, focus: str) -> str:
    t = w.test
    if c.key == "separated":
        if not t.pairs:
            return "No pair of sides has states with an ideal point this year."
        parts = []
        for p in t.pairs:
            a, b = t.sides[p["side_a"]], t.sides[p["side_b"]]
            parts.append(
                f"{w.side_labels.get(p['side_a'], p['side_a'])} (median {fmt(a['median'])}, "
                f"spread {fmt(a['spread'])}) and {w.side_labels.get(p['side_b'], p['side_b'])} "
                f"(median {fmt(b['median'])}, spread {fmt(b['spread'])}): medians "
                f"{fmt(p['gap'])} apart, " + ("separated" if p["separated"] else "not separated")
            )
        tail = (
            ""
            if c.status == "pass"
            else (
                ": on this dimension the sides cannot be told apart, and no state can be between "
                "them"
            )
        )
        return "; ".join(parts) + tail + "."
    if c.key == "between":
        if c.status == "not testable":
            if c.details.get("why") == "no_estimate":
                return f"{focus} has no ideal point this year."
            return "Not testable: the sides are not separated."
        lo, hi = t.interval
        where = "between the medians" if c.status == "pass" else "not strictly between them"
        return (
            f"{focus}'s ideal point is {fmt(t.point)} (90% interval {fmt(lo)} to {fmt(hi)}, "
            f"{t.votes} roll calls): {where}."
        )
    share = c.observed
    if share is None:
        return "No pair of sides is separated: no state is between them."
    return f"{pct(share)} of the {t.n_states} states on neither side lie between the medians too."


def _membership_sentence(w: WorldLayer, c: Criterion, focus: str) -> str:
    t = w.test
    if c.key == "belongs":
        if c.status == "n/a":
            return "The sides are not organizations: this criterion does not apply."
        held = "; ".join(
            f"{w.side_labels.get(k, k)}: {v or 'no place'}" for k, v in t.belongs.items()
        )
        return f"{focus}'s place in each side's organization: {held}."
    if c.key == "shared":
        if c.status == "not testable":
            return "Not testable: a side has no state in the data, or the null cannot move."
        parts = [
            f"with {w.side_labels.get(k, k)} {fmt(x.observed)} against {fmt(x.mean)} in the "
            f"null (p = {fmt(x.p_value)}: "
            + ("beyond chance" if x.p_value <= c.details.get("alpha", 0.05) else "no more than "
               "chance gives") + ")"
            for k, x in t.shared.items()
        ]  # fmt: skip
        return f"Weighted organizations {focus} shares " + "; ".join(parts) + "."
    return (
        f"{focus} is a full member of {t.memberships} of the {t.organizations} organizations "
        f"with full members; {pct(t.memberships_share)} of the states belong to fewer (the "
        "null above keeps every state's number of memberships, so it discounts this)."
    )


def _corridor_sentence(w: WorldLayer, c: Criterion, focus: str) -> str:
    t = w.test
    if c.key == "joined":
        if c.status == "not testable":
            return "No route in the data joins a state of one side to a state of another."
        return f"{t.pairs} pairs of the sides' states are joined by routes."
    if c.status == "not testable":
        return "Not testable: no route joins the sides."
    best = ", ".join(label_of(w, v) for v in c.details.get("best_other", [])) or "no other state"
    return (
        f"Without {focus}, {t.cut} of the {t.pairs} pairs lose every route and {t.longer} "
        f"take a longer one ({pct(t.share)}); the most any other state does: {pct(c.reference)} "
        f"({best})."
    )


def world_criterion_sentence(w: WorldLayer, c: Criterion, focus: str) -> str:
    """What one criterion of a layer found, in a sentence."""
    if w.kind == "signed":
        return criterion_sentence(w.result, c)
    fn = {
        "positions": _positions_sentence,
        "co-membership": _membership_sentence,
        "corridors": _corridor_sentence,
    }[w.kind]
    return fn(w, c, escape_markdown(focus))


def overlap_sentence(w: WorldLayer) -> str:
    """The states on two sides at once, named first: "BRICS and SCO share China, ...: ..."."""
    if not w.overlap:
        return ""
    names = sorted({n for sides in w.overlap.values() for n in sides})
    sides = " and ".join(escape_markdown(w.side_labels.get(n, n)) for n in names)
    states = _names(escape_markdown(label_of(w, v)) for v in w.overlap)
    return (
        f"{sides} share {states}: in member-state terms they are joined directly, and no "
        "state can be the only connection between them. The tests use the states on one "
        "side only."
    )


def layer_sentence(w: WorldLayer, focus: str, deciding: tuple[str, ...]) -> str:
    """One sentence per layer: its verdict, and the criteria that decided it, with numbers."""
    head = f"{layer_name(w.layer)}, {when_words(w)}: {w.verdict}"
    if not w.criteria:
        return f"{head}: {escape_markdown(w.reason)}."
    crit = {c.key: c for c in w.criteria}
    why = " ".join(world_criterion_sentence(w, crit[k], focus) for k in deciding if k in crit)
    passed = [
        c
        for c in w.criteria
        if c.status == "pass"
        and c.key not in deciding
        and c.key in ("bloc_specificity", "beyond_degree", "brokerage", "shared", "belongs")
    ]
    also = ""
    if passed and w.verdict != "supported":
        also = (
            " It still shows: "
            + "; ".join(
                f"{world_criterion_name(c.key).lower()} passes"
                + (
                    f" (p = {fmt(c.p_value)}, the null gives {pct(c.effect)})"
                    if c.p_value is not None and c.effect is not None
                    else ""
                )
                for c in passed
            )
            + "."
        )
    return f"{head}. {why}{also}"
