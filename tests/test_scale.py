"""Large graphs: the estimators, compiled chains and lean steps that the size rule switches on.

Each large-graph method is checked against the exact or reference method on
graphs small enough for both; the size rule itself is lowered (monkeypatched)
to run the large-graph path end to end on small graphs.
"""

import itertools
import math
import random

import networkx as nx
import numpy as np
import pytest
import scipy.stats

from graph import io, networks, report, sizes
from graph.claims import assess_bridge_claim
from graph.claims.prepare import claim_graph
from graph.measures import bloc_pair_betweenness, structural
from graph.measures import focus as fx
from graph.nulls import engine, null_test, null_tests, scale, swaps, two_mode_arrays, two_mode_of
from graph.nulls.codes import edge_codes
from graph.nulls.samplers import swappable

QUIET = {"progress": False}


def csr(G):
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    a = np.array([index[u] for u, _ in G.edges()], dtype=np.int64)
    b = np.array([index[v] for _, v in G.edges()], dtype=np.int64)
    return nodes, fx.csr_arrays(len(nodes), a, b)


def all_pairs(n, focus):
    others = [v for v in range(n) if v != focus]
    s, t = zip(*itertools.combinations(others, 2), strict=True)
    return np.array(s), np.array(t)


def with_blocs(G, seed=0, k=3, missing=0.2):
    rng = np.random.default_rng(seed)
    G = G.copy()
    for v in G:
        if rng.random() >= missing:
            G.nodes[v]["bloc"] = "ABC"[int(rng.integers(k))]
    return G


GRAPHS = [
    nx.florentine_families_graph(),
    nx.karate_club_graph(),
    nx.gnp_random_graph(30, 0.1, seed=2),  # disconnected
    nx.grid_2d_graph(4, 5),  # many equal shortest paths
    nx.cycle_graph(8),
]


# --------------------------------------------------------------------------- estimators


@pytest.mark.parametrize("G", GRAPHS)
def test_pair_shares_over_every_pair_give_exact_betweenness(G):
    nodes, (indptr, indices) = csr(G)
    exact = nx.betweenness_centrality(G)
    for f in range(0, len(nodes), 3):
        s, t = all_pairs(len(nodes), f)
        shares = fx.pair_shares(indptr, indices, f, s, t)
        assert shares.min() >= 0
        assert shares.max() <= 1 + 1e-12
        assert fx.betweenness_from_shares(shares)[0] == pytest.approx(exact[nodes[f]], abs=1e-12)


@pytest.mark.parametrize("G", GRAPHS[:3])
def test_bloc_pair_estimate_over_every_pair_is_exact(G):
    G = with_blocs(G, seed=4)
    nodes, (indptr, indices) = csr(G)
    codes = np.array([{"A": 0, "B": 1, "C": 2}.get(G.nodes[v].get("bloc"), -1) for v in G])
    comp = fx.components(indptr, indices)
    exact = bloc_pair_betweenness(G)
    for f in range(0, len(nodes), 4):
        s, t = all_pairs(len(nodes), f)
        shares = fx.pair_shares(indptr, indices, f, s, t)
        est = fx.bloc_pair_from_shares(shares, s, t, codes, comp)[0]
        assert est == pytest.approx(exact[nodes[f]], abs=1e-12)


@pytest.mark.slow
def test_sampled_pairs_estimate_betweenness_within_their_standard_error():
    import igraph as ig

    G = nx.barabasi_albert_graph(3000, 3, seed=5)
    nodes, (indptr, indices) = csr(G)
    # exact betweenness from igraph (networkx's own takes 40-50 s here), normalized as networkx
    n = len(nodes)
    raw = ig.Graph(n=n, edges=list(G.edges())).betweenness()
    exact = dict(zip(nodes, np.array(raw) * 2 / ((n - 1) * (n - 2)), strict=True))
    hubs = sorted(G, key=G.degree, reverse=True)[:5]
    rng = np.random.default_rng(0)
    for h in hubs:
        s, t = fx.sample_pairs(len(nodes), h, 20_000, rng)
        est, se = fx.betweenness_from_shares(fx.pair_shares(indptr, indices, h, s, t))
        assert 0 < se < 0.005
        assert abs(est - exact[h]) < 4 * se


def test_sampled_pairs_are_uniform_over_pairs_without_the_focus():
    s, t = fx.sample_pairs(5, 2, 60_000, np.random.default_rng(1))
    assert not ((s == 2) | (t == 2) | (s == t)).any()
    pairs = np.minimum(s, t) * 5 + np.maximum(s, t)
    counts = np.unique(pairs, return_counts=True)[1]
    assert counts.size == 6  # the C(4, 2) pairs of the 4 other nodes
    assert scipy.stats.chisquare(counts).pvalue > 1e-3


@pytest.mark.parametrize("seed", range(5))
def test_compiled_brokerage_count_equals_the_igraph_one(seed):
    G = nx.gnp_random_graph(40, 0.15, seed=seed)
    nodes, (indptr, indices) = csr(G)
    import igraph as ig

    g = ig.Graph(n=len(nodes), edges=list(G.edges()))
    codes = np.random.default_rng(seed).integers(-1, 3, size=len(nodes))
    for f in range(len(nodes)):
        expected = engine.cross_bloc_brokerage(g, f, codes)
        assert fx.brokerage_count(indptr, indices, f, codes) == expected


# --------------------------------------------------------------------------- swap chains


def realizations(G):
    nodes, target = list(G), dict(G.degree())
    out = []
    for sub in itertools.combinations(itertools.combinations(nodes, 2), G.number_of_edges()):
        H = nx.Graph(sub)
        H.add_nodes_from(nodes)
        if dict(H.degree()) == target:
            out.append(frozenset(frozenset(e) for e in sub))
    return out


def test_compiled_double_edge_swaps_sample_realizations_uniformly():
    G = nx.path_graph(6)  # 31 labelled graphs share its degrees
    cells = {key: i for i, key in enumerate(realizations(G))}
    counts = np.zeros(len(cells))
    a0 = np.array([u for u, _ in G.edges()], dtype=np.int64)
    b0 = np.array([v for _, v in G.edges()], dtype=np.int64)
    for seed in range(80 * len(cells)):
        a, b = a0.copy(), b0.copy()
        swaps.double_edge_swaps(a, b, 6, trials=50, seed=seed)
        counts[
            cells[frozenset(frozenset(e) for e in zip(a.tolist(), b.tolist(), strict=True))]
        ] += 1
    assert scipy.stats.chisquare(counts).pvalue > 1e-3


def _reference_double_edge_swaps(a, b, n, trials, seed):
    """The chain of swaps.double_edge_swaps in plain Python: a set of edges, splitmix64."""
    mask = 2**64 - 1
    state = seed

    def bits():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        return z ^ (z >> 31)

    def below(m):
        return int((bits() >> 11) * (1.0 / 9007199254740992.0) * m)

    a, b = list(a), list(b)
    m = len(a)
    present = {frozenset(e) for e in zip(a, b, strict=True)}
    for _ in range(trials if m >= 2 else 0):
        i, j, flip = below(m), below(m), bits() >> 63
        if i == j:
            continue
        x, y, c, d = a[i], b[i], a[j], b[j]
        if flip:
            c, d = d, c
        new1, new2 = frozenset((x, d)), frozenset((c, y))
        if x == d or c == y or new1 == new2 or new1 in present or new2 in present:
            continue
        present -= {frozenset((x, y)), frozenset((c, d))}
        present |= {new1, new2}
        a[i], b[i], a[j], b[j] = x, d, c, y
    return a, b


@pytest.mark.parametrize("seed", range(6))
def test_compiled_double_edge_swaps_run_the_chain_trial_for_trial(seed):
    """The kernel draws trials ahead to fetch their edges early: the chain must not change."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 80))
    G = nx.gnm_random_graph(n, int(rng.integers(2, 2 * n)), seed=seed)
    a0 = np.array([u for u, _ in G.edges()], dtype=np.int64)
    b0 = np.array([v for _, v in G.edges()], dtype=np.int64)
    for trials in (0, 1, 5, 23, 24, 25, 40 * a0.size):  # below, at and above the look-ahead
        a, b = a0.copy(), b0.copy()
        chain_seed = int(rng.integers(2**63))
        swaps.double_edge_swaps(a, b, n, trials=trials, seed=chain_seed)
        want = _reference_double_edge_swaps(a0.tolist(), b0.tolist(), n, trials, chain_seed)
        assert (a.tolist(), b.tolist()) == want


def test_compiled_swaps_keep_degrees_simplicity_and_depend_on_the_seed_only():
    G = nx.barabasi_albert_graph(500, 4, seed=1)
    a0 = np.array([u for u, _ in G.edges()], dtype=np.int64)
    b0 = np.array([v for _, v in G.edges()], dtype=np.int64)
    runs = []
    for seed in (3, 3, 4):
        a, b = a0.copy(), b0.copy()
        swaps.double_edge_swaps(a, b, 500, trials=10 * a.size, seed=seed)
        assert (np.bincount(np.r_[a, b], minlength=500) == np.bincount(np.r_[a0, b0])).all()
        assert not (a == b).any()
        assert edge_codes(500, a, b).size == a.size  # no parallel edges
        runs.append(edge_codes(500, a, b))
    assert np.array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])
    assert not np.array_equal(runs[0], edge_codes(500, a0, b0))


def test_compiled_two_mode_chain_keeps_both_degree_sequences_and_folds_as_the_view():
    G = networks.view(io.load_dataset(), "actors")
    tm = two_mode_arrays(G)
    a, b = swaps.project(tm.n, tm.actor, tm.hub, tm.direct_a, tm.direct_b)  # compiled fold
    assert sorted(zip(a.tolist(), b.tolist(), strict=True)) == sorted(two_mode_of(G).project())
    out = scale.two_mode_chain(tm, 10, seed=2)
    assert np.array_equal(
        np.bincount(out.actor, minlength=tm.n), np.bincount(tm.actor, minlength=tm.n)
    )
    assert np.array_equal(np.bincount(out.hub), np.bincount(tm.hub))
    assert np.unique(out.actor * tm.hubs + out.hub).size == out.actor.size
    assert np.array_equal(
        np.bincount(np.r_[out.direct_a, out.direct_b], minlength=tm.n),
        np.bincount(np.r_[tm.direct_a, tm.direct_b], minlength=tm.n),
    )


def test_threshold_check_matches_networkx_and_is_fast_on_a_big_star():
    from networkx.algorithms.threshold import is_threshold_sequence

    rng = np.random.default_rng(0)
    for _ in range(500):
        n = int(rng.integers(1, 10))
        G = nx.gnp_random_graph(n, float(rng.random()), seed=int(rng.integers(10**6)))
        degrees = [d for _, d in G.degree()]
        assert swappable(degrees) == (not is_threshold_sequence(degrees))
    assert not swappable([100_000] + [1] * 100_000)  # a star: O(n log n), not O(n^2)


# --------------------------------------------------------------------------- the tests at scale


@pytest.fixture
def small_scale(monkeypatch):
    """Lower the size rule so that small graphs take the large-graph methods."""
    monkeypatch.setattr(sizes, "EXACT_NULLS", 50)


@pytest.mark.slow
def test_scale_path_estimates_the_statistic_and_reports_how(small_scale):
    G = with_blocs(nx.barabasi_albert_graph(400, 3, seed=3), seed=1)
    hub = max(G, key=G.degree)
    exact = nx.betweenness_centrality(G)[hub]
    res = null_test(G, ("betweenness", hub), samples=30, seed=2, **QUIET)
    assert res.estimator == "sampled pairs"
    assert res.pairs == scale.SCALE_PAIRS
    assert 0 < res.standard_error < 0.01
    assert abs(res.observed - exact) < 4 * res.standard_error
    assert res.testable
    assert res.n == 30
    assert 0 < res.p_value <= 1
    assert res.to_dict()["estimator"] == "sampled pairs"
    deg = null_test(G, ("degree", hub), samples=5, **QUIET)
    assert deg.estimator == "exact"
    assert deg.observed == G.degree(hub)


@pytest.mark.slow
def test_scale_path_is_reproducible_and_independent_of_workers(small_scale):
    G = with_blocs(nx.barabasi_albert_graph(300, 3, seed=4), seed=2)
    hub = max(G, key=G.degree)
    for null in ("rewire", "permute_blocs"):
        stat = ("bloc_pair_betweenness", hub)
        kw = {"null": null, "samples": 24, "seed": 5, "sequential": True, "stop_after": 3}
        one = null_test(G, stat, n_jobs=1, **kw, **QUIET)
        two = null_test(G, stat, n_jobs=2, **kw, **QUIET)
        again = null_test(G, stat, n_jobs=1, **kw, **QUIET)
        assert one.estimator == "sampled pairs"
        assert np.array_equal(one.samples, two.samples)
        assert np.array_equal(one.samples, again.samples)
        assert one.p_value == two.p_value


def test_scale_path_twomode_null_on_a_view(small_scale):
    G = networks.view(io.load_dataset(), "actors")
    res = null_test(G, ("betweenness", "azerbaijan"), null="twomode", samples=20, **QUIET)
    assert res.estimator == "sampled pairs"
    assert res.testable
    exact = nx.betweenness_centrality(G)["azerbaijan"]
    assert abs(res.observed - exact) < 4 * res.standard_error + 1e-12


def test_joint_tests_equal_separate_tests():
    G = nx.barbell_graph(6, 2)
    stats = [("betweenness", 6), ("brokerage", 6), ("degree", 6)]
    kw = {"samples": 400, "seed": 3, "sequential": True, "stop_after": 5, **QUIET}
    nx.set_node_attributes(G, {v: "AB"[v % 2] for v in G}, "bloc")
    joint = null_tests(G, stats, **kw)
    for j, stat in zip(joint, stats, strict=True):
        alone = null_test(G, stat, **kw)
        assert np.array_equal(j.samples, alone.samples)
        assert (j.p_value, j.stopped_early, j.testable) == (
            alone.p_value,
            alone.stopped_early,
            alone.testable,
        ) or (math.isnan(j.p_value) and math.isnan(alone.p_value))
    with pytest.raises(ValueError, match="one node"):
        null_tests(G, [("betweenness", 1), ("degree", 2)], **QUIET)


@pytest.mark.slow
def test_claim_test_at_scale_reports_its_approximations(small_scale):
    G = networks.view(io.load_dataset(), "actors")
    r = assess_bridge_claim(G, "azerbaijan", samples=1000, seed=1, **QUIET)
    approx = r.parameters["approximations"]
    assert approx["pairs"] == scale.SCALE_PAIRS
    assert set(approx["standard_error"]) == {"beyond_degree", "bloc_specificity"}
    assert max(t.n for t in r.nulls.values()) <= approx["samples"] == 100
    assert r.nulls["beyond_degree"].estimator == "sampled pairs"
    assert "sampled node pairs" in report.claim_result_repr(r)
    assert not r.variants.empty
    assert r.variants["focus_present"].all()
    small = assess_bridge_claim(G, "azerbaijan", samples=200, seed=1, robustness=False, **QUIET)
    assert small.parameters["approximations"]["samples"] == 100


def test_exact_claim_test_reports_no_approximation():
    G = networks.view(io.load_dataset(), "states")
    r = assess_bridge_claim(G, "azerbaijan", samples=99, robustness=False, **QUIET)
    assert r.parameters["approximations"] == {}
    assert all(t.estimator == "exact" for t in r.nulls.values())


# --------------------------------------------------------------------------- lean steps


@pytest.mark.parametrize("view", ["full", "actors", "states"])
@pytest.mark.parametrize(
    ("ties", "places", "claims"),
    list(itertools.product(["channels", "all"], [False, True], [False, True])),
)
def test_lean_claim_graph_equals_the_full_recomputation(view, ties, places, claims):
    G = networks.view(io.load_dataset(), view)
    kw = {"ties": ties, "places": places, "include_claim_ties": claims}
    slow = claim_graph(G, "azerbaijan", lean=False, **kw)
    fast = claim_graph(G, "azerbaijan", lean=True, **kw)
    assert list(slow.graph) == list(fast.graph)

    def edges(H, keys):
        return {frozenset((u, v)): tuple(d[k] for k in keys) for u, v, d in H.edges(data=True)}

    keys = ("weight", "positive", "negative", "sign")
    assert edges(slow.graph, keys) == edges(fast.graph, keys)
    assert set(slow.signed) == set(fast.signed)
    assert edges(slow.signed, keys[1:3]) == edges(fast.signed, keys[1:3])
    assert slow.left_out == fast.left_out
    assert two_mode_of(slow.graph) == two_mode_of(fast.graph)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("ties", ["channels", "all"])
def test_lean_claim_graph_of_a_coded_multigraph_equals_the_full_recomputation(seed, ties):
    """Random coded ties (repeated pairs both ways, self-loops, conflicts, claim ties):
    the lean test graph sums them as the fold does, pairs in the order of their first tie."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(view="full")
    G.add_nodes_from((f"n{i}", {"type": "state"}) for i in range(12))
    for tie in range(60):
        u, v = f"n{rng.randrange(12)}", f"n{rng.randrange(12)}"
        relation = rng.choice(["meets", "fights", "links"])
        G.add_edge(
            u,
            v,
            key=tie,
            tie=tie,
            relation=relation,
            sign=-1 if relation == "fights" else rng.choice([0, 1]),
            weight=rng.choice([1.0, 0.5, 2.0, 3.0]),
        )
    kw = {"ties": ties, "include_claim_ties": False}
    slow = claim_graph(G, "n0", lean=False, **kw)
    fast = claim_graph(G, "n0", lean=True, **kw)

    def edges(H, keys):
        return {frozenset((u, v)): tuple(d[k] for k in keys) for u, v, d in H.edges(data=True)}

    keys = ("weight", "positive", "negative", "sign")
    assert edges(slow.graph, keys) == edges(fast.graph, keys)
    assert edges(slow.signed, keys) == edges(fast.signed, keys)
    assert slow.left_out == fast.left_out
    for u, v, d in fast.graph.edges(data=True):  # an edge alike in both graphs: one dict
        s = fast.signed[u][v]
        assert (d is s) == (tuple(d[k] for k in keys) == tuple(s[k] for k in keys))
    first = {}  # each pair's first tie: the lean graph adds the pairs in that order
    for i, (u, v, relation) in enumerate(G.edges(data="relation")):
        if relation != "links":  # a claim tie is left out
            first.setdefault(frozenset((u, v)), i)
    for H in (fast.signed, fast.graph):
        for x in H:
            order = [first[frozenset((x, y))] for y in H[x]]
            assert order == sorted(order)


@pytest.mark.slow
def test_eigenvector_of_long_chains_takes_the_shift_invert_solver(monkeypatch):
    import scipy.sparse

    monkeypatch.setattr(structural, "ARPACK_RESTARTS", 1)
    for n, G, path in ((3000, nx.path_graph(3000), True), (2500, nx.cycle_graph(2500), False)):
        A = scipy.sparse.csr_array(nx.to_scipy_sparse_array(G, format="csr"), dtype=float)
        x = structural.eigenvector_csr(A, np.zeros(n, dtype=int))
        # a path's leading eigenvector is a half sine wave; a cycle's is constant
        exact = np.sin(np.pi * np.arange(1, n + 1) / (n + 1)) if path else np.ones(n)
        assert np.abs(x - exact / np.linalg.norm(exact)).max() < 1e-8


def test_cut_pairs_counted_equal_cut_pairs_listed(monkeypatch):
    from graph.claims import criteria

    rng = np.random.default_rng(1)
    for _ in range(60):
        G = nx.gnp_random_graph(
            int(rng.integers(3, 40)), float(rng.random()) * 0.15, seed=int(rng.integers(10**6))
        )
        focus = int(rng.integers(len(G)))
        sides: dict = {}
        for v in G:  # a few blocs, and actors without one as sides of their own
            key = f"b{rng.integers(4)}" if rng.random() < 0.5 else f"single {v}"
            sides.setdefault(key, set()).add(v)
        monkeypatch.setattr(criteria, "_LISTED_SIDES", 10**9)
        listed = criteria.cut_pairs(G, focus, sides)
        monkeypatch.setattr(criteria, "_LISTED_SIDES", 0)
        assert criteria.cut_pairs(G, focus, sides) == len(listed)


@pytest.mark.slow
def test_figures_of_big_views_draw_a_summary(monkeypatch, tmp_path):
    from graph import pipeline, plot
    from graph.pipeline import figures

    views = networks.build_views(io.load_dataset())
    ms = pipeline.measures_for(views)
    monkeypatch.setattr(sizes, "WHOLE_FIGURE", 10)
    monkeypatch.setattr(figures, "SUMMARY_CONTACTS", 3)
    G, title = figures._drawable(views["actors"], ms["actors"], "azerbaijan", "actors", top=4)
    contacts = set(views["actors"]["azerbaijan"])
    assert "azerbaijan" in G
    assert len(set(G) & contacts) >= 3
    assert G.number_of_nodes() <= 4 + 3 + 1 < views["actors"].number_of_nodes()
    assert "summary" in title
    assert f"of {views['actors'].number_of_nodes()} nodes" in title
    order = ["betweenness", "degree"]
    top = ms["actors"].sort_values(order, ascending=False, kind="stable").index[:4]
    assert set(top) <= set(G)
    paths = figures.figures_for(
        views, ms, tmp_path, focus="azerbaijan", view="actors", which=("network", "blocs", "ego")
    )
    ego = [] if plot.ego_repeats_view(views["actors"], "azerbaijan") else ["ego.png"]
    assert sorted(p.name for p in paths) == sorted(
        ["network_full.png", "network_actors.png", "network_states.png", "blocs.png", *ego]
    )
    assert all(p.stat().st_size > 0 for p in paths)


@pytest.mark.parametrize("kind", [nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph])
def test_tie_count_is_networkx_number_of_edges(kind):
    """Parallel ties, reciprocal ties and self-loops (repeated) counted as networkx counts them."""
    rng = np.random.default_rng(7)
    for _ in range(40):
        G = kind()
        G.add_nodes_from(range(10))
        G.add_edges_from(rng.integers(0, 10, size=(int(rng.integers(0, 50)), 2)).tolist())
        assert sizes.tie_count(G) == G.number_of_edges()


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint32, np.uint64])
def test_prefetch_hint_takes_any_integer_index_and_changes_nothing(dtype):
    """The kernels index with unsigned ids; the hint casts any integer to a pointer offset."""
    import numba

    from graph.measures.prefetch import prefetch

    @numba.njit
    def gathered(x, idx):
        s = 0.0
        for q in range(idx.size):
            if q + 3 < idx.size:
                prefetch(x, idx[q + 3])
            s += x[idx[q]]
        return s

    x = np.arange(1000.0) ** 2
    idx = np.random.default_rng(0).integers(0, 1000, 500)
    assert gathered(x, idx.astype(dtype)) == sum(x[i] for i in idx.tolist())
