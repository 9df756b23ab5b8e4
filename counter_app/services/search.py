"""Dossier search for the desk: code, applicant name (no diacritics needed), ID number, phone,
status, due state and received-date range, always with a limit.

Every query is driven by an index (a desk holds millions of dossiers in one SQLite file):

=====================  ==========================================  =========================
filter                 condition                                   index
=====================  ==========================================  =========================
code                   ``code`` prefix range                       ``dossiers.code`` (unique)
applicant name         ``name_folded`` prefix range (folded text)  ``ix_applicants_name_folded``
name + open status     open ``status``, then the name on each row  ``ix_dossiers_status_*``
ID number              ``applicants.id_number = ?``                ``uq_applicants_id_number_kind``
phone                  ``applicants.phone = ?``                    ``ix_applicants_phone``
status                 ``status = ?``                              ``ix_dossiers_status_due``
due state              ``status IN (open) AND due_at <range>``     ``ix_dossiers_status_due``
received date range    ``received_at`` range                       ``ix_dossiers_received_at``
=====================  ==========================================  =========================

Name search is a prefix search on the accent-free full name ("nguyen van" finds "Nguyễn Văn
An"): a B-tree index cannot serve "contains". The due-state filters are the ones that concern
open dossiers (overdue, due soon, on time, paused); they are translated to ``status``/``due_at``
conditions by :func:`counter_app.domain.due_state.open_filter`, with the due-soon boundary computed
once from the office calendar, instead of deriving the state of every row in Python.

The rows come back ordered by the index that drives the query, so LIMIT stops early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, literal_column, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from counter_app.domain import codes, due_state, lifecycle
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.due_state import DueState
from counter_app.domain.text import fold
from counter_app.i18n import tr
from counter_app.models import Applicant, Dossier, DossierStatus, local_now
from counter_app.models.db import Database

from .applicants import normalise_phone
from .dossiers import DossierSummary, summarise
from .errors import ValidationError
from .office_calendar import calendar_for

DEFAULT_LIMIT = 200
MAX_LIMIT = 2000
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


def statement(query: SearchQuery, cal: WorkingCalendar, now: datetime) -> Select:
    """The SELECT for ``query`` (public so tests can EXPLAIN it).

    One filter drives the query through its index, in this order of selectivity: code, ID
    number / phone, name, then the dossier-side filters (received range, due state, status).
    Rows are ordered along the driving index so that LIMIT stops early.
    """
    terms = interpret(query.text)
    code = codes.normalise_scan(query.code) or terms.code
    name = fold(query.name or terms.name)
    id_number = query.id_number.strip().upper() or terms.id_number
    phone = normalise_phone(query.phone) if query.phone.strip() else terms.phone
    if query.received_from and query.received_to and query.received_from > query.received_to:
        raise ValidationError(tr("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."), field="received_from")
    if query.due_state is not None and DueState(query.due_state) not in due_state.FILTERS:
        raise ValidationError(tr("Chỉ lọc được hồ sơ quá hạn, sắp đến hạn, còn hạn hoặc tạm dừng."), field="due_state")

    newest_first: list[Any] = [Dossier.received_at.desc(), Dossier.id.desc()]  # ORDER BY terms
    conditions = []
    if code:
        conditions.append(_prefix_range(Dossier.code, code))
        order: list[Any] = [Dossier.code]
    elif id_number or phone or terms.id_or_phone:
        if id_number:
            conditions.append(Applicant.id_number == id_number)
        if phone:
            conditions.append(Applicant.phone == phone)
        if terms.id_or_phone:
            conditions.append(or_(Applicant.id_number == terms.id_or_phone, Applicant.phone == terms.id_or_phone))
        order = newest_first
    elif name:
        order = [Applicant.name_folded, *newest_first]  # through the name index, or sorted (open filter below)
    elif query.due_state is not None:
        order = [Dossier.due_at.asc(), Dossier.id]
    else:
        order = newest_first  # status and/or received range: ix_dossiers_status_received / _received_at
    # A name with a filter on open work (an open status or a due state): the open dossiers drive,
    # through a status index, and the name is checked on each. Open work is what an office
    # has in hand (thousands to tens of thousands), while "nguyen" is ~38 % of everyone who ever
    # came: driven by the name, a rare status would visit every dossier of every Nguyễn.
    open_filter = query.due_state is not None or (
        query.status is not None and DossierStatus(query.status) in lifecycle.OPEN_STATUSES)
    by_open_work = bool(name) and open_filter and not (code or id_number or phone or terms.id_or_phone)
    if name:
        conditions.append(_prefix_range(_unindexed(Applicant.name_folded) if by_open_work else Applicant.name_folded,
                                        name))

    # Dossier-side filters: indexed only when they drive the query.
    dossier_driven = by_open_work or not (code or id_number or phone or terms.id_or_phone or name)
    status_col = Dossier.status if dossier_driven else _unindexed(Dossier.status)
    due_col = Dossier.due_at if dossier_driven else _unindexed(Dossier.due_at)
    received_col = Dossier.received_at if dossier_driven else _unindexed(Dossier.received_at)
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
    limit = max(1, min(int(query.limit), MAX_LIMIT))
    return (
        select(Dossier).join(Dossier.applicant).where(*conditions).order_by(*order).limit(limit + 1)
        .options(contains_eager(Dossier.applicant), joinedload(Dossier.procedure), joinedload(Dossier.case),
                 joinedload(Dossier.officer), joinedload(Dossier.desk))
    )


def search(db: Database, query: SearchQuery, *, now: datetime | None = None) -> SearchResult:
    now = now or local_now()
    with db.read() as session:
        cal = calendar_for(session)
        rows = session.execute(statement(query, cal, now)).unique().scalars().all()
        limit = max(1, min(int(query.limit), MAX_LIMIT))
        return SearchResult(tuple(summarise(d, cal, now) for d in rows[:limit]), len(rows) > limit)
