"""Qt's own strings that Qt's Chinese translation lacks, carried by the program's translation.

``qtbase_zh_CN.qm`` (shipped with PySide6, loaded by :func:`archive_desk.ui.app.install_translators`)
was not updated when Qt 6 gave some labels a mnemonic: the file dialog's "&Look in:" and "Files of
&type:" and a few print-dialog labels stayed English. Each is marked here under Qt's own context,
so ``make i18n`` puts it into ``archive_desk_zh_CN.ts``; the program's translator is installed
before Qt's, so it answers only what Qt's file does not. ``tests/ui/test_translators.py`` shows
the dialogs; when a new Qt version leaves another label English, add it here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_FROM_QT = (
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:")),
    ("QPageSetupWidget", QT_TRANSLATE_NOOP("QPageSetupWidget", "Page &order:")),
    ("QPageSetupWidget", QT_TRANSLATE_NOOP("QPageSetupWidget", "Pages &per sheet:")),
    # the 类型 column of the file dialog's list (Qt's own, non-native dialog), never in Qt's
    # file; Qt asks with a disambiguation ("All other platforms", "Match Windows Explorer"), and a
    # translator answers one without it when it has none (lupdate cannot mark the latter here)
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File Folder")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive")),
)
