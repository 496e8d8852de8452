"""graph.fold: one fold for every module (weights, signs, provenance, bad weights)."""

import gc
import math

import networkx as nx
import numpy as np
import pytest

from graph import io, memory, networks
from graph.fold import (
    directed_arcs,
    fold,
    fold_arrays,
    fold_directed,
    topology,
    unique_inverse,
    unique_sorted,
)


@pytest.fixture(scope="module")
def full_view():
    return networks.view(io.load_dataset(), "full")


def test_fold_sums_parallel_and_reciprocal(full_view):
    S = fold(full_view)
    assert type(S) is nx.Graph
    assert sum(w for *_, w in S.edges(data="weight")) == pytest.approx(
        sum(w for *_, w in full_view.edges(data="weight"))
    )


def test_fold_keeps_positive_and_negative_apart():
    M = nx.MultiGraph()
    M.add_edge("az", "am", weight=1, sign=1, relation="negotiates_with", tie=3)
    M.add_edge("az", "am", weight=1, sign=0, relation="attends", tie=4)
    M.add_edge("am", "az", weight=1, sign=-1, relation="conflicts_with", tie=5)
    e = fold(M)["az"]["am"]
    assert (e["weight"], e["positive"], e["negative"], e["sign"]) == (3.0, 1.0, 1.0, 0)
    assert e["ties"] == [3, 4, 5]
    assert e["relations"] == ["attends", "conflicts_with", "negotiates_with"]


def test_fold_of_a_simple_graph_keeps_its_attributes():
    G = nx.Graph()
    G.add_edge("a", "b", weight=2.0, evidence=["q"], sign=1)
    e = fold(G)["a"]["b"]
    assert e["evidence"] == ["q"]
    assert (e["weight"], e["positive"], e["negative"]) == (2.0, 2.0, 0.0)
    assert "positive" not in G["a"]["b"]  # the caller's graph is not modified


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "strong", None])
def test_every_fold_refuses_the_same_bad_weights(bad):
    G = nx.Graph()
    G.add_edge("a", "b", weight=bad)
    with pytest.raises(ValueError, match="edge \\('a', 'b'\\) has weight="):
        fold(G)
    with pytest.raises(ValueError, match="edge \\('a', 'b'\\) has weight="):
        fold_arrays(G)
    assert fold(G, weight=None)["a"]["b"]["weight"] == 1.0


@pytest.mark.parametrize("bad", ["strong", None, 0])
def test_a_self_loop_with_a_bad_weight_drops_as_every_self_loop_does(bad):
    M = nx.MultiGraph()
    M.add_edge("a", "a", weight=bad)
    M.add_edge("a", "b", weight=2)
    M.add_edge("b", "a", weight=0.5)
    assert list(fold(M).edges(data="weight")) == [("a", "b", 2.5)]
    X = fold_arrays(M)
    assert (X.a.tolist(), X.b.tolist(), X.w.tolist()) == ([0], [1], [2.5])


def test_missing_weight_counts_one_and_self_loops_drop():
    M = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "a")])
    assert fold(M)["a"]["b"]["weight"] == 2.0
    assert not fold(M).has_edge("a", "a")
    X = fold_arrays(M)
    assert (X.a.tolist(), X.b.tolist(), X.w.tolist()) == ([0], [1], [2.0])


@pytest.mark.parametrize("seed", range(4))
def test_arrays_and_graph_fold_agree(seed):
    rng = np.random.default_rng(seed)
    M = nx.MultiGraph()
    M.add_nodes_from(range(12))
    for _ in range(40):
        u, v = (int(x) for x in rng.integers(0, 12, 2))
        M.add_edge(u, v, weight=float(rng.integers(1, 4)))
    S = fold(M)
    X = fold_arrays(M)
    by_pair = {(X.nodes[a], X.nodes[b]): w for a, b, w in zip(X.a, X.b, X.w, strict=True)}
    assert len(by_pair) == S.number_of_edges()
    for (u, v), w in by_pair.items():
        assert math.isclose(S[u][v]["weight"], w)


def test_topology_and_directed_variants():
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", directed=False, weight=5)
    M.add_edge("b", "c")
    M.add_edge("c", "c")
    T = topology(M)
    assert sorted(T.edges()) == [("a", "b"), ("b", "c")]
    assert T["a"]["b"] == {}
    assert sorted(fold_directed(M).edges()) == [("a", "b"), ("b", "a"), ("b", "c")]


def test_arrays_are_folded_once_per_graph_while_reused():
    """Inside arrays_reused a graph is folded once per weight (read-only); outside, every time."""
    import gc

    from graph import memory
    from graph.nulls import two_mode_arrays

    G = networks.view(io.load_dataset(), "actors")
    assert fold_arrays(G) is not fold_arrays(G)
    with memory.arrays_reused():
        X = fold_arrays(G)
        assert fold_arrays(G) is X
        assert fold_arrays(G, None) is not X
        assert not X.a.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            X.w[0] = 2.0
        tm = two_mode_arrays(G)
        assert two_mode_arrays(G, list(G)) is tm
        assert two_mode_arrays(G, list(G)[::-1]) is not tm  # another node order: built anew
        H = G.copy()
        assert fold_arrays(H) is not X  # an equal graph is another graph
        np.testing.assert_array_equal(fold_arrays(H).w, X.w)
        memo = memory._MEMO.get()
        before = len(memo)
        del H
        gc.collect()
        assert len(memo) == before - 1  # a dead graph's arrays go with it
    assert not memory.reusing()
    assert fold_arrays(G).a.flags.writeable


@pytest.mark.parametrize("seed", range(4))
def test_shared_floats_give_the_values_of_tolist_with_one_object_per_value(seed):
    """The same floats bit for bit (NaN, infinities, -0.0 kept apart from 0.0); equal
    values one object when they repeat, as the weights of 10^6 ties do."""
    import struct

    from graph.memory import shared_floats

    rng = np.random.default_rng(seed)
    a = rng.integers(1, 6, 400).astype(float) / 2
    specials = [np.nan, np.inf, -np.inf, 0.0, 1e-300, 2.5]
    a[rng.integers(0, a.size, 40)] = rng.choice(specials, 40)

    def bits(xs):
        return [struct.pack("<d", x) for x in xs]

    got = shared_floats(a)
    assert all(type(x) is float for x in got)
    assert bits(got) == bits(a.tolist())
    assert len({id(x) for x in got}) == len(set(bits(got)))  # one object per value
    with_negative_zero = a.copy()
    with_negative_zero[3] = -0.0
    got = shared_floats(with_negative_zero)
    assert bits(got) == bits(with_negative_zero.tolist())  # -0.0 stays -0.0
    distinct = rng.random(50)  # nearly all distinct: tolist's own objects, nothing to share
    assert shared_floats(distinct) == distinct.tolist()


def test_long_lived_freezes_within_the_block_only():
    """What exists at the start is frozen inside the block, and thawed after, even on an error."""
    kept = [[n] for n in range(100)]
    with memory.long_lived():
        frozen = gc.get_freeze_count()
        assert frozen >= len(kept)
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), memory.long_lived():
        raise RuntimeError("stop")
    assert gc.get_freeze_count() == 0


def test_long_lived_leaves_a_freeze_made_elsewhere():
    """Python keeps one frozen set: a block inside someone else's freeze changes nothing."""
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with memory.long_lived():
            pass
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("high", [1, 7, 1000, 10**12])
def test_unique_helpers_give_what_numpy_unique_gives(high):
    rng = np.random.default_rng(high)
    for size in (0, 1, 2, 50, 5000):
        x = rng.integers(0, high, size)
        keys, inverse = np.unique(x, return_inverse=True)
        got_keys, got_inverse = unique_inverse(x)
        assert np.array_equal(got_keys, keys)
        assert got_keys.dtype == keys.dtype
        assert np.array_equal(got_inverse, inverse.ravel())
        assert np.array_equal(unique_sorted(x), keys)


@pytest.mark.parametrize("kind", [nx.Graph, nx.MultiGraph, nx.DiGraph, nx.MultiDiGraph])
def test_directed_arcs_are_the_ties_both_ways_where_undirected(kind):
    """Every arc once, sorted: a tie of an undirected graph, or marked directed=False, both ways."""
    rng = np.random.default_rng(3)
    for _ in range(20):
        G = kind()
        G.add_nodes_from(f"n{i}" for i in range(rng.integers(1, 25)))
        nodes = list(G)
        for _ in range(rng.integers(0, 60)):
            u, v = rng.choice(len(nodes), 2)
            G.add_edge(nodes[u], nodes[v], directed=[True, False, None][rng.integers(3)])
        index = {v: i for i, v in enumerate(reversed(nodes))}  # positions not in G's order
        want = set()
        for u, v, d in G.edges(data=True):
            if u != v:
                want.add((index[u], index[v]))
                if not G.is_directed() or d["directed"] is False:
                    want.add((index[v], index[u]))
        src, dst = directed_arcs(G, index)
        assert list(zip(src.tolist(), dst.tolist(), strict=True)) == sorted(want)


def test_a_graph_without_its_cached_views_is_freed_by_reference_counting(dataset):
    """networkx's cached views tie a graph into a cycle; forgetting them lets it go at once."""
    import weakref

    enabled = gc.isenabled()
    gc.disable()
    try:
        for forget in (False, True):
            views = networks.build_views(dataset)
            for G in views.values():  # read every cached view a run reads
                read = len(G.nodes) + len(G.edges) + len(G.degree) + len(G.adj)
                assert read > 0
            if forget:
                memory.without_cached_views(*views.values())
            alive = [weakref.ref(G) for G in views.values()]
            del views, G
            assert all(r() is None for r in alive) is forget
            gc.collect()  # the cycles of the first round
    finally:
        if enabled:
            gc.enable()
