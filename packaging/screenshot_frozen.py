"""Screenshots of the frozen build as the clerk meets it, on a virtual X screen (Xvfb).

    .venv/bin/python packaging/screenshot_frozen.py [--dist dist/ArchiveDesk] [--out DIR]

Starts ``dist/ArchiveDesk/ArchiveDesk`` itself (no Python of ours inside it) on a demo archive
made by the build's console twin, and drives it with real X input (xdotool): the login dialog
(``login.png``), the name and password typed, the main window (``main.png``), then the card tab's
Excel export, whose save dialog is Qt's own file dialog (``file-dialog.png``: its buttons and
labels come from Qt's translation inside the build). The pictures are taken by a separate Qt
process grabbing the X screen. Needs Xvfb and xdotool (``apt-get install xvfb xdotool``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
app.primaryScreen().grabWindow(0).save(sys.argv[1])
"""


class Screen:
    """An Xvfb display and the programs on it."""

    def __init__(self, size: str) -> None:
        read_end, write_end = os.pipe()
        self.server = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                f"{size}x24",
            ],
            pass_fds=(write_end,),
        )
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            self.display = ":" + pipe.readline().strip()
        self.env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}

    def grab(self, out: Path) -> None:
        subprocess.run([sys.executable, "-c", GRAB, str(out)], env=self.env, check=True)
        print(f"screenshot: {out}")

    def keys(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True)
        time.sleep(0.3)

    def click(self, window: str, x: int, y: int) -> None:
        """A click at (x, y) inside the window ``window`` (an X window id)."""
        self.keys("mousemove", "--window", window, str(x), str(y), "click", "1")

    def window(self, name: str) -> str:
        """The id of the visible window whose title holds ``name``."""
        for _ in range(50):
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", name],
                env=self.env,
                capture_output=True,
                text=True,
            ).stdout.split()
            if found:
                return found[-1]
            time.sleep(0.2)
        raise SystemExit(f"no window named {name!r}")

    def close(self) -> None:
        self.server.terminate()
        self.server.wait()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "ArchiveDesk")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "frozen-shots")
    parser.add_argument("--size", default="1024x768")
    args = parser.parse_args()
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        print("needs Xvfb and xdotool: apt-get install xvfb xdotool", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="frozen-shot-"))
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "zh_CN.UTF-8",
        **{
            v: str(home / v.lower()) for v in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")
        },
    }
    db = home / "archive.db"
    subprocess.run(
        [args.dist / "archive-desk", "--db", db, "demo"], env=env, check=True, capture_output=True
    )
    screen = Screen(args.size)
    program = subprocess.Popen(
        [args.dist / "ArchiveDesk", "--db", db],
        env={**env, "DISPLAY": screen.display, "QT_QPA_PLATFORM": "xcb"},
    )
    try:
        time.sleep(4)
        screen.grab(args.out / "login.png")
        screen.keys("type", "--delay", "60", "lihua")
        screen.keys("key", "Tab")
        screen.keys("type", "--delay", "60", "demo1234")
        screen.keys("key", "Return")
        time.sleep(4)
        screen.grab(args.out / "main.png")
        main_window = screen.window("档案台")
        screen.keys("windowsize", main_window, args.size.split("x")[0], args.size.split("x")[1])
        screen.keys("windowmove", main_window, "0", "0")
        time.sleep(1)
        screen.grab(args.out / "main.png")
        screen.click(main_window, 78, 33)  # the 档案卡 tab
        time.sleep(3)
        screen.grab(args.out / "cards.png")
        screen.click(main_window, 682, 725)  # 导出 Excel… at the foot of the card list
        time.sleep(3)
        screen.grab(args.out / "file-dialog.png")
        return 0
    finally:
        program.terminate()
        try:
            program.wait(timeout=60)
        except subprocess.TimeoutExpired:
            program.kill()
        screen.close()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
