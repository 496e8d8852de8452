"""report.md: the claim test written up for a reader, in Markdown.

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

from graph import __version__
from graph.claims import ClaimResult
from graph.files import code_span, escape_markdown
from graph.report.numbers import fmt
from graph.report.text import (
    blocs_source_words,
    criteria_frame,
    criterion_sentence,
    variants_frame,
    verdict_sentence,
)

__all__ = ["CAVEATS", "FIGURE_CAPTIONS", "figure_caption", "report_markdown"]

#: Caveats every report states.
CAVEATS: tuple[str, ...] = (
    "The network is one author's framing: it holds the ties the text states, not the ties "
    "that exist in the world. An actor the text ignores is absent, however central it is.",
    "A text written about one actor draws a star around it; high degree and betweenness of "
    "that actor are partly a product of what the author chose to mention (see framing bias).",
    "Blocs are the coder's grouping; the robustness criterion reruns the test with blocs "
    "detected from structure.",
    "Ties marked 'inferred' were added by the coder; they are few and listed in the codebook.",
    "Small networks give coarse null distributions; p-values are Monte Carlo estimates with "
    "the stated number of samples and seed.",
)

#: The caption of each figure file the pipeline writes.
FIGURE_CAPTIONS: dict[str, str] = {
    "network_full.png": "Every coded tie (full view)",
    "network_states.png": "States view: leaders folded into their states, events folded away",
    "measures.png": "Betweenness, top actors",
    "null.png": "Beyond degree: the focus's betweenness against degree-preserving rewirings",
    "blocs.png": "Blocs, ties between them, and the share of paths through the focus",
    "ego.png": "The focus and its neighbours",
}


def figure_caption(name: str) -> str:
    """The caption of a figure file ("network_<view>.png" of another view: "The <view> view").

    Examples
    --------
    >>> figure_caption("network_actors.png")
    'The actors view'
    """
    if name in FIGURE_CAPTIONS:
        return FIGURE_CAPTIONS[name]
    return f"The {name.removeprefix('network_').removesuffix('.png')} view"


_TOP_COLUMNS = [
    "label",
    "type",
    "bloc",
    "degree",
    "betweenness",
    "bloc_pair_betweenness",
    "constraint",
    "fragmentation",
]


def _cell(v) -> str:
    return fmt(v) if not isinstance(v, str) else escape_markdown(v)


def _table(df: pd.DataFrame, *, index: str | None = None) -> str:
    cols = ([index] if index else []) + [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for idx, row in df.iterrows():
        cells = ([_cell(idx)] if index else []) + [_cell(v) for v in row.tolist()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report_markdown(
    result: ClaimResult,
    *,
    statement: str | None = None,
    paragraph: int | None = None,
    figures: Mapping[str, str] | None = None,
    inputs: Mapping[str, str] | None = None,
    top: int = 10,
) -> str:
    """The report as Markdown: verdict first, criteria, top actors, caveats.

    Parameters
    ----------
    result : ClaimResult
    statement : str, optional
        The text's claim, quoted verbatim; ``paragraph`` its number.
    figures : mapping of caption -> relative path, optional
        PNGs to show.
    inputs : mapping of name -> path, optional
        Input files, listed with their checksums from ``result``.
    top : int, default 10
        Rows of the top-actors table.

    Returns
    -------
    str

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.claims import assess_bridge_claim
    >>> r = assess_bridge_claim(nx.path_graph(5), 2, samples=19, progress=False)
    >>> "## Criteria" in report_markdown(r)
    True
    """
    out = [
        f"# Is {escape_markdown(result.focus_label)} a bridge? {result.verdict.capitalize()}",
        "",
    ]
    if statement:
        where = f" (paragraph {paragraph})" if paragraph else ""
        out += [f"> {escape_markdown(statement)}", "", f"The claim tested{where}.", ""]
    out += [
        f"**Verdict: {result.verdict}** in the *{result.view}* view. "
        f"{escape_markdown(verdict_sentence(result))}",
        "",
    ]
    framing = next((c for c in result.criteria if c.key == "framing"), None)
    if framing is not None and framing.status == "fail":
        out += [
            f"**Caveat:** {escape_markdown(criterion_sentence(result, framing))} The verdict "
            "says whether the "
            "source's own ties bear the claim out; a source written about one actor places it "
            "between the others it mentions, so this is a check of the source's internal "
            "consistency, not of the claim in the world.",
            "",
        ]
    out += [
        "## Criteria",
        "",
    ]
    crit = criteria_frame(result)[["name", "observed", "reference", "status", "sentence"]]
    crit.columns = ["criterion", "observed", "reference", "status", "reading"]
    out += [_table(crit.set_index("criterion"), index="criterion"), ""]
    p = result.parameters
    out += [
        f"Blocs: {blocs_source_words(result)}. Null model: {p.get('null')}, "
        f"{p.get('samples_drawn')} samples drawn (at most {p.get('samples')}"
        f"{', sequential stopping' if p.get('sequential') else ''}), seed {p.get('seed')}, "
        f"alpha {p.get('alpha')}. The verdict rule is in the docstring of "
        "`graph.claims.assess_bridge_claim`.",
        "",
    ]
    m = result.measures
    cols = [c for c in _TOP_COLUMNS if c in m.columns]
    top_df = m.sort_values("betweenness", ascending=False)[cols].head(top)
    out += [
        f"## Top actors by betweenness ({result.view} view)",
        "",
        _table(top_df, index="actor"),
        "",
    ]
    if result.brokerage is not None and result.focus in result.brokerage.counts.index:
        br = result.brokerage
        roles = [c for c in br.counts.columns if c != "total"]
        tab = pd.DataFrame(
            {
                "observed": br.counts.loc[result.focus, roles],
                "expected": br.expected.loc[result.focus, roles],
                "z": br.z.loc[result.focus, roles],
            }
        )
        out += [
            f"## Brokerage roles of {escape_markdown(result.focus_label)} (Gould-Fernandez)",
            "",
            _table(tab, index="role"),
            "",
        ]
    if result.variants is not None and not result.variants.empty:
        v = variants_frame(result)
        keep = [
            c
            for c in (
                "betweenness",
                "rank",
                "rank_pass",
                "bridge_pass",
                "brokerage_pass",
                "claim_holds",
            )
            if c in v.columns
        ]
        out += ["## Robustness", "", _table(v[keep], index="variant"), ""]
    if figures:
        out += ["## Figures", ""]
        for caption, path in figures.items():
            out += [
                f"![{escape_markdown(caption)}]({path})",
                "",
                f"*{escape_markdown(caption)}*",
                "",
            ]
    out += ["## Caveats", ""] + [f"- {c}" for c in CAVEATS] + [""]
    if inputs:
        out += ["## Inputs", ""]
        for name, path in inputs.items():
            out.append(f"- {name}: {code_span(str(path))}")
        out.append("")
    out.append(f"Made by actor-graph {__version__}.")
    return "\n".join(out) + "\n"
