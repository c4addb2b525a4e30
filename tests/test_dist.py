"""The frozen one-folder build (``make dist``) run as a clerk's PC runs it: from a temporary folder,
with a fresh home, no Python and no source tree on any path.

They check the build that ``ARCHIVE_DESK_DIST`` names: ``make test`` ends with ``make dist-check``,
which rebuilds the folder when a source file is newer than it and then runs them. A plain
``pytest`` run leaves this module out (``tests/conftest.py``), and the module fails when the
variable is set to a folder without a build.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive_desk.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[1]
_WHERE = os.environ.get("ARCHIVE_DESK_DIST", "")
DIST = Path(_WHERE).resolve() if _WHERE else None

if DIST is None or not (DIST / "archive-desk").exists():
    pytest.fail(
        f"no frozen build at {_WHERE!r}: run `make dist-check` (it builds one)",
        pytrace=False,
    )


@dataclass(frozen=True)
class Frozen:
    folder: Path  # dist/ArchiveDesk
    env: dict[str, str]
    work: Path  # the clerk's home, and the folder the program runs in

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"

    def run(self, exe: str, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.folder / exe), *map(str, args)],
            env={**self.env, **env},
            cwd=self.work,
            capture_output=True,
            text=True,
            timeout=180,
        )

    def cli(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        done = self.run("archive-desk", *args)
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    def log(self) -> str:
        path = self.work / "xdg_state_home" / "ArchiveDesk" / "log" / "archive-desk.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    assert DIST is not None
    assert (DIST / "archive-desk").is_file(), f"no build in {DIST}: run make dist"
    home = tmp_path_factory.mktemp("clerk")
    env = {
        "PATH": "/usr/bin:/bin",  # no venv, no pyenv: the build brings its own Python
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "ARCHIVE_DESK_PASSWORD": DEMO_PASSWORD,
        **{
            v: str(home / v.lower()) for v in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")
        },
    }
    for var in ("LANG", "LC_ALL"):
        if var in os.environ:
            env[var] = os.environ[var]
    return Frozen(DIST, env, home)


@pytest.fixture(scope="module")
def demo_db(frozen: Frozen) -> Path:
    db = frozen.work / "archive.db"
    done = frozen.cli("--db", db, "demo", "--cards", "30", "--loans", "20")
    assert "演示数据已写入" in done.stdout
    return db


def test_the_build_holds_what_the_program_loads_and_not_the_unused_qt(frozen: Frozen) -> None:
    inside = frozen.internal
    resources = inside / "archive_desk" / "resources"
    for name in (
        "i18n/archive_desk_zh_CN.qm",
        "fonts/wqy-microhei.ttc",
        "fonts/LICENSE-wqy-microhei.txt",
        "icons/archive-desk.png",
    ):
        assert (resources / name).is_file(), name
    migrations = sorted(p.name for p in (inside / "archive_desk/db/migrations").glob("0*.py"))
    assert migrations == sorted(p.name for p in (ROOT / "archive_desk/db/migrations").glob("0*.py"))
    qt = inside / "PySide6" / "Qt"
    assert (qt / "translations" / "qtbase_zh_CN.qm").is_file()
    assert not list((qt / "translations").glob("qtbase_de.qm"))  # only the Chinese is kept
    for plugin in ("platforms/libqxcb.so", "platforms/libqoffscreen.so"):
        assert (qt / "plugins" / plugin).is_file(), plugin
    # the import of a clerk's ledger: its package and python-calamine, which reads spreadsheets
    assert list((inside / "archive_desk" / "importing").glob("_read_spreadsheet.*"))
    assert list((inside / "python_calamine").glob("_python_calamine*"))
    libraries = " ".join(p.name for p in inside.rglob("*.so*"))
    for unused in ("Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt63D", "Qt6Multimedia", "Qt6Svg"):
        assert unused not in libraries, unused


def test_demo_and_check_run_from_the_build(frozen: Frozen, demo_db: Path) -> None:
    done = frozen.cli("--db", demo_db, "check")
    assert "结论：未发现问题" in done.stdout
    with sqlite3.connect(demo_db) as conn:
        migrations = conn.execute("SELECT COUNT(*) FROM schema_migration").fetchone()[0]
    assert migrations == len(list((ROOT / "archive_desk/db/migrations").glob("0*.py")))


def _embedded_text(frozen: Frozen, pdf: Path) -> str:
    """The PDF's text, after checking every font in it is embedded and is the bundled one."""
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, "no fonts in " + pdf.name
    assert all(row.split()[-5] == "yes" for row in rows), fonts
    assert all("WenQuanYiMicroHei" in row for row in rows), fonts
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout


def test_a_card_and_the_register_print_with_the_bundled_font(frozen: Frozen, demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        number, name = conn.execute("SELECT archive_no, name FROM card ORDER BY id").fetchone()
    user = ("--db", demo_db, "--user", "lihua")
    card = frozen.work / "card.pdf"
    frozen.cli(*user, "print", "card", number, "--out", card)
    text = _embedded_text(frozen, card)
    assert number in text and name in text
    register = frozen.work / "register.pdf"
    today = dt.date.today()
    span = ("--from", f"{today.replace(year=today.year - 2):%Y-%m-%d}", "--to", f"{today:%Y-%m-%d}")
    frozen.cli(*user, "print", "register", *span, "--out", register)
    assert "客户档案借阅登记簿" in _embedded_text(frozen, register)


def test_the_program_starts_to_the_login_dialog_in_chinese(frozen: Frozen, demo_db: Path) -> None:
    done = frozen.run("ArchiveDesk", "--db", demo_db, ARCHIVE_DESK_EXIT_AT_LOGIN="1")
    assert done.returncode == 0, done.stdout + done.stderr
    found = re.search(r"^LOGIN_PAINTED login_dialog (\d+)$", done.stdout, re.MULTILINE)
    assert found, done.stdout + done.stderr
    # both translations came from inside the build: the program's and Qt's own (standard
    # buttons and file dialogs in Chinese)
    loaded = [line for line in frozen.log().splitlines() if "translations:" in line][-1]
    files = [Path(f) for f in loaded.split("translations:", 1)[1].strip().split(", ")]
    assert [f.name for f in files] == ["archive_desk_zh_CN.qm", "qtbase_zh_CN.qm"]
    assert all(f.is_relative_to(frozen.folder) for f in files), files


def test_a_new_database_starts_with_the_first_start_dialog(frozen: Frozen) -> None:
    new = frozen.work / "new" / "archive.db"
    new.parent.mkdir()
    # =store: on until the archive is made behind the dialog (=1 ends at the paint, before it)
    done = frozen.run("ArchiveDesk", "--db", new, ARCHIVE_DESK_EXIT_AT_LOGIN="store")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^LOGIN_PAINTED first_start_dialog \d+$", done.stdout, re.MULTILINE)
    assert re.search(r"^STORE_READY \d+$", done.stdout, re.MULTILINE), done.stdout
    with sqlite3.connect(new) as conn:  # the migrations ran from the build's data files
        assert conn.execute("SELECT COUNT(*) FROM schema_migration").fetchone()[0] >= 6


def test_a_ledger_imports_from_the_build(frozen: Frozen, demo_db: Path) -> None:
    """``archive-desk import``: a CSV in the ANSI code page of a Chinese Excel (GB18030) and the
    same ledger as .xlsx (python-calamine), with the rows not imported written beside."""
    import openpyxl

    rows = [
        ["客户名称", "地区", "客户类别", "联系人", "联系电话", "存放位置"],
        ["冻结构建导入甲公司", "北京", "GY", "张三", "13812345678", "一号库房-01-1-001"],
        ["冻结构建导入乙公司", "上海", "GY", "", "", "一号库房-01-1-002"],
        ["", "北京", "GY", "", "", ""],  # no name: not imported
    ]
    ledger = frozen.work / "台账.csv"
    ledger.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="gb18030")
    rejected = frozen.work / "未导入.xlsx"
    user = ("--db", demo_db, "--user", "lihua")
    done = frozen.cli(*user, "import", ledger, "--rejected", rejected)
    assert "台账.csv：新建 2 张" in done.stdout, done.stdout
    assert openpyxl.load_workbook(rejected).active.max_row == 2  # the header, the nameless row
    book = openpyxl.Workbook()
    book.active.append(rows[0])
    book.active.append(["冻结构建导入丙公司", "广东", "GY", "", "", "一号库房-01-1-003"])
    workbook = frozen.work / "台账.xlsx"
    book.save(workbook)
    done = frozen.cli(*user, "import", workbook)
    assert "台账.xlsx：新建 1 张" in done.stdout, done.stdout
    found = frozen.cli(*user, "search", "冻结构建导入")
    assert all(f"冻结构建导入{n}公司" in found.stdout for n in "甲乙丙"), found.stdout
