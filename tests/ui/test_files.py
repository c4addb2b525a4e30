"""File dialogs: they start in the last folder used for that kind of file, else in Documents, with
a Chinese file name, and every one in the program goes through ``ui/files.py``.

The dialogs are the real, configured QFileDialogs; only showing them is replaced (``files.runner``)
by a clerk who looks at where the dialog starts and picks a folder.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from archive_desk.ui import app as gui_app
from archive_desk.ui import files
from archive_desk.ui.preferences import Preferences
from archive_desk.ui.tabs.cards_tab import CardsTab
from archive_desk.ui.tabs.reports_tab import ReportsTab
from archive_desk.ui.widgets.pdf_preview import PdfPreview
from tests.cardkit import make_card
from tests.ui.test_widgets import make_pdf

UI = Path(__file__).resolve().parents[2] / "archive_desk" / "ui"


@dataclass
class Seen:
    """What the clerk saw in one dialog."""

    title: str
    folder: Path
    name: str  # the proposed file name ("" in an open dialog)
    saving: bool
    look_in: str  # the label over the folder list


@dataclass
class Clerk:
    """Answers file dialogs: each answer is a folder to save into (with the proposed name, or
    ``name`` when set) or None to cancel."""

    answers: list[Path | None] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    name: str | None = None

    def __call__(self, dialog: QFileDialog) -> str | None:
        selected = dialog.selectedFiles()
        saving = dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        proposed = Path(selected[0]).name if saving and selected else ""
        self.seen.append(
            Seen(
                dialog.windowTitle(),
                Path(dialog.directory().absolutePath()),
                proposed,
                saving,
                dialog.labelText(QFileDialog.DialogLabel.LookIn),
            )
        )
        folder = self.answers.pop(0)
        return None if folder is None else str(folder / (self.name or proposed))


@dataclass(frozen=True)
class Workstation:
    home: Path
    documents: Path
    program: Path  # the folder the program was started from


@pytest.fixture
def workstation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workstation:
    """A user with a Documents folder and fresh preferences, the program started elsewhere."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the preferences file
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.chdir(program)
    return Workstation(home, home / "Documents", program)


@pytest.fixture
def clerk_at_dialogs(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Clerk:
    answering = Clerk()
    monkeypatch.setattr(files, "runner", answering)
    return answering


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    locale = QLocale()
    kept = gui_app.install_translators(qapp, "zh_CN")
    yield
    for translator in kept:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(locale)


def test_the_first_export_starts_in_documents_and_the_next_where_the_last_went(
    qtbot, clerk, make_ctx, workstation: Workstation, clerk_at_dialogs: Clerk, sink, tmp_path
) -> None:
    make_card(clerk, "北京海淀科技有限公司")
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    shared = tmp_path / "共享盘" / "档案"
    shared.mkdir(parents=True)
    clerk_at_dialogs.answers = [shared, shared]
    tab.export_excel()
    first = clerk_at_dialogs.seen[0]
    assert first.saving and first.folder == workstation.documents != workstation.program
    assert first.name == "客户档案-20260302.xlsx"
    assert load_workbook(shared / first.name).active.max_row == 2  # header and the card
    tab.export_excel()
    assert clerk_at_dialogs.seen[1].folder == shared
    assert Preferences().last_folder("excel") == str(shared)  # on this workstation, for next time


def test_a_cancelled_dialog_saves_and_remembers_nothing(
    qtbot, clerk, make_ctx, workstation: Workstation, clerk_at_dialogs: Clerk, sink
) -> None:
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    clerk_at_dialogs.answers = [None, None]
    tab.export_excel()
    tab.export_excel()
    assert [s.folder for s in clerk_at_dialogs.seen] == [workstation.documents] * 2
    assert list(workstation.documents.iterdir()) == []
    assert sink.shown == []


def test_each_kind_of_file_has_its_own_folder(
    qtbot, workstation: Workstation, clerk_at_dialogs: Clerk, tmp_path, sink
) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    data = make_pdf(2)
    assert preview.load_bytes(data, name="客户档案借阅登记簿.pdf")
    pdfs = tmp_path / "打印稿"
    pdfs.mkdir()
    clerk_at_dialogs.answers = [pdfs, pdfs]
    preview.save_dialog()
    seen = clerk_at_dialogs.seen[0]
    assert (seen.folder, seen.name) == (workstation.documents, "客户档案借阅登记簿.pdf")
    assert (pdfs / "客户档案借阅登记簿.pdf").read_bytes() == data
    assert files.start_folder(files.EXCEL, Preferences()) == workstation.documents
    preview.save_dialog()
    assert clerk_at_dialogs.seen[1].folder == pdfs


def test_a_pdf_that_cannot_be_saved_is_told_in_chinese(
    qtbot, workstation: Workstation, clerk_at_dialogs: Clerk, tmp_path, sink
) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    assert preview.load_bytes(make_pdf(1), name="客户档案卡.pdf")
    clerk_at_dialogs.answers = [tmp_path / "拔掉的U盘"]  # gone between choosing and saving
    preview.save_dialog()
    (text,) = sink.texts("error")
    assert text.startswith("文件夹不存在，文件未保存") and "客户档案卡.pdf" in text


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(
    workstation: Workstation, tmp_path
) -> None:
    prefs = Preferences()
    prefs.set_last_folder("pdf", str(tmp_path / "U盘"))  # the stick was pulled out
    assert files.start_folder(files.PDF, prefs) == workstation.documents


def test_without_a_documents_folder_the_home_folder(workstation: Workstation) -> None:
    workstation.documents.rmdir()
    assert files.start_folder(files.PDF, Preferences()) == workstation.home


def test_the_reports_tab_asks_through_the_helper(
    qtbot, clerk, make_ctx, workstation: Workstation, clerk_at_dialogs: Clerk, sink
) -> None:
    tab = ReportsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    tab.month.setDate(tab.month.date().fromString("2026-02", "yyyy-MM"))
    clerk_at_dialogs.answers = [workstation.documents]
    out = tab.export_monthly()
    seen = clerk_at_dialogs.seen[0]
    assert (seen.folder, seen.name) == (workstation.documents, "借阅月报-2026-02.xlsx")
    assert out == workstation.documents / "借阅月报-2026-02.xlsx" and out.is_file()


def test_the_suffix_is_added_when_the_clerk_leaves_it_off(
    workstation: Workstation, clerk_at_dialogs: Clerk
) -> None:
    clerk_at_dialogs.answers = [workstation.documents]
    clerk_at_dialogs.name = "三月借阅"
    chosen = files.save_path(None, files.EXCEL, "导出", "借阅月报")
    assert chosen == workstation.documents / "三月借阅.xlsx"
    assert clerk_at_dialogs.seen[0].name == "借阅月报.xlsx"


def test_a_proposed_name_never_holds_a_character_windows_refuses(
    workstation: Workstation, clerk_at_dialogs: Clerk
) -> None:
    clerk_at_dialogs.answers = [None]
    files.save_path(None, files.PDF, "保存", '借阅登记簿 3/1–3/31: "全部"')
    name = clerk_at_dialogs.seen[0].name
    assert name == "借阅登记簿 3-1–3-31- -全部-.pdf"


def test_an_open_dialog_starts_where_that_kind_was_last_saved(
    workstation: Workstation, clerk_at_dialogs: Clerk, tmp_path
) -> None:
    folder = tmp_path / "报表"
    folder.mkdir()
    clerk_at_dialogs.answers = [folder, None]
    clerk_at_dialogs.name = "月报.xlsx"
    files.save_path(None, files.EXCEL, "导出", "月报")
    assert files.open_path(None, files.EXCEL, "打开") is None
    opened = clerk_at_dialogs.seen[1]
    assert not opened.saving and opened.folder == folder


def test_the_dialog_the_clerk_sees_is_chinese(
    qtbot, workstation: Workstation, chinese: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts: list[str] = []

    def look(dialog: QFileDialog) -> None:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own widgets
        texts.extend(label.text() for label in dialog.findChildren(QLabel) if label.text())
        texts.append(dialog.labelText(QFileDialog.DialogLabel.Accept))
        return None

    monkeypatch.setattr(files, "runner", look)
    files.save_path(None, files.PDF, "保存 PDF", "客户档案卡")
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert [t for t in texts if re.search("[A-Za-z]{2,}", t)] == []


def _uses_qfiledialog(path: Path) -> list[int]:
    """Lines that import or name the QFileDialog class (the string "QFileDialog" is no use)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Name) and node.id == "QFileDialog")
        or (isinstance(node, ast.alias) and node.name == "QFileDialog")
    )


def test_no_file_dialog_is_opened_past_the_helper() -> None:
    direct = [
        f"{path.relative_to(UI)}:{line}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "files.py"
        for line in _uses_qfiledialog(path)
    ]
    assert _uses_qfiledialog(UI / "files.py")  # the check sees a use where there is one
    assert direct == [], "use archive_desk.ui.files.save_path / open_path"
