"""Settings › users: the user dialog refuses a bad phone beside it and keeps what was typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit

from archive_desk.db.models import User
from archive_desk.domain import Role
from archive_desk.ui.dialogs.user_dialog import UserDialog
from tests.ui.conftest import child, type_text


def test_a_bad_phone_is_refused_in_the_dialog_and_a_good_one_normalised(qtbot, admin) -> None:
    dialog = UserDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(child(dialog, QLineEdit, "username"), "lihua")
    type_text(child(dialog, QLineEdit, "full_name"), "李华")
    child(dialog, QLineEdit, "password").setText("Clerk-pass-1")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CLERK))
    phone = child(dialog, QLineEdit, "phone")
    qtbot.keyClicks(phone, "8888-888")
    ok = child(dialog, QDialogButtonBox, "buttons").button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.result_user is None and dialog.isVisible()
    assert child(dialog, QLabel, "error").text().startswith("电话号码")
    assert dialog.focusWidget() is phone and phone.text() == "8888-888"  # kept, to put right
    assert not User.select().where(User.username == "lihua").exists()
    phone.setText("+86 138-0013-8000")
    ok.click()
    assert dialog.result_user is not None
    assert dialog.result_user.phone == "13800138000"
