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
from graph.formats import fmt, pct
from graph.plot.claimview import sides_unjoined
from graph.plot.style import graph_name, plural
from graph.report.glossary import WORLD_TERMS, glossary_markdown
from graph.report.overview import figures_markdown, views_frame
from graph.report.tested import focus_line, graph_names
from graph.report.text import (
    VERDICT_PART,
    claim_setup,
    criterion_name,
    criterion_record,
    criterion_sentence,
    null_words,
    variants_frame,
)
from graph.report.verdict import bridge_fact, deciding, deciding_sentence, null_fact
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

#: The caption of each figure file the pipeline writes whatever the run (the figures of
#: a claim test are captioned by :func:`figure_caption` from the run's result).
FIGURE_CAPTIONS: dict[str, str] = {
    "network_full.png": "Every coded tie (full view)",
    "network_states.png": "States view: leaders folded into their states, events folded away",
    "network_actors.png": "Actors view: events folded into ties between their participants",
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


def figure_caption(name: str, *, result: ClaimResult | None = None, view: str | None = None) -> str:
    """The caption of a figure file, in the words of the run that drew it.

    ``result``: the claim test whose figures these are (they draw its tested
    graph); without one, ``view`` is the view that ``measures.png`` and
    ``blocs.png`` draw. A ``network_<view>.png`` of another view: "The <view> view".

    Examples
    --------
    >>> figure_caption("network_x.png")
    'The x view'
    >>> figure_caption("blocs.png", view="actors")
    'The blocs of the actors view and the ties between them'
    """
    if name in FIGURE_CAPTIONS:
        return FIGURE_CAPTIONS[name]
    if name.startswith("network_"):
        return f"The {name.removeprefix('network_').removesuffix('.png')} view"
    view_name = graph_name(result.view if result is not None else view)
    if name == "ego.png":
        return f"The focus, its contacts and their ties among themselves, in the {view_name}"
    if result is None:
        return {
            "measures.png": "Every actor's betweenness against its number of contacts in the "
            f"{view_name}",
            "blocs.png": f"The blocs of the {view_name} and the ties between them",
        }.get(name, name)
    tested = graph_name(result.view, tested=True)
    if name == "blocs.png":
        if sides_unjoined(result):
            return (
                f"No path joins the sides the claim names in the {tested}: their members, the "
                f"focus and the ties of the {view_name} that come closest (the test left them out)"
            )
        what = "the sides the claim names" if result.parameters.get("between") else "blocs"
        return (
            f"The share of shortest paths between {what} that run through the focus, in the "
            f"{tested}, with the number of pairs"
        )
    return {
        "measures.png": "Every actor's betweenness against its number of contacts in the "
        f"{tested}, with the null model's range for the focus",
        "null.png": f"Beyond degree: the focus's betweenness in the {tested} against its null "
        "model, from zero",
    }.get(name, name)


def summary_paragraph(
    result: ClaimResult, *, source: str = "text", world: Mapping | None = None
) -> str:
    """The report's first paragraph, as Markdown: the verdict, what decided it, the limits.

    It names the criteria that decided the verdict first (:func:`deciding_sentence`),
    then the other criteria of the rule in plain words. ``world``: the claim on
    each world layer (:func:`graph.world.world_claim`), whose verdicts close the
    paragraph.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.star_graph(6), 0, samples=9, progress=False)
    >>> print(summary_paragraph(r)[:80])
    **Not testable from this source.** Decided by Source design (fail): the source i
    """
    crit = {c.key: c for c in result.criteria}
    v = result.verdict
    facts = [deciding_sentence(result)]
    decided = set(deciding(result))
    if v != "not testable from this source":
        if "bridge" not in decided and crit["bridge"].testable:
            facts.append(bridge_fact(result, crit["bridge"]))
        for key in ("beyond_degree", "bloc_specificity"):
            c = crit[key]
            if key not in decided and c.testable:
                facts.append(null_fact(result, c))
    views = crit["robustness"].details.get("views") or {}
    differ = {k: x for k, x in views.items() if x != v}
    if differ:
        facts.append(
            "The verdict changes with the view: "
            + ", ".join(f"{x} in the {graph_name(k)}" for k, x in differ.items())
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
    return f"**{v.capitalize()}.** " + escape_markdown(" ".join(facts))


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
            f"{_count(inferred, 'tie was', 'ties were')} inferred by the coder rather than "
            "stated (see the codebook)."
        )
    t = result.tested
    if t.get("claim_ties"):
        out.append(
            f"{_count(len(t['claim_ties']), 'tie states', 'ties state')} the claim itself: "
            "left out of the test (a robustness variant puts them back)."
        )
    elif result.parameters.get("include_claim_ties"):
        out.append(
            "The claim's own ties were kept in the test, as asked: the test partly "
            "assumes its conclusion."
        )
    if t.get("conflict_ties"):
        out.append(
            f"{_count(len(t['conflict_ties']), 'conflictual tie was', 'conflictual ties were')} "
            "left out of paths and "
            "brokerage: a war is not a channel between its parties."
        )
    if t.get("places"):
        out.append(
            f"{_count(len(t['places']), 'place (region) was', 'places (regions) were')} left "
            "out: they are not actors."
        )
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


def _count(n: int, one: str, many: str) -> str:
    """A count with its words in the singular or the plural: "1 tie was", "2 ties were"."""
    return f"{n} {one if n == 1 else many}"


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


def _top_actors(
    result: ClaimResult, top: int, view_measures: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The most central actors of the tested graph, with their degree and betweenness in the view.

    Measure columns are named with their graph: "degree (actors view as tested)".
    """
    tested_name, view_name = graph_names(result)
    m = result.measures
    m = m[~m["type"].isin(list(schema.PLACE_TYPES))] if "type" in m else m
    order = m.assign(_label=m["label"].astype(str)).sort_values(
        ["betweenness", "degree", "_label"], ascending=[False, False, True]
    )
    attrs = [c for c in ("label", "type", "bloc") if c in m.columns]
    measured = [c for c in ("degree", "betweenness", "bloc_pair_betweenness") if c in m.columns]
    out = order[attrs + measured].head(top)
    out = out.rename(columns={c: f"{c} ({tested_name})" for c in measured})
    if view_measures is not None:
        for c in ("degree", "betweenness"):
            if c in view_measures.columns:
                out[f"{c} ({view_name})"] = view_measures[c].reindex(out.index)
    return out


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
    view_measures: pd.DataFrame | None = None,
    measures: Mapping[str, pd.DataFrame] | None = None,
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
    view_measures : DataFrame, optional
        The measures of the claim's view as built (``measures_<view>.csv``),
        set beside the tested graph's wherever the report gives the focus's
        numbers (:mod:`graph.report.tested`).
    measures : mapping of name -> DataFrame, optional
        Each view's measures table: the section on the views reads its counts of
        tied pairs and components from them instead of folding the views again.

    Returns
    -------
    str
    """
    out = _head(result, statement, paragraph, source, world)
    out += _tested_section(result, view_measures)
    out += _criteria_sections(result)
    out += _robustness_section(result)
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
            _table(views_frame(views, measures), index="view"),
            "",
        ]
    out += _central_section(result, top, view_measures)
    out += _brokerage_section(result)
    out += figures_markdown(figures)
    out += _closing(result, source, inferred, inputs, world)
    return "\n".join(out) + "\n"


def _head(result: ClaimResult, statement, paragraph, source, world) -> list[str]:
    """The verdict as the title, the summary, and the claim quoted."""
    label = escape_markdown(result.focus_label)
    out = [f"# Is {label} a bridge? {result.verdict.capitalize()}", ""]
    out += [summary_paragraph(result, source=source, world=world), ""]
    if statement:
        where = f" (paragraph {paragraph})" if paragraph else ""
        out += [f"> {escape_markdown(statement)}", "", f"The claim tested{where}.", ""]
    return out


def _tested_section(result: ClaimResult, view_measures) -> list[str]:
    """What was tested: the focus in its graph, the claim, the set-up, what was left out."""
    label = escape_markdown(result.focus_label)
    between = result.parameters.get("between_labels") or result.parameters.get("between")
    sides = (
        " and ".join(escape_markdown(str(b)) for b in between) if between else "every pair of blocs"
    )
    t = result.tested
    tested_name, view_name = graph_names(result)
    return [
        "## What was tested",
        "",
        f"- Focus: {label}, in the *{tested_name}*: the {view_name} without what is left out "
        f"below ({plural(int(t.get('nodes') or 0), 'actor')}, "
        f"{plural(int(t.get('edges') or 0), 'tie')}).",
        f"- {escape_markdown(focus_line(result, view_measures))}.",
        f"- The claim: {label} connects {sides}.",
        f"- Set-up: {escape_markdown(claim_setup(result))}.",
        f"- Left out: {plural(len(t.get('claim_ties', [])), 'tie')} that state the claim "
        f"itself, {plural(len(t.get('conflict_ties', [])), 'conflictual tie')}, "
        f"{plural(len(t.get('places', [])), 'place')}.",
        "",
    ]


def _criteria_sections(result: ClaimResult) -> list[str]:
    """The criteria that decide the verdict (a table and a line each), then the context."""

    def lines(deciding: bool) -> list[str]:
        return [
            f"- **{criterion_name(c.key)}** ({c.status}): "
            f"{escape_markdown(criterion_sentence(result, c))}"
            for c in result.criteria
            if (c.key in VERDICT_PART) == deciding
        ]

    out = ["## Criteria that decide the verdict", "", _criteria_table(result, VERDICT_PART), ""]
    out += lines(True)
    out += ["", "## Context and caveats (not part of the verdict)", ""]
    return out + lines(False) + [""]


def _robustness_section(result: ClaimResult) -> list[str]:
    """The whole test on each variant, one row each (nothing without variants)."""
    if result.variants.empty:
        return []
    v = variants_frame(result)
    shown = ("verdict", "bridge", "bloc_specificity", "beyond_degree", "brokerage", "betweenness")
    keep = [c for c in shown if c in v.columns]
    return [
        "## Robustness: the whole test on each variant",
        "",
        _table(v[keep], index="variant"),
        "",
    ]


def _central_section(result: ClaimResult, top: int, view_measures) -> list[str]:
    """Who is central in the tested graph, the view's numbers beside."""
    tested_name, view_name = graph_names(result)
    return [
        f"## Who is central ({tested_name}, places aside)",
        "",
        f"Ranked by betweenness in the {tested_name}, then by number of ties; actors with "
        f"equal values are tied. The columns named {view_name} give the same measures in the "
        f"{view_name} as built (its tables, figures, exports and explorer), with the claim's "
        f"own ties, conflicts and places in. measures\\_{result.view}.csv has every measure "
        f"of the {view_name} and, in columns ending \\_as\\_tested, these and constraint and "
        f"fragmentation in the {tested_name}.",
        "",
        _table(_top_actors(result, top, view_measures), index="actor"),
        "",
    ]


def _brokerage_section(result: ClaimResult) -> list[str]:
    """The focus's Gould-Fernandez roles, described (nothing without brokerage)."""
    if result.brokerage is None or result.focus not in result.brokerage.counts.index:
        return []
    br = result.brokerage
    roles = [c for c in br.counts.columns if c != "total"]
    tab = pd.DataFrame(
        {
            "observed": br.counts.loc[result.focus, roles],
            "expected if ties were random": br.expected.loc[result.focus, roles],
            "z": br.z.loc[result.focus, roles],
        }
    )
    return [
        f"## Brokerage roles of {escape_markdown(result.focus_label)} (description)",
        "",
        "Gould-Fernandez roles as R's sna::brokerage counts them (each pair of contacts "
        "twice, once each way); sna's expected counts assume random ties and ignore the "
        f"actor's number of ties, so they describe, not test. The test above compares "
        f"with {null_words(result.parameters.get('null', 'rewire'))}.",
        "",
        _table(tab, index="role"),
        "",
    ]


def _closing(result: ClaimResult, source, inferred, inputs, world) -> list[str]:
    """The glossary, the caveats, the inputs and the line that says what made the report."""
    terms = _TERMS + (WORLD_TERMS if world else [])
    out = ["## Glossary", "", glossary_markdown(terms), ""]
    out += (
        ["## Caveats", ""]
        + [f"- {escape_markdown(c)}" for c in caveats(result, source=source, inferred=inferred)]
        + [""]
    )
    if inputs:
        out += ["## Inputs", ""]
        out += [f"- {name}: {code_span(str(path))}" for name, path in inputs.items()]
        out.append("")
    out.append(
        f"Made by actor-graph {__version__}. The verdict rule is in the docstring of "
        "`graph.claims.assess_bridge_claim`."
    )
    return out
