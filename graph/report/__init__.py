"""Words and files for people: report.md, report.json, measure tables, graph exports.

Nothing here computes a measure: it formats results made elsewhere.

- :mod:`graph.formats` (beside it): the one number formatter, shared with the figures;
- :mod:`~graph.report.text`: every sentence about a result, their printed forms and
  tables (``criteria_frame``, ``variants_frame``);
- :mod:`~graph.report.verdict`: the criteria that decided a verdict, said first;
- :mod:`~graph.report.html`: the results in HTML, for Jupyter;
- :mod:`~graph.report.display`: the results' rich display, registered with IPython when
  this package is imported there;
- :mod:`~graph.report.markdown`: ``report.md``;
- :mod:`~graph.report.glossary`: every term the report uses, in plain words;
- :mod:`~graph.report.document`: ``report.json`` and the measure tables;
- :mod:`~graph.report.attributes`: what exports carry: measures, the figure's drawing,
  relation counts, dates as spells, the two-mode actor-event graph;
- :mod:`~graph.report.export`: GraphML, GEXF, node-link JSON, CSV for R, Pajek;
- :mod:`~graph.report.explorer`: ``network.html``, the interactive explorer (also in Jupyter);
- :mod:`~graph.report.world`: the section "The claim in the world" and its tables;
- :mod:`~graph.report.overview`: the report of a network with no claim to test;
- :mod:`~graph.report.tested`: the view and the graph its claim was tested on, one
  name each, their numbers side by side.

Every file is written atomically; text that came from the data is escaped in
Markdown and neutralized in CSV (spreadsheet formula injection).

Examples
--------
>>> import networkx as nx
>>> from graph.claims import assess_bridge_claim
>>> r = assess_bridge_claim(nx.florentine_families_graph(), "Pazzi", samples=99, progress=False)
>>> report_markdown(r).splitlines()[0]
'# Is Pazzi a bridge? Not supported'
"""

from graph.jsondata import jsonable
from graph.report.attributes import annotate, node_drawing, tie_table, two_mode
from graph.report.display import register_display
from graph.report.document import (
    claim_data,
    report_json,
    write_measures,
    write_overview,
    write_report,
)
from graph.report.explorer import (
    Explorer,
    explorer_claim,
    explorer_html,
    explorer_no_claim,
    network_explorer,
    view_drawings,
    write_explorer,
    write_views_explorer,
)
from graph.report.export import (
    EXPORT_FORMATS,
    GRAPH_FORMATS,
    JSON_SUFFIX,
    clean_text,
    export_graph,
    export_tables,
    read_graph,
    write_network_files,
)
from graph.report.glossary import GLOSSARY
from graph.report.html import brokerage_html, claim_result_html, null_test_html
from graph.report.markdown import FIGURE_CAPTIONS, caveats, figure_caption, report_markdown
from graph.report.overview import NO_CLAIM, nodes_out_words, views_frame
from graph.report.tested import (
    TESTED_SUFFIX,
    focus_line,
    focus_numbers,
    note_as_tested,
    with_tested,
)
from graph.report.text import (
    brokerage_repr,
    claim_result_repr,
    criteria_frame,
    null_reason_words,
    null_test_repr,
    reason_words,
    variants_frame,
)
from graph.report.world import (
    LAYER_NAMES,
    world_data,
    world_headline,
    world_markdown,
    world_summary,
    world_tables,
    write_world_tables,
    years_words,
)
from graph.report.worldwords import KIND_SHORT

__all__ = [
    "KIND_SHORT",
    "GLOSSARY",
    "caveats",
    "FIGURE_CAPTIONS",
    "figure_caption",
    "EXPORT_FORMATS",
    "JSON_SUFFIX",
    "claim_data",
    "report_markdown",
    "report_json",
    "write_report",
    "write_measures",
    "export_graph",
    "export_tables",
    "clean_text",
    "read_graph",
    "GRAPH_FORMATS",
    "write_network_files",
    "annotate",
    "node_drawing",
    "tie_table",
    "two_mode",
    "Explorer",
    "explorer_html",
    "network_explorer",
    "write_explorer",
    "view_drawings",
    "write_views_explorer",
    "explorer_claim",
    "explorer_no_claim",
    "jsonable",
    "write_overview",
    "NO_CLAIM",
    "nodes_out_words",
    "views_frame",
    "TESTED_SUFFIX",
    "with_tested",
    "focus_numbers",
    "focus_line",
    "note_as_tested",
    "LAYER_NAMES",
    "years_words",
    "world_data",
    "world_headline",
    "world_markdown",
    "world_summary",
    "world_tables",
    "write_world_tables",
    "criteria_frame",
    "variants_frame",
    "claim_result_repr",
    "null_test_repr",
    "brokerage_repr",
    "claim_result_html",
    "null_test_html",
    "brokerage_html",
    "register_display",
    "reason_words",
    "null_reason_words",
]

register_display()  # in a notebook: results shown as this package writes them
