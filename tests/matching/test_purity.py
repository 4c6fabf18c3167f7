"""The engine stays pure: no Django anywhere in doorstep.matching's engine and batch."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import doorstep.matching

PACKAGE = Path(doorstep.matching.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_engine_module_imports_django() -> None:
    modules = sorted(PACKAGE.glob("engine*.py")) + sorted(PACKAGE.glob("batch*.py"))
    assert len(modules) >= 8
    for path in [*modules, PACKAGE / "__init__.py"]:
        django = [name for name in imported_modules(path) if name.split(".")[0] == "django"]
        assert django == [], path.name


def test_importing_the_engine_loads_no_django() -> None:
    code = (
        "import sys, doorstep.matching\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django']\n"
    )
    src = str(PACKAGE.parent.parent)
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env={"PYTHONPATH": src}, capture_output=True, check=False
    )
    assert completed.returncode == 0, completed.stderr.decode()
