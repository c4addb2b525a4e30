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
    from archive_desk import signatures
    from archive_desk.db.models import Signature

    assert Signature.select().count() > 0
    assert all(signatures.verify(sig) for sig in Signature.select())


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
