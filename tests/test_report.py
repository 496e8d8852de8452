"""report.md / report.json / CSV output, and graph exports that round-trip."""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest

from graph import build, claims, report
from graph.report.text import criterion_name


def _norm(v):
    """Tuples and lists compare equal after a JSON round trip."""
    if isinstance(v, (list, tuple)):
        return [_norm(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _norm(x) for k, x in v.items()}
    return v


@pytest.fixture(scope="module")
def views(dataset):
    return build.build_views(dataset)


@pytest.fixture(scope="module")
def result(views):
    return claims.assess_bridge_claim(
        views["states"], "azerbaijan", samples=99, seed=0, progress=False
    )


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
@pytest.mark.parametrize("name", ["full", "actors", "states"])
def test_export_round_trip(views, tmp_path, name, fmt):
    """A view as built (no measures added) comes back whole; Pajek: see test_export.py."""
    G = views[name]
    H = report.read_graph(report.export_graph(G, tmp_path / f"g.{fmt}"))
    assert set(map(str, H.nodes)) == set(map(str, G.nodes))
    for n, d in G.nodes(data=True):
        got = {k: _norm(v) for k, v in H.nodes[str(n)].items()}
        assert {k: got[k] for k in d} == _norm(d)
    assert H.number_of_edges() == G.number_of_edges()
    if fmt != "gexf":  # GEXF keeps only the graph's name
        assert {k: _norm(H.graph[k]) for k in G.graph} == _norm(G.graph)
    if G.is_multigraph():
        got = {int(d["tie"]): _norm(d) for *_, d in H.edges(data=True)}
        want = {int(d["tie"]): _norm(d) for *_, d in G.edges(data=True)}
    else:
        got = {frozenset(map(str, (u, v))): _norm(d) for u, v, d in H.edges(data=True)}
        want = {frozenset(map(str, (u, v))): _norm(d) for u, v, d in G.edges(data=True)}
    for key, d in want.items():
        extra = {k: v for k, v in got[key].items() if k not in d}
        assert {k: got[key][k] for k in d} == d
        assert set(extra) <= {"id", "key"}  # GEXF adds edge ids


def test_graphml_opens_in_igraph(views, tmp_path):
    ig = pytest.importorskip("igraph")
    p = report.export_graph(views["states"], tmp_path / "s.graphml")
    g = ig.Graph.Read_GraphML(str(p))
    assert g.vcount() == views["states"].number_of_nodes()
    assert g.ecount() == views["states"].number_of_edges()
    assert {"label", "bloc", "type"} <= set(g.vs.attributes())
    quotes = json.loads(g.es[0]["evidence" + report.JSON_SUFFIX])
    assert isinstance(quotes, list)
    assert quotes


def test_unknown_export_format(views, tmp_path):
    with pytest.raises(ValueError, match="unknown export format 'dot'"):
        report.export_graph(views["states"], tmp_path / "g.dot")


def test_markdown_verdict_first_and_caveats(result):
    md = report.report_markdown(result, statement="It is a bridge.", paragraph=6)
    lines = md.splitlines()
    assert lines[0].startswith("# Is Azerbaijan a bridge? ")
    assert lines[2].startswith(f"**{result.verdict.capitalize()}.**")
    assert "> It is a bridge." in md
    assert md.index("## What was tested") < md.index("## Criteria") < md.index("## Caveats")
    for c in report.caveats(result):
        assert c.replace("_", "\\_") in md or c in md
    for c in result.criteria:
        assert f"**{criterion_name(c.key)}**" in md
    assert "## Glossary" in md


def test_caveats_follow_the_data_and_the_run(result):
    text = report.caveats(result, source="text", inferred=2)
    events = report.caveats(result, source="events", inferred=0)
    assert any("the text records" in c for c in text)
    assert any("the event data records" in c for c in events)
    assert any("2 ties were inferred" in c for c in text)
    assert not any("inferred" in c for c in events)
    detected = claims.assess_bridge_claim(
        nx.florentine_families_graph(), "Medici", samples=19, progress=False
    )
    assert any("detected" in c for c in report.caveats(detected))


def test_markdown_escapes_data(result):
    nasty = claims.ClaimResult(**{**result.__dict__, "focus_label": "A|B <script>"})
    md = report.report_markdown(nasty)
    assert "A\\|B &lt;script&gt;" in md
    assert "<script>" not in md


def test_json_has_everything(result):
    js = report.report_json(
        result, inputs={"edges": "data/edges.csv"}, checksums={"edges": "ab" * 32}
    )
    text = json.dumps(js)  # serializable
    assert "NaN" not in text
    assert js["claim"]["verdict"] == result.verdict
    assert [c["key"] for c in js["claim"]["criteria"]] == list(claims.CRITERIA)
    assert js["claim"]["null_tests"]["beyond_degree"]["seed"] == 0
    assert js["claim"]["summary"].startswith("**")
    assert js["claim"]["glossary"]["betweenness"]
    assert js["inputs"]["edges"]["sha256"] == "ab" * 32
    assert js["versions"]["networkx"] == nx.__version__


def test_measures_csv_is_formula_safe(tmp_path):
    df = pd.DataFrame(
        {"label": ["=HYPERLINK(1)", "ok"], "betweenness": [-0.5, 1.0]},
        index=pd.Index(["a", "b"], name="actor"),
    )
    (p,) = report.write_measures({"v": df}, tmp_path)
    back = pd.read_csv(p, index_col="actor")
    assert back.loc["a", "label"] == "'=HYPERLINK(1)"
    assert back.loc["a", "betweenness"] == -0.5


def test_write_report_is_deterministic(result, tmp_path):
    a = report.write_report(result, tmp_path / "a")
    b = report.write_report(result, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_ego_network_is_said_first():
    r = claims.assess_bridge_claim(nx.star_graph(8), 0, samples=19, progress=False)
    first = report.report_markdown(r).splitlines()[2]
    assert "ego network" in first
    assert "cannot show whether it is a bridge in the world" in first


def test_gexf_bytes_do_not_depend_on_the_day(views, tmp_path, monkeypatch):
    import networkx.readwrite.gexf as gexf

    first = report.export_graph(views["states"], tmp_path / "a.gexf").read_bytes()
    monkeypatch.setattr(gexf.time, "strftime", lambda *_: "1999-12-31")
    second = report.export_graph(views["states"], tmp_path / "b.gexf").read_bytes()
    assert first == second
    assert b"lastmodifieddate" not in first
    assert b"<creator>" in first  # the rest of <meta> is kept
    assert report.read_graph(tmp_path / "b.gexf").number_of_nodes() == len(views["states"])
