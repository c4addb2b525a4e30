"""The role × service matrix, generated from the permission table (issue 17): every service that
takes an acting user is called by every role; where :data:`archive_desk.permissions.
ROLE_PERMISSIONS` gives the role a permission the service asks for, the call passes the check
(it may still be refused for its arguments: a record that is not there, a bad value), else it is
refused with :class:`~archive_desk.errors.PermissionDenied`. Then the separation-of-duty cases:
where a procedure names two people, the one who holds one part is refused the other; and the
secrecy of inspection's and retention's records to a reader of a lower clearance.

:data:`SERVICES` says which permissions each service asks for (any one of them suffices) and how
to call it with harmless arguments; a public service taking ``actor`` that is missing from it
fails :func:`test_every_service_is_in_the_matrix`. The calls of inspection and retention act on
real records (:mod:`tests.faults.keeping`) and go through for a permitted role. All of it runs
on a SQLite file and on a PostgreSQL database.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from archive_desk import accounts, backups, cards, importing, reporting, retention
from archive_desk import borrowing as bw
from archive_desk import handover as ho
from archive_desk import inspection as ins
from archive_desk import settings as app_settings
from archive_desk.borrowing import output as bw_output
from archive_desk.cards import output as card_output
from archive_desk.clock import FixedClock
from archive_desk.db import connection
from archive_desk.domain import Role, Secrecy
from archive_desk.errors import (
    KnownError,
    NotFound,
    PermissionDenied,
    SessionEnded,
    ValidationError,
)
from archive_desk.handover import output as ho_output
from archive_desk.inspection import output as ins_output
from archive_desk.permissions import ROLE_PERMISSIONS, Actor, Perm
from archive_desk.procedures.changes import transaction
from archive_desk.retention import output as ret_output
from tests.cardkit import make_card
from tests.conftest import PASSWORD, STORES, _migrate_template
from tests.faults.keeping import ROOM, Desk, key_of
from tests.importing.ledgers import write_csv

NO = 999_999  # no such record: an allowed call is refused for it, after the permission check
PAD = bw.SignatureInput(png=b"\x89PNG-signature")
DAY = dt.date(2026, 3, 2)

P = Perm
# who reads rounds, inventories and findings; who reads the due list, the lists and the freezes
INS_READ = (P.INSPECTION_RECORD, P.INSPECTION_APPROVE)
RET_READ = (P.DESTRUCTION_PROPOSE, P.DESTRUCTION_REVIEW, P.DESTRUCTION_APPROVE, P.LEGAL_HOLD)
F = ins.FindingState
LATER = DAY + dt.timedelta(days=30)


def _in_transaction(service: Callable[..., Any], *args: Any) -> Any:
    """A service that writes inside its caller's transaction (an import's)."""
    with transaction():
        return service(*args)


SERVICES: dict[str, tuple[tuple[str, ...], Callable[[Actor, Any], Any]]] = {
    # accounts and settings
    "accounts.list_users": ((P.USER_MANAGE,), lambda a, w: accounts.list_users(a)),
    "accounts.create_user": ((P.USER_MANAGE,), lambda a, w: accounts.create_user(
        a, username="x", full_name="", role=Role.CLERK, password=PASSWORD)),
    "accounts.update_user": ((P.USER_MANAGE,), lambda a, w: accounts.update_user(
        a, NO, 1, full_name="x", role=Role.CLERK, department_id=None, clearance=1)),
    "accounts.reset_password": ((P.USER_MANAGE,), lambda a, w: accounts.reset_password(a, NO, PASSWORD)),
    "accounts.unlock_user": ((P.USER_MANAGE,), lambda a, w: accounts.unlock_user(a, NO)),
    "accounts.create_department": ((P.USER_MANAGE,), lambda a, w: accounts.create_department(a, "")),
    "settings.set_values": ((P.SETTINGS_MANAGE,), lambda a, w: app_settings.set_values(a, {"x": 1})),
    "backups.back_up": ((P.BACKUP,), lambda a, w: backups.back_up(a, w.db_path, w.out("b.db"))),
    "backups.restore": ((P.RESTORE,), lambda a, w: backups.restore(a, w.db_path, w.out("none.db"))),
    # cards
    "cards.card_ids": ((P.CARD_VIEW,), lambda a, w: cards.card_ids(a, cards.CardFilter(text="甲"))),
    "cards.card_rows": ((P.CARD_VIEW,), lambda a, w: cards.card_rows(a, [w.card.id])),
    "cards.count_cards": ((P.CARD_VIEW,), lambda a, w: cards.count_cards(a, cards.CardFilter())),
    "cards.tree_counts": ((P.CARD_VIEW,), lambda a, w: cards.tree_counts(a, cards.CardFilter())),
    "cards.find_by_archive_no": ((P.CARD_VIEW,), lambda a, w: cards.find_by_archive_no(a, "GY")),
    "cards.find_one": ((P.CARD_VIEW,), lambda a, w: cards.find_one(a, "甲")),
    "cards.find_duplicates": ((P.CARD_VIEW,), lambda a, w: cards.find_duplicates(a, name="甲")),
    "cards.get_card": ((P.CARD_VIEW,), lambda a, w: cards.get_card(a, NO)),
    "cards.history": ((P.CARD_VIEW,), lambda a, w: cards.history(a, NO)),
    "cards.create_card": ((P.CARD_EDIT,), lambda a, w: cards.create_card(a, cards.CardDraft())),
    "cards.update_card": ((P.CARD_EDIT,), lambda a, w: cards.update_card(a, NO, 1, cards.CardDraft())),
    "cards.create_region": ((P.CLASSIFICATION_MANAGE,), lambda a, w: cards.create_region(a, "")),
    "cards.update_region": ((P.CLASSIFICATION_MANAGE,), lambda a, w: cards.update_region(a, NO, 1, name="x")),
    "cards.delete_region": ((P.CLASSIFICATION_MANAGE,), lambda a, w: cards.delete_region(a, NO)),
    "cards.set_region_retired": ((P.CLASSIFICATION_MANAGE,), lambda a, w: cards.set_region_retired(a, NO, True)),
    "cards.create_category": ((P.CLASSIFICATION_MANAGE,), lambda a, w: cards.create_category(a, "", "")),
    "cards.update_category": ((P.CLASSIFICATION_MANAGE,), lambda a, w: cards.update_category(a, NO, 1, name="x", color="#000000")),
    "cards.delete_category": ((P.CLASSIFICATION_MANAGE,), lambda a, w: cards.delete_category(a, NO)),
    "cards.set_category_retired": ((P.CLASSIFICATION_MANAGE,), lambda a, w: cards.set_category_retired(a, NO, True)),
    "cards.card_statistics": ((P.REPORT_VIEW,), lambda a, w: cards.card_statistics(a)),
    "cards.statistics_workbook": ((P.REPORT_EXPORT,), lambda a, w: cards.statistics_workbook(a, w.out("s.xlsx"))),
    "cards.output.print_cards": ((P.CARD_PRINT,), lambda a, w: card_output.print_cards(a, [], w.out("c.pdf"))),
    "cards.output.print_card_by_number": ((P.CARD_PRINT,), lambda a, w: card_output.print_card_by_number(a, w.card.archive_no, w.out("n.pdf"))),
    "cards.output.print_labels": ((P.CARD_PRINT,), lambda a, w: card_output.print_labels(a, w.out("l.pdf"), card_ids=[])),
    "cards.output.print_list": ((P.CARD_PRINT,), lambda a, w: card_output.print_list(a, cards.CardFilter(text="无此公司"), w.out("list.pdf"))),
    "cards.output.print_catalogue": ((P.CARD_PRINT,), lambda a, w: card_output.print_catalogue(a, cards.CardFilter(text="无此公司"), w.out("cat.pdf"))),
    "cards.output.export_cards": ((P.CARD_EXPORT,), lambda a, w: card_output.export_cards(a, cards.CardFilter(text="无此公司"), w.out("e.xlsx"))),
    "cards.filter_condition": ((P.CARD_VIEW,), lambda a, w: cards.filter_condition(a, cards.CardFilter())),
    "cards.folder_by_number": ((P.CARD_VIEW,), lambda a, w: cards.folder_by_number(a, w.card.archive_no)),
    "cards.tombstone": ((P.CARD_VIEW,), lambda a, w: cards.tombstone(a, w.desk.executed("read").items[0].card_id)),
    # borrowing
    "borrowing.apply": ((P.BORROW_RECORD,), lambda a, w: bw.apply(a, bw.BorrowerInput(), [], mode="read", purpose="")),
    "borrowing.approvers": ((P.BORROW_APPROVE, P.BORROW_RECORD), lambda a, w: bw.approvers(a, NO)),
    "borrowing.decide[login]": ((P.BORROW_APPROVE,), lambda a, w: bw.decide(a, NO, 1, approve=True)),
    "borrowing.decide[paper]": ((P.BORROW_RECORD,), lambda a, w: bw.decide(a, NO, 1, approve=True, method="paper", approver_id=w.head.user_id, paper_ref="1")),
    "borrowing.cancel": ((P.BORROW_RECORD,), lambda a, w: bw.cancel(a, NO, 1, "")),
    "borrowing.pending_approvals": ((P.BORROW_APPROVE, P.BORROW_RECORD), lambda a, w: bw.pending_approvals(a)),
    "borrowing.count_pending_approvals": ((P.BORROW_APPROVE, P.BORROW_RECORD), lambda a, w: bw.count_pending_approvals(a)),
    "borrowing.get_borrowing": ((P.BORROW_RECORD, P.BORROW_APPROVE), lambda a, w: bw.get_borrowing(a, NO)),
    "borrowing.list_borrowings": ((P.BORROW_RECORD, P.BORROW_APPROVE), lambda a, w: bw.list_borrowings(a)),
    "borrowing.count_borrowings": ((P.BORROW_RECORD, P.BORROW_APPROVE), lambda a, w: bw.count_borrowings(a)),
    "borrowing.lend": ((P.BORROW_RECORD,), lambda a, w: bw.lend(a, NO, 1, borrower_signature=PAD, clerk_signature=PAD)),
    "borrowing.confirm_paper_signatures": ((P.BORROW_RECORD,), lambda a, w: bw.confirm_paper_signatures(a, NO, 1)),
    "borrowing.return_folders": ((P.BORROW_RECORD,), lambda a, w: bw.return_folders(a, NO)),
    "borrowing.return_items": ((P.BORROW_RECORD,), lambda a, w: bw.return_items(a, NO, 1, [], borrower_signature=PAD, clerk_signature=PAD)),
    "borrowing.renew": ((P.BORROW_RECORD,), lambda a, w: bw.renew(a, NO, 1, DAY, "")),
    "borrowing.overdue": ((P.BORROW_RECORD, P.REPORT_VIEW), lambda a, w: bw.overdue(a)),
    "borrowing.record_copy": ((P.BORROW_RECORD,), lambda a, w: bw.record_copy(a, NO, pages="1", copies=1, purpose="", approver_id=NO, holder_name="")),
    "borrowing.strike_off_copy": ((P.BORROW_RECORD,), lambda a, w: bw.strike_off_copy(a, NO, 1)),
    "borrowing.copy_approvers": ((P.BORROW_RECORD,), lambda a, w: bw.copy_approvers(a, NO)),
    "borrowing.copies_out": ((P.BORROW_RECORD,), lambda a, w: bw.copies_out(a)),
    "borrowing.in_room_not_back": ((P.BORROW_RECORD,), lambda a, w: bw.in_room_not_back(a)),
    "borrowing.count_in_room_not_back": ((P.BORROW_RECORD,), lambda a, w: bw.count_in_room_not_back(a)),
    "borrowing.close_day": ((P.BORROW_RECORD,), lambda a, w: bw.close_day(a, {NO: ""})),
    "borrowing.month_end_data": ((P.BORROW_RECORD,), lambda a, w: bw.month_end_data(a, "2026-13")),
    "borrowing.month_end_reminder": ((P.BORROW_RECORD,), lambda a, w: bw.month_end_reminder(a)),
    "borrowing.record_month_end": ((P.BORROW_RECORD,), lambda a, w: bw.record_month_end(a, bw.month_end_data(w.clerk, "2026-02"))),
    "borrowing.save_rule": ((P.SETTINGS_MANAGE,), lambda a, w: bw.save_rule(a, NO, 1, approver_role="x")),
    "borrowing.delete_rule": ((P.SETTINGS_MANAGE,), lambda a, w: bw.delete_rule(a, NO)),
    "borrowing.loans_per_month": ((P.REPORT_VIEW,), lambda a, w: bw.loans_per_month(a)),
    "borrowing.build_report": ((P.REPORT_VIEW,), lambda a, w: bw.build_report(a, "2026-13")),
    "borrowing.monthly_workbook": ((P.REPORT_EXPORT,), lambda a, w: bw.monthly_workbook(a, "2026-13", w.out("m.xlsx"))),
    "borrowing.output.print_application": ((P.BORROW_RECORD,), lambda a, w: bw_output.print_application(a, NO, w.out("a.pdf"))),
    "borrowing.output.register_rows": ((P.BORROW_RECORD,), lambda a, w: bw_output.register_rows(a, DAY, DAY - dt.timedelta(days=1))),
    "borrowing.output.print_register": ((P.BORROW_RECORD,), lambda a, w: bw_output.print_register(a, DAY, DAY - dt.timedelta(days=1), w.out("r.pdf"))),
    "borrowing.output.print_copies": ((P.BORROW_RECORD,), lambda a, w: bw_output.print_copies(a, DAY, DAY - dt.timedelta(days=1), w.out("cp.pdf"))),
    "borrowing.output.print_reminders": ((P.BORROW_RECORD, P.REPORT_VIEW), lambda a, w: bw_output.print_reminders(a, w.out("re.pdf"), item_ids=[])),
    "borrowing.output.print_month_end": ((P.BORROW_RECORD,), lambda a, w: bw_output.print_month_end(a, "2026-13", w.out("me.pdf"))),
    # an import (the ledger: two rows, one refused; its preview and dry run made by the clerk)
    "cards.add_salesperson": ((P.CARD_EDIT,), lambda a, w: cards.add_salesperson(a, "")),
    "cards.archive_numbers_in_use": ((P.CARD_EDIT,), lambda a, w: cards.archive_numbers_in_use(a, ["KH-1"])),
    "cards.match_duplicates": ((P.CARD_VIEW,), lambda a, w: cards.match_duplicates(a, [("甲公司", "")])),
    "cards.create_imported": ((P.CARD_EDIT,), lambda a, w: _in_transaction(cards.create_imported, a, [])),
    "importing.check": ((P.CARD_EDIT,), lambda a, w: importing.check(a, w.ledger()[0], w.ledger()[1])),
    "importing.run_import": ((P.CARD_EDIT,), lambda a, w: importing.run_import(a, w.preview(), importing.Choices(), dry_run=True)),
    "importing.import_file": ((P.CARD_EDIT,), lambda a, w: importing.import_file(a, w.out("none.csv"))),
    "importing.update_changes": ((P.CARD_EDIT,), lambda a, w: importing.update_changes(a, w.preview(), w.preview().rows[0])),
    "importing.write_rejected": ((P.CARD_EDIT,), lambda a, w: importing.write_rejected(a, w.dry_run(), w.preview(), w.out("rej.xlsx"))),
    # handover
    "handover.create_handover": ((P.HANDOVER_RECORD,), lambda a, w: ho.create_handover(a, kind="x", reason="", from_party=ho.PartyInput(), to_party=ho.PartyInput(), witness=ho.PartyInput(), items=[])),
    "handover.update_handover": ((P.HANDOVER_RECORD,), lambda a, w: ho.update_handover(a, NO, 1, kind="filing", reason="x", from_party=ho.PartyInput(), to_party=ho.PartyInput(), witness=ho.PartyInput(), items=[])),
    "handover.replace_items": ((P.HANDOVER_RECORD,), lambda a, w: ho.replace_items(a, NO, 1, [])),
    "handover.cancel_handover": ((P.HANDOVER_RECORD,), lambda a, w: ho.cancel_handover(a, NO, 1, "")),
    "handover.cards_held_by": ((P.HANDOVER_RECORD,), lambda a, w: ho.cards_held_by(a, NO)),
    "handover.suggested_department": ((P.HANDOVER_RECORD,), lambda a, w: ho.suggested_department(a, [], None)),
    "handover.department_approvers": ((P.HANDOVER_RECORD,), lambda a, w: ho.department_approvers(a, None, None)),
    "handover.find_by_number": ((P.HANDOVER_RECORD,), lambda a, w: ho.find_by_number(a, "JJ")),
    "handover.in_range": ((P.HANDOVER_RECORD,), lambda a, w: ho.in_range(a, DAY, DAY - dt.timedelta(days=1))),
    "handover.get_handover": ((P.HANDOVER_RECORD, P.HANDOVER_APPROVE_DEPT, P.HANDOVER_APPROVE_OFFICE), lambda a, w: ho.get_handover(a, NO)),
    "handover.list_handovers": ((P.HANDOVER_RECORD, P.HANDOVER_APPROVE_DEPT, P.HANDOVER_APPROVE_OFFICE), lambda a, w: ho.list_handovers(a)),
    "handover.count_handovers": ((P.HANDOVER_RECORD, P.HANDOVER_APPROVE_DEPT, P.HANDOVER_APPROVE_OFFICE), lambda a, w: ho.count_handovers(a)),
    "handover.step_approvers": ((P.HANDOVER_RECORD, P.HANDOVER_APPROVE_DEPT, P.HANDOVER_APPROVE_OFFICE), lambda a, w: ho.step_approvers(a, NO, "dept")),
    "handover.decide[dept, login]": ((P.HANDOVER_APPROVE_DEPT,), lambda a, w: ho.decide(a, NO, 1, "dept", approve=True)),
    "handover.decide[office, login]": ((P.HANDOVER_APPROVE_OFFICE,), lambda a, w: ho.decide(a, NO, 1, "office", approve=True)),
    "handover.decide[paper]": ((P.HANDOVER_RECORD,), lambda a, w: ho.decide(a, NO, 1, "dept", approve=True, method="paper", approver_id=w.head.user_id, paper_ref="1")),
    "handover.record_check": ((P.HANDOVER_RECORD,), lambda a, w: ho.record_check(a, NO, 1)),
    "handover.resolve_difference": ((P.HANDOVER_RECORD,), lambda a, w: ho.resolve_difference(a, NO, 1, NO, accept=True, note="x")),
    "handover.finish_check": ((P.HANDOVER_RECORD,), lambda a, w: ho.finish_check(a, NO, 1, accept=True)),
    "handover.receive": ((P.HANDOVER_RECORD,), lambda a, w: ho.receive(a, NO, 1, signed={})),
    "handover.output.print_handover": ((P.HANDOVER_RECORD, P.HANDOVER_APPROVE_DEPT, P.HANDOVER_APPROVE_OFFICE), lambda a, w: ho_output.print_handover(a, NO, w.out("h.pdf"))),
    "handover.output.print_clerk_application": ((P.HANDOVER_RECORD, P.HANDOVER_APPROVE_DEPT, P.HANDOVER_APPROVE_OFFICE), lambda a, w: ho_output.print_clerk_application(a, NO, w.out("ca.pdf"))),
    "handover.output.print_register": ((P.HANDOVER_RECORD,), lambda a, w: ho_output.print_register(a, DAY, DAY - dt.timedelta(days=1), w.out("hr.pdf"))),
    # inspection: rounds and the review
    "inspection.start_round": ((P.INSPECTION_RECORD,), lambda a, w: ins.start_round(a, note="专项检查")),
    "inspection.close_round": ((P.INSPECTION_RECORD,), lambda a, w: ins.close_round(a, *key_of(w.desk.round("close")), confirm_warnings=True)),
    "inspection.mark_reviewed": ((P.INSPECTION_RECORD,), lambda a, w: ins.mark_reviewed(a, [w.card.id], round_id=w.desk.round("review").id)),
    "inspection.get_round": (INS_READ, lambda a, w: ins.get_round(a, w.desk.round("read").id)),
    "inspection.find_round": (INS_READ, lambda a, w: ins.find_round(a, w.desk.round("read").number)),
    "inspection.list_rounds": (INS_READ, lambda a, w: ins.list_rounds(a)),
    "inspection.count_rounds": (INS_READ, lambda a, w: ins.count_rounds(a)),
    "inspection.current_periodic": (INS_READ, lambda a, w: ins.current_periodic(a)),
    "inspection.round_card_ids": (INS_READ, lambda a, w: ins.round_card_ids(a, w.desk.round("read").id, reviewed=False)),
    "inspection.findings_of": (INS_READ, lambda a, w: ins.findings_of(a, w.desk.round("read").id)),
    "inspection.output.print_round": (INS_READ, lambda a, w: ins_output.print_round(a, w.desk.round("read").id, w.out("jc.pdf"))),
    # inspection: the inventory
    "inspection.start_inventory": ((P.INSPECTION_RECORD,), lambda a, w: ins.start_inventory(a, w.desk.place("start"))),
    "inspection.scan": ((P.INSPECTION_RECORD,), lambda a, w: ins.scan(a, w.desk.inventory("scan").id, w.card.archive_no)),
    "inspection.pause_inventory": ((P.INSPECTION_RECORD,), lambda a, w: ins.pause_inventory(a, *key_of(w.desk.inventory("pause")))),
    "inspection.resume_inventory": ((P.INSPECTION_RECORD,), lambda a, w: ins.resume_inventory(a, *key_of(w.desk.paused("resume")))),
    "inspection.add_tray": ((P.INSPECTION_RECORD,), lambda a, w: ins.add_tray(a, *key_of(w.desk.tray("add")[0]), w.desk.tray("add")[1])),
    "inspection.close_inventory": ((P.INSPECTION_RECORD,), lambda a, w: ins.close_inventory(a, *key_of(w.desk.inventory("close")), confirm_warnings=True)),
    "inspection.move_here": ((P.INSPECTION_RECORD,), lambda a, w: ins.move_here(a, *w.desk.misplaced("move"))),
    "inspection.item_finding": ((P.INSPECTION_RECORD,), lambda a, w: ins.item_finding(a, *w.desk.misplaced("finding"))),
    "inspection.get_inventory": (INS_READ, lambda a, w: ins.get_inventory(a, w.desk.inventory("read").id)),
    "inspection.find_inventory": (INS_READ, lambda a, w: ins.find_inventory(a, w.desk.inventory("read").number)),
    "inspection.open_inventory_at": (INS_READ, lambda a, w: ins.open_inventory_at(a, w.desk.inventory("read").scope.location)),
    "inspection.list_inventories": (INS_READ, lambda a, w: ins.list_inventories(a)),
    "inspection.count_inventories": (INS_READ, lambda a, w: ins.count_inventories(a)),
    "inspection.inventory_items": (INS_READ, lambda a, w: ins.inventory_items(a, w.desk.inventory("read").id)),
    "inspection.count_items": (INS_READ, lambda a, w: ins.count_items(a, w.desk.inventory("read").id, "pending")),
    "inspection.last_scans": (INS_READ, lambda a, w: ins.last_scans(a, w.desk.misplaced("read")[0])),
    "inspection.report": (INS_READ, lambda a, w: ins.report(a, w.desk.inventory("read").id)),
    "inspection.output.print_inventory": (INS_READ, lambda a, w: ins_output.print_inventory(a, w.desk.inventory("read").id, w.out("pd.pdf"))),
    "inspection.output.export_inventory": (INS_READ, lambda a, w: ins_output.export_inventory(a, w.desk.inventory("read").id, w.out("pd.xlsx"))),
    # inspection: findings
    "inspection.new_finding": ((P.INSPECTION_RECORD,), lambda a, w: ins.new_finding(a, w.desk.card("new finding").id, kind="damage", description="封面破损")),
    "inspection.propose": ((P.INSPECTION_RECORD,), lambda a, w: ins.propose(a, *key_of(w.desk.finding("propose", F.OPEN)), proposal="修补封面", due_on=LATER)),
    "inspection.decide[login]": ((P.INSPECTION_APPROVE,), lambda a, w: ins.decide(a, *key_of(w.desk.finding("login", F.PROPOSED)), approve=True)),
    "inspection.decide[paper]": ((P.INSPECTION_RECORD,), lambda a, w: ins.decide(a, *key_of(w.desk.finding("paper", F.PROPOSED)), approve=True, method="paper", approver_id=w.manager.user_id, paper_ref="1")),
    "inspection.resolve": ((P.INSPECTION_RECORD,), lambda a, w: ins.resolve(a, *key_of(w.desk.finding("resolve", F.APPROVED)), resolution="已修补封面", resolved_on=DAY)),
    "inspection.get_finding": (INS_READ, lambda a, w: ins.get_finding(a, w.desk.finding("read", F.PROPOSED).id)),
    "inspection.approvers": (INS_READ, lambda a, w: ins.approvers(a, w.desk.finding("read", F.PROPOSED).id)),
    "inspection.list_findings": (INS_READ, lambda a, w: ins.list_findings(a)),
    "inspection.count_findings": (INS_READ, lambda a, w: ins.count_findings(a)),
    # retention: the due list, freezes, the lists and their steps, the execution, the feedback
    "retention.due_list": (RET_READ, lambda a, w: retention.due_list(a, months=12)),
    "retention.count_due": (RET_READ, lambda a, w: retention.count_due(a)),
    "retention.freeze": ((P.LEGAL_HOLD,), lambda a, w: retention.freeze(a, [w.desk.card("freeze").id], kind="audit", reason="2026年度审计")),
    "retention.lift": ((P.LEGAL_HOLD,), lambda a, w: retention.lift(a, w.desk.frozen("lift").hold_id, w.desk.frozen("lift").version, reason="纠纷已了结")),
    "retention.hold_report": (RET_READ, lambda a, w: retention.hold_report(a)),
    "retention.create_list": ((P.DESTRUCTION_PROPOSE,), lambda a, w: retention.create_list(a, reason="保管期满", items=[retention.ItemInput(w.desk.due("create").id)])),
    "retention.update_list": ((P.DESTRUCTION_PROPOSE,), lambda a, w: retention.update_list(a, *key_of(w.desk.draft("update")), reason="保管期满，复核无误", items=[retention.ItemInput(w.desk.due("update").id, "other", "经鉴定无保存价值")])),
    "retention.cancel_list": ((P.DESTRUCTION_PROPOSE,), lambda a, w: retention.cancel_list(a, *key_of(w.desk.draft("cancel")), reason="客户恢复交易")),
    "retention.decide[review, login]": ((P.DESTRUCTION_REVIEW,), lambda a, w: retention.decide(a, *key_of(w.desk.draft("review")), "review", approve=True, comment="同意")),
    "retention.decide[approve, login]": ((P.DESTRUCTION_APPROVE,), lambda a, w: retention.decide(a, *key_of(w.desk.reviewed("approve")), "approve", approve=True, comment="同意")),
    "retention.decide[paper]": ((P.DESTRUCTION_PROPOSE,), lambda a, w: retention.decide(a, *key_of(w.desk.draft("paper")), "review", approve=True, method="paper", approver_id=w.manager.user_id, paper_ref="1")),
    "retention.recheck": ((P.DESTRUCTION_PROPOSE,), lambda a, w: retention.recheck(a, w.desk.approved("read").id)),
    "retention.execute": ((P.DESTRUCTION_PROPOSE,), lambda a, w: w.desk.execute(a, w.desk.approved("execute"))),
    "retention.record_feedback": ((P.DESTRUCTION_PROPOSE,), lambda a, w: retention.record_feedback(a, *key_of(w.desk.executed("feedback")), reported_to="总经理", reported_on=DAY, feedback="已按清册销毁")),
    "retention.get_list": (RET_READ, lambda a, w: retention.get_list(a, w.desk.approved("read").id)),
    "retention.step_approvers": (RET_READ, lambda a, w: retention.step_approvers(a, w.desk.draft("approvers").id, "review")),
    "retention.find_by_number": (RET_READ, lambda a, w: retention.find_by_number(a, w.desk.approved("read").number)),
    "retention.list_lists": (RET_READ, lambda a, w: retention.list_lists(a, "all")),
    "retention.count_lists": (RET_READ, lambda a, w: retention.count_lists(a)),
    "retention.output.print_form": (RET_READ, lambda a, w: ret_output.print_form(a, w.desk.executed("read").id, "register", w.out("xh.pdf"))),
    # reporting
    "reporting.todos": ((P.REPORT_VIEW,), lambda a, w: reporting.todos(a)),
    "reporting.figures": ((P.REPORT_VIEW,), lambda a, w: reporting.figures(a)),
    "reporting.card_shares": ((P.REPORT_VIEW,), lambda a, w: reporting.card_shares(a)),
    "reporting.loans_per_month": ((P.REPORT_VIEW,), lambda a, w: reporting.loans_per_month(a)),
    "reporting.recent_events": ((P.AUDIT_VIEW,), lambda a, w: reporting.recent_events(a)),
    "reporting.count_events": ((P.AUDIT_VIEW,), lambda a, w: reporting.count_events(a)),
}  # fmt: skip

# Services taking ``actor`` that ask for no permission of the table, and why.
NOT_IN_THE_TABLE = {
    "accounts.change_password": "her own password (the old one is asked)",
    "accounts.current_user": "her own account",
    "cards.visible": "the secrecy rule itself (an expression for other queries)",
    "cards.above_clearance": "the secrecy rule too: which cards a record lists by number only",
    "cards.names_as_seen": "the secrecy rule too: the names a record lists, hidden above it",
    "borrowing.todos": "to-dos: an empty list for a role without the permission",
    "handover.todos": "to-dos: as above",
    "inspection.todos": "to-dos: as above",
    "handover.own_part_refusal": "a question about a slip the caller has read (get_handover)",
    "inspection.open_finding": "called by a procedure inside its own (checked) transaction",
    "handover.output.find_by_number": "handover.find_by_number, re-exported",
    "inspection.output.find_round": "inspection.find_round, re-exported",
    "inspection.output.find_inventory": "inspection.find_inventory, re-exported",
    "retention.output.find_by_number": "retention.find_by_number, re-exported",
    "retention.todos": "to-dos: as above",
    # the cards' keeping functions: each runs inside the transaction of the procedure that
    # calls it, which checked its own permission first (the matrix calls that procedure)
    "cards.record_review": "inspection.mark_reviewed's transaction (inspection.record)",
    "cards.move_location": "inspection.move_here's transaction (inspection.record)",
    "cards.add_history": "inspection.resolve's transaction (inspection.record)",
    "cards.hand_over": "handover.receive's transaction (handover.record)",
    "cards.destroy": "retention.execute's transaction (destruction.propose)",
}
# the services whose harmless call acts on real records (tests/faults/keeping.py): a permitted
# role's call goes through (the others are called with a record that is not there)
ON_RECORDS = ("inspection.", "retention.", "cards.filter_condition", "cards.folder_by_number",
              "cards.tombstone")  # fmt: skip
SURFACES = (
    "accounts", "settings", "backups", "cards", "cards.output", "borrowing", "borrowing.output",
    "handover", "handover.output", "inspection", "inspection.output", "reporting", "importing",
    "retention", "retention.output",
)  # fmt: skip


@dataclass
class World:
    db_path: Path | str  # a SQLite file, or a PostgreSQL database's URL
    folder: Path
    actors: dict[str, Actor]
    clerk: Actor
    head: Actor
    manager: Actor
    card: cards.CardView
    gone: dict[str, Actor]  # by role: sessions of a user deactivated, of one demoted
    desk: Desk  # inspection's and retention's records
    outcomes: dict[str, int] = field(
        default_factory=lambda: {"passed": 0, "through": 0, "refused": 0, "ended": 0}
    )

    def out(self, name: str) -> Path:
        return self.folder / name

    def ledger(self) -> tuple[importing.Source, importing.Mapping]:
        """A ledger of two rows (the second names no customer) and its columns by header."""
        rows: list[list[object]] = [
            ["客户名称", "区域", "类别"],
            ["乙公司", "华北", "A"],
            ["", "华北", "A"],
        ]
        source = importing.read_source(write_csv(self.out("ledger.csv"), "utf-8", rows))
        return source, importing.guess(source.sheet.rows)

    def preview(self) -> importing.Preview:
        return importing.check(self.clerk, *self.ledger())

    def dry_run(self) -> importing.ImportReport:
        return importing.run_import(self.clerk, self.preview(), importing.Choices(), dry_run=True)


@pytest.fixture(scope="module", params=STORES)
def world(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    figures: Callable[[str], None],
) -> Iterator[World]:
    """The demo roles' sessions on a fresh archive: a SQLite file, or a PostgreSQL database of
    the session's test server (the faults' other checks are SQLite's own failure modes; the
    permissions are the store's too)."""
    folder = tmp_path_factory.mktemp("matrix")
    db_path: Path | str = folder / "archive.db"
    if request.param == "postgresql":
        pg = request.getfixturevalue("pg_server")
        pg.prepare_template(_migrate_template)
        db_path = url = pg.create_database()
        request.addfinalizer(lambda: pg.drop_database(url))
    connection.open_database(db_path)
    clock = FixedClock("2026-03-02T09:00:00")
    admin = accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
    dept = accounts.create_department(admin, "销售部").id
    actors = {Role.ADMIN: admin}
    for role in Role.ALL:
        if role != Role.ADMIN:
            accounts.create_user(admin, username=role, full_name=role, role=role, password=PASSWORD,
                                 department_id=dept, must_change_password=False)  # fmt: skip
            actors[role] = accounts.login(role, PASSWORD, clock=clock)
    card = make_card(actors[Role.CLERK], "甲公司")
    # two more whose sessions outlive their rights: deactivated, and demoted to 内部
    gone = {}
    for role, change in ((Role.CLERK, {"active": False}), (Role.ADMIN, {"clearance": 0})):
        name = f"gone_{role}"
        accounts.create_user(admin, username=name, full_name=name, role=role, password=PASSWORD,
                             department_id=dept, must_change_password=False)  # fmt: skip
        gone[role] = accounts.login(name, PASSWORD, clock=clock)
        user = next(u for u in accounts.list_users(admin) if u.username == name)
        fields = {"clearance": user.clearance, "active": True, **change}
        accounts.update_user(
            admin, user.id, user.version, full_name=name, role=role, department_id=dept,
            **fields,  # type: ignore[arg-type]
        )  # fmt: skip
    desk = Desk(admin, actors[Role.CLERK], actors[Role.MANAGER], actors[Role.GENERAL_MANAGER])
    w = World(db_path, folder, actors, actors[Role.CLERK], actors[Role.DEPT_HEAD],
              actors[Role.MANAGER], card, gone, desk)  # fmt: skip
    try:
        yield w
    finally:
        connection.close_database()
    figures(
        f"role × service matrix ({request.param}): {len(SERVICES)} services × "
        f"{len(Role.ALL)} roles = {len(SERVICES) * len(Role.ALL)} calls, "
        f"{w.outcomes['passed']} passed the check ({w.outcomes['through']} went through), "
        f"{w.outcomes['refused']} refused as the table says, 0 otherwise; "
        f"{w.outcomes['ended']} calls of a deactivated or demoted user's open session ended; "
        f"{len(DUTY_CASES)} separation-of-duty cases refused"
    )


@pytest.mark.parametrize("role", Role.ALL)
@pytest.mark.parametrize("service", sorted(SERVICES))
def test_each_role_may_call_what_the_table_gives_it(world: World, service: str, role: str) -> None:
    perms, call = SERVICES[service]
    allowed = any(p in ROLE_PERMISSIONS[role] for p in perms)
    actor = world.actors[role]
    try:
        call(actor, world)
    except SessionEnded:
        raise
    except PermissionDenied as exc:
        assert not allowed, f"{role} may {service} ({perms}) but was refused: {exc.message}"
        world.outcomes["refused"] += 1
        return
    except KnownError as exc:
        # refused for its arguments, after the permission check; never a call on real records
        assert not service.startswith(ON_RECORDS) or not allowed, (
            f"{role} may {service}: its harmless call was refused: {exc.message}"
        )
    else:
        world.outcomes["through"] += 1
    assert allowed, f"{role} may not {service} ({perms}), yet passed the check"
    world.outcomes["passed"] += 1


@pytest.mark.parametrize("role", [Role.CLERK, Role.ADMIN])
@pytest.mark.parametrize("service", sorted(SERVICES))
def test_a_session_outliving_its_rights_is_ended(world: World, service: str, role: str) -> None:
    perms, call = SERVICES[service]
    if not any(p in ROLE_PERMISSIONS[role] for p in perms):
        return  # refused by the table first (above)
    with pytest.raises(SessionEnded, match="本次登录已结束"):
        call(world.gone[role], world)
    world.outcomes["ended"] += 1


def test_every_service_is_in_the_matrix() -> None:
    found = set()
    for surface in SURFACES:
        module = importlib.import_module(f"archive_desk.{surface}")
        names = set(getattr(module, "__all__", ())) or {
            n for n, f in vars(module).items()
            if not n.startswith("_") and getattr(f, "__module__", "") == module.__name__
        }  # fmt: skip
        names |= set(getattr(module, "_TRAIL", ())) | set(getattr(module, "_LATER", {}))
        for name in names:
            fn = getattr(module, name, None)
            if inspect.isfunction(fn) and list(inspect.signature(fn).parameters)[:1] == ["actor"]:
                found.add(f"{surface}.{name}")
    listed = {s.split("[")[0] for s in SERVICES} | set(NOT_IN_THE_TABLE)
    assert found - listed == set(), "services missing from the matrix"
    assert listed - found == set(), "the matrix names what is not a service"


def test_every_permission_is_asked_by_some_service() -> None:
    asked = {p for perms, _ in SERVICES.values() for p in perms}
    table = {p for perms in ROLE_PERMISSIONS.values() for p in perms}
    assert table - asked == set()


# --- separation of duties ------------------------------------------------------------------------


def _borrower_approves(w: World) -> Callable[[], Any]:
    head = w.actors[Role.DEPT_HEAD]
    card = make_card(w.clerk, "乙公司")
    app = bw.apply(w.clerk, bw.BorrowerInput(user_id=head.user_id), [card.id], mode="read",
                   purpose="核对")  # fmt: skip
    return lambda: bw.decide(head, app.id, app.version, approve=True)


def _slip(w: World, name: str) -> ho.HandoverView:
    card = make_card(w.clerk, name)
    return ho.create_handover(
        w.clerk, kind="filing", reason="归档",
        from_party=ho.PartyInput(user_id=w.clerk.user_id, department_id=w.clerk.department_id),
        to_party=ho.PartyInput(name="接收人甲"), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=card.id)],
    )  # fmt: skip


def _drafter_checks(w: World) -> Callable[[], Any]:
    h = _slip(w, "丙公司")
    h = ho.decide(w.head, h.id, h.version, "dept", approve=True)
    return lambda: ho.record_check(w.clerk, h.id, h.version, ticked_item_ids=[h.items[0].id])


def _party_approves(w: World) -> Callable[[], Any]:
    # the department's only head hands the files over herself: no one could approve the slip
    card = make_card(w.clerk, "丁公司")
    return lambda: ho.create_handover(
        w.clerk, kind="filing", reason="归档",
        from_party=ho.PartyInput(user_id=w.head.user_id, department_id=w.head.department_id),
        to_party=ho.PartyInput(name="接收人甲"), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=card.id)],
    )  # fmt: skip


def _own_clearance(w: World) -> Callable[[], Any]:
    admin = w.actors[Role.ADMIN]
    me = next(u for u in accounts.list_users(admin) if u.id == admin.user_id)
    return lambda: accounts.update_user(
        admin, me.id, me.version, full_name=me.full_name, role=me.role, department_id=None,
        clearance=int(Secrecy.CONFIDENTIAL),
    )  # fmt: skip


def _witness_is_party(w: World) -> Callable[[], Any]:
    card = make_card(w.clerk, "戊公司")
    return lambda: ho.create_handover(
        w.clerk, kind="filing", reason="归档",
        from_party=ho.PartyInput(user_id=w.clerk.user_id, department_id=w.clerk.department_id),
        to_party=ho.PartyInput(name="接收人甲"), witness=ho.PartyInput(user_id=w.clerk.user_id),
        items=[ho.ItemInput(card_id=card.id)],
    )  # fmt: skip


# the destruction's and the inspection's: the roles keep the parts apart (a clerk proposes, a
# manager reviews, the general manager approves), so the person who held one part is given the
# role of the next one — promoted, as happens — and logs in again


def _person(w: World, name: str, role: str, clearance: int | None = None) -> Actor:
    """A new user of ``role`` (her role's clearance unless ``clearance``), logged in."""
    admin = w.actors[Role.ADMIN]
    accounts.create_user(admin, username=name, full_name=name, role=role, password=PASSWORD,
                         department_id=w.clerk.department_id, must_change_password=False,
                         clearance=clearance)  # fmt: skip
    return accounts.login(name, PASSWORD, clock=w.clerk.clock)


def _promoted(w: World, person: Actor, role: str) -> Actor:
    admin = w.actors[Role.ADMIN]
    user = next(u for u in accounts.list_users(admin) if u.id == person.user_id)
    accounts.update_user(admin, user.id, user.version, full_name=user.full_name, role=role,
                         department_id=user.department_id, clearance=user.clearance)  # fmt: skip
    return accounts.login(person.username, PASSWORD, clock=w.clerk.clock)


def _proposer_reviews(w: World) -> Callable[[], Any]:
    clerk = _person(w, "proposer_reviews", Role.CLERK)
    lst = retention.create_list(clerk, reason="保管期满",
                                items=[retention.ItemInput(w.desk.due("proposer reviews").id)])  # fmt: skip
    manager = _promoted(w, clerk, Role.MANAGER)
    return lambda: retention.decide(manager, *key_of(lst), "review", approve=True, comment="同意")


def _proposer_approves(w: World) -> Callable[[], Any]:
    clerk = _person(w, "proposer_approves", Role.CLERK)
    lst = retention.create_list(clerk, reason="保管期满",
                                items=[retention.ItemInput(w.desk.due("proposer approves").id)])  # fmt: skip
    lst = retention.decide(w.manager, *key_of(lst), "review", approve=True, comment="同意")
    gm = _promoted(w, clerk, Role.GENERAL_MANAGER)
    return lambda: retention.decide(gm, *key_of(lst), "approve", approve=True, comment="同意")


def _reviewer_approves(w: World) -> Callable[[], Any]:
    manager = _person(w, "reviewer_approves", Role.MANAGER)
    lst = w.desk.draft("reviewer approves")
    lst = retention.decide(manager, *key_of(lst), "review", approve=True, comment="同意")
    gm = _promoted(w, manager, Role.GENERAL_MANAGER)
    return lambda: retention.decide(gm, *key_of(lst), "approve", approve=True, comment="同意")


def _one_witness_twice(w: World) -> Callable[[], Any]:
    lst = w.desk.approved("one witness twice")
    return lambda: w.desk.execute(w.clerk, lst, witnesses=(retention.Party("周监销"),
                                                           retention.Party(" 周监销 ")))  # fmt: skip


def _executor_witnesses(w: World) -> Callable[[], Any]:
    lst = w.desk.approved("executor witnesses")
    me = retention.Party("李档案", user_id=w.clerk.user_id)
    return lambda: w.desk.execute(w.clerk, lst, executor=me, witnesses=(
        retention.Party("周监销"), retention.Party("档案员", user_id=w.clerk.user_id)))  # fmt: skip


def _finding_proposer_approves(w: World) -> Callable[[], Any]:
    clerk = _person(w, "finding_proposer", Role.CLERK)
    f = ins.new_finding(clerk, w.desk.card("finding proposer").id, kind="damage",
                        description="封面破损", proposal="修补封面", due_on=LATER)  # fmt: skip
    manager = _promoted(w, clerk, Role.MANAGER)
    return lambda: ins.decide(manager, *key_of(f), approve=True)


DUTY_CASES: dict[str, tuple[Callable[[World], Callable[[], Any]], type[Exception], str]] = {
    "applicant ≠ approver (a loan)": (_borrower_approves, PermissionDenied, "不能审批自己的借阅申请"),
    "drafter ≠ receiving clerk (the check)": (_drafter_checks, PermissionDenied, "不能再核对"),
    "handing-over party ≠ approver (a slip)": (_party_approves, ValidationError, "不能审批自己经办的交接单"),
    "witness ≠ a party (a slip)": (_witness_is_party, ValidationError, "不能是同一人"),
    "no one changes her own clearance": (_own_clearance, PermissionDenied, "不能修改自己的角色或可阅密级"),
    "proposer ≠ reviewer (a destruction list)": (_proposer_reviews, PermissionDenied, "不能审批自己提出的销毁清册"),
    "proposer ≠ approver (a destruction list)": (_proposer_approves, PermissionDenied, "不能审批自己提出的销毁清册"),
    "reviewer ≠ approver (a destruction list)": (_reviewer_approves, PermissionDenied, "审核和批准不能是同一人"),
    "two witnesses, two people (a destruction)": (_one_witness_twice, ValidationError, "两位监销人不能是同一人"),
    "executor ≠ witness (a destruction)": (_executor_witnesses, ValidationError, "监销人不能由销毁执行人兼任"),
    "proposer ≠ approver (a finding's proposal)": (_finding_proposer_approves, PermissionDenied, "不能审批自己提出的处理意见"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(DUTY_CASES))
def test_one_person_cannot_hold_two_parts(world: World, case: str) -> None:
    prepare, refusal, message = DUTY_CASES[case]
    act = prepare(world)
    with pytest.raises(refusal, match=message):
        act()


# --- secrecy beyond the table: inspection's and retention's records of a 机密 card ----------------
# The roles that read them are 机密 by default; a clerk or a manager may be given less.

SECRET = int(Secrecy.CONFIDENTIAL)
FINDING_STEPS = {"propose": (F.OPEN, Role.CLERK), "decide": (F.PROPOSED, Role.MANAGER),
                 "resolve": (F.APPROVED, Role.CLERK)}  # fmt: skip


@pytest.mark.parametrize("step", sorted(FINDING_STEPS))
def test_no_one_acts_on_a_finding_of_a_card_above_her_clearance(world: World, step: str) -> None:
    state, role = FINDING_STEPS[step]
    f = world.desk.finding(f"secret {step}", state, secrecy=SECRET)
    low = _person(world, f"low_{step}", role, clearance=int(Secrecy.INTERNAL))
    act = {
        "propose": lambda: ins.propose(low, *key_of(f), proposal="修补封面", due_on=LATER),
        "decide": lambda: ins.decide(low, *key_of(f), approve=True),
        "resolve": lambda: ins.resolve(low, *key_of(f), resolution="已修补", resolved_on=DAY),
    }[step]
    with pytest.raises(NotFound, match="检查问题不存在"):
        act()
    after = ins.get_finding(world.clerk, f.id)
    assert (after.state, after.version, after.decisions) == (state, f.version, f.decisions)


def test_a_lower_clearance_sees_a_confidential_folders_number_not_its_name(world: World) -> None:
    w, name, listed_name = world, "机密戊有限公司", "机密己有限公司"
    shelf = ins.Location(ROOM, "01", "机密")
    card = make_card(w.clerk, name, secrecy=SECRET, location_room=shelf.room,
                     location_shelf=shelf.shelf)  # fmt: skip
    inventory = ins.start_inventory(w.clerk, ins.Scope(ins.ScopeKind.LOCATION, location=shelf))
    ins.scan(w.clerk, inventory.id, card.archive_no)
    listed = retention.create_list(w.clerk, reason="保管期满", items=[retention.ItemInput(
        make_card(w.clerk, listed_name, secrecy=SECRET, retention="D10", trade_status="past",
                  trade_ended_on="2014-01-10").id)])  # fmt: skip
    low = _person(w, "low_reader", Role.CLERK, clearance=int(Secrecy.INTERNAL))
    reads = {
        "inventory_items": lambda a: ins.inventory_items(a, inventory.id),
        "last_scans": lambda a: ins.last_scans(a, inventory.id),
        "report": lambda a: ins.report(a, inventory.id),
        "get_list": lambda a: retention.get_list(a, listed.id),
        "recheck": lambda a: retention.recheck(a, listed.id),
    }
    for service, read in reads.items():
        secret = listed_name if service in ("get_list", "recheck") else name
        assert secret in repr(read(w.clerk)), service
        seen = repr(read(low))
        assert secret not in seen and cards.HIDDEN_NAME in seen, service


def test_no_one_opens_a_finding_on_a_folder_above_her_clearance(world: World) -> None:
    w, shelf = world, ins.Location(ROOM, "01", "机密二")
    make_card(w.clerk, "机密庚有限公司", secrecy=SECRET, location_room=shelf.room,
              location_shelf=shelf.shelf)  # fmt: skip
    inventory = ins.start_inventory(w.clerk, ins.Scope(ins.ScopeKind.LOCATION, location=shelf))
    (line,) = ins.inventory_items(w.clerk, inventory.id)
    low = _person(w, "low_inventory", Role.CLERK, clearance=int(Secrecy.INTERNAL))
    with pytest.raises(NotFound, match="无权查看这一密级"):
        ins.item_finding(low, inventory.id, line.id, kind="other", description="标签模糊")
    assert ins.inventory_items(w.clerk, inventory.id) == [line]
    assert ins.count_findings(w.clerk, ins.FindingFilter("all", card=line.code)) == 0
