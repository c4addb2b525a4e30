"""Chinese renders on a PC without a Chinese font: the program falls back to its bundled font.

A PC without one is made with a fontconfig file that knows only DejaVu (Latin, no Han): a child
process lays out Chinese text in the application font and says which font's glyphs Qt took.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from archive_desk.ui import app as gui_app

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json
from PySide6.QtGui import QTextLayout
from archive_desk.ui import app as gui
app = gui.make_application([])
layout = QTextLayout("档案台", app.font())
layout.beginLayout()
layout.createLine()
layout.endLayout()
print(json.dumps([[r.rawFont().familyName(), [int(g) for g in r.glyphIndexes()]]
                  for r in layout.glyphRuns()]))
"""


def _latin_only_fonts(tmp_path: Path) -> Path:
    fonts = Path("/usr/share/fonts/truetype/dejavu")
    folder = fonts if fonts.is_dir() else tmp_path  # none at all: Qt has no Chinese either
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{folder}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    return conf


def test_a_pc_without_a_chinese_font_draws_chinese_with_the_bundled_font(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(_latin_only_fonts(tmp_path)),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    runs = json.loads(done.stdout)
    assert [family for family, _glyphs in runs] == ["WenQuanYi Micro Hei"]
    assert all(glyph != 0 for _family, glyphs in runs for glyph in glyphs)  # 0: a box


def test_a_pc_with_a_chinese_font_keeps_it(qapp) -> None:
    # this machine has one (tools/sysdeps.sh installs it): nothing added, the font unchanged
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    families = qapp.font().families()
    assert gui_app.register_fonts(qapp) == []
    assert qapp.font().families() == families
