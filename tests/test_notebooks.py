"""The notebooks: committed without outputs, thin (no definitions), and every cell runs.

The execution tests run each notebook in a fresh kernel of the interpreter running
the tests, from a temporary folder, with the Agg backend; any cell that raises,
or any warning or traceback a cell prints, fails the test.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

# end-to-end: subprocesses, whole runs (`make test-fast` leaves them out)
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
EXPECTED = {"01-bridge-claim.ipynb", "02-your-own-text.ipynb"}

_DEFINITION = re.compile(r"^\s*(async\s+def|def|class)\s", re.MULTILINE)


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _source(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def _by_name(paths):
    return pytest.mark.parametrize("path", paths, ids=[p.stem for p in paths])


def test_the_notebooks_are_there():
    assert EXPECTED <= {p.name for p in NOTEBOOKS}


@_by_name(NOTEBOOKS)
def test_committed_without_outputs(path):
    nb = _read(path)
    dirty = [
        i
        for i, cell in enumerate(nb["cells"])
        if cell.get("outputs") or cell.get("execution_count") is not None
    ]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or an execution count; clear them"
    assert "widgets" not in nb.get("metadata", {}), f"{path.name}: saved widget state"


@_by_name(NOTEBOOKS)
def test_defines_no_functions_or_classes(path):
    found = [
        i for i, cell in enumerate(_code_cells(_read(path))) if _DEFINITION.search(_source(cell))
    ]
    assert not found, f"{path.name}: code cells {found} define a function or class (move to graph/)"


@_by_name(NOTEBOOKS)
def test_valid_and_uses_the_python3_kernel(path):
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    imports = re.compile(r"^\s*(from graph\b|import graph\b)", re.MULTILINE)
    assert any(imports.search(_source(c)) for c in _code_cells(nb)), "it should import graph"


def test_the_definition_check_catches_definitions():
    assert _DEFINITION.search("x = 1\ndef f():\n    pass")
    assert _DEFINITION.search("class A:\n    pass")
    assert not _DEFINITION.search('print("def f")\nundefined = 1')


@pytest.fixture
def python3_kernel(tmp_path, monkeypatch):
    """A kernel named python3 that runs this interpreter, found before any other."""
    pytest.importorskip("ipykernel")
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (actor-graph tests)",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # tempfile.mkdtemp() in the notebooks
    return "python3"


def _snapshot() -> set[Path]:
    """Files and folders where a misbehaving notebook would write."""
    return {p for d in (ROOT, ROOT / "data", NOTEBOOK_DIR) for p in d.iterdir()}


@pytest.mark.slow
@_by_name(NOTEBOOKS)
def test_runs_without_errors(path, tmp_path, python3_kernel):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(path, as_version=4)
    workdir = tmp_path / "work"
    workdir.mkdir()
    before = _snapshot()
    client = nbclient.NotebookClient(
        nb,
        kernel_name=python3_kernel,
        timeout=300,
        allow_errors=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()  # raises CellExecutionError naming the cell if one fails
    noisy = [
        (i, out["text"][:300])
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "stream"
        and out.name == "stderr"
        and re.search(r"Warning|Traceback", out["text"])
    ]
    assert not noisy, f"{path.name}: cells printed warnings: {noisy}"
    assert _snapshot() == before, "the notebook wrote into the repository"
    stuck = [i for i, o in _outputs(nb) if re.search(r"\b0/\d+ \[", o)]
    assert not stuck, f"{path.name}: cells {stuck} saved a progress bar that never moved"
    checked = _verdicts_said(nb)
    assert checked, f"{path.name}: no prose says the verdict its claim test gives"
    for cell, computed, said in checked:
        assert said == computed, (
            f"{path.name}, cell {cell}: the prose says {said!r}, the test {computed!r}"
        )


def _outputs(nb):
    """(cell index, text) of every text output of the code cells."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            text = out.get("text") or out.get("data", {}).get("text/plain", "")
            yield i, "".join(text)


def _verdicts_said(nb) -> list[tuple[int, str, str]]:
    """(cell, computed verdict, the verdict the next prose states) for each claim test shown.

    A cell whose output is a ClaimResult ("ClaimResult: ...: <verdict>"), followed by
    prose that says "The verdict is *<verdict>*".
    """
    found = []
    for i, text in _outputs(nb):
        m = re.match(r"ClaimResult: .*: ([a-z ]+)$", text.splitlines()[0]) if text else None
        if not m:
            continue
        prose = next((c for c in nb.cells[i + 1 :] if c.cell_type == "markdown"), None)
        said = re.search(r"The verdict is \*([a-z ]+)\*", prose.source) if prose else None
        if said:
            found.append((i, m.group(1), said.group(1)))
    return found
