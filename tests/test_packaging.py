"""The wheel a clerk's PC gets: built from the source, installed into a fresh virtual environment
outside the source tree, and run from there.

``pip install .`` once gave a program without its ``archive_desk.resources`` package (no
translation, ``print card`` dying on ModuleNotFoundError) while every test of the editable
install passed. These tests build the wheel the way a user does (from a copy of the tree, so a
stale ``build/`` folder cannot hide a missing file), install it with ``--no-deps --no-index``
into a new venv whose only way to the libraries is a ``.pth`` line to this venv's
site-packages (they are not ``archive_desk``), and use the installed ``archive-desk`` command
from a temporary folder, with no ``PYTHONPATH``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive_desk import paths
from archive_desk.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")


def _files(folder: Path) -> set[str]:
    """Every file under ``folder`` (relative, with ``/``), caches left out."""
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def test_the_source_run_reads_the_resources_folder_itself() -> None:
    # the editable install maps archive_desk.resources onto resources/, where make i18n writes
    assert paths.resource_dir() == ROOT / "resources"
    assert paths.resource("i18n", "archive_desk_zh_CN.qm").is_file()


def test_a_checkout_that_was_never_installed_finds_its_resources_folder(tmp_path: Path) -> None:
    # the bare interpreter this venv was made from: no archive_desk installed, only the checkout
    # on sys.path, so archive_desk.resources does not import
    script = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
        "from archive_desk.paths import resource_dir; print(resource_dir())"
    )
    done = subprocess.run(
        [sys._base_executable, "-I", "-c", script],  # type: ignore[attr-defined]
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == ROOT / "resources"


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """This process dressed as a PyInstaller build unpacked into ``tmp_path``."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    paths.resource_dir.cache_clear()
    yield tmp_path
    paths.resource_dir.cache_clear()  # the next lookup sees this process as it is again


def test_a_frozen_build_reads_the_resources_inside_its_own_folder(frozen: Path) -> None:
    # the spec puts resources/ there; the editable install's archive_desk.resources (this
    # checkout) must not be what a frozen build reads
    assert paths.resource_dir() == frozen / "archive_desk" / "resources"
    assert paths.resource("fonts", "x.ttc") == frozen / "archive_desk/resources/fonts/x.ttc"


def test_the_font_is_shipped_with_its_licence_and_comes_first_for_the_forms() -> None:
    from archive_desk.forms import fonts

    bundled = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
    assert bundled.is_file()
    licence = (bundled.parent / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "WenQuanYi" in licence
    saved = os.environ.pop(fonts.ENV_VAR, None)
    try:
        info = fonts.find_font(fonts.candidates(), name="BundledFirst", bold_name="BundledFirst-B")
    finally:
        if saved is not None:
            os.environ[fonts.ENV_VAR] = saved
    assert info.embedded and info.path == bundled  # not the system's copy of the same font


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("archive_desk", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=SKIP)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
        check=True,
        capture_output=True,
        cwd=out,
    )
    (built,) = out.glob("archive_desk-*.whl")
    return built


@dataclass(frozen=True)
class Installed:
    prefix: Path  # the fresh venv
    python: Path
    command: Path  # its archive-desk entry point
    env: dict[str, str]
    work: Path  # a folder outside the source tree to run in

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args],
            env=self.env,
            cwd=self.work,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def archive_desk(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        done = self.run(self.command, *args)
        assert done.returncode == 0, done.stdout + done.stderr
        return done


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    prefix = tmp_path_factory.mktemp("venv") / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True)
    python = prefix / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # the dependencies (PySide6, reportlab, …) from this venv, after the wheel is installed (pip
    # would otherwise see this venv's editable archive-desk as already there); a path line in a
    # .pth file is only appended to sys.path, the .pth files in that folder (the editable
    # install's finder) are not run
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "dev-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    home = tmp_path_factory.mktemp("home")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "ARCHIVE_DESK_PASSWORD": DEMO_PASSWORD,
        **{
            v: str(home / v.lower()) for v in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")
        },
    }
    for var in ("LANG", "LC_ALL"):  # no ARCHIVE_DESK_FONT: the wheel brings its own font
        if var in os.environ:
            env[var] = os.environ[var]
    return Installed(prefix, python, prefix / "bin" / "archive-desk", env, home)


@pytest.mark.slow
def test_the_wheel_holds_every_module_resource_and_migration(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = _files(ROOT / "resources")
    assert "i18n/archive_desk_zh_CN.qm" in resources
    missing = {f"archive_desk/resources/{f}" for f in resources} - names
    assert not missing, f"resources/ files not in the wheel: {sorted(missing)}"
    migrations = {f for f in _files(ROOT / "archive_desk") if f.startswith("db/migrations/")}
    assert len(migrations) >= 6
    modules = {f"archive_desk/{f}" for f in _files(ROOT / "archive_desk")}
    assert not modules - names, f"not in the wheel: {sorted(modules - names)}"
    # nothing from outside the package: no top-level resources/, tests or tools
    tops = {n.split("/", 1)[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"archive_desk"}


@pytest.mark.slow
def test_the_installed_copy_runs_from_the_wheel_not_the_source(installed: Installed) -> None:
    done = installed.run(
        installed.python,
        "-c",
        "import json, archive_desk, archive_desk.paths as p;"
        "from archive_desk.forms.fonts import cjk_font;"
        "print(json.dumps([archive_desk.__file__, str(p.resource_dir()), str(cjk_font().path)]))",
    )
    assert done.returncode == 0, done.stderr
    package, resources, font = (Path(p) for p in json.loads(done.stdout))
    assert package.is_relative_to(installed.prefix)
    assert resources == package.parent / "resources"
    assert not resources.is_relative_to(ROOT)
    assert font == resources / "fonts" / "wqy-microhei.ttc"  # the forms' font came along


def _pdf_checks(installed: Installed, pdf: Path) -> str:
    """The PDF's text; every font in it is embedded (pdffonts' "emb" column)."""
    fonts = installed.run("pdffonts", pdf).stdout.splitlines()[2:]
    assert fonts, "no fonts in " + pdf.name
    assert all(line.split()[-5] == "yes" for line in fonts), "\n".join(fonts)
    return installed.run("pdftotext", "-layout", pdf, "-").stdout


@pytest.mark.slow
def test_the_installed_command_makes_a_demo_and_prints_a_card_and_the_register(
    installed: Installed,
) -> None:
    db = installed.work / "archive.db"
    installed.archive_desk("--db", db, "demo", "--cards", "30", "--loans", "20")
    with sqlite3.connect(db) as conn:
        number, name = conn.execute("SELECT archive_no, name FROM card ORDER BY id").fetchone()
    card = installed.work / "card.pdf"
    user = ("--db", db, "--user", "lihua")
    installed.archive_desk(*user, "print", "card", number, "--out", card)
    text = _pdf_checks(installed, card)
    assert number in text and name in text
    register = installed.work / "register.pdf"
    today = dt.date.today()
    span = ("--from", f"{today.replace(year=today.year - 2):%Y-%m-%d}", "--to", f"{today:%Y-%m-%d}")
    installed.archive_desk(*user, "print", "register", *span, "--out", register)
    assert "客户档案借阅登记簿" in _pdf_checks(installed, register)


@pytest.mark.slow
def test_the_installed_copy_loads_the_chinese_translation(installed: Installed) -> None:
    script = (
        "import json\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from archive_desk.ui import app as gui\n"
        "app = gui.make_application([])\n"
        "kept = gui.install_translators(app, 'zh_CN')\n"
        "print(json.dumps({'files': [t.filePath() for t in kept],\n"
        "  'settings': QCoreApplication.translate('MainWindow', 'Settings'),\n"
        "  'cancel': QCoreApplication.translate('QPlatformTheme', 'Cancel'),\n"
        "  'look_in': QCoreApplication.translate('QFileDialog', '&Look in:')}))\n"
    )
    done = installed.run(installed.python, "-c", script)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    own = Path(seen["files"][0])
    assert own.name == "archive_desk_zh_CN.qm" and own.is_relative_to(installed.prefix)
    assert seen["settings"] == "设置"
    assert seen["cancel"] == "取消"  # Qt's own qtbase_zh_CN.qm, from PySide6
    assert seen["look_in"] == "查找范围(&L)："  # a label Qt's file lacks, from the program's
