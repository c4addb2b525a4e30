"""Domain errors. Every message is Chinese and meant for the clerk.

``KnownError`` is an expected failure the user can act on (bad input, a refusal, a locked
database); the UI shows its message. Anything else is a bug and goes to the crash handler.
"""

from __future__ import annotations


class KnownError(Exception):
    """An expected failure with a message for the clerk."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(KnownError):
    """Bad input: nothing was changed. ``errors`` maps a field name to its message;
    ``warnings``, those the clerk will be asked to confirm once the errors are corrected (so a
    form can show every problem at once)."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        errors: dict[str, str] | None = None,
        warnings: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.errors: dict[str, str] = dict(errors or {})
        self.warnings: dict[str, str] = dict(warnings or {})
        if field and field not in self.errors:
            self.errors[field] = message


class PermissionDenied(KnownError):
    """The acting user lacks the permission for this action."""


class SessionEnded(PermissionDenied):
    """The acting user was deactivated, or her role, clearance or department changed, since she
    logged in: she must log in again (the GUI returns to the login)."""


class NotFound(KnownError):
    """The record does not exist (or the user may not see it)."""


class Conflict(KnownError):
    """The record changed since it was read, or its state forbids the action."""


class StaleRecord(Conflict):
    """A save based on an out-of-date copy."""


class RetryableConflict(Conflict):
    """The database server gave up the transaction (a deadlock with another clerk's, or a
    serialisation failure): nothing was saved; the same action may simply be run again
    (:func:`archive_desk.db.store.retrying` does so for the services that are safe to)."""


class AuthError(KnownError):
    """Login failed or the account is locked."""


class DatabaseError(KnownError):
    """The database is locked, full, read-only, damaged or of an unknown version.

    The subclasses below say which, so the start-up can give the right advice (a backup is the
    answer to a damaged file, not to a busy or read-only one).
    """


class DatabaseTooNew(DatabaseError):
    """The database was written by a newer program version."""


class DatabaseBusy(DatabaseError):
    """Another program (or another Archive Desk) holds the write lock: try again shortly."""


class DiskFull(DatabaseError):
    """The disk (or the database's own size limit) is full: nothing was saved."""


class ReadOnlyStorage(DatabaseError):
    """The database file, its folder or its disk cannot be written."""


class DatabaseDamaged(DatabaseError):
    """The file fails the integrity check or is not a database: a backup is the answer."""


class StorageMissing(DatabaseError):
    """The file or its folder is gone: a network path dropped, a USB disk removed, moved away."""


class StorageFault(DatabaseError):
    """Reading or writing the disk failed (an I/O error): check the disk or the network."""


class ServerUnreachable(DatabaseError):
    """The archive server cannot be reached (down, wrong address, network): nothing was saved."""


class ServerLoginFailed(DatabaseError):
    """The archive server refused the login (wrong or missing password, unknown user)."""


class PasswordNeeded(ServerLoginFailed):
    """The server asks for a password that no pgpass file or keyring holds: ask the clerk."""


class ToolMissing(DatabaseError):
    """A tool the action needs (pg_dump, pg_restore) is not installed or too old."""


class NeedsConfirmation(KnownError):
    """Only warnings stand in the way: the clerk may confirm and try again.

    ``message`` lists every warning for the clerk (once each); ``warnings`` maps a field name to
    its message, for a form that shows each beside its field.
    """

    def __init__(self, message: str, warnings: dict[str, str]) -> None:
        super().__init__(message)
        self.warnings = dict(warnings)


class Cancelled(KnownError):
    """The user cancelled a long piece of work; nothing was written."""

    def __init__(self, message: str = "已取消，未生成文件。") -> None:
        super().__init__(message)
