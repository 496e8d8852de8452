"""The command line: exit codes, one-line errors, outputs, help and README."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph import cli, schema

ROOT = Path(__file__).resolve().parent.parent


def _data_args(p):
    return ["--nodes", str(p["nodes"]), "--edges", str(p["edges"]), "--article", str(p["article"])]


def _subcommands() -> list[str]:
    return sorted(cli.build_parser()._subparsers._group_actions[0].choices)


def test_validate_ok(capsys):
    assert cli.main(["validate"]) == 0
    out = capsys.readouterr().out
    m = re.search(r"quotes: (\d+) of (\d+) verified", out)
    assert m
    assert m.group(1) == m.group(2)


def test_validate_quiet(capsys):
    assert cli.main(["validate", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("column", list(schema.EDGE_COLUMNS))
def test_corrupting_any_edge_column_is_one_line_exit_2(data_copy, capsys, csv_rows, column):
    read, write = csv_rows
    rows = read(data_copy["edges"])
    bad = {
        "directed": "sideways",
        "sign": "9",
        "weight": "-3",
        "paragraph": "0",
        "date": "yesterday",
        "stated": "hinted",
        "relation": "likes",
        "source": "nobody",
        "target": "nobody",
        "evidence": "no such words",
    }[column]
    rows[3][rows[0].index(column)] = bad
    write(data_copy["edges"], rows)
    assert cli.main(["validate", *_data_args(data_copy)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{data_copy['edges']}:4:") or err[0].startswith("edges.csv:4:")
    assert "Traceback" not in err[0]


@pytest.mark.parametrize("column", ["id", "label", "type", "country", "bloc"])
def test_corrupting_node_columns(data_copy, capsys, csv_rows, column):
    read, write = csv_rows
    rows = read(data_copy["nodes"])
    hdr = rows[0]
    i = next(k for k, r in enumerate(rows) if r[hdr.index("type")] == "leader")
    rows[i][hdr.index(column)] = {
        "id": "bad id!",
        "label": "",
        "type": "monarch",
        "country": "atlantis",
        "bloc": "",
    }[column]
    write(data_copy["nodes"], rows)
    code = cli.main(["validate", *_data_args(data_copy)])
    err = capsys.readouterr().err
    if column == "label":  # an empty label falls back to the id
        assert code == 0
        return
    assert code == 2
    assert f":{i + 1}:" in err.splitlines()[0]


FAST = ["--samples", "200", "--no-progress"]


@pytest.mark.slow
def test_analyze_writes_everything(tmp_path, capsys):
    out = tmp_path / "results"
    assert cli.main(["analyze", "--out", str(out), *FAST]) == 0
    names = {p.name for p in out.iterdir()}
    expected = {
        "centrality.csv",
        "report.md",
        "report.json",
        "measures_states.csv",
        "network_full.png",
        "network_states.png",
        "measures.png",
        "null.png",
        "blocs.png",
        "ego.png",
        "network_actors.gexf",
        "network_full.graphml",
        "network_states.json",
    }
    assert expected <= names
    assert not [n for n in names if n.startswith(".")]  # no temporary files left
    stdout = capsys.readouterr().out
    assert "Azerbaijan as a bridge (actors view):" in stdout
    assert "report.md" in stdout
    md = (out / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# Is Azerbaijan a bridge?")
    for png in ("network_full.png", "null.png"):
        assert f"]({png})" in md


@pytest.mark.slow
def test_claim_writes_report_and_measures(tmp_path, capsys):
    args = [
        "claim",
        "--focus",
        "azerbaijan",
        "--view",
        "actors",
        "--seed",
        "3",
        "--out",
        str(tmp_path),
        *FAST,
    ]
    assert cli.main(args) == 0
    assert {p.name for p in tmp_path.iterdir()} == {
        "report.md",
        "report.json",
        "measures_actors.csv",
        "manifest.json",
    }
    js = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert js["claim"]["view"] == "actors"
    assert js["claim"]["parameters"]["seed"] == 3
    assert set(js["inputs"]) == {"nodes", "edges", "article", "config"}
    assert all(len(v["sha256"]) == 64 for v in js["inputs"].values())
    assert "versions" in js
    out = capsys.readouterr().out
    assert "Rank:" in out
    assert "Beyond degree:" in out


@pytest.mark.slow
def test_claim_same_seed_same_report(tmp_path):
    for sub in ("a", "b"):
        assert cli.main(["claim", "--out", str(tmp_path / sub), "--seed", "9", *FAST]) == 0
    assert (tmp_path / "a" / "report.json").read_bytes() == (
        tmp_path / "b" / "report.json"
    ).read_bytes()


def test_claim_unknown_focus_is_exit_2(tmp_path, capsys):
    assert cli.main(["claim", "--focus", "azerbaijn", "--out", str(tmp_path), *FAST]) == 2
    err = capsys.readouterr().err.strip()
    assert "did you mean 'azerbaijan'?" in err
    assert len(err.splitlines()) == 1


def test_claim_person_in_states_view_is_exit_2(tmp_path, capsys):
    code = cli.main(
        ["claim", "--focus", "ilham_aliyev", "--view", "states", "--out", str(tmp_path), *FAST]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "--view" in err
    assert "full or actors" in err


@pytest.mark.slow
def test_plot_chosen_figures(tmp_path):
    args = [
        "plot",
        "--figure",
        "network",
        "--figure",
        "ego",
        "--view",
        "actors",
        "--out",
        str(tmp_path),
    ]
    assert cli.main(args) == 0
    assert {p.name for p in tmp_path.iterdir()} == {
        "network_actors.png",
        "ego.png",
        "manifest.json",
    }


def test_export_formats(tmp_path):
    args = ["export", "--format", "gexf", "--view", "states", "--out", str(tmp_path)]
    assert cli.main(args) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", "network_states.gexf"]


@pytest.mark.parametrize("bad", [["--samples", "0"], ["--alpha", "2"], ["--view", "x"]])
def test_bad_options_exit_2(tmp_path, bad):
    assert cli.main(["claim", "--out", str(tmp_path), *bad]) == 2


def test_analyze_refuses_data_folder(data_copy, capsys):
    code = cli.main(["analyze", *_data_args(data_copy), "--out", str(data_copy["edges"].parent)])
    assert code == 2
    assert "is the data folder" in capsys.readouterr().err
    code = cli.main(["analyze", *_data_args(data_copy), "--out", str(data_copy["edges"])])
    assert code == 2


def test_usage_error_exit_2(capsys):
    assert cli.main(["analyze", "--view", "nonsense", "--bogus"]) == 2


def test_help_exits_0_and_has_example(capsys):
    for name in _subcommands():
        assert cli.main([name, "--help"]) == 0
        assert "example:" in capsys.readouterr().out


@pytest.mark.slow
def test_no_traceback_on_bad_input_in_a_real_process(tmp_path):
    bad = tmp_path / "edges.csv"
    bad.write_bytes(b"source,target\n\xff\xfe\n")
    r = subprocess.run(
        [sys.executable, "-m", "graph", "validate", "--edges", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_internal_error_exit_1_with_hint(monkeypatch, capsys):
    def boom(args):
        raise RuntimeError("kaput")

    monkeypatch.setitem(cli.COMMANDS, "validate", boom)
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: kaput" in err
    assert "--debug" in err
    with pytest.raises(RuntimeError):
        cli.main(["--debug", "validate"])


def test_readme_names_every_subcommand():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _subcommands():
        assert f"actor-graph {name}" in readme, name
    assert "make analyze" in readme
    assert "make test" in readme


@pytest.mark.slow
def test_other_data_does_not_inherit_the_shipped_claim(tmp_path, capsys):
    (tmp_path / "n.csv").write_text(
        "id,label,type,bloc\na,A,state,X\nb,B,state,Y\nc,C,state,Z\nd,D,state,X\n"
    )
    (tmp_path / "e.csv").write_text(
        "source,target,relation\na,b,cooperates_with\nb,c,cooperates_with\nb,d,supports\n"
    )
    data = ["--nodes", str(tmp_path / "n.csv"), "--edges", str(tmp_path / "e.csv"), "--no-text"]
    out = str(tmp_path / "out")
    assert cli.main(["claim", *data, "--out", out, *FAST]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"{tmp_path / 'analysis.toml'}: names no claim to test (no [claim] table with a focus); "
        'give --focus ID, or add [claim] focus = "ID" to the file'
    )
    (tmp_path / "analysis.toml").write_text('[claim]\nfocus = "b"\nstatement = "B links."\n')
    assert cli.main(["claim", *data, "--out", out, *FAST]) == 0
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# Is B a bridge?")
    assert "> B links." in md
    assert "Azerbaijan" not in md
    conf = tmp_path / "other.toml"
    conf.write_text('[claim]\nfocus = "c"\n')
    assert cli.main(["claim", *data, "--config", str(conf), "--out", out, *FAST]) == 0
    assert "# Is C a bridge?" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_claim_options_put_back_what_the_test_leaves_out(tmp_path):
    """--with-claim-ties, --all-ties and --with-places reach the test graph and the report."""
    args = ["claim", "--focus", "azerbaijan", "--view", "actors", "--seed", "3", *FAST]
    assert cli.main([*args, "--out", str(tmp_path / "default")]) == 0
    assert (
        cli.main(
            [*args, "--out", str(tmp_path / "all"), "--with-claim-ties", "--all-ties"]
            + ["--with-places"]
        )
        == 0
    )
    default, every = (
        json.loads((tmp_path / sub / "report.json").read_text(encoding="utf-8"))["claim"]
        for sub in ("default", "all")
    )
    assert default["parameters"]["include_claim_ties"] is False
    assert every["parameters"]["include_claim_ties"] is True
    assert (default["parameters"]["ties"], every["parameters"]["ties"]) == ("channels", "all")
    assert (default["parameters"]["places"], every["parameters"]["places"]) == (False, True)
    assert default["tested"]["claim_ties"]
    assert not every["tested"]["claim_ties"]
    assert every["tested"]["edges"] > default["tested"]["edges"]
    assert every["tested"]["nodes"] > default["tested"]["nodes"]
