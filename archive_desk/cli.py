"""The ``archive-desk`` command: the GUI by default, subcommands for scripts.

    archive-desk [--db PATH]                      start the program
    archive-desk [--db PATH] demo                 fill an empty database with demo data
    archive-desk [--db PATH] check                integrity, foreign keys, audit chain
    archive-desk [--db PATH] backup [DEST]        copy the database
    archive-desk [--db PATH] restore FILE         replace it with a verified backup

Commands that read or change archive data act as a user: ``--user NAME`` with the password in
``$ARCHIVE_DESK_PASSWORD`` or typed at a prompt. Exit codes: 0 success, 1 a fault was found or a
refusal, 2 bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from archive_desk import __version__
from archive_desk.clock import SYSTEM_CLOCK
from archive_desk.errors import KnownError
from archive_desk.permissions import Actor

log = logging.getLogger(__name__)

ENV_PASSWORD = "ARCHIVE_DESK_PASSWORD"

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn

    return register


def db_path_of(args: argparse.Namespace) -> Path:
    from archive_desk.db.connection import default_db_path

    return Path(args.db).expanduser() if args.db else default_db_path()


def open_db(args: argparse.Namespace, *, must_exist: bool = True) -> Path:
    from archive_desk.db.connection import open_database

    path = db_path_of(args)
    if must_exist and not path.exists():
        raise KnownError(f"数据库文件不存在：{path}")
    open_database(path)
    return path


def acting_user(args: argparse.Namespace) -> Actor:
    """Log in as ``--user`` (password from the environment or a prompt)."""
    from archive_desk import accounts

    if not args.user:
        raise KnownError("这个命令需要以某个用户的身份执行：请加上 --user 用户名。")
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        if not sys.stdin.isatty():
            raise KnownError(f"请在环境变量 {ENV_PASSWORD} 中提供密码，或在终端中运行以输入密码。")
        password = getpass.getpass(f"{args.user} 的密码：")
    return accounts.login(args.user, password, clock=SYSTEM_CLOCK)


# --- commands ---------------------------------------------------------------------------------


@command("gui")
def cmd_gui(args: argparse.Namespace) -> int:
    from archive_desk.ui.app import run_gui

    return run_gui(db_path_of(args), crash_dialog=not args.no_crash_dialog)


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    from archive_desk import demo

    path = open_db(args, must_exist=False)
    accounts = demo.populate(clock=SYSTEM_CLOCK, seed=args.seed)
    print(f"演示数据已写入 {path}")
    print("演示账户（用户名 / 密码 / 姓名 / 角色）：")
    for acc in accounts:
        print(f"  {acc.username}\t{acc.password}\t{acc.full_name}\t{acc.role_label}")
    return 0


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    from archive_desk import audit
    from archive_desk.db.connection import (
        foreign_key_problems,
        integrity_problems,
        open_database,
        schema_version,
    )

    path = db_path_of(args)
    if not path.exists():
        raise KnownError(f"数据库文件不存在：{path}")
    db = open_database(path, migrate=False, check=False)
    faults = 0
    print(f"数据库：{path}（架构版本 {schema_version(db)}）")
    problems = integrity_problems(db)
    print("完整性检查：" + ("正常" if not problems else "发现问题"))
    for p in problems:
        print(f"  - {p}")
    faults += len(problems)
    fk = foreign_key_problems(db)
    print("外键检查：" + ("正常" if not fk else f"发现 {len(fk)} 处问题"))
    for p in fk[:50]:
        print(f"  - {p}")
    faults += len(fk)
    report = audit.verify_chain()
    print(f"审计链：{report.events} 条事件，" + ("完整" if report.ok else "发现篡改"))
    for p in report.problems:
        print(f"  - {p}")
    faults += len(report.problems)
    print("结论：" + ("未发现问题" if faults == 0 else f"发现 {faults} 处问题"))
    return 0 if faults == 0 else 1


@command("backup")
def cmd_backup(args: argparse.Namespace) -> int:
    from archive_desk.db import backup

    path = db_path_of(args)
    target = backup.backup_now(path, Path(args.dest) if args.dest else None)
    print(f"已备份到 {target}")
    return 0


@command("restore")
def cmd_restore(args: argparse.Namespace) -> int:
    from archive_desk.db import backup

    path = db_path_of(args)
    version = backup.verify_backup_file(Path(args.file))
    print(f"备份文件检查通过（架构版本 {version}）。")
    if not args.yes:
        if not sys.stdin.isatty():
            raise KnownError("恢复会替换当前数据库。非交互运行时请加 --yes 确认。")
        answer = input(f"用 {args.file} 替换 {path}？当前数据库会另存一份。[y/N] ")
        if answer.strip().lower() not in {"y", "yes", "是"}:
            print("已取消。")
            return 1
    kept = backup.restore(path, Path(args.file))
    print(f"已恢复。原数据库另存为 {kept}")
    return 0


# --- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archive-desk", description="档案台：客户档案管理")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="数据库文件（默认：$ARCHIVE_DESK_DB 或用户数据目录）"
    )
    parser.add_argument("--user", metavar="NAME", help="以此用户身份执行命令")
    parser.add_argument("--verbose", "-v", action="store_true", help="输出调试日志")
    parser.add_argument("--no-crash-dialog", action="store_true", help="出错时不弹出对话框")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="启动图形界面（默认）")
    p = sub.add_parser("demo", help="向空数据库写入演示数据")
    p.add_argument("--seed", type=int, default=7, help="随机种子（默认 7）")
    sub.add_parser("check", help="检查数据库完整性、外键和审计链")
    p = sub.add_parser("backup", help="备份数据库")
    p.add_argument("dest", nargs="?", help="目标文件或文件夹（默认：备份文件夹）")
    p = sub.add_parser("restore", help="从备份恢复数据库")
    p.add_argument("file", help="备份文件")
    p.add_argument("--yes", action="store_true", help="不再询问确认")
    for extend in EXTENSIONS:
        extend(sub)
    return parser


# Later features register their subcommands here: fn(subparsers) adds parsers whose names are
# keys of COMMANDS.
EXTENSIONS: list[Callable[[argparse._SubParsersAction], None]] = []


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from archive_desk.logs import setup_logging

    setup_logging(verbose=args.verbose, console=args.command not in (None, "gui"))
    name = args.command or "gui"
    try:
        return COMMANDS[name](args)
    except KnownError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
