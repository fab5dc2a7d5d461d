"""No import cycles (issue 12): the package's import graph, built from the source with
``ast`` (every import of a module: at module level, under ``if TYPE_CHECKING:``, and deferred
inside a function, which hides a cycle without removing it), has no cycle. The three cycles
issue 12 found (complaints ``policy`` <-> ``engine``, ownership ``models`` <-> ``_index`` and
``_household`` <-> ``_timeline``) are gone; any cycle fails."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "propmgmt_rules"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import of a module: at module level, under ``if TYPE_CHECKING:``, inside
    functions (a deferred import hides a cycle; it does not remove it)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports when loaded."""
    files = {_module_name(p): p for p in (SRC / PACKAGE).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges: set[str] = set()
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                # ``from P import x``: the submodule P.x when there is one, else P itself
                targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in files
                           else module for alias in node.names]
            edges.update(t for t in targets if t in files and t != name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[tuple[str, ...]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(tuple(sorted(component)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


GRAPH = import_graph()


def test_the_graph_sees_the_package_and_its_deferred_imports() -> None:
    assert "propmgmt_rules.decision" in GRAPH["propmgmt_rules.trace"]
    assert "propmgmt_rules.time.deadline" in GRAPH["propmgmt_rules.time"]
    deferred = ast.parse("def f():\n    from .engine import g\n"
                         "if TYPE_CHECKING:\n    from .models import M\n")
    assert sorted(n.module for n in _imports(deferred) if isinstance(n, ast.ImportFrom)) == [
        "engine", "models"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [("a", "b", "c")]


def test_no_import_cycle() -> None:
    assert cycles(GRAPH) == []
