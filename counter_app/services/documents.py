"""Fill the printed forms from the database and keep each PDF in the archive.

The printing package only knows plain dataclasses; this module is the one place that maps
units, dossiers, intakes and notices onto them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter_app.models import (
    DeliveryMethod,
    DocumentDecision,
    Dossier,
    Intake,
    IntakeItem,
    Officer,
    SupplementNotice,
    Unit,
)
from counter_app.models.db import Database
from counter_app.printing import (
    AgencyInfo,
    ApplicantInfo,
    DocumentLine,
    ReceiptData,
    RefusalData,
    SupplementItem,
    SupplementNoticeData,
    place_date_text,
)

from . import catalog, dossiers
from .archive import archive_path
from .errors import NotFoundError

DELIVERY_TEXT = {
    DeliveryMethod.COUNTER.value: "Tại Bộ phận Một cửa",
    DeliveryMethod.POST.value: "Qua dịch vụ bưu chính công ích",
}


def agency_info(unit: Unit) -> AgencyInfo:
    return AgencyInfo(parent_name=unit.parent_name.upper(), name=unit.name.upper(), agency_code=unit.agency_code,
                      place=unit.place, lookup_url_template=unit.lookup_url_template)


def _applicant(applicant) -> ApplicantInfo:  # noqa: ANN001 - Applicant
    return ApplicantInfo(applicant.name, applicant.id_number, applicant.address, applicant.phone, applicant.email)


def _document_lines(session: Session, dossier: Dossier) -> tuple[DocumentLine, ...]:
    if dossier.intake_id is not None:
        items = session.execute(
            select(IntakeItem).where(IntakeItem.intake_id == dossier.intake_id,
                                     IntakeItem.decision == DocumentDecision.PROVIDED.value)
            .options(selectinload(IntakeItem.required_document))
        ).scalars().all()
        items = sorted(items, key=lambda i: i.required_document.position)
        return tuple(DocumentLine(n, i.required_document.name, i.originals, i.certified_copies, i.photocopies)
                     for n, i in enumerate(items, start=1))
    # Dossiers from before the desk kept checklists (imports, demo data): the catalog's counts.
    docs = [d for d in dossier.case.documents if d.active and d.mandatory]
    return tuple(DocumentLine(n, d.name, d.originals, d.certified_copies, d.photocopies)
                 for n, d in enumerate(docs, start=1))


def receipt_data(session: Session, dossier: Dossier) -> ReceiptData:
    return ReceiptData(
        agency=agency_info(dossier.unit), dossier_code=dossier.code,
        place_date=place_date_text(dossier.unit.place, dossier.received_at.date()),
        applicant=_applicant(dossier.applicant), procedure_name=dossier.procedure.name,
        procedure_code=dossier.procedure.code, documents=_document_lines(session, dossier), sets=dossier.sets,
        processing_time_text=catalog.processing_text(dossier.case.processing_amount, dossier.case.processing_unit),
        received_at=dossier.received_at, due_at=dossier.due_at or dossier.original_due_at,
        delivery_method=DELIVERY_TEXT.get(dossier.delivery_method, dossier.delivery_method),
        book_volume=dossier.book_volume, book_number=str(dossier.book_number or ""),
        officer_name=dossier.officer.full_name,
    )


def write_receipt(db: Database, code: str, out: Path | None = None) -> Path:
    """Form 01 of an existing dossier: into ``out``, else into the archive (reprints overwrite)."""
    with db.read() as session:
        dossier = dossiers.get_by_code(session, code)
        data = receipt_data(session, dossier)
    target = out or archive_path(db, data.dossier_code, "giay-tiep-nhan", data.received_at)
    from counter_app.printing.receipt import render_receipt  # ReportLab loads on the first print

    render_receipt(data, target)
    return target


def write_supplement_notice(db: Database, notice_code: str, out: Path | None = None) -> Path:
    with db.read() as session:
        notice = session.execute(
            select(SupplementNotice).where(SupplementNotice.code == notice_code)
            .options(selectinload(SupplementNotice.items))
        ).scalar_one_or_none()
        if notice is None:
            raise NotFoundError(f"Không tìm thấy phiếu yêu cầu bổ sung «{notice_code}».")
        intake = session.get(Intake, notice.intake_id)
        officer = session.get(Officer, notice.officer_id)
        unit = intake.desk.unit
        data = SupplementNoticeData(
            agency=agency_info(unit), notice_code=notice.code, number=notice.number,
            place_date=place_date_text(unit.place, notice.issued_at.date()), applicant=_applicant(intake.applicant),
            procedure_name=intake.procedure.name, procedure_code=intake.procedure.code,
            items=tuple(SupplementItem(i.position, i.name, i.reason) for i in notice.items),
            officer_name=officer.full_name, officer_phone=officer.phone or unit.phone,
        )
        issued = notice.issued_at
    target = out or archive_path(db, notice_code, "phieu-bo-sung", issued)
    from counter_app.printing.supplement import render_supplement_notice

    render_supplement_notice(data, target)
    return target


def write_refusal(db: Database, intake_id: int, out: Path | None = None) -> Path:
    with db.read() as session:
        intake = session.get(Intake, intake_id)
        if intake is None or not intake.refusal_reason:
            raise NotFoundError("Không tìm thấy lượt tiếp nhận bị từ chối.")
        unit = intake.desk.unit
        when: datetime = intake.closed_at or intake.started_at
        data = RefusalData(
            agency=agency_info(unit), place_date=place_date_text(unit.place, when.date()),
            applicant=_applicant(intake.applicant), procedure_name=intake.procedure.name,
            procedure_code=intake.procedure.code, reason=intake.refusal_reason,
            officer_name=intake.officer.full_name, officer_phone=intake.officer.phone or unit.phone,
        )
        key = f"tu-choi-{intake.uuid[:8]}"
    target = out or archive_path(db, unit.agency_code, key, when)
    from counter_app.printing.refusal import render_refusal

    render_refusal(data, target)
    return target
