"""Qt's own dialogs (file, print, buttons, calendar) speak Chinese when the program does.

``install_translators`` loads the program's translation and Qt's ``qtbase_zh_CN.qm`` shipped
with PySide6; the strings that file lacks (Qt 6 added mnemonics to "Look in:", "Files of type:"
and a few print-dialog labels, and the Chinese file was never updated) come from the program's
own translation (``archive_desk/ui/qt_strings.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCalendarWidget,
    QDialogButtonBox,
    QFileDialog,
    QFileSystemModel,
    QLabel,
    QWidget,
)

from archive_desk.ui import app as gui_app

ENGLISH = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """The translators the program installs for zh_CN; removed again (other tests read English)."""
    locale = QLocale()
    kept = gui_app.install_translators(qapp, "zh_CN")
    yield kept
    for translator in kept:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(locale)


def _texts(widget: QWidget) -> list[str]:
    """The visible texts of the widget's labels and buttons (mnemonic ampersands kept)."""
    labels = [w.text() for w in widget.findChildren(QLabel) if w.text()]
    buttons = [w.text() for w in widget.findChildren(QAbstractButton) if w.text()]
    return labels + buttons


def test_qt_translation_comes_from_pyside6(chinese: list[QTranslator]) -> None:
    files = [t.filePath() for t in chinese]
    assert any(f.endswith("qtbase_zh_CN.qm") for f in files), files


def test_standard_buttons_are_chinese(qtbot, chinese: list[QTranslator]) -> None:
    Button = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(Button.Ok | Button.Cancel | Button.Save | Button.Close)
    qtbot.addWidget(box)
    texts = {box.button(b).text().replace("&", "") for b in (Button.Ok, Button.Cancel)}
    assert texts == {"确定", "取消"}
    assert "保存" in box.button(Button.Save).text()
    assert "关闭" in box.button(Button.Close).text()


def test_a_save_dialog_has_no_english_label(qtbot, chinese: list[QTranslator]) -> None:
    dialog = QFileDialog(None, "保存", "", "PDF (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    texts = _texts(dialog)
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert [t for t in texts if ENGLISH.search(t)] == []


def test_a_save_dialog_lists_a_folder_in_chinese(
    qtbot, chinese: list[QTranslator], tmp_path
) -> None:
    # the list's 类型 column: Qt's file lacks QAbstractFileIconProvider's "Folder", so a folder
    # was listed as "Folder" in an otherwise Chinese dialog (seen in the frozen build's picture)
    (tmp_path / "备份").mkdir()
    dialog = QFileDialog(None, "保存", str(tmp_path), "PDF (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    root = model.index(str(tmp_path))
    qtbot.waitUntil(lambda: model.rowCount(root) == 1)
    assert model.data(model.index(0, 2, root)) == "文件夹"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert [h for h in headers if ENGLISH.search(h)] == []


def test_the_print_dialog_has_no_english_label(qtbot, chinese: list[QTranslator]) -> None:
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    english = [t for t in _texts(dialog) if ENGLISH.search(t) and "PDF" not in t]
    assert english == []


def test_the_calendar_popup_names_months_in_chinese(qtbot, chinese: list[QTranslator]) -> None:
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    assert QLocale().monthName(3) == "三月"
    assert calendar.locale().language() == QLocale.Language.Chinese


def test_english_keeps_qt_english(qapp: QApplication) -> None:
    kept = gui_app.install_translators(qapp, "en")
    assert kept == []
