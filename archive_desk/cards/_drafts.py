"""Autosaved drafts of the card editor: a crash or power cut loses nothing typed.

A draft is a JSON file per user and card (``new-<n>`` for a card not yet saved) in the drafts
folder of this workstation's folder for the archive (next to a database file; for a server,
``Location.local_folder``), written atomically (temp file, fsync, rename) so a power cut leaves
the old draft or the new one, never half of one. The editor deletes its draft when the card is
saved or the clerk drops the changes; what is left at the next start is offered back.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive_desk.atomicfile import atomic_write_bytes

_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class Draft:
    path: Path
    username: str
    key: str  # "card-<id>" or "new-<stamp>"
    title: str  # what the clerk recognises: the name typed so far, or the archive number
    saved_at: dt.datetime
    payload: dict[str, Any]

    @property
    def card_id(self) -> int | None:
        return int(self.key[5:]) if self.key.startswith("card-") else None


def drafts_dir(folder: Path) -> Path:
    """The drafts of the archive whose local folder is ``folder``."""
    return Path(folder) / "drafts"


def _file(folder: Path, username: str, key: str) -> Path:
    return drafts_dir(folder) / f"{_SAFE.sub('_', username)}__{_SAFE.sub('_', key)}.json"


def save(
    folder: Path, username: str, key: str, title: str, payload: dict[str, Any], now: dt.datetime
) -> Path:
    path = _file(folder, username, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "username": username,
        "key": key,
        "title": title,
        "saved_at": now.isoformat(timespec="seconds"),
        "payload": payload,
    }
    atomic_write_bytes(path, json.dumps(body, ensure_ascii=False, default=str).encode("utf-8"))
    return path


def discard(folder: Path, username: str, key: str) -> None:
    _file(folder, username, key).unlink(missing_ok=True)


def pending(folder: Path, username: str) -> list[Draft]:
    """The user's drafts left from an earlier session, newest first (unreadable files skipped)."""
    folder = drafts_dir(folder)
    if not folder.is_dir():
        return []
    out: list[Draft] = []
    for path in folder.glob(f"{_SAFE.sub('_', username)}__*.json"):
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
            out.append(
                Draft(
                    path=path,
                    username=body["username"],
                    key=body["key"],
                    title=body.get("title", ""),
                    saved_at=dt.datetime.fromisoformat(body["saved_at"]),
                    payload=body["payload"],
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(out, key=lambda d: d.saved_at, reverse=True)
