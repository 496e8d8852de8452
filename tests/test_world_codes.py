"""Actors mapped to codes: the code column of nodes.csv, state and organization matching."""

from __future__ import annotations

import pandas as pd
import pytest
from worldtexts import JAPAN, write_text

from graph import io
from graph.errors import DataError
from graph.world import map_states, match_organization
from graph.world.codes import normalize_name, state_names


def _nodes(rows):
    """A nodes table as load_nodes returns it, from (id, label, aliases, code) tuples."""
    return pd.DataFrame(
        {
            "id": [r[0] for r in rows],
            "label": [r[1] for r in rows],
            "type": "state",
            "aliases": [r[2] for r in rows],
            "code": [r[3] for r in rows],
            "line": list(range(2, 2 + len(rows))),
        }
    )


# --- the code column of nodes.csv -------------------------------------------------------


def test_code_column_is_optional_and_written_in_upper_case(tmp_path):
    p = tmp_path / "nodes.csv"
    p.write_text("id,label,type,bloc\naz,Azerbaijan,state,A\n", encoding="utf-8")
    assert io.load_nodes(p)["code"].tolist() == [None]
    p.write_text(
        "id,label,type,bloc,code\naz,Azerbaijan,state,A,AZE\nam,Armenia,state,A,\n",
        encoding="utf-8",
    )
    assert io.load_nodes(p)["code"].tolist() == ["AZE", None]
    p.write_text("id,label,type,bloc,code\naz,Azerbaijan,state,A,aze\n", encoding="utf-8")
    with pytest.raises(
        DataError, match="nodes.csv:2:5: code: 'aze' is not in upper case; write 'AZE'"
    ):
        io.load_nodes(p)


@pytest.mark.parametrize("bad", ["AZ", "AZE1", "A-Z", "12A"])
def test_code_that_is_not_three_letters_is_refused_with_line_and_column(tmp_path, bad):
    p = tmp_path / "nodes.csv"
    p.write_text(f"id,label,type,bloc,code\naz,Azerbaijan,state,A,{bad}\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        io.load_nodes(p)
    assert "nodes.csv:2:5: code:" in str(err.value)
    assert "three-letter" in str(err.value)


def test_code_on_a_node_that_is_not_a_state_is_refused(tmp_path):
    p = tmp_path / "nodes.csv"
    p.write_text("id,label,type,bloc,code\nsco,SCO,organization,E,SCO\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        io.load_nodes(p)
    assert "nodes.csv:2:5" in str(err.value)
    assert "not a state" in str(err.value)


def test_shipped_and_japan_states_all_carry_codes():
    for nodes in (io.load_dataset().nodes, io.load_nodes(JAPAN / "nodes.csv")):
        states = nodes.loc[nodes["type"] == "state"]
        assert states["code"].notna().all()
        assert nodes.loc[nodes["type"] != "state", "code"].isna().all()
    shipped = io.load_dataset().nodes.set_index("id")["code"].dropna().to_dict()
    assert shipped == {
        "azerbaijan": "AZE",
        "armenia": "ARM",
        "united_states": "USA",
        "egypt": "EGY",
        "israel": "ISR",
        "palestine": "PSE",
        "syria": "SYR",
    }


# --- state matching -----------------------------------------------------------------------


def test_normalize_name_ignores_case_accents_apostrophes_and_a_leading_the():
    assert normalize_name("Türkiye") == normalize_name("TURKIYE")
    assert normalize_name("Côte d’Ivoire") == normalize_name("cote d'ivoire")
    assert normalize_name("The  United_States") == "united states"
    assert normalize_name("Theodor") == "theodor"


def test_every_code_of_the_shipped_nodes_matches_its_label_too():
    nodes = io.load_dataset().nodes
    with_codes = map_states(nodes)
    without = map_states(nodes.assign(code=None))
    assert with_codes.codes == without.codes
    assert set(with_codes.matched_by.values()) == {"code"}
    assert set(without.matched_by.values()) == {"label"}


def test_exact_matches_by_label_id_and_alias():
    cm = map_states(
        _nodes(
            [
                ("tr", "Turkey", [], None),
                ("tk", "Türkiye", [], None),
                ("united_kingdom", "Blighty", [], None),
                ("hermit", "The Hermit Kingdom", ["Pyongyang", "North Korea"], None),
            ]
        )
    )
    # Turkey and Türkiye are one state: the second row is reported as a duplicate
    assert cm.codes == {"tr": "TUR", "united_kingdom": "GBR", "hermit": "PRK"}
    assert cm.matched_by == {"tr": "label", "united_kingdom": "id", "hermit": "alias 'North Korea'"}
    (dup,) = cm.unmapped
    assert dup.line == 3
    assert "maps to TUR" in dup.message
    assert "'tr'" in dup.message


def test_unmapped_state_is_reported_with_the_fix_and_never_guessed():
    cm = map_states(_nodes([("ru", "Ruritania", [], None), ("az", "Azerbaidjan", [], None)]))
    assert cm.codes == {}
    assert cm.missing == ["ru", "az"]
    ruritania, azerbaidjan = cm.unmapped
    assert ruritania.line == 2
    assert ruritania.column_name == "code"
    assert "matches no state name" in ruritania.message
    assert "add code=" in ruritania.fix
    # a close name is suggested, not used
    assert "add code=AZE" in azerbaidjan.fix
    assert "not matched" in azerbaidjan.fix
    with pytest.raises(DataError) as err:
        cm.raise_if_any()
    assert "nodes.csv:2" in str(err.value)
    assert "nodes.csv:3" in str(err.value)


def test_closest_names_for_the_listed_problems_and_the_focus_only():
    """A closest name costs a fifth of a millisecond: the first 25 states without a name
    get one (a file's problems list), then only the states asked for (the focus)."""
    rows = [(f"s{i}", f"Azerbaidjan {i}", [], None) for i in range(30)]
    rows.append(("last", "Azerbaidjan", [], None))
    hinted = map_states(_nodes(rows), hints=25, hint_for=["last"]).unmapped
    assert len(hinted) == 31
    assert ["add code=AZE" in p.fix for p in hinted] == [True] * 25 + [False] * 5 + [True]
    assert "add code=AZE" not in map_states(_nodes(rows), hints=25).unmapped[-1].fix
    assert all(p.message.endswith("matches no state name of data/world/states.csv") for p in hinted)


def test_bad_code_ambiguous_aliases_and_duplicate_codes_are_problems():
    cm = map_states(
        _nodes(
            [
                ("x", "Somewhere", [], "XYZ"),
                ("y", "Elsewhere", ["Armenia", "Azerbaijan"], None),
                ("us", "United States", [], "USA"),
                ("usa", "America", [], None),
            ]
        )
    )
    assert cm.codes == {"us": "USA"}
    bad, ambiguous, dup = cm.unmapped
    assert "XYZ" in str(bad)
    assert "not an ISO3 code" in bad.message
    assert "matches several states" in ambiguous.message
    assert "ARM" in ambiguous.message
    assert "AZE" in ambiguous.message
    assert "maps to USA" in dup.message


def test_a_code_given_wins_over_the_label():
    cm = map_states(_nodes([("a", "Armenia", [], "AZE")]))
    assert cm.codes == {"a": "AZE"}
    assert cm.matched_by == {"a": "code"}


def test_state_names_hold_only_states_with_an_iso3_code():
    names = state_names()
    assert names["korea"] == frozenset({"KOR"})  # COW's historical Korea (730) has no ISO3
    assert all(len(c) == 3 for codes in names.values() for c in codes)


def test_unmapped_states_of_a_text_are_named_by_file_and_line(tmp_path):
    ds = write_text(
        tmp_path,
        [
            ["az", "Azerbaijan", "state", "", "A", "", ""],
            ["kurdistan", "Kurdistan", "state", "", "B", "", ""],
        ],
        [["az", "kurdistan", "cooperates_with", 1, 1, "Azerbaijan and Kurdistan"]],
        ["Azerbaijan and Kurdistan trade."],
    )
    cm = map_states(ds.nodes, file=ds.paths["nodes"])
    (p,) = cm.unmapped
    assert str(p).startswith(f"{ds.paths['nodes']}:3:")
    assert "Kurdistan" in str(p)


# --- organizations ------------------------------------------------------------------------


def test_organizations_match_by_short_and_long_names_across_sources():
    sco = match_organization("Shanghai Cooperation Organisation")
    assert sco == match_organization("sco")
    assert (sco.hand, sco.cow) == ("SCO", "SCO")
    coe = match_organization("Council of Europe")
    assert (coe.name, coe.hand, coe.cow) == ("CoE", "CoE", "COE")
    assert match_organization("COE") == coe
    arab = match_organization("League of Arab States")
    assert (arab.hand, arab.cow) == ("Arab League", "LOAS")
    assert match_organization("OTS").cow is None  # the Turkic Council is not in COW IGO v3
    assert match_organization("Turksoy").hand is None
    assert match_organization("CIS Executive Committee") is None
    assert match_organization("Ruritanian Union") is None


def test_japan_fixture_passes_validate(capsys):
    from graph import cli

    files = {"--nodes": "nodes.csv", "--edges": "edges.csv", "--article": "article.txt"}
    args = [x for flag, name in files.items() for x in (flag, str(JAPAN / name))]
    assert cli.main(["validate", *args]) == 0
    assert "22 of 22 verified" in capsys.readouterr().out
