"""The ``archive-desk`` command: the GUI by default, subcommands for scripts.

    archive-desk [--db PATH|URL]                  start the program
    archive-desk [--db PATH|URL] demo             fill an empty database with demo data
    archive-desk [--db PATH|URL] check            integrity, foreign keys, audit chain, holds, counters
    archive-desk [--db PATH|URL] backup [DEST]    copy the database (a server: pg_dump)
    archive-desk [--db PATH|URL] restore FILE     replace it with a verified backup
    archive-desk [--db PATH|URL] due [--months N] the cards whose retention is due
    archive-desk [--db PATH|URL] import FILE      bring in a ledger (.xlsx .xls .ods .csv)
    archive-desk [--db PATH] migrate --to URL     copy a desk's SQLite archive to a server
    archive-desk --user NAME inventory --location 一号库房-01-1 --scans FILE [--close]
                                                  an inventory from a scanner's batch file

``--db`` (or ``$ARCHIVE_DESK_DB``) names a SQLite file or a ``postgresql://user@host:port/db``
URL; the server's password comes from a pgpass file (``PGPASSFILE``), the system keyring, or a
prompt (``--save-password`` keeps the typed one in the keyring). Commands that read or change
archive data act as a user: ``--user NAME`` with the password in ``$ARCHIVE_DESK_PASSWORD`` or
typed at a prompt. Exit codes: 0 success, 1 a fault was found or a refusal, 2 bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import getpass
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from archive_desk import __version__
from archive_desk.clock import SYSTEM_CLOCK
from archive_desk.errors import KnownError, PasswordNeeded

if TYPE_CHECKING:  # not imported at run time: the GUI's start paints the login before it
    from archive_desk.permissions import Actor

if TYPE_CHECKING:
    from archive_desk.db.location import Location

log = logging.getLogger(__name__)

ENV_PASSWORD = "ARCHIVE_DESK_PASSWORD"

T = TypeVar("T")
Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn

    return register


def location_of(args: argparse.Namespace) -> Location:
    """``--db``, else ``$ARCHIVE_DESK_DB``, else the desk's file. A password written into a
    URL is kept aside for the connection (never shown or stored)."""
    from archive_desk.db.location import Location, default_location, split_password

    if not args.db:
        return default_location()
    url, password = split_password(str(args.db))
    if password is not None:
        args.db_password = password
    return Location.of(url)


def db_path_of(args: argparse.Namespace) -> Path:
    """The SQLite file named by ``--db`` (commands that work on files only)."""
    location = location_of(args)
    if location.is_server:
        raise KnownError(f"这个命令只能用于数据库文件，不能用于{location.label}。")
    return location.path


def open_location(
    location: Location, args: argparse.Namespace, *, must_exist: bool = True, **options: Any
) -> None:
    """Open the archive at ``location``; a server that asks for a password no pgpass file or
    keyring holds gets it from a prompt (kept in the keyring with ``--save-password``)."""
    from archive_desk.db.connection import open_database
    from archive_desk.errors import PasswordNeeded

    password = getattr(args, "db_password", None)
    try:
        open_database(location, create=not must_exist, password=password, **options)
        return
    except PasswordNeeded as exc:
        if not sys.stdin.isatty():
            raise KnownError(
                f"{exc.message}请把密码写入 pgpass 文件（PGPASSFILE），或保存到系统密钥环"
                "（在终端中运行一次并加 --save-password），或在终端中运行以输入密码。"
            ) from None
        password = getpass.getpass(f"{location.label} 的密码：")
    open_database(location, create=not must_exist, password=password, **options)
    if getattr(args, "save_password", False):
        from archive_desk.db import postgres

        postgres.remember_password(location, password)
        print("密码已保存到系统密钥环。")


def open_db(args: argparse.Namespace, *, must_exist: bool = True) -> Location:
    location = location_of(args)
    open_location(location, args, must_exist=must_exist)
    return location


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

    location = location_of(args) if args.db else None  # else the GUI's own choice too
    if location is not None and getattr(args, "db_password", None):
        from archive_desk.db.connection import open_database

        open_database(location, password=args.db_password)  # the password stays in memory
    return run_gui(location, crash_dialog=not args.no_crash_dialog)


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    from archive_desk import demo

    path = open_db(args, must_exist=False).label
    accounts = demo.populate(
        clock=SYSTEM_CLOCK, seed=args.seed, cards_count=args.cards, loans=args.loans
    )
    print(f"演示数据已写入 {path}")
    print("演示账户（用户名 / 密码 / 姓名 / 角色）：")
    for acc in accounts:
        print(f"  {acc.username}\t{acc.password}\t{acc.full_name}\t{acc.role_label}")
    return 0


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    from archive_desk.db.schema import schema_version

    location = location_of(args)
    if location.is_server:
        open_location(location, args, migrate=False, check=False)
    else:
        from archive_desk.db.connection import open_database

        open_database(location.path, migrate=False, check=False, create=False)
    from archive_desk.db.models import database

    version = _or_damaged(lambda: str(schema_version(database.obj)), "?")
    print(f"数据库：{location.label}（架构版本 {version}）")
    if version == "0":  # no migration applied: an empty database, or another program's
        from archive_desk.errors import DatabaseError

        raise DatabaseError(
            "这里还不是档案台的档案库（没有档案台的数据表），无从检查。"
            + (
                "服务器上的新数据库由档案台第一次连接时建好，或用 archive-desk migrate --to 迁入。"
                if location.is_server
                else "请确认选的是档案台的数据库文件。"
            )
        )
    steps = (_check_integrity, _check_foreign_keys, _check_audit_chain, _check_holds)
    faults = sum(step() for step in (*steps, _check_counters))
    print("结论：" + ("未发现问题" if faults == 0 else f"发现 {faults} 处问题"))
    return 0 if faults == 0 else 1


def _or_damaged(read: Callable[[], T], damaged: T) -> T:
    """``read()``, or ``damaged`` when the file is too damaged for it (told by the integrity
    step). Any other database error (busy, vanished) still ends the command with its message."""
    from archive_desk.db.connection import translate_errors
    from archive_desk.errors import DatabaseDamaged

    try:
        with translate_errors():
            return read()
    except DatabaseDamaged:
        return damaged


_DAMAGED = ["数据库文件已损坏，读取时出错（database disk image is malformed）"]


def _check_integrity() -> int:
    from archive_desk.db import store
    from archive_desk.db.connection import database, integrity_problems

    if store.is_server():
        from archive_desk.db import postgres

        problems, how = postgres.integrity_problems(database.obj)
        print("完整性检查：" + ("正常" if not problems else "发现问题") + f"（{how}）")
    else:
        problems = _or_damaged(lambda: integrity_problems(database.obj), _DAMAGED)
        print("完整性检查：" + ("正常" if not problems else "发现问题"))
    for p in problems[:50]:
        print(f"  - {p}")
    if problems:
        print("  请从最近一份完好的备份恢复：archive-desk --user 管理员 restore 备份文件")
    return len(problems)


def _check_foreign_keys() -> int:
    from archive_desk.db import store
    from archive_desk.db.connection import database, foreign_key_problems

    if store.is_server():
        print("外键检查：正常（由 PostgreSQL 服务器在每次写入时强制）")
        return 0
    fk = _or_damaged(lambda: foreign_key_problems(database.obj), ["无法读取（文件已损坏）"])
    print("外键检查：" + ("正常" if not fk else f"发现 {len(fk)} 处问题"))
    for p in fk[:50]:
        print(f"  - {p}")
    return len(fk)


def _check_audit_chain() -> int:
    from archive_desk import audit

    report = _or_damaged(audit.verify_chain, None)
    if report is None:
        print("审计链：无法读取（文件已损坏）")
        return 1
    print(f"审计链：{report.events} 条事件，" + ("完整" if report.ok else "发现篡改"))
    for p in report.problems:
        print(f"  - {p}")
    return len(report.problems)


def _check_holds() -> int:
    """The holds of cards agree with the loans and slips that placed them."""
    from archive_desk import reporting

    held = _or_damaged(reporting.hold_problems, None)
    if held is None:
        print("占用检查：无法读取（文件已损坏）")
        return 1
    print("占用检查：" + ("正常" if not held else f"发现 {len(held)} 处问题"))
    for p in held[:50]:
        print(f"  - {p}")
    return len(held)


def _check_counters() -> int:
    """Every number counter is ahead of the numbers in use."""
    from archive_desk import reporting

    found = _or_damaged(reporting.counter_problems, None)
    if found is None:
        print("编号计数器：无法读取（文件已损坏）")
        return 1
    print("编号计数器：" + ("正常" if not found else f"发现 {len(found)} 处问题"))
    for p in found[:50]:
        print(f"  - {p}")
    return len(found)


@command("backup")
def cmd_backup(args: argparse.Namespace) -> int:
    from archive_desk import backups

    location = open_db(args)
    actor = acting_user(args)
    target = backups.back_up(actor, location, Path(args.dest) if args.dest else None)
    tool = "（pg_dump）" if location.is_server else ""
    print(f"已备份{tool}到 {target}")
    return 0


@command("restore")
def cmd_restore(args: argparse.Namespace) -> int:
    from archive_desk import backups

    location, source = location_of(args), Path(args.file)
    with contextlib.ExitStack() as stack:
        if location.is_server:
            from archive_desk.db import pgdump

            open_location(location, args)
            entries = pgdump.check_dump(source)
            print(f"备份文件检查通过（{entries} 项）。")
            actor = acting_user(args)
        else:
            from archive_desk.db import backup

            version = backup.verify_backup_file(source)
            print(f"备份文件检查通过（架构版本 {version}）。")
            actor = stack.enter_context(_restore_login(args, source))
        if not args.yes:
            if not sys.stdin.isatty():
                raise KnownError("恢复会替换当前数据库。非交互运行时请加 --yes 确认。")
            answer = input(f"用 {args.file} 替换 {location.label}？当前数据库会另存一份。[y/N] ")
            if answer.strip().lower() not in {"y", "yes", "是"}:
                print("已取消。")
                return 1
        # the restore checks the session against the accounts the user logged in with
        done = backups.restore(actor, location, source)
    print(f"已恢复。原数据库另存为 {done.kept}")
    return 0


@contextlib.contextmanager
def _restore_login(args: argparse.Namespace, source: Path) -> Iterator[Actor]:
    """Log in against the current database; when it is damaged or gone, against the backup
    that is to replace it (its accounts are the ones the restored archive will have). The
    accounts stay open until the restore has checked the session against them."""
    from archive_desk import backups
    from archive_desk.errors import DatabaseDamaged, StorageMissing

    if not args.user:
        raise KnownError("恢复需要以管理员的身份执行：请加上 --user 用户名。")
    try:
        open_db(args)
    except (DatabaseDamaged, StorageMissing) as exc:
        print(f"{exc.message}\n改用备份文件中的账户验证身份。", file=sys.stderr)
        with backups.backup_opened_for_login(source):
            yield acting_user(args)
        return
    yield acting_user(args)


@command("migrate")
def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy this desk's SQLite archive to a server database (verified; the file untouched)."""
    from archive_desk import moving
    from archive_desk.db.location import Location, split_password

    source = db_path_of(args)
    if not args.to:
        raise KnownError("请用 --to postgresql://用户@服务器:端口/数据库 指定目标。")
    url, password = split_password(args.to)
    target = Location.of(url)
    if not target.is_server:
        raise KnownError("--to 必须是档案服务器的地址：postgresql://用户@服务器:端口/数据库")
    if password is None:
        password = _server_password(target)
    done = moving.migrate_to(
        source, target, password=password, replace=args.replace, progress=print
    )
    print(
        f"已把 {source} 迁移到 {target.label}：{done.rows:,} 行，"
        f"审计事件 {done.events:,} 条（审计链完整），逐字段核对 {done.sampled:,} 行。"
        f"原文件未改动。"
    )
    print(f"以后请用 --db {target} 打开这份档案。")
    return 0


def _server_password(target: Location) -> str | None:
    """A password for ``target`` when neither a pgpass file nor the keyring will have one."""
    from archive_desk.db import postgres

    try:
        postgres.open_database(target, migrate=False, check=False)
        return None
    except PasswordNeeded:
        if not sys.stdin.isatty():
            raise
        return getpass.getpass(f"{target.label} 的密码：")
    finally:
        from archive_desk.db.connection import close_database

        close_database()


@command("search")
def cmd_search(args: argparse.Namespace) -> int:
    from archive_desk import cards

    open_db(args)
    actor = acting_user(args)
    ids = cards.card_ids(actor, cards.CardFilter(text=" ".join(args.query)))
    for start in range(0, len(ids), 500):
        for r in cards.card_rows(actor, ids[start : start + 500]):
            print(f"{r.archive_no}\t{r.name}\t{r.region}\t{r.category_code} {r.category}")
    return 0


@command("export-cards")
def cmd_export_cards(args: argparse.Namespace) -> int:
    from archive_desk import cards
    from archive_desk.cards import output as card_output

    open_db(args)
    actor = acting_user(args)
    count = card_output.export_cards(actor, cards.CardFilter(text=args.query or ""), Path(args.out))
    print(f"已导出 {count} 张档案卡到 {args.out}")
    return 0


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    from archive_desk import importing

    open_db(args)
    actor = acting_user(args)
    choices = importing.Choices(duplicates=args.duplicates, accept_warnings=args.accept_warnings)
    report = importing.import_file(
        actor,
        Path(args.file),
        sheet=args.sheet,
        mapping_file=args.mapping,
        choices=choices,
        dry_run=args.dry_run,
        rejected_out=args.rejected,
    )
    print(report.text())
    if args.rejected and report.not_imported:
        print(f"未导入的 {len(report.not_imported)} 行已写入 {args.rejected}")
    return 0


def _print_card(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.cards import output as card_output

    if not args.number:
        raise KnownError("请给出档案编号：print card 档案编号 --out 文件.pdf")
    return card_output.print_card_by_number(actor, args.number, Path(args.out))


def _card_filter(args: argparse.Namespace, actor: Actor):
    from archive_desk import cards
    from archive_desk import cards as classification

    region_id = category_id = None
    if args.region:
        matches = [r.id for r in classification.list_regions() if args.region in (r.name, r.code)]
        if not matches:
            raise KnownError(f"没有名为“{args.region}”的区域。")
        region_id = matches[0]
    if args.category:
        code = args.category.upper()
        matches = [c.id for c in classification.list_categories() if c.code == code]
        if not matches:
            raise KnownError(f"没有代码为“{args.category}”的类别。")
        category_id = matches[0]
    return cards.CardFilter(region_id=region_id, category_id=category_id)


def _print_labels(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.cards import output as card_output

    return card_output.print_labels(actor, Path(args.out), flt=_card_filter(args, actor))


def _print_list(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.cards import output as card_output

    return card_output.print_list(actor, _card_filter(args, actor), Path(args.out))


def _print_catalogue(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.cards import output as card_output

    return card_output.print_catalogue(actor, _card_filter(args, actor), Path(args.out))


@command("overdue")
def cmd_overdue(args: argparse.Namespace) -> int:
    from archive_desk import borrowing

    open_db(args)
    actor = acting_user(args)
    for r in borrowing.overdue(actor):
        print(
            f"{r.archive_no}\t{r.card_name}\t{r.borrower_name}\t{r.borrower_department}\t"
            f"{r.borrower_phone}\t应还 {r.due_date.isoformat()}\t逾期 {r.days_overdue} 天"
        )
    return 0


def _numbered(
    find: Callable[[Actor, str], int | None], actor: Actor, number: str | None, what: str
) -> int:
    """The id of the ``what`` numbered ``number`` (as ``find`` finds it); refused when none is."""
    found = find(actor, number or "")
    if found is None:
        raise KnownError(f"没有编号为“{number or ''}”的{what}。")
    return found


def _date_arg(value: str | None, name: str) -> dt.date:
    from archive_desk import validation

    check = validation.check_date(value or "")
    if not value or check.date is None:
        raise KnownError(f"请用 {name} YYYY-MM-DD 给出日期。")
    return check.date


def _print_register(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.borrowing import output as borrowing_output

    start, end = _date_arg(args.date_from, "--from"), _date_arg(args.date_to, "--to")
    return borrowing_output.print_register(actor, start, end, Path(args.out))


def _print_reminders(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.borrowing import output as borrowing_output

    return borrowing_output.print_reminders(actor, Path(args.out))


def _print_month_end(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk import borrowing

    month = args.number or borrowing.previous_month(actor.clock.today())
    from archive_desk.borrowing import output as borrowing_output

    return borrowing_output.print_month_end(actor, month, Path(args.out))


def _print_handover(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.handover import output as handover

    if args.date_from or args.date_to:
        start, end = _date_arg(args.date_from, "--from"), _date_arg(args.date_to, "--to")
        return handover.print_register(actor, start, end, Path(args.out))
    if not args.number:
        raise KnownError("请给出交接单号：print handover 交接单号 --out 文件.pdf")
    handover_id = _numbered(handover.find_by_number, actor, args.number, "交接单")
    return handover.print_handover(actor, handover_id, Path(args.out))


def _print_clerk_application(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.handover import output as handover

    handover_id = _numbered(handover.find_by_number, actor, args.number, "交接单")
    return handover.print_clerk_application(actor, handover_id, Path(args.out))


@command("report")
def cmd_report(args: argparse.Namespace) -> int:
    from archive_desk import borrowing as reports
    from archive_desk import cards as card_stats
    from archive_desk.borrowing import output as borrowing_output

    if args.kind == "cards":
        if not args.out:
            raise KnownError("请用 --out 文件.xlsx 指定档案统计的输出。")
        open_db(args)
        stats = card_stats.statistics_workbook(acting_user(args), Path(args.out))
        print(f"已生成 {args.out}（在库档案 {stats.total} 份）")
        return 0
    if not args.month:
        raise KnownError("月度借阅报表需要 --month YYYY-MM。")
    if not args.out and not args.pdf:
        raise KnownError("请用 --out 文件.xlsx 或 --pdf 文件.pdf 指定输出。")
    reports.month_bounds(args.month)
    open_db(args)
    actor = acting_user(args)
    if args.out:
        report = reports.monthly_workbook(actor, args.month, Path(args.out))
        print(f"已生成 {args.out}（明细 {len(report.details)} 行）")
    if args.pdf:
        pages = borrowing_output.print_month_end(actor, args.month, Path(args.pdf))
        print(f"已生成 {args.pdf}（{pages} 页）")
    return 0


@command("due")
def cmd_due(args: argparse.Namespace) -> int:
    """The due list (到期清单) by region and category: one line a card under its heading."""
    from archive_desk import retention

    open_db(args)
    actor = acting_user(args)
    flt = _card_filter(args, actor)
    rows = retention.due_list(
        actor, months=args.months, region_id=flt.region_id, category_id=flt.category_id
    )
    until = retention.horizon(actor.clock.today(), args.months)
    heading = None
    for r in rows:
        if (r.region, r.category_code) != heading:
            heading = (r.region, r.category_code)
            print(f"【{r.region} · {r.category_code} {r.category}】")
        marks = "；".join(
            filter(None, (f"已列入 {r.listed_on}" if r.listed_on else "", r.frozen and "已冻结"))
        )
        print(
            f"{r.archive_no}\t{r.name}\t{r.retention}\t到期 {r.retention_due.isoformat()}"
            + (f"\t{marks}" if marks else "")
        )
    print(f"共 {len(rows)} 张档案卡的保管期限在 {until.isoformat()} 前到期。")
    return 0


def _print_destruction(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.retention import output as destruction

    if not args.number:
        raise KnownError("请给出销毁清册编号：print destruction 清册编号 --out 文件.pdf")
    list_id = _numbered(destruction.find_by_number, actor, args.number, "销毁清册")
    form = args.form
    if form is None:
        from archive_desk import retention

        form = destruction.form_for(retention.get_list(actor, list_id))
    return destruction.print_form(actor, list_id, form, Path(args.out))


def _print_inspection(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.inspection import output as inspection_output

    round_id = _numbered(inspection_output.find_round, actor, args.number, "检查轮次")
    return inspection_output.print_round(actor, round_id, Path(args.out))


def _print_inventory(args: argparse.Namespace, actor: Actor) -> int:
    from archive_desk.inspection import output as inspection_output

    inventory_id = _numbered(inspection_output.find_inventory, actor, args.number, "盘点")
    return inspection_output.print_inventory(actor, inventory_id, Path(args.out))


# print KIND …: later features add their kinds here.
PRINT_KINDS: dict[str, Callable[[argparse.Namespace, Actor], int]] = {
    "card": _print_card,
    "labels": _print_labels,
    "list": _print_list,
    "catalogue": _print_catalogue,
    "register": _print_register,
    "reminders": _print_reminders,
    "month-end": _print_month_end,
    "handover": _print_handover,
    "clerk-application": _print_clerk_application,
    "destruction": _print_destruction,
    "inspection": _print_inspection,
    "inventory": _print_inventory,
}


@command("print")
def cmd_print(args: argparse.Namespace) -> int:
    handler = PRINT_KINDS.get(args.kind)
    if handler is None:
        raise KnownError(f"不能打印“{args.kind}”。可选：{'、'.join(PRINT_KINDS)}")
    open_db(args)
    actor = acting_user(args)
    pages = handler(args, actor)
    print(f"已生成 {args.out}（{pages} 页）")
    return 0


def _scan_lines(path: Path) -> list[str]:
    """The codes of a scanner's batch file, one a line (UTF-8, else the GB18030 of a Chinese
    Windows export); empty lines kept: the screen answers them too."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KnownError(f"找不到扫描文件：{path}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    return text.splitlines()


def _counts_line(view: object) -> str:
    from archive_desk import inspection

    v: inspection.InventoryView = view  # type: ignore[assignment]
    shown = [f"{r.label} {v.counts.get(r, 0)}" for r in (
        inspection.ScanResult.IN_PLACE, inspection.ScanResult.ELSEWHERE, inspection.ScanResult.ON_LOAN,
        inspection.ScanResult.UNKNOWN, inspection.ScanResult.DESTROYED)]  # fmt: skip
    shown += [f"重复扫描 {v.repeats}", f"未扫描 {v.pending}"]
    if v.counts.get(inspection.ScanResult.NOT_FOUND) or v.counts.get(inspection.ScanResult.OUT):
        shown += [f"未找到 {v.counts[inspection.ScanResult.NOT_FOUND]}",
                  f"借出未还 {v.counts[inspection.ScanResult.OUT]}"]  # fmt: skip
    return "结果：" + " · ".join(shown)


@command("inventory")
def cmd_inventory(args: argparse.Namespace) -> int:
    """An inventory of ``--location`` fed from a scanner's batch file: the open one of that
    place continues (a paused one resumes), else one begins; each line answered as the scan
    screen answers it, then the counts; ``--close`` ends it."""
    from archive_desk import inspection

    location = inspection.parse_location(args.location)
    lines = _scan_lines(Path(args.scans))
    open_db(args)
    actor = acting_user(args)
    found = inspection.open_inventory_at(actor, location)
    if found is None:
        scope = inspection.Scope(inspection.ScopeKind.LOCATION, location=location)
        view = inspection.start_inventory(actor, scope, note="命令行批量扫描")
        print(
            f"盘点 {view.number}（{view.scope_label}）：清单 {view.expected} 份（开始时借出 {view.lent_at_start} 份）"
        )
    else:
        view = inspection.get_inventory(actor, found)
        if view.state == inspection.InventoryState.PAUSED:
            view = inspection.resume_inventory(actor, view.id, view.version)
        print(
            f"盘点 {view.number}（{view.scope_label}，继续）：清单 {view.expected} 份，未扫描 {view.pending} 份"
        )
    for line in lines:
        try:
            answer = inspection.scan(actor, view.id, line)
        except KnownError as exc:
            print(f"{line.strip()[:40]}\t未记录\t{exc.message}")
            continue
        print(f"{answer.code}\t{answer.result.label}\t{answer.message}")
    view = inspection.get_inventory(actor, view.id)
    if args.close:
        view = inspection.close_inventory(actor, view.id, view.version, confirm_warnings=True)
        print(f"盘点 {view.number} 已结束。")
    print(_counts_line(view))
    return 0


# --- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archive-desk", description="档案台：客户档案管理")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="数据库文件或档案服务器 postgresql://用户@服务器:端口/数据库"
        "（默认：$ARCHIVE_DESK_DB 或用户数据目录中的文件）",
    )
    parser.add_argument(
        "--save-password", action="store_true", help="把输入的服务器密码保存到系统密钥环"
    )
    parser.add_argument("--user", metavar="NAME", help="以此用户身份执行命令")
    parser.add_argument("--verbose", "-v", action="store_true", help="输出调试日志")
    parser.add_argument("--no-crash-dialog", action="store_true", help="出错时不弹出对话框")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="启动图形界面（默认）")
    p = sub.add_parser("demo", help="向空数据库写入演示数据")
    p.add_argument("--seed", type=int, default=7, help="随机种子（默认 7）")
    p.add_argument("--cards", type=int, default=240, help="档案卡数量（默认 240）")
    p.add_argument("--loans", type=int, default=120, help="历史借阅笔数（默认 120）")
    sub.add_parser("check", help="检查数据库完整性、外键和审计链")
    p = sub.add_parser("backup", help="备份数据库")
    p.add_argument("dest", nargs="?", help="目标文件或文件夹（默认：备份文件夹）")
    p = sub.add_parser(
        "migrate", help="把这台电脑上的档案（SQLite 文件）完整复制到档案服务器并核对"
    )
    p.add_argument("--to", required=True, help="postgresql://用户@服务器:端口/数据库")
    p.add_argument("--replace", action="store_true", help="替换服务器上已有的档案")
    p = sub.add_parser("restore", help="从备份恢复数据库")
    p.add_argument("file", help="备份文件")
    p.add_argument("--yes", action="store_true", help="不再询问确认")
    p = sub.add_parser("search", help="查找档案卡（与搜索框规则相同）")
    p.add_argument("query", nargs="+", help="名称、曾用名、拼音、编号、信用代码、电话或联系人")
    p = sub.add_parser("export-cards", help="把档案卡列表导出为 Excel")
    p.add_argument("out", help="输出文件 .xlsx")
    p.add_argument("--query", help="只导出搜索到的档案卡")
    sub.add_parser("overdue", help="列出逾期未还的借阅，每行一条")
    p = sub.add_parser("import", help="导入客户台账（.xlsx .xls .ods .csv），打印每一行的结果")
    p.add_argument("file", help="台账文件")
    p.add_argument("--sheet", help="工作表名称（默认第一张）")
    p.add_argument("--mapping", help="保存过的列对应关系文件（.json）")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    p.add_argument(
        "--duplicates",
        choices=["skip", "update", "new"],
        default="skip",
        help="与已有档案重复的行：skip 跳过（默认），update 更新已有档案，new 仍作为新档案",
    )
    p.add_argument(
        "--accept-warnings", action="store_true", help="接受所有提示（如信用代码校验位不符）"
    )
    p.add_argument("--rejected", metavar="OUT.xlsx", help="把未导入的行及原因写入此文件")
    p = sub.add_parser(
        "report",
        help="报表：report monthly --month YYYY-MM --out 文件.xlsx / --pdf 文件.pdf；report cards --out 文件.xlsx",
    )
    p.add_argument(
        "kind", choices=["monthly", "cards"], help="monthly 月度借阅报表；cards 档案统计"
    )
    p.add_argument("--month", help="月份 YYYY-MM（monthly）")
    p.add_argument("--out", help="Excel 工作簿 .xlsx")
    p.add_argument("--pdf", help="借出未还清单 PDF（报总经理）")
    p = sub.add_parser("print", help="打印表格为 PDF：card / labels / list / catalogue …")
    p.add_argument(
        "kind",
        help="表格：card 档案卡，labels 类别标签，list 客户一览表，catalogue 档案目录，register 借阅登记簿，reminders 催还通知单，month-end 借出未还清单，handover 交接单（或 --from/--to 交接登记簿），inspection 检查整改记录，inventory 盘点报告，destruction 销毁建议书/清册/反馈单",
    )
    p.add_argument(
        "number",
        nargs="?",
        help="档案编号（print card）、月份 YYYY-MM（print month-end）、检查编号（print inspection）、盘点编号（print inventory）或清册编号（print destruction）",
    )
    p.add_argument("--out", required=True, help="输出文件 .pdf")
    p.add_argument("--category", help="只打印此类别代码（labels / list / catalogue）")
    p.add_argument("--region", help="只打印此区域（名称或代码）")
    p.add_argument("--from", dest="date_from", help="开始日期 YYYY-MM-DD（register）")
    p.add_argument("--to", dest="date_to", help="结束日期 YYYY-MM-DD（register）")
    p.add_argument(
        "--form",
        choices=["proposal", "register", "feedback"],
        help="destruction：proposal 销毁建议书，register 销毁清册，feedback 销毁处理反馈单（默认按清册状态）",
    )
    p = sub.add_parser("inventory", help="盘点：用扫描枪批量导出的文件（每行一个编号）盘点一个位置")
    p.add_argument("--location", required=True, help="位置：库房-柜-层-盒，例如 一号库房-01-1")
    p.add_argument("--scans", required=True, help="扫描文件：每行一个档案编号")
    p.add_argument("--close", action="store_true", help="扫描后结束盘点（未扫描的记为未找到）")
    p = sub.add_parser(
        "due", help="列出保管期限已到期（或在今后几个月内到期）的档案卡，按区域和类别"
    )
    p.add_argument("--months", type=int, default=0, help="今后几个月内到期（默认 0：已到期）")
    p.add_argument("--category", help="只列此类别代码")
    p.add_argument("--region", help="只列此区域（名称或代码）")
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
    # WORKAROUND: a log file on a full or read-only disk made logging print its own traceback
    # on stderr for every record; the clerk is told by the command's message instead.
    logging.raiseExceptions = False
    name = args.command or "gui"
    try:
        return run_command(COMMANDS[name], args)
    except KnownError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


def run_command(handler: Handler, args: argparse.Namespace) -> int:
    """Run a command; a failure of the disk or database it meets becomes a :class:`KnownError`
    saying what happened and what to do (a bug still ends in a traceback). What tells them is
    imported only when something failed: the GUI's start paints the login before the database
    module is loaded."""
    try:
        return handler(args)
    except OSError as exc:
        from archive_desk.atomicfile import DISK_ERRNOS, storage_error

        if exc.errno not in DISK_ERRNOS | {errno.EACCES, errno.EPERM}:
            raise
        raise storage_error(exc, exc.filename or location_of(args).text) from exc
    except Exception:
        if "archive_desk.db.connection" not in sys.modules:
            raise  # no database was opened: not a database error
        from archive_desk.db.connection import translate_errors

        with translate_errors():
            raise  # a database error leaves as the KnownError that says what happened
