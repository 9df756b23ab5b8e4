"""Preview of a printed PDF with Print (Qt print dialog) and Close; keyboard: Ctrl+P, Esc.

:func:`deliver` is how every page hands a freshly written PDF to the officer: straight to the
default printer (both copies, no dialog) when the desk's "in thẳng" setting is on and a printer
is there, else the preview.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from counter_app.i18n import tr

from .screen_fit import fit_dialog

PREFERRED_SIZE = QSize(820, 1000)  # a whole A4 page; capped to the screen when shown


def default_printer() -> QPrinter | None:
    """The system's default printer, or None when the PC has none."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


# Where direct printing goes: tests replace it with a printer that writes a PDF file.
printer_factory: Callable[[], QPrinter | None] = default_printer


def render_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Rasterise each page at the printer's resolution (QtPdf renders pages to images); pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            # The painter's origin is already the printable area's corner.
            size = printer.pageRect(QPrinter.Unit.DevicePixel).toRect().size()
            painter.drawImage(0, 0, document.render(page, size))
    finally:
        painter.end()
    return document.pageCount()


def print_directly(pdf_path: Path) -> tuple[int, str] | None:
    """Every page (both copies) to the default printer, no dialog: (pages, printer name), or
    None when there is no printer."""
    printer = printer_factory()
    if printer is None:
        return None
    document = QPdfDocument()
    document.load(str(pdf_path))
    return render_pdf(document, printer), printer.printerName() or printer.outputFileName()


def deliver(parent, pdf_path: Path, title: str, *, direct: bool) -> tuple[PdfPreviewDialog | None, str]:  # noqa: ANN001
    """Print straight away (``direct`` and a printer there) or open the preview.

    Returns the preview (None when printed) and a sentence for the officer.
    """
    if direct:
        printed = print_directly(pdf_path)
        if printed is not None:
            pages, name = printed
            return None, tr("Đã in {n} trang ra máy in {printer}.").format(n=pages, printer=name)
    preview = PdfPreviewDialog(pdf_path, title, parent)
    preview.open()
    note = tr("Máy này chưa có máy in mặc định: mở bản xem trước.") if direct else ""
    return preview, note


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf_path: Path, title: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.setWindowTitle(title)
        self.resize(PREFERRED_SIZE)
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

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        fit_dialog(self, PREFERRED_SIZE)  # Print and Close stay on a 768- or 720-pixel screen
        super().showEvent(event)

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
        render_pdf(self.document, printer)
