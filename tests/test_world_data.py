"""Checks of the shipped world-data tables in data/world/ (pandas only, no network)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

WORLD = Path(__file__).resolve().parents[1] / "data" / "world"
TABLES = [
    "states.csv",
    "un_votes.csv",
    "igos.csv",
    "igo_memberships.csv",
    "atop_alliances.csv",
    "icews_events.csv",
    "memberships_2015_2025.csv",
]
UN_META = ["rcid", "date", "session", "unres", "important", "issues"]
ATOP_FLAGS = ["defense", "offense", "neutral", "nonagg", "consul"]
ICEWS_COUNTS = ["verb_coop", "matl_coop", "verb_conf", "matl_conf"]


@cache
def table(name: str) -> pd.DataFrame:
    """A shipped table as strings (blank cells stay ''), read once."""
    return pd.read_csv(WORLD / name, dtype=str, keep_default_na=False, encoding="utf-8")


def ints(frame: pd.DataFrame, *cols: str) -> pd.DataFrame:
    """Copy of frame with cols converted to int (they must have no blanks)."""
    out = frame.copy()
    for col in cols:
        out[col] = out[col].astype(int)
    return out


def iso3_codes() -> set[str]:
    return set(table("states.csv")["iso3"]) - {""}


def cow_codes() -> set[int]:
    return {int(c) for c in table("states.csv")["cown"] if c}


# --- files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLES)
def test_file_is_utf8_lf_without_bom(name):
    raw = (WORLD / name).read_bytes()
    raw.decode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    assert raw.endswith(b"\n")


def test_sizes_are_reasonable():
    sizes = {name: (WORLD / name).stat().st_size for name in TABLES}
    assert all(size < 3_500_000 for size in sizes.values()), sizes
    assert sum(sizes.values()) < 6_000_000


def test_readme_documents_every_table_and_pin():
    readme = (WORLD / "README.md").read_text(encoding="utf-8")
    for name in TABLES:
        assert re.search(rf"^## .*`{re.escape(name)}`", readme, re.MULTILINE), name
    script = (WORLD / "rebuild.py").read_text(encoding="utf-8")
    pins = set(re.findall(r'"([0-9a-f]{64})"', script))
    commits = set(re.findall(r'"([0-9a-f]{40})"', script))
    assert len(pins) == len(re.findall(r"\bSource\(", script)) == 14  # one per pinned file
    assert pins <= set(re.findall(r"[0-9a-f]{64}", readme))
    assert commits <= set(re.findall(r"[0-9a-f]{40}", readme))


# --- states.csv --------------------------------------------------------------------------


def test_states_columns_and_keys():
    states = table("states.csv")
    assert list(states.columns) == [
        "iso3",
        "iso2",
        "cown",
        "cowc",
        "name",
        "names",
        "cow_years",
        "note",
    ]
    iso3 = states.loc[states["iso3"] != "", "iso3"]
    assert iso3.is_unique
    assert iso3.str.fullmatch(r"[A-Z]{3}").all()
    cown = states.loc[states["cown"] != "", "cown"]
    assert cown.is_unique
    assert cown.str.fullmatch(r"\d+").all()
    assert (states["name"] != "").all()
    assert (states["iso3"] != "").sum() >= 195
    assert ((states["iso3"] == "") & (states["cown"] == "")).sum() == 0


def test_states_special_cases():
    states = table("states.csv").set_index("iso3", drop=False)
    assert states.loc["PSE", "cown"] == ""
    assert states.loc["XKX", "cown"] == "347"
    assert states.loc["SRB", "cown"] == "345"
    assert states.loc["USA", "cown"] == "2"
    assert states.loc["AZE", "cown"] == "373"
    assert states.loc["TUR", "name"] == "Türkiye"
    assert "Turkey" in states.loc["TUR", "names"].split(";")
    assert "Czech Republic" in states.loc["CZE", "names"].split(";")
    for alias in ("United States of America", "USA", "US", "U.S.", "America"):
        assert alias in states.loc["USA", "names"].split(";")
    assert "State of Palestine" in states.loc["PSE", "names"].split(";")


def test_state_names_do_not_collide_among_current_states():
    states = table("states.csv")
    current = states[states["cow_years"].str.endswith("2016") | (states["cown"] == "")]
    owners: dict[str, str] = {}
    for row in current.itertuples():
        for name in [row.name, *filter(None, row.names.split(";"))]:
            key = name.casefold()
            assert owners.setdefault(key, row.iso3) == row.iso3, (name, row.iso3, owners[key])


# --- un_votes.csv ------------------------------------------------------------------------


def test_un_votes_columns_and_values():
    votes = table("un_votes.csv")
    assert list(votes.columns[:6]) == UN_META
    states = list(votes.columns[6:])
    assert states == sorted(states)
    assert set(states) <= iso3_codes()
    assert len(states) >= 190
    assert votes["rcid"].is_unique
    assert votes["date"].between("1991-01-01", "2020-12-31").all()
    assert votes["date"].is_monotonic_increasing
    cells = np.unique(votes[states].to_numpy())
    assert set(cells) <= {"", "y", "n", "a"}
    assert set(votes["important"]) <= {"", "0", "1"}
    tags = {tag for text in votes["issues"] if text for tag in text.split(";")}
    assert tags <= {"me", "nu", "di", "hr", "co", "ec"}


def agreement(a: str, b: str, start: str, end: str) -> tuple[int, int]:
    """(roll calls where both voted and agreed, roll calls where both voted)."""
    votes = table("un_votes.csv")
    period = votes[votes["date"].between(start, end)]
    both = (period[a] != "") & (period[b] != "")
    return int((period.loc[both, a] == period.loc[both, b]).sum()), int(both.sum())


def test_un_agreement_us_israel_above_us_egypt_2010s():
    agree_isr, shared_isr = agreement("USA", "ISR", "2010-01-01", "2019-12-31")
    agree_egy, shared_egy = agreement("USA", "EGY", "2010-01-01", "2019-12-31")
    assert (agree_isr, shared_isr) == (762, 896)
    assert (agree_egy, shared_egy) == (183, 916)
    assert agree_isr / shared_isr > agree_egy / shared_egy


# --- igos.csv and igo_memberships.csv ----------------------------------------------------


def test_igos_columns_and_keys():
    igos = table("igos.csv")
    assert list(igos.columns) == [
        "igo",
        "ionum",
        "name",
        "long_name",
        "start",
        "end",
        "political",
        "social",
        "economic",
    ]
    assert igos["igo"].is_unique
    assert len(igos) == 534
    starts = igos["start"].astype(int)
    assert starts.between(1815, 2014).all()
    ended = igos[igos["end"] != ""]
    assert (ended["end"].astype(int) >= ended["start"].astype(int)).all()
    assert {"NATO", "CIS", "OSCE", "UN", "EU", "OIC", "SCO", "CSTO", "BSEC", "ECO"} <= set(
        igos["igo"]
    )


def test_igo_memberships_columns_keys_and_ranges():
    spells = ints(table("igo_memberships.csv"), "cown", "start", "end")
    assert list(spells.columns) == ["cown", "iso3", "igo", "status", "start", "end"]
    assert set(spells["status"]) == {"full", "associate", "observer"}
    assert (spells["start"] <= spells["end"]).all()
    assert spells["start"].min() >= 1816
    assert spells["end"].max() == 2014
    assert set(spells["igo"]) <= set(table("igos.csv")["igo"])
    assert set(spells["cown"]) <= cow_codes()
    states = table("states.csv")
    iso3_of = dict(zip(states["cown"], states["iso3"], strict=True))
    assert (spells["iso3"] == spells["cown"].astype(str).map(iso3_of)).all()
    ordered = spells.sort_values(["cown", "igo", "start"])
    same = ordered["cown"].eq(ordered["cown"].shift()) & ordered["igo"].eq(ordered["igo"].shift())
    assert (ordered["start"][same] > ordered["end"].shift()[same]).all()


def full_igos(iso3: str, year: int) -> set[str]:
    spells = ints(table("igo_memberships.csv"), "start", "end")
    rows = spells[
        (spells["iso3"] == iso3)
        & (spells["status"] == "full")
        & (spells["start"] <= year)
        & (spells["end"] >= year)
    ]
    return set(rows["igo"])


def test_shared_full_igo_memberships_2014():
    assert len(full_igos("AZE", 2014) & full_igos("TUR", 2014)) == 45
    assert len(full_igos("AZE", 2014) & full_igos("USA", 2014)) == 32
    assert len(full_igos("AZE", 2014) & full_igos("ARM", 2014)) == 39
    assert "CIS" in full_igos("AZE", 2014) & full_igos("ARM", 2014)


# --- atop_alliances.csv ------------------------------------------------------------------


def test_atop_columns_keys_and_ranges():
    atop = table("atop_alliances.csv")
    assert list(atop.columns) == [
        "cown1",
        "cown2",
        "start",
        "end",
        *ATOP_FLAGS,
        "def_clique_min",
        "def_clique_max",
        "any_clique_min",
        "any_clique_max",
    ]
    atop = ints(atop, "cown1", "cown2", "start", "end", *ATOP_FLAGS)
    assert set(np.unique(atop[ATOP_FLAGS].to_numpy())) <= {0, 1}
    assert (atop["start"] <= atop["end"]).all()
    assert atop["start"].min() >= 1815
    assert atop["end"].max() == 2018
    assert (atop["cown1"] != atop["cown2"]).all()
    assert (set(atop["cown1"]) | set(atop["cown2"])) <= cow_codes()
    assert not atop.duplicated(["cown1", "cown2", "start"]).any()
    ordered = atop.sort_values(["cown1", "cown2", "start"])
    same = ordered["cown1"].eq(ordered["cown1"].shift()) & ordered["cown2"].eq(
        ordered["cown2"].shift()
    )
    assert (ordered["start"][same] > ordered["end"].shift()[same]).all()
    has_defense = atop["def_clique_max"] != ""
    assert (atop.loc[has_defense, "def_clique_min"].astype(int) >= 2).all()
    assert (atop.loc[atop["defense"] == 1, "def_clique_max"] != "").all()


def atop_rows(a: int, b: int) -> pd.DataFrame:
    atop = table("atop_alliances.csv")
    return atop[(atop["cown1"] == str(a)) & (atop["cown2"] == str(b))]


def test_atop_azerbaijan_armenia_is_a_multilateral_defence_tie():
    for a, b in ((373, 371), (371, 373)):
        rows = atop_rows(a, b)
        assert len(rows) == 1
        row = rows.iloc[0]
        assert (row["start"], row["end"], row["defense"]) == ("1993", "2018", "1")
        assert int(row["def_clique_min"]) >= 3


def test_atop_direction_and_bilateral_marker():
    us_japan = atop_rows(2, 740)
    japan_us = atop_rows(740, 2)
    year = us_japan[(us_japan["start"].astype(int) <= 2000) & (us_japan["end"].astype(int) >= 2000)]
    back = japan_us[(japan_us["start"].astype(int) <= 2000) & (japan_us["end"].astype(int) >= 2000)]
    assert year.iloc[0]["defense"] == "1"
    assert back.iloc[0]["defense"] == "0"
    azerbaijan_turkey = atop_rows(373, 640)
    defence = azerbaijan_turkey[azerbaijan_turkey["defense"] == "1"]
    assert set(defence["def_clique_max"]) == {"2"}


# --- icews_events.csv --------------------------------------------------------------------


def test_icews_columns_keys_and_ranges():
    events = table("icews_events.csv")
    assert list(events.columns) == ["year", "iso3_from", "iso3_to", *ICEWS_COUNTS]
    events = ints(events, "year", *ICEWS_COUNTS)
    assert events["year"].between(2002, 2014).all()
    assert (events[ICEWS_COUNTS] >= 0).all().all()
    assert (events[ICEWS_COUNTS].sum(axis=1) > 0).all()
    assert not events.duplicated(["year", "iso3_from", "iso3_to"]).any()
    assert (events["iso3_from"] != events["iso3_to"]).all()
    present = set(events["iso3_from"]) | set(events["iso3_to"])
    assert present <= iso3_codes()
    assert "TUR" not in present
    assert {"AZE", "ARM", "USA", "EGY", "ISR", "SYR", "JPN"} <= present


# --- memberships_2015_2025.csv -----------------------------------------------------------

DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MEMBERSHIP_COLUMNS = ["iso3", "organization", "status", "start", "end", "source", "note"]
BRICS_2025 = {"BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"}


def as_date(text: str, *, end: bool) -> dt.date:
    """A year, year-month or date as its first (start) or last (end) day."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        if not end:
            return first
        return (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def status_on(iso3: str, organization: str, day: dt.date) -> set[str]:
    rows = table("memberships_2015_2025.csv")
    rows = rows[(rows["iso3"] == iso3) & (rows["organization"] == organization)]
    found = set()
    for row in rows.itertuples():
        start = as_date(row.start, end=False)
        stop = as_date(row.end, end=True) if row.end else dt.date(2025, 12, 31)
        if start <= day < stop or (start <= day == stop and not row.end):
            found.add(row.status)
    return found


def test_memberships_columns_codes_and_dates():
    rows = table("memberships_2015_2025.csv")
    assert list(rows.columns) == MEMBERSHIP_COLUMNS
    assert set(rows["iso3"]) <= iso3_codes()
    assert rows["start"].str.fullmatch(DATE.pattern).all()
    assert rows.loc[rows["end"] != "", "end"].str.fullmatch(DATE.pattern).all()
    assert rows["source"].str.match(r"https?://").all()
    assert set(rows["status"]) <= {
        "member",
        "associate",
        "observer",
        "partner",
        "dialogue partner",
        "candidate",
        "invited",
        "participant",
        "suspended",
        "frozen",
    }
    for row in rows[rows["end"] != ""].itertuples():
        assert as_date(row.end, end=True) >= as_date(row.start, end=False), row
    assert not rows.duplicated(["iso3", "organization", "start"]).any()


def test_memberships_periods_do_not_overlap():
    rows = table("memberships_2015_2025.csv")
    for (iso3, org), group in rows.groupby(["iso3", "organization"]):
        spans = sorted(
            (
                as_date(r.start, end=False),
                as_date(r.end, end=True) if r.end else dt.date(2025, 12, 31),
            )
            for r in group.itertuples()
        )
        for (_, stop), (start, _) in zip(spans, spans[1:], strict=False):
            assert start >= stop, (iso3, org)


def cell(iso3: str, organization: str, status: str, column: str) -> str:
    """A column of the one hand-coded row for this state, organization and status."""
    rows = table("memberships_2015_2025.csv")
    rows = rows[
        (rows["iso3"] == iso3) & (rows["organization"] == organization) & (rows["status"] == status)
    ]
    assert len(rows) == 1, (iso3, organization, status)
    return rows.iloc[0][column]


def test_memberships_known_dates():
    assert cell("FIN", "NATO", "member", "start") == "2023-04-04"
    assert cell("SWE", "NATO", "member", "start") == "2024-03-07"
    assert cell("EGY", "BRICS", "member", "start") == "2024-01-01"
    assert cell("IDN", "BRICS", "member", "start") == "2025-01-06"
    assert cell("GBR", "EU", "member", "end") == "2020-01-31"
    assert cell("RUS", "CoE", "suspended", "end") == "2022-03-16"
    assert cell("ARM", "CSTO", "frozen", "start") == "2024-02-22"
    assert cell("GEO", "CIS", "member", "end") == "2009-08-18"
    assert cell("SAU", "BRICS", "invited", "start") == "2024-01-01"


def test_memberships_status_on_a_day():
    day_2014 = dt.date(2014, 12, 31)
    assert status_on("AZE", "CIS", day_2014) == {"member"}
    assert status_on("ARM", "CIS", day_2014) == {"member"}
    assert status_on("GEO", "CIS", day_2014) == set()
    assert status_on("TKM", "CIS", day_2014) == {"associate"}
    assert status_on("FIN", "NATO", dt.date(2023, 4, 3)) == set()
    assert status_on("FIN", "NATO", dt.date(2023, 4, 4)) == {"member"}
    assert status_on("GBR", "EU", dt.date(2020, 2, 1)) == set()
    assert status_on("IRN", "SCO", dt.date(2024, 1, 1)) == {"member"}
    assert status_on("ARM", "CSTO", dt.date(2025, 6, 1)) == {"frozen"}
    assert status_on("AZE", "SCO", dt.date(2025, 10, 1)) == {"partner"}
    assert status_on("TLS", "ASEAN", dt.date(2025, 12, 31)) == {"member"}


def test_memberships_cover_required_organizations():
    rows = table("memberships_2015_2025.csv")
    current = rows[rows["end"] == ""]
    members = current[current["status"] == "member"].groupby("organization")["iso3"].agg(set)
    assert members["OTS"] == {"AZE", "KAZ", "KGZ", "TUR", "UZB"}
    observers = current[current["status"] == "observer"].groupby("organization")["iso3"].agg(set)
    assert observers["OTS"] == {"HUN", "TKM"}
    assert len(members["NATO"]) == 32
    assert len(members["EU"]) == 27
    assert len(members["OSCE"]) == 57
    assert len(members["CoE"]) == 46
    assert len(members["OIC"]) == 56  # 57 members, Syria suspended
    assert members["BRICS"] == BRICS_2025
    assert members["SCO"] >= {"IND", "PAK", "IRN", "BLR"}
    assert {"JPN", "USA"} <= members["G7"]
    assert {"JPN", "USA", "AUS", "IND"} == members["Quad"]
    for org in ("EAEU", "CSTO", "CIS", "GUAM", "ECO", "BSEC", "GCC", "Arab League", "ASEAN"):
        assert org in members.index
