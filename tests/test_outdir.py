"""The output folder's journal: a run killed at any point never wedges the folder, and a
journal planted by someone else never moves, changes or removes a file outside it.

The kill tests drive :func:`graph.outdir.staged_dir` in a small subprocess that counts
the lines run inside :mod:`graph.outdir` and :mod:`graph.journal` while the files move
in, and kills itself (SIGKILL) at a chosen one: before, during and after the journal's
write, before each move, and at 50 points drawn at random from the whole commit. After
each, the next run's recovery must leave exactly the earlier set or exactly the new one
(by the manifest's hashes), and the run after that must succeed.
"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from outfolders import coherent, results, stages

from graph import cli, outdir
from graph.journal import JOURNAL

# end-to-end: subprocesses, whole runs (`make test-fast` leaves them out)
pytestmark = pytest.mark.slow

#: What the earlier run and the killed run write (a.txt changes, b.txt becomes stale,
#: sub/c.txt stays, d.txt and sub/e.txt are new).
EARLIER = {"a.txt": "a, earlier", "b.txt": "b, earlier", "sub/c.txt": "c"}
NEWER = {"a.txt": "a, newer", "sub/c.txt": "c", "d.txt": "d", "sub/e.txt": "e"}

_DRIVER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from graph import outdir

    out, kill_at = Path(sys.argv[1]), int(sys.argv[2])
    files = {files!r}
    watched = ("graph/outdir.py", "graph/journal.py")
    count = 0

    def local(frame, event, arg):
        global count
        if event == "line":
            count += 1
            if count == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.endswith(watched) else None

    with outdir.staged_dir(out) as stage:
        for name, text in files.items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).write_text(text)
        sys.settrace(calls)  # from here on: the manifest, the journal, the moves
    sys.settrace(None)
    print(count)
    """
)


def _write(out: Path, files: dict[str, str]) -> None:
    with outdir.staged_dir(out) as stage:
        for name, text in files.items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).write_text(text)


def _texts(out: Path) -> dict[str, str]:
    return {k: v[0].decode() for k, v in results(out).items() if k != outdir.MANIFEST}


def _killed_run(tmp_path: Path, out: Path, kill_at: int) -> subprocess.CompletedProcess:
    driver = tmp_path / "driver.py"
    driver.write_text(_DRIVER.format(files=NEWER), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(driver), str(out), str(kill_at)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def commit_lines(tmp_path_factory) -> int:
    """How many lines of graph/outdir.py and graph/journal.py a whole commit runs."""
    tmp = tmp_path_factory.mktemp("count")
    _write(tmp / "out", EARLIER)
    done = _killed_run(tmp, tmp / "out", 0)
    assert done.returncode == 0, done.stderr
    assert _texts(tmp / "out") == NEWER
    return int(done.stdout)


def _line_of(text: str, path: Path) -> int:
    return next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if text in ln)


def _kill_and_recover(tmp_path: Path, kill_at: int) -> str:
    """Kill a run at line event ``kill_at``; recover; return which set the folder holds."""
    out = tmp_path / "out"
    _write(out, EARLIER)
    done = _killed_run(tmp_path, out, kill_at)
    assert done.returncode in (0, -signal.SIGKILL), done.stderr
    with outdir._locked(out):  # what the next run into the folder does first
        assert outdir._recover(out) == []
    state = _texts(out)
    assert stages(out) == []
    assert coherent(out)
    assert state in (EARLIER, NEWER), state
    _write(out, {"z.txt": "z"})  # and the run after it goes through
    assert _texts(out) == {"z.txt": "z"}
    return "earlier" if state == EARLIER else "newer"


#: Named points of the journal's life, as (file, a piece of the line the kill comes before).
POINTS = {
    "before-the-journal": ("journal.py", 'tmp = stage / (JOURNAL + ".tmp")'),
    "journal-opened-empty": ("journal.py", "f.write(json.dumps(plan"),
    "journal-written-not-synced": ("journal.py", "f.flush()"),
    "journal-synced-not-renamed": ("journal.py", "tmp.replace(stage / JOURNAL)"),
    "journal-in-place": ("journal.py", "with contextlib.suppress(OSError):  # the rename"),
    "first-move": ("outdir.py", "dst.replace(stage / _OLD / rel)"),
    "journal-removed": ("outdir.py", "_commits[0] += 1"),
}


def _events_before(tmp_path: Path, needle: str, module: str) -> int:
    """The line event at which the line holding ``needle`` first runs (by a traced run)."""
    import graph

    path = Path(graph.__file__).parent / module
    line = _line_of(needle.rstrip("\n"), path)
    tracer = tmp_path / "trace.py"
    tracer.write_text(
        _DRIVER.format(files=NEWER).replace(
            "        count += 1\n",
            f"        count += 1\n        if frame.f_code.co_filename.endswith({module!r}) "
            f"and frame.f_lineno == {line}:\n            print(count); sys.exit(0)\n",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "probe"
    _write(out, EARLIER)
    done = subprocess.run(
        [sys.executable, str(tracer), str(out), "0"], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[0])


@pytest.mark.parametrize("point", list(POINTS))
def test_a_kill_at_each_step_of_the_journal_never_wedges(tmp_path, point):
    module, needle = POINTS[point]
    at = _events_before(tmp_path, needle, module)
    state = _kill_and_recover(tmp_path, at)
    # before the journal is whole nothing has moved: the earlier set; after it is gone: the new
    expected = {"journal-removed": "newer", "first-move": "earlier"}.get(point, "earlier")
    assert state == expected


@pytest.mark.parametrize("draw", range(50))
def test_a_kill_at_a_random_point_never_wedges(tmp_path, commit_lines, draw):
    kill_at = random.Random(draw).randint(1, commit_lines)
    _kill_and_recover(tmp_path, kill_at)


@pytest.mark.parametrize(
    "journal",
    ["", "{", '{"new": ["a.txt"], "stale"', "null", "[]", '{"new": 3}', "\x00\x00"],
    ids=["empty", "brace", "truncated", "null", "list", "wrong-types", "zeros"],
)
def test_an_empty_or_unreadable_journal_means_nothing_moved(tmp_path, journal):
    out = tmp_path / "out"
    _write(out, EARLIER)
    stage = out / f"{outdir.STAGE_PREFIX}killed"
    (stage / "new").mkdir(parents=True)
    (stage / "new" / "a.txt").write_text("a, half-written")
    (stage / JOURNAL).write_text(journal)
    assert cli.main(["export", "--view", "states", "--format", "json", "--out", str(out)]) == 0
    assert stages(out) == []
    assert coherent(out)


def test_an_unreadable_journal_beside_earlier_files_is_reported_not_guessed(tmp_path, capsys):
    out = tmp_path / "out"
    _write(out, EARLIER)
    stage = out / f"{outdir.STAGE_PREFIX}killed"
    (stage / "old").mkdir(parents=True)
    (stage / "old" / "b.txt").write_text("b, even earlier")
    (stage / JOURNAL).write_text("{")
    assert cli.main(["export", "--view", "states", "--format", "json", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"note: {stage}" in err
    assert "move them into" in err
    assert (stage / "old" / "b.txt").read_text() == "b, even earlier"
    assert coherent(out)


# ------------------------------------------------------------------ forged journals


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _forge(out: Path, names: list[str], *, text: str, old: dict[str, str] | None = None) -> Path:
    """A staging folder whose journal says this run moved ``names`` in (none had a file before)."""
    stage = out / f"{outdir.STAGE_PREFIX}forged"
    (stage / "new").mkdir(parents=True, exist_ok=True)
    plan = {
        "new": names,
        "stale": names,
        "existed": dict.fromkeys(names, False),
        "sha256": dict.fromkeys(names, _digest(text)),
    }
    (stage / JOURNAL).write_text(json.dumps(plan))
    for name, body in (old or {}).items():
        (stage / "old" / name).parent.mkdir(parents=True, exist_ok=True)
        (stage / "old" / name).write_text(body)
    return stage


@pytest.fixture
def victim(tmp_path) -> Path:
    """A file beside the output folder that no run may touch."""
    path = tmp_path / "victim.txt"
    path.write_text("precious")
    return path


def _untouched(path: Path, text: str, mtime: int) -> bool:
    return path.is_file() and path.read_text() == text and path.stat().st_mtime_ns == mtime


@pytest.mark.parametrize(
    "name",
    ["../victim.txt", "a/../../victim.txt", "{victim}", "./../victim.txt", "..\\victim.txt"],
    ids=["dotdot", "nested-dotdot", "absolute", "dot-dotdot", "backslash"],
)
def test_a_forged_journal_never_touches_a_file_outside(tmp_path, capsys, victim, name):
    out = tmp_path / "out"
    _write(out, EARLIER)
    before, mtime = results(out), victim.stat().st_mtime_ns
    stage = _forge(out, [name.format(victim=victim)], text="precious")
    assert cli.main(["export", "--view", "states", "--format", "json", "--out", str(out)]) == 0
    assert _untouched(victim, "precious", mtime)
    err = capsys.readouterr().err
    assert f"note: {stage}: a journal that names" in err
    assert "was not obeyed" in err
    assert stage.is_dir()  # left for its owner to look at, reported each run
    assert coherent(out)
    assert set(before) - set(results(out)) == set(EARLIER)  # the earlier run's, now stale


def test_a_forged_journal_through_a_link_in_the_folder(tmp_path, capsys, victim):
    """out/sub is a link to the folder beside out/: sub/victim.txt is not a file of out/."""
    out = tmp_path / "out"
    _write(out, {"x.txt": "x"})
    (out / "sub").symlink_to(tmp_path)
    mtime = victim.stat().st_mtime_ns
    _forge(out, ["sub/victim.txt"], text="precious")
    assert cli.main(["export", "--view", "states", "--format", "json", "--out", str(out)]) == 0
    assert _untouched(victim, "precious", mtime)
    assert "through a link" in capsys.readouterr().err


def test_a_forged_journal_whose_earlier_files_are_a_link_outside(tmp_path, capsys, victim):
    """The staging folder's old/ is a link to the folder beside out/: nothing is moved in."""
    out = tmp_path / "out"
    _write(out, {"x.txt": "x"})
    stage = _forge(out, ["victim.txt"], text="other")
    (stage / "old").symlink_to(tmp_path)
    mtime = victim.stat().st_mtime_ns
    assert cli.main(["export", "--view", "states", "--format", "json", "--out", str(out)]) == 0
    assert _untouched(victim, "precious", mtime)
    assert not (out / "victim.txt").exists()
    assert "is a link" in capsys.readouterr().err


def test_a_forged_journal_with_a_linked_subfolder_of_earlier_files(tmp_path, capsys, victim):
    out = tmp_path / "out"
    _write(out, {"x.txt": "x"})
    stage = _forge(out, ["d/victim.txt"], text="other")
    (stage / "old").mkdir()
    (stage / "old" / "d").symlink_to(tmp_path)
    mtime = victim.stat().st_mtime_ns
    assert cli.main(["export", "--view", "states", "--format", "json", "--out", str(out)]) == 0
    assert _untouched(victim, "precious", mtime)
    assert not (out / "d").exists()
    assert "through a link" in capsys.readouterr().err


def test_a_journal_removes_only_files_it_can_prove_its_own(tmp_path):
    """A journal that says a file in out/ was new, with another file's hash: the file stays."""
    out = tmp_path / "out"
    _write(out, {"x.txt": "x"})
    (out / "mine.txt").write_text("written by hand")
    _forge(out, ["mine.txt"], text="something else")
    assert cli.main(["export", "--view", "states", "--format", "json", "--out", str(out)]) == 0
    assert (out / "mine.txt").read_text() == "written by hand"
    assert stages(out) == []


def test_notes_of_a_library_run_are_warnings(tmp_path, victim):
    out = tmp_path / "out"
    _write(out, {"x.txt": "x"})
    _forge(out, ["../victim.txt"], text="precious")
    with pytest.warns(RuntimeWarning, match="was not obeyed"):
        _write(out, {"y.txt": "y"})
    assert victim.read_text() == "precious"
    assert (out / "y.txt").is_file()
