"""Hostile settings, hostile output folders and inputs slow on purpose.

Each table below is a list of hostile cases. Every case must end in exit 0 or
2 (never 1, never a traceback), and after every failed run the earlier
results must be byte-identical and no staging folder left. The complexity
tests count work (comparisons, characters compared) instead of timing it: the
sizes are those at which the quadratic paths these tests replaced took
minutes.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from csvfiles import read_rows, write_rows
from outfolders import GRAPH_FORMATS, coherent, earlier_export, results, stages

import graph
from graph import cli, errors, io, outdir, schema, workers
from graph.io import csvfile, text

# end-to-end: subprocesses, whole runs (`make test-fast` leaves them out)
pytestmark = pytest.mark.slow

# ------------------------------------------------------------ hostile settings

#: (what the [claim] table says, the key the one-line error must name)
BAD_SETTINGS = [
    ('focus = ["azerbaijan"]', "focus"),
    ("focus = { id = 'azerbaijan' }", "focus"),
    ("focus = 7", "focus"),
    ("focus = true", "focus"),
    ("focus = 2024-05-01", "focus"),
    ("focus = 2024-05-01T10:00:00", "focus"),
    ("focus = 10:00:00", "focus"),
    ("focus = 1.5", "focus"),
    ('focus = ""', "focus"),
    ('focus = "azer\\u000bbaijan"', "focus"),
    ('focus = "egypt_summit_2025"', "view"),  # an event: the states view folds it away
    ('focus = "azerbaijn"', "focus"),
    ('view = "stats"', "view"),
    ('view = ["states"]', "view"),
    ("view = 3", "view"),
    ("statement = 5", "statement"),
    ("statement = { text = 'x' }", "statement"),
    ('statement = ["a", "b"]', "statement"),
    ('statement = ""', "statement"),
    ('statement = "words that stand nowhere in the article at all"', "statement"),
    ('statement = "a\\u001b[31mred"', "statement"),
    ('paragraph = "six"', "paragraph"),
    ('paragraph = "6"', "paragraph"),
    ("paragraph = 6.0", "paragraph"),
    ("paragraph = 0", "paragraph"),
    ("paragraph = -3", "paragraph"),
    ("paragraph = 99", "paragraph"),
    ("paragraph = 99999999999999", "paragraph"),
    ("paragraph = true", "paragraph"),
    ("paragraph = 5", "paragraph"),  # the statement stands in paragraph 6
    ('between = "Europe"', "between"),
    ('between = ["South Caucasus"]', "between"),
    ("between = [1, 2]", "between"),
    ('between = ["South Caucasus", ""]', "between"),
    ('between = ["South Caucasus", "Atlantis"]', "between"),
    ('date = "October 2025"', "date"),
    ('date = "2025-13"', "date"),
    ("date = 2025", "date"),
    ('between = ["South Caucasus", "South Caucasus"]', "between"),
    ("between = { a = 1 }", "between"),
    ("claim_ties = 3", "claim_ties"),
    ('claim_ties = ["3"]', "claim_ties"),
    ("claim_ties = [0]", "claim_ties"),
    ("claim_ties = [1]", "claim_ties"),
    ("claim_ties = [2.5]", "claim_ties"),
    ("claim_ties = [true]", "claim_ties"),
    ("claim_ties = [99999]", "claim_ties"),
    ('foucs = "azerbaijan"', "foucs"),
    ('satement = "x"', "satement"),
    ('between = ["azerbaijan", "brics"]', "between"),  # the focus itself
    ('between = ["brics", "egypt_summit_2025"]', "between"),  # an event: actors folds it away
    ('between = ["brics", "sco"]\nview = "states"', "between"),  # organizations, states view
    ('between = ["West", "Turkic"]\nview = "states"', "between"),  # a bloc with no state
]


def _shipped_claim() -> str:
    return io.default_paths()["config"].read_text(encoding="utf-8")


def _with(line: str) -> str:
    """The shipped analysis.toml with keys replaced (or added): one per line of ``line``."""
    keys = {ln.split("=")[0].strip() for ln in line.splitlines()}
    kept = [ln for ln in _shipped_claim().splitlines() if ln.split("=")[0].strip() not in keys]
    return "\n".join(kept) + "\n" + line + "\n"


@pytest.fixture(scope="module")
def earlier(tmp_path_factory):
    """Earlier results that no failed run may change (shared by the cases of a table)."""
    tmp = tmp_path_factory.mktemp("earlier")
    out = earlier_export(tmp, tmp / "out")
    return out, results(out)


@pytest.mark.parametrize(("line", "key"), BAD_SETTINGS, ids=[c[0] for c in BAD_SETTINGS])
def test_hostile_settings_are_one_line_exit_2(tmp_path, capsys, earlier, line, key):
    conf = tmp_path / "analysis.toml"
    conf.write_text(_with(line), encoding="utf-8")
    out, before = earlier
    shipped = ["--data", str(io.data_dir())]
    code = cli.main(
        ["claim", *shipped, "--config", str(conf), "--out", str(out), "--samples", "50"]
    )
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()  # one line per problem
    assert 1 <= len(lines) <= 2, err
    for line in lines:
        assert key in line
        assert line.startswith(str(conf)) or line.startswith(
            ("actor-graph: error: --view", "actor-graph: error: --focus")
        )
        assert line.isprintable()
    assert results(out) == before
    assert stages(out) == []


@pytest.mark.parametrize(
    "toml",
    [
        "[claim",
        "claim = 3",
        "[claims]\nfocus = 'a'",
        "x = " + "[" * 5000 + "]" * 5000,
        "a = 1\na = 2",
    ],
    ids=["broken", "not-a-table", "misspelled-table", "nesting-bomb", "duplicate-key"],
)
def test_hostile_toml_files(tmp_path, capsys, toml):
    conf = tmp_path / "analysis.toml"
    conf.write_text(toml, encoding="utf-8")
    shipped = ["--data", str(io.data_dir())]
    assert cli.main(["claim", *shipped, "--config", str(conf), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) >= 1
    assert all(line.startswith(str(conf)) for line in err.strip().splitlines())


def test_settings_name_the_line_of_each_side(tmp_path, capsys):
    """A list over several lines: each problem names the line its side stands on."""
    conf = tmp_path / "analysis.toml"
    conf.write_text(
        '[claim]\nfocus = "azerbaijan"\nview = "states"\nbetween = [\n  "West",\n'
        '  "Atlantis",\n  "post-Soviet",\n  "azerbaijan",\n]\n',
        encoding="utf-8",
    )
    args = ["claim", "--data", str(io.data_dir()), "--config", str(conf), "--samples", "20"]
    assert cli.main([*args, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"{conf}:6: between: 'Atlantis' is neither a bloc nor a node id; check nodes.csv"
    ]
    conf.write_text(conf.read_text().replace('  "Atlantis",\n', ""), encoding="utf-8")
    assert cli.main([*args, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"{conf}:6: between: 'post-Soviet' is a bloc with no actor in the states view; "
        "use the view full or actors, or name another side",
        f"{conf}:7: between: 'azerbaijan' is the focus itself; "
        "name the blocs or actors it is said to connect",
    ]
    assert not (tmp_path / "o").exists()


def test_a_hundred_unknown_sides_list_25(tmp_path, capsys):
    conf = tmp_path / "analysis.toml"
    sides = ", ".join(f'"side{i}"' for i in range(100))
    conf.write_text(f'[claim]\nfocus = "azerbaijan"\nbetween = [{sides}]\n', encoding="utf-8")
    args = ["validate", "--data", str(io.data_dir()), "--config", str(conf)]
    assert cli.main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == csvfile.MAX_PROBLEMS + 1
    assert all(line.startswith(f"{conf}:3: between: 'side") for line in err[:-1])
    assert err[-1] == f"... and 75 more problems in {conf}"


def test_sides_given_in_python_name_the_parameter():
    ds = io.load_dataset()
    with pytest.raises(ValueError, match="^between: 'azerbaijan' is the focus itself"):
        graph.pipeline.claim_settings(ds, between=("azerbaijan", "brics"))
    with pytest.raises(ValueError, match="^between: 'brics' is an organization, which the states"):
        graph.pipeline.claim_settings(ds, view="states", between=("brics", "armenia"))
    with pytest.raises(ValueError, match="^view: 'stats' is not a view"):
        graph.pipeline.claim_settings(ds, view="stats")


def test_a_record_over_several_lines_names_the_line_of_the_field(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text(
        'source,target,relation,evidence\na,b,attends,"one\ntwo\nthree"\nc,"d\ne",hosts,"x\ny"\n',
        encoding="utf-8",
    )
    with pytest.raises(io.DataError) as err:
        io.load_edges(path)
    where = [(p.line, p.column) for p in err.value.problems]
    assert (2, 4) in where  # the quote opens on line 2
    assert (5, 2) in where  # the record starts on line 5, its target too
    assert (6, 4) in where  # its evidence stands on line 6
    path.write_text('source,target,relation\na,"b\nc" x,attends\n', encoding="utf-8")
    with pytest.raises(io.DataError, match=r"edges.csv:3: has text after the closing quote"):
        io.load_edges(path)


# ------------------------------------------------------------- the smallest dataset


@pytest.fixture
def edges_only(tmp_path) -> Path:
    """A dataset folder holding only edges.csv (the README: the only file required)."""
    folder = tmp_path / "edges-only"
    folder.mkdir()
    (folder / "edges.csv").write_text(
        "source,target,relation\na,b,cooperates_with\nb,c,cooperates_with\n"
        "c,d,negotiates_with\nb,d,cooperates_with\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    "argv",
    [
        ["analyze", "--no-world"],
        ["analyze"],
        ["analyze", "--no-world", "--focus", "b", "--samples", "30"],
        ["plot"],
        ["plot", "--figure", "blocs"],
        ["plot", "--focus", "b", "--samples", "30"],
        ["claim", "--focus", "b", "--samples", "30"],
        ["export"],
    ],
    ids=[
        "analyze",
        "analyze-world",
        "analyze-focus",
        "plot",
        "plot-blocs",
        "plot-focus",
        "claim",
        "export",
    ],
)
@pytest.mark.parametrize("given", ["data", "edges"])
def test_edges_csv_alone_runs(edges_only, tmp_path, capsys, argv, given):
    data = (
        ["--data", str(edges_only)]
        if given == "data"
        else ["--edges", str(edges_only / "edges.csv")]
    )
    out = tmp_path / "out"
    code = cli.main([*argv, *data, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "internal error" not in err
    assert coherent(out)
    if argv[0] in ("analyze", "plot") and "--focus" not in argv:
        assert "note: blocs.png not drawn: no node has a bloc" in err
        assert not (out / "blocs.png").exists()
    if argv[0] == "analyze":
        report = (out / "report.md").read_text(encoding="utf-8")
        assert "](blocs.png)" not in report
        notes = json.loads((out / "report.json").read_text(encoding="utf-8"))["notes"]
        drawn = (out / "blocs.png").exists()
        assert drawn != any(n.startswith("blocs.png not drawn") for n in notes)


def test_every_claim_key_is_in_the_table():
    """The hostile table covers every key the loader knows."""
    covered = {key for _, key in BAD_SETTINGS}
    assert set(io.config.CLAIM_KEYS) <= covered
    assert io.config.VIEWS == graph.networks.VIEWS


# ------------------------------------------------------------- hostile options

BAD_OPTIONS = [
    ["--seed", "-1"],
    ["--seed", str(2**32)],
    ["--seed", "12345678901234567890123"],
    ["--seed", "1e3"],
    ["--seed", "abc"],
    ["--seed", ""],
    ["--samples", "0"],
    ["--samples", "-5"],
    ["--samples", str(10**12)],
    ["--samples", str(cli.MAX_SAMPLES + 1)],
    ["--samples", "many"],
    ["--focus", ""],
    ["--focus", "   "],
    ["--focus", "azerbaijn"],
    ["--focus", "egypt_summit_2025", "--view", "actors"],
    ["--focus", "ilham_aliyev", "--view", "states"],
    ["--jobs", "0"],
    ["--jobs", "-1"],
    ["--alpha", "0"],
    ["--alpha", "nan"],
    ["--view", "all"],
]


@pytest.mark.parametrize("option", BAD_OPTIONS, ids=[" ".join(o) or "empty" for o in BAD_OPTIONS])
def test_hostile_options_exit_2(capsys, earlier, option):
    out, before = earlier
    assert cli.main(["claim", "--out", str(out), *option]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip()
    assert results(out) == before
    assert stages(out) == []


def test_largest_seed_is_accepted(tmp_path):
    args = ["claim", "--seed", str(cli.MAX_SEED), "--samples", "60", "--out", str(tmp_path)]
    assert cli.main(args) == 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["claim"]["parameters"]["seed"] == cli.MAX_SEED


def test_jobs_are_capped_at_the_cpus_once(tmp_path, capsys):
    args = ["plot", "--figure", "blocs", "--jobs", "1000", "--out", str(tmp_path)]
    assert cli.main(args) == 0
    err = capsys.readouterr().err
    assert err.count("--jobs 1000 is more than") == 1
    assert f"using {workers.available_cpus()}" in err


# --------------------------------------------------------- hostile output folders


def _export(out: Path, *extra: str) -> list[str]:
    return ["export", "--out", str(out), *GRAPH_FORMATS, *extra]


def _fails_cleanly(capsys, argv, out: Path, *, says: str) -> str:
    code = cli.main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert says in err
    return err


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a small tmpfs (root with mount rights only); unmounted after the test."""
    mounted: list[Path] = []

    def mount(path: Path, size: str = "2m") -> Path:
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a tmpfs needs root and mount(8)")
        path.mkdir(parents=True, exist_ok=True)
        r = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if r.returncode:
            pytest.skip(f"cannot mount a tmpfs here ({r.stderr.strip()})")
        mounted.append(path)
        return path

    yield mount
    for p in reversed(mounted):
        subprocess.run(["umount", "-l", str(p)], check=False)


def test_out_is_a_mount_point(tmp_path, tmpfs):
    out = tmpfs(tmp_path / "mnt")
    earlier_export(tmp_path, out)
    assert cli.main(_export(out)) == 0
    assert coherent(out)
    assert stages(out) == []


def test_out_is_a_link_to_another_filesystem(tmp_path, tmpfs):
    disk = tmpfs(tmp_path / "mnt")
    (disk / "results").mkdir()
    out = tmp_path / "out"
    out.symlink_to(disk / "results")
    earlier_export(tmp_path, out)
    assert cli.main(_export(out)) == 0
    assert out.is_symlink()
    assert coherent(disk / "results")
    assert stages(disk / "results") == []


def test_read_only_filesystem(tmp_path, tmpfs, capsys):
    out = tmpfs(tmp_path / "mnt")
    earlier_export(tmp_path, out)
    before = results(out)
    subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
    _fails_cleanly(capsys, _export(out), out, says="read-only")
    assert results(out) == before


def test_disk_fills_up(tmp_path, tmpfs, capsys):
    out = tmpfs(tmp_path / "mnt", size="160k")
    earlier_export(tmp_path, out, ("--view", "states", "--format", "json"))
    before = results(out)
    _fails_cleanly(capsys, _export(out), out, says="the disk is full")
    assert results(out) == before
    assert stages(out) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder, whatever its mode")
def test_folder_without_write_permission(tmp_path, capsys):
    out = earlier_export(tmp_path, tmp_path / "out")
    before = results(out)
    out.chmod(0o555)
    try:
        _fails_cleanly(capsys, _export(out), out, says="permission denied")
    finally:
        out.chmod(0o755)
    assert results(out) == before


def test_dangling_link(tmp_path, capsys):
    out = tmp_path / "out"
    out.symlink_to(tmp_path / "nowhere")
    _fails_cleanly(capsys, _export(out), out, says="which does not exist")
    assert out.is_symlink()
    assert not (tmp_path / "nowhere").exists()


def test_a_folder_where_a_file_goes(tmp_path, capsys):
    out = earlier_export(tmp_path, tmp_path / "out", ("--view", "actors"))
    (out / "network_states.gexf").mkdir()
    (out / "network_states.gexf" / "mine.txt").write_text("keep")
    before = results(out)
    _fails_cleanly(capsys, _export(out), out, says="is a folder where the run writes a file")
    assert results(out) == before
    assert stages(out) == []


def test_out_is_a_file(tmp_path, capsys):
    out = tmp_path / "out"
    out.write_text("a file")
    _fails_cleanly(capsys, _export(out), out, says="is a file")
    assert out.read_text() == "a file"


def test_out_inside_a_file(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    _fails_cleanly(capsys, _export(tmp_path / "file" / "out"), tmp_path, says="is a file")


def _usage_error(capsys, argv, *, says: str) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: actor-graph")
    assert "argument --out:" in err.splitlines()[-1]
    assert says in err.splitlines()[-1]


def test_out_name_too_long(tmp_path, capsys):
    _usage_error(capsys, _export(tmp_path / ("x" * 300)), says="too long")


def test_out_is_a_link_loop(tmp_path, capsys):
    out = tmp_path / "out"
    out.symlink_to(out)
    _usage_error(capsys, _export(out), says="symbolic links")


def test_concurrent_runs_leave_one_whole_result(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "MPLBACKEND": "Agg"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "graph", "export", "--out", str(out), *extra],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        for extra in ([], ["--view", "states"], ["--format", "json"], [])
    ]
    for r in runs:
        _, err = r.communicate(timeout=120)
        assert r.returncode == 0, err
    assert coherent(out)
    assert stages(out) == []


# ------------------------------------------------------------ manifest and umask


def test_stale_files_go_user_files_stay(tmp_path):
    out = tmp_path / "out"
    assert cli.main(_export(out)) == 0
    (out / "notes.txt").write_text("mine")
    (out / "network_full.json").write_text("edited by hand")  # no longer the tool's file
    assert cli.main(_export(out, "--view", "states")) == 0
    names = {p.name for p in out.iterdir()}
    assert names == {
        "manifest.json",
        "network_states.gexf",
        "network_states.graphml",
        "network_states.json",
        "notes.txt",
        "network_full.json",
    }
    assert (out / "notes.txt").read_text() == "mine"
    assert coherent(out) is False  # user files are not in the manifest...
    assert set(outdir.read_manifest(out)) == {
        f"network_states.{f}" for f in ("gexf", "graphml", "json")
    }


def test_a_forged_manifest_cannot_remove_files_elsewhere(tmp_path):
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    digest = __import__("hashlib").sha256(b"precious").hexdigest()
    out.mkdir()
    entries = [
        {"path": p, "bytes": 8, "sha256": digest}
        for p in ("../victim.txt", str(victim), "a/../../victim.txt", "")
    ]
    (out / outdir.MANIFEST).write_text(json.dumps({"files": entries}))
    assert cli.main(_export(out, "--view", "states")) == 0
    assert victim.read_text() == "precious"


def test_files_get_the_umask(tmp_path):
    previous = os.umask(0o027)
    try:
        assert cli.main(_export(tmp_path / "out", "--view", "states")) == 0
    finally:
        os.umask(previous)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()}
    assert set(modes.values()) == {0o640}, modes


def test_manifest_says_what_was_written(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["export", "--out", str(out), "--view", "states", "--format", "json"]) == 0
    assert capsys.readouterr().out.startswith("wrote 1 file to ")
    data = json.loads((out / outdir.MANIFEST).read_text(encoding="utf-8"))
    assert data["version"] == graph.__version__
    assert data["command"].startswith("actor-graph export")
    (entry,) = data["files"]
    assert entry["path"] == "network_states.json"
    assert entry["bytes"] == (out / "network_states.json").stat().st_size


# ------------------------------------------------------- text that breaks formats


@pytest.mark.parametrize(
    ("table", "column", "value", "code"),
    [
        ("nodes", "label", "Azer\x0bbaijan", "U+000B"),
        ("nodes", "label", "\x1b[31mAzerbaijan\x1b[0m", "U+001B"),
        ("nodes", "bloc", "South\x0cCaucasus", "U+000C"),
        ("nodes", "aliases", "Baku\x7f", "U+007F"),
        ("edges", "evidence", "President Ilham\x0b Aliyev", "U+000B"),
        ("edges", "date", "20\x8525", "U+0085"),
        ("nodes", "label", "Azerbaijan\ufffe", "U+FFFE"),
    ],
)
def test_control_characters_are_refused_at_load(data_copy, capsys, table, column, value, code):
    path = data_copy[table]
    rows = read_rows(path)
    header = rows[0]
    rows[1][header.index(column)] = value
    write_rows(path, rows)
    args = ["validate", "--nodes", str(data_copy["nodes"]), "--edges", str(data_copy["edges"])]
    assert cli.main([*args, "--article", str(data_copy["article"])]) == 2
    err = capsys.readouterr().err
    line = next(ln for ln in err.splitlines() if code in ln)
    assert f":2:{header.index(column) + 1}:" in line
    assert "control character" in line
    assert "delete it" in line
    assert line.isprintable()


def test_every_export_parses_with_unusual_but_allowed_text(data_copy, tmp_path):
    """Right-to-left marks, combining accents, emoji and tabs are allowed, and XML stays valid."""
    path = data_copy["nodes"]
    rows = read_rows(path)
    rows[1][1] = "Az\u202eerbaijan \u0301\U0001f600\tx"
    write_rows(path, rows)
    out = tmp_path / "out"
    args = ["export", "--nodes", str(path), "--edges", str(data_copy["edges"]), "--out", str(out)]
    assert cli.main(args) == 0
    for p in out.glob("*.g*"):
        ET.parse(p)  # raises on a character XML does not allow


def test_terminal_output_is_escaped(data_copy, tmp_path, capsys):
    path = data_copy["nodes"]
    rows = read_rows(path)
    rows[1][1] = "Az\u202eerbaijan"
    write_rows(path, rows)
    args = ["claim", "--nodes", str(path), "--edges", str(data_copy["edges"]), "--samples", "50"]
    assert cli.main([*args, "--out", str(tmp_path / "o")]) == 0
    shown = capsys.readouterr().out
    assert "\u202e" not in shown
    assert "Az\\u202eerbaijan" in shown


# ------------------------------------------------------------- slow on purpose


class _Counting(difflib.SequenceMatcher):
    """A SequenceMatcher that records the lengths of what it compares."""

    calls: list[tuple[int, int]] = []

    def ratio(self):
        type(self).calls.append((len(self.a), len(self.b)))
        return super().ratio()


@pytest.fixture
def counting(monkeypatch):
    _Counting.calls = []
    monkeypatch.setattr(errors.difflib, "SequenceMatcher", _Counting)
    monkeypatch.setattr(text.difflib, "SequenceMatcher", _Counting)
    return _Counting.calls


def test_thousands_of_typos_against_thousands_of_ids(tmp_path, counting):
    """3,000 persons whose country is a typo, 3,000 states: hints for the first 25 only."""
    n = 3000
    states = [f"state_{i:04d},State {i},state,,B{i % 7}," for i in range(n)]
    people = [f"p{i},P {i},person,stat_{i:04d}x,B{i % 7}," for i in range(n)]
    path = tmp_path / "nodes.csv"
    path.write_text("id,label,type,country,bloc,aliases\n" + "\n".join(states + people) + "\n")
    with pytest.raises(io.DataError) as err:
        io.load_nodes(path)
    assert len(err.value.problems) == csvfile.MAX_PROBLEMS
    assert err.value.more == n - csvfile.MAX_PROBLEMS
    assert "did you mean 'state_0000'?" in str(err.value.problems[0])
    # a hint per row against every id would be 9,000,000 comparisons
    assert len(counting) <= csvfile.MAX_PROBLEMS * 40


def test_the_index_compares_few_choices(counting):
    ids = [f"state_{i:04d}" for i in range(2000)]
    index = errors.Suggestions(ids)
    for i in range(500):
        assert index.closest(f"stat_{i:04d}") == f"state_{i:04d}"
    assert len(counting) <= 500 * 20  # all 2,000 ids each time: 1,000,000


def test_the_index_agrees_with_difflib():
    rng = np.random.default_rng(3)
    letters = list("abcdeé中")
    for _ in range(400):
        choices = [
            "".join(rng.choice(letters, rng.integers(0, 7))) for _ in range(rng.integers(0, 25))
        ]
        value = "".join(rng.choice(letters, rng.integers(0, 7)))
        cutoff = float(rng.choice([0.0, 0.4, 0.5, 0.6, 0.8]))
        expected = difflib.get_close_matches(value, list(set(choices)), n=1, cutoff=cutoff)
        assert errors.Suggestions(choices, cutoff=cutoff).closest(value) == (
            expected[0] if expected else None
        )


def test_a_million_rows_with_an_unknown_relation(tmp_path, counting):
    n = 1_000_000
    path = tmp_path / "edges.csv"
    path.write_text("source,target,relation\n" + "".join(f"a{i},b,likes\n" for i in range(n)))
    with pytest.raises(io.DataError) as err:
        io.load_edges(path)
    assert len(err.value.problems) == csvfile.MAX_PROBLEMS
    assert err.value.more == n - csvfile.MAX_PROBLEMS
    # one hint (cached) for the one distinct value, against the relations
    assert len(counting) <= len(schema.RELATIONS)


def test_misquotes_in_a_long_paragraph_are_bounded(tmp_path, counting):
    """A 0.4 MB paragraph, 25 quotes not in it: only windows of the quote's length are compared."""
    rng = np.random.default_rng(0)
    words = ["".join(rng.choice(list("abcdefghij"), rng.integers(2, 9))) for _ in range(5000)]
    para = " ".join(rng.choice(words, 70_000))[:400_000]
    article = text.Article.from_text(para + "\n\nA second paragraph.", path="long.txt")
    for _ in range(25):
        quote = " ".join(rng.choice(words, 60))
        number, passage = article.closest(quote)
        assert number in (1, 2)
    assert counting, "no comparison made"
    assert max(max(a, b) for a, b in counting) <= text.HINT_CHARS
    assert len(counting) <= 25 * 6


def test_blank_lines_count_toward_the_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_ROWS", 1000)
    path = tmp_path / "edges.csv"
    path.write_text("source,target,relation\n" + "\n" * 5000 + "a,b,attends\n")
    with pytest.raises(io.DataError, match="has more than 1000 rows"):
        io.load_edges(path)


def test_report_shows_paths_exactly(tmp_path, capsys):
    """Input paths in report.md are code spans, shown as they are (no visible backslashes)."""
    data = tmp_path / "third_text"
    data.mkdir()
    for src in io.default_paths().values():
        shutil.copy(src, data / src.name)
    args = ["claim", "--nodes", str(data / "nodes.csv"), "--edges", str(data / "edges.csv")]
    args += ["--article", str(data / "article.txt"), "--samples", "50"]
    assert cli.main([*args, "--out", str(tmp_path / "out")]) == 0
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert f"`{data / 'edges.csv'}`" in md
    assert "third\\_text" not in md


# ------------------------------------------------------------- HTML in labels


def _outside_code_spans(md: str) -> str:
    return re.sub(r"(`+)(?:(?!\1).)*\1", "", md)


@pytest.mark.parametrize("claim", [True, False], ids=["claim", "overview"])
def test_labels_reach_markdown_as_text_never_as_html(data_copy, tmp_path, capsys, claim):
    path = data_copy["nodes"]
    rows = read_rows(path)
    header = rows[0]
    for i, row in enumerate(rows[1:]):
        row[header.index("label")] = f"<img src=x onerror=alert({i})><script>x()</script>"
        if row[header.index("bloc")]:
            row[header.index("bloc")] = f"<b>{row[header.index('bloc')]}</b>&amp;"
    write_rows(path, rows)
    if not claim:
        data_copy["config"].unlink()
    out = tmp_path / "out"
    argv = ["analyze", "--data", str(path.parent), "--no-world", "--no-figures"]
    assert cli.main([*argv, "--samples", "30", "--out", str(out)]) == 0, capsys.readouterr().err
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "alert(1)" in md  # the labels are there ...
    assert "<" not in _outside_code_spans(md)  # ... and no Markdown engine can see a tag
    assert "&lt;script&gt;" in md
