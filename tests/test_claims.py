"""The claim test: textbook answers on classic graphs, calibration, the article."""

from __future__ import annotations

import dataclasses
import json
import math

import networkx as nx
import numpy as np
import pytest

from graph import build, claims, pipeline


def _two_cliques(k: int = 5) -> nx.Graph:
    """Two k-cliques joined only through node "hub" (tied to two nodes of each)."""
    G = nx.disjoint_union(nx.complete_graph(k), nx.complete_graph(k))
    G.add_edges_from([("hub", 0), ("hub", 1), ("hub", k), ("hub", k + 1)])
    return G


@pytest.fixture(scope="module")
def medici():
    G = nx.florentine_families_graph()
    return claims.assess_bridge_claim(G, "Medici", samples=999, seed=0, progress=False)


def test_medici_are_the_broker(medici):
    assert medici.measures.loc["Medici", "betweenness"] == pytest.approx(0.521978, abs=1e-6)
    assert medici.measures["constraint"].idxmin() == "Medici"
    for key in ("rank", "bridge", "brokerage"):
        assert medici.criterion(key).status == "pass", key
    assert medici.blocs_source == "detected"


def test_peripheral_family_is_not(medici):
    G = nx.florentine_families_graph()
    r = claims.assess_bridge_claim(G, "Pazzi", samples=199, seed=0, progress=False)
    for key in ("rank", "bridge", "brokerage"):
        assert r.criterion(key).status == "fail", key
    assert r.verdict == "not supported"


def test_two_cliques_hub_supported():
    r = claims.assess_bridge_claim(_two_cliques(), "hub", samples=499, seed=3, progress=False)
    assert r.verdict == "supported"
    assert r.criterion("bridge").status == "pass"
    assert r.criterion("beyond_degree").status == "pass"


def test_random_node_of_random_graph_not_a_bridge():
    rng = np.random.default_rng(11)
    G = nx.gnp_random_graph(30, 0.15, seed=11)
    focus = int(rng.integers(30))
    r = claims.assess_bridge_claim(G, focus, samples=199, seed=11, progress=False)
    assert r.verdict != "supported"


def test_star_is_not_testable_and_not_supported():
    G = nx.star_graph(6)
    r = claims.assess_bridge_claim(G, 0, samples=99, seed=0, progress=False)
    assert r.criterion("beyond_degree").status == "not testable"
    assert r.criterion("framing").status == "fail"
    assert r.verdict != "supported"


def test_beyond_degree_calibration():
    """Over 200 random graphs with a random focus, the criterion passes at rate <= ~alpha."""
    alpha, n_graphs = 0.05, 200
    rng = np.random.default_rng(2024)
    passes = 0
    tested = 0
    for i in range(n_graphs):
        n = int(rng.integers(15, 31))
        G = nx.gnp_random_graph(n, 4.0 / n, seed=int(rng.integers(2**31)))
        focus = int(rng.integers(n))
        r = claims.assess_bridge_claim(
            G, focus, samples=99, seed=i, progress=False, sequential=True
        )
        c = r.criterion("beyond_degree")
        if c.status in ("pass", "fail"):
            tested += 1
            passes += c.status == "pass"
        assert not (r.verdict == "supported" and c.status != "pass")
    rate = passes / tested
    band = alpha + 3 * math.sqrt(alpha * (1 - alpha) / tested)
    assert tested >= 190
    assert rate <= band, f"beyond-degree pass rate {rate:.3f} over {tested} graphs"


def test_same_seed_same_result():
    G = nx.florentine_families_graph()
    a = claims.assess_bridge_claim(G, "Medici", samples=199, seed=5, progress=False)
    b = claims.assess_bridge_claim(G, "Medici", samples=199, seed=5, progress=False)
    assert json.dumps(a.to_dict()) == json.dumps(b.to_dict())


def test_result_is_frozen_and_serializable(medici):
    with pytest.raises(dataclasses.FrozenInstanceError):
        medici.verdict = "supported"  # type: ignore[misc]
    d = json.loads(json.dumps(medici.to_dict()))
    assert [c["key"] for c in d["criteria"]] == [
        "rank",
        "bridge",
        "brokerage",
        "beyond_degree",
        "robustness",
        "framing",
    ]
    assert d["null_test"]["n"] >= 1
    assert "<table>" in medici._repr_html_()
    assert "Medici" in repr(medici)


def test_missing_provenance_is_not_applicable():
    r = claims.assess_bridge_claim(
        _two_cliques(), "hub", blocs="detected", samples=99, progress=False
    )
    assert r.criterion("robustness").status == "n/a"
    assert r.variants.empty


def test_unknown_focus_raises():
    with pytest.raises(KeyError, match="not a node"):
        claims.assess_bridge_claim(nx.path_graph(3), "x", progress=False)


def test_blocs_from_attribute_or_mapping():
    G = _two_cliques()
    blocs = {n: ("A" if n in range(5) else "B") for n in G}
    blocs["hub"] = "H"
    r = claims.assess_bridge_claim(G, "hub", blocs=blocs, samples=99, progress=False)
    assert r.blocs_source == "mapping"
    nx.set_node_attributes(G, blocs, "bloc")
    r2 = claims.assess_bridge_claim(G, "hub", samples=99, progress=False)
    assert r2.blocs_source == "attribute"
    assert r2.criterion("bridge").observed == pytest.approx(r.criterion("bridge").observed)


def test_verdict_rule_examples():
    C = claims.Criterion

    def crit(**status):
        keys = ["rank", "bridge", "brokerage", "beyond_degree", "robustness", "framing"]
        return {k: C(k, None, None, status.get(k, "pass")) for k in keys}

    assert claims._verdict(crit()) == "supported"
    assert claims._verdict(crit(robustness="n/a")) == "supported"
    assert claims._verdict(crit(brokerage="fail")) == "partly supported"
    assert claims._verdict(crit(bridge="fail", beyond_degree="fail")) == "not supported"
    assert claims._verdict(crit(beyond_degree="not testable")) == "partly supported"
    assert claims._verdict(crit(framing="fail")) == "supported"


def test_article_claim(dataset):
    views = build.build_views(dataset)
    r = pipeline.claim_for(
        dataset, options=pipeline.ClaimOptions(samples=499, progress=False), views=views
    )
    assert (r.focus, r.view) == ("azerbaijan", "states")
    kinds = set(r.variants["kind"])
    assert {"paragraph", "view", "blocs", "ties"} <= kinds
    # the article's ties touch Azerbaijan far more than an average actor's
    assert r.criterion("framing").status == "fail"
    # every robustness variant that drops a paragraph really lacks its ties
    assert r.variants["focus_present"].all()
