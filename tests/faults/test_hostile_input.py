"""Hostile input on every service that takes text (issue 17), property-based with hypothesis:
for any value (:mod:`tests.faults.hostile`) a service either refuses it with a Chinese
:class:`~archive_desk.errors.KnownError` and changes nothing, or saves it clean and it reads back
equal to what the service accepted; a search answers. Nothing else — no UnicodeEncodeError,
OverflowError, "unterminated string", traceback. ``make test`` tries a few values per service,
``make faults`` hundreds; the figures line counts them.

Each service is called on records made for the call (a new card, application, loan, slip), so one
refusal or one success does not leave the next value nothing to act on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from archive_desk import accounts, cards, importing, inspection, validation
from archive_desk import borrowing as bw
from archive_desk import handover as ho
from archive_desk import retention as rt
from archive_desk import settings as app_settings
from archive_desk.clock import FixedClock
from archive_desk.db import connection
from archive_desk.db.models import (
    Card,
    CardHistory,
    CopyRecord,
    DayClose,
    DestructionItem,
    DestructionProposal,
    Handover,
    Inspection,
    InspectionFinding,
    InventoryItem,
    LegalHold,
    Renewal,
)
from archive_desk.domain import Role
from archive_desk.errors import AuthError
from archive_desk.permissions import Actor
from tests.cardkit import draft, make_card
from tests.conftest import PASSWORD
from tests.faults.conftest import LONG
from tests.faults.hostile import Call, Tally, check, hostile_number, hostile_text, too_long_texts

EXAMPLES = 100 if LONG else 4
TALLY = Tally("hostile input (hypothesis)")
PAD = bw.SignatureInput(png=b"\x89PNG-signature")
FAR = dt.date(2030, 12, 31)  # a deadline past any day the services move the clock to
EXECUTION: dict[str, Any] = {
    "place": "档案室碎纸间", "method": "shred",
    "executor": rt.Party("李档案"), "witnesses": (rt.Party("周监销"), rt.Party("吴监销")),
    "signed": {s: rt.SignatureInput(png=b"\x89PNG-signature")
               for s in ("witness1", "witness2", "executor")},
}  # fmt: skip

HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=not LONG,  # make test: the same values every run
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one archive per service, values added to it
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


@pytest.fixture(scope="module", autouse=True)
def _figures(figures: Callable[[str], None]) -> Iterator[None]:
    yield
    if TALLY.calls:
        figures(TALLY.line())


class World:
    """The people and the records the services act on (one archive for the module), made fresh
    per call where a call uses a record up."""

    def __init__(self, clock: FixedClock, folder: Path) -> None:
        self.clock = clock
        self.folder = folder  # the ledgers an import reads
        self.admin = accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
        self.clerk = self.user(Role.CLERK, "clerk", "销售部", "李档案")
        self.receiver = self.user(Role.CLERK, "receiver", "客服部", "赵敏")
        self.head = self.user(Role.DEPT_HEAD, "head", "销售部", "王刚")
        self.manager = self.user(Role.MANAGER, "manager", "客服部", "陈主管")
        self.office = self.user(Role.OFFICE_HEAD, "office", "总经办", "孙丽")
        self.dept = next(d.id for d in accounts.list_departments() if d.name == "销售部")
        # originals may stay out two weeks (so a renewal can be recorded)
        bw.save_rule(self.admin, None, None, priority=1, approver_role=Role.DEPT_HEAD,
                     mode="read", max_days=14, allowed=True, note="测试：两周")  # fmt: skip
        self.gm = self.user(Role.GENERAL_MANAGER, "gm", "总经办", "周总")
        # an approved destruction may be carried out at once (so each value has a list to act on)
        app_settings.set_values(self.admin, {"destruction.wait_days": 0})
        self.made = 0
        self.scanning: int | None = None  # the inventory the scans go to

    def user(self, role: str, username: str, department: str, full_name: str) -> Actor:
        found = {d.name: d.id for d in accounts.list_departments()}
        dept = found.get(department) or accounts.create_department(self.admin, department).id
        accounts.create_user(self.admin, username=username, full_name=full_name, role=role,
                             password=PASSWORD, department_id=dept, must_change_password=False)  # fmt: skip
        return accounts.login(username, PASSWORD, clock=self.clock)

    def card(self, **values: Any) -> cards.CardView:
        self.made += 1
        return make_card(self.clerk, f"测试客户{self.made}有限公司", **values)

    def application(self) -> bw.BorrowingView:
        return bw.apply(
            self.clerk,
            bw.BorrowerInput(name="张三", department_id=self.dept),
            [self.card().id],
            mode="read",
            purpose="核对",
        )

    def loan(self) -> bw.BorrowingView:
        app = self.application()
        app = bw.decide(self.head, app.id, app.version, approve=True)
        return bw.lend(self.clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)

    # inspection and retention

    def finding(self, *, approved: bool = False) -> inspection.FindingView:
        f = inspection.new_finding(self.clerk, self.card().id, kind="damage", description="破损")
        if not approved:
            return f
        f = inspection.propose(self.clerk, f.id, f.version, proposal="重新装订", due_on=FAR)
        return inspection.decide(self.manager, f.id, f.version, approve=True)

    def misplaced(self) -> tuple[inspection.InventoryView, inspection.ScanAnswer]:
        """An inventory of a room of its own, with a folder from elsewhere scanned."""
        self.made += 1
        room = f"盘点库房{self.made}"
        make_card(self.clerk, f"盘点客户{self.made}", location_room=room)
        inv = inspection.start_inventory(self.clerk, _room(room))
        return inv, inspection.scan(self.clerk, inv.id, self.card().archive_no)

    def due_card(self) -> cards.CardView:
        return self.card(retention="D10", trade_status="past", trade_ended_on="2014-01-10")

    def destruction(self, *, step: str = "") -> rt.DestructionView:
        """A list of two due cards: proposed, ``reviewed``, ``approved`` or ``executed``."""
        lst = rt.create_list(self.clerk, reason="保管期满",
                             items=[rt.ItemInput(self.due_card().id) for _ in range(2)])  # fmt: skip
        if step in ("reviewed", "approved", "executed"):
            lst = rt.decide(self.manager, lst.id, lst.version, "review", approve=True)
        if step in ("approved", "executed"):
            lst = rt.decide(self.gm, lst.id, lst.version, "approve", approve=True)
        if step == "executed":
            lst = rt.execute(self.clerk, lst.id, lst.version, executed_on=self.clock.today(),
                             **EXECUTION)  # fmt: skip
        return lst

    def slip(self, **items: Any) -> ho.HandoverView:
        return ho.create_handover(
            self.clerk,
            kind="filing",
            reason="年度归档",
            from_party=ho.PartyInput(user_id=self.clerk.user_id, department_id=self.dept),
            to_party=ho.PartyInput(user_id=self.receiver.user_id),
            witness=ho.PartyInput(name="周强"),
            items=[ho.ItemInput(card_id=self.card().id), ho.ItemInput(name="合同汇编", **items)],
        )

    def slip_at_check(self) -> ho.HandoverView:
        h = self.slip()
        h = ho.decide(self.head, h.id, h.version, "dept", approve=True)
        return ho.record_check(self.receiver, h.id, h.version, ticked_item_ids=[h.items[1].id])


# --- the services, each with the hostile value in one of its texts -------------------------------

CARD_TEXTS = [
    f.name
    for f in cards.CARD_FIELDS
    if f.kind not in ("choice", "ref", "date") and not f.name.startswith("retention")
]


def card_create(w: World, v: Any, field: str) -> Call:
    values = {field: v} if field != "name" else {}
    name = v if field == "name" else f"新客户{w.made}号"
    w.made += 1
    return Call(
        lambda: cards.create_card(
            w.clerk, draft(name, **values), confirm_warnings=True, allow_duplicate=True
        ),
        lambda view: (
            view.values[field],
            cards.get_card(w.clerk, view.id, log_view=False).values[field],
        ),
        multiline=cards.FIELD_BY_NAME[field].kind == "long",
    )


def card_update(w: World, v: Any, field: str) -> Call:
    card = w.card()
    values = {**card.values, field: v}
    return Call(
        lambda: cards.update_card(
            w.clerk,
            card.id,
            card.version,
            cards.CardDraft(values=values),
            confirm_warnings=True,
            allow_duplicate=True,
        ),
        lambda view: (
            view.values[field],
            cards.get_card(w.clerk, view.id, log_view=False).values[field],
        ),
        multiline=cards.FIELD_BY_NAME[field].kind == "long",
    )


def card_contact(w: World, v: Any) -> Call:
    return Call(
        lambda: cards.create_card(
            w.clerk,
            draft(f"联系人客户{w.made}", contacts=[cards.ContactInput(v, title=v, note=v)]),
            confirm_warnings=True,
            allow_duplicate=True,
        ),
        lambda view: (view.contacts, cards.get_card(w.clerk, view.id, log_view=False).contacts),
        multiline=False,
    )


def card_document(w: World, v: Any, pages: Any = 1) -> Call:
    return Call(
        lambda: cards.create_card(
            w.clerk,
            draft(f"文件客户{w.made}", documents=[cards.DocumentInput(v, v, pages=pages, note=v)]),
            confirm_warnings=True,
            allow_duplicate=True,
        ),
        lambda view: (view.documents, cards.get_card(w.clerk, view.id, log_view=False).documents),
        multiline=False,
    )


def history_texts(w: World, v: Any) -> Call:
    card = w.card()
    return Call(
        lambda: cards.update_card(
            w.clerk,
            card.id,
            card.version,
            cards.CardDraft(values={**card.values, "note": "改"}),
            reported_by=v,
            reason=v,
            confirm_warnings=True,
        ),
        lambda view: (
            validation.check_text(v, "原因", 200).value,
            CardHistory.select()
            .where(CardHistory.card == view.id)
            .order_by(CardHistory.id.desc())
            .get()
            .reason,
        ),
    )


def _region(w: World, v: Any) -> Call:
    return Call(
        lambda: cards.create_region(w.clerk, v, code=""),
        lambda r: (r.name, next(x.name for x in cards.list_regions() if x.id == r.id)),
    )


def _category(w: World, v: Any) -> Call:
    w.made += 1
    return Call(
        lambda: cards.create_category(w.clerk, f"T{w.made}", v),
        lambda c: (c.name, next(x.name for x in cards.list_categories() if x.id == c.id)),
    )


def _category_code(w: World, v: Any) -> Call:
    return Call(
        lambda: cards.create_category(w.clerk, v, "测试类别", v),
        lambda c: (
            (c.code, c.color),
            next((x.code, x.color) for x in cards.list_categories() if x.id == c.id),
        ),
    )


def _user(w: World, v: Any) -> Call:
    w.made += 1
    return Call(
        lambda: accounts.create_user(
            w.admin,
            username=f"u{w.made}",
            full_name=v,
            role=Role.CLERK,
            password=PASSWORD,
            phone="",
        ),
        lambda u: (
            u.full_name,
            next(x.full_name for x in accounts.list_users(w.admin) if x.id == u.id),
        ),
    )


def _username(w: World, v: Any) -> Call:
    return Call(
        lambda: accounts.create_user(
            w.admin, username=v, full_name="测试", role=Role.CLERK, password=PASSWORD
        ),
        lambda u: (
            u.username,
            next(x.username for x in accounts.list_users(w.admin) if x.id == u.id),
        ),
    )


def _password(w: World, v: Any) -> Call:
    w.made += 1
    return Call(
        lambda: accounts.create_user(
            w.admin, username=f"p{w.made}", full_name="测试", role=Role.CLERK, password=v
        ),
        lambda u: (True, accounts.login(u.username, v).username == u.username),
    )


def _user_phone(w: World, v: Any) -> Call:
    w.made += 1
    return Call(
        lambda: accounts.create_user(
            w.admin,
            username=f"t{w.made}",
            full_name="测试",
            role=Role.CLERK,
            password=PASSWORD,
            phone=v,
        ),
        lambda u: (u.phone, next(x.phone for x in accounts.list_users(w.admin) if x.id == u.id)),
    )


def _department(w: World, v: Any) -> Call:
    return Call(
        lambda: accounts.create_department(w.admin, v, v),
        lambda d: (
            (d.name, d.code),
            next((x.name, x.code) for x in accounts.list_departments() if x.id == d.id),
        ),
    )


def _setting(key: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        return Call(
            lambda: app_settings.set_values(w.admin, {key: v}),
            lambda _: (validation.check_text(v, "", 200).value, app_settings.get(key)),
        )

    return call


def _apply(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        borrower = bw.BorrowerInput(
            name=v if part == "name" else "李四",
            department_id=w.dept,
            phone=v if part == "phone" else "",
        )
        card = w.card()
        return Call(
            lambda: bw.apply(
                w.clerk,
                borrower,
                [card.id],
                mode="read",
                purpose=v if part == "purpose" else "核对",
                note=v if part == "note" else "",
            ),
            lambda b: (
                (b.borrower_name, b.borrower_phone, b.purpose),
                (lambda r: (r.borrower_name, r.borrower_phone, r.purpose))(
                    bw.get_borrowing(w.clerk, b.id)
                ),
            ),
        )

    return call


def _refuse(w: World, v: Any) -> Call:
    app = w.application()
    return Call(
        lambda: bw.decide(w.head, app.id, app.version, approve=False, comment=v),
        lambda b: (b.approvals[-1].comment, bw.get_borrowing(w.clerk, b.id).approvals[-1].comment),
    )


def _paper(w: World, v: Any) -> Call:
    app = w.application()
    return Call(
        lambda: bw.decide(
            w.clerk,
            app.id,
            app.version,
            approve=True,
            method="paper",
            approver_id=w.head.user_id,
            paper_ref=v,
            comment=v,
        ),
        lambda b: (
            (b.approvals[-1].paper_ref, b.approvals[-1].comment),
            (lambda a: (a.paper_ref, a.comment))(bw.get_borrowing(w.clerk, b.id).approvals[-1]),
        ),
    )


def _cancel(w: World, v: Any) -> Call:
    app = w.application()
    return Call(
        lambda: bw.cancel(w.clerk, app.id, app.version, v),
        lambda b: (b.refusal_reason, bw.get_borrowing(w.clerk, b.id).refusal_reason),
    )


def _renew(w: World, v: Any) -> Call:
    item = w.loan().items[0]
    return Call(
        lambda: bw.renew(w.clerk, item.id, item.version, w.clock.today() + dt.timedelta(days=3), v),
        lambda i: (
            validation.check_text(v, "", 500, multiline=True).value,
            Renewal.select().where(Renewal.item == i.id).get().reason,
        ),
    )


def _copy(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        card = w.card()
        args: dict[str, Any] = {
            "pages": "1-2",
            "copies": 1,
            "purpose": "存档",
            "holder_name": "王刚",
            "location": "",
            part: v,
        }
        return Call(
            lambda: bw.record_copy(w.clerk, card.id, approver_id=w.head.user_id, **args),
            lambda c: (
                (c.pages, c.copies, c.purpose, c.holder_name, c.location),
                (lambda r: (r.pages, r.copies, r.purpose, r.holder_name, r.location))(
                    CopyRecord.get_by_id(c.id)
                ),
            ),
        )

    return call


def _strike_off(w: World, v: Any) -> Call:
    card = w.card()
    copy = bw.record_copy(
        w.clerk,
        card.id,
        pages="1",
        copies=1,
        purpose="存档",
        holder_name="王刚",
        approver_id=w.manager.user_id,
        taken_out=True,
        due_date=w.clock.today(),
    )
    return Call(
        lambda: bw.strike_off_copy(w.clerk, copy.id, copy.version, v),
        lambda c: (
            c.struck_off_at is not None,
            CopyRecord.get_by_id(c.id).struck_off_at is not None,
        ),
    )


def _return(w: World, v: Any) -> Call:
    loan = w.loan()
    item = loan.items[0]
    ret = bw.ItemReturn(item.id, note=v)
    return Call(
        lambda: bw.return_items(
            w.clerk, loan.id, loan.version, [ret], borrower_signature=PAD, clerk_signature=PAD
        ),
        lambda b: (b.items[0].return_note, bw.get_borrowing(w.clerk, b.id).items[0].return_note),
    )


def _close_day(w: World, v: Any) -> Call:
    w.clock.set((w.clock.now() + dt.timedelta(days=1)).isoformat())  # a day not yet closed
    loan = w.loan()
    assert loan.state == "lent"
    return Call(
        lambda: bw.close_day(w.clerk, {i.id: v for i in bw.in_room_not_back(w.clerk)}, note=v),
        lambda _: (
            validation.check_text(v, "", 500, multiline=True).value,
            DayClose.get(DayClose.day == w.clock.today()).note,
        ),
    )


def _rule(w: World, v: Any) -> Call:
    return Call(
        lambda: bw.save_rule(
            w.admin,
            None,
            None,
            priority=1_000_000,  # after every rule the other services' loans go by
            approver_role=Role.MANAGER,
            max_days=v,
            note=v,
            allowed=True,
        ),
        lambda r: (
            (r.note, r.max_days),
            next((x.note, x.max_days) for x in bw.list_rules() if x.id == r.id),
        ),
        multiline=False,
    )


def _slip(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        card = w.card()
        name = "周强" if part != "party" else v
        return Call(
            lambda: ho.create_handover(
                w.clerk,
                kind="filing",
                reason=v if part == "reason" else "归档",
                from_party=ho.PartyInput(user_id=w.clerk.user_id, department_id=w.dept),
                to_party=ho.PartyInput(user_id=w.receiver.user_id),
                witness=ho.PartyInput(name=name),
                items=[
                    ho.ItemInput(card_id=card.id, note=v if part == "item" else ""),
                    ho.ItemInput(
                        name=v if part == "item" else "合同",
                        ref_no=v if part == "item" else "",
                        quantity=v if part == "quantity" else 1,
                    ),
                ],
            ),
            lambda h: (
                (
                    h.reason,
                    h.witness_name,
                    [(i.name, i.ref_no, i.note, i.quantity) for i in h.items],
                ),
                (
                    lambda g: (
                        g.reason,
                        g.witness_name,
                        [(i.name, i.ref_no, i.note, i.quantity) for i in g.items],
                    )
                )(ho.get_handover(w.clerk, h.id)),
            ),
        )

    return call


def _resolve(w: World, v: Any) -> Call:
    h = w.slip_at_check()
    missing = next(i for i in h.items if i.difference is not None)
    return Call(
        lambda: ho.resolve_difference(w.receiver, h.id, h.version, missing.id, accept=True, note=v),
        lambda g: (
            next(i.resolution_note for i in g.items if i.id == missing.id),
            next(
                i.resolution_note
                for i in ho.get_handover(w.clerk, g.id).items
                if i.id == missing.id
            ),
        ),
    )


def _send_back(w: World, v: Any) -> Call:
    h = w.slip_at_check()
    return Call(
        lambda: ho.finish_check(w.receiver, h.id, h.version, accept=False, comment=v),
        lambda g: (g.steps[-1].comment, ho.get_handover(w.clerk, g.id).steps[-1].comment),
    )


def _dept_return(w: World, v: Any) -> Call:
    h = w.slip()
    return Call(
        lambda: ho.decide(w.head, h.id, h.version, "dept", approve=False, comment=v),
        lambda g: (g.steps[-1].comment, ho.get_handover(w.clerk, g.id).steps[-1].comment),
    )


def _withdraw(w: World, v: Any) -> Call:
    h = w.slip()
    return Call(
        lambda: ho.cancel_handover(w.clerk, h.id, h.version, v),
        lambda g: (
            validation.check_text(v, "", 500, multiline=True).value,
            Handover.get_by_id(g.id).note,
        ),
    )


def _receive(w: World, v: Any) -> Call:
    h = w.slip_at_check()
    missing = next(i for i in h.items if i.difference is not None)
    h = ho.resolve_difference(w.receiver, h.id, h.version, missing.id, accept=True, note="补交")
    h = ho.finish_check(w.receiver, h.id, h.version, accept=True)
    h = ho.decide(w.office, h.id, h.version, "office", approve=True)
    card_id = h.items[0].card_id
    signed = {"from": PAD, "to": PAD, "witness": PAD}
    return Call(
        lambda: ho.receive(w.receiver, h.id, h.version, signed=signed, new_room=v),
        lambda _: (
            (validation.check_text(v, "", 50).value or "一号库房"),
            cards.get_card(w.clerk, card_id, log_view=False).values["location_room"],
        ),
    )


def _reviewed(w: World, v: Any) -> Call:
    card = w.card()
    return Call(
        lambda: inspection.mark_reviewed(w.clerk, [card.id], v),
        lambda _: _review_read_back(card.id, validation.check_text(v, "", 300).value),
    )


def _finding(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        card = w.card()
        texts = {"description": "破损", "proposal": "", part: v}
        return Call(
            lambda: inspection.new_finding(
                w.clerk,
                card.id,
                kind="damage",
                due_on=FAR if part == "proposal" else None,
                **texts,
            ),
            lambda f: (
                (f.description, f.proposal),
                (lambda g: (g.description, g.proposal))(InspectionFinding.get_by_id(f.id)),
            ),
        )

    return call


def _propose(w: World, v: Any) -> Call:
    f = w.finding()
    return Call(
        lambda: inspection.propose(w.clerk, f.id, f.version, proposal=v, due_on=FAR),
        lambda g: (g.proposal, InspectionFinding.get_by_id(g.id).proposal),
    )


def _finding_decision(w: World, v: Any) -> Call:
    f = w.finding()
    f = inspection.propose(w.clerk, f.id, f.version, proposal="重新装订", due_on=FAR)
    return Call(
        lambda: inspection.decide(w.manager, f.id, f.version, approve=False, comment=v),
        lambda g: (
            g.decisions[-1].comment,
            inspection.get_finding(w.clerk, g.id).decisions[-1].comment,
        ),
    )


def _resolution(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        f = w.finding(approved=True)
        texts = {"resolution": "已重新装订", "helpers": "", part: v}
        return Call(
            lambda: inspection.resolve(
                w.clerk, f.id, f.version, resolved_on=w.clock.today(), **texts
            ),
            lambda g: (
                (g.resolution, g.helpers),
                (lambda r: (r.resolution, r.helpers))(InspectionFinding.get_by_id(g.id)),
            ),
            multiline=part != "helpers",
        )

    return call


def _room(room: Any) -> inspection.Scope:
    return inspection.Scope(inspection.ScopeKind.LOCATION, location=inspection.Location(room))


def _inventory(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        w.made += 1
        room = f"新库房{w.made}"
        make_card(w.clerk, f"新库房客户{w.made}", location_room=room)
        return Call(
            lambda: inspection.start_inventory(
                w.clerk, _room(v if part == "location" else room), note=v if part == "note" else ""
            ),
            lambda inv: (
                (
                    validation.check_text(
                        v if part == "note" else "", "", 500, multiline=True
                    ).value,
                    Inspection.get_by_id(inv.id).note,
                )
                if part == "note"
                else (
                    cards.clean_location(inspection.Location(v)).room,
                    Inspection.get_by_id(inv.id).scope_room,
                )
            ),
        )

    return call


def _scan(w: World, v: Any) -> Call:
    if w.scanning is None:  # one inventory for every scan, never closed
        make_card(w.clerk, "扫描客户", location_room="扫描库房")
        w.scanning = inspection.start_inventory(w.clerk, _room("扫描库房")).id
    inventory_id = w.scanning
    return Call(
        lambda: inspection.scan(w.clerk, inventory_id, v),
        lambda a: (a.code, InventoryItem.get_by_id(a.item_id).code),
        multiline=False,
    )


def _item_finding(w: World, v: Any) -> Call:
    inv, scanned = w.misplaced()
    return Call(
        lambda: inspection.item_finding(w.clerk, inv.id, scanned.item_id, description=v),
        lambda item: (
            InspectionFinding.get_by_id(item.finding_id).description,
            inspection.get_finding(w.clerk, item.finding_id).description,
        ),
    )


def _move_here(w: World, v: Any) -> Call:
    inv, scanned = w.misplaced()
    place = inspection.Location(v, v, v, v)
    return Call(
        lambda: inspection.move_here(w.clerk, inv.id, scanned.item_id, place),
        lambda _item: (
            cards.get_card(w.clerk, scanned.card_id, log_view=False).values["location_room"],
            Card.get_by_id(scanned.card_id).location_room,
        ),
        multiline=False,
    )


def _round(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        if part == "close":
            r = inspection.start_round(w.clerk, kind="adhoc")
            run = lambda: inspection.close_round(  # noqa: E731
                w.clerk, r.id, r.version, note=v, confirm_warnings=True
            )
        else:
            run = lambda: inspection.start_round(w.clerk, kind="adhoc", note=v)  # noqa: E731
        return Call(run, lambda r: (r.note, Inspection.get_by_id(r.id).note))

    return call


def _destruction(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        card = w.due_card()
        return Call(
            lambda: rt.create_list(
                w.clerk,
                reason=v if part == "reason" else "到期",
                items=[rt.ItemInput(card.id, "other", note=v if part == "note" else "见附件")],
            ),
            lambda lst: (
                (lst.reason, lst.items[0].reason),
                (
                    lambda h: (
                        h.reason,
                        DestructionItem.get(DestructionItem.proposal == h.id).reason,
                    )
                )(DestructionProposal.get_by_id(lst.id)),
            ),
        )

    return call


def _destruction_change(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        lst = w.destruction()
        if part == "update":
            items = [rt.ItemInput(i.card_id) for i in lst.items]
            run = lambda: rt.update_list(w.clerk, lst.id, lst.version, reason=v, items=items)  # noqa: E731
            column = "reason"
        else:
            run = lambda: rt.cancel_list(w.clerk, lst.id, lst.version, reason=v)  # noqa: E731
            column = "note"
        return Call(
            run,
            lambda got: (
                getattr(got, column),
                getattr(DestructionProposal.get_by_id(got.id), column),
            ),
        )

    return call


def _destruction_review(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        lst = w.destruction()
        if part == "exempt":
            item = lst.items[0]
            run = lambda: rt.decide(  # noqa: E731
                w.manager, lst.id, lst.version, "review", approve=True, exempt={item.id: v}
            )
            return Call(
                run,
                lambda got: (got.items[0].note, DestructionItem.get_by_id(item.id).note),
                multiline=False,
            )
        return Call(
            lambda: rt.decide(w.manager, lst.id, lst.version, "review", approve=False, comment=v),
            lambda got: (got.review_opinion, DestructionProposal.get_by_id(got.id).review_opinion),
        )

    return call


def _execution(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        lst = w.destruction(step="approved")
        fields = {**EXECUTION, "executed_on": w.clock.today()}  # the services move the clock
        if part == "place":
            fields["place"] = v
        elif part == "executor":
            fields["executor"] = rt.Party(v)
        else:
            fields["witnesses"] = (rt.Party(v), EXECUTION["witnesses"][1])
        return Call(
            lambda: rt.execute(w.clerk, lst.id, lst.version, **fields),
            lambda got: (
                (got.place, got.executor, got.witness1),
                (lambda h: (h.place, h.executor, h.witness1))(
                    DestructionProposal.get_by_id(got.id)
                ),
            ),
            multiline=False,
        )

    return call


def _feedback(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        lst = w.destruction(step="executed")
        texts = {"reported_to": "总经理", "feedback": "已粉碎", part: v}
        return Call(
            lambda: rt.record_feedback(
                w.clerk, lst.id, lst.version, reported_on=w.clock.today(), **texts
            ),
            lambda got: (
                (got.reported_to, got.feedback),
                (lambda h: (h.reported_to, h.feedback))(DestructionProposal.get_by_id(got.id)),
            ),
        )

    return call


def _freeze(part: str) -> Callable[[World, Any], Call]:
    def call(w: World, v: Any) -> Call:
        card = w.card()
        if part == "lift":
            row = rt.freeze(w.manager, [card.id], kind="audit", reason="审计")[0]
            return Call(
                lambda: rt.lift(w.manager, row.hold_id, row.version, reason=v),
                lambda _none: (
                    validation.check_text(v, "", 500, multiline=True).value,
                    LegalHold.get_by_id(row.hold_id).lift_reason,
                ),
            )
        return Call(
            lambda: rt.freeze(w.manager, [card.id], kind="litigation", reason=v),
            lambda rows: (rows[0].reason, LegalHold.get_by_id(rows[0].hold_id).reason),
        )

    return call


def _review_read_back(card_id: int, note: str) -> tuple[str, str]:
    """The note as accepted and as the card's history keeps it; an empty note gives the round's
    name (例行检查 JC2026-0001): its first word is compared."""
    reason = (
        CardHistory.select()
        .where(CardHistory.card == card_id)
        .order_by(CardHistory.id.desc())
        .get()
    ).reason
    return (note, reason) if note else ("例行检查", reason.split(" ")[0])


# reads: any text, an answer (or a Chinese refusal), never an error
def _search(w: World, v: Any) -> Call:
    def run() -> None:
        ids = cards.card_ids(w.clerk, cards.CardFilter(text=v))
        cards.card_rows(w.clerk, ids[:50])
        cards.count_cards(w.clerk, cards.CardFilter(text=v))
        cards.tree_counts(w.clerk, cards.CardFilter(text=v))
        cards.find_one(w.clerk, v)
        cards.search_note(v)
        ho.find_by_number(w.clerk, v)
        inspection.find_inventory(w.clerk, v)
        inspection.find_round(w.clerk, v)
        flt = inspection.FindingFilter("all", card=v)
        inspection.count_findings(w.clerk, flt)
        inspection.list_findings(w.clerk, flt)
        rt.find_by_number(w.clerk, v)

    return Call(run)


def _login(w: World, v: Any) -> Call:
    def run() -> None:
        for username, password in ((v, PASSWORD), ("clerk", v), (v, v)):
            try:
                actor = accounts.login(username, password)
            except AuthError:
                continue
            # only a user of that name with that password (another service may have made one)
            assert actor.username == validation.check_text(username, "", 50).value

    return Call(run)


def _import(column: str) -> Callable[[World, Any], Call]:
    """A ledger (CSV, UTF-8; a lone surrogate written as its bytes) whose one row has the value
    in ``column``: the row is imported clean or not imported with its reason — the import
    itself never fails on it."""

    def make(w: World, v: Any) -> Call:
        w.made += 1
        row = {"客户名称": f"导入客户{w.made}号", "地区": "北京", "客户类别": "GY", column: str(v)}
        text = "\r\n".join(
            ",".join('"' + c.replace('"', '""') + '"' for c in line)
            for line in (list(row), list(row.values()))
        )
        path = w.folder / f"ledger{w.made}.csv"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))

        def run() -> list[str]:
            report = importing.import_file(
                w.clerk, path, choices=importing.Choices(accept_warnings=True)
            )
            return [o.archive_no for o in report.outcomes if o.action == "created"]

        def read_back(numbers: list[str]) -> tuple[Any, Any]:
            views = [
                cards.get_card(w.clerk, cards.find_by_archive_no(w.clerk, n), log_view=False)
                for n in numbers
            ]
            names = [v.values["name"] for v in views]
            return names, [
                cards.get_card(w.clerk, v.id, log_view=False).values["name"] for v in views
            ]

        return Call(run, read_back, multiline=False)

    return make


SERVICES: dict[str, Callable[[World, Any], Call]] = {
    "importing.import_file[客户名称]": _import("客户名称"),
    "importing.import_file[联系人]": _import("联系人"),
    **{f"cards.create_card[{f}]": (lambda w, v, f=f: card_create(w, v, f)) for f in CARD_TEXTS},
    **{
        f"cards.update_card[{f}]": (lambda w, v, f=f: card_update(w, v, f))
        for f in ("name", "address", "business_scope", "phone", "location_room")
    },
    "cards.create_card[contact]": card_contact,
    "cards.create_card[document]": card_document,
    "cards.create_card[document pages]": lambda w, v: card_document(w, "合同", pages=v),
    "cards.update_card[reported_by, reason]": history_texts,
    "cards.create_region": _region,
    "cards.create_category[name]": _category,
    "cards.create_category[code, color]": _category_code,
    "cards.search (list, count, tree, find_one, note), handover.find_by_number, "
    "inspection.find_inventory, find_round, findings by card, retention.find_by_number": _search,
    "accounts.create_user[full_name]": _user,
    "accounts.create_user[username]": _username,
    "accounts.create_user[password]": _password,
    "accounts.create_user[phone]": _user_phone,
    "accounts.create_department": _department,
    "accounts.login": _login,
    "settings.set_values[org.name]": _setting("org.name"),
    "settings.set_values[archive_no.pattern]": _setting("archive_no.pattern"),
    "settings.set_values[review.months]": _setting("review.months"),
    "borrowing.apply[borrower]": _apply("name"),
    "borrowing.apply[phone]": _apply("phone"),
    "borrowing.apply[purpose]": _apply("purpose"),
    "borrowing.apply[note]": _apply("note"),
    "borrowing.decide[refusal comment]": _refuse,
    "borrowing.decide[paper_ref, comment]": _paper,
    "borrowing.cancel": _cancel,
    "borrowing.renew": _renew,
    "borrowing.record_copy[pages]": _copy("pages"),
    "borrowing.record_copy[copies]": _copy("copies"),
    "borrowing.record_copy[purpose]": _copy("purpose"),
    "borrowing.record_copy[holder_name]": _copy("holder_name"),
    "borrowing.record_copy[location]": _copy("location"),
    "borrowing.strike_off_copy": _strike_off,
    "borrowing.return_items[note]": _return,
    "borrowing.close_day": _close_day,
    "borrowing.save_rule": _rule,
    "handover.create_handover[reason]": _slip("reason"),
    "handover.create_handover[witness]": _slip("party"),
    "handover.create_handover[items]": _slip("item"),
    "handover.create_handover[quantity]": _slip("quantity"),
    "handover.decide[comment]": _dept_return,
    "handover.resolve_difference": _resolve,
    "handover.finish_check[comment]": _send_back,
    "handover.cancel_handover": _withdraw,
    "handover.receive[new_room]": _receive,
    "inspection.mark_reviewed": _reviewed,
    "inspection.new_finding[description]": _finding("description"),
    "inspection.new_finding[proposal]": _finding("proposal"),
    "inspection.propose": _propose,
    "inspection.decide[comment]": _finding_decision,
    "inspection.resolve[resolution]": _resolution("resolution"),
    "inspection.resolve[helpers]": _resolution("helpers"),
    "inspection.start_inventory[note]": _inventory("note"),
    "inspection.start_inventory[location]": _inventory("location"),
    "inspection.scan": _scan,
    "inspection.item_finding": _item_finding,
    "inspection.move_here[location]": _move_here,
    "inspection.start_round[note]": _round("start"),
    "inspection.close_round[note]": _round("close"),
    "retention.create_list[reason]": _destruction("reason"),
    "retention.create_list[item note]": _destruction("note"),
    "retention.update_list": _destruction_change("update"),
    "retention.cancel_list": _destruction_change("cancel"),
    "retention.decide[comment]": _destruction_review("comment"),
    "retention.decide[exempt]": _destruction_review("exempt"),
    "retention.execute[place]": _execution("place"),
    "retention.execute[executor]": _execution("executor"),
    "retention.execute[witness]": _execution("witness"),
    "retention.record_feedback[reported_to]": _feedback("reported_to"),
    "retention.record_feedback[feedback]": _feedback("feedback"),
    "retention.freeze": _freeze("freeze"),
    "retention.lift": _freeze("lift"),
}
NUMBERS = {
    "cards.create_card[staff_count]",
    "cards.create_card[document pages]",
    "borrowing.record_copy[copies]",
    "handover.create_handover[quantity]",
    "borrowing.save_rule",
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One archive for every service of the module (~0.2 s to build: per service it was most of
    the quick run)."""
    folder = tmp_path_factory.mktemp("hostile")
    connection.open_database(folder / "archive.db")
    try:
        yield World(FixedClock("2026-03-02T09:00:00"), folder)
    finally:
        connection.close_database()


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_any_text_is_refused_in_chinese_or_saved_clean(world: World, name: str) -> None:
    values = hostile_number() if name in NUMBERS else hostile_text()

    @HYPOTHESIS
    @given(value=values)
    def prop(value: Any) -> None:
        check(TALLY, name, SERVICES[name](world, value))

    try:
        prop()
    except Exception:
        TALLY.problems.append(name)
        raise
    assert too_long_texts() == []  # nothing stored past its column


def test_every_service_that_takes_text_is_tried() -> None:
    """A new service that takes text gets a row above (the list of those on main)."""
    tried = {name.split("[")[0].split(" ")[0] for name in SERVICES}
    assert tried >= {
        "cards.create_card",
        "cards.update_card",
        "cards.create_region",
        "cards.create_category",
        "accounts.create_user",
        "accounts.create_department",
        "accounts.login",
        "settings.set_values",
        "borrowing.apply",
        "borrowing.decide",
        "borrowing.cancel",
        "borrowing.renew",
        "borrowing.record_copy",
        "borrowing.strike_off_copy",
        "borrowing.return_items",
        "borrowing.close_day",
        "borrowing.save_rule",
        "handover.create_handover",
        "handover.decide",
        "handover.resolve_difference",
        "handover.finish_check",
        "handover.cancel_handover",
        "handover.receive",
        "inspection.mark_reviewed",
        "inspection.new_finding",
        "inspection.propose",
        "inspection.decide",
        "inspection.resolve",
        "inspection.start_inventory",
        "inspection.scan",
        "inspection.item_finding",
        "inspection.move_here",
        "inspection.start_round",
        "inspection.close_round",
        "retention.create_list",
        "retention.update_list",
        "retention.cancel_list",
        "retention.decide",
        "retention.execute",
        "retention.record_feedback",
        "retention.freeze",
        "retention.lift",
        "importing.import_file",
    }
