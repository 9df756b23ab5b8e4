"""The office's working calendar as configured in the desk database.

Office hours live in the ``office_hours`` setting ({weekday: "07:00-11:30, 13:30-17:00"}),
extra days off / make-up working days in ``calendar_overrides`` (edited locally or synced from
the central system). Building a WorkingCalendar indexes days, so it is cached per database and
rebuilt only when ``calendar_revision`` changes. A WorkingCalendar is not thread-safe, so each
thread (GUI, sync worker) gets its own.
"""

from __future__ import annotations

import json
import threading
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.calendar import OfficeHours, WorkingCalendar
from counter_app.models import CalendarOverride
from counter_app.models.db import Database

from . import settings

_local = threading.local()


def office_hours(session: Session) -> OfficeHours:
    configured = settings.get(session, "office_hours")
    if not configured:
        return OfficeHours.default()
    return OfficeHours.from_mapping({int(k): v for k, v in configured.items()})


def overrides(session: Session) -> dict[date, bool]:
    return {row.day: row.is_working for row in session.execute(select(CalendarOverride)).scalars()}


def calendar_for(session: Session) -> WorkingCalendar:
    key = (str(session.get_bind().url), int(settings.get(session, "calendar_revision", 0)))
    cached = getattr(_local, "entry", None)
    if cached is None or cached[0] != key:
        cached = _local.entry = (key, WorkingCalendar(office_hours(session), overrides(session)))
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
    row = session.get(CalendarOverride, day)
    if row is None:
        session.add(CalendarOverride(day=day, is_working=is_working, note=note, source=source))
    else:
        row.is_working, row.note, row.source = is_working, note, source
    settings.bump(session, "calendar_revision")


def remove_override(session: Session, day: date) -> None:
    row = session.get(CalendarOverride, day)
    if row is not None:
        session.delete(row)
        settings.bump(session, "calendar_revision")
