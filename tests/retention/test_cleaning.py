"""Every text a destruction or a freeze takes is cleaned at the service boundary (issue 17):
the reasons of a list and of its cards, the withdrawal, the freeze and its lifting, the
manager's exemptions, the place and the people of the execution, the feedback; and a list's
number looked up as typed. A NUL, a lone surrogate or 100,000 characters are refused in Chinese
with nothing written; only invisible characters count as empty; a formula-looking text is kept
as text."""

from __future__ import annotations

from typing import Any

import pytest

from archive_desk import retention
from archive_desk.db.models import DestructionItem, DestructionProposal, LegalHold, Signature
from archive_desk.retention import Party
from tests.retention.kit import (
    WITNESSES,
    after_waiting,
    due_card,
    execute,
    propose,
    reviewed,
    through_approval,
)
from tests.textkit import HUGE, Make, try_kinds


@pytest.fixture
def crew(destruction_staff):  # type: ignore[no-untyped-def]
    return destruction_staff


class Desk:
    """Fresh records for each value tried."""

    def __init__(self, crew: dict[str, Any], clock: Any) -> None:
        self.crew, self.clock, self.made = crew, clock, 0

    def card(self) -> Any:
        self.made += 1
        return due_card(self.crew["clerk"], f"清洗测试{self.made}有限公司")

    def listed(self) -> Any:
        return propose(self.crew, self.card().id)

    def approved(self) -> Any:
        lst = through_approval(self.crew, self.card().id)
        after_waiting(self.clock, lst)
        return lst

    def executed(self) -> Any:
        return execute(self.crew, self.approved())


@pytest.fixture
def desk(crew, clock) -> Desk:  # type: ignore[no-untyped-def]
    return Desk(crew, clock)


def _list_reason(desk: Desk) -> Make:
    def make(v: str) -> Any:
        card = desk.card()
        return (
            lambda: retention.create_list(
                desk.crew["clerk"], reason=v, items=[retention.ItemInput(card.id)]
            ),
            lambda lst: DestructionProposal.get_by_id(lst.id).reason,
        )

    return make


def _note_of(reason: str) -> str:
    """The clerk's words in a card's reason as the forms print it (``保管期满，…``)."""
    label = retention.DestructionReason.RETENTION_ENDED.label
    return reason.removeprefix(label).removeprefix("，")


def _item_note(desk: Desk) -> Make:
    def make(v: str) -> Any:
        card = desk.card()
        return (
            lambda: retention.create_list(
                desk.crew["clerk"], reason="到期", items=[retention.ItemInput(card.id, note=v)]
            ),
            lambda lst: _note_of(DestructionItem.get(DestructionItem.proposal == lst.id).reason),
        )

    return make


def _update_reason(desk: Desk) -> Make:
    def make(v: str) -> Any:
        lst = desk.listed()
        items = [retention.ItemInput(i.card_id) for i in lst.items]
        return (
            lambda: retention.update_list(
                desk.crew["clerk"], lst.id, lst.version, reason=v, items=items
            ),
            lambda got: DestructionProposal.get_by_id(got.id).reason,
        )

    return make


def _cancel_reason(desk: Desk) -> Make:
    def make(v: str) -> Any:
        lst = desk.listed()
        return (
            lambda: retention.cancel_list(desk.crew["clerk"], lst.id, lst.version, reason=v),
            lambda got: DestructionProposal.get_by_id(got.id).note,
        )

    return make


def _freeze_reason(desk: Desk) -> Make:
    def make(v: str) -> Any:
        card = desk.card()
        return (
            lambda: retention.freeze(desk.crew["manager"], [card.id], kind="litigation", reason=v),
            lambda rows: LegalHold.get_by_id(rows[0].hold_id).reason,
        )

    return make


def _lift_reason(desk: Desk) -> Make:
    def make(v: str) -> Any:
        card = desk.card()
        row = retention.freeze(desk.crew["manager"], [card.id], kind="audit", reason="审计")[0]
        return (
            lambda: retention.lift(desk.crew["manager"], row.hold_id, row.version, reason=v),
            lambda _none: LegalHold.get_by_id(row.hold_id).lift_reason,
        )

    return make


def _exemption(desk: Desk) -> Make:
    def make(v: str) -> Any:
        lst = propose(desk.crew, desk.card().id, desk.card().id)
        item = lst.items[0]
        return (
            lambda: reviewed(desk.crew, lst, exempt={item.id: v}),
            lambda _got: DestructionItem.get_by_id(item.id).note,
        )

    return make


def _place(desk: Desk) -> Make:
    def make(v: str) -> Any:
        lst = desk.approved()
        return (
            lambda: execute(desk.crew, lst, place=v),
            lambda got: DestructionProposal.get_by_id(got.id).place,
        )

    return make


def _party(which: str) -> Any:
    def field(desk: Desk) -> Make:
        def make(v: str) -> Any:
            lst = desk.approved()
            if which == "executor":
                people: dict[str, Any] = {"executor": Party(v)}
            else:
                people = {"witnesses": (Party(v), WITNESSES[1])}
            column = "executor" if which == "executor" else "witness1"
            role = "executor" if which == "executor" else "witness1"

            def read(got: Any) -> str:
                head = DestructionProposal.get_by_id(got.id)
                signed = Signature.get(
                    (Signature.entity == "destruction") & (Signature.entity_id == got.id)
                    & (Signature.role == role)
                )  # fmt: skip
                assert signed.signer_name == getattr(head, column)
                return str(getattr(head, column))

            return lambda: execute(desk.crew, lst, **people), read

        return make

    return field


def _feedback(part: str) -> Any:
    def field(desk: Desk) -> Make:
        def make(v: str) -> Any:
            lst = desk.executed()
            texts = {"reported_to": "总经理", "feedback": "已全部粉碎", part: v}
            return (
                lambda: retention.record_feedback(
                    desk.crew["clerk"],
                    lst.id,
                    lst.version,
                    reported_on=desk.clock.today(),
                    **texts,
                ),
                lambda got: getattr(DestructionProposal.get_by_id(got.id), part),
            )

        return make

    return field


# field → (its calls, whether a text of nothing visible is refused)
FIELDS = {
    "create_list[reason]": (_list_reason, True),
    "create_list[item note]": (_item_note, False),
    "update_list[reason]": (_update_reason, True),
    "cancel_list[reason]": (_cancel_reason, True),
    "freeze[reason]": (_freeze_reason, True),
    "lift[reason]": (_lift_reason, True),
    "decide[exempt]": (_exemption, True),
    "execute[place]": (_place, True),
    "execute[executor]": (_party("executor"), True),
    "execute[witness]": (_party("witness"), True),
    "record_feedback[reported_to]": (_feedback("reported_to"), True),
    "record_feedback[feedback]": (_feedback("feedback"), True),
}


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_each_text_is_cleaned_or_refused(desk: Desk, name: str) -> None:
    fields, required = FIELDS[name]
    try_kinds(fields(desk), required=required)


def test_an_executor_named_like_a_witness_but_for_invisible_characters(desk: Desk) -> None:
    """Two names that differ only by what draws nothing are the same person."""
    lst = desk.approved()
    with pytest.raises(Exception, match="监销人不能由销毁执行人兼任"):
        execute(desk.crew, lst, executor=Party(WITNESSES[0].name + "\u200b"))


@pytest.mark.parametrize("typed", ["\ud800", "XH\x00", HUGE, "\u200b\u3000", ""])
def test_a_list_number_looked_up_as_typed(desk: Desk, typed: str) -> None:
    assert retention.find_by_number(desk.crew["clerk"], typed) is None


def test_a_list_number_with_a_scanners_return_is_found(desk: Desk) -> None:
    lst = desk.listed()
    assert retention.find_by_number(desk.crew["clerk"], f" {lst.number.lower()}\r\n") == lst.id


def test_a_list_hides_the_name_of_a_card_above_the_readers_clearance(desk: Desk, make_user) -> None:  # type: ignore[no-untyped-def]
    """Secrecy beyond the permission table: a 秘密 clerk reading a list that holds a 机密 card
    sees its number (the list stays whole for its steps), not its customer's name."""
    from archive_desk.domain import Role, Secrecy

    secret = due_card(desk.crew["clerk"], "机密客户有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    lst = propose(desk.crew, secret.id, desk.card().id)
    low = make_user(Role.CLERK, "lowclerk", clearance=int(Secrecy.SECRET))
    seen = {i.archive_no: i.customer_name for i in retention.get_list(low, lst.id).items}
    assert seen[secret.archive_no] != "机密客户有限公司" and "密级" in seen[secret.archive_no]
    assert "清洗测试" in next(n for a, n in seen.items() if a != secret.archive_no)
    full = {
        i.archive_no: i.customer_name for i in retention.get_list(desk.crew["clerk"], lst.id).items
    }
    assert full[secret.archive_no] == "机密客户有限公司"


def test_the_recheck_hides_the_name_above_the_readers_clearance(desk: Desk, make_user) -> None:  # type: ignore[no-untyped-def]
    from archive_desk.domain import Role, Secrecy

    secret = due_card(desk.crew["clerk"], "机密客户有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    lst = propose(desk.crew, secret.id)
    low = make_user(Role.CLERK, "lowclerk", clearance=int(Secrecy.SECRET))
    assert [r.customer_name for r in retention.recheck(desk.crew["clerk"], lst.id)] == [
        "机密客户有限公司"
    ]
    assert ["密级" in r.customer_name for r in retention.recheck(low, lst.id)] == [True]
