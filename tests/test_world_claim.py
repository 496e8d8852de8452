"""The claim on the world layers: sides, the test per layer, the report section, the commands."""

import dataclasses
import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph import io, pipeline, world
from graph.claims import assess_bridge_claim
from graph.cli import main
from graph.errors import DataError
from graph.report.world import world_headline, world_markdown, world_summary, world_tables

FIXTURES = Path(__file__).parent / "fixtures"
FAST = pipeline.ClaimOptions(samples=49, progress=False)


@pytest.fixture(scope="module")
def article():
    return io.load_dataset()


@pytest.fixture(scope="module")
def japan():
    d = FIXTURES / "japan"
    return io.load_dataset(d / "nodes.csv", d / "edges.csv", d / "article.txt")


@pytest.fixture(scope="module")
def article_world(article):
    layers = ("igo", "votes")
    return world.world_claim(
        article,
        "azerbaijan",
        between=["brics", "sco"],
        claim_date="2025-10",
        layers=layers,
        samples=49,
        progress=False,
    )


def test_sides_are_the_organizations_members_in_the_layers_last_year(article):
    codes = world.map_states(article.nodes)
    s2025 = world.world_sides(article, ["brics", "sco"], period=(2025, 2025), codes=codes)
    s2018 = world.world_sides(article, ["brics", "sco"], period=(2015, 2018), codes=codes)
    # BRICS enlarged in 2024-25 (Egypt is a state of the text and keeps its id)
    assert "egypt" in s2025["brics"]
    assert "egypt" not in s2018["brics"]
    assert {"iso3:BRA", "iso3:RUS", "iso3:IND", "iso3:CHN", "iso3:ZAF"} <= s2018["brics"]
    assert len(s2018["brics"]) == 5
    assert len(s2018["sco"]) == 8
    assert "iso3:IRN" in s2025["sco"]
    assert "iso3:IRN" not in s2018["sco"]


def test_sides_may_be_states_or_the_texts_blocs(article):
    s = world.world_sides(article, ["armenia", "Middle East"])
    assert s["armenia"] == {"armenia"}
    assert s["Middle East"] == {"egypt", "israel", "palestine", "syria"}
    blocs = world.world_sides(article, None)
    assert set(blocs) == {"Middle East", "South Caucasus", "West"}
    assert blocs["West"] == {"united_states"}


def test_each_layer_uses_the_years_nearest_before_the_claim_and_says_the_gap(article_world):
    igo, votes = article_world["igo"], article_world["votes"]
    # memberships are dated: read on the claim's day; yearly data: whole years before it
    assert igo.day == dt.date(2025, 10, 1)
    assert igo.gap == 0
    # 2024's ideal point rests on 4 roll calls for Azerbaijan: the nearest year with 20 or more
    assert votes.period == (2023, 2023)
    assert votes.gap == 2
    assert any("2024: the focus voted on 4 roll calls" in n for n in votes.notes)
    for key, expected in (("alliance", ((2018, 2018), 7)), ("events", ((2010, 2014), 11))):
        y = world.layer_years(key, claim_date="2025-10")
        assert (y.period, y.gap) == expected
    # the sides: members on the claim's date, the four states in both left out and named
    assert set(igo.overlap) == {"iso3:CHN", "iso3:IND", "iso3:IRN", "iso3:RUS"}
    assert igo.sides == {"brics": 6, "sco": 6}
    assert "egypt" in igo.side_members["brics"]
    assert igo.side_labels == {"brics": "BRICS", "sco": "SCO"}
    assert igo.kind == "co-membership"
    assert votes.kind == "positions"
    assert votes.graph is None
    assert votes.ties.empty  # a position is not a tie


def test_without_a_date_each_layer_uses_its_latest_years(article):
    w = world.world_claim(article, "azerbaijan", between=["brics", "sco"], layers=["alliance"],
                          samples=19, progress=False)["alliance"]  # fmt: skip
    assert w.period == world.DEFAULT_PERIODS["alliance"]
    assert w.gap is None


def test_bypass_counts_agree_with_the_layer_graph(article):
    """The summary's "connected without the focus" is what networkx finds on the same graph."""
    w = world.world_claim(
        article,
        "azerbaijan",
        between=["brics", "sco"],
        layers=["events"],
        claim_date="2025-10",
        samples=19,
        progress=False,
    )["events"]
    G = w.graph
    H = G.edge_subgraph((u, v) for u, v, d in G.edges(data=True) if d["sign"] > 0).copy()
    H.remove_nodes_from(["azerbaijan"])
    sides = {k: set(v) for k, v in w.side_members.items()}
    comp = {n: i for i, c in enumerate(nx.connected_components(H)) for n in c}
    pairs = {
        frozenset((a, b))
        for a in sides["brics"]
        for b in sides["sco"]
        if a != b and a in G and b in G and "azerbaijan" not in (a, b)
    }
    without = sum(1 for p in pairs if len({comp.get(n, id(n)) for n in p}) == 1)
    row = w.bypass.iloc[0]
    assert int(row["pairs"]) == len(pairs)
    assert int(row["world_without_focus"]) == without
    assert not sides["brics"] & sides["sco"]  # the states on both sides are on neither


@pytest.mark.slow
def test_the_second_dataset_runs_every_layer_on_its_own_blocs(japan):
    s = pipeline.claim_settings(japan)
    res = pipeline.world_for(japan, s, options=FAST)
    assert set(res) == set(world.LAYERS)
    for key, w in res.items():
        # Japan's own bloc holds only Japan: without named sides it is no side of the test
        assert set(w.sides) == {"Europe", "North America"}, key
        assert w.verdict in (
            "supported", "partly supported", "not supported", "not testable",
            "not testable from this source", "not testable on this dimension",
        )  # fmt: skip
        assert w.criteria or w.reason, key
        if w.graph is not None:  # the text's ties between its states, each with a status
            assert len(w.ties)
            assert set(w.ties["status"]) <= set(world.STATUSES)


def _with_code(ds, node: str, code: str):
    """The dataset with one state's code replaced, as a Dataset built in Python can hold it
    (the loaders refuse a code the world data do not know: tests/test_io.py)."""
    nodes = ds.nodes.copy()
    nodes.loc[nodes["id"] == node, "code"] = code
    return dataclasses.replace(ds, nodes=nodes)


def test_focus_that_is_not_a_mapped_state_is_refused_with_the_fix(article, tmp_path):
    assert "leader" in str(world.focus_problems(article, "ilham_aliyev")[0])
    with pytest.raises(DataError, match="not a state"):
        world.world_claim(article, "ots", layers=["votes"], samples=9, progress=False)
    ds = _with_code(article, "azerbaijan", "AZB")
    problems = world.focus_problems(ds, "azerbaijan")
    assert len(problems) == 1
    p = problems[0]
    assert p.file.endswith("nodes.csv")
    assert p.line == 2
    assert p.column_name == "code"


def test_bad_world_options_name_the_parameter():
    with pytest.raises(DataError, match="^layers: 'trade' is not a world layer"):
        world.check_world_options(["igo", "trade"])
    with pytest.raises(DataError, match="^scope: 'planet'"):
        world.check_world_options(["igo"], scope="planet")
    with pytest.raises(DataError, match="^period:"):
        world.check_world_options(["igo"], period=(2019, 2015))
    with pytest.raises(DataError, match="^year: '1800' is outside every layer's years") as err:
        world.check_world_options(["events", "alliance"], year=1800)
    assert "events 2002-2014" in str(err.value)
    assert "alliance 1815-2018" in str(err.value)


def test_a_year_the_source_lacks_gives_no_test_and_says_why(article):
    w = world.world_claim(article, "azerbaijan", layers=["events", "igo"], year=2020,
                          progress=False, samples=19)  # fmt: skip
    ev = w["events"]
    assert ev.result is None
    assert ev.edges == 0
    assert ev.verdict == "not testable from this source"
    assert "no ties" in ev.reason
    assert any("ICEWS covers" in n for n in ev.notes)
    assert any("Türkiye" in n for n in ev.notes)  # the gap that matters, whatever the text


# ------------------------------------------------------------------ the words


def _layer(G, focus, sides, name):
    r = assess_bridge_claim(G, focus, between=sides, samples=99, robustness=False, progress=False)
    empty = pd.DataFrame(
        columns=[
            "side_a",
            "side_b",
            "pairs",
            "world_connected",
            "world_without_focus",
            "world_ties",
            "world_through_focus",
            "text_pairs",
            "text_connected",
            "text_without_focus",
            "text_through_focus",
            "omitted",
        ]
    )
    return world.WorldLayer(
        layer=name,
        kind="signed",
        period=(2000, 2001),
        nodes=G.number_of_nodes(),
        edges=G.number_of_edges(),
        sides={k: len(v) for k, v in sides.items()},
        verdict=r.verdict,
        criteria=r.criteria,
        result=r,
        reason="",
        ties=pd.DataFrame(columns=["status"]),
        omitted=pd.DataFrame(),
        bypass=empty,
        bypass_blocs=empty,
        omitted_blocs=pd.DataFrame(),
        graph=G,
    )


def _two_cliques():
    G = nx.disjoint_union(nx.complete_graph(6), nx.complete_graph(6))
    G.add_edges_from([(12, 0), (12, 6)])
    return G, {"a": set(range(6)), "b": set(range(6, 12))}


def test_layers_that_disagree_are_each_named_never_merged():
    G, sides = _two_cliques()
    bridge = _layer(G, 12, sides, "alliance")
    K = nx.gnp_random_graph(13, 0.5, seed=1)
    flat = _layer(K, 12, sides, "events")
    assert bridge.verdict == "supported"
    assert flat.verdict == "not supported"
    text = world_summary({"alliance": bridge, "events": flat}, focus_label="X")
    assert "Alliances (ATOP), 2000-2001: supported." in text
    assert "Events (ICEWS), 2000-2001: not supported." in text
    head = world_headline({"alliance": bridge, "events": flat})
    assert head.startswith("supported on alliances (ATOP) (2000-2001); not supported on")
    same = world_headline({"alliance": flat, "events": flat})
    assert same.startswith("not supported on both world layers")


def test_each_layer_sentence_names_the_criterion_that_decided_it():
    G, sides = _two_cliques()
    K = nx.gnp_random_graph(13, 0.5, seed=1)
    flat = _layer(K, 12, sides, "events")
    assert world.deciding(flat) == ("bridge",)
    text = world_summary({"events": flat}, focus_label="X")
    assert "a–b:" in text  # the bridge criterion's numbers, pair by pair


def test_a_layer_that_could_not_run_is_named_with_its_reason():
    G, sides = _two_cliques()
    ok = _layer(G, 12, sides, "alliance")
    off = dataclasses.replace(
        ok, layer="events", result=None, criteria=(), verdict="not testable from this source",
        reason="the layer has no ties for these years", graph=None,
    )  # fmt: skip
    text = world_summary({"alliance": ok, "events": off}, focus_label="X")
    assert (
        "Events (ICEWS), 2000-2001: not testable from this source: the layer has no ties for "
        "these years." in text
    )


def test_section_quotes_each_layers_numbers(article_world):
    md = world_markdown(article_world, focus_label="Azerbaijan")
    assert md.startswith("## The claim in the world\n")
    # what drives the verdicts comes first: the states both sides share
    first = md.split("\n\n")[1]
    assert first.startswith("BRICS and SCO share China, India, Iran and Russia")
    rows = [line for line in md.splitlines() if line.startswith("| IGO co-membership | co-")]
    igo = article_world["igo"]
    assert f"| {igo.nodes} | {igo.edges} | BRICS 6, SCO 6 | {igo.verdict} |" in rows[0]
    assert "2025-10-01, the claim's date" in rows[0]
    # every criterion of every layer, passes included, with its reading
    assert "| IGO co-membership | Shared beyond chance |" in md
    assert "| UN General Assembly ideal points | Sides separated |" in md
    assert "not separated: on this dimension the sides cannot be told apart" in md
    assert "### The text's ties against the data" in md
    assert "Azerbaijan - Armenia" in md
    assert "| proximity |" in md  # co-membership shows proximity, never confirms a sign
    assert "can never" in md
    # what a layer cannot show is its own: events record conflicts, alliances do not
    from graph.report.worldwords import KIND_MEANS, can_never

    means, never = KIND_MEANS["co-membership"], can_never("igo", "co-membership")
    assert f"| IGO co-membership | co-membership | {means} | {never} |" in md
    assert "pledges, not hostilities" in can_never("alliance", "signed")
    assert "pledges" not in can_never("events", "signed")


def test_long_tables_hold_every_layers_rows(article_world):
    t = world_tables(article_world)
    assert len(t["world_ties"]) == sum(len(w.ties) for w in article_world.values())
    n = sum(len(w.omitted) + len(w.omitted_blocs) for w in article_world.values())
    assert len(t["world_omitted"]) == n
    assert list(t["world_omitted"].columns[:4]) == ["layer", "first_year", "last_year", "sides"]


# ----------------------------------------------------------- runs and commands


@pytest.mark.slow
def test_run_world_writes_the_section_and_tables(article, tmp_path):
    run = pipeline.run_world(
        article,
        tmp_path / "w",
        world_options=pipeline.WorldOptions(layers=("alliance",), samples=19),
        options=FAST,
    )
    names = sorted(p.name for p in run.files)
    assert names == [
        "world.json",
        "world.md",
        "world_bypass.png",
        "world_networks.png",
        "world_omitted.csv",
        "world_ties.csv",
    ]
    data = json.loads((tmp_path / "w" / "world.json").read_text())
    layer = data["layers"]["alliance"]
    assert layer["period"] == [2018, 2018]
    assert layer["gap_years"] == 7
    assert layer["kind"] == "signed"
    assert layer["verdict"] == run.world["alliance"].verdict
    assert layer["decided_by"] == list(world.deciding(run.world["alliance"]))
    assert {c["key"] for c in layer["criteria"]} >= {"bridge", "beyond_degree", "brokerage"}
    assert "robustness" not in {c["key"] for c in layer["criteria"]}
    assert layer["between_means"].startswith("the sides meet through the focus")
    assert data["focus"] == "azerbaijan"
    assert data["between"] == ["brics", "sco"]


@pytest.mark.slow
def test_analysis_of_a_dataset_whose_focus_does_not_map_runs_the_rest(article, tmp_path):
    ds = _with_code(article, "azerbaijan", "AZB")
    run = pipeline.run_analysis(ds, tmp_path / "out", options=FAST, figures=False, exports=False)
    assert run.world is None
    assert len(run.notes) == 1
    assert "nodes.csv:2" in run.notes[0]
    md = (tmp_path / "out" / "report.md").read_text()
    assert "## The claim in the world\n\nNot run: the world layer tests states with a code" in md
    js = json.loads((tmp_path / "out" / "report.json").read_text())
    assert "AZB" in js["world"]["skipped"]
    assert js["claim"]["verdict"] == run.result.verdict
    assert not (tmp_path / "out" / "world_ties.csv").exists()


@pytest.mark.slow
def test_cli_world_prints_each_layer_and_refuses_a_non_state(tmp_path, capsys):
    code = main(["world", "--layers", "alliance", "--samples", "19", "--out", str(tmp_path / "w")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Alliances (ATOP)" in out
    assert "2018" in out
    code = main(["world", "--focus", "ots", "--out", str(tmp_path / "w2")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == (
        "actor-graph: error: --focus 'ots' is an organization, not a state; the world layer "
        "tests states: give a state's node id as the focus"
    )
    assert not (tmp_path / "w2").exists()


def test_cli_world_options_are_checked_before_any_work(tmp_path, capsys):
    assert main(["world", "--period", "2019-2015", "--out", str(tmp_path / "w")]) == 2
    assert "ends before it starts" in capsys.readouterr().err
    assert main(["world", "--layers", "igo,trade", "--out", str(tmp_path / "w")]) == 2
    assert "'trade' is not a world layer" in capsys.readouterr().err
    assert main(["analyze", "--year", "2014", "--period", "2010-2014"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err
    for command in ("world", "analyze"):
        assert main([command, "--year", "1800", "--out", str(tmp_path / "w")]) == 2
        err = capsys.readouterr().err
        assert "is outside every layer's years" in err
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "w").exists()
