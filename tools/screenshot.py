"""Screenshot of the real main window on a virtual X screen (Xvfb), to look at the UI.

    make screenshot                       → docs/screenshots/main.png
    make screenshot ARGS="--tab settings --out /tmp/s.png --user zhaomin --size 1024x768"
    make screenshot ARGS="--script /tmp/open_dialog.py --out /tmp/d.png"
    make screenshot ARGS="--db postgresql://…/archive_desk --out /tmp/server.png"

``--script FILE`` runs a Python file once the window shows, with ``app``, ``window``, ``actor``
and ``db_path`` in its namespace: it may open a dialog with ``show()`` (not ``exec()``), which is
then in the picture. Each run starts its own X server on a free display, so several can run at
once.

Builds a demo archive in a temporary folder (or opens the one ``--db`` names, a file or a
server: e.g. a demo archive moved with ``migrate --to``, to compare it with the file), logs in as
a demo user, shows the main window on
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
    width, height = _size(argv)
    screen = f"{width}x{height}x24"
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", screen],
        pass_fds=(write_end,),
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            display = ":" + pipe.readline().strip()  # Xvfb picks a free display and says which
        time.sleep(0.3)
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
    from archive_desk.db.location import Location
    from archive_desk.ui import app as gui_app
    from archive_desk.ui.context import AppContext
    from archive_desk.ui.main_window import MainWindow
    from archive_desk.ui.preferences import Preferences

    folder = Path(tempfile.mkdtemp(prefix="archive-desk-shot-"))
    db_path: Path | Location = folder / "archive.db"
    if args.db:
        db_path = Location.of(args.db)
        open_database(db_path)
    else:
        open_database(db_path)
        demo.populate(clock=SYSTEM_CLOCK, cards_count=args.cards)
    actor = accounts.login(args.user, demo.DEMO_PASSWORD)
    app = gui_app.make_application([])
    prefs = Preferences(folder / "prefs.ini")
    prefs.set_language(args.language)
    keep = gui_app.install_translators(app, args.language)  # noqa: F841
    window = MainWindow(AppContext(location=db_path, actor=actor), prefs)
    width, height = _size(sys.argv[1:])
    window.resize(width, height)
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
    if args.script:
        namespace = {"app": app, "window": window, "actor": actor, "db_path": db_path}
        QTimer.singleShot(
            300, lambda: exec(Path(args.script).read_text(encoding="utf-8"), namespace)
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)

    def grab() -> None:
        screen = app.primaryScreen()
        picture = screen.grabWindow(0, 0, 0, width, height)
        picture.save(str(out))
        print(f"screenshot: {out}")
        app.quit()

    QTimer.singleShot(int(args.wait * 1000), grab)
    app.exec()
    from archive_desk.ui import background

    background.wait()  # no read still on the file that is removed next
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def _size(argv: list[str]) -> tuple[int, int]:
    """The screen size asked for with ``--size WxH`` (1024x768 unless said)."""
    text = "1024x768"
    for i, arg in enumerate(argv):
        if arg == "--size" and i + 1 < len(argv):
            text = argv[i + 1]
        elif arg.startswith("--size="):
            text = arg.split("=", 1)[1]
    width, height = text.lower().split("x")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "main.png"))
    parser.add_argument("--user", default="lihua")
    parser.add_argument("--db", default="", help="an existing archive (file or postgresql://…)")
    parser.add_argument("--tab", default="")
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--cards", type=int, default=240)
    parser.add_argument("--wait", type=float, default=1.5)
    parser.add_argument("--open-card", default="", help="also open this card (or the first)")
    parser.add_argument("--size", default="1024x768", help="screen and window size, WxH")
    parser.add_argument("--script", default="", help="Python run once the window shows")
    args, _ = parser.parse_known_args()
    if os.environ.get("_SHOT_CHILD"):
        return _shoot(args)
    return _with_xvfb(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
