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
    text = world.text_test_graph(ds, "azerbaijan").signed  # the claim test's ties, conflicts too
    state_ties = [
        (u, v)
        for u, v in text.edges
        if text.nodes[u]["type"] == "state" and text.nodes[v]["type"] == "state"
    ]
    for layer in ("alliance", "events", "igo", "corridors"):
        t = world.compare_ties(ds, world.layer_graph(ds, layer, year=2014))
        assert len(t) == len(state_ties)
        assert set(t["status"]) <= set(world.STATUSES)
        for c in ("source", "target", "text_sign", "world_tie", "world_weight", "world_sign"):
            assert c in t.columns
        # Palestine is in none of the 2014 sources (a corridor table covers every state)
        pal = t.loc[(t["source"] == "palestine") | (t["target"] == "palestine")]
        assert len(pal)
        if layer == "corridors":
            assert (pal["status"] == "not shown").all()
            continue
        assert (pal["status"] == "cannot be checked").all()
        assert pal["reason"].str.contains("Palestine is not in").all()
        assert t.loc[t["status"] == "confirmed", "world_tie"].all()
        assert t.loc[t["status"] == "cannot be checked", "world_tie"].isna().all()
        if layer != "alliance":  # alliance: a pact of restraint does not show a conflict
            assert not t.loc[t["status"] == "not shown", "world_tie"].any()
        signed = layer in ("alliance", "events")
        # an unsigned layer shows proximity, never confirms or contradicts
        assert signed or not t["status"].isin(["confirmed", "contradicted"]).any()
        assert not signed or "proximity" not in set(t["status"])


def test_text_omits_a_tie_the_world_has(tmp_path):
    ds = caucasus_text(tmp_path / "omits")
    for layer, options in (("igo", {}), ("alliance", {"multilateral": "weight"})):
        G = world.layer_graph(ds, layer, year=2014, **options)
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


def test_signs_confirm_and_contradict_only_on_signed_layers(tmp_path):
    conflict = caucasus_text(tmp_path / "conflict", conflict=True)
    peace = caucasus_text(tmp_path / "peace")
    war, calm = (world.layer_graph(ds, "events", year=2014) for ds in (conflict, peace))
    assert war["azerbaijan"]["armenia"]["sign"] == -1  # a conflict in ICEWS
    row = _row(world.compare_ties(conflict, war), "azerbaijan", "armenia")
    assert (row["text_sign"], row["world_sign"], row["status"]) == (-1, -1, "confirmed")
    row = _row(world.compare_ties(peace, calm), "azerbaijan", "armenia")
    assert (row["text_sign"], row["status"]) == (1, "contradicted")
    assert row["reason"] == "the text has cooperation, ICEWS conflict (2014)"
    # shared organizations carry no sign: co-members in conflict are neither confirmed nor
    # contradicted, whatever the text says
    for ds in (conflict, peace):
        igo = world.compare_ties(ds, world.layer_graph(ds, "igo", year=2014))
        row = _row(igo, "azerbaijan", "armenia")
        assert row["status"] == "proximity"
        assert "not a sign" in row["reason"]


def test_an_alliance_layer_never_confirms_a_conflict(tmp_path):
    ds = caucasus_text(tmp_path, conflict=True)
    # by default the CIS-era treaty of nine is no pledge between the two: nothing to compare
    row = _row(world.compare_ties(ds, world.layer_graph(ds, "alliance", year=2014)),
               "azerbaijan", "armenia")  # fmt: skip
    assert row["status"] == "not shown"
    assert "pledges, not conflicts" in row["reason"]
    # kept on request, the treaty's defence pledge is an alliance the conflict contradicts,
    # and the reader sees it is a multilateral one
    kept = world.layer_graph(ds, "alliance", year=2014, multilateral="weight")
    row = _row(world.compare_ties(ds, kept), "azerbaijan", "armenia")
    assert row["status"] == "contradicted"
    assert bool(row["world_multilateral"])


def test_a_pact_of_restraint_neither_confirms_nor_contradicts_a_conflict(tmp_path):
    ds = write_text(
        tmp_path,
        [
            ["india", "India", "state", "", "A", "", "IND"],
            ["china", "China", "state", "", "B", "", "CHN"],
        ],
        [["india", "china", "conflicts_with", -1, 1, "India and China"]],
        ["India and China clash on their border."],
    )
    G = world.layer_graph(ds, "alliance", year=2018)
    edge = G["india"]["china"]
    assert (edge["pacts"], edge["members"], bool(edge["restraint"])) == (
        "non-aggression pact", 2, True)  # fmt: skip
    (row,) = world.compare_ties(ds, G).to_dict("records")
    assert row["status"] == "not shown"
    assert "restraint" in row["reason"]


def test_not_shown_and_cannot_be_checked():
    ds = article()
    alliance = world.compare_ties(ds, world.layer_graph(ds, "alliance", year=2014))
    row = _row(alliance, "azerbaijan", "syria")
    assert (row["status"], bool(row["world_tie"])) == ("not shown", False)
    empty = world.compare_ties(ds, world.layer_graph(ds, "events", year=2019))
    assert (empty["status"] == "cannot be checked").all()
    assert empty["reason"].str.contains("no data for 2019").all()


@pytest.mark.parametrize("layer", ["igo", "corridors"])
@pytest.mark.parametrize(("relation", "sign"), [("conflicts_with", -1), ("cooperates_with", 1)])
def test_an_unsigned_layer_never_confirms_or_contradicts(tmp_path, layer, relation, sign):
    ds = write_text(
        tmp_path,
        [
            ["azerbaijan", "Azerbaijan", "state", "", "A", "", "AZE"],
            ["georgia", "Georgia", "state", "", "B", "", "GEO"],
        ],
        [["azerbaijan", "georgia", relation, sign, 1, "Azerbaijan and Georgia"]],
        ["Azerbaijan and Georgia meet."],
    )
    G = world.layer_graph(ds, layer, year=2020)
    assert G.has_edge("azerbaijan", "georgia")  # shared organizations; the BTC pipeline
    (row,) = world.compare_ties(ds, G).to_dict("records")
    assert row["status"] == "proximity"


def test_conflicts_are_no_ties_that_bypass_the_focus():
    ds = article()
    G = world.layer_graph(ds, "events", period=(2010, 2014), scope="world")
    conflicts = {frozenset((u, v)) for u, v, d in G.edges(data=True) if d["sign"] < 0}
    assert conflicts
    sides = {"A": {"iso3:IND", "iso3:RUS"}, "B": {"iso3:PAK", "iso3:UKR", "iso3:CHN"}}
    o = world.omitted_ties(ds, G, "azerbaijan", sides=sides)
    pairs = {frozenset(p) for p in zip(o["a"], o["b"], strict=True)}
    assert frozenset(("iso3:IND", "iso3:PAK")) in conflicts
    assert not pairs & conflicts  # a war is not a channel
    assert (o["world_sign"] == 1).all()


@pytest.mark.slow
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


def test_members_of_the_same_body_without_a_shared_organization_is_not_a_contradiction(
    tmp_path,
):
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
    assert row["status"] == "not shown"  # absence of a shared organization contradicts nothing
    earlier = world.layer_graph(ds, "igo", year=2014)
    (row,) = world.compare_ties(ds, earlier).to_dict("records")
    assert row["status"] == "proximity"
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_japan_text_ties_the_atlantic_allies_only_through_the_g7():
    """The world's alliance ties between Europe and the United States bypass Japan; the text
    ties those states only as fellow members of the G7 (the states view folds it)."""
    ds = japan_dataset()
    # NATO is a treaty of 28 members in 2014: left out by default, kept on request
    assert world.layer_graph(ds, "alliance", year=2014).number_of_edges() < 5
    G = world.layer_graph(ds, "alliance", year=2014, multilateral="weight")
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
