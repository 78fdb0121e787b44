"""The shape of the package: stages in layers, imports only downward, no cycles.

An AST walk over ``generator/`` (the ``journeydocs`` package) finds every project
import, at the top of a module or inside a function; imports under
``if TYPE_CHECKING:`` are left out (they never run). Importing ``journeydocs.a.b``
also runs ``journeydocs/a/__init__.py``, so it counts as importing ``journeydocs.a``
too (for modules outside ``a``).
"""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

LAYERS: list[tuple[str, ...]] = [
    # leaves: the model, errors, URLs, strings: they import nothing of the project's
    # above them
    ("errors", "urls", "model", "model_v2", "timing", "sanitize", "workers", "i18n"),
    # load and check: files, front matter, fields, config, validate, links, health, and
    # the sharing fields they read (audience, evidence/pain-point mappings); writing files
    ("load", "share", "share.audience", "share.read", "write"),
    # Markdown and diagrams: text → HTML fragments
    ("diagrams", "markdown"),
    # what every page shares: site types, Jinja environment, common macros, workers
    ("render",),
    # the views pages are made of: cross-journey views, evidence, history
    ("views", "share.evidence", "share.history"),
    # the page list and one module per page kind; the render stage with its cache
    ("pages",),
    # the pipeline
    ("build",),
    # what runs the pipeline: serve's rebuilds, export, the MkDocs plugin, scaffolding
    ("incremental", "share.export", "mkdocs_plugin", "scaffold", "importers"),
    ("serve",),
    ("cli", "__main__", ""),
]
"""Each module's layer is that of the longest prefix listed; a module may import only
modules of its own layer or below ("" is the package's own ``__init__``)."""

MAX_TOP_LEVEL_MODULES = 15
MAX_LINES = 450
TABLES = ("i18n.",)
"""Translation tables: long by nature, not code."""


def _name(path: Path) -> str:
    parts = list(path.relative_to(GENERATOR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_name(path): path for path in sorted(GENERATOR.rglob("*.py"))}


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(name: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function?) of every project import of a module."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    package = [p for p in package if p]
    found: list[tuple[str, int, bool]] = []

    def target(module: str) -> str | None:
        while module and module not in MODULES:
            module = module.rpartition(".")[0]
        return module if module in MODULES else None

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if _is_type_checking(child):
                continue
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            names: list[str] = []
            if isinstance(child, ast.ImportFrom) and child.level:
                base = package[:len(package) - (child.level - 1)]
                module = ".".join(base + ([child.module] if child.module else []))
                names = [f"{module}.{alias.name}".strip(".") for alias in child.names]
                names = [n if n in MODULES else module for n in names]
            elif isinstance(child, ast.ImportFrom) and (child.module or "").startswith("journeydocs"):
                module = child.module.partition(".")[2]
                names = [f"{module}.{alias.name}".strip(".") for alias in child.names]
                names = [n if n in MODULES else module for n in names]
            elif isinstance(child, ast.Import):
                names = [alias.name.partition(".")[2] for alias in child.names
                         if alias.name.split(".")[0] == "journeydocs"]
            for imported in names:
                resolved = target(imported)
                if resolved is None or resolved == name:
                    continue
                found.append((resolved, child.lineno, in_function))
                # the packages above it run first (their __init__), unless we are inside them
                parts = resolved.split(".")
                for depth in range(1, len(parts)):
                    parent = ".".join(parts[:depth])
                    if not (name + ".").startswith(parent + "."):
                        found.append((parent, child.lineno, in_function))
            walk(child, inside)

    walk(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def layer(name: str) -> int:
    """The layer of the longest prefix of ``name`` in :data:`LAYERS`."""
    matches = [(len(prefix), number) for number, prefixes in enumerate(LAYERS)
               for prefix in prefixes
               if name == prefix or (prefix and name.startswith(prefix + "."))]
    assert matches, f"journeydocs.{name}: add it to a layer of LAYERS"
    return max(matches)[1]


def test_every_module_has_a_layer():
    for name in MODULES:
        layer(name)


def test_no_module_imports_upward():
    upward = [f"journeydocs.{name}:{line} imports journeydocs.{target} "
              f"(layer {layer(target)} above {layer(name)})"
              for name, imports in GRAPH.items() for target, line, _ in imports
              if layer(target) > layer(name)]
    assert not upward, "\n".join(upward)


def test_no_import_cycle():
    edges = {name: sorted({target for target, _, _ in imports}) for name, imports in GRAPH.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    assert not cycles, cycles


def test_imports_inside_functions_say_why():
    """An import inside a function only defers a heavy or optional dependency, and says
    so on its line (the first of a run of such imports)."""
    silent = []
    for name, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()

        def walk(node: ast.AST, in_function: bool) -> None:
            previous_was_import = False
            for child in ast.iter_child_nodes(node):
                if _is_type_checking(child):
                    continue
                is_import = isinstance(child, (ast.Import, ast.ImportFrom))
                if in_function and is_import and not previous_was_import \
                        and "#" not in lines[child.lineno - 1]:
                    silent.append(f"{path.relative_to(GENERATOR)}:{child.lineno}")
                previous_was_import = is_import
                walk(child, in_function or isinstance(child, (ast.FunctionDef,
                                                               ast.AsyncFunctionDef)))

        walk(ast.parse("\n".join(lines)), False)
    assert not silent, silent


def test_few_modules_at_the_top():
    top = sorted(path.name for path in GENERATOR.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_no_long_module():
    long = {name: count for name, path in MODULES.items()
            if not name.startswith(TABLES)
            and (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long
