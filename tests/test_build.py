"""The three views: invariants, folding, provenance and weights."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph import build, io, schema


@pytest.fixture(scope="module")
def views(dataset):
    return build.build_views(dataset)


def _toy():
    nodes = pd.DataFrame(
        {
            "id": ["a", "b", "c", "la", "ev", "ev2"],
            "label": ["A", "B", "C", "Leader A", "Summit", "Talks"],
            "type": ["state", "state", "state", "leader", "event", "event"],
            "country": [None, None, None, "a", None, None],
            "bloc": ["X", "Y", "Y", "X", None, None],
            "aliases": [[]] * 6,
        }
    )
    rows = [
        ("la", "a", "heads", 0, 1.0, 1),
        ("la", "ev", "attends", 0, 2.0, 1),
        ("b", "ev", "attends", 0, 1.0, 2),
        ("c", "ev", "hosts", 0, 1.0, 2),
        ("a", "b", "cooperates_with", 1, 1.0, 3),
        ("b", "c", "conflicts_with", -1, 1.0, 3),
        ("ev", "ev2", "inspired_by", 0, 1.0, 3),
    ]
    edges = pd.DataFrame(
        rows, columns=["source", "target", "relation", "sign", "weight", "paragraph"]
    )
    edges["directed"] = True
    edges["evidence"] = [f"quote {i}" for i in range(len(rows))]
    edges["stated"] = "explicit"
    edges["date"] = None
    edges["tie"] = range(2, len(rows) + 2)
    edges["paragraph"] = edges["paragraph"].astype("Int64")
    return nodes, edges


def test_full_view_keeps_every_tie(dataset, views):
    G = views["full"]
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == len(dataset.nodes)
    assert G.number_of_edges() == len(dataset.edges)
    assert sum(d["weight"] for *_, d in G.edges(data=True)) == dataset.edges["weight"].sum()
    u, v, d = next(iter(G.edges(data=True)))
    assert d["evidence"]
    assert d["paragraph"] >= 1
    assert d["tie"] >= 2


def test_actors_view_has_no_events(views):
    G = views["actors"]
    assert type(G) is nx.Graph
    assert not [n for n, t in G.nodes(data="type") if t in schema.EVENT_TYPES]


def test_states_view_has_no_leaders_or_events(views):
    types = {t for _, t in views["states"].nodes(data="type")}
    assert not types & (schema.EVENT_TYPES | schema.PERSON_TYPES)


def test_every_folded_edge_traces_to_quotes(dataset, views):
    quotes = dict(zip(dataset.edges["tie"], dataset.edges["evidence"], strict=True))
    for name in ("actors", "states"):
        for *_, d in views[name].edges(data=True):
            assert d["ties"]
            assert d["evidence"] == [quotes[t] for t in d["ties"]]
            assert d["weight"] == pytest.approx(sum(x["weight"] for x in d["derivations"]))


def test_toy_fold_actors():
    nodes, edges = _toy()
    G = build.actors_view(nodes, edges)
    assert set(G) == {"a", "b", "c", "la"}
    # event "ev" ties la, b and c pairwise; direct ties add up
    assert {frozenset(e) for e in G.edges} == {
        frozenset(p) for p in [("la", "a"), ("la", "b"), ("la", "c"), ("b", "c"), ("a", "b")]
    }
    assert G["la"]["b"]["weight"] == 1.0  # min(2, 1)
    assert G["b"]["c"]["weight"] == 2.0  # direct conflict + shared event
    assert G["b"]["c"]["sign"] == -1
    assert G["la"]["b"]["ties"] == [3, 4]
    assert G.graph["folded_away_ties"] == [8]  # event-event tie


def test_toy_fold_states_weights_conserved():
    nodes, edges = _toy()
    G = build.states_view(nodes, edges)
    assert set(G) == {"a", "b", "c"}
    assert 2 in G.graph["folded_away_ties"]  # leader heads own state: vanishes
    # weights: direct a-b 1, b-c 1; event pairs (a,b)=min(2,1), (a,c)=1, (b,c)=1
    assert G["a"]["b"]["weight"] == 2.0
    assert G["a"]["c"]["weight"] == 1.0
    assert G["b"]["c"]["weight"] == 2.0
    direct = edges[~edges["source"].isin(["ev", "ev2"]) & ~edges["target"].isin(["ev", "ev2"])]
    direct = direct[direct["relation"] != "heads"]
    members = 3
    expected = direct["weight"].sum() + sum(1 for _ in combinations(range(members), 2))
    assert sum(w for *_, w in G.edges(data="weight")) == expected


def test_without_paragraphs_toy():
    nodes, edges = _toy()
    G = build.actors_view(nodes, edges)
    H = build.without_paragraphs(G, 2)  # b and c leave the event
    assert not H.has_edge("la", "b")
    assert H["b"]["c"]["weight"] == 1.0  # direct tie of paragraph 3 survives
    assert H["b"]["c"]["ties"] == [7]
    H3 = build.without_paragraphs(G, [3])
    assert not H3.has_edge("a", "b")
    assert H3["b"]["c"]["relations"] == ["ev"]


def test_without_paragraphs_removes_only_newly_isolated(views):
    G = views["states"]
    for p in range(1, 12):
        H = build.without_paragraphs(G, p)
        assert set(H) <= set(G)
        assert all(H.degree(n) > 0 for n in H if G.degree(n) > 0)
        assert all(p not in d["paragraphs"] for *_, d in H.edges(data=True))


def test_without_paragraphs_needs_provenance():
    with pytest.raises(ValueError, match="no paragraph provenance"):
        build.without_paragraphs(nx.path_graph(3), 1)


def test_view_by_name_rejects_unknown(dataset):
    with pytest.raises(ValueError, match="unknown view 'people'"):
        build.view(dataset, "people")


def test_node_attributes_travel(views):
    d = views["states"].nodes["azerbaijan"]
    assert d["type"] == "state"
    assert d["bloc"]
    assert d["label"] == "Azerbaijan"


def test_event_data_edges_agree_with_their_derivations(tmp_path):
    """Generated event data (repeated ties, events, persons): every folded edge is the sum
    of its derivations, whichever way it was built (column-wise, or with events)."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("bench_generate", root / "bench" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    folder = gen.write(tmp_path, 400, 4000, seed=5)
    ds = io.load_dataset(folder / "nodes.csv", folder / "edges.csv", check_text=False)
    quotes = dict(zip(ds.edges["tie"], ds.edges["evidence"], strict=True))
    paragraph = dict(zip(ds.edges["tie"], ds.edges["paragraph"], strict=True))
    kinds = set()
    for name in ("actors", "states"):
        G = build.view(ds, name)
        for *_, d in G.edges(data=True):
            der = d["derivations"]
            kinds.add(tuple(sorted({x["via"] is None for x in der})))
            assert d["ties"] == sorted({t for x in der for t in x["ties"]})
            assert d["evidence"] == [quotes[t] for t in d["ties"]]
            assert d["weight"] == sum(x["weight"] for x in der)
            signed = sum(x["sign"] * x["weight"] for x in der)
            assert d["sign"] == (signed > 0) - (signed < 0)
            assert d["relations"] == sorted({x["via"] or "direct" for x in der})
            assert d["paragraphs"] == sorted({p for x in der for p in x["paragraphs"]})
            for x in der:
                if x["via"] is None:
                    (t,) = x["ties"]
                    p = paragraph[t]
                    assert x["paragraphs"] == (() if pd.isna(p) else (int(p),))
                    assert x["groups"] == (((t, None if pd.isna(p) else int(p)),),)
    assert kinds == {(False,), (True,), (False, True)}  # event-only, direct-only, and both
