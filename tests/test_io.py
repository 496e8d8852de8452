"""Validation of nodes.csv, edges.csv and the text: one test per kind of bad input.

Each bad file is made by mutating a copy of the shipped, valid data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from csvfiles import read_rows as _rows
from csvfiles import write_rows as _write_rows

from graph import io, schema


def _set(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell (row 1 = first data row) of a CSV file."""
    rows = _rows(path)
    rows[row][rows[0].index(column)] = value
    _write_rows(path, rows)


def _load(p: dict[str, Path]) -> io.Dataset:
    return io.load_dataset(p["nodes"], p["edges"], p["article"])


def _error(p: dict[str, Path]) -> io.DataError:
    with pytest.raises(io.DataError) as info:
        _load(p)
    return info.value


# ------------------------------------------------------------------ good data


def test_shipped_data_validates(dataset):
    assert len(dataset.nodes) > 20
    assert len(dataset.edges) > 40
    assert dataset.article.paragraphs[-1].startswith("By ")
    assert set(dataset.edges["relation"]) <= set(schema.RELATIONS)
    assert set(dataset.nodes["type"]) <= set(schema.NODE_TYPES)


def test_every_shipped_quote_stands_in_its_paragraph(dataset):
    art = dataset.article
    for quote, para in zip(dataset.edges["evidence"], dataset.edges["paragraph"], strict=True):
        assert io.normalize_quote(quote) in art.normalized[para - 1]


def test_shipped_edges_use_known_ids(dataset):
    ids = set(dataset.nodes["id"])
    assert set(dataset.edges["source"]) <= ids
    assert set(dataset.edges["target"]) <= ids


def test_tie_ids_are_file_lines(dataset):
    assert dataset.edges["tie"].tolist() == list(range(2, len(dataset.edges) + 2))


def test_bom_and_crlf_accepted(data_copy):
    for key in ("nodes", "edges"):
        raw = data_copy[key].read_bytes()
        data_copy[key].write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    ds = _load(data_copy)
    assert ds.nodes.columns[0] == "id"
    assert len(ds.edges) == len(io.load_dataset().edges)


def test_blank_lines_are_skipped_but_lines_counted(data_copy):
    text = data_copy["edges"].read_text(encoding="utf-8").splitlines()
    n_rows = len(text) - 1
    text.insert(2, "")
    data_copy["edges"].write_text("\n".join(text) + "\n", encoding="utf-8")
    ds = _load(data_copy)
    assert len(ds.edges) == n_rows
    assert ds.edges["line"].tolist()[:3] == [2, 4, 5]


def test_without_text_quotes_are_not_checked(data_copy):
    _set(data_copy["edges"], 1, "evidence", "words the article never says")
    ds = io.load_dataset(data_copy["nodes"], data_copy["edges"], check_text=False)
    assert ds.article is None
    assert "article" not in ds.paths


def test_minimal_event_data_columns(tmp_path):
    (tmp_path / "n.csv").write_text("id,label,type,bloc\na,A,state,X\nb,B,state,Y\n")
    (tmp_path / "e.csv").write_text("source,target,relation\na,b,cooperates_with\n")
    ds = io.load_dataset(tmp_path / "n.csv", tmp_path / "e.csv", check_text=False)
    row = ds.edges.iloc[0]
    assert (row["sign"], row["weight"], row["directed"], row["stated"]) == (
        0,
        1.0,
        False,
        "explicit",
    )


# ------------------------------------------------------------------- bad files


def test_missing_file(data_copy):
    data_copy["edges"].unlink()
    err = _error(data_copy)
    assert "edges.csv: file not found" in str(err)


@pytest.mark.parametrize("key", ["nodes", "edges", "article"])
def test_empty_file(data_copy, key):
    data_copy[key].write_text("")
    err = _error(data_copy)
    assert f"{data_copy[key].name}: file is empty" in str(err)


def test_header_only(data_copy):
    data_copy["edges"].write_text(",".join(schema.EDGE_COLUMNS) + "\n")
    assert "has a header but no data rows" in str(_error(data_copy))


def test_misspelled_column_suggests_the_name(data_copy):
    rows = _rows(data_copy["edges"])
    rows[0][rows[0].index("relation")] = "relaton"
    _write_rows(data_copy["edges"], rows)
    msg = str(_error(data_copy))
    assert "edges.csv:1: required column 'relation' is missing" in msg
    assert "rename column 'relaton' to 'relation'" in msg


def test_missing_column(data_copy):
    rows = [r[:1] + r[2:] for r in _rows(data_copy["nodes"])]  # drop "label"
    _write_rows(data_copy["nodes"], rows)
    assert "required column 'label' is missing" in str(_error(data_copy))


def test_duplicated_column(data_copy):
    rows = [r + [r[2]] for r in _rows(data_copy["nodes"])]
    _write_rows(data_copy["nodes"], rows)
    assert "'type' appears twice in the header" in str(_error(data_copy))


def test_non_utf8_bytes_give_line_and_column(data_copy):
    raw = data_copy["edges"].read_bytes().split(b"\n")
    raw[3] = b"x\xe9" + raw[3]
    data_copy["edges"].write_bytes(b"\n".join(raw))
    msg = str(_error(data_copy))
    assert "edges.csv:4:2: is not UTF-8 text (byte 0xe9)" in msg
    assert "save the file as UTF-8" in msg


def test_unknown_node_id_suggests_closest(data_copy):
    _set(data_copy["edges"], 1, "source", "ilham_alyev")
    err = _error(data_copy)
    assert len(err.problems) == 1
    p = err.problems[0]
    assert (p.line, p.column_name, p.value) == (2, "source", "ilham_alyev")
    assert p.column == 1
    assert "did you mean 'ilham_aliyev'?" in str(p)


def test_alias_used_as_id_suggests_the_node(data_copy):
    _set(data_copy["edges"], 1, "target", "Baku")
    assert "did you mean 'azerbaijan'? ('Baku' is an alias of it)" in str(_error(data_copy))


def test_duplicate_node_id(data_copy):
    rows = _rows(data_copy["nodes"])
    rows.append(list(rows[1]))
    _write_rows(data_copy["nodes"], rows)
    msg = str(_error(data_copy))
    assert f"nodes.csv:{len(rows)}:1: id: '{rows[1][0]}' is a duplicate id (first on line 2)" in msg


def test_unknown_type_lists_allowed(data_copy):
    _set(data_copy["nodes"], 1, "type", "country")
    msg = str(_error(data_copy))
    assert "nodes.csv:2:3: type: 'country' is not a node type" in msg
    assert "allowed: " + ", ".join(schema.NODE_TYPES) in msg


def test_unknown_relation_lists_allowed(data_copy):
    _set(data_copy["edges"], 2, "relation", "attend")
    msg = str(_error(data_copy))
    assert "edges.csv:3:3: relation: 'attend' is not a relation" in msg
    assert "did you mean 'attends'?" in msg
    assert "cooperates_with" in msg


@pytest.mark.parametrize(
    ("verb", "meant"),
    [
        ("meets", "'negotiates_with' or 'attends'"),
        ("met with", "'negotiates_with' or 'attends'"),
        ("funded", "'supports'"),
        ("allied_with", "'cooperates_with'"),
        ("Hosting", "'hosts'"),
        ("fought", "'conflicts_with'"),
    ],
)
def test_an_unknown_relation_is_hinted_by_meaning_not_spelling(data_copy, verb, meant):
    _set(data_copy["edges"], 2, "relation", verb)
    msg = str(_error(data_copy))
    assert f"relation: '{verb}' is not a relation; did you mean {meant}?" in msg
    assert "did you mean 'represents'" not in msg  # the closest spelling of "meets"


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("sign", "2", "is not a sign"),
        ("sign", "positive", "is not a sign"),
        ("weight", "-1", "is not a positive number"),
        ("weight", "heavy", "is not a positive number"),
        ("weight", "inf", "is not a positive number"),
        ("paragraph", "0", "is not a paragraph number"),
        ("paragraph", "99", "is not a paragraph number"),
        ("paragraph", "2.5", "is not a paragraph number"),
        ("date", "13/10/2025", "is not an ISO date"),
        ("date", "2025-02-30", "is not an ISO date"),
        ("directed", "maybe", "is not true or false"),
        ("stated", "implicit", "is not explicit or inferred"),
    ],
)
def test_bad_values(data_copy, column, value, expected):
    _set(data_copy["edges"], 4, column, value)
    err = _error(data_copy)
    col = schema.EDGE_COLUMNS.index(column) + 1
    assert f"edges.csv:5:{col}: {column}: '{value}' {expected}" in str(err)


def test_missing_bloc_and_country(data_copy):
    rows = _rows(data_copy["nodes"])
    hdr = rows[0]
    leader = next(i for i, r in enumerate(rows) if r[hdr.index("type")] == "leader")
    rows[leader][hdr.index("country")] = ""
    rows[1][hdr.index("bloc")] = ""
    _write_rows(data_copy["nodes"], rows)
    msg = str(_error(data_copy))
    assert "bloc: '' is empty" in msg
    assert "country: '' is empty for a leader" in msg


def test_country_must_be_a_state(data_copy):
    rows = _rows(data_copy["nodes"])
    hdr = rows[0]
    leader = next(i for i, r in enumerate(rows) if r[hdr.index("type")] == "leader")
    rows[leader][hdr.index("country")] = "cis"
    _write_rows(data_copy["nodes"], rows)
    assert "'cis' is not the id of a state node" in str(_error(data_copy))


def test_self_loop(data_copy):
    rows = _rows(data_copy["edges"])
    rows[3][1] = rows[3][0]
    _write_rows(data_copy["edges"], rows)
    assert "edges.csv:4:2: target: " in str(_error(data_copy))
    assert "is the same as source (a self-loop)" in str(_error(data_copy))


def test_exact_duplicate_tie(data_copy):
    rows = _rows(data_copy["edges"])
    rows.append(list(rows[5]))
    _write_rows(data_copy["edges"], rows)
    msg = str(_error(data_copy))
    assert f"edges.csv:{len(rows)}: repeats the tie on line 6 exactly" in msg


def test_quote_not_in_text_shows_closest_passage(data_copy):
    _set(data_copy["edges"], 1, "evidence", "President Ilham Aliyevs participation in the summit")
    msg = str(_error(data_copy))
    assert "evidence: 'President Ilham Aliyevs participation in the summit' is not in" in msg
    assert "closest passage (paragraph 2)" in msg
    assert "participation" in msg.split("closest passage")[1]


def test_quote_in_another_paragraph(data_copy):
    rows = _rows(data_copy["edges"])
    hdr = rows[0]
    para = int(rows[1][hdr.index("paragraph")])
    rows[1][hdr.index("paragraph")] = str(para + 1)
    _write_rows(data_copy["edges"], rows)
    msg = str(_error(data_copy))
    assert f"paragraph: '{para + 1}' does not contain the evidence quote" in msg
    assert f"which is in paragraph {para}; set paragraph to {para}" in msg


def test_typographic_quotes_and_dashes_match(data_copy):
    ascii_quote = "summit in Egypt - a gathering convened"
    _set(data_copy["edges"], 1, "evidence", ascii_quote)
    _set(data_copy["edges"], 1, "paragraph", "2")
    ds = _load(data_copy)
    assert ds.edges.loc[0, "evidence"] == ascii_quote


def test_too_many_fields(data_copy):
    with data_copy["edges"].open("a", encoding="utf-8") as f:
        f.write("a,b,attends,true,0,1,2,unquoted, comma,explicit,\n")
    n = len(_rows(data_copy["edges"]))
    assert f"edges.csv:{n}: has 11 fields, the header has 10" in str(_error(data_copy))


def test_truncated_line(data_copy):
    with data_copy["edges"].open("a", encoding="utf-8") as f:
        f.write("ilham_aliyev,azerbaijan\n")
    n = len(_rows(data_copy["edges"]))
    assert f"edges.csv:{n}: has 2 fields, the header has 10" in str(_error(data_copy))


def test_several_errors_reported_together(data_copy):
    for row in (1, 2, 3):
        _set(data_copy["edges"], row, "sign", "9")
    err = _error(data_copy)
    assert [p.line for p in err.problems] == [2, 3, 4]
    assert str(err).count("\n") == 2


def test_error_count_is_capped(data_copy):
    rows = _rows(data_copy["edges"])
    for r in rows[1:]:
        r[rows[0].index("sign")] = "7"
    _write_rows(data_copy["edges"], rows)
    err = _error(data_copy)
    assert len(err.problems) == io.MAX_PROBLEMS
    assert f"... and {len(rows) - 1 - io.MAX_PROBLEMS} more problems" in str(err)


def test_each_problem_is_one_line(data_copy):
    _set(data_copy["edges"], 1, "evidence", "a quote\nthat spans lines")
    err = _error(data_copy)
    assert all("\n" not in str(p) for p in err.problems)


def test_oversized_field(data_copy):
    _set(data_copy["edges"], 1, "evidence", "x" * (io.MAX_FIELD_CHARS + 1))
    assert f"is longer than {io.MAX_FIELD_CHARS} characters" in str(_error(data_copy))


def test_bad_config(tmp_path):
    (tmp_path / "a.toml").write_text("[claim\nfocus = 1\n")
    with pytest.raises(io.DataError, match=r"a.toml:1:.*is not valid TOML"):
        io.load_config(tmp_path / "a.toml")


def test_loader_never_writes_inputs(data_copy):
    before = {k: p.read_bytes() for k, p in data_copy.items()}
    _load(data_copy)
    assert {k: p.read_bytes() for k, p in data_copy.items()} == before


def test_unnamed_trailing_columns(data_copy):
    width = len(_rows(data_copy["nodes"])[0])
    rows = [r + ["", ""] for r in _rows(data_copy["nodes"])]
    _write_rows(data_copy["nodes"], rows)
    msg = str(_error(data_copy))
    first = width + 1
    assert f"nodes.csv:1:{first}: column {first} has no name in the header" in msg
    assert "appears twice" not in msg


def test_edges_without_nodes_hold_ids_to_the_node_id_rule(tmp_path):
    """Event data loaded without nodes.csv: an id with a BOM inside is not a new node."""
    p = tmp_path / "edges.csv"
    p.write_text(
        "source,target,relation\na,b,attends\n\ufeffa,b,attends\nc,b d,hosts\n", encoding="utf-8"
    )
    with pytest.raises(io.DataError) as err:
        io.load_edges(p)
    lines = str(err.value).splitlines()
    assert any(
        "edges.csv:3:1" in line and "source" in line and "valid id" in line for line in lines
    )
    assert any("edges.csv:4:2" in line and "'b d'" in line for line in lines)
    p.write_text("source,target,relation\na,b,attends\nc,b,hosts\n", encoding="utf-8")
    assert io.load_edges(p)["source"].tolist() == ["a", "c"]


# ------------------------------------------------------------------ settings


def test_config_keeps_file_and_lines(tmp_path):
    p = tmp_path / "analysis.toml"
    p.write_text('# settings\n\n[claim]\nview = "actors"\n  focus = "armenia"\n')
    conf = io.load_config(p)
    assert conf == {"view": "actors", "focus": "armenia"}
    assert conf.lines == {"view": 4, "focus": 5}
    assert conf.path.endswith("analysis.toml")


def test_config_wrong_type_names_line_column_and_key(tmp_path):
    p = tmp_path / "analysis.toml"
    p.write_text('[claim]\nfocus = "a"\n   paragraph = "six"\n')
    with pytest.raises(io.DataError) as info:
        io.load_config(p)
    (problem,) = info.value.problems
    assert (problem.line, problem.column, problem.column_name) == (3, 4, "paragraph")
    assert "paragraph = 6" in problem.fix


def test_config_all_problems_at_once(tmp_path):
    p = tmp_path / "analysis.toml"
    p.write_text('[claim]\nfocus = 1\nview = "stats"\nfoucs = "a"\n')
    with pytest.raises(io.DataError) as info:
        io.load_config(p)
    assert [q.line for q in info.value.problems] == [2, 3, 4]
    assert "did you mean 'states'?" in str(info.value)
    assert "did you mean 'focus'?" in str(info.value)


def test_check_claim_statement_like_any_quote(dataset):
    conf = io.load_config()
    io.check_claim(conf, dataset.article, nodes=dataset.nodes, edges=dataset.edges)
    moved = io.Config({**conf, "paragraph": 2}, path="a.toml", lines={"paragraph": 7})
    with pytest.raises(io.DataError) as info:
        io.check_claim(moved, dataset.article)
    assert str(info.value) == (
        "a.toml:7: paragraph: '2' does not contain the statement, which is in paragraph "
        f"{conf['paragraph']}; set paragraph to {conf['paragraph']}"
    )
    typo = io.Config({"statement": conf["statement"].replace("bridge", "brigde"), "paragraph": 6})
    with pytest.raises(io.DataError, match=r"closest passage \(paragraph 6\)"):
        io.check_claim(typo, dataset.article)


def test_check_claim_between_and_claim_ties(dataset):
    bloc = dataset.nodes["bloc"].dropna().iloc[0]
    good = io.Config({"between": [bloc, "armenia"], "claim_ties": [int(dataset.edges["line"][0])]})
    io.check_claim(good, nodes=dataset.nodes, edges=dataset.edges)
    bad = io.Config({"between": [bloc, "armenai"], "claim_ties": [1_000_000]})
    with pytest.raises(io.DataError) as info:
        io.check_claim(bad, nodes=dataset.nodes, edges=dataset.edges)
    assert "did you mean 'armenia'?" in str(info.value)
    assert "'1000000' is not the line of a tie" in str(info.value)


# ------------------------------------------------------------- closest passage


def test_closest_passage_of_an_unrelated_quote_is_none():
    article = io.Article.from_text("Alpha beta gamma.\n\nDelta epsilon.")
    assert article.closest("zzzz qqqq") == (0, "")


def test_closest_passage_finds_a_misquote_in_a_long_text():
    filler = " ".join(f"word{i}" for i in range(20_000))
    article = io.Article.from_text(f"{filler}\n\n{filler} the summit opened in Sharm. {filler}")
    number, passage = article.closest("the sumit opened in Sharm")
    assert number == 2
    assert "opened in Sharm" in passage


@pytest.mark.parametrize(
    "quote",
    ["bilisi signd the transit deal", "and Tbilisi signd the transit", "transit deel in Ma"],
)
def test_a_misquotes_closest_passage_is_whole_words(quote):
    from graph.io.text import misquote

    text = "Baku, Ankara and Tbilisi signed the transit deal in May, after long talks."
    article = io.Article.from_text(f"An opening.\n\n{text}")
    number, passage = article.closest(quote)
    assert number == 2
    words = text.split()
    first, last = passage.split()[0], passage.split()[-1]
    assert first in words  # starts at a word's start
    assert last in words  # ends at a word's end
    assert passage in text
    what, _, fix = misquote(article, quote, 2)
    assert what == "quote"
    shown = fix.split("closest passage (paragraph 2): ")[1].strip("'")
    assert shown.split()[0] in words


# ------------------------------------------------------- codes against the world data's states

_STATES = "id,label,type,bloc,code\n"


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("france,France,state,W,SUN", "'SUN' is not the code of a state in the world data"),
        ("italy,Italy,state,W,YUG", "use ITA (Italy)"),
        ("pr,Puerto Rico,state,W,PRI", "e.g. PRY (Paraguay)"),
        ("hk,Hong Kong,state,E,HKG", "'HKG' is not the code of a state"),
        ("ant,Antarctica,state,S,ATA", "'ATA' is not the code of a state"),
        ("az,Azerbaijan,state,S,aze", "'aze' is not in upper case; write 'AZE'"),
        ("az,Azerbaijan,state,S, AZE", "' AZE' has spaces around it; write 'AZE'"),
        ('az,Azerbaijan,state,S,"AZE "', "'AZE ' has spaces around it; write 'AZE'"),
        ("uk,United Kingdom,state,W,USA", "'USA' is also the code of 'us' (line 2)"),
    ],
    ids=["SUN", "YUG", "PRI", "HKG", "ATA", "lower", "padded-left", "padded-right", "twice"],
)
def test_codes_are_checked_against_the_world_states(tmp_path, row, says):
    path = tmp_path / "nodes.csv"
    path.write_text(_STATES + "us,United States,state,W,USA\n" + row + "\n", encoding="utf-8")
    with pytest.raises(io.DataError) as err:
        io.load_nodes(path)
    (problem,) = err.value.problems
    assert (problem.line, problem.column, problem.column_name) == (3, 5, "code")
    assert says in str(problem)


def test_codes_of_former_states_and_kosovo_are_accepted(tmp_path):
    path = tmp_path / "nodes.csv"
    path.write_text(
        _STATES + "ddr,East Germany,state,E,DDR\ncs,Czechoslovakia,state,E,CSK\n"
        "ks,Kosovo,state,E,XKX\nps,Palestine,state,M,PSE\n",
        encoding="utf-8",
    )
    assert io.load_nodes(path)["code"].tolist() == ["DDR", "CSK", "XKX", "PSE"]


def test_validate_names_every_bad_code_in_one_line(data_copy, capsys):
    from graph import cli

    rows = _rows(data_copy["nodes"])
    header = rows[0]
    code = header.index("code")
    bad = {"azerbaijan": "SUN", "armenia": "arm", "egypt": "USA"}
    for row in rows[1:]:
        row[code] = bad.get(row[0], row[code])
    _write_rows(data_copy["nodes"], rows)
    assert cli.main(["validate", "--data", str(data_copy["nodes"].parent)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert all(f":{code + 1}: code: " in line for line in err)
