"""Tests for graph.brokerage: hand counts, hand z-scores, values from R's sna 2.7-1."""

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graph import report
from graph.brokerage import ROLES, SNA_NAMES, BrokerageResult, brokerage

COLUMNS = [*ROLES, "total"]


def path_abc(blocs):
    """Directed path a -> b -> c with blocs given in the order a, b, c."""
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(G, dict(zip("abc", blocs, strict=True)), "bloc")
    return G


# --------------------------------------------------------------------------- one role at a time


@pytest.mark.parametrize(
    ("role", "blocs"),
    [
        ("coordinator", "XXX"),  # b(a) = b(b) = b(c)
        ("itinerant", "XYX"),  # b(a) = b(c) != b(b)
        ("representative", "XXY"),  # b(a) = b(b) != b(c)
        ("gatekeeper", "XYY"),  # b(a) != b(b) = b(c)
        ("liaison", "XYZ"),  # all three differ
    ],
)
def test_each_role_on_a_directed_path(role, blocs):
    counts = brokerage(path_abc(blocs)).counts
    expected = pd.DataFrame(0, index=counts.index, columns=COLUMNS)
    expected.loc["b", [role, "total"]] = 1
    pd.testing.assert_frame_equal(counts, expected, check_dtype=False)
    assert counts.dtypes.map(lambda t: t.kind == "i").all()


def test_closed_triad_has_no_brokerage():
    # sna's brokerage_R skips a two-path i -> v -> j when i -> j exists
    G = path_abc("XYZ")
    G.add_edge("a", "c")
    res = brokerage(G)
    assert (res.counts == 0).all().all()


def test_reverse_arc_does_not_close_a_two_path():
    # c -> a makes a directed cycle: a -> b -> c stays open (sna checks only i -> j),
    # and every node brokers exactly one path.
    G = path_abc("XYZ")
    G.add_edge("c", "a")
    counts = brokerage(G).counts
    assert counts["liaison"].tolist() == [1, 1, 1]
    assert counts["total"].tolist() == [1, 1, 1]


def test_returning_two_path_is_not_counted():
    # a -> b -> a has i == j: not a two-path between two alters
    G = nx.DiGraph([("a", "b"), ("b", "a")])
    nx.set_node_attributes(G, {"a": "X", "b": "Y"}, "bloc")
    assert (brokerage(G).counts == 0).all().all()


# --------------------------------------------------------------------------- all five roles


HAND_ARCS = [
    ("a1", "a2"),
    ("a2", "a3"),
    ("a1", "a3"),
    ("a3", "a4"),
    ("a3", "b1"),
    ("b1", "c1"),
    ("c1", "b2"),
    ("b2", "b3"),
    ("b3", "b2"),
]
HAND_BLOCS = {
    "a1": "A",
    "a2": "A",
    "a3": "A",
    "a4": "A",
    "b1": "B",
    "b2": "B",
    "b3": "B",
    "c1": "C",
}


@pytest.fixture
def hand_graph():
    """All five roles; open two-paths i -> v -> j counted by hand, broker by broker.

    a1: no in-arcs                                   -> nothing
    a2: a1 -> a2 -> a3 is closed by a1 -> a3         -> nothing
    a3: in {a1, a2}, out {a4, b1}, no shortcuts:
        a1 -> a3 -> a4 (A A A) coordinator
        a2 -> a3 -> a4 (A A A) coordinator
        a1 -> a3 -> b1 (A A B) representative
        a2 -> a3 -> b1 (A A B) representative        -> coordinator 2, representative 2
    a4: no out-arcs                                  -> nothing
    b1: a3 -> b1 -> c1 (A B C) liaison               -> liaison 1
    c1: b1 -> c1 -> b2 (B C B) itinerant             -> itinerant 1
    b2: c1 -> b2 -> b3 (C B B) gatekeeper; b3 -> b2 -> b3 returns to b3, not counted
                                                     -> gatekeeper 1
    b3: b2 -> b3 -> b2 returns, not counted          -> nothing
    Total 7 two-paths; N = 8 actors, m = 9 arcs, density 9/56.
    """
    G = nx.DiGraph(HAND_ARCS)
    nx.set_node_attributes(G, HAND_BLOCS, "bloc")
    return G


def test_hand_graph_counts(hand_graph):
    res = brokerage(hand_graph)
    expected = pd.DataFrame(0, index=res.counts.index, columns=COLUMNS)
    expected.loc["a3", ["coordinator", "representative", "total"]] = [2, 2, 4]
    expected.loc["b1", ["liaison", "total"]] = 1
    expected.loc["c1", ["itinerant", "total"]] = 1
    expected.loc["b2", ["gatekeeper", "total"]] = 1
    pd.testing.assert_frame_equal(res.counts, expected, check_dtype=False)
    assert res.density == pytest.approx(9 / 56)
    assert res.graph_level["count"].tolist() == [2, 1, 2, 1, 1, 7]


def test_hand_graph_matches_sna(hand_graph):
    """Values printed by R 4.2.2, sna 2.7-1: brokerage(g, cl)$z.nli and $z.gli, same graph."""
    res = brokerage(hand_graph)
    z = res.z
    assert z.loc["a3", "coordinator"] == pytest.approx(4.723835773086128, abs=1e-10)
    assert z.loc["a3", "representative"] == pytest.approx(2.744993572902701, abs=1e-10)
    assert z.loc["a3", "total"] == pytest.approx(2.2288243990034307, abs=1e-10)
    assert z.loc["b1", "liaison"] == pytest.approx(1.728940543817664, abs=1e-10)
    assert z.loc["b2", "gatekeeper"] == pytest.approx(1.353631570340252, abs=1e-10)
    assert z.loc["c1", "itinerant"] == pytest.approx(0.838418172094663, abs=1e-10)
    assert z.loc["a1", "itinerant"] == pytest.approx(-0.328578387675731, abs=1e-10)
    assert z.loc["b3", "liaison"] == pytest.approx(-0.362748782050915, abs=1e-10)
    assert z.loc["b1", "total"] == pytest.approx(0.0645844355587885, abs=1e-10)
    # c1 is a bloc of one: it cannot coordinate, represent or gatekeep (sd = 0 -> NaN)
    assert z.loc["c1", ["coordinator", "representative", "gatekeeper"]].isna().all()
    assert res.expected.loc["c1", "liaison"] == pytest.approx(0.520271501457726, abs=1e-12)
    assert res.expected.loc["b1", "coordinator"] == pytest.approx(0.0433559584548105, abs=1e-12)
    sna_z_gli = [
        1.3660648092884056,
        -0.3986685441743743,
        0.1908763998002874,
        -0.4266115312929467,
        -0.3366025413576542,
        -0.0601523747242434,
    ]
    sna_sd_gli = [
        0.987991648713132,
        1.732974396483670,
        1.619464850478204,
        1.619464850478204,
        1.666103001216765,
        4.718035184964749,
    ]
    assert res.graph_level["z"].tolist() == pytest.approx(sna_z_gli, abs=1e-10)
    assert res.graph_level["sd"].tolist() == pytest.approx(sna_sd_gli, abs=1e-10)


# --------------------------------------------------------------------------- z by hand


def test_z_scores_by_hand_on_a_path():
    """a -> b -> c, blocs W, E, E: b is a gatekeeper. sna's formulas worked through by hand."""
    res = brokerage(path_abc("WEE"))
    N, m = 3, 2
    d = m / (N * (N - 1))  # 1/3
    a = d**2 * (1 - d)  # 2/27: P(i -> v -> j open)
    c = d**3 * (1 - d) ** 3
    # b's bloc E has n_k = 2, the other bloc W has 1.
    # gatekeeper: E = a (N - n_k)(n_k - 1); V = E(1 - a) + 2[(n_k-1) C(N-n_k, 2)
    #             + (N-n_k) C(n_k-1, 2)] c, both binomials 0 here
    e_gate = a * 1 * 1
    v_gate = e_gate * (1 - a)
    assert res.expected.loc["b", "gatekeeper"] == pytest.approx(e_gate)
    assert res.z.loc["b", "gatekeeper"] == pytest.approx((1 - e_gate) / math.sqrt(v_gate))
    assert res.z.loc["b", "gatekeeper"] == pytest.approx(25 / math.sqrt(50))
    # total: E = a (N-1)(N-2) = 4/27; V = E(1-a) + 2(N-1)(N-2)(N-3) c = E(1-a)
    e_tot = a * 2 * 1
    v_tot = e_tot * (1 - a) + 2 * 2 * 1 * 0 * c
    assert res.z.loc["b", "total"] == pytest.approx((1 - e_tot) / math.sqrt(v_tot))
    assert res.z.loc["b", "total"] == pytest.approx(2.3)  # sna: 2.3
    # a (bloc W, n_k = 1) as itinerant between the two E actors: E = a * 2 * 1
    e_itin = a * 2 * 1
    assert res.expected.loc["a", "itinerant"] == pytest.approx(e_itin)
    assert res.z.loc["a", "itinerant"] == pytest.approx(-0.4)  # sna: -0.4
    # a bloc of one has no coordinator triples: sd 0, z NaN
    assert res.sd.loc["a", "coordinator"] == 0.0
    assert math.isnan(res.z.loc["a", "coordinator"])


# --------------------------------------------------------------------------- undirected, folding


def test_undirected_is_a_symmetric_digraph():
    G = nx.path_graph(["a", "b", "c"])
    res = brokerage(G, blocs={"a": "W", "b": "E", "c": "W"})
    # a -> b -> c and c -> b -> a
    assert res.counts.loc["b", "itinerant"] == 2
    assert res.counts.loc["b", "total"] == 2
    assert res.counts.drop(index="b").eq(0).all().all()
    assert res.density == pytest.approx(4 / 6)  # 2 edges = 4 arcs
    # sna 2.7-1 on the undirected network object: z.nli[, "t"]
    sna_t = [-0.589767824619589, 3.391164991562634, -0.589767824619589]
    assert res.z["total"].tolist() == pytest.approx(sna_t, abs=1e-12)


def test_undirected_coordinator_counts_both_directions():
    G = nx.path_graph(["a", "b", "c"])
    nx.set_node_attributes(G, "X", "bloc")
    assert brokerage(G).counts.loc["b", "coordinator"] == 2


def test_multidigraph_folding():
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", directed=True)
    M.add_edge("a", "b", directed=True)  # parallel arc counts once
    M.add_edge("c", "b", directed=False)  # an undirected tie: both ways
    M.add_edge("b", "b", directed=True)  # self-loop dropped
    nx.set_node_attributes(M, {"a": "X", "b": "Y", "c": "Z"}, "bloc")
    res = brokerage(M)
    # arcs a->b, c->b, b->c: only a -> b -> c is open
    assert res.counts.loc["b", "liaison"] == 1
    assert res.counts["total"].sum() == 1
    assert res.density == pytest.approx(3 / 6)


# --------------------------------------------------------------------------- blocs


def test_no_blocs_raises_with_advice():
    with pytest.raises(ValueError, match=r"no node has a 'bloc' attribute.*blocs="):
        brokerage(nx.path_graph(3))
    with pytest.raises(ValueError, match="'region'"):
        brokerage(nx.path_graph(3), blocs="region")
    with pytest.raises(ValueError, match="mapping"):
        brokerage(nx.path_graph(3), blocs={})


def test_missing_bloc_is_a_singleton():
    # a and c have no bloc: each is its own bloc, so b (X) is a liaison, not an itinerant
    G = path_abc("XYZ")
    G.nodes["a"]["bloc"] = None
    del G.nodes["c"]["bloc"]
    res = brokerage(G)
    assert res.counts.loc["b", "liaison"] == 1
    assert res.blocs.tolist() == [None, "Y", None]
    assert "3 blocs" in report.brokerage_repr(res)


def test_blocs_of_size_one_give_nan_z():
    res = brokerage(path_abc("XYZ"))
    # every bloc has one actor: coordinator, representative, gatekeeper impossible
    for role in ("coordinator", "representative", "gatekeeper"):
        assert (res.sd[role] == 0).all()
        assert res.z[role].isna().all()
    assert res.z.loc["b", "liaison"] > 0


def test_samples_must_be_non_negative():
    with pytest.raises(ValueError, match="samples"):
        brokerage(path_abc("XYZ"), samples=-1)


# --------------------------------------------------------------------------- against brute force


def _brute_counts(D, bloc):
    counts = {v: dict.fromkeys(ROLES, 0) for v in D}
    for v in D:
        for i, j in itertools.permutations(D, 2):
            if v in (i, j) or not (D.has_edge(i, v) and D.has_edge(v, j)) or D.has_edge(i, j):
                continue
            bi, bv, bj = bloc[i], bloc[v], bloc[j]
            if bi == bv == bj:
                role = "coordinator"
            elif bi == bj:
                role = "itinerant"
            elif bi == bv:
                role = "representative"
            elif bv == bj:
                role = "gatekeeper"
            else:
                role = "liaison"
            counts[v][role] += 1
    return pd.DataFrame.from_dict(counts, orient="index")


@pytest.mark.parametrize("seed", range(8))
def test_counts_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    D = nx.gnp_random_graph(12, 0.3, seed=seed, directed=True)
    bloc = {v: int(rng.integers(0, 3)) for v in D}
    got = brokerage(D, blocs=bloc).counts
    want = _brute_counts(D, bloc)
    pd.testing.assert_frame_equal(
        got[list(ROLES)],
        want[list(ROLES)],
        check_dtype=False,
        check_names=False,
        check_index_type=False,
    )


# --------------------------------------------------------------------------- permutation p-values


@pytest.fixture
def bridge_star():
    """Hub h between two blocs of three leaves: h is every path's liaison or itinerant."""
    G = nx.star_graph(["h", "w1", "w2", "w3", "e1", "e2", "e3"])
    blocs = {"h": "H", "w1": "W", "w2": "W", "w3": "W", "e1": "E", "e2": "E", "e3": "E"}
    nx.set_node_attributes(G, blocs, "bloc")
    return G


def test_p_values_reproducible(bridge_star):
    a = brokerage(bridge_star, samples=50, seed=3)
    b = brokerage(bridge_star, samples=50, seed=3)
    pd.testing.assert_frame_equal(a.p_value, b.p_value)
    # a Generator seeds as the integer it draws, as every Monte Carlo test of the package
    c = brokerage(bridge_star, samples=50, seed=np.random.default_rng(3))
    drawn = int(np.random.default_rng(3).integers(2**63))
    pd.testing.assert_frame_equal(brokerage(bridge_star, samples=50, seed=drawn).p_value, c.p_value)
    assert a.p_value.columns.tolist() == COLUMNS
    assert ((a.p_value >= 1 / 51) & (a.p_value <= 1)).all().all()
    assert (a.p_value["total"] == 1.0).all()  # total does not depend on blocs
    assert a.samples == 50


def test_p_values_see_the_broker(bridge_star):
    res = brokerage(bridge_star, samples=199, seed=0)
    # h brokers 30 ordered leaf pairs: 18 W<->E liaison paths, 12 within-bloc itinerant
    assert res.counts.loc["h", "liaison"] == 18
    assert res.counts.loc["h", "itinerant"] == 12
    # a permutation keeps 30 paths at h; its liaison count reaches 18 only when h keeps
    # a singleton bloc (prob 1/7) -- a small p-value, but not below 1/7 by much
    assert res.p_value.loc["h", "liaison"] == pytest.approx(1 / 7, abs=0.07)
    assert res.p_value.loc["w1", "liaison"] == 1.0


def test_no_samples_means_no_p_values(bridge_star):
    res = brokerage(bridge_star)
    assert res.p_value is None
    assert res.to_frame()["p_value"].isna().all()


def test_progress_bar_runs(bridge_star, capsys):
    res = brokerage(bridge_star, samples=5, seed=1, progress=True)
    assert res.p_value is not None
    assert "brokerage permutations" in capsys.readouterr().err


# --------------------------------------------------------------------------- the result object


def test_result_is_frozen_and_shaped(hand_graph):
    res = brokerage(hand_graph)
    assert isinstance(res, BrokerageResult)
    with pytest.raises(AttributeError):
        res.density = 0.5
    for table in (res.counts, res.expected, res.sd, res.z):
        assert table.index.name == "actor"
        assert table.columns.tolist() == COLUMNS
        assert table.index.tolist() == list(hand_graph)
    assert set(SNA_NAMES) == set(COLUMNS)


def test_to_frame_is_tidy(hand_graph):
    res = brokerage(hand_graph, samples=9, seed=0)
    long = res.to_frame()
    assert long.columns.tolist() == [
        "actor",
        "bloc",
        "role",
        "count",
        "expected",
        "sd",
        "z",
        "p_value",
    ]
    assert len(long) == 8 * 6
    row = long.set_index(["actor", "role"]).loc[("a3", "coordinator")]
    assert row["count"] == 2
    assert row["bloc"] == "A"
    assert row["z"] == pytest.approx(res.z.loc["a3", "coordinator"])


def test_repr_and_html(hand_graph):
    res = brokerage(hand_graph, samples=9, seed=0)
    assert repr(res) == "BrokerageResult(actors=8, density=0.1607, samples=9)"
    text = report.brokerage_repr(res)
    assert text.startswith("BrokerageResult: 8 actors, 3 blocs")
    assert "9 permutations" in text
    assert "2 (+4.72)" in text  # a3's coordinator count and z
    page = report.brokerage_html(res)
    assert page.startswith("<p><b>BrokerageResult")
    assert "<table" in page
    assert "coordinator" in page


def test_classic_graphs_run():
    G = nx.karate_club_graph()
    res = brokerage(G, blocs="club")
    assert res.counts["total"].sum() == res.graph_level.loc["total", "count"]
    # undirected: every open two-path is counted once per direction
    assert (res.counts["total"] % 2 == 0).all()
    F = nx.florentine_families_graph()
    halves = {v: ("A" if k % 2 else "B") for k, v in enumerate(sorted(F))}
    res = brokerage(F, blocs=halves)
    assert res.counts["total"].idxmax() == "Medici"


def test_tuple_node_ids_stay_one_index_level():
    G = nx.grid_2d_graph(2, 3)
    nx.set_node_attributes(G, {v: v[0] for v in G}, "bloc")
    res = brokerage(G)
    assert res.counts.index.nlevels == 1
    assert res.counts.index[0] == (0, 0)
    assert res.to_frame()["actor"].iloc[0] == (0, 0)


def _reference_roles(G, codes, index):
    """Every open two-path i -> v -> j listed, as the counts were first computed (small G)."""
    from graph.fold import fold_directed

    D = fold_directed(G)
    out = np.zeros((len(index), 5), dtype=np.int64)
    for v in D:
        for i in D.pred[v]:
            for j in D.succ[v]:
                if i != j and j not in D.succ[i]:
                    ci, cv, cj = codes[index[i]], codes[index[v]], codes[index[j]]
                    if ci == cv == cj:
                        r = 0
                    elif ci != cv and ci == cj:
                        r = 1
                    elif ci == cv:
                        r = 2
                    elif cv == cj:
                        r = 3
                    else:
                        r = 4
                    out[index[v], r] += 1
    return out


@pytest.mark.parametrize("kind", [nx.Graph, nx.DiGraph, nx.MultiDiGraph])
def test_role_arithmetic_equals_listing_every_two_path(kind):
    from graph import brokerage as b

    rng = np.random.default_rng(7)
    for _ in range(80):
        n = int(rng.integers(1, 13))
        G = kind()
        G.add_nodes_from(range(n))
        for _ in range(int(rng.integers(0, 3 * n + 1))):
            u, v = (int(x) for x in rng.integers(0, n, size=2))
            G.add_edge(u, v, directed=bool(rng.random() < 0.7))
        codes = b._class_codes(rng.integers(-1, 3, size=n))
        index = {v: i for i, v in enumerate(G)}
        assert (b._count_roles(b._arcs(G, index), codes) == _reference_roles(G, codes, index)).all()


@pytest.mark.slow
def test_a_big_star_is_counted_without_listing_leaf_pairs():
    leaves, blocs = 20_000, 4  # 4 * 10^8 ordered leaf pairs: listing them ended in MemoryError
    G = nx.star_graph(leaves)
    nx.set_node_attributes(G, {v: f"b{v % blocs}" for v in G}, "bloc")
    counts = brokerage(G).counts.loc[0]
    size = np.bincount(np.arange(1, leaves + 1) % blocs)  # leaves per bloc; the hub is in b0
    same = int((size * (size - 1)).sum())  # ordered pairs of distinct leaves in one bloc
    assert counts["coordinator"] == size[0] * (size[0] - 1)
    assert counts["itinerant"] == same - size[0] * (size[0] - 1)
    assert counts["representative"] == counts["gatekeeper"] == size[0] * (leaves - size[0])
    assert counts["total"] == leaves * (leaves - 1)


# sna's own sums over blocs (brokerage.R: ebr/vbr, egbr/vgbr), loop for loop, as the reference
# for the power-sum forms in graph.brokerage.
def _pairs(x):
    return x * (x - 1) / 2


def _sna_actor_moments(sizes, d):
    N = sizes.sum()
    a = d**2 * (1 - d)
    b = d**3 * (1 - d) ** 3
    K = len(sizes)
    mean = np.zeros((K, 6))
    var = np.zeros((K, 6))
    for k, nk in enumerate(sizes):
        other = np.delete(sizes, k)
        mean[k, 0] = a * (nk - 1) * (nk - 2)
        var[k, 0] = mean[k, 0] * (1 - a) + 2 * (nk - 1) * (nk - 2) * (nk - 3) * b
        mean[k, 1] = a * np.sum(other * (other - 1))
        var[k, 1] = mean[k, 1] * (1 - a) + 2 * np.sum(other * (other - 1) * (other - 2)) * b
        mean[k, 2] = a * (N - nk) * (nk - 1)
        var[k, 2] = (
            mean[k, 2] * (1 - a) + 2 * ((nk - 1) * _pairs(N - nk) + (N - nk) * _pairs(nk - 1)) * b
        )
        mean[k, 3], var[k, 3] = mean[k, 2], var[k, 2]
        mean[k, 4] = a * (np.sum(np.outer(other, other)) - np.sum(other**2))
        var[k, 4] = mean[k, 4] * (1 - a) + 4 * np.sum(other * _pairs(N - other - nk)) * b
        mean[k, 5] = a * (N - 1) * (N - 2)
        var[k, 5] = mean[k, 5] * (1 - a) + 2 * (N - 1) * (N - 2) * (N - 3) * b
    return mean, var


def _sna_graph_moments(sizes, d):
    n = sizes
    N = n.sum()
    a = d**2 * (1 - d)
    b3, b4, b5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    mean = np.zeros(6)
    var = np.zeros(6)
    mean[0] = a * np.sum(n * (n - 1) * (n - 2))
    var[0] = mean[0] * (1 - a) + np.sum(
        n * (n - 1) * (n - 2) * ((4 * n - 10) * b3 - 4 * (n - 3) * b4 + (n - 3) * b5)
    )
    mean[1] = a * np.sum(n * (N - n) * (n - 1))
    x, y = n[:, None], n[None, :]
    cross = x * y * (x - 1) * ((2 * x + 2 * y - 6) * b3 + (N - x - 1) * b5)
    diag = n * n * (n - 1) * ((4 * n - 6) * b3 + (N - n - 1) * b5)
    var[1] = mean[1] * (1 - a) + (cross.sum() - diag.sum())
    mean[2] = a * np.sum(n * (N - n) * (n - 1))
    var[2] = mean[2] * (1 - a) + np.sum(n * (N - n) * (n - 1) * ((N - 3) * b3 + (n - 2) * b5))
    mean[3], var[3] = mean[2], var[2]
    mean[4] = a * (np.sum(x * y * (N - x - y)) - np.sum(n * n * (N - 2 * n)))
    var[4] = mean[4] * (1 - a)
    K = len(n)
    for i in range(K):
        for j in range(K):
            for k in range(K):
                if i != j and j != k and i != k:
                    var[4] += (
                        n[i]
                        * n[j]
                        * n[k]
                        * (
                            (4 * (N - n[j]) - 2 * (n[i] + n[k] + 1)) * b3
                            - (4 * (N - n[k]) - 2 * (n[i] + n[j] + 1)) * b4
                            + (N - (n[i] + n[k] + 1)) * b5
                        )
                    )
    mean[5] = a * N * (N - 1) * (N - 2)
    var[5] = mean[5] * (1 - a) + N * (N - 1) * (N - 2) * (
        (4 * N - 10) * b3 - 4 * (N - 3) * b4 + (N - 3) * b5
    )
    return mean, var


@pytest.mark.slow
def test_moments_by_power_sums_equal_sna_loops_over_blocs():
    from graph import brokerage as B

    rng = np.random.default_rng(0)
    for _ in range(300):
        sizes = rng.integers(1, 30, int(rng.integers(1, 12))).astype(float)
        d = float(rng.random())
        for ours, sna in (
            (B._actor_moments, _sna_actor_moments),
            (B._graph_moments, _sna_graph_moments),
        ):
            m1, v1 = ours(sizes, d)
            m2, v2 = sna(sizes, d)
            np.testing.assert_allclose(m1, m2, rtol=1e-9, atol=1e-9)
            np.testing.assert_allclose(v1, v2, rtol=1e-9, atol=1e-6)


def test_one_bloc_gives_variances_of_zero_not_nan():
    from graph import brokerage as B

    for N in (3, 6, 20, 1000):
        for d in (0.1, 0.5, 1.0):
            for moments in (B._actor_moments, B._graph_moments):
                var = moments(np.array([float(N)]), d)[1]
                assert np.all(var >= 0), (N, d, var)


# ------------------------------------------------------- dense graphs: memory linear in the ties


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_triangles_walked_or_listed_give_the_same_counts(monkeypatch, directed):
    from graph.measures import triangles

    rng = np.random.default_rng(7)
    G = nx.gnp_random_graph(60, 0.35, seed=3, directed=directed)
    blocs = {n: ("ABC"[rng.integers(3)] if rng.random() < 0.8 else None) for n in G}
    listed = brokerage(G, blocs=blocs)
    monkeypatch.setattr(triangles, "WEDGES_LISTED", 0)  # every graph "dense": walked
    walked = brokerage(G, blocs=blocs)
    pd.testing.assert_frame_equal(listed.counts, walked.counts)
    pd.testing.assert_frame_equal(listed.z, walked.z)


@pytest.mark.slow
def test_a_complete_graph_takes_memory_linear_in_its_ties():
    """K_300: 44,850 ties, 4.5 million triangles (listed: 650 MB of corner triples)."""
    import tracemalloc

    G = nx.complete_graph(300)
    blocs = {n: "AB"[n % 2] for n in G}
    brokerage(nx.complete_graph(40), blocs={n: "AB"[n % 2] for n in range(40)})  # compile
    tracemalloc.start()
    try:
        res = brokerage(G, blocs=blocs)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000 * G.number_of_edges()  # under 45 MB
    # every pair of a broker's neighbours is tied: no open two-path at all
    assert int(res.counts["total"].sum()) == 0
