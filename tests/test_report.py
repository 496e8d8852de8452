"""report.md / report.json / CSV output, and graph exports that round-trip."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import networkx as nx
import pandas as pd
import pytest

from graph import claims, formats, networks, report
from graph.report.text import criterion_name


def _norm(v):
    """Tuples and lists compare equal after a JSON round trip."""
    if isinstance(v, (list, tuple)):
        return [_norm(x) for x in v]
    if isinstance(v, Mapping):  # a dict, or a view's record of a direct tie
        return {str(k): _norm(x) for k, x in v.items()}
    return v


@pytest.fixture(scope="module")
def views(dataset):
    return networks.build_views(dataset)


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


# ---- one number per thing: every place names the graph its numbers are of ----

#: How every place says the focus's numbers in a graph (graph.report.tested.numbers_words).
_PHRASE = re.compile(
    r"(\d+) contacts?, betweenness ([0-9.e-]+) in the ((?:full|actors|states) view(?: as tested)?)"
)


def _said(text: str) -> list[tuple[str, int, str]]:
    return [(g, int(d), b) for d, b, g in _PHRASE.findall(text)]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    from graph import io, pipeline

    out = tmp_path_factory.mktemp("numbers") / "out"
    run = pipeline.run_analysis(
        io.load_dataset(),
        out,
        options=pipeline.ClaimOptions(samples=19, progress=False, robustness=False),
        world_options=None,
    )
    return run, out


def _png_titles(out) -> dict[str, str]:
    from PIL import Image

    titles = {}
    for p in sorted(out.glob("*.png")):
        with Image.open(p) as im:
            titles[p.name] = im.info.get("Title", "")
    return titles


@pytest.mark.slow
def test_every_number_named_after_a_graph_is_the_same_everywhere(analysed):
    """report.md, report.json, the CSVs, the figures' titles and the explorer agree, per graph."""
    run, out = analysed
    r = run.result
    tested, view = f"{r.view} view as tested", f"{r.view} view"
    found: dict[str, list[tuple[str, int, str]]] = {}  # graph name -> (place, degree, betweenness)

    def add(place, graph, degree, betweenness):
        found.setdefault(graph, []).append((place, int(degree), formats.fmt(betweenness)))

    md = (out / "report.md").read_text(encoding="utf-8")
    for g, d, b in _said(md):
        add("report.md", g, d, float(b))
    table = md.split("## Who is central")[1].split("\n\n")[2].splitlines()
    head = [c.strip() for c in table[0].strip("|").split("|")]
    row = next(x for x in table if x.startswith(f"| {r.focus} |"))
    cells = dict(zip(head, [c.strip() for c in row.strip("|").split("|")], strict=True))
    for g in (tested, view):
        add("report.md table", g, cells[f"degree ({g})"], float(cells[f"betweenness ({g})"]))
    js = json.loads((out / "report.json").read_text(encoding="utf-8"))
    for g, nums in js["claim"]["focus_numbers"].items():
        add("report.json", g, nums["degree"], nums["betweenness"])
    m = pd.read_csv(out / f"measures_{r.view}.csv", index_col="actor")
    c = pd.read_csv(out / "centrality.csv", index_col=["view", "actor"]).loc[r.view]
    for place, t in ((f"measures_{r.view}.csv", m), ("centrality.csv", c)):
        add(place, view, t.at[r.focus, "degree"], t.at[r.focus, "betweenness"])
        add(
            place, tested, t.at[r.focus, "degree_as_tested"], t.at[r.focus, "betweenness_as_tested"]
        )
    titles = _png_titles(out)
    for name, title in titles.items():
        for g, d, b in _said(title):
            add(name, g, d, float(b))
    ego = re.search(r"Ego network of .* in the (\w+ view): its (\d+) contacts", titles["ego.png"])
    ego_view = next(x for p, x, _ in found[ego.group(1)] if p.endswith(".csv"))
    assert int(ego.group(2)) == ego_view
    page = (out / "network.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="explorer-data">(.*?)</script>', page, re.S).group(1))
    for g, d, b in _said(data["headline"]["numbers"]):
        add("network.html headline", g, d, float(b))
    shown = next(v for v in data["views"] if v["name"] == r.view)
    node = next(n for n in shown["nodes"] if n["id"] == r.focus)
    value = dict(zip(shown["measures"], node["m"], strict=True))
    add("network.html panel", view, value["degree"], value["betweenness"])
    add("network.html panel", tested, value["degree_as_tested"], value["betweenness_as_tested"])

    assert set(found) == {tested, view}
    for g, seen in found.items():
        assert len({(d, b) for _, d, b in seen}) == 1, (g, seen)
    places = {g: {p.split(" ")[0] for p, *_ in seen} for g, seen in found.items()}
    for g in (tested, view):  # each graph's numbers are met in every kind of place
        assert {"report.md", "report.json", "centrality.csv", "network.html"} <= places[g], g
        assert any(p.endswith(".png") for p in places[g]), g
    assert found[tested][0][1:] != found[view][0][1:]  # the two graphs differ here


@pytest.mark.slow
def test_results_get_their_rich_display_from_the_report_package(result):
    """Results import no words: an IPython shell gets their forms from graph.report."""
    taken: dict = {}

    class Formatter:
        def __init__(self, kind):
            self.kind = kind

        def for_type(self, cls, func):
            taken[(self.kind, cls)] = func

    class Shell:
        class display_formatter:  # IPython's attribute name
            formatters = {
                "text/plain": Formatter("text/plain"),
                "text/html": Formatter("text/html"),
            }

    assert report.register_display(Shell()) is True
    assert report.register_display(None) is False
    html = taken[("text/html", claims.ClaimResult)](result)
    assert html == report.claim_result_html(result)
    printed = []

    class Printer:
        def text(self, s):
            printed.append(s)

    taken[("text/plain", claims.ClaimResult)](result, Printer(), False)
    assert printed == [report.claim_result_repr(result)]
    assert len(taken) == 6
    import subprocess
    import sys

    code = "import sys, graph.claims; print(any(m.startswith('graph.report') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_results_hold_reason_codes_and_the_report_says_them():
    star = nx.star_graph(6)
    nx.set_node_attributes(star, {n: "AB"[n % 2] for n in star}, "bloc")
    r = claims.assess_bridge_claim(star, 0, samples=19, robustness=False, progress=False)
    test = r.nulls["beyond_degree"]
    assert (test.testable, test.reason, test.why) == (False, "one_realization", {})
    assert r.criterion("beyond_degree").details["reason"] == "one_realization"
    data = report.claim_data(r)
    words = report.null_reason_words(test)
    assert words.startswith("no double-edge swap is possible")
    assert data["null_tests"]["beyond_degree"]["reason"] == words
    assert "why" not in data["null_tests"]["beyond_degree"]
    beyond = next(c for c in data["criteria"] if c["key"] == "beyond_degree")
    assert beyond["details"]["reason"] == words
    assert beyond["sentence"] == f"Not testable: {words}."


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_views_table_from_the_measures_counts_what_folding_counts(views, seed):
    """The section on the views reads pairs and components from the measures tables.

    On the shipped views and on random multigraphs with loops, isolates and reciprocal
    ties, the counts read from each table equal the ones folded from the view.
    """
    import random

    from graph.measures import actor_measures
    from graph.report.overview import views_frame

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.add_nodes_from(range(40))
    for _ in range(60):
        u, v = rng.randrange(30), rng.randrange(30)  # 30-39 stay isolated
        G.add_edge(u, v, weight=rng.choice([1.0, 2.0, 3.5]))
    graphs = {**views, "random": G}
    measures = {name: actor_measures(H) for name, H in graphs.items()}
    assert all({"pairs", "components"} <= m.attrs.keys() for m in measures.values())
    read, folded = views_frame(graphs, measures), views_frame(graphs)
    pd.testing.assert_frame_equal(read, folded)
    assert read.loc["random", "components"] >= 10  # the isolates count, one each
