"""Back-office steps on a dossier: processing, supplement request, stop, result ready.

Each step checks the lifecycle table shared with the desk, writes a control-slip (form 06) row
and publishes the change to the receiving desk's feed, in one transaction. The API and the
``counter-central dossier …`` commands both call ``move``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, selectinload

from counter_app.domain.due_state import timeliness
from counter_app.domain.lifecycle import can_move, label, same_agency, supplement_once_message
from counter_app.models import DossierStatus
from counter_app.sync import protocol as p

from . import feed, portal
from .errors import IllegalTransition, Malformed, NotFound, SupplementOnce
from .models import Dossier, Handoff, SupplementRequest, Unit, now_local

S = DossierStatus
DESK_LABEL = "Bộ phận tiếp nhận và trả kết quả"

PROCESS = "process"
SUPPLEMENT = "supplement"
STOP = "stop"
RESULT = "result"
TARGETS = {PROCESS: S.PROCESSING, SUPPLEMENT: S.SUPPLEMENT_REQUESTED, STOP: S.STOPPED, RESULT: S.RESULT_READY}


@dataclass
class Step:
    action: str
    agency: str
    officer: str
    note: str = ""
    reason: str = ""  # stop
    items: list[dict[str, str]] = field(default_factory=list)  # supplement: [{name, reason}]
    result_type: str = ""
    result_number: str = ""
    result_summary: str = ""


def _locked(session: Session, code: str) -> tuple[Dossier, str]:
    """The dossier, locked for the step, and its receiving desk's label (the unit's name read in
    the same statement: one round trip fewer while the back office waits)."""
    row = session.execute(
        select(Dossier, Unit.name).outerjoin(Unit, Unit.code == Dossier.unit_code)
        .where(Dossier.code == code.strip().upper()).with_for_update(of=Dossier)).first()
    if row is None:
        raise NotFound(f"Không tìm thấy hồ sơ có mã «{code.strip()}» trên hệ thống trung tâm.")
    dossier, unit_name = row
    return dossier, f"{DESK_LABEL} ({unit_name})" if unit_name else DESK_LABEL


def move(session: Session, code: str, step: Step, *, now: datetime | None = None) -> dict[str, Any]:
    """Apply one back-office step; returns the published change payload."""
    if step.action not in TARGETS:
        raise Malformed(f"Bước xử lý «{step.action}» không hợp lệ.")
    if not step.agency.strip() or not step.officer.strip():
        raise Malformed("Hãy ghi rõ cơ quan xử lý và cán bộ xử lý.")
    now = now or now_local()
    dossier, desk = _locked(session, code)
    target = TARGETS[step.action]
    current = dossier.status
    if step.action == SUPPLEMENT:  # the legal rule first: its message says more than the status table's
        earlier = next((r for r in session.execute(select(SupplementRequest).where(
            SupplementRequest.dossier_id == dossier.id)).scalars() if same_agency(r.agency, step.agency)), None)
        if earlier is not None:
            raise SupplementOnce(supplement_once_message(dossier.code, step.agency, earlier.requested_at))
    if current == target or not can_move(current, target):
        raise IllegalTransition(
            f"Không thể chuyển hồ sơ {dossier.code} từ trạng thái «{label(current)}» sang «{label(target)}».")
    payload: dict[str, Any] = {"code": dossier.code, "from": current, "to": target.value,
                               "at": p.format_moment(now), "agency": step.agency, "officer": step.officer,
                               "note": step.note, "correction": False}

    if step.action == PROCESS:
        returning = current == S.SUPPLEMENT_REQUESTED
        handoff = dict(from_unit=desk, to_unit=step.agency, given_by="" if returning else dossier.officer_name,
                       taken_by=step.officer,
                       note=step.note or ("Nhận hồ sơ đã bổ sung để tiếp tục giải quyết" if returning
                                          else "Nhận hồ sơ để giải quyết"))
    elif step.action == SUPPLEMENT:
        if not step.items:
            raise Malformed("Yêu cầu bổ sung phải liệt kê ít nhất một giấy tờ cần bổ sung, kèm lý do.")
        number = session.execute(select(func.count()).select_from(SupplementRequest).where(
            SupplementRequest.dossier_id == dossier.id)).scalar_one() + 1
        request = SupplementRequest(dossier_id=dossier.id, code=f"{dossier.code}-YCBS{number}", agency=step.agency,
                                    officer=step.officer, requested_at=now, note=step.note,
                                    items=json.dumps(step.items, ensure_ascii=False))
        session.add(request)
        payload["supplement"] = {"code": request.code, "agency": step.agency, "items": step.items}
        handoff = dict(from_unit=step.agency, to_unit=desk, given_by=step.officer, taken_by="",
                       note=step.note or "Yêu cầu bổ sung hồ sơ: " + "; ".join(i["name"] for i in step.items))
    elif step.action == STOP:
        if not step.reason.strip():
            raise Malformed("Hãy ghi lý do dừng giải quyết hồ sơ.")
        payload["reason"] = step.reason
        handoff = dict(from_unit=step.agency, to_unit=desk, given_by=step.officer, taken_by="",
                       note=f"Dừng giải quyết: {step.reason}")
    else:
        if not step.result_type.strip():
            raise Malformed("Hãy ghi loại giấy tờ kết quả (ví dụ: Giấy khai sinh).")
        dossier.result_ready_at = now
        dossier.result_type, dossier.result_number = step.result_type, step.result_number
        dossier.result_summary = step.result_summary
        payload["result"] = {"type": step.result_type, "number": step.result_number, "summary": step.result_summary}
        handoff = dict(from_unit=step.agency, to_unit=desk, given_by=step.officer, taken_by="",
                       note=step.note or f"Chuyển kết quả: {step.result_type} {step.result_number}".strip())

    # The clock stops while the applicant supplements; the desk recomputes the deadline on return.
    if target == S.SUPPLEMENT_REQUESTED:
        dossier.due_at = None
    # The row's position is read by the INSERT itself, a statement that starts after the dossier's
    # lock was granted, so it sees the rows of the step that held the lock before.
    result = timeliness(dossier.due_at, now) if target != S.PROCESSING else ""
    position = (select(func.coalesce(func.max(Handoff.position), 0) + 1)
                .where(Handoff.dossier_id == dossier.id).scalar_subquery())
    dossier.status, dossier.status_changed_at, dossier.updated_at = target.value, now, now
    dossier.in_feed = True  # flushed with the INSERT below: one UPDATE of the dossier
    session.execute(insert(Handoff).values(dossier_id=dossier.id, position=position, at=now, result=result,
                                           **handoff))
    payload["handoff"] = {"from_unit": handoff["from_unit"], "to_unit": handoff["to_unit"],
                          "at": p.format_moment(now), "given_by": handoff["given_by"],
                          "taken_by": handoff["taken_by"], "result": result, "note": handoff["note"]}
    feed.publish(session, p.CHANGE_DOSSIER_STATUS, payload, unit_code=dossier.unit_code,
                 desk_number=dossier.desk_number, entity_key=dossier.code)
    portal.enqueue(session, dossier, now=now)
    return payload


def describe(session: Session, code: str) -> dict[str, Any]:
    dossier = session.execute(select(Dossier).where(Dossier.code == code.strip().upper()).options(
        selectinload(Dossier.handoffs), selectinload(Dossier.supplements))).scalar_one_or_none()
    if dossier is None:
        raise NotFound(f"Không tìm thấy hồ sơ có mã «{code.strip()}» trên hệ thống trung tâm.")
    fmt = p.format_moment
    return {
        "code": dossier.code, "unit_code": dossier.unit_code, "desk_number": dossier.desk_number,
        "procedure_code": dossier.procedure_code, "procedure_name": dossier.procedure_name,
        "applicant_name": dossier.applicant_name, "status": dossier.status, "status_label": label(dossier.status),
        "received_at": fmt(dossier.received_at), "due_at": fmt(dossier.due_at),
        "result_ready_at": fmt(dossier.result_ready_at), "returned_at": fmt(dossier.returned_at),
        "result": {"type": dossier.result_type, "number": dossier.result_number, "summary": dossier.result_summary},
        "first_seen_at": fmt(dossier.first_seen_at),
        "handoffs": [{"position": h.position, "from_unit": h.from_unit, "to_unit": h.to_unit, "at": fmt(h.at),
                      "given_by": h.given_by, "taken_by": h.taken_by, "result": h.result, "note": h.note}
                     for h in dossier.handoffs],
        "supplements": [{"code": s.code, "agency": s.agency, "requested_at": fmt(s.requested_at),
                         "items": json.loads(s.items)} for s in dossier.supplements],
    }


def supplement_notice_data(session: Session, code: str, notice_code: str = ""):  # noqa: ANN201 - SupplementNoticeData
    """Form 02 of a processing-stage request, printed at the central (the desk prints the same
    from its synced copy): the latest request of the dossier, or the one named."""
    from counter_app.printing.data import (
        AgencyInfo,
        ApplicantInfo,
        SupplementItem,
        SupplementNoticeData,
        procedure_page_url,
    )
    from counter_app.printing.text import place_date_text

    dossier = session.execute(select(Dossier).where(Dossier.code == code.strip().upper()).options(
        selectinload(Dossier.supplements))).scalar_one_or_none()
    if dossier is None:
        raise NotFound(f"Không tìm thấy hồ sơ có mã «{code.strip()}» trên hệ thống trung tâm.")
    requests = [r for r in dossier.supplements if not notice_code or r.code == notice_code.strip().upper()]
    if not requests:
        raise NotFound(f"Hồ sơ {dossier.code} không có yêu cầu bổ sung trong quá trình giải quyết.")
    request = requests[-1]
    unit = session.get(Unit, dossier.unit_code)
    unit_name = unit.name if unit is not None and unit.name else dossier.unit_code
    items = json.loads(request.items)
    return SupplementNoticeData(
        agency=AgencyInfo(parent_name=unit_name.upper(), name=request.agency.upper(), agency_code=dossier.unit_code,
                          place="", desk_unit_name=""),
        notice_code=request.code, number="", place_date=place_date_text("……", request.requested_at.date()),
        applicant=ApplicantInfo(dossier.applicant_name, dossier.id_number, dossier.address, dossier.phone,
                                dossier.email, kind=dossier.applicant_kind or "citizen"),
        procedure_name=dossier.procedure_name, procedure_code=dossier.procedure_code,
        items=tuple(SupplementItem(i, item.get("name", ""), item.get("reason", ""))
                    for i, item in enumerate(items, start=1)),
        officer_name=request.officer, officer_phone="", procedure_url=procedure_page_url(dossier.procedure_code),
        stage="processing", requesting_agency=request.agency,
    )
