"""Reading a printed form back the way a person checks it: its text line by line as poppler lays
it out (``pdftotext -layout``), its fonts (``pdffonts``), its pages rendered (``pdftoppm``)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: tools/sysdeps.sh installs poppler-utils"
    return found


def layout_lines(path: Path) -> list[str]:
    """The text of every page, one printed line per item, columns side by side."""
    done = subprocess.run(
        [_tool("pdftotext"), "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.splitlines()


def broken(path: Path, tokens: Iterable[str]) -> list[str]:
    """The tokens (numbers, dates, codes) that do not appear whole on one printed line.

    A token broken across a cell's lines ("GY202600" over "0123") is on no single line of the
    layout text; each token must also appear at least as often as it is listed.
    """
    lines = layout_lines(path)
    wanted: dict[str, int] = {}
    for token in tokens:
        wanted[token] = wanted.get(token, 0) + 1
    return [
        token for token, count in wanted.items() if sum(line.count(token) for line in lines) < count
    ]


def unembedded_fonts(path: Path) -> list[str]:
    """Names of the fonts ``pdffonts`` lists as not embedded (an empty list is good)."""
    done = subprocess.run(
        [_tool("pdffonts"), str(path)], check=True, capture_output=True, text=True
    )
    rows = done.stdout.splitlines()[2:]  # two header lines
    assert rows, f"no fonts in {path}"
    bad = []
    for row in rows:
        # name type encoding emb sub uni object-id: read the three yes/no flags from the right
        parts = row.split()
        emb = parts[-5]
        if emb != "yes":
            bad.append(parts[0])
    return bad


def render_page(path: Path, page: int, out_stem: Path, dpi: int = 110) -> Path:
    """Page ``page`` (1-based) of ``path`` as a PNG next to ``out_stem``."""
    subprocess.run(
        [_tool("pdftoppm"), "-r", str(dpi), "-png", "-f", str(page), "-l", str(page),
         "-singlefile", str(path), str(out_stem)],
        check=True,
    )  # fmt: skip
    return out_stem.with_suffix(".png")
