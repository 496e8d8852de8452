"""The package's layout: one topic per module, imports down the flow, no cycle, none private."""

import ast
from pathlib import Path

import pytest
from imports import import_cycles, imported_names

pytest_plugins = ["pytester"]

PACKAGE = Path(__file__).resolve().parent.parent / "graph"

#: Each module's layer in the data flow; a module may import its own layer and those below.
LAYERS = {
    "graph.errors": 0,
    "graph.schema": 0,
    "graph.memory": 0,
    "graph.files": 0,
    "graph.outdir": 0,
    "graph.journal": 0,
    "graph.workers": 0,
    "graph.seeds": 0,  # every seed= turned into a generator
    "graph.sizes": 0,  # the size rules
    "graph.jsondata": 0,  # the one JSON sanitizer
    "graph.formats": 0,  # the one number formatter, for words and figures
    "graph.io": 1,
    "graph.fold": 2,
    "graph.blocs": 2,
    "graph.networks": 2,
    "graph.draft": 2,  # a raw text to a draft dataset: reads io, writes a folder
    "graph.measures": 3,
    "graph.nulls": 3,
    "graph.brokerage": 3,
    "graph.claims": 4,
    "graph.world": 5,  # the claim test on independent layers, after the text's
    "graph.report": 6,
    "graph.plot": 6,
    "graph.pipeline": 7,
    "graph.cli": 8,
    "graph.__main__": 9,
    "graph": -1,  # the package itself: only the version
}

MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int:
    best = max((k for k in LAYERS if module == k or module.startswith(k + ".")), key=len)
    return LAYERS[best]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_imports_point_down_and_take_no_private_names(path):
    module = _name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("graph"):
            private = [
                a.name for a in node.names if a.name.startswith("_") and a.name != "__version__"
            ]
            assert not private, f"{module} imports private names {private} from {node.module}"
    names = {_name(p) for p in MODULES}
    for _, target in imported_names(tree, names):  # inside functions too
        if not target.startswith("graph") or target == "graph":
            continue
        assert _layer(target) <= _layer(module), f"{module} imports {target} (up the flow)"


@pytest.mark.slow
def test_no_import_cycle_even_through_imports_inside_functions():
    assert import_cycles(PACKAGE) == []


@pytest.mark.slow
def test_a_cycle_through_a_function_level_import_fails(pytester):
    """A planted circle: a result that imports its renderer inside a method."""
    pkg = pytester.mkpydir("pkg")
    (pkg / "result.py").write_text(
        "class Result:\n    def __repr__(self):\n"
        "        from pkg.words import say\n\n        return say(self)\n"
    )
    (pkg / "words.py").write_text("from pkg.result import Result\n\n\ndef say(r):\n    return ''\n")
    pytester.makepyfile(
        test_planted=f"import sys\nsys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from pathlib import Path\nfrom imports import import_cycles\n\n"
        "def test_no_cycle():\n    assert import_cycles(Path('pkg').resolve()) == []\n"
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*pkg.result*pkg.words*"])


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_every_module_is_short_and_says_its_topic(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 620, f"{_name(path)} has {len(text.splitlines())} lines"
    doc = ast.get_docstring(ast.parse(text))
    assert doc, f"{_name(path)} has no opening docstring"
    assert len(doc.splitlines()[0]) > 10, f"{_name(path)} does not name its topic"


@pytest.mark.slow
def test_the_command_line_loads_no_compiler_until_it_needs_one():
    """numba (and LLVM, hundreds of MB of address space) loads only where a kernel runs."""
    import subprocess
    import sys

    code = "import sys, graph.cli; print(sorted({'numba', 'llvmlite'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
