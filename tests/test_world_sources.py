"""Checks of the world-data tables added for positions, treaties and corridors.

The shipped tables are checked on their own (columns, vocabularies, codes, known values).
Where the pinned raw files are at hand (``WORLD_SOURCES`` names their folder, as for
``make world-data``), the tables are also compared with the raw files and rebuilt from
them; without it those tests are skipped. The raw files are not in the repository.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

WORLD = Path(__file__).resolve().parents[1] / "data" / "world"
RAW = Path(os.environ["WORLD_SOURCES"]) if os.environ.get("WORLD_SOURCES") else None
FLAGS = ["defense", "offense", "neutral", "nonagg", "consul"]
IDEAL = ["iso3", "cown", "year", "votes", "ideal_point", "q05", "q10", "q50", "q90", "q95"]
MEMBERS = ["atopid", "phase", "cown", "iso3", "start", "end", *FLAGS]
TREATIES = ["atopid", "start", "end", "bilateral", *FLAGS, "members_max", "members"]
CORRIDORS = ["id", "name", "kind", "route", "start", "end", "status", "source", "note"]
NUMBER = r"-?\d+(\.\d+)?([eE][-+]?\d+)?"


@cache
def rebuild():
    """The rebuild script as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("world_rebuild", WORLD / "rebuild.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["world_rebuild"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@cache
def table(name: str) -> pd.DataFrame:
    """A shipped table as strings (blank cells stay ''), read once."""
    return pd.read_csv(WORLD / name, dtype=str, keep_default_na=False, encoding="utf-8")


@cache
def states() -> pd.DataFrame:
    """states.csv as the rebuild's functions take it (cown a nullable integer)."""
    frame = table("states.csv").copy()
    frame["cown"] = pd.to_numeric(frame["cown"].replace("", None)).astype("Int64")
    return frame


def iso3_of_cown() -> dict[int, str]:
    st = table("states.csv")
    return {int(c): i for c, i in zip(st["cown"], st["iso3"], strict=True) if c}


def raw(name: str) -> Path:
    """A pinned raw file, or skip the test when it is not at hand."""
    if RAW is None:
        pytest.skip("WORLD_SOURCES is not set: the raw files are not in the repository")
    path = RAW / name
    if not path.is_file():
        pytest.skip(f"{name} is not in WORLD_SOURCES")
    return path


# --- files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("un_ideal_points.csv", IDEAL),
        ("atop_members.csv", MEMBERS),
        ("atop_treaties.csv", TREATIES),
        ("corridors.csv", CORRIDORS),
    ],
)
def test_file_format_and_columns(name, columns):
    raw_bytes = (WORLD / name).read_bytes()
    raw_bytes.decode("utf-8")
    assert not raw_bytes.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw_bytes
    assert raw_bytes.endswith(b"\n")
    assert list(table(name).columns) == columns


def test_readme_documents_new_tables_and_pins():
    readme = (WORLD / "README.md").read_text(encoding="utf-8")
    for name in ("un_ideal_points.csv", "atop_members.csv", "atop_treaties.csv", "corridors.csv"):
        assert re.search(rf"^## .*`{re.escape(name)}`", readme, re.MULTILINE), name
        assert f"| `{name}` |" in readme, name  # a row of the overview table
    rb = rebuild()
    for src in (*rb.SOURCES, rb.GEM_SOURCE):
        assert src.sha256 in readme, src.path
        assert src.commit in readme, src.path
    for path in ("atop_members.csv", "un_ideal_points.csv", "corridors.csv"):
        assert f"| {len(table(path)):,} | {(WORLD / path).stat().st_size:,} |" in readme


def test_gem_table_is_not_shipped():
    assert not (WORLD / "pipelines.csv").exists()
    assert "pipelines.csv" not in rebuild().TABLES


# --- un_ideal_points.csv -----------------------------------------------------------------


def test_ideal_points_codes_years_and_order():
    ip = table("un_ideal_points.csv")
    codes = iso3_of_cown()
    assert (ip["iso3"] == ip["cown"].astype(int).map(codes)).all()
    assert set(ip.loc[ip["iso3"] == "", "cown"]) == {"260", "678"}
    assert set(ip["iso3"]) - {""} <= set(table("states.csv")["iso3"])
    years = set(ip["year"].astype(int))
    assert years == set(range(1946, 2026)) - {1964}
    key = ip[["cown", "year"]].astype(int)
    assert not key.duplicated().any()
    assert key.equals(key.sort_values(["cown", "year"]).reset_index(drop=True))
    assert len(ip) == 11_610


def test_ideal_points_are_numbers_as_text():
    ip = table("un_ideal_points.csv")
    assert ip["votes"].str.fullmatch(r"\d+").all()
    for col in IDEAL[4:]:
        assert ip[col].str.fullmatch(NUMBER).all(), col
    assert (ip["votes"].astype(int) >= 1).all()


def test_ideal_points_known_values():
    ip = table("un_ideal_points.csv").set_index(["iso3", "year"])
    assert ip.loc[("USA", "1946")].tolist() == [
        "2",
        "25",
        "1.7402",
        "0.9914363",
        "1.163636",
        "1.727524",
        "2.357482",
        "2.516466",
    ]
    aze = ip.loc[("AZE", "2023")]
    assert (aze["cown"], aze["votes"], aze["ideal_point"]) == ("373", "60", "-0.4627063")
    assert ip.loc[("KNA", "1991"), "q50"] == "-2.45E-05"  # the source's text, not 2.45e-05
    assert ip.loc[("SRB", "1946"), "cown"] == "345"


def test_ideal_points_2024_rests_on_few_votes():
    ip = table("un_ideal_points.csv")
    votes = ip["votes"].astype(int)
    year = ip["year"].astype(int)
    assert votes[year == 2024].max() <= 8
    assert votes[year == 2025].max() == 158
    assert votes[year.between(2015, 2023)].max() == 109
    assert "TUR" not in set(ip.loc[year == 2025, "iso3"])


# --- atop_members.csv and atop_treaties.csv ----------------------------------------------


def test_atop_members_codes_flags_and_order():
    m = table("atop_members.csv")
    ints = m.drop(columns="iso3").astype(int)
    assert ints[FLAGS].isin([0, 1]).all().all()
    assert (ints["end"] >= ints["start"]).all()
    assert ints["start"].min() == 1815
    assert ints["end"].max() == 2018
    codes = iso3_of_cown()
    assert set(ints["cown"]) - set(codes) == {8152}  # Annam, not a COW state
    assert (m["iso3"] == ints["cown"].map(codes).fillna("")).all()
    key = ["atopid", "phase", "cown", "start"]
    assert not ints.duplicated(key).any()
    assert ints[key].equals(ints[key].sort_values(key).reset_index(drop=True))
    assert len(m) == 2_510
    assert m["atopid"].nunique() == 789


def test_atop_treaties_agree_with_members():
    t = table("atop_treaties.csv").astype(int).set_index("atopid")
    m = table("atop_members.csv").drop(columns="iso3").astype(int)
    assert len(t) == 789
    assert (t["members"] == m.groupby("atopid")["cown"].nunique().reindex(t.index)).all()
    assert (t[FLAGS] == m.groupby("atopid")[FLAGS].max().reindex(t.index)).all().all()
    assert (t["start"] == m.groupby("atopid")["start"].min().reindex(t.index)).all()
    assert (t["end"] == m.groupby("atopid")["end"].max().reindex(t.index)).all()
    assert (t["members_max"] <= t["members"]).all()
    assert (t["members_max"] >= 2).all()
    disagree = t.index[(t["bilateral"] == 1) != (t["members_max"] == 2)]
    assert sorted(disagree) == [1287, 3260]


def _members(atopid: int) -> pd.DataFrame:
    m = table("atop_members.csv")
    return m[m["atopid"] == str(atopid)]


def test_atop_azerbaijan_turkiye_pledges_are_bilateral():
    t = table("atop_treaties.csv").set_index("atopid")
    for atopid, year in (("4550", "1994"), ("6035", "2010")):
        assert set(_members(int(atopid))["iso3"]) == {"AZE", "TUR"}
        assert t.loc[atopid, "start"] == year
        assert (t.loc[atopid, "bilateral"], t.loc[atopid, "members_max"]) == ("1", "2")
        assert t.loc[atopid, "defense"] == "1"
    assert t.loc["4550", "consul"] == "0"
    assert t.loc["6035", "consul"] == "1"
    # the dyad table's marker agrees: the defence tie sits in no larger clique
    dy = table("atop_alliances.csv")
    tie = dy[(dy["cown1"] == "373") & (dy["cown2"] == "640") & (dy["defense"] == "1")]
    assert not tie.empty
    assert (tie["def_clique_max"] == "2").all()


def test_atop_azerbaijan_armenia_ties_are_cis_era_multilateral():
    m = table("atop_members.csv")
    both = m[m["iso3"].isin(["AZE", "ARM"]) & (m["end"].astype(int) >= 2018)]
    shared = both.groupby(["atopid", "phase"])["iso3"].nunique()
    shared = shared[shared == 2]
    assert ("4400", "0") in shared.index
    cis = _members(4400)
    assert set(cis["iso3"]) == {"RUS", "BLR", "ARM", "GEO", "AZE", "TJK", "KGZ", "UZB", "KAZ"}
    assert cis.set_index("iso3").loc["GEO", "end"] == "2009"
    assert (cis[["defense", "nonagg", "consul"]] == "1").all().all()
    cst = _members(4220).set_index(["iso3", "phase"])
    assert cst.loc[("AZE", "1"), "end"] == "1999"
    t = table("atop_treaties.csv").set_index("atopid")
    assert t.loc["4400", "bilateral"] == "0"
    assert int(t.loc["4400", "members_max"]) == 9


def test_atop_azerbaijan_united_states_nonaggression_is_a_europe_wide_instrument():
    m = table("atop_members.csv")
    aze = m[m["iso3"] == "AZE"].set_index(["atopid", "phase"])
    usa = m[m["iso3"] == "USA"].set_index(["atopid", "phase"])
    shared = aze.index.intersection(usa.index)
    assert list(shared) == [("3740", "2")]
    t = table("atop_treaties.csv").set_index("atopid").loc["3740"]
    assert (t["start"], t["members_max"], t["members"]) == ("1975", "56", "59")
    assert [t[f] for f in FLAGS] == ["0", "0", "0", "1", "0"]


def test_atop_dyads_of_azerbaijan_are_explained_by_treaties():
    """Every Azerbaijani dyad-year of atop_alliances.csv has both states in one treaty phase."""
    m = table("atop_members.csv").drop(columns="iso3").astype(int)
    dy = table("atop_alliances.csv")
    dy = dy[dy["cown1"] == "373"].astype({"cown2": int, "start": int, "end": int})

    def phases(cown: int, year: int) -> set[tuple[int, int]]:
        live = m[(m["cown"] == cown) & (m["start"] <= year) & (m["end"] >= year)]
        return set(zip(live["atopid"], live["phase"], strict=True))

    assert len(dy) > 50
    for row in dy.itertuples():
        for year in (row.start, row.end):
            assert phases(373, year) & phases(row.cown2, year), (row.cown2, year)


# --- corridors.csv -----------------------------------------------------------------------


def test_corridors_validate():
    assert rebuild().validate_corridors(WORLD / "corridors.csv", states()) == []


def test_corridors_vocabularies_and_codes():
    c = table("corridors.csv")
    assert set(c["kind"]) == {"oil pipeline", "gas pipeline", "rail", "multimodal"}
    assert set(c["status"]) == {"operating", "construction", "planned"}
    known = set(table("states.csv")["iso3"]) - {""}
    for route in c["route"]:
        assert set(route.split(">")) <= known, route
    assert c["id"].is_unique
    assert list(c["id"]) == sorted(c["id"])
    assert c["source"].str.match(r"https?://\S+$").all()


def test_corridors_known_routes():
    c = table("corridors.csv").set_index("id")

    def row(key):
        return tuple(c.loc[key, ["kind", "route", "start", "end", "status"]])

    assert row("baku-tbilisi-ceyhan") == ("oil pipeline", "AZE>GEO>TUR", "2006", "", "operating")
    assert row("baku-supsa")[1] == "AZE>GEO"
    assert row("baku-novorossiysk")[1] == "AZE>RUS"
    assert row("baku-tbilisi-kars") == ("rail", "AZE>GEO>TUR", "2017", "", "operating")
    assert row("middle-corridor")[:2] == ("multimodal", "CHN>KAZ>AZE>GEO>TUR")
    assert row("instc-west")[1] == "RUS>AZE>IRN"
    assert row("instc-east")[1:3] == ("RUS>KAZ>TKM>IRN", "2014")
    assert row("instc-trans-caspian")[:2] == ("multimodal", "RUS>IRN")
    assert row("caspian-pipeline-consortium")[1] == "KAZ>RUS"
    assert row("kirkuk-ceyhan")[1] == "IRQ>TUR"
    assert row("eastern-siberia-pacific-china")[1] == "RUS>CHN"
    assert row("china-europe-rail-kazakhstan")[1] == "CHN>KAZ>RUS>BLR>POL"
    assert row("kars-gyumri")[1:] == ("TUR>ARM", "1899", "1993", "operating")
    assert row("syunik-route")[1:] == ("AZE>ARM>AZE", "", "", "planned")


def test_corridors_are_not_tilted_toward_azerbaijan():
    routes = table("corridors.csv")["route"].str.split(">")
    through = routes.map(lambda r: "AZE" in r)
    assert (~through).sum() >= through.sum()
    # east-west and north-south links that avoid Azerbaijan are present for each kind
    bypass = table("corridors.csv")[~through]
    assert {"oil pipeline", "gas pipeline", "rail", "multimodal"} <= set(bypass["kind"])


def test_corridor_validator_finds_problems(tmp_path):
    bad = tmp_path / "corridors.csv"
    with bad.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(CORRIDORS)
        writer.writerow(
            ["b-route", "B", "rail", "AZE>XXX", "2000", "", "operating", "https://x", ""]
        )
        writer.writerow(["a-route", "A", "road", "AZE", "2000", "", "planned", "not a url", ""])
        writer.writerow(["c-route", "C", "rail", "AZE>AZE", "", "1999", "closed", "https://x", ""])
    problems = "\n".join(rebuild().validate_corridors(bad, states()))
    for expected in (
        "'XXX' is not in states.csv",
        "unknown kind 'road'",
        "at least two states",
        "a planned route has no years",
        "source must be one URL",
        "twice in a row",
        "unknown status 'closed'",
        "end 1999 without an earlier start",
        "sorted by id",
    ):
        assert expected in problems, expected


# --- GEM pipelines (built on demand) -----------------------------------------------------


def _gem_row(pid, countries, first, last, **extra):
    row = {
        "ProjectID": pid,
        "Fuel": "Gas",
        "StartCountry": first,
        "EndCountry": last,
        "Countries": countries,
        "Wiki": f"https://www.gem.wiki/{pid}",
        "PipelineName": f"Pipeline {pid}",
        "SegmentName": "",
        "Status": "Operating",
        "StartYear1": "2006.0",
        "StopYear": "",
        "CapacityBcm/y": "--",
    }
    return {**row, **extra}


def test_pipeline_routes_and_order():
    rows = [
        _gem_row("P1", "Azerbaijan, Georgia, Turkey", "Azerbaijan", "Turkey"),
        _gem_row("P2", "Turkey, Azerbaijan", "Azerbaijan", "Turkey", **{"CapacityBcm/y": "16"}),
        _gem_row("P3", "Russia, Belarus, Poland, Germany", "Russia", "Germany"),
        _gem_row(
            "P4",
            "Turkmenistan, Uzbekistan, Tajikistan, Kyrgyzstan, China",
            "Turkmenistan",
            "Turkmenistan",
        ),
        _gem_row("P5", "Russia", "Russia", "Russia"),
        _gem_row(
            "P6",
            "Georgia, Azerbaijan, Turkey",
            "Azerbaijan",
            "Turkey",
            Status="Proposed",
            StartYear1="",
        ),
    ]
    built = rebuild().build_pipelines(rows, states()).set_index("id")
    assert list(built.index) == ["P1", "P2", "P3", "P4", "P6"]  # P5 crosses no border
    assert built.loc["P1", "route"] == built.loc["P1", "route_order"] == "AZE>GEO>TUR"
    assert built.loc["P2", "route_order"] == "AZE>TUR"  # StartCountry first
    assert built.loc["P2", "capacity_bcm_y"] == "16"
    assert built.loc["P1", "capacity_bcm_y"] == ""
    assert built.loc["P3", "route_order"] == "RUS>BLR>POL>DEU"
    assert built.loc["P4", "route"] == "TKM>UZB>TJK>KGZ>CHN"
    assert built.loc["P4", "route_order"] == "listed"
    assert built.loc["P6", "route_order"] == "AZE>GEO>TUR"  # three states: start, other, end
    assert (built.loc["P1", "start_year"], built.loc["P6", "start_year"]) == ("2006", "")
    assert list(built.columns) == rebuild().PIPELINE_COLUMNS[1:]


def test_pipeline_unknown_country_is_an_error():
    rows = [_gem_row("P1", "Azerbaijan, Atlantis", "Azerbaijan", "Atlantis")]
    with pytest.raises(ValueError, match="Atlantis"):
        rebuild().build_pipelines(rows, states())


# --- against the raw files (WORLD_SOURCES) -----------------------------------------------


def test_raw_files_match_their_pins():
    rb = rebuild()
    for src in (*rb.SOURCES[-3:], rb.GEM_SOURCE):
        assert rb.sha256(raw(src.name)) == src.sha256, src.name


def test_ideal_points_equal_the_source_text():
    rb = rebuild()
    source = rb.read_delimited(raw("Idealpointestimates1946-2025.tab"), "\t")
    shipped = {(r["cown"], r["year"]): r for r in table("un_ideal_points.csv").to_dict("records")}
    assert len(source) == len(shipped)
    for row in source:
        got = shipped[(row["ccode"], row["year"])]
        for src, col in rb.IDEAL_COLUMNS.items():
            assert got[col] == row[src], (row["ccode"], row["year"], col)


@pytest.mark.parametrize("name", ["un_ideal_points.csv", "atop_members.csv", "atop_treaties.csv"])
def test_rebuild_gives_the_shipped_bytes(name, tmp_path):
    rb = rebuild()
    members = pd.read_csv(raw("atop5_1m.csv"), dtype=str, keep_default_na=False)
    if name == "un_ideal_points.csv":
        rows = rb.read_delimited(raw("Idealpointestimates1946-2025.tab"), "\t")
        built = rb.build_un_ideal_points(rows, states())
    elif name == "atop_members.csv":
        built = rb.build_atop_members(members, states())
    else:
        alliances = pd.read_csv(raw("atop5_1a.csv"), dtype=str, keep_default_na=False)
        built = rb.build_atop_treaties(alliances, members)
    rb.write_csv(built, tmp_path / name)
    assert (tmp_path / name).read_bytes() == (WORLD / name).read_bytes()


def test_atop_member_file_explains_every_dyad_year():
    pytest.importorskip("pyreadr")
    rb = rebuild()
    dyads = rb.read_rda(raw("atop_alliance.rda"))
    members = rb.build_atop_members(
        pd.read_csv(raw("atop5_1m.csv"), dtype=str, keep_default_na=False), states()
    )
    assert rb.check_atop_dyads(members, dyads) == (136_648, 17)


def test_gem_pipelines_from_the_raw_file():
    rb = rebuild()
    rows = rb.read_delimited(raw(rb.GEM_SOURCE.name), ";")
    assert len(rows) == 2_449
    built = rb.build_pipelines(rows, states()).set_index("id")
    assert len(built) == 279
    assert (built["route_order"] == "listed").sum() == 5
    scp = built.loc["P0759"]
    assert (scp["name"], scp["route_order"], scp["start_year"]) == (
        "South Caucasus Gas Pipeline",
        "AZE>GEO>TUR",
        "2006",
    )
    assert built.loc["P0736", "route"] == "RUS>TUR"  # Blue Stream
    assert set(built["status"]) <= rb.GEM_STATUSES


@pytest.mark.slow
def test_rebuild_check_passes():
    """The whole rebuild (about 20 s): every shipped table byte-identical, both hand-coded valid."""
    if RAW is None:
        pytest.skip("WORLD_SOURCES is not set: the raw files are not in the repository")
    pytest.importorskip("pyreadr")
    assert rebuild().main(["--sources", str(RAW), "--check"]) == 0
