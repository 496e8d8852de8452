"""Tests for graph.measures: hand-derived values on tiny graphs, published values."""

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graph.measures import (
    MEASURES,
    actor_measures,
    bloc_pair_betweenness,
    bloc_pair_shares,
    eigenvector,
    fragmentation,
)

# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def bridge_graph():
    """Two triangles {a,b,c} and {d,e,f} joined through the bridge node x (c - x - d)."""
    G = nx.Graph(
        [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")]
        + [("c", "x"), ("x", "d")]
    )
    blocs = {"a": "W", "b": "W", "c": "W", "d": "E", "e": "E", "f": "E"}
    nx.set_node_attributes(G, blocs, "bloc")  # x has no bloc
    return G


@pytest.fixture
def disconnected_graph():
    """Triangle {0,1,2}, edge {3,4}, isolate 5."""
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4)])
    G.add_node(5)
    return G


@pytest.fixture
def borgatti_graph():
    """Borgatti (1997), Connections 20(1): the graph of networkx's structural-holes tests."""
    edges = {
        ("A", "B"): 2,
        ("A", "F"): 3,
        ("A", "G"): 5,
        ("A", "E"): 2,
        ("E", "G"): 8,
        ("F", "G"): 3,
        ("B", "G"): 4,
        ("B", "D"): 1,
        ("D", "G"): 3,
        ("G", "C"): 10,
    }
    G = nx.Graph()
    for (u, v), w in edges.items():
        G.add_edge(u, v, weight=w)
    return G


# --------------------------------------------------------------------------- table shape


def test_columns_index_and_dtypes(bridge_graph):
    df = actor_measures(bridge_graph)
    assert tuple(df.columns) == MEASURES
    assert df.index.name == "actor"
    assert list(df.index) == list(bridge_graph)
    assert df["degree"].dtype.kind == "i"
    assert df["articulation_point"].dtype == bool
    for col in MEASURES[4:]:
        if col != "articulation_point":
            assert df[col].dtype == float, col


def test_missing_attributes_are_missing_not_errors():
    df = actor_measures(nx.path_graph(3))
    assert df[["label", "type", "bloc"]].isna().all().all()
    assert df["bloc_pair_betweenness"].isna().all()


def test_node_attributes_carried():
    G = nx.Graph([("az", "tr")])
    G.nodes["az"].update(label="Azerbaijan", type="state", bloc="South Caucasus")
    df = actor_measures(G)
    assert df.loc["az", "label"] == "Azerbaijan"
    assert df.loc["az", "type"] == "state"
    assert df.loc["az", "bloc"] == "South Caucasus"
    assert pd.isna(df.loc["tr", "label"])


def test_empty_graph():
    df = actor_measures(nx.Graph())
    assert tuple(df.columns) == MEASURES
    assert len(df) == 0


def test_single_node():
    G = nx.Graph()
    G.add_node("solo")
    row = actor_measures(G).loc["solo"]
    assert row["degree"] == 0
    assert row["betweenness"] == 0.0
    assert math.isnan(row["harmonic"])  # n - 1 = 0
    assert math.isnan(row["constraint"])
    assert math.isnan(row["fragmentation"])


# --------------------------------------------------------------------------- path 0 - 1 - 2


def test_path_hand_values():
    df = actor_measures(nx.path_graph(3))
    assert df["degree"].tolist() == [1, 2, 1]
    assert df["betweenness"].tolist() == [0.0, 1.0, 0.0]
    # closeness (n-1)/sum d: leaf 2/3, middle 2/2
    assert df["closeness"].tolist() == pytest.approx([2 / 3, 1.0, 2 / 3])
    # harmonic (1 + 1/2)/2 for a leaf, (1 + 1)/2 for the middle
    assert df["harmonic"].tolist() == pytest.approx([0.75, 1.0, 0.75])
    # adjacency eigenvector for lambda = sqrt(2): (1, sqrt 2, 1)/2
    assert df["eigenvector"].tolist() == pytest.approx([0.5, math.sqrt(2) / 2, 0.5])
    # PageRank: leaf p = 0.05 + 0.425 q, middle q = 0.05 + 1.7 p  =>  q = 0.135/0.2775
    q = 0.135 / 0.2775
    p = (1 - q) / 2
    assert df["pagerank"].tolist() == pytest.approx([p, q, p], abs=1e-6)
    # constraint: middle 2 * (1/2)^2, leaves (1)^2; effective size 2 and 1
    assert df["constraint"].tolist() == pytest.approx([1.0, 0.5, 1.0])
    assert df["effective_size"].tolist() == pytest.approx([1.0, 2.0, 1.0])
    assert df["articulation_point"].tolist() == [False, True, False]
    # 3 pairs connected; a leaf's removal leaves 1, the middle's leaves 0
    assert df["fragmentation"].tolist() == pytest.approx([2 / 3, 1.0, 2 / 3])


# --------------------------------------------------------------------------- star


def test_star_hand_values():
    G = nx.star_graph(4)  # hub 0, leaves 1..4
    df = actor_measures(G)
    assert df.loc[0, "betweenness"] == 1.0
    assert (df.loc[1:, "betweenness"] == 0.0).all()
    assert df.loc[0, "constraint"] == pytest.approx(4 * (1 / 4) ** 2)
    assert df.loc[0, "effective_size"] == pytest.approx(4.0)
    assert df.loc[0, "fragmentation"] == 1.0
    # 10 pairs; removing a leaf loses its 4 pairs
    assert df.loc[1, "fragmentation"] == pytest.approx(4 / 10)
    assert df["articulation_point"].tolist() == [True, False, False, False, False]
    # hub eigenvector: lambda = 2, x = (2, 1, 1, 1, 1)/sqrt(8)
    assert df.loc[0, "eigenvector"] == pytest.approx(2 / math.sqrt(8))


# --------------------------------------------------------------------------- two triangles + bridge


def test_bridge_betweenness(bridge_graph):
    df = actor_measures(bridge_graph)
    # 15 pairs among the other 6 nodes; x lies on the 9 between the triangles
    assert df.loc["x", "betweenness"] == pytest.approx(9 / 15)
    # c lies on (a|b) x (x, d, e, f): 8 pairs
    assert df.loc["c", "betweenness"] == pytest.approx(8 / 15)
    assert df.loc["a", "betweenness"] == 0.0
    assert df.loc["x", "betweenness"] == df["betweenness"].max()


def test_bridge_fragmentation(bridge_graph):
    frag = fragmentation(bridge_graph)
    # 21 pairs; without x: two triangles, 6 pairs; without c: {a,b} 1 + {x,d,e,f} 6
    assert frag["x"] == pytest.approx(15 / 21)
    assert frag["c"] == pytest.approx(14 / 21)
    assert frag["a"] == pytest.approx(6 / 21)  # only its own pairs
    df = actor_measures(bridge_graph)
    assert set(df.index[df["articulation_point"]]) == {"c", "x", "d"}


def test_bridge_constraint_and_effective_size(bridge_graph):
    df = actor_measures(bridge_graph)
    # c: (1/3 + 1/3*1/2)^2 * 2 + (1/3)^2 = 1/2 + 1/9
    assert df.loc["c", "constraint"] == pytest.approx(11 / 18)
    assert df.loc["x", "constraint"] == pytest.approx(0.5)
    # a: (1/2 + 1/2*1/3)^2 + (1/2 + 1/2*1/2)^2 = 4/9 + 9/16
    assert df.loc["a", "constraint"] == pytest.approx(145 / 144)
    # effective size n - 2t/n
    assert df.loc["c", "effective_size"] == pytest.approx(3 - 2 / 3)
    assert df.loc["x", "effective_size"] == pytest.approx(2.0)
    assert df.loc["a", "effective_size"] == pytest.approx(1.0)


def test_bridge_bloc_pair_betweenness_singleton_unassigned(bridge_graph):
    # x has no bloc: it is its own bloc. Cross pairs: W x E 9, W x {x} 3, E x {x} 3 = 15.
    bpb = bloc_pair_betweenness(bridge_graph)
    assert bpb["x"] == pytest.approx(9 / 15)
    assert bpb["c"] == pytest.approx(8 / 15)  # (a|b) x (x, d, e, f)
    assert bpb["a"] == 0.0


def test_bridge_bloc_pair_betweenness_mapping(bridge_graph):
    blocs = {"a": "W", "b": "W", "c": "W", "x": "W", "d": "E", "e": "E", "f": "E"}
    bpb = bloc_pair_betweenness(bridge_graph, blocs)
    # 12 cross pairs {a,b,c,x} x {d,e,f}: x inside 9, c inside 6, d inside 8
    assert bpb["x"] == pytest.approx(9 / 12)
    assert bpb["c"] == pytest.approx(6 / 12)
    assert bpb["d"] == pytest.approx(8 / 12)
    df = actor_measures(bridge_graph, blocs=blocs)
    assert df.loc["x", "bloc"] == "W"
    assert df.loc["x", "bloc_pair_betweenness"] == pytest.approx(0.75)


def test_bloc_pair_betweenness_one_bloc_or_none_is_nan(bridge_graph):
    assert all(math.isnan(v) for v in bloc_pair_betweenness(bridge_graph, None).values())
    one = dict.fromkeys(bridge_graph, "W")
    assert all(math.isnan(v) for v in bloc_pair_betweenness(bridge_graph, one).values())


def test_bloc_pair_betweenness_counts_path_shares():
    # square a-b-d, a-c-d: the pair (a, d) has two shortest paths, b and c get 1/2 each
    G = nx.cycle_graph(["a", "b", "d", "c"])
    blocs = {"a": "L", "b": "M", "c": "M", "d": "R"}
    bpb = bloc_pair_betweenness(G, blocs)
    # cross pairs: (a,b) (a,c) (a,d) (b,d) (c,d) -- (b,c) is within M; 5 pairs
    # b carries half of (a, d); a and d sit inside (b, c) only, which is not cross-bloc
    assert bpb["b"] == pytest.approx(0.5 / 5)
    assert bpb["a"] == pytest.approx(0.0)


# --------------------------------------------------------------------------- disconnected + isolate


def test_disconnected_graph(disconnected_graph):
    df = actor_measures(disconnected_graph)
    # each non-trivial component gets norm sqrt(|C|/5): every node 1/sqrt(5) here
    assert df.loc[0:4, "eigenvector"].tolist() == pytest.approx([1 / math.sqrt(5)] * 5)
    assert df.loc[5, "eigenvector"] == 0.0
    assert np.linalg.norm(df["eigenvector"]) == pytest.approx(1.0)
    # 4 connected pairs: a triangle node loses 2, an edge node 1, the isolate 0
    assert df["fragmentation"].tolist() == pytest.approx([0.5, 0.5, 0.5, 0.25, 0.25, 0.0])
    assert math.isnan(df.loc[5, "constraint"])
    assert math.isnan(df.loc[5, "effective_size"])
    assert df.loc[5, "closeness"] == 0.0
    assert df.loc[0, "harmonic"] == pytest.approx(2 / 5)
    assert df.loc[3, "harmonic"] == pytest.approx(1 / 5)
    assert not df["articulation_point"].any()
    assert (df["betweenness"] == 0.0).all()


def test_eigenvector_components_unequal():
    # star K1,3 (lambda sqrt 3) and an edge: norms sqrt(4/6) and sqrt(2/6)
    G = nx.star_graph(3)
    G.add_edge("u", "v")
    e = eigenvector(G)
    star = np.array([e[i] for i in range(4)])
    assert np.linalg.norm(star) == pytest.approx(math.sqrt(4 / 6))
    assert e["u"] == pytest.approx(math.sqrt(2 / 6) / math.sqrt(2))
    assert star[0] / star[1] == pytest.approx(math.sqrt(3))


def test_eigenvector_no_edges():
    G = nx.empty_graph(3)
    assert eigenvector(G) == {0: 0.0, 1: 0.0, 2: 0.0}


def test_eigenvector_large_component_uses_sparse_solver():
    G = nx.connected_watts_strogatz_graph(600, 4, 0.1, seed=3)
    mine = eigenvector(G)
    ref = nx.eigenvector_centrality_numpy(G)
    assert max(abs(mine[v] - ref[v]) for v in G) < 1e-8


def test_fragmentation_no_edges_is_nan():
    assert all(math.isnan(v) for v in fragmentation(nx.empty_graph(3)).values())


def _brute_fragmentation(G):
    def connected_pairs(H):
        return sum(len(c) * (len(c) - 1) // 2 for c in nx.connected_components(H))

    before = connected_pairs(G)
    return {v: (before - connected_pairs(G.subgraph(set(G) - {v}))) / before for v in G}


def _brute_bloc_pair(G, bloc):
    pairs, score = 0, dict.fromkeys(G, 0.0)
    for s, t in itertools.combinations(G, 2):
        if bloc[s] == bloc[t] or not nx.has_path(G, s, t):
            continue
        pairs += 1
        paths = list(nx.all_shortest_paths(G, s, t))
        for path in paths:
            for v in path[1:-1]:
                score[v] += 1 / len(paths)
    return {v: x / pairs for v, x in score.items()}


@pytest.mark.parametrize("seed", range(12))
def test_fragmentation_and_bloc_pairs_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(int(rng.integers(6, 16)), float(rng.uniform(0.1, 0.4)), seed=seed)
    G.add_edge(0, 1)
    frag = fragmentation(G)
    for v, f in _brute_fragmentation(G).items():
        assert frag[v] == pytest.approx(f, abs=1e-12)
    bloc = {v: v % 3 for v in G}
    bpb = bloc_pair_betweenness(G, bloc)
    for v, b in _brute_bloc_pair(G, bloc).items():
        assert bpb[v] == pytest.approx(b, abs=1e-12)


@pytest.mark.slow
def test_fragmentation_is_linear_not_quadratic():
    """A 100,000-node path: one removal per node (quadratic) would take hours; one DFS, a second."""
    G = nx.path_graph(100_000)
    frag = fragmentation(G)
    assert frag[0] == pytest.approx(99_999 / (100_000 * 99_999 / 2))
    assert max(frag, key=frag.get) in (49_999, 50_000)


# --------------------------------------------------------------------------- weights, folding


def test_weighted_betweenness_uses_inverse_weight():
    # strong ties a-b, b-c (distance 1/4 each) beat the weak a-c (distance 1)
    G = nx.Graph()
    G.add_edge("a", "b", weight=4)
    G.add_edge("b", "c", weight=4)
    G.add_edge("a", "c", weight=1)
    df = actor_measures(G)
    assert df.loc["b", "betweenness"] == 0.0
    assert df.loc["b", "betweenness_weighted"] == 1.0
    assert df.loc["b", "weighted_degree"] == 8.0
    assert "_distance" not in G["a"]["b"]  # caller's graph untouched


def test_multidigraph_folds_to_simple_undirected():
    M = nx.MultiDiGraph()
    M.add_node("a", label="A", bloc="W")
    M.add_edge("a", "b", weight=1.0, relation="meets")
    M.add_edge("a", "b", weight=2.0, relation="signs")
    M.add_edge("b", "a", weight=0.5, relation="visits")
    M.add_edge("b", "c", weight=1.0)
    M.add_edge("c", "c", weight=9.0)  # self-loop dropped
    df = actor_measures(M)
    assert df.loc["a", "weighted_degree"] == 3.5
    assert df.loc["a", "degree"] == 1
    assert df.loc["c", "weighted_degree"] == 1.0
    assert df.loc["b", "betweenness"] == 1.0
    assert df.loc["a", "label"] == "A"
    assert M.number_of_edges() == 5


def test_weight_none_counts_ties():
    G = nx.Graph()
    G.add_edge("a", "b", weight=5)
    assert actor_measures(G, weight=None).loc["a", "weighted_degree"] == 1.0


def test_bad_weight_raises():
    G = nx.Graph()
    G.add_edge("a", "b", weight=-1)
    with pytest.raises(ValueError, match="weight=None"):
        actor_measures(G)
    G["a"]["b"]["weight"] = "strong"
    with pytest.raises(ValueError, match="not a number"):
        actor_measures(G)


def test_bad_blocs_type_raises(bridge_graph):
    with pytest.raises(TypeError, match="blocs must be"):
        actor_measures(bridge_graph, blocs=3)


def test_betweenness_k_is_seeded():
    G = nx.gnm_random_graph(60, 150, seed=2)
    a = actor_measures(G, betweenness_k=10, seed=7)["betweenness"]
    b = actor_measures(G, betweenness_k=10, seed=7)["betweenness"]
    pd.testing.assert_series_equal(a, b)


# --------------------------------------------------------------------------- published examples


def test_florentine_medici():
    """Padgett's Florentine marriage network: the Medici are the broker."""
    df = actor_measures(nx.florentine_families_graph())
    assert df["betweenness"].idxmax() == "Medici"
    assert df.loc["Medici", "betweenness"] == pytest.approx(0.521978, abs=1e-6)
    assert df["constraint"].idxmin() == "Medici"
    assert df["fragmentation"].idxmax() == "Medici"
    ref = nx.eigenvector_centrality_numpy(nx.florentine_families_graph())
    assert df["eigenvector"].to_dict() == pytest.approx(ref, abs=1e-10)


def test_borgatti_structural_holes_unweighted(borgatti_graph):
    """UCINET values (Borgatti 1997), as in networkx's own tests."""
    df = actor_measures(borgatti_graph, weight=None)
    assert df.loc["G", "constraint"] == pytest.approx(0.400, abs=1e-3)
    assert df.loc["A", "constraint"] == pytest.approx(0.595, abs=1e-3)
    assert df.loc["C", "constraint"] == pytest.approx(1.0, abs=1e-3)
    assert df.loc["G", "effective_size"] == pytest.approx(4.67, abs=1e-2)
    assert df.loc["A", "effective_size"] == pytest.approx(2.50, abs=1e-2)
    assert df.loc["C", "effective_size"] == pytest.approx(1.0, abs=1e-2)


def test_borgatti_structural_holes_weighted(borgatti_graph):
    df = actor_measures(borgatti_graph)
    assert df.loc["G", "constraint"] == pytest.approx(0.299, abs=1e-3)
    assert df.loc["A", "constraint"] == pytest.approx(0.795, abs=1e-3)
    assert df.loc["C", "constraint"] == pytest.approx(1.0, abs=1e-3)
    assert df.loc["G", "effective_size"] == pytest.approx(5.47, abs=1e-2)
    assert df.loc["A", "effective_size"] == pytest.approx(2.47, abs=1e-2)
    assert df.loc["C", "effective_size"] == pytest.approx(1.0, abs=1e-2)


def test_karate_club_runs_and_is_consistent():
    G = nx.karate_club_graph()
    df = actor_measures(G, blocs="club")
    assert df.loc[0, "bloc"] == "Mr. Hi"
    ref = nx.betweenness_centrality(G)
    assert df["betweenness"].to_dict() == pytest.approx(ref)
    assert df["bloc_pair_betweenness"].notna().all()
    assert np.linalg.norm(df["eigenvector"]) == pytest.approx(1.0)


def test_weighted_effective_size_matches_networkx_per_node_path():
    """networkx 3.6's vectorized effective_size is wrong when weighted (PR #8906); ours is not."""
    G = nx.gnp_random_graph(30, 0.15, seed=5)
    G.add_node("iso")
    rng = np.random.default_rng(5)
    for u, v in G.edges:
        G[u][v]["weight"] = int(rng.integers(1, 6))
    df = actor_measures(G)
    ref = nx.effective_size(G, weight="weight", nodes=list(G))
    assert df["effective_size"].to_dict() == pytest.approx(ref, nan_ok=True)


def test_tuple_node_ids_stay_one_index_level():
    df = actor_measures(nx.grid_2d_graph(2, 3))
    assert df.index.nlevels == 1
    assert df.index[0] == (0, 0)


def test_bloc_pair_shares_hand_counted_and_sum_to_bloc_pair_betweenness():
    # a1 - f - b1 - c1 and a2 - b1. (A,B): a1-b1 via f, a2-b1 and f-b1 not -> 1/3;
    # (A,C): a1-c1 via f, a2-c1 and f-c1 not -> 1/3; (B,C): b1-c1 direct -> 0.
    G = nx.Graph([("a1", "f"), ("f", "b1"), ("b1", "c1"), ("a2", "b1")])
    blocs = {"a1": "A", "a2": "A", "f": "A", "b1": "B", "c1": "C"}
    table = bloc_pair_shares(G, "f", blocs)
    got = {
        (a, b): (round(s, 12), p)
        for a, b, s, p in table[["bloc_a", "bloc_b", "share", "pairs"]].itertuples(index=False)
    }
    assert got == {
        ("A", "B"): (round(1 / 3, 12), 3),
        ("A", "C"): (round(1 / 3, 12), 3),
        ("B", "C"): (0.0, 1),
    }
    assert table["through"].sum() / table["pairs"].sum() == pytest.approx(
        bloc_pair_betweenness(G, blocs)["f"]
    )


@pytest.mark.parametrize("seed", range(5))
def test_bloc_pair_shares_sum_to_bloc_pair_betweenness_with_missing_blocs(seed):
    G = nx.gnp_random_graph(25, 0.12, seed=seed)
    blocs = {v: (None if v % 5 == 0 else f"b{v % 3}") for v in G}
    focus = max(G, key=G.degree)
    table = bloc_pair_shares(G, focus, blocs)
    assert table["through"].sum() / table["pairs"].sum() == pytest.approx(
        bloc_pair_betweenness(G, blocs)[focus]
    )


@pytest.mark.slow
def test_constraint_of_a_dense_graph_walks_its_triangles(monkeypatch):
    """Burt's constraint and effective size, triangles listed or walked one at a time: the
    same numbers; on K_300 (4.5 million triangles) in memory linear in the ties."""
    import tracemalloc

    from graph.fold import fold_arrays
    from graph.measures import structural, triangles

    G = nx.gnp_random_graph(70, 0.4, seed=5)
    for u, v, d in G.edges(data=True):
        d["weight"] = 1 + (u * v) % 3
    listed = actor_measures(G, weight="weight", backend="igraph")
    monkeypatch.setattr(triangles, "WEDGES_LISTED", 0)
    walked = actor_measures(G, weight="weight", backend="igraph")
    for column in ("constraint", "effective_size"):
        np.testing.assert_allclose(walked[column], listed[column], rtol=1e-12)
    monkeypatch.undo()
    K = fold_arrays(nx.complete_graph(300), None)
    structural.holes(fold_arrays(nx.complete_graph(30), None), np.ones(435), None)  # compile
    tracemalloc.start()
    try:
        constraint, size = structural.holes(K, np.ones(K.a.size), None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000 * K.a.size
    np.testing.assert_allclose(size, 1.0)  # every contact redundant but one's worth
