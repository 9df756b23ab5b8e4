"""The return receipt and the control slip (form 06), filled from the database and archived.

Both PDFs go to the dossier's archive folder (``services/archive.py``: the month of receipt, the
same folder as its form 01), named ``<code>-bien-nhan-tra-ket-qua.pdf`` and
``<code>-phieu-kiem-soat.pdf``; a reprint overwrites the file with the current content. They are
written after the hand-over has committed: a full disk never undoes a hand-over, and the
receipt can be printed again from the dossier detail.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from counter_app.i18n import tr
from counter_app.models import Dossier, local_now
from counter_app.models.db import Database
from counter_app.printing import place_date_text
from counter_app.printing.data import (
    ControlSlipData,
    ControlSlipRow,
    ReceiverInfo,
    ResultDocumentInfo,
    ReturnReceiptData,
)

from . import returns
from .archive import archive_path
from .documents import agency_info, applicant_info
from .errors import NotFoundError

RETURN_RECEIPT_KIND = "bien-nhan-tra-ket-qua"
CONTROL_SLIP_KIND = "phieu-kiem-soat"


def _target(db: Database, dossier: Dossier, kind: str) -> Path:
    if dossier.archive_dir:
        folder = Path(dossier.archive_dir)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / archive_path(db, dossier.code, kind, dossier.received_at).name
    return archive_path(db, dossier.code, kind, dossier.received_at)


def return_receipt_data(session: Session, dossier: Dossier) -> ReturnReceiptData:
    detail = returns.build_detail(session, dossier)
    info = detail.returned
    if info is None:
        raise NotFoundError(tr("Hồ sơ «{code}» chưa trả kết quả: chưa có giấy biên nhận trả kết quả.").format(code=dossier.code))
    a = dossier.applicant
    doc = info.document
    return ReturnReceiptData(
        agency=agency_info(dossier.unit), dossier_code=dossier.code,
        place_date=place_date_text(dossier.unit.place, info.returned_at.date()),
        procedure_name=dossier.procedure.name, procedure_code=dossier.procedure.code,
        owner=applicant_info(a),
        receiver=ReceiverInfo(info.receiver_name, info.receiver_id_number, info.receiver_phone,
                              info.receiver_is_applicant),
        documents=(ResultDocumentInfo(doc.type, doc.number, doc.summary),) if not doc.is_empty else (),
        received_at=dossier.received_at, due_at=dossier.due_at or dossier.original_due_at,
        returned_at=info.returned_at, officer_name=info.officer_name,
    )


BLANK_ROWS_AT_RECEIPT = 4


def control_slip_data(session: Session, dossier: Dossier, now: datetime | None = None, *,
                      blank: bool = False) -> ControlSlipData:
    """Form 06 as it stands now; ``blank``: as printed at receipt, the hand-off rows left to fill in
    and sign by hand (the lead agency from the catalog when no hand-off is recorded yet)."""
    now = now or local_now()
    detail = returns.build_detail(session, dossier, now)
    units: list[str] = []
    for h in detail.handoffs:
        for unit in (h.from_unit, h.to_unit):
            if unit not in (returns.DESK_UNIT, returns.CITIZEN_UNIT) and unit not in units:
                units.append(unit)
    lead, coordinating = catalog_agencies(dossier.procedure.agencies)
    if not units and lead:
        units.append(lead)
    rows = () if blank else tuple(
        ControlSlipRow(i, h.from_unit, h.to_unit, h.at, h.given_by, h.taken_by, h.result_label, h.note)
        for i, h in enumerate(detail.handoffs, start=1))
    owner = dossier.applicant.name
    return ControlSlipData(
        attached_to=owner, coordinating_agencies=", ".join(coordinating),
        blank_rows=BLANK_ROWS_AT_RECEIPT if blank else 0,
        agency=agency_info(dossier.unit), dossier_code=dossier.code,
        place_date=place_date_text(dossier.unit.place, now.date()),
        procedure_name=dossier.procedure.name, procedure_code=dossier.procedure.code,
        owner_name=dossier.applicant.name, received_at=dossier.received_at,
        due_at=dossier.due_at or dossier.original_due_at, processing_units=", ".join(units),
        rows=rows,
    )


def catalog_agencies(agencies: str) -> tuple[str, list[str]]:
    """(lead agency, coordinating agencies) from the catalog's COQUANTHUCHIEN lines: the first
    leads (cơ quan chủ trì), the others coordinate (cơ quan phối hợp)."""
    lines = [line.strip() for line in (agencies or "").splitlines() if line.strip()]
    return (lines[0] if lines else ""), lines[1:]


def write_return_receipt(db: Database, code: str, out: Path | None = None) -> Path:
    """The return receipt of a returned dossier: into ``out``, else into the archive."""
    with db.read() as session:
        dossier = returns.load_dossier(session, code)
        data = return_receipt_data(session, dossier)
        target = out or _target(db, dossier, RETURN_RECEIPT_KIND)
    from counter_app.printing.return_receipt import render_return_receipt  # ReportLab on first print

    render_return_receipt(data, target)
    return target


def write_control_slip(db: Database, code: str, out: Path | None = None, *, now: datetime | None = None,
                       blank: bool = False) -> Path:
    """Form 06 as it stands now (``blank``: as printed at receipt): into ``out``, else the archive."""
    with db.read() as session:
        dossier = returns.load_dossier(session, code)
        data = control_slip_data(session, dossier, now, blank=blank)
        target = out or _target(db, dossier, CONTROL_SLIP_KIND + ("-trang" if blank else ""))
    from counter_app.printing.control_slip import render_control_slip
    from counter_app.printing.layout import paper

    from .documents import paper_of

    with paper(paper_of(db)):
        render_control_slip(data, target)
    return target
