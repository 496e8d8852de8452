"""The imports of a package as a graph of modules, function-level imports included.

Each module imports the modules its ``import`` and ``from ... import``
statements name, wherever they stand (inside functions too; only the
annotations under ``if TYPE_CHECKING:`` are left out), and the packages
around them that are not yet importing: importing ``graph.report.text`` from
``graph.claims.result`` runs ``graph/report/__init__.py`` first, while from
``graph.report.html`` it does not (``graph.report`` is then already being
imported). A cycle in this graph is a circle of modules that need each other,
whether Python meets it at import time or only when a function runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx


def module_name(package: Path, path: Path) -> str:
    """The dotted name of the module at ``path`` inside ``package``."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _annotations_only(tree: ast.Module) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:`` (never run)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            out.update(id(sub) for sub in ast.walk(node))
    return out


def imported_names(tree: ast.Module, modules) -> list[tuple[ast.AST, str]]:
    """Every import statement's target modules (a name imported from a package that is a
    module of its own counts as that module), with the statement, function-level included."""
    skip = _annotations_only(tree)
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                out.append((node, sub if sub in modules else node.module))
        elif isinstance(node, ast.Import):
            out.extend((node, a.name) for a in node.names)
    return out


def import_graph(package: Path) -> nx.DiGraph:
    """Module -> the modules it makes Python import (see the module's docstring)."""
    root = package.name
    modules = {module_name(package, p): p for p in sorted(package.rglob("*.py"))}
    G = nx.DiGraph()
    G.add_nodes_from(modules)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for _, target in imported_names(tree, modules):
            parts = target.split(".")
            if parts[0] != root:
                continue
            for k in range(2, len(parts) + 1):
                step = ".".join(parts[:k])
                if step in modules and step != name and not name.startswith(step + "."):
                    G.add_edge(name, step)
    return G


def import_cycles(package: Path) -> list[list[str]]:
    """The circles of modules that import each other, each as one cycle through them."""
    G = import_graph(package)
    out = []
    for group in nx.strongly_connected_components(G):
        if len(group) > 1:
            out.append([u for u, _ in nx.find_cycle(G.subgraph(group))])
    return sorted(out)
