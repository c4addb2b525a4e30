"""Keep the Chinese translation in step with the source.

    python tools/i18n.py                 update the .ts from tr() calls, then compile the .qm
    python tools/i18n.py --missing       print the untranslated source strings as JSON
    python tools/i18n.py --fill FILE     merge {"context|source": "译文"} or {"source": "译文"}
                                         from a JSON file into the .ts, then compile

UI strings are English in the code (``self.tr("…")``); ``resources/i18n/archive_desk_zh_CN.ts``
is the translation, edited with Qt Linguist or ``--fill``; the compiled ``.qm`` is committed so
a fresh checkout runs in Chinese. ``tests/ui/test_i18n.py`` fails when a string is untranslated
or the ``.qm`` is stale.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "archive_desk_zh_CN.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def sources() -> list[Path]:
    return sorted((ROOT / "archive_desk" / "ui").rglob("*.py"))


def lupdate(ts: Path = TS) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    args = [str(BIN / "pyside6-lupdate"), *map(str, sources()), "-no-obsolete", "-ts", str(ts)]
    subprocess.run(args, check=True, capture_output=True)


def lrelease(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def messages(ts: Path = TS) -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation> element) of every message."""
    tree = ET.parse(ts)
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((name, message.findtext("source") or "", translation))
    return out


def missing(ts: Path = TS) -> dict[str, str]:
    return {
        f"{ctx}|{src}": ""
        for ctx, src, tr in messages(ts)
        if tr.get("type") == "unfinished" or not (tr.text or "").strip()
    }


def fill(mapping: dict[str, str], ts: Path = TS) -> int:
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            text = mapping.get(f"{name}|{source}") or mapping.get(source)
            translation = message.find("translation")
            if text and translation is not None:
                translation.text = text
                translation.attrib.pop("type", None)
                filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--missing", action="store_true")
    parser.add_argument("--fill", type=Path)
    args = parser.parse_args()
    lupdate()
    if args.fill:
        print(f"filled {fill(json.loads(args.fill.read_text(encoding='utf-8')))} messages")
    if args.missing:
        print(json.dumps(missing(), ensure_ascii=False, indent=1))
    lrelease()
    left = missing()
    print(f"{TS.name}: {len(messages())} messages, {len(left)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
