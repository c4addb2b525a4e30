"""The demo archive: users of every role, cards with contents, loans in every state, a sound
audit chain — and the `demo` command prints the accounts."""

from __future__ import annotations

from archive_desk import audit, cli, demo
from archive_desk.db import connection
from archive_desk.db.models import Borrowing, Card, CardDocument, Category, ContactPerson, User
from archive_desk.domain import Role


def test_demo_archive(db, clock) -> None:
    accounts = demo.populate(clock=clock, cards_count=40, loans=15)
    assert {a.role for a in accounts} == set(Role.ALL)
    assert User.select().count() == len(accounts)
    assert Card.select().count() == 40
    assert CardDocument.select().count() >= 80
    names = {c.name for c in Card.select()}
    assert {"北京海淀科技有限公司", "单县建材有限公司", "重庆长安物流有限公司"} <= names
    states = {b.state for b in Borrowing.select()}
    assert len(states) >= 5, states
    assert audit.verify_chain().ok
    from archive_desk.db.models import Handover

    assert {h.state for h in Handover.select()} == {
        "draft",
        "dept_approved",
        "checked",
        "office_approved",
        "received",
        "cancelled",
    }
    from archive_desk.db.models import Signature
    from archive_desk.procedures import signatures

    assert Signature.select().count() > 0
    assert all(signatures.verify(sig) for sig in Signature.select())
    _has_destruction_lists_in_every_state()


def _has_destruction_lists_in_every_state() -> None:
    from archive_desk import reporting, retention
    from archive_desk.db.models import CardTombstone, DestructionProposal, LegalHold

    states = {p.state for p in DestructionProposal.select()}
    assert states == set(retention.DestructionState), states
    assert LegalHold.select().where(LegalHold.lifted_at.is_null()).count() >= 2
    executed = DestructionProposal.get(DestructionProposal.state == "reported")
    assert executed.witness1 and executed.witness2 and executed.feedback
    assert CardTombstone.select().count() == Card.select().where(Card.status == "destroyed").count()
    assert reporting.hold_problems() == []


def test_demo_inspection(db, clock) -> None:
    """A finished round with findings in every state (approved on paper, on the pad, logged in;
    one overdue), and an inventory in progress with every kind of scan answer but on loan."""
    from archive_desk import accounts as users
    from archive_desk import inspection as ins

    demo.populate(clock=clock, cards_count=40, loans=15)
    clerk = users.login(demo.DEMO_CLERK, demo.DEMO_PASSWORD, clock=clock)
    (review,) = ins.list_rounds(clerk, "all")
    assert (review.kind, review.period, review.state) == ("periodic", "2025-08", "closed")
    assert 0 < review.reviewed < review.total
    found = ins.findings_of(clerk, review.id)
    assert {f.state for f in found} == set(ins.FindingState)
    assert {d.method for f in found for d in f.decisions} == {"login", "pad", "paper"}
    assert sum(f.overdue for f in found) == 1
    (inventory,) = ins.list_inventories(clerk, "open")
    assert inventory.state == "open" and inventory.pending > 0
    shown = {r for r, n in inventory.counts.items() if n}
    assert shown == {ins.ScanResult.IN_PLACE, ins.ScanResult.ELSEWHERE, ins.ScanResult.UNKNOWN}
    assert inventory.repeats == 1
    assert audit.verify_chain().ok


def test_demo_command_prints_the_accounts(db_path, capsys) -> None:
    assert cli.main(["--db", str(db_path), "demo", "--cards", "30", "--loans", "10"]) == 0
    out = capsys.readouterr().out
    assert "lihua" in out and demo.DEMO_PASSWORD in out
    connection.close_database()
    assert cli.main(["--db", str(db_path), "check"]) == 0
    assert cli.main(["--db", str(db_path), "demo", "--cards", "30"]) == 1  # not on a filled archive


COMPANY_MARKS = ("公司", "厂", "集团", "经营部", "商行", "中心", "局", "委员会", "研究所")


def test_demo_categories_follow_the_customers_nature_and_its_people_are_plausible(
    db, clock
) -> None:
    demo.populate(clock=clock, cards_count=120, loans=5)
    filed = list(Card.select(Card, Category).join(Category))
    code_of = {card.id: card.category.code for card in filed}
    individuals = [c for c in filed if code_of[c.id] == "GR"]
    assert len(individuals) >= 5, "the demo has individual customers"
    for card in individuals:
        assert card.nature == "individual", card.name
        assert not any(mark in card.name for mark in COMPANY_MARKS), card.name
        assert 2 <= len(card.name) <= 3, card.name  # a person's name
        assert (card.credit_code, card.registered_capital, card.legal_rep) == ("", "", "")
        assert [p.name for p in card.contacts] == [card.name]  # the customer is the contact
    expected = {"individual": {"GR"}, "government": {"ZF"}, "partner": {"HZ"}}
    for nature in ("ordinary", "special"):
        expected[nature] = {"GY", "SY"}
    for card in filed:
        assert code_of[card.id] in expected[card.nature], (card.name, card.nature)
    assert set(code_of.values()) == {"GY", "SY", "ZF", "GR", "HZ"}
    for card in filed:
        if card.nature == "government":
            assert card.name.endswith(("局", "委员会", "中心")), card.name
            assert card.credit_code.startswith("11"), card.name  # 机构编制 · 机关
        elif card.nature != "individual":
            assert card.name.endswith("公司"), card.name
    # 工业 or 商业 by the company's industry: one industry never lands in both
    industries = {
        code: {c.industry for c in filed if code_of[c.id] == code} for code in expected["ordinary"]
    }
    assert not industries["GY"] & industries["SY"], industries
    # our own staff are neither a customer's legal representative nor its contact
    staff = set(demo.SALESPEOPLE) | {full_name for _, full_name, _, _ in demo.USERS}
    assert not {c.legal_rep for c in filed} & staff
    assert not {p.name for p in ContactPerson.select()} & staff


def _fingerprint() -> list[tuple[object, ...]]:
    from archive_desk.db.models import Handover

    return (
        [(u.username, u.full_name, u.role) for u in User.select().order_by(User.id)]
        + [(c.archive_no, c.name, c.secrecy) for c in Card.select().order_by(Card.id)]
        + [(b.number, b.state, b.borrower_name) for b in Borrowing.select().order_by(Borrowing.id)]
        + [(h.number, h.state) for h in Handover.select().order_by(Handover.id)]
    )


def test_demo_reports_its_progress_and_writes_the_same_archive(db, tmp_path, clock) -> None:
    plain = demo.populate(clock=clock, cards_count=20, loans=8)
    expected = _fingerprint()
    connection.close_database()
    connection.open_database(tmp_path / "second.db")
    seen: list[tuple[int, int]] = []
    with_progress = demo.populate(
        clock=clock,
        cards_count=20,
        loans=8,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert with_progress == plain == demo.demo_accounts()
    assert _fingerprint() == expected  # the callback changes nothing in the data
    totals = {total for _done, total in seen}
    assert totals == {demo.progress_total(20, 8)}
    total = totals.pop()
    done = [d for d, _t in seen]
    assert done[0] == 0 and done[-1] == total and done == sorted(done)
    # every step told: each user, card, loan, handover slip, inspection part and destruction
    # list, then the end
    steps = (
        1 + len(demo.USERS) + 20 + 8 + len(demo.RECENT_LOANS) + len(demo.HANDOVER_TARGETS)
        + len(demo.INSPECTION_PARTS) + len(demo.DESTRUCTION_TARGETS)
    )  # fmt: skip
    assert len(seen) == 1 + steps + 1
