"""The program in a hostile environment: closed or full streams, a narrow encoding, signals
during the imports, a bad NUMBA_NUM_THREADS, a memory limit, a data folder it cannot enter.

Each case runs the real program (``python -m graph``) in a subprocess and ends in status
0, 2 or the signal's (129, 130, 141, 143), never 1, never a traceback.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from csvfiles import read_rows, write_rows
from outfolders import GRAPH_FORMATS, earlier_export, results, stages

# end-to-end: subprocesses, whole runs (`make test-fast` leaves them out)
pytestmark = pytest.mark.slow

ENV = {**os.environ, "MPLBACKEND": "Agg", "PYTHONFAULTHANDLER": "0"}
DEADLINE = 120
PROGRAM = [sys.executable, "-m", "graph"]


def _sh(command: str, *, env=None, **kwargs) -> subprocess.CompletedProcess:
    """Run a shell line whose ``graph`` is the program (for redirections such as ``>&-``)."""
    line = command.replace("graph ", " ".join(map(str, PROGRAM)) + " ", 1)
    return subprocess.run(
        ["sh", "-c", line],
        capture_output=True,
        text=True,
        env=env or ENV,
        timeout=DEADLINE,
        check=False,
        **kwargs,
    )


def _clean(err: str) -> None:
    assert "Traceback" not in err
    assert "internal error" not in err


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A dataset of three ties, one of its labels not ASCII, with a claim: quick to test."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "nodes.csv").write_text(
        "id,label,type,bloc\na,Türkiye,state,X\nb,B,state,Y\nc,C,state,Z\nd,D,state,Y\n",
        encoding="utf-8",
    )
    (folder / "edges.csv").write_text(
        "source,target,relation\na,b,cooperates_with\na,c,cooperates_with\nc,d,cooperates_with\n",
        encoding="utf-8",
    )
    (folder / "analysis.toml").write_text('[claim]\nfocus = "a"\nview = "states"\n')
    return folder


# ------------------------------------------------------------------- streams


def test_stdout_closed_is_a_closed_pipe(tmp_path):
    done = _sh("graph validate >&-")
    assert done.returncode == 141, done.stderr
    assert done.stderr == ""


def test_stdout_closed_does_not_stop_the_results(tiny, tmp_path):
    out = tmp_path / "out"
    done = _sh(f"graph claim --data {tiny} --samples 30 --out {out} >&-")
    assert done.returncode == 141, done.stderr
    assert (out / "report.md").is_file()
    assert not any(out.glob("*.md.tmp"))


def test_stdout_on_a_full_disk_is_one_line_exit_2():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    done = _sh("graph validate > /dev/full")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "actor-graph: error: standard output cannot be written (No space left on device)"
    ]


@pytest.mark.parametrize(
    ("args", "code"),
    [("claim --samples 30 --progress", 0), ("claim --samples 30 --focus nobody", 2)],
    ids=["ok", "bad-focus"],
)
def test_stderr_closed(tiny, tmp_path, args, code):
    done = _sh(f"graph {args} --data {tiny} --out {tmp_path / 'out'} 2>&-")
    assert done.returncode == code
    assert "error" not in done.stdout  # a message for stderr never lands in the output
    if code == 0:
        assert "as a bridge" in done.stdout


@pytest.mark.parametrize("stderr", ["", "2>&-"], ids=["stderr-open", "stderr-closed"])
def test_an_ascii_terminal_gets_escapes(tiny, tmp_path, stderr):
    env = {**ENV, "PYTHONIOENCODING": "ascii"}
    done = _sh(f"graph claim --data {tiny} --samples 30 --out {tmp_path / 'o'} {stderr}", env=env)
    assert done.returncode == 0, done.stderr
    _clean(done.stderr)
    assert "T\\xfcrkiye as a bridge" in done.stdout


# ------------------------------------------------------------------- numba


@pytest.mark.parametrize("value", ["0", "abc", "-2", ""])
def test_a_bad_numba_num_threads_is_one_warning(tiny, tmp_path, value):
    env = {**ENV, "NUMBA_NUM_THREADS": value}
    done = subprocess.run(
        [*PROGRAM, "claim", "--data", str(tiny), "--samples", "30", "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        env=env,
        timeout=DEADLINE,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    _clean(done.stderr)
    (warning,) = [ln for ln in done.stderr.splitlines() if "NUMBA_NUM_THREADS" in ln]
    assert warning.startswith("actor-graph: warning: NUMBA_NUM_THREADS=")


def test_a_good_numba_num_threads_says_nothing(tiny, tmp_path):
    env = {**ENV, "NUMBA_NUM_THREADS": "1"}
    done = subprocess.run(
        [*PROGRAM, "claim", "--data", str(tiny), "--samples", "30", "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        env=env,
        timeout=DEADLINE,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "NUMBA" not in done.stderr


# ------------------------------------------------------------------- memory


def test_out_of_memory_is_one_line_and_writes_nothing(tmp_path):
    """Under a 500 MB address-space limit the claim test cannot run: exit 2, one line."""
    out = tmp_path / "out"
    earlier_export(tmp_path, out)
    before = results(out)

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (500 * 2**20, 500 * 2**20))

    done = subprocess.run(
        [*PROGRAM, "claim", "--samples", "200", "--out", str(out)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=DEADLINE,
        check=False,
        preexec_fn=limit,
    )
    if done.returncode == 0:
        pytest.skip("500 MB of address space are enough here")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "actor-graph: error: out of memory; nothing was written (try fewer --samples, a "
        "smaller view, or a machine with more memory)"
    ]
    assert results(out) == before
    assert stages(out) == []


# ------------------------------------------------------------------- signals


_IMPORT_DRIVER = """
import builtins, os, signal, sys
import graph.__main__ as program

real = builtins.__import__
def hook(name, *args, **kwargs):
    if name == {module!r}:
        builtins.__import__ = real
        os.kill(os.getpid(), {signum})
    return real(name, *args, **kwargs)
builtins.__import__ = hook
sys.argv = ["actor-graph", *{argv!r}]
sys.exit(program.run())
"""


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
    ids=["INT", "TERM", "HUP"],
)
@pytest.mark.parametrize("module", ["pandas", "networkx", "graph.cli"])
def test_a_signal_during_the_imports(tmp_path, signum, code, module):
    """The program takes signals from its first line: the imports are half its run time."""
    out = earlier_export(tmp_path, tmp_path / "out")
    before = results(out)
    driver = tmp_path / "driver.py"
    argv = ["export", "--out", str(out), *GRAPH_FORMATS]
    driver.write_text(
        textwrap.dedent(_IMPORT_DRIVER).format(module=module, signum=int(signum), argv=argv)
    )
    done = subprocess.run(
        [sys.executable, str(driver)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=DEADLINE,
        check=False,
    )
    assert done.returncode == code, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    _clean(done.stderr)
    assert results(out) == before
    assert stages(out) == []


_SWALLOWING_DRIVER = """
import builtins, os, signal, sys
import graph.__main__ as program

real = builtins.__import__
def hook(name, *args, **kwargs):
    if name == {module!r}:
        builtins.__import__ = real
        try:  # as importlib's module-lock callbacks do: an exception here is "ignored"
            os.kill(os.getpid(), {signum})
        except BaseException:
            pass
        if {times} > 1:
            os.kill(os.getpid(), {signum})  # the user insists
            open({marker!r}, "w").close()  # reached only if the second signal went unheard
    return real(name, *args, **kwargs)
builtins.__import__ = hook
sys.argv = ["actor-graph", *{argv!r}]
status = program.run()
if "graph.pipeline" in sys.modules:
    open({later!r}, "w").close()
sys.exit(status)
"""


@pytest.mark.parametrize("times", [1, 2])
@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"]
)
def test_a_signal_in_import_code_that_swallows_it(tmp_path, signum, code, times):
    """Code the imports run can swallow an exception (importlib's lock callbacks): the first
    signal is acted on once the imports are whole, so it is never lost (it was: the export
    ran on and exited 0); a second one stops the imports at once."""
    out = earlier_export(tmp_path, tmp_path / "out")
    before = results(out)
    driver = tmp_path / "driver.py"
    marker, later = tmp_path / "went-on", tmp_path / "imported-on"
    driver.write_text(
        textwrap.dedent(_SWALLOWING_DRIVER).format(
            module="networkx",
            times=times,
            signum=int(signum),
            marker=str(marker),
            later=str(later),
            argv=["export", "--out", str(out), *GRAPH_FORMATS],
        )
    )
    done = subprocess.run(
        [sys.executable, str(driver)], capture_output=True, text=True, env=ENV, timeout=DEADLINE
    )
    assert done.returncode == code, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "nothing was written" in done.stderr
    assert results(out) == before
    if times == 1:
        assert later.exists()  # the imports finished before the signal was acted on
    else:
        assert not marker.exists()  # the second signal stopped the imports at once
        assert not later.exists()


def _first_line_reached(proc: subprocess.Popen, limit: float = 30.0) -> None:
    """Wait until the program's own first line ran: it catches SIGTERM (Linux: /proc).

    A signal sent before it reaches the interpreter while it starts up, where no program
    can handle it (Python itself ends in exit 1, "Could not import runpy module").
    """
    status = Path(f"/proc/{proc.pid}/status")
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            caught = next(
                int(x.split()[1], 16) for x in status.read_text().splitlines()
                if x.startswith("SigCgt:")
            )  # fmt: skip
        except (OSError, StopIteration):
            return
        if caught & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.005)


@pytest.mark.parametrize("after", [0.0, 0.05, 0.3, 0.8, 1.5, 2.5])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
def test_export_stopped_at_any_time(tmp_path, signum, after):
    """Whenever the signal comes from the program's first line on: its status and one line,
    or a finished run; never silent."""
    out = earlier_export(tmp_path, tmp_path / "out")
    before = results(out)
    proc = subprocess.Popen(
        [*PROGRAM, "export", "--out", str(out), *GRAPH_FORMATS],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
        text=True,
    )
    _first_line_reached(proc)
    try:
        proc.wait(timeout=after or 0.001)
    except subprocess.TimeoutExpired:
        proc.send_signal(signum)
    _, err = proc.communicate(timeout=DEADLINE)
    code = {signal.SIGINT: 130, signal.SIGTERM: 143}[signum]
    assert proc.returncode in (0, code), err
    _clean(err)
    if proc.returncode == code:
        assert len(err.strip().splitlines()) == 1, err
        if "after the results were written" not in err:
            assert results(out) == before
    assert stages(out) == []


# ------------------------------------------------------------- the data folder


def test_data_through_a_link_loop(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    done = subprocess.run(
        [*PROGRAM, "validate", "--data", str(tmp_path / "a")],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=DEADLINE,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert (
        done.stderr.strip()
        == f"{tmp_path / 'a'}: is a link that leads back to itself; fix or remove the link"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder, whatever its mode")
def test_data_folder_without_permission(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("nodes.csv", "edges.csv"):
        shutil.copy(Path(__file__).parent.parent / "data" / name, data / name)
    data.chmod(0)
    try:
        done = subprocess.run(
            [*PROGRAM, "validate", "--data", str(data)],
            capture_output=True,
            text=True,
            env=ENV,
            timeout=DEADLINE,
            check=False,
        )
    finally:
        data.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert "permission denied" in done.stderr


def test_an_unreadable_file_in_the_data_folder(tmp_path, monkeypatch, capsys):
    """A file there that cannot be read (as a user without permission meets it): one line."""
    from graph import cli
    from graph.io import dataset

    data = tmp_path / "data"
    data.mkdir()
    rows = read_rows(Path(__file__).parent.parent / "data" / "edges.csv")
    write_rows(data / "edges.csv", rows)
    (data / "nodes.csv").write_text("x")
    real_stat = Path.stat

    def stat(self, *args, **kwargs):
        if self.name == "nodes.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(dataset.Path, "stat", stat)
    assert cli.main(["validate", "--data", str(data), "--no-text"]) == 2
    err = capsys.readouterr().err
    assert "nodes.csv: cannot be read (Permission denied)" in err
