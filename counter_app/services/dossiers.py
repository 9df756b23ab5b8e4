"""Dossiers: creation inside a reception, lookups, and the read model shown on screens and CLI."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from counter_app.domain import codes, lifecycle
from counter_app.domain.calendar import Duration, WorkingCalendar
from counter_app.domain.due_state import LABELS as DUE_STATE_LABELS
from counter_app.domain.due_state import due_state
from counter_app.i18n import tr
from counter_app.models import (
    Applicant,
    Desk,
    Dossier,
    DossierStatus,
    Officer,
    ProcedureCase,
    local_now,
)
from counter_app.models.db import Database

from . import changes, code_allocation
from .errors import NotFoundError
from .office_calendar import calendar_for


def duration_of(case: ProcedureCase) -> Duration:
    return Duration.from_catalog(case.processing_amount, case.processing_unit)


def create_dossier(session: Session, *, desk: Desk, officer: Officer, case: ProcedureCase, applicant: Applicant,
                   received_at: datetime | None = None, sets: int = 1, delivery_method: str = "counter",
                   intake_id: int | None = None, channel: str = "direct", code: str | None = None,
                   origin: str = "", submitted_at: datetime | None = None) -> Dossier:
    """Allocate the code (or keep ``code``, one minted elsewhere: the national portal's for an online
    dossier, ``origin`` "online"), compute the due moment and store the dossier, in the caller's transaction."""
    received_at = received_at or local_now()
    cal = calendar_for(session)
    due_at = cal.due(received_at, duration_of(case))
    if code is None:
        code = code_allocation.allocate(session, desk=desk, agency_code=desk.unit.agency_code, day=received_at.date())
    dossier = Dossier(origin=origin, submitted_at=submitted_at,
        code=code, unit_id=desk.unit_id, desk_id=desk.id, officer_id=officer.id, intake_id=intake_id,
        procedure_id=case.procedure_id, case_id=case.id, applicant_id=applicant.id, channel=channel,
        sets=sets, delivery_method=delivery_method, received_at=received_at, due_at=due_at,
        original_due_at=due_at, status=DossierStatus.RECEIVED.value, status_changed_at=received_at,
    )
    session.add(dossier)
    session.flush()
    changes.record_change(session, dossier, action="dossier.received", officer=officer,
                          details={"due_at": due_at.isoformat(sep=" ")})
    return dossier


def get_by_code(session: Session, code: str) -> Dossier:
    dossier = session.execute(
        select(Dossier).where(Dossier.code == codes.normalise_scan(code)).options(
            joinedload(Dossier.procedure), joinedload(Dossier.case), joinedload(Dossier.applicant),
            joinedload(Dossier.officer), joinedload(Dossier.unit), joinedload(Dossier.desk),
        )
    ).scalar_one_or_none()
    if dossier is None:
        raise NotFoundError(tr("Không tìm thấy hồ sơ có mã «{value}».").format(value=code.strip()))
    return dossier


@dataclass(frozen=True)
class DossierSummary:
    """What lists, the detail view and ``dossier show --json`` display."""

    code: str
    procedure_code: str
    procedure_name: str
    case_name: str
    applicant_name: str
    applicant_id_number: str
    applicant_phone: str
    applicant_address: str
    received_at: datetime
    due_at: datetime | None
    original_due_at: datetime | None
    status: int
    status_label: str
    due_state: str
    due_state_label: str
    officer_name: str
    desk_number: int
    sets: int
    delivery_method: str
    result_ready_at: datetime | None
    returned_at: datetime | None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = value.isoformat(sep=" ", timespec="minutes")
        return data


def summary_of(cal: WorkingCalendar, now: datetime, *, code: str, procedure_code: str, procedure_name: str,
               case_name: str, applicant_name: str, applicant_id_number: str, applicant_phone: str,
               applicant_address: str, received_at: datetime, due_at: datetime | None,
               original_due_at: datetime | None, status: int, officer_name: str, desk_number: int, sets: int,
               delivery_method: str, result_ready_at: datetime | None,
               returned_at: datetime | None) -> DossierSummary:
    """A summary from stored values (ORM object or one raw row): adds the labels and the due state."""
    state = due_state(cal, status, due_at, result_ready_at or returned_at, now, received_at)
    # Positional, in field order: a frozen dataclass built from keywords cost a sixth of a scan.
    return DossierSummary(
        code, procedure_code, procedure_name, case_name, applicant_name, applicant_id_number, applicant_phone,
        applicant_address, received_at, due_at, original_due_at, status, lifecycle.label(status), state.value,
        DUE_STATE_LABELS[state], officer_name, desk_number, sets, delivery_method, result_ready_at, returned_at)


def summarise(dossier: Dossier, cal: WorkingCalendar, now: datetime | None = None) -> DossierSummary:
    return summary_of(
        cal, now or local_now(),
        code=dossier.code, procedure_code=dossier.procedure.code, procedure_name=dossier.procedure.name,
        case_name=dossier.case.name, applicant_name=dossier.applicant.name,
        applicant_id_number=dossier.applicant.id_number, applicant_phone=dossier.applicant.phone,
        applicant_address=dossier.applicant.address, received_at=dossier.received_at, due_at=dossier.due_at,
        original_due_at=dossier.original_due_at, status=dossier.status, officer_name=dossier.officer.full_name,
        desk_number=dossier.desk.number, sets=dossier.sets, delivery_method=dossier.delivery_method,
        result_ready_at=dossier.result_ready_at, returned_at=dossier.returned_at,
    )


def show(db: Database, code: str) -> DossierSummary:
    with db.read() as session:
        return summarise(get_by_code(session, code), calendar_for(session))


def list_recent(db: Database, limit: int = 50) -> list[DossierSummary]:
    with db.read() as session:
        rows = session.execute(
            select(Dossier).order_by(Dossier.received_at.desc(), Dossier.id.desc()).limit(limit).options(
                joinedload(Dossier.procedure), joinedload(Dossier.case), joinedload(Dossier.applicant),
                joinedload(Dossier.officer), joinedload(Dossier.desk),
            )
        ).scalars().all()
        cal = calendar_for(session)
        now = local_now()
        return [summarise(d, cal, now) for d in rows]
