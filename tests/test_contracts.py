"""The layering is checked, not just written down: import-linter's contracts (pyproject.toml)
hold for the program, and each fails on a copy of it with one forbidden import added."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the tool comes with the test extra (pyproject.toml); missing, this fails rather than skips
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}  # the program found in cwd before the venv's
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_the_contracts_hold() -> None:
    assert LINT_IMPORTS.exists(), "lint-imports is missing: pip install -e '.[test]'"
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


BREACHES = [
    # (file, the import added, the contract that must catch it)
    ("cards/_listing.py", "from archive_desk import borrowing", "Procedure packages use only"),
    ("borrowing/_rules.py", "from archive_desk import handover", "Procedure packages use only"),
    ("borrowing/_lend.py", "import PySide6", "Only archive_desk.ui imports PySide6"),
    ("ui/tabs/cards_tab.py", "from archive_desk.cards import _listing", "_modules are its own"),
    ("forms/card_forms.py", "from archive_desk import cards", "forms and db import no service"),
    ("procedures/holds.py", "from archive_desk import inspection", "kernel and the core"),
    ("errors.py", "from archive_desk import accounts", "No import cycles"),
]


@pytest.mark.parametrize(("path", "line", "contract"), BREACHES, ids=[b[0] for b in BREACHES])
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, path: str, line: str, contract: str
) -> None:
    shutil.copytree(
        ROOT / "archive_desk", tmp_path / "archive_desk",
        ignore=shutil.ignore_patterns("__pycache__", "resources"),
    )  # fmt: skip
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "archive_desk" / path
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    done = _lint(tmp_path)
    assert done.returncode != 0
    broken = done.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, done.stdout
