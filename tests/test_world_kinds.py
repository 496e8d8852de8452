"""Each kind of world layer on planted data: where its test passes, and where it must say no."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from worldtexts import write_text

from graph import io, pipeline, world
from graph.claims import assess_bridge_claim
from graph.errors import DataError
from graph.world import alliance
from graph.world.comembership import TwoModeMembership, membership_test
from graph.world.corridors import corridor_test
from graph.world.positions import position_test

WORLD = Path(__file__).resolve().parents[1] / "data" / "world"


# ------------------------------------------------------------------ positions


def _points(values: dict[str, float], width: float = 0.1, votes: int = 80) -> pd.DataFrame:
    x = pd.Series(values, dtype=float)
    return pd.DataFrame(
        {"ideal_point": x, "q05": x - width, "q95": x + width, "votes": votes}, index=x.index
    )


SEPARATED = {"a1": -1.2, "a2": -1.0, "a3": -0.8, "b1": 0.8, "b2": 1.0, "b3": 1.2}
SIDES = {"A": {"a1", "a2", "a3"}, "B": {"b1", "b2", "b3"}}


def test_a_focus_between_separated_sides_passes_the_positions_test():
    t = position_test(_points(SEPARATED | {"f": 0.0, "x": 2.0}), "f", SIDES)
    assert t.verdict == "supported"
    assert t.criterion("separated").status == "pass"
    assert t.criterion("between").status == "pass"
    assert t.criterion("between").observed == pytest.approx(0.5)  # halfway from A to B
    assert t.between_share == 0.0  # x is beyond B: no other state is between


def test_a_focus_beside_the_sides_fails_it():
    t = position_test(_points(SEPARATED | {"f": 1.5}), "f", SIDES)
    assert t.verdict == "not supported"
    assert t.criterion("between").status == "fail"
    # between, but with an interval reaching past a side's median: not strictly between
    wide = position_test(_points(SEPARATED | {"f": 0.0}, width=1.5), "f", SIDES)
    assert wide.criterion("between").status == "fail"


def test_overlapping_sides_are_not_testable_on_this_dimension():
    mixed = {"a1": -1.0, "a2": 0.1, "a3": 0.9, "b1": -0.9, "b2": 0.0, "b3": 1.0, "f": 0.05}
    t = position_test(_points(mixed), "f", SIDES)
    assert t.criterion("separated").status == "fail"
    assert t.criterion("between").status == "not testable"
    assert t.verdict == "not testable on this dimension"


def test_states_on_both_sides_are_on_neither():
    pts = _points(SEPARATED | {"f": 0.0, "both": -5.0})
    sides = {"A": SIDES["A"] | {"both"}, "B": SIDES["B"] | {"both"}}
    t = position_test(pts, "f", sides)
    assert t.overlap == {"both": ["A", "B"]}
    assert "both" not in t.sides["A"]["states"]
    assert t.sides["A"]["median"] == pytest.approx(-1.0)  # as if 'both' were not there
    assert t.verdict == "supported"


def test_ideal_points_equal_the_raw_table():
    raw = pd.read_csv(WORLD / "un_ideal_points.csv", dtype=str, keep_default_na=False)
    row = raw.loc[(raw["iso3"] == "AZE") & (raw["year"] == "2023")].iloc[0]
    p = world.ideal_points(2023).loc["AZE"]
    assert p["ideal_point"] == float(row["ideal_point"])
    assert (p["q05"], p["q95"]) == (float(row["q05"]), float(row["q95"]))
    assert int(p["votes"]) == int(row["votes"])
    # the issue's reading: in 2024 BRICS-only and SCO-only medians cannot be told apart
    ds = io.load_dataset()
    sides = world.world_sides(ds, ["brics", "sco"], period=(2024, 2024))
    codes = world.map_states(ds.nodes).codes
    as_codes = {
        k: {codes.get(v, str(v).removeprefix("iso3:")) for v in s} for k, s in sides.items()
    }
    t = position_test(world.ideal_points(2024), "AZE", as_codes)
    medians = sorted(round(x["median"], 2) for x in t.sides.values())
    assert medians == [-0.58, -0.56]
    assert t.verdict == "not testable on this dimension"


# ------------------------------------------------------------------ co-membership


def _incidence(rows: list[tuple[str, str]]) -> TwoModeMembership:
    return TwoModeMembership.from_frame(pd.DataFrame(rows, columns=["state", "organization"]))


def _filler(n: int = 60, orgs: int = 12, seed: int = 0) -> list[tuple[str, str]]:
    rng = np.random.default_rng(seed)
    return [(f"s{i}", f"o{j}") for i in range(n) for j in rng.choice(orgs, 3, replace=False)]


def test_a_focus_in_both_sides_small_clubs_shares_beyond_chance():
    rows = [("f", "A"), ("a1", "A"), ("a2", "A"), ("f", "B"), ("b1", "B"), ("b2", "B")]
    two = _incidence(rows + _filler())
    t = membership_test(two, "f", {"A": {"a1", "a2"}, "B": {"b1", "b2"}}, samples=499,
                        progress=False, belongs={"A": "member", "B": "partner"})  # fmt: skip
    assert t.criterion("belongs").status == "pass"
    assert t.criterion("shared").status == "pass"
    assert t.criterion("shared").effect < 0.5  # the null gives far less than observed
    assert t.verdict == "supported"


def test_a_joiner_of_many_forums_alone_does_not():
    # f joins ten of the twelve forums; the sides' states join three at random, as everyone
    # else: what f shares with them is what its number of memberships gives
    rows = [("f", f"o{j}") for j in range(10)]
    rng = np.random.default_rng(5)
    rows += [(s, f"o{j}") for s in ("a1", "a2", "b1", "b2") for j in rng.choice(12, 3, False)]
    two = _incidence(rows + _filler())
    t = membership_test(two, "f", {"A": {"a1", "a2"}, "B": {"b1", "b2"}}, samples=499,
                        progress=False, belongs={"A": None, "B": "observer"})  # fmt: skip
    assert t.criterion("belongs").status == "fail"
    assert t.criterion("shared").status == "fail"
    assert t.verdict == "not supported"


def test_a_shared_forum_counts_one_over_its_size_less_one():
    two = _incidence([("f", "big"), *[(f"x{i}", "big") for i in range(49)], ("f", "pact"),
                      ("x0", "pact")])  # fmt: skip
    assert two.shared("f", {"x0"}) == pytest.approx(1 / 49 + 1)
    assert two.shared("f", {"x1"}) == pytest.approx(1 / 49)


# ------------------------------------------------------------------ alliances


def _members(rows):
    cols = ["atopid", "phase", "cown", "iso3", "start", "end", *alliance.FLAGS]
    return pd.DataFrame(rows, columns=cols).astype({c: "Int64" for c in cols if c != "iso3"})


@pytest.fixture
def planted_treaties(monkeypatch):
    """A 40-member non-aggression instrument with both sides and the focus in it, and one
    bilateral defence pact between two states of side A."""
    members = [f"S{i:02d}" for i in range(40)]
    rows = [(1, 0, 900 + i, code, 2000, 2018, 0, 0, 0, 1, 1) for i, code in enumerate(members)]
    rows += [(2, 0, 900, "S00", 2000, 2018, 1, 0, 0, 0, 0), (2, 0, 901, "S01", 2000, 2018,
             1, 0, 0, 0, 0)]  # fmt: skip
    table = _members(rows)
    real = alliance.cached_table
    monkeypatch.setattr(
        alliance, "cached_table", lambda n: table if n == "atop_members" else real(n)
    )
    alliance._obligations.cache_clear()
    yield members
    alliance._obligations.cache_clear()


def test_a_40_member_treaty_makes_no_bridge_and_no_bypass_by_default(planted_treaties):
    d = alliance.obligations(2018, 2018)
    pairs = set(zip(d.pairs["a"], d.pairs["b"], strict=True))
    assert pairs == {("S00", "S01")}  # the bilateral pact only
    assert any("Left out: 1 multilateral treaties" in n for n in d.notes)
    kept = alliance.obligations(2018, 2018, multilateral="weight").pairs
    assert len(kept) == 40 * 39 // 2
    w = kept.set_index(["a", "b"])
    assert w.loc[("S02", "S03"), "weight"] == pytest.approx(1 / 39)
    assert w.loc[("S00", "S01"), "weight"] == pytest.approx(1 + 1 / 39)
    assert w.loc[("S02", "S03"), "pacts"] == "non-aggression pact, consultation pact"
    # the focus S39 sits in the treaty with both sides: by default no path joins anything
    G = nx.Graph()
    G.add_nodes_from(f"S{i:02d}" for i in range(40))
    G.add_edges_from(pairs)
    sides = {"A": {"S00", "S01", "S02"}, "B": {"S10", "S11"}}
    for v in G:
        G.nodes[v]["bloc"] = next((k for k, s in sides.items() if v in s), None)
    r = assess_bridge_claim(G, "S39", between=sides, samples=49, robustness=False,
                            progress=False)  # fmt: skip
    assert r.verdict in ("not testable from this source", "not supported")
    assert r.criterion("bridge").status != "pass"


def test_treaties_are_named_for_what_they_are():
    d = alliance.obligations(2018, 2018).pairs.set_index(["a", "b"])
    assert d.loc[("AZE", "TUR"), "pacts"].startswith("defence pact")
    assert not d.loc[("AZE", "TUR"), "restraint"]
    assert d.loc[("CHN", "IND"), "pacts"] == "non-aggression pact"
    assert d.loc[("CHN", "IND"), "restraint"]
    # the Europe-wide instrument of 56 members no longer makes Armenia and the US allies
    assert ("ARM", "USA") not in d.index
    raw = pd.read_csv(WORLD / "atop_members.csv", dtype=str, keep_default_na=False)
    both = raw.loc[raw["iso3"].isin(["ARM", "USA"]) & (raw["end"] >= "2018")]
    shared = set(both.loc[both["iso3"] == "ARM", "atopid"]) & set(
        both.loc[both["iso3"] == "USA", "atopid"]
    )
    treaties = pd.read_csv(WORLD / "atop_treaties.csv", dtype=str).set_index("atopid")
    assert all(int(treaties.at[t, "members"]) > alliance.SMALL for t in shared)


# ------------------------------------------------------------------ events


def test_events_call_wars_conflicts_and_keep_standing_out_cooperation():
    e = world.layer_data("events", period=(2010, 2014)).pairs.set_index(["a", "b"])
    for pair in (("IND", "PAK"), ("RUS", "UKR"), ("ARM", "AZE"), ("ISR", "SYR")):
        assert e.loc[pair, "sign"] == -1, pair
    for pair in (("CHN", "USA"), ("CHN", "RUS"), ("AZE", "USA")):
        assert e.loc[pair, "sign"] == 1, pair
    # a tie that is neither a conflict nor standing out for either state is no tie
    assert ("AZE", "KAZ") not in e.index
    assert e["backbone_p"].loc[e["sign"] > 0].max() < world.events.BACKBONE_ALPHA


# ------------------------------------------------------------------ corridors


def test_a_focus_on_the_only_corridor_passes_and_fails_beside_a_second():
    G = nx.path_graph(["a1", "a2", "f", "b1"])
    G.add_edge("b1", "b2")
    sides = {"A": {"a1", "a2"}, "B": {"b1", "b2"}}
    t = corridor_test(G, "f", sides)
    assert (t.verdict, t.cut, t.pairs) == ("supported", 4, 4)
    second = G.copy()
    second.add_edges_from([("a2", "y"), ("y", "b1")])  # as short: nothing depends on f
    t2 = corridor_test(second, "f", sides)
    assert (t2.verdict, t2.share) == ("not supported", 0.0)
    assert t2.shares["y"] == 0.0  # nor does anything depend on the second corridor alone
    # a longer second corridor: the focus still lengthens every route
    longer = G.copy()
    longer.add_edges_from([("a2", "y"), ("y", "z"), ("z", "b1")])
    t3 = corridor_test(longer, "f", sides)
    assert (t3.verdict, t3.cut, t3.longer) == ("supported", 0, 4)
    # another state that every route crosses too: the focus is not the connector it is
    chain = nx.path_graph(["a1", "f", "g", "b1"])
    t4 = corridor_test(chain, "f", {"A": {"a1"}, "B": {"b1"}})
    assert t4.criterion("dependence").details["best_other"] == ["g"]
    assert t4.verdict == "supported"  # shares first place: passes, and names the other
    unjoined = corridor_test(nx.Graph([("a1", "f")]), "f", {"A": {"a1"}, "B": {"b1"}})
    assert unjoined.verdict == "not testable"


def test_the_corridor_graph_follows_each_route_state_by_state():
    d = world.layer_data("corridors", year=2020).pairs.set_index(["a", "b"])
    btc = "Baku–Tbilisi–Ceyhan pipeline (BTC)"
    assert btc in d.loc[("AZE", "GEO"), "routes"]
    assert btc in d.loc[("GEO", "TUR"), "routes"]
    assert ("AZE", "TUR") not in d.index  # BTC crosses Georgia: no straight tie
    raw = pd.read_csv(WORLD / "corridors.csv", dtype=str, keep_default_na=False)
    assert raw.set_index("id").at["baku-tbilisi-ceyhan", "route"] == "AZE>GEO>TUR"
    assert (d["sign"] == 0).all()  # a route has no sign
    earlier = world.layer_data("corridors", year=2000).pairs
    assert len(earlier) < len(d)  # routes count from the year they opened


# ------------------------------------------------------------------ one test graph


@pytest.mark.slow
def test_the_text_comparison_agrees_with_the_claim_test_on_what_only_the_focus_connects(
    tmp_path,
):
    """A text that ties India to Washington and Moscow and states only hostility between them:
    the claim test finds that removing India cuts them apart; so does the world section."""
    ds = write_text(
        tmp_path,
        [
            ["india", "India", "state", "", "South Asia", "", "IND"],
            ["united_states", "United States", "state", "", "West", "", "USA"],
            ["russia", "Russia", "state", "", "Eurasia", "", "RUS"],
        ],
        [
            ["india", "united_states", "cooperates_with", 1, 1, "India works with Washington"],
            ["india", "russia", "cooperates_with", 1, 1, "and with Moscow"],
            ["united_states", "russia", "conflicts_with", -1, 2, "Washington and Moscow clash"],
        ],
        [
            "India works with Washington and with Moscow.",
            "Washington and Moscow clash over Ukraine.",
        ],
    )
    settings = pipeline.claim_settings(
        ds, focus="india", view="states", between=("united_states", "russia")
    )
    r = pipeline.claim_for(ds, settings, options=pipeline.ClaimOptions(samples=19,
                           progress=False, robustness=False))  # fmt: skip
    bridge = r.criterion("bridge")
    assert [p["cut"] for p in bridge.details["pairs"]] == [True]  # the claim test: cut apart
    text = pipeline.text_graph_for(ds, settings)
    assert not text.graph.has_edge("united_states", "russia")  # a conflict is not a channel
    assert text.signed["united_states"]["russia"]["sign"] == -1
    sides = {"united_states": {"united_states"}, "russia": {"russia"}}
    G = world.layer_graph(ds, "events", period=(2010, 2014))
    b = world.bypass_summary(ds, G, "india", sides=sides, text=text.graph).iloc[0]
    assert (b["text_connected"], b["text_without_focus"], b["text_through_focus"]) == (1, 0, 1.0)
    # the same through world_for, the section's own path
    w = pipeline.world_for(ds, settings, world_options=pipeline.WorldOptions(layers=("events",)),
                           options=pipeline.ClaimOptions(samples=19, progress=False))  # fmt: skip
    assert w["events"].bypass.iloc[0]["text_through_focus"] == 1.0


# ------------------------------------------------------------------ the claim's date


def test_the_claim_date_is_read_from_the_settings_and_checked(tmp_path):
    ds = io.load_dataset()
    assert pipeline.claim_settings(ds).date == "2025-10"
    bad = tmp_path / "analysis.toml"
    bad.write_text('[claim]\nfocus = "azerbaijan"\ndate = "October 2025"\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        io.load_config(bad)
    assert str(err.value).startswith(f"{bad}:3:1: date: 'October 2025' is not a date")
    ok = tmp_path / "ok.toml"
    ok.write_text('[claim]\nfocus = "azerbaijan"\ndate = 2025-10-13\n', encoding="utf-8")
    conf = io.load_config(ok)
    assert pipeline.claim_settings(ds, config=conf).date == "2025-10-13"
    with pytest.raises(DataError, match="^date: '2025-13' is not a date"):
        world.claim_day("2025-13")
