"""The three views: invariants, folding, provenance and weights."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph import io, networks, schema


@pytest.fixture(scope="module")
def views(dataset):
    return networks.build_views(dataset)


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


def _full_view_by_add_edge(nodes, edges):
    """The full view as networkx builds it, tie by tie (what full_view must equal)."""
    G = nx.MultiDiGraph()
    networks.participation.add_nodes(G, nodes)
    for rec in edges.to_dict("records"):
        rec = {c: rec[c] for c in [*schema.EDGE_COLUMNS, "tie"]}
        p = rec["paragraph"]
        rec["paragraph"] = None if pd.isna(p) else int(p)
        G.add_edge(rec.pop("source"), rec.pop("target"), key=int(rec["tie"]), **rec)
    return G


def _edges_in_order(G):
    return [(u, v, k, list(d.items())) for u, v, k, d in G.edges(keys=True, data=True)]


@pytest.mark.parametrize("change", ["none", "repeated tie id", "end not in nodes"])
def test_full_view_is_what_add_edge_builds(dataset, change):
    """The adjacency written directly: the same ties, keys, attributes, order and predecessors."""
    edges = dataset.edges.copy()
    if change == "repeated tie id":
        edges.loc[edges.index[3], "tie"] = edges.loc[edges.index[0], "tie"]
    elif change == "end not in nodes":
        edges.loc[edges.index[2], "target"] = "nowhere"
    G = networks.full_view(dataset.nodes, edges)
    H = _full_view_by_add_edge(dataset.nodes, edges)
    assert _edges_in_order(G) == _edges_in_order(H)
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert [(v, list(p)) for v, p in G.pred.items()] == [(v, list(p)) for v, p in H.pred.items()]


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
    G = networks.actors_view(nodes, edges)
    assert set(G) == {"a", "b", "c", "la"}
    # event "ev" ties la, b and c pairwise; direct ties add up
    assert {frozenset(e) for e in G.edges} == {
        frozenset(p) for p in [("la", "a"), ("la", "b"), ("la", "c"), ("b", "c"), ("a", "b")]
    }
    assert G["la"]["b"]["weight"] == 1.0  # min(2, 1)
    assert G["b"]["c"]["weight"] == 2.0  # direct conflict + shared event
    assert (G["b"]["c"]["positive"], G["b"]["c"]["negative"]) == (0.0, 1.0)
    assert G["b"]["c"]["sign"] == -1
    assert G["la"]["b"]["ties"] == [3, 4]
    assert G["la"]["b"]["via"] == ["ev"]
    assert G.graph["dropped_ties"] == [[8, "between_hubs"]]  # event-event tie, said


def test_toy_fold_states_weights_conserved():
    nodes, edges = _toy()
    G = networks.states_view(nodes, edges)
    assert set(G) == {"a", "b", "c"}
    assert [2, "inside"] in G.graph["dropped_ties"]  # leader heads own state
    # weights: direct a-b 1, b-c 1; event pairs (a,b)=min(2,1), (a,c)=1, (b,c)=1
    assert G["a"]["b"]["weight"] == 2.0
    assert G["a"]["c"]["weight"] == 1.0
    assert G["b"]["c"]["weight"] == 2.0
    direct = edges[~edges["source"].isin(["ev", "ev2"]) & ~edges["target"].isin(["ev", "ev2"])]
    direct = direct[direct["relation"] != "heads"]
    members = 3
    expected = direct["weight"].sum() + sum(1 for _ in combinations(range(members), 2))
    assert sum(w for *_, w in G.edges(data="weight")) == expected


def _event_toy():
    """A summit attended by a and b, about c, commented on by d; a war between a and b."""
    nodes = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "org", "r", "summit", "war"],
            "label": list("ABCD") + ["Org", "Region", "Summit", "War"],
            "type": ["state"] * 4 + ["organization", "region", "event", "event"],
            "country": [None] * 8,
            "bloc": ["X", "Y", "Y", "Z", "X", "X", None, None],
            "aliases": [[]] * 8,
        }
    )
    rows = [
        ("a", "summit", "attends", 0),
        ("b", "summit", "attends", 0),
        ("summit", "c", "concerns", 0),
        ("d", "summit", "comments_on", 0),
        ("a", "war", "attends", -1),
        ("b", "war", "attends", -1),
        ("a", "b", "negotiates_with", 1),
        ("a", "org", "member_of", 0),
        ("c", "org", "member_of", 0),
        ("a", "r", "part_of", 0),
    ]
    edges = pd.DataFrame(rows, columns=["source", "target", "relation", "sign"])
    edges["weight"] = 1.0
    edges["paragraph"] = pd.array([1] * len(rows), dtype="Int64")
    edges["directed"] = True
    edges["evidence"] = [f"quote {i}" for i in range(len(rows))]
    edges["stated"] = "explicit"
    edges["date"] = None
    edges["tie"] = range(2, len(rows) + 2)
    return nodes, edges


def test_events_tie_participants_not_subjects_or_commenters():
    nodes, edges = _event_toy()
    G = networks.actors_view(nodes, edges)
    assert G.has_edge("a", "b")
    assert not G.has_edge("a", "c")
    assert not G.has_edge("b", "c")
    assert not G.has_edge("a", "d")
    assert not G.has_edge("b", "d")
    dropped = dict(map(tuple, G.graph["dropped_ties"]))
    assert dropped[4] == dropped[5] == "not_taking_part"


def test_a_war_does_not_cancel_a_meeting():
    nodes, edges = _event_toy()
    e = networks.actors_view(nodes, edges)["a"]["b"]
    # talks (+1), a shared summit (0) and a war (-1): kept apart, not summed to 0
    assert (e["weight"], e["positive"], e["negative"]) == (3.0, 1.0, 1.0)
    assert e["via"] == ["summit", "war"]
    channels = networks.restrict(networks.actors_view(nodes, edges), conflict=False)["a"]["b"]
    assert (channels["weight"], channels["negative"]) == (2.0, 0.0)


def test_states_view_holds_states_only_and_folds_organizations():
    nodes, edges = _event_toy()
    G = networks.states_view(nodes, edges)
    assert set(G) == {"a", "b", "c", "d"}
    assert G.has_edge("a", "c")  # both members of org
    assert G["a"]["c"]["via"] == ["org"]
    dropped = dict(map(tuple, G.graph["dropped_ties"]))
    assert dropped[11] == "not_in_view"  # a part_of the region
    actors = networks.actors_view(nodes, edges)
    assert "org" in actors
    assert "r" in actors
    assert not actors.has_edge("a", "c")


def test_participation_is_the_two_mode_graph_behind_the_edges():
    nodes, edges = _event_toy()
    G = networks.actors_view(nodes, edges)
    rows = {(a, h) for a, h, *_ in G.graph["participation"]}
    assert rows == {("a", "summit"), ("b", "summit"), ("a", "war"), ("b", "war")}
    assert G.graph["claim_ties"] == []


def test_without_paragraphs_toy():
    nodes, edges = _toy()
    G = networks.actors_view(nodes, edges)
    H = networks.without_paragraphs(G, 2)  # b and c leave the event
    assert not H.has_edge("la", "b")
    assert H["b"]["c"]["weight"] == 1.0  # direct tie of paragraph 3 survives
    assert H["b"]["c"]["ties"] == [7]
    H3 = networks.without_paragraphs(G, [3])
    assert not H3.has_edge("a", "b")
    assert H3["b"]["c"]["via"] == ["ev"]
    assert H3["b"]["c"]["relations"] == ["attends", "hosts"]


def test_without_paragraphs_removes_only_newly_isolated(views):
    G = views["states"]
    for p in range(1, 12):
        H = networks.without_paragraphs(G, p)
        assert set(H) <= set(G)
        assert all(H.degree(n) > 0 for n in H if G.degree(n) > 0)
        assert all(p not in d["paragraphs"] for *_, d in H.edges(data=True))


def test_without_paragraphs_needs_provenance():
    with pytest.raises(ValueError, match="no paragraph provenance"):
        networks.without_paragraphs(nx.path_graph(3), 1)


def test_view_by_name_rejects_unknown(dataset):
    with pytest.raises(io.DataError, match="view: 'people' is not a view"):
        networks.view(dataset, "people")


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
        G = networks.view(ds, name)
        for *_, d in G.edges(data=True):
            der = d["derivations"]
            kinds.add(tuple(sorted({x["via"] is None for x in der})))
            assert d["ties"] == sorted({t for x in der for t in x["ties"]})
            assert d["evidence"] == [quotes[t] for t in d["ties"]]
            assert d["weight"] == sum(x["weight"] for x in der)
            assert d["positive"] == sum(x["weight"] for x in der if x["sign"] > 0)
            assert d["negative"] == sum(x["weight"] for x in der if x["sign"] < 0)
            signed = d["positive"] - d["negative"]
            assert d["sign"] == (signed > 0) - (signed < 0)
            assert d["via"] == sorted({x["via"] for x in der if x["via"] is not None}, key=str)
            assert d["paragraphs"] == sorted({p for x in der for p in x["paragraphs"]})
            for x in der:
                if x["via"] is None:
                    (t,) = x["ties"]
                    p = paragraph[t]
                    assert x["paragraphs"] == (() if pd.isna(p) else (int(p),))
                    assert x["groups"][0][0][:2] == (t, None if pd.isna(p) else int(p))
    assert kinds == {(False,), (True,), (False, True)}  # event-only, direct-only, and both
    empties = [d["via"] for *_, d in networks.view(ds, "actors").edges(data=True) if not d["via"]]
    assert len(empties) > 100
    assert len({id(x) for x in empties}) == 1  # one shared empty list
    with pytest.raises(TypeError, match="copy it"):
        empties[0].append("x")  # which refuses a change that every edge would see
    assert empties[0] == []
    for name in ("full", "actors"):  # equal weights are one float object, not one per tie
        weights = [w for *_, w in networks.view(ds, name).edges(data="weight")]
        assert len(weights) > 4 * len(set(weights))
        assert len({id(w) for w in weights}) < len(weights) / 4


@pytest.mark.parametrize("name", ["actors", "states"])
def test_no_tie_is_dropped_without_a_word(dataset, views, name):
    G = views[name]
    used = {t for *_, d in G.edges(data=True) for t in d["ties"]}
    used |= {row[2] for row in G.graph["participation"]}
    dropped = {t for t, _ in G.graph["dropped_ties"]}
    assert not used & dropped
    assert used | dropped == set(dataset.edges["tie"])
    assert {r for _, r in G.graph["dropped_ties"]} <= set(networks.DROP_REASONS)


def test_states_view_is_states_only(views):
    assert {t for _, t in views["states"].nodes(data="type")} == {"state"}


def test_claim_ties_are_listed_in_every_view(dataset, views):
    links = sorted(dataset.edges.loc[dataset.edges["relation"] == "links", "tie"])
    for G in views.values():
        assert G.graph["claim_ties"] == links
