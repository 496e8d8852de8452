import dataclasses
import itertools
import json
import math

import joblib
import networkx as nx
import numpy as np
import pytest
import scipy.stats

from graph import report
from graph.jsondata import jsonable
from graph.measures import bloc_pair_betweenness
from graph.nulls import NullTest, engine, gnm, montecarlo, null_test, permute_blocs, rewire

QUIET = {"progress": False}


def florentine():
    return nx.florentine_families_graph()


def two_triangles():
    return nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (1, 6), (4, 6)])


def disconnected():
    G = nx.disjoint_union(nx.cycle_graph(5), nx.path_graph(4))
    G.add_edges_from([(0, 2), (5, 7)])
    G.add_node("isolated")
    return G


def with_blocs(G, seed=0, k=3, missing=0.2):
    rng = np.random.default_rng(seed)
    G = G.copy()
    for v in G:
        if rng.random() >= missing:
            G.nodes[v]["bloc"] = "ABCDEFG"[int(rng.integers(k))]
    return G


def degree_dict(G):
    return dict(G.degree())


def edge_key(edges):
    return frozenset(frozenset(e) for e in edges)


def realizations(G, *, connected=False):
    """All labeled simple graphs on G's nodes with G's degrees (small G only)."""
    nodes = list(G)
    target = degree_dict(G)
    out = []
    for sub in itertools.combinations(itertools.combinations(nodes, 2), G.number_of_edges()):
        H = nx.Graph(sub)
        H.add_nodes_from(nodes)
        if degree_dict(H) == target and (not connected or nx.is_connected(H)):
            out.append(edge_key(sub))
    return out


# --------------------------------------------------------------------------- statistics


@pytest.mark.parametrize(
    "G",
    [
        florentine(),
        nx.karate_club_graph(),
        two_triangles(),
        disconnected(),
        nx.gnp_random_graph(25, 0.12, seed=3),  # disconnected, with isolates
        nx.path_graph(5),
    ],
)
def test_fast_betweenness_equals_networkx(G):
    expected = nx.betweenness_centrality(G)
    for v in list(G)[:8]:
        res = null_test(G, ("betweenness", v), samples=1, **QUIET)
        assert res.observed == pytest.approx(expected[v], abs=1e-9)


@pytest.mark.parametrize("G", [florentine(), nx.karate_club_graph(), disconnected()])
def test_fast_bloc_pair_betweenness_equals_measures(G):
    G = with_blocs(G, seed=1)
    expected = bloc_pair_betweenness(G)
    for v in G:
        res = null_test(G, ("bloc_pair_betweenness", v), samples=1, **QUIET)
        if math.isnan(expected[v]):
            assert math.isnan(res.observed)
        else:
            assert res.observed == pytest.approx(expected[v], abs=1e-9)


def test_bloc_pair_betweenness_with_mapping_and_permuted_blocs():
    G = florentine()
    blocs = {v: ("A" if i % 2 else "B") for i, v in enumerate(G)}
    expected = bloc_pair_betweenness(G, blocs)["Medici"]
    res = null_test(G, ("bloc_pair_betweenness", "Medici"), attr=blocs, samples=1, **QUIET)
    assert res.observed == pytest.approx(expected, abs=1e-9)
    # Under permute_blocs each fast sample equals the reference measure on that labeling.
    task = engine.FastTask(
        kind="bloc_pair_betweenness",
        null="permute_blocs",
        n=len(G),
        edges=[(list(G).index(u), list(G).index(v)) for u, v in G.edges()],
        start=[(list(G).index(u), list(G).index(v)) for u, v in G.edges()],
        focus=list(G).index("Medici"),
        codes=np.array([i % 2 for i in range(len(G))]),
        trials=0,
    )
    stream = task.stream(np.random.default_rng(0))
    for _ in range(5):
        g, codes = next(stream)
        labels = dict(zip(G, codes.tolist(), strict=True))
        assert task.value((g, codes)) == pytest.approx(
            bloc_pair_betweenness(G, labels)["Medici"], abs=1e-9
        )
    stream.close()


# --------------------------------------------------------------------------- samplers


def test_rewire_keeps_degrees_and_does_not_touch_input():
    G = nx.gnm_random_graph(30, 60, seed=2)
    before = edge_key(G.edges())
    for s in range(5):
        H = rewire(G, seed=s)
        assert degree_dict(H) == degree_dict(G)
        assert nx.number_of_selfloops(H) == 0
        assert edge_key(H.edges()) != before
    assert edge_key(G.edges()) == before


def test_rewire_connected_keeps_degrees_and_connectivity():
    G = nx.connected_watts_strogatz_graph(30, 4, 0.2, seed=1)
    for s in range(5):
        H = rewire(G, seed=s, connected=True)
        assert degree_dict(H) == degree_dict(G)
        assert nx.is_connected(H)
    with pytest.raises(ValueError, match="connected graph"):
        rewire(disconnected(), connected=True)


def test_fast_rewire_keeps_degrees_and_connected_keeps_connectivity():
    G = nx.convert_node_labels_to_integers(nx.connected_watts_strogatz_graph(30, 3, 0.3, seed=4))
    edges = list(G.edges())
    for null in ("rewire", "rewire_connected"):
        task = engine.FastTask(
            "degree", null, 30, edges, edges, 0, np.zeros(30, int), 10 * len(edges)
        )
        stream = task.stream(np.random.default_rng(1))
        changed = 0
        for _ in range(50):
            g, _ = next(stream)
            assert g.degree() == [d for _, d in sorted(G.degree())]
            assert g.is_simple()
            if null == "rewire_connected":
                assert g.is_connected()
            changed += task.changed((g, None))
        stream.close()
        assert changed == 50


@pytest.mark.slow
@pytest.mark.parametrize("sampler", ["fast", "reference"])
def test_rewire_samples_degree_realizations_uniformly(sampler):
    # A path on 6 nodes: 31 labeled graphs share its degrees.
    G = nx.path_graph(6)
    cells = {key: i for i, key in enumerate(realizations(G))}
    draws = 80 * len(cells)
    counts = np.zeros(len(cells))
    if sampler == "fast":
        edges = list(G.edges())
        task = engine.FastTask("degree", "rewire", 6, edges, edges, 0, np.zeros(6, int), 50)
        stream = task.stream(np.random.default_rng(0))
        for _ in range(draws):
            counts[cells[edge_key(next(stream)[0].get_edgelist())]] += 1
        stream.close()
    else:
        rng = np.random.default_rng(0)
        for _ in range(draws):
            counts[cells[edge_key(rewire(G, seed=rng).edges())]] += 1
    assert scipy.stats.chisquare(counts).pvalue > 1e-3


def test_gnm_keeps_nodes_attributes_and_edge_count():
    G = with_blocs(florentine())
    for s in range(5):
        H = gnm(G, seed=s)
        assert set(H) == set(G)
        assert H.number_of_edges() == G.number_of_edges()
        assert nx.number_of_selfloops(H) == 0
        assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))


def test_fast_gnm_pairs_are_distinct_upper_triangle_pairs():
    rng = np.random.default_rng(0)
    n = 9
    expected = set(zip(*(x.tolist() for x in np.triu_indices(n, 1)), strict=True))
    everything = engine.random_pairs(rng, n, n * (n - 1) // 2)
    assert set(everything) == expected
    pairs = engine.random_pairs(rng, 40, 60)
    assert len(set(pairs)) == 60
    assert all(0 <= i < j < 40 for i, j in pairs)


def test_permute_blocs_keeps_the_multiset_of_blocs():
    G = with_blocs(florentine(), missing=0.3)
    before = sorted(map(str, (G.nodes[v].get("bloc") for v in G)))
    seen = set()
    for s in range(10):
        H = permute_blocs(G, seed=s)
        assert sorted(map(str, (H.nodes[v].get("bloc") for v in H))) == before
        assert edge_key(H.edges()) == edge_key(G.edges())
        seen.add(tuple(H.nodes[v].get("bloc") for v in H))
    assert len(seen) > 1
    mapped = permute_blocs(nx.path_graph(4), attr={0: "A", 1: "A", 2: "B"}, seed=0)
    assert sorted(map(str, nx.get_node_attributes(mapped, "bloc").values())) == ["A", "A", "B"]


# --------------------------------------------------------------------------- the test


def counter_statistic(values):
    """A statistic returning the given values in turn (the first call is the observed)."""
    it = iter(values)

    def statistic(H):
        return next(it)

    return statistic


def test_p_value_and_z_on_a_hand_made_case():
    observed, draws = 3.0, [1.0, 2.0, 3.0, 4.0, 5.0, 3.0 + 1e-15, 0.0, 2.5, 6.0, 1.5]
    stat = counter_statistic([observed, *draws])
    res = null_test(two_triangles(), stat, null="gnm", samples=10, **QUIET)
    assert res.samples.tolist() == draws
    # >= 3 (ties within 1e-12 count): 3, 4, 5, 3+1e-15, 6 -> r = 5
    assert res.p_value == pytest.approx((5 + 1) / (10 + 1))
    assert res.z == pytest.approx((observed - np.mean(draws)) / np.std(draws, ddof=1))
    less = null_test(
        two_triangles(),
        counter_statistic([observed, *draws]),
        null="gnm",
        samples=10,
        alternative="less",
        **QUIET,
    )
    # <= 3: 1, 2, 3, 3+1e-15, 0, 2.5, 1.5 -> r = 7
    assert less.p_value == pytest.approx(8 / 11)
    both = null_test(
        two_triangles(),
        counter_statistic([observed, *draws]),
        null="gnm",
        samples=10,
        alternative="two-sided",
        **QUIET,
    )
    assert both.p_value == pytest.approx(min(1.0, 2 * 6 / 11))


def test_z_is_nan_when_the_null_is_constant():
    # A leaf's betweenness is 0 in every graph with its degree.
    G = florentine()
    res = null_test(G, ("betweenness", "Pazzi"), samples=50, **QUIET)
    assert res.testable
    assert np.all(res.samples == 0)
    assert math.isnan(res.z)
    assert res.p_value == 1.0


def test_star_is_not_testable():
    res = null_test(nx.star_graph(6), ("betweenness", 0), samples=50, **QUIET)
    assert not res.testable
    assert math.isnan(res.p_value)
    assert res.reason == "one_realization"
    assert "no double-edge swap is possible" in report.null_reason_words(res)
    assert not res.significant
    ref = null_test(nx.star_graph(6), lambda H: 1.0, samples=50, **QUIET)
    assert not ref.testable


def one_edge_four_nodes():
    G = nx.empty_graph(4)
    G.add_edge(0, 1)
    return G


@pytest.mark.parametrize(
    "G", [nx.path_graph(3), one_edge_four_nodes(), nx.empty_graph(5)], ids=["P3", "K2+2", "E5"]
)
def test_small_graphs_are_not_testable(G):
    res = null_test(G, ("betweenness", 0), samples=50, **QUIET)
    assert not res.testable
    assert res.reason == "too_small"
    assert res.why == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    assert "at least 4 nodes and 2 edges" in report.null_reason_words(res)
    assert math.isnan(res.p_value)


def test_two_disjoint_edges_are_testable():
    # 2K2 is the smallest graph with a double-edge swap (three perfect matchings).
    res = null_test(nx.Graph([(0, 1), (2, 3)]), ("degree", 0), samples=50, **QUIET)
    assert res.testable
    assert res.p_value == 1.0


def test_other_degenerate_nulls_are_not_testable():
    res = null_test(
        disconnected(), ("betweenness", 0), null="rewire_connected", samples=20, **QUIET
    )
    assert not res.testable
    assert (res.reason, res.why) == ("disconnected", {"components": 3})  # and the isolated node
    assert "has 3 components" in report.null_reason_words(res)
    same = null_test(disconnected(), ("betweenness", 0), connected=True, samples=20, **QUIET)
    assert same.null == "rewire_connected"
    assert not same.testable
    assert not null_test(nx.complete_graph(5), ("degree", 0), null="gnm", **QUIET).testable
    res = null_test(florentine(), ("betweenness", "Medici"), null="permute_blocs", **QUIET)
    assert not res.testable
    assert (res.reason, res.why) == ("no_blocs", {"attribute": "bloc"})
    assert "no node has a 'bloc' attribute" in report.null_reason_words(res)
    one_bloc = florentine()
    nx.set_node_attributes(one_bloc, "A", "bloc")
    res = null_test(one_bloc, ("bloc_pair_betweenness", "Medici"), null="permute_blocs", **QUIET)
    assert not res.testable
    assert res.reason == "one_bloc"
    # No swap trial at all: no sample differs from the observed graph.
    res = null_test(florentine(), ("betweenness", "Medici"), swaps_per_edge=0, samples=20, **QUIET)
    assert not res.testable
    assert res.reason == "unmoved"
    assert "none of the 20 null samples differs" in report.null_reason_words(res)


def test_missing_focus_node_raises_key_error():
    with pytest.raises(KeyError, match="'Sforza' is not in the graph"):
        null_test(florentine(), ("betweenness", "Sforza"), **QUIET)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"null": "config"}, "null must be one of"),
        ({"alternative": "bigger"}, "alternative must be one of"),
        ({"sequential": True, "alternative": "two-sided"}, "sequential"),
        ({"null": "gnm", "connected": True}, "connected=True"),
        ({"samples": 0}, "samples"),
        ({"alpha": 1.5}, "alpha"),
        ({"stop_after": 0}, "stop_after"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_options_raise_value_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        null_test(florentine(), ("betweenness", "Medici"), **{**QUIET, **kwargs})


def test_unknown_statistic_raises():
    with pytest.raises(ValueError, match="statistic"):
        null_test(florentine(), ("closeness_of_the_heart", "Medici"), **QUIET)


@pytest.mark.slow
@pytest.mark.parametrize("null", ["rewire", "rewire_connected", "gnm", "permute_blocs"])
def test_same_seed_same_samples_other_seed_other_samples(null):
    G = with_blocs(florentine())
    stat = ("bloc_pair_betweenness", "Medici")
    a = null_test(G, stat, null=null, samples=300, seed=7, **QUIET)
    b = null_test(G, stat, null=null, samples=300, seed=7, **QUIET)
    c = null_test(G, stat, null=null, samples=300, seed=8, **QUIET)
    assert a.testable
    assert np.array_equal(a.samples, b.samples)
    assert not np.array_equal(a.samples, c.samples)
    assert a.seed == 7
    # A Generator seed is recorded as the integer drawn from it, which replays the test.
    d = null_test(G, stat, null=null, samples=50, seed=np.random.default_rng(3), **QUIET)
    e = null_test(G, stat, null=null, samples=50, seed=d.seed, **QUIET)
    assert np.array_equal(d.samples, e.samples)


def test_reference_path_is_reproducible():
    G = florentine()
    stat = nx.transitivity
    a = null_test(G, stat, samples=30, seed=1, **QUIET)
    b = null_test(G, stat, samples=30, seed=1, **QUIET)
    assert np.array_equal(a.samples, b.samples)


def test_more_samples_extend_fewer():
    G = florentine()
    small = null_test(G, ("betweenness", "Medici"), samples=300, seed=0, **QUIET)
    large = null_test(G, ("betweenness", "Medici"), samples=600, seed=0, **QUIET)
    assert np.array_equal(small.samples, large.samples[:300])


@pytest.mark.slow
def test_results_do_not_depend_on_n_jobs_or_backend():
    G = florentine()
    stat = ("betweenness", "Medici")
    one = null_test(G, stat, samples=600, seed=3, n_jobs=1, **QUIET)
    two = null_test(G, stat, samples=600, seed=3, n_jobs=2, **QUIET)
    assert np.array_equal(one.samples, two.samples)
    assert one.p_value == two.p_value
    with joblib.parallel_config(backend="threading"):
        threads = null_test(G, stat, samples=600, seed=3, n_jobs=2, **QUIET)
    assert np.array_equal(one.samples, threads.samples)
    seq1 = null_test(G, stat, samples=600, seed=3, sequential=True, stop_after=200, **QUIET)
    seq2 = null_test(
        G, stat, samples=600, seed=3, sequential=True, stop_after=200, n_jobs=2, **QUIET
    )
    assert np.array_equal(seq1.samples, seq2.samples)


def test_sequential_stops_early_when_unremarkable():
    G = florentine()
    full = null_test(G, ("betweenness", "Guadagni"), samples=1000, seed=0, **QUIET)
    seq = null_test(
        G,
        ("betweenness", "Guadagni"),
        samples=1000,
        seed=0,
        sequential=True,
        stop_after=10,
        **QUIET,
    )
    assert full.p_value > 0.2
    assert seq.stopped_early
    assert seq.n < 1000
    assert seq.samples.size == seq.n
    assert seq.p_value == pytest.approx(10 / seq.n)
    assert np.array_equal(seq.samples, full.samples[: seq.n])
    assert montecarlo.at_least_as_extreme(seq.samples, seq.observed, "greater").sum() == 10
    assert montecarlo.at_least_as_extreme(seq.samples[:-1], seq.observed, "greater").sum() == 9


def test_sequential_runs_to_the_end_when_remarkable():
    G = nx.barbell_graph(6, 1)  # node 6 bridges two cliques
    res = null_test(G, ("betweenness", 6), samples=300, seed=0, sequential=True, **QUIET)
    assert not res.stopped_early
    assert res.n == 300
    r = montecarlo.at_least_as_extreme(res.samples, res.observed, "greater").sum()
    assert r < 10
    assert res.p_value == pytest.approx((r + 1) / 301)


def test_progress_bar_can_be_silenced(capfd):
    null_test(florentine(), ("betweenness", "Medici"), samples=50, progress=False)
    assert capfd.readouterr().err == ""
    null_test(florentine(), ("betweenness", "Medici"), samples=50, progress=True)
    assert "rewire null" in capfd.readouterr().err


def test_progress_bar_of_a_test_stopped_early_ends_full_and_says_why(capfd):
    G, stat = florentine(), ("betweenness", "Medici")
    res = null_test(
        G, stat, samples=2000, sequential=True, alternative="less", seed=0, progress=True
    )
    assert res.stopped_early
    assert res.n < 2000
    last = capfd.readouterr().err.replace("\r", "\n").strip().splitlines()[-1]
    assert f"{res.n}/{res.n}" in last, last
    assert "stopped early" in last, last


@pytest.mark.slow
def test_fast_and_reference_paths_agree_in_distribution():
    G = florentine()
    for null, n_ref in (("rewire", 400), ("gnm", 400)):
        fast = null_test(G, ("betweenness", "Medici"), null=null, samples=1000, seed=0, **QUIET)
        ref = null_test(
            G,
            lambda H: nx.betweenness_centrality(H)["Medici"],
            null=null,
            samples=n_ref,
            seed=1,
            **QUIET,
        )
        assert fast.observed == pytest.approx(ref.observed, abs=1e-12)
        se = math.sqrt(fast.sd**2 / fast.n + ref.sd**2 / ref.n)
        assert abs(fast.mean - ref.mean) < 4 * se
        assert ref.sd == pytest.approx(fast.sd, rel=0.25)


def test_null_test_result_object():
    res = null_test(florentine(), ("betweenness", "Medici"), samples=100, seed=0, **QUIET)
    assert isinstance(res, NullTest)
    assert res.n == 100 == res.samples.size
    with pytest.raises(ValueError, match="read-only"):
        res.samples[0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.p_value = 0.0
    assert res.significant == (res.p_value <= res.alpha)
    text = repr(res)
    assert "'Medici'" in text
    assert "p=" in text
    assert "<table>" in report.null_test_html(res)
    d = res.to_dict()
    assert json.loads(json.dumps(jsonable(d), allow_nan=False))["samples"] == res.samples.tolist()
    bad = null_test(nx.star_graph(5), ("betweenness", 0), **QUIET)
    assert "testable=False" in repr(bad)
    assert "not testable" in report.null_test_repr(bad)
    assert json.dumps(jsonable(bad.to_dict()), allow_nan=False)
    assert jsonable(bad.to_dict())["p_value"] is None


@pytest.mark.slow  # 8 s alone, up to 20 s on the shared 2-core machine
def test_calibration_rejects_at_most_alpha_under_the_null():
    """G(n, p) graphs are uniform given their degrees: the rewire null holds."""
    rng = np.random.default_rng(12345)
    alpha, n_graphs = 0.05, 200
    rejected = tested = 0
    for _ in range(n_graphs):
        n = int(rng.integers(15, 31))
        G = nx.gnp_random_graph(
            n, float(rng.uniform(2.5, 5.0)) / (n - 1), seed=int(rng.integers(2**31))
        )
        v = int(rng.integers(n))
        res = null_test(
            G, ("betweenness", v), samples=199, seed=int(rng.integers(2**31)), alpha=alpha, **QUIET
        )
        tested += res.testable
        rejected += res.significant
    rate = rejected / tested
    assert tested >= 190
    assert rate <= alpha + 3 * math.sqrt(alpha * (1 - alpha) / tested)


def test_any_networkx_graph_is_folded_into_its_topology():
    M = nx.MultiDiGraph()
    M.add_edges_from([("a", "b"), ("b", "a"), ("b", "c"), ("c", "d"), ("d", "a"), ("c", "c")])
    M.add_edges_from([("a", "b", {"weight": 5.0}), ("d", "e"), ("e", "b")])
    simple = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("d", "e"), ("e", "b")])
    res = null_test(M, ("betweenness", "b"), samples=20, **QUIET)
    assert res.observed == pytest.approx(nx.betweenness_centrality(simple)["b"])
    assert res.testable
    H = rewire(M, seed=0)
    assert type(H) is nx.Graph
    assert degree_dict(H) == degree_dict(simple)
    assert M.number_of_edges() == 9


def test_a_jupyter_bar_stopped_early_ends_full_not_red():
    pytest.importorskip("ipywidgets")
    from tqdm.notebook import tqdm as notebook_bar

    from graph.nulls.ensemble import _ends_here

    bar = notebook_bar(total=2000, desc="rewire null")
    bar.update(12)
    _ends_here(bar, "stopped early")
    bar.close()
    widget = bar.container.children[1]
    assert (widget.value, widget.max) == (12, 12)
    assert widget.bar_style == "success"  # short of its total, Jupyter paints it "danger"


@pytest.mark.parametrize("seed", range(12))
def test_bloc_pair_from_dense_shares_is_igraphs(seed):
    """Random graphs with components, isolates, unblocked nodes: the same value as igraph's."""
    import igraph as ig

    from graph.measures.igraph_engine import bloc_pair_igraph
    from graph.nulls.engine import bloc_pair_of_shares, focus_shares

    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 40))
    G = nx.gnp_random_graph(n, float(rng.uniform(0.05, 0.4)), seed=seed)
    edges = list(G.edges())
    focus = int(rng.integers(n))
    shares, comp = focus_shares(n, edges, focus)
    g = ig.GraphBase(n, edges)
    want_comp = np.asarray(g.connected_components(), dtype=np.int64)
    assert len(set(zip(comp.tolist(), want_comp.tolist(), strict=True))) == len(set(comp.tolist()))
    for _ in range(5):
        codes = rng.integers(-1, 4, n)
        got = bloc_pair_of_shares(shares, comp, codes)
        want = float(bloc_pair_igraph(g, codes, want_comp, vertices=[focus])[0])
        if np.isnan(want):
            assert np.isnan(got)
        else:
            assert got == pytest.approx(want, rel=1e-12, abs=1e-15)


def test_bloc_pair_shares_count_every_shortest_path():
    """A 3x3 grid: six shortest paths corner to corner, three of them through a side's middle."""
    from graph.nulls.engine import focus_shares

    G = nx.convert_node_labels_to_integers(nx.grid_2d_graph(3, 3), ordering="sorted")
    shares, _ = focus_shares(9, list(G.edges()), 1)  # (0, 1): the middle of a side
    assert shares[0, 8] == pytest.approx(3 / 6)
    assert shares[0, 2] == 1.0  # (0, 0) to (0, 2): the one path runs through (0, 1)
    assert shares[3, 5] == 0.0  # (1, 0) to (1, 2): through the centre only
