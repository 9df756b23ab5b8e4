"""Supervision counters: the numbers a supervisor lives by, for a day or a period.

Everything here is computed with SQL aggregates (GROUP BY, the due state's CASE expressions)
over indexed columns, never by loading dossiers, so the dashboard stays fast with millions of
dossiers in the desk database. No Qt here: the dashboard page, the CLI (``report daily``) and
the exports all call the same functions, so they always show the same numbers.

Definitions (the article's breakdown: unfinished = within deadline + overdue)
---------------------------------------------------------------------------
- *Window*: the chosen days ``[start, end]`` (inclusive), i.e. ``[start 00:00, end+1 00:00)``.
- *Received*: dossiers whose ``received_at`` lies in the window, by channel.
- *Supplement notices*: notices (form 02, both stages) issued in the window; second-pass ones
  (the "once" rule overridden by a supervisor) are counted separately.
- *Refusals*: intakes closed in the window with outcome ``refused`` (form 03).
- *Returned*: dossiers handed back (``returned_at``) in the window, classified early / on time /
  late by :mod:`counter_app.domain.due_state` applied to the finish moment.
- *Resolved*: dossiers whose result became ready (finish moment =
  ``coalesce(result_ready_at, returned_at)``) in the window, classified the same way.
- *Unfinished at a moment T*: dossiers received by T and not finished, withdrawn or stopped by
  T. At "now" that is exactly the lifecycle's ``OPEN_STATUSES``; for a past moment the dossiers
  finished / withdrawn / stopped after T are added back. Classified by ``due_state``: paused
  (clock stopped), overdue (``due_at < T``), due soon (due within one working day) or on track.
  "Within deadline" = on track + due soon + paused. A past snapshot uses today's due moments
  (an extension granted after T counts as if granted before) — the desk keeps no history of
  due moments other than the apology letters.
- *Due within one working day*: see :mod:`counter_app.domain.due_state`, which owns the rule and
  the SQL forms used here; ``tests/unit/test_due_state.py`` checks them dossier by dossier.
- Desk / officer: the dossier's receiving desk and officer (responsible for following it up).
- The watch lists are always "now": they are lists to act on, whatever day is displayed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import DateTime, and_, case, func, literal, select, union_all
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import CompoundSelect, Select
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from counter_app.domain import due_state
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.due_state import DueState
from counter_app.domain.lifecycle import OPEN_STATUSES
from counter_app.i18n import tr
from counter_app.models import (
    Apology,
    Applicant,
    Desk,
    Dossier,
    DossierStatus,
    Field,
    Intake,
    IntakeOutcome,
    Officer,
    Procedure,
    Role,
    SupplementNotice,
    local_now,
)
from counter_app.models.db import Database

from . import attachments
from .errors import PermissionDeniedError, ValidationError
from .office_calendar import calendar_for
from .org import DeskContext
from .stats_records import BreakdownRow, DashboardStats, Outcomes, SecondPassItem, TrendPoint, Unfinished, WatchItem

S = DossierStatus
FINISHED_STATUSES = (S.RESULT_READY.value, S.RETURNED.value)
CLOSED_STATUSES = (S.WITHDRAWN.value, S.STOPPED.value)
OPEN = tuple(sorted(s.value for s in OPEN_STATUSES))
TREND_DAYS = 30
WATCH_LIMIT = 300
MAX_PERIOD_DAYS = 3 * 366

# The moments are stored by SQLAlchemy as ISO text; binding through DateTime keeps the format.
_DT = DateTime()


def _moment(value: datetime):  # noqa: ANN202 - SQL expression
    return literal(value, _DT)


def _finish_moment():  # noqa: ANN202
    return func.coalesce(Dossier.result_ready_at, Dossier.returned_at)


# --------------------------------------------------------------------------- windows


def window(start: date, end: date | None) -> tuple[date, date, datetime, datetime]:
    end = end or start
    if end < start:
        raise ValidationError(tr("Ngày kết thúc phải từ ngày bắt đầu trở đi."), field="end")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationError(tr("Khoảng thời gian báo cáo tối đa là 3 năm."), field="end")
    lo = datetime(start.year, start.month, start.day)
    hi = datetime(end.year, end.month, end.day) + timedelta(days=1)
    return start, end, lo, hi


def in_window(column, lo: datetime, hi: datetime):  # noqa: ANN001, ANN202
    return and_(column >= _moment(lo), column < _moment(hi))


def _not_indexed(column):  # noqa: ANN001, ANN202
    """``+column``: SQLite's documented way to keep a term from driving the query through an index.

    Without ANALYZE statistics SQLite prefers ``status IN (9, 10)`` (nine dossiers in ten) or
    ``result_ready_at IS NULL`` over a narrow range of a moment's index; this keeps it on the range.
    """
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


# --------------------------------------------------------------------------- grouped queries
# Every metric is grouped by (desk, officer, procedure), the finest grain; the four tables are
# roll-ups of those few hundred rows in Python.

Grain = tuple[int | None, int | None, int | None]


def _received(session: Session, lo: datetime, hi: datetime) -> list[tuple[Grain, str, int]]:
    rows = session.execute(
        select(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id, Dossier.channel, func.count())
        .where(in_window(Dossier.received_at, lo, hi))
        .group_by(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id, Dossier.channel)
    ).all()
    return [((d, o, p), ch, n) for d, o, p, ch, n in rows]


def _finished(session: Session, lo: datetime, hi: datetime, *, returned: bool) -> list[tuple[Grain, str, int]]:
    """Returned (handed over) or resolved (result ready) in the window, by due state."""
    state = due_state.finished_case(Dossier.due_at, _finish_moment())
    if returned:
        conditions = [[in_window(Dossier.returned_at, lo, hi)]]
    else:
        # Two index ranges rather than one OR (which SQLite would answer by walking every NULL).
        conditions = [[in_window(Dossier.result_ready_at, lo, hi)],
                      [in_window(Dossier.returned_at, lo, hi), _not_indexed(Dossier.result_ready_at).is_(None)]]
    out: list[Any] = []
    for where in conditions:
        rows = session.execute(
            select(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id, state, func.count())
            .where(*where, _not_indexed(Dossier.status).in_(FINISHED_STATUSES))
            .group_by(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id, state)
        ).all()
        out.extend(((d, o, p), st, n) for d, o, p, st, n in rows)
    return out


def _unfinished(session: Session, cal: WorkingCalendar, moment: datetime,
                now: datetime) -> list[tuple[Grain, str, int]]:
    """Dossiers unfinished at ``moment``, by due state (see the module docstring)."""
    state = due_state.unfinished_case(Dossier.due_at, Dossier.received_at, moment,
                                      due_state.due_soon_limit(cal, moment))
    cols = (Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id, state.label("state"))
    open_now = select(*cols).where(Dossier.status.in_(OPEN))
    if moment >= now:
        query: Select[Any] | CompoundSelect = open_now
    else:
        t = _moment(moment)
        # Never driven by a received_at index (status + received_at would walk every dossier
        # withdrawn before the moment): the moment's own ranges are the narrow ones.
        received_by = _not_indexed(Dossier.received_at) <= t
        finished_later = select(*cols).where(
            _not_indexed(Dossier.status).in_(FINISHED_STATUSES), Dossier.result_ready_at > t, received_by)
        returned_later = select(*cols).where(
            _not_indexed(Dossier.status).in_(FINISHED_STATUSES), _not_indexed(Dossier.result_ready_at).is_(None),
            Dossier.returned_at > t, received_by)
        closed_later = select(*cols).where(
            Dossier.status.in_(CLOSED_STATUSES), Dossier.status_changed_at > t, received_by)
        query = union_all(open_now.where(received_by), finished_later, returned_later, closed_later)
    sub = query.subquery()
    rows = session.execute(
        select(sub.c.desk_id, sub.c.officer_id, sub.c.procedure_id, sub.c.state, func.count())
        .group_by(sub.c.desk_id, sub.c.officer_id, sub.c.procedure_id, sub.c.state)
    ).all()
    return [((d, o, p), st, n) for d, o, p, st, n in rows]


def _closed(session: Session, lo: datetime, hi: datetime) -> list[tuple[Grain, int, int]]:
    rows = session.execute(
        select(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id, Dossier.status, func.count())
        .where(Dossier.status.in_(CLOSED_STATUSES), in_window(Dossier.status_changed_at, lo, hi))
        .group_by(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id, Dossier.status)
    ).all()
    return [((d, o, p), st, n) for d, o, p, st, n in rows]


def _supplements(session: Session, lo: datetime, hi: datetime) -> list[tuple[Grain, bool, int]]:
    """Notices of both stages: intake-stage ones belong to their intake, later ones to the dossier."""
    on_dossier = aliased(Dossier)
    desk = func.coalesce(Intake.desk_id, on_dossier.desk_id)
    officer = func.coalesce(SupplementNotice.officer_id, Intake.officer_id, on_dossier.officer_id)
    procedure = func.coalesce(Intake.procedure_id, on_dossier.procedure_id)
    rows = session.execute(
        select(desk, officer, procedure, SupplementNotice.second_pass, func.count())
        .select_from(SupplementNotice)
        .outerjoin(Intake, SupplementNotice.intake_id == Intake.id)
        .outerjoin(on_dossier, SupplementNotice.dossier_id == on_dossier.id)
        .where(in_window(SupplementNotice.issued_at, lo, hi))
        .group_by(desk, officer, procedure, SupplementNotice.second_pass)
    ).all()
    return [((d, o, p), bool(sp), n) for d, o, p, sp, n in rows]


def _refusals(session: Session, lo: datetime, hi: datetime) -> list[tuple[Grain, int]]:
    rows = session.execute(
        select(Intake.desk_id, Intake.officer_id, Intake.procedure_id, func.count())
        .where(Intake.outcome == IntakeOutcome.REFUSED.value, in_window(Intake.closed_at, lo, hi))
        .group_by(Intake.desk_id, Intake.officer_id, Intake.procedure_id)
    ).all()
    return [((d, o, p), n) for d, o, p, n in rows]


# --------------------------------------------------------------------------- names


@dataclass
class _Names:
    desks: dict[int, str] = field(default_factory=dict)
    officers: dict[int, str] = field(default_factory=dict)
    procedures: dict[int, tuple[str, str, int | None]] = field(default_factory=dict)  # code, name, field
    fields: dict[int, tuple[str, str]] = field(default_factory=dict)  # code, name


def _names(session: Session, grains: Iterable[Grain]) -> _Names:
    grains = list(grains)
    desk_ids = {g[0] for g in grains if g[0] is not None}
    officer_ids = {g[1] for g in grains if g[1] is not None}
    procedure_ids = {g[2] for g in grains if g[2] is not None}
    names = _Names()
    if desk_ids:
        names.desks = {i: f"Quầy số {n}" for i, n in session.execute(
            select(Desk.id, Desk.number).where(Desk.id.in_(desk_ids)))}
    if officer_ids:
        names.officers = dict(session.execute(
            select(Officer.id, Officer.full_name).where(Officer.id.in_(officer_ids))).tuples().all())
    if procedure_ids:
        for pid, code, name, field_id in session.execute(
                select(Procedure.id, Procedure.code, Procedure.name, Procedure.field_id)
                .where(Procedure.id.in_(procedure_ids))):
            names.procedures[pid] = (code, name, field_id)
        field_ids = {f for _, _, f in names.procedures.values() if f is not None}
        if field_ids:
            names.fields = {i: (c, n) for i, c, n in session.execute(
                select(Field.id, Field.code, Field.name).where(Field.id.in_(field_ids)))}
    return names


def _grain_keys(names: _Names, grain: Grain) -> dict[str, tuple[str, str]]:
    """The row (key, display name) of each table that a grain rolls up into."""
    desk_id, officer_id, procedure_id = grain
    proc = names.procedures.get(procedure_id) if procedure_id is not None else None
    field_id = proc[2] if proc else None
    fld = names.fields.get(field_id) if field_id is not None else None
    return {
        "desk": (str(desk_id), names.desks.get(desk_id, "—") if desk_id is not None else "—"),
        "officer": (str(officer_id), names.officers.get(officer_id, "—") if officer_id is not None else "—"),
        "procedure": (proc[0] if proc else "—", f"{proc[0]} — {proc[1]}" if proc else "—"),
        "field": (fld[0] if fld else "—", fld[1] if fld else "—"),
    }


# --------------------------------------------------------------------------- dashboard


def trend_days(cal: WorkingCalendar, last: date, count: int = TREND_DAYS) -> list[date]:
    """The ``count`` working days ending at ``last`` (included when it is a working day)."""
    days: list[date] = []
    day = last
    for _ in range(count * 7 + 60):  # a calendar always has a working day within weeks
        if cal.is_working_day(day):
            days.append(day)
            if len(days) == count:
                break
        day -= timedelta(days=1)
    days.reverse()
    return days


def _trend(session: Session, cal: WorkingCalendar, last: date) -> tuple[TrendPoint, ...]:
    days = trend_days(cal, last)
    if not days:
        return ()
    lo = datetime(days[0].year, days[0].month, days[0].day)
    hi = datetime(last.year, last.month, last.day) + timedelta(days=1)
    day_of = func.substr(Dossier.received_at, 1, 10)
    received: dict[str, int] = {day: n for day, n in session.execute(
        select(day_of, func.count()).where(in_window(Dossier.received_at, lo, hi)).group_by(day_of))}
    day_of = func.substr(Dossier.returned_at, 1, 10)
    returned: dict[str, int] = {day: n for day, n in session.execute(
        select(day_of, func.count()).where(in_window(Dossier.returned_at, lo, hi)).group_by(day_of))}
    return tuple(TrendPoint(d, received.get(d.isoformat(), 0), returned.get(d.isoformat(), 0)) for d in days)


def _watch_items(session: Session, cal: WorkingCalendar, now: datetime, where, *,  # noqa: ANN001
                 overdue: bool, limit: int) -> list[WatchItem]:
    # The ids first, from the (status, due_at) index alone; the joins only for the rows shown.
    ids = (select(Dossier.id, Dossier.due_at).where(Dossier.status.in_(OPEN), *where)
           .order_by(Dossier.due_at, Dossier.id).limit(limit).subquery())
    apologies = (select(func.count()).where(Apology.dossier_id == Dossier.id)
                 .correlate(Dossier).scalar_subquery())
    rows = session.execute(
        select(Dossier.code, Applicant.name, Procedure.code, Procedure.name, Desk.number, Officer.full_name,
               Dossier.received_at, Dossier.due_at, Dossier.original_due_at, Dossier.status, apologies)
        .select_from(ids)
        .join(Dossier, Dossier.id == ids.c.id)
        .join(Applicant, Dossier.applicant_id == Applicant.id)
        .join(Procedure, Dossier.procedure_id == Procedure.id)
        .join(Desk, Dossier.desk_id == Desk.id)
        .join(Officer, Dossier.officer_id == Officer.id)
        .order_by(ids.c.due_at, ids.c.id)
    ).all()
    items = []
    for code, applicant, pcode, pname, desk_no, officer, received, due, original, status, n in rows:
        gap = cal.working_time_between(due, now) if overdue else cal.working_time_between(now, due)
        items.append(WatchItem(code, applicant, pcode, pname, desk_no, officer, received, due, original,
                               status, gap, n))
    return items


def _second_pass(session: Session, lo: datetime, hi: datetime) -> list[SecondPassItem]:
    issuer = aliased(Officer)
    approver = aliased(Officer)
    on_dossier = aliased(Dossier)
    applicant = aliased(Applicant)
    procedure = aliased(Procedure)
    rows = session.execute(
        select(SupplementNotice.code, SupplementNotice.issued_at, SupplementNotice.stage, applicant.name,
               procedure.name, issuer.full_name, approver.full_name, SupplementNotice.override_reason)
        .select_from(SupplementNotice)
        .outerjoin(Intake, SupplementNotice.intake_id == Intake.id)
        .outerjoin(on_dossier, SupplementNotice.dossier_id == on_dossier.id)
        .outerjoin(applicant, applicant.id == func.coalesce(Intake.applicant_id, on_dossier.applicant_id))
        .outerjoin(procedure, procedure.id == func.coalesce(Intake.procedure_id, on_dossier.procedure_id))
        .outerjoin(issuer, SupplementNotice.officer_id == issuer.id)
        .outerjoin(approver, SupplementNotice.approved_by_id == approver.id)
        .where(in_window(SupplementNotice.issued_at, lo, hi), SupplementNotice.second_pass.is_(True))
        .order_by(SupplementNotice.issued_at.desc()).limit(WATCH_LIMIT)
    ).all()
    return [SecondPassItem(c, at, st, a or "—", p or "—", i or "—", ap or "—", r or "")
            for c, at, st, a, p, i, ap, r in rows]


class _Rollup:
    """Accumulates per-grain numbers into the four tables."""

    TABLES = ("desk", "officer", "procedure", "field")

    def __init__(self, names: _Names) -> None:
        self._names = names
        self._rows: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in self.TABLES}

    def add(self, grain: Grain, **values: int) -> None:
        for table, (key, name) in _grain_keys(self._names, grain).items():
            row = self._rows[table].setdefault(key, {"key": key, "name": name})
            for k, v in values.items():
                row[k] = row.get(k, 0) + v

    def table(self, name: str) -> tuple[BreakdownRow, ...]:
        rows = [BreakdownRow(**r) for r in self._rows[name].values()]
        return tuple(sorted(rows, key=lambda r: (-r.received - r.unfinished, r.name)))


def compute_dashboard(session: Session, start: date, end: date | None = None, *,
                      now: datetime | None = None) -> DashboardStats:
    """All dashboard numbers for the days ``start``..``end`` (inclusive), in one read."""
    now = now or local_now()
    start, end, lo, hi = window(start, end)
    as_of = min(now, hi)
    cal = calendar_for(session)

    received = _received(session, lo, hi)
    returned = _finished(session, lo, hi, returned=True)
    resolved = _finished(session, lo, hi, returned=False)
    unfinished = _unfinished(session, cal, as_of, now)
    closed = _closed(session, lo, hi)
    supplements = _supplements(session, lo, hi)
    refusals = _refusals(session, lo, hi)

    grains = ({g for g, *_ in received} | {g for g, *_ in returned} | {g for g, *_ in unfinished}
              | {g for g, *_ in supplements} | {g for g, *_ in refusals})
    rollup = _Rollup(_names(session, grains))
    by_channel: dict[str, int] = defaultdict(int)
    for grain, channel, n in received:
        by_channel[channel] += n
        rollup.add(grain, received=n)
    for grain, _sp, n in supplements:
        rollup.add(grain, supplements=n)
    for grain, n in refusals:
        rollup.add(grain, refusals=n)
    for grain, state, n in returned:
        rollup.add(grain, returned=n, returned_late=n if state == DueState.OVERDUE else 0)
    unfinished_counts: dict[str, int] = defaultdict(int)
    for grain, state, n in unfinished:
        unfinished_counts[state] += n
        rollup.add(grain, unfinished=n, due_soon=n if state == DueState.DUE_SOON else 0,
                   overdue=n if state == DueState.OVERDUE else 0)

    apology_total, apology_late = session.execute(
        select(func.count(), func.coalesce(func.sum(case((Apology.issued_late.is_(True), 1), else_=0)), 0))
        .where(in_window(Apology.issued_at, lo, hi))
    ).one()

    overdue = due_state.open_filter(DueState.OVERDUE, Dossier.due_at, now)
    overdue_total = session.execute(select(func.count()).where(Dossier.status.in_(OPEN), *overdue)).scalar_one()
    overdue_list = _watch_items(session, cal, now, overdue, overdue=True, limit=WATCH_LIMIT)
    no_apology = ~select(Apology.id).where(Apology.dossier_id == Dossier.id).correlate(Dossier).exists()
    due_soon = _watch_items(session, cal, now,
                            [*due_state.open_filter(DueState.DUE_SOON, Dossier.due_at, now,
                                                    due_state.due_soon_limit(cal, now), Dossier.received_at),
                             no_apology],
                            overdue=False, limit=WATCH_LIMIT)

    return DashboardStats(
        start=start, end=end, as_of=as_of, now=now,
        received=sum(by_channel.values()), received_by_channel=dict(sorted(by_channel.items())),
        supplement_notices=sum(n for *_, n in supplements),
        second_pass_notices=sum(n for _, sp, n in supplements if sp),
        refusals=sum(n for _, n in refusals),
        returned=_outcomes(returned), resolved=_outcomes(resolved),
        withdrawn=sum(n for _, st, n in closed if st == S.WITHDRAWN),
        stopped=sum(n for _, st, n in closed if st == S.STOPPED),
        apologies=int(apology_total), apologies_late=int(apology_late),
        unfinished=Unfinished(
            on_track=unfinished_counts[DueState.ON_TIME], due_soon=unfinished_counts[DueState.DUE_SOON],
            paused=unfinished_counts[DueState.PAUSED], overdue=unfinished_counts[DueState.OVERDUE]),
        by_desk=rollup.table("desk"), by_officer=rollup.table("officer"),
        by_procedure=rollup.table("procedure"), by_field=rollup.table("field"),
        trend=_trend(session, cal, min(end, now.date())),
        overdue_total=overdue_total, overdue_list=tuple(overdue_list),
        due_soon_without_apology=tuple(due_soon), second_pass=tuple(_second_pass(session, lo, hi)),
        indicators=_indicators(session, start, end, received, resolved),
        digitisation=attachments.digitisation_counts(session, in_window(Dossier.received_at, lo, hi)),
    )


def _indicators(session: Session, start: date, end: date, received: list[tuple[Grain, str, int]],
                resolved: list[tuple[Grain, str, int]]) -> tuple[Any, ...]:
    from . import indicators  # it builds on this module's grouped queries

    return indicators.compute(session, start, end, received=received, resolved=resolved)


def _outcomes(rows: list[tuple[Grain, str, int]]) -> Outcomes:
    counts: dict[str, int] = defaultdict(int)
    for _grain, state, n in rows:
        counts[state] += n
    return Outcomes(early=counts[DueState.EARLY], on_time=counts[DueState.ON_TIME],
                    late=counts[DueState.OVERDUE], no_deadline=counts[DueState.PAUSED])


def require_supervisor(ctx: DeskContext) -> None:
    if not ctx.has_role(Role.SUPERVISOR):
        raise PermissionDeniedError(tr("Chỉ lãnh đạo (vai trò giám sát) mới xem được bảng theo dõi và báo cáo."))


def dashboard(db: Database, start: date, end: date | None = None, *, now: datetime | None = None) -> DashboardStats:
    """The dashboard's numbers (one read transaction); the CLI's ``report daily`` uses this too."""
    with db.read() as session:
        return compute_dashboard(session, start, end, now=now)


def dashboard_for(db: Database, ctx: DeskContext, start: date, end: date | None = None, *,
                  now: datetime | None = None) -> DashboardStats:
    """What the dashboard page calls: the same numbers, for supervisors only."""
    require_supervisor(ctx)
    return dashboard(db, start, end, now=now)
