import itertools
import re
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.legend import Legend  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from graph.fold import fold  # noqa: E402
from graph.measures import bloc_pair_shares  # noqa: E402
from graph.plot import (  # noqa: E402
    BLOC_PALETTE,
    NO_BLOC_COLOR,
    TYPE_MARKERS,
    bloc_palette,
    draw_bloc_graph,
    draw_degree_betweenness,
    draw_ego,
    draw_measure_bars,
    draw_network,
    draw_null_distribution,
    ego_repeats_view,
    figure_size_for,
    save_figure,
)
from graph.plot.layout import EDGE_CLEARANCE, NODE_CLEARANCE, layout, separate  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _small():
    """8 actors, 3 blocs and one without, 4 types, one conflictual tie."""
    G = nx.Graph(view="actors")
    nodes = [
        ("az", "Azerbaijan", "state", "South Caucasus"),
        ("am", "Armenia", "state", "South Caucasus"),
        ("aliyev", "Ilham Aliyev", "leader", "South Caucasus"),
        ("us", "United States", "state", "West"),
        ("eu", "European Union", "organization", "West"),
        ("cis_ec", "CIS Executive Committee", "organization", "post-Soviet"),
        ("ru", "Russia", "state", "post-Soviet"),
        ("summit", "Summit in Egypt", "event", None),
    ]
    for node, label, kind, bloc in nodes:
        G.add_node(node, label=label, type=kind, bloc=bloc)
    ties = [
        ("az", "am", 1.0, -1),
        ("az", "aliyev", 2.0, 1),
        ("az", "us", 1.0, 1),
        ("az", "ru", 3.0, 1),
        ("az", "summit", 1.0, 0),
        ("us", "eu", 1.0, 1),
        ("us", "summit", 1.0, 0),
        ("ru", "cis_ec", 2.0, 1),
        ("am", "eu", 1.0, 1),
    ]
    for u, v, w, s in ties:
        G.add_edge(u, v, weight=w, sign=s)
    return G


def _synthetic30(seed=3):
    """30 actors, 60 ties, long labels, a hub: the crowded case."""
    rng = np.random.default_rng(seed)
    labels = [
        "Azerbaijan", "Armenia", "United States", "Egypt", "Israel", "Palestine", "Syria",
        "Ilham Aliyev", "Donald Trump", "Abdel Fattah el-Sisi", "Sabina Salmanova", "CIS",
        "CIS Executive Committee", "OTS", "BRICS", "SCO", "CIS Plus", "BRICS+", "SCO+",
        "Middle Corridor", "Summit in Egypt", "Washington meeting", "44-day Patriotic War",
        "OTS Gabala summit", "Gaza", "South Caucasus", "Liberated territories", "Europe",
        "Russia", "Turkey",
    ]  # fmt: skip
    kinds = ["state", "leader", "organization", "event", "region", "platform"]
    blocs = ["South Caucasus", "West", "Middle East", "post-Soviet", "Turkic", None]
    G = nx.Graph(view="actors")
    for i, label in enumerate(labels):
        G.add_node(i, label=label, type=kinds[i % 6], bloc=blocs[(i * 7) % 6])
    for v in rng.choice(np.arange(1, 30), 14, replace=False):
        G.add_edge(0, int(v), weight=1.0, sign=1)
    while G.number_of_edges() < 60:
        u, v = (int(x) for x in rng.choice(30, 2, replace=False))
        G.add_edge(u, v, weight=float(rng.choice([1, 2, 3])), sign=int(rng.choice([1, 1, 1, -1])))
    return G


def _node_collections(ax):
    return [c for c in ax.collections if (c.get_gid() or "").startswith("nodes:")]


def _labels(ax):
    return [t for t in ax.texts if t.get_gid() == "label"]


def _legend_texts(ax):
    texts = []
    for leg in (c for c in ax.get_children() if isinstance(c, Legend)):
        texts.append(leg.get_title().get_text())
        texts.extend(t.get_text() for t in leg.get_texts())
    return texts


def _florentine_blocs():
    G = nx.florentine_families_graph()
    comms = nx.community.greedy_modularity_communities(G)
    return G, {n: f"community {i + 1}" for i, c in enumerate(comms) for n in c}


# ------------------------------------------------------------------ draw_network


def test_one_marker_per_node():
    G = _small()
    ax = draw_network(G, focus="az")
    assert sum(len(c.get_offsets()) for c in _node_collections(ax)) == G.number_of_nodes()
    F = nx.florentine_families_graph()
    ax = draw_network(F, focus="Medici")
    assert sum(len(c.get_offsets()) for c in _node_collections(ax)) == 15


def test_shapes_by_type_and_colors_by_bloc():
    G = _small()
    ax = draw_network(G, focus="az")
    palette = dict(
        zip(sorted({"South Caucasus", "West", "post-Soviet"}), BLOC_PALETTE, strict=False)
    )
    for coll in _node_collections(ax):
        kind = coll.get_gid().split(":")[1]
        members = [n for n in G if G.nodes[n]["type"] == kind]
        expected = [to_rgba(palette.get(G.nodes[n]["bloc"], NO_BLOC_COLOR)) for n in members]
        np.testing.assert_allclose(coll.get_facecolors(), expected)
    kinds = {c.get_gid().split(":")[1] for c in _node_collections(ax)}
    assert kinds == {"state", "leader", "organization", "event"}


def test_focus_is_ringed_and_bold():
    G = _small()
    ax = draw_network(G, focus="az")
    (ring,) = [c for c in ax.collections if c.get_gid() == "focus"]
    states = next(c for c in _node_collections(ax) if c.get_gid() == "nodes:state")
    np.testing.assert_allclose(ring.get_offsets()[0], states.get_offsets()[0])  # "az" is first
    np.testing.assert_allclose(ring.get_edgecolors()[0], to_rgba("black"))
    assert ring.get_linewidths()[0] >= 2
    assert ring.get_sizes()[0] > states.get_sizes()[0]
    bold = [t.get_text() for t in _labels(ax) if t.get_fontweight() == "bold"]
    assert bold == ["Azerbaijan"]


def test_legends_name_every_bloc_type_size_and_style():
    ax = draw_network(_small(), focus="az")
    texts = _legend_texts(ax)
    for name in ["South Caucasus", "West", "post-Soviet", "no bloc"]:
        assert name in texts
    for kind in ["state", "leader", "organization", "event"]:
        assert kind in texts
    assert "person" not in texts
    assert "Size: betweenness" in texts
    assert "focus: Azerbaijan" in texts
    assert "conflictual tie (sign −1)" in texts
    sizes = [t for t in texts if t.replace(".", "").isdigit()]
    assert 2 <= len(sizes) <= 3


def test_legends_sit_outside_the_panel():
    ax = draw_network(_small(), focus="az")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for leg in (c for c in ax.get_children() if isinstance(c, Legend)):
        box = leg.get_window_extent(renderer)
        assert box.x0 >= ax.bbox.x1
        assert fig.bbox.x0 <= box.x0
        assert box.x1 <= fig.bbox.x1 + 1
        assert fig.bbox.y0 <= box.y0


def test_negative_ties_dashed_others_solid():
    ax = draw_network(_small())
    by_gid = {c.get_gid(): c for c in ax.collections}
    negative, other = by_gid["edges-negative"], by_gid["edges"]
    assert len(negative.get_segments()) == 1
    assert len(other.get_segments()) == 8
    assert all(dashes is not None for _, dashes in negative.get_linestyle())
    assert all(dashes is None for _, dashes in other.get_linestyle())
    widths = other.get_linewidths()
    assert max(widths) > min(widths)  # width follows weight


def _assert_labels_clean(ax):
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    # the text itself; an Annotation's own extent would include its leader line
    boxes = [Text.get_window_extent(t, renderer) for t in _labels(ax)]
    for a, b in itertools.combinations(boxes, 2):
        overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_w <= 0 or overlap_h <= 0, (a, b)
    for box in boxes:
        assert fig.bbox.x0 <= box.x0
        assert box.x1 <= fig.bbox.x1
        assert fig.bbox.y0 <= box.y0
        assert box.y1 <= fig.bbox.y1
        # inside the panel too: nothing runs under the legends
        assert ax.bbox.x0 - 1 <= box.x0
        assert box.x1 <= ax.bbox.x1 + 1


@pytest.mark.slow
@pytest.mark.parametrize("which", ["small", "florentine", "synthetic30"])
def test_labels_present_do_not_overlap_and_stay_in_figure(which):
    if which == "small":
        G, kw = _small(), {"focus": "az"}
    elif which == "florentine":
        G, blocs = _florentine_blocs()
        kw = {"focus": "Medici", "color_by": blocs}
    else:
        G, kw = _synthetic30(), {"focus": 0}
    ax = draw_network(G, **kw)
    expected = {G.nodes[n].get("label", str(n)) for n in G}
    assert {t.get_text().replace("\n", " ") for t in _labels(ax)} == expected
    _assert_labels_clean(ax)


def test_labels_fall_back_to_node_ids():
    ax = draw_network(nx.path_graph(4))
    assert sorted(t.get_text() for t in _labels(ax)) == ["0", "1", "2", "3"]
    assert "Bloc" not in _legend_texts(ax)
    assert "Type" not in _legend_texts(ax)


def test_label_top_keeps_focus():
    G = _small()
    ax = draw_network(G, focus="eu", label_top=2)
    texts = {t.get_text() for t in _labels(ax)}
    assert "European Union" in texts
    assert len(texts) == 3


def test_title_names_view_measure_and_focus():
    ax = draw_network(_small(), focus="az")
    assert ax.get_title(loc="left") == (
        "Actors view: nodes sized by betweenness (share of shortest paths through them)\n"
        "8 nodes, 9 ties · focus: Azerbaijan"
    )
    ax = draw_network(_small(), size_by=None)
    assert ax.get_title(loc="left") == "Actors view\n8 nodes, 9 ties"
    ax = draw_network(_small(), title="Custom")
    assert ax.get_title(loc="left") == "Custom"


def test_full_multidigraph_is_folded():
    M = nx.MultiDiGraph(view="full")
    M.add_node("a", label="A", type="state", bloc="X")
    M.add_node("b", label="B", type="event", bloc="Y")
    M.add_node("c", label="C", type="leader")
    M.add_edge("a", "b", weight=1.0, sign=1)
    M.add_edge("b", "a", weight=2.0, sign=-1)  # reciprocal: folded, signed sum -1
    M.add_edge("a", "c", weight=1.0, sign=1)
    M.add_edge("a", "c", weight=1.0, sign=1)
    M.add_edge("c", "c", weight=1.0, sign=1)  # self-loop dropped
    ax = draw_network(M, focus="a")
    assert ax.get_title(loc="left").endswith("\n3 nodes, 5 ties in 2 pairs · focus: A")
    assert ax.get_title(loc="left").startswith("Full view: nodes sized by betweenness")
    by_gid = {c.get_gid(): c for c in ax.collections}
    assert len(by_gid["edges-negative"].get_segments()) == 1
    assert len(by_gid["edges"].get_segments()) == 1
    assert M.number_of_edges() == 5  # caller's graph untouched
    H = fold(M)
    assert (H["a"]["b"]["weight"], H["a"]["b"]["sign"]) == (3.0, -1)
    assert (H["a"]["c"]["weight"], H["a"]["c"]["sign"]) == (2.0, 1)


def test_sizes_follow_the_given_measure():
    G = nx.path_graph(3)
    measures = pd.DataFrame({"degree": [1, 4, 1]}, index=[0, 1, 2])
    ax = draw_network(G, measures=measures, size_by="degree")
    (coll,) = _node_collections(ax)
    sizes = coll.get_sizes()
    assert sizes[1] > sizes[0] == sizes[2]
    assert "Size: degree" in _legend_texts(ax)


@pytest.mark.slow
def test_same_seed_same_layout_other_seed_other_layout():
    G = _synthetic30()
    first = [c.get_offsets().copy() for c in _node_collections(draw_network(G, seed=1))]
    again = [c.get_offsets().copy() for c in _node_collections(draw_network(G, seed=1))]
    other = [c.get_offsets().copy() for c in _node_collections(draw_network(G, seed=2))]
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert any(not np.allclose(a, b) for a, b in zip(first, other, strict=True))


@pytest.mark.slow
def test_layout_is_the_same_whatever_the_hash_seed():
    """A component's nodes are laid out in the graph's order, not in a set's (string hashing)."""
    import os
    import subprocess
    import sys

    code = (
        "import networkx as nx; from graph.plot.layout import layout;"
        "G = nx.relabel_nodes(nx.les_miserables_graph(), lambda n: n + '_');"
        "G.add_edges_from([('x', 'y'), ('y', 'z')]);"
        "pos = layout(G, 0); print(repr(sorted((n, tuple(p)) for n, p in pos.items())))"
    )

    def positions(seed):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert positions("1") == positions("2")


def test_draws_on_given_axes():
    fig, axes = plt.subplots(1, 2, figsize=(10, 5))
    ax = draw_network(_small(), ax=axes[0])
    assert ax is axes[0]
    assert tuple(fig.get_size_inches()) == (10, 5)


def test_disconnected_and_empty_graphs():
    G = nx.Graph()
    G.add_edges_from([(0, 1), (1, 2), (3, 4)])
    G.add_node(5)
    ax = draw_network(G)
    assert sum(len(c.get_offsets()) for c in _node_collections(ax)) == 6
    _assert_labels_clean(ax)
    ax = draw_network(nx.Graph())
    assert ax.get_title(loc="left").endswith("\n0 nodes, 0 ties")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"focus": "nowhere"}, "not a node"),
        ({"measures": pd.DataFrame({"x": [1.0]}, index=["az"])}, "not a column"),
        ({"measures": pd.DataFrame({"betweenness": [-1.0]}, index=["az"])}, "negative"),
        ({"size_by": "charisma"}, "cannot compute"),
    ],
)
def test_bad_arguments_raise(kwargs, message):
    with pytest.raises(ValueError, match=message):
        draw_network(_small(), **kwargs)


def test_too_many_blocs_raise():
    G = nx.path_graph(len(BLOC_PALETTE) + 1)
    with pytest.raises(ValueError, match="distinguishable colors"):
        draw_network(G, color_by={n: f"b{n}" for n in G})


def test_non_positive_weight_raises():
    G = nx.path_graph(3)
    G[0][1]["weight"] = 0
    with pytest.raises(ValueError, match="finite and > 0"):
        draw_network(G)


def test_type_markers_cover_the_schema():
    from graph import schema

    assert set(schema.NODE_TYPES) <= set(TYPE_MARKERS)
    assert len(set(TYPE_MARKERS.values())) == len(TYPE_MARKERS)


def test_figure_size_grows_with_nodes():
    small, big = figure_size_for(nx.path_graph(3)), figure_size_for(nx.path_graph(300))
    assert small[0] < big[0] <= 12


def _seg_dist(p, a, b):
    ab = b - a
    t = np.clip(np.dot(p - a, ab) / max(np.dot(ab, ab), 1e-12), 0.0, 1.0)
    return float(np.hypot(*(p - a - t * ab)))


def _crowding(G, pos):
    """Least distance of a node to a tie not its own, and between two nodes."""
    edge = min(
        (_seg_dist(pos[w], pos[u], pos[v]) for u, v in G.edges() for w in G if w not in (u, v)),
        default=np.inf,
    )
    node = min((float(np.hypot(*(pos[a] - pos[b]))) for a, b in itertools.combinations(G, 2)))
    return edge, node


@pytest.mark.parametrize(("n", "seed"), [(10, 7), (12, 1), (15, 0), (20, 6)])
def test_layout_keeps_nodes_off_other_ties_and_apart(n, seed):
    # stress layouts of these graphs put a node within 0.01 of a tie it is not part of
    G = nx.barabasi_albert_graph(n, 2, seed=seed)
    edge, node = _crowding(G, layout(G, 0))
    assert edge >= EDGE_CLEARANCE - 1e-9
    assert node >= NODE_CLEARANCE - 1e-9


def test_separate_moves_a_node_off_a_tie_and_coincident_nodes_apart():
    xy = np.array([[0.0, 0.0], [2.0, 0.0], [1.0, 0.0], [1.0, 1.0], [1.0, 1.0]])
    edges = np.array([[0, 1], [2, 3]])  # node 2 sits on tie 0-1; nodes 3 and 4 coincide
    out = separate(xy, edges)
    pos = dict(enumerate(out))
    G = nx.Graph([tuple(e) for e in edges])
    G.add_node(4)
    edge, node = _crowding(G, pos)
    assert edge >= EDGE_CLEARANCE - 1e-9
    assert node >= NODE_CLEARANCE - 1e-9
    np.testing.assert_array_equal(xy[2], [1.0, 0.0])  # the input is not changed
    np.testing.assert_array_equal(out, separate(xy, edges))  # deterministic


def test_shipped_full_view_war_node_is_off_the_armenia_azerbaijan_tie():
    from graph import io, networks

    H = fold(networks.build_views(io.load_dataset())["full"])
    pos = layout(H, 0)
    edge, _ = _crowding(H, pos)
    assert edge >= EDGE_CLEARANCE - 1e-9
    war = _seg_dist(pos["patriotic_war_2020"], pos["azerbaijan"], pos["armenia"])
    assert war >= EDGE_CLEARANCE


def _arrows(ax):
    return [p for p in ax.patches if isinstance(p, FancyArrowPatch) and p.get_gid() == "arrow"]


def test_arrowheads_on_directed_ties_only():
    M = nx.MultiDiGraph(view="full")
    M.add_edge("a", "b", directed=True)  # one arrow, at b
    M.add_edge("b", "c", directed=False)  # symmetric: no arrow
    M.add_edge("c", "d", directed=True)
    M.add_edge("d", "c", directed=True)  # both ways: an arrow at each end
    ax = draw_network(M, size_by=None)
    arrows = _arrows(ax)
    assert len(arrows) == 3
    ax.figure.canvas.draw()
    names = list(fold(M))  # node order of the drawing
    centres = np.vstack([c.get_offsets() for c in _node_collections(ax)])  # in node order
    targets = []
    for arrow in arrows:
        verts = arrow.get_path().vertices  # data coordinates
        d = np.hypot(*(centres[:, None, :] - verts[None]).transpose(2, 0, 1)).min(axis=1)
        d[d < 1e-6] = np.inf  # the source: the shaft starts at its centre
        targets.append(names[int(np.argmin(d))])
    assert sorted(targets) == ["b", "c", "d"]
    assert "directed tie (arrow at target)" in _legend_texts(ax)
    ax = draw_network(nx.Graph([("a", "b"), ("b", "c")]))
    assert not _arrows(ax)
    assert "directed tie (arrow at target)" not in _legend_texts(ax)
    D = nx.MultiDiGraph([("a", "b", {"directed": False}), ("b", "a", {"directed": False})])
    assert not _arrows(draw_network(D))


def test_claim_ties_drawn_apart_and_named_in_the_legend():
    M = nx.MultiDiGraph(view="full", claim_ties=[7])
    M.add_edge("az", "brics", relation="links", tie=5, directed=True)
    M.add_edge("az", "sco", relation="supports", tie=7, directed=True)  # a claim by its id
    M.add_edge("az", "am", relation="links", tie=8, directed=False)
    M.add_edge("az", "am", relation="negotiates_with", tie=9, directed=False)  # evidence too
    M.add_edge("am", "us", relation="meets", tie=10, directed=False)
    ax = draw_network(M)
    by_gid = {c.get_gid(): c for c in ax.collections}
    assert len(by_gid["edges-claim"].get_segments()) == 2  # az-brics, az-sco
    assert len(by_gid["edges"].get_segments()) == 2  # az-am keeps its evidence; am-us
    assert all(dashes is not None for _, dashes in by_gid["edges-claim"].get_linestyle())
    claim = to_rgba(by_gid["edges-claim"].get_colors()[0])
    assert claim != to_rgba(by_gid["edges"].get_colors()[0])
    assert any(t.startswith("the text's own claim") for t in _legend_texts(ax))
    # folded views carry the relations and tie ids of their edges
    from graph import io, networks

    A = networks.build_views(io.load_dataset())["actors"]
    ax = draw_network(A, focus="azerbaijan")
    claims = {c.get_gid(): c for c in ax.collections}["edges-claim"]
    expected = [d for *_, d in A.edges(data=True) if set(d["relations"]) == {"links"}]
    assert len(claims.get_segments()) == len(expected) == 5
    ax = draw_network(_small())  # no claim ties: no claim style, no legend entry
    assert "edges-claim" not in {c.get_gid() for c in ax.collections}
    assert not any(t.startswith("the text's own claim") for t in _legend_texts(ax))


@pytest.mark.parametrize("top", [0.649, 0.88, 0.12, 7.0])
def test_size_legend_reaches_the_largest_value(top):
    G = nx.path_graph(4)
    m = pd.DataFrame({"x": [0.0, top / 3, top, 0.0]}, index=list(G))
    ax = draw_network(G, measures=m, size_by="x")
    texts = _legend_texts(ax)
    i = texts.index("Size: x")
    values = []
    for t in texts[i + 1 :]:
        try:
            values.append(float(t))
        except ValueError:
            break
    assert max(values) >= top
    assert max(values) <= top * 1.1  # rounded, not a much larger round number
    assert min(values) == 0.0


def test_bloc_colours_stay_apart_for_colour_blind_readers():
    cvd = {  # Machado, Oliveira & Fernandes (2009), severity 1
        "normal": np.eye(3),
        "protan": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
        "deutan": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                   [-0.011820, 0.042940, 0.968881]],
        "tritan": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
    }  # fmt: skip

    def lab(color, m):
        rgb = np.array(to_rgba(color)[:3])
        lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
        lin = np.clip(np.asarray(m) @ lin, 0, 1)
        xyz = [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
        t = np.asarray(xyz) @ lin / [0.95047, 1.0, 1.08883]
        f = np.where(t > 216 / 24389, np.cbrt(t), (24389 / 27 * t + 16) / 116)
        return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])

    six = BLOC_PALETTE[:6]
    least = min(
        float(np.linalg.norm(lab(a, m) - lab(b, m)))
        for a, b in itertools.combinations(six, 2)
        for m in cvd.values()
    )
    assert least >= 20  # CIE76 in every simulated vision (Okabe-Ito's first six: 16)
    assert len(set(BLOC_PALETTE)) == len(BLOC_PALETTE) == 16
    assert "#000000" not in BLOC_PALETTE  # black marks the focus


def test_a_bloc_keeps_its_colour_across_views():
    G = _small()
    S = G.subgraph(["us", "eu"]).copy()  # only the West
    palette = bloc_palette(G, S)
    colour = {}
    for H in (G, S):
        ax = draw_network(H, palette=palette)
        for coll in _node_collections(ax):
            kind = coll.get_gid().split(":")[1]
            members = [n for n in H if H.nodes[n]["type"] == kind]
            for n, c in zip(members, coll.get_facecolors(), strict=True):
                colour.setdefault(H.nodes[n]["bloc"], set()).add(tuple(c))
    assert len(colour["West"]) == 1
    without = draw_network(S)  # without a shared palette the West takes the first colour
    for coll in _node_collections(without):
        assert tuple(coll.get_facecolors()[0]) == to_rgba(BLOC_PALETTE[0])
    assert to_rgba(palette["West"]) != to_rgba(BLOC_PALETTE[0])


@pytest.mark.slow
def test_label_edge_crossings_are_rare_on_the_shipped_views():
    from graph import io, networks
    from graph.plot.labels import clip_length

    for name, G in networks.build_views(io.load_dataset()).items():
        ax = draw_network(G, focus="azerbaijan")
        fig = ax.figure
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        boxes = np.array([list(Text.get_window_extent(t, renderer).extents) for t in _labels(ax)])
        segs = np.array(
            [
                [*ax.transData.transform(s[0]), *ax.transData.transform(s[1])]
                for c in ax.collections
                if (c.get_gid() or "").startswith("edges")
                for s in c.get_segments()
            ]
        )
        crossed = int((clip_length(boxes, segs) > 0.5).sum())
        assert crossed <= {"full": 3, "actors": 0, "states": 0}[name], name
        plt.close(fig)


# ------------------------------------------------------------------ draw_ego


def test_ego_network_uses_whole_network_sizes():
    G = _small()
    ax = draw_ego(G, "us")
    assert sum(len(c.get_offsets()) for c in _node_collections(ax)) == 4  # us, az, eu, summit
    assert ax.get_title(loc="left") == (
        "Ego network of United States in the actors view: its 3 contacts and the 1 tie "
        "among them\n4 of 8 nodes of the network, within 1 step of United States"
    )
    assert "Size: betweenness (whole network)" in _legend_texts(ax)
    assert [c for c in ax.collections if c.get_gid() == "focus"]
    _assert_labels_clean(ax)
    ax = draw_ego(G, "us", radius=2)
    assert sum(len(c.get_offsets()) for c in _node_collections(ax)) == 7


def test_ego_ties_of_the_focus_faint_ties_among_contacts_full():
    G = _small()
    ax = draw_ego(G, "az")
    (edges,) = [c for c in ax.collections if c.get_gid() == "edges"]
    alphas = sorted({round(float(c[3]), 2) for c in edges.get_colors()})
    assert alphas == [0.35, 1.0]  # az's own ties faint, us-summit and us-... full
    assert "tie of Azerbaijan (faint)" in _legend_texts(ax)


def test_ego_keeps_the_claims_own_ties_and_conflicts_at_full_colour():
    from graph import io, networks

    A = networks.build_views(io.load_dataset())["actors"]
    ax = draw_ego(A, "azerbaijan")
    claim = [c for c in ax.collections if c.get_gid() == "edges-claim"]
    assert claim  # the text's own claims are ties of Azerbaijan here
    for c in claim:
        assert {round(float(x[3]), 2) for x in c.get_colors()} == {1.0}
    (plain,) = [c for c in ax.collections if c.get_gid() == "edges"]
    assert 0.35 in {round(float(x[3]), 2) for x in plain.get_colors()}


def test_ego_figure_left_out_when_it_would_repeat_the_view(tmp_path):
    from graph.pipeline import figures_for

    star = nx.star_graph(9)  # the ego network of 0 is the whole graph
    path = nx.path_graph(10)  # the ego network of 5 is 3 of 10 nodes
    assert ego_repeats_view(star, 0)
    assert not ego_repeats_view(path, 5)
    assert ego_repeats_view(path, 5, radius=5)
    for G, focus, expected in ((star, 0, []), (path, 5, ["ego.png"])):
        views = {"full": G, "states": G}
        measures = {k: pd.DataFrame({"betweenness": 0.0}, index=list(G)) for k in views}
        paths = figures_for(views, measures, tmp_path / str(focus), focus=focus, which=("ego",))
        assert [p.name for p in paths] == expected
        assert sorted(p.name for p in (tmp_path / str(focus)).glob("*")) == expected


# ------------------------------------------------------------------ draw_degree_betweenness


def _null_test(observed, samples, node="hub", null="rewire", testable=True, reason=""):
    return SimpleNamespace(
        observed=observed, samples=np.asarray(samples, dtype=float), p_value=0.01, n=len(samples),
        statistic="betweenness", node=node, null=null, testable=testable, reason=reason,
    )  # fmt: skip


def test_degree_betweenness_points_focus_and_null_band():
    G = nx.barbell_graph(5, 1)  # node 5 joins two cliques
    from graph.measures import actor_measures

    m = actor_measures(G)
    rng = np.random.default_rng(1)
    null = _null_test(float(m.loc[5, "betweenness"]), rng.uniform(0.0, 0.2, 400), node=5)
    ax = draw_degree_betweenness(m, focus=5, null=null, view="actors")
    singles = np.vstack([c.get_offsets() for c in ax.collections if c.get_gid() == "actors"])
    shared = [c.get_offsets()[0] for c in ax.collections if c.get_gid() == "shared"]
    counts = [int(t.get_text()) for t in ax.texts if t.get_gid() == "shared-count"]
    assert len(singles) + sum(counts) == len(G)  # every actor, once
    exact = {(float(d), float(b)) for d, b in zip(m["degree"], m["betweenness"], strict=True)}
    drawn = [tuple(map(float, p)) for p in [*singles, *shared]]
    assert sorted(drawn) == sorted(exact)  # each at its exact point, none moved
    (band,) = [p for p in ax.patches if p.get_gid() == "null-band"]
    lo, hi = np.percentile(null.samples, [2.5, 97.5])
    assert band.get_y() == pytest.approx(lo)
    assert band.get_y() + band.get_height() == pytest.approx(hi)
    assert band.get_x() < m.loc[5, "degree"] < band.get_x() + band.get_width()
    (mean,) = [ln for ln in ax.lines if ln.get_gid() == "null-mean"]
    assert list(mean.get_ydata()) == pytest.approx([null.samples.mean()] * 2)
    (ring,) = [c for c in ax.collections if c.get_gid() == "focus"]
    np.testing.assert_allclose(ring.get_offsets()[0], [m.loc[5, "degree"], null.observed])
    assert ax.get_title(loc="left").startswith("Actors view: betweenness against number of")
    bold = [t.get_text() for t in _labels(ax) if t.get_fontweight() == "bold"]
    assert bold == ["5"]
    lo_y, hi_y = ax.get_ylim()
    assert lo_y <= 0
    assert hi_y >= max(hi, m["betweenness"].max())
    _assert_scatter_labels_apart(ax)


def _named(ax, m, labels_of):
    """Labels anchored at their own actor's point; the names in the legend; the count left out."""
    where = {
        labels_of[n]: (float(m.at[n, "degree"]), float(m.at[n, "betweenness"])) for n in m.index
    }
    labels = _labels(ax)
    for t in labels:  # a label's anchor is its own actor's point
        assert tuple(map(float, t.xy)) == where[t.get_text().replace("\n", " ")]
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    legend = re.sub(r"\s+", " ", legend)
    named = {t.get_text().replace("\n", " ") for t in labels}
    return named, legend


def test_degree_betweenness_names_every_actor_beside_its_own_point(dataset):
    from graph import networks
    from graph.claims import assess_bridge_claim

    G = networks.view(dataset, "actors")
    r = assess_bridge_claim(G, "azerbaijan", samples=9, robustness=False, progress=False)
    m = r.measures
    labels_of = m["label"].to_dict()
    ax = draw_degree_betweenness(m, focus="azerbaijan", null=r.null, view="actors", tested=True)
    named, legend = _named(ax, m, labels_of)
    assert (m["betweenness"] == 0).sum() > 3  # the case at issue: many actors at 0
    for label in labels_of.values():  # every actor: by its point, or in the legend
        assert label in named or label in legend, label
    assert "without room" not in legend
    offsets = np.vstack([c.get_offsets() for c in ax.collections if len(c.get_offsets())])
    assert offsets[:, 0].min() >= 0  # no actor at a negative degree
    assert ax.get_title(loc="left").startswith("Actors view as tested: betweenness")
    _assert_scatter_labels_apart(ax)


def test_degree_betweenness_in_a_crowd_leaves_labels_out_and_says_how_many():
    G = _synthetic30()
    from graph.measures import actor_measures

    m = actor_measures(G)
    ax = draw_degree_betweenness(m, focus=0)
    labels_of = {n: G.nodes[n]["label"] for n in G}
    named, legend = _named(ax, m, labels_of)
    shared = sum(int(t.get_text()) for t in ax.texts if t.get_gid() == "shared-count")
    left_out = len(G) - shared - len(named)
    assert left_out > 0  # crowded: some labels find no room
    assert f"{left_out} actors without room for a label" in legend
    assert labels_of[0] in named  # the focus always
    _assert_scatter_labels_apart(ax)


def _assert_scatter_labels_apart(ax):
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in _labels(ax)]
    assert boxes
    for a, b in itertools.combinations(boxes, 2):
        assert min(a.x1, b.x1) <= max(a.x0, b.x0) or min(a.y1, b.y1) <= max(a.y0, b.y0)


def test_degree_betweenness_labels_top_actors_and_says_when_the_null_is_untestable():
    G = _synthetic30()
    from graph.measures import actor_measures

    m = actor_measures(G)
    null = _null_test(0.3, [], testable=False, reason="no rewiring exists")
    ax = draw_degree_betweenness(m, focus=0, null=null, label_top=4)
    top = m["betweenness"].sort_values(ascending=False, kind="stable").index[:4]
    expected = {G.nodes[n]["label"] for n in [*top, 0]}
    assert {t.get_text().replace("\n", " ") for t in _labels(ax)} == expected
    assert not [p for p in ax.patches if p.get_gid() == "null-band"]
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts()).replace("\n", " ")
    assert "not testable: no rewiring exists" in legend
    _assert_scatter_labels_apart(ax)
    with pytest.raises(ValueError, match="no 'degree' column"):
        draw_degree_betweenness(m.drop(columns="degree"))


# ------------------------------------------------------------------ draw_measure_bars


def _measures():
    return pd.DataFrame(
        {"betweenness": [0.1, 0.5, 0.3, 0.0], "label": ["Alpha", "Beta", "Gamma", "Delta"]},
        index=["a", "b", "c", "d"],
    )


def test_bars_largest_on_top_focus_highlighted():
    ax = draw_measure_bars(_measures(), focus="c")
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == ["Beta", "Gamma (focus)", "Alpha", "Delta"]
    ys = [t.get_position()[1] for t in ax.get_yticklabels()]
    top, bottom = ax.get_ylim()[1], ax.get_ylim()[0]
    assert top < bottom  # inverted: first row drawn at the top
    assert ys == sorted(ys)
    colors = [p.get_facecolor() for p in ax.patches]
    assert colors[1] != colors[0]
    assert colors[0] == colors[2]
    assert ax.get_yticklabels()[1].get_fontweight() == "bold"


def test_bars_focus_beyond_top_is_appended_with_rank():
    ax = draw_measure_bars(_measures(), top=2, focus="d")
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == ["Beta", "Gamma", "Delta (focus, rank 4)"]


def test_bars_without_label_column_use_index():
    ax = draw_measure_bars(_measures().drop(columns="label"), top=1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b"]
    with pytest.raises(ValueError, match="not a column"):
        draw_measure_bars(_measures(), measure="degree")


# ------------------------------------------------------------------ draw_null_distribution


def _test_result(**overrides):
    rng = np.random.default_rng(0)
    fields = {
        "observed": 0.52,
        "samples": rng.beta(2, 8, 500),
        "p_value": 0.004,
        "n": 500,
        "statistic": "betweenness",
        "node": "Medici",
        "null": "rewiring",
        "testable": True,
        "reason": "",
    }
    fields.update(overrides)
    return SimpleNamespace(**fields)


def test_null_distribution_marks_observed_and_p():
    ax = draw_null_distribution(_test_result())
    (line,) = [ln for ln in ax.lines if ln.get_gid() == "observed"]
    assert list(line.get_xdata()) == [0.52, 0.52]
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert "observed = 0.52, p = 0.004" in legend
    assert "null samples (500)" in legend
    assert len(ax.patches) > 5  # the histogram


@pytest.mark.parametrize(
    ("observed", "samples"),
    [(0.52, None), (0.9, [0.81, 0.84, 0.86, 0.88]), (0.2, [0.5, 0.6, 0.7]), (0.0, [0.0, 0.1])],
)
def test_null_axis_starts_at_zero_and_holds_the_observed_line(observed, samples):
    kw = {"observed": observed} | ({} if samples is None else {"samples": np.array(samples)})
    t = _test_result(**kw)
    ax = draw_null_distribution(t, view="actors")
    left, right = ax.get_xlim()
    assert left == 0.0
    (line,) = [ln for ln in ax.lines if ln.get_gid() == "observed"]
    assert left < line.get_xdata()[0] < right or observed == left == line.get_xdata()[0]
    assert max(np.max(t.samples), observed) < right  # nothing clipped at the right edge
    (mean,) = [ln for ln in ax.lines if ln.get_gid() == "null-mean"]
    assert mean.get_xdata()[0] == pytest.approx(np.mean(t.samples))
    (span,) = [p for p in ax.patches if p.get_gid() == "null-interval"]
    x = span.get_path().transformed(span.get_patch_transform()).vertices[:, 0]
    lo, hi = np.percentile(t.samples, [2.5, 97.5])
    assert (x.min(), x.max()) == (pytest.approx(lo), pytest.approx(hi))
    (effect,) = [x for x in ax.texts if x.get_gid() == "effect"]
    if observed > 0:
        share = f"{100 * np.mean(t.samples) / observed:.0f}%"
        assert effect.get_text().startswith(f"the null gives {share} of the observed value")
    else:
        assert "undefined" in effect.get_text()
    assert ax.get_title(loc="left").startswith("Beyond degree, actors view: betweenness")


def test_null_distribution_untestable_states_reason():
    reason = "fewer than 4 edges: no degree-preserving rewiring exists"
    ax = draw_null_distribution(_test_result(testable=False, samples=[], reason=reason))
    text = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    assert "Not testable" in text
    assert reason in text
    assert not ax.lines
    assert not ax.patches


# ------------------------------------------------------------------ draw_bloc_graph


def test_bloc_share_two_geodesics_one_through_focus():
    G = nx.Graph([("x", "f"), ("f", "y"), ("x", "z"), ("z", "y")])
    blocs = {"x": "A", "y": "B"}
    ax = draw_bloc_graph(G, focus="f", blocs=blocs)
    assert [t.get_text() for t in ax.texts if t.get_gid() == "share"] == ["50%\n1 pair"]
    (edges,) = [c for c in ax.collections if c.get_gid() == "bloc-edges"]
    assert edges.get_linestyle()[0][1] is not None  # no direct tie: dotted


def test_bloc_share_labels_are_the_measures_shares():
    # a1 - f - b1 - c1 and a2 - b1; the focus's own pairs count (as in the report)
    G = nx.Graph([("a1", "f"), ("f", "b1"), ("b1", "c1"), ("a2", "b1")])
    blocs = {"a1": "A", "a2": "A", "f": "A", "b1": "B", "c1": "C"}
    ax = draw_bloc_graph(G, focus="f", blocs=blocs)
    texts = sorted(t.get_text() for t in ax.texts if t.get_gid() == "share")
    assert texts == ["0%\n1 pair", "33%\n3 pairs", "33%\n3 pairs"]
    table = bloc_pair_shares(G, "f", blocs)  # the same numbers as the report's measure
    assert sorted(f"{x:.0%}" for x in table["share"]) == [t.split("\n")[0] for t in texts]
    assert sorted(table["pairs"]) == sorted(int(t.split("\n")[1].split()[0]) for t in texts)


def test_bloc_graph_florentine():
    G, blocs = _florentine_blocs()
    ax = draw_bloc_graph(G, focus="Medici", blocs=blocs)
    shares = [t.get_text().split("\n") for t in ax.texts if t.get_gid() == "share"]
    assert len(shares) == 3
    assert all(s[0].endswith("%") and s[1].endswith("pairs") for s in shares)
    (nodes,) = [c for c in ax.collections if c.get_gid() == "blocs"]
    assert len(nodes.get_offsets()) == 3
    assert [c for c in ax.collections if c.get_gid() == "focus"]
    assert "Medici" in ax.get_title(loc="left")


def _six_blocs():
    """Six blocs on a ring of pairs, the focus among them; one actor without a bloc."""
    G = nx.cycle_graph(12)
    G.add_edges_from([(0, 6), (3, 9), (0, 12)])
    blocs = {n: f"B{n // 2}" for n in range(12)}  # node 12 has none
    return G, blocs


def test_bloc_matrix_cells_are_the_measures_shares():
    G, blocs = _six_blocs()
    ax = draw_bloc_graph(G, focus=0, blocs=blocs)
    (image,) = [im for im in ax.images if im.get_gid() == "bloc-matrix"]
    values = np.asarray(image.get_array(), dtype=float)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["B0", "B1", "B2", "B3", "B4", "B5", "no bloc"]
    table = bloc_pair_shares(G, 0, blocs)
    assert len(table) == 21  # every pair of 6 blocs, and each with the actor without one
    pos = {b: i for i, b in enumerate(rows)}
    for a, b, _pairs, share in table[["bloc_a", "bloc_b", "pairs", "share"]].itertuples(False):
        i, j = sorted((pos["no bloc" if a is None else a], pos["no bloc" if b is None else b]))
        assert values[j, i] == pytest.approx(share)
        assert np.isnan(values[i, j])  # upper triangle empty
    texts = [t.get_text() for t in ax.texts if t.get_gid() == "share"]
    assert sorted(texts) == sorted(
        f"{'<1%' if 0 < x < 0.005 else f'{x:.0%}'}\n{p} pair{'s' if p != 1 else ''}"
        for p, x in table[["pairs", "share"]].itertuples(False)
    )
    sizes = [t.get_text() for t in ax.texts if t.get_gid() == "bloc-size"]
    assert sizes[:6] == ["2 actors"] * 6
    assert "Network: share of shortest paths between blocs that run through 0" in (
        ax.get_title(loc="left")
    )
    fig = ax.figure
    fig.canvas.draw()
    bar = ax.child_axes
    assert len(bar) == 1  # the colour bar
    assert bar[0].get_window_extent().x0 > ax.get_window_extent().x1


def test_bloc_graph_form_follows_the_number_of_blocs():
    G, blocs = _six_blocs()
    few = {n: ("L" if b in ("B0", "B1", "B2") else "R") for n, b in blocs.items()}
    ax = draw_bloc_graph(G, focus=0, blocs=few)
    assert not ax.images
    assert [c for c in ax.collections if c.get_gid() == "blocs"]
    ax = draw_bloc_graph(G, focus=0, blocs=few, matrix=True)
    assert [im for im in ax.images if im.get_gid() == "bloc-matrix"]


def test_bloc_figure_of_named_sides():
    table = pd.DataFrame(
        {
            "side_a": ["BRICS", "BRICS"],
            "side_b": ["SCO", "West"],
            "pairs": [0, 6],
            "through": [0.0, 4.0],
            "share": [np.nan, 4 / 6],
            "cut": [False, True],
        }
    )
    ax = draw_bloc_graph(_small(), focus="az", side_pairs=table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["BRICS – SCO", "BRICS – West"]
    texts = [t.get_text() for t in ax.texts if t.get_gid() == "share"]
    assert texts == ["no path joins BRICS and SCO", "67% of 6 pairs; cut apart without Azerbaijan"]
    (bars,) = [c for c in ax.containers]
    assert [p.get_width() for p in bars] == pytest.approx([0.0, 4 / 6])
    assert ax.get_xlim() == (0.0, 1.0)
    with pytest.raises(ValueError, match="need a focus"):
        draw_bloc_graph(_small(), side_pairs=table)


def test_bloc_graph_needs_blocs():
    with pytest.raises(ValueError, match="no node has a bloc"):
        draw_bloc_graph(nx.path_graph(3))


# ------------------------------------------------------------------ save_figure


def _png(tmp_path, name, seed):
    G, blocs = _florentine_blocs()
    ax = draw_network(G, focus="Medici", color_by=blocs, seed=seed)
    path = save_figure(ax.figure, tmp_path / name)
    plt.close(ax.figure)
    return path.read_bytes()


@pytest.mark.slow
def test_png_is_byte_identical_for_same_seed(tmp_path):
    first = _png(tmp_path, "a.png", seed=0)
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == _png(tmp_path, "b.png", seed=0)
    assert first != _png(tmp_path, "c.png", seed=1)


@pytest.mark.slow
def test_claim_figures_are_byte_identical(tmp_path):
    from graph import io, networks
    from graph.pipeline import ClaimOptions, claim_for, figures_for, measures_for

    ds = io.load_dataset()
    views = networks.build_views(ds)
    result = claim_for(ds, options=ClaimOptions(samples=99, progress=False), views=views)
    runs = []
    for k in range(2):
        paths = figures_for(
            views, measures_for(views), tmp_path / str(k), focus="azerbaijan", view="actors",
            result=result, which=("measures", "null", "blocs"),
        )  # fmt: skip
        runs.append({p.name: p.read_bytes() for p in paths})
    assert sorted(runs[0]) == ["blocs.png", "measures.png", "null.png"]
    assert runs[0] == runs[1]


def test_save_figure_creates_dirs_and_leaves_no_temp(tmp_path):
    fig, _ = plt.subplots()
    path = save_figure(fig, tmp_path / "deep" / "dir" / "f.png", dpi=50)
    assert path == tmp_path / "deep" / "dir" / "f.png"
    assert [p.name for p in path.parent.iterdir()] == ["f.png"]
    assert b"Software" not in path.read_bytes()


def test_save_figure_cleans_up_on_failure(tmp_path):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="not supported"):
        save_figure(fig, tmp_path / "f.nosuchformat")
    assert list(tmp_path.iterdir()) == []


def test_exports_and_explorer_colour_a_bloc_as_the_figures_do():
    """One palette over every view: the states view's blocs keep the full view's colours."""
    from graph import io, networks
    from graph.report.explorer import explorer_data

    views = networks.build_views(io.load_dataset())
    palette = bloc_palette(*views.values())
    seen = {}
    for view in explorer_data(views)["views"]:
        for node in view["nodes"]:
            if node["bloc"]:
                seen.setdefault(node["bloc"], set()).add(node["color"])
    assert seen == {b: {palette[b]} for b in seen}
    alone = bloc_palette(views["states"])  # the states view's own order differs
    assert any(alone[b] != palette[b] for b in alone)


def test_degree_betweenness_with_everyone_at_one_point_names_them_once():
    G = nx.complete_graph(["jp", "us", "uk", "fr"])
    from graph.measures import actor_measures

    m = actor_measures(G)
    ax = draw_degree_betweenness(m, focus="jp")
    assert [t.get_text() for t in _labels(ax)] == ["jp"]
    legend = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    assert any(t.startswith("4 at degree 3, betweenness 0: jp (focus), ") for t in legend)
    assert not any("without room" in t for t in legend)
