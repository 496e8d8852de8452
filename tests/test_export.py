"""Exports that carry the analysis: every file read back with every node, tie and attribute."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from graph import networks, plot, report, schema
from graph.measures import actor_measures
from graph.plot.canvas import marker_geometry
from graph.plot.style import node_type
from graph.report.attributes import DRAWING_COLUMNS, date_spell, drawing_palette, tie_table

FOCUS = "azerbaijan"
NAMES = ("full", "actors", "states", "two_mode")
DRAWING = set(DRAWING_COLUMNS)


@pytest.fixture(scope="module")
def views(dataset):
    return networks.build_views(dataset)


@pytest.fixture(scope="module")
def measures(views):
    return {name: actor_measures(G) for name, G in views.items()}


@pytest.fixture(scope="module")
def annotated(views, measures):
    """What the files should hold, built as write_network_files builds it."""
    ties = tie_table(views["full"])
    colours = {"palette": drawing_palette(*views.values())}  # one bloc colour over every view
    out = {
        name: report.annotate(G, measures[name], seed=0, focus=FOCUS, ties=ties, **colours)
        for name, G in views.items()
    }
    B = report.two_mode(views["full"])
    degree = pd.DataFrame({"degree": dict(B.degree())}, index=list(B), dtype="int64")
    out["two_mode"] = report.annotate(
        B, degree, seed=0, focus=FOCUS, ties=ties, size_by=None, **colours
    )
    return out


@pytest.fixture(scope="module")
def written(views, measures, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    paths = report.write_network_files(views, measures, folder, focus=FOCUS, seed=0)
    return folder, paths


def _norm(v):
    """Tuples and lists compare equal after a round trip; floats to 9 digits."""
    if isinstance(v, list | tuple):
        return [_norm(x) for x in v]
    if isinstance(v, Mapping):  # a dict, or a view's record of a direct tie
        return {str(k): _norm(x) for k, x in v.items()}
    if isinstance(v, float):
        return round(v, 9)
    if isinstance(v, np.generic):
        return _norm(v.item())
    return v


def test_every_format_of_every_view_is_written(written):
    folder, paths = written
    names = {p.name for p in paths}
    for name in NAMES:
        for suffix in ("graphml", "gexf", "json", "net"):
            assert f"network_{name}.{suffix}" in names
        assert f"network_{name}_edges.csv" in names
        assert f"network_{name}_vertices.csv" in names
    assert "network.html" in names
    assert all(p.parent == folder and p.is_file() for p in paths)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
@pytest.mark.parametrize("name", NAMES)
def test_graph_files_read_back_whole(written, annotated, name, fmt):
    folder, _ = written
    want = annotated[name]
    got = report.read_graph(folder / f"network_{name}.{fmt}")
    assert set(map(str, got.nodes)) == set(map(str, want.nodes))
    for n, d in want.nodes(data=True):
        g = dict(got.nodes[str(n)])
        if fmt == "gexf":  # the drawing is in viz
            viz = g.pop("viz")
            assert viz["position"]["x"] == pytest.approx(d["x"])
            assert viz["position"]["y"] == pytest.approx(d["y"])
            assert viz["size"] == pytest.approx(d["size"])
            rgb = (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"])
            assert "#{:02X}{:02X}{:02X}".format(*rgb) == d["color"].upper()
            d = {k: v for k, v in d.items() if k not in DRAWING - {"marker"}}
        assert {k: _norm(g.get(k)) for k in d} == {k: _norm(v) for k, v in d.items()}
    assert got.number_of_edges() == want.number_of_edges()
    if want.is_multigraph():
        got_e = {int(d["tie"]): d for *_, d in got.edges(data=True)}
        want_e = {int(d["tie"]): d for *_, d in want.edges(data=True)}
    else:
        got_e = {frozenset(map(str, (u, v))): d for u, v, d in got.edges(data=True)}
        want_e = {frozenset(map(str, (u, v))): d for u, v, d in want.edges(data=True)}
    assert set(got_e) == set(want_e)
    for key, d in want_e.items():
        g = dict(got_e[key])
        if fmt == "gexf":  # edge viz: networkx does not read it (checked in the XML below)
            d = {k: v for k, v in d.items() if k not in ("color", "width")}
        assert {k: _norm(g.get(k)) for k in d} == {k: _norm(v) for k, v in d.items()}


def test_measures_and_positions_are_node_attributes(annotated, measures):
    for name in ("full", "actors", "states"):
        H = annotated[name]
        for n, row in measures[name].iterrows():
            for col, value in row.items():
                if isinstance(value, float) and math.isnan(value):
                    assert col not in H.nodes[n] or col in ("label", "type", "bloc")
                elif col not in ("label", "type", "bloc"):
                    assert H.nodes[n][col] == pytest.approx(value)
            assert DRAWING <= set(H.nodes[n])
        assert [n for n, f in H.nodes(data="focus") if f] == [FOCUS]


@pytest.mark.parametrize("name", ["full", "states"])
def test_drawing_is_the_figures(views, measures, annotated, name):
    """Positions, marker areas and colours are those of the network figure the pipeline draws."""
    palette = plot.bloc_palette(*views.values())  # as figures_for colours every view
    ax = plot.draw_network(
        views[name], measures=measures[name], focus=FOCUS, seed=0, palette=palette
    )
    try:
        H = annotated[name]
        drawn = {}
        for coll in ax.collections:
            gid = coll.get_gid() or ""
            if not gid.startswith("nodes:"):
                continue
            t = gid.split(":", 1)[1]
            nodes = [n for n in H if node_type(H, n) == t]
            for n, xy, s, fc in zip(
                nodes, coll.get_offsets(), coll.get_sizes(), coll.get_facecolors(), strict=True
            ):
                drawn[n] = (np.asarray(xy, dtype=float), float(s), to_hex(fc).upper())
        assert set(drawn) == set(H)
        raw = np.array([drawn[n][0] for n in H])
        span = max(np.ptp(raw[:, 0]), np.ptp(raw[:, 1]))
        scale = plot.figure_size_for(H)[0] * 72.0 / span
        expected = (raw - raw.min(axis=0)) * scale
        got = np.array([[H.nodes[n]["x"], H.nodes[n]["y"]] for n in H])
        np.testing.assert_allclose(got, expected, atol=0.006)
        for n, (_, s, color) in drawn.items():
            d = H.nodes[n]
            area_factor = marker_geometry(d["marker"])[0]
            assert d["size"] ** 2 * area_factor == pytest.approx(s, rel=1e-3)
            assert d["color"].upper() == color
    finally:
        plt.close(ax.figure)


def test_folded_edges_count_their_relations(dataset, annotated):
    relation = dict(zip(dataset.edges["tie"], dataset.edges["relation"], strict=True))
    for name in ("actors", "states"):
        H = annotated[name]
        present = {relation[t] for *_, ts in H.edges(data="ties") for t in ts}
        for *_, d in H.edges(data=True):
            counts = Counter(relation[t] for t in d["ties"])
            assert d["n_ties"] == len(d["ties"])
            assert d["relation_types"] == ";".join(sorted(counts))
            assert {r: d[f"ties_{r}"] for r in present} == {r: counts.get(r, 0) for r in present}
    S = annotated["actors"]  # the states view keeps states only: no claim tie reaches it
    claim_only = [(u, v) for u, v, d in S.edges(data=True) if d["ties_links"] == d["n_ties"]]
    assert ("azerbaijan", "europe") in claim_only or ("europe", "azerbaijan") in claim_only
    assert len(claim_only) == dataset.edges["relation"].eq("links").sum()  # one per claim tie here


def test_dates_become_spells(dataset, annotated):
    dates = dict(zip(dataset.edges["tie"], dataset.edges["date"], strict=True))
    full = annotated["full"]
    for *_, d in full.edges(data=True):
        spell = date_spell(d["date"])
        assert d.get("spells") == ([spell] if spell else None)
    for name in ("actors", "states", "two_mode"):
        for *_, d in annotated[name].edges(data=True):
            spells = [date_spell(dates[t]) for t in d["ties"]]
            assert d.get("spells") == (sorted(set(spells)) if all(spells) else None)
    assert date_spell("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_spell("2023-02") == ("2023-02-01", "2023-02-28")
    assert date_spell("2020") == ("2020-01-01", "2020-12-31")
    assert date_spell("13 May") is None


def _xml(path):
    root = ET.parse(path).getroot()
    return root, root.tag.split("}")[0] + "}"


def test_gexf_says_each_edges_direction_and_carries_viz_and_spells(written, annotated):
    folder, _ = written
    root, ns = _xml(folder / "network_full.gexf")
    graph = root.find(f"{ns}graph")
    assert graph.get("defaultedgetype") == "directed"
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = graph.find(f"{ns}edges").findall(f"{ns}edge")
    want = {int(d["tie"]): d for *_, d in annotated["full"].edges(data=True)}
    viz = "{http://www.gexf.net/1.2draft/viz}"
    titles = {t: k for k, t in _titles(graph, ns, "edge").items()}
    arcs = Counter()
    for e in edges:
        values = {a.get("for"): a.get("value") for a in e.iter(f"{ns}attvalue")}
        d = want[int(values[titles["tie"]])]
        assert e.get("type") is None  # every edge an arc of the directed graph
        assert values[titles["mutual"]] == ("false" if d["directed"] else "true")
        arcs[(int(values[titles["tie"]]), e.get("source"), e.get("target"))] += 1
        spells = e.find(f"{ns}spells")
        span = date_spell(d["date"])
        assert (spells is not None) == (span is not None)
        if span:
            assert (spells[0].get("start"), spells[0].get("end")) == span
        assert float(e.find(f"{viz}thickness").get("value")) == pytest.approx(d["width"])
        color = e.find(f"{viz}color")
        rgb = tuple(int(color.get(c)) for c in "rgb")
        assert "#{:02X}{:02X}{:02X}".format(*rgb) == d["color"].upper()
    # a symmetric tie is two arcs, one each way; a directed tie one
    full = annotated["full"]
    expected = Counter()
    for u, v, d in full.edges(data=True):
        expected[(int(d["tie"]), u, v)] += 1
        if not d["directed"]:
            expected[(int(d["tie"]), v, u)] += 1
    assert arcs == expected
    assert sum(not d["directed"] for d in want.values()) > 0
    for node in graph.find(f"{ns}nodes"):
        assert {c.tag for c in node} >= {f"{viz}position", f"{viz}size", f"{viz}color"}


def _titles(graph, ns, cls):
    for block in graph.findall(f"{ns}attributes"):
        if block.get("class") == cls:
            return {a.get("id"): a.get("title") for a in block}
    return {}


def test_graphml_writes_symmetric_ties_as_two_mutual_arcs(written, views):
    folder, _ = written
    root, ns = _xml(folder / "network_full.graphml")
    graph = root.find(f"{ns}graph")
    assert graph.get("edgedefault") == "directed"
    assert all(e.get("directed") is None for e in graph.iter(f"{ns}edge"))
    G = nx.read_graphml(folder / "network_full.graphml")  # networkx's own reader, as is
    full = views["full"]
    symmetric = sum(1 for *_, d in full.edges(data=True) if d["directed"] is False)
    assert symmetric > 0
    assert G.number_of_edges() == full.number_of_edges() + symmetric
    assert sum(d["reverse"] for *_, d in G.edges(data=True)) == symmetric
    assert sum(d["mutual"] for *_, d in G.edges(data=True)) == 2 * symmetric


def test_graphml_opens_in_igraph_with_measures_and_positions(written):
    ig = pytest.importorskip("igraph")
    folder, _ = written
    g = ig.Graph.Read_GraphML(str(folder / "network_actors.graphml"))
    assert {"betweenness", "x", "y", "size", "color"} <= set(g.vs.attributes())
    assert {"n_ties", "ties_links", "relation_types"} <= set(g.es.attributes())


@pytest.mark.parametrize("name", NAMES)
def test_pajek_reads_back(written, annotated, name):
    folder, _ = written
    path = folder / f"network_{name}.net"
    want = annotated[name]
    got = report.read_graph(path)
    assert set(got) == {str(n) for n in want}
    for n in want:
        x, y = got.nodes[str(n)]["x"], got.nodes[str(n)]["y"]
        assert 0.0 <= x <= 1.0
        assert 0.0 <= y <= 1.0
    # a symmetric tie of a directed view is two arcs: compare ties as written
    got_ties = Counter(
        (frozenset((u, v)), d.get("l"), d["weight"]) for u, v, d in got.edges(data=True)
    )
    want_ties = Counter(
        (
            frozenset(map(str, (u, v))),
            d.get("relation", d.get("relation_types")) or None,
            float(d.get("weight", 1.0)),
        )
        for u, v, d in want.edges(data=True)
        for _ in range(2 if want.is_directed() and d.get("directed") is False else 1)
    )
    assert got_ties == want_ties
    text = path.read_text(encoding="utf-8")
    arcs = text.split("*Arcs\n")[1].split("*Edges")[0].splitlines() if "*Arcs" in text else []
    undirected = sum(1 for *_, d in want.edges(data=True) if d.get("directed") is False)
    assert len(arcs) == (want.number_of_edges() + undirected if want.is_directed() else 0)
    assert ("*Edges" in text) == (not want.is_directed())
    if name == "two_mode":
        actors = sum(1 for _, m in want.nodes(data="mode") if m == "actor")
        assert re.search(rf"^\*Vertices {len(want)} {actors}$", text, re.M)


@pytest.mark.parametrize("name", NAMES)
def test_csv_tables_for_statnet(written, annotated, name):
    folder, _ = written
    want = annotated[name]
    edges = pd.read_csv(folder / f"network_{name}_edges.csv", keep_default_na=False)
    vertices = pd.read_csv(folder / f"network_{name}_vertices.csv", keep_default_na=False)
    assert list(edges.columns[:2]) == ["source", "target"]
    assert vertices.columns[0] == "id"
    assert sorted(vertices["id"]) == sorted(map(str, want))
    assert set(edges["source"]) | set(edges["target"]) <= set(vertices["id"])
    assert len(edges) == want.number_of_edges()
    v = vertices.set_index("id")
    for n, d in want.nodes(data=True):
        for k in ("x", "y", "size", "degree", "betweenness"):
            if k in d:
                assert float(v.at[n, k]) == pytest.approx(d[k])
        assert v.at[n, "color"] == d["color"]
    got = Counter(
        (s, t, json.dumps(json.loads(e)))
        for s, t, e in zip(
            edges["source"],
            edges["target"],
            edges["ties_json"] if "ties_json" in edges else edges["tie"].map(str),
            strict=True,
        )
    )
    want_rows = Counter(
        (str(u), str(v), json.dumps(d["ties"] if "ties" in d else d["tie"]))
        for u, v, d in want.edges(data=True)
    )
    assert got == want_rows
    if name in ("actors", "states"):
        assert {"n_ties", "relation_types", "evidence_json"} <= set(edges.columns)
    if name == "actors":
        assert "ties_links" in edges.columns


def test_two_mode_joins_actors_and_events_only(views, annotated):
    B = annotated["two_mode"]
    full = views["full"]
    assert nx.is_bipartite(B)
    modes = nx.get_node_attributes(B, "mode")
    for u, v in B.edges():
        assert {modes[u], modes[v]} == {"actor", "event"}
    for n, m in modes.items():
        is_event = full.nodes[n]["type"] in schema.EVENT_TYPES
        assert m == ("event" if is_event else "actor")
        assert B.nodes[n]["bipartite"] == int(is_event)
    participation = {
        d["tie"]
        for u, v, d in full.edges(data=True)
        if (full.nodes[u]["type"] in schema.EVENT_TYPES)
        != (full.nodes[v]["type"] in schema.EVENT_TYPES)
    }
    carried = [t for *_, ts in B.edges(data="ties") for t in ts]
    assert sorted(carried) == sorted(participation)
    assert B.nodes[FOCUS]["focus"] is True


@pytest.mark.slow
def test_exports_are_byte_identical(views, measures, tmp_path):
    a = report.write_network_files(views, measures, tmp_path / "a", focus=FOCUS, seed=3)
    b = report.write_network_files(views, measures, tmp_path / "b", focus=FOCUS, seed=3)
    assert [p.name for p in a] == [p.name for p in b]
    for p, q in zip(a, b, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name


def test_seed_moves_the_positions(views, measures):
    a = report.node_drawing(views["states"], measures["states"], seed=0)
    b = report.node_drawing(views["states"], measures["states"], seed=1)
    assert not np.allclose(a[["x", "y"]].to_numpy(float), b[["x", "y"]].to_numpy(float))


NASTY = 'Dr. "X"\x00\x01\x0b\x1b <b>&amp;</b>\r\nnext\ud800'


def _nasty_graph():
    G = nx.MultiDiGraph(view="full")
    G.add_node("a\x07", label=NASTY, type="state", bloc="B\x0c")
    G.add_node("e", label="Event", type="event", bloc=None)
    G.add_edge(
        "a\x07",
        "e",
        key=1,
        tie=1,
        relation="attends",
        directed=True,
        sign=0,
        weight=1.0,
        paragraph=1,
        evidence=NASTY,
        date="2020-05",
        stated="explicit",
    )
    G.add_edge(
        "e",
        "a\x07",
        key=2,
        tie=2,
        relation="concerns",
        directed=False,
        sign=0,
        weight=1.0,
        paragraph=2,
        evidence="plain",
        date=None,
        stated="explicit",
    )
    return G


def test_control_characters_and_quotes_do_not_break_any_export(tmp_path):
    G = _nasty_graph()
    graphs = {"full": G}
    paths = report.write_network_files(graphs, {}, tmp_path, seed=0)
    clean = report.clean_text(NASTY)
    assert "\x00" not in clean
    assert "\x1b" not in clean
    assert "\ud800" not in clean
    assert clean.startswith('Dr. "X" <b>&amp;</b>\nnext')
    for fmt in ("graphml", "gexf", "json"):
        H = report.read_graph(tmp_path / f"network_full.{fmt}")
        assert set(H) == {"a", "e"}
        assert H.nodes["a"]["label"] == clean
        assert sorted(d["evidence"] for *_, d in H.edges(data=True)) == sorted([clean, "plain"])
        assert H.nodes["a"]["bloc"] == "B"
    net = report.read_graph(tmp_path / "network_full.net")
    assert set(net) == {"a", "e"}
    edges = pd.read_csv(tmp_path / "network_full_edges.csv")
    assert clean in set(edges["evidence"])
    vertices = pd.read_csv(tmp_path / "network_full_vertices.csv", keep_default_na=False)
    assert clean in set(vertices["label"])
    B = report.read_graph(tmp_path / "network_two_mode.gexf")
    assert set(B) == {"a", "e"}
    assert {p.name for p in paths} >= {"network.html", "network_two_mode.net"}


def test_unknown_format_is_refused(views, measures, tmp_path):
    with pytest.raises(ValueError, match="unknown export format 'dot'"):
        report.write_network_files(views, measures, tmp_path, formats=("dot",))
    assert not any(tmp_path.iterdir())


def test_views_too_big_to_draw_get_no_drawing(monkeypatch, views, measures):
    from graph import sizes
    from graph.report import attributes as annotate_module

    monkeypatch.setattr(sizes, "DRAWN", 5)
    H = annotate_module.annotate(views["states"], measures["states"])
    assert not any(DRAWING & set(d) for _, d in H.nodes(data=True))
    assert H.nodes[FOCUS]["betweenness"] == pytest.approx(
        measures["states"].at[FOCUS, "betweenness"]
    )


# ------------------------------------------------- read back by other tools, with their defaults


@pytest.mark.parametrize("name", NAMES)
def test_every_view_opens_in_networkx_and_igraph_as_they_are(written, annotated, name):
    ig = pytest.importorskip("igraph")
    folder, _ = written
    want = annotated[name]
    symmetric = sum(1 for *_, d in want.edges(data=True) if d.get("directed") is False)
    arcs = want.number_of_edges() + (symmetric if want.is_directed() else 0)
    for G in (
        nx.read_graphml(folder / f"network_{name}.graphml"),
        nx.read_gexf(folder / f"network_{name}.gexf"),
    ):
        assert G.number_of_nodes() == want.number_of_nodes()
        assert G.number_of_edges() == arcs
        assert G.is_directed() == want.is_directed()
    data = json.loads((folder / f"network_{name}.json").read_text(encoding="utf-8"))
    G = nx.node_link_graph(data)  # networkx's default key ("edges"); D3's "links" beside it
    assert (G.number_of_nodes(), G.number_of_edges()) == (len(want), want.number_of_edges())
    assert data["links"] == data["edges"]
    for g in (
        ig.Graph.Read_GraphML(str(folder / f"network_{name}.graphml")),
        ig.Graph.Read_Pajek(str(folder / f"network_{name}.net")),
    ):
        assert g.vcount() == want.number_of_nodes()
        assert g.ecount() == arcs
        assert g.is_directed() == want.is_directed()


def test_json_holds_null_for_missing_and_infinite_numbers(tmp_path):
    G = nx.Graph(view="toy")
    G.add_node("a", betweenness=float("nan"), constraint=float("inf"), ok=1.5)
    G.add_node("b", betweenness=0.5, constraint=np.float64("-inf"), ok=2.0)
    G.add_edge("a", "b", weights=[1.0, float("nan")])
    path = report.export_graph(G, tmp_path / "g.json")
    text = path.read_text(encoding="utf-8")

    def refuse(name):
        raise ValueError(f"{name} is not JSON")

    data = json.loads(text, parse_constant=refuse)  # as strict as a browser's JSON.parse
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["a"]["betweenness"] is None
    assert nodes["a"]["constraint"] is None
    assert nodes["b"]["constraint"] is None
    assert nodes["b"]["betweenness"] == 0.5
    assert data["links"][0]["weights"] == [1.0, None]
    for fmt in ("graphml", "gexf"):  # lists in XML files are JSON text: null there too
        p = report.export_graph(G, tmp_path / f"g.{fmt}")
        assert "[1.0, null]" in p.read_text(encoding="utf-8")
        assert report.read_graph(p)["a"]["b"]["weights"] == [1.0, None]


#: Ids a loader accepts that spreadsheets and readers like to change: a leading minus,
#: leading zeros, an exponent, words for true and false.
HARD_IDS = ["-1", "007", "1e3", "True", "-A1", "x.y:z", "0x1F"]


def test_ids_round_trip_through_the_csv_tables(tmp_path):
    G = nx.Graph()
    G.add_edges_from(zip(HARD_IDS, HARD_IDS[1:], strict=False), relation="cooperates_with")
    G.add_node("-1", label="=HYPERLINK(x)")
    e, v = report.export_tables(G, tmp_path / "e.csv", tmp_path / "v.csv")
    vertices = pd.read_csv(v)  # pandas' defaults
    edges = pd.read_csv(e)
    assert vertices["id"].tolist() == list(G)
    assert sorted(zip(edges["source"], edges["target"], strict=True)) == sorted(G.edges())
    assert vertices.set_index("id").at["-1", "label"] == "'=HYPERLINK(x)"  # text still guarded
    H = nx.from_pandas_edgelist(edges)  # networkx from the tables, as the README shows
    assert set(H) == set(G)
    assert set(map(frozenset, H.edges())) == set(map(frozenset, G.edges()))


def test_ids_round_trip_through_a_whole_export(tmp_path):
    from graph import cli

    data = tmp_path / "data"
    data.mkdir()
    (data / "nodes.csv").write_text(
        "id,label,type,bloc\n-1,Minus one,state,A\n007,Agent,state,B\nNA_,Namibia,state,A\n"
        "x,X,state,B\n",
        encoding="utf-8",
    )
    (data / "edges.csv").write_text(
        "source,target,relation\n-1,007,cooperates_with\n007,NA_,cooperates_with\n"
        "NA_,x,cooperates_with\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert cli.main(["export", "--data", str(data), "--format", "csv", "--out", str(out)]) == 0
    ids = {"-1", "007", "NA_", "x"}
    for view in ("full", "states"):
        vertices = pd.read_csv(out / f"network_{view}_vertices.csv")
        edges = pd.read_csv(out / f"network_{view}_edges.csv")
        assert set(vertices["id"]) == ids
        assert set(edges["source"]) | set(edges["target"]) == ids


@pytest.mark.parametrize("word", sorted(schema.MISSING_WORDS & {"NA", "nan", "None", "NULL"}))
def test_ids_that_readers_take_for_missing_are_refused(tmp_path, word):
    from graph import io

    path = tmp_path / "nodes.csv"
    path.write_text(f"id,label,type,bloc\n{word},Somewhere,state,A\n", encoding="utf-8")
    with pytest.raises(io.DataError, match=rf"nodes.csv:2:1: id: '{word}' is read as a missing"):
        io.load_nodes(path)
    edges = tmp_path / "edges.csv"
    edges.write_text(f"source,target,relation\na,{word},cooperates_with\n", encoding="utf-8")
    with pytest.raises(io.DataError, match=rf"edges.csv:2:2: target: '{word}' is read as a"):
        io.load_edges(edges)


@pytest.mark.parametrize(
    ("ids", "fmt"),
    [
        (["a\x01", "a"], "graphml"),
        (["a\x01", "a"], "gexf"),
        (["a\x0b", "a"], "json"),
        (['a"b', "a'b"], "pajek"),
        (["a  b", "a b"], "pajek"),
    ],
    ids=["control-graphml", "control-gexf", "control-json", "quote-pajek", "space-pajek"],
)
def test_ids_a_format_would_merge_are_refused(tmp_path, ids, fmt):
    G = nx.Graph()
    G.add_edges_from([(ids[0], "z"), (ids[1], "z")])
    suffix = {"pajek": "net"}.get(fmt, fmt)
    with pytest.raises(ValueError, match="are the same id in"):
        report.export_graph(G, tmp_path / f"g.{suffix}")
    assert not (tmp_path / f"g.{suffix}").exists()
    if fmt == "graphml":
        with pytest.raises(ValueError, match="are the same id in CSV"):
            report.export_tables(G, tmp_path / "e.csv", tmp_path / "v.csv")


def test_attributes_of_mixed_types_read_back(tmp_path):
    ig = pytest.importorskip("igraph")
    G = nx.Graph()
    G.add_node("a", n=1, kind=3, flag=True)
    G.add_node("b", n=2.5, kind="three", flag=1)
    G.add_edge("a", "b", w=1)
    G.add_edge("b", "c", w=0.5)
    for fmt in ("graphml", "gexf"):
        path = report.export_graph(G, tmp_path / f"g.{fmt}")
        got = report.read_graph(path)
        assert got.nodes["a"]["n"] == 1.0
        assert got.nodes["b"]["n"] == 2.5
        assert (got.nodes["a"]["kind"], got.nodes["b"]["kind"]) == (3, "three")
        assert (got.nodes["a"]["flag"], got.nodes["b"]["flag"]) == (True, 1)
        assert got["a"]["b"]["w"] == 1.0
        raw = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        assert raw.number_of_nodes() == 3
    g = ig.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    assert sorted(g.vs["n"], key=str)[:2] == [1.0, 2.5]
