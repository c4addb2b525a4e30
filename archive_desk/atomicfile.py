"""Write a file all at once or not at all.

Every PDF, workbook and export of the program is saved through :func:`atomic_write`: the data goes
to a hidden temporary file in the target's own folder, is flushed and ``fsync``-ed, and only then
replaces the target with ``os.replace`` (atomic on POSIX and on Windows within one volume). A
crash, a full disk or an exception while writing leaves the old file as it was and no half-written
file behind.

An audited export builds its file under a hidden name with :class:`StagedFile` and renames it
into place only after the audit event is committed.

Errors the clerk can act on (disk full, no permission, read-only disk, the file open in another
program on Windows, a missing folder) become :class:`~archive_desk.errors.KnownError` with a
Chinese message; anything else is a bug and propagates unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from archive_desk.errors import KnownError

log = logging.getLogger(__name__)

_WRITE_MODES = frozenset({"w", "wb", "wt", "w+", "wb+", "w+b", "wt+", "w+t"})

# OSErrors raised inside the caller's ``with`` block that are about the disk we write to. Other
# OSErrors in the block (reading a missing image, say) are not ours to translate.
DISK_ERRNOS = frozenset(
    code
    for code in (
        errno.ENOSPC,
        getattr(errno, "EDQUOT", None),
        errno.EROFS,
        errno.EFBIG,
        errno.EIO,
    )
    if code is not None
)

# New files get ordinary permissions rather than mkstemp's 0600 (POSIX only).
_NEW_FILE_MODE = 0o644


def storage_error(exc: OSError, path: str | os.PathLike[str]) -> KnownError:
    """The clerk's message for an OSError met while saving ``path``."""
    where = os.fspath(path)
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        message = f"磁盘空间不足，文件未保存：{where}"
    elif code == errno.EROFS:
        message = f"磁盘为只读，文件未保存：{where}"
    elif isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        message = f"没有写入权限，文件未保存：{where}"
        if sys.platform == "win32":
            message += "（文件可能正被其他程序打开，请关闭后重试）"
    elif isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        message = f"文件夹不存在，文件未保存：{where}"
    elif code == errno.ENAMETOOLONG:
        message = f"文件名太长，文件未保存：{where}"
    else:
        detail = exc.strerror or exc.__class__.__name__
        message = f"无法保存文件：{where}（{detail}）"
    return KnownError(message)


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    mode: str = "wb",
    *,
    encoding: str | None = None,
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    """Open a temporary file that replaces ``path`` when the ``with`` block ends without error.

    ``mode`` is a write mode (``"wb"`` or ``"w"``); text mode defaults to UTF-8. On an exception
    the temporary file is removed and ``path`` is untouched.

    Raises:
        KnownError: the disk is full, read-only or not writable, or the folder is missing.
    """
    if mode not in _WRITE_MODES:
        raise ValueError(f"atomic_write needs a write mode, not {mode!r}")
    target = Path(path)
    folder = target.parent
    if "b" not in mode and encoding is None:
        encoding = "utf-8"
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise storage_error(exc, target) from exc
    tmp = Path(tmp_name)
    ours = False  # True once the caller's block is done: every OSError after that is ours
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            ours = True
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        _remove_quietly(tmp)
        if isinstance(exc, OSError) and (ours or exc.errno in DISK_ERRNOS):
            raise storage_error(exc, target) from exc
        raise
    _fsync_dir(folder)


class StagedFile:
    """A file built under a hidden name beside ``target`` and put in place at the end.

    For an audited export: build the file at :attr:`path`, then record the event in its
    transaction inside ``with staged:`` (or ``with staged, transaction():``). The file appears
    under its real name only after the commit; a refusal in the block (the database busy, full,
    read-only) or a failure leaves no file, and the old one, if any, untouched. ``with`` returns
    :attr:`path`.
    """

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target)
        hidden = f".{self.target.stem}.{uuid.uuid4().hex[:12]}.part{self.target.suffix}"
        self.path = self.target.with_name(hidden)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        if exc_type is not None:
            self.discard()
        else:
            self.publish()

    def discard(self) -> None:
        """Remove what was built (nothing is published)."""
        _remove_quietly(self.path)

    def publish(self) -> None:
        """Rename the built file to the target (keeping an old target's permissions)."""
        if not self.path.exists():
            return  # nothing was built
        try:
            _copy_mode(self.target, self.path)
            os.replace(self.path, self.target)
        except OSError as exc:
            self.discard()
            raise storage_error(exc, self.target) from exc
        _fsync_dir(self.target.parent)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`atomic_write`)."""
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically (see :func:`atomic_write`)."""
    with atomic_write(path, "w", encoding=encoding, newline="") as handle:
        handle.write(text)


def _copy_mode(target: Path, tmp: Path) -> None:
    """Give the new file the old file's permissions, or ordinary ones for a new file."""
    if os.name != "posix":
        return
    try:
        wanted = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        wanted = _NEW_FILE_MODE
    os.chmod(tmp, wanted)


def _remove_quietly(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:  # pragma: no cover - nothing better to do; the name is hidden and unique
        log.warning("临时文件无法删除：%s", tmp, exc_info=True)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable. Windows cannot open a folder for this; skip there."""
    if os.name != "posix":
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:  # some file systems refuse fsync on a folder; the data is already safe
        pass
    finally:
        os.close(dir_fd)
