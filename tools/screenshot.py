"""Screenshot of the real main window on a virtual X screen (Xvfb), to look at the UI.

    make screenshot                       → docs/screenshots/main.png
    make screenshot ARGS="--tab settings --out /tmp/s.png --user zhaomin"

Builds a demo archive in a temporary folder, logs in as a demo user, shows the main window on
the xcb platform (a real X server, so fonts and widgets render as on a desktop) and grabs the
screen. Needs Xvfb (``tools/sysdeps.sh --xvfb`` installs it as root).
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


def _with_xvfb(argv: list[str]) -> int:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        print("Xvfb is missing: run `bash tools/sysdeps.sh --xvfb` as root.", file=sys.stderr)
        return 1
    display = ":97"
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1440x900x24", "-nolisten", "tcp"])
    try:
        time.sleep(1.0)
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "_SHOT_CHILD": "1"}
        return subprocess.call([sys.executable, __file__, *argv], env=env)
    finally:
        server.terminate()
        server.wait()


def _shoot(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer

    from archive_desk import accounts, demo
    from archive_desk.clock import SYSTEM_CLOCK
    from archive_desk.db.connection import open_database
    from archive_desk.ui import app as gui_app
    from archive_desk.ui.context import AppContext
    from archive_desk.ui.main_window import MainWindow
    from archive_desk.ui.preferences import Preferences

    folder = Path(tempfile.mkdtemp(prefix="archive-desk-shot-"))
    db_path = folder / "archive.db"
    open_database(db_path)
    demo.populate(clock=SYSTEM_CLOCK, cards_count=args.cards)
    actor = accounts.login(args.user, demo.DEMO_PASSWORD)
    app = gui_app.make_application([])
    prefs = Preferences(folder / "prefs.ini")
    prefs.set_language(args.language)
    keep = gui_app.install_translators(app, args.language)  # noqa: F841
    window = MainWindow(AppContext(db_path=db_path, actor=actor), prefs)
    window.resize(1366, 768)
    window.move(0, 0)
    window.show()
    if args.tab:
        window.show_tab(args.tab)
    if args.open_card:
        from archive_desk import cards

        card_id = (
            cards.find_by_archive_no(actor, args.open_card)
            or cards.card_ids(actor, cards.CardFilter())[0]
        )
        editor = window.cards_tab.open_card(card_id)
        if editor is not None:
            editor.move(40, 20)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)

    def grab() -> None:
        screen = app.primaryScreen()
        picture = screen.grabWindow(0, 0, 0, 1366, 768)
        picture.save(str(out))
        print(f"screenshot: {out}")
        app.quit()

    QTimer.singleShot(int(args.wait * 1000), grab)
    app.exec()
    from archive_desk.ui import background

    background.wait()  # no read still on the file that is removed next
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "main.png"))
    parser.add_argument("--user", default="lihua")
    parser.add_argument("--tab", default="")
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--cards", type=int, default=240)
    parser.add_argument("--wait", type=float, default=1.5)
    parser.add_argument("--open-card", default="", help="also open this card (or the first)")
    args, _ = parser.parse_known_args()
    if os.environ.get("_SHOT_CHILD"):
        return _shoot(args)
    return _with_xvfb(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
