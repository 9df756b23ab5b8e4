"""The dashboard's widgets: a counter tile, a read-only table, the received-vs-returned chart."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QBarSeries, QBarSet, QCategoryAxis, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QLabel, QTableView, QVBoxLayout

from counter_app.i18n import tr
from counter_app.services.stats_records import TrendPoint

from .qt_models import ObjectTableModel


class Tile(QFrame):
    """A counter: caption, big number, one line of detail."""

    def __init__(self, key: str, caption: str, colour: str = "#1f3b5c", parent=None) -> None:  # noqa: ANN001
        super().__init__(parent, objectName=f"tile_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame#tile_{key} {{ border: 1px solid #c9d2dc; border-radius: 6px; background: #f7f9fb; }}")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #44515e;")
        self.value = QLabel("—", objectName="value")
        font = QFont(self.value.font())
        font.setPointSize(22)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet(f"color: {colour};")
        self.detail = QLabel("", objectName="detail")
        self.detail.setStyleSheet("color: #44515e;")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set(self, value: int, detail: str = "") -> None:
        self.value.setText(f"{value:,}".replace(",", "."))
        self.detail.setText(detail)


def table_view(name: str, model: ObjectTableModel, stretch: int = 0) -> QTableView:
    """A read-only sortable table; column ``stretch`` takes the spare width (long names elide)."""
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    # No sort until the user clicks a header: the service's order (e.g. most overdue first) stands.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    return view


class TrendChart(QChartView):
    """Received vs returned per working day (grouped bars), the last 30 working days."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        self.chart_ = QChart()
        super().__init__(self.chart_, parent)
        self.setObjectName("dashboardChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_.setTitle(tr("Tiếp nhận và trả kết quả — 30 ngày làm việc gần nhất"))
        self.chart_.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.received = QBarSet(tr("Tiếp nhận"))
        self.received.setColor(QColor("#2f6db5"))
        self.returned = QBarSet(tr("Trả kết quả"))
        self.returned.setColor(QColor("#3a9a5b"))
        self.series = QBarSeries()
        self.series.append(self.received)
        self.series.append(self.returned)
        self.series.setBarWidth(0.8)
        self.chart_.addSeries(self.series)
        # Bars sit at x = 0 … n-1; a category axis labels every fifth working day (30 dates in a
        # row would not fit and QtCharts would elide them all).
        self.axis_x = QCategoryAxis()
        self.axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        small = QFont(self.axis_x.labelsFont())
        small.setPointSize(8)
        self.axis_x.setLabelsFont(small)
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%d")
        self.chart_.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.axis_x)
        self.series.attachAxis(self.axis_y)
        self.days: list[date] = []

    def set_points(self, points: tuple[TrendPoint, ...]) -> None:
        self.received.remove(0, self.received.count())
        self.returned.remove(0, self.returned.count())
        self.days = [p.day for p in points]
        self.received.append([float(p.received) for p in points])
        self.returned.append([float(p.returned) for p in points])
        for label in self.axis_x.categoriesLabels():
            self.axis_x.remove(label)
        step = max(1, len(points) // 6)
        for i in sorted(range(len(points) - 1, -1, -step)):  # always label the last day
            self.axis_x.append(points[i].day.strftime("%d/%m"), i)
        self.axis_x.setRange(-0.5, max(len(points), 1) - 0.5)
        top = max([p.received for p in points] + [p.returned for p in points] + [1])
        self.axis_y.setRange(0, top + max(1, top // 10))
        self.axis_y.setTickCount(min(6, top + 2))
        self.axis_y.applyNiceNumbers()

    def values(self) -> list[tuple[date, int, int]]:
        return [(d, int(self.received.at(i)), int(self.returned.at(i))) for i, d in enumerate(self.days)]
