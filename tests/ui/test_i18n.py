"""The Chinese translation covers every UI string and the shipped .qm is current."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import i18n


def test_every_ui_string_is_translated(tmp_path: Path) -> None:
    ts = tmp_path / "current.ts"
    shutil.copy(i18n.TS, ts)
    i18n.lupdate(ts)  # picks up strings added to the code since the .ts was last updated
    missing = i18n.missing(ts)
    assert not missing, "untranslated (run `make i18n` and translate): " + ", ".join(missing)


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    i18n.lrelease(i18n.TS, fresh)
    assert fresh.read_bytes() == i18n.QM.read_bytes(), "run `make i18n` to recompile the .qm"


def test_the_translation_loads_and_translates(qapp) -> None:
    translator = QTranslator()
    assert translator.load(str(i18n.QM))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "Settings") == "设置"
        assert QCoreApplication.translate("LoginDialog", "Log in") == "登录"
    finally:
        QCoreApplication.removeTranslator(translator)
