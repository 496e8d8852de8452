"""Signals against a real process: earlier results stay intact, exit 129/130/143, no traceback.

Each test runs ``actor-graph`` (or a small driver that runs the same ``main``
with one function wrapped, to send a signal at an exact point) in a
subprocess and checks, after every stopped run, that the earlier results are
byte-identical (same bytes, same modification times) and, after the next run,
that no staging folder is left.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from outfolders import GRAPH_FORMATS, coherent, earlier_export, results, stages

from graph import cli, outdir, pipeline, workers
from graph.report import export as report_export

# end-to-end: subprocesses, whole runs (`make test-fast` leaves them out)
pytestmark = pytest.mark.slow

FAST = ["--samples", "200", "--no-progress"]
#: A null test long enough to be stopped in its middle: on :func:`_bridge_data`, whose
#: focus is far above its null, a sequential test cannot stop early.
LONG = ["--seed", "99", "--samples", "2000000", "--progress"]
ENV = {**os.environ, "MPLBACKEND": "Agg", "PYTHONFAULTHANDLER": "0"}
DEADLINE = 120  # seconds a subprocess may take before the test gives up (not a timing assertion)


def _bridge_data(folder: Path) -> list[str]:
    """Two 6-cliques joined only through one node, as data files; the claim is about that node."""
    folder.mkdir(parents=True, exist_ok=True)
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


@pytest.fixture
def long_run(tmp_path):
    """Arguments of an analysis whose null test runs for minutes unless stopped."""
    return _bridge_data(tmp_path / "bridge") + LONG


@pytest.fixture
def earlier(tmp_path):
    out = earlier_export(tmp_path, tmp_path / "out")
    assert coherent(out)  # every export, and the manifest that lists them
    assert len(results(out)) > 1
    return out


def _run(args: list[str], *, driver: Path | None = None) -> subprocess.Popen:
    head = [sys.executable, str(driver)] if driver else [sys.executable, "-m", "graph"]
    return subprocess.Popen(
        head + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, text=False
    )


def _wait_for(proc: subprocess.Popen, needle: bytes) -> bytes:
    """Read the process's stderr until ``needle`` shows (a progress bar: the null test runs)."""
    seen = b""
    deadline = time.monotonic() + DEADLINE
    fd = proc.stderr.fileno()
    while needle not in seen:
        assert time.monotonic() < deadline, f"never saw {needle!r}: {seen[-500:]!r}"
        assert proc.poll() is None, f"ended early ({proc.returncode}): {seen[-2000:]!r}"
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            seen += os.read(fd, 65536)
    return seen


def _finish(proc: subprocess.Popen, seen: bytes = b"") -> tuple[int, str]:
    _, err = proc.communicate(timeout=DEADLINE)
    return proc.returncode, (seen + err).decode("utf-8", "replace")


def _driver(tmp_path: Path, body: str) -> Path:
    """A script that wraps part of the package as ``body`` says, then runs ``main()``."""
    path = tmp_path / "driver.py"
    path.write_text(
        "import os, signal, sys\n"
        "from graph import cli, outdir, pipeline\n"
        + textwrap.dedent(body)
        + "\nsys.exit(cli.main())\n",
        encoding="utf-8",
    )
    return path


# ------------------------------------------------- a signal during the null test


@pytest.mark.parametrize(
    ("signals", "code"),
    [
        ([signal.SIGINT], 130),
        ([signal.SIGTERM], 143),
        ([signal.SIGHUP], 129),
        ([signal.SIGINT, signal.SIGINT], 130),
        ([signal.SIGTERM, signal.SIGTERM], 143),
        ([signal.SIGTERM, signal.SIGINT], 143),
        ([signal.SIGHUP, signal.SIGTERM], 129),
    ],
    ids=["INT", "TERM", "HUP", "INT-INT", "TERM-TERM", "TERM-INT", "HUP-TERM"],
)
def test_signals_during_the_null_test(earlier, long_run, signals, code):
    before = results(earlier)
    proc = _run(["analyze", "--out", str(earlier), *long_run])
    seen = _wait_for(proc, b"%|")
    for s in signals:
        proc.send_signal(s)
        time.sleep(0.02)
    status, err = _finish(proc, seen)
    assert status == code, err[-2000:]
    assert "Traceback" not in err
    assert "intact" in err.splitlines()[-1]
    assert results(earlier) == before
    assert stages(earlier) == []


# ------------------------------------------- a signal while the files move in


def test_sigterm_during_the_move_rolls_back(tmp_path, earlier):
    """A SIGTERM after 3 of the moves: all are undone; the message says the results are intact."""
    before = results(earlier)
    driver = _driver(
        tmp_path,
        """
        real_move, real_replace = outdir._move, os.replace
        def move(*args):
            count = [0]
            def replace(src, dst):
                real_replace(src, dst)
                count[0] += 1
                if count[0] == 3:
                    os.kill(os.getpid(), signal.SIGTERM)
            os.replace = replace
            try:
                real_move(*args)
            finally:
                os.replace = real_replace
        outdir._move = move
        """,
    )
    status, err = _finish(
        _run(["export", "--view", "states", *GRAPH_FORMATS, "--out", str(earlier)], driver=driver)
    )
    assert status == 143, err
    assert "Traceback" not in err
    assert "intact" in err
    assert results(earlier) == before
    assert stages(earlier) == []


def test_second_signal_during_the_rollback(tmp_path, earlier):
    before = results(earlier)
    driver = _driver(
        tmp_path,
        """
        real_move, real_rollback = outdir._move, outdir._rollback
        def move(*args):
            real_move(*args)
            os.kill(os.getpid(), signal.SIGINT)
        def rollback(*args):
            os.kill(os.getpid(), signal.SIGTERM)
            os.kill(os.getpid(), signal.SIGINT)
            real_rollback(*args)
        outdir._move, outdir._rollback = move, rollback
        """,
    )
    status, err = _finish(_run(["export", "--out", str(earlier)], driver=driver))
    assert status == 130, err
    assert "Traceback" not in err
    assert results(earlier) == before
    assert stages(earlier) == []


def test_second_signal_during_the_cleanup(tmp_path, earlier):
    """SIGTERM while writing the staged files, SIGINT while the staging folder is removed."""
    before = results(earlier)
    driver = _driver(
        tmp_path,
        """
        import shutil
        from graph.report import export as ex
        real_export, real_rmtree = ex.export_graph, shutil.rmtree
        def export(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGTERM)
            return real_export(*args, **kwargs)
        def rmtree(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGINT)
            return real_rmtree(*args, **kwargs)
        ex.export_graph, shutil.rmtree = export, rmtree
        """,
    )
    status, err = _finish(_run(["export", "--out", str(earlier)], driver=driver))
    assert status == 143, err
    assert "Traceback" not in err
    assert results(earlier) == before
    assert stages(earlier) == []


def test_signal_after_the_results_are_in_place_says_so(tmp_path, earlier):
    driver = _driver(
        tmp_path,
        """
        real = cli._print_written
        def printed(*args):
            os.kill(os.getpid(), signal.SIGTERM)
            real(*args)
        cli._print_written = printed
        """,
    )
    status, err = _finish(
        _run(["export", "--view", "states", *GRAPH_FORMATS, "--out", str(earlier)], driver=driver)
    )
    assert status == 143, err
    assert "after the results were written" in err
    assert "intact" not in err
    assert coherent(earlier)
    assert sorted(outdir.read_manifest(earlier)) == [
        f"network_states.{f}" for f in ("gexf", "graphml", "json")
    ]


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"]
)
def test_a_signal_swallowed_mid_run_still_ends_the_run_with_its_status(
    tmp_path, earlier, signum, code
):
    """A signal's exception can land in code that swallows it (a library's cleanup, an
    import's lock callback); the run then goes on to its end (it used to exit 0 and ignore
    every later signal), and ends with the signal's status, saying what it wrote."""
    driver = _driver(
        tmp_path,
        f"""
        from graph.report import export as report_export
        real = report_export.export_graph
        def swallowing(*args, **kwargs):
            try:
                os.kill(os.getpid(), {int(signum)})
            except BaseException:
                pass
            return real(*args, **kwargs)
        report_export.export_graph = swallowing
        """,
    )
    status, err = _finish(_run(["export", *GRAPH_FORMATS, "--out", str(earlier)], driver=driver))
    assert status == code, err
    assert len(err.strip().splitlines()) == 1, err
    assert "after the results were written" in err
    assert coherent(earlier)
    assert stages(earlier) == []


# ------------------------------------------------------------- killed outright


def test_sigkill_while_writing_leaves_a_staging_folder_the_next_run_removes(tmp_path, earlier):
    before = results(earlier)
    driver = _driver(
        tmp_path,
        """
        from graph.report import export as ex
        def export(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)
        ex.export_graph = export
        """,
    )
    status, _ = _finish(_run(["export", "--out", str(earlier)], driver=driver))
    assert status == -signal.SIGKILL
    assert results(earlier) == before
    assert len(stages(earlier)) == 1  # left behind, hidden, not a result
    assert outdir.STAGE_PREFIX.startswith(".")
    assert cli.main(["export", "--view", "states", *GRAPH_FORMATS, "--out", str(earlier)]) == 0
    assert stages(earlier) == []
    assert coherent(earlier)


def test_sigkill_during_the_move_is_rolled_back_by_the_next_run(tmp_path, earlier):
    before = results(earlier)
    driver = _driver(
        tmp_path,
        """
        real_move, real_replace = outdir._move, os.replace
        def move(*args):
            count = [0]
            def replace(src, dst):
                real_replace(src, dst)
                count[0] += 1
                if count[0] == 5:
                    os.kill(os.getpid(), signal.SIGKILL)
            os.replace = replace
            real_move(*args)
        outdir._move = move
        """,
    )
    status, _ = _finish(
        _run(["export", "--view", "states", *GRAPH_FORMATS, "--out", str(earlier)], driver=driver)
    )
    assert status == -signal.SIGKILL
    assert results(earlier) != before  # killed midway: mixed until the next run
    (stage,) = stages(earlier)
    assert json.loads((earlier / stage / "journal.json").read_text())["new"]
    outdir._recover(earlier)  # what the next run into the folder does first
    assert results(earlier) == before
    assert stages(earlier) == []
    assert cli.main(["export", "--out", str(earlier)]) == 0
    assert coherent(earlier)


def test_a_live_runs_staging_folder_is_left_alone(tmp_path, earlier):
    """A staging folder locked by a live process is not mistaken for a dead one."""
    stage = earlier / f"{outdir.STAGE_PREFIX}live"
    stage.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDONLY); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(600)",
            str(stage),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"locked"
        assert cli.main(["export", "--view", "states", *GRAPH_FORMATS, "--out", str(earlier)]) == 0
        assert stage.is_dir()
    finally:
        holder.kill()
        holder.communicate()
    assert cli.main(["export", "--view", "states", *GRAPH_FORMATS, "--out", str(earlier)]) == 0
    assert not stage.exists()


@pytest.mark.skipif(workers.available_cpus() < 2, reason="needs 2 CPUs to start process workers")
def test_workers_end_with_a_killed_parent(tmp_path, long_run):
    psutil = pytest.importorskip("psutil")
    proc = _run(["claim", "--jobs", "2", "--out", str(tmp_path / "out"), *long_run])
    children = []
    try:
        _wait_for(proc, b"%|")
        deadline = time.monotonic() + DEADLINE
        while not any("LokyProcess" in " ".join(c.cmdline()) for c in children):
            assert time.monotonic() < deadline, "no worker started"
            children = psutil.Process(proc.pid).children(recursive=True)
            time.sleep(0.1)
        proc.kill()
        proc.wait()
        gone, alive = psutil.wait_procs(children, timeout=30)
        assert alive == [], f"workers outlived their parent: {alive}"
    finally:
        for c in children:
            if c.is_running():
                c.kill()
        proc.kill()
        proc.communicate()


# ------------------------------------------------------------ in-process stops


def test_failure_mid_run_leaves_previous_results(earlier, monkeypatch, capsys):
    before = results(earlier)

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(report_export, "export_graph", boom)
    assert cli.main(["export", "--out", str(earlier)]) == 1
    err = capsys.readouterr().err
    assert "internal error" in err
    assert "http" not in err  # no address that may not exist
    assert results(earlier) == before
    assert stages(earlier) == []


def test_keyboard_interrupt_mid_run(earlier, monkeypatch, capsys):
    before = results(earlier)

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report_export, "export_graph", interrupt)
    assert cli.main(["export", "--out", str(earlier)]) == 130
    assert "intact" in capsys.readouterr().err
    assert results(earlier) == before
    assert stages(earlier) == []


def test_closed_stdout_ends_quietly():
    """`actor-graph validate | head -0`: the reader is gone before anything is written."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "validate"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=DEADLINE) == 141
    assert err == ""


def test_progress_bar_off_when_stderr_is_not_a_terminal(tmp_path):
    """A log gets no carriage-return frames unless --progress asks for them."""
    args = ["claim", "--out", str(tmp_path / "o"), "--samples", "300"]
    quiet = subprocess.run(
        [sys.executable, "-m", "graph", *args], capture_output=True, env=ENV, check=False
    )
    assert quiet.returncode == 0, quiet.stderr
    assert b"\r" not in quiet.stderr
    asked = subprocess.run(
        [sys.executable, "-m", "graph", *args, "--progress"],
        capture_output=True,
        env=ENV,
        check=False,
    )
    assert asked.returncode == 0, asked.stderr
    assert b"%|" in asked.stderr


def test_exit_codes_in_help_and_readme(capsys):
    # the README links the table of exit statuses in the command reference
    root = Path(__file__).resolve().parent.parent
    assert "docs/commands.md#exit-status" in (root / "README.md").read_text(encoding="utf-8")
    readme = (root / "docs" / "commands.md").read_text(encoding="utf-8")
    assert cli.main(["--help"]) == 0
    text = capsys.readouterr().out
    for code in cli.EXIT_CODES:
        assert f"  {code} " in text
        assert f"`{code}`" in readme, code
    assert pipeline.DEFAULT_SAMPLES <= cli.MAX_SAMPLES


class _SignalledImport(type(sys)):
    """A module whose import is cut by a signal that surfaces as another exception."""

    def __init__(self, error: type[Exception]):
        super().__init__("graph.cli")
        self.error = error

    def __getattr__(self, name):
        from graph import __main__ as entry

        entry._RECEIVED.append(143)  # the handler ran, and its exception was wrapped
        raise self.error(f"error calling __set_name__ while importing {name}")


@pytest.mark.parametrize("error", [RuntimeError, ImportError, TypeError])
def test_a_signal_wrapped_by_an_import_ends_with_its_status(monkeypatch, capsys, error):
    """matplotlib's class bodies turn a signal into RuntimeError, numpy's imports into
    ImportError: either way the program ends with the signal's status and one line."""
    from graph import __main__ as entry

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    monkeypatch.setitem(sys.modules, "graph.cli", _SignalledImport(error))
    monkeypatch.setattr(entry, "_RECEIVED", [])
    try:
        assert entry.run() == 143
    finally:
        for s, h in handlers.items():
            signal.signal(s, h)
    assert capsys.readouterr().err == "actor-graph: terminated (nothing was written)\n"


_MARKED = """
import ctypes, sys
import graph.cli

def main(argv=None):  # an interrupt inside code an extension ran through PyRun_*, then caught
    ctypes.pythonapi.PyRun_SimpleString(b"raise KeyboardInterrupt")
    return 130

graph.cli.main = main
from graph.__main__ import run
sys.exit(run() if sys.argv[1] == "run" else main())
"""


@pytest.mark.parametrize(("how", "status"), [("run", 130), ("bare", -signal.SIGINT)])
def test_a_caught_interrupt_ends_with_130_not_by_sigint(tmp_path, how, status):
    """CPython ends a process run with -m (as ``python -m graph``) by SIGINT at exit when a
    KeyboardInterrupt escaped code run through PyRun_*, even once caught (the bare control
    shows it); the program's entry clears that mark."""
    (tmp_path / "marked.py").write_text(_MARKED, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "marked", how],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert proc.returncode == status, proc.stderr
