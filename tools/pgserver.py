"""A throwaway PostgreSQL server for the tests and the benchmark.

    python tools/pgserver.py start [--fast]   → prints the URL of a new server (and its folder)
    python tools/pgserver.py stop [DIR]       stops the newest server started by hand (or DIR's)
    python tools/pgserver.py stop --all       and every one left by a test run that was killed
    python tools/pgserver.py status

``make pg-start`` / ``make pg-stop`` run the first two. The pytest plugin ``tests/pg.py`` uses
:func:`start` and :func:`stop` directly (one server per test session).

A server lives in its own temporary folder ``<temp>/archive-desk-pg-*/``: ``run/`` (owned by the
server's user) holds the cluster (``run/data``), its log and its unix socket; ``pgpass`` (mode
0600) holds the test role's password and ``server.json`` what :func:`load` needs. It listens on
127.0.0.1 only, on a free port, with the C.UTF-8 locale and UTF-8 encoding. Clients connect over
TCP as the role ``archive_desk`` (LOGIN CREATEDB, not a superuser: what a clerk's program gets on
a shared server), with a scram-sha-256 password read from the pgpass file, which the URL names
(``?passfile=…``) so the password never appears in the URL, the environment or a command line.

Debian's ``postgresql`` package is installed through ``tools/sysdeps.sh --postgresql`` when it is
missing (as root; otherwise the error says what to install). ``initdb`` and ``pg_ctl`` refuse to
run as root, so as root they run as the ``postgres`` user through ``runuser``; the superuser
``postgres`` is reached only through the socket in the server's own folder (trust), to create
the role and its database.

``--fast`` (the tests) turns off ``fsync``, ``synchronous_commit``, ``full_page_writes`` and autovacuum: a
crash loses the server, which nobody keeps. Without it (the benchmark) the server is durable as a
real one is, so a commit costs what it costs in the clerk's office, and its shared buffers are
sized as for a real archive (:data:`DURABLE_SETTINGS`).

Only the standard library: the tool runs before the program's virtual environment exists.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "archive-desk-pg-"
ROLE = "archive_desk"
DATABASE = "archive_desk"
SERVER_USER = "postgres"
LOCALE = "C.UTF-8"
FAST_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    # an autovacuum worker in a test's database made its DROP DATABASE … WITH (FORCE) fail now and
    # then ("must be a member of the role whose process is being terminated"): the tests' databases
    # live for seconds and are never vacuumed
    "autovacuum": "off",
}
# the durable server (the benchmark) as IT would size one for a 2.3 GB archive, not Debian's
# 128 MB default: a table over a quarter of shared_buffers is read through a 256 kB ring on every
# sequential scan, each page copied again from the OS cache (the 100,000 cards' 58 MB table was)
DURABLE_SETTINGS = {"shared_buffers": "1GB", "effective_cache_size": "4GB"}


class ServerError(RuntimeError):
    """The server could not be installed, started or stopped; the message says why."""


@dataclass(frozen=True)
class Server:
    """A running server started by :func:`start`."""

    folder: str
    port: int
    pid: int
    bindir: str
    os_user: str  # who runs initdb / pg_ctl / postgres
    fast: bool
    started_seconds: float  # initdb + start + role and database
    owner_pid: int = 0  # the process that stops it (a test session); 0: stopped by hand

    @property
    def data(self) -> Path:
        return Path(self.folder) / "run" / "data"

    @property
    def socket_dir(self) -> Path:
        return Path(self.folder) / "run"

    @property
    def passfile(self) -> Path:
        return Path(self.folder) / "pgpass"

    @property
    def log(self) -> Path:
        return Path(self.folder) / "run" / "server.log"

    def url(self, database: str = DATABASE) -> str:
        """The test role's URL of ``database``; the password comes from the pgpass file."""
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/{database}?passfile={self.passfile}"


# --- finding and installing the server --------------------------------------------------------


def find_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` that holds initdb and pg_ctl (Debian),
    else the folder of ``pg_ctl`` on the PATH."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def ensure_installed() -> Path:
    """The server's bin folder, installing Debian's ``postgresql`` package first if need be."""
    bindir = find_bindir()
    if bindir is not None:
        return bindir
    done = subprocess.run(
        ["bash", str(ROOT / "tools" / "sysdeps.sh"), "--postgresql"],
        capture_output=True,
        text=True,
        check=False,
    )
    bindir = find_bindir()
    if bindir is None:
        reason = (done.stderr or done.stdout).strip() or "tools/sysdeps.sh found nothing to install"
        raise ServerError(f"PostgreSQL is not installed and could not be installed: {reason}")
    return bindir


def _server_user() -> str:
    """``postgres`` when we are root (initdb refuses root), else ourselves."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid()).pw_name
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ServerError(
            f"initdb refuses to run as root and there is no '{SERVER_USER}' user to run it"
        ) from None
    return SERVER_USER


def _as(user: str, argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", user, "--", *argv]
    return argv


def _run(argv: list[str], what: str, *, stdin: str | None = None, timeout: float = 60) -> str:
    try:
        done = subprocess.run(
            argv, input=stdin, capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(f"{what} failed: {exc}") from exc
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()
        raise ServerError(f"{what} failed ({done.returncode}): {output[-2000:]}")
    return done.stdout


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- start and stop -------------------------------------------------------------------------


def start(
    *, fast: bool = False, owner_pid: int = 0, parent: Path | None = None, attempts: int = 3
) -> Server:
    """Install if need be, initdb into a new temporary folder, start on a free port, create the
    role and its database. ``owner_pid``: the process that will stop it (``stop --all`` leaves
    it alone while that process lives). Raises :class:`ServerError` with the reason when
    anything fails (and leaves nothing running or on disk)."""
    started = time.perf_counter()
    bindir = ensure_installed()
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
    try:
        return _start_in(folder, bindir, user, fast, owner_pid, started, attempts)
    except BaseException:
        _kill_and_remove(folder, bindir, user)
        raise


def _start_in(
    folder: Path, bindir: Path, user: str, fast: bool, owner_pid: int, started: float, attempts: int
) -> Server:
    folder.chmod(0o755)  # the server's user must reach run/ inside it
    run = folder / "run"
    run.mkdir(mode=0o700)
    if os.geteuid() == 0:
        entry = pwd.getpwnam(user)
        os.chown(run, entry.pw_uid, entry.pw_gid)
    data = run / "data"
    _run(
        _as(user, [str(bindir / "initdb"), "-D", str(data), "-U", SERVER_USER, "-E", "UTF8",
                   f"--locale={LOCALE}", "--auth-local=trust", "--auth-host=scram-sha-256",
                   "--no-sync", "--no-instructions"]),
        "initdb",
    )  # fmt: skip
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "unix_socket_directories": f"'{run}'",
        "max_connections": "100",
        "password_encryption": "'scram-sha-256'",
        **(FAST_SETTINGS if fast else DURABLE_SETTINGS),
    }
    with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write("\n# tools/pgserver.py\n")
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
    port = _start_on_free_port(bindir, user, data, run / "server.log", attempts)
    password = secrets.token_urlsafe(24)
    passfile = folder / "pgpass"
    fd = os.open(passfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"127.0.0.1:{port}:*:{ROLE}:{password}\n")
    _psql(
        bindir,
        run,
        port,
        f"CREATE ROLE {ROLE} LOGIN CREATEDB PASSWORD '{password}';\n"
        f"CREATE DATABASE {DATABASE} OWNER {ROLE};\n",
    )
    server = Server(
        folder=str(folder),
        port=port,
        pid=_postmaster_pid(data),
        bindir=str(bindir),
        os_user=user,
        fast=fast,
        started_seconds=round(time.perf_counter() - started, 3),
        owner_pid=owner_pid,
    )
    (folder / "server.json").write_text(json.dumps(asdict(server), indent=2), encoding="utf-8")
    return server


def _start_on_free_port(bindir: Path, user: str, data: Path, log: Path, attempts: int) -> int:
    """``pg_ctl start`` on a free port; another port when someone took it in between."""
    last: ServerError | None = None
    for _ in range(attempts):
        port = free_port()
        try:
            _run(
                _as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                           "-t", "60", "-o", f"-p {port}", "start"]),
                "pg_ctl start",
                timeout=90,
            )  # fmt: skip
            return port
        except ServerError as exc:
            tail = log.read_text(encoding="utf-8", errors="replace")[-1500:] if log.exists() else ""
            last = ServerError(f"{exc}\n{tail}".strip())
            if "already in use" not in tail:
                break
    assert last is not None
    raise last


def _psql(bindir: Path, socket_dir: Path, port: int, sql: str) -> str:
    """Run ``sql`` as the superuser through the server's own socket (trust)."""
    psql = bindir / "psql"
    command = str(psql) if psql.exists() else (shutil.which("psql") or "psql")
    return _run(
        [command, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(socket_dir), "-p", str(port),
         "-U", SERVER_USER, "-d", "postgres"],
        "psql",
        stdin=sql,
    )  # fmt: skip


def _postmaster_pid(data: Path) -> int:
    try:
        return int((data / "postmaster.pid").read_text(encoding="ascii").split("\n", 1)[0])
    except (OSError, ValueError):
        return 0


def alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (our own exited child not yet reaped) counts as gone
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    return True


def load(folder: str | Path) -> Server:
    """The server described by ``folder/server.json``."""
    try:
        data = json.loads((Path(folder) / "server.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ServerError(f"no server of this tool in {folder}: {exc}") from exc
    return Server(**data)


def stop(server: Server | str | Path, *, timeout: float = 30) -> None:
    """Stop the server (fast shutdown: sessions are ended) and delete its folder."""
    if not isinstance(server, Server):
        server = load(server)
    _kill_and_remove(Path(server.folder), Path(server.bindir), server.os_user, timeout=timeout)


def _kill_and_remove(folder: Path, bindir: Path, user: str, *, timeout: float = 30) -> None:
    data = folder / "run" / "data"
    pid = _postmaster_pid(data)
    if alive(pid):
        with contextlib.suppress(ServerError):
            _run(
                _as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                           "-t", str(int(timeout)), "stop"]),
                "pg_ctl stop",
                timeout=timeout + 10,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if alive(pid):  # pg_ctl could not stop it: immediate shutdown of the postmaster
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGQUIT)
            while alive(pid) and time.monotonic() < deadline + 10:
                time.sleep(0.05)
        if alive(pid):
            raise ServerError(f"the server (pid {pid}) in {folder} did not stop")
    shutil.rmtree(folder, ignore_errors=True)


def started_servers(parent: Path | None = None, *, orphans_only: bool = False) -> list[Path]:
    """The folders of servers this tool started (newest first). ``orphans_only``: those started
    by hand, or by a test session that has ended without stopping them (killed), never one that
    a running test session owns."""
    base = parent or Path(tempfile.gettempdir())
    found = [p for p in base.glob(PREFIX + "*") if (p / "server.json").exists()]
    if orphans_only:
        found = [p for p in found if not alive(load(p).owner_pid)]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


# --- command line ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/pgserver.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_start = sub.add_parser("start", help="start a new server and print its URL")
    p_start.add_argument("--fast", action="store_true", help="no fsync (tests); default: durable")
    p_stop = sub.add_parser("stop", help="stop a server and delete its folder")
    p_stop.add_argument("folder", nargs="?", help="its folder (default: the newest)")
    p_stop.add_argument(
        "--all", action="store_true", help="every server not owned by a running test session"
    )
    sub.add_parser("status", help="list the servers this tool started")
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            server = start(fast=args.fast)
            print(server.url())
            print(
                f"# folder {server.folder}, pid {server.pid}, "
                f"{'fast (no fsync)' if server.fast else 'durable'}, "
                f"started in {server.started_seconds:.2f} s; stop: python tools/pgserver.py stop",
                file=sys.stderr,
            )
        elif args.command == "stop":
            orphans = started_servers(orphans_only=True)
            folders = orphans if args.all else [Path(args.folder)] if args.folder else orphans[:1]
            if not folders:
                print("no server of this tool is running", file=sys.stderr)
            for folder in folders:
                stop(folder)
                print(f"stopped {folder}", file=sys.stderr)
        else:
            for folder in started_servers():
                server = load(folder)
                state = "running" if alive(server.pid) else "not running"
                owner = f"test session {server.owner_pid}" if server.owner_pid else "by hand"
                print(f"{server.url()}  {state}  {owner}  {folder}")
    except ServerError as exc:
        print(f"pgserver: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
