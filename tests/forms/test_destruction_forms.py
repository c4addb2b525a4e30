"""The three forms of a destruction read back as a person checks them: the 销毁建议书 with its
opinions, the 销毁清册 with its cover, rows and signatures, the 销毁处理反馈单; fonts embedded,
numbers and dates whole; a form the list's state does not have yet is refused, leaving no file."""

from __future__ import annotations

import re

import pytest

from archive_desk import retention
from archive_desk.db.models import AuditEvent
from archive_desk.errors import ValidationError
from archive_desk.retention import output
from tests.forms.pdfcheck import broken, layout_lines, unembedded_fonts
from tests.retention.kit import (
    after_waiting,
    approved,
    due_card,
    execute,
    propose,
    reviewed,
)


@pytest.fixture
def crew(destruction_staff):  # type: ignore[no-untyped-def]
    return destruction_staff


def _text(path) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", "", "".join(layout_lines(path)))  # words as read, spacing aside


def test_the_three_forms_read_back(crew, clock, tmp_path) -> None:
    clerk = crew["clerk"]
    a = due_card(clerk, "北京海淀科技有限公司")
    b = due_card(clerk, "单县建材有限公司")
    lst = propose(crew, a.id, b.id)
    proposal = tmp_path / "建议书.pdf"
    output.print_form(clerk, lst.id, "proposal", proposal)
    text = _text(proposal)
    for expected in ("客户档案销毁建议书", "XH2026-0001", "李档案", "2卷", "保管期满",
                     "所属年度", "应保管期限", "已保管期限", "主管审核意见", "总经理批准意见"):  # fmt: skip
        assert expected in text, expected
    with pytest.raises(ValidationError, match="尚未执行销毁"):
        output.print_form(clerk, lst.id, "register", tmp_path / "清册.pdf")
    assert not (tmp_path / "清册.pdf").exists()
    exempt = {lst.items[1].id: "客户来函要求续存"}
    lst = approved(crew, reviewed(crew, lst, exempt))
    after_waiting(clock, lst)
    done = execute(crew, lst)
    register = tmp_path / "清册.pdf"
    assert output.print_form(clerk, done.id, "register", register) >= 1
    text = _text(register)
    for expected in ("客户档案销毁清册", "销毁处理登记表", "1卷", "陈静", "周强", "周监销、吴监销",
                     "李档案", "2026-04-01", "粉碎", "档案室碎纸间", "北京海淀科技有限公司",
                     "定期10年", "12年", "监销人（一）", "监销人（二）", "销毁执行人", "永久保存"):  # fmt: skip
        assert expected in text, expected
    assert "单县建材有限公司" not in text  # exempted: not on the register
    assert broken(register, [a.archive_no, "2026-04-01", "2026"]) == []
    assert unembedded_fonts(register) == []
    closed = retention.record_feedback(
        clerk, done.id, done.version, reported_to="总经理 周强", reported_on=clock.today(),
        feedback="已按批准销毁1卷，监销人到场监督。",
    )  # fmt: skip
    assert output.form_for(closed) == "feedback"
    feedback = tmp_path / "反馈单.pdf"
    output.print_form(clerk, closed.id, "feedback", feedback)
    text = _text(feedback)
    for expected in ("销毁处理反馈单", "总经理周强", "已按批准销毁1卷", "免于销毁", "1卷",
                     "报告人", a.archive_no):  # fmt: skip
        assert expected in text, expected
    actions = [
        e.action
        for e in AuditEvent.select().where(AuditEvent.action.startswith("destruction.print"))
    ]
    assert actions == ["destruction.print_proposal", "destruction.print_register",
                       "destruction.print_feedback"]  # fmt: skip
    with pytest.raises(ValidationError, match="没有“x”"):
        output.print_form(clerk, closed.id, "x", tmp_path / "x.pdf")


def test_a_long_list_turns_no_number_and_fits(crew, clock, tmp_path) -> None:
    clerk = crew["clerk"]
    ids = [due_card(clerk, f"{'长名称' * 8}有限公司{i}").id for i in range(40)]
    lst = propose(crew, *ids)
    out = tmp_path / "long.pdf"
    pages = output.print_form(clerk, lst.id, "proposal", out)
    assert pages >= 2
    numbers = [i.archive_no for i in lst.items]
    assert broken(out, numbers) == []
