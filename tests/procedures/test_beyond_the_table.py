"""Permissions beyond the role × service table (issue 17): what a user may see follows her
clearance everywhere a card's name or contents shows (a loan's details, a slip's list, the audit
trail), and where a procedure names two people, one person cannot be both."""

from __future__ import annotations

import pytest

from archive_desk import accounts, reporting
from archive_desk import borrowing as bw
from archive_desk import handover as ho
from archive_desk.db.models import AuditEvent, HandoverItem
from archive_desk.domain import Role, Secrecy
from archive_desk.errors import PermissionDenied, ValidationError
from tests.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-signature")


def _dept(name: str) -> int:
    return next(d.id for d in accounts.list_departments() if d.name == name)


@pytest.fixture
def staff(make_user, clerk):  # type: ignore[no-untyped-def]
    return {
        "clerk": clerk,
        "receiver": make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏"),
        "head": make_user(Role.DEPT_HEAD, "head", department="销售部", full_name="王刚"),
        "manager": make_user(Role.MANAGER, "manager", department="客服部", full_name="陈主管"),
        "office": make_user(Role.OFFICE_HEAD, "office", department="总经办", full_name="孙丽"),
    }


# --- a card's name where the reader may not see the card ----------------------------------------


def test_a_department_head_sees_no_confidential_name_through_a_loan(staff) -> None:
    clerk, head = staff["clerk"], staff["head"]
    assert head.clearance == Secrecy.SECRET
    secret = make_card(clerk, "机密客户有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    open_card = make_card(clerk, "公开客户有限公司")
    app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=_dept("销售部")),
                   [secret.id, open_card.id], mode="read", purpose="核对")  # fmt: skip
    seen = bw.get_borrowing(head, app.id)  # was: both names
    names = {i.archive_no: i.card_name for i in seen.items}
    assert names == {secret.archive_no: bw.HIDDEN_NAME, open_card.archive_no: "公开客户有限公司"}
    assert "机密客户" not in repr(seen)
    by_manager = bw.decide(staff["manager"], app.id, app.version, approve=True)
    assert {i.card_name for i in by_manager.items} == {"机密客户有限公司", "公开客户有限公司"}
    assert {i.card_name for i in bw.get_borrowing(clerk, app.id).items} == {
        "机密客户有限公司", "公开客户有限公司",
    }  # fmt: skip


def test_a_slips_list_shows_a_confidential_card_by_number_only_below_clearance(staff) -> None:
    clerk, office = staff["clerk"], staff["office"]
    secret = make_card(clerk, "机密客户有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    h = ho.create_handover(
        clerk, kind="filing", reason="年度归档",
        from_party=ho.PartyInput(user_id=clerk.user_id, department_id=_dept("销售部")),
        to_party=ho.PartyInput(user_id=staff["receiver"].user_id), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=secret.id), ho.ItemInput(name="合同汇编")],
    )  # fmt: skip
    assert h.items[0].name == f"{secret.archive_no} 机密客户有限公司"  # the clerk (机密)
    for reader in (office, staff["head"]):  # 内部, 秘密
        seen = ho.get_handover(reader, h.id)
        assert [i.name for i in seen.items] == [
            f"{secret.archive_no} （密级高于您的可阅密级，名称不显示）", "合同汇编",
        ]  # fmt: skip
    assert HandoverItem.get_by_id(h.items[0].id).name == f"{secret.archive_no} 机密客户有限公司"


def test_the_audit_trail_shows_no_confidential_contents_to_the_admin(admin, staff) -> None:
    clerk = staff["clerk"]
    secret = make_card(clerk, "机密客户有限公司", secrecy=int(Secrecy.CONFIDENTIAL),
                       business_scope="核心配方")  # fmt: skip
    make_card(clerk, "内部客户有限公司", business_scope="日用品")
    assert admin.clearance == Secrecy.INTERNAL
    shown = {e.record_label: e for e in reporting.recent_events(admin) if e.entity == "card"}
    hidden = shown[f"档案卡 {secret.id}"]
    assert hidden.hidden and hidden.before == hidden.after == ""
    assert hidden.after_text == hidden.before_text == reporting.HIDDEN_TEXT
    assert (hidden.action, hidden.username) == ("card.create", "clerk")  # the event itself stays
    texts = " ".join(e.after_text + e.before_text for e in reporting.recent_events(admin))
    assert "核心配方" not in texts and "机密客户" not in texts and "日用品" in texts
    manager_texts = " ".join(e.after_text for e in reporting.recent_events(staff["manager"]))
    assert "核心配方" in manager_texts  # 机密 clearance: all of it


def test_the_audit_trail_hides_a_confidential_cards_row_of_a_slip(admin, staff) -> None:
    clerk = staff["clerk"]
    secret = make_card(clerk, "机密客户有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    h = ho.create_handover(
        clerk, kind="filing", reason="年度归档",
        from_party=ho.PartyInput(user_id=clerk.user_id, department_id=_dept("销售部")),
        to_party=ho.PartyInput(user_id=staff["receiver"].user_id), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(name="合同汇编")],
    )  # fmt: skip
    h = ho.decide(staff["head"], h.id, h.version, "dept", approve=True)
    h = ho.record_check(staff["receiver"], h.id, h.version, scanned_card_ids=[secret.id],
                        ticked_item_ids=[h.items[0].id])  # fmt: skip
    extra = next(i for i in h.items if i.card_id == secret.id)
    ho.resolve_difference(staff["receiver"], h.id, h.version, extra.id, accept=False, note="退回")
    resolved = next(e for e in reporting.recent_events(admin) if e.action == "handover.resolve")
    assert resolved.hidden and "机密客户" not in resolved.after_text


# --- two people where the procedure names two ---------------------------------------------------


def _slip(staff, name: str = "甲公司", **parties):  # type: ignore[no-untyped-def]
    card = make_card(staff["clerk"], name)
    return ho.create_handover(
        staff["clerk"], kind="filing", reason="年度归档",
        from_party=parties.get("from_party", ho.PartyInput(user_id=staff["clerk"].user_id,
                                                           department_id=_dept("销售部"))),
        to_party=parties.get("to_party", ho.PartyInput(user_id=staff["receiver"].user_id)),
        witness=parties.get("witness", ho.PartyInput(name="周强")),
        items=[ho.ItemInput(card_id=card.id)],
    )  # fmt: skip


def test_the_clerk_who_drafted_a_slip_cannot_do_the_receivers_check(staff) -> None:
    h = ho.decide(staff["head"], (s := _slip(staff)).id, s.version, "dept", approve=True)
    events = AuditEvent.select().count()
    for step in (
        lambda: ho.record_check(staff["clerk"], h.id, h.version, ticked_item_ids=[h.items[0].id]),
        lambda: ho.finish_check(staff["clerk"], h.id, h.version, accept=True),
        lambda: ho.resolve_difference(
            staff["clerk"], h.id, h.version, h.items[0].id, accept=True, note="好"
        ),
    ):
        with pytest.raises(PermissionDenied, match="您是这份记录的经办人，不能再核对"):
            step()
    assert AuditEvent.select().count() == events
    assert ho.own_part_refusal(staff["clerk"], h) is not None  # the tab does not offer it
    assert ho.own_part_refusal(staff["receiver"], h) is None
    h = ho.record_check(staff["receiver"], h.id, h.version, ticked_item_ids=[h.items[0].id])
    h = ho.finish_check(staff["receiver"], h.id, h.version, accept=True)
    h = ho.decide(staff["office"], h.id, h.version, "office", approve=True)
    signed = {"from": PAD, "to": PAD, "witness": PAD}
    with pytest.raises(PermissionDenied, match="不能再完成接收"):
        ho.receive(staff["clerk"], h.id, h.version, signed=signed)
    assert ho.receive(staff["receiver"], h.id, h.version, signed=signed).state == "received"


def test_the_witness_is_a_third_person(staff) -> None:
    with pytest.raises(ValidationError, match="移交人和监交人不能是同一人"):
        _slip(staff, witness=ho.PartyInput(user_id=staff["clerk"].user_id))
    with pytest.raises(ValidationError, match="接收人和监交人不能是同一人"):
        _slip(
            staff,
            "乙公司",
            to_party=ho.PartyInput(name="周强"),
            witness=ho.PartyInput(name=" 周强 "),
        )


def test_a_borrower_does_not_consent_to_her_own_copy(staff) -> None:
    clerk, head, manager = staff["clerk"], staff["head"], staff["manager"]
    card = make_card(clerk, "甲公司")
    app = bw.apply(clerk, bw.BorrowerInput(user_id=head.user_id), [card.id], mode="read",
                   purpose="核对合同")  # fmt: skip
    app = bw.decide(manager, app.id, app.version, approve=True)  # not the borrower herself
    app = bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)

    def copy(approver: int) -> bw.CopyView:
        return bw.record_copy(clerk, card.id, pages="1-2", copies=1, purpose="存档",
                              approver_id=approver, holder_name="王刚", item_id=app.items[0].id)  # fmt: skip

    events = AuditEvent.select().count()
    with pytest.raises(PermissionDenied, match="您是这份记录的借阅人，不能再批准复印"):
        copy(head.user_id)
    assert AuditEvent.select().count() == events
    assert copy(manager.user_id).page_count == 2
