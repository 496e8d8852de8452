"""The engines of graph.measures (igraph, and the compiled kernels) against the networkx
reference; sampling; the generator and the benchmark script of bench/."""

import importlib.util
import math
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import graph.measures as gm
import graph.measures.table as gm_table
from graph import sizes
from graph.fold import fold_arrays
from graph.measures import MEASURES, actor_measures, kernels

ROOT = Path(__file__).resolve().parent.parent
NUMERIC = [c for c in MEASURES[3:] if c != "articulation_point"]


@pytest.fixture(params=["igraph", "kernels"])
def engine(request):
    """The shortest-path measures on igraph, or on the compiled kernels."""
    return request.param


def _both(G, engine="igraph", **kw):
    fast = actor_measures(G, backend=engine, **kw)
    ref = actor_measures(G, backend="networkx", **kw)
    assert fast.attrs["backend"] == engine
    return fast, ref


def _assert_agree(fast, ref, tol=1e-9):
    assert list(fast.columns) == list(ref.columns)
    assert list(fast.index) == list(ref.index)
    assert fast.dtypes.equals(ref.dtypes)
    for c in ("label", "type", "bloc", "articulation_point"):
        assert fast[c].tolist() == ref[c].tolist(), c
    for c in NUMERIC:
        a, b = fast[c].to_numpy(float), ref[c].to_numpy(float)
        assert np.array_equal(np.isnan(a), np.isnan(b)), c
        ok = ~np.isnan(a)
        assert np.abs(a[ok] - b[ok]).max(initial=0.0) <= tol, (c, np.abs(a[ok] - b[ok]).max())


def _weighted_gnp(n, p, seed, weights=(1, 2, 3, 4, 5)):
    G = nx.gnp_random_graph(n, p, seed=seed)
    rng = np.random.default_rng(seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.choice(weights))
    return G


def _bridge():
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")])
    G.add_edges_from([("c", "x"), ("x", "d")])
    nx.set_node_attributes(G, {"a": "W", "b": "W", "c": "W", "d": "E", "e": "E", "f": "E"}, "bloc")
    return G


def _disconnected():
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (5, 6), (6, 7)])
    G.add_node(8)
    nx.set_node_attributes(G, {0: "A", 1: "B", 3: "A", 4: "B", 5: "A", 6: "A", 7: "B"}, "bloc")
    return G


CASES = {
    "path": lambda: nx.path_graph(3),
    "star": lambda: nx.star_graph(4),
    "bridge": _bridge,
    "disconnected": _disconnected,
    "florentine": nx.florentine_families_graph,
    "karate": nx.karate_club_graph,
    "grid": lambda: nx.grid_2d_graph(3, 4),
    "weighted": lambda: _weighted_gnp(40, 0.12, 1),
    "weighted_sparse": lambda: _weighted_gnp(60, 0.04, 2),
    "complete": lambda: nx.complete_graph(6),
    "edgeless": lambda: nx.empty_graph(4),
    "single": lambda: nx.empty_graph(1),
    "pair": lambda: nx.path_graph(2),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_path_agrees_with_networkx(name, engine):
    G = CASES[name]()
    blocs = "club" if name == "karate" else "bloc"
    _assert_agree(*_both(G, engine, blocs=blocs))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_agreement_random_graphs_with_blocs(seed, engine):
    rng = np.random.default_rng(seed)
    G = _weighted_gnp(int(rng.integers(10, 50)), float(rng.uniform(0.03, 0.3)), seed)
    blocs = {v: (None if v % 7 == 0 else f"b{v % 3}") for v in G}
    _assert_agree(*_both(G, engine, blocs=blocs))
    _assert_agree(*_both(G, engine, blocs=blocs, weight=None))


def test_agreement_on_multidigraph_and_weight_none(engine):
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", weight=1.0)
    M.add_edge("a", "b", weight=2.0)
    M.add_edge("b", "a", weight=0.5)
    M.add_edges_from([("b", "c"), ("c", "d"), ("d", "a"), ("c", "e"), ("e", "e")])
    M.nodes["a"]["bloc"] = "X"
    M.nodes["d"]["bloc"] = "Y"
    _assert_agree(*_both(M, engine))
    _assert_agree(*_both(M, engine, weight=None))


def test_weighted_betweenness_uses_inverse_weight_on_igraph(engine):
    G = nx.Graph()
    G.add_edge("a", "b", weight=4)
    G.add_edge("b", "c", weight=4)
    G.add_edge("a", "c", weight=1)
    df = actor_measures(G, backend=engine)
    assert df.loc["b", "betweenness"] == 0.0
    assert df.loc["b", "betweenness_weighted"] == 1.0
    assert "_distance" not in G["a"]["b"]


def test_bad_weights_raise_the_reference_message():
    G = nx.Graph()
    G.add_edge("a", "b", weight=-1)
    with pytest.raises(ValueError, match="weight=None"):
        actor_measures(G, backend="igraph")
    G["a"]["b"]["weight"] = "strong"
    with pytest.raises(ValueError, match="not a number"):
        actor_measures(G, backend="igraph")
    G["a"]["b"]["weight"] = None
    with pytest.raises(ValueError, match="not a number"):
        actor_measures(G, backend="igraph")


def test_bad_options_raise():
    G = nx.path_graph(4)
    with pytest.raises(ValueError, match="backend"):
        actor_measures(G, backend="graph-tool")
    with pytest.raises(ValueError, match="cannot be sampled"):
        actor_measures(G, betweenness_k=5)
    with pytest.raises(ValueError, match="betweenness_k"):
        actor_measures(G, betweenness_k="all")


# --------------------------------------------------------------------------- sampling


def test_exact_reports_no_estimate():
    df = actor_measures(nx.karate_club_graph())
    assert df.attrs["backend"] == "igraph"  # "auto" below the KERNELS size rule
    assert df.attrs["betweenness_k"] is None
    assert df.attrs["estimated"] == ()
    assert df.attrs["betweenness_error"] == 0.0


def test_all_sources_sampled_is_exact(engine):
    G = _weighted_gnp(30, 0.15, 4)
    nx.set_node_attributes(G, {v: v % 3 for v in G}, "bloc")
    full = actor_measures(G, backend=engine, betweenness_k=len(G), seed=1)
    exact = actor_measures(G, backend=engine, betweenness_k=None)
    _assert_agree(full, exact)
    assert full.attrs["betweenness_k"] == len(G)
    assert full.attrs["betweenness_error"] == 0.0  # finite population correction


def test_sampled_estimates_are_reported_seeded_and_close(engine):
    G = nx.barabasi_albert_graph(400, 3, seed=2)
    nx.set_node_attributes(G, {v: v % 4 for v in G}, "bloc")
    a = actor_measures(G, backend=engine, betweenness_k=200, seed=7)
    b = actor_measures(G, backend=engine, betweenness_k=200, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["betweenness_k"] == 200
    assert set(a.attrs["estimated"]) == {
        "betweenness",
        "betweenness_weighted",
        "closeness",
        "harmonic",
        "bloc_pair_betweenness",
    }
    se = a.attrs["betweenness_error"]
    assert 0 < se < 0.05
    exact = actor_measures(G, backend=engine, betweenness_k=None)
    err = (a["betweenness"] - exact["betweenness"]).abs().max()
    assert err < 5 * se  # the reported standard error is of the right size
    for col, tol in (("closeness", 0.02), ("harmonic", 0.02), ("bloc_pair_betweenness", 0.05)):
        assert (a[col] - exact[col]).abs().max() < tol, col
    # the unchanged measures stay exact
    for col in ("degree", "pagerank", "constraint", "effective_size", "fragmentation"):
        pd.testing.assert_series_equal(a[col], exact[col])


def test_sampled_closeness_exact_on_components_without_a_source(engine):
    G = nx.disjoint_union(nx.barabasi_albert_graph(200, 2, seed=1), nx.path_graph(3))
    df = actor_measures(G, backend=engine, betweenness_k=20, seed=0)
    exact = actor_measures(G, backend=engine, betweenness_k=None)
    tail = [200, 201, 202]
    if not df.attrs["betweenness_k"]:
        pytest.fail("expected sampling")
    np.testing.assert_allclose(df.loc[tail, "closeness"], exact.loc[tail, "closeness"])


def test_auto_threshold(monkeypatch):
    G = nx.barabasi_albert_graph(60, 2, seed=3)
    assert actor_measures(G).attrs["betweenness_k"] is None
    monkeypatch.setattr(sizes, "EXACT_PATHS", 60 * 116 - 1)  # nodes x ties of G
    monkeypatch.setattr(gm_table, "APPROX_SOURCES", 30)
    df = actor_measures(G)
    assert df.attrs["betweenness_k"] == 30
    assert actor_measures(G, betweenness_k=None).attrs["betweenness_k"] is None


def test_networkx_backend_sampling_reports_nan_error():
    G = nx.gnm_random_graph(60, 150, seed=2)
    df = actor_measures(G, backend="networkx", betweenness_k=10, seed=7)
    assert df.attrs["betweenness_k"] == 10
    assert math.isnan(df.attrs["betweenness_error"])
    assert df.attrs["estimated"] == ("betweenness", "betweenness_weighted")


# --------------------------------------------------------------------------- bench/


def _load_generate():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generator_is_deterministic(tmp_path):
    gen = _load_generate()
    a = gen.write(tmp_path / "a", 300, 1500, seed=3)
    b = gen.write(tmp_path / "b", 300, 1500, seed=3)
    c = gen.write(tmp_path / "c", 300, 1500, seed=4)
    for name in ("nodes.csv", "edges.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    assert (a / "edges.csv").read_bytes() != (c / "edges.csv").read_bytes()


def test_generated_data_loads_and_builds(tmp_path):
    from graph import io, networks

    folder = _load_generate().write(tmp_path, 300, 1500, seed=1)
    ds = io.load_dataset(folder / "nodes.csv", folder / "edges.csv", check_text=False)
    assert len(ds.edges) == 1500
    G = networks.actors_view(ds.nodes, ds.edges)
    assert G.number_of_nodes() == 300
    df = actor_measures(G)
    assert df["bloc_pair_betweenness"].notna().all()


def test_generator_refuses_the_data_folder():
    with pytest.raises(ValueError, match="data/"):
        _load_generate().write(ROOT / "data", 10, 20)


@pytest.mark.slow
def test_bench_quick_runs():
    """The benchmark script runs (its quickest part: the whole --quick takes minutes)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--only", "a"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "faster" in out.stdout


@pytest.mark.slow
@pytest.mark.parametrize("k", [40])
def test_workers_do_not_change_the_numbers(k, engine):
    G = _weighted_gnp(80, 0.08, 5)
    nx.set_node_attributes(G, {v: v % 3 for v in G}, "bloc")
    one = actor_measures(G, backend=engine, betweenness_k=k, n_jobs=1, seed=3)
    two = actor_measures(G, backend=engine, betweenness_k=k, n_jobs=2, seed=3)
    _assert_agree(one, two, tol=1e-12)
    timeless = [{k: v for k, v in df.attrs.items() if k != "timings"} for df in (one, two)]
    assert timeless[0] == timeless[1]


@pytest.mark.parametrize("seed", range(8))
def test_fragmentation_many_cut_vertices(seed):
    """Trees with a few extra edges and isolates: many cut vertices and blocks."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 60))
    G = nx.random_labeled_tree(n, seed=seed)
    for _ in range(int(rng.integers(0, 5))):
        u, v = rng.integers(0, n, 2)
        if u != v:
            G.add_edge(int(u), int(v))
    G = nx.disjoint_union(G, nx.path_graph(int(rng.integers(1, 5))))
    G.add_node("iso")
    fast = actor_measures(G, backend="igraph")["fragmentation"]
    ref = gm.fragmentation(G)
    np.testing.assert_allclose(fast.to_numpy(), [ref[v] for v in G], atol=1e-12)


def test_kernel_falls_back_to_a_heap_for_very_unequal_steps():
    """Steps whose lengths differ by more than the bucket ring holds go to igraph's Dijkstra."""
    G = _weighted_gnp(40, 0.12, 3, weights=(1.0, 2.0, 1e6))
    X = fold_arrays(G, "weight")
    assert kernels.bucket_width(1.0 / X.w) is None
    fast, ref = _both(G, "kernels")
    _assert_agree(fast, ref)
    assert "weighted paths (igraph)" in fast.attrs["timings"]


def test_auto_takes_the_kernels_above_the_size_rule(monkeypatch):
    G = nx.barabasi_albert_graph(60, 2, seed=3)
    small = actor_measures(G)
    assert small.attrs["backend"] == "igraph"
    assert not any("kernel" in part for part in small.attrs["timings"])
    monkeypatch.setattr(sizes, "KERNELS", 60 * 116 - 1)  # nodes x ties of G
    big = actor_measures(G)
    assert big.attrs["backend"] == "kernels"
    assert any("kernel" in part for part in big.attrs["timings"])


@pytest.mark.parametrize("seed", range(3))
def test_kernel_counts_equal_paths_of_fractional_lengths(seed):
    """Weights 1-6 make steps of 1, 1/2, ..., 1/6: many paths tie only up to rounding."""
    G = _weighted_gnp(50, 0.1, seed, weights=(1, 2, 3, 4, 5, 6))
    X = fold_arrays(G, "weight")
    W = X.adjacency(X.w)
    indptr, indices, length = W.indptr, W.indices, 1.0 / W.data
    got = kernels.weighted_betweenness(indptr, indices, length, [np.arange(X.n)])[0] / 2
    import igraph as ig

    g = ig.Graph(n=X.n, edges=np.column_stack([X.a, X.b]).tolist())
    want = np.asarray(g.betweenness(directed=False, weights=(1.0 / X.w).tolist()))
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_whole_number_steps_give_the_paths_of_their_real_lengths(seed):
    """Weights 1-6 as whole-number steps (60 / w): igraph's and the tolerant kernel's numbers."""
    G = _weighted_gnp(60, 0.1, seed, weights=(1, 2, 3, 4, 5, 6))
    X = fold_arrays(G, "weight")
    W = X.adjacency(X.w)
    steps = kernels.integer_steps(W.data)
    assert steps.dtype == np.int64
    assert set(steps.tolist()) <= {10, 12, 15, 20, 30, 60}
    chunks = np.array_split(np.arange(X.n), 3)
    exact = kernels.weighted_betweenness(W.indptr, W.indices, steps, chunks).sum(axis=0) / 2
    tolerant = kernels.weighted_betweenness(W.indptr, W.indices, 1.0 / W.data, chunks)
    import igraph as ig

    g = ig.Graph(n=X.n, edges=np.column_stack([X.a, X.b]).tolist())
    want = np.asarray(g.betweenness(directed=False, weights=(1.0 / X.w).tolist()))
    np.testing.assert_allclose(exact, want, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(exact, tolerant.sum(axis=0) / 2, rtol=1e-12, atol=1e-12)
    assert exact.max() > 0


def test_whole_number_steps_only_for_whole_weights_of_a_small_common_multiple():
    assert kernels.integer_steps(np.array([2.0, 4.0])).tolist() == [2, 1]
    assert kernels.integer_steps(np.array([1.0, 0.5])) is None  # not whole
    assert kernels.integer_steps(np.array([1.0, 4097.0])) is None  # too many buckets
    counts = np.arange(1.0, 16.0)  # common multiple 360,360: buckets as wide as 24,024
    assert kernels.integer_steps(counts, 10**5).min() == 360_360 // 15
    primes = np.array([p for p in range(2, 60) if all(p % q for q in range(2, p))], float)
    assert kernels.integer_steps(primes) is None  # their common multiple overflows 62 bits
    assert kernels.integer_steps(np.array([1.0, 2.0]), 2**62) is None  # paths too long


@pytest.mark.parametrize("weights", [(1, 2, 3), (2, 3, 5, 7, 11, 13, 15)])
def test_the_table_takes_whole_number_steps_for_counts(weights):
    G = _weighted_gnp(50, 0.12, 4, weights=weights)
    fast, ref = _both(G, "kernels")
    _assert_agree(fast, ref)
    assert "weighted paths (kernel, whole-number steps)" in fast.attrs["timings"]
    G = _weighted_gnp(50, 0.12, 4, weights=(1.0, 1.5, 2.5))
    fast, ref = _both(G, "kernels")
    _assert_agree(fast, ref)
    assert "weighted paths (kernel)" in fast.attrs["timings"]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["igraph", "kernels"])
def test_the_table_does_not_depend_on_the_workers(engine):
    """The same numbers to the last bit with one worker or two (the batches are fixed)."""
    G = nx.relaxed_caveman_graph(6, 5, 0.2, seed=3)
    nx.set_node_attributes(G, {v: f"b{v % 4}" for v in G}, "bloc")
    for u, v, d in G.edges(data=True):
        d["weight"] = 1.0 + (u * v) % 3
    one = actor_measures(G, backend=engine, n_jobs=1)
    two = actor_measures(G, backend=engine, n_jobs=2)
    pd.testing.assert_frame_equal(one, two, check_exact=True)


def test_pagerank_is_the_same_on_every_call():
    """igraph's PRPACK sums in OpenMP threads: without one thread, 20 calls on this graph
    gave 20 different last bits. The table's PageRank must not depend on the run."""
    igraph = pytest.importorskip("igraph")
    from graph.measures.igraph_engine import pagerank

    rng = np.random.default_rng(4)
    edges = np.unique(np.sort(rng.integers(0, 2000, size=(12000, 2)), axis=1), axis=0)
    edges = edges[edges[:, 0] != edges[:, 1]]
    g = igraph.Graph(n=2000, edges=edges.tolist())
    w = rng.integers(1, 5, g.ecount()).astype(float)
    G = nx.Graph(edges.tolist())  # the table first: the one-thread setting stays with a thread
    tables = [actor_measures(G, backend="igraph")["pagerank"] for _ in range(3)]
    assert all(t.equals(tables[0]) for t in tables)
    first = pagerank(g, w)
    assert all(np.array_equal(first, pagerank(g, w)) for _ in range(10))
    assert first.sum() == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint32])
def test_kernels_take_index_arrays_of_any_integer_type(dtype):
    """The kernels run on unsigned ids (no wrap-around test per index): the same numbers
    to the last bit whatever type scipy's CSR arrays come in, and networkx's values."""
    G = _weighted_gnp(40, 0.15, 7, weights=(1, 2, 3))
    X = fold_arrays(G, "weight")
    W = X.adjacency(X.w)
    chunks = np.array_split(np.arange(X.n), 2)
    indptr, indices = W.indptr.astype(np.int64), W.indices.astype(np.int64)
    base = kernels.hop_paths(indptr, indices, None, chunks)
    steps = kernels.integer_steps(W.data)
    whole = kernels.weighted_betweenness(indptr, indices, steps, chunks)
    real = kernels.weighted_betweenness(indptr, indices, 1.0 / W.data, chunks)
    ip, ix = W.indptr.astype(dtype), W.indices.astype(dtype)
    other = kernels.hop_paths(ip, ix, None, [c.astype(dtype) for c in chunks])
    assert all(np.array_equal(a, b) for a, b in zip(base, other, strict=True))
    assert np.array_equal(whole, kernels.weighted_betweenness(ip, ix, steps, chunks))
    assert np.array_equal(real, kernels.weighted_betweenness(ip, ix, 1.0 / W.data, chunks))
    want = nx.betweenness_centrality(G, normalized=False)  # nodes 0..n-1, in the fold's order
    assert list(X.nodes) == list(range(X.n))
    np.testing.assert_allclose(base[0].sum(axis=0) / 2, [want[v] for v in X.nodes], atol=1e-9)
