"""Every sentence about a claim result: criteria, verdicts, variants, and its printed form.

The library's results hold numbers; this module says them in words, for the
report, the command line and ``repr``. Numbers go through
:func:`graph.formats.fmt` and :func:`graph.formats.pct`.

Examples
--------
>>> criterion_name("beyond_degree")
'Beyond degree'
>>> variant_name("paragraph", 3), variant_name("view", "full")
('without paragraph 3', 'full view')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from graph.claims import VERDICT_CRITERIA
from graph.claims.prepare import EGO_COVERAGE, EGO_SHARE
from graph.formats import fmt, pct
from graph.plot.style import graph_name, plural

if TYPE_CHECKING:
    from graph.brokerage import BrokerageResult
    from graph.claims import ClaimResult, Criterion
    from graph.nulls import NullTest

__all__ = [
    "CRITERION_NAMES",
    "VERDICT_PART",
    "criterion_name",
    "criterion_measures",
    "criterion_reference",
    "criterion_sentence",
    "verdict_sentence",
    "variant_name",
    "blocs_source_words",
    "null_words",
    "REASON_WORDS",
    "reason_words",
    "null_reason_words",
    "criterion_reason_words",
    "worded_details",
    "worded_null",
    "node_label",
    "criterion_record",
    "criteria_frame",
    "variants_frame",
    "claim_result_repr",
    "claim_setup",
    "null_test_repr",
    "null_test_title",
    "brokerage_repr",
    "brokerage_summary",
]

#: The name of each criterion of the claim test.
CRITERION_NAMES: dict[str, str] = {
    "source": "Source design",
    "bridge": "Bridge",
    "bloc_specificity": "Bloc specificity",
    "beyond_degree": "Beyond degree",
    "brokerage": "Brokerage",
    "robustness": "Robustness",
    "rank": "Rank",
    "mediation": "Mediation pattern",
    "framing": "Framing",
}

#: The criteria that decide the verdict; the others are context and caveats.
VERDICT_PART: tuple[str, ...] = VERDICT_CRITERIA

_NULL_WORDS = {
    "twomode": "networks where each actor keeps its number of ties and of events, "
    "and each event its number of participants (two-mode rewiring)",
    "rewire": "networks where every actor keeps its number of ties (degree-preserving rewiring)",
    "rewire_connected": "connected networks where every actor keeps its number of ties",
    "permute_blocs": "the same network with the bloc labels shuffled",
    "gnm": "random networks of the same size",
}


#: Most conflicts the mediation sentence lists by name (a large network has thousands).
MAX_LISTED = 12


def _listed(conflicts: list) -> list:
    """The conflicts a sentence names: all, or the first of them, those tied to both first."""
    if len(conflicts) <= MAX_LISTED:
        return conflicts
    both = sorted(conflicts, key=lambda x: not (x["positive_to_a"] and x["positive_to_b"]))
    return both[:MAX_LISTED]


def criterion_name(key: str) -> str:
    """The name of a criterion, as tables show it."""
    return CRITERION_NAMES.get(key, key)


#: Why a test or a criterion is not testable, by its code (:data:`graph.nulls.result.REASONS`
#: and the criteria's own), with the numbers each names.
REASON_WORDS: dict[str, str] = {
    "too_small": "the graph has {nodes} nodes and {edges} edges; a null model needs at least "
    "4 nodes and 2 edges",
    "one_realization": "no double-edge swap is possible: the degree sequence has a single "
    "realization (a threshold graph, e.g. a star), so the rewired null contains only the "
    "observed graph",
    "disconnected": "connected rewiring needs a connected graph and this one has {components} "
    "components; use null='rewire' or test on the largest component",
    "complete": "the graph is complete: G(n, m) contains only the observed graph",
    "no_blocs": "no node has a {attribute!r} attribute: there are no blocs to permute",
    "one_bloc": "every node has the same {attribute!r}: permuting blocs cannot change anything",
    "undefined": "{statistic} is undefined (NaN) on the observed graph",
    "unmoved": "none of the {samples} null samples differs from the observed graph: the {null} "
    "null cannot move away from it",
    "few_memberships": "fewer than two memberships: nothing to swap",
    "few_contacts": "the focus has too few contacts in other blocs",
    "saturated": "the focus brokers all {possible} cross-bloc pairs of its contacts, and the "
    "null reaches that maximum in {p:.0%} of samples: no count could be significant",
}


def reason_words(
    reason: str, why: Mapping | None = None, *, statistic=None, samples=None, null=None, p=None
) -> str:
    """Why a test or criterion is not testable, in words, from its code and numbers.

    ``reason`` is a key of :data:`REASON_WORDS`; ``why`` holds its numbers and
    the keywords what the sentence names (the statistic, the samples drawn,
    the null model, the p-value).

    Examples
    --------
    >>> reason_words("too_small", {"nodes": 3, "edges": 2})
    'the graph has 3 nodes and 2 edges; a null model needs at least 4 nodes and 2 edges'
    >>> reason_words("undefined", statistic="betweenness")
    'betweenness is undefined (NaN) on the observed graph'
    """
    if reason not in REASON_WORDS:
        return str(reason)
    names = {"statistic": statistic, "samples": samples, "null": null, "p": p}
    return REASON_WORDS[reason].format(**(dict(why or {}) | names))


def null_reason_words(test: NullTest) -> str:
    """Why a null test is not testable, in words ("" when it is)."""
    return reason_words(
        test.reason, test.why, statistic=test.statistic, samples=test.n, null=test.null
    )


def criterion_reason_words(c: Criterion) -> str:
    """Why a criterion is not testable, in words, from its details."""
    d = c.details
    return reason_words(
        d.get("reason", ""),
        d.get("why", {}) | {"possible": d.get("possible")},
        statistic=d.get("statistic"),
        samples=d.get("samples"),
        null=d.get("null"),
        p=c.p_value,
    )


def worded_details(c: Criterion) -> dict:
    """A criterion's details for report.json: its reason in words, its numbers beside them."""
    d = dict(c.details)
    if "reason" not in d:
        return d
    why = d.pop("why", {})
    d["reason"] = criterion_reason_words(c) if d["reason"] else ""
    return d | {k: v for k, v in why.items() if k not in d}


def worded_null(test: NullTest) -> dict:
    """A null test for report.json (:meth:`graph.nulls.NullTest.to_dict`), its reason in words."""
    d = test.to_dict()
    why = d.pop("why")
    d["reason"] = null_reason_words(test) if test.reason else ""
    return d | {k: v for k, v in why.items() if k not in d}


def null_words(null: str) -> str:
    """What a null model keeps, in words."""
    return _NULL_WORDS.get(null, f"the {null} null")


def criterion_measures(result: ClaimResult, c: Criterion) -> str:
    """What a criterion measures, in one line."""
    return {
        "source": "share of the other actors tied directly to the focus",
        "bridge": "share of shortest paths between the claimed sides that run through the focus",
        "bloc_specificity": "share of shortest paths between blocs that run through the focus",
        "beyond_degree": "the focus's betweenness (share of all shortest paths through it)",
        "brokerage": "pairs of the focus's contacts in different blocs not tied to each other",
        "robustness": "share of variants of the test that give the same verdict",
        "rank": "the focus's betweenness",
        "mediation": "conflicts between the sides where the focus has a cooperative tie to both",
        "framing": "the focus's share of all tie weight",
    }.get(c.key, c.key)


def criterion_reference(result: ClaimResult, c: Criterion) -> str:
    """What a criterion's observed value is compared with, in words (the reference column)."""
    if c.key == "source":
        return "90% (with half the ties touching it: an ego network)"
    if c.key == "bridge":
        return "more than 50%, or removing the focus cuts the sides apart"
    if c.key in ("bloc_specificity", "beyond_degree", "brokerage"):
        null = c.details.get("null", "")
        mean = "" if c.reference is None else f"mean {fmt(c.reference)} in "
        return f"{mean}{null_words(null)}"
    if c.key == "robustness":
        return "at least 80%"
    if c.key == "rank":
        who = c.details.get("top_other_node")
        who = node_label(result, who) if who is not None else None
        return f"the highest other actor ({fmt(c.reference)}{', ' + who if who else ''})"
    if c.key == "mediation":
        return "conflicts between the sides"
    return "twice the largest share of any other actor"


def _pairs_words(result: ClaimResult, d: dict) -> str:
    parts = []
    for r in d["pairs"]:
        label = (
            f"{node_label(result, r['a'])}–{node_label(result, r['b'])}"
            if d["named"]
            else "between blocs"
        )
        if r["pairs"] == 0:
            parts.append(f"{label}: no path joins them")
        else:
            cut = "; removing the focus cuts them apart" if r["cut"] else ""
            many = (
                f" ({r['pairs']} pair{'s' if r['pairs'] != 1 else ''} of actors)"
                if d["named"]
                else ""
            )
            parts.append(f"{label}: {pct(r['share'])} of shortest paths{many}{cut}")
    return "; ".join(parts)


def _null_sentence(result: ClaimResult, c: Criterion, what: str) -> str:
    d = c.details
    if c.status == "not testable":
        return f"Not testable: {criterion_reason_words(c)}."
    lo, hi = d["interval"]
    effect = (
        f"the null already gives {pct(c.effect)} of the observed value"
        if c.effect == c.effect and c.effect is not None
        else "the observed value is 0"
    )
    verdict = (
        "more than the null explains"
        if c.status == "pass"
        else (
            "not significant at alpha"
            if c.p_value > d["alpha"]
            else "significant, but the null explains more than three quarters of it"
        )
    )
    return (
        f"{what} {fmt(c.observed)}, against {fmt(c.reference)} on average in {d['samples']} "
        f"samples of {null_words(d['null'])} (95% of them between {fmt(lo)} and {fmt(hi)}); "
        f"p = {fmt(c.p_value)}; {effect}: {verdict}."
    )


def node_label(result: ClaimResult, node) -> str:
    """A node's label in the result's measures table, else its id."""
    m = result.measures
    if node in m.index and "label" in m and isinstance(m.at[node, "label"], str):
        return m.at[node, "label"]
    return str(node)


def criterion_sentence(result: ClaimResult, c: Criterion) -> str:
    """What a criterion found, in one or two sentences."""
    label, d = result.focus_label, c.details
    if c.key == "source":
        head = _source_words(result, d)
        if c.status == "fail":
            return (
                f"{head}: the text is an ego network of {label}. Ties it does not state "
                "among the others are unobserved, not absent, so shortest paths cannot "
                "tell a hub from a bridge here."
            )
        return f"{head}. Not an ego network, so paths in the text can test the claim."
    if c.key == "bridge":
        if c.status == "not testable":
            return f"Not testable: {_pairs_words(result, d)} in the source."
        return f"{_pairs_words(result, d)}."
    if c.key == "bloc_specificity":
        return _null_sentence(result, c, "Share of shortest paths between blocs through it:")
    if c.key == "beyond_degree":
        return _null_sentence(result, c, "Betweenness:")
    if c.key == "brokerage":
        return _null_sentence(
            result, c, f"Pairs brokered (of {d.get('possible')} pairs of contacts in other blocs):"
        )
    if c.key == "robustness":
        if c.status == "n/a":
            return "No variants: no paragraph provenance, no other views, blocs detected."
        counts = ", ".join(f"{k}: {v}" for k, v in d["verdicts"].items())
        return (
            f"{d['agree']} of {d['variants']} variants give the same verdict ({counts})"
            + (f"; the focus is absent from {d['absent']}" if d.get("absent") else "")
            + "."
        )
    if c.key == "rank":
        return f"{label} ranks #{d['rank']} of {d['n']} in betweenness ({fmt(c.observed)})."
    if c.key == "mediation":
        if c.status == "n/a":
            return "The source shows no conflict between the sides."
        parts = [
            f"{node_label(result, x['a'])}–{node_label(result, x['b'])}: "
            + (
                "tied positively to both"
                if x["positive_to_a"] and x["positive_to_b"]
                else "not tied positively to both"
            )
            for x in _listed(d["conflicts"])
        ]
        more = len(d["conflicts"]) - len(parts)
        tail = f"; and {more:,} more ({fmt(c.observed)} of {fmt(c.reference)} tied to both)"
        return f"Conflicts between the sides: {'; '.join(parts)}{tail if more > 0 else ''}."
    if c.status == "n/a":
        return "No ties."
    who = d.get("top_other_node")
    who = node_label(result, who) if who is not None else None
    tail = (
        "the source is drawn around it: a caveat, not part of the verdict."
        if c.status == "fail"
        else "the source is not drawn around it."
    )
    return (
        f"{pct(c.observed)} of the tie weight touches {label}; the next actor"
        f"{' (' + str(who) + ')' if who else ''} has {pct(c.reference)}: {tail}"
    )


def _ego_members(result: ClaimResult) -> list[str]:
    """The labels of those who act for the focus (``country`` = the focus) in the tested graph."""
    G = result.graph
    if G is None:
        return []
    return sorted(
        str(d.get("label") or n)
        for n, d in G.nodes(data=True)
        if n != result.focus and d.get("country") == result.focus
    )


def _source_words(result: ClaimResult, d: dict) -> str:
    """Whose ties source design counts, and how far each of its two figures is from its line."""
    label = result.focus_label
    members = _ego_members(result)
    who = (
        f"ties of {label} and of those who act for it ({', '.join(members)})"
        if members
        else f"ties of {label} itself"
    )
    them = "them" if members else "it"
    need = math.ceil(EGO_COVERAGE * d["others"] - 1e-9)
    if d["tied"] >= need:
        reach = f"at or above the {pct(EGO_COVERAGE)} line"
    else:
        reach = (
            f"{plural(need - d['tied'], 'actor')} short of the {pct(EGO_COVERAGE)} "
            "at which a text counts as an ego network"
        )
    ties_need = math.ceil(EGO_SHARE * d["ties"] - 1e-9)
    if d["ego_ties"] >= ties_need:
        touch = "at or above the half an ego network also takes"
    else:
        touch = (
            f"{plural(ties_need - d['ego_ties'], 'tie')} short of the half an ego network "
            "also takes"
        )
    share = d["ego_ties"] / d["ties"] if d["ties"] else 0.0
    return (
        f"Counted: the {who}, in the {graph_name(result.view, tested=True)}. They reach "
        f"{d['tied']} of the {d['others']} other actors with ties ({pct(d['coverage'])}), "
        f"{reach}; {d['ego_ties']} of the {d['ties']} ties ({pct(share)}) touch {them}, "
        f"{touch}"
    )


def verdict_sentence(result: ClaimResult) -> str:
    """Why the verdict is what it is, in one sentence."""
    crit = {c.key: c for c in result.criteria}
    v = result.verdict
    if v == "not testable from this source":
        if crit["source"].status == "fail":
            return (
                f"The source is an ego network of {result.focus_label}: every path between "
                "the others runs through it by the way the text was written, so the text "
                "cannot show whether it is a bridge in the world."
            )
        if crit["bridge"].status == "not testable":
            return (
                "No path joins the sides the claim names in the source, other than the "
                "claim itself: the text gives no evidence either way."
            )
        return "Neither null model can vary this network: the source cannot test the claim."
    passed = [criterion_name(k) for k in VERDICT_PART if crit[k].status == "pass"]
    failed = [criterion_name(k) for k in VERDICT_PART if crit[k].status == "fail"]
    untested = [criterion_name(k) for k in VERDICT_PART if crit[k].status == "not testable"]
    out = (
        f"Passing: {', '.join(passed) or 'none'}"
        + (f"; failing: {', '.join(failed)}" if failed else "")
        + (f"; not testable: {', '.join(untested)}" if untested else "")
        + "."
    )
    views = crit["robustness"].details.get("views") or {}
    differ = {k: x for k, x in views.items() if x != v}
    if differ:
        out += (
            " The verdict changes with the view: "
            + ", ".join(f"{x} in the {k} view" for k, x in differ.items())
            + "."
        )
    return out


def variant_name(kind: str, value: Any) -> str:
    """The name of a robustness variant."""
    if kind == "paragraph":
        return f"without paragraph {value}"
    if kind == "view":
        return f"{value} view"
    if kind == "blocs":
        return "blocs detected from structure"
    if kind == "claim_ties":
        return "with the claim's own ties"
    if kind == "ties":
        return "with conflictual ties"
    if kind == "places":
        return "with places (regions)"
    return f"{kind} {value}"


def blocs_source_words(result: ClaimResult) -> str:
    """Where the blocs came from, in words."""
    if result.blocs_source == "attribute":
        return f"the coder's blocs (node attribute {result.parameters.get('blocs')!r})"
    if result.blocs_source == "mapping":
        return "blocs given as a mapping"
    return "blocs detected from the network's structure (greedy modularity communities)"


def criterion_record(result: ClaimResult, c: Criterion) -> dict[str, Any]:
    """One criterion with its words: name, measures, compared with, observed, reference, ..."""
    return {
        "key": c.key,
        "name": criterion_name(c.key),
        "measures": criterion_measures(result, c),
        "compared_with": criterion_reference(result, c),
        "observed": c.observed,
        "reference": c.reference,
        "effect": c.effect,
        "p_value": c.p_value,
        "status": c.status,
        "in_verdict": c.key in VERDICT_PART,
        "sentence": criterion_sentence(result, c),
    }


def criteria_frame(result: ClaimResult) -> pd.DataFrame:
    """The criteria as a table with their words, one row each, indexed by key."""
    return pd.DataFrame([criterion_record(result, c) for c in result.criteria]).set_index("key")


def variants_frame(result: ClaimResult) -> pd.DataFrame:
    """The robustness variants as a table indexed by their names."""
    v = result.variants.copy()
    if v.empty:
        return v
    v.index = pd.Index(
        [variant_name(k, x) for k, x in zip(v["kind"], v["value"], strict=True)], name="variant"
    )
    return v


def claim_setup(result: ClaimResult) -> str:
    """One line on how the test was set up: blocs, ties, null model, samples, seed, alpha."""
    p = result.parameters
    ties = "cooperative and neutral ties" if p.get("ties") == "channels" else "every tie"
    setup = [
        blocs_source_words(result),
        ties,
        f"null model {p.get('null')}, at most {p.get('samples')} samples per test, "
        f"seed {p.get('seed')}",
        f"alpha {p.get('alpha')}",
    ]
    approx = p.get("approximations") or {}
    if approx:  # a large graph: the size rule of graph.nulls changed the methods
        errors = ", ".join(f"{v:.2g}" for v in approx.get("standard_error", {}).values())
        setup.append(
            f"a large graph ({approx.get('rule')}): path statistics estimated from "
            f"{approx.get('pairs'):,} sampled node pairs (standard errors {errors}), at most "
            f"{approx.get('samples')} samples per test and {approx.get('variant_samples')} per "
            f"robustness variant"
            + (
                f", each rewired sample a chain of {approx['swaps_per_edge']:g} swap trials per "
                "tie from the hub (10 on smaller graphs)"
                if approx.get("swaps_per_edge")
                else ""
            )
            + (
                f", betweenness in the table from {approx['measures_sources']} sampled sources "
                f"(standard error at most {approx.get('measures_error') or 0:.2g})"
                if approx.get("measures_sources")
                else ""
            )
        )
    return "; ".join(setup)


def claim_result_repr(result: ClaimResult) -> str:
    """The printed form of a claim result: verdict, one line per criterion, the set-up."""
    lines = [
        f"ClaimResult: {result.focus_label} as a bridge in the {result.view} view: "
        f"{result.verdict}",
        f"  {verdict_sentence(result)}",
    ]
    for c in result.criteria:
        note = "" if c.key in VERDICT_PART else " (context, not part of the verdict)"
        lines.append(
            f"  [{c.status:^12}] {criterion_name(c.key)}: {criterion_sentence(result, c)}{note}"
        )
    lines.append("  " + claim_setup(result))
    return "\n".join(lines)


def null_test_title(test: NullTest) -> str:
    """What a null test tested: "betweenness of 'x' under the rewire null"."""
    about = f" of {test.node!r}" if test.node is not None else ""
    return f"{test.statistic}{about} under the {test.null} null"


def null_test_repr(test: NullTest) -> str:
    """The printed form of a null test."""
    head = f"NullTest({null_test_title(test)}: observed={test.observed:.6g}"
    if not test.testable:
        return f"{head}, not testable: {null_reason_words(test)})"
    early = ", stopped early" if test.stopped_early else ""
    verdict = "significant" if test.significant else "not significant"
    return (
        f"{head}, null mean={test.mean:.6g} (sd {test.sd:.3g}), z={test.z:.3g}, "
        f"p={test.p_value:.4g} ({test.alternative}, {test.n} samples{early}, "
        f"seed {test.seed}): {verdict} at alpha={test.alpha:g})"
    )


def brokerage_summary(result: BrokerageResult) -> str:
    """One line: actors, blocs (each actor without a bloc one of its own), density."""
    blocs = result.blocs
    n_blocs = blocs.dropna().nunique() + int(blocs.isna().sum())
    perms = f", {result.samples} permutations" if result.p_value is not None else ""
    return (
        f"BrokerageResult: {len(result.counts)} actors, {n_blocs} blocs, "
        f"density {result.density:.4g}{perms}"
    )


def brokerage_repr(result: BrokerageResult) -> str:
    """The printed form of a brokerage result: counts with their z-scores."""
    cells = result.counts.astype(str) + result.z.map(lambda z: "" if z != z else f" ({z:+.2f})")
    body = cells.to_string(max_rows=30)
    note = "count (z under sna's density null; blank where sd = 0)"
    return f"{brokerage_summary(result)}\n{note}\n{body}"
