"""graph.blocs: one bloc rule, and every module applying it the same way."""

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graph import cli
from graph.blocs import (
    bloc_codes,
    count_blocs,
    cross_pairs,
    defines_blocs,
    detect_blocs,
    is_missing,
    resolve_blocs,
)
from graph.brokerage import brokerage
from graph.claims import assess_bridge_claim
from graph.measures import actor_measures, bloc_pair_betweenness
from graph.plot.style import bloc_names

MISSING = ["", "   ", None, float("nan"), np.nan, pd.NA]


def test_what_counts_as_missing():
    assert all(is_missing(v) for v in MISSING)
    assert not any(is_missing(v) for v in ("West", 0, 1.5, "n/a"))


def _messy_graph():
    """A bridge graph whose blocs are a mix of names and every kind of missing value."""
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "x"), ("x", "d"), ("d", "e")])
    G.add_edges_from([("e", "f"), ("d", "f"), ("f", "g"), ("x", "h")])
    values = {"a": "W", "b": "", "c": "W", "x": None, "d": "E", "e": "   ", "f": np.nan}
    for n, b in values.items():
        G.nodes[n]["bloc"] = b
    G.nodes["g"]["bloc"] = "E"  # h has no bloc attribute at all
    return G


def _singletons(G):
    """The same blocs with every missing one replaced by a fresh name of its own."""
    return {n: (f"own-{n}" if b is None else b) for n, b in resolve_blocs(G).items()}


@pytest.mark.slow
def test_missing_is_a_singleton_everywhere():
    G = _messy_graph()
    bloc_of = resolve_blocs(G)
    missing = {n for n, b in bloc_of.items() if b is None}
    assert missing == {"b", "x", "e", "f", "h"}
    explicit = _singletons(G)
    # measures: the bloc column and bloc-pair betweenness, on every engine
    for backend in ("networkx", "igraph", "kernels"):
        m = actor_measures(G, backend=backend)
        assert {n for n in G if pd.isna(m.loc[n, "bloc"])} == missing
        ref = actor_measures(G, blocs=explicit, backend=backend)["bloc_pair_betweenness"]
        np.testing.assert_allclose(m["bloc_pair_betweenness"], ref, atol=1e-12)
    # the public function and the igraph engine agree with the explicit singletons
    bpb = bloc_pair_betweenness(G)
    assert bpb == pytest.approx(bloc_pair_betweenness(G, explicit))
    # brokerage: same counts as with explicit singleton blocs; the bloc shown is None
    res = brokerage(G)
    pd.testing.assert_frame_equal(res.counts, brokerage(G, blocs=explicit).counts)
    assert {n for n, b in res.blocs.items() if b is None} == missing
    # claims: the blocs used are the same, and its bridge share is the measures' value
    r = assess_bridge_claim(G, "x", samples=49, seed=0, progress=False)
    assert r.blocs_source == "attribute"
    assert {n for n in G if pd.isna(r.measures.loc[n, "bloc"])} == missing
    assert r.criterion("bridge").observed == pytest.approx(bpb["x"])
    # plots: no bloc, no name (grey)
    assert {n for n, b in bloc_names(G, "bloc").items() if b is None} == missing


def test_codes_count_and_cross_pairs():
    codes = bloc_codes(["a", "b", "c", "d"], {"a": "W", "b": None, "c": "W", "d": None})
    assert codes.tolist() == [0, -1, 0, -1]
    assert count_blocs(codes) == 3
    assert defines_blocs(codes)
    assert not defines_blocs(np.array([-1, -1]))
    assert not defines_blocs(np.array([0, 0]))
    # one component of 4: 6 pairs, minus the W-W pair
    assert cross_pairs(codes, np.zeros(4, dtype=int)) == 5.0
    # two components {a, b} and {c, d}: 2 pairs, both cross-bloc
    assert cross_pairs(codes, np.array([0, 0, 1, 1])) == 2.0


def test_no_blocs_at_all_is_undefined_not_n_singletons():
    G = nx.path_graph(4)
    assert all(math.isnan(x) for x in bloc_pair_betweenness(G).values())
    assert actor_measures(G)["bloc_pair_betweenness"].isna().all()


def test_unhashable_bloc_is_refused():
    G = nx.path_graph(2)
    G.nodes[0]["bloc"] = ["W"]
    with pytest.raises(TypeError, match="not hashable"):
        resolve_blocs(G)


def test_detect_blocs_is_deterministic_and_names_by_size():
    G = nx.barbell_graph(5, 1)
    a, b = detect_blocs(G), detect_blocs(G)
    assert a == b
    assert set(a.values()) == {"C1", "C2"}


def _bloc_less_dataset(folder):
    """A small text coded with three events and a platform that have no bloc."""
    (folder / "nodes.csv").write_text(
        "id,label,type,bloc\n"
        "a,A,state,North\nb,B,state,South\nc,C,state,North\nd,D,state,East\n"
        "s1,Summit 1,event,\ns2,Summit 2,event,\ns3,Summit 3,event,\np,Forum,platform,\n",
        encoding="utf-8",
    )
    (folder / "edges.csv").write_text(
        "source,target,relation\n"
        "a,s1,attends\nb,s1,attends\nc,s2,attends\nb,s2,attends\nd,s3,attends\n"
        "a,s3,attends\na,b,cooperates_with\nc,d,supports\nd,p,member_of\na,p,member_of\n",
        encoding="utf-8",
    )
    (folder / "analysis.toml").write_text('[claim]\nfocus = "a"\nview = "full"\n')


@pytest.mark.slow
def test_measures_full_is_the_same_from_analyze_and_from_claim(tmp_path):
    _bloc_less_dataset(tmp_path)
    data = ["--nodes", str(tmp_path / "nodes.csv"), "--edges", str(tmp_path / "edges.csv")]
    fast = ["--no-text", "--samples", "99", "--no-progress"]
    assert cli.main(["analyze", *data, *fast, "--no-figures", "--out", str(tmp_path / "a")]) == 0
    assert cli.main(["claim", *data, *fast, "--view", "full", "--out", str(tmp_path / "c")]) == 0
    a = (tmp_path / "a" / "measures_full.csv").read_bytes()
    assert a == (tmp_path / "c" / "measures_full.csv").read_bytes()
