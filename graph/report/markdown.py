"""report.md: the claim test written up for a reader who is not a network analyst.

Order: the verdict and the facts that decide it in plain words; what was
tested; the criteria (separate columns for the observed value, what it is
compared with, the effect and p); robustness; who is central; figures; a
glossary; caveats drawn from the data and the run; the inputs.

Examples
--------
>>> import networkx as nx
>>> from graph.claims import assess_bridge_claim
>>> r = assess_bridge_claim(nx.cycle_graph(6), 0, samples=19, progress=False)
>>> report_markdown(r).splitlines()[0]
'# Is 0 a bridge? Not supported'
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from graph import __version__, schema
from graph.claims import ClaimResult
from graph.files import code_span, escape_markdown
from graph.report.glossary import WORLD_TERMS, glossary_markdown
from graph.report.numbers import fmt, pct
from graph.report.overview import figures_markdown, views_frame
from graph.report.text import (
    VERDICT_PART,
    claim_setup,
    criterion_name,
    criterion_record,
    criterion_sentence,
    null_words,
    variants_frame,
    verdict_sentence,
)
from graph.report.world import world_headline, world_markdown
from graph.report.worldwords import overlap_sentence

__all__ = [
    "FIGURE_CAPTIONS",
    "WORLD_FIGURES",
    "figure_caption",
    "summary_paragraph",
    "caveats",
    "report_markdown",
]

#: The caption of each figure file the pipeline writes.
FIGURE_CAPTIONS: dict[str, str] = {
    "network_full.png": "Every coded tie (full view)",
    "network_states.png": "States view: leaders folded into their states, events folded away",
    "network_actors.png": "Actors view: events folded into ties between their participants",
    "measures.png": "Every actor's betweenness against its number of contacts, "
    "with the null model's range for the focus",
    "null.png": "Beyond degree: the focus's betweenness against its null model, from zero",
    "blocs.png": "The share of shortest paths between the claimed sides (or blocs) that run "
    "through the focus, with the number of pairs",
    "ego.png": "The focus, its contacts and their ties among themselves",
    "world_networks.png": "The text's states and ties beside each world layer, each state in the "
    "same place: the sides by colour, ties of the focus orange, ties that join two sides "
    "without it dark",
    "world_bypass.png": "Per pair of sides, the share of connected pairs of states that only the "
    "focus connects, in the text and in each world layer (a bridge: more than half)",
}

#: Figures shown in the section "The claim in the world", not under "Figures".
WORLD_FIGURES: tuple[str, ...] = ("world_networks.png", "world_bypass.png")

_TERMS = [
    "actor",
    "tie",
    "view",
    "bloc",
    "shortest path",
    "betweenness",
    "bridge share (bloc-pair betweenness)",
    "ego network",
    "degree",
    "null model",
    "degree-preserving rewiring",
    "bloc labels shuffled",
    "p-value",
    "alpha",
    "effect",
    "sequential stopping",
    "Gould-Fernandez brokerage",
    "constraint",
    "fragmentation",
    "channels",
    "claim ties",
    "robustness",
]


def figure_caption(name: str) -> str:
    """The caption of a figure file ("network_<view>.png" of another view: "The <view> view").

    Examples
    --------
    >>> figure_caption("network_x.png")
    'The x view'
    """
    if name in FIGURE_CAPTIONS:
        return FIGURE_CAPTIONS[name]
    return f"The {name.removeprefix('network_').removesuffix('.png')} view"


def summary_paragraph(
    result: ClaimResult, *, source: str = "text", world: Mapping | None = None
) -> str:
    """The report's first paragraph, as Markdown: the verdict, the facts behind it, the limits.

    ``world``: the claim on each world layer (:func:`graph.world.world_claim`),
    whose verdicts close the paragraph.
    """
    crit = {c.key: c for c in result.criteria}
    label, v = escape_markdown(result.focus_label), result.verdict
    where = "the text's own ties" if source == "text" else "the coded events"
    views = crit["robustness"].details.get("views") or {}
    differ = {k: x for k, x in views.items() if x != v}
    if v == "not testable from this source":
        facts = [escape_markdown(verdict_sentence(result))]
    else:
        head = {
            "supported": f"In {where}, {label} is a bridge between the sides the claim names.",
            "partly supported": f"{where.capitalize()} bear the claim out only in part.",
            "not supported": f"{where.capitalize()} do not show {label} as a bridge.",
        }[v]
        facts = [head]
        b = crit["bridge"]
        if b.testable:
            facts.append(
                f"{pct(b.observed)} of the shortest paths between the sides run through "
                f"{label} ({'more' if b.passed else 'not more'} than half)."
            )
        nulls = (
            ("beyond_degree", "betweenness", "networks where every actor keeps its number of ties"),
            ("bloc_specificity", "bridge share", "the same network with the blocs shuffled"),
        )
        for key, what, null in nulls:
            c = crit[key]
            if c.testable and c.effect is not None and c.effect == c.effect:
                facts.append(
                    f"{null.capitalize()} give it {pct(c.effect)} of its {what} on average "
                    f"(p = {fmt(c.p_value)}): {'more' if c.passed else 'no more'} than "
                    f"{'its number of ties' if key == 'beyond_degree' else 'any grouping'} "
                    "would."
                )
    if differ:
        facts.append(
            "The verdict changes with the view: "
            + ", ".join(f"{x} in the {k} view" for k, x in differ.items())
            + "."
        )
    if source == "text":
        facts.append(
            "A text is one author's selection of ties: it shows whether the author's own "
            "account bears the claim out, not whether the claim holds in the world; "
            "independent data on the same states can."
        )
    if world:
        first = next(iter(world.values()))
        drive = overlap_sentence(first) + " " if first.overlap else ""
        facts.append(
            f'{drive}In those data the claim is {world_headline(world)} (see "The claim in '
            'the world", which says what decided each layer).'
        )
    return f"**{v.capitalize()}.** " + " ".join(facts)


def caveats(result: ClaimResult, *, source: str = "text", inferred: int = 0) -> list[str]:
    """The caveats that apply to this run, drawn from the data and the settings."""
    out = []
    what = "text" if source == "text" else "event data"
    out.append(
        f"The network holds the ties the {what} records, not every tie that exists: an actor "
        "or tie it leaves out is absent, however important."
    )
    if result.blocs_source == "detected":
        out.append("The blocs were detected from the network's structure, not given by a coder.")
    else:
        out.append(
            "The blocs are the coder's grouping; the robustness check reruns the test with "
            "blocs detected from the structure."
        )
    if inferred:
        out.append(
            f"{inferred} ties were inferred by the coder rather than stated (see the codebook)."
        )
    t = result.tested
    if t.get("claim_ties"):
        out.append(
            f"{len(t['claim_ties'])} ties state the claim itself and were left out of the "
            "test (a robustness variant puts them back)."
        )
    elif result.parameters.get("include_claim_ties"):
        out.append(
            "The claim's own ties were kept in the test, as asked: the test partly "
            "assumes its conclusion."
        )
    if t.get("conflict_ties"):
        out.append(
            f"{len(t['conflict_ties'])} conflictual ties were left out of paths and "
            "brokerage: a war is not a channel between its parties."
        )
    if t.get("places"):
        out.append(f"{len(t['places'])} places (regions) were left out: they are not actors.")
    framing = result.criterion("framing")
    if framing.status == "fail":
        out.append(criterion_sentence(result, framing))
    drawn = result.parameters.get("samples_drawn", {})
    out.append(
        "p-values are Monte Carlo estimates from "
        + ", ".join(f"{n} samples ({criterion_name(k).lower()})" for k, n in drawn.items())
        + f" with seed {result.parameters.get('seed')}; sampling stops once the answer at "
        "alpha is settled."
    )
    return out


def _cell(v) -> str:
    return fmt(v) if not isinstance(v, str) else escape_markdown(v)


def _table(df: pd.DataFrame, *, index: str | None = None) -> str:
    cols = ([index] if index else []) + [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for idx, row in df.iterrows():
        cells = ([_cell(idx)] if index else []) + [_cell(v) for v in row.tolist()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _criteria_table(result: ClaimResult, keys) -> str:
    rows = []
    for c in result.criteria:
        if c.key not in keys:
            continue
        r = criterion_record(result, c)
        rows.append(
            {
                "criterion": r["name"],
                "what it measures": r["measures"],
                "observed": c.observed,
                "compared with": r["compared_with"],
                "effect": pct(c.effect) if c.effect is not None else "-",
                "p": c.p_value,
                "result": c.status,
            }
        )
    return _table(pd.DataFrame(rows).set_index("criterion"), index="criterion")


def _top_actors(result: ClaimResult, top: int) -> pd.DataFrame:
    m = result.measures
    m = m[~m["type"].isin(list(schema.PLACE_TYPES))] if "type" in m else m
    order = m.assign(_label=m["label"].astype(str)).sort_values(
        ["betweenness", "degree", "_label"], ascending=[False, False, True]
    )
    cols = [
        c
        for c in (
            "label",
            "type",
            "bloc",
            "degree",
            "betweenness",
            "bloc_pair_betweenness",
            "constraint",
            "fragmentation",
        )
        if c in m.columns
    ]
    return order[cols].head(top)


def report_markdown(
    result: ClaimResult,
    *,
    statement: str | None = None,
    paragraph: int | None = None,
    figures: Mapping[str, str] | None = None,
    inputs: Mapping[str, str] | None = None,
    source: str = "text",
    inferred: int = 0,
    top: int = 10,
    world: Mapping | None = None,
    world_note: str | None = None,
    views: Mapping | None = None,
) -> str:
    """The report as Markdown.

    Parameters
    ----------
    result : ClaimResult
    statement : str, optional
        The text's claim, quoted verbatim; ``paragraph`` its number.
    figures : mapping of caption -> relative path, optional
        PNGs to show; those of :data:`WORLD_FIGURES` in the world section.
    inputs : mapping of name -> path, optional
        Input files, listed.
    source : {"text", "events"}, default "text"
        What the data are: a coded text, or event data (words of the caveats).
    inferred : int, default 0
        Number of ties the coder inferred.
    top : int, default 10
        Rows of the top-actors table.
    world : mapping of layer -> graph.world.WorldLayer, optional
        The claim on each world layer: the section "The claim in the world".
    world_note : str, optional
        Why the world section is missing (e.g. states without codes), said in
        its place.
    views : mapping of name -> graph, optional
        The views, described in a section of their own (what each folded or
        left out).

    Returns
    -------
    str
    """
    label = escape_markdown(result.focus_label)
    out = [f"# Is {label} a bridge? {result.verdict.capitalize()}", ""]
    out += [summary_paragraph(result, source=source, world=world), ""]
    if statement:
        where = f" (paragraph {paragraph})" if paragraph else ""
        out += [f"> {escape_markdown(statement)}", "", f"The claim tested{where}.", ""]
    between = result.parameters.get("between_labels") or result.parameters.get("between")
    sides = (
        " and ".join(escape_markdown(str(b)) for b in between) if between else "every pair of blocs"
    )
    t = result.tested
    out += [
        "## What was tested",
        "",
        f"- Focus: {label}, in the *{result.view}* view ({t.get('nodes')} actors, "
        f"{t.get('edges')} ties tested).",
        f"- The claim: {label} connects {sides}.",
        f"- Set-up: {escape_markdown(claim_setup(result))}.",
        f"- Left out: {len(t.get('claim_ties', []))} ties that state the claim itself, "
        f"{len(t.get('conflict_ties', []))} conflictual ties, {len(t.get('places', []))} places.",
        "",
        "## Criteria that decide the verdict",
        "",
        _criteria_table(result, VERDICT_PART),
        "",
    ]
    out += [
        f"- **{criterion_name(c.key)}** ({c.status}): "
        f"{escape_markdown(criterion_sentence(result, c))}"
        for c in result.criteria
        if c.key in VERDICT_PART
    ]
    out += ["", "## Context and caveats (not part of the verdict)", ""]
    out += [
        f"- **{criterion_name(c.key)}** ({c.status}): "
        f"{escape_markdown(criterion_sentence(result, c))}"
        for c in result.criteria
        if c.key not in VERDICT_PART
    ]
    out += [""]
    if not result.variants.empty:
        v = variants_frame(result)
        keep = [
            c
            for c in (
                "verdict",
                "bridge",
                "bloc_specificity",
                "beyond_degree",
                "brokerage",
                "betweenness",
            )
            if c in v.columns
        ]
        out += [
            "## Robustness: the whole test on each variant",
            "",
            _table(v[keep], index="variant"),
            "",
        ]
    in_world = {c: p for c, p in (figures or {}).items() if str(p).endswith(WORLD_FIGURES)}
    figures = {c: p for c, p in (figures or {}).items() if c not in in_world}
    if world:
        out += [world_markdown(world, focus_label=result.focus_label, figures=in_world)]
    elif world_note:
        out += ["## The claim in the world", "", f"Not run: {escape_markdown(world_note)}", ""]
    if views:
        out += [
            "## The views",
            "",
            "The claim is tested in one view; the others are robustness variants.",
            "",
            _table(views_frame(views), index="view"),
            "",
        ]
    out += [
        f"## Who is central ({result.view} view, places aside)",
        "",
        "Ranked by betweenness, then by number of ties; actors with equal values are tied.",
        "",
        _table(_top_actors(result, top), index="actor"),
        "",
    ]
    if result.brokerage is not None and result.focus in result.brokerage.counts.index:
        br = result.brokerage
        roles = [c for c in br.counts.columns if c != "total"]
        tab = pd.DataFrame(
            {
                "observed": br.counts.loc[result.focus, roles],
                "expected if ties were random": br.expected.loc[result.focus, roles],
                "z": br.z.loc[result.focus, roles],
            }
        )
        out += [
            f"## Brokerage roles of {label} (description)",
            "",
            "Gould-Fernandez roles as R's sna::brokerage counts them (each pair of contacts "
            "twice, once each way); sna's expected counts assume random ties and ignore the "
            f"actor's number of ties, so they describe, not test. The test above compares "
            f"with {null_words(result.parameters.get('null', 'rewire'))}.",
            "",
            _table(tab, index="role"),
            "",
        ]
    out += figures_markdown(figures)
    terms = _TERMS + (WORLD_TERMS if world else [])
    out += ["## Glossary", "", glossary_markdown(terms), ""]
    out += (
        ["## Caveats", ""]
        + [f"- {escape_markdown(c)}" for c in caveats(result, source=source, inferred=inferred)]
        + [""]
    )
    if inputs:
        out += ["## Inputs", ""]
        for name, path in inputs.items():
            out.append(f"- {name}: {code_span(str(path))}")
        out.append("")
    out.append(
        f"Made by actor-graph {__version__}. The verdict rule is in the docstring of "
        "`graph.claims.assess_bridge_claim`."
    )
    return "\n".join(out) + "\n"
