"""Service-index indicators at the desk (issue #14): per desk, officer, procedure and field, and in total.

The definitions are :mod:`counter_app.domain.indicators` (and docs/supervision.md). Counted with
grouped SQL over the same grain as the dashboard (desk, officer, procedure of the dossier; a
rating's officer is the one rated), then rolled up like ``stats``:

- resolved and on time: ``stats._finished`` (the due-state rule's SQL form), the period's
  resolved dossiers; a dossier finished while its clock was stopped counts as on time;
- received and online: ``stats._received`` by channel (``online``);
- payments: receipts not voided, paid in the period, online ones by method;
- ratings: given in the period, satisfied = very satisfied or satisfied;
- digitisation and reuse: from the sources registered with :func:`register_digitisation`; the one
  registered below counts issue #13's attachments (documents provided at the checklist that have a
  digitised copy, and those reused from an earlier copy). Without any source they stay ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from counter_app.domain.due_state import DueState
from counter_app.domain.fees import PaymentMethod
from counter_app.domain.indicators import IndicatorCounts
from counter_app.domain.ratings import Score
from counter_app.models import Dossier
from counter_app.models.payments import Payment, Rating

from . import stats

Grain = stats.Grain
# A digitisation source: (session, window start, window end) -> rows of (grain, documents, digitised, reused)
# for the documents of dossiers received in the window.
DigitisationSource = Callable[[Session, datetime, datetime], list[tuple[Grain, int, int, int]]]
_DIGITISATION: list[DigitisationSource] = []
TABLES = ("desk", "officer", "procedure", "field")
ON_TIME = (DueState.EARLY.value, DueState.ON_TIME.value, DueState.PAUSED.value)


def register_digitisation(source: DigitisationSource) -> None:
    """Plug in the digitised-documents counts (issue #13): called once at import of its module."""
    if source not in _DIGITISATION:
        _DIGITISATION.append(source)


@dataclass(frozen=True)
class IndicatorRow:
    table: str  # "total" / desk / officer / procedure / field
    key: str
    name: str
    counts: IndicatorCounts

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "key": self.key, "name": self.name, **self.counts.to_json()}


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _payments(session: Session, lo: datetime, hi: datetime) -> list[tuple[Grain, int, int]]:
    rows = session.execute(
        select(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id, func.count(),
               _count(Payment.method == PaymentMethod.ONLINE.value))
        .join(Dossier, Dossier.id == Payment.dossier_id)
        .where(stats.in_window(Payment.paid_at, lo, hi), Payment.voided_at.is_(None))
        .group_by(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id)).all()
    return [((d, o, p), int(n), int(online)) for d, o, p, n, online in rows]


def _ratings(session: Session, lo: datetime, hi: datetime) -> list[tuple[Grain, int, int]]:
    rows = session.execute(
        select(Dossier.desk_id, Rating.officer_id, Dossier.procedure_id, func.count(),
               _count(Rating.score.in_([Score.VERY_SATISFIED.value, Score.SATISFIED.value])))
        .join(Dossier, Dossier.id == Rating.dossier_id)
        .where(stats.in_window(Rating.rated_at, lo, hi))
        .group_by(Dossier.desk_id, Rating.officer_id, Dossier.procedure_id)).all()
    return [((d, o, p), int(n), int(ok)) for d, o, p, n, ok in rows]


def compute(session: Session, start: date, end: date | None = None, *,
            received: list[tuple[Grain, str, int]] | None = None,
            resolved: list[tuple[Grain, str, int]] | None = None) -> tuple[IndicatorRow, ...]:
    """The total first, then the rows of each table (desk, officer, procedure, field). The dashboard
    passes the ``received`` and ``resolved`` rows it already counted (the same queries)."""
    start, end, lo, hi = stats.window(start, end)
    if received is None:
        received = stats._received(session, lo, hi)
    if resolved is None:
        resolved = stats._finished(session, lo, hi, returned=False)
    per_grain: dict[Grain, IndicatorCounts] = {}

    def at(grain: Grain) -> IndicatorCounts:
        counts = per_grain.get(grain)
        if counts is None:
            counts = per_grain[grain] = IndicatorCounts()
        return counts

    for grain, state, n in resolved:
        at(grain).resolved += n
        at(grain).resolved_on_time += n if state in ON_TIME else 0
    for grain, channel, n in received:
        at(grain).received += n
        at(grain).received_online += n if channel == "online" else 0
    for grain, n, online in _payments(session, lo, hi):
        at(grain).payments += n
        at(grain).payments_online += online
    for grain, n, ok in _ratings(session, lo, hi):
        at(grain).ratings += n
        at(grain).satisfied += ok
    digitised = bool(_DIGITISATION)
    for source in _DIGITISATION:
        for grain, documents, done, reused in source(session, lo, hi):
            c = at(grain)
            c.documents, c.digitised, c.reused = ((c.documents or 0) + documents, (c.digitised or 0) + done,
                                                  (c.reused or 0) + reused)
    total = IndicatorCounts()
    if digitised:
        total.documents = total.digitised = total.reused = 0
    names = stats._names(session, per_grain)
    tables: dict[str, dict[str, IndicatorRow]] = {t: {} for t in TABLES}
    for grain, counts in per_grain.items():
        total.add(counts)
        for table, (key, name) in stats._grain_keys(names, grain).items():
            row = tables[table].get(key)
            if row is None:
                fresh = IndicatorCounts()
                if digitised:
                    fresh.documents = fresh.digitised = fresh.reused = 0
                row = tables[table][key] = IndicatorRow(table, key, name, fresh)
            row.counts.add(counts)
    out = [IndicatorRow("total", "", "Toàn đơn vị", total)]
    for table in TABLES:
        out += sorted(tables[table].values(), key=lambda r: (-r.counts.received - r.counts.resolved, r.name))
    return tuple(out)


def rows_of(rows: tuple[IndicatorRow, ...], table: str) -> list[IndicatorRow]:
    return [r for r in rows if r.table == table]




# --------------------------------------------------------------------------- digitisation (issue #13)


def _attachments_source(session: Session, lo: datetime, hi: datetime) -> list[tuple[Grain, int, int, int]]:
    """Documents provided at receipt (checklist "Đã nộp") of the dossiers received in the window; digitised
    when the dossier holds a received-paper attachment for that document, reused when one of them was
    taken from the applicant's earlier digitised copy (``Attachment.reused``, issue #13)."""
    from counter_app.models import ROLE_RECEIVED, Attachment, DocumentDecision, IntakeItem

    def held(*extra: Any) -> Any:
        return select(Attachment.id).where(
            Attachment.dossier_id == Dossier.id, Attachment.required_document_id == IntakeItem.required_document_id,
            Attachment.role == ROLE_RECEIVED, *extra).exists()

    rows = session.execute(
        select(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id, func.count(),
               _count(held()), _count(held(Attachment.reused.is_(True))))
        .join(IntakeItem, IntakeItem.intake_id == Dossier.intake_id)
        .where(stats.in_window(Dossier.received_at, lo, hi),
               IntakeItem.decision == DocumentDecision.PROVIDED.value)
        .group_by(Dossier.desk_id, Dossier.officer_id, Dossier.procedure_id)).all()
    return [((d, o, p), int(n), int(done), int(reused)) for d, o, p, n, done, reused in rows]


register_digitisation(_attachments_source)
