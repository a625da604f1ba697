"""The package keeps its shape: the documented module list is the code, imports are top-level, few top modules."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
ARCHITECTURE = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
LIST_MARK = "<!-- module list: tests/test_architecture.py keeps it equal to the code -->"


def documented_modules() -> dict[str, list[str]]:
    """The module list block of ARCHITECTURE.md: folder -> module names, as written."""
    block = ARCHITECTURE.split(LIST_MARK, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    listed = {}
    for line in block.splitlines():
        folder, *modules = line.split()
        listed[folder] = modules
    return listed


def code_modules() -> dict[str, list[str]]:
    """Every package folder of generator/ with its modules, sorted the way the document lists them."""
    found = {"generator/": sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")}
    for folder in sorted(p for p in PACKAGE.rglob("*") if p.is_dir() and (p / "__init__.py").exists()):
        name = folder.relative_to(ROOT).as_posix() + "/"
        found[name] = sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
    return found


def test_the_documented_module_list_is_the_code():
    """A module added, moved or removed shows up as a difference here until ARCHITECTURE.md says so."""
    assert documented_modules() == code_modules()


def test_generator_has_few_top_level_modules_and_layer_folders():
    """A newcomer reads the layers from `ls generator/`: folders with roles, hardly any loose modules."""
    top = code_modules()["generator/"]
    assert len(top) <= 8, top
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == {"util", "config", "content", "measure", "rab", "tools", "intake", "pages", "search", "site", "commands", "cli"}


def _package_imports_below_module_level(path) -> list[str]:
    """Imports of generator.* inside functions, classes or `if TYPE_CHECKING:` blocks (ways to hide a circle)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: TYPE_CHECKING")
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top:
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if getattr(node, "level", 0) or any(n == "generator" or n.startswith("generator.") for n in names):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_import_of_the_package_hides_inside_a_function():
    """import-linter sees every edge only if every import of the package is at module level."""
    hidden = [line for path in sorted(PACKAGE.rglob("*.py")) for line in _package_imports_below_module_level(path)]
    assert hidden == []


def test_imports_are_absolute():
    """One spelling per module (generator.x.y) so a search for a module finds every user."""
    relative = [f"{p.relative_to(ROOT)}" for p in sorted(PACKAGE.rglob("*.py"))
                if re.search(r"^\s*from \.", p.read_text(encoding="utf-8"), re.MULTILINE)]
    assert relative == []


def test_no_test_imports_another_test_module():
    """Shared helpers live in conftest.py or helper modules; a test module is never a library."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and re.search(r"(^|\.)test_\w+$", node.module):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.module}")
    assert offenders == []


def test_tests_mirror_the_package():
    """Each test folder names a package folder, so the tests of a module are found where the module is."""
    test_folders = {p.relative_to(ROOT / "tests").as_posix() for p in (ROOT / "tests").rglob("__init__.py")}
    package_folders = {f.removeprefix("generator/") + "__init__.py" for f in code_modules() if f != "generator/"}
    assert test_folders - {"__init__.py"} <= package_folders, sorted(test_folders - package_folders - {"__init__.py"})
