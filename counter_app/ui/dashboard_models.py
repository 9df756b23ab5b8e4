"""The dashboard's tables as Qt item models: breakdowns, watch lists, second-pass notices."""

from __future__ import annotations

from datetime import datetime
from operator import attrgetter

from PySide6.QtCore import Qt

from counter_app.domain.indicators import INDICATORS, rate_text
from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.services.indicators import IndicatorRow
from counter_app.services.stats_records import BreakdownRow, SecondPassItem, WatchItem

from .qt_models import Column, ObjectTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def short_moment(value: datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value else ""


def _num(title: str, attr: str) -> Column:
    return Column(title, attrgetter(attr), RIGHT, sort_key=attrgetter(attr))


class BreakdownModel(ObjectTableModel[BreakdownRow]):
    """One table of the dashboard (by desk, officer, procedure or field)."""

    def __init__(self, first: str, parent=None) -> None:  # noqa: ANN001
        super().__init__([
            Column(first, lambda r: r.name, sort_key=lambda r: r.name),
            _num(tr("Tiếp\nnhận"), "received"),
            _num(tr("Yêu cầu\nbổ sung"), "supplements"),
            _num(tr("Từ\nchối"), "refusals"),
            _num(tr("Đã\ntrả"), "returned"),
            _num(tr("Trả\nquá hạn"), "returned_late"),
            _num(tr("Đang\ngiải quyết"), "unfinished"),
            _num(tr("Sắp\nđến hạn"), "due_soon"),
            _num(tr("Quá\nhạn"), "overdue"),
        ], parent)


class WatchModel(ObjectTableModel[WatchItem]):
    """Overdue dossiers (by lateness) or dossiers due within one working day."""

    def __init__(self, gap_title: str, parent=None) -> None:  # noqa: ANN001
        super().__init__([
            Column(tr("Mã hồ sơ"), lambda w: w.code),
            Column(tr("Người nộp"), lambda w: w.applicant_name),
            Column(tr("Thủ tục"), lambda w: w.procedure_name),
            Column(tr("Quầy"), lambda w: w.desk_number, RIGHT, sort_key=lambda w: w.desk_number),
            Column(tr("Cán bộ tiếp nhận"), lambda w: w.officer_name),
            Column(tr("Hẹn trả"), lambda w: short_moment(w.due_at), sort_key=lambda w: w.due_at),
            Column(gap_title, lambda w: w.lateness_text, RIGHT, sort_key=lambda w: w.lateness),
            Column(tr("Văn bản xin lỗi"), lambda w: str(w.apologies) if w.apologies else "",
                   RIGHT, sort_key=lambda w: w.apologies),
        ], parent)


class SecondPassModel(ObjectTableModel[SecondPassItem]):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__([
            Column(tr("Mã phiếu"), lambda p: p.notice_code),
            Column(tr("Thời gian"), lambda p: short_moment(p.issued_at), sort_key=lambda p: p.issued_at),
            Column(tr("Người nộp"), lambda p: p.applicant_name),
            Column(tr("Thủ tục"), lambda p: p.procedure_name),
            Column(tr("Cán bộ hướng dẫn"), lambda p: p.officer_name),
            Column(tr("Người phê duyệt"), lambda p: p.approved_by),
            Column(tr("Lý do"), lambda p: p.reason),
        ], parent)


INDICATOR_GROUPS = {"total": QT_TR_NOOP("Toàn đơn vị"), "desk": QT_TR_NOOP("Quầy"), "officer": QT_TR_NOOP("Cán bộ"),
                    "procedure": QT_TR_NOOP("Thủ tục"), "field": QT_TR_NOOP("Lĩnh vực")}
INDICATOR_TITLES = {"on_time": QT_TR_NOOP("Đúng hạn"), "online": QT_TR_NOOP("Trực tuyến"),
                    "digitised": QT_TR_NOOP("Số hóa"), "reused": QT_TR_NOOP("Tái sử dụng"),
                    "fees_online": QT_TR_NOOP("Phí nộp\ntrực tuyến"), "satisfaction": QT_TR_NOOP("Hài lòng")}


def _indicator(name: str, num: str, den: str) -> Column:
    def value(r: IndicatorRow) -> str:
        return rate_text(getattr(r.counts, num), getattr(r.counts, den))

    def key(r: IndicatorRow) -> float:
        v = getattr(r.counts, f"{name}_rate")
        return -1.0 if v is None else v

    return Column(tr(INDICATOR_TITLES[name]), value, RIGHT, sort_key=key)


def _row_name(r: IndicatorRow) -> str:
    if r.table in ("total", "desk"):
        return tr("Toàn đơn vị") if r.table == "total" else r.name
    return f"{tr(INDICATOR_GROUPS[r.table])}: {r.name}"


class IndicatorModel(ObjectTableModel[IndicatorRow]):
    """The service-index indicators (Decision 766/QĐ-TTg): the unit, then by desk, officer, procedure,
    field; each cell "92,3% (12/13)" (definitions in docs/supervision.md)."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__([
            Column(tr("Đơn vị, quầy, cán bộ, thủ tục, lĩnh vực"), _row_name),
            *(_indicator(name, num, den) for name, num, den, _label in INDICATORS),
        ], parent)
