"""Online dossiers at the desk (issue #15): the queue "Hồ sơ trực tuyến chờ tiếp nhận".

The central publishes each online dossier of the unit (sync/apply.py stores it here with its
files, downloaded by the sync). The officer opens one at the reception page, checks it against the
checklist like any dossier, and decides with the counter's own rules (services/reception.py with
``online_code``): receive keeping the portal's code, one supplement notice (form 02, also sent to
the portal through the central), or refuse (form 03). The decision is recorded here at once,
offline too (``local_state``), and sent with the next sync; the central's answer (``state`` and
``decided_by_desk``) confirms it, or says another desk decided first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models import (
    ApplicantKind,
    OnlineSubmission,
    OnlineSubmissionFile,
    Procedure,
    ProcedureCase,
    local_now,
)
from counter_app.models.db import Database

from .applicants import ApplicantInput
from .errors import NotFoundError, ValidationError

WAITING, RECEIVED, SUPPLEMENT, REFUSED = "waiting", "received", "supplement", "refused"
STATE_LABELS = {WAITING: QT_TR_NOOP("Chờ tiếp nhận"), RECEIVED: QT_TR_NOOP("Đã tiếp nhận"), SUPPLEMENT: QT_TR_NOOP("Đã yêu cầu bổ sung"),
                REFUSED: QT_TR_NOOP("Đã từ chối")}


@dataclass(frozen=True)
class OnlineFileInfo:
    id: int
    name: str
    document_name: str
    size: int
    downloaded: bool


@dataclass(frozen=True)
class OnlineItem:
    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    id_number: str
    submitted_at: datetime
    state: str  # the central's
    local_state: str  # this desk's decision, "" before it
    confirmed: bool  # the central recorded this desk's decision
    taken_elsewhere: bool  # another desk decided first
    notice_code: str
    central_note: str
    files: tuple[OnlineFileInfo, ...]

    @property
    def status_text(self) -> str:
        if self.taken_elsewhere:
            return tr("Quầy khác đã xử lý")
        if self.local_state:
            done = STATE_LABELS[self.local_state]
            return tr("{done} — trung tâm đã xác nhận").format(done=done) if self.confirmed else tr("{done} — chờ đồng bộ").format(done=done)
        return tr("Chờ tiếp nhận (đã bổ sung)") if self.notice_code else tr(STATE_LABELS.get(self.state, self.state))


@dataclass(frozen=True)
class OnlineStart:
    """What the reception page needs to check an online dossier."""

    code: str
    procedure_id: int
    case_id: int
    applicant: ApplicantInput
    notice_code: str  # its earlier supplement notice: the intake continues under the once-only rule


def _item(row: OnlineSubmission, desk_number: int) -> OnlineItem:
    record = json.loads(row.record)
    confirmed = bool(row.local_state) and row.state == row.local_state and row.decided_by_desk == desk_number
    elsewhere = row.state != WAITING and row.decided_by_desk not in (None, desk_number)
    return OnlineItem(
        row.code, row.procedure_code, str(record.get("TenTTHC", "")), row.applicant_name, row.id_number,
        row.submitted_at, row.state, row.local_state, confirmed, elsewhere, row.notice_code, row.central_note,
        tuple(OnlineFileInfo(f.id, f.name, f.document_name, f.size, f.data is not None) for f in row.files))


def _desk_number(session: Session) -> int:
    from .org import current_desk

    desk = current_desk(session)
    return desk.number if desk is not None else 0


def queue(db: Database) -> list[OnlineItem]:
    """Waiting for this desk's unit and not decided here yet, oldest submission first."""
    with db.read() as session:
        number = _desk_number(session)
        rows = session.execute(select(OnlineSubmission).where(OnlineSubmission.state == WAITING,
                                                              OnlineSubmission.local_state == "")
                               .options(selectinload(OnlineSubmission.files))
                               .order_by(OnlineSubmission.submitted_at, OnlineSubmission.id)).scalars()
        return [_item(r, number) for r in rows]


def decided(db: Database, limit: int = 50) -> list[OnlineItem]:
    """Decided here (confirmed by the central or waiting for the next sync), newest first."""
    with db.read() as session:
        number = _desk_number(session)
        rows = session.execute(select(OnlineSubmission).where(OnlineSubmission.local_state != "")
                               .options(selectinload(OnlineSubmission.files))
                               .order_by(OnlineSubmission.local_decided_at.desc(), OnlineSubmission.id.desc())
                               .limit(limit)).scalars()
        return [_item(r, number) for r in rows]


def waiting_count(db: Database) -> int:
    """How many wait for this desk's unit (the reception page's button)."""
    from sqlalchemy import func

    with db.read() as session:
        return session.execute(select(func.count()).select_from(OnlineSubmission).where(
            OnlineSubmission.state == WAITING, OnlineSubmission.local_state == "")).scalar_one()


def start(db: Database, code: str) -> OnlineStart:
    with db.read() as session:
        row = session.execute(select(OnlineSubmission).where(OnlineSubmission.code == code)).scalar_one_or_none()
        if row is None:
            raise NotFoundError(tr("Không có hồ sơ trực tuyến {code} trên máy này.").format(code=code))
        if row.local_state or row.state != WAITING:
            raise ValidationError(tr("Hồ sơ trực tuyến {code} đã được xử lý.").format(code=code), field="online")
        found = session.execute(
            select(Procedure.id, ProcedureCase.id).join(ProcedureCase, ProcedureCase.procedure_id == Procedure.id)
            .where(Procedure.code == row.procedure_code, ProcedureCase.active.is_(True))
            .order_by(ProcedureCase.position, ProcedureCase.id)).first()
        if found is None:
            raise ValidationError(tr("Thủ tục {procedure_code} của hồ sơ trực tuyến {code} chưa có trong danh mục "
                                  "của quầy: hãy đồng bộ danh mục rồi thử lại.").format(procedure_code=row.procedure_code, code=code), field="online")
        record: dict[str, Any] = json.loads(row.record)
        kind = str(record.get("LoaiDoiTuong") or "citizen")
        applicant = ApplicantInput(
            kind=ApplicantKind(kind) if kind in ApplicantKind._value2member_map_ else ApplicantKind.CITIZEN,
            id_number=row.id_number, name=row.applicant_name, address=str(record.get("DiaChi", "")),
            phone=str(record.get("SoDienThoai", "")), email=str(record.get("Email", "")))
        return OnlineStart(row.code, found[0], found[1], applicant, row.notice_code)


def decide(session: Session, code: str, state: str, *, now: datetime, notice_code: str = "") -> OnlineSubmission:
    """This desk's decision, in the caller's reception transaction; refused when already decided."""
    row = session.execute(select(OnlineSubmission).where(OnlineSubmission.code == code)).scalar_one_or_none()
    if row is None:
        raise NotFoundError(tr("Không có hồ sơ trực tuyến {code} trên máy này.").format(code=code), field="online")
    if row.local_state or row.state != WAITING:
        raise ValidationError(tr("Hồ sơ trực tuyến {code} đã được xử lý (quầy này hoặc quầy khác); "
                              "không thể quyết định lần nữa.").format(code=code), field="online")
    row.local_state, row.local_decided_at, row.updated_at = state, now, now
    if notice_code:
        row.notice_code = notice_code
    return row


def intake_extra(code: str, reason: str = "") -> dict[str, Any]:
    """What an intake record of an online dossier adds (central/online.py reads it)."""
    return {"MaHoSoTrucTuyen": code, "LyDo": reason, "KenhThucHien": "online"}


def apply_entry(session: Session, payload: dict[str, Any]) -> None:
    """One ``online.dossier`` entry of the changes feed (sync/apply.py)."""
    code = payload["code"]
    record = payload["record"]
    row = session.execute(select(OnlineSubmission).where(OnlineSubmission.code == code)
                          .options(selectinload(OnlineSubmission.files))).scalar_one_or_none()
    submitted = datetime.strptime(str(payload["submitted_at"]), "%Y-%m-%d %H:%M:%S")
    if row is None:
        row = OnlineSubmission(code=code, submitted_at=submitted, local_state="", notice_code="", central_note="")
        session.add(row)
    state = str(payload["state"])
    if state == WAITING and row.state != WAITING and row.local_state == SUPPLEMENT:
        row.local_state = ""  # back after the applicant supplemented on the portal: to be checked again
    row.record = json.dumps(record, ensure_ascii=False)
    row.procedure_code = str(record.get("MaTTHC", ""))[:40]
    row.applicant_name = str(record.get("ChuHoSo", ""))[:255]
    row.id_number = str(record.get("SoGiayTo", ""))[:20]
    row.submitted_at, row.state = submitted, state
    row.decided_by_desk = payload.get("desk_number")
    row.central_note = str(payload.get("reason") or "")
    row.updated_at = local_now()
    session.flush()
    known = {f.id for f in row.files}
    for f in payload.get("files") or []:
        if f["id"] not in known:
            session.add(OnlineSubmissionFile(id=int(f["id"]), submission_id=row.id, name=str(f["name"])[:255],
                                             document_name=str(f.get("document", ""))[:500], size=int(f["size"]),
                                             sha256=str(f["sha256"]), data=None))


def missing_files(db: Database) -> list[tuple[int, str]]:
    """Files of waiting dossiers not downloaded yet: (id, sha256)."""
    with db.read() as session:
        return list(session.execute(
            select(OnlineSubmissionFile.id, OnlineSubmissionFile.sha256).join(OnlineSubmission)
            .where(OnlineSubmissionFile.data.is_(None), OnlineSubmission.state == WAITING)).tuples())


def store_file(db: Database, file_id: int, data: bytes) -> None:
    with db.write() as session:
        row = session.get(OnlineSubmissionFile, file_id)
        if row is not None:
            row.data = data


def open_file(db: Database, file_id: int, directory: Path) -> Path:
    """The file written to ``directory`` for viewing."""
    with db.read() as session:
        row = session.get(OnlineSubmissionFile, file_id)
        if row is None:
            raise NotFoundError(tr("Không có tệp số {file_id}.").format(file_id=file_id))
        if row.data is None:
            raise ValidationError(tr("Tệp «{name}» chưa tải về: hãy đồng bộ khi có kết nối.").format(name=row.name), field="file")
        directory.mkdir(parents=True, exist_ok=True)
        safe = "".join(c for c in row.name if c not in '/\\:*?"<>|').strip() or f"tep-{file_id}"
        path = directory / f"{file_id}-{safe}"
        path.write_bytes(row.data)
        return path
