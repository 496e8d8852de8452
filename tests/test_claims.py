"""The claim test: every criterion can fail, textbook answers, calibration, the article."""

from __future__ import annotations

import dataclasses
import json
import math

import networkx as nx
import numpy as np
import pytest

from graph import claims, io, networks, nulls, pipeline, report
from graph.claims import assess_bridge_claim
from graph.claims.assess import verdict_of
from graph.claims.result import Criterion
from graph.errors import DataError
from graph.jsondata import jsonable

ALPHA = 0.05


def _two_cliques(k: int = 6) -> tuple[nx.Graph, dict]:
    """Two k-cliques joined only through "hub", of degree 2 and of a bloc of its own."""
    G = nx.disjoint_union(nx.complete_graph(k), nx.complete_graph(k))
    G.add_edges_from([("hub", 0), ("hub", k)])
    blocs = {n: "H" if n == "hub" else ("A" if n < k else "B") for n in G}
    return G, blocs


def _ego_network(seed: int) -> tuple[nx.Graph, dict]:
    """A hub tied to 18 alters; the alters form one 5-clique and 5 pairs; random blocs."""
    rng = np.random.default_rng(seed)
    G = nx.Graph()
    G.add_edges_from(("hub", i) for i in range(18))
    G.add_edges_from((i, j) for i in range(5) for j in range(i + 1, 5))
    G.add_edges_from((5 + 2 * k, 6 + 2 * k) for k in range(5))
    blocs = {n: str(rng.choice(list("ABCDE"))) for n in G}
    return G, blocs


def _run(G, focus, **kw):
    kw = {"samples": 199, "seed": 0, "progress": False} | kw
    return assess_bridge_claim(G, focus, **kw)


# ----------------------------------------------------------------- textbook answers


def test_a_real_bridge_of_degree_two_is_supported():
    G, blocs = _two_cliques()
    r = _run(G, "hub", blocs=blocs)
    assert r.verdict == "supported"
    for key in ("source", "bridge", "bloc_specificity", "beyond_degree"):
        assert r.criterion(key).status == "pass", key
    # one pair of contacts, brokered, is all a node of degree 2 can do: no power to test
    assert r.criterion("brokerage").status == "not testable"
    assert r.criterion("beyond_degree").effect < 0.25


@pytest.mark.parametrize("seed", range(5))
def test_a_star_with_random_blocs_is_never_supported(seed):
    G = nx.star_graph(12)
    rng = np.random.default_rng(seed)
    blocs = {n: str(rng.choice(list("ABC"))) for n in G}
    r = _run(G, 0, blocs=blocs, seed=seed)
    assert r.verdict == "not testable from this source"
    assert r.criterion("source").status == "fail"


@pytest.mark.parametrize("seed", range(5))
def test_an_ego_network_with_random_blocs_is_never_supported(seed):
    G, blocs = _ego_network(seed)
    r = _run(G, "hub", blocs=blocs, seed=seed)
    assert r.verdict == "not testable from this source"
    d = r.criterion("source").details
    assert d["coverage"] == 1.0
    assert d["ego_ties"] == 18


def test_florentine_families():
    G = nx.florentine_families_graph()
    medici = _run(G, "Medici", samples=999)
    assert medici.blocs_source == "detected"
    assert medici.verdict != "not supported"
    assert medici.criterion("bridge").status == "pass"
    pazzi = _run(G, "Pazzi", samples=999)
    assert pazzi.verdict == "not supported"
    assert pazzi.criterion("bridge").status == "fail"


# --------------------------------------------------------------- every criterion fails


def test_source_design_fails_on_a_star_and_passes_on_a_path():
    assert _run(nx.star_graph(6), 0).criterion("source").status == "fail"
    assert _run(nx.path_graph(7), 3).criterion("source").status == "pass"


@pytest.mark.parametrize("seed", range(4))
def test_source_design_counts_what_the_edge_and_degree_views_count(seed):
    """On a simple graph the counts come from the adjacency; the same as networkx's views."""
    from graph.claims.prepare import source_design

    rng = np.random.default_rng(seed)
    G = nx.gnm_random_graph(40, int(rng.integers(10, 120)), seed=seed)
    G.add_nodes_from([40, 41])  # isolates: not counted among the others
    for v in rng.choice(40, 4, replace=False).tolist():
        G.add_edge(v, v)  # ties to itself, one of them perhaps the focus's
    for v in rng.choice(40, 3, replace=False).tolist():
        G.nodes[v]["country"] = 0  # persons acting for the focus: part of its ego
    ego = {0} | {n for n, c in G.nodes(data="country") if c == 0}
    got = source_design(G, 0)
    assert got["others"] == len([n for n in G if n not in ego and G.degree(n) > 0])
    assert got["ties"] == G.number_of_edges()
    assert got["ego_ties"] == sum(1 for u, v in G.edges() if u in ego or v in ego)
    assert got == source_design(nx.MultiGraph(G), 0)  # the views' path, on the same ties


def test_bridge_fails_where_the_sides_bypass_the_focus():
    G, blocs = _two_cliques()
    G.add_edge(1, 7)  # a second link between the cliques
    G.add_edge(2, 8)
    r = _run(G, "hub", blocs=blocs)
    assert r.criterion("bridge").status == "fail"
    assert r.verdict == "not supported"


@pytest.mark.slow
def test_bridge_uses_the_named_sides_and_is_untestable_when_they_are_not_joined():
    G, blocs = _two_cliques()
    G.add_node("island")
    blocs["island"] = "I"
    named = _run(G, "hub", blocs=blocs, between=["A", "B"])
    (pair,) = named.criterion("bridge").details["pairs"]
    assert (pair["a"], pair["b"], pair["cut"]) == ("A", "B", True)
    assert pair["share"] == pytest.approx(36 / 36)
    alone = _run(G, "hub", blocs=blocs, between=["A", "island"])
    assert alone.criterion("bridge").status == "not testable"
    assert alone.verdict == "not testable from this source"


@pytest.mark.slow
def test_bloc_specificity_fails_under_random_labels_and_passes_for_the_real_blocs():
    G, blocs = _two_cliques()
    rng = np.random.default_rng(3)
    shuffled = dict(zip(blocs, rng.permutation(list(blocs.values())), strict=True))
    assert _run(G, "hub", blocs=blocs).criterion("bloc_specificity").status == "pass"
    assert _run(G, "hub", blocs=shuffled).criterion("bloc_specificity").status == "fail"


def test_beyond_degree_fails_for_a_central_node_of_a_random_graph():
    G = nx.gnp_random_graph(30, 0.15, seed=4)
    focus = max(G, key=G.degree)
    blocs = {n: n % 3 for n in G}
    assert _run(G, focus, blocs=blocs).criterion("beyond_degree").status == "fail"


@pytest.mark.slow
def test_brokerage_fails_when_contacts_are_tied_and_passes_when_open():
    # a hub whose contacts in other blocs are all tied to each other: brokers nothing
    G = nx.complete_graph(8)
    G = nx.relabel_nodes(G, {0: "f"})
    G.add_edges_from([(10, 11), (11, 12), (12, 10), ("f", 10)])
    blocs = {n: "F" if n == "f" else ("A" if isinstance(n, int) and n < 5 else "B") for n in G}
    assert _run(G, "f", blocs=blocs).criterion("brokerage").status == "fail"
    # a broker among six groups, each tied inside, not to each other
    H = nx.Graph()
    for k in range(6):
        members = [f"{k}-{i}" for i in range(4)]
        H.add_edges_from((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
        H.add_edge("f", members[0])
        H.add_edge("f", members[1])
    hb = {n: "F" if n == "f" else n.split("-")[0] for n in H}
    assert _run(H, "f", blocs=hb, samples=499).criterion("brokerage").status == "pass"


@pytest.mark.slow
def test_robustness_fails_when_variants_disagree():
    G, blocs = _two_cliques()
    nx.set_node_attributes(G, blocs, "bloc")
    other = G.copy()
    other.add_edges_from([(1, 7), (2, 8), (3, 9)])  # another view where the cliques meet
    r = _run(G, "hub", alternatives={"v1": other, "v2": other, "v3": other})
    assert r.criterion("robustness").status == "fail"
    assert r.verdict == "partly supported"  # supported on its own, not across the variants
    same = _run(G, "hub", alternatives={"v1": G.copy()})
    assert same.criterion("robustness").status == "pass"


def test_rank_fails_for_a_peripheral_node():
    G = nx.path_graph(6)
    assert _run(G, 0).criterion("rank").status == "fail"
    assert _run(G, 2).criterion("rank").status == "pass"


@pytest.mark.slow
def test_mediation_pattern_needs_positive_ties_to_both_sides_in_conflict():
    G = nx.Graph()
    G.add_edge("a", "b", sign=-1)
    G.add_edge("m", "a", sign=1)
    G.add_edge("m", "b", sign=1)
    G.add_edges_from([("a", "a2"), ("b", "b2"), ("m", "x")])
    blocs = {"a": "A", "a2": "A", "b": "B", "b2": "B", "m": "M", "x": "M"}
    r = _run(G, "m", blocs=blocs, between=["A", "B"])
    assert r.criterion("mediation").status == "pass"
    G["m"]["b"]["sign"] = 0  # no longer a positive tie to b's side
    assert _run(G, "m", blocs=blocs, between=["A", "B"]).criterion("mediation").status == "fail"
    G.remove_edge("a", "b")
    assert _run(G, "m", blocs=blocs, between=["A", "B"]).criterion("mediation").status == "n/a"


def test_framing_compares_with_the_other_actors():
    assert _run(nx.star_graph(5), 0).criterion("framing").status == "fail"
    assert _run(nx.cycle_graph(8), 0).criterion("framing").status == "pass"


def test_a_war_is_not_a_channel():
    """Two sides at war and a mediator tied to both: the war joins them only with ties='all'."""
    G = nx.Graph()
    G.add_edge("a", "b", sign=-1)
    for _side, members in (("A", ["a", "a1", "a2"]), ("B", ["b", "b1", "b2"])):
        G.add_edges_from((members[0], m) for m in members[1:])
        G.add_edges_from([(members[1], members[2])])
    G.add_edge("m", "a", sign=1)
    G.add_edge("m", "b", sign=1)
    blocs = {n: n[0].upper() for n in G}
    channels = _run(G, "m", blocs=blocs, between=["A", "B"])
    everything = _run(G, "m", blocs=blocs, between=["A", "B"], ties="all")
    assert channels.criterion("bridge").observed == pytest.approx(1.0)
    assert everything.criterion("bridge").observed < 0.5
    assert channels.tested["edges"] == G.number_of_edges() - 1  # the war is left out
    assert everything.tested["edges"] == G.number_of_edges()


# ----------------------------------------------------------------------- calibration


@pytest.mark.slow
def test_shuffled_blocs_of_the_article_are_supported_at_most_at_alpha(dataset):
    """Over random shufflings of the shipped states view's blocs: 'supported' and the
    bloc-specificity criterion come out at a rate within a binomial band around alpha."""
    G = networks.view(dataset, "states")
    nodes = list(G)
    labels = [G.nodes[n]["bloc"] for n in nodes]
    rng = np.random.default_rng(7)
    shuffles = 30
    supported = specific = 0
    for i in range(shuffles):
        blocs = dict(zip(nodes, rng.permutation(labels), strict=True))
        r = _run(G, "azerbaijan", blocs=blocs, seed=i, robustness=False)
        supported += r.verdict == "supported"
        specific += r.criterion("bloc_specificity").status == "pass"
    band = ALPHA * shuffles + 3 * math.sqrt(shuffles * ALPHA * (1 - ALPHA))
    assert supported <= band
    assert specific <= band


@pytest.mark.slow
def test_random_graphs_with_a_random_focus_are_supported_at_most_at_alpha():
    rng = np.random.default_rng(2024)
    graphs, supported, tested = 200, 0, 0
    for i in range(graphs):
        n = int(rng.integers(15, 31))
        G = nx.gnp_random_graph(n, 4.0 / n, seed=int(rng.integers(2**31)))
        focus = int(rng.integers(n))
        blocs = {v: int(rng.integers(3)) for v in G}
        r = _run(G, focus, blocs=blocs, samples=99, seed=i, robustness=False)
        supported += r.verdict == "supported"
        tested += r.criterion("beyond_degree").testable
    assert tested >= 150
    band = ALPHA * graphs + 3 * math.sqrt(graphs * ALPHA * (1 - ALPHA))
    assert supported <= band, f"{supported} of {graphs} random foci called a bridge"


# -------------------------------------------------------------------- the result


def test_verdict_rule_examples():
    ok = {k: Criterion(k, None, None, "pass") for k in claims.CRITERIA}

    def with_(**status):
        return ok | {k: Criterion(k, None, None, s) for k, s in status.items()}

    assert verdict_of(ok) == "supported"
    assert verdict_of(with_(brokerage="not testable")) == "supported"
    assert verdict_of(with_(brokerage="fail")) == "partly supported"
    assert verdict_of(with_(beyond_degree="fail")) == "partly supported"
    assert verdict_of(with_(beyond_degree="fail", bloc_specificity="fail")) == "not supported"
    assert verdict_of(with_(bridge="fail")) == "not supported"
    assert verdict_of(with_(source="fail")) == "not testable from this source"
    assert verdict_of(with_(bridge="not testable")) == "not testable from this source"
    both = with_(beyond_degree="not testable", bloc_specificity="not testable")
    assert verdict_of(both) == "not testable from this source"


def test_same_seed_same_result_and_serializable():
    G = nx.florentine_families_graph()
    a = _run(G, "Medici", seed=5)
    b = _run(G, "Medici", seed=5)
    assert json.dumps(jsonable(a.to_dict())) == json.dumps(jsonable(b.to_dict()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.verdict = "supported"  # type: ignore[misc]
    d = json.loads(json.dumps(jsonable(a.to_dict())))
    assert [c["key"] for c in d["criteria"]] == list(claims.CRITERIA)
    assert "<table>" in report.claim_result_html(a)
    assert "Medici" in report.claim_result_repr(a)
    assert repr(a).startswith("ClaimResult(focus='Medici', view='graph', verdict=")
    assert not hasattr(a, "_repr_html_")  # notebooks get it from graph.report


def test_effect_sizes_stand_beside_p_values():
    G, blocs = _two_cliques()
    r = _run(G, "hub", blocs=blocs)
    for key in ("bloc_specificity", "beyond_degree"):
        c = r.criterion(key)
        assert c.p_value is not None
        assert c.effect is not None
        lo, hi = c.details["interval"]
        assert lo <= c.reference <= hi
        assert c.effect == pytest.approx(c.reference / c.observed)


def test_unknown_focus_raises():
    with pytest.raises(ValueError, match="not a node"):
        _run(nx.path_graph(3), "x")


# ---------------------------------------------------------------------- the article


@pytest.mark.slow
def test_article_claim_as_configured(dataset):
    r = pipeline.claim_for(dataset, options=pipeline.ClaimOptions(samples=499, progress=False))
    assert (r.focus, r.view) == ("azerbaijan", "actors")
    assert r.parameters["between"] == ["brics", "sco"]
    assert len(r.tested["claim_ties"]) == 5  # the links ties: the claim, not its evidence
    assert set(r.variants["kind"]) >= {"paragraph", "view", "blocs", "claim_ties", "ties"}
    # BRICS and the SCO are tied to the rest of the text by the claim only
    assert r.criterion("bridge").status == "not testable"
    assert r.verdict == "not testable from this source"


def test_article_states_view_is_an_ego_network(dataset):
    G = networks.view(dataset, "states")
    r = _run(G, "azerbaijan", robustness=False)
    assert r.criterion("source").status == "fail"
    assert r.verdict == "not testable from this source"


def test_ahead_prepares_in_order_one_ahead_and_raises_in_turn():
    """Ahead gives every item's preparation in order, at most one ahead, errors at their turn."""
    import contextvars
    import threading

    from graph.claims.variants import Ahead

    flag = contextvars.ContextVar("flag", default="unset")
    flag.set("caller's")
    started, seen = [], []

    def prepare(x):
        started.append(x)
        seen.append((flag.get(), threading.current_thread() is threading.main_thread()))
        if x == 3:
            raise ValueError("item 3 is bad")
        return x * x

    with Ahead([1, 2, 3, 4], prepare) as ahead:
        it = iter(ahead)
        assert next(it) == (1, 1)
        assert next(it) == (2, 4)
        assert started in ([1, 2], [1, 2, 3])  # the next one at most, not the whole list
        with pytest.raises(ValueError, match="item 3 is bad"):
            next(it)
    assert 4 not in started
    assert seen == [("caller's", False)] * 3  # in a thread, with the caller's context


@pytest.mark.slow
def test_variants_prepared_ahead_give_what_sequential_preparation_gives(monkeypatch):
    """Preparing the next variant in a thread changes no number of the claim test."""
    from graph.claims import assess

    class InTurn(assess.Ahead):
        """The same items, each prepared only when its turn comes, in the caller's thread."""

        def __enter__(self):
            return self

        def __iter__(self):
            for item in self._items:
                yield item, self._prepare(item)

    ds = io.load_dataset()
    G = networks.view(ds, "actors")
    kw = {"samples": 99, "seed": 3, "alternatives": {"states": networks.view(ds, "states")}}
    ahead = _run(G, "azerbaijan", **kw)
    monkeypatch.setattr(assess, "Ahead", InTurn)
    in_turn = _run(G, "azerbaijan", **kw)
    assert len(ahead.variants) > 3
    assert ahead.variants.equals(in_turn.variants)
    observed = [[c.observed for c in r.criteria] for r in (ahead, in_turn)]
    np.testing.assert_equal(*observed)
    assert ahead.verdict == in_turn.verdict


# ------------------------------------------------------------- the arguments, as Python sees them


def _bridge():
    G = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
    G.add_edges_from([("f", 0), ("f", 4)])
    nx.set_node_attributes(G, {n: "A" if n in range(4) else "B" for n in range(8)}, "bloc")
    return G


@pytest.mark.parametrize(
    ("focus", "between", "kind", "says"),
    [
        ("f", "AB", TypeError, "between: 'AB' is a string, not a list of sides"),
        ("f", 5, TypeError, "is int, not a list of sides"),
        ("f", {"A": [0], "B": "45"}, TypeError, "gives a side's nodes as a string"),
        ("f", {"A": [0], "B": []}, ValueError, "between: 'B' is a side with no node"),
        ("f", ["A", ""], ValueError, "between: '' is an empty name"),
        ("f", ["A", "Atlantis"], ValueError, "'Atlantis' is neither a node id nor a bloc"),
        (None, None, TypeError, "focus: 'None' is NoneType, not a node"),
        (["f"], None, TypeError, "is list, not a node"),
        ("ff", None, ValueError, "focus: 'ff' is not a node of the graph; did you mean 'f'?"),
    ],
    ids=[
        "bare-string",
        "number",
        "side-as-string",
        "empty-side",
        "empty-name",
        "unknown-name",
        "focus-none",
        "focus-list",
        "focus-unknown",
    ],
)
def test_bad_arguments_raise_what_python_callers_expect(focus, between, kind, says):
    with pytest.raises(kind) as err:
        _run(_bridge(), focus, between=between, samples=19)
    assert isinstance(err.value, DataError)
    assert says in str(err.value)
    assert len(str(err.value).splitlines()) == 1


def test_a_mistyped_option_is_a_type_error_naming_the_closest():
    with pytest.raises(
        TypeError, match="options: 'sample' is not an option; did you mean 'samples'"
    ):
        _run(_bridge(), "f", sample=19)
    with pytest.raises(TypeError, match="did you mean 'alternatives'"):
        _run(_bridge(), "f", alternative={})
    with pytest.raises(TypeError, match="'bloc' is not an option; did you mean 'blocs'"):
        claims.ClaimOptions.given(None, bloc="bloc")
    with pytest.raises(TypeError, match="samples: '19.5' is not a whole number"):
        _run(_bridge(), "f", samples=19.5)
    with pytest.raises(ValueError, match="null: 'rewiring' is not a choice; did you mean 'rewire'"):
        _run(_bridge(), "f", null="rewiring")
    with pytest.raises(TypeError, match="progress: \"'no'\" is not True or False"):
        claims.ClaimOptions(progress="no")


def test_options_as_one_object_give_the_same_result_as_keywords():
    opts = claims.ClaimOptions(samples=39, seed=4, robustness=False, progress=False)
    a = assess_bridge_claim(_bridge(), "f", opts)
    b = assess_bridge_claim(_bridge(), "f", samples=39, seed=4, robustness=False, progress=False)
    assert json.dumps(jsonable(a.to_dict())) == json.dumps(jsonable(b.to_dict()))
    c = assess_bridge_claim(_bridge(), "f", opts, seed=5)  # keywords change the object
    assert c.parameters["seed"] == 5


def test_a_side_with_a_node_outside_the_graph_is_refused():
    with pytest.raises(DataError, match="between: 'zz' \\(side 'B'\\) is not a node of the graph"):
        _run(_bridge(), "f", between={"A": [0], "B": ["zz"]}, samples=19)


def test_the_plan_decides_once_and_the_result_keeps_it():
    G = _bridge()
    r = _run(G, "f", samples=99, robustness=True)
    plan = r.plan
    assert plan.samples == 99
    assert plan.stop_after == claims.STOP_AFTER
    assert plan.estimator == "exact"
    assert not plan.large
    assert not plan.lean
    assert plan.swaps_per_edge == nulls.SWAPS_PER_EDGE
    assert r.blocs == dict(plan.blocs)
    assert all(t.n <= plan.samples for t in r.nulls.values())
    assert len(plan.variants) == len(r.variants)
    variant = claims.plan.plan_variant(plan, plan.variants[0])
    assert variant.samples == min(99, claims.VARIANT_SAMPLES)
    assert variant.stop_after == claims.VARIANT_STOP_AFTER
    assert not variant.progress
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.samples = 5  # type: ignore[misc]


def test_rewired_samples_take_fewer_swap_trials_above_the_size_rule(monkeypatch):
    """Above the size rule each rewired sample is a chain of SCALE_SWAPS trials per tie."""
    from graph import sizes

    asked = []
    real = nulls.null_tests

    def spy(*args, **kwargs):
        asked.append(kwargs["swaps_per_edge"])
        return real(*args, **kwargs)

    monkeypatch.setattr(nulls, "null_tests", spy)
    small = _run(_bridge(), "f", samples=19, robustness=False)
    assert asked == [nulls.SWAPS_PER_EDGE]
    assert "swaps_per_edge" not in small.parameters["approximations"]
    monkeypatch.setattr(sizes, "EXACT_NULLS", 20)
    large = _run(_bridge(), "f", samples=19, robustness=False)
    assert large.plan.large
    assert asked[1:] == [claims.plan.SCALE_SWAPS]
    assert claims.plan.SCALE_SWAPS < nulls.SWAPS_PER_EDGE
    assert large.parameters["approximations"]["swaps_per_edge"] == claims.plan.SCALE_SWAPS
    from graph.report.text import claim_setup

    assert "a chain of 3 swap trials per tie from the hub" in claim_setup(large)


def test_a_list_of_two_sides_still_works():
    r = _run(_bridge(), "f", between=["A", "B"], samples=99, robustness=False)
    assert r.parameters["between"] == ["A", "B"]
    assert r.verdict in ("supported", "partly supported")


@pytest.mark.slow
def test_n_jobs_above_the_cpus_starts_no_more_workers(monkeypatch):
    import joblib

    from graph import workers

    seen = []
    real = joblib.Parallel.__init__

    def spy(self, *args, **kwargs):
        seen.append(kwargs.get("n_jobs", args[0] if args else None))
        real(self, *args, **kwargs)

    monkeypatch.setattr(joblib.Parallel, "__init__", spy)
    _run(_bridge(), "f", samples=39, n_jobs=1000, robustness=False)
    assert seen
    assert max(seen) <= workers.available_cpus()
    with pytest.raises(TypeError, match="n_jobs: '2.5' is not a whole number"):
        _run(_bridge(), "f", samples=19, n_jobs=2.5)
    with pytest.raises(ValueError, match="n_jobs"):
        _run(_bridge(), "f", samples=19, n_jobs=0)


def test_a_cluster_backend_keeps_its_n_jobs(monkeypatch):
    import joblib

    from graph import workers

    with joblib.parallel_config(backend="threading"):
        assert workers.capped_jobs(10_000) == workers.available_cpus()

    class ClusterBackend(joblib.parallel.ThreadingBackend):
        pass

    joblib.register_parallel_backend("cluster-like", ClusterBackend)
    with joblib.parallel_config(backend="cluster-like"):
        assert workers.capped_jobs(64) == 64


# ------------------------------------------------------------- isolated actors cost nothing


@pytest.mark.slow
def test_isolated_actors_start_no_path_search(monkeypatch):
    """Three ties and 2,000 isolated actors: each bloc-pair statistic of a null sample costs
    one search per bloc among the tied actors, not one per isolated actor's bloc (the
    detected-blocs variant gives each isolated actor a bloc of its own)."""
    ig = pytest.importorskip("igraph")
    from graph.nulls import engine

    searches = [0]
    evaluations = [0]

    class Counting(ig.GraphBase):
        def betweenness(self, *args, **kwargs):
            searches[0] += 1
            return super().betweenness(*args, **kwargs)

    real = engine.bloc_pair_igraph

    def counted(*args, **kwargs):
        evaluations[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(engine.ig, "GraphBase", Counting)
    monkeypatch.setattr(engine, "bloc_pair_igraph", counted)
    G = nx.Graph([("a", "f"), ("f", "b"), ("b", "c")])
    G.add_nodes_from(f"i{k}" for k in range(2000))
    blocs = {"a": "A", "b": "B", "c": "B", "f": "F"} | {f"i{k}": "AB"[k % 2] for k in range(2000)}
    nx.set_node_attributes(G, blocs, "bloc")
    r = _run(G, "f", samples=99)
    assert r.verdict in ("not supported", "not testable from this source")
    assert evaluations[0] > 50
    assert searches[0] <= 4 * evaluations[0]  # before: about 2,000 per evaluation
    assert r.criterion("bloc_specificity").observed == pytest.approx(
        _run(nx.Graph(G.subgraph("abcf")), "f", samples=19, robustness=False)
        .criterion("bloc_specificity")
        .observed
    )
