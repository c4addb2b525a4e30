"""Where the program's own files are: ``resources/`` in a source checkout, the
``archive_desk.resources`` package in an installed copy (pyproject maps one onto the other)."""

from __future__ import annotations

from functools import cache
from importlib import resources as _resources
from pathlib import Path


@cache
def resource_dir() -> Path:
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout / "__init__.py").exists():
        return checkout
    return Path(str(_resources.files("archive_desk.resources")))


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
