"""World layers: known values against the source tables, graphs on the text's ids, years, scopes."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from scipy.stats import binom
from worldtexts import japan_dataset, write_text

from graph import io, world
from graph.errors import DataError
from graph.world.votes import agreement

WORLD = Path(__file__).resolve().parents[1] / "data" / "world"


@cache
def raw(name: str) -> pd.DataFrame:
    """A shipped table read as plain strings, independently of graph.world."""
    return pd.read_csv(WORLD / name, dtype=str, keep_default_na=False)


@cache
def article():
    return io.load_dataset()


@cache
def japan():
    return japan_dataset()


def cow_igos(iso3: str, year: int, statuses=("full",)) -> set[str]:
    m = raw("igo_memberships.csv")
    m = m.loc[(m["iso3"] == iso3) & m["status"].isin(statuses)]
    return set(m.loc[(m["start"].astype(int) <= year) & (m["end"].astype(int) >= year), "igo"])


# --- known values, checked against the source ------------------------------------------------


def cow_sizes(year: int) -> dict[str, int]:
    m = raw("igo_memberships.csv")
    m = m.loc[(m["status"] == "full") & (m["iso3"] != "")]
    m = m.loc[(m["start"].astype(int) <= year) & (m["end"].astype(int) >= year)]
    return m.groupby("igo")["iso3"].nunique().to_dict()


@pytest.mark.slow
def test_shared_igos_2014_equal_the_source_and_the_verified_counts():
    G = world.layer_graph(article(), "igo", year=2014, scope="neighbours")
    sizes = cow_sizes(2014)
    for other, verified in (("TUR", 45), ("USA", 32), ("ARM", 39)):
        node = {"USA": "united_states", "ARM": "armenia"}.get(other, f"iso3:{other}")
        shared = cow_igos("AZE", 2014) & cow_igos(other, 2014)
        assert len(shared) == verified  # data/world/README.md, checked against COW's dyadic file
        assert G["azerbaijan"][node]["shared"] == verified
        assert len(G["azerbaijan"][node]["organizations"]) == verified
        # each shared organization of n members weighs 1/(n-1): forums do not dominate
        weight = sum(1 / (sizes[o] - 1) for o in shared)
        assert G["azerbaijan"][node]["weight"] == pytest.approx(weight)
        assert G["azerbaijan"][node]["sign"] == 0  # a shared organization has no sign
    assert G["iso3:TUR"]["united_states"]["shared"] == 49
    assert G.graph["signed"] is False


@pytest.mark.slow
def test_shared_igos_with_any_status():
    every = ("full", "associate", "observer")
    d = world.layer_data("igo", year=2014, statuses=every)
    pairs = d.pairs.set_index(["a", "b"])
    expected = len(cow_igos("AZE", 2014, every) & cow_igos("USA", 2014, every))
    assert expected == 33
    assert pairs.loc[("AZE", "USA"), "shared"] == expected


@pytest.mark.slow
def test_igo_layer_from_2015_uses_the_hand_coded_table():
    d = world.layer_data("igo", year=2019)
    h = raw("memberships_2015_2025.csv")
    # ISO dates compare as strings, and a year alone sorts before its 1 January, as it reads
    h = h.loc[(h["status"] == "member") & (h["start"] <= "2019-12-31")]
    h = h.loc[h["end"].replace("", "9999") > "2019-01-01"]
    aze, tur = (set(h.loc[h["iso3"] == c, "organization"]) for c in ("AZE", "TUR"))
    row = d.pairs.set_index(["a", "b"]).loc[("AZE", "TUR")]
    assert set(row["organizations"]) == aze & tur
    assert "OTS" in row["organizations"]
    assert any("hand-coded" in n for n in d.notes)
    across = world.layer_data("igo", period=(2013, 2016))
    assert any("mixes COW IGO" in n for n in across.notes)
    # one organization in both sources counts once
    orgs = across.pairs.set_index(["a", "b"]).loc[("AZE", "TUR"), "organizations"]
    assert len(orgs) == len(set(orgs))
    assert "OSCE" in orgs
    assert "CoE" in orgs
    assert "COE" not in orgs


def test_un_agreement_equals_a_count_from_the_raw_table():
    v = raw("un_votes.csv")
    v = v.loc[v["date"].str[:4] == "2014"]
    both = (v["AZE"] != "") & (v["USA"] != "")
    same = int((both & (v["AZE"] == v["USA"])).sum())
    d = agreement(2014, 2014).pairs.set_index(["a", "b"]).loc[("AZE", "USA")]
    assert (int(d["same"]), int(d["votes"])) == (same, int(both.sum()))
    assert d["weight"] == pytest.approx(same / both.sum())
    # data/world/README.md, 2010-2019
    p = agreement(2010, 2019).pairs.set_index(["a", "b"])
    assert (int(p.loc[("ISR", "USA"), "same"]), int(p.loc[("ISR", "USA"), "votes"])) == (762, 896)
    assert (int(p.loc[("EGY", "USA"), "same"]), int(p.loc[("EGY", "USA"), "votes"])) == (183, 916)
    assert p.loc[("ISR", "USA"), "sign"] == 1
    assert p.loc[("EGY", "USA"), "sign"] == -1


def test_votes_are_positions_not_a_graph_of_agreement():
    with pytest.raises(DataError, match="positions"):
        world.layer_data("votes", year=2014)
    # raw agreement ties nearly every pair: why the layer uses ideal points instead
    pairs = agreement(2015, 2019).pairs
    assert (pairs["sign"] > 0).sum() > 0.85 * len(pairs)


@pytest.mark.slow
def test_vote_threshold_min_votes_and_issues():
    all_pairs = agreement(2014, 2014).pairs
    high = agreement(2014, 2014, threshold=0.9).pairs
    assert (high["agreement"] >= 0.9).all()
    assert 0 < len(high) < len(all_pairs)
    assert set(zip(high["a"], high["b"], strict=True)) == set(
        zip(*all_pairs.loc[all_pairs["agreement"] >= 0.9, ["a", "b"]].T.values, strict=True)
    )
    strict = agreement(2014, 2014, min_votes=75).pairs
    assert (strict["votes"] >= 75).all()
    assert len(strict) < len(all_pairs)
    me = agreement(2014, 2014, issues=["me"]).pairs
    assert me["votes"].max() < all_pairs["votes"].max()


def _treaties(iso3: str, year: int) -> dict[tuple[str, str], set[str]]:
    """(treaty, phase) -> its members in force in ``year``, from the raw member table."""
    m = raw("atop_members.csv")
    m = m.loc[(m["start"].astype(int) <= year) & (m["end"].astype(int) >= year) & (m["iso3"] != "")]
    groups = m.groupby(["atopid", "phase"])["iso3"].agg(set)
    return {k: v for k, v in groups.items() if iso3 in v}


@pytest.mark.slow
def test_alliances_keep_small_treaties_and_drop_or_weight_the_rest():
    pairs = world.layer_data("alliance", year=2014).pairs.set_index(["a", "b"])
    aze_tur = pairs.loc[("AZE", "TUR")]
    assert aze_tur["defense"]
    assert not aze_tur["multilateral"]
    assert aze_tur["members"] == 2
    assert aze_tur["pacts"].startswith("defence pact")
    assert ("ARM", "AZE") not in pairs.index  # the CIS-era treaty of nine: a pledge to a group
    assert ("AZE", "USA") not in pairs.index  # the Helsinki-era instrument of 55
    # every pair kept is in a treaty of at most three members, by the raw table
    for a, b in pairs.index[:50]:
        assert any(b in members and len(members) <= 3 for members in _treaties(a, 2014).values())
    weighted = world.layer_data("alliance", year=2014, multilateral="weight").pairs
    w = weighted.set_index(["a", "b"])
    shared = [m for m in _treaties("AZE", 2014).values() if "ARM" in m]
    assert w.loc[("ARM", "AZE"), "weight"] == pytest.approx(sum(1 / (len(m) - 1) for m in shared))
    assert w.loc[("ARM", "AZE"), "defense"]
    assert w.loc[("ARM", "AZE"), "multilateral"]
    assert w.loc[("AZE", "USA"), "pacts"] == "non-aggression pact"
    assert w.loc[("AZE", "USA"), "restraint"]
    only = world.layer_data("alliance", year=2014, multilateral="only").pairs
    assert only["multilateral"].all()
    assert len(only) + len(pairs) >= len(weighted)
    defence = world.layer_data("alliance", year=2014, kinds=["defense"]).pairs
    assert defence["defense"].all()
    assert ("AZE", "TUR") in set(zip(defence["a"], defence["b"], strict=True))


@pytest.mark.slow
def test_alliance_years_count_the_years_in_force():
    p = world.layer_data("alliance", period=(1990, 1999), multilateral="weight").pairs
    p = p.set_index(["a", "b"])
    # Azerbaijan joins the CIS-era treaties with Armenia in 1993 (the member table)
    assert p.loc[("ARM", "AZE"), "years"] == 7
    years = [y for y in range(1990, 2000) if any("TUR" in m for m in _treaties("AZE", y).values())]
    assert p.loc[("AZE", "TUR"), "years"] == len(years)


@pytest.mark.slow
def test_event_counts_equal_the_raw_table_summed_over_directions():
    e = raw("icews_events.csv")
    e = e.loc[(e["year"] == "2014") & e["iso3_from"].isin(["AZE", "ARM"])]
    e = e.loc[e["iso3_to"].isin(["AZE", "ARM"])]
    counts = e[["verb_coop", "matl_coop", "verb_conf", "matl_conf"]].astype(int).sum()
    pos, neg = counts["verb_coop"] + counts["matl_coop"], counts["verb_conf"] + counts["matl_conf"]
    G = world.layer_graph(article(), "events", year=2014)
    edge = G["azerbaijan"]["armenia"]
    assert (edge["positive"], edge["negative"], edge["events"]) == (pos, neg, pos + neg)
    assert edge["conflict_share"] == pytest.approx(neg / (pos + neg))
    # a conflict: more conflictual events than the year's base rate, by a binomial test
    every = raw("icews_events.csv")
    every = every.loc[every["year"] == "2014", ["verb_coop", "matl_coop", "verb_conf", "matl_conf"]]
    every = every.astype(int).sum()
    base = (every["verb_conf"] + every["matl_conf"]) / every.sum()
    assert edge["conflict_p"] == pytest.approx(binom.sf(neg - 1, pos + neg, base))
    assert edge["conflict_p"] < world.events.CONFLICT_ALPHA
    assert edge["sign"] == -1
    assert edge["weight"] == neg  # a conflict's weight: its conflictual events
    looser = world.layer_graph(article(), "events", year=2014, conflict_alpha=1e-300)
    assert (
        not looser.has_edge("azerbaijan", "armenia") or looser["azerbaijan"]["armenia"]["sign"] == 1
    )


@pytest.mark.slow
def test_events_layer_says_turkey_is_missing(tmp_path):
    ds = write_text(
        tmp_path,
        [
            ["azerbaijan", "Azerbaijan", "state", "", "A", "", "AZE"],
            ["turkey", "Turkey", "state", "", "B", "", ""],
        ],
        [["azerbaijan", "turkey", "cooperates_with", 1, 1, "Azerbaijan and Turkey"]],
        ["Azerbaijan and Turkey work together."],
    )
    G = world.layer_graph(ds, "events", year=2014, scope="neighbours")
    assert G.graph["missing"] == ["turkey"]
    assert "turkey" not in G
    assert any("Turkey (turkey) is not in ICEWS" in n and "unknown" in n for n in G.graph["notes"])
    assert "turkey" in world.layer_graph(ds, "igo", year=2014)  # other layers have it


# --- graphs on the text's ids ------------------------------------------------------------------


def test_text_states_keep_ids_labels_and_blocs_others_get_iso3_ids():
    ds = article()
    G = world.layer_graph(ds, "igo", year=2014, scope="neighbours")
    nodes = ds.nodes.set_index("id")
    for n, d in G.nodes(data=True):
        assert d["type"] == "state"
        if d["in_text"]:
            assert d["label"] == nodes.at[n, "label"]
            assert d["bloc"] == nodes.at[n, "bloc"]
        else:
            assert n == f"iso3:{d['code']}"
            assert d["bloc"] is None
    assert G.nodes["iso3:TUR"]["label"] == "Türkiye"
    assert G.nodes["iso3:TUR"]["cown"] == 640
    assert G.nodes["azerbaijan"]["code"] == "AZE"
    assert G.nodes["azerbaijan"]["in_text"]


def test_scopes_text_and_neighbours():
    ds = article()
    for layer in ("alliance", "events", "igo", "corridors"):
        T = world.layer_graph(ds, layer, year=2014)
        N = world.layer_graph(ds, layer, year=2014, scope="neighbours")
        assert all(d["in_text"] for _, d in T.nodes(data=True))
        assert set(T) <= set(N)
        assert set(T.edges) <= {tuple(e) for e in N.edges} | {(v, u) for u, v in N.edges}
        text = [n for n, d in N.nodes(data=True) if d["in_text"]]
        for n, d in N.nodes(data=True):
            if not d["in_text"]:
                assert any(N.has_edge(n, t) for t in text), (layer, n)
        assert T.graph["scope"] == "text"
        assert N.graph["scope"] == "neighbours"


def _check_layer_graph(G: nx.Graph, layer: str):
    for key in ("view", "layer", "source", "period", "years", "scope", "notes", "missing"):
        assert key in G.graph
    assert G.graph["layer"] == layer
    assert G.graph["view"] == f"world:{layer}"
    assert isinstance(G.graph["notes"], list)
    for u, v, d in G.edges(data=True):
        assert math.isfinite(d["weight"]), (layer, u, v)
        assert d["weight"] > 0, (layer, u, v)
        assert d["sign"] in (-1, 0, 1)
    if not G.graph["years"]:
        assert G.number_of_edges() == 0
        assert any("no data" in n for n in G.graph["notes"])


@pytest.mark.slow
@pytest.mark.parametrize("layer", ["igo", "alliance", "events", "corridors"])
@pytest.mark.parametrize("year", [2014, 2019])
@pytest.mark.parametrize("which", ["article", "japan"])
def test_every_layer_builds_for_both_datasets(layer, year, which):
    ds = article() if which == "article" else japan()
    states = set(ds.nodes.loc[ds.nodes["type"] == "state", "id"])
    for scope in world.SCOPES:
        G = world.layer_graph(ds, layer, year=year, scope=scope)
        _check_layer_graph(G, layer)
        if G.graph["years"]:
            assert states - set(G.graph["missing"]) <= set(G)
    if which == "japan" and layer == "igo":
        assert G.number_of_edges() >= 15  # six states that all share organizations


@pytest.mark.slow
def test_layer_graphs_builds_the_layers_with_their_options():
    Gs = world.layer_graphs(
        japan(), period=(2010, 2014), options={"events": {"conflict_alpha": 0.001}}
    )
    assert list(Gs) == ["alliance", "events", "igo", "corridors"]
    assert Gs["events"].graph["options"]["conflict_alpha"] == 0.001
    assert Gs["events"].graph["years"] == (2010, 2011, 2012, 2013, 2014)


def test_years_outside_a_source_are_said_not_filled():
    G = world.layer_graph(article(), "events", year=2019)
    assert G.number_of_nodes() == 0
    assert G.graph["years"] == ()
    assert any("ICEWS covers 2002-2014" in n for n in G.graph["notes"])
    H = world.layer_graph(article(), "alliance", period=(2015, 2020))
    assert H.graph["years"] == (2015, 2016, 2017, 2018)
    assert any("uses 2015-2018" in n for n in H.graph["notes"])
    assert world.ideal_points(1900).empty


def test_cached_tables_are_not_changed_by_callers():
    d = world.layer_data("igo", year=2014)
    d.pairs["weight"] = 0.0
    d.notes.append("changed")
    again = world.layer_data("igo", year=2014)
    assert again.pairs["weight"].min() > 0
    assert "changed" not in again.notes
    t = world.world_table("states")
    t["name"] = "x"
    assert world.world_table("states")["name"].iloc[0] != "x"


@pytest.mark.parametrize(
    ("kwargs", "column"),
    [
        ({"layer": "trade", "year": 2014}, "layer"),
        ({"layer": "events", "year": 2014, "conflict_alpha": 1.5}, "conflict_alpha"),
        ({"layer": "votes", "year": 2014, "multilateral": "drop"}, "multilateral"),
        ({"layer": "igo", "year": 2014, "statuses": ["member"]}, "statuses"),
        ({"layer": "alliance", "year": 2014, "multilateral": "some"}, "multilateral"),
        ({"layer": "igo", "year": 2014, "period": (2010, 2014)}, "year"),
        ({"layer": "igo"}, "year"),
        ({"layer": "igo", "period": (2014, 2010)}, "period"),
        ({"layer": "igo", "year": 2014, "scope": "everywhere"}, "scope"),
    ],
)
def test_bad_settings_are_data_errors_naming_the_setting(kwargs, column):
    with pytest.raises(DataError) as err:
        world.layer_graph(article(), **kwargs)
    assert f"{column}:" in str(err.value)
    assert len(str(err.value).splitlines()) == 1


# --- blocs and sides ------------------------------------------------------------------------


def test_organization_members_in_time():
    assert world.organization_members("SCO", year=2014) == {
        "CHN",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "UZB",
    }
    assert {"IND", "PAK"} <= world.organization_members("SCO", year=2017)
    assert "IND" not in world.organization_members("SCO", year=2016)
    assert "EGY" in world.organization_members("BRICS", year=2024)
    assert "EGY" not in world.organization_members("BRICS", year=2023)
    nato_2023 = world.organization_members("NATO", year=2023)
    assert "FIN" in nato_2023
    assert "SWE" not in nato_2023
    assert "SWE" in world.organization_members("NATO", year=2024)
    assert "GBR" in world.organization_members("EU", year=2020)  # a member until 2020-01-31
    assert "GBR" not in world.organization_members("EU", year=2021)
    assert world.organization_members("EU", year=2014) == set(
        raw("igo_memberships.csv")
        .query("igo == 'EU' and status == 'full'")
        .loc[lambda m: (m["start"].astype(int) <= 2014) & (m["end"].astype(int) >= 2014), "iso3"]
    )
    with pytest.raises(DataError, match="has no membership data for 2019"):
        world.organization_members("UNESCO", year=2019)
    with pytest.raises(DataError, match="not an organization of the world data"):
        world.organization_members("Ruritanian Union", year=2019)


def test_organization_sides_use_the_text_ids():
    sides = world.organization_sides(["brics", "sco"], article(), year=2024)
    assert "egypt" in sides["brics"]
    assert "iso3:EGY" not in sides["brics"]
    assert {"iso3:CHN", "iso3:RUS", "iso3:IRN"} <= sides["brics"] & sides["sco"]
    assert "azerbaijan" not in sides["brics"] | sides["sco"]
    with pytest.raises(DataError, match="CIS Executive Committee"):
        world.organization_sides(["cis_executive_committee"], article(), year=2024)


def test_blocs_from_memberships_joint_or_first():
    joint = world.blocs_from_memberships(["BRICS", "SCO"], year=2014)
    first = world.blocs_from_memberships(["BRICS", "SCO"], year=2014, overlap="first")
    assert joint["CHN"] == joint["RUS"] == "BRICS & SCO"
    assert first["CHN"] == "BRICS"
    assert joint["BRA"] == "BRICS"
    assert joint["KAZ"] == first["KAZ"] == "SCO"
    assert "AZE" not in joint


@pytest.mark.slow
def test_layer_blocs_for_states_outside_the_text():
    ds = article()
    G = world.layer_graph(ds, "igo", year=2014, scope="neighbours", blocs=["BRICS", "SCO"])
    assert G.nodes["iso3:CHN"]["bloc"] == "BRICS & SCO"
    assert G.nodes["iso3:KAZ"]["bloc"] == "SCO"
    assert G.nodes["azerbaijan"]["bloc"] == "South Caucasus"
    assert G.nodes["iso3:TUR"]["bloc"] is None
    assert G.graph["blocs"]["others"] == "memberships"
    H = world.layer_graph(
        ds, "igo", year=2024, blocs=["BRICS", "SCO"], keep_text_blocs=False, scope="neighbours"
    )
    assert H.nodes["egypt"]["bloc"] == "BRICS"
    assert H.nodes["azerbaijan"]["bloc"] is None
    D = world.layer_graph(ds, "events", year=2014, scope="neighbours", blocs="detected")
    others = {d["bloc"] for _, d in D.nodes(data=True) if not d["in_text"]}
    assert others
    assert all(b.startswith("C") for b in others)
    assert D.nodes["israel"]["bloc"] == "Middle East"
    M = world.layer_graph(ds, "igo", year=2014, scope="neighbours", blocs={"TUR": "Turkic"})
    assert M.nodes["iso3:TUR"]["bloc"] == "Turkic"
    assert M.nodes["iso3:RUS"]["bloc"] is None
    with pytest.raises(
        DataError, match="blocs: 'detect' is not a bloc option; spell it \"detected\""
    ):
        world.layer_graph(ds, "events", year=2014, scope="neighbours", blocs="detect")


@pytest.mark.slow
def test_membership_graph_is_two_mode_on_the_text_ids():
    B = world.membership_graph(article(), year=2014)
    assert nx.is_bipartite(B)
    kinds = nx.get_node_attributes(B, "bipartite")
    assert all(kinds[u] != kinds[v] for u, v in B.edges)
    assert B.has_edge("azerbaijan", "cis")
    assert B.has_edge("azerbaijan", "org:OSCE")
    assert B.nodes["cis"]["label"] == "CIS"
    assert B.nodes["org:OSCE"]["type"] == "organization"
    states = {n for n, k in kinds.items() if k == 0}
    assert states == {"azerbaijan", "armenia", "united_states", "egypt", "israel", "syria"}
    assert B.degree("azerbaijan") == len(cow_igos("AZE", 2014))
    N = world.membership_graph(article(), year=2014, scope="neighbours")
    assert "iso3:TUR" in N
    assert set(B) <= set(N)
