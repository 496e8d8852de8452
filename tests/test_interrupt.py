"""Interrupted and failing runs leave earlier results intact and no partial files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import cli, pipeline

FAST = ["--samples", "200", "--no-progress"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _partials(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".partial-" in p.name or p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A completed analysis to protect."""
    out = tmp_path_factory.mktemp("run") / "out"
    assert cli.main(["analyze", "--out", str(out), "--no-figures", *FAST]) == 0
    return out


def test_failure_mid_run_leaves_previous_results(previous, monkeypatch, capsys):
    before = _snapshot(previous)

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline.report, "write_report", boom)
    assert cli.main(["analyze", "--out", str(previous), "--no-figures", *FAST]) == 1
    assert "internal error" in capsys.readouterr().err
    assert _snapshot(previous) == before
    assert _partials(previous.parent) == []


def test_keyboard_interrupt_mid_run(previous, monkeypatch, capsys):
    before = _snapshot(previous)

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.report, "write_network_files", interrupt)
    assert cli.main(["analyze", "--out", str(previous), "--no-figures", *FAST]) == 130
    assert "intact" in capsys.readouterr().err
    assert _snapshot(previous) == before
    assert _partials(previous.parent) == []


def _bridge_data(folder: Path) -> list[str]:
    """Two 6-cliques joined through one node: its betweenness is so far above the null's
    that a sequential test cannot stop early, so 2,000,000 samples take minutes."""
    nodes = ["id,label,type,bloc", "hub,Hub,state,H"]
    nodes += [f"a{i},A{i},state,A" for i in range(6)] + [f"b{i},B{i},state,B" for i in range(6)]
    edges = ["source,target,relation"]
    for side in "ab":
        edges += [f"{side}{i},{side}{j},cooperates_with" for i in range(6) for j in range(i + 1, 6)]
    edges += ["hub,a0,cooperates_with", "hub,b0,cooperates_with"]
    (folder / "nodes.csv").write_text("\n".join(nodes) + "\n", encoding="utf-8")
    (folder / "edges.csv").write_text("\n".join(edges) + "\n", encoding="utf-8")
    (folder / "analysis.toml").write_text('[claim]\nfocus = "hub"\nview = "actors"\n')
    return ["--nodes", str(folder / "nodes.csv"), "--edges", str(folder / "edges.csv"), "--no-text"]


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_killed_process_leaves_previous_results(previous, tmp_path, sig, code):
    before = _snapshot(previous)
    env = {**os.environ, "MPLBACKEND": "Agg"}
    data = _bridge_data(tmp_path)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graph",
            "analyze",
            *data,
            "--out",
            str(previous),
            "--seed",
            "99",
            "--samples",
            "2000000",
            "--no-progress",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    while not _partials(previous.parent) and proc.poll() is None:
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.05)
    time.sleep(1.0)  # well inside the null test
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert _snapshot(previous) == before
    assert _partials(previous.parent) == []
