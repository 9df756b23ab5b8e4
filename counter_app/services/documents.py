"""Fill the printed forms from the database and keep each PDF in the archive.

The printing package only knows plain dataclasses; this module is the one place that maps
units, dossiers, intakes and notices onto them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session, selectinload

from counter_app.domain import fields as limits
from counter_app.domain.text import nfc
from counter_app.i18n import tr
from counter_app.models import (
    DeliveryMethod,
    Desk,
    DocumentDecision,
    Dossier,
    Intake,
    IntakeItem,
    IntakeOutcome,
    Officer,
    SupplementNotice,
    Unit,
    UnitLevel,
    local_now,
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
from counter_app.printing.data import procedure_page_url

from . import audit, catalog, dossiers, settings
from .archive import archive_path
from .errors import NotFoundError, ValidationError

# Item 6 of form 01 reads "Đăng ký nhận kết quả tại: …".
DELIVERY_TEXT = {
    DeliveryMethod.COUNTER.value: "Bộ phận tiếp nhận và trả kết quả",
    DeliveryMethod.POST.value: "Địa chỉ của người nộp, qua dịch vụ bưu chính công ích",
}


HEADER_GOVERNING_KEY = "form_header_governing"  # line 1: the governing body
HEADER_UNIT_KEY = "form_header_unit"  # line 2: the centre, or the reception section
PROCEDURE_URL_KEY = "procedure_url_template"  # where a procedure is published, "{code}" replaced
CENTRE_NAME = "Trung tâm Phục vụ hành chính công"
_COMMUNE_WORDS = ("xã ", "phường ", "đặc khu ", "thị trấn ")


def default_header(unit: Unit) -> tuple[str, str]:
    """The two header lines official templates print: the governing body, then one line.

    Since the 2025 reform a commune centre sits under the commune People's Committee
    ("ỦY BAN NHÂN DÂN XÃ TÂN THÀNH / TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"); a province centre
    under the provincial one ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU / TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG").
    Other units print their parent and their own name."""
    name = nfc(unit.name).strip()
    folded = name.casefold()
    centre = CENTRE_NAME.casefold()
    if folded.startswith(centre):
        rest = name[len(CENTRE_NAME):].strip(" -,")
        if unit.level == UnitLevel.COMMUNE.value and rest.casefold().startswith(_COMMUNE_WORDS):
            return f"Ủy ban nhân dân {rest}", CENTRE_NAME
        return nfc(unit.parent_name), CENTRE_NAME
    return nfc(unit.parent_name), name


def header_lines(session: Session | None, unit: Unit) -> tuple[str, str]:
    """The unit settings when set, else :func:`default_header`."""
    governing, line = default_header(unit)
    if session is not None:
        governing = settings.get(session, HEADER_GOVERNING_KEY) or governing
        line = settings.get(session, HEADER_UNIT_KEY) or line
    return governing, line


def set_header_lines(session: Session, governing: str, unit_line: str, *, officer: Officer | None = None) -> None:
    """Unit settings for the form header ("" = back to the default); audited."""
    cleaned = []
    for rule, value, field in ((limits.FORM_HEADER_GOVERNING, governing, "governing"),
                               (limits.FORM_HEADER_UNIT, unit_line, "unit_line")):
        try:
            cleaned.append(limits.clean(rule, value or ""))
        except limits.FieldError as exc:
            raise ValidationError(exc.message, field=field) from None
    governing, unit_line = cleaned
    settings.put(session, HEADER_GOVERNING_KEY, governing)
    settings.put(session, HEADER_UNIT_KEY, unit_line)
    audit.append(session, action="settings.form_header_set", entity="settings", entity_key="form_header",
                 officer=officer, details={"governing": governing, "unit": unit_line})


def procedure_url(session: Session | None, code: str) -> str:
    template = (settings.get(session, PROCEDURE_URL_KEY) if session is not None else None) or ""
    return procedure_page_url(code, template)


PAPER_KEY = "form_paper"  # "A4" or "A5" for forms 01–06


def paper_of(db: Database) -> str:
    with db.read() as session:
        return settings.get(session, PAPER_KEY) or "A4"


def set_paper(session: Session, size: str, *, officer: Officer | None = None) -> None:
    size = (size or "").strip().upper()
    if size not in ("A4", "A5"):
        raise ValidationError(tr("Khổ giấy in biểu mẫu phải là A4 hoặc A5."), field="paper")
    settings.put(session, PAPER_KEY, size)
    audit.append(session, action="settings.form_paper_set", entity="settings", entity_key="form_paper",
                 officer=officer, details={"paper": size})


CONTROL_SLIP_AT_RECEIPT_KEY = "print.control_slip_at_receipt"  # form 06, blank, printed with form 01
MAX_EXTENSIONS_LIMIT = 10


@dataclass(frozen=True)
class FormSettings:
    """The form settings as stored ("" = the default) and the defaults of this unit."""

    governing: str  # header line 1 as set ("" = default)
    unit_line: str  # header line 2 as set ("" = default)
    default_governing: str  # what prints when not set: a commune centre under the commune People's
    default_unit_line: str  # Committee, a province centre under the province's (default_header)
    paper: str  # "A4" / "A5", forms 01–06
    max_extensions: int  # form 04 letters allowed per dossier
    control_slip_at_receipt: bool  # form 06 printed blank with the receipt

    @property
    def header(self) -> tuple[str, str]:
        """The two lines that print."""
        return self.governing or self.default_governing, self.unit_line or self.default_unit_line


# Decision: one extension per dossier unless the office's setting allows more (the late agency asks
# once, with a new appointment it must keep); the setting exists for provinces whose rules differ.
DEFAULT_MAX_EXTENSIONS = 1


def max_extensions(session: Session) -> int:
    """Form 04 letters allowed per dossier (the setting, else the default)."""
    return int(settings.get(session, MAX_EXTENSIONS_KEY, DEFAULT_MAX_EXTENSIONS))


def _form_settings(session: Session) -> FormSettings:
    unit = session.execute(select(Unit).order_by(Unit.id).limit(1)).scalar_one_or_none()
    default = default_header(unit) if unit is not None else ("", "")
    return FormSettings(
        governing=settings.get(session, HEADER_GOVERNING_KEY) or "",
        unit_line=settings.get(session, HEADER_UNIT_KEY) or "",
        default_governing=default[0], default_unit_line=default[1],
        paper=settings.get(session, PAPER_KEY) or "A4", max_extensions=max_extensions(session),
        control_slip_at_receipt=bool(settings.get(session, CONTROL_SLIP_AT_RECEIPT_KEY, False)))


def read_form_settings(db: Database) -> FormSettings:
    with db.read() as session:
        return _form_settings(session)


def save_form_settings(db: Database, *, governing: str | None = None, unit_line: str | None = None,
                       paper: str | None = None, max_extensions: int | None = None,
                       control_slip_at_receipt: bool | None = None, officer_id: int | None = None) -> FormSettings:
    """Change the given form settings (None = unchanged): one unit of work, each change audited with
    the officer who made it. A bad value changes nothing (ValidationError naming the field)."""
    with db.write() as session:
        officer = session.get(Officer, officer_id) if officer_id is not None else None
        current = _form_settings(session)
        if governing is not None or unit_line is not None:
            new = (current.governing if governing is None else governing,
                   current.unit_line if unit_line is None else unit_line)
            if tuple(nfc(v).strip() for v in new) != (current.governing, current.unit_line):
                set_header_lines(session, *new, officer=officer)
        if paper is not None and paper.strip().upper() != current.paper:
            set_paper(session, paper, officer=officer)
        if max_extensions is not None and max_extensions != current.max_extensions:
            if not 0 <= max_extensions <= MAX_EXTENSIONS_LIMIT:
                raise ValidationError(tr("Số lần gia hạn cho phép phải từ 0 đến {MAX_EXTENSIONS_LIMIT}.").format(MAX_EXTENSIONS_LIMIT=MAX_EXTENSIONS_LIMIT),
                                      field="max_extensions")
            settings.put(session, MAX_EXTENSIONS_KEY, max_extensions)
            audit.append(session, action="settings.max_extensions_set", entity="settings",
                         entity_key="max_extensions", officer=officer, details={"max_extensions": max_extensions})
        if control_slip_at_receipt is not None and control_slip_at_receipt != current.control_slip_at_receipt:
            settings.put(session, CONTROL_SLIP_AT_RECEIPT_KEY, bool(control_slip_at_receipt))
            audit.append(session, action="settings.control_slip_at_receipt_set", entity="settings",
                         entity_key="control_slip_at_receipt", officer=officer,
                         details={"control_slip_at_receipt": bool(control_slip_at_receipt)})
        session.flush()
        return _form_settings(session)


def form_settings(db: Database, *, governing: str | None = None, unit_line: str | None = None,
                  paper: str | None = None, max_extensions: int | None = None) -> dict[str, str]:
    """Change the given form settings (one unit of work, audited) and return them all (the command line)."""
    current = save_form_settings(db, governing=governing, unit_line=unit_line, paper=paper,
                                 max_extensions=max_extensions)
    return {"form_header_governing": current.header[0], "form_header_unit": current.header[1],
            "form_paper": current.paper, "max_extensions": str(current.max_extensions)}


def control_slip_at_receipt(db: Database) -> bool:
    """Print form 06, blank, with the receipt (the desk's setting)."""
    with db.read() as session:
        return bool(settings.get(session, CONTROL_SLIP_AT_RECEIPT_KEY, False))


MAX_EXTENSIONS_KEY = "max_extensions"  # read by supervision.max_extensions


def agency_info(unit: Unit) -> AgencyInfo:
    governing, line = header_lines(object_session(unit), unit)
    return AgencyInfo(parent_name=governing.upper(), name=line.upper(), agency_code=unit.agency_code,
                      place=unit.place, lookup_url_template=unit.lookup_url_template, desk_unit_name="")


def applicant_info(applicant) -> ApplicantInfo:  # noqa: ANN001 - Applicant
    return ApplicantInfo(applicant.name, applicant.id_number, applicant.address, applicant.phone, applicant.email,
                         kind=applicant.kind)


_applicant = applicant_info


def submitter_info(intake: Intake | None) -> ApplicantInfo | None:
    """The proxy who handed the dossier in, when the intake recorded one."""
    if intake is None or not (intake.submitter_name or "").strip():
        return None
    return ApplicantInfo(intake.submitter_name, intake.submitter_id_number, phone=intake.submitter_phone)


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


def _appointment(session: Session, dossier: Dossier) -> datetime:
    """The appointment a reprinted slip shows: the current one, else (clock paused by a supplement
    request) the one given at receipt, which a paused dossier may not have stored."""
    if dossier.due_at is not None:
        return dossier.due_at
    if dossier.original_due_at is not None:
        return dossier.original_due_at
    from .office_calendar import calendar_for

    return calendar_for(session).due(dossier.received_at, dossiers.duration_of(dossier.case))


def _fee_text(dossier: Dossier) -> str:
    """Form 01's fee line: the amount computed at receipt (domain.fees); older dossiers, the catalog's text."""
    from counter_app.domain.fees import FeeQuote

    quote = FeeQuote.from_json(dossier.fee_detail)
    return quote.text() if quote.lines else (dossier.case.fee_text or "")


def receipt_data(session: Session, dossier: Dossier) -> ReceiptData:
    return ReceiptData(
        agency=agency_info(dossier.unit), dossier_code=dossier.code,
        place_date=place_date_text(dossier.unit.place, dossier.received_at.date()),
        applicant=_applicant(dossier.applicant), procedure_name=dossier.procedure.name,
        procedure_code=dossier.procedure.code, documents=_document_lines(session, dossier), sets=dossier.sets,
        processing_time_text=catalog.processing_text(dossier.case.processing_amount, dossier.case.processing_unit),
        received_at=dossier.received_at, due_at=_appointment(session, dossier),
        delivery_method=DELIVERY_TEXT.get(dossier.delivery_method, dossier.delivery_method),
        book_volume=dossier.book_volume, book_number=str(dossier.book_number or ""),
        officer_name=dossier.officer.full_name,
        number=f"{dossier.book_number}/TNHS" if dossier.book_number else "",
        submitter=submitter_info(dossier.intake), fee_text=_fee_text(dossier),
    )


def write_receipt(db: Database, code: str, out: Path | None = None) -> Path:
    """Form 01 of an existing dossier: into ``out``, else into the archive (reprints overwrite)."""
    with db.read() as session:
        dossier = dossiers.get_by_code(session, code)
        data = receipt_data(session, dossier)
    target = out or archive_path(db, data.dossier_code, "giay-tiep-nhan", data.received_at)
    from counter_app.printing.layout import paper
    from counter_app.printing.receipt import render_receipt  # ReportLab loads on the first print

    with paper(paper_of(db)):
        render_receipt(data, target)
    return target


def supplement_notice_data(session: Session, notice: SupplementNotice) -> SupplementNoticeData:
    """Form 02 of a notice: given at intake (from the checklist) or asked by a processing agency
    after receipt (of a dossier: no intake of its own, maybe no desk officer behind it)."""
    if notice.intake_id is not None:
        intake = session.get_one(Intake, notice.intake_id)
        unit, applicant, procedure = intake.desk.unit, intake.applicant, intake.procedure
        fallback_officer = intake.officer
    else:
        dossier = session.get(Dossier, notice.dossier_id)
        if dossier is None:
            raise NotFoundError(tr("Phiếu yêu cầu bổ sung «{code}» không gắn với hồ sơ nào.").format(code=notice.code))
        unit, applicant, procedure = dossier.unit, dossier.applicant, dossier.procedure
        fallback_officer = dossier.officer
    officer = session.get(Officer, notice.officer_id) if notice.officer_id else None
    officer = officer or fallback_officer
    return SupplementNoticeData(
        agency=agency_info(unit), notice_code=notice.code, number=notice.number,
        place_date=place_date_text(unit.place, notice.issued_at.date()), applicant=applicant_info(applicant),
        procedure_name=procedure.name, procedure_code=procedure.code,
        items=tuple(SupplementItem(i.position, i.name, i.reason) for i in notice.items),
        officer_name=officer.full_name if officer else "", officer_phone=(officer.phone if officer else "") or unit.phone,
        procedure_url=procedure_url(session, procedure.code), stage=notice.stage, requesting_agency=notice.agency,
    )


def write_supplement_notice(db: Database, notice_code: str, out: Path | None = None) -> Path:
    with db.read() as session:
        notice = session.execute(
            select(SupplementNotice).where(SupplementNotice.code == notice_code)
            .options(selectinload(SupplementNotice.items))
        ).scalar_one_or_none()
        if notice is None:
            raise NotFoundError(tr("Không tìm thấy phiếu yêu cầu bổ sung «{notice_code}».").format(notice_code=notice_code))
        data = supplement_notice_data(session, notice)
        issued = notice.issued_at
    target = out or archive_path(db, notice_code, "phieu-bo-sung", issued)
    from counter_app.printing.layout import paper
    from counter_app.printing.supplement import render_supplement_notice

    with paper(paper_of(db)):
        render_supplement_notice(data, target)
    return target


def refusal_number(session: Session, intake: Intake) -> str:
    """"Số: n/TCHS": the refusal's rank among the unit's refusals of that year."""
    when = intake.closed_at or intake.started_at
    n = session.execute(select(func.count()).select_from(Intake).join(Desk, Intake.desk_id == Desk.id).where(
        Desk.unit_id == intake.desk.unit_id, Intake.outcome == IntakeOutcome.REFUSED.value,
        Intake.closed_at >= datetime(when.year, 1, 1), Intake.id <= intake.id)).scalar_one()
    return f"{max(n, 1)}/TCHS"


def write_refusal(db: Database, intake_id: int, out: Path | None = None) -> Path:
    with db.read() as session:
        intake = session.get(Intake, intake_id)
        if intake is None or not intake.refusal_reason:
            raise NotFoundError(tr("Không tìm thấy lượt tiếp nhận bị từ chối."))
        unit = intake.desk.unit
        when: datetime = intake.closed_at or intake.started_at
        data = RefusalData(
            agency=agency_info(unit), place_date=place_date_text(unit.place, when.date()),
            applicant=_applicant(intake.applicant), procedure_name=intake.procedure.name,
            procedure_code=intake.procedure.code, reason=intake.refusal_reason,
            officer_name=intake.officer.full_name, officer_phone=intake.officer.phone or unit.phone,
            number=refusal_number(session, intake),
        )
        key = f"tu-choi-{intake.uuid[:8]}"
    target = out or archive_path(db, unit.agency_code, key, when)
    from counter_app.printing.layout import paper
    from counter_app.printing.refusal import render_refusal

    with paper(paper_of(db)):
        render_refusal(data, target)
    return target


# ---------------------------------------------------------------- papers to print again

@dataclass(frozen=True)
class Paper:
    """A paper the desk printed for an intake, to print again: form 01, 02, 03 (and 06, blank, where the
    desk prints the control slip with the receipt)."""

    form: str  # "01" receipt, "02" supplement notice, "03" refusal, "06" control slip (blank)
    key: str  # the dossier code, the notice code, or the refused intake's id
    at: datetime
    applicant_name: str
    procedure_name: str
    intake_id: int = 0  # newest intake first (ids grow); within one intake, newest paper first

    @property
    def title(self) -> str:
        names = {"01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
                 "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
                 "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ (để trống)"}
        return f"Mẫu {self.form} — {names[self.form]}" + (f" {self.key}" if self.form != "03" else "")


def _papers_of_intakes(session: Session, intakes: list[Intake]) -> list[Paper]:
    ids = [i.id for i in intakes]
    if not ids:
        return []
    by_intake = {i.id: i for i in intakes}
    papers: list[Paper] = []
    with_slip = bool(settings.get(session, CONTROL_SLIP_AT_RECEIPT_KEY, False))
    for code, intake_id, received_at in session.execute(
            select(Dossier.code, Dossier.intake_id, Dossier.received_at).where(Dossier.intake_id.in_(ids))):
        i = by_intake[intake_id]
        papers.append(Paper("01", code, received_at, i.applicant.name, i.procedure.name, i.id))
        if with_slip:
            papers.append(Paper("06", code, received_at, i.applicant.name, i.procedure.name, i.id))
    for code, intake_id, issued_at in session.execute(
            select(SupplementNotice.code, SupplementNotice.intake_id, SupplementNotice.issued_at)
            .where(SupplementNotice.intake_id.in_(ids))):
        i = by_intake[intake_id]
        papers.append(Paper("02", code, issued_at, i.applicant.name, i.procedure.name, i.id))
    for i in intakes:
        if i.refusal_reason:
            papers.append(Paper("03", str(i.id), i.closed_at or i.started_at, i.applicant.name, i.procedure.name,
                                i.id))
    # One intake's papers, newest first: the receipt (or refusal), the blank slip printed with it, then the notice.
    order = {"02": 0, "06": 1, "01": 2, "03": 2}
    return sorted(papers, key=lambda p: (p.intake_id, p.at, order[p.form]), reverse=True)


def recent_papers(db: Database, desk_id: int, *, since: datetime | None = None, limit: int = 50) -> list[Paper]:
    """The papers printed at this desk since ``since`` (default: the last 24 hours), newest first."""
    since = since or local_now() - timedelta(days=1)
    with db.read() as session:
        intakes = session.execute(
            select(Intake).where(Intake.desk_id == desk_id, Intake.started_at >= since)
            .order_by(Intake.started_at.desc()).limit(limit)
            .options(selectinload(Intake.applicant), selectinload(Intake.procedure))
        ).scalars().all()
        return _papers_of_intakes(session, list(intakes))


def papers_of_dossier(db: Database, code: str) -> list[Paper]:
    """Form 01 of a dossier, the supplement notices (form 02) of the intake it came from and of its
    processing stage, newest first (and the blank form 06 where the desk prints it at receipt)."""
    with db.read() as session:
        dossier = dossiers.get_by_code(session, code)
        if dossier.intake_id is None:
            papers = [Paper("01", dossier.code, dossier.received_at, dossier.applicant.name, dossier.procedure.name)]
            if settings.get(session, CONTROL_SLIP_AT_RECEIPT_KEY, False):
                papers.append(Paper("06", dossier.code, dossier.received_at, dossier.applicant.name,
                                       dossier.procedure.name))
        else:
            papers = _papers_of_intakes(session, [session.get_one(Intake, dossier.intake_id)])
        later = [Paper("02", notice_code, issued_at, dossier.applicant.name, dossier.procedure.name,
                       dossier.intake_id or 0)
                 for notice_code, issued_at in session.execute(
                     select(SupplementNotice.code, SupplementNotice.issued_at)
                     .where(SupplementNotice.dossier_id == dossier.id, SupplementNotice.stage == "processing")
                     .order_by(SupplementNotice.issued_at.desc(), SupplementNotice.id.desc()))]
        return later + papers


def write_paper(db: Database, paper: Paper) -> Path:
    """Print a paper again (into the archive: a reprint replaces the earlier file)."""
    if paper.form == "01":
        return write_receipt(db, paper.key)
    if paper.form == "02":
        return write_supplement_notice(db, paper.key)
    if paper.form == "06":
        from .return_documents import write_control_slip

        return write_control_slip(db, paper.key, blank=True)
    return write_refusal(db, int(paper.key))


DIRECT_PRINT_KEY = "print.direct"


def direct_print(db: Database) -> bool:
    """Print straight to the default printer (both copies), the preview only on request."""
    with db.read() as session:
        return bool(settings.get(session, DIRECT_PRINT_KEY, False))


def set_direct_print(db: Database, on: bool) -> None:
    with db.write() as session:
        settings.put(session, DIRECT_PRINT_KEY, bool(on))
