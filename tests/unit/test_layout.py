"""The project's layout: one module knows the project root, and the packages import downwards only.

``assistant/paths.py`` is the one place that works out the root from ``__file__``; ``tools/`` (the operators'
commands) never imports ``evaluation/`` or ``tests/``, ``evaluation/`` never imports ``tests/``, and the runtime
packages import none of the three.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

from assistant import paths
from assistant.paths import ROOT

# Other sessions rewrite these three; they keep their own root until then. paths.py is the one home.
ROOT_ALLOWED = {"assistant/paths.py"}
SKIPPED_DIRS = {"build", "models", "results", "node_modules", "__pycache__"}
RUNTIME_PACKAGES = ("actions", "assistant", "channels", "components", "server", "stores")
PATH_CALLS = {"Path", "PurePath", "abspath", "realpath", "dirname"}


def python_files() -> Iterator[str]:
    """Every ``.py`` file of the project, as a path relative to the root (no virtualenv, build or vendored files)."""
    for folder, dirs, files in os.walk(ROOT):  # symlinks (.venv, models) are not followed
        relative = Path(folder).relative_to(ROOT)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS
                         and (relative / d).as_posix() != "web/vendor")
        for name in sorted(files):
            if name.endswith(".py"):
                yield (relative / name).as_posix()


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _uses_file(node: ast.AST) -> bool:
    return any(isinstance(child, ast.Name) and child.id == "__file__" for child in ast.walk(node))


def root_computations(source: str) -> List[int]:
    """Lines that turn ``__file__`` into a folder: ``Path(__file__)…parents[n]``, ``os.path.dirname(…__file__…)`` and the like."""
    lines = set()
    for node in ast.walk(ast.parse(source)):
        climbs = isinstance(node, ast.Attribute) and node.attr in ("parent", "parents")
        as_path = isinstance(node, ast.Call) and _name(node.func) in PATH_CALLS
        if (climbs or as_path) and _uses_file(node):
            lines.add(node.lineno)
    return sorted(lines)


def imported_modules(source: str) -> List[str]:
    """The absolute module names a file imports, at any depth (imports inside functions count)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("source", [
    "ROOT = Path(__file__).resolve().parents[1]",
    "ROOT = Path(__file__).resolve().parent.parent / 'web'",
    "HERE = pathlib.Path(__file__)",
    "ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))",
    "def f():\n    return Path(os.path.realpath(__file__)).parent",
])
def test_the_check_finds_a_root_computed_from_file(source):
    assert root_computations(source) != []


@pytest.mark.parametrize("source", [
    "record = logging.LogRecord('rasa', 40, __file__, 1, 'failed', (), None)",
    "from assistant.paths import ROOT\nWEB = ROOT / 'web'",
    "parent = Path('a/b').parent",
])
def test_the_check_leaves_other_uses_alone(source):
    assert root_computations(source) == []


def test_only_the_paths_module_computes_the_project_root():
    found: Dict[str, List[int]] = {}
    for name in python_files():
        if name not in ROOT_ALLOWED:
            lines = root_computations((ROOT / name).read_text(encoding="utf-8"))
            if lines:
                found[name] = lines
    assert found == {}, f"use assistant.paths instead of computing the root from __file__: {found}"


def test_the_scan_sees_the_whole_project():
    files = set(python_files())
    expected = {"assistant/paths.py", "tools/ask.py", "evaluation/servers.py", "server/privacy.py", "tests/unit/test_layout.py"}
    assert expected <= files
    assert not any(name.startswith((".venv/", "web/vendor/", "build/")) for name in files)


def _imports_under(folder: str) -> Dict[str, List[str]]:
    return {name: imported_modules((ROOT / name).read_text(encoding="utf-8"))
            for name in python_files() if name.startswith(folder + "/")}


@pytest.mark.parametrize(("folder", "forbidden"), [
    ("tools", ("evaluation", "tests")),
    ("evaluation", ("tests",)),
    *[(package, ("tools", "evaluation", "tests")) for package in RUNTIME_PACKAGES],
])
def test_packages_import_downwards_only(folder, forbidden):
    imports = _imports_under(folder)
    assert imports, f"no Python files under {folder}/"
    wrong = {name: [module for module in modules if module.split(".")[0] in forbidden]
             for name, modules in imports.items()}
    assert {name: modules for name, modules in wrong.items() if modules} == {}


def test_the_paths_module_only_names_paths():
    """Importing it reads nothing and creates nothing: only imports, constants and their docstrings."""
    tree = ast.parse((ROOT / "assistant" / "paths.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            assert node.module in ("__future__", "pathlib"), node.module
        else:
            assert isinstance(node, (ast.Assign, ast.Expr)), ast.dump(node)
            if isinstance(node, ast.Expr):
                assert isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def test_the_named_paths_are_where_the_project_keeps_them():
    assert (paths.ROOT / "Makefile").is_file() and (paths.ROOT / "domain.yml").is_file()
    assert (paths.SCRIPTS_DIR / "run.sh").is_file()
    assert (paths.WEB_ROOT / "index.html").is_file()
    assert (paths.DOCS_DIR / "safety.md").is_file()
    assert paths.MODEL.parent == paths.MODELS_DIR and paths.VAR_DIR == paths.ROOT / "var"
    assert {"not_now.yml", "red_flags.yml"} <= {p.name for p in paths.SAFETY_SETS.glob("*.yml")}
    assert (paths.NLU_SETS / "heldout.yml").is_file() and (paths.NLU_SETS / "entries_dev.yml").is_file()


def test_the_evaluation_sets_are_not_in_the_test_tree():
    """They are data for the evaluation commands; tests/ keeps only tests and Rasa's conversation tests."""
    assert not (ROOT / "tests" / "nlu").exists() and not (ROOT / "tests" / "safety").exists()
    assert paths.EVAL_SETS.is_relative_to(ROOT / "evaluation")


# What each runtime package may import of ours: the knowledge layer at the bottom, the server runtime
# above it, the stores beside it, then the NLU components, the channels and the action server.
MAY_IMPORT = {
    "assistant": {"assistant"},
    "server": {"assistant", "server"},
    "stores": {"assistant", "server", "stores"},
    "components": {"assistant", "components"},
    "channels": {"assistant", "server", "channels"},
    "actions": {"assistant", "server", "actions"},
}


def _module_level_imports(source: str) -> List[str]:
    """The modules a file imports when it is imported (not those imported inside functions)."""
    found: List[str] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _our_modules() -> Dict[str, List[str]]:
    """Each runtime module (dotted name) and the runtime modules it imports at import time."""
    names = {name[:-3].replace("/", ".").removesuffix(".__init__"): name for name in python_files()
             if name.split("/")[0] in RUNTIME_PACKAGES}
    graph = {}
    for module, name in names.items():
        imported = _module_level_imports((ROOT / name).read_text(encoding="utf-8"))
        graph[module] = sorted({m for m in imported if m in names and m != module})
    return graph


def test_runtime_packages_import_only_their_own_layer_and_below():
    wrong = {module: [m for m in imported if m.split(".")[0] not in MAY_IMPORT[module.split(".")[0]]]
             for module, imported in _our_modules().items()}
    assert {module: found for module, found in wrong.items() if found} == {}


def test_the_runtime_import_graph_has_no_cycle():
    graph = _our_modules()
    state: Dict[str, int] = {}
    cycles: List[List[str]] = []

    def visit(module: str, path: List[str]) -> None:
        state[module] = 1
        for other in graph.get(module, []):
            if state.get(other) == 1:
                cycles.append(path[path.index(other):] + [other] if other in path else [module, other])
            elif other not in state:
                visit(other, path + [other])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])
    assert cycles == []
    assert "assistant.knowledge" in graph and graph["assistant.safety"], "the scan sees the runtime modules"
