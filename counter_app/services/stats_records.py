"""The supervisor's numbers as plain records: what the dashboard, the reports and the exports show.

Built by :mod:`counter_app.services.stats` (the dashboard) and :mod:`counter_app.services.period_report`;
no queries here, only the shapes and their JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from counter_app.domain.calendar import WORKING_DAY_HOURS
from counter_app.domain.digitisation import DigitisationCounts
from counter_app.i18n import QT_TR_NOOP, tr

CHANNEL_LABELS = {"direct": QT_TR_NOOP("Trực tiếp"), "online": QT_TR_NOOP("Trực tuyến"),
                  "post": QT_TR_NOOP("Bưu chính")}  # exported reports keep them; the dashboard translates



@dataclass(frozen=True)
class Outcomes:
    """Finished dossiers by due state; ``no_deadline``: finished while the clock was stopped."""

    early: int = 0
    on_time: int = 0
    late: int = 0
    no_deadline: int = 0

    @property
    def total(self) -> int:
        return self.early + self.on_time + self.late + self.no_deadline

    def to_json(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}


@dataclass(frozen=True)
class Unfinished:
    on_track: int = 0  # due later than one working day from now
    due_soon: int = 0  # due within one working day
    paused: int = 0  # clock stopped (supplement requested, awaiting payment)
    overdue: int = 0

    @property
    def within_deadline(self) -> int:
        return self.on_track + self.due_soon + self.paused

    @property
    def total(self) -> int:
        return self.within_deadline + self.overdue

    def to_json(self) -> dict[str, int]:
        return {**asdict(self), "within_deadline": self.within_deadline, "total": self.total}


@dataclass(frozen=True)
class BreakdownRow:
    """One desk / officer / procedure / field of the dashboard tables."""

    key: str
    name: str
    received: int = 0
    supplements: int = 0
    refusals: int = 0
    returned: int = 0
    returned_late: int = 0
    unfinished: int = 0
    due_soon: int = 0
    overdue: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TrendPoint:
    day: date
    received: int
    returned: int

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "received": self.received, "returned": self.returned}


@dataclass(frozen=True)
class WatchItem:
    """A dossier on a watch list (overdue, or due within one working day)."""

    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    desk_number: int
    officer_name: str
    received_at: datetime
    due_at: datetime
    original_due_at: datetime | None
    status: int
    lateness: timedelta  # office time past due (overdue) or left until due (due soon)
    apologies: int

    @property
    def lateness_text(self) -> str:
        return working_time_text(self.lateness)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "applicant_name": self.applicant_name, "procedure_code": self.procedure_code,
            "procedure_name": self.procedure_name, "desk_number": self.desk_number,
            "officer_name": self.officer_name, "received_at": _iso(self.received_at), "due_at": _iso(self.due_at),
            "original_due_at": _iso(self.original_due_at), "status": self.status,
            "working_hours": round(self.lateness.total_seconds() / 3600, 2), "apologies": self.apologies,
        }


@dataclass(frozen=True)
class SecondPassItem:
    notice_code: str
    issued_at: datetime
    stage: str
    applicant_name: str
    procedure_name: str
    officer_name: str
    approved_by: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "issued_at": _iso(self.issued_at)}


@dataclass(frozen=True)
class DashboardStats:
    start: date
    end: date
    as_of: datetime  # the moment of the unfinished snapshot
    now: datetime  # the moment of the watch lists
    received: int
    received_by_channel: dict[str, int]
    supplement_notices: int
    second_pass_notices: int
    refusals: int
    returned: Outcomes
    resolved: Outcomes
    withdrawn: int
    stopped: int
    apologies: int
    apologies_late: int
    unfinished: Unfinished
    by_desk: tuple[BreakdownRow, ...]
    by_officer: tuple[BreakdownRow, ...]
    by_procedure: tuple[BreakdownRow, ...]
    by_field: tuple[BreakdownRow, ...]
    trend: tuple[TrendPoint, ...]
    overdue_total: int
    overdue_list: tuple[WatchItem, ...]
    due_soon_without_apology: tuple[WatchItem, ...]
    second_pass: tuple[SecondPassItem, ...]
    # Service-index indicators (services/indicators.py): the total first, then by desk, officer, procedure, field.
    indicators: tuple[Any, ...] = ()
    digitisation: DigitisationCounts = DigitisationCounts()  # issue #13

    @property
    def is_single_day(self) -> bool:
        return self.start == self.end

    def to_json(self) -> dict[str, Any]:
        """The ``report daily --format json`` document: the dashboard's numbers, as they are."""
        return {
            "from": self.start.isoformat(), "to": self.end.isoformat(), "as_of": _iso(self.as_of),
            "generated_at": _iso(self.now),
            "received": {"total": self.received, "by_channel": dict(self.received_by_channel)},
            "supplement_notices": {"total": self.supplement_notices, "second_pass": self.second_pass_notices},
            "refusals": self.refusals,
            "returned": self.returned.to_json(),
            "resolved": self.resolved.to_json(),
            "withdrawn": self.withdrawn,
            "stopped": self.stopped,
            "apologies": {"total": self.apologies, "late": self.apologies_late},
            "unfinished": self.unfinished.to_json(),
            "by_desk": [r.to_json() for r in self.by_desk],
            "by_officer": [r.to_json() for r in self.by_officer],
            "by_procedure": [r.to_json() for r in self.by_procedure],
            "by_field": [r.to_json() for r in self.by_field],
            "trend": [p.to_json() for p in self.trend],
            "watch": {
                "overdue_total": self.overdue_total,
                "overdue": [w.to_json() for w in self.overdue_list],
                "due_soon_without_apology": [w.to_json() for w in self.due_soon_without_apology],
                "second_pass_supplements": [s.to_json() for s in self.second_pass],
            },
            "indicators": [r.to_json() for r in self.indicators],
            "digitisation": self.digitisation.to_json(),
        }


@dataclass(frozen=True)
class PeriodRow:
    """One line of the period statistics report (by field or by procedure, or the total)."""

    key: str
    code: str
    name: str
    carried_over: int = 0
    received: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    closed: int = 0  # withdrawn at the applicant's request or processing stopped
    unfinished_within: int = 0
    unfinished_overdue: int = 0
    parent: str = ""  # field key of a procedure row

    @property
    def total(self) -> int:
        return self.carried_over + self.received

    @property
    def resolved(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def unfinished(self) -> int:
        return self.unfinished_within + self.unfinished_overdue

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "total": self.total, "resolved": self.resolved, "unfinished": self.unfinished}


@dataclass(frozen=True)
class PeriodReport:
    start: date
    end: date
    as_of: datetime
    unit_name: str
    totals: PeriodRow
    by_field: tuple[PeriodRow, ...]
    by_procedure: tuple[PeriodRow, ...]

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "as_of": _iso(self.as_of),
                "unit": self.unit_name, "totals": self.totals.to_json(),
                "by_field": [r.to_json() for r in self.by_field],
                "by_procedure": [r.to_json() for r in self.by_procedure]}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="minutes") if value else None


def working_time_text(td: timedelta) -> str:
    """``2 ngày 3 giờ`` of office time (a working day is 8 hours)."""
    minutes = int(td.total_seconds() // 60)
    days, rest = divmod(minutes, WORKING_DAY_HOURS * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(tr("{days} ngày").format(days=days))
    if hours:
        parts.append(tr("{hours} giờ").format(hours=hours))
    if mins and not days:
        parts.append(tr("{minutes} phút").format(minutes=mins))
    return " ".join(parts) or tr("{minutes} phút").format(minutes=0)
