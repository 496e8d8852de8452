"""The results as HTML, for Jupyter (registered as their rich display by graph.report.display).

Examples
--------
>>> import networkx as nx
>>> from graph.nulls import null_test
>>> t = null_test(nx.path_graph(6), ("betweenness", 2), samples=20, progress=False)
>>> null_test_html(t).startswith("<table>")
True
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from graph.brokerage import COLUMNS
from graph.formats import fmt, pct
from graph.report.text import (
    brokerage_summary,
    claim_setup,
    criterion_record,
    null_reason_words,
    null_test_title,
    verdict_sentence,
)

if TYPE_CHECKING:
    from graph.brokerage import BrokerageResult
    from graph.claims import ClaimResult
    from graph.nulls import NullTest

__all__ = ["claim_result_html", "null_test_html", "brokerage_html"]

_LEFT = "text-align:left;vertical-align:top"
_RIGHT = "text-align:right;vertical-align:top"


def claim_result_html(result: ClaimResult) -> str:
    """A claim result as an HTML paragraph and criteria table."""
    mark = {"pass": "\u2713 ", "fail": "\u2717 "}

    def row(c) -> str:
        r = criterion_record(result, c)
        status = mark.get(c.status, "") + c.status
        reading = html.escape(r["sentence"])
        if not r["in_verdict"]:
            reading += " <i>(Context: not part of the verdict.)</i>"
        effect = "-" if c.effect is None else pct(c.effect)
        return (
            "<tr>"
            f"<td style='{_LEFT}' title='{html.escape(r['measures'], quote=True)}'>"
            f"{html.escape(r['name'])}</td>"
            f"<td style='{_RIGHT}'>{html.escape(fmt(c.observed))}</td>"
            f"<td style='{_LEFT}'>{html.escape(r['compared_with'])}</td>"
            f"<td style='{_RIGHT}'>{html.escape(effect)}</td>"
            f"<td style='{_RIGHT}'>{html.escape(fmt(c.p_value))}</td>"
            f"<td style='{_LEFT};white-space:nowrap'><b>{html.escape(status)}</b></td>"
            f"<td style='{_LEFT}'>{reading}</td>"
            "</tr>"
        )

    names = ("criterion", "observed", "compared with", "effect", "p", "result", "reading")
    head = "".join(
        f"<th style='{_RIGHT if h in ('observed', 'effect', 'p') else _LEFT}'>{h}</th>"
        for h in names
    )
    return (
        f"<p><b>{html.escape(result.focus_label)}</b> as a bridge in the "
        f"<i>{html.escape(result.view)}</i> view: <b>{html.escape(result.verdict)}</b>. "
        f"{html.escape(verdict_sentence(result))}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>"
        + "".join(row(c) for c in result.criteria)
        + "</tbody></table>"
        f"<p><small>{html.escape(claim_setup(result))}. Hover over a criterion for what it "
        "measures; <code>report.criteria_frame(result)</code> gives the table as data.</small></p>"
    )


def null_test_html(test: NullTest) -> str:
    """A null test as an HTML table of its numbers."""
    rows = [
        ("statistic", null_test_title(test)),
        ("observed", f"{test.observed:.6g}"),
        ("null mean (sd)", f"{test.mean:.6g} ({test.sd:.3g})"),
        ("z", f"{test.z:.3g}"),
        ("p-value", f"{test.p_value:.4g} ({test.alternative})"),
        ("samples", f"{test.n}" + (" (stopped early)" if test.stopped_early else "")),
        ("seed", str(test.seed)),
        ("significant", f"{test.significant} at alpha={test.alpha:g}"),
    ]
    if not test.testable:
        rows.append(("not testable", null_reason_words(test)))
    body = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
        f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table>{body}</table>"


def brokerage_html(result: BrokerageResult) -> str:
    """A brokerage result as an HTML table: count, expected, z (and p) per role."""
    tables = {"count": result.counts, "expected": result.expected, "z": result.z}
    if result.p_value is not None:
        tables["p"] = result.p_value
    wide = pd.concat(tables, axis=1).swaplevel(axis=1)
    wide = wide.reindex(columns=pd.MultiIndex.from_product([COLUMNS, list(tables)]))
    table = wide.to_html(float_format=lambda x: f"{x:.3g}", na_rep="–", max_rows=60)
    return f"<p><b>{html.escape(brokerage_summary(result))}</b></p>\n{table}"
