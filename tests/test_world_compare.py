"""The text against the world: confirmed, contradicted, not shown, unchecked; ties left out."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest
from worldtexts import caucasus_text, japan_dataset, write_text

from graph import io, world
from graph.errors import DataError


@cache
def article():
    return io.load_dataset()


def _row(table: pd.DataFrame, a: str, b: str) -> pd.Series:
    hit = table.loc[
        ((table["source"] == a) & (table["target"] == b))
        | ((table["source"] == b) & (table["target"] == a))
    ]
    assert len(hit) == 1, (a, b)
    return hit.iloc[0]


def test_compare_ties_has_one_row_per_state_tie_and_known_statuses():
    ds = article()
    text = world.text_state_view(ds)
    state_ties = [
        (u, v)
        for u, v in text.edges
        if text.nodes[u]["type"] == "state" and text.nodes[v]["type"] == "state"
    ]
    for layer in world.LAYERS:
        t = world.compare_ties(ds, world.layer_graph(ds, layer, year=2014))
        assert len(t) == len(state_ties)
        assert set(t["status"]) <= set(world.STATUSES)
        for c in ("source", "target", "text_sign", "world_tie", "world_weight", "world_sign"):
            assert c in t.columns
        # Palestine is in none of the 2014 sources
        pal = t.loc[(t["source"] == "palestine") | (t["target"] == "palestine")]
        assert len(pal)
        assert (pal["status"] == "cannot be checked").all()
        assert pal["reason"].str.contains("Palestine is not in").all()
        assert t.loc[t["status"] == "confirmed", "world_tie"].all()
        assert t.loc[t["status"] == "cannot be checked", "world_tie"].isna().all()
        if layer != "votes":  # votes: a tie of low agreement is "not shown" (see below)
            assert not t.loc[t["status"] == "not shown", "world_tie"].any()


def test_text_omits_a_tie_the_world_has(tmp_path):
    ds = caucasus_text(tmp_path / "omits")
    for layer in ("igo", "alliance"):
        G = world.layer_graph(ds, layer, year=2014)
        assert G.has_edge("armenia", "united_states")  # the world ties them
        o = world.omitted_ties(ds, G, "azerbaijan")
        row = o.loc[(o["a"] == "armenia") & (o["b"] == "united_states")]
        assert row["text"].tolist() == ["untied"]
        assert row["world_weight"].item() == G["armenia"]["united_states"]["weight"]
        assert not ((o["a"] == "azerbaijan") | (o["b"] == "azerbaijan")).any()
        s = world.bypass_summary(ds, G, "azerbaijan").set_index(["side_a", "side_b"])
        r = s.loc[("Neighbours", "West")]
        assert (r["pairs"], r["world_ties"], r["text_ties"], r["omitted"]) == (1, 1, 0, 1)
        assert r["world_through_focus"] == 0.0  # the world ties them directly
        assert r["text_through_focus"] == 1.0  # in the text only Azerbaijan connects them
    tied = caucasus_text(tmp_path / "tied", armenia_us_tied=True)
    G = world.layer_graph(tied, "igo", year=2014)
    o = world.omitted_ties(tied, G, "azerbaijan")
    assert o.loc[(o["a"] == "armenia") & (o["b"] == "united_states"), "text"].item() == "tied"
    s = world.bypass_summary(tied, G, "azerbaijan").set_index(["side_a", "side_b"])
    assert s.loc[("Neighbours", "West"), "omitted"] == 0
    assert s.loc[("Neighbours", "West"), "text_through_focus"] == 0.0


def test_a_conflict_in_the_text_contradicted_by_an_alliance(tmp_path):
    ds = caucasus_text(tmp_path, conflict=True)
    t = world.compare_ties(ds, world.layer_graph(ds, "alliance", year=2014))
    row = _row(t, "azerbaijan", "armenia")
    assert (row["text_sign"], row["world_sign"], row["status"]) == (-1, 1, "contradicted")
    assert bool(row["world_multilateral"])  # the reader sees it is the CIS-era treaty
    # the same tie without multilateral pledges: no alliance, not shown
    bilateral = world.layer_graph(ds, "alliance", year=2014, multilateral="drop")
    assert _row(world.compare_ties(ds, bilateral), "azerbaijan", "armenia")["status"] == "not shown"
    # shared organizations carry no sign: a conflict between co-members is not contradicted
    igo = world.compare_ties(ds, world.layer_graph(ds, "igo", year=2014))
    assert _row(igo, "azerbaijan", "armenia")["status"] == "confirmed"


def test_cooperation_in_the_text_contradicted_by_mostly_conflictual_events(tmp_path):
    ds = caucasus_text(tmp_path)
    majority = world.compare_ties(ds, world.layer_graph(ds, "events", year=2014))
    row = _row(majority, "azerbaijan", "armenia")
    assert row["status"] == "confirmed"
    assert row["world_conflict_share"] < 0.5
    lower = world.layer_graph(ds, "events", year=2014, conflict_share=0.3)
    row = _row(world.compare_ties(ds, lower), "azerbaijan", "armenia")
    assert row["status"] == "contradicted"
    assert row["reason"] == "the text's sign is +1, the layer's -1"


def test_not_shown_and_cannot_be_checked():
    ds = article()
    alliance = world.compare_ties(ds, world.layer_graph(ds, "alliance", year=2014))
    row = _row(alliance, "azerbaijan", "syria")
    assert (row["status"], bool(row["world_tie"])) == ("not shown", False)
    empty = world.compare_ties(ds, world.layer_graph(ds, "events", year=2019))
    assert (empty["status"] == "cannot be checked").all()
    assert empty["reason"].str.contains("no data for 2019").all()
    votes = world.compare_ties(ds, world.layer_graph(ds, "votes", year=2014))
    low = _row(votes, "united_states", "egypt")  # the text: both at the summit (sign 0)
    assert low["status"] == "not shown"
    assert low["world_agreement"] < 0.5
    high = _row(votes, "azerbaijan", "egypt")
    assert high["status"] == "confirmed"
    assert high["world_agreement"] > 0.5


@pytest.mark.parametrize(
    ("relation", "sign", "status"),
    [("conflicts_with", -1, "confirmed"), ("cooperates_with", 1, "contradicted")],
)
def test_voting_apart_confirms_a_conflict_and_contradicts_cooperation(
    tmp_path, relation, sign, status
):
    ds = write_text(
        tmp_path,
        [
            ["azerbaijan", "Azerbaijan", "state", "", "A", "", "AZE"],
            ["united_states", "United States", "state", "", "B", "", "USA"],
        ],
        [["azerbaijan", "united_states", relation, sign, 1, "Azerbaijan and the United States"]],
        ["Azerbaijan and the United States meet."],
    )
    G = world.layer_graph(ds, "votes", year=2014)
    assert G["azerbaijan"]["united_states"]["agreement"] < 0.5
    (row,) = world.compare_ties(ds, G).to_dict("records")
    assert row["status"] == status


def test_voting_apart_is_no_tie_that_bypasses_the_focus():
    ds = article()
    G = world.layer_graph(ds, "votes", year=2014)
    assert G["united_states"]["egypt"]["sign"] == -1
    o = world.omitted_ties(ds, G, "azerbaijan")
    pairs = {frozenset(p) for p in zip(o["a"], o["b"], strict=True)}
    assert frozenset(("united_states", "egypt")) not in pairs
    assert frozenset(("united_states", "israel")) in pairs
    assert (o["world_sign"] == 1).all()


def test_unmapped_states_cannot_be_checked(tmp_path):
    ds = write_text(
        tmp_path,
        [
            ["azerbaijan", "Azerbaijan", "state", "", "A", "", "AZE"],
            ["ruritania", "Ruritania", "state", "", "B", "", ""],
        ],
        [["azerbaijan", "ruritania", "cooperates_with", 1, 1, "Azerbaijan and Ruritania"]],
        ["Azerbaijan and Ruritania trade."],
    )
    G = world.layer_graph(ds, "igo", year=2014)
    assert G.graph["unmapped"] == ["ruritania"]
    assert any("Ruritania (ruritania) has no ISO3 code" in n for n in G.graph["notes"])
    (row,) = world.compare_ties(ds, G).to_dict("records")
    assert row["status"] == "cannot be checked"
    assert row["reason"] == "Ruritania has no ISO3 code"


def test_members_of_the_same_body_without_a_shared_organization_is_a_contradiction(tmp_path):
    # Bhutan belongs to none of the 25 organizations of the hand-coded table (2015-2025)
    ds = write_text(
        tmp_path,
        [
            ["japan", "Japan", "state", "", "A", "", "JPN"],
            ["bhutan", "Bhutan", "state", "", "B", "", "BTN"],
            ["forum", "Forum", "platform", "", "", "", ""],
        ],
        [
            ["japan", "forum", "member_of", 0, 1, "Japan and Bhutan are members of the Forum"],
            ["bhutan", "forum", "member_of", 0, 1, "Japan and Bhutan are members of the Forum"],
        ],
        ["Japan and Bhutan are members of the Forum."],
    )
    later = world.layer_graph(ds, "igo", year=2019)
    assert not later.has_edge("japan", "bhutan")
    (row,) = world.compare_ties(ds, later).to_dict("records")
    assert row["status"] == "contradicted"
    assert "members of forum" in row["reason"]
    earlier = world.layer_graph(ds, "igo", year=2014)
    (row,) = world.compare_ties(ds, earlier).to_dict("records")
    assert row["status"] == "confirmed"
    assert row["world_weight"] > 0


def test_memberships_the_text_states_are_checked(tmp_path):
    m = world.compare_memberships(article(), year=2014)
    assert m[["source", "target", "organization", "status"]].values.tolist() == [
        ["azerbaijan", "cis", "CIS", "confirmed"],
        ["azerbaijan", "ots", "OTS", "confirmed"],
    ]
    japan = world.compare_memberships(japan_dataset(), period=(2015, 2019))
    assert (japan["status"] == "confirmed").all()
    assert len(japan) == 6
    ds = write_text(
        tmp_path,
        [
            ["japan", "Japan", "state", "", "A", "", "JPN"],
            ["nato", "NATO", "organization", "", "B", "", ""],
            ["club", "Club", "organization", "", "B", "", ""],
        ],
        [
            ["japan", "nato", "member_of", 0, 1, "Japan joined NATO"],
            ["japan", "club", "member_of", 0, 1, "and the Club"],
        ],
        ["Japan joined NATO and the Club."],
    )
    m = world.compare_memberships(ds, year=2019).set_index("target")
    assert m.loc["nato", "status"] == "contradicted"
    assert not m.loc["nato", "member"]
    assert m.loc["club", "status"] == "cannot be checked"


def test_omitted_ties_between_named_organizations():
    ds = article()
    G = world.layer_graph(ds, "igo", year=2014, scope="neighbours")
    sides = world.organization_sides(["brics", "sco"], ds, year=2014)
    o = world.omitted_ties(ds, G, "azerbaijan", sides=sides)
    assert set(o["side_a"]) == {"brics"}
    assert set(o["side_b"]) == {"sco"}
    assert (o["text"] == "not named").all()  # the text names none of their members
    pairs = {frozenset((a, b)) for a, b in zip(o["a"], o["b"], strict=True)}
    assert frozenset(("iso3:CHN", "iso3:RUS")) in pairs
    assert all(len(p) == 2 for p in pairs)  # no state paired with itself
    assert o["world_weight"].is_monotonic_decreasing
    s = world.bypass_summary(ds, G, "azerbaijan", sides=sides)
    assert s["world_ties"].item() == len(o)


def test_japan_text_ties_the_atlantic_allies_only_through_the_g7():
    """The world's alliance ties between Europe and the United States bypass Japan; the text
    ties those states only as fellow members of the G7 (the states view folds it)."""
    ds = japan_dataset()
    G = world.layer_graph(ds, "alliance", year=2014)
    o = world.omitted_ties(ds, G, "japan")
    europe_us = o.loc[(o["side_a"] == "Europe") & (o["side_b"] == "North America")]
    assert set(europe_us["a"]) == {"france", "germany", "italy", "united_kingdom"}
    assert (europe_us["text"] == "tied").all()
    text = world.text_state_view(ds)
    for a in europe_us["a"]:
        assert text.edges[a, "united_states"]["relations"] == ["member_of"]


def test_focus_must_be_a_node_of_the_text():
    ds = article()
    G = world.layer_graph(ds, "igo", year=2014)
    with pytest.raises(DataError, match="focus: 'baku' is not a node id of the text"):
        world.omitted_ties(ds, G, "baku")
