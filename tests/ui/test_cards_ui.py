"""The cards tab and the card editor, driven like the clerk drives them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView, QTreeWidget

from archive_desk import cards
from archive_desk import cards as classification
from archive_desk.cards import _drafts as drafts
from archive_desk.db.models import Card
from archive_desk.domain import Role, Secrecy
from archive_desk.ui import messages
from archive_desk.ui.dialogs.card_editor import CardEditor
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.tabs.cards_tab import CardsTab
from tests.cardkit import category_id, draft, make_card, region_id
from tests.ui.conftest import child, type_text


def _choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not offered"
    combo.setCurrentIndex(index)


def _fill_required(editor: CardEditor, name: str, *, category: str = "GY") -> None:
    """What every new card needs: a name, a region and a category, and where it is filed."""
    type_text(child(editor, QLineEdit, "field:name"), name)
    _choose(child(editor, QComboBox, "field:region_id"), region_id("北京"))
    _choose(child(editor, QComboBox, "field:category_id"), category_id(category))
    type_text(child(editor, QLineEdit, "field:location_room"), "一号库房")
    for field, text in (("cabinet", "01"), ("shelf", "1"), ("box", "001")):
        child(editor, QLineEdit, f"field:location_{field}").setText(text)


def test_a_new_card_starts_with_no_region_and_no_category_chosen(qtbot, clerk, make_ctx) -> None:
    editor = CardEditor(make_ctx(clerk), None)
    qtbot.addWidget(editor)
    region = child(editor, QComboBox, "field:region_id")
    category = child(editor, QComboBox, "field:category_id")
    for combo in (region, category):  # nothing chosen, and “请选择…” says so
        assert combo.currentData() is None and combo.currentText() == ""
        assert combo.itemData(0) is None  # the empty entry, to go back to
    assert region.lineEdit().placeholderText() and category.placeholderText()
    type_text(child(editor, QLineEdit, "field:name"), "甲公司")
    assert not editor.save()
    assert child(editor, QLabel, "error:region_id").text() == "请选择“区域”。"
    assert child(editor, QLabel, "error:category_id").text() == "请选择“类别”。"
    assert child(editor, QLabel, "error:location_room").text() == "请填写“库房”。"
    assert editor.pages.currentIndex() == 1  # the page where they are chosen
    assert Card.select().count() == 0
    _fill_required(editor, "", category="SY")
    region.setEditText("华东 › 上海")  # typed, not picked from the list: what it says counts
    assert editor.save(), child(editor, QLabel, "message").text()
    assert editor.view is not None and editor.view.archive_no == "SY2026001"
    assert editor.view.values["region_id"] == region_id("上海")
    region.setEditText("北京")  # the only region of that name: 华北 › 北京
    assert editor.save()
    assert editor.view.values["region_id"] == region_id("北京")
    region.setEditText("火星")  # no such region: refused, never the one chosen before
    assert not editor.save()
    assert child(editor, QLabel, "error:region_id").text() == "请选择“区域”。"
    assert Card.get().region_id == region_id("北京")


def test_an_edited_card_keeps_its_retired_region_and_category(
    qtbot, clerk, admin, make_ctx
) -> None:
    card = make_card(clerk, "甲公司", region="上海", category="SY")
    classification.set_region_retired(admin, region_id("上海"), True)
    classification.set_category_retired(admin, category_id("SY"), True)
    editor = CardEditor.open_card(make_ctx(clerk), card.id)
    qtbot.addWidget(editor)
    assert child(editor, QComboBox, "field:region_id").currentData() == region_id("上海")
    assert child(editor, QComboBox, "field:category_id").currentData() == category_id("SY")
    _choose(child(editor, QComboBox, "field:grade"), "A")
    assert editor.save(), child(editor, QLabel, "message").text()
    stored = Card.get_by_id(card.id)
    assert (stored.grade, stored.region_id, stored.category_id) == (
        "A",
        region_id("上海"),
        category_id("SY"),
    )


def test_create_a_card_through_the_editor(qtbot, clerk, make_ctx, sink) -> None:
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    editor = tab.new_card()
    qtbot.addWidget(editor)
    type_text(child(editor, QLineEdit, "field:name"), "北京海淀科技有限公司")
    qtbot.keyClicks(child(editor, QLineEdit, "field:phone"), "010-62345678")
    qtbot.keyClicks(child(editor, QLineEdit, "field:postcode"), "100080")
    _fill_required(editor, "")
    editor.pages.setCurrentIndex(3)  # contact people
    assert child(editor, QLabel, "error:contacts").text() == ""
    editor._add_row(editor.contacts, ["张三", "采购经理", "13800138000", "", "", "", ""])
    name = child(editor, QLineEdit, "field:name")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    assert editor.view is not None, child(editor, QLabel, "message").text()
    assert editor.view.archive_no == "GY2026001"
    card = Card.get(Card.archive_no == "GY2026001")
    assert card.name == "北京海淀科技有限公司" and card.phone == "010-62345678"
    assert [c.mobile for c in card.contacts] == ["13800138000"]
    assert tab.model.rowCount() == 1  # the list refreshed
    assert not editor.dirty


def test_bad_input_shows_the_message_beside_the_field_and_saves_nothing(
    qtbot, clerk, make_ctx
) -> None:
    editor = CardEditor(make_ctx(clerk), None)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(child(editor, QLineEdit, "field:postcode"), "12345")
    qtbot.keyClicks(child(editor, QLineEdit, "field:email"), "no-at-sign")
    assert not editor.save()
    assert "客户名称" in child(editor, QLabel, "error:name").text()
    assert child(editor, QLabel, "error:postcode").isVisible()
    assert child(editor, QLabel, "error:email").text()
    assert Card.select().count() == 0


def test_a_credit_code_warning_is_confirmed_by_the_clerk(qtbot, clerk, make_ctx, sink) -> None:
    editor = CardEditor(make_ctx(clerk), None)
    qtbot.addWidget(editor)
    _fill_required(editor, "甲公司")
    qtbot.keyClicks(child(editor, QLineEdit, "field:credit_code"), "91350100M000100Y44")
    sink.answers = [False]
    assert not editor.save()
    assert Card.select().count() == 0
    assert child(editor, QLabel, "error:credit_code").text()
    sink.answers = [True]
    assert editor.save()
    assert Card.get().credit_code == "91350100M000100Y44"


def test_errors_and_the_credit_code_warning_show_together_and_it_is_asked_once(
    qtbot, clerk, make_ctx, sink
) -> None:
    editor = CardEditor(make_ctx(clerk), None)
    qtbot.addWidget(editor)
    _fill_required(editor, "甲公司")
    child(editor, QLineEdit, "field:location_box").clear()  # a second warning
    qtbot.keyClicks(child(editor, QLineEdit, "field:credit_code"), "91350100M000100Y44")
    postcode = child(editor, QLineEdit, "field:postcode")
    qtbot.keyClicks(postcode, "12345")
    assert not editor.save()
    assert not sink.texts("question")  # nothing to confirm while an error stands
    assert "6位" in child(editor, QLabel, "error:postcode").text()
    warning = child(editor, QLabel, "error:credit_code")
    assert "校验位" in warning.text() and not warning.isHidden()
    assert "盒" in child(editor, QLabel, "error:location_box").text()
    postcode.setText("100080")
    sink.answers = [False]
    assert not editor.save()
    (question,) = sink.texts("question")
    assert question.count("校验位") == 1 and question.count("未填盒") == 1
    assert Card.select().count() == 0


def test_a_service_call_asks_each_warning_once(qtbot, clerk, sink) -> None:
    sink.answers = [False]
    wrong = draft("甲公司", credit_code="91350100M000100Y44")
    assert messages.call(None, cards.create_card, clerk, wrong) is None
    (question,) = sink.texts("question")
    assert question.count("校验位") == 1
    assert Card.select().count() == 0


def test_a_duplicate_offers_the_existing_card(qtbot, clerk, make_ctx, monkeypatch) -> None:
    existing = make_card(clerk, "北京海淀科技有限公司")
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    editor = tab.new_card()
    qtbot.addWidget(editor)
    _fill_required(editor, "北京海淀科技（有限）公司")
    opened: list[int] = []
    editor.open_other.disconnect()
    editor.open_other.connect(opened.append)
    monkeypatch.setattr(CardEditor, "duplicate_answer", ("open", None))
    assert not editor.save()
    assert opened == [existing.id]
    assert Card.select().count() == 1


def test_edit_records_history_and_a_stale_editor_is_refused(qtbot, clerk, make_ctx) -> None:
    card = make_card(clerk, "甲公司")
    first = CardEditor.open_card(make_ctx(clerk), card.id)
    second = CardEditor.open_card(make_ctx(clerk), card.id)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    _choose(child(first, QComboBox, "field:grade"), "A")
    type_text(child(first, QLineEdit, "reported_by"), "王销售")
    type_text(child(first, QLineEdit, "reason"), "年度评级")
    assert first.save()
    _choose(child(second, QComboBox, "field:grade"), "C")
    assert not second.save()
    assert "其他人修改" in child(second, QLabel, "message").text()
    assert Card.get_by_id(card.id).grade == "A"
    history = child(first, type(first.history_table), "history")
    texts = {history.item(r, 4).text() for r in range(history.rowCount())}
    assert "客户等级" in texts


def test_esc_asks_before_dropping_changes(qtbot, clerk, make_ctx, sink) -> None:
    editor = CardEditor(make_ctx(clerk), None)
    qtbot.addWidget(editor)
    editor.show()
    type_text(child(editor, QLineEdit, "field:name"), "乙公司")
    sink.answers = [False]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible()
    assert sink.texts("question")
    sink.answers = [True]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_the_draft_is_autosaved_and_offered_at_the_next_start(
    qtbot, clerk, make_ctx, sink, db_path
) -> None:
    ctx = make_ctx(clerk)
    editor = CardEditor(ctx, None)
    qtbot.addWidget(editor)
    _fill_required(editor, "丙公司")
    qtbot.keyClicks(child(editor, QLineEdit, "field:phone"), "0531-88888888")
    qtbot.waitUntil(lambda: bool(drafts.pending(db_path.parent, clerk.username)), timeout=3000)
    # the program dies here; at the next start the tab offers the draft back
    editor.autosave.stop()
    editor.dirty = False
    tab = CardsTab(ctx)
    qtbot.addWidget(tab)
    sink.answers = [True]
    assert tab.offer_drafts() == 1
    restored = next(iter(tab.editors.values()))
    qtbot.addWidget(restored)
    assert child(restored, QLineEdit, "field:name").text() == "丙公司"
    assert child(restored, QLineEdit, "field:phone").text() == "0531-88888888"
    assert restored.save()
    assert drafts.pending(db_path.parent, clerk.username) == []


def test_list_tree_filters_and_count_in_the_status_bar(qtbot, clerk, make_ctx, prefs) -> None:
    make_card(clerk, "北京甲公司", region="北京", grade="A")
    make_card(clerk, "北京乙公司", region="北京", category="SY")
    make_card(clerk, "上海丙公司", region="上海")
    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show_tab("cards_tab")
    table = child(window, QTableView, "card_table")
    assert table.model().rowCount() == 3
    assert "3" in child(window, QLabel, "status_count").text()
    tab = window.cards_tab
    tab.select_tree(region_id("北京"), None)
    assert table.model().rowCount() == 2
    tree = child(window, QTreeWidget, "card_tree")  # counted off the GUI thread
    qtbot.waitUntil(lambda: "（3）" in tree.topLevelItem(0).text(0))
    _choose(child(window, QComboBox, "filter_grade"), "A")
    assert table.model().rowCount() == 1
    assert "1" in child(window, QLabel, "status_count").text()


def test_search_as_you_type_and_scanner(qtbot, clerk, make_ctx) -> None:
    make_card(clerk, "北京海淀科技有限公司")
    other = make_card(clerk, "上海浦东商贸有限公司", region="上海")
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    search = child(tab, QLineEdit, "card_search")
    qtbot.keyClicks(search, "bjhd")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=2000)
    search.clear()
    tab.on_scanned(other.archive_no)
    editor = tab.editors.get(other.id)
    assert editor is not None and editor.view.archive_no == other.archive_no
    qtbot.addWidget(editor)


def test_a_user_without_clearance_never_sees_the_card_in_the_list(
    qtbot, clerk, make_user, make_ctx
) -> None:
    make_card(clerk, "机密公司", secrecy=int(Secrecy.CONFIDENTIAL))
    make_card(clerk, "普通公司")
    head = make_user(Role.DEPT_HEAD, clearance=int(Secrecy.INTERNAL))
    tab = CardsTab(make_ctx(head))
    qtbot.addWidget(tab)
    names = [tab.model.row_at(r).name for r in range(tab.model.rowCount())]
    assert names == ["普通公司"]
    assert not child(tab, type(tab.new_button), "new_card").isEnabled()
    assert cards.count_cards(head, cards.CardFilter()) == 1


def test_printing_from_the_tab_runs_in_a_worker_and_opens_the_preview(
    qtbot, clerk, make_ctx
) -> None:
    from PySide6.QtWidgets import QApplication

    from archive_desk.ui import printing
    from archive_desk.ui.widgets.pdf_preview import PdfPreviewDialog

    make_card(clerk, "北京海淀科技有限公司")
    make_card(clerk, "上海浦东商贸有限公司", region="上海")
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    out = printing.print_cards(tab, tab.ctx, "list", [], tab.current_filter())
    assert out is not None and out.exists()
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog)]
    assert previews and previews[-1].preview.page_count() >= 1
    for preview in previews:
        preview.close()


def test_export_from_the_tab_writes_the_filtered_list(
    qtbot, clerk, make_ctx, tmp_path, sink
) -> None:
    from openpyxl import load_workbook

    from archive_desk.ui import printing

    make_card(clerk, "北京海淀科技有限公司", grade="A")
    make_card(clerk, "上海浦东商贸有限公司", region="上海", grade="C")
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    _choose(child(tab, QComboBox, "filter_grade"), "A")
    path = tmp_path / "out.xlsx"
    assert printing.export_cards(tab, tab.ctx, tab.current_filter(), str(path)) == 1
    assert load_workbook(path).active.max_row == 2
    assert any("1" in t for t in sink.texts("info"))


def test_a_long_list_reads_its_first_ids_and_the_rest_when_scrolled_to(
    qtbot, clerk, make_ctx, monkeypatch
) -> None:
    from archive_desk.ui.models.cards_model import CardSource

    monkeypatch.setattr(CardSource, "prefix", 2)
    made = [make_card(clerk, f"{n}号公司") for n in "一二三四五"]
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    source = tab.model.card_source
    assert tab.model.rowCount() == 5  # counted, not listed
    assert (len(source.ids), source.complete) == (2, False)
    tab.model.page_size = 2
    assert tab.model.row_at(0).archive_no == made[0].archive_no
    assert not source.complete  # the first page needs only the first ids
    assert [tab.model.row_at(r).archive_no for r in range(5)] == [c.archive_no for c in made]
    assert source.complete and len(source.ids) == 5
    tab.apply_filter()  # read again: the prefix again
    assert not source.complete
    assert tab.model.row_of(made[4].id) == 4  # finding a card reads the rest
    type_text(tab.search, "号公司")  # a search lists all its matches at once
    qtbot.waitUntil(lambda: source.filter.text == "号公司", timeout=2000)
    assert source.complete and tab.model.rowCount() == 5


def test_drafts_are_offered_at_start_whichever_tab_comes_first(
    qtbot, clerk, make_ctx, sink, db_path, prefs
) -> None:
    ctx = make_ctx(clerk)
    window = MainWindow(ctx, prefs)  # nothing left behind: the card tab waits for a click
    qtbot.addWidget(window)
    qtbot.wait(20)
    assert "cards_tab" not in window.built_tabs()
    assert not sink.texts("question")
    payload = {"values": {"name": "丁公司"}}
    drafts.save(db_path.parent, clerk.username, "new-1", "丁公司", payload, clerk.clock.now())
    sink.answers = [True]
    again = MainWindow(ctx, prefs)  # the overview comes first; the draft is offered anyway
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: "cards_tab" in again.built_tabs())
    assert any("丁公司" in t for t in sink.texts("question"))
    (editor,) = again.cards_tab.editors.values()
    qtbot.addWidget(editor)
    assert child(editor, QLineEdit, "field:name").text() == "丁公司"


def test_the_category_column_is_tinted_with_the_category_colour(qtbot, clerk, make_ctx) -> None:
    from PySide6.QtGui import QColor

    from archive_desk.ui.models.cards_model import _light

    card = make_card(clerk, "北京甲公司")
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    model = tab.model
    column = next(i for i, c in enumerate(model.columns) if c.sort_key == "category")
    colour = card.category_color
    assert colour
    tint = model.data(model.index(0, column), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(tint, QColor) and tint.name() == _light(colour)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None  # no colour
