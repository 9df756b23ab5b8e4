"""The citizen's rating window (issue #14): a customer-facing window on a second monitor or a
small touch screen. Keys 1/2/3 (or a touch) give very satisfied / satisfied / not satisfied, then
an optional reason from a short list (its number, or 0 / Enter to skip).

The officer's window only learns that a rating is pending and that it was given — never what it
says (:class:`RatingController` emits texts without the content). Ratings are stored by the
service for the dossier and the officer who served, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from counter_app.domain.ratings import REASONS, SCORE_LABELS, Score, Stage
from counter_app.i18n import tr
from counter_app.models.db import Database
from counter_app.services import ratings
from counter_app.services.errors import ServiceError

SCORE_COLOURS = {Score.VERY_SATISFIED: "#1b5e20", Score.SATISFIED: "#2e7d32", Score.NOT_SATISFIED: "#b71c1c"}
THANKS_MS = 5000


@dataclass(frozen=True)
class RatingRequest:
    code: str
    officer_id: int
    stage: Stage


class RatingWindow(QWidget):
    """Three big answers, then the reasons; shown without taking the officer's keyboard focus."""

    answered = Signal(int, str)  # score, reason code ("" when skipped)

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("ratingWindow")
        self.setWindowTitle(tr("Đánh giá mức độ hài lòng"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setStyleSheet("QWidget#ratingWindow { background: white; } QPushButton { font-size: 20pt; padding: 18px; }")
        self.score: Score | None = None
        self.stack = QStackedWidget()
        self.idle = QLabel(tr("Xin chào ông/bà."), objectName="ratingIdle")
        self.question = QLabel(objectName="ratingQuestion")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setStyleSheet("font-size: 22pt; font-weight: bold;")
        for label in (self.idle,):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 22pt;")

        ask = QWidget()
        ask_layout = QVBoxLayout(ask)
        ask_layout.addWidget(self.question)
        self.score_buttons: dict[Score, QPushButton] = {}
        for score in Score:
            button = QPushButton(f"{int(score)}   {tr(SCORE_LABELS[score])}", objectName=f"ratingScore{int(score)}")
            button.setStyleSheet(f"background: {SCORE_COLOURS[score]}; color: white;")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, s=score: self.choose(s))
            ask_layout.addWidget(button)
            self.score_buttons[score] = button

        why = QWidget()
        why_layout = QGridLayout(why)
        prompt = QLabel(tr("Ông/bà có thể chọn một lý do (không bắt buộc):"))
        prompt.setStyleSheet("font-size: 18pt;")
        why_layout.addWidget(prompt, 0, 0)
        self.reason_codes = list(REASONS)
        for i, code in enumerate(self.reason_codes, start=1):
            button = QPushButton(f"{i}   {tr(REASONS[code])}", objectName=f"ratingReason_{code}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, c=code: self.finish(c))
            why_layout.addWidget(button, i, 0)
        skip = QPushButton(tr("0   Bỏ qua"), objectName="ratingSkip")
        skip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        skip.clicked.connect(lambda: self.finish(""))
        why_layout.addWidget(skip, len(self.reason_codes) + 1, 0)

        self.thanks = QLabel(tr("Cảm ơn ông/bà đã đánh giá."), objectName="ratingThanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks.setStyleSheet("font-size: 24pt; color: #1b5e20;")
        for page in (self.idle, ask, why, self.thanks):
            self.stack.addWidget(page)
        self.ask_page, self.why_page = ask, why
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.back_to_idle = QTimer(self, singleShot=True, interval=THANKS_MS)
        self.back_to_idle.timeout.connect(lambda: self.stack.setCurrentWidget(self.idle))
        self.stack.setCurrentWidget(self.idle)

    def place(self) -> None:
        """On the second screen when there is one (full screen), else a window beside the officer's."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].geometry())
        else:
            self.resize(640, 560)

    def ask(self, dossier_code: str) -> None:
        self.back_to_idle.stop()
        self.score = None
        self.question.setText(tr("Ông/bà đánh giá thế nào về việc giải quyết hồ sơ {code}?\n"
                                 "Nhấn 1, 2 hoặc 3 (hoặc chạm vào ô).").format(code=dossier_code))
        self.stack.setCurrentWidget(self.ask_page)
        if not self.isVisible():
            self.place()
            self.show()

    def choose(self, score: Score) -> None:
        if self.stack.currentWidget() is not self.ask_page:
            return
        self.score = Score(score)
        self.stack.setCurrentWidget(self.why_page)

    def finish(self, reason: str) -> None:
        if self.stack.currentWidget() is not self.why_page or self.score is None:
            return
        score, self.score = self.score, None
        self.answered.emit(int(score), reason)

    def thank(self) -> None:
        self.stack.setCurrentWidget(self.thanks)
        self.back_to_idle.start()

    def clear(self) -> None:
        self.score = None
        self.stack.setCurrentWidget(self.idle)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if self.stack.currentWidget() is self.ask_page and text in ("1", "2", "3"):
            self.choose(Score(int(text)))
        elif self.stack.currentWidget() is self.why_page and text.isdigit():
            n = int(text)
            if n == 0:
                self.finish("")
            elif n <= len(self.reason_codes):
                self.finish(self.reason_codes[n - 1])
        elif self.stack.currentWidget() is self.why_page and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                                                              Qt.Key.Key_Escape):
            self.finish("")
        else:
            super().keyPressEvent(event)


class RatingController(QObject):
    """One pending request at a time; tells the officer's window only "pending" / "given"."""

    status = Signal(str, str)  # the officer's status bar (short text, tooltip): never the rating's content

    def __init__(self, db: Database, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db = db
        self.pending: RatingRequest | None = None
        self.window = RatingWindow()
        self.window.answered.connect(self._answered)

    def request(self, code: str, officer_id: int, stage: Stage | str) -> None:
        self.pending = RatingRequest(code, officer_id, Stage(stage))
        self.window.ask(code)
        self.status.emit(tr("⌛ Chờ đánh giá"), tr("Đang chờ công dân đánh giá (hồ sơ {code})…").format(code=code))

    def _answered(self, score: int, reason: str) -> None:
        request, self.pending = self.pending, None
        if request is None:
            return
        try:
            ratings.record_rating(self._db, request.code, request.officer_id, request.stage, score, reason)
        except ServiceError as exc:
            self.window.clear()
            self.status.emit(tr("⚠ Đánh giá"), tr("Không ghi được đánh giá: {error}").format(error=exc.message))
            return
        self.window.thank()
        self.status.emit(tr("✓ Đã đánh giá"), tr("Công dân đã đánh giá hồ sơ {code}.").format(code=request.code))

    def close(self) -> None:
        self.pending = None
        self.window.close()
        self.window.deleteLater()
