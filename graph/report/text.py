"""Every sentence about a result: criteria, verdicts, variants, and the results' printed forms.

The library's results (:class:`graph.claims.ClaimResult`,
:class:`graph.nulls.NullTest`, :class:`graph.brokerage.BrokerageResult`) hold
numbers; this module says them in words, for the report, the command line and
``repr``. Numbers go through :func:`graph.report.numbers.fmt`.

Examples
--------
>>> import networkx as nx
>>> from graph.claims import assess_bridge_claim
>>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
>>> criterion_name("beyond_degree")
'Beyond degree'
>>> print(criterion_sentence(r, r.criterion("rank")))
2 ranks #1 in betweenness (0.667; the highest other actor has 0.500).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from graph.report.numbers import fmt, pct

if TYPE_CHECKING:
    from graph.brokerage import BrokerageResult
    from graph.claims import ClaimResult, Criterion
    from graph.nulls import NullTest

__all__ = [
    "CRITERION_NAMES",
    "criterion_name",
    "criterion_measures",
    "criterion_sentence",
    "verdict_sentence",
    "variant_name",
    "blocs_source_words",
    "criterion_record",
    "criteria_frame",
    "variants_frame",
    "claim_result_repr",
    "null_test_repr",
    "null_test_title",
    "brokerage_repr",
    "brokerage_summary",
]

#: The name of each criterion of the claim test.
CRITERION_NAMES: dict[str, str] = {
    "rank": "Rank",
    "bridge": "Bridge",
    "brokerage": "Brokerage",
    "beyond_degree": "Beyond degree",
    "robustness": "Robustness",
    "framing": "Framing bias",
}

#: How a tie set left out by the pipeline is named in the robustness table.
TIE_SET_NAMES: dict[str, str] = {
    "links": "without the text's bridging claims ('links' ties)",
}


def criterion_name(key: str) -> str:
    """The name of a criterion, as tables show it."""
    return CRITERION_NAMES.get(key, key)


def criterion_measures(result: ClaimResult, c: Criterion) -> str:
    """What a criterion measures, in one line."""
    if c.key == "rank":
        return "normalized betweenness of the focus vs the highest of any other actor"
    if c.key == "bridge":
        return (
            "share of shortest paths between actors of different blocs through the focus; "
            "bloc pairs cut apart by removing it"
        )
    if c.key == "brokerage":
        return (
            "Gould-Fernandez cross-bloc roles (liaison + gatekeeper + representative) vs their "
            "expected count under the density null"
        )
    if c.key == "beyond_degree":
        return (
            f"Monte Carlo p-value of the focus's betweenness under the {c.details['null']} null "
            "(same degrees), vs alpha"
        )
    if c.key == "robustness":
        if c.status == "n/a":
            return "share of variants where rank and bridge still hold"
        return (
            "share of variants (leave one paragraph out, other views, detected blocs) where "
            "rank and bridge still hold"
        )
    return "share of the view's tie weight that touches the focus"


def criterion_sentence(result: ClaimResult, c: Criterion) -> str:
    """What a criterion found, in one or two sentences."""
    label, d = result.focus_label, c.details
    if c.key == "rank":
        others = "no other actor" if d["n"] < 2 else f"{d['top_other']:.3f}"
        return (
            f"{label} ranks #{d['rank']} in betweenness ({c.observed:.3f}; "
            f"the highest other actor has {others})."
        )
    if c.key == "bridge":
        return (
            f"{pct(c.observed)} of shortest paths between blocs pass through {label}; "
            f"removing it cuts {d['blocs_cut']} bloc pair(s) apart."
        )
    if c.key == "brokerage":
        roles = ", ".join(
            f"{r} {d['counts'][r]} (expected {d['expected'][r]:.1f}, z {fmt(d['z'][r])})"
            for r in d["counts"]
        )
        above = d["roles_above"]
        return f"{roles}; " + (
            f"above expectation: {', '.join(above)}."
            if above
            else "no cross-bloc role above expectation."
        )
    if c.key == "beyond_degree":
        if c.status == "not testable":
            return f"The {d['null']} null cannot test this: {d['reason']}."
        return (
            f"Betweenness {d['betweenness']:.3f} vs mean {d['null_mean']:.3f} in {d['samples']} "
            f"degree-preserving rewirings (p = {c.observed:.3g}): "
            + (
                "more than its degree alone explains."
                if c.status == "pass"
                else "not more than its number of ties alone would give it."
            )
        )
    if c.key == "robustness":
        if c.status == "n/a":
            return (
                "No variants: the graph has no paragraph provenance, no other views were given "
                "and its blocs are already detected."
            )
        worst = [variant_name(kind, value) for kind, value in d["not_holding"]]
        tail = ""
        if worst:
            tail = f"; not in: {', '.join(worst[:4])}" + ("..." if len(worst) > 4 else "")
        return f"Rank and bridge hold in {d['held']} of {d['variants']} variants{tail}."
    star = c.status == "fail"
    return f"{pct(c.observed)} of the tie weight touches {label} (an average actor: " + (
        f"{pct(d['chance'])}); "
        + (
            "the network is a star drawn around it, so its high centrality partly reflects "
            "what the source chose to record."
            if star
            else "the network is not a star around it."
        )
    )


def verdict_sentence(result: ClaimResult) -> str:
    """Why the verdict is what it is: which criteria pass and which fail."""
    core = [c for c in result.criteria if c.key != "framing"]
    applicable = [c for c in core if c.passed is not None]
    passed = [criterion_name(c.key) for c in applicable if c.passed]
    failed = [criterion_name(c.key) for c in applicable if not c.passed]
    sentence = (
        f"{len(passed)} of {len(applicable)} applicable criteria pass"
        + (f" ({', '.join(passed)})" if passed else "")
        + (f"; failing: {', '.join(failed)}" if failed else "")
        + "."
    )
    if result.criterion("framing").passed is False:
        sentence += " The network is drawn around the focus (see framing bias)."
    return sentence


def variant_name(kind: str, value: Any) -> str:
    """The name of a robustness variant.

    Examples
    --------
    >>> variant_name("paragraph", 3), variant_name("view", "full")
    ('without paragraph 3', 'full view')
    """
    if kind == "paragraph":
        return f"without paragraph {value}"
    if kind == "ties":
        return TIE_SET_NAMES.get(value, str(value))
    if kind == "view":
        return f"{value} view"
    return "blocs detected from structure"


def blocs_source_words(result: ClaimResult) -> str:
    """Where the blocs came from, in words."""
    if result.blocs_source == "attribute":
        return f"node attribute {result.parameters.get('blocs')!r}"
    if result.blocs_source == "mapping":
        return "given mapping"
    return "detected (greedy modularity communities)"


def criterion_record(result: ClaimResult, c: Criterion) -> dict[str, Any]:
    """One criterion with its words: key, name, measures, observed, reference, status, sentence."""
    return {
        "key": c.key,
        "name": criterion_name(c.key),
        "measures": criterion_measures(result, c),
        "observed": c.observed,
        "reference": c.reference,
        "status": c.status,
        "sentence": criterion_sentence(result, c),
    }


def criteria_frame(result: ClaimResult) -> pd.DataFrame:
    """The criteria as a table: name, what it measures, observed, reference, status, reading."""
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


def claim_result_repr(result: ClaimResult) -> str:
    """The printed form of a claim result: verdict, one line per criterion, the set-up."""
    lines = [
        f"ClaimResult: {result.focus_label} as a bridge in the {result.view} view: "
        f"{result.verdict}",
        f"  {verdict_sentence(result)}",
    ]
    for c in result.criteria:
        note = " (a caveat; not part of the verdict)" if c.key == "framing" else ""
        lines.append(
            f"  [{c.status:^12}] {criterion_name(c.key)}: {criterion_sentence(result, c)}{note}"
        )
    lines.append("  " + claim_setup(result))
    return "\n".join(lines)


def claim_setup(result: ClaimResult) -> str:
    """One line on how the test was set up: blocs, null model, samples, seed, alpha."""
    p = result.parameters
    setup = [f"blocs: {blocs_source_words(result)}"]
    if p.get("null"):
        drawn = p.get("samples_drawn")
        most = f" (at most {p['samples']})" if p.get("samples") not in (None, drawn) else ""
        setup.append(f"null model: {p['null']}, {drawn} samples{most}, seed {p.get('seed')}")
    if p.get("alpha") is not None:
        setup.append(f"alpha {p['alpha']}")
    return "; ".join(setup)


def null_test_title(test: NullTest) -> str:
    """What a null test tested: "betweenness of 'x' under the rewire null"."""
    about = f" of {test.node!r}" if test.node is not None else ""
    return f"{test.statistic}{about} under the {test.null} null"


def null_test_repr(test: NullTest) -> str:
    """The printed form of a null test."""
    head = f"NullTest({null_test_title(test)}: observed={test.observed:.6g}"
    if not test.testable:
        return f"{head}, not testable: {test.reason})"
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
