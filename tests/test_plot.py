import itertools
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
from matplotlib.text import Text  # noqa: E402

from graph.fold import fold  # noqa: E402
from graph.plot import (  # noqa: E402
    BLOC_PALETTE,
    NO_BLOC_COLOR,
    TYPE_MARKERS,
    draw_bloc_graph,
    draw_ego,
    draw_measure_bars,
    draw_network,
    draw_null_distribution,
    figure_size_for,
    save_figure,
)


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


def test_title_names_view_and_focus():
    ax = draw_network(_small(), focus="az")
    assert ax.get_title(loc="left") == "actors view · 8 nodes, 9 ties · focus: Azerbaijan"
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
    assert ax.get_title(loc="left") == "full view · 3 nodes, 5 ties in 2 pairs · focus: A"
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


def test_same_seed_same_layout_other_seed_other_layout():
    G = _synthetic30()
    first = [c.get_offsets().copy() for c in _node_collections(draw_network(G, seed=1))]
    again = [c.get_offsets().copy() for c in _node_collections(draw_network(G, seed=1))]
    other = [c.get_offsets().copy() for c in _node_collections(draw_network(G, seed=2))]
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert any(not np.allclose(a, b) for a, b in zip(first, other, strict=True))


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
    assert ax.get_title(loc="left") == "Network · 0 nodes, 0 ties"


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


# ------------------------------------------------------------------ draw_ego


def test_ego_network_uses_whole_network_sizes():
    G = _small()
    ax = draw_ego(G, "us")
    assert sum(len(c.get_offsets()) for c in _node_collections(ax)) == 4  # us, az, eu, summit
    assert ax.get_title(loc="left") == "Ego network of United States (radius 1) · 4 of 8 nodes"
    assert "Size: betweenness (whole network)" in _legend_texts(ax)
    assert [c for c in ax.collections if c.get_gid() == "focus"]
    _assert_labels_clean(ax)
    ax = draw_ego(G, "us", radius=2)
    assert sum(len(c.get_offsets()) for c in _node_collections(ax)) == 7


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
    assert "observed = 0.52, p = 0.004, n = 500" in legend
    assert len(ax.patches) > 5  # the histogram


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
    assert [t.get_text() for t in ax.texts if t.get_gid() == "share"] == ["50%"]
    (edges,) = [c for c in ax.collections if c.get_gid() == "bloc-edges"]
    assert edges.get_linestyle()[0][1] is not None  # no direct tie: dotted


def test_bloc_share_labels_are_the_measures_shares():
    # a1 - f - b1 - c1 and a2 - b1; the focus's own pairs count (as in the report)
    G = nx.Graph([("a1", "f"), ("f", "b1"), ("b1", "c1"), ("a2", "b1")])
    blocs = {"a1": "A", "a2": "A", "f": "A", "b1": "B", "c1": "C"}
    ax = draw_bloc_graph(G, focus="f", blocs=blocs)
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "share") == [
        "0%",
        "33%",
        "33%",
    ]


def test_bloc_graph_florentine():
    G, blocs = _florentine_blocs()
    ax = draw_bloc_graph(G, focus="Medici", blocs=blocs)
    shares = [t.get_text() for t in ax.texts if t.get_gid() == "share"]
    assert len(shares) == 3
    assert all(s.endswith("%") for s in shares)
    (nodes,) = [c for c in ax.collections if c.get_gid() == "blocs"]
    assert len(nodes.get_offsets()) == 3
    assert [c for c in ax.collections if c.get_gid() == "focus"]
    assert "Medici" in ax.get_title(loc="left")


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


def test_png_is_byte_identical_for_same_seed(tmp_path):
    first = _png(tmp_path, "a.png", seed=0)
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == _png(tmp_path, "b.png", seed=0)
    assert first != _png(tmp_path, "c.png", seed=1)


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
