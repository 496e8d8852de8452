"""A dataset is a folder: files given alone find the others beside them, never the shipped ones."""

import itertools
import json
import shutil
from pathlib import Path

import pytest

from graph import io, networks, pipeline
from graph.cli import main
from graph.errors import DataError

FAST = ["--samples", "49", "--no-progress"]

NODES = """id,label,type,country,bloc
medici,Medici,person,,Florence
strozzi,Strozzi,person,,Florence
pazzi,Pazzi,person,,Rome
salviati,Salviati,person,,Rome
"""
EDGES = """source,target,relation,paragraph,evidence
medici,strozzi,cooperates_with,1,The Medici worked with the Strozzi
medici,salviati,cooperates_with,1,and the Salviati
salviati,pazzi,cooperates_with,2,The Salviati stood by the Pazzi
"""
TEXT = "The Medici worked with the Strozzi and the Salviati.\n\nThe Salviati stood by the Pazzi.\n"


def _folder(tmp_path: Path, *, nodes=True, article=True, config=None) -> Path:
    d = tmp_path / "mine"
    d.mkdir()
    (d / "edges.csv").write_text(EDGES)
    if nodes:
        (d / "nodes.csv").write_text(NODES)
    if article:
        (d / "article.txt").write_text(TEXT)
    if config is not None:
        (d / "analysis.toml").write_text(config)
    return d


def test_a_file_given_alone_finds_the_others_beside_it(tmp_path, capsys):
    d = _folder(tmp_path)
    assert main(["validate", "--edges", str(d / "edges.csv")]) == 0
    out = capsys.readouterr().out
    assert f"nodes: 4 in {d / 'nodes.csv'}" in out
    assert f"quotes: 3 of 3 verified against {d / 'article.txt'} (2 paragraphs)" in out
    assert "azerbaijan" not in out.lower()


@pytest.mark.parametrize(
    ("nodes", "article"), list(itertools.product([True, False], repeat=2)), ids=str
)
def test_every_combination_of_given_and_missing_files(tmp_path, capsys, nodes, article):
    d = _folder(tmp_path, nodes=nodes, article=article)
    ds = io.load_dataset(edges=d / "edges.csv")
    assert ds.folder == str(d)
    assert ("nodes" in ds.paths) == nodes
    assert ("article" in ds.paths) == article
    assert set(ds.nodes["id"]) == {"medici", "strozzi", "pazzi", "salviati"}
    notes = " ".join(ds.notes)
    assert ("no nodes.csv in" in notes) != nodes
    assert ("no article.txt in" in notes) != article
    if not nodes:
        assert set(ds.nodes["type"]) == {"actor"}
        assert ds.nodes["bloc"].isna().all()
    assert (ds.article is not None) == article
    # the command line says each note once, on stderr, and carries on
    assert main(["validate", "--edges", str(d / "edges.csv")]) == 0
    err = capsys.readouterr().err
    assert err.count("note:") == (not nodes) + (not article)


def test_the_data_option_names_the_folder(tmp_path):
    d = _folder(tmp_path)
    ds = io.load_dataset(data=d)
    assert ds.paths["edges"] == str(d / "edges.csv")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--data", "{d}/../nowhere"], "nowhere/edges.csv: not found"),
        (["--edges", "{d}/missing.csv"], "missing.csv: file not found"),
        (
            ["--edges", "{d}/edges.csv", "--nodes", "{d}/no_nodes.csv"],
            "no_nodes.csv: file not found",
        ),
        (["--edges", "{d}/edges.csv", "--article", "{d}/no.txt"], "no.txt: file not found"),
        (["--edges", "{d}/edges.csv", "--config", "{d}/no.toml"], "no.toml: file not found"),
    ],
    ids=["no-edges-in-folder", "edges", "nodes", "article", "config"],
)
def test_a_missing_file_is_one_line_naming_it(tmp_path, capsys, args, named):
    d = _folder(tmp_path)
    assert main(["validate", *[a.format(d=d) for a in args]]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert named in err[0]


def test_every_files_problems_come_in_one_run(tmp_path, capsys):
    d = _folder(tmp_path, config='[claim]\nfocus = "medici"\nparagraph = "one"\n')
    (d / "nodes.csv").write_text(NODES.replace("person,,Rome", "persn,,Rome", 1))
    (d / "edges.csv").write_text(EDGES.replace("cooperates_with,2", "cooperates,2"))
    (d / "article.txt").write_bytes(b"\xff\xfe not utf-8")
    assert main(["validate", "--data", str(d)]) == 2
    err = capsys.readouterr().err
    for name in (
        "nodes.csv:4:3: type: 'persn'",
        "edges.csv:4:3: relation: 'cooperates'",
        "article.txt: is UTF-16",
        "analysis.toml:3:1: paragraph: 'one'",
    ):
        assert name in err, err


def test_the_claims_problems_come_with_the_edges_problems(tmp_path, capsys):
    """The claim is checked against what did load: a bad edges.csv does not hide it."""
    conf = (
        '[claim]\nfocus = "medici"\nstatement = "The Medici ruled alone"\nparagraph = 1\n'
        'between = ["Florense", "Rome"]\n'
    )
    d = _folder(tmp_path, config=conf)
    (d / "edges.csv").write_text(EDGES.replace("cooperates_with,2", "cooperates,2"))
    assert main(["validate", "--data", str(d)]) == 2
    err = capsys.readouterr().err
    for name in (
        "edges.csv:4:3: relation: 'cooperates'",
        "analysis.toml:3: statement: 'The Medici ruled alone' is not in",
        "analysis.toml:5: between: 'Florense' is neither a bloc nor a node id",
    ):
        assert name in err, err


@pytest.mark.slow
def test_analyze_without_a_claim_writes_everything_else(tmp_path, capsys):
    d = _folder(tmp_path)
    out = tmp_path / "out"
    assert main(["analyze", "--edges", str(d / "edges.csv"), "--out", str(out), *FAST]) == 0
    said = capsys.readouterr().out
    assert said.startswith("No claim was tested: there is no focus.")
    files = {p.name for p in out.iterdir()}
    assert {"centrality.csv", "measures_actors.csv", "report.md", "report.json"} <= files
    assert {"network_full.png", "network_actors.png", "network.html"} <= files
    assert "null.png" not in files
    assert "ego.png" not in files
    md = (out / "report.md").read_text()
    assert md.startswith("# The network: 4 nodes, 3 ties\n\nNo claim was tested")
    assert "Salviati" in md
    js = json.loads((out / "report.json").read_text())
    assert js["claim"] is None
    assert js["views"]["states"]["folded or left out"] == "4 left out: a person with no country"


def test_claim_command_without_a_claim_names_the_settings_file(tmp_path, capsys):
    d = _folder(tmp_path)
    assert main(["claim", "--data", str(d), "--out", str(tmp_path / "o"), *FAST]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{d / 'analysis.toml'}: names no claim to test")
    assert "--focus ID" in err


@pytest.mark.slow
def test_a_focus_of_ones_own_is_never_given_another_actors_statement(tmp_path, capsys):
    conf = '[claim]\nfocus = "medici"\nstatement = "The Medici worked with the Strozzi"\n'
    d = _folder(tmp_path, config=conf)
    out = tmp_path / "o"
    assert main(["claim", "--data", str(d), "--out", str(out), *FAST]) == 0
    assert "> The Medici worked with the Strozzi" in (out / "report.md").read_text()
    assert main(["claim", "--data", str(d), "--focus", "salviati", "--out", str(out), *FAST]) == 0
    md = (out / "report.md").read_text()
    assert md.startswith("# Is Salviati a bridge?")
    assert "The Medici worked" not in md.split("## What was tested")[0]
    args = ["--focus", "salviati", "--statement", "The Salviati stood by the Pazzi"]
    assert (
        main(["claim", "--data", str(d), *args, "--paragraph", "2", "--out", str(out), *FAST]) == 0
    )
    assert "> The Salviati stood by the Pazzi" in (out / "report.md").read_text()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--statement", "words the text never says"], "--statement 'words the text never says'"),
        (["--statement", "The Salviati stood by the Pazzi", "--paragraph", "99"], "--paragraph"),
        (["--statement", "The Salviati stood by the Pazzi", "--paragraph", "1"], "paragraph"),
    ],
    ids=["not-in-text", "no-such-paragraph", "wrong-paragraph"],
)
def test_a_statement_is_checked_like_any_quote(tmp_path, capsys, extra, message):
    d = _folder(tmp_path)
    args = ["claim", "--data", str(d), "--focus", "salviati", *extra]
    assert main([*args, "--out", str(tmp_path / "o"), *FAST]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert message in err
    assert not (tmp_path / "o").exists()


def test_a_person_without_a_country_stays_a_person_and_the_states_view_says_so(tmp_path):
    d = _folder(tmp_path)
    nodes = NODES + "rome,Rome,state,,Rome\nfirenze,Florence,state,,Florence\n"
    nodes = nodes.replace("medici,Medici,person,,Florence", "medici,Medici,person,firenze,Florence")
    (d / "nodes.csv").write_text(nodes)
    ds = io.load_dataset(data=d)
    views = networks.build_views(ds)
    assert "strozzi" in views["actors"]
    fates = dict(views["states"].graph["nodes_out"])
    assert fates["medici"] == "folded into its state"
    assert fates["strozzi"] == "left out: a person with no country"


@pytest.mark.parametrize("kind", ["media", "academic", "armed_group", "movement"])
def test_non_state_actors_are_actors_not_states(tmp_path, kind):
    d = _folder(tmp_path)
    (d / "nodes.csv").write_text(NODES.replace("pazzi,Pazzi,person,", f"pazzi,Pazzi,{kind},"))
    ds = io.load_dataset(data=d)
    views = networks.build_views(ds)
    assert views["actors"].nodes["pazzi"]["type"] == kind
    assert dict(views["states"].graph["nodes_out"])["pazzi"] == "left out: not a state"


def test_the_shipped_data_is_never_the_fallback(tmp_path):
    d = _folder(tmp_path, nodes=False)
    ds = io.load_dataset(edges=d / "edges.csv")
    assert "azerbaijan" not in set(ds.nodes["id"])
    with pytest.raises(DataError, match="names no claim"):
        pipeline.claim_settings(ds)


def test_shipped_copy_in_another_folder_is_read_from_there(tmp_path):
    for part in ("nodes", "edges", "article", "config"):
        shutil.copy(io.default_paths()[part], tmp_path)
    ds = io.load_dataset(nodes=tmp_path / "nodes.csv")
    assert set(ds.paths) == {"nodes", "edges", "article", "config"}
    assert all(Path(p).parent == tmp_path for p in ds.paths.values())
