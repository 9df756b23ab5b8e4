"""Dossier search for the desk: code, applicant name (no diacritics needed), ID number, phone,
status, due state and received-date range, always with a limit.

Every query is driven by an index (a desk holds millions of dossiers in one SQLite file):

=======================  ==========================================  =================================
filter                   condition                                   index
=======================  ==========================================  =================================
code                     ``code`` prefix range                       ``dossiers.code`` (unique)
applicant name           ``name_folded`` prefix range (folded text)  ``ix_applicants_name_folded``
name + dossier filters   the cheaper side drives (:func:`choose_drive`), the other is checked in an index:
  driven by the name     the filters on each applicant's dossiers    ``ix_dossiers_applicant_status``
  driven by the filters  the name of each candidate's applicant      ``ix_dossiers_status_*`` / ``_received_at``
ID number                ``applicants.id_number = ?``                ``uq_applicants_id_number_kind``
phone                    ``applicants.phone = ?``                    ``ix_applicants_phone``
status                   ``status = ?``                              ``ix_dossiers_status_received_*``
due state                ``status IN (open) AND due_at <range>``     ``ix_dossiers_status_due``
received date range      ``received_at`` range                       ``ix_dossiers_received_at``
=======================  ==========================================  =================================

Name search is a prefix search on the accent-free full name ("nguyen van" finds "Nguyễn Văn
An"): a B-tree index cannot serve "contains". The due-state filters are the ones that concern
open dossiers (overdue, due soon, on time, paused); they are translated to ``status``/``due_at``
conditions by :func:`counter_app.domain.due_state.open_filter`, with the due-soon boundary computed
once from the office calendar, instead of deriving the state of every row in Python.

The rows come back ordered by the index that drives the query, so LIMIT stops early; the query
selects only the page's dossier ids (a sort never carries whole rows) and the page is loaded by id.
Pages: ``offset`` and ``limit`` (the search page asks for the next page when the officer scrolls to
the end of the list). Nguyễn is ~38 % of applicants: a name with a filter must never visit every
dossier of every Nguyễn (seconds on a 5,000,000-dossier file), nor every dossier of a status most
dossiers have; :func:`choose_drive` bounds both (issue #20, docs/performance.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import isqrt
from typing import Any

from sqlalchemy import Select, and_, func, literal_column, or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from counter_app.domain import codes, due_state, lifecycle
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.due_state import DueState
from counter_app.domain.text import fold
from counter_app.i18n import tr
from counter_app.models import Applicant, Desk, Dossier, DossierStatus, Officer, Procedure, ProcedureCase, local_now
from counter_app.models.db import Database

from .applicants import normalise_phone
from .dossiers import DossierSummary, summary_of
from .errors import ValidationError
from .office_calendar import calendar_for

DEFAULT_LIMIT = 200
MAX_LIMIT = 2000
CANCEL_CHECK_STEPS = 10_000  # SQLite virtual-machine steps between two looks at search(cancelled=...)
PROBE_MIN = 2000  # the smallest cap of choose_drive's probes (small files: always enough)
OPEN_STATUSES = tuple(sorted(s.value for s in lifecycle.OPEN_STATUSES))
# A code or its beginning: the agency part has a digit, then "-": "000.00.01.H12-2611".
_CODE_LIKE = re.compile(r"^(?=[0-9A-Z.]*\d)[0-9A-Z][0-9A-Z.]*-[0-9A-Z-]*$")
_TAX_BRANCH = re.compile(r"^\d{10}-\d{3}$")


@dataclass(frozen=True)
class SearchQuery:
    """All filters are combined with AND; empty ones are ignored.

    ``text`` is the one box of the search page: a code (prefix), an ID number, a phone number or
    the beginning of a name, recognised by its shape (see :func:`interpret`).
    """

    text: str = ""
    code: str = ""
    name: str = ""
    id_number: str = ""
    phone: str = ""
    status: int | None = None
    due_state: DueState | None = None
    received_from: date | None = None
    received_to: date | None = None  # inclusive
    limit: int = DEFAULT_LIMIT
    offset: int = 0  # hits already shown: the next page starts after them


@dataclass(frozen=True)
class SearchResult:
    rows: tuple[DossierSummary, ...]
    more: bool  # more dossiers match than the limit shows


@dataclass(frozen=True)
class _Terms:
    code: str = ""
    name: str = ""
    id_number: str = ""
    phone: str = ""
    id_or_phone: str = ""  # digits that may be either (e.g. a 10-digit tax code starting with 0)


def interpret(text: str) -> _Terms:
    """Recognise what the officer typed in the single search box.

    12 digits (CCCD), 9 digits (old CMND), 10 digits not starting with 0 or ``NNNNNNNNNN-NNN`` (tax
    code) → ID number; 10–11 digits starting with 0 → phone *or* ID (Hà Nội tax codes start with
    01); a code shape (``<agency>-<YYMMDD>…``) → code prefix; anything else → name prefix.
    """
    raw = text.strip()
    if not raw:
        return _Terms()
    compact = "".join(raw.split())
    if _TAX_BRANCH.match(compact):
        return _Terms(id_number=compact)
    digits = re.sub(r"[.\-()]", "", compact)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if digits.isdigit() and 9 <= len(digits) <= 12:
        if len(digits) in (10, 11) and digits.startswith("0"):
            return _Terms(id_or_phone=digits)
        return _Terms(id_number=digits)
    upper = compact.upper()
    if codes.parse_code(upper) or _CODE_LIKE.match(upper):
        return _Terms(code=upper)
    return _Terms(name=raw)


def _prefix_range(column, prefix: str):  # noqa: ANN001, ANN202 - a column expression
    """``column`` starts with ``prefix``, as a range the column's index can serve."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _unindexed(column):  # noqa: ANN001, ANN202 - a column of ``dossiers`` or ``applicants``
    """``+column``: same value, but SQLite will not pick the column's index for it.

    Used for the dossier-side filters when an applicant-side filter or the code drives the
    query, so the planner (which has no statistics) does not walk a huge status range instead.
    """
    return literal_column(f"+{column.table.name}.{column.name}", type_=column.type)


@dataclass(frozen=True)
class _Parsed:
    code: str
    name: str  # folded
    id_number: str
    phone: str
    id_or_phone: str

    @property
    def by_person(self) -> bool:
        return bool(self.id_number or self.phone or self.id_or_phone)


def _parse(query: SearchQuery) -> _Parsed:
    terms = interpret(query.text)
    if query.received_from and query.received_to and query.received_from > query.received_to:
        raise ValidationError(tr("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."), field="received_from")
    if query.due_state is not None and DueState(query.due_state) not in due_state.FILTERS:
        raise ValidationError(tr("Chỉ lọc được hồ sơ quá hạn, sắp đến hạn, còn hạn hoặc tạm dừng."), field="due_state")
    return _Parsed(
        code=codes.normalise_scan(query.code) or terms.code,
        name=fold(query.name or terms.name),
        id_number=query.id_number.strip().upper() or terms.id_number,
        phone=normalise_phone(query.phone) if query.phone.strip() else terms.phone,
        id_or_phone=terms.id_or_phone,
    )


def _has_dossier_filters(query: SearchQuery) -> bool:
    return bool(query.status is not None or query.due_state is not None or query.received_from
                or query.received_to)


def _dossier_conditions(query: SearchQuery, cal: WorkingCalendar, now: datetime, *, indexed: bool) -> list[Any]:
    """The status, due-state and received-date filters; ``indexed=False`` writes them so that SQLite
    does not drive the query through them (see :func:`_unindexed`)."""
    status_col = Dossier.status if indexed else _unindexed(Dossier.status)
    due_col = Dossier.due_at if indexed else _unindexed(Dossier.due_at)
    received_col = Dossier.received_at if indexed else _unindexed(Dossier.received_at)
    conditions: list[Any] = []
    if query.received_from:
        conditions.append(received_col >= datetime.combine(query.received_from, datetime.min.time()))
    if query.received_to:
        conditions.append(received_col < datetime.combine(query.received_to + timedelta(days=1), datetime.min.time()))
    if query.status is not None:
        conditions.append(status_col == DossierStatus(query.status).value)
    if query.due_state is not None:
        conditions.append(status_col.in_(OPEN_STATUSES))
        conditions += due_state.open_filter(query.due_state, due_col, now, due_state.due_soon_limit(cal, now),
                                            received_col)
    return conditions


def _limit(query: SearchQuery) -> int:
    return max(1, min(int(query.limit), MAX_LIMIT))


def statement(query: SearchQuery, cal: WorkingCalendar, now: datetime, *, drive: str | None = None) -> Select:
    """The SELECT of the ids of one page of hits (``limit + 1`` from ``offset``; public so tests can
    EXPLAIN it). The page's rows are loaded by id afterwards, so a sort never carries whole rows.

    One filter drives the query through its index, in this order of selectivity: code, ID
    number / phone, then the name or the dossier-side filters (received range, due state, status).
    A name together with dossier-side filters is driven by whichever is cheaper on this file
    (``drive``: ``"name"`` or ``"dossiers"``, measured by :func:`choose_drive`); without ``drive`` the
    dossier side drives for open work (an open status or a due state) and the name otherwise.
    Rows are ordered along the driving index where possible, so LIMIT stops early.
    """
    p = _parse(query)
    newest_first: list[Any] = [Dossier.received_at.desc(), Dossier.id.desc()]  # ORDER BY terms
    conditions: list[Any] = []
    person = False  # an applicant-side condition: the query joins the applicants
    if p.code:
        conditions.append(_prefix_range(Dossier.code, p.code))
        order: list[Any] = [Dossier.code]
    elif p.by_person:
        person = True
        if p.id_number:
            conditions.append(Applicant.id_number == p.id_number)
        if p.phone:
            conditions.append(Applicant.phone == p.phone)
        if p.id_or_phone:
            conditions.append(or_(Applicant.id_number == p.id_or_phone, Applicant.phone == p.id_or_phone))
        order = newest_first
    elif p.name:
        person = True
        order = [Applicant.name_folded, *newest_first]  # along the name index, or sorted (dossier side drives)
    elif query.due_state is not None:
        order = [Dossier.due_at.asc(), Dossier.id]
    else:
        order = newest_first  # status and/or received range: ix_dossiers_status_received_* / _received_at
    if drive is None:
        # Open work (an open status or a due state) is what an office has in hand, thousands to tens
        # of thousands of dossiers, while "nguyen" is ~38 % of everyone who ever came.
        open_filter = query.due_state is not None or (
            query.status is not None and DossierStatus(query.status) in lifecycle.OPEN_STATUSES)
        drive = "dossiers" if open_filter else "name"
    by_dossiers = bool(p.name) and drive == "dossiers" and not (p.code or p.by_person)
    if p.name:
        name_col = _unindexed(Applicant.name_folded) if by_dossiers else Applicant.name_folded
        conditions.append(_prefix_range(name_col, p.name))
    # Dossier-side filters: indexed only when they drive the query.
    dossier_driven = by_dossiers or not (p.code or p.by_person or p.name)
    conditions += _dossier_conditions(query, cal, now, indexed=dossier_driven)
    stmt = select(Dossier.id)
    if person:
        stmt = stmt.join(Dossier.applicant)
    limit = _limit(query)
    return stmt.where(*conditions).order_by(*order).limit(limit + 1).offset(max(0, int(query.offset)))


def _count_upto(session: Session, stmt: Select, cap: int) -> int:
    """How many rows ``stmt`` gives, counting no further than ``cap`` (a bounded probe)."""
    if cap <= 0:
        return 0
    return int(session.execute(select(func.count()).select_from(stmt.limit(cap).subquery())).scalar_one())


def choose_drive(session: Session, query: SearchQuery, cal: WorkingCalendar, now: datetime) -> str | None:
    """For a name with dossier-side filters: ``"name"`` or ``"dossiers"``, whichever visits fewer rows.

    Driven by the dossier side, the query visits every dossier matching the filters (``candidates``)
    and checks the name of each; driven by the name, it visits applicants in name order and checks
    their dossiers in ``ix_dossiers_applicant_status`` until the page is full: about ``page ×
    applicants / candidates`` of them when the filters match ``candidates`` dossiers, at most every
    applicant with that name. Both counts are probed with a cap of ``√(page × applicants)`` — where the
    two costs meet — so choosing costs at most that many index entries, and the query chosen visits
    at most about as many rows (a few thousand at 1,000,000 dossiers, ~26,000 at 5,000,000), never
    every dossier of every Nguyễn nor every dossier of a common status.
    """
    p = _parse(query)
    if not p.name or p.code or p.by_person or not _has_dossier_filters(query):
        return None
    page = max(0, int(query.offset)) + _limit(query) + 1
    applicants = int(session.execute(select(func.max(Applicant.id))).scalar() or 0)
    cap = max(PROBE_MIN, isqrt(page * applicants))
    candidates = _count_upto(
        session, select(literal_column("1")).select_from(Dossier).where(
            *_dossier_conditions(query, cal, now, indexed=True)), cap)
    if candidates >= cap:
        return "name"  # the filters match many dossiers: the name walk fills the page quickly
    named = _count_upto(session, select(literal_column("1")).select_from(Applicant).where(
        _prefix_range(Applicant.name_folded, p.name)), candidates)
    return "name" if named < candidates else "dossiers"


_SUMMARY_COLUMNS = (
    Dossier.id, Dossier.code, Procedure.code.label("procedure_code"), Procedure.name.label("procedure_name"),
    ProcedureCase.name.label("case_name"), Applicant.name.label("applicant_name"),
    Applicant.id_number.label("applicant_id_number"), Applicant.phone.label("applicant_phone"),
    Applicant.address.label("applicant_address"), Dossier.received_at, Dossier.due_at, Dossier.original_due_at,
    Dossier.status, Officer.full_name.label("officer_name"), Desk.number.label("desk_number"), Dossier.sets,
    Dossier.delivery_method, Dossier.result_ready_at, Dossier.returned_at,
)


def _page_rows(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The columns of the summaries of ``ids``, by key (no ORM objects: a page of 200 dossiers with their
    procedure, case, officer and desk objects cost ~10× more than these columns)."""
    stmt = (select(*_SUMMARY_COLUMNS).join(Dossier.applicant).join(Dossier.procedure).join(Dossier.case)
            .join(Dossier.officer).join(Dossier.desk).where(Dossier.id.in_(ids)))
    found = {}
    for row in session.execute(stmt).mappings():
        values = dict(row)
        found[values.pop("id")] = values
    return found


class SearchCancelled(Exception):  # noqa: N818 - not an error: the caller asked to stop
    """``search(..., cancelled=...)`` stopped because ``cancelled()`` became true."""


def search(db: Database, query: SearchQuery, *, now: datetime | None = None, drive: str | None = None,
           cancelled: Callable[[], bool] | None = None) -> SearchResult:
    """One page of hits (``query.offset``, ``query.limit``) in the order of :func:`statement`.

    ``drive`` forces one plan for a name with filters (tests and the benchmark; otherwise
    :func:`choose_drive`). ``cancelled`` is asked every few thousand SQLite steps (from the thread
    running the search): when it returns true the statement is interrupted and
    :class:`SearchCancelled` raised, so a search superseded by a newer one stops using the CPU.
    """
    now = now or local_now()
    with db.read() as session:
        raw = session.connection().connection.driver_connection if cancelled is not None else None
        if raw is not None and cancelled is not None:
            raw.set_progress_handler(lambda: int(cancelled()), CANCEL_CHECK_STEPS)
        try:
            cal = calendar_for(session)
            drive = drive or choose_drive(session, query, cal, now)
            ids = list(session.execute(statement(query, cal, now, drive=drive)).scalars())
            page = ids[:_limit(query)]
            rows = _page_rows(session, page)
        except OperationalError as exc:
            if cancelled is not None and cancelled():
                raise SearchCancelled() from exc
            raise
        finally:
            if raw is not None:
                raw.set_progress_handler(None, 0)
        return SearchResult(tuple(summary_of(cal, now, **rows[i]) for i in page), len(ids) > len(page))
