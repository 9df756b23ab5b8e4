"""Preview of a printed PDF with Print (Qt print dialog) and Close; keyboard: Ctrl+P, Esc."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # the context lupdate gives bare tr() calls


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf_path: Path, title: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.setWindowTitle(title)
        self.resize(820, 1000)
        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        where = QLabel(tr("Đã lưu: {path}").format(path=self.pdf_path))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(tr("&In (Ctrl+P)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(tr("Đón&g"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.print_document)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_document)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.print_button.setFocus()

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.render_to(printer)

    def render_to(self, printer: QPrinter) -> None:
        """Rasterise each page at the printer's resolution (QtPdf renders pages to images)."""
        painter = QPainter()
        if not painter.begin(printer):
            return
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                # The painter's origin is already the printable area's corner.
                size = printer.pageRect(QPrinter.Unit.DevicePixel).toRect().size()
                painter.drawImage(0, 0, self.document.render(page, size))
        finally:
            painter.end()
