"""Qt's own strings in Vietnamese: the context menu of a field, standard buttons, the print dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit

from counter_app.ui import qt_vietnamese
from counter_app.ui.application import install_qt_vietnamese


@pytest.fixture
def vietnamese(qapp):
    before = set(qapp.findChildren(qt_vietnamese.QtVietnamese))
    install_qt_vietnamese(qapp)
    yield
    for translator in set(qapp.findChildren(qt_vietnamese.QtVietnamese)) - before:
        qapp.removeTranslator(translator)
        translator.deleteLater()


def texts(menu) -> list[str]:  # noqa: ANN001
    return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def test_qt_strings_are_vietnamese(vietnamese, qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    assert texts(field.createStandardContextMenu()) == ["&Hoàn tác", "&Làm lại", "&Cắt", "Sao &chép", "&Dán",
                                                        "Xóa", "Chọn tất cả"]
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    assert "Sao &chép" in texts(box.createStandardContextMenu())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    qtbot.addWidget(buttons)
    assert sorted(b.text() for b in buttons.buttons()) == ["&Có", "&Không", "Hủy", "Đồng ý"]
    message = QMessageBox()
    message.setDetailedText("chi tiết")
    qtbot.addWidget(message)
    message.show()
    assert any(b.text() == "Xem chi tiết..." for b in message.buttons())
    printer = QPrinter()  # kept: the dialog does not own it
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "In"
    shown = {b.text() for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()}
    assert "&In" in shown and "Hủy" in shown, shown
    dialog.close()


def test_every_recorded_qt_string_has_a_translation():
    """The strings a desk shows (recorded by opening the widgets above) all have Vietnamese."""
    recorded = {"QLineEdit": ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"],
                "QPlatformTheme": ["OK", "Cancel", "&Yes", "&No", "Close", "Save", "Apply", "Discard"],
                "QPrintDialog": ["Print", "&Print", "&Options >>"],
                "QPrintWidget": ["Printer", "&Name:", "P&roperties"],
                "QFileDialog": ["File &name:", "&Open", "&Save", "Files of &type:"]}
    for context, sources in recorded.items():
        for source in sources:
            assert QCoreApplication.translate(context, source) != source or \
                qt_vietnamese.TRANSLATIONS[context][source], (context, source)
