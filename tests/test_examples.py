"""Every example command of the README and of each ``--help`` runs as shown.

The commands run in a fresh working folder holding ``my-text/`` (a copy of the
Japan fixture without its settings, as a user's first text would be) and
``my/`` (a copy of the shipped data with the two mistakes the README's
``validate`` example shows). A ``text`` block's lines after a ``$`` command
are its output, compared exactly. The README's ``python`` blocks run too
(``py`` blocks need a cluster and are not run).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from csvfiles import read_rows, write_rows

from graph import cli, io

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
JAPAN = Path(__file__).parent / "fixtures" / "japan"


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"^ *```{kind}\n(.*?)^ *```", README, flags=re.S | re.M)


def _readme_commands() -> list[tuple[str, list[str] | None]]:
    """(command, expected output lines or None) for each actor-graph command in a block."""
    out = []
    for block in _blocks("sh"):
        out += [(line, None) for line in block.splitlines() if line.startswith("actor-graph ")]
    for block in _blocks("text"):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ actor-graph "):
                rest = lines[i + 1 :]
                end = next((j for j, r in enumerate(rest) if r.startswith("$ ")), len(rest))
                out.append((line[2:], rest[:end]))
    return out


def _help_examples() -> list[str]:
    parser = cli.build_parser()
    subs = parser._subparsers._group_actions[0].choices
    found = []
    for p in subs.values():
        m = re.search(r"^example:\n  (actor-graph .*)$", p.epilog, flags=re.M)
        found.append(m.group(1).split("   (")[0])  # a trailing "(...)" is a gloss
    return found


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    mine = tmp_path / "my-text"
    mine.mkdir()
    for name in ("nodes.csv", "edges.csv", "article.txt"):
        shutil.copy(JAPAN / name, mine / name)
    broken = tmp_path / "my"
    broken.mkdir()
    for part, src in io.default_paths().items():
        if part != "config":
            shutil.copy(src, broken / src.name)
    rows = read_rows(broken / "edges.csv")
    head = rows[0]
    rows[13][head.index("sign")] = "2"  # line 14
    rows[21][head.index("source")] = "ilham_alyev"  # line 22
    write_rows(broken / "edges.csv", rows)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(command: str, capsys) -> tuple[int, list[str]]:
    argv = shlex.split(command, comments=True)
    assert argv[0] == "actor-graph"
    code = cli.main([*argv[1:], *(["--no-progress"] if _takes_progress(argv[1]) else [])])
    io_ = capsys.readouterr()
    return code, (io_.err + io_.out).splitlines()


def _takes_progress(sub: str) -> bool:
    return sub in ("analyze", "claim", "world", "plot")


def test_the_readme_has_examples_to_run():
    commands = _readme_commands()
    assert len(commands) >= 5
    assert any(expected for _, expected in commands)


@pytest.mark.parametrize(("command", "expected"), _readme_commands(), ids=lambda c: str(c)[:60])
def test_readme_command_runs_as_shown(workdir, capsys, command, expected):
    code, lines = _run(command, capsys)
    if expected is None:
        assert code == 0, "\n".join(lines)
    else:
        assert code == (2 if any(": " in x for x in expected) else 0)
        assert [x for x in lines if x] == [x for x in expected if x]


def _reviewed_draft(folder: str) -> None:
    """What `accept`'s example assumes: a draft of my-text/ whose rows and blocs were reviewed."""
    import csv

    assert cli.main(["draft", "my-text/article.txt", "--out", folder]) == 0
    for name, edit in (("proposed_edges.csv", "review"), ("nodes.csv", "bloc")):
        path = Path(folder) / name
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for r in rows:
            ok = edit == "bloc" or float(r["score"]) >= 0.5
            r[edit] = ("accept" if ok else "reject") if edit == "review" else "mine"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)


@pytest.mark.parametrize("command", _help_examples())
def test_help_example_runs_as_shown(workdir, capsys, command):
    if command.startswith("actor-graph accept "):
        pytest.importorskip("spacy", reason="drafting needs the extra actor-graph[draft]")
        _reviewed_draft(shlex.split(command)[2])
    elif command.startswith("actor-graph draft "):
        pytest.importorskip("spacy", reason="drafting needs the extra actor-graph[draft]")
    code, lines = _run(command, capsys)
    assert code == 0, "\n".join(lines)


@pytest.mark.parametrize("source", _blocks("python"), ids=lambda s: s.splitlines()[0][:40])
def test_readme_python_runs(workdir, source):
    exec(compile(source, "README.md", "exec"), {})  # noqa: S102 - the README's own example
