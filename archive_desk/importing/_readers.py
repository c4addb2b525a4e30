"""One list of readers, one function that opens a file for import.

Each reader is a module with ``accepts(path, head)``, ``kind_of(path, data)`` and ``read(path,
data, sheet)`` (Anki's ``importing/`` shape: one module per format behind one list). The file is
read into memory once, in one call, with a size limit: a file that is locked, vanishes or fails
half-way gives one clear message, and parsing never touches the disk again.
"""

from __future__ import annotations

import errno
from pathlib import Path
from types import ModuleType

from archive_desk.errors import KnownError
from archive_desk.importing import _read_csv, _read_spreadsheet
from archive_desk.importing._cells import Source

READERS: list[ModuleType] = [_read_spreadsheet, _read_csv]
MAX_FILE_BYTES = 100 * 1024 * 1024
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".tsv")
# what the file dialog offers, and the CLI's help
FILE_FILTER = "*.xlsx *.xls *.ods *.csv *.txt"


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a message the clerk can act on."""
    name = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise KnownError(f"“{name}”是文件夹，不是表格文件。")
        if size > MAX_FILE_BYTES:
            raise KnownError(
                f"“{name}”有 {size / 1024 / 1024:.0f} MB，超过了可导入的 "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB。请把台账分成几个文件导入。"
            )
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KnownError(f"找不到文件“{name}”：它可能已被移动、改名或删除。") from None
    except PermissionError:
        raise KnownError(
            f"无法读取“{name}”：文件正被其他程序（如 Excel、WPS）占用，或没有读取权限。"
            "请关闭打开它的程序后再试。"
        ) from None
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EBUSY, errno.ETXTBSY):
            raise KnownError(
                f"无法读取“{name}”：文件正被其他程序占用。请关闭打开它的程序后再试。"
            ) from None
        raise KnownError(
            f"读取“{name}”时出错：{exc.strerror or exc}。文件可能在读取时被移走了。"
        ) from None
    if not data:
        raise KnownError(f"“{name}”是空文件，没有可导入的内容。")
    if len(data) > MAX_FILE_BYTES:
        raise KnownError(f"“{name}”在读取时变大了，超过了可导入的大小。")
    return data


def read_source(path: str | Path, sheet: str | None = None) -> Source:
    """Open ``path`` and read one sheet of it (default: the first visible one)."""
    path = Path(path)
    data = read_bytes(path)
    head = data[:8]
    for reader in READERS:
        if reader.accepts(path, head):
            kind = reader.kind_of(path, data)
            result = reader.read(path, data, sheet)
            names, found = result[0], result[1]
            encoding = result[2] if len(result) > 2 else ""
            source = Source(path, kind, names, found, encoding)
            if not any(any(c is not None for c in row) for row in found.rows):
                raise KnownError(f"“{source.label}”是空的，没有可导入的内容。")
            return source
    raise KnownError(
        f"“{path.name}”不是可导入的表格文件。可导入：Excel（.xlsx、.xls）、WPS 或 LibreOffice（.ods）和 CSV。"
    )
