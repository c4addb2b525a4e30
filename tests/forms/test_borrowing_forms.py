"""Borrowing forms read back: application with approvals, register with signature images,
copies register, reminders per borrower, month-end list — and `print register` on the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from archive_desk import borrowing as bw
from archive_desk import cli
from archive_desk.borrowing import output as out
from archive_desk.db import connection
from archive_desk.db.models import AuditEvent, MonthEndList
from archive_desk.demo import scribble_png
from archive_desk.domain import Role, Secrecy
from archive_desk.errors import ValidationError
from tests.cardkit import make_card
from tests.conftest import PASSWORD
from tests.forms.pdfcheck import broken, layout_lines

SIG = bw.SignatureInput(png=scribble_png(1))
CLERK_SIG = bw.SignatureInput(png=scribble_png(2))


def _text(path: Path) -> str:
    """The page text with line breaks removed (narrow table cells wrap names)."""
    return "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")


def _images(path: Path) -> int:
    return sum(len(p.images) for p in PdfReader(path).pages)


@pytest.fixture
def loan(make_user, clerk, clock):  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    make_user(Role.CLERK, "reader", department="销售一部", clearance=int(Secrecy.INTERNAL))
    from archive_desk import accounts

    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    from archive_desk import cards

    card = make_card(
        clerk, "北京海淀科技有限公司", documents=[cards.DocumentInput("营业执照", "证照", False, 2)]
    )
    secret = make_card(clerk, "机密医药有限公司", secrecy=int(Secrecy.SECRET))
    app = bw.apply(clerk, bw.BorrowerInput(name="赵六", department_id=dept, phone="13800138000"),
                   [card.id], mode="read", purpose="核对合同", expected_return=dt.date(2026, 3, 4))  # fmt: skip
    app = bw.decide(head, app.id, app.version, approve=True, comment="同意")
    app = bw.lend(clerk, app.id, app.version, borrower_signature=SIG, clerk_signature=CLERK_SIG)
    manager = make_user(Role.MANAGER, "manager", department="总经办", full_name="陈静")
    app2 = bw.apply(
        clerk,
        bw.BorrowerInput(name="钱七", department_id=dept),
        [secret.id],
        mode="read",
        purpose="审计",
    )
    app2 = bw.decide(manager, app2.id, app2.version, approve=True)
    app2 = bw.lend(
        clerk,
        app2.id,
        app2.version,
        borrower_signature=bw.SignatureInput(on_paper=True),
        clerk_signature=CLERK_SIG,
    )
    bw.confirm_paper_signatures(clerk, app2.id, app2.version)
    return {"clerk": clerk, "app": app, "card": card, "manager": manager}


def test_application_form_shows_the_approval_and_both_signatures(loan, tmp_path) -> None:
    path = tmp_path / "app.pdf"
    out.print_application(loan["clerk"], loan["app"].id, path)
    text = _text(path)
    for expected in (
        "借阅申请单",
        loan["app"].number,
        "赵六",
        "核对合同",
        "同意",
        "王刚",
        "本人登录",
        "借阅人",
        "档案管理员",
    ):
        assert expected in text, expected
    assert _images(path) == 2


def test_register_has_the_signature_images_and_obeys_secrecy(loan, make_user, tmp_path) -> None:
    path = tmp_path / "register.pdf"
    out.print_register(loan["clerk"], dt.date(2026, 3, 1), dt.date(2026, 3, 31), path)
    text = _text(path)
    assert (
        "客户档案借阅登记簿" in text
        and "北京海淀科技有限公司" in text
        and "机密医药有限公司" in text
    )
    assert "纸面签字" in text  # the second loan was signed on paper
    assert (
        _images(path) == 2
    )  # borrower and clerk of the first loan; the clerk's pad of the second is 3rd
    assert AuditEvent.select().where(AuditEvent.action == "borrowing.print_register").count() == 1
    from archive_desk import accounts

    reader = accounts.login("reader", PASSWORD, clock=loan["clerk"].clock)
    assert [
        r.card_name for r in out.register_rows(reader, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    ] == ["北京海淀科技有限公司"]
    assert out.register_rows(loan["clerk"], dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == []
    with pytest.raises(ValidationError):
        out.register_rows(loan["clerk"], dt.date(2026, 3, 31), dt.date(2026, 3, 1))


def test_reminders_copies_and_month_end(loan, clock, tmp_path) -> None:
    clerk = loan["clerk"]
    with pytest.raises(ValidationError, match="没有逾期"):
        out.print_reminders(clerk, tmp_path / "none.pdf")
    clock.set("2026-04-02T10:00:00")
    path = tmp_path / "remind.pdf"
    out.print_reminders(clerk, path)
    reader = PdfReader(path)
    assert len(reader.pages) == 2  # one notice a borrower
    notices = [page.extract_text() for page in reader.pages]
    assert any("赵六" in t for t in notices) and any("钱七" in t for t in notices)
    assert "逾期天数" in reader.pages[0].extract_text()
    bw.record_copy(clerk, loan["card"].id, pages="1-2", copies=1, purpose="报价", approver_id=loan["manager"].user_id,
                   holder_name="赵六", taken_out=True, location="销售一部", due_date=dt.date(2026, 4, 9))  # fmt: skip
    copies = tmp_path / "copies.pdf"
    out.print_copies(clerk, dt.date(2026, 4, 1), dt.date(2026, 4, 30), copies)
    assert "YY2026-0001" in _text(copies) and "档案影印登记表" in _text(copies)
    month = tmp_path / "month.pdf"
    out.print_month_end(clerk, "2026-03", month)
    text = _text(month)
    assert (
        "2026-03 借出未还档案清单" in text and "原件 2 件，复印件 0 份" in text and "总经理" in text
    )  # the copy was made in April: not out at the end of March
    assert "截至 2026-03-31" in text
    assert MonthEndList.get().originals_out == 2
    assert bw.month_end_reminder(clerk) is None


def test_print_register_command(loan, db_path, tmp_path, monkeypatch, capsys) -> None:
    connection.close_database()
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", PASSWORD)
    path = tmp_path / "reg.pdf"
    args = ["--db", str(db_path), "--user", "clerk", "print", "register", "--out", str(path)]
    assert cli.main([*args, "--from", "2026-03-01", "--to", "2026-03-31"]) == 0
    assert "北京海淀科技有限公司" in _text(path)
    assert cli.main([*args, "--from", "2026-03-01"]) == 1
    assert "--to" in capsys.readouterr().err


def test_the_return_record_prints_the_differences_and_return_signatures(loan, tmp_path) -> None:
    from archive_desk import cards

    clerk = loan["clerk"]
    app = bw.get_borrowing(clerk, loan["app"].id)
    docs = cards.get_card(clerk, loan["card"].id).documents
    checks = [bw.DocumentCheck(docs[0].id, present=False)]
    bw.return_items(
        clerk, app.id, app.version, [bw.ItemReturn(app.items[0].id, checks, note="封皮受潮")],
        borrower_signature=SIG, clerk_signature=bw.SignatureInput(on_paper=True),
    )  # fmt: skip
    path = tmp_path / "returned.pdf"
    out.print_application(clerk, app.id, path)
    text = _text(path)
    assert "归还核对" in text and "封皮受潮" in text and "归还签字" in text
    assert "缺少《营业执照》" in text


def test_a_pad_approval_prints_the_approvers_name_image_method_and_date(
    make_user, clerk, clock, tmp_path
) -> None:
    """The clerk records the department head's decision signed on the pad: the application
    shows who approved, the pad image, how and when — as it does for the other methods."""
    from archive_desk import accounts

    head = make_user(Role.DEPT_HEAD, "padhead", department="销售二部", full_name="欧阳明轩")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售二部")
    card = make_card(clerk, "上海浦东新区张江高科技园区某某生物医药科技发展有限公司")
    app = bw.apply(clerk, bw.BorrowerInput(name="赵六", department_id=dept), [card.id],
                   mode="read", purpose="核对合同", expected_return=dt.date(2026, 3, 2))  # fmt: skip
    clock.set("2026-03-02T09:10:00")
    bw.decide(clerk, app.id, app.version, approve=True, method="pad", approver_id=head.user_id,
              signature_png=scribble_png(5))  # fmt: skip
    path = tmp_path / "pad.pdf"
    out.print_application(clerk, app.id, path)
    text = "\n".join(layout_lines(path))
    assert "欧阳明轩" in text and "签字板签名" in text
    assert broken(path, ["2026-03-02 09:10", app.number, card.archive_no]) == []
    assert _images(path) == 1  # the approver's pad signature
