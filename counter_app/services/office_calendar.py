"""The office's working calendar as configured in the desk database.

Office hours live in the ``office_hours`` setting ({weekday: "07:00-11:30, 13:30-17:00"}),
extra days off / make-up working days in ``calendar_overrides`` (edited at the desk - the
office-calendar page, ``counter-app calendar`` - or synced from the central system; a day the
central has decided cannot be changed at the desk, and a synced decision replaces a desk one).
Saturday (and Sunday) desk hours serve citizens but are not deadline time unless the
``deadline_counts_weekend`` setting says so; a make-up working day always counts. Same-day
procedures are due the same working day, or the next one when received after ``same_day_cutoff``. Building a WorkingCalendar indexes days, so it is cached per database and
rebuilt only when ``calendar_revision`` changes. A WorkingCalendar is not thread-safe, so each
thread (GUI, sync worker) gets its own.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.calendar import DEFAULT_SAME_DAY_CUTOFF, OfficeHours, WorkingCalendar, statutory_days
from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models import CalendarOverride, Officer, Role
from counter_app.models.db import Database

from . import audit, settings
from .errors import NotFoundError, PermissionDeniedError, ValidationError

SOURCE_LOCAL = "local"
SOURCE_CENTRAL = "central"
SOURCE_LAW = "law"  # the holidays package's Vietnamese calendar
SOURCE_LABELS = {SOURCE_LOCAL: QT_TR_NOOP("Tại quầy"), SOURCE_CENTRAL: QT_TR_NOOP("Hệ thống trung tâm"),
                 SOURCE_LAW: QT_TR_NOOP("Lịch nghỉ lễ, Tết")}  # translated where read (source_label)
WEEKDAY_NAMES = (QT_TR_NOOP("Thứ Hai"), QT_TR_NOOP("Thứ Ba"), QT_TR_NOOP("Thứ Tư"), QT_TR_NOOP("Thứ Năm"),
                 QT_TR_NOOP("Thứ Sáu"), QT_TR_NOOP("Thứ Bảy"), QT_TR_NOOP("Chủ nhật"))  # translated where shown
CUTOFF_KEY = "same_day_cutoff"
WEEKEND_KEY = "deadline_counts_weekend"

_local = threading.local()


def office_hours(session: Session) -> OfficeHours:
    configured = settings.get(session, "office_hours")
    if not configured:
        return OfficeHours.default()
    return OfficeHours.from_mapping({int(k): v for k, v in configured.items()})


def overrides(session: Session) -> dict[date, bool]:
    return {row.day: row.is_working for row in session.execute(select(CalendarOverride)).scalars()}


def same_day_cutoff(session: Session) -> time:
    value = settings.get(session, CUTOFF_KEY)
    return _parse_clock(value) if value else DEFAULT_SAME_DAY_CUTOFF


def weekend_counts(session: Session) -> bool:
    return bool(settings.get(session, WEEKEND_KEY, False))


def deadline_hours(hours: OfficeHours, count_weekend: bool) -> OfficeHours:
    """The office hours deadlines run on: without Saturday/Sunday desk hours unless they count.
    A declared make-up working day keeps its full hours either way."""
    if count_weekend:
        return hours
    return OfficeHours(weekly=hours.weekly[:5] + ((), ()), makeup=hours.makeup_periods)


def build_calendar(session: Session) -> WorkingCalendar:
    return WorkingCalendar(deadline_hours(office_hours(session), weekend_counts(session)), overrides(session),
                           same_day_cutoff=same_day_cutoff(session))


def calendar_for(session: Session) -> WorkingCalendar:
    key = (str(session.get_bind().engine.url), int(settings.get(session, "calendar_revision", 0)))
    cached = getattr(_local, "entry", None)
    if cached is None or cached[0] != key:
        cached = _local.entry = (key, build_calendar(session))
    return cached[1]


_REVISION_SQL = "SELECT value FROM settings WHERE key = 'calendar_revision'"


class CurrentCalendar:
    """The desk's calendar for one read, looked up when first used.

    Most scans never use it (a finished or overdue dossier's due state needs no calendar), and the
    lookup (the revision through the thread's reader, then the cache) was a fifth of a scan's SQL.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._calendar: WorkingCalendar | None = None

    def __getattr__(self, name: str):  # noqa: ANN204 - forwards WorkingCalendar's methods
        if self._calendar is None:
            value = self._db.reader().execute(_REVISION_SQL).fetchone()
            revision = int(json.loads(value[0])) if value else 0
            cached = getattr(_local, "entry", None)
            if cached is not None and cached[0] == (str(self._db.engine.url), revision):
                self._calendar = cached[1]
            else:
                with self._db.read() as session:
                    self._calendar = calendar_for(session)
        return getattr(self._calendar, name)


def current_calendar(db: Database) -> WorkingCalendar:
    """The desk's calendar (office hours and overrides) read in a unit of work of its own."""
    with db.read() as session:
        return calendar_for(session)


def set_override(session: Session, day: date, is_working: bool, note: str = "", source: str = "local") -> None:
    """Store an override as given (the sync applies the central's with source "central": it wins)."""
    row = session.get(CalendarOverride, day)
    if row is None:
        session.add(CalendarOverride(day=day, is_working=is_working, note=note, source=source))
    else:
        row.is_working, row.note, row.source = is_working, note, source
    settings.bump(session, "calendar_revision")


def remove_override(session: Session, day: date, *, source: str | None = None) -> None:
    """Remove a day's override; with ``source``, only an override from that source."""
    row = session.get(CalendarOverride, day)
    if row is not None and (source is None or row.source == source):
        session.delete(row)
        settings.bump(session, "calendar_revision")


# ---------------------------------------------------------------- desk-side editing (audited)

_CLOCK = re.compile(r"^\s*(\d{1,2})[:hg](\d{2})\s*$")
NOTE_MAX = 255


def _parse_clock(text: str) -> time:
    m = _CLOCK.match(str(text))
    if not m:
        raise ValidationError(tr("Giờ «{text}» không đúng dạng HH:MM.").format(text=text))
    try:
        return time(int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise ValidationError(tr("Giờ «{text}» không hợp lệ.").format(text=text)) from None


EDIT_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})


def officer_named(session: Session, username: str) -> Officer:
    """An active supervisor or admin, by login name (the command line's --officer)."""
    officer = session.execute(select(Officer).where(Officer.username == username.strip().lower())).scalar_one_or_none()
    if officer is None or not officer.active:
        raise NotFoundError(tr("Không có cán bộ đang hoạt động với tên đăng nhập «{value}».").format(value=username.strip()), field="officer")
    if not officer.role_set & EDIT_ROLES:
        raise PermissionDeniedError(tr("Chỉ lãnh đạo hoặc quản trị viên được sửa lịch làm việc."), field="officer")
    return officer


def _actor(officer: Officer | None) -> dict:
    return {"officer": officer} if officer is not None else {"actor": "counter-app (dòng lệnh)"}


def _check_note(note: str) -> str:
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise ValidationError(tr("Ghi chú dài quá {NOTE_MAX} ký tự.").format(NOTE_MAX=NOTE_MAX), field="note")
    return note


def desk_set_override(session: Session, day: date, is_working: bool, note: str = "", *,
                      officer: Officer | None = None) -> None:
    """A day off or a make-up working day decided for this office, audited. A day the central system
    has decided stays as the central decided it (its overrides win)."""
    note = _check_note(note)
    row = session.get(CalendarOverride, day)
    if row is not None and row.source == SOURCE_CENTRAL:
        raise ValidationError(
            tr("Ngày {day:%d/%m/%Y} đã được hệ thống trung tâm quy định "
            "({value}); không sửa tại quầy.").format(day=day, value=tr("ngày làm việc") if row.is_working else tr("ngày nghỉ")), field="day")
    before = None if row is None else {"is_working": row.is_working, "note": row.note}
    set_override(session, day, is_working, note, source=SOURCE_LOCAL)
    audit.append(session, action="calendar.override_set", entity="calendar", entity_key=day.isoformat(),
                 details={"is_working": is_working, "note": note, "before": before}, **_actor(officer))


def desk_remove_override(session: Session, day: date, *, officer: Officer | None = None) -> None:
    row = session.get(CalendarOverride, day)
    if row is None:
        raise ValidationError(tr("Ngày {day:%d/%m/%Y} không có điều chỉnh nào tại quầy.").format(day=day), field="day")
    if row.source == SOURCE_CENTRAL:
        raise ValidationError(tr("Ngày {day:%d/%m/%Y} do hệ thống trung tâm quy định; không xóa tại quầy.").format(day=day),
                              field="day")
    before = {"is_working": row.is_working, "note": row.note}
    remove_override(session, day)
    audit.append(session, action="calendar.override_removed", entity="calendar", entity_key=day.isoformat(),
                 details={"before": before}, **_actor(officer))


def set_office_hours(session: Session, weekday: int, periods: str, *, officer: Officer | None = None) -> None:
    """One weekday's office hours ("07:00-11:30, 13:30-17:00"; "" = closed), audited."""
    if weekday not in range(7):
        raise ValidationError(tr("Thứ trong tuần không hợp lệ."), field="weekday")
    current = office_hours(session)
    try:
        updated = current.with_day(weekday, periods)
    except ValueError:
        raise ValidationError(
            tr("Giờ làm việc «{periods}» không hợp lệ: ghi dạng «07:00-11:30, 13:30-17:00», "
            "giờ bắt đầu trước giờ kết thúc, các buổi không chồng nhau.").format(periods=periods), field="hours") from None
    if not any(updated.weekly[:5]):
        raise ValidationError(tr("Phải có ít nhất một ngày làm việc từ thứ Hai đến thứ Sáu."), field="hours")
    settings.put(session, "office_hours", {str(i): _periods_text(p) for i, p in enumerate(updated.weekly) if p})
    settings.bump(session, "calendar_revision")
    audit.append(session, action="calendar.hours_set", entity="calendar", entity_key=WEEKDAY_NAMES[weekday],
                 details={"weekday": weekday, "before": _periods_text(current.weekly[weekday]),
                          "after": _periods_text(updated.weekly[weekday])}, **_actor(officer))


def set_deadline_rules(session: Session, *, cutoff: str | None = None, weekend_counts_: bool | None = None,
                       officer: Officer | None = None) -> None:
    """The same-day cut-off ("15:00") and whether weekend desk hours count as deadline time, audited."""
    details: dict = {}
    if cutoff is not None:
        parsed = _parse_clock(cutoff)
        settings.put(session, CUTOFF_KEY, f"{parsed:%H:%M}")
        details["same_day_cutoff"] = f"{parsed:%H:%M}"
    if weekend_counts_ is not None:
        settings.put(session, WEEKEND_KEY, bool(weekend_counts_))
        details["weekend_counts"] = bool(weekend_counts_)
    if details:
        settings.bump(session, "calendar_revision")
        audit.append(session, action="calendar.rules_set", entity="calendar", entity_key="rules",
                     details=details, **_actor(officer))


def _periods_text(periods) -> str:  # noqa: ANN001 - tuple of (time, time)
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in periods)


@dataclass(frozen=True)
class CalendarDay:
    day: date
    is_working: bool
    source: str  # law / local / central
    note: str

    @property
    def kind_label(self) -> str:
        return tr("Ngày làm việc (làm bù)") if self.is_working else tr("Ngày nghỉ")

    @property
    def source_label(self) -> str:
        return tr(SOURCE_LABELS.get(self.source, self.source))


def list_days(session: Session, year: int | None = None) -> list[CalendarDay]:
    """Days off and make-up working days: the law's (holidays package) with the overrides on top."""
    rows = session.execute(select(CalendarOverride).order_by(CalendarOverride.day)).scalars().all()
    result: dict[date, CalendarDay] = {}
    years = {year} if year is not None else {r.day.year for r in rows}
    for y in sorted(years):
        days_off, makeup = statutory_days(y)
        for d in days_off:
            result[d] = CalendarDay(d, False, SOURCE_LAW, "")
        for d in makeup:
            result[d] = CalendarDay(d, True, SOURCE_LAW, "")
    for r in rows:
        if year is None or r.day.year == year:
            result[r.day] = CalendarDay(r.day, r.is_working, r.source, r.note)
    return [result[d] for d in sorted(result)]


@dataclass(frozen=True)
class CalendarSettings:
    hours: tuple[str, ...]  # per weekday, "" = closed
    same_day_cutoff: str
    weekend_counts: bool


def current_settings(session: Session) -> CalendarSettings:
    hours = office_hours(session)
    return CalendarSettings(tuple(_periods_text(p) for p in hours.weekly),
                            f"{same_day_cutoff(session):%H:%M}", weekend_counts(session))


# ---------------------------------------------------------------- one unit of work per user action (the page)

def _editor(session: Session, who) -> Officer | None:  # noqa: ANN001 - DeskContext | str | None
    """Who edits: a desk context (the page), a login name (the command line's --officer), or nobody
    named (the command line, run by whoever may open the database file)."""
    if who is None:
        return None
    if isinstance(who, str):
        return officer_named(session, who)
    officer = session.get(Officer, who.officer_id)
    if officer is None or not officer.active or not officer.role_set & EDIT_ROLES:
        raise PermissionDeniedError(tr("Chỉ lãnh đạo hoặc quản trị viên được sửa lịch làm việc."))
    return officer


def declare_day(db: Database, who, day: date, is_working: bool, note: str = "") -> None:  # noqa: ANN001
    """A day off (``is_working`` False) or a make-up working day for this office, one unit of work."""
    with db.write() as session:
        desk_set_override(session, day, is_working, note, officer=_editor(session, who))


def remove_day(db: Database, who, day: date) -> None:  # noqa: ANN001
    with db.write() as session:
        desk_remove_override(session, day, officer=_editor(session, who))


def set_weekday_hours(db: Database, who, weekday: int, periods: str) -> None:  # noqa: ANN001
    with db.write() as session:
        set_office_hours(session, weekday, periods, officer=_editor(session, who))


def save_hours(db: Database, who, hours: list[str], cutoff: str, weekend: bool) -> None:  # noqa: ANN001
    """Office hours of the seven weekdays, the same-day cut-off and the weekend rule, in one unit
    of work (nothing is saved when any of it is wrong)."""
    with db.write() as session:
        officer = _editor(session, who)
        current = current_settings(session)
        for weekday, text in enumerate(hours):
            if " ".join(text.split()) != current.hours[weekday]:
                set_office_hours(session, weekday, text.strip(), officer=officer)
        if cutoff.strip() != current.same_day_cutoff or weekend != current.weekend_counts:
            set_deadline_rules(session, cutoff=cutoff, weekend_counts_=weekend, officer=officer)


@dataclass(frozen=True)
class CalendarView:
    days: tuple[CalendarDay, ...]
    settings: CalendarSettings


def calendar_view(db: Database, year: int) -> CalendarView:
    with db.read() as session:
        return CalendarView(tuple(list_days(session, year)), current_settings(session))
