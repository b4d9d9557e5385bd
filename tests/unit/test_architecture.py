"""The house rules of the layout, checked on the source (docs/architecture.md explains them).

- no import circle inside bot/, handlers/ and knowledge/ (every ``import`` counts: inside
  functions and under ``TYPE_CHECKING`` too, since a lazy import only hides a circle);
- dependencies point one way: knowledge <- handlers <- bot;
- handlers/ and knowledge/ never import telegram, aiohttp or sqlalchemy;
- flow packages never import each other (they start each other through the registry);
- no module over the house limit of 300 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "knowledge")
FLOW_PACKAGES = ("menu", "search", "checklist", "status", "booking", "handoff", "feedback")
MAX_LINES = 300
LAYER = {"knowledge": 0, "handlers": 1, "bot": 2}


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # Alembic scripts are loaded by Alembic, not imported
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an imported dotted name refers to (longest known prefix)."""
    parts = name.split(".")
    for n in range(len(parts), 0, -1):
        candidate = ".".join(parts[:n])
        if candidate in MODULES:
            return candidate
    return None


def _imports(module: str, source: str | None = None) -> set[str]:
    path = MODULES.get(module)
    if source is None:
        assert path is not None
        source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    is_package = path is not None and path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name)
                if target:
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                target = _resolve(f"{base}.{alias.name}") or _resolve(base)
                if target:
                    found.add(target)
    found.discard(module)
    return found


GRAPH = {m: _imports(m) for m in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
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
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_walker_sees_a_planted_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_walker_reads_lazy_relative_and_type_checking_imports() -> None:
    source = """
from typing import TYPE_CHECKING
from . import views
if TYPE_CHECKING:
    from handlers.engine import Engine
def later():
    from knowledge.index import SearchIndex
    import handlers.booking.slots
"""
    found = _imports("handlers.booking.steps", source)
    assert found == {
        "handlers.booking.views",
        "handlers.engine",
        "knowledge.index",
        "handlers.booking.slots",
    }
    assert "handlers.common" in GRAPH["handlers.engine"]
    assert len(MODULES) > 80


def test_no_import_circle() -> None:
    assert _cycles(GRAPH) == []


def test_dependencies_point_one_way() -> None:
    upward = [
        (m, dep)
        for m, deps in GRAPH.items()
        for dep in deps
        if LAYER[dep.split(".")[0]] > LAYER[m.split(".")[0]]
    ]
    assert upward == []


def test_handlers_and_knowledge_stay_free_of_frameworks() -> None:
    banned = ("telegram", "aiohttp", "sqlalchemy")
    offenders = []
    for module, path in MODULES.items():
        if module.split(".")[0] == "bot":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            offenders += [(module, n) for n in names if n.split(".")[0] in banned]
    assert offenders == []


def test_flows_never_import_each_other() -> None:
    crossing = []
    for module, deps in GRAPH.items():
        parts = module.split(".")
        if parts[0] != "handlers" or len(parts) < 3 or parts[1] not in FLOW_PACKAGES:
            continue
        for dep in deps:
            dparts = dep.split(".")
            if len(dparts) >= 2 and dparts[1] in FLOW_PACKAGES and dparts[1] != parts[1]:
                crossing.append((module, dep))
    assert crossing == []


def test_no_module_over_the_house_limit() -> None:
    long = {
        module: n
        for module, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
