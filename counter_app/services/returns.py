"""Result return at the desk: scan resolution, result ready (in-house units), hand-over, detail.

Rules (DESIGN.md, issue 4):
- A scan is a dossier code, a supplement-notice code (``…-BS1001``, handed to reception) or
  nothing known; reading never writes, so scanning the same code twice is harmless.
- The result is handed over only at status 9 (result ready). Otherwise the officer is told why
  (still processing, waiting for supplement, stopped, withdrawn, already returned on <date> to
  <name>). The hand-over is ONE unit of work: status 10 through ``changes.change_status``
  (which writes the audit row and the outbox event), the ResultReturn row, ``returned_at`` and
  the last control-slip row (one-stop desk → the person who takes the result).
- Result ready at the desk (units that process in-house): status 9 with the result document,
  ``result_ready_at`` and the control-slip row "processing unit → one-stop desk".

Who may do what (decision): both actions belong to officers with the ``return`` role; a
``supervisor`` may also do them (leaders hand results over when the desk is short-staffed).
There is no separate "processing" role in the schema: in communes that process in-house, the
return officer is the one who receives the signed result from the specialist and records it.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import datetime
from typing import cast, overload

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload, selectinload

from counter_app.domain import codes, lifecycle
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.due_state import TIMELINESS_LABELS, timeliness
from counter_app.domain.text import nfc
from counter_app.i18n import tr
from counter_app.models import (
    ApplicantKind,
    Dossier,
    DossierStatus,
    Handoff,
    Officer,
    ResultReturn,
    Role,
    local_now,
)
from counter_app.models.db import Database

from . import changes
from .applicants import LANDLINE_RE, MOBILE_RE, NAME_RE, check_cccd, normalise_phone
from .dossiers import DossierSummary, summary_of
from .errors import IllegalTransitionError, NotFoundError, PermissionDeniedError, ValidationError
from .office_calendar import CurrentCalendar, calendar_for
from .org import DeskContext, desk_context

S = DossierStatus

RETURN_ROLES = frozenset({Role.RETURN, Role.SUPERVISOR})
DESK_UNIT = "Bộ phận tiếp nhận và trả kết quả"
DEFAULT_PROCESSING_UNIT = "Bộ phận chuyên môn"
CITIZEN_UNIT = "Tổ chức, cá nhân"



def _moment(dt: datetime) -> str:
    # Field by field: strftime twice was a tenth of a scan's Python time.
    return tr("{hour:02d}:{minute:02d} ngày {day:02d}/{month:02d}/{year}").format(
        hour=dt.hour, minute=dt.minute, day=dt.day, month=dt.month, year=dt.year)


# ---------------------------------------------------------------- read model

@dataclass(frozen=True)
class HandoffRow:
    """One control-slip row (form 06)."""

    position: int
    from_unit: str
    to_unit: str
    at: datetime
    given_by: str
    taken_by: str
    result: str  # early / on_time / late / ""
    result_label: str
    note: str
    source: str  # desk / central


@dataclass(frozen=True)
class ResultDocument:
    """The result of the procedure (giấy tờ kết quả): type, number, summary."""

    type: str = ""
    number: str = ""
    summary: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.type or self.number or self.summary)


@dataclass(frozen=True)
class ReturnInfo:
    returned_at: datetime
    officer_name: str
    receiver_name: str
    receiver_id_number: str
    receiver_phone: str
    receiver_is_applicant: bool
    document: ResultDocument


@dataclass(frozen=True)
class DossierDetail:
    """What the return page and the search page show for one dossier."""

    summary: DossierSummary
    unit_name: str
    applicant_kind: str
    handoffs: tuple[HandoffRow, ...]
    documents: tuple[ResultDocument, ...]  # result documents known so far (empty until ready)
    returned: ReturnInfo | None
    can_hand_over: bool
    why_not: str  # why the result cannot be handed over ("" when it can)
    can_mark_ready: bool  # the status allows "result ready" (role checked separately)

    @property
    def code(self) -> str:
        return self.summary.code

    @property
    def status(self) -> DossierStatus:
        return DossierStatus(self.summary.status)

    @property
    def result_document(self) -> ResultDocument:
        return self.documents[0] if self.documents else ResultDocument()


def why_not_returnable(status: int, *, due_at: datetime | None = None, returned_at: datetime | None = None,
                       receiver_name: str = "") -> str:
    """Vietnamese reason the result cannot be handed over now; "" when it can."""
    status = DossierStatus(status)
    if status is S.RESULT_READY:
        return ""
    if status is S.RETURNED:
        text = tr("Hồ sơ đã được trả kết quả")
        if returned_at:
            text += tr(" lúc {moment}").format(moment=_moment(returned_at))
        if receiver_name:
            text += f" cho {receiver_name}"
        return text + "."
    if status in (S.RECEIVED, S.PROCESSING, S.NEW):
        due = tr(" (hẹn trả {moment})").format(moment=_moment(due_at)) if due_at else ""
        return tr("Chưa thể trả kết quả: hồ sơ đang được giải quyết, chưa có kết quả{due}.").format(due=due)
    if status is S.SUPPLEMENT_REQUESTED:
        return tr("Chưa thể trả kết quả: hồ sơ đang chờ bổ sung, hoàn thiện giấy tờ.")
    if status is S.AWAITING_PAYMENT:
        return tr("Chưa thể trả kết quả: hồ sơ đang chờ thực hiện nghĩa vụ tài chính.")
    if status is S.STOPPED:
        return tr("Không có kết quả để trả: hồ sơ đã bị dừng giải quyết.")
    if status is S.WITHDRAWN:
        return tr("Không có kết quả để trả: công dân đã rút hồ sơ.")
    return tr("Không thể trả kết quả: hồ sơ ở trạng thái «{status}».").format(status=tr(lifecycle.label(status)))


# Write paths load the ORM object (they change it); the detail is read in ONE statement, because a
# scan at the return desk must cost little more than the index lookup itself (issue 7: ≤ 3× a bare
# indexed SELECT). Dossier with its procedure/case/applicant/officer/desk/unit, the control-slip rows
# as JSON (put in position order here: an ORDER BY inside the subquery costs a temporary B-tree), the
# return row with its officer. The calendar is looked up only if the due state needs it.
_LOAD_BY_CODE = select(Dossier).where(Dossier.code == bindparam("code")).options(
    joinedload(Dossier.procedure), joinedload(Dossier.case), joinedload(Dossier.applicant),
    joinedload(Dossier.officer), joinedload(Dossier.unit), joinedload(Dossier.desk),
    selectinload(Dossier.handoffs),
)

_DETAIL_SQL = """
SELECT d.code, d.status, d.received_at, d.due_at, d.original_due_at, d.sets, d.delivery_method,
       d.result_ready_at, d.returned_at, d.result_type, d.result_number, d.result_summary,
       p.code, p.name, c.name, a.kind, a.name, a.id_number, a.phone, a.address, o.full_name, k.number, u.name,
       (SELECT json_group_array(json_array(h.position, h.from_unit, h.to_unit, h.at, h.given_by, h.taken_by,
                                           h.result, h.note, h.source))
          FROM handoffs AS h WHERE h.dossier_id = d.id),
       r.returned_at, ro.full_name, r.receiver_name, r.receiver_id_number, r.receiver_phone,
       r.receiver_is_applicant, r.result_type, r.result_number, r.result_summary
  FROM dossiers AS d
  JOIN procedures AS p ON p.id = d.procedure_id
  JOIN procedure_cases AS c ON c.id = d.case_id
  JOIN applicants AS a ON a.id = d.applicant_id
  JOIN officers AS o ON o.id = d.officer_id
  JOIN desks AS k ON k.id = d.desk_id
  JOIN units AS u ON u.id = d.unit_id
  LEFT JOIN result_returns AS r ON r.dossier_id = d.id
  LEFT JOIN officers AS ro ON ro.id = r.officer_id
 WHERE d.code = ?
"""


@overload
def _when(value: str) -> datetime: ...
@overload
def _when(value: None) -> None: ...
def _when(value: str | None) -> datetime | None:
    """A stored moment (SQLite text) read back; NULL stays None."""
    return None if value is None else datetime.fromisoformat(value)


def _detail_from_row(row: tuple, cal: WorkingCalendar, now: datetime) -> DossierDetail:
    (code, status, received_at, due_at, original_due_at, sets, delivery_method, result_ready_at, returned_at,
     result_type, result_number, result_summary, procedure_code, procedure_name, case_name, applicant_kind,
     applicant_name, applicant_id_number, applicant_phone, applicant_address, officer_name, desk_number, unit_name,
     handoffs_json, r_returned_at, r_officer_name, r_receiver_name, r_receiver_id_number, r_receiver_phone,
     r_receiver_is_applicant, r_result_type, r_result_number, r_result_summary) = row
    status = DossierStatus(status)  # once; the helpers below take the member as it is
    due_at, returned_at = _when(due_at), _when(returned_at)
    summary = summary_of(
        cal, now, code=code, procedure_code=procedure_code, procedure_name=procedure_name, case_name=case_name,
        applicant_name=applicant_name, applicant_id_number=applicant_id_number, applicant_phone=applicant_phone,
        applicant_address=applicant_address, received_at=_when(received_at), due_at=due_at,
        original_due_at=_when(original_due_at), status=status, officer_name=officer_name, desk_number=desk_number,
        sets=sets, delivery_method=delivery_method, result_ready_at=_when(result_ready_at), returned_at=returned_at)
    return_info = None
    if r_returned_at is not None:
        return_info = ReturnInfo(
            _when(r_returned_at), r_officer_name or "", r_receiver_name, r_receiver_id_number, r_receiver_phone,
            bool(r_receiver_is_applicant), ResultDocument(r_result_type, r_result_number, r_result_summary))
    stored = ResultDocument(result_type, result_number, result_summary)
    documents = tuple(doc for doc in (stored,) if not doc.is_empty)
    if not documents and return_info is not None and not return_info.document.is_empty:
        documents = (return_info.document,)
    handoffs = tuple(
        HandoffRow(position, from_unit, to_unit, _when(at), given_by, taken_by, result,
                   TIMELINESS_LABELS.get(result, ""), note, source)
        for position, from_unit, to_unit, at, given_by, taken_by, result, note, source
        in (sorted(json.loads(handoffs_json)) if handoffs_json != "[]" else ()))  # sorted: by position first
    why = why_not_returnable(
        status, due_at=due_at, returned_at=returned_at or (return_info.returned_at if return_info else None),
        receiver_name=return_info.receiver_name if return_info else "")
    return DossierDetail(
        summary=summary, unit_name=unit_name, applicant_kind=applicant_kind, handoffs=handoffs, documents=documents,
        returned=return_info, can_hand_over=not why, why_not=why,
        can_mark_ready=lifecycle.can_move(status, S.RESULT_READY),
    )


def _read_detail(db: Database, code: str, now: datetime | None) -> DossierDetail | None:
    """The detail by code through the thread's reader: one statement, no session."""
    row = db.reader().execute(_DETAIL_SQL, (code,)).fetchone()
    if row is None:
        return None
    # CurrentCalendar forwards every WorkingCalendar method to the calendar it looks up on first use.
    return _detail_from_row(row, cast(WorkingCalendar, CurrentCalendar(db)), now or local_now())


def _load(session: Session, code: str) -> Dossier | None:
    return session.execute(_LOAD_BY_CODE, {"code": codes.normalise_scan(code)}).scalar_one_or_none()


def load_dossier(session: Session, code: str) -> Dossier:
    """The dossier with everything the detail shows; NotFoundError (Vietnamese) when unknown."""
    dossier = _load(session, code)
    if dossier is None:
        raise NotFoundError(tr("Không tìm thấy hồ sơ có mã «{value}».").format(value=code.strip()), field="code")
    return dossier


def build_detail(session: Session, dossier: Dossier, now: datetime | None = None) -> DossierDetail:
    """The read model of a dossier inside the caller's (possibly writing) session: same statement as a scan,
    on the session's own connection after a flush, so it sees the unit of work's changes."""
    session.flush()
    driver = session.connection().connection.driver_connection
    assert driver is not None  # an open session's connection has its DB-API connection
    row = driver.execute(_DETAIL_SQL, (dossier.code,)).fetchone()
    return _detail_from_row(row, calendar_for(session), now or local_now())


def detail(db: Database, code: str, *, now: datetime | None = None) -> DossierDetail:
    """The detail of one dossier; NotFoundError with a Vietnamese message when there is none."""
    found = _read_detail(db, codes.normalise_scan(code), now)
    if found is None:
        raise NotFoundError(tr("Không tìm thấy hồ sơ có mã «{value}».").format(value=code.strip()), field="code")
    return found


# ---------------------------------------------------------------- scan resolution

class ScanKind(enum.StrEnum):
    DOSSIER = "dossier"
    NOTICE = "notice"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ScanResult:
    kind: ScanKind
    code: str  # the normalised text
    detail: DossierDetail | None = None  # for DOSSIER
    message: str = ""  # for UNKNOWN (and a short note for NOTICE)


_NOTICE_EXISTS = "SELECT 1 FROM supplement_notices WHERE code = ?"


def resolve_scan(db: Database, text: str, *, now: datetime | None = None) -> ScanResult:
    """What a scanner (or the officer) typed: a dossier, a supplement notice, or nothing known.

    Codes that do not follow Circular 01/2018 (dossiers imported from an older system) are still
    looked up by exact match; the lookup is one indexed read either way.
    """
    code = codes.normalise_scan(text)
    if not code:
        return ScanResult(ScanKind.UNKNOWN, "", message=tr("Chưa có mã: hãy quét mã vạch trên giấy tiếp nhận."))
    # Only a code with the notice prefix can be a notice: other scans skip the parse (most of them).
    parsed = codes.parse_code(code) if f"-{codes.NOTICE_PREFIX}" in code else None
    if parsed is not None and parsed.is_notice:
        if db.reader().execute(_NOTICE_EXISTS, (code,)).fetchone():
            return ScanResult(ScanKind.NOTICE, code,
                              message=tr("«{code}» là mã phiếu yêu cầu bổ sung, không phải mã hồ sơ: "
                                      "hồ sơ bổ sung được tiếp nhận ở trang Tiếp nhận hồ sơ.").format(code=code))
        return ScanResult(ScanKind.UNKNOWN, code,
                          message=tr("Không tìm thấy phiếu yêu cầu bổ sung có mã «{code}» trên máy này.").format(code=code))
    found = _read_detail(db, code, now)
    if found is not None:
        return ScanResult(ScanKind.DOSSIER, code, detail=found)
    if codes.parse_code(code) is None:
        return ScanResult(ScanKind.UNKNOWN, code,
                          message=tr("«{value}» không phải mã hồ sơ hay mã phiếu bổ sung. Hãy quét lại.").format(value=text.strip()))
    return ScanResult(ScanKind.UNKNOWN, code, message=tr("Không tìm thấy hồ sơ có mã «{code}» trên máy này.").format(code=code))


# ---------------------------------------------------------------- inputs

@dataclass(frozen=True)
class Receiver:
    """Who takes the result: the applicant, or an authorised person.

    ``is_applicant=None`` decides from the ID number (the CLI's case).
    """

    name: str = ""
    id_number: str = ""
    phone: str = ""
    is_applicant: bool | None = True


def _check_role(ctx: DeskContext, what: str) -> None:
    if not any(ctx.has_role(r) for r in RETURN_ROLES):
        raise PermissionDeniedError(tr("Tài khoản này không có quyền {what}.").format(what=what))


def _clean_document(doc: ResultDocument, stored: ResultDocument) -> ResultDocument:
    clean = ResultDocument(nfc(doc.type) or stored.type, nfc(doc.number) or stored.number,
                           nfc(doc.summary) or stored.summary)
    if not clean.type:
        raise ValidationError(tr("Hãy ghi loại giấy tờ kết quả (ví dụ: Giấy khai sinh)."), field="result_type")
    if len(clean.type) > 255 or len(clean.number) > 100:
        raise ValidationError(tr("Loại hoặc số giấy tờ kết quả quá dài."), field="result_type")
    return clean


def _clean_receiver(receiver: Receiver, dossier: Dossier) -> Receiver:
    applicant = dossier.applicant
    id_number = "".join(receiver.id_number.split()).upper()
    is_applicant = receiver.is_applicant
    if is_applicant is None:
        is_applicant = bool(id_number) and id_number == applicant.id_number
    if is_applicant:
        if applicant.kind not in (ApplicantKind.CITIZEN.value, ApplicantKind.PASSPORT.value):  # a person takes it
            raise ValidationError(tr("Chủ hồ sơ là tổ chức: hãy ghi họ tên và số CCCD của người đến nhận kết quả."),
                                  field="receiver_is_applicant")
        id_number = id_number or applicant.id_number
        if id_number != applicant.id_number:
            raise ValidationError(tr("Số CCCD người nhận không khớp với chủ hồ sơ. Nếu là người được ủy quyền, "
                                  "hãy bỏ chọn «Người nhận là chủ hồ sơ»."), field="receiver_id_number")
        name = applicant.name  # as registered, whatever spelling a script typed
        phone = normalise_phone(receiver.phone) or applicant.phone
    else:
        name = nfc(receiver.name)
        if not name:
            raise ValidationError(tr("Hãy ghi họ và tên người nhận kết quả."), field="receiver_name")
        if problem := check_cccd(id_number):
            raise ValidationError(tr("Người nhận kết quả: {problem}").format(problem=problem), field="receiver_id_number")
        phone = normalise_phone(receiver.phone)
    if not NAME_RE.match(name) or len(name) > 150:
        raise ValidationError(tr("Họ tên người nhận chỉ gồm chữ cái và khoảng trắng."), field="receiver_name")
    if phone and not (MOBILE_RE.match(phone) or LANDLINE_RE.match(phone)):
        raise ValidationError(tr("Số điện thoại người nhận không hợp lệ: di động 10 số bắt đầu bằng 03, 05, 07, 08, "
                              "09; cố định 11 số bắt đầu bằng 02."), field="receiver_phone")
    return Receiver(name, id_number, phone, is_applicant)


def _add_handoff(dossier: Dossier, **fields) -> Handoff:  # noqa: ANN003
    position = max((h.position for h in dossier.handoffs), default=0) + 1
    row = Handoff(position=position, source="desk", **fields)
    dossier.handoffs.append(row)
    return row


# ---------------------------------------------------------------- result ready

def mark_result_ready(db: Database, ctx: DeskContext, code: str, result_type: str, result_number: str = "",
                      result_summary: str = "", *, processing_unit: str = "", processed_by: str = "",
                      now: datetime | None = None) -> DossierDetail:
    """Status 9 at the desk, with the result document and the control-slip row back to the desk."""
    _check_role(ctx, tr("ghi nhận hồ sơ đã có kết quả"))
    now = now or local_now()
    with db.write() as session:
        dossier = load_dossier(session, code)
        status = DossierStatus(dossier.status)
        if status is S.RESULT_READY:
            when = tr(" từ {moment}").format(moment=_moment(dossier.result_ready_at)) if dossier.result_ready_at else ""
            raise IllegalTransitionError(tr("Hồ sơ đã được ghi nhận có kết quả{when}.").format(when=when))
        if not lifecycle.can_move(status, S.RESULT_READY):
            reason = build_detail(session, dossier, now).why_not
            reason = reason.replace(tr("Chưa thể trả kết quả: "), "").replace(tr("Không có kết quả để trả: "), "")
            raise IllegalTransitionError(tr("Không thể ghi nhận có kết quả. {reason}").format(reason=reason[:1].upper() + reason[1:]))
        document = _clean_document(ResultDocument(result_type, result_number, result_summary), ResultDocument())
        officer = session.get_one(Officer, ctx.officer_id)
        unit = nfc(processing_unit) or DEFAULT_PROCESSING_UNIT
        if not dossier.handoffs:
            # In-house processing: the desk handed the dossier over to the specialist on receipt.
            _add_handoff(dossier, from_unit=DESK_UNIT, to_unit=unit, at=dossier.received_at,
                         given_by=dossier.officer.full_name, taken_by=nfc(processed_by),
                         note="Chuyển xử lý trong đơn vị")
        _add_handoff(dossier, from_unit=unit, to_unit=DESK_UNIT, at=now, given_by=nfc(processed_by),
                     taken_by=officer.full_name, result=timeliness(dossier.due_at, now),
                     note=f"Có kết quả: {document.type}")
        dossier.result_ready_at = now
        dossier.result_type, dossier.result_number, dossier.result_summary = (
            document.type, document.number, document.summary)
        changes.change_status(session, dossier, S.RESULT_READY, officer=officer, at=now,
                              reason="Có kết quả tại Bộ phận Một cửa",
                              details={"result_type": document.type, "result_number": document.number})
        return build_detail(session, dossier, now)


# ---------------------------------------------------------------- hand-over

@dataclass(frozen=True)
class HandOverResult:
    code: str
    returned_at: datetime
    receiver: Receiver
    document: ResultDocument
    detail: DossierDetail


class HandOverRefused(IllegalTransitionError):
    """The dossier is not at status 9; the message says why."""


def hand_over(db: Database, ctx: DeskContext, code: str, receiver: Receiver,
              document: ResultDocument | None = None, *, now: datetime | None = None) -> HandOverResult:
    """Hand the result over: status 10, ResultReturn, returned_at, last control-slip row; one transaction.

    Empty document fields fall back to what was recorded when the result became ready.
    """
    _check_role(ctx, tr("trả kết quả"))
    now = now or local_now()
    with db.write() as session:
        dossier = load_dossier(session, code)
        if dossier.status != S.RESULT_READY:
            raise HandOverRefused(build_detail(session, dossier, now).why_not, field="code")
        who = _clean_receiver(receiver, dossier)
        stored = ResultDocument(dossier.result_type, dossier.result_number, dossier.result_summary)
        doc = _clean_document(document or ResultDocument(), stored)
        officer = session.get_one(Officer, ctx.officer_id)
        session.add(ResultReturn(
            dossier_id=dossier.id, returned_at=now, officer_id=officer.id, receiver_name=who.name,
            receiver_id_number=who.id_number, receiver_phone=who.phone, receiver_is_applicant=bool(who.is_applicant),
            result_type=doc.type, result_number=doc.number, result_summary=doc.summary))
        dossier.returned_at = now
        dossier.result_type, dossier.result_number, dossier.result_summary = doc.type, doc.number, doc.summary
        finished = dossier.result_ready_at or now
        _add_handoff(dossier, from_unit=DESK_UNIT, to_unit=CITIZEN_UNIT, at=now, given_by=officer.full_name,
                     taken_by=who.name, result=timeliness(dossier.due_at, finished),
                     note="Trả kết quả cho chủ hồ sơ" if who.is_applicant else "Trả kết quả cho người được ủy quyền")
        changes.change_status(
            session, dossier, S.RETURNED, officer=officer, at=now, reason="Trả kết quả",
            details={"receiver_name": who.name, "receiver_id_number": who.id_number,
                     "receiver_is_applicant": bool(who.is_applicant), "result_type": doc.type,
                     "result_number": doc.number})
        return HandOverResult(dossier.code, now, who, doc, build_detail(session, dossier, now))


# ---------------------------------------------------------------- correction (đính chính)

CORRECTION_ROLES = frozenset({Role.SUPERVISOR})
MIN_CORRECTION_REASON = 5


@dataclass(frozen=True)
class CorrectionResult:
    code: str
    corrected: tuple[str, ...]  # "result", "receiver", "recalled"
    detail: DossierDetail


def _document_json(doc: ResultDocument) -> dict[str, str]:
    return {"type": doc.type, "number": doc.number, "summary": doc.summary}


def correct_result(db: Database, ctx: DeskContext, code: str, reason: str, *,
                   document: ResultDocument | None = None, receiver: Receiver | None = None,
                   recall: bool = False, now: datetime | None = None) -> CorrectionResult:
    """Đính chính by a supervisor, once a result exists (status 9 or 10): the result document
    (type, number, summary), who took it, or — a return recorded by mistake — the return itself
    recalled (status 10 back to 9, the hand-over row kept in the audit log). Audited with the values
    before and after; the outbox event carries the corrected record to the central system."""
    if not ctx.roles & CORRECTION_ROLES:
        raise PermissionDeniedError(tr("Chỉ lãnh đạo mới được đính chính kết quả hoặc việc trả kết quả."))
    reason = " ".join(nfc(reason or "").split())
    if len(reason) < MIN_CORRECTION_REASON:
        raise ValidationError(tr("Hãy ghi rõ lý do đính chính (ít nhất 5 ký tự)."), field="reason")
    if document is None and receiver is None and not recall:
        raise ValidationError(tr("Không có nội dung nào để đính chính."), field="reason")
    now = now or local_now()
    with db.write() as session:
        dossier = load_dossier(session, code)
        status = DossierStatus(dossier.status)
        if status not in (S.RESULT_READY, S.RETURNED):
            raise IllegalTransitionError(
                tr("Hồ sơ đang ở trạng thái «{status}»: chưa có kết quả để đính chính.").format(status=tr(lifecycle.label(status))))
        officer = session.get_one(Officer, ctx.officer_id)
        returned = session.execute(select(ResultReturn).where(ResultReturn.dossier_id == dossier.id)).scalar_one_or_none()
        details: dict = {"reason": reason, "correction": True}
        corrected: list[str] = []
        if document is not None:
            before = ResultDocument(dossier.result_type, dossier.result_number, dossier.result_summary)
            after = _clean_document(document, ResultDocument())
            dossier.result_type, dossier.result_number, dossier.result_summary = after.type, after.number, after.summary
            if returned is not None:
                returned.result_type, returned.result_number, returned.result_summary = (
                    after.type, after.number, after.summary)
            details["result_before"], details["corrected_result"] = _document_json(before), _document_json(after)
            corrected.append("result")
        if receiver is not None:
            if returned is None or status is not S.RETURNED:
                raise IllegalTransitionError(tr("Kết quả chưa được trả: không có người nhận để đính chính."))
            who = _clean_receiver(receiver, dossier)
            details["receiver_before"] = {"name": returned.receiver_name, "id_number": returned.receiver_id_number,
                                          "phone": returned.receiver_phone}
            returned.receiver_name, returned.receiver_id_number = who.name, who.id_number
            returned.receiver_phone, returned.receiver_is_applicant = who.phone, bool(who.is_applicant)
            details["corrected_receiver"] = {"name": who.name, "id_number": who.id_number, "phone": who.phone}
            corrected.append("receiver")
        if recall:
            if status is not S.RETURNED or returned is None:
                raise IllegalTransitionError(tr("Hồ sơ chưa trả kết quả: không có việc trả kết quả để thu hồi."))
            details["recalled_return"] = {"returned_at": returned.returned_at.isoformat(sep=" "),
                                          "receiver_name": returned.receiver_name,
                                          "receiver_id_number": returned.receiver_id_number}
            session.delete(returned)
            dossier.returned_at = None
            dossier.status, dossier.status_changed_at = S.RESULT_READY.value, now
            details.update({"from": S.RETURNED.value, "to": S.RESULT_READY.value, "recall": True})
            _add_handoff(dossier, from_unit=CITIZEN_UNIT, to_unit=DESK_UNIT, at=now, given_by="",
                         taken_by=officer.full_name, note=f"Thu hồi việc trả kết quả (đính chính): {reason}")
            corrected.append("recalled")
        session.flush()
        changes.record_change(session, dossier, action=lifecycle.RESULT_CORRECTED, officer=officer,
                                details=details)
        return CorrectionResult(dossier.code, tuple(corrected), build_detail(session, dossier, now))


# ---------------------------------------------------------------- command line

def officer_context(db: Database, username: str | None) -> DeskContext:
    """The desk context of a named officer (scripts); without a name, the only return officer."""
    with db.read() as session:
        if username:
            officer = session.execute(
                select(Officer).where(Officer.username == username.strip().lower(), Officer.active.is_(True))
            ).scalar_one_or_none()
            if officer is None:
                raise NotFoundError(tr("Không có cán bộ đang hoạt động với tên đăng nhập «{value}».").format(value=username.strip()),
                                    field="officer")
        else:
            candidates = [o for o in session.execute(
                select(Officer).where(Officer.active.is_(True)).order_by(Officer.id)).scalars()
                if o.role_set & RETURN_ROLES]
            if len(candidates) != 1:
                raise ValidationError(tr("Hãy chỉ định cán bộ trả kết quả bằng --officer TÊN_ĐĂNG_NHẬP."),
                                      field="officer")
            officer = candidates[0]
        return desk_context(session, officer)
