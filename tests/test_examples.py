"""Every example command of the README, the pages of ``docs/`` and each ``--help`` runs as shown.

The commands run in a fresh working folder holding ``my-text/`` (a copy of the
Japan fixture without its settings, as a user's first text would be) and
``my/`` (a copy of the shipped data with the two mistakes the README's
``validate`` example shows). A ``text`` block's lines after a ``$`` command
are its output, compared exactly. The ``python`` blocks run too (``py``
blocks need a cluster and are not run). Every link between these pages
leads to a file, and to a heading of it where it names one.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from csvfiles import read_rows, write_rows

from graph import cli, io

# end-to-end: subprocesses, whole runs (`make test-fast` leaves them out)
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
#: The README and the pages it links to in docs/, the first a newcomer reads first.
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
JAPAN = Path(__file__).parent / "fixtures" / "japan"


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def _blocks(kind: str, pages=PAGES) -> list[tuple[str, str]]:
    """(page, block) for every fenced block of this kind."""
    return [
        (_name(p), b)
        for p in pages
        for b in re.findall(
            rf"^ *```{kind}\n(.*?)^ *```", p.read_text(encoding="utf-8"), flags=re.S | re.M
        )
    ]


def _readme_commands() -> list[tuple[str, str, list[str] | None]]:
    """(page, command, expected output lines or None) for each actor-graph command in a block."""
    out = []
    for page, block in _blocks("sh"):
        out += [
            (page, line, None) for line in block.splitlines() if line.startswith("actor-graph ")
        ]
    for page, block in _blocks("text"):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ actor-graph "):
                rest = lines[i + 1 :]
                end = next((j for j, r in enumerate(rest) if r.startswith("$ ")), len(rest))
                out.append((page, line[2:], rest[:end]))
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
    readme = [c for c in commands if c[0] == "README.md"]
    assert len(readme) >= 5
    assert any(expected for _, _, expected in readme)
    assert {page for page, *_ in commands} > {"README.md"}  # the docs pages' too


@pytest.mark.parametrize(
    ("page", "command", "expected"), _readme_commands(), ids=lambda c: str(c)[:60]
)
def test_readme_command_runs_as_shown(workdir, capsys, page, command, expected):
    if command.startswith("actor-graph draft "):
        pytest.importorskip("spacy", reason="drafting needs the extra actor-graph[draft]")
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


@pytest.mark.parametrize(
    ("page", "source"), _blocks("python"), ids=lambda s: str(s).splitlines()[0][:40]
)
def test_readme_python_runs(workdir, page, source):
    exec(compile(source, page, "exec"), {})  # noqa: S102 - the page's own example


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _links() -> list[tuple[str, str]]:
    """(page, target) of every relative Markdown link of the pages."""
    out = []
    for p in PAGES:
        text = re.sub(r"^ *```.*?^ *```", "", p.read_text(encoding="utf-8"), flags=re.S | re.M)
        out += [
            (_name(p), t)
            for t in re.findall(r"\]\(([^)\s]+)\)", text)
            if not re.match(r"[a-z]+:", t)
        ]
    return out


def test_the_readme_is_short_and_links_its_reference_pages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 120 <= len(readme.splitlines()) <= 200
    linked = {t.split("#")[0] for page, t in _links() if page == "README.md"}
    assert {f"docs/{p.name}" for p in PAGES[1:]} <= linked  # every docs page, from the README
    order = [
        readme.index(h)
        for h in (
            "## Two commands",
            "## What `out/` holds",
            "## Reading report.md",
            "## Your own data",
            "## More",
        )
    ]
    assert order == sorted(order)  # a newcomer's questions first, the reference last


@pytest.mark.parametrize(("page", "target"), _links(), ids=lambda x: str(x))
def test_every_link_leads_somewhere(page, target):
    path, _, anchor = target.partition("#")
    where = (ROOT / page).parent / path if path else ROOT / page
    assert where.exists(), f"{page}: {target} leads nowhere"
    if anchor:
        headings = re.findall(r"^#+ (.*)$", where.read_text(encoding="utf-8"), flags=re.M)
        assert anchor in {_slug(h) for h in headings}, f"{page}: no heading #{anchor}"
