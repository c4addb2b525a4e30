"""The Chinese font of every printed form.

reportlab's built-in CID font ``STSong-Light`` is not embedded in the PDF: a PC without the Adobe
Chinese pack shows blanks or boxes, so a printout would depend on the clerk's machine. We embed a
TrueType CJK font instead (reportlab subsets it) and use STSong-Light only when none is found,
with a warning in the log.

Search order (first usable wins):

1. the ``ARCHIVE_DESK_FONT`` environment variable (a ``.ttf``/``.ttc`` path);
2. any ``.ttf``/``.ttc`` in the program's ``resources/fonts/`` folder: the program ships
   WenQuanYi Micro Hei there (Apache-2.0, licence beside it), so every form embeds the same font
   on every PC, installed, frozen or run from source;
3. the system fonts of Linux, Windows and macOS listed in :func:`_system_candidates` (a copy whose
   bundled font was removed).

A candidate is skipped when reportlab refuses it (Noto CJK ``.ttc`` files have PostScript outlines:
``TTFError``) or when it has no Chinese glyphs (DejaVu pointed to by mistake).
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from archive_desk.paths import resource

log = logging.getLogger(__name__)

ENV_VAR = "ARCHIVE_DESK_FONT"
FONT_NAME = "ArchiveDeskCJK"
BOLD_FONT_NAME = "ArchiveDeskCJK-Bold"
CID_FALLBACK = "STSong-Light"

# Characters a usable font must have: common ones on every form.
_PROBE = "档案借阅登记簿第页共"


@dataclass(frozen=True)
class FontCandidate:
    """A regular face and, where the system has one, its bold face."""

    path: Path
    bold_path: Path | None = None


@dataclass(frozen=True)
class FontInfo:
    """The registered font: reportlab names, the file it came from, whether PDFs embed it."""

    name: str
    bold_name: str
    path: Path | None
    embedded: bool


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def _system_candidates() -> list[FontCandidate]:
    win = _windows_fonts()
    linux = Path("/usr/share/fonts")
    return [
        # Linux (Debian/Ubuntu package paths first, then Fedora-style ones)
        FontCandidate(linux / "truetype/wqy/wqy-microhei.ttc"),
        FontCandidate(linux / "truetype/wqy/wqy-zenhei.ttc"),
        FontCandidate(linux / "wenquanyi/wqy-microhei/wqy-microhei.ttc"),
        FontCandidate(linux / "wenquanyi/wqy-zenhei/wqy-zenhei.ttc"),
        FontCandidate(linux / "truetype/droid/DroidSansFallbackFull.ttf"),
        FontCandidate(linux / "google-droid/DroidSansFallbackFull.ttf"),
        FontCandidate(linux / "truetype/arphic/uming.ttc"),
        FontCandidate(linux / "truetype/arphic/ukai.ttc"),
        FontCandidate(linux / "cjkuni-uming/uming.ttc"),
        # Windows: YaHei has a real bold file; SimHei is a bold-looking face on its own
        FontCandidate(win / "msyh.ttc", win / "msyhbd.ttc"),
        FontCandidate(win / "msyh.ttf", win / "msyhbd.ttf"),
        FontCandidate(win / "simsun.ttc", win / "simhei.ttf"),
        FontCandidate(win / "simhei.ttf"),
        # macOS
        FontCandidate(
            Path("/System/Library/Fonts/STHeiti Light.ttc"),
            Path("/System/Library/Fonts/STHeiti Medium.ttc"),
        ),
        FontCandidate(Path("/System/Library/Fonts/STHeiti Medium.ttc")),
        FontCandidate(Path("/Library/Fonts/Arial Unicode.ttf")),
        FontCandidate(Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf")),
    ]


def _bundled_candidates() -> list[FontCandidate]:
    folder = resource("fonts")
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))
    regular = [p for p in files if "bold" not in p.stem.lower()]
    bold = [p for p in files if "bold" in p.stem.lower()]
    return [FontCandidate(p, bold[0] if bold else None) for p in regular or files]


def candidates() -> list[FontCandidate]:
    """Every place a CJK font is looked for, in order."""
    found: list[FontCandidate] = []
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        found.append(FontCandidate(Path(env)))
    found.extend(_bundled_candidates())
    found.extend(_system_candidates())
    return found


def _load(path: Path, name: str) -> TTFont | None:
    """The TrueType font at ``path`` if reportlab can embed it and it has Chinese glyphs."""
    if not path.is_file():
        return None
    try:
        font = TTFont(name, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError) as exc:
        log.info("字体不可用，跳过：%s（%s）", path, exc)
        return None
    glyphs = font.face.charToGlyph
    if not all(ord(ch) in glyphs for ch in _PROBE):
        log.info("字体不含中文字形，跳过：%s", path)
        return None
    return font


def find_font(
    search: Iterable[FontCandidate], name: str = FONT_NAME, bold_name: str = BOLD_FONT_NAME
) -> FontInfo:
    """Register the first usable candidate under ``name``/``bold_name`` and describe it.

    Falls back to the non-embedded CID font STSong-Light (with a warning) when none is usable.
    """
    for cand in search:
        regular = _load(cand.path, name)
        if regular is None:
            if os.environ.get(ENV_VAR) and cand.path == Path(os.environ[ENV_VAR].strip()):
                log.warning("%s 指定的字体不可用：%s", ENV_VAR, cand.path)
            continue
        bold = _load(cand.bold_path, bold_name) if cand.bold_path else None
        pdfmetrics.registerFont(regular)
        if bold is not None:
            pdfmetrics.registerFont(bold)
        final_bold = bold_name if bold is not None else name
        pdfmetrics.registerFontFamily(
            name, normal=name, bold=final_bold, italic=name, boldItalic=final_bold
        )
        log.info("表单字体：%s", cand.path)
        return FontInfo(name=name, bold_name=final_bold, path=cand.path, embedded=True)
    log.warning(
        "未找到可嵌入的中文 TrueType 字体，PDF 改用 %s，不嵌入字体："
        "没有中文字体的电脑上可能显示为空白或方框。请安装中文字体或设置 %s。",
        CID_FALLBACK,
        ENV_VAR,
    )
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return FontInfo(name=CID_FALLBACK, bold_name=CID_FALLBACK, path=None, embedded=False)


@functools.cache
def cjk_font() -> FontInfo:
    """The program's form font, found and registered once per process."""
    return find_font(candidates())
