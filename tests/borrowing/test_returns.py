"""A return checked against the folder's contents list: the differences come from one pure
function (what the dialog shows before confirming is what the return records), each kind of
difference opens an inspection finding of a kind the program knows (破损, 缺页, 卷宗缺失), the
loan list says the return was incomplete or damaged, and migration 0008 converts the findings
earlier returns wrote with unknown kinds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archive_desk import accounts, cards
from archive_desk import borrowing as bw
from archive_desk.db import connection
from archive_desk.db.models import InspectionFinding, ReturnCheck
from archive_desk.domain import Role
from archive_desk.errors import ValidationError
from archive_desk.inspection import FindingKind
from tests import storekit
from tests.cardkit import make_card

FINDING_KINDS = FindingKind.labels()

PAD = bw.SignatureInput(png=b"\x89PNG-sig")
DOCS = [
    cards.DocumentInput("营业执照", "证照", False, 2),
    cards.DocumentInput("购销合同", "合同", True, 12),
    cards.DocumentInput("授权委托书", "授权委托书", True, 1),
]


@pytest.fixture
def loan(make_user, clerk) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    first = make_card(clerk, "北京海淀科技有限公司", documents=DOCS)
    second = make_card(clerk, "上海浦东贸易有限公司", documents=DOCS[:2])
    app = bw.apply(clerk, bw.BorrowerInput(name="赵六", department_id=dept), [first.id, second.id],
                   mode="read", purpose="核对")  # fmt: skip
    app = bw.decide(head, app.id, app.version, approve=True)
    app = bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    return {"clerk": clerk, "app": app, "first": first, "second": second}


def _folders(loan: dict[str, Any]) -> dict[str, bw.FolderToCheck]:
    return {f.item.archive_no: f for f in bw.return_folders(loan["clerk"], loan["app"].id)}


def test_the_differences_of_a_return_per_folder(loan) -> None:  # type: ignore[no-untyped-def]
    folders = _folders(loan)
    first, second = folders[loan["first"].archive_no], folders[loan["second"].archive_no]
    assert [d.title for d in first.documents] == ["营业执照", "购销合同", "授权委托书"]
    licence, contract, power = (d.id for d in first.documents)
    returns = [
        bw.ItemReturn(first.item.id, [
            bw.DocumentCheck(licence, damaged=True, note="封皮受潮"),
            bw.DocumentCheck(contract, pages_found=11),
            bw.DocumentCheck(power, present=False),
        ]),
        bw.ItemReturn(second.item.id, [bw.DocumentCheck(d.id, present=False) for d in second.documents]),
    ]  # fmt: skip
    found = {f.archive_no: f for f in bw.return_differences(list(folders.values()), returns)}
    one, two = found[loan["first"].archive_no], found[loan["second"].archive_no]
    assert [d.text for d in one.differences] == [
        "《营业执照》损坏：封皮受潮", "《购销合同》应 12 页，实 11 页", "缺少《授权委托书》",
    ]  # fmt: skip
    assert one.condition == "damaged" and one.finding_kinds == ("damage", "missing_pages")
    assert two.folder_missing and two.finding_kinds == ("missing_folder",)
    assert two.condition == "incomplete"
    intact = bw.return_differences(list(folders.values()), [bw.ItemReturn(first.item.id)])
    assert intact[0].differences == () and intact[0].finding_kinds == ()
    with pytest.raises(ValidationError, match="负"):
        bw.return_differences(
            list(folders.values()),
            [bw.ItemReturn(first.item.id, [bw.DocumentCheck(contract, pages_found=-1)])],
        )


def test_a_return_opens_findings_of_known_kinds_and_the_list_says_so(loan) -> None:  # type: ignore[no-untyped-def]
    clerk, app = loan["clerk"], loan["app"]
    folders = _folders(loan)
    first, second = folders[loan["first"].archive_no], folders[loan["second"].archive_no]
    licence, _contract, power = (d.id for d in first.documents)
    bw.return_items(
        clerk, app.id, app.version,
        [bw.ItemReturn(first.item.id, [bw.DocumentCheck(licence, damaged=True),
                                       bw.DocumentCheck(power, present=False)]),
         bw.ItemReturn(second.item.id, [bw.DocumentCheck(d.id, present=False) for d in second.documents])],
        borrower_signature=PAD, clerk_signature=PAD,
    )  # fmt: skip
    findings = list(InspectionFinding.select().order_by(InspectionFinding.id))
    assert all(f.kind in FINDING_KINDS for f in findings)
    by_card = {(f.card_id, f.kind) for f in findings}
    assert by_card == {(loan["first"].id, "damage"), (loan["first"].id, "missing_pages"),
                       (loan["second"].id, "missing_folder")}  # fmt: skip
    damage = next(f for f in findings if f.kind == "damage")
    assert "营业执照" in damage.description and "授权委托书" not in damage.description
    assert ReturnCheck.select().count() == 5  # every document of both folders, as found
    (row,) = bw.list_borrowings(clerk, "all")
    assert row.state == "已归还"
    assert row.return_check == "损坏、不完整"  # one card damaged, the other's folder missing


def test_migration_0008_gives_earlier_return_findings_known_kinds(loan, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    clerk, app = loan["clerk"], loan["app"]
    folders = _folders(loan)
    first, second = folders[loan["first"].archive_no], folders[loan["second"].archive_no]
    bw.return_items(
        clerk, app.id, app.version,
        [bw.ItemReturn(first.item.id, [bw.DocumentCheck(first.documents[1].id, pages_found=3)]),
         bw.ItemReturn(second.item.id, [bw.DocumentCheck(d.id, present=False) for d in second.documents])],
        borrower_signature=PAD, clerk_signature=PAD,
    )  # fmt: skip
    card = loan["first"].id
    connection.close_database()
    # as the program before 0008 wrote them
    storekit.execute(
        db_path, "UPDATE inspection_finding SET kind = 'incomplete' WHERE source = 'return'"
    )
    storekit.execute(
        db_path,
        "INSERT INTO inspection_finding (card_id, kind, description, proposal, source, state, "
        "resolution, created_at, created_by_id, version) VALUES (?, 'damaged', '借阅归还时发现：损坏', "
        "'', 'return', 'open', '', '2026-03-02 10:00:00', ?, 1)",
        (card, clerk.user_id),
    )
    storekit.execute(db_path, "DELETE FROM schema_migration WHERE name LIKE '0008%'")
    connection.open_database(db_path)  # applies 0008 again
    kinds = {(f.card_id, f.kind) for f in InspectionFinding.select()}
    assert kinds == {
        (card, "missing_pages"),
        (card, "damage"),
        (loan["second"].id, "missing_folder"),
    }
