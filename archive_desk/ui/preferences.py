"""Per-workstation preferences (language, window geometry, the last folder of each kind of file)
in an INI file of the user's config folder. Shared settings that every workstation must agree on
live in the database instead (:mod:`archive_desk.settings`).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from archive_desk import APP_NAME

LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


def config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "archive-desk.ini"


class Preferences:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_path()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def language(self) -> str:
        value = str(self._qs.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(code)
        self._qs.setValue("ui/language", code)

    def geometry(self, key: str) -> QByteArray | None:
        value = self._qs.value(f"geometry/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self._qs.setValue(f"geometry/{key}", value)

    def last_user(self) -> str:
        return str(self._qs.value("login/last_user", ""))

    def set_last_user(self, username: str) -> None:
        self._qs.setValue("login/last_user", username)

    def org_name(self) -> str:
        """The organisation's name as the archive last said it (the setting ``org.name``): the
        login dialog shows it before the archive is open."""
        return str(self._qs.value("login/org_name", ""))

    def set_org_name(self, name: str) -> None:
        self._qs.setValue("login/org_name", name)

    def last_folder(self, kind: str) -> str:
        """The folder a file of ``kind`` was last saved to or opened from ("" if none)."""
        return str(self._qs.value(f"folders/{kind}", ""))

    def set_last_folder(self, kind: str, folder: str) -> None:
        self._qs.setValue(f"folders/{kind}", folder)

    def store(self) -> str:
        """Where this workstation's archive is (a path or a URL without password; "" = the
        default file), chosen under File › Archive location."""
        return str(self._qs.value("store/location", ""))

    def set_store(self, location: str) -> None:
        self._qs.setValue("store/location", location)

    def sync(self) -> None:
        self._qs.sync()
