"""The command line: exit codes, one-line errors, outputs, help and README."""

from __future__ import annotations

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


def test_analyze_writes_centrality(tmp_path, capsys):
    out = tmp_path / "results"
    assert cli.main(["analyze", "--out", str(out)]) == 0
    assert (out / "centrality.csv").is_file()
    assert "wrote" in capsys.readouterr().out


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

    monkeypatch.setattr(cli, "cmd_validate", boom)
    parser = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: _patched(parser(), boom))
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: kaput" in err
    assert "--debug" in err
    with pytest.raises(RuntimeError):
        cli.main(["--debug", "validate"])


def _patched(parser, func):
    parser._subparsers._group_actions[0].choices["validate"].set_defaults(func=func)
    return parser


def test_readme_names_every_subcommand():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _subcommands():
        assert f"actor-graph {name}" in readme, name
    assert "make analyze" in readme
    assert "make test" in readme
