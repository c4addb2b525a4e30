"""The Windows installer script compiles: ``makensis`` (NSIS, installed by tools/sysdeps.sh) on
``packaging/installer.nsi`` with a stub build folder, warnings treated as errors.

The installer is built for real on Windows by packaging/build-windows.ps1; this keeps the script
from rotting where nobody runs Windows. What the script promises (per-user, no administrator
rights, shortcuts, the data folder kept unless the clerk asks) is checked in its commands:
running the installer needs Windows.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "installer.nsi"


@pytest.fixture
def stub_build(tmp_path: Path) -> Path:
    """What the PyInstaller build leaves in dist/ArchiveDesk, as placeholders."""
    build = tmp_path / "ArchiveDesk"
    (build / "_internal" / "archive_desk" / "resources").mkdir(parents=True)
    for exe in ("ArchiveDesk.exe", "archive-desk.exe"):
        (build / exe).write_bytes(b"MZ" + bytes(62))
    (build / "_internal" / "archive_desk" / "resources" / "placeholder.txt").write_text("x")
    return build


def _makensis(*args: str) -> subprocess.CompletedProcess[str]:
    makensis = shutil.which("makensis")
    assert makensis, "makensis is missing: run tools/sysdeps.sh as root (apt-get install nsis)"
    return subprocess.run(
        [makensis, "-WX", "-V2", *args, str(SCRIPT)], capture_output=True, text=True, timeout=120
    )


def test_the_installer_script_compiles_without_warnings(stub_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "ArchiveDesk-Setup-9.8.7.exe"
    done = _makensis("-DVERSION=9.8.7", f"-DSOURCE_DIR={stub_build}", f"-DOUT_FILE={out}")
    assert done.returncode == 0, done.stdout + done.stderr
    data = out.read_bytes()
    assert data[:2] == b"MZ" and len(data) > 50_000  # a Windows program: the NSIS stub and data
    # NSIS keeps the version resource uncompressed: the version passed in is the one shown
    assert "9.8.7".encode("utf-16-le") in data


def test_a_missing_build_fails_the_compile(tmp_path: Path) -> None:
    # the File commands name the build's files: packing an empty folder must not "succeed"
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _makensis(f"-DSOURCE_DIR={empty}", f"-DOUT_FILE={tmp_path / 'x-Setup.exe'}")
    assert done.returncode != 0
    assert "ArchiveDesk.exe" in done.stdout + done.stderr


def test_the_script_installs_per_user_and_keeps_the_data_unless_asked() -> None:
    text = SCRIPT.read_text(encoding="utf-8-sig")
    lines = [line.split(";", 1)[0].strip() for line in text.splitlines()]
    assert "RequestExecutionLevel user" in lines
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_ID}"' in lines
    assert not any(line.startswith("WriteReg") and "HKLM" in line for line in lines)
    assert any(line.startswith('CreateShortCut "$SMPROGRAMS') for line in lines)
    assert any(line.startswith('CreateShortCut "$DESKTOP') for line in lines)
    # the data folder is removed only by the uninstaller's optional section, off by default,
    # and only after the clerk confirms
    removals = [i for i, line in enumerate(lines) if line.startswith('RMDir /r "${DATA_DIR}"')]
    assert len(removals) == 1
    section = max(i for i, line in enumerate(lines[: removals[0]]) if line.startswith("Section"))
    assert lines[section].startswith('Section /o "un.')
    assert any(line.startswith("MessageBox") for line in lines[section : removals[0]])
