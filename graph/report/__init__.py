"""Words and files for people: report.md, report.json, measure tables, graph exports.

Nothing here computes a measure: it formats results made elsewhere.

- :mod:`~graph.report.numbers`: the one number formatter and JSON sanitizer;
- :mod:`~graph.report.text`: every sentence about a result, and their ``repr``;
- :mod:`~graph.report.html`: the results in HTML, for Jupyter;
- :mod:`~graph.report.markdown`: ``report.md``;
- :mod:`~graph.report.glossary`: every term the report uses, in plain words;
- :mod:`~graph.report.document`: ``report.json`` and the measure tables;
- :mod:`~graph.report.export`: GraphML, GEXF and node-link JSON.

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

from graph.report.document import claim_data, report_json, write_measures, write_report
from graph.report.export import EXPORT_FORMATS, JSON_SUFFIX, export_graph, read_graph
from graph.report.glossary import GLOSSARY
from graph.report.markdown import FIGURE_CAPTIONS, caveats, figure_caption, report_markdown

__all__ = [
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
    "read_graph",
]
